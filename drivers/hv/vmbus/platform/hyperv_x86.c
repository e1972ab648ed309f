// SPDX-License-Identifier: GPL-2.0
/*
 * The x86-64 Hyper-V platform. It builds on the kernel's own Hyper-V
 * support (built in whenever CONFIG_HYPERV is set): the hypercall page,
 * the per-CPU hypercall input pages, VP indexes and the callback vector.
 * What is ours is the SynIC setup for VMBus and the two hypercalls.
 *
 * Facts: Hyper-V TLFS (SynIC MSRs, HvPostMessage, HvSignalEvent, status
 * codes); Debian linux-source-6.12 arch/x86/include/asm/hyperv-tlfs.h
 * (MSR numbers, SINT layout) and drivers/hv/hv.c (which registers a guest
 * programs to enable a SINT).
 */
#include <linux/io.h>
#include <linux/gfp.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <asm/irq_vectors.h>
#include <asm/msr.h>
#include <asm/mshyperv.h>
#include "platform.h"

/* SynIC MSRs (TLFS "Synthetic Interrupt Controller" registers). */
#define HVG_MSR_SCONTROL	0x40000080
#define HVG_MSR_SIEFP		0x40000082
#define HVG_MSR_SIMP		0x40000083
#define HVG_MSR_EOM		0x40000084
#define HVG_MSR_SINT0		0x40000090

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
	hv_setup_vmbus_handler(vmbus_isr);
	return 0;
}

static void hvg_hyperv_exit(void)
{
	hv_remove_vmbus_handler();
}

static void hvg_hyperv_enable_page(u32 msr, void *page)
{
	u64 val;

	hvg_rdmsr(msr, val);
	val &= ~(HVG_SYNIC_GPA_MASK | HVG_SYNIC_ENABLE);
	val |= (virt_to_phys(page) & HVG_SYNIC_GPA_MASK) | HVG_SYNIC_ENABLE;
	hvg_wrmsr(msr, val);
}

static void hvg_hyperv_disable_page(u32 msr)
{
	u64 val;

	hvg_rdmsr(msr, val);
	hvg_wrmsr(msr, val & ~(HVG_SYNIC_GPA_MASK | HVG_SYNIC_ENABLE));
}

static void hvg_hyperv_route_sint(bool enable)
{
	u64 sint;

	hvg_rdmsr(HVG_MSR_SINT0 + VMBUS_MSG_SINT, sint);
	sint &= ~(HVG_SINT_VECTOR | HVG_SINT_MASKED | HVG_SINT_AUTO_EOI);
	if (enable) {
		sint |= HYPERVISOR_CALLBACK_VECTOR;
		if (!(ms_hyperv.hints & HV_DEPRECATING_AEOI_RECOMMENDED))
			sint |= HVG_SINT_AUTO_EOI;
	} else {
		sint |= HVG_SINT_MASKED;
	}
	hvg_wrmsr(HVG_MSR_SINT0 + VMBUS_MSG_SINT, sint);
}

static DEFINE_PER_CPU(struct vmbus_synic_pages, hvg_hyperv_pages);

static int hvg_hyperv_cpu_online(unsigned int cpu, struct vmbus_synic_pages *pages)
{
	struct vmbus_synic_pages *p = per_cpu_ptr(&hvg_hyperv_pages, cpu);
	u64 scontrol;

	p->msg = (void *)get_zeroed_page(GFP_KERNEL);
	p->event_flags = (void *)get_zeroed_page(GFP_KERNEL);
	if (!p->msg || !p->event_flags) {
		free_page((unsigned long)p->msg);
		free_page((unsigned long)p->event_flags);
		return -ENOMEM;
	}
	hvg_hyperv_enable_page(HVG_MSR_SIMP, p->msg);
	hvg_hyperv_enable_page(HVG_MSR_SIEFP, p->event_flags);
	hvg_hyperv_route_sint(true);
	hvg_rdmsr(HVG_MSR_SCONTROL, scontrol);
	hvg_wrmsr(HVG_MSR_SCONTROL, scontrol | HVG_SYNIC_ENABLE);
	*pages = *p;
	return 0;
}

static void hvg_hyperv_cpu_offline(unsigned int cpu)
{
	struct vmbus_synic_pages *p = per_cpu_ptr(&hvg_hyperv_pages, cpu);

	/* The stimers share the SynIC: leave SCONTROL enabled for them. */
	hvg_hyperv_route_sint(false);
	hvg_hyperv_disable_page(HVG_MSR_SIMP);
	hvg_hyperv_disable_page(HVG_MSR_SIEFP);
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
	hvg_wrmsr(HVG_MSR_EOM, 0);
}

static u32 hvg_hyperv_vp_index(unsigned int cpu)
{
	return hv_vp_index[cpu];
}

const struct vmbus_platform_ops vmbus_platform_hyperv = {
	.name = "hyperv-x86_64",
	.init = hvg_hyperv_init,
	.exit = hvg_hyperv_exit,
	.cpu_online = hvg_hyperv_cpu_online,
	.cpu_offline = hvg_hyperv_cpu_offline,
	.post_msg = hvg_hyperv_post_msg,
	.signal_event = hvg_hyperv_signal_event,
	.eom = hvg_hyperv_eom,
	.vp_index = hvg_hyperv_vp_index,
};
