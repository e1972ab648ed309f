// SPDX-License-Identifier: GPL-2.0
/*
 * The VMBus ring buffer, producer and consumer: see include/hv/ring.h and
 * Documentation/ring-buffer.rst.
 *
 * The other side of the ring owns half of the control page and every byte
 * it writes into the data area. Each shared index is read once, checked
 * (below the data size and 8-byte aligned) and only the checked copy is
 * used; a packet descriptor is copied out, checked against the bytes the
 * producer published, and only the copy is handed on. The first bad value
 * marks the ring broken for good.
 *
 * hv_ring_write(), hv_ring_read() and hv_ring_read_commit() run for every
 * packet, and tests/bench/ring-bench measures them against upstream
 * Linux's ring: each iov is copied in once and each packet out once, the
 * padding and trailer are single word stores, and what is rare (a packet
 * that meets the end of the data area, a report of corruption) is out of
 * line, where it costs the common path neither checks nor registers.
 *
 * The same file builds in user space (tests/userspace, tests/fuzz,
 * tests/bench), where tests/userspace/include supplies the kernel headers
 * below on top of C11 atomics.
 */
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/barrier.h>
#include <hv/ring.h>

#define HV_RING_DESC_SIZE	((u32)sizeof(struct vmbus_pkt_desc))

/* The largest packet a descriptor can describe: len8 is a u16. */
#define HV_RING_PKT_MAX		((u32)U16_MAX << VMBUS_PKT_ALIGN_SHIFT)

/* Descriptor plus trailer: no well-formed packet takes fewer bytes. */
#define HV_RING_PKT_MIN		(HV_RING_DESC_SIZE + VMBUS_PKT_TRAILER_SIZE)

static bool hv_ring_index_ok(const struct hv_ring *ring, u32 index)
{
	return index < ring->size && IS_ALIGNED(index, VMBUS_PKT_ALIGN);
}

static bool hv_ring_is_broken(const struct hv_ring *ring)
{
	return READ_ONCE(ring->broken);
}

static void hv_ring_set_broken(struct hv_ring *ring)
{
	WRITE_ONCE(ring->broken, true);
}

/* An index read from the control page was bad: the ring is broken. */
static noinline __cold void hv_ring_bad_index(struct hv_ring *ring, u32 index,
					      const char *name)
{
	hv_ring_set_broken(ring);
	pr_err_ratelimited("ring %s %u invalid (data size %u): ring disabled\n",
			   name, index, ring->size);
}

/*
 * The producer published less than a packet, or a descriptor that does
 * not fit what it published: the ring is broken. Nothing more to say if
 * it already is (the write index was bad).
 */
static noinline __cold void hv_ring_bad_packet(struct hv_ring *ring, u32 avail,
					       u16 offset8, u16 len8)
{
	if (hv_ring_is_broken(ring))
		return;
	hv_ring_set_broken(ring);
	if (avail < HV_RING_PKT_MIN)
		pr_err_ratelimited("ring holds %u bytes, less than a packet: ring disabled\n",
				   avail);
	else
		pr_err_ratelimited("bad packet: offset8 %u len8 %u, %u bytes in ring, max packet %u: ring disabled\n",
				   offset8, len8, avail, ring->max_pkt);
}

/* Bytes from @read up to @write; both are valid indices. */
static u32 hv_ring_used(const struct hv_ring *ring, u32 write, u32 read)
{
	u32 used = write - read;

	/* Modulo 2^32: adding the size undoes a wrap. */
	return write >= read ? used : used + ring->size;
}

/* Bytes from @write up to @read: the data size minus the used bytes. */
static u32 hv_ring_free(const struct hv_ring *ring, u32 write, u32 read)
{
	u32 room = read - write;

	return read > write ? room : room + ring->size;
}

/* The producer's published write index, checked. */
static __always_inline int hv_ring_load_write(struct hv_ring *ring,
					      u32 *index)
{
	/* Acquire: the packets it publishes are read after it. */
	*index = virt_load_acquire(&ring->ctrl->write_index);
	if (unlikely(!hv_ring_index_ok(ring, *index))) {
		hv_ring_bad_index(ring, *index, "write_index");
		return -EIO;
	}
	return 0;
}

