// SPDX-License-Identifier: GPL-2.0
/*
 * Pure helpers: the checks of everything the host sends on the control
 * plane (wire.h) and what turns wire values into what user space sees.
 * They touch no shared state and read only private copies, so KUnit and
 * the fuzz target tests/fuzz/fuzz_vmbus.c (which builds this file in
 * user space) can drive them directly.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <hv/vmbus.h>
#include "wire.h"

/* Relids index the SynIC event flags, one bit each. */
#define VMBUS_WIRE_MAX_RELID	HV_SYNIC_EVENT_FLAGS_COUNT

/**
 * vmbus_format_modalias() - format the modalias of a vmbus device
 * @buf: destination
 * @size: size of @buf; at least VMBUS_MODALIAS_LEN
 * @class_id: the device's class GUID, in wire byte order
 *
 * The format, "vmbus:" and the 16 GUID bytes in wire order as 32 lowercase
 * hex digits, is what upstream's MODALIAS uevent and the aliases modpost
 * generates from MODULE_DEVICE_TABLE(vmbus, ...) use (Debian
 * linux-source-6.12, scripts/mod/file2alias.c, do_vmbus_entry()).
 *
 * Return: the length written, excluding the NUL, or -ENOSPC.
 */
int vmbus_format_modalias(char *buf, size_t size, const guid_t *class_id)
{
	if (size < VMBUS_MODALIAS_LEN)
		return -ENOSPC;

	return snprintf(buf, size, "vmbus:%*phN", UUID_SIZE, class_id->b);
}
EXPORT_SYMBOL_HVG(vmbus_format_modalias);

/**
 * vmbus_synic_msg_check() - validate the header of a SynIC message
 * @hdr: the header, copied out of the SynIC message slot
 *
 * Only VMBus channel messages come to the VMBus SINT; the payload must
 * hold a channel message header and fit the slot.
 *
 * Return: the payload size, or -EBADMSG (logged, rate-limited).
 */
int vmbus_synic_msg_check(const struct hv_synic_msg_header *hdr)
{
	if (hdr->type != HV_SYNIC_MSG_TYPE_VMBUS) {
		pr_err_ratelimited("dropped SynIC message of type %#x\n",
				   hdr->type);
		return -EBADMSG;
	}
	if (hdr->payload_size > HV_SYNIC_MSG_PAYLOAD_MAX ||
	    hdr->payload_size < sizeof(struct vmbus_chmsg_header)) {
		pr_err_ratelimited("dropped SynIC message with payload size %u\n",
				   hdr->payload_size);
		return -EBADMSG;
	}
	return hdr->payload_size;
}
EXPORT_SYMBOL_HVG(vmbus_synic_msg_check);

/* The host-to-guest messages the guest handles, and the least each holds. */
static const u8 vmbus_chmsg_min_len[VMBUS_CHMSG_COUNT] = {
	[VMBUS_CHMSG_OFFER] = sizeof(struct vmbus_chmsg_offer),
	[VMBUS_CHMSG_RESCIND] = sizeof(struct vmbus_chmsg_rescind),
	[VMBUS_CHMSG_ALL_OFFERS_DELIVERED] =
		sizeof(struct vmbus_chmsg_all_offers_delivered),
	[VMBUS_CHMSG_OPEN_RESULT] = sizeof(struct vmbus_chmsg_open_result),
	[VMBUS_CHMSG_GPADL_CREATED] = sizeof(struct vmbus_chmsg_gpadl_created),
	[VMBUS_CHMSG_GPADL_TORNDOWN] = sizeof(struct vmbus_chmsg_gpadl_torndown),
	[VMBUS_CHMSG_VERSION_RESPONSE] =
		sizeof(struct vmbus_chmsg_version_response),
	[VMBUS_CHMSG_UNLOAD_RESPONSE] =
		sizeof(struct vmbus_chmsg_unload_response),
	[VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE] =
		sizeof(struct vmbus_chmsg_modify_channel_response),
};

/**
 * vmbus_chmsg_check() - validate a channel message from the host
 * @msg: the message, a private copy
 * @len: its length, at most HV_SYNIC_MSG_PAYLOAD_MAX
 *
 * Logs (rate-limited) why a message is dropped.
 *
 * Return: the message type, or -EBADMSG if it must be dropped: too short
 * for its header or its type, or of a type the host must not send.
 */
int vmbus_chmsg_check(const void *msg, u32 len)
{
	const struct vmbus_chmsg_header *hdr = msg;

	if (len < sizeof(*hdr) || len > HV_SYNIC_MSG_PAYLOAD_MAX) {
		pr_err_ratelimited("dropped host message of %u bytes\n", len);
		return -EBADMSG;
	}
	if (hdr->type >= VMBUS_CHMSG_COUNT || !vmbus_chmsg_min_len[hdr->type]) {
		pr_err_ratelimited("dropped host message of unexpected type %u\n",
				   hdr->type);
		return -EBADMSG;
	}
	if (len < vmbus_chmsg_min_len[hdr->type]) {
		pr_err_ratelimited("dropped host message type %u: %u bytes, need %u\n",
				   hdr->type, len, vmbus_chmsg_min_len[hdr->type]);
		return -EBADMSG;
	}
	return hdr->type;
}
EXPORT_SYMBOL_HVG(vmbus_chmsg_check);

