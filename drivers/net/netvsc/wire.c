// SPDX-License-Identifier: GPL-2.0
/*
 * hv_netvsc's parsing layer (wire.h): the checks on everything the host
 * sends, and the pure computations derived from it (offload plan, RSS
 * limits, the RSC sequence). Rules and their sources are in the comments
 * of include/hv/proto/nvsp.h and rndis.h and in Documentation/netvsc.rst.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include "wire.h"

/* ------------------------------------------------------------------ */
/* NVSP                                                                */
/* ------------------------------------------------------------------ */

/* Bytes of body each NVSP message from the host needs, by type. */
static u32 netvsc_nvsp_body_len(u32 type)
{
	switch (type) {
	case NVSP_MSG_INIT_COMPLETE:
		return sizeof(struct nvsp_init_complete);
	case NVSP_MSG1_SEND_RECV_BUF_COMPLETE:
		return sizeof(struct nvsp1_recv_buf_complete);
	case NVSP_MSG1_SEND_SEND_BUF_COMPLETE:
		return sizeof(struct nvsp1_send_buf_complete);
	case NVSP_MSG1_SEND_RNDIS_PKT:
		return 0;	/* the fields are the guest's business only */
	case NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE:
		return sizeof(struct nvsp1_rndis_pkt_complete);
	case NVSP_MSG4_SEND_VF_ASSOCIATION:
		return sizeof(struct nvsp4_vf_association);
	case NVSP_MSG5_SUBCHANNEL:
		return sizeof(struct nvsp5_subchannel_complete);
	case NVSP_MSG5_SEND_INDIRECTION_TABLE:
		return sizeof(struct nvsp5_send_table);
	default:
		return U32_MAX;
	}
}

/**
 * netvsc_nvsp_check() - is this an NVSP message of @type, long enough?
 * @msg: the message (a private copy)
 * @len: its bytes
 * @type: the type the caller expects
 *
 * Return: 0, or -EBADMSG for a message shorter than the type word plus
 * the body of @type, or of another type.
 */
int netvsc_nvsp_check(const void *msg, u32 len, u32 type)
{
	const struct nvsp_hdr *hdr = msg;
	u32 need = netvsc_nvsp_body_len(type);

	if (len < sizeof(*hdr) || hdr->type != type ||
	    len - sizeof(*hdr) < need) {
		pr_err_ratelimited("NVSP message of %u bytes, type %u: expected type %u of at least %u\n",
				   len, len < sizeof(*hdr) ? 0 : hdr->type,
				   type, need + (u32)sizeof(*hdr));
		return -EBADMSG;
	}
	return 0;
}

/**
 * netvsc_recv_buf_check() - the host's answer to SEND_RECV_BUF
 * @m: the completion, checked by netvsc_nvsp_check()
 * @buf_size: bytes of the receive buffer
 * @section_size: the receive section size
 * @section_count: receive sections
 *
 * Success, exactly one section at offset 0, sections of at least the
 * minimum MTU, at least one, and size times count inside the buffer.
 *
 * Return: 0, or -EBADMSG.
 */
int netvsc_recv_buf_check(const struct nvsp_msg *m, u32 buf_size,
			  u32 *section_size, u32 *section_count)
{
	const struct nvsp1_recv_buf_complete *c = &m->recv_buf_complete;
	const struct nvsp1_recv_buf_section *s = &c->section;

	if (c->status != NVSP_STATUS_SUCCESS || c->num_sections != 1 ||
	    s->offset != 0 || s->sub_alloc_size < NETVSC_MTU_MIN ||
	    !s->num_sub_allocs ||
	    (u64)s->sub_alloc_size * s->num_sub_allocs > buf_size) {
		pr_err_ratelimited("receive buffer refused or bad: status %u, %u sections, first at %u: %u of %u bytes in %u\n",
				   c->status, c->num_sections, s->offset,
				   s->num_sub_allocs, s->sub_alloc_size,
				   buf_size);
		return -EBADMSG;
	}
	*section_size = s->sub_alloc_size;
	*section_count = s->num_sub_allocs;
	return 0;
}

/**
 * netvsc_send_buf_check() - the host's answer to SEND_SEND_BUF
 * @m: the completion, checked by netvsc_nvsp_check()
 * @buf_size: bytes of the send buffer
 * @section_size: the send section size the host chose
 * @section_count: sections of that size in the buffer
 *
 * Return: 0, or -EBADMSG for a failure status or a section size below
 * the minimum MTU or above the buffer.
 */
int netvsc_send_buf_check(const struct nvsp_msg *m, u32 buf_size,
			  u32 *section_size, u32 *section_count)
{
	const struct nvsp1_send_buf_complete *c = &m->send_buf_complete;

	if (c->status != NVSP_STATUS_SUCCESS ||
	    c->section_size < NETVSC_MTU_MIN || c->section_size > buf_size) {
		pr_err_ratelimited("send buffer refused or bad: status %u, sections of %u bytes in %u\n",
				   c->status, c->section_size, buf_size);
		return -EBADMSG;
	}
	*section_size = c->section_size;
	*section_count = buf_size / c->section_size;
	return 0;
}

