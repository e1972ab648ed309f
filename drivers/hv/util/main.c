// SPDX-License-Identifier: GPL-2.0
/*
 * hv_utils: the integration components (heartbeat, shutdown, time sync,
 * KVP) on one vmbus driver, like upstream's module of the same name.
 *
 * This file is the framework the four services share: it binds to their
 * device classes, opens the channel, reads every packet, checks its
 * headers, answers version negotiation and hands the service's own
 * message type to the service. Everything the host sends is checked
 * before use; a bad message gets a rate-limited error and, when its
 * header allows one, a failure answer - never any other action.
 */
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <hv/vmbus.h>
#include "util.h"

/*
 * Rings: upstream uses three pages of data each way. The inbound ring is
 * larger so that its largest packet (vmbus_max_inbound_pkt(), half the
 * ring) covers every IC message; OpenVMM's hosts send at most 13312 bytes
 * (hyperv_ic_protocol MAX_MESSAGE_SIZE).
 */
#define IC_SEND_RING_SIZE	PAGE_ALIGN(4 * HV_PAGE_SIZE)
#define IC_RECV_RING_SIZE	PAGE_ALIGN(8 * HV_PAGE_SIZE)

/* Packets handled per callback; the core calls again while more wait. */
#define IC_RECV_BUDGET		32

static const u32 ic_framework_versions[] = {
	IC_FRAMEWORK_V3,
	IC_FRAMEWORK_V1,
};

static const struct hv_vmbus_device_id ic_id_table[] = {
	{ .guid = IC_GUID_SHUTDOWN,
	  .driver_data = (kernel_ulong_t)&ic_shutdown_service },
	{ .guid = IC_GUID_TIMESYNC,
	  .driver_data = (kernel_ulong_t)&ic_timesync_service },
	{ .guid = IC_GUID_HEARTBEAT,
	  .driver_data = (kernel_ulong_t)&ic_heartbeat_service },
	{ .guid = IC_GUID_KVP,
	  .driver_data = (kernel_ulong_t)&ic_kvp_service },
	{ },
};
MODULE_DEVICE_TABLE(vmbus, ic_id_table);

static struct device *ic_dev_of(struct ic_dev *icd)
{
	return &icd->hdev->device;
}

/**
 * ic_msg_from_buf() - describe the IC message in a private buffer
 * @msg: filled in
 * @buf: the packet payload, pipe header first; the answer is built here
 * @len: bytes of payload at @buf
 * @cap: bytes @buf can hold, at least @len
 * @trans_id: the packet's transaction id
 *
 * Return: what ic_parse() returns. On -EMSGSIZE @msg is usable for a
 * failure answer with an empty body.
 */
int ic_msg_from_buf(struct ic_msg *msg, u8 *buf, u32 len, u32 cap,
		    u64 trans_id)
{
	int ret = ic_parse(buf, len, &msg->hdr);

	msg->buf = buf;
	msg->cap = cap;
	msg->body = buf + IC_HDRS_LEN;
	msg->body_len = ret ? 0 : msg->hdr.size;
	msg->answer_len = msg->body_len;
	msg->status = IC_STATUS_OK;
	msg->trans_id = trans_id;
	return ret;
}

/**
 * ic_send_answer() - send the answer built in @msg
 * @icd: the device
 * @msg: the request, turned into its answer
 *
 * Any context. The packet goes out in-band, without completion request,
 * with the request's transaction id, as upstream answers.
 *
 * Return: 0 or what vmbus_send() returns.
 */
int ic_send_answer(struct ic_dev *icd, struct ic_msg *msg)
{
	u32 len;
	int ret;

	if (WARN_ON_ONCE(msg->answer_len > U16_MAX ||
			 msg->answer_len > msg->cap - IC_HDRS_LEN))
		return -EMSGSIZE;
	len = ic_finish_answer(msg->buf, &msg->hdr, msg->status,
			       msg->answer_len);
	ret = vmbus_send(icd->hdev->channel, VMBUS_PKT_DATA_INBAND, 0,
			 msg->trans_id, msg->buf, len);
	if (ret)
		dev_err_ratelimited(ic_dev_of(icd), "%s: answer not sent: %d\n",
				    icd->svc->name, ret);
	return ret;
}

