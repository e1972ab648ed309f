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

/* The largest packet a descriptor can describe: len8 is a u16. */
#define HV_RING_PKT_MAX		((u32)U16_MAX << VMBUS_PKT_ALIGN_SHIFT)

/* Descriptor plus trailer: no well-formed packet takes fewer bytes. */
#define HV_RING_PKT_MIN		(sizeof(struct vmbus_pkt_desc) + \
				 VMBUS_PKT_TRAILER_SIZE)

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

/* Check an index read from the control page; a bad one breaks the ring. */
static int hv_ring_check_index(struct hv_ring *ring, u32 index,
			       const char *name)
{
	if (likely(hv_ring_index_ok(ring, index)))
		return 0;
	hv_ring_set_broken(ring);
	pr_err_ratelimited("ring %s %u invalid (data size %u): ring disabled\n",
			   name, index, ring->size);
	return -EIO;
}

/* The producer's published write index. */
static int hv_ring_load_write(struct hv_ring *ring, u32 *index)
{
	/* Acquire: the packets it publishes are read after it. */
	*index = virt_load_acquire(&ring->ctrl->write_index);
	return hv_ring_check_index(ring, *index, "write_index");
}

/* The consumer's published read index. */
static int hv_ring_load_read(struct hv_ring *ring, u32 *index)
{
	*index = READ_ONCE(ring->ctrl->read_index);
	return hv_ring_check_index(ring, *index, "read_index");
}

/* Bytes from @read up to @write; both are valid indices. */
static u32 hv_ring_used(const struct hv_ring *ring, u32 write, u32 read)
{
	return write >= read ? write - read : ring->size - (read - write);
}

/* @index moved on by @len (at most the data size), wrapping at the end. */
static u32 hv_ring_advance(const struct hv_ring *ring, u32 index, u32 len)
{
	u32 room = ring->size - index;

	return len >= room ? len - room : index + len;
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
	    max_pkt < sizeof(struct vmbus_pkt_desc) ||
	    max_pkt > size - 2 * VMBUS_PKT_TRAILER_SIZE) {
		ring->broken = true;
		return -EINVAL;
	}
	ring->ctrl = base;
	ring->data = (u8 *)base + VMBUS_RING_DATA_OFFSET;
	ring->size = size;
	ring->max_pkt = max_pkt;
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

/**
 * hv_ring_bytes_to_read() - bytes the consumer has yet to read
 * @ring: the ring, as seen by its consumer
 *
 * Return: bytes (packets with their trailers) between the private read
 * cursor and the producer's write index; 0 when empty or broken.
 */
u32 hv_ring_bytes_to_read(struct hv_ring *ring)
{
	u32 write;

	if (hv_ring_is_broken(ring) || hv_ring_load_write(ring, &write))
		return 0;
	return hv_ring_used(ring, write, ring->read_index);
}
EXPORT_SYMBOL_HVG(hv_ring_bytes_to_read);

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
	return ring->size - hv_ring_used(ring, ring->write_index, read);
}
EXPORT_SYMBOL_HVG(hv_ring_bytes_to_write);

/* Sum of the iov lengths, or -EMSGSIZE once it passes @ring->max_pkt. */
static int hv_ring_iov_len(const struct hv_ring *ring, const struct kvec *iov,
			   unsigned int iov_count, u32 *len)
{
	unsigned int i;

	*len = 0;
	for (i = 0; i < iov_count; i++) {
		if (iov[i].iov_len > ring->max_pkt - *len)
			return -EMSGSIZE;
		*len += iov[i].iov_len;
	}
	return 0;
}

