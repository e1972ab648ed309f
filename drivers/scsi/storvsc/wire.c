// SPDX-License-Identifier: GPL-2.0
/*
 * Pure helpers of hv_storvsc: every check of what the host sends (the
 * packets on a channel, the answers to initialisation requests, the
 * channel properties, sub-channel indexes, the verdict on an answered
 * SRB) and the page list of a data buffer. No state, every length from
 * the caller, so that tests/kunit/storvsc_kunit.c and the fuzz target
 * tests/fuzz/fuzz_storvsc.c can drive them without a channel.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <scsi/scsi.h>
#include "storvsc.h"

/**
 * storvsc_tid_make() - the transaction id of a request
 * @slot: its request-table id on the channel, 1 to STORVSC_TID_MAX_SLOT
 * @chan: the channel's index, 0 for the primary
 * @seq: the channel's sequence number for it
 *
 * Return: the id to send; never 0.
 */
u64 storvsc_tid_make(u32 slot, u16 chan, u32 seq)
{
	return (u64)seq << STORVSC_TID_SEQ_SHIFT |
	       (u64)chan << STORVSC_TID_CHAN_SHIFT | (slot & STORVSC_TID_MAX_SLOT);
}

/**
 * storvsc_tid_slot() - the request-table id a transaction id names
 * @tid: a transaction id
 *
 * Return: bits 0-15 of @tid.
 */
u32 storvsc_tid_slot(u64 tid)
{
	return tid & STORVSC_TID_MAX_SLOT;
}

/**
 * storvsc_tid_chan() - the channel index a transaction id names
 * @tid: a transaction id
 *
 * Return: bits 16-31 of @tid.
 */
u16 storvsc_tid_chan(u64 tid)
{
	return tid >> STORVSC_TID_CHAN_SHIFT;
}

/**
 * storvsc_answer_len() - bytes the host's answers and messages must have
 * @version: the negotiated protocol version, 0 before one is agreed
 *
 * The packet size of @version; before a version is agreed the smaller
 * pre-Win8 packet, so that a pre-Win8 host's refusal is read.
 *
 * Return: the length.
 */
u32 storvsc_answer_len(u16 version)
{
	return version ? VSTOR_PACKET_SIZE_FOR(version) :
			 VSTOR_PACKET_SIZE_PRE_WIN8;
}

/* A completion: it must name a request of this channel's table. */
static int storvsc_rx_answer(u64 trans_id, const struct storvsc_rx_ctx *ctx,
			     struct storvsc_rx *rx)
{
	u32 slot = storvsc_tid_slot(trans_id);

	if (!slot || slot > ctx->nslots)
		return -EINVAL;
	if (storvsc_tid_chan(trans_id) != ctx->chan)
		return -EXDEV;
	rx->slot = slot;
	if (rx->len < ctx->min_len)
		rx->answer_err = -EMSGSIZE;
	else if (rx->pkt.operation != VSTOR_OP_COMPLETE_IO)
		rx->answer_err = -EPROTO;
	return STORVSC_RX_ANSWER;
}

/* A message the host sends on its own: only LUN changes are acted on. */
static int storvsc_rx_host_msg(const struct storvsc_rx_ctx *ctx,
			       struct storvsc_rx *rx)
{
	rx->op = rx->pkt.operation;
	if (rx->len < ctx->min_len)
		return -EMSGSIZE;
	switch (rx->op) {
	case VSTOR_OP_REMOVE_DEVICE:
	case VSTOR_OP_ENUMERATE_BUS:
		return STORVSC_RX_RESCAN;
	default:
		return -EOPNOTSUPP;
	}
}

/**
 * storvsc_rx_parse() - check a packet the host sent on a channel
 * @type: the descriptor's packet type
 * @trans_id: the descriptor's transaction id
 * @payload: the payload, in the driver's receive buffer
 * @len: its length
 * @ctx: what the channel expects
 * @rx: the result; @rx->pkt is a zero-filled copy of the payload
 *
 * Answers come as completions (VMBUS_PKT_COMPLETION) whose id names a
 * slot of the channel's request table and the channel itself
 * (storvsc_tid_make()); an answer shorter than @ctx->min_len or whose
 * operation is not COMPLETE_IO is still an answer (its request fails),
 * with @rx->answer_err set. Whether the slot holds exactly @trans_id is
 * for the caller, which keeps the ids. The host's own messages come in
 * band (upstream: FreeBSD hv_storvsc_drv_freebsd.c,
 * hv_storvsc_on_channel_callback); REMOVE_DEVICE and ENUMERATE_BUS ask
 * for a rescan.
 *
 * Return: STORVSC_RX_ANSWER, STORVSC_RX_RESCAN, or why to drop it:
 * -EPROTO for another packet type, -EINVAL for an id naming no slot (0,
 * slot 0 or beyond the table), -EXDEV for an id of another channel,
 * -EMSGSIZE for a short host message, -EOPNOTSUPP for another operation.
 */
