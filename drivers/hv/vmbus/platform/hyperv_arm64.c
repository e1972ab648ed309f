// SPDX-License-Identifier: GPL-2.0
/*
 * ARM64 part of the Hyper-V platform: SynIC registers are synthetic VP
 * registers reached by hypercall, and the VMBus interrupt is a per-CPU
 * interrupt (PPI) that ACPI describes in the _CRS of the VMBus device.
 *
 * Facts: Hyper-V TLFS (synthetic register numbers); Debian
 * linux-source-6.12 include/asm-generic/hyperv-tlfs.h (HV_REGISTER_SINT0,
 * _SCONTROL, _SIEFP, _SIMP, _EOM), arch/arm64/hyperv/hv_core.c
 * (hv_set_vpreg, hv_get_vpreg) and drivers/hv/vmbus_drv.c (the ACPI ids
 * "VMBUS"/"VMBus" and the extended-IRQ resource holding the INTID).
 */
#include <linux/acpi.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/percpu.h>
#include <asm/mshyperv.h>
#include "platform.h"
#include "hyperv.h"

static const u32 hvg_arm64_reg[] = {
	[HVG_SYNIC_SCONTROL] = 0x000A0010,
	[HVG_SYNIC_SIEFP] = 0x000A0012,
	[HVG_SYNIC_SIMP] = 0x000A0013,
	[HVG_SYNIC_EOM] = 0x000A0014,
	/* SINT0 is 0x000A0000; the VMBus SINT follows it. */
	[HVG_SYNIC_SINT_VMBUS] = 0x000A0000 + VMBUS_MSG_SINT,
};

struct hvg_arm64_irq {
	int irq;	/* Linux IRQ number */
	u32 intid;	/* what the SINT must name */
};

static struct hvg_arm64_irq hvg_irq = { .irq = -1 };
static int __percpu *hvg_irq_cookie;

u64 hvg_synic_read(enum hvg_synic_reg reg)
{
	return hv_get_vpreg(hvg_arm64_reg[reg]);
}

void hvg_synic_write(enum hvg_synic_reg reg, u64 val)
{
	hv_set_vpreg(hvg_arm64_reg[reg], val);
}

static irqreturn_t hvg_arm64_isr(int irq, void *cookie)
{
	vmbus_isr();
	return IRQ_HANDLED;
}

static acpi_status hvg_arm64_crs(struct acpi_resource *res, void *ctx)
{
	struct hvg_arm64_irq *out = ctx;
	struct resource r;

	if (res->type != ACPI_RESOURCE_TYPE_EXTENDED_IRQ)
		return AE_OK;
	if (!acpi_dev_resource_interrupt(res, 0, &r) ||
	    !res->data.extended_irq.interrupt_count)
		return AE_ERROR;
	out->intid = res->data.extended_irq.interrupts[0];
	out->irq = r.start;
	return AE_CTRL_TERMINATE;
}

/* The VMBus interrupt, from the _CRS of ACPI device VMBUS (or VMBus). */
static int hvg_arm64_find_irq(struct hvg_arm64_irq *out)
{
	static const char * const hids[] = { "VMBUS", "VMBus" };
	struct acpi_device *adev = NULL;
	acpi_status status;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hids) && !adev; i++)
		adev = acpi_dev_get_first_match_dev(hids[i], NULL, -1);
	if (!adev) {
		pr_err("no VMBus device in the ACPI tables\n");
		return -ENODEV;
	}
	status = acpi_walk_resources(adev->handle, METHOD_NAME__CRS,
				     hvg_arm64_crs, out);
	acpi_dev_put(adev);
	if (ACPI_FAILURE(status) || out->irq < 0) {
		pr_err("no usable VMBus interrupt in ACPI _CRS\n");
		return -ENODEV;
	}
	return 0;
}

int hvg_hyperv_irq_init(void)
{
	int ret;

	ret = hvg_arm64_find_irq(&hvg_irq);
	if (ret)
		return ret;
	hvg_irq_cookie = alloc_percpu(int);
	if (!hvg_irq_cookie)
		return -ENOMEM;
	ret = request_percpu_irq(hvg_irq.irq, hvg_arm64_isr, "Hyper-V VMbus",
				 hvg_irq_cookie);
	if (ret) {
		pr_err("cannot request VMBus interrupt %d: %d\n", hvg_irq.irq, ret);
		free_percpu(hvg_irq_cookie);
		hvg_irq_cookie = NULL;
	}
	return ret;
}

void hvg_hyperv_irq_exit(void)
{
	free_percpu_irq(hvg_irq.irq, hvg_irq_cookie);
	free_percpu(hvg_irq_cookie);
	hvg_irq_cookie = NULL;
}

void hvg_hyperv_irq_cpu(bool enable)
{
	if (enable)
		enable_percpu_irq(hvg_irq.irq, 0);
	else
		disable_percpu_irq(hvg_irq.irq);
}

u64 hvg_hyperv_sint_bits(void)
{
	/* On ARM64 the SINT names the PPI's INTID; no auto-EOI. */
	return hvg_irq.intid;
}
