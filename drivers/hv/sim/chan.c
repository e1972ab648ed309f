// SPDX-License-Identifier: GPL-2.0
/*
 * The host's end of an open channel: mapping the ring GPADL, the two
 * rings (the host consumes the guest's outbound ring and produces into
 * its inbound one), writing with flow control, and ring corruption faults.
 */
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "host.h"

/* Poll for space when the guest does not honour pending_send_size. */
#define SIM_POLL_INTERVAL	msecs_to_jiffies(10)

static void sim_chan_free_bufs(struct sim_channel *ch)
{
	kvfree(ch->rxbuf);
	kvfree(ch->txbuf);
	ch->rxbuf = NULL;
	ch->txbuf = NULL;
}

/* Unmap the rings and release their GPADL; answers a waiting teardown. */
static void sim_chan_unmap(struct sim_host *h, struct sim_channel *ch)
{
	struct sim_gpadl *g = ch->ring_gpadl;

	vunmap(ch->ring_map);
	ch->ring_map = NULL;
	sim_chan_free_bufs(ch);
	memset(&ch->out, 0, sizeof(ch->out));
	memset(&ch->in, 0, sizeof(ch->in));
	ch->held_len = 0;
	ch->burst_left = 0;
	ch->waiting = false;
	ch->want_signal = false;
	ch->ring_gpadl = NULL;
	sim_gpadl_release(h, g);
}

/**
 * sim_chan_start() - map a channel's rings for an OPEN_CHANNEL
 * @h: the host, locked
 * @ch: the channel
 * @g: its ring GPADL: outbound ring first, inbound at @downstream_offset
 * @downstream_offset: inbound ring offset in Hyper-V pages
 *
 * Each ring needs its control page and at least one data page. The guest
 * has initialised the control pages; the host only attaches to them.
 */
int sim_chan_start(struct sim_host *h, struct sim_channel *ch,
		   struct sim_gpadl *g, u32 downstream_offset)
{
	u32 npages, out_size, in_size;
	size_t off;
	void *map;
	u8 *base;
	int ret;

	map = sim_gpadl_map(g, &npages, &off);
	if (IS_ERR(map)) {
		sim_bad(h, "ring GPADL %#x of relid %u cannot be mapped\n",
			g->id, ch->relid);
		return PTR_ERR(map);
	}
	if (npages < 4 || downstream_offset < 2 ||
	    downstream_offset > npages - 2) {
		sim_bad(h, "relid %u: inbound ring at page %u of %u\n",
			ch->relid, downstream_offset, npages);
		vunmap(map);
		return -EINVAL;
	}
	base = (u8 *)map + off;
	out_size = downstream_offset * HV_PAGE_SIZE;
	in_size = (npages - downstream_offset) * HV_PAGE_SIZE;
	/* hv_ring_init() wants a packet plus its trailer to leave room. */
	ch->max_pkt = min_t(u32, SIM_MAX_PKT, min(out_size, in_size) -
			    VMBUS_RING_DATA_OFFSET - 2 * VMBUS_PKT_ALIGN);

	ret = hv_ring_init(&ch->out, base, out_size, ch->max_pkt);
	if (!ret)
		ret = hv_ring_init(&ch->in, base + out_size, in_size, ch->max_pkt);
	if (ret) {
		sim_bad(h, "relid %u: rings of %u and %u bytes refused: %d\n",
			ch->relid, out_size, in_size, ret);
		vunmap(map);
		return ret;
	}
	ch->rxbuf = kvmalloc(ch->max_pkt, GFP_KERNEL);
	ch->txbuf = kvmalloc(ch->max_pkt, GFP_KERNEL);
	if (!ch->rxbuf || !ch->txbuf) {
		sim_chan_free_bufs(ch);
		vunmap(map);
		return -ENOMEM;
	}
	ch->ring_map = map;
	ch->ring_gpadl = g;
	g->in_use = true;
	ch->held_len = 0;
	ch->burst_left = 0;
	ch->waiting = false;
	ch->want_signal = false;
	ch->signalled_vp = VMBUS_TARGET_VP_NONE;
	ch->old_vp_signals = 0;
	ch->broken = false;
	ch->model_priv = NULL;
	if (ch->cls->model && ch->cls->model->open) {
		ret = ch->cls->model->open(h, ch);
		if (ret) {
			sim_chan_unmap(h, ch);
			return ret;
		}
	}
	return 0;
}

