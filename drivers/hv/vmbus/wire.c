// SPDX-License-Identifier: GPL-2.0
/*
 * Pure helpers that turn wire values into what user space sees. They touch
 * no shared state, so KUnit and the fuzzers can drive them directly.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <hv/vmbus.h>
#include "vmbus_private.h"

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
	if (offer->child_relid == 0 || offer->child_relid >= VMBUS_MAX_RELID) {
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
