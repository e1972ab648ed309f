// SPDX-License-Identifier: GPL-2.0
/*
 * Upstream's side of tests/bench/ring-bench: Linux 6.12's
 * drivers/hv/ring_buffer.c (compiled from Debian's linux-source-6.12 by
 * the benchmark script, on ring-upstream-shim.h) driven as upstream's
 * drivers drive it.
 *
 * A send is upstream's vmbus_sendpacket() of an in-band packet: the
 * descriptor, the payload and the zero padding as three kvecs to
 * hv_ringbuffer_write(), which takes the ring's lock and signals. A
 * receive is the packet iterator, as netvsc and most drivers read:
 * hv_pkt_iter_first() and __hv_pkt_iter_next() copy each packet into the
 * channel's packet buffer, where the driver reads it, and the iteration
 * ends with hv_pkt_iter_close(), which gives the space back (upstream's
 * inline hv_pkt_iter_next() does that at the end of the packets).
 *
 * The ring is mapped as hv_ringbuffer_init() maps it, by vmap() of the
 * control page and the data pages twice; vmap() here maps the pages of a
 * memfd into one contiguous range.
 */
#include <unistd.h>
#include "ring-upstream-shim.h"

#define UP_RING_PAGES	(BENCH_RING_DATA / HV_HYP_PAGE_SIZE + 1)
#define UP_MAX_VMAPS	8

static struct {
	const void *addr;
	unsigned int count;
} up_vmaps[UP_MAX_VMAPS];

/* The kernel's vmap() for the ring: the pages, in order, at one address. */
void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   int prot)
{
	u32 *offsets = calloc(count, sizeof(*offsets));
	unsigned int i, slot;
	void *addr;

	for (slot = 0; slot < UP_MAX_VMAPS && up_vmaps[slot].addr; slot++)
		;
	if (!offsets || slot == UP_MAX_VMAPS)
		bench_die("too many rings mapped, or out of memory");
	for (i = 0; i < count; i++)
		offsets[i] = pages[i]->pgoff;
	addr = bench_map_pages(pages[0]->fd, offsets, count);
	free(offsets);
	up_vmaps[slot].addr = addr;
	up_vmaps[slot].count = count;
	return addr;
}

void vunmap(const void *addr)
{
	unsigned int slot;

	for (slot = 0; slot < UP_MAX_VMAPS; slot++) {
		if (up_vmaps[slot].addr == addr) {
			bench_unmap((void *)addr, up_vmaps[slot].count);
			up_vmaps[slot].addr = NULL;
			return;
		}
	}
	bench_die("unmapping a ring that is not mapped");
}

struct up_ctx {
	/* The producer's channel sends on its outbound ring ... */
	struct vmbus_channel prod __aligned(64);
	/* ... which the consumer's channel reads as its inbound one. */
	struct vmbus_channel cons __aligned(64);
	struct page pages[UP_RING_PAGES];
	int fd;
};

static void up_attach(struct up_ctx *c)
{
	hv_ringbuffer_pre_init(&c->prod);
	hv_ringbuffer_pre_init(&c->cons);
	if (hv_ringbuffer_init(&c->prod.outbound, c->pages, UP_RING_PAGES, 0) ||
	    hv_ringbuffer_init(&c->cons.inbound, c->pages, UP_RING_PAGES,
			       BENCH_MAX_PKT))
		bench_die("hv_ringbuffer_init");
}

static void up_reset(void *arg)
{
	struct up_ctx *c = arg;

	hv_ringbuffer_cleanup(&c->prod.outbound);
	hv_ringbuffer_cleanup(&c->cons.inbound);
	up_attach(c);
}

static void *up_open(void)
{
	struct up_ctx *c = aligned_alloc(64, sizeof(*c));
	unsigned int i;

	if (!c)
		bench_die("out of memory");
	memset(c, 0, sizeof(*c));
	c->fd = bench_memfd(UP_RING_PAGES * HV_HYP_PAGE_SIZE);
	for (i = 0; i < UP_RING_PAGES; i++)
		c->pages[i] = (struct page){ .fd = c->fd, .pgoff = i };
	up_attach(c);
	return c;
}

static void up_close(void *arg)
{
	struct up_ctx *c = arg;

	hv_ringbuffer_cleanup(&c->prod.outbound);
	hv_ringbuffer_cleanup(&c->cons.inbound);
	close(c->fd);
	free(c);
}

/* vmbus_sendpacket() of an in-band packet without completion */
static int up_send(void *arg, const void *payload, u32 len, u64 id)
{
	struct up_ctx *c = arg;
	u32 pkt_len = sizeof(struct vmpacket_descriptor) + len;
	u32 padded = ALIGN(pkt_len, sizeof(u64));
	u64 zeros = 0;
	struct vmpacket_descriptor desc = {
		.type = VM_PKT_DATA_INBAND,
		.offset8 = sizeof(desc) >> 3,
		.len8 = padded >> 3,
		.trans_id = VMBUS_RQST_ERROR,
	};
	struct kvec iov[3] = {
		{ .iov_base = &desc, .iov_len = sizeof(desc) },
		{ .iov_base = (void *)payload, .iov_len = len },
		{ .iov_base = &zeros, .iov_len = padded - pkt_len },
	};

	return hv_ringbuffer_write(&c->prod, iov, len ? 3 : 1, id, NULL);
}

static void up_check(const struct vmpacket_descriptor *desc, u32 len, u64 id)
{
	if (desc->trans_id != id ||
	    desc->len8 << 3 != ALIGN(sizeof(*desc) + len, sizeof(u64)))
		bench_die("upstream: wrong packet");
}

static unsigned long up_drain(void *arg, u32 len, u64 *next_id,
			      unsigned int commit_every)
{
	struct vmbus_channel *ch = &((struct up_ctx *)arg)->cons;
	struct vmpacket_descriptor *desc = hv_pkt_iter_first(ch);
	unsigned long n = 0;
	unsigned int since = 0;

	while (desc) {
		up_check(desc, len, (*next_id)++);
		n++;
		desc = __hv_pkt_iter_next(ch, desc);
		if (!desc) {
			hv_pkt_iter_close(ch);
		} else if (++since == commit_every) {
			hv_pkt_iter_close(ch);
			since = 0;
		}
	}
	return n;
}

const struct bench_side bench_upstream = {
	.name = "upstream",
	.open = up_open,
	.reset = up_reset,
	.send = up_send,
	.drain = up_drain,
	.close = up_close,
};