/**
 * sim_chan_stop() - stop all ring access and unmap (no-op when not mapped)
 * @h: the host, locked
 * @ch: the channel
 *
 * A GPADL teardown that waited for the rings is answered now.
 */
void sim_chan_stop(struct sim_host *h, struct sim_channel *ch)
{
	if (!ch->ring_map)
		return;
	if (ch->cls->model && ch->cls->model->close)
		ch->cls->model->close(h, ch);
	ch->model_priv = NULL;
	sim_chan_unmap(h, ch);
}

static void sim_ring_error(struct sim_host *h, struct sim_channel *ch,
			   const char *what, int err)
{
	ch->broken = true;
	h->stats.ring_errors++;
	pr_warn_ratelimited("relid %u: %s failed (%d): channel stopped\n",
			    ch->relid, what, err);
}

static int sim_write_once(struct sim_host *h, struct sim_channel *ch)
{
	struct kvec iov = { .iov_base = ch->txbuf, .iov_len = ch->held_len };
	bool signal = false;
	int ret;

	ret = hv_ring_write(&ch->in, &iov, 1, &signal);
	if (ret >= 0 && (signal || ch->signal_every))
		ch->want_signal = true;
	return ret;
}

/*
 * The inbound ring is full: ask the guest, through pending_send_size
 * (the padded packet plus its trailer), to signal when it has made room,
 * then try once more in case it did so before it could see the request.
 */
static int sim_write_or_wait(struct sim_host *h, struct sim_channel *ch)
{
	int ret;

	hv_ring_set_pending_send(&ch->in, ch->held_len + VMBUS_PKT_TRAILER_SIZE);
	if (!ch->waiting)
		h->stats.pending_waits++;
	ch->waiting = true;
	ret = sim_write_once(h, ch);
	if (ret == -EAGAIN &&
	    !(READ_ONCE(ch->in.ctrl->feature_bits) &
	      VMBUS_RING_FEAT_PENDING_SEND_SIZE))
		queue_delayed_work(h->wq, &h->poll_work, SIM_POLL_INTERVAL);
	return ret;
}

/**
 * sim_chan_write_held() - write the packet in txbuf into the inbound ring
 * @h: the host, locked
 * @ch: an open channel with held_len bytes in txbuf
 *
 * Return: 0 when written (or dropped as never fitting), -EAGAIN when the
 * ring is full (the packet stays held), another error when the ring broke.
 */
int sim_chan_write_held(struct sim_host *h, struct sim_channel *ch)
{
	int ret;

	if (ch->held_len + VMBUS_PKT_TRAILER_SIZE >= ch->in.size) {
		h->stats.ring_drops++;
		pr_warn_ratelimited("relid %u: %u-byte packet never fits the inbound ring\n",
				    ch->relid, ch->held_len);
		ch->held_len = 0;
		return 0;
	}
	ret = sim_write_once(h, ch);
	if (ret == -EAGAIN)
		ret = sim_write_or_wait(h, ch);
	if (ret == -EAGAIN)
		return ret;
	if (ret < 0) {
		sim_ring_error(h, ch, "inbound write", ret);
		return ret;
	}
	if (ch->waiting) {
		hv_ring_set_pending_send(&ch->in, 0);
		ch->waiting = false;
	}
	ch->held_len = 0;
	ch->pkts_out++;
	return 0;
}

/**
 * sim_chan_send() - send one packet to the guest
 * @h: the host, locked
 * @ch: an open channel
 * @type: VMBUS_PKT_DATA_INBAND, VMBUS_PKT_COMPLETION, ...
 * @flags: descriptor flags (VMBUS_PKT_FLAG_COMPLETION_REQUESTED)
 * @trans_id: the descriptor's transaction id
 * @payload: @len bytes, padded with zeros to 8 on the wire
 * @len: payload bytes
 *
 * The packet is built in the channel's transmit buffer. When the inbound
 * ring is full it stays held there and goes out, before the model runs
 * again, once the guest has made room. The caller then interrupts the
 * guest with sim_chan_notify() (sim_chan_run() does it for the model).
 *
 * Return: 0 when written, -EAGAIN when held, -EBUSY when another packet
 * is still held (nothing done), -EMSGSIZE when it can never fit, another
 * error when the ring broke.
 */