/* The consumer's published read index, checked. */
static __always_inline int hv_ring_load_read(struct hv_ring *ring,
					     u32 *index)
{
	*index = READ_ONCE(ring->ctrl->read_index);
	if (unlikely(!hv_ring_index_ok(ring, *index))) {
		hv_ring_bad_index(ring, *index, "read_index");
		return -EIO;
	}
	return 0;
}

/*
 * Bytes published past the consumer's cursor, from a write index loaded
 * once (with acquire) by the caller, which found it not equal to the
 * cursor; 0 and the ring broken when it is not a valid index.
 */
static __always_inline u32 hv_ring_unread(struct hv_ring *ring, u32 write)
{
	if (unlikely(!hv_ring_index_ok(ring, write))) {
		hv_ring_bad_index(ring, write, "write_index");
		return 0;
	}
	return hv_ring_used(ring, write, ring->read_index);
}

/* @index moved on by @len (at most the data size), wrapping at the end. */
static u32 hv_ring_advance(const struct hv_ring *ring, u32 index, u32 len)
{
	u32 room = ring->size - index;

	return len >= room ? len - room : index + len;
}

/*
 * Indices and lengths in the ring are multiples of 8 and the data area is
 * 8-byte aligned, so a word at a valid index never crosses the end.
 */
static u64 hv_ring_get_word(const struct hv_ring *ring, u32 at)
{
	return READ_ONCE(*(const u64 *)(ring->data + at));
}

static void hv_ring_put_word(struct hv_ring *ring, u32 at, u64 val)
{
	*(u64 *)(ring->data + at) = val;
}

/* Copy @len (at most the data size) bytes into the ring at @at. */
static u32 hv_ring_copy_to(struct hv_ring *ring, u32 at, const void *src,
			   u32 len)
{
	u32 first = min(len, ring->size - at);

	memcpy(ring->data + at, src, first);
	memcpy(ring->data, (const u8 *)src + first, len - first);
	return hv_ring_advance(ring, at, len);
}

/* Copy @len (at most the data size) bytes out of the ring from @at. */
static void hv_ring_copy_from(const struct hv_ring *ring, u32 at, void *dst,
			      u32 len)
{
	u32 first = min(len, ring->size - at);

	memcpy(dst, ring->data + at, first);
	memcpy((u8 *)dst + first, ring->data, len - first);
}

/**
 * hv_ring_init() - attach to one ring of a channel
 * @ring: the ring to set up
 * @base: the ring's control page, 8-byte aligned; the data area follows it
 * @total_size: control page plus data area, a multiple of HV_PAGE_SIZE and
 *	at least two pages
 * @max_pkt: the largest packet (descriptor, payload and padding, without
 *	trailer) written or accepted; at least a descriptor, and small enough
 *	that such a packet and its trailer leave the ring not full
 *
 * The private indices start from the shared ones, so either side may
 * attach to a ring in use. The ring's creator then calls
 * hv_ring_init_shared() before sharing it.
 *
 * Return: 0, -EINVAL for bad sizes, -EIO if the shared indices are bad.
 */
int hv_ring_init(struct hv_ring *ring, void *base, u32 total_size,
		 u32 max_pkt)
{
	u32 size = total_size - HV_PAGE_SIZE;

	memset(ring, 0, sizeof(*ring));
	if (!IS_ALIGNED((unsigned long)base, sizeof(u64)) ||
	    total_size % HV_PAGE_SIZE || total_size < 2 * HV_PAGE_SIZE ||
	    max_pkt < HV_RING_DESC_SIZE ||
	    max_pkt > size - 2 * VMBUS_PKT_TRAILER_SIZE) {
		ring->broken = true;
		return -EINVAL;
	}
	ring->ctrl = base;
	ring->data = (u8 *)base + VMBUS_RING_DATA_OFFSET;
	ring->size = size;
	/*
	 * Packets are whole words and no descriptor describes more than
	 * HV_RING_PKT_MAX: an iov sum within this fits once padded.
	 */
	ring->max_pkt = min(max_pkt & ~(VMBUS_PKT_ALIGN - 1), HV_RING_PKT_MAX);
	if (hv_ring_load_write(ring, &ring->write_index) ||
	    hv_ring_load_read(ring, &ring->read_index))
		return -EIO;
	return 0;
}
EXPORT_SYMBOL_HVG(hv_ring_init);

