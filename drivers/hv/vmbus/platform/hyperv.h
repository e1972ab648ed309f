/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the Hyper-V platform (hyperv.c) needs from each architecture: how
 * to reach the SynIC registers and how the VMBus interrupt arrives.
 */
#ifndef HV_VMBUS_PLATFORM_HYPERV_H
#define HV_VMBUS_PLATFORM_HYPERV_H

#include <linux/types.h>

/* SynIC registers the platform programs; each arch maps them. */
enum hvg_synic_reg {
	HVG_SYNIC_SCONTROL,
	HVG_SYNIC_SIEFP,
	HVG_SYNIC_SIMP,
	HVG_SYNIC_EOM,
	HVG_SYNIC_SINT_VMBUS,
};

u64 hvg_synic_read(enum hvg_synic_reg reg);
void hvg_synic_write(enum hvg_synic_reg reg, u64 val);

/* Route the VMBus interrupt to vmbus_isr(); undo it. Process context. */
int hvg_hyperv_irq_init(void);
void hvg_hyperv_irq_exit(void);
/* Per CPU, on that CPU: enable or disable the interrupt there. */
void hvg_hyperv_irq_cpu(bool enable);
/* The SINT bits besides masked: the vector (or INTID) and auto-EOI. */
u64 hvg_hyperv_sint_bits(void);

#endif /* HV_VMBUS_PLATFORM_HYPERV_H */