/**
 * netvsc_subchannel_check() - the host's answer to a SUBCHANNEL request
 * @m: the completion, checked by netvsc_nvsp_check()
 * @asked: sub-channels asked for
 * @granted: sub-channels the host will offer
 *
 * Return: 0, or -EBADMSG for a failure or more than @asked.
 */
int netvsc_subchannel_check(const struct nvsp_msg *m, u32 asked,
			    u32 *granted)
{
	const struct nvsp5_subchannel_complete *c = &m->subchannel_complete;

	if (c->status != NVSP_STATUS_SUCCESS || c->num_subchannels > asked) {
		pr_err_ratelimited("sub-channels refused: status %u, %u granted of %u\n",
				   c->status, c->num_subchannels, asked);
		return -EBADMSG;
	}
	*granted = c->num_subchannels;
	return 0;
}

/**
 * netvsc_send_table_parse() - the host's send indirection table
 * @msg: the in-band NVSP message (a private copy)
 * @len: its bytes
 * @nvsp_version: the negotiated NVSP version
 * @table: filled with the channel of each hash bucket
 *
 * The table has exactly NVSP_SEND_TABLE_SIZE entries. It lies at the
 * message's offset; for NVSP 6 and below a message long enough to hold
 * it after the full 40-byte NVSP message has it there instead, whatever
 * the offset says (older Windows hosts; see nvsp.h). Every entry must
 * name one of the NETVSC_CHANNELS_MAX channels.
 *
 * Return: 0, or -EBADMSG (@table untouched).
 */
int netvsc_send_table_parse(const void *msg, u32 len, u32 nvsp_version,
			    u32 table[NVSP_SEND_TABLE_SIZE])
{
	const struct nvsp_msg *m = msg;
	const u32 tab_len = NVSP_SEND_TABLE_SIZE * sizeof(u32);
	u32 off, i, e[NVSP_SEND_TABLE_SIZE];

	if (netvsc_nvsp_check(msg, len, NVSP_MSG5_SEND_INDIRECTION_TABLE))
		return -EBADMSG;
	if (m->send_table.count != NVSP_SEND_TABLE_SIZE) {
		pr_err_ratelimited("send table of %u entries, not %u\n",
				   m->send_table.count, NVSP_SEND_TABLE_SIZE);
		return -EBADMSG;
	}
	off = m->send_table.offset;
	if (nvsp_version <= NVSP_VERSION_6 && len >= NVSP_MSG_SIZE + tab_len)
		off = NVSP_MSG_SIZE;
	if (len < tab_len || off > len - tab_len) {
		pr_err_ratelimited("send table at %u, message of %u bytes\n",
				   off, len);
		return -EBADMSG;
	}
	memcpy(e, (const u8 *)msg + off, tab_len);
	for (i = 0; i < NVSP_SEND_TABLE_SIZE; i++) {
		if (e[i] >= NETVSC_CHANNELS_MAX) {
			pr_err_ratelimited("send table entry %u names channel %u\n",
					   i, e[i]);
			return -EBADMSG;
		}
	}
	memcpy(table, e, tab_len);
	return 0;
}

/**
 * netvsc_vf_assoc_parse() - a VF association message
 * @msg: the in-band NVSP message (a private copy)
 * @len: its bytes
 * @allocated: 1 if a VF comes, 0 if it went
 * @serial: the VF's vPCI serial number
 *
 * Return: 0, or -EBADMSG.
 */
int netvsc_vf_assoc_parse(const void *msg, u32 len, u32 *allocated,
			  u32 *serial)
{
	const struct nvsp_msg *m = msg;

	if (netvsc_nvsp_check(msg, len, NVSP_MSG4_SEND_VF_ASSOCIATION))
		return -EBADMSG;
	*allocated = m->vf_association.allocated;
	*serial = m->vf_association.serial;
	return 0;
}

/**
 * netvsc_xfer_check() - the netvsc part of a receive packet's checks
 * @xp: the transfer-page packet, its ranges checked against the receive
 *	buffer by vmbus_xfer_pages_parse()
 * @section_size: the receive section size
 *
 * The payload is an NVSP SEND_RNDIS_PKT message, there are at most
 * NVSP_MAX_RANGES_RSC ranges, and none is longer than a section.
 *
 * Return: 0, or -EBADMSG.
 */