/**
 * ic_answer_negotiate() - answer a NEGOTIATE request
 * @icd: the device
 * @msg: the request
 *
 * Chooses the newest common framework and message versions and records
 * them; answers failure with both counts 0 when the request is malformed
 * or nothing matches, and then keeps the versions negotiated before (a
 * bad request from the host does not stop the service). Any context.
 *
 * Return: what ic_send_answer() returns.
 */
int ic_answer_negotiate(struct ic_dev *icd, struct ic_msg *msg)
{
	const struct ic_service *svc = icd->svc;
	u32 fw = 0, ver = 0;
	int ret;

	if (msg->cap < IC_HDRS_LEN + IC_NEGOTIATE_ANSWER_LEN)
		return -EMSGSIZE;
	ret = ic_negotiate(msg->body, msg->body_len, ic_framework_versions,
			   ARRAY_SIZE(ic_framework_versions), svc->versions,
			   svc->n_versions, &fw, &ver);
	if (ret) {
		dev_err_ratelimited(ic_dev_of(icd), "%s: %s negotiation request\n",
				    svc->name, ret == -ENOENT ?
				    "no common version in" : "malformed");
		msg->status = IC_STATUS_FAIL;
		msg->answer_len = ic_negotiate_answer(msg->body, 0, 0, false);
		return ic_send_answer(icd, msg);
	}
	if (fw != READ_ONCE(icd->framework) || ver != READ_ONCE(icd->version))
		dev_info_ratelimited(ic_dev_of(icd),
				     "%s: IC framework %u.%u, message version %u.%u\n",
				     svc->name, IC_VER_MAJOR(fw), IC_VER_MINOR(fw),
				     IC_VER_MAJOR(ver), IC_VER_MINOR(ver));
	WRITE_ONCE(icd->framework, fw);
	WRITE_ONCE(icd->version, ver);
	msg->answer_len = ic_negotiate_answer(msg->body, fw, ver, true);
	return ic_send_answer(icd, msg);
}

/*
 * The request's body is of the message version negotiated: the layout of
 * a body depends on it (time sync 4.0 against 3.0, for one).
 */
static bool ic_version_matches(const struct ic_dev *icd, const struct ic_hdr *hdr)
{
	return IC_VER(hdr->msg_version.major, hdr->msg_version.minor) ==
	       READ_ONCE(icd->version);
}

/* Route one checked request; answer it unless its service defers. */
static void ic_dispatch(struct ic_dev *icd, struct ic_msg *msg)
{
	const struct ic_service *svc = icd->svc;

	if (msg->hdr.type == IC_MSG_NEGOTIATE) {
		if (!svc->on_negotiate || !svc->on_negotiate(icd, msg))
			ic_answer_negotiate(icd, msg);
		return;
	}
	if (msg->hdr.type != svc->msg_type) {
		dev_err_ratelimited(ic_dev_of(icd), "%s: unexpected message type %u\n",
				    svc->name, msg->hdr.type);
		msg->status = IC_STATUS_FAIL;
	} else if (!READ_ONCE(icd->version)) {
		dev_err_ratelimited(ic_dev_of(icd), "%s: message before version negotiation\n",
				    svc->name);
		msg->status = IC_STATUS_FAIL;
	} else if (!ic_version_matches(icd, &msg->hdr)) {
		dev_err_ratelimited(ic_dev_of(icd), "%s: message version %u.%u, negotiated %u.%u\n",
				    svc->name, msg->hdr.msg_version.major,
				    msg->hdr.msg_version.minor,
				    IC_VER_MAJOR(READ_ONCE(icd->version)),
				    IC_VER_MINOR(READ_ONCE(icd->version)));
		msg->status = IC_STATUS_FAIL;
	} else if (svc->on_msg(icd, msg) == IC_DEFERRED) {
		return;
	}
	ic_send_answer(icd, msg);
}