/**
 * hv_ring_init_shared() - reset the control page of a new ring
 * @ring: a ring set up with hv_ring_init() and not yet shared
 *
 * For the ring's creator (the guest), before the host sees the ring: the
 * control page is zeroed (empty ring, interrupts wanted, nothing pending,
 * no stale memory in the reserved words) and advertises that this side
 * honours pending_send_size. The data area must already be zeroed.
 */
void hv_ring_init_shared(struct hv_ring *ring)
{
	memset(ring->ctrl, 0, sizeof(*ring->ctrl));
	WRITE_ONCE(ring->ctrl->feature_bits, VMBUS_RING_FEAT_PENDING_SEND_SIZE);
	ring->write_index = 0;
	ring->read_index = 0;
	WRITE_ONCE(ring->broken, false);
}
EXPORT_SYMBOL_HVG(hv_ring_init_shared);

/* hv_ring_bytes_to_read() when the ring is not empty: see include/hv/ring.h. */
u32 __hv_ring_bytes_to_read(struct hv_ring *ring, u32 write)
{
	return hv_ring_unread(ring, write);
}
EXPORT_SYMBOL_HVG(__hv_ring_bytes_to_read);

/**
 * hv_ring_bytes_to_write() - free bytes, as seen by the producer
 * @ring: the ring, as seen by its producer
 *
 * The ring is never filled completely (full would look empty), so a
 * packet of n bytes with its trailer fits only when n is below this.
 *
 * Return: data size minus the unread bytes; 0 when broken.
 */
u32 hv_ring_bytes_to_write(struct hv_ring *ring)
{
	u32 read;

	if (hv_ring_is_broken(ring) || hv_ring_load_read(ring, &read))
		return 0;
	return hv_ring_free(ring, ring->write_index, read);
}
EXPORT_SYMBOL_HVG(hv_ring_bytes_to_write);

/* Sum of the iov lengths, or -EMSGSIZE once it passes @ring->max_pkt. */
static int hv_ring_iov_len(const struct hv_ring *ring, const struct kvec *iov,
			   unsigned int iov_count, u32 *len)
{
	u32 sum = 0;
	unsigned int i;

	for (i = 0; i < iov_count; i++) {
		if (iov[i].iov_len > ring->max_pkt - sum)
			return -EMSGSIZE;
		sum += iov[i].iov_len;
	}
	*len = sum;
	return 0;
}

/*
 * hv_ring_put_packet() for a packet, padding or trailer that reaches the
 * end of the data area: the same steps, each position wrapped.
 */
static noinline void hv_ring_put_packet_wrapped(struct hv_ring *ring,
						const struct kvec *iov,
						unsigned int iov_count,
						u32 len, u32 padded)
{
	u32 start = ring->write_index, at = start;
	u32 end = hv_ring_advance(ring, start, padded);
	unsigned int i;

	if (padded != len)
		hv_ring_put_word(ring, (end ?: ring->size) - VMBUS_PKT_ALIGN, 0);
	for (i = 0; i < iov_count; i++) {
		if (iov[i].iov_len)
			at = hv_ring_copy_to(ring, at, iov[i].iov_base,
					     iov[i].iov_len);
	}
	hv_ring_put_word(ring, end, VMBUS_PKT_TRAILER_VALUE(start));
	ring->write_index = hv_ring_advance(ring, end, VMBUS_PKT_TRAILER_SIZE);
}

/*
 * Write packet (@len bytes, @padded once aligned), padding and trailer at
 * the private write index, and move it on. Each iov is copied once. The
 * padding is what the packet's last bytes leave of a word zeroed before
 * them; the trailer is one word.
 */
static void hv_ring_put_packet(struct hv_ring *ring, const struct kvec *iov,
			       unsigned int iov_count, u32 len, u32 padded)
{
	const struct kvec *end = iov + iov_count;
	u32 start = ring->write_index;
	u8 *to = ring->data + start;

	if (unlikely(padded + VMBUS_PKT_TRAILER_SIZE >= ring->size - start)) {
		hv_ring_put_packet_wrapped(ring, iov, iov_count, len, padded);
		return;
	}
	/* Padding and trailer first: nothing but the copies is left after. */
	if (padded != len)
		hv_ring_put_word(ring, start + padded - VMBUS_PKT_ALIGN, 0);
	hv_ring_put_word(ring, start + padded, VMBUS_PKT_TRAILER_VALUE(start));
	ring->write_index = start + padded + VMBUS_PKT_TRAILER_SIZE;
	for (; iov < end; iov++) {
		size_t n = iov->iov_len;
		u8 *at = to;

		to += n;
		/* Most packets start with a bare descriptor: no call for it. */
		if (n == HV_RING_DESC_SIZE)
			memcpy(at, iov->iov_base, HV_RING_DESC_SIZE);
		else if (n)	/* an empty entry may have no buffer at all */
			memcpy(at, iov->iov_base, n);
	}
}

