// SPDX-License-Identifier: GPL-2.0
/*
 * Upstream's side of tests/bench/ring-bench: Linux 6.12's
 * drivers/hv/ring_buffer.c (compiled from Debian's linux-source-6.12 by
 * the benchmark script, on ring-upstream-shim.h) driven as upstream's
 * drivers drive it.
 *
 * A send is upstream's vmbus_sendpacket() of an in-band packet, which
 * calls vmbus_sendpacket_getid(): the descriptor, the payload and the
 * zero padding as three kvecs to hv_ringbuffer_write(), which takes the
 * ring's lock and signals. A
 * receive is the packet iterator, as netvsc and most drivers read:
 * hv_pkt_iter_first() and __hv_pkt_iter_next() copy each packet into the
 * channel's packet buffer, where the driver reads it, and the iteration
 * ends with hv_pkt_iter_close(), which gives the space back (upstream's
 * inline hv_pkt_iter_next() does that at the end of the packets). Around
 * each batch, upstream's vmbus_on_event() (netvsc's poll likewise) masks
 * the host's signals and unmasks them after, then looks for packets that
 * arrived meanwhile: hv_begin_read() and hv_end_read().
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
	bool resched;
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

/* vmbus_sendpacket_getid(), which vmbus_sendpacket() calls */
static noinline int up_sendpacket_getid(struct vmbus_channel *channel,
					void *buffer, u32 bufferlen,
					u64 requestid, u64 *trans_id,
					u16 type, u16 flags)
{
	u32 pkt_len = sizeof(struct vmpacket_descriptor) + bufferlen;
	u32 padded = ALIGN(pkt_len, sizeof(u64));
	u64 zeros = 0;
	struct vmpacket_descriptor desc = {
		.type = type,
		.flags = flags,
		.offset8 = sizeof(desc) >> 3,
		.len8 = padded >> 3,
		.trans_id = VMBUS_RQST_ERROR,
	};
	struct kvec iov[3] = {
		{ .iov_base = &desc, .iov_len = sizeof(desc) },
		{ .iov_base = buffer, .iov_len = bufferlen },
		{ .iov_base = &zeros, .iov_len = padded - pkt_len },
	};

	return hv_ringbuffer_write(channel, iov, bufferlen ? 3 : 1, requestid,
				   trans_id);
}

/* vmbus_sendpacket() of an in-band packet without completion */
static int up_send(void *arg, const void *payload, u32 len, u64 id)
{
	struct up_ctx *c = arg;

	return up_sendpacket_getid(&c->prod, (void *)payload, len, id, NULL,
				   VM_PKT_DATA_INBAND, 0);
}

static void up_check(const struct vmpacket_descriptor *desc, u32 len, u64 id)
{
	if (desc->trans_id != id ||
	    desc->len8 << 3 != ALIGN(sizeof(*desc) + len, sizeof(u64)))
		bench_die("upstream: wrong packet");
}

/* Unread bytes, from one read of each index (upstream: an inline). */
static u32 up_bytes_to_read(const struct hv_ring_buffer_info *rbi)
{
	u32 read = READ_ONCE(rbi->ring_buffer->read_index);
	u32 write = READ_ONCE(rbi->ring_buffer->write_index);

	return write >= read ? write - read :
	       rbi->ring_datasize - (read - write);
}

/*
 * hv_begin_read() and hv_end_read(), the inlines with which upstream's
 * vmbus_on_event() (and netvsc's poll) frame each batch of packets: no
 * signals while reading; then signals again, and a last look.
 */
static void up_begin_read(struct hv_ring_buffer_info *rbi)
{
	WRITE_ONCE(rbi->ring_buffer->interrupt_mask, 1);
	/* Masked before the packets are read. */
	virt_mb();
}

static u32 up_end_read(struct hv_ring_buffer_info *rbi)
{
	WRITE_ONCE(rbi->ring_buffer->interrupt_mask, 0);
	/* Unmasked before the last look, or a packet could go unnoticed. */
	virt_mb();
	return up_bytes_to_read(rbi);
}

static unsigned long up_drain(void *arg, u32 len, u64 *next_id,
			      unsigned int commit_every)
{
	struct up_ctx *c = arg;
	struct vmbus_channel *ch = &c->cons;
	struct vmpacket_descriptor *desc;
	unsigned long n = 0;
	unsigned int since = 0;

	up_begin_read(&ch->inbound);
	/* foreach_vmbus_pkt(), closing early every commit_every packets */
	for (desc = hv_pkt_iter_first(ch); desc; ) {
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
	if (up_end_read(&ch->inbound))
		c->resched = true;
	return n;
}

static bool up_ready(void *arg)
{
	return up_bytes_to_read(&((struct up_ctx *)arg)->cons.inbound);
}

const struct bench_side bench_upstream = {
	.name = "upstream",
	.open = up_open,
	.reset = up_reset,
	.send = up_send,
	.ready = up_ready,
	.drain = up_drain,
	.close = up_close,
};
