/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test echo device: a device class of our own, offered only by the
 * simulated host (hv_sim) so that the VMBus core's channel path (open,
 * rings, signalling, close, rescind) can be tested without any real
 * device protocol on top. Not a Hyper-V device; no real host offers it.
 *
 * Protocol: every in-band packet (VMBUS_PKT_DATA_INBAND) the guest sends
 * is answered with one packet carrying the same payload bytes and the same
 * trans_id: a VMBUS_PKT_COMPLETION when the guest set
 * VMBUS_PKT_FLAG_COMPLETION_REQUESTED, otherwise an in-band packet. The
 * payload starts with struct hvg_echo_hdr; op HVG_ECHO_OP_ECHO is echoed
 * as sent, HVG_ECHO_OP_SINK is consumed without an answer (to fill the
 * host's rings), and HVG_ECHO_OP_BURST asks for @count answers of
 * @len bytes each (to fill the guest's inbound ring).
 */
#ifndef _HV_PROTO_TEST_ECHO_H
#define _HV_PROTO_TEST_ECHO_H

#include "guid.h"

/* a0038c4b-396a-4d73-9aa0-b1ca77bef876, generated for hvguest. */
#define VMBUS_GUID_TEST_ECHO_BYTES					\
	HV_GUID_BYTES(0xa0, 0x03, 0x8c, 0x4b, 0x39, 0x6a, 0x4d, 0x73,	\
		      0x9a, 0xa0, 0xb1, 0xca, 0x77, 0xbe, 0xf8, 0x76)
#define VMBUS_GUID_TEST_ECHO						\
	((struct hv_guid){ VMBUS_GUID_TEST_ECHO_BYTES })

enum hvg_echo_op {
	HVG_ECHO_OP_ECHO	= 1,
	HVG_ECHO_OP_SINK	= 2,
	HVG_ECHO_OP_BURST	= 3,
};

struct hvg_echo_hdr {
	u32 op;			/* enum hvg_echo_op */
	u32 seq;		/* chosen by the guest, echoed */
	u32 count;		/* HVG_ECHO_OP_BURST: packets to send */
	u32 len;		/* HVG_ECHO_OP_BURST: payload bytes of each */
} __packed;

HV_ASSERT_SIZE(struct hvg_echo_hdr, 16);

#endif /* _HV_PROTO_TEST_ECHO_H */