/**
 * vmbus_offer_check() - validate the fields of an offer the guest relies on
 * @offer: the offer, a private copy
 *
 * Return: 0, or -EBADMSG (logged, rate-limited) for a relid outside the
 * event flags or 0, or a monitor id outside the monitor pages.
 */
int vmbus_offer_check(const struct vmbus_chmsg_offer *offer)
{
	if (offer->child_relid == 0 ||
	    offer->child_relid >= VMBUS_WIRE_MAX_RELID) {
		pr_err_ratelimited("dropped offer with relid %u out of range\n",
				   offer->child_relid);
		return -EBADMSG;
	}
	if (offer->monitor_flags & VMBUS_OFFER_MONITOR_ALLOCATED &&
	    offer->monitor_id >= VMBUS_MONITOR_ID_COUNT) {
		pr_err_ratelimited("dropped offer of relid %u: monitor id %u out of range\n",
				   offer->child_relid, offer->monitor_id);
		return -EBADMSG;
	}
	return 0;
}
EXPORT_SYMBOL_HVG(vmbus_offer_check);

/**
 * vmbus_chmsg_answer_key() - what identifies the answer @msg to a request
 * @type: its type, from vmbus_chmsg_check()
 * @msg: the message, at least as long as its type needs
 *
 * Return: the relid of an open or modify answer, the GPADL handle of a
 * GPADL answer, 0 for the answers only one request can be waiting for
 * (version, unload).
 */
u32 vmbus_chmsg_answer_key(u32 type, const void *msg)
{
	switch (type) {
	case VMBUS_CHMSG_OPEN_RESULT:
		return ((const struct vmbus_chmsg_open_result *)msg)->child_relid;
	case VMBUS_CHMSG_GPADL_CREATED:
		return ((const struct vmbus_chmsg_gpadl_created *)msg)->gpadl;
	case VMBUS_CHMSG_GPADL_TORNDOWN:
		return ((const struct vmbus_chmsg_gpadl_torndown *)msg)->gpadl;
	case VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE:
		return ((const struct vmbus_chmsg_modify_channel_response *)msg)->child_relid;
	default:
		return 0;
	}
}
EXPORT_SYMBOL_HVG(vmbus_chmsg_answer_key);

/**
 * vmbus_version_answer() - check the answer to INITIATE_CONTACT
 * @r: the answer
 * @version: the version offered
 * @msg_conn_id: from 5.0 on, set to the connection id the host gives for
 *	the guest's messages when it accepts
 *
 * Return: 1 when the host accepts @version, 0 when it refuses it (the
 * next older one is tried), -ECONNREFUSED when it accepts the version but
 * not the connection, -EPROTO for a 5.0+ answer without a valid
 * connection id (0, or bits beyond HV_CONNECTION_ID_MASK).
 */
int vmbus_version_answer(const struct vmbus_chmsg_version_response *r,
			 u32 version, u32 *msg_conn_id)
{
	if (!r->version_supported)
		return 0;
	if (r->connection_state != VMBUS_CONN_STATE_SUCCESS)
		return -ECONNREFUSED;
	if (version < VMBUS_VERSION_V5_0)
		return 1;
	if (!r->msg_conn_id || r->msg_conn_id & ~HV_CONNECTION_ID_MASK)
		return -EPROTO;
	*msg_conn_id = r->msg_conn_id;
	return 1;
}
EXPORT_SYMBOL_HVG(vmbus_version_answer);

/**
 * vmbus_open_answer() - check the answer to OPEN_CHANNEL
 * @r: the answer, matched to the request by its relid
 * @relid: the channel; the guest sends it as the open id too
 *
 * Return: 0 when the channel is open, -EIO for another open id or a
 * failure status.
 */
int vmbus_open_answer(const struct vmbus_chmsg_open_result *r, u32 relid)
{
	return r->child_relid == relid && r->open_id == relid && !r->status ?
	       0 : -EIO;
}
EXPORT_SYMBOL_HVG(vmbus_open_answer);

/**
 * vmbus_gpadl_answer() - check the answer to a GPADL header and body
 * @r: the answer, matched to the request by its GPADL handle
 * @relid: the channel the GPADL was created for
 *
 * Return: 0 when the host mapped the GPADL, -EIO for another channel or
 * a failure status.
 */
int vmbus_gpadl_answer(const struct vmbus_chmsg_gpadl_created *r, u32 relid)
{
	return r->child_relid == relid && !r->status ? 0 : -EIO;
}
EXPORT_SYMBOL_HVG(vmbus_gpadl_answer);

/**
 * vmbus_modify_answer() - check the answer to MODIFY_CHANNEL (5.3+)
 * @r: the answer, matched to the request by its relid
 *
 * Return: 0 when the host moved the channel, -EIO for a failure status.
 */
int vmbus_modify_answer(const struct vmbus_chmsg_modify_channel_response *r)
{
	return r->status ? -EIO : 0;
}
EXPORT_SYMBOL_HVG(vmbus_modify_answer);