int sim_chan_send(struct sim_host *h, struct sim_channel *ch, u16 type,
		  u16 flags, u64 trans_id, const void *payload, u32 len)
{
	u32 hdr = sizeof(struct vmbus_pkt_desc);
	u32 padded = ALIGN(len, VMBUS_PKT_ALIGN);
	struct vmbus_pkt_desc *d = (struct vmbus_pkt_desc *)ch->txbuf;

	if (!ch->ring_map || ch->broken)
		return -ENODEV;
	if (ch->held_len)
		return -EBUSY;
	if (padded > ch->max_pkt - hdr) {
		h->stats.ring_drops++;
		return -EMSGSIZE;
	}
	memset(d, 0, hdr);
	d->type = type;
	d->flags = flags;
	d->offset8 = hdr >> VMBUS_PKT_ALIGN_SHIFT;
	d->len8 = (hdr + padded) >> VMBUS_PKT_ALIGN_SHIFT;
	d->trans_id = trans_id;
	memcpy(ch->txbuf + hdr, payload, len);
	memset(ch->txbuf + hdr + len, 0, padded - len);
	ch->held_len = hdr + padded;
	return sim_chan_write_held(h, ch);
}

/**
 * sim_chan_read() - take the next packet the guest sent
 * @h: the host, locked
 * @ch: an open channel
 * @pkt: the packet's validated descriptor and lengths
 *
 * The packet is copied into @ch->rxbuf (room for any packet the ring
 * accepts) and its space handed back at once; the guest is interrupted
 * later, by sim_chan_notify(), if it waits for that room.
 *
 * Return: 0, -EAGAIN when the ring is empty, another error when the ring
 * is corrupt: the host then stops using the channel's rings.
 */
int sim_chan_read(struct sim_host *h, struct sim_channel *ch,
		  struct hv_ring_pkt *pkt)
{
	int ret;

	if (!hv_ring_bytes_to_read(&ch->out))
		return -EAGAIN;
	ret = hv_ring_read(&ch->out, ch->rxbuf, ch->max_pkt, pkt);
	if (ret == -EAGAIN)
		return ret;
	if (ret) {
		sim_ring_error(h, ch, "outbound read", ret);
		return ret;
	}
	ch->pkts_in++;
	/* The guest may be waiting for this room (pending_send_size). */
	if (hv_ring_read_commit(&ch->out))
		ch->want_signal = true;
	return 0;
}

/**
 * sim_chan_notify() - interrupt the guest if a ring access asked for it
 * @h: the host, locked
 * @ch: the channel
 *
 * sim_chan_run() calls this after the model's run; a model that sends
 * from elsewhere (a timer, a debugfs command) calls it after its sends.
 */
void sim_chan_notify(struct sim_host *h, struct sim_channel *ch)
{
	if (ch->want_signal) {
		ch->want_signal = false;
		sim_signal_guest(h, ch);
	}
}

/**
 * sim_chan_run() - serve a channel the guest signalled
 * @h: the host, locked
 * @ch: the channel
 * @fast: in the guest's signalling context: the model's run_fast, which
 *	the caller checked it has
 *
 * Rings of classes without a device model are mapped but ignored.
 */
void sim_chan_run(struct sim_host *h, struct sim_channel *ch, bool fast)
{
	const struct sim_model *model = ch->cls->model;

	if (!ch->ring_map || ch->stalled || ch->broken || !model)
		return;
	if (!ch->held_len || !sim_chan_write_held(h, ch))
		(fast ? model->run_fast : model->run)(h, ch);
	sim_chan_notify(h, ch);
}

/* A packet of 32 bytes whose descriptor says @offset8 and @len8. */
static int sim_write_bad_desc(struct sim_host *h, struct sim_channel *ch,
			      u16 offset8, u16 len8)
{
	struct {
		struct vmbus_pkt_desc desc;
		u8 payload[16];
	} pkt = {
		.desc.type = VMBUS_PKT_DATA_INBAND,
		.desc.offset8 = offset8,
		.desc.len8 = len8,
		.desc.trans_id = 0xbad,
	};
	struct kvec iov = { .iov_base = &pkt, .iov_len = sizeof(pkt) };
	bool signal = false;
	int ret;

	ret = hv_ring_write(&ch->in, &iov, 1, &signal);
	return ret < 0 ? ret : 0;
}