/**
 * hv_ring_write() - write one packet and publish it
 * @ring: the ring, as seen by its producer
 * @iov: the packet: a descriptor filled in by the caller, then the
 *	payload; without padding or trailer, which the ring adds
 * @iov_count: entries in @iov
 * @signal: set when the consumer must be interrupted: it has not masked
 *	interrupts and the ring was empty before this packet
 *
 * The descriptor is written as given (the simulated host uses this to send
 * malformed packets); its len8 should be the padded packet length / 8.
 *
 * Return: 0; -EINVAL if the packet is shorter than a descriptor;
 * -EMSGSIZE if, padded, it exceeds the ring's maximum packet; -EAGAIN if
 * it does not fit now; -EIO if the ring is broken.
 */
int hv_ring_write(struct hv_ring *ring, const struct kvec *iov,
		  unsigned int iov_count, bool *signal)
{
	struct vmbus_ring_control *ctrl = ring->ctrl;
	u32 len, padded, read, start;
	int ret;

	*signal = false;
	if (hv_ring_is_broken(ring))
		return -EIO;
	ret = hv_ring_iov_len(ring, iov, iov_count, &len);
	if (ret)
		return ret;
	if (len < HV_RING_DESC_SIZE)
		return -EINVAL;
	/* At most max_pkt, a multiple of 8 (see hv_ring_init()). */
	padded = ALIGN(len, VMBUS_PKT_ALIGN);

	if (hv_ring_load_read(ring, &read))
		return -EIO;
	start = ring->write_index;
	/* Leave at least 8 bytes free: a full ring would look empty. */
	if (hv_ring_free(ring, start, read) <= padded + VMBUS_PKT_TRAILER_SIZE)
		return -EAGAIN;

	hv_ring_put_packet(ring, iov, iov_count, len, padded);
	/* The packet is in place before the index that publishes it. */
	virt_store_release(&ctrl->write_index, ring->write_index);

	/*
	 * Publish before looking at the consumer's state: it unmasks, then
	 * re-reads the write index, so one of the two sides sees the other.
	 */
	virt_mb();
	if (READ_ONCE(ctrl->interrupt_mask))
		return 0;
	/* Mask, then read index: the consumer stores them the other way. */
	virt_rmb();
	*signal = READ_ONCE(ctrl->read_index) == start;
	return 0;
}
EXPORT_SYMBOL_HVG(hv_ring_write);

/**
 * hv_ring_set_pending_send() - ask to be signalled when space frees up
 * @ring: the ring, as seen by its producer
 * @bytes: bytes the next write needs (padded packet plus trailer), 0 to
 *	stop asking
 *
 * The consumer signals once a write of @bytes fits, i.e. once its free
 * space exceeds @bytes. Set this after a write failed with -EAGAIN, then
 * retry the write once, since the consumer may have made room in between;
 * clear it when the write succeeds.
 */
void hv_ring_set_pending_send(struct hv_ring *ring, u32 bytes)
{
	WRITE_ONCE(ring->ctrl->pending_send_size, bytes);
	/* Visible before the producer looks at the free space again. */
	virt_mb();
}
EXPORT_SYMBOL_HVG(hv_ring_set_pending_send);

/*
 * Check a copied descriptor against the bytes the producer published,
 * @avail: a packet with its trailer takes at least HV_RING_PKT_MIN bytes,
 * so less than that (0 after a bad write index) never passes.
 */
static bool hv_ring_desc_ok(const struct hv_ring *ring,
			    const struct vmbus_pkt_desc *desc, u32 avail)
{
	u32 len = (u32)desc->len8 << VMBUS_PKT_ALIGN_SHIFT;
	u32 offset = (u32)desc->offset8 << VMBUS_PKT_ALIGN_SHIFT;

	return offset >= HV_RING_DESC_SIZE && desc->len8 >= desc->offset8 &&
	       len <= ring->max_pkt && len + VMBUS_PKT_TRAILER_SIZE <= avail;
}