static void ic_on_packet(struct ic_dev *icd, const struct hv_ring_pkt *pkt)
{
	u8 *payload = icd->rx + pkt->payload_offset;
	u32 len = pkt->len - pkt->payload_offset;
	struct ic_msg msg;
	int ret;

	if (pkt->desc.type != VMBUS_PKT_DATA_INBAND) {
		dev_err_ratelimited(ic_dev_of(icd), "%s: dropped packet of type %u\n",
				    icd->svc->name, pkt->desc.type);
		return;
	}
	ret = ic_msg_from_buf(&msg, payload, len, icd->rx_size - pkt->payload_offset,
			      pkt->desc.trans_id);
	if (ret == -EBADMSG) {
		dev_err_ratelimited(ic_dev_of(icd), "%s: dropped packet of %u bytes, too short\n",
				    icd->svc->name, len);
		return;
	}
	if (ret) {
		dev_err_ratelimited(ic_dev_of(icd), "%s: message size %u overruns its packet (%u bytes)\n",
				    icd->svc->name, msg.hdr.size, len);
		msg.status = IC_STATUS_FAIL;
		ic_send_answer(icd, &msg);
		return;
	}
	ic_dispatch(icd, &msg);
}

/* Channel callback: softirq, never concurrently with itself. */
static void ic_on_event(void *ctx)
{
	struct ic_dev *icd = ctx;
	struct vmbus_channel *ch = icd->hdev->channel;
	struct hv_ring_pkt pkt;
	unsigned int n;
	int ret = 0;

	for (n = 0; n < IC_RECV_BUDGET; n++) {
		ret = vmbus_recv(ch, icd->rx, icd->rx_size, &pkt);
		if (ret)
			break;
		ic_on_packet(icd, &pkt);
	}
	if (ret && ret != -EAGAIN)
		dev_err_ratelimited(ic_dev_of(icd), "%s: receive failed: %d\n",
				    icd->svc->name, ret);
	vmbus_recv_done(ch);
}

static int ic_probe(struct hv_device *hdev, const struct hv_vmbus_device_id *id)
{
	const struct ic_service *svc = (const void *)id->driver_data;
	struct vmbus_open_params params = {
		.send_ring_size = IC_SEND_RING_SIZE,
		.recv_ring_size = IC_RECV_RING_SIZE,
		.on_event = ic_on_event,
	};
	struct ic_dev *icd;
	int ret;

	icd = devm_kzalloc(&hdev->device, sizeof(*icd), GFP_KERNEL);
	if (!icd)
		return -ENOMEM;
	icd->rx_size = vmbus_max_inbound_pkt(IC_RECV_RING_SIZE);
	icd->rx = devm_kzalloc(&hdev->device, icd->rx_size, GFP_KERNEL);
	if (!icd->rx)
		return -ENOMEM;
	icd->hdev = hdev;
	icd->svc = svc;
	dev_set_drvdata(&hdev->device, icd);

	ret = svc->init ? svc->init(icd) : 0;
	if (ret)
		return ret;
	params.ctx = icd;
	ret = vmbus_open(hdev->channel, &params);
	if (ret) {
		dev_err(&hdev->device, "%s: cannot open the channel: %d\n",
			svc->name, ret);
		if (svc->stop)
			svc->stop(icd);
		if (svc->teardown)
			svc->teardown(icd);
	}
	return ret;
}

static void ic_remove(struct hv_device *hdev)
{
	struct ic_dev *icd = dev_get_drvdata(&hdev->device);
	const struct ic_service *svc = icd->svc;

	if (svc->stop)
		svc->stop(icd);
	vmbus_close(hdev->channel);
	if (svc->teardown)
		svc->teardown(icd);
}

static struct hv_driver ic_driver = {
	.name = "hv_utils",
	.id_table = ic_id_table,
	.probe = ic_probe,
	.remove = ic_remove,
	.driver = {
		.probe_type = PROBE_PREFER_ASYNCHRONOUS,
	},
};

static int __init ic_init(void)
{
	return vmbus_driver_register(&ic_driver);
}

static void __exit ic_exit(void)
{
	vmbus_driver_unregister(&ic_driver);
}

module_init(ic_init);
module_exit(ic_exit);

MODULE_DESCRIPTION("Hyper-V integration components: heartbeat, shutdown, time sync, KVP");
MODULE_LICENSE("GPL");
MODULE_VERSION(HVG_VERSION);
HVG_IMPORT_NS();
