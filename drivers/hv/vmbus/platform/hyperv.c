// SPDX-License-Identifier: GPL-2.0
/*
 * The Hyper-V platform, common to x86-64 and ARM64. It builds on the
 * kernel's own Hyper-V support (built in whenever CONFIG_HYPERV is set):
 * hypercalls, per-CPU hypercall input pages and VP indexes. The
 * architecture files reach the SynIC registers and the interrupt.
 *
 * Facts: Hyper-V TLFS (SynIC registers, HvPostMessage, HvSignalEvent,
 * status codes); Debian linux-source-6.12 drivers/hv/hv.c (the registers a
 * guest programs to enable a SINT) and include/asm-generic/hyperv-tlfs.h.
 */
#include <linux/io.h>
#include <linux/gfp.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <asm/mshyperv.h>
#include "platform.h"
#include "hyperv.h"

/* SIMP/SIEFP/SCONTROL bit 0 enables; SIMP/SIEFP bits 63:12 hold the GPA. */
#define HVG_SYNIC_ENABLE	BIT_ULL(0)
#define HVG_SYNIC_GPA_MASK	GENMASK_ULL(63, 12)
/* SINT: vector in bits 7:0, masked bit 16, auto-EOI bit 17. */
#define HVG_SINT_VECTOR		GENMASK_ULL(7, 0)
#define HVG_SINT_MASKED		BIT_ULL(16)
#define HVG_SINT_AUTO_EOI	BIT_ULL(17)

/* Hypercall status: the low 16 bits of the result (TLFS). */
#define HVG_HV_STATUS_MASK			0xffff
#define HVG_HV_STATUS_INSUFFICIENT_BUFFERS	0x13

static DEFINE_PER_CPU(struct vmbus_synic_pages, hvg_hyperv_pages);

static int hvg_hyperv_init(void)
{
	if (!hv_is_hyperv_initialized()) {
		pr_err("not running on Hyper-V (or the kernel did not set up hypercalls)\n");
		return -ENODEV;
	}
	if (hv_is_isolation_supported()) {
		pr_err("confidential (isolated) VMs are not supported yet\n");
		return -ENODEV;
	}
	return hvg_hyperv_irq_init();
}

static void hvg_hyperv_exit(void)
{
	hvg_hyperv_irq_exit();
}

static void hvg_hyperv_enable_page(enum hvg_synic_reg reg, void *page)
{
	u64 val = hvg_synic_read(reg);

	val &= ~(HVG_SYNIC_GPA_MASK | HVG_SYNIC_ENABLE);
	val |= (virt_to_phys(page) & HVG_SYNIC_GPA_MASK) | HVG_SYNIC_ENABLE;
	hvg_synic_write(reg, val);
}

static void hvg_hyperv_disable_page(enum hvg_synic_reg reg)
{
	u64 val = hvg_synic_read(reg);

	hvg_synic_write(reg, val & ~(HVG_SYNIC_GPA_MASK | HVG_SYNIC_ENABLE));
}

static void hvg_hyperv_route_sint(bool enable)
{
	u64 sint = hvg_synic_read(HVG_SYNIC_SINT_VMBUS);

	sint &= ~(HVG_SINT_VECTOR | HVG_SINT_MASKED | HVG_SINT_AUTO_EOI);
	sint |= enable ? hvg_hyperv_sint_bits() : HVG_SINT_MASKED;
	hvg_synic_write(HVG_SYNIC_SINT_VMBUS, sint);
}

static int hvg_hyperv_cpu_online(unsigned int cpu,
				 struct vmbus_synic_pages *pages)
{
	struct vmbus_synic_pages *p = per_cpu_ptr(&hvg_hyperv_pages, cpu);

	/* A Hyper-V page is 4 KiB; a guest page of any size holds one. */
	p->msg = (void *)get_zeroed_page(GFP_KERNEL);
	p->event_flags = (void *)get_zeroed_page(GFP_KERNEL);
	if (!p->msg || !p->event_flags) {
		free_page((unsigned long)p->msg);
		free_page((unsigned long)p->event_flags);
		return -ENOMEM;
	}
	hvg_hyperv_enable_page(HVG_SYNIC_SIMP, p->msg);
	hvg_hyperv_enable_page(HVG_SYNIC_SIEFP, p->event_flags);
	hvg_hyperv_route_sint(true);
	hvg_synic_write(HVG_SYNIC_SCONTROL,
			hvg_synic_read(HVG_SYNIC_SCONTROL) | HVG_SYNIC_ENABLE);
	hvg_hyperv_irq_cpu(true);
	*pages = *p;
	return 0;
}

static void hvg_hyperv_cpu_offline(unsigned int cpu)
{
	struct vmbus_synic_pages *p = per_cpu_ptr(&hvg_hyperv_pages, cpu);

	hvg_hyperv_irq_cpu(false);
	/* The stimers share the SynIC: leave SCONTROL enabled for them. */
	hvg_hyperv_route_sint(false);
	hvg_hyperv_disable_page(HVG_SYNIC_SIMP);
	hvg_hyperv_disable_page(HVG_SYNIC_SIEFP);
	free_page((unsigned long)p->msg);
	free_page((unsigned long)p->event_flags);
	p->msg = NULL;
	p->event_flags = NULL;
}

static int hvg_hyperv_post_msg(u32 conn_id, const void *msg, u32 len)
{
	struct hv_synic_post_msg_input *in;
	unsigned long flags;
	u64 status;

	if (len > HV_SYNIC_MSG_PAYLOAD_MAX)
		return -EINVAL;
	local_irq_save(flags);
	in = *this_cpu_ptr(hyperv_pcpu_input_arg);
	memset(in, 0, sizeof(*in));
	in->connection_id = conn_id;
	in->message_type = HV_SYNIC_MSG_TYPE_VMBUS;
	in->payload_size = len;
	memcpy(in->payload, msg, len);
	status = hv_do_hypercall(VMBUS_HVCALL_POST_MESSAGE, in, NULL) &
		 HVG_HV_STATUS_MASK;
	local_irq_restore(flags);

	if (status == HVG_HV_STATUS_INSUFFICIENT_BUFFERS)
		return -EAGAIN;
	return status ? -EIO : 0;
}

static void hvg_hyperv_signal_event(u32 conn_id)
{
	hv_do_fast_hypercall8(VMBUS_HVCALL_SIGNAL_EVENT, conn_id);
}

static void hvg_hyperv_eom(void)
{
	hvg_synic_write(HVG_SYNIC_EOM, 0);
}

static u32 hvg_hyperv_vp_index(unsigned int cpu)
{
	return hv_vp_index[cpu];
}

const struct vmbus_platform_ops vmbus_platform_hyperv = {
	.name = "hyperv",
	.init = hvg_hyperv_init,
	.exit = hvg_hyperv_exit,
	.cpu_online = hvg_hyperv_cpu_online,
	.cpu_offline = hvg_hyperv_cpu_offline,
	.post_msg = hvg_hyperv_post_msg,
	.signal_event = hvg_hyperv_signal_event,
	.eom = hvg_hyperv_eom,
	.vp_index = hvg_hyperv_vp_index,
};