/*
 * Copy the next packet's descriptor out of the ring and check it against
 * @write, the producer's index as loaded once by the caller and not equal
 * to the cursor: see hv_ring_peek(). The descriptor is two words, each
 * loaded once, so that every field handed on is the one checked.
 */
static __always_inline int hv_ring_next(struct hv_ring *ring, u32 write,
					struct hv_ring_pkt *pkt)
{
	union {
		u64 word[2];
		struct vmbus_pkt_desc desc;
	} copy;
	u32 avail = hv_ring_unread(ring, write), at = ring->read_index;

	/*
	 * Loaded whatever @avail is: both words are in the data area, and a
	 * descriptor in fewer bytes than a packet takes fails the check.
	 */
	copy.word[0] = hv_ring_get_word(ring, at);
	copy.word[1] = hv_ring_get_word(ring, at + 8 < ring->size ? at + 8 : 0);
	if (unlikely(!hv_ring_desc_ok(ring, &copy.desc, avail))) {
		hv_ring_bad_packet(ring, avail, copy.desc.offset8,
				   copy.desc.len8);
		return -EIO;
	}
	pkt->desc = copy.desc;
	pkt->len = (u32)copy.desc.len8 << VMBUS_PKT_ALIGN_SHIFT;
	pkt->payload_offset = (u32)copy.desc.offset8 << VMBUS_PKT_ALIGN_SHIFT;
	return 0;
}

/**
 * hv_ring_peek() - validate the next packet without consuming it
 * @ring: the ring, as seen by its consumer
 * @pkt: filled with a copy of the packet's descriptor, its length and
 *	payload offset, all checked
 *
 * Return: 0; -EAGAIN when there is nothing to read; -EIO when the producer
 * corrupted the ring, which then stays broken.
 */
int hv_ring_peek(struct hv_ring *ring, struct hv_ring_pkt *pkt)
{
	u32 write;
	int ret = __hv_ring_poll(ring, &write);

	return ret ?: hv_ring_next(ring, write, pkt);
}
EXPORT_SYMBOL_HVG(hv_ring_peek);

/**
 * hv_ring_skip() - step over the packet returned by hv_ring_peek()
 * @ring: the ring, as seen by its consumer
 * @pkt: that packet
 *
 * Moves the private read cursor only; hv_ring_read_commit() gives the
 * space back to the producer.
 */
void hv_ring_skip(struct hv_ring *ring, const struct hv_ring_pkt *pkt)
{
	if (WARN_ON_ONCE(pkt->len > ring->max_pkt ||
			 !IS_ALIGNED(pkt->len, VMBUS_PKT_ALIGN))) {
		hv_ring_set_broken(ring);
		return;
	}
	ring->read_index = hv_ring_advance(ring, ring->read_index,
					   pkt->len + VMBUS_PKT_TRAILER_SIZE);
}
EXPORT_SYMBOL_HVG(hv_ring_skip);

/*
 * hv_ring_read() for a packet or trailer that reaches the end of the data
 * area: the bytes after the descriptor, then the cursor, both wrapped.
 */
static noinline void hv_ring_take_wrapped(struct hv_ring *ring, u8 *buf,
					  u32 len)
{
	u32 at = ring->read_index;

	hv_ring_copy_from(ring, hv_ring_advance(ring, at, HV_RING_DESC_SIZE),
			  buf + HV_RING_DESC_SIZE, len - HV_RING_DESC_SIZE);
	ring->read_index = hv_ring_advance(ring, at,
					   len + VMBUS_PKT_TRAILER_SIZE);
}

/* hv_ring_read() when the ring is not empty: see include/hv/ring.h. */
int __hv_ring_read(struct hv_ring *ring, u32 write, void *buf, u32 buf_len,
		   struct hv_ring_pkt *pkt)
{
	int ret = hv_ring_next(ring, write, pkt);
	u32 at, len;

