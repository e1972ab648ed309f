/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The seam between hv_vmbus's "sim" platform backend and the simulated
 * Hyper-V host (hv_sim). It models exactly what a guest and a host share
 * on real hardware, and nothing more:
 *
 *  - guest to host: HvPostMessage (post_msg), HvSignalEvent (signal_event)
 *    and the end-of-message write that frees a SynIC message slot (eom);
 *  - host to guest: a SynIC message written into the per-CPU message slot
 *    of VMBUS_MSG_SINT (vmbus_sim_deliver_msg) and an event flag set in the
 *    per-CPU event flags of that SINT (vmbus_sim_signal_guest), each
 *    followed by an interrupt on that CPU.
 *
 * Everything else - ring buffers, GPADLs, monitor pages - the host reaches
 * through guest physical page numbers carried in channel messages, as a
 * real host does. VP index n is Linux CPU n.
 *
 * Load order: hv_vmbus (with platform=sim), then hv_sim, which calls
 * vmbus_sim_attach(); hv_vmbus connects to it from then on. hv_sim calls
 * vmbus_sim_detach() before it unloads; hv_vmbus then drops every channel,
 * as after a host reset, and waits for a host again.
 */
#ifndef HV_SIM_H
#define HV_SIM_H

#include <linux/types.h>

/**
 * struct vmbus_sim_host_ops - what the guest calls on the simulated host
 * @post_msg: HvPostMessage: the guest sends a @len-byte message (a channel
 *	message, at most HV_SYNIC_MSG_PAYLOAD_MAX bytes) on connection id
 *	@conn_id. @msg is valid only during the call. Called in any context,
 *	including hard interrupts: copy and queue, never sleep. Return 0,
 *	-EAGAIN when the host has no buffer (the guest retries later), or
 *	-EINVAL for a connection id the host does not know.
 * @signal_event: HvSignalEvent on connection id @conn_id (a channel's
 *	connection id from its offer). Any context, never sleep.
 * @eom: the guest freed the message slot of @cpu after finding
 *	HV_SYNIC_MSG_FLAG_PENDING set: the host may deliver its next message
 *	for that CPU now. Any context, never sleep.
 */
struct vmbus_sim_host_ops {
	int (*post_msg)(void *host, u32 conn_id, const void *msg, u32 len);
	void (*signal_event)(void *host, u32 conn_id);
	void (*eom)(void *host, unsigned int cpu);
};

int vmbus_sim_attach(const struct vmbus_sim_host_ops *ops, void *host);
void vmbus_sim_detach(void *host);
int vmbus_sim_deliver_msg(unsigned int cpu, u32 type, const void *payload,
			  u32 len);
int vmbus_sim_signal_guest(unsigned int cpu, u32 relid);

#endif /* HV_SIM_H */