int storvsc_rx_parse(u16 type, u64 trans_id, const void *payload, u32 len,
		     const struct storvsc_rx_ctx *ctx, struct storvsc_rx *rx)
{
	memset(rx, 0, sizeof(*rx));
	rx->len = len;
	memcpy(&rx->pkt, payload, min_t(u32, len, sizeof(rx->pkt)));
	switch (type) {
	case VMBUS_PKT_COMPLETION:
		return storvsc_rx_answer(trans_id, ctx, rx);
	case VMBUS_PKT_DATA_INBAND:
		return storvsc_rx_host_msg(ctx, rx);
	default:
		return -EPROTO;
	}
}

/**
 * storvsc_props_parse() - check the answer to QUERY_PROPERTIES
 * @pkt: the answer, checked by storvsc_rx_parse()
 * @props: what the driver uses
 *
 * Upstream, too, rounds the host's transfer limit down to whole pages
 * (Debian linux-source-6.12, drivers/scsi/storvsc_drv.c,
 * storvsc_channel_init); the driver's own limit caps it.
 *
 * Return: 0, or -EPROTO when the host allows less than one page.
 */
int storvsc_props_parse(const struct vstor_packet *pkt,
			struct storvsc_props *props)
{
	u32 host_max = pkt->properties.max_transfer_bytes & ~(HV_PAGE_SIZE - 1);

	if (!host_max)
		return -EPROTO;
	props->max_xfer = min_t(u32, host_max, STORVSC_MAX_XFER);
	props->flags = pkt->properties.flags;
	props->max_chans = pkt->properties.max_channel_count;
	return 0;
}

/**
 * storvsc_sub_index_ok() - check an offered sub-channel's index
 * @index: the index in the host's offer
 * @nr_chans: channels asked for, the primary included
 *
 * Return: whether it names a hardware queue other than the primary's.
 */
bool storvsc_sub_index_ok(u16 index, u16 nr_chans)
{
	return index && index < nr_chans;
}

/**
 * storvsc_srb_verdict() - map the host's answer to an SRB to a result
 * @srb: the SRB of the answer, copied out of the ring
 * @buf_len: bytes of the command's data buffer
 * @sense_buf_len: bytes of the midlayer's sense buffer
 * @v: the verdict
 *
 * Success and data over/underrun (SRB_STATUS_DATA_OVERRUN, whose
 * data_transfer_length says what moved) keep the SCSI status and report
 * the residue. No such LUN, target, path or device is DID_NO_CONNECT;
 * busy DID_BUS_BUSY; bus reset DID_RESET; any other failure DID_ERROR,
 * unless a check condition came with valid sense data, from which the
 * midlayer decides. Sense is copied only with a check condition and
 * SRB_STATUS_FLAG_AUTOSENSE_VALID, bounded by the host's length, the wire
 * field and @sense_buf_len. A transfer length beyond @buf_len is clamped.
 */
void storvsc_srb_verdict(const struct vstor_srb *srb, u32 buf_len,
			 u32 sense_buf_len, struct storvsc_verdict *v)
{
	bool check = srb->scsi_status == SAM_STAT_CHECK_CONDITION;
	bool sense = check &&
		     (srb->srb_status & SRB_STATUS_FLAG_AUTOSENSE_VALID);
	u32 moved = srb->data_transfer_length;

	v->host_byte = DID_OK;
	v->scsi_status = srb->scsi_status;
	v->sense_len = 0;
	if (sense)
		v->sense_len = min_t(u32, min_t(u32, srb->sense_info_length,
						VSTOR_SENSE_SIZE),
				     sense_buf_len);
	v->clamped = moved > buf_len;
	if (v->clamped)
		moved = buf_len;

	switch (SRB_STATUS_CODE(srb->srb_status)) {
	case SRB_STATUS_SUCCESS:
	case SRB_STATUS_DATA_OVERRUN:
		break;
	case SRB_STATUS_INVALID_LUN:
	case SRB_STATUS_INVALID_TARGET_ID:
	case SRB_STATUS_INVALID_PATH_ID:
	case SRB_STATUS_NO_DEVICE:
		v->host_byte = DID_NO_CONNECT;
		moved = 0;
		break;
	case SRB_STATUS_BUSY:
		v->host_byte = DID_BUS_BUSY;
		moved = 0;
		break;
	case SRB_STATUS_BUS_RESET:
		v->host_byte = DID_RESET;
		moved = 0;
		break;
	default:
		if (!sense)
			v->host_byte = DID_ERROR;
		moved = 0;
		break;
	}
	v->resid = buf_len - moved;
}

