// SPDX-License-Identifier: GPL-2.0
/*
 * hvguest's side of tests/bench/ring-bench: drivers/hv/vmbus/ring.c
 * driven as drivers/hv/vmbus/channel.c drives it. A send is vmbus_send():
 * a descriptor and the payload as two kvecs, written by hv_ring_write()
 * under the channel's send lock, with the channel's counters, then the
 * signal. A receive is vmbus_recv() (hv_ring_read() into the driver's
 * buffer) until the ring is empty, then vmbus_recv_done() (commit, then
 * a last look for packets that arrived meanwhile). vmbus_send(),
 * vmbus_recv() and vmbus_recv_done() are functions a driver calls (the
 * channel is opaque to drivers), so they are functions here too.
 */
#include <unistd.h>
#include <linux/kernel.h>
#include <hv/ring.h>
#include "ring-bench.h"

#define HVG_RING_PAGES	(BENCH_RING_DATA / HV_PAGE_SIZE + 1)

/* The fields of struct vmbus_channel that a send and a receive touch. */
struct hvg_chan {
	struct bench_lock send_lock;
	bool sendable;
	bool rescinded;
	bool out_full;
	unsigned long out_full_total;
	unsigned long out_full_first;
	unsigned long intr_out_empty;
	unsigned long intr_in_full;
	bool resched;
	struct hv_ring ring;
	u8 *mem;
	u8 *buf;
} __aligned(64);

/*
 * The two ends map the ring each for itself, as a guest and its host do
 * (and as the upstream side's two vmap()s do).
 */
struct hvg_ctx {
	struct hvg_chan prod;
	struct hvg_chan cons;
	int fd;
};

static void hvg_reset(void *arg)
{
	struct hvg_ctx *c = arg;

	memset(c->prod.mem, 0, HV_PAGE_SIZE);
	if (hv_ring_init(&c->prod.ring, c->prod.mem,
			 HVG_RING_PAGES * HV_PAGE_SIZE, BENCH_MAX_PKT))
		bench_die("hv_ring_init");
	hv_ring_init_shared(&c->prod.ring);
	if (hv_ring_init(&c->cons.ring, c->cons.mem,
			 HVG_RING_PAGES * HV_PAGE_SIZE, BENCH_MAX_PKT))
		bench_die("hv_ring_init");
}

static void *hvg_open(void)
{
	struct hvg_ctx *c = aligned_alloc(64, sizeof(*c));
	u32 pages[HVG_RING_PAGES], i;

	if (!c)
		bench_die("out of memory");
	memset(c, 0, sizeof(*c));
	/* A flat mapping of the ring, as hv_vmbus and hv_sim map it. */
	for (i = 0; i < HVG_RING_PAGES; i++)
		pages[i] = i;
	c->fd = bench_memfd(HVG_RING_PAGES * HV_PAGE_SIZE);
	c->prod.mem = bench_map_pages(c->fd, pages, HVG_RING_PAGES);
	c->cons.mem = bench_map_pages(c->fd, pages, HVG_RING_PAGES);
	c->cons.buf = aligned_alloc(64, BENCH_MAX_PKT);
	if (!c->cons.buf)
		bench_die("out of memory");
	c->prod.sendable = true;
	hvg_reset(c);
	return c;
}

static void hvg_close(void *arg)
{
	struct hvg_ctx *c = arg;

	bench_unmap(c->prod.mem, HVG_RING_PAGES);
	bench_unmap(c->cons.mem, HVG_RING_PAGES);
	close(c->fd);
	free(c->cons.buf);
	free(c);
}

/* vmbus_send_iov() */
static int hvg_send_iov(struct hvg_chan *ch, const struct kvec *iov,
			unsigned int iov_count)
{
	bool signal = false;
	int ret;

	bench_lock(&ch->send_lock);
	if (!ch->sendable || ch->rescinded)
		ret = -ENODEV;
	else
		ret = hv_ring_write(&ch->ring, iov, iov_count, &signal);
	if (ret == -EAGAIN) {
		ch->out_full_total++;
		if (!ch->out_full)
			ch->out_full_first++;
		ch->out_full = true;
	} else if (!ret) {
		ch->out_full = false;
	}
	if (signal)
		ch->intr_out_empty++;
	bench_unlock(&ch->send_lock);
	if (signal)
		bench_signal();
	return ret;
}

/* vmbus_send() of an in-band packet */
static int hvg_send(void *arg, const void *payload, u32 len, u64 id)
{
	struct hvg_ctx *c = arg;
	struct vmbus_pkt_desc desc = {
		.type = VMBUS_PKT_DATA_INBAND,
		.trans_id = id,
		.offset8 = sizeof(desc) >> VMBUS_PKT_ALIGN_SHIFT,
	};
	struct kvec iov[2] = {
		{ .iov_base = &desc, .iov_len = sizeof(desc) },
		{ .iov_base = (void *)payload, .iov_len = len },
	};

	desc.len8 = ALIGN(sizeof(desc) + len, VMBUS_PKT_ALIGN) >>
		    VMBUS_PKT_ALIGN_SHIFT;
	return hvg_send_iov(&c->prod, iov, ARRAY_SIZE(iov));
}

static void hvg_check(const struct hv_ring_pkt *pkt, u32 len, u64 id)
{
	if (pkt->desc.trans_id != id ||
	    pkt->len != ALIGN(sizeof(pkt->desc) + len, VMBUS_PKT_ALIGN))
		bench_die("hvguest: wrong packet");
}

/* vmbus_recv(), a function of channel.c that drivers call */
static noinline int hvg_recv(struct hvg_chan *ch, void *buf, u32 buf_len,
			     struct hv_ring_pkt *pkt)
{
	return hv_ring_read(&ch->ring, buf, buf_len, pkt);
}

/* vmbus_recv_done(), likewise */
static noinline void hvg_recv_done(struct hvg_chan *ch)
{
	if (hv_ring_read_commit(&ch->ring)) {
		ch->intr_in_full++;
		bench_signal();
	}
	if (hv_ring_bytes_to_read(&ch->ring))
		ch->resched = true;
}

static unsigned long hvg_drain(void *arg, u32 len, u64 *next_id,
			       unsigned int commit_every)
{
	struct hvg_chan *ch = &((struct hvg_ctx *)arg)->cons;
	struct hv_ring_pkt pkt;
	unsigned long n = 0;
	unsigned int since = 0;
	int ret;

	while (!(ret = hvg_recv(ch, ch->buf, BENCH_MAX_PKT, &pkt))) {
		hvg_check(&pkt, len, (*next_id)++);
		n++;
		if (++since == commit_every) {
			hvg_recv_done(ch);
			since = 0;
		}
	}
	if (ret != -EAGAIN)
		bench_die("hvguest: read failed");
	hvg_recv_done(ch);
	return n;
}

static bool hvg_ready(void *arg)
{
	return hv_ring_bytes_to_read(&((struct hvg_ctx *)arg)->cons.ring);
}

const struct bench_side bench_hvguest = {
	.name = "hvguest",
	.open = hvg_open,
	.reset = hvg_reset,
	.send = hvg_send,
	.ready = hvg_ready,
	.drain = hvg_drain,
	.close = hvg_close,
};