/* Write packet, padding and trailer at the private write index. */
static void hv_ring_put_packet(struct hv_ring *ring, const struct kvec *iov,
			       unsigned int iov_count, u32 len)
{
	static const u8 zeros[VMBUS_PKT_ALIGN];
	u64 trailer = VMBUS_PKT_TRAILER_VALUE(ring->write_index);
	u32 at = ring->write_index;
	unsigned int i;

	for (i = 0; i < iov_count; i++) {
		/* An empty entry may have no buffer at all. */
		if (iov[i].iov_len)
			at = hv_ring_copy_to(ring, at, iov[i].iov_base,
					     iov[i].iov_len);
	}
	at = hv_ring_copy_to(ring, at, zeros, ALIGN(len, VMBUS_PKT_ALIGN) - len);
	ring->write_index = hv_ring_copy_to(ring, at, &trailer, sizeof(trailer));
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
	u32 len, total, read, start;
	int ret;

	*signal = false;
	if (hv_ring_is_broken(ring))
		return -EIO;
	ret = hv_ring_iov_len(ring, iov, iov_count, &len);
	if (ret)
		return ret;
	if (len < sizeof(struct vmbus_pkt_desc))
		return -EINVAL;
	total = ALIGN(len, VMBUS_PKT_ALIGN);
	if (total > ring->max_pkt || total > HV_RING_PKT_MAX)
		return -EMSGSIZE;
	total += VMBUS_PKT_TRAILER_SIZE;

	if (hv_ring_load_read(ring, &read))
		return -EIO;
	/* Leave at least 8 bytes free: a full ring would look empty. */
	if (ring->size - hv_ring_used(ring, ring->write_index, read) <= total)
		return -EAGAIN;

	start = ring->write_index;
	hv_ring_put_packet(ring, iov, iov_count, len);
	/* The packet is in place before the index that publishes it. */
	virt_store_release(&ring->ctrl->write_index, ring->write_index);

	/*
	 * Publish before looking at the consumer's state: it unmasks, then
	 * re-reads the write index, so one of the two sides sees the other.
	 */
	virt_mb();
	if (READ_ONCE(ring->ctrl->interrupt_mask))
		return 0;
	/* Mask, then read index: the consumer stores them the other way. */
	virt_rmb();
	*signal = READ_ONCE(ring->ctrl->read_index) == start;
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

/* Check a copied descriptor against the bytes the producer published. */
static bool hv_ring_desc_ok(const struct hv_ring *ring,
			    const struct vmbus_pkt_desc *desc, u32 avail)
{
	u32 len = (u32)desc->len8 << VMBUS_PKT_ALIGN_SHIFT;
	u32 offset = (u32)desc->offset8 << VMBUS_PKT_ALIGN_SHIFT;

	return offset >= sizeof(*desc) && desc->len8 >= desc->offset8 &&
	       len <= ring->max_pkt && len <= avail - VMBUS_PKT_TRAILER_SIZE;
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
	struct vmbus_pkt_desc desc;
	u32 write, avail;

	if (hv_ring_is_broken(ring) || hv_ring_load_write(ring, &write))
		return -EIO;
	avail = hv_ring_used(ring, write, ring->read_index);
	if (!avail)
		return -EAGAIN;
	if (avail < HV_RING_PKT_MIN) {
		hv_ring_set_broken(ring);
		pr_err_ratelimited("ring holds %u bytes, less than a packet: ring disabled\n",
				   avail);
		return -EIO;
	}
	hv_ring_copy_from(ring, ring->read_index, &desc, sizeof(desc));
	if (!hv_ring_desc_ok(ring, &desc, avail)) {
		hv_ring_set_broken(ring);
		pr_err_ratelimited("bad packet: offset8 %u len8 %u, %u bytes in ring, max packet %u: ring disabled\n",
				   desc.offset8, desc.len8, avail,
				   ring->max_pkt);
		return -EIO;
	}
	pkt->desc = desc;
	pkt->len = (u32)desc.len8 << VMBUS_PKT_ALIGN_SHIFT;
	pkt->payload_offset = (u32)desc.offset8 << VMBUS_PKT_ALIGN_SHIFT;
	return 0;
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

/**
 * hv_ring_read() - copy the next packet out of the ring
 * @ring: the ring, as seen by its consumer
 * @buf: where the packet goes, descriptor first, padding included
 * @buf_len: bytes at @buf
 * @pkt: filled as by hv_ring_peek()
 *
 * The descriptor at the start of @buf is @pkt->desc, the validated copy,
 * whatever the producer may have written since. The packet's space goes
 * back to the producer with hv_ring_read_commit().
 *
 * Return: 0; -EAGAIN when there is nothing to read; -ENOBUFS when the
 * packet (@pkt->len bytes) is larger than @buf_len, @pkt is filled and the
 * packet stays in the ring; -EIO when the ring is corrupt.
 */
int hv_ring_read(struct hv_ring *ring, void *buf, u32 buf_len,
		 struct hv_ring_pkt *pkt)
{
	int ret = hv_ring_peek(ring, pkt);

	if (ret)
		return ret;
	if (pkt->len > buf_len)
		return -ENOBUFS;
	hv_ring_copy_from(ring, ring->read_index, buf, pkt->len);
	memcpy(buf, &pkt->desc, sizeof(pkt->desc));
	hv_ring_skip(ring, pkt);
	return 0;
}
EXPORT_SYMBOL_HVG(hv_ring_read);

/*
 * Free space as a producer counts it: what its largest write may take,
 * since 8 bytes always stay free.
 */
static u32 hv_ring_usable(const struct hv_ring *ring, u32 write, u32 read)
{
	return ring->size - hv_ring_used(ring, write, read) -
	       VMBUS_PKT_TRAILER_SIZE;
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
	u32 old_read, pending;

	if (hv_ring_is_broken(ring))
		return false;
	old_read = READ_ONCE(ring->ctrl->read_index);
	if (old_read == ring->read_index)
		return false;
	/* Finish reading the packets before their space is handed back. */
	virt_mb();
	WRITE_ONCE(ring->ctrl->read_index, ring->read_index);
	/* Publish before sampling what the producer waits for. */
	virt_mb();
	if (!(READ_ONCE(ring->ctrl->feature_bits) &
	      VMBUS_RING_FEAT_PENDING_SEND_SIZE))
		return false;
	pending = READ_ONCE(ring->ctrl->pending_send_size) &
		  ~(VMBUS_PKT_ALIGN - 1);
	if (!pending)
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