	if (ret)
		return ret;
	len = pkt->len;
	if (len > buf_len)
		return -ENOBUFS;
	/* The checked descriptor, then the rest of the packet. */
	memcpy(buf, &pkt->desc, HV_RING_DESC_SIZE);
	at = ring->read_index;
	if (unlikely(len + VMBUS_PKT_TRAILER_SIZE >= ring->size - at)) {
		hv_ring_take_wrapped(ring, buf, len);
		return 0;
	}
	/* The cursor is private: moved first, nothing is left after the copy. */
	ring->read_index = at + len + VMBUS_PKT_TRAILER_SIZE;
	memcpy((u8 *)buf + HV_RING_DESC_SIZE,
	       ring->data + at + HV_RING_DESC_SIZE, len - HV_RING_DESC_SIZE);
	return 0;
}
EXPORT_SYMBOL_HVG(__hv_ring_read);

/*
 * Free space as a producer counts it: what its largest write may take,
 * since 8 bytes always stay free.
 */
static u32 hv_ring_usable(const struct hv_ring *ring, u32 write, u32 read)
{
	return hv_ring_free(ring, write, read) - VMBUS_PKT_TRAILER_SIZE;
}

/*
 * Does a producer that waits for @pending bytes need a signal, now that
 * the read index moved from @old_read? Only on the transition from "does
 * not fit" to "fits": the host throttles guests that signal needlessly.
 * An @old_read the other side overwrote counts as "did not fit".
 */
static bool hv_ring_producer_unblocked(struct hv_ring *ring, u32 old_read,
				       u32 pending)
{
	u32 write, before = 0;

	if (hv_ring_load_write(ring, &write))
		return false;
	if (hv_ring_index_ok(ring, old_read))
		before = hv_ring_usable(ring, write, old_read);
	return before < pending &&
	       hv_ring_usable(ring, write, ring->read_index) >= pending;
}

/**
 * hv_ring_read_commit() - give the space of the packets read back
 * @ring: the ring, as seen by its consumer
 *
 * Publishes the private read cursor. A producer that advertised the
 * pending-send-size feature on this ring and waits for space must be
 * signalled when its pending_send_size (rounded down to 8 bytes) now fits
 * and did not before.
 *
 * Return: true when the producer must be signalled.
 */
bool hv_ring_read_commit(struct hv_ring *ring)
{
	struct vmbus_ring_control *ctrl = ring->ctrl;
	u32 old_read, pending;

	if (hv_ring_is_broken(ring))
		return false;
	old_read = READ_ONCE(ctrl->read_index);
	if (old_read == ring->read_index)
		return false;
	/* Finish reading the packets before their space is handed back. */
	virt_store_release(&ctrl->read_index, ring->read_index);
	/* Publish before sampling what the producer waits for. */
	virt_mb();
	/* Nobody waiting is by far the most common case: tested first. */
	pending = READ_ONCE(ctrl->pending_send_size) & ~(VMBUS_PKT_ALIGN - 1);
	if (!pending || !(READ_ONCE(ctrl->feature_bits) &
			  VMBUS_RING_FEAT_PENDING_SEND_SIZE))
		return false;
	/* The write index is sampled after pending_send_size. */
	virt_rmb();
	return hv_ring_producer_unblocked(ring, old_read, pending);
}
EXPORT_SYMBOL_HVG(hv_ring_read_commit);

/**
 * hv_ring_mask_interrupts() - tell the producer not to signal
 * @ring: the ring, as seen by its consumer
 */
void hv_ring_mask_interrupts(struct hv_ring *ring)
{
	WRITE_ONCE(ring->ctrl->interrupt_mask, 1);
	/* Masked before the consumer reads on. */
	virt_mb();
}
EXPORT_SYMBOL_HVG(hv_ring_mask_interrupts);

/**
 * hv_ring_unmask_interrupts() - ask the producer to signal again
 * @ring: the ring, as seen by its consumer
 *
 * Return: bytes already waiting (see hv_ring_bytes_to_read()). The
 * producer does not signal for them: if not 0, read on.
 */
u32 hv_ring_unmask_interrupts(struct hv_ring *ring)
{
	WRITE_ONCE(ring->ctrl->interrupt_mask, 0);
	/* Unmasked before the last look, or a packet could go unnoticed. */
	virt_mb();
	return hv_ring_bytes_to_read(ring);
}
EXPORT_SYMBOL_HVG(hv_ring_unmask_interrupts);