/**
 * storvsc_sg_to_range() - describe a data buffer as one range of pages
 * @sgl: the buffer's scatterlist
 * @nents: its entries
 * @buf_len: bytes the entries must add up to
 * @range: filled: byte offset into the first page, byte count, PFNs
 * @max_pfns: room in @range->pfn
 * @pfn_count: PFNs filled
 *
 * PFNs are Hyper-V (4 KiB) page numbers of the physical addresses. One
 * range can only describe a buffer without holes: every entry but the
 * first must start, and every entry but the last end, on a 4 KiB
 * boundary, which the host template's virt_boundary_mask guarantees.
 *
 * Return: 0; -EINVAL for an empty or holed list or one not adding up to
 * @buf_len; -E2BIG when it needs more than @max_pfns pages.
 */
int storvsc_sg_to_range(struct scatterlist *sgl, unsigned int nents,
			u32 buf_len, struct vmbus_gpa_range *range,
			u32 max_pfns, u32 *pfn_count)
{
	struct scatterlist *sg;
	u64 total = 0;
	unsigned int i;
	u32 n = 0;

	if (!nents)
		return -EINVAL;
	for_each_sg(sgl, sg, nents, i) {
		phys_addr_t start = page_to_phys(sg_page(sg)) + sg->offset;
		phys_addr_t end = start + sg->length;
		u64 pfn, last;

		if (!sg->length)
			return -EINVAL;
		if (i == 0)
			range->byte_offset = start & (HV_PAGE_SIZE - 1);
		else if (start & (HV_PAGE_SIZE - 1))
			return -EINVAL;
		if (i + 1 < nents && (end & (HV_PAGE_SIZE - 1)))
			return -EINVAL;
		last = (end - 1) >> HV_PAGE_SHIFT;
		for (pfn = start >> HV_PAGE_SHIFT; pfn <= last; pfn++) {
			if (n == max_pfns)
				return -E2BIG;
			range->pfn[n++] = pfn;
		}
		total += sg->length;
	}
	if (total != buf_len)
		return -EINVAL;
	range->byte_count = buf_len;
	*pfn_count = n;
	return 0;
}

/**
 * storvsc_sub_channel_count() - sub-channels to ask the host for
 * @prop_flags: flags of the host's QUERY_PROPERTIES answer
 * @host_max: its max_channel_count, untrusted
 * @cpus: online CPUs, at least 1
 * @max_queues: the storvsc_max_hw_queues limit, 0 for none
 *
 * Upstream's rule (Debian linux-source-6.12, drivers/scsi/storvsc_drv.c,
 * handle_multichannel_storage): one per online CPU besides the one the
 * primary serves, no more than the host offers. Here also no more than
 * the hardware queues allowed besides the primary's, and at most
 * STORVSC_MAX_SUB_CHANNELS whatever the host claims.
 *
 * Return: the count, 0 when the host cannot do multi-channel.
 */
u16 storvsc_sub_channel_count(u32 prop_flags, u16 host_max, unsigned int cpus,
			      unsigned int max_queues)
{
	unsigned int n;

	if (!(prop_flags & VSTOR_PROPERTY_SUPPORTS_MULTI_CHANNEL) || !cpus)
		return 0;
	n = min_t(unsigned int, host_max, cpus - 1);
	if (max_queues)
		n = min_t(unsigned int, n, max_queues - 1);
	return min_t(unsigned int, n, STORVSC_MAX_SUB_CHANNELS);
}

/**
 * storvsc_queue_chan() - the channel a hardware queue sends on
 * @hwq: the queue's index
 * @nr_chans: channels asked for, the primary included
 * @sub_open: the sub-channel of index @hwq is open and not rescinded
 *
 * Queue 0 is the primary's, queue N the sub-channel whose offer carried
 * index N; a queue whose sub-channel is not (or no longer) usable sends
 * on the primary.
 *
 * Return: the channel index, 0 for the primary.
 */
unsigned int storvsc_queue_chan(unsigned int hwq, unsigned int nr_chans,
				bool sub_open)
{
	return hwq && hwq < nr_chans && sub_open ? hwq : 0;
}

/**
 * storvsc_ring_size_ok() - check the storvsc_ringbuffer_size parameter
 * @bytes: data bytes of each ring, before rounding up to pages
 *
 * Return: whether it lies in STORVSC_RING_MIN..STORVSC_RING_MAX.
 */
bool storvsc_ring_size_ok(u64 bytes)
{
	return bytes >= STORVSC_RING_MIN && bytes <= STORVSC_RING_MAX;
}
