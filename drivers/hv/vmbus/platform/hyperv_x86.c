// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 part of the Hyper-V platform: SynIC registers are MSRs and the
 * VMBus interrupt is the kernel's Hyper-V callback vector.
 *
 * Facts: Hyper-V TLFS (synthetic MSR numbers); Debian linux-source-6.12
 * arch/x86/include/asm/hyperv-tlfs.h (HV_X64_MSR_*,
 * HV_DEPRECATING_AEOI_RECOMMENDED) and arch/x86/include/asm/irq_vectors.h.
 */
#include <asm/irq_vectors.h>
#include <asm/msr.h>
#include <asm/mshyperv.h>
#include "platform.h"
#include "hyperv.h"

static const u32 hvg_x86_msr[] = {
	[HVG_SYNIC_SCONTROL] = 0x40000080,
	[HVG_SYNIC_SIEFP] = 0x40000082,
	[HVG_SYNIC_SIMP] = 0x40000083,
	[HVG_SYNIC_EOM] = 0x40000084,
	/* SINT0 is 0x40000090; the VMBus SINT follows it. */
	[HVG_SYNIC_SINT_VMBUS] = 0x40000090 + VMBUS_MSG_SINT,
};

/* SINT auto-EOI bit (TLFS). */
#define HVG_SINT_AUTO_EOI	BIT_ULL(17)

u64 hvg_synic_read(enum hvg_synic_reg reg)
{
	u64 val;

	hvg_rdmsr(hvg_x86_msr[reg], val);
	return val;
}

void hvg_synic_write(enum hvg_synic_reg reg, u64 val)
{
	hvg_wrmsr(hvg_x86_msr[reg], val);
}

int hvg_hyperv_irq_init(void)
{
	hv_setup_vmbus_handler(vmbus_isr);
	return 0;
}

void hvg_hyperv_irq_exit(void)
{
	hv_remove_vmbus_handler();
}

void hvg_hyperv_irq_cpu(bool enable)
{
	/* The callback vector is always enabled. */
}

u64 hvg_hyperv_sint_bits(void)
{
	u64 bits = HYPERVISOR_CALLBACK_VECTOR;

	if (!(ms_hyperv.hints & HV_DEPRECATING_AEOI_RECOMMENDED))
		bits |= HVG_SINT_AUTO_EOI;
	return bits;
}
