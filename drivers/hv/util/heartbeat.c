// SPDX-License-Identifier: GPL-2.0
/*
 * Heartbeat IC: the host sends a sequence number every few seconds and
 * takes the answer, the number plus one, as a sign that the guest lives.
 */
#include <linux/device.h>
#include <hv/vmbus.h>
#include "util.h"

/* Newest first. Source: include/hv/proto/ic.h (IC_HEARTBEAT_V*). */
static const u32 hb_versions[] = {
	IC_HEARTBEAT_V3,
	IC_HEARTBEAT_V1,
};

static int hb_on_msg(struct ic_dev *icd, struct ic_msg *msg)
{
	if (ic_heartbeat_answer(msg->body, msg->body_len)) {
		dev_err_ratelimited(&icd->hdev->device,
				    "heartbeat: request of %u bytes too short\n",
				    msg->body_len);
		msg->status = IC_STATUS_FAIL;
	}
	return 0;
}

const struct ic_service ic_heartbeat_service = {
	.name = "heartbeat",
	.class_id = IC_GUID_HEARTBEAT,
	.msg_type = IC_MSG_HEARTBEAT,
	.versions = hb_versions,
	.n_versions = ARRAY_SIZE(hb_versions),
	.on_msg = hb_on_msg,
};
