// SPDX-License-Identifier: GPL-2.0
/*
 * The test echo device (include/hv/proto/test_echo.h), host side: every
 * in-band packet is answered with its payload and trans_id, as a
 * completion when the guest asked for one; SINK packets are consumed
 * silently; BURST asks for a stream of in-band packets. Answers that do
 * not fit wait in the channel (one held packet, or the rest of a burst)
 * until the guest makes room: nothing is dropped.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include <hv/proto/test_echo.h>

#include "host.h"

/* Packets handled per run before other channels get a turn. */
#define SIM_ECHO_BUDGET		64

#define SIM_DESC_LEN		sizeof(struct vmbus_pkt_desc)

/* Build a packet in txbuf: descriptor, then @plen bytes (8-aligned). */
static void *sim_echo_build(struct sim_channel *ch, u16 type, u64 trans_id,
			    u32 plen)
{
	struct vmbus_pkt_desc *d = (struct vmbus_pkt_desc *)ch->txbuf;

	memset(d, 0, sizeof(*d));
	d->type = type;
	d->offset8 = SIM_DESC_LEN >> VMBUS_PKT_ALIGN_SHIFT;
	d->len8 = (SIM_DESC_LEN + plen) >> VMBUS_PKT_ALIGN_SHIFT;
	d->trans_id = trans_id;
	ch->held_len = SIM_DESC_LEN + plen;
	return ch->txbuf + SIM_DESC_LEN;
}

static void sim_echo_reply(struct sim_host *h, struct sim_channel *ch,
			   u16 type, u64 trans_id, const u8 *payload, u32 plen)
{
	u32 padded = ALIGN(plen, VMBUS_PKT_ALIGN);
	u8 *p;

	if (SIM_DESC_LEN + padded > ch->max_pkt) {
		h->stats.ring_drops++;
		pr_warn_ratelimited("relid %u: %u-byte answer too large\n",
				    ch->relid, plen);
		return;
	}
	p = sim_echo_build(ch, type, trans_id, padded);
	memcpy(p, payload, plen);
	memset(p + plen, 0, padded - plen);
}

/*
 * Burst packet idx: an in-band packet with the request's trans_id whose
 * payload is a struct hvg_echo_hdr (op BURST, the request's seq, count =
 * idx, len = payload size) followed by bytes (u8)(offset + idx).
 */
static void sim_echo_burst_next(struct sim_channel *ch)
{
	u32 plen = max_t(u32, ch->burst_len, sizeof(struct hvg_echo_hdr));
	struct hvg_echo_hdr *eh;
	u32 i;
	u8 *p;

	plen = min_t(u32, ALIGN(plen, VMBUS_PKT_ALIGN),
		     ch->max_pkt - SIM_DESC_LEN);
	p = sim_echo_build(ch, VMBUS_PKT_DATA_INBAND, ch->burst_tid, plen);
	eh = (struct hvg_echo_hdr *)p;
	eh->op = HVG_ECHO_OP_BURST;
	eh->seq = ch->burst_seq;
	eh->count = ch->burst_idx;
	eh->len = plen;
	for (i = sizeof(*eh); i < plen; i++)
		p[i] = (u8)(i + ch->burst_idx);
	ch->burst_idx++;
	ch->burst_left--;
}

/* Write held answers and the rest of a burst; -EAGAIN while full. */
static int sim_echo_flush(struct sim_host *h, struct sim_channel *ch)
{
	int ret;

	for (;;) {
		if (!ch->held_len) {
			if (!ch->burst_left)
				return 0;
			sim_echo_burst_next(ch);
		}
		ret = sim_chan_write_held(h, ch);
		if (ret)
			return ret;
	}
}

static void sim_echo_handle(struct sim_host *h, struct sim_channel *ch,
			    const struct hv_ring_pkt *pkt)
{
	const u8 *payload = ch->rxbuf + pkt->payload_offset;
	u32 plen = pkt->len - pkt->payload_offset;
	bool completion = pkt->desc.flags & VMBUS_PKT_FLAG_COMPLETION_REQUESTED;
	u16 type = completion ? VMBUS_PKT_COMPLETION : VMBUS_PKT_DATA_INBAND;
	struct hvg_echo_hdr eh = {};

	if (pkt->desc.type != VMBUS_PKT_DATA_INBAND) {
		pr_warn_ratelimited("relid %u: echo ignores packet type %u\n",
				    ch->relid, pkt->desc.type);
		return;
	}
	if (plen >= sizeof(eh))
		memcpy(&eh, payload, sizeof(eh));
	switch (plen >= sizeof(eh) ? eh.op : HVG_ECHO_OP_ECHO) {
	case HVG_ECHO_OP_SINK:
		return;
	case HVG_ECHO_OP_BURST:
		/* The completion, if asked for, comes first. */
		if (completion)
			sim_echo_reply(h, ch, type, pkt->desc.trans_id,
				       payload, plen);
		ch->burst_left = min_t(u32, eh.count, SIM_MAX_BURST);
		ch->burst_idx = 0;
		ch->burst_len = eh.len;
		ch->burst_seq = eh.seq;
		ch->burst_tid = pkt->desc.trans_id;
		return;
	default:
		sim_echo_reply(h, ch, type, pkt->desc.trans_id, payload, plen);
	}
}

/* Room for another answer once held ones and the burst are written. */
static bool sim_echo_room(struct sim_host *h, struct sim_channel *ch)
{
	return !sim_echo_flush(h, ch);
}

static void sim_echo_run(struct sim_host *h, struct sim_channel *ch)
{
	sim_chan_drain(h, ch, SIM_ECHO_BUDGET, sim_echo_room, sim_echo_handle);
}

const struct sim_model sim_echo_model = {
	.run = sim_echo_run,
};
