/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The platform layer: the only code in hv_vmbus that knows how the host is
 * reached (hypercalls, SynIC registers, the VMBus interrupt). The rest of
 * the core sees only the operations below.
 */
#ifndef HV_VMBUS_PLATFORM_H
#define HV_VMBUS_PLATFORM_H

#include <linux/types.h>
#include <hv/proto/vmbus.h>

/**
 * struct vmbus_synic_pages - one CPU's SynIC pages, as the core reads them
 * @msg: the message page: one HV_SYNIC_MSG_SIZE slot per SINT
 * @event_flags: the event flags page: HV_SYNIC_EVENT_FLAGS_SIZE bytes per
 *	SINT, one bit per channel relid
 */
struct vmbus_synic_pages {
	struct hv_synic_msg *msg;
	unsigned long *event_flags;
};

/**
 * struct vmbus_platform_ops - how the core reaches the host
 * @name: shown in the kernel log and /sys/module/hv_vmbus/parameters
 * @init: detect the host and set up what all CPUs share. Process context,
 *	once, before any other op. -ENODEV if this host is not present; must
 *	then leave no trace.
 * @exit: undo @init. Process context, after every CPU went offline.
 * @cpu_online: enable this CPU's SynIC for VMBus (message and event pages
 *	in @pages, SINT VMBUS_MSG_SINT unmasked and routed to the VMBus
 *	interrupt, which calls vmbus_isr()). Runs on @cpu in process context
 *	(CPU hotplug callback).
 * @cpu_offline: undo @cpu_online on @cpu; runs there, process context.
 *	No vmbus_isr() runs on @cpu afterwards.
 * @post_msg: HvPostMessage of @len bytes (<= HV_SYNIC_MSG_PAYLOAD_MAX) on
 *	connection @conn_id. Any context. 0, -EAGAIN when the host is out of
 *	buffers (retry later), other negative errno on failure.
 * @signal_event: HvSignalEvent on connection @conn_id. Any context.
 * @eom: tell the host this CPU's message slot is free (end of message).
 *	Called by vmbus_isr() on its CPU, hard IRQ context.
 * @vp_index: the host's virtual processor index for Linux CPU @cpu.
 */
struct vmbus_platform_ops {
	const char *name;
	int (*init)(void);
	void (*exit)(void);
	int (*cpu_online)(unsigned int cpu, struct vmbus_synic_pages *pages);
	void (*cpu_offline)(unsigned int cpu);
	int (*post_msg)(u32 conn_id, const void *msg, u32 len);
	void (*signal_event)(u32 conn_id);
	void (*eom)(void);
	u32 (*vp_index)(unsigned int cpu);
};

extern const struct vmbus_platform_ops vmbus_platform_sim;
extern const struct vmbus_platform_ops vmbus_platform_hyperv;

/* Entry points of the core, called by the platform. */
void vmbus_isr(void);
void vmbus_host_reset(void);
void vmbus_host_ready(void);

#endif /* HV_VMBUS_PLATFORM_H */