/*
 * Overwrite a field of a control page. The host owns half of each page
 * (inbound write_index, outbound read_index) and must not touch the rest;
 * a hostile host does anyway, which is what these faults play.
 */
static void sim_poke(u32 *field, u32 value)
{
	WRITE_ONCE(*field, value);
	/* Visible before the guest is interrupted. */
	smp_mb();
}

/*
 * One ring corruption. Sets *@keep when the host may go on using the
 * rings: the guest must then keep working.
 */
static int sim_corrupt_one(struct sim_host *h, struct sim_channel *ch,
			   const char *what, bool *keep)
{
	struct vmbus_ring_control *in = ch->in.ctrl, *out = ch->out.ctrl;
	u32 windex = READ_ONCE(in->write_index);

	/* pending_send_size only says when to signal: rings stay usable. */
	*keep = false;
	if (!strcmp(what, "write_index_oob")) {
		sim_poke(&in->write_index, ch->in.size + VMBUS_PKT_ALIGN);
	} else if (!strcmp(what, "write_index_unaligned")) {
		sim_poke(&in->write_index, (windex + 4) % ch->in.size);
	} else if (!strcmp(what, "len_lt_offset")) {
		return sim_write_bad_desc(h, ch, 4, 3);
	} else if (!strcmp(what, "offset_in_desc")) {
		return sim_write_bad_desc(h, ch, 1, 4);
	} else if (!strcmp(what, "len_beyond_ring")) {
		return sim_write_bad_desc(h, ch, 2, U16_MAX);
	} else if (!strcmp(what, "out_read_index_oob")) {
		sim_poke(&out->read_index, ch->out.size + VMBUS_PKT_ALIGN);
	} else if (!strcmp(what, "out_read_index_unaligned")) {
		sim_poke(&out->read_index, (ch->out.read_index + 4) % ch->out.size);
	} else if (!strcmp(what, "out_read_index_ahead")) {
		/* In range and aligned, but the ring then looks full for good. */
		sim_poke(&out->read_index,
			 (READ_ONCE(out->write_index) + VMBUS_PKT_ALIGN) %
			 ch->out.size);
	} else if (!strcmp(what, "pending_send_huge")) {
		sim_poke(&in->pending_send_size, U32_MAX);
		*keep = true;
	} else if (!strcmp(what, "out_pending_send_huge")) {
		sim_poke(&out->pending_send_size, U32_MAX);
		*keep = true;
	} else {
		return -EINVAL;
	}
	return 0;
}

/**
 * sim_corrupt_ring() - corrupt a ring of an open channel
 * @h: the host, locked
 * @ch: the channel
 * @what: the corruption; Documentation/sim.rst lists them
 *
 * Interrupts the guest so that it looks. Unless the corruption leaves
 * the rings usable, the host then stops using them.
 */
int sim_corrupt_ring(struct sim_host *h, struct sim_channel *ch,
		     const char *what)
{
	bool keep;
	int ret;

	if (!ch->ring_map || ch->broken)
		return -EINVAL;
	ret = sim_corrupt_one(h, ch, what, &keep);
	if (ret)
		return ret;
	pr_info("fault: relid %u ring corrupted (%s)\n", ch->relid, what);
	h->stats.malformed++;
	ch->broken = !keep;
	sim_signal_guest(h, ch);
	return 0;
}

/**
 * sim_chan_signal_vps() - the signal_vps fault: where a channel's
 *	interrupts go
 * @h: the host, locked
 * @ch: the channel
 * @mask: VPs as a number (bit n: VP n); 0 restores the target VP
 *
 * A host may interrupt a VP other than the channel's target (for a while
 * after MODIFY_CHANNEL, or when it is hostile), or several at once.
 *
 * Return: 0, or -EINVAL for a mask naming a VP the guest cannot have.
 */
int sim_chan_signal_vps(struct sim_host *h, struct sim_channel *ch,
			const char *mask)
{
	unsigned long vps;

	if (!mask || kstrtoul(mask, 0, &vps) ||
	    (vps && find_last_bit(&vps, BITS_PER_LONG) >= nr_cpu_ids))
		return -EINVAL;
	ch->signal_vps = vps;
	return 0;
}