int netvsc_xfer_check(const struct vmbus_xfer_pages *xp, u32 section_size)
{
	u32 i;

	if (netvsc_nvsp_check(xp->payload, xp->payload_len,
			      NVSP_MSG1_SEND_RNDIS_PKT))
		return -EBADMSG;
	if (xp->range_count > NVSP_MAX_RANGES_RSC) {
		pr_err_ratelimited("receive packet of %u ranges\n",
				   xp->range_count);
		return -EBADMSG;
	}
	for (i = 0; i < xp->range_count; i++) {
		if (xp->ranges[i].byte_count > section_size) {
			pr_err_ratelimited("receive range of %u bytes, sections of %u\n",
					   xp->ranges[i].byte_count,
					   section_size);
			return -EBADMSG;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* RNDIS data                                                          */
/* ------------------------------------------------------------------ */

/**
 * netvsc_rndis_hdr_check() - an RNDIS message header in a receive range
 * @hdr: the header, copied out of the range
 * @range_len: bytes of the range
 *
 * Return: 0 when the message holds its header and fits the range, or
 * -EBADMSG.
 */
int netvsc_rndis_hdr_check(const struct rndis_hdr *hdr, u32 range_len)
{
	if (hdr->len < sizeof(*hdr) || hdr->len > range_len) {
		pr_err_ratelimited("RNDIS message of %u bytes in a range of %u\n",
				   hdr->len, range_len);
		return -EBADMSG;
	}
	return 0;
}

/* @len bytes at body offset @off inside a body of @body bytes? */
static bool netvsc_in_body(u32 off, u32 len, u32 body)
{
	return off <= body && len <= body - off;
}

/**
 * netvsc_rx_packet_check() - the header of a received data message
 * @msg: header and packet body, copied out of the range; the length in
 *	the header was checked by netvsc_rndis_hdr_check()
 * @frame_max: the largest frame the caller accepts
 * @layout: where the frame and per-packet info are
 *
 * The frame and the per-packet info lie inside the message, behind the
 * packet body; the frame holds at most @frame_max bytes, the per-packet
 * info at most NETVSC_PPI_MAX. No minimum here: the message may be a
 * later fragment of a coalesced frame, bare payload of any length, which
 * only the per-packet info tells; netvsc_rsc_add() wants the Ethernet
 * header where a frame starts.
 *
 * Return: 0, or -EBADMSG.
 */
int netvsc_rx_packet_check(const struct rndis_packet_msg *msg,
			   u32 frame_max, struct netvsc_rx_layout *layout)
{
	const struct rndis_packet *p = &msg->pkt;
	u32 body;

	if (msg->hdr.len < sizeof(*msg)) {
		pr_err_ratelimited("RNDIS data message of %u bytes\n",
				   msg->hdr.len);
		return -EBADMSG;
	}
	body = msg->hdr.len - sizeof(msg->hdr);
	if (p->data_offset < sizeof(*p) ||
	    !netvsc_in_body(p->data_offset, p->data_len, body) ||
	    p->data_len > frame_max) {
		pr_err_ratelimited("RNDIS frame of %u bytes at %u in %u\n",
				   p->data_len, p->data_offset, body);
		return -EBADMSG;
	}
	if (p->ppi_len && (p->ppi_offset < sizeof(*p) ||
			   !netvsc_in_body(p->ppi_offset, p->ppi_len, body) ||
			   p->ppi_len > NETVSC_PPI_MAX)) {
		pr_err_ratelimited("RNDIS per-packet info of %u bytes at %u in %u\n",
				   p->ppi_len, p->ppi_offset, body);
		return -EBADMSG;
	}
	layout->data_offset = sizeof(msg->hdr) + p->data_offset;
	layout->data_len = p->data_len;
	layout->ppi_offset = sizeof(msg->hdr) + p->ppi_offset;
	layout->ppi_len = p->ppi_len;
	return 0;
}

/* Keep the value of a record of a type the receive path uses. */
static void netvsc_ppi_store(struct netvsc_rx_info *info, u32 type, u32 val)
{
	const struct rndis_pkt_id *id = (const void *)&val;

	switch (type) {
	case RNDIS_PPI_CSUM:
		info->present |= NETVSC_RX_HAS_CSUM;
		info->csum = val;
		break;
	case RNDIS_PPI_VLAN:
		info->present |= NETVSC_RX_HAS_VLAN;
		info->vlan = val;
		break;
	case RNDIS_PPI_HASH_VALUE:
		info->present |= NETVSC_RX_HAS_HASH;
		info->hash = val;
		break;
	default:
		info->present |= NETVSC_RX_HAS_PKT_ID;
		info->pkt_id_flags = id->flags;
		break;
	}
}

/**
 * netvsc_ppi_parse() - walk the per-packet info of a received frame
 * @ppi: the records, copied out of the range
 * @len: their bytes
 * @info: what they say
 *
 * Each record holds its header, lies inside the area and has its value
 * behind its header and inside it; a checksum, VLAN, hash or packet-id
 * value is at least 4 bytes. A bad record ends the walk and fails it:
 * the frame's metadata cannot be trusted. Unknown types are skipped.
 *
 * Return: 0, or -EBADMSG.
 */
int netvsc_ppi_parse(const u8 *ppi, u32 len, struct netvsc_rx_info *info)
{
	const struct rndis_ppi *r;
	u32 off = 0, val;

	memset(info, 0, sizeof(*info));
	while (off < len) {
		r = (const void *)(ppi + off);
		if (len - off < sizeof(*r) || r->size < sizeof(*r) ||
		    r->size > len - off || r->offset < sizeof(*r) ||
		    r->offset > r->size) {
			pr_err_ratelimited("bad per-packet info record at %u of %u bytes\n",
					   off, len);
			return -EBADMSG;
		}
		off += r->size;
		if (r->type != RNDIS_PPI_CSUM && r->type != RNDIS_PPI_VLAN &&
		    r->type != RNDIS_PPI_HASH_VALUE &&
		    r->type != (RNDIS_PPI_PKT_ID | RNDIS_PPI_INTERNAL))
			continue;
		if (r->size - r->offset < sizeof(val)) {
			pr_err_ratelimited("per-packet info type %#x with %u value bytes\n",
					   r->type, r->size - r->offset);
			return -EBADMSG;
		}
		memcpy(&val, (const u8 *)r + r->offset, sizeof(val));
		netvsc_ppi_store(info, r->type, val);
	}
	return 0;
}

/**
 * netvsc_rsc_add() - add a received fragment to the frame being built
 * @rsc: the channel's RSC state
 * @info: the fragment's per-packet info
 * @off: its offset in the receive buffer
 * @len: its bytes
 * @last_range: it is the last range of its transfer-page packet
 *
 * A fragment without the packet-id SUBALLOC flag is a frame of its own.
 * With it, FIRST opens a frame, LAST closes it; a fragment that
 * continues no open frame, a frame left open by the last range, more
 * than NVSP_MAX_RANGES_RSC fragments and a frame above
 * NETVSC_RSC_FRAME_MAX bytes are dropped. A fragment that starts a frame
 * (or is one) holds at least the Ethernet header; the later ones are
 * payload and may be shorter, even empty. The frame keeps its first
 * fragment's per-packet info.
 *
 * Return: what the caller does with @rsc (on NETVSC_RSC_DELIVER it
 * builds the frame from the fragments, then sets @rsc->cnt to 0).
 */
enum netvsc_rsc_verdict netvsc_rsc_add(struct netvsc_rsc *rsc,
				       const struct netvsc_rx_info *info,
				       u32 off, u32 len, bool last_range)
{
	bool frag = (info->present & NETVSC_RX_HAS_PKT_ID) &&
		    (info->pkt_id_flags & RNDIS_PKT_ID_SUBALLOC);
	bool more = frag && !(info->pkt_id_flags & RNDIS_PKT_ID_LAST);

	if (!frag || (info->pkt_id_flags & RNDIS_PKT_ID_FIRST))
		rsc->cnt = 0;
	else if (!rsc->cnt)
		goto drop;
	if ((more && last_range) || rsc->cnt >= NVSP_MAX_RANGES_RSC ||
	    (!rsc->cnt && len < NETVSC_ETH_HLEN) ||
	    (rsc->cnt && len > NETVSC_RSC_FRAME_MAX - rsc->len))
		goto drop;
	if (!rsc->cnt) {
		rsc->info = *info;
		rsc->len = 0;
	}
	rsc->off[rsc->cnt] = off;
	rsc->frag_len[rsc->cnt] = len;
	rsc->cnt++;
	rsc->len += len;
	return more ? NETVSC_RSC_MORE : NETVSC_RSC_DELIVER;
drop:
	pr_err_ratelimited("dropped received frame: fragment %u of %u bytes, flags %#x\n",
			   rsc->cnt, len, info->pkt_id_flags);
	rsc->cnt = 0;
	return NETVSC_RSC_DROP;
}

/* ------------------------------------------------------------------ */
/* RNDIS control                                                       */
/* ------------------------------------------------------------------ */

/* Least body of each completion the guest asks for. */
static u32 netvsc_ctrl_body_len(u32 type)
{
	switch (type) {
	case RNDIS_MSG_INIT_C:
		return sizeof(struct rndis_init_complete);
	case RNDIS_MSG_QUERY_C:
		return sizeof(struct rndis_query_complete);
	case RNDIS_MSG_SET_C:
	case RNDIS_MSG_KEEPALIVE_C:
		return sizeof(struct rndis_set_complete);
	default:
		return U32_MAX;
	}
}

/**
 * netvsc_rndis_ctrl_check() - an RNDIS completion
 * @msg: the whole message, a private copy (header first)
 * @len: bytes copied, at least the header's length field
 * @req_id: the request id it answers
 *
 * Return: 0 for an INIT, QUERY, SET or KEEPALIVE completion long enough
 * for its type, or -EBADMSG.
 */
int netvsc_rndis_ctrl_check(const void *msg, u32 len, u32 *req_id)
{
	const struct rndis_hdr *hdr = msg;
	u32 need;

	if (len < sizeof(*hdr) || hdr->len > len || hdr->len < sizeof(*hdr)) {
		pr_err_ratelimited("RNDIS control message of %u bytes\n", len);
		return -EBADMSG;
	}
	need = netvsc_ctrl_body_len(hdr->type);
	if (hdr->len - sizeof(*hdr) < need) {
		pr_err_ratelimited("RNDIS message type %#x of %u bytes\n",
				   hdr->type, hdr->len);
		return -EBADMSG;
	}
	/* Every completion the guest asks for starts with the request id. */
	memcpy(req_id, hdr + 1, sizeof(*req_id));
	return 0;
}

/**
 * netvsc_init_complete_parse() - the answer to RNDIS INIT
 * @msg: the completion, checked by netvsc_rndis_ctrl_check() as INIT_C
 * @len: its bytes
 * @max_pkts: data messages one send section may batch, 1..64
 * @align: bytes each batched message is padded to, a power of two up to
 *	4 KiB
 *
 * Return: 0, or -EBADMSG for a failure status or another type. Absurd
 * batching values are clamped, not refused: they only limit batching.
 */
int netvsc_init_complete_parse(const void *msg, u32 len, u32 *max_pkts,
			       u32 *align)
{
	const struct rndis_hdr *hdr = msg;
	const struct rndis_init_complete *c = (const void *)(hdr + 1);

	if (len < sizeof(*hdr) + sizeof(*c) || hdr->len > len ||
	    hdr->type != RNDIS_MSG_INIT_C ||
	    hdr->len < sizeof(*hdr) + sizeof(*c) ||
	    c->status != RNDIS_STATUS_SUCCESS) {
		pr_err_ratelimited("RNDIS INIT failed or answered by a message of %u bytes\n",
				   len);
		return -EBADMSG;
	}
	*max_pkts = c->max_pkts_per_msg ? min_t(u32, c->max_pkts_per_msg, 64) : 1;
	*align = 1U << min_t(u32, c->pkt_align_shift, 12);
	return 0;
}

/**
 * netvsc_query_complete_parse() - the answer to an OID query
 * @msg: the completion, checked by netvsc_rndis_ctrl_check() as QUERY_C
 * @len: its bytes
 * @max_info: room the caller has for the answer
 * @info: the answer, inside @msg
 * @info_len: its bytes
 *
 * The answer lies in the message behind the completion's fields and
 * fits @max_info.
 *
 * Return: 0, -EOPNOTSUPP when the host answered with a failure status,
 * or -EBADMSG.
 */
int netvsc_query_complete_parse(const void *msg, u32 len, u32 max_info,
				const void **info, u32 *info_len)
{
	const struct rndis_hdr *hdr = msg;
	const struct rndis_query_complete *c = (const void *)(hdr + 1);
	u32 body;

	if (len < sizeof(*hdr) + sizeof(*c) || hdr->len > len ||
	    hdr->type != RNDIS_MSG_QUERY_C ||
	    hdr->len < sizeof(*hdr) + sizeof(*c)) {
		pr_err_ratelimited("RNDIS query answered by a message of %u bytes\n",
				   len);
		return -EBADMSG;
	}
	if (c->status != RNDIS_STATUS_SUCCESS)
		return -EOPNOTSUPP;
	body = hdr->len - sizeof(*hdr);
	if (c->info_offset < sizeof(*c) ||
	    !netvsc_in_body(c->info_offset, c->info_len, body) ||
	    c->info_len > max_info) {
		pr_err_ratelimited("RNDIS query answer of %u bytes at %u in %u, room %u\n",
				   c->info_len, c->info_offset, body, max_info);
		return -EBADMSG;
	}
	*info = (const u8 *)c + c->info_offset;
	*info_len = c->info_len;
	return 0;
}

/**
 * netvsc_set_complete_parse() - the answer to an OID set
 * @msg: the completion, checked by netvsc_rndis_ctrl_check() as SET_C
 * @len: its bytes
 *
 * Return: 0, -EOPNOTSUPP for a failure status, or -EBADMSG.
 */
int netvsc_set_complete_parse(const void *msg, u32 len)
{
	const struct rndis_hdr *hdr = msg;
	const struct rndis_set_complete *c = (const void *)(hdr + 1);

	if (len < sizeof(*hdr) + sizeof(*c) || hdr->len > len ||
	    hdr->type != RNDIS_MSG_SET_C ||
	    hdr->len < sizeof(*hdr) + sizeof(*c)) {
		pr_err_ratelimited("RNDIS set answered by a message of %u bytes\n",
				   len);
		return -EBADMSG;
	}
	return c->status == RNDIS_STATUS_SUCCESS ? 0 : -EOPNOTSUPP;
}

/**
 * netvsc_indicate_parse() - a status indication
 * @msg: the message, a private copy of the whole receive range
 * @len: bytes of it copied (the range, or as much of it as the caller
 *	copies); the header's length must not exceed it
 * @status: the event, RNDIS_STATUS_*
 * @speed_100bps: for RNDIS_STATUS_LINK_SPEED_CHANGE, the new speed
 *
 * The status buffer of a speed change is checked against the range, not
 * the message length, which old vSwitches did not extend over it (as
 * upstream does).
 *
 * Return: 0, or -EBADMSG.
 */
int netvsc_indicate_parse(const void *msg, u32 len, u32 *status,
			  u32 *speed_100bps)
{
	const struct rndis_hdr *hdr = msg;
	const struct rndis_indicate *ind = (const void *)(hdr + 1);

	if (len < sizeof(*hdr) + sizeof(*ind) || hdr->len > len ||
	    hdr->type != RNDIS_MSG_INDICATE ||
	    hdr->len < sizeof(*hdr) + sizeof(*ind)) {
		pr_err_ratelimited("RNDIS indication bad or of %u bytes\n", len);
		return -EBADMSG;
	}
	*status = ind->status;
	if (ind->status != RNDIS_STATUS_LINK_SPEED_CHANGE)
		return 0;
	if (ind->buf_offset < sizeof(*ind) ||
	    ind->buf_len < sizeof(*speed_100bps) ||
	    !netvsc_in_body(ind->buf_offset, sizeof(*speed_100bps),
			    len - sizeof(*hdr))) {
		pr_err_ratelimited("link speed of %u bytes at %u in %u\n",
				   ind->buf_len, ind->buf_offset, len);
		return -EBADMSG;
	}
	memcpy(speed_100bps, (const u8 *)ind + ind->buf_offset,
	       sizeof(*speed_100bps));
	return 0;
}

/* ------------------------------------------------------------------ */
/* OID answers                                                         */
/* ------------------------------------------------------------------ */

/**
 * netvsc_hwcaps_query() - the object header sent with the caps query
 * @nvsp_version: the negotiated NVSP version
 * @hdr: filled: NDIS 6.30's revision and size from NVSP 5, 6.1's for
 *	NVSP 4, 6.0's below; the size is also the query's information length
 */
void netvsc_hwcaps_query(u32 nvsp_version, struct ndis_object_header *hdr)
{
	hdr->type = NDIS_OBJECT_TYPE_OFFLOAD;
	if (nvsp_version >= NVSP_VERSION_5) {
		hdr->revision = NDIS_OFFLOAD_REVISION_3;
		hdr->size = NDIS_OFFLOAD_SIZE;
	} else if (nvsp_version >= NVSP_VERSION_4) {
		hdr->revision = NDIS_OFFLOAD_REVISION_2;
		hdr->size = NDIS_OFFLOAD_SIZE_6_1;
	} else {
		hdr->revision = NDIS_OFFLOAD_REVISION_1;
		hdr->size = NDIS_OFFLOAD_SIZE_6_0;
	}
}

/**
 * netvsc_hwcaps_check() - the host's offload capabilities
 * @caps: the answer, copied into a zeroed struct
 * @len: bytes the host sent
 *
 * Return: 0 for an NDIS_OFFLOAD object of revision 1 or later, at least
 * the NDIS 6.0 size and no larger than what was sent; else -EBADMSG.
 */
int netvsc_hwcaps_check(const struct ndis_offload *caps, u32 len)
{
	const struct ndis_object_header *h = &caps->header;

	if (len < NDIS_OFFLOAD_SIZE_6_0 || h->type != NDIS_OBJECT_TYPE_OFFLOAD ||
	    h->revision < NDIS_OFFLOAD_REVISION_1 ||
	    h->size < NDIS_OFFLOAD_SIZE_6_0 || h->size > len) {
		pr_err_ratelimited("offload caps: type %#x revision %u size %u in %u bytes\n",
				   h->type, h->revision, h->size, len);
		return -EBADMSG;
	}
	return 0;
}

/* The host computes both TCP/IPv4 checksums with options? */
static bool netvsc_tcp4_csum(const struct ndis_offload *caps)
{
	u32 need = NDIS_CSUM_CAP_TCP | NDIS_CSUM_CAP_TCP_OPTIONS;

	return (caps->csum.ip4_tx_csum & need) == need;
}

static bool netvsc_tcp6_csum(const struct ndis_offload *caps)
{
	u32 need = NDIS_CSUM_CAP_TCP | NDIS_CSUM_CAP_TCP_OPTIONS |
		   NDIS_CSUM_CAP_IP_OPTIONS;

	return (caps->csum.ip6_tx_csum & need) == need;
}

/* The checksum parameter of a kind the host checksums: receive on or off. */
static u8 netvsc_csum_param(bool rx)
{
	return rx ? NDIS_OFFLOAD_PARAM_TX_RX_ON : NDIS_OFFLOAD_PARAM_TX_ON_RX_OFF;
}

/**
 * netvsc_feature_params() - the offload parameters for a feature change
 * @nvsp_version: the negotiated NVSP version
 * @csum: NETVSC_CSUM_* kinds the host checksums (the plan's)
 * @change: NETVSC_PARAM_* that change
 * @on: NETVSC_PARAM_* that are to be on
 * @params: zeroed, then filled; what does not change stays NO_CHANGE
 * @len: bytes to send
 *
 * RSC on or off; receive checksums of the @csum kinds on or off, their
 * transmit side on as the plan left it. With receive checksums off the
 * host must complete each checksum itself instead of vouching for it,
 * since the guest no longer believes the vouching (upstream does the
 * same: Debian linux-source-6.12, drivers/net/hyperv/netvsc_drv.c,
 * netvsc_set_features()).
 */
void netvsc_feature_params(u32 nvsp_version, u32 csum, u32 change, u32 on,
			   struct ndis_offload_params *params, u32 *len)
{
	bool rx = on & NETVSC_PARAM_RXCSUM;

	memset(params, 0, sizeof(*params));
	if (change & NETVSC_PARAM_RSC) {
		params->rsc_ip4 = on & NETVSC_PARAM_RSC ?
				  NDIS_OFFLOAD_PARAM_RSC_ON :
				  NDIS_OFFLOAD_PARAM_RSC_OFF;
		params->rsc_ip6 = params->rsc_ip4;
	}
	if (change & NETVSC_PARAM_RXCSUM) {
		if (csum & NETVSC_CSUM_TCP4)
			params->tcp4_csum = netvsc_csum_param(rx);
		if (csum & NETVSC_CSUM_UDP4)
			params->udp4_csum = netvsc_csum_param(rx);
		if (csum & NETVSC_CSUM_TCP6)
			params->tcp6_csum = netvsc_csum_param(rx);
		if (csum & NETVSC_CSUM_UDP6)
			params->udp6_csum = netvsc_csum_param(rx);
	}
	*len = nvsp_version <= NVSP_VERSION_4 ? NDIS_OFFLOAD_PARAMS_SIZE_6_1 :
						NDIS_OFFLOAD_PARAMS_SIZE;
	params->header.type = NDIS_OBJECT_TYPE_DEFAULT;
	params->header.revision = NDIS_OFFLOAD_PARAMS_REVISION_3;
	params->header.size = *len;
}

/**
 * netvsc_offloads_plan() - what to offer Linux and ask of the host
 * @caps: the host's capabilities, checked by netvsc_hwcaps_check()
 * @nvsp_version: the negotiated NVSP version
 * @wanted: NETVSC_PARAM_RSC for RSC on, if the host can do it, and
 *	NETVSC_PARAM_RXCSUM for the host to vouch for received checksums
 * @plan: the result
 *
 * Upstream's mapping (Debian linux-source-6.12,
 * drivers/net/hyperv/rndis_filter.c, rndis_netdev_set_hwcaps()): TCP
 * checksum offload needs the host's TCP and TCP-options bits (IPv6 also
 * extension headers); LSO v2 additionally 802.3 encapsulation (IPv6 also
 * its option bits) and here a maximum size of at least NETVSC_GSO_MIN;
 * UDP checksums only from NVSP 5, where the parameters carry them; RSC
 * only when the host coalesces both IPv4 and IPv6. The IPv4 header
 * checksum stays with Linux.
 */
void netvsc_offloads_plan(const struct ndis_offload *caps, u32 nvsp_version,
			  u32 wanted, struct netvsc_offloads *plan)
{
	struct ndis_offload_params *p = &plan->params;
	u8 csum = netvsc_csum_param(wanted & NETVSC_PARAM_RXCSUM);
	bool udp = nvsp_version >= NVSP_VERSION_5;
	u32 ip6_lso = NDIS_LSOV2_CAP_IP6_EXT | NDIS_LSOV2_CAP_TCP6_OPTIONS;

	memset(plan, 0, sizeof(*plan));
	plan->gso_max = 65536;
	p->ip4_csum = NDIS_OFFLOAD_PARAM_TX_RX_OFF;
	if (netvsc_tcp4_csum(caps)) {
		plan->csum |= NETVSC_CSUM_TCP4;
		p->tcp4_csum = csum;
		if ((caps->lsov2.ip4_encap & NDIS_OFFLOAD_ENCAP_8023) &&
		    caps->lsov2.ip4_max_size >= NETVSC_GSO_MIN) {
			plan->tso4 = true;
			p->lsov2_ip4 = NDIS_OFFLOAD_PARAM_LSOV2_ON;
			plan->gso_max = min(plan->gso_max,
					    caps->lsov2.ip4_max_size);
		}
		if (udp && (caps->csum.ip4_tx_csum & NDIS_CSUM_CAP_UDP)) {
			plan->csum |= NETVSC_CSUM_UDP4;
			p->udp4_csum = csum;
		}
	}
	if (netvsc_tcp6_csum(caps)) {
		plan->csum |= NETVSC_CSUM_TCP6;
		p->tcp6_csum = csum;
		if ((caps->lsov2.ip6_encap & NDIS_OFFLOAD_ENCAP_8023) &&
		    (caps->lsov2.ip6_opts & ip6_lso) == ip6_lso &&
		    caps->lsov2.ip6_max_size >= NETVSC_GSO_MIN) {
			plan->tso6 = true;
			p->lsov2_ip6 = NDIS_OFFLOAD_PARAM_LSOV2_ON;
			plan->gso_max = min(plan->gso_max,
					    caps->lsov2.ip6_max_size);
		}
		if (udp && (caps->csum.ip6_tx_csum & NDIS_CSUM_CAP_UDP)) {
			plan->csum |= NETVSC_CSUM_UDP6;
			p->udp6_csum = csum;
		}
	}
	if (caps->rsc_ip4 && caps->rsc_ip6) {
		plan->lro = true;
		p->rsc_ip4 = wanted & NETVSC_PARAM_RSC ?
			     NDIS_OFFLOAD_PARAM_RSC_ON :
			     NDIS_OFFLOAD_PARAM_RSC_OFF;
		p->rsc_ip6 = p->rsc_ip4;
	}
	plan->params_len = udp ? NDIS_OFFLOAD_PARAMS_SIZE :
				 NDIS_OFFLOAD_PARAMS_SIZE_6_1;
	p->header.type = NDIS_OBJECT_TYPE_DEFAULT;
	p->header.revision = NDIS_OFFLOAD_PARAMS_REVISION_3;
	p->header.size = plan->params_len;
}

/**
 * netvsc_rss_caps_query() - the object header sent with the RSS query
 * @hdr: filled; its size is also the query's information length
 */
void netvsc_rss_caps_query(struct ndis_object_header *hdr)
{
	hdr->type = NDIS_OBJECT_TYPE_RSS_CAPS;
	hdr->revision = NDIS_RSS_CAPS_REVISION_2;
	hdr->size = NDIS_RSS_CAPS_SIZE;
}

/**
 * netvsc_rss_caps_parse() - the host's receive-side scaling capabilities
 * @caps: the answer, copied into a zeroed struct
 * @len: bytes the host sent
 * @queues: receive queues the host has
 * @table_size: indirection table entries to use: the host's if it sent
 *	them (revision 2) and they are 1 to NDIS_RSS_TABLE_MAX, else
 *	NDIS_RSS_TABLE_DEFAULT
 *
 * Return: 0, or -EBADMSG for an answer too short for the queue count.
 */
int netvsc_rss_caps_parse(const struct ndis_rss_caps *caps, u32 len,
			  u32 *queues, u32 *table_size)
{
	if (len < NDIS_RSS_CAPS_SIZE_6_0) {
		pr_err_ratelimited("RSS caps of %u bytes\n", len);
		return -EBADMSG;
	}
	*queues = caps->num_recv_queues;
	*table_size = NDIS_RSS_TABLE_DEFAULT;
	if (len >= NDIS_RSS_CAPS_SIZE && caps->num_table_entries &&
	    caps->num_table_entries <= NDIS_RSS_TABLE_MAX)
		*table_size = caps->num_table_entries;
	return 0;
}

/**
 * netvsc_channels_max() - channels (queues) a NIC may have
 * @host_queues: the host's receive queues
 * @cpus: online CPUs
 *
 * Return: min(host queues, CPUs, NETVSC_CHANNELS_MAX), at least 1.
 */
u32 netvsc_channels_max(u32 host_queues, u32 cpus)
{
	u32 n = min_t(u32, min_t(u32, host_queues, cpus), NETVSC_CHANNELS_MAX);

	return n ? n : 1;
}

/**
 * netvsc_ucs2_to_utf8() - the host's friendly name as UTF-8
 * @in: UCS-2 characters, little-endian, possibly NUL-terminated
 * @len: bytes at @in
 * @out: NUL-terminated result; a character that does not fit whole is
 *	left out with everything after it
 * @size: room at @out, at least 1
 *
 * Return: bytes written, without the NUL.
 */
size_t netvsc_ucs2_to_utf8(const u8 *in, u32 len, char *out, size_t size)
{
	size_t n = 0, need;
	u32 i;
	u16 c;

	for (i = 0; i + 1 < len; i += 2) {
		c = in[i] | in[i + 1] << 8;
		if (!c)
			break;
		need = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
		if (size - n <= need)
			break;
		if (need == 1) {
			out[n++] = c;
		} else if (need == 2) {
			out[n++] = 0xc0 | c >> 6;
			out[n++] = 0x80 | (c & 0x3f);
		} else {
			out[n++] = 0xe0 | c >> 12;
			out[n++] = 0x80 | ((c >> 6) & 0x3f);
			out[n++] = 0x80 | (c & 0x3f);
		}
	}
	out[n] = '\0';
	return n;
}
