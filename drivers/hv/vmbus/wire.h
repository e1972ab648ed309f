/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The checks of what the host sends on the VMBus control plane (wire.c):
 * SynIC message headers, channel messages, offers and the answers to the
 * guest's requests. Pure functions on private copies, built in the kernel
 * and in user space (tests/fuzz/fuzz_vmbus.c).
 */
#ifndef HV_VMBUS_WIRE_H
#define HV_VMBUS_WIRE_H

#include <hv/proto/vmbus.h>

int vmbus_synic_msg_check(const struct hv_synic_msg_header *hdr);
int vmbus_chmsg_check(const void *msg, u32 len);
int vmbus_offer_check(const struct vmbus_chmsg_offer *offer);
u32 vmbus_chmsg_answer_key(u32 type, const void *msg);
int vmbus_version_answer(const struct vmbus_chmsg_version_response *r,
			 u32 version, u32 *msg_conn_id);
int vmbus_open_answer(const struct vmbus_chmsg_open_result *r, u32 relid);
int vmbus_gpadl_answer(const struct vmbus_chmsg_gpadl_created *r, u32 relid);
int vmbus_modify_answer(const struct vmbus_chmsg_modify_channel_response *r);

#endif /* HV_VMBUS_WIRE_H */
