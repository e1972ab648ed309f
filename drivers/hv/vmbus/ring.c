// SPDX-License-Identifier: GPL-2.0
/*
 * The VMBus ring buffer, both ends: see include/hv/ring.h. The other side
 * owns half of the control page and can change it at any time, so every
 * index is read once with READ_ONCE(), checked, and only the copy used.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <hv/ring.h>

static bool hv_ring_index_ok(const struct hv_ring *ring, u32 index)
{
	return index < ring->size && IS_ALIGNED(index, VMBUS_PKT_ALIGN);
}

/* Read a shared index once; a bad one breaks the ring for good. */
static int hv_ring_load(struct hv_ring *ring, const u32 *shared, u32 *index)
{
	u32 v = READ_ONCE(*shared);

	if (ring->broken)
		return -EIO;
	if (!hv_ring_index_ok(ring, v)) {
		ring->broken = true;
		pr_err_ratelimited("ring index %u out of range (size %u): ring disabled\n",
				   v, ring->size);
		return -EIO;
	}
	*index = v;
	return 0;
}

static u32 hv_ring_used(const struct hv_ring *ring, u32 write, u32 read)
{
	return write >= read ? write - read : ring->size - read + write;
}

static void hv_ring_copy_in(struct hv_ring *ring, u32 at, const void *src,
			    u32 len)
{
	u32 first = min(len, ring->size - at);

	memcpy(ring->data + at, src, first);
	memcpy(ring->data, src + first, len - first);
}

static void hv_ring_copy_out(const struct hv_ring *ring, u32 at, void *dst,
			     u32 len)
{
	u32 first = min(len, ring->size - at);

	memcpy(dst, ring->data + at, first);
	memcpy(dst + first, ring->data, len - first);
}

static u32 hv_ring_advance(const struct hv_ring *ring, u32 index, u32 len)
{
	index += len;
	return index >= ring->size ? index - ring->size : index;
}

/**
 * hv_ring_init() - attach to one direction of a channel's rings
 * @ring: the ring to set up
 * @base: the ring's control page; the data area follows it
 * @total_size: control page plus data area, a multiple of HV_PAGE_SIZE
 * @max_pkt: the largest packet (with padding, without trailer) accepted
 *
 * Return: 0, -EINVAL for bad sizes, -EIO if the shared indices are bad.
 */
int hv_ring_init(struct hv_ring *ring, void *base, u32 total_size, u32 max_pkt)
{
	if (total_size < 2 * HV_PAGE_SIZE || total_size % HV_PAGE_SIZE ||
	    max_pkt < sizeof(struct vmbus_pkt_desc) ||
	    max_pkt > total_size - HV_PAGE_SIZE - VMBUS_PKT_TRAILER_SIZE)
		return -EINVAL;
	memset(ring, 0, sizeof(*ring));
	ring->ctrl = base;
	ring->data = (u8 *)base + VMBUS_RING_DATA_OFFSET;
	ring->size = total_size - HV_PAGE_SIZE;
	ring->max_pkt = max_pkt;
	if (hv_ring_load(ring, &ring->ctrl->write_index, &ring->write_index) ||
	    hv_ring_load(ring, &ring->ctrl->read_index, &ring->read_index))
		return -EIO;
	return 0;
}
EXPORT_SYMBOL_HVG(hv_ring_init);

/**
 * hv_ring_init_shared() - reset the shared control page of a new ring
 * @ring: a ring set up with hv_ring_init(), not yet shared
 *
 * The ring's owner (the guest) calls this before giving the ring to the
 * host: empty, interrupts wanted, pending-send-size honoured.
 */
void hv_ring_init_shared(struct hv_ring *ring)
{
	struct vmbus_ring_control *ctrl = ring->ctrl;

	WRITE_ONCE(ctrl->write_index, 0);
	WRITE_ONCE(ctrl->read_index, 0);
	WRITE_ONCE(ctrl->interrupt_mask, 0);
	WRITE_ONCE(ctrl->pending_send_size, 0);
	WRITE_ONCE(ctrl->feature_bits, VMBUS_RING_FEAT_PENDING_SEND_SIZE);
	ring->write_index = 0;
	ring->read_index = 0;
	ring->broken = false;
}
EXPORT_SYMBOL_HVG(hv_ring_init_shared);

/**
 * hv_ring_bytes_to_read() - bytes the consumer has not yet read
 * @ring: the ring, seen by its consumer
 *
 * Return: the bytes between the private read cursor and the producer's
 * write index, 0 when empty or broken.
 */
u32 hv_ring_bytes_to_read(struct hv_ring *ring)
{
	u32 write;

	if (hv_ring_load(ring, &ring->ctrl->write_index, &write))
		return 0;
	return hv_ring_used(ring, write, ring->read_index);
}
EXPORT_SYMBOL_HVG(hv_ring_bytes_to_read);

/**
 * hv_ring_bytes_to_write() - free bytes, seen by the producer
 * @ring: the ring
 *
 * Return: free bytes (one packet slot less than this can be used, since
 * the ring is never filled completely), 0 when broken.
 */
u32 hv_ring_bytes_to_write(struct hv_ring *ring)
{
	u32 read;

	if (hv_ring_load(ring, &ring->ctrl->read_index, &read))
		return 0;
	return ring->size - hv_ring_used(ring, ring->write_index, read);
}
EXPORT_SYMBOL_HVG(hv_ring_bytes_to_write);

/**
 * hv_ring_write() - write one packet
 * @ring: the ring, seen by its producer
 * @iov: the packet: descriptor then payload, without padding or trailer
 * @iov_count: entries in @iov
 * @signal: set when the consumer must be interrupted
 *
 * Return: 0, -EMSGSIZE if the packet exceeds the ring's maximum, -EAGAIN
 * if there is no room now, -EIO if the ring is broken.
 */
int hv_ring_write(struct hv_ring *ring, const struct kvec *iov,
		  unsigned int iov_count, bool *signal)
{
	static const u8 zeros[VMBUS_PKT_ALIGN];
	u32 len = 0, padded, start, at, read, trailer_at;
	u64 trailer;
	unsigned int i;

	*signal = false;
	for (i = 0; i < iov_count; i++) {
		if (iov[i].iov_len > ring->max_pkt)
			return -EMSGSIZE;
		len += iov[i].iov_len;
	}
	padded = ALIGN(len, VMBUS_PKT_ALIGN);
	if (padded > ring->max_pkt || padded < sizeof(struct vmbus_pkt_desc))
		return -EMSGSIZE;
	if (hv_ring_load(ring, &ring->ctrl->read_index, &read))
		return -EIO;
	/* Never fill the ring completely: full would look empty. */
	if (ring->size - hv_ring_used(ring, ring->write_index, read) <=
	    padded + VMBUS_PKT_TRAILER_SIZE)
		return -EAGAIN;

	start = ring->write_index;
	at = start;
	for (i = 0; i < iov_count; i++) {
		hv_ring_copy_in(ring, at, iov[i].iov_base, iov[i].iov_len);
		at = hv_ring_advance(ring, at, iov[i].iov_len);
	}
	hv_ring_copy_in(ring, at, zeros, padded - len);
	trailer_at = hv_ring_advance(ring, at, padded - len);
	trailer = VMBUS_PKT_TRAILER_VALUE(start);
	hv_ring_copy_in(ring, trailer_at, &trailer, sizeof(trailer));
	ring->write_index = hv_ring_advance(ring, trailer_at, sizeof(trailer));

	/* The packet must be visible before the index that publishes it. */
	virt_mb();
	WRITE_ONCE(ring->ctrl->write_index, ring->write_index);
	/* Publish before looking at the consumer's mask and position. */
	virt_mb();
	if (READ_ONCE(ring->ctrl->interrupt_mask))
		return 0;
	/* Signal only on the empty to non-empty transition. */
	*signal = READ_ONCE(ring->ctrl->read_index) == start;
	return 0;
}
EXPORT_SYMBOL_HVG(hv_ring_write);

/**
 * hv_ring_set_pending_send() - ask to be signalled when space frees up
 * @ring: the ring, seen by its producer
 * @bytes: free bytes wanted, 0 to stop asking
 */
void hv_ring_set_pending_send(struct hv_ring *ring, u32 bytes)
{
	WRITE_ONCE(ring->ctrl->pending_send_size, bytes);
	/* The request must be visible before the producer re-checks space. */
	virt_mb();
}
EXPORT_SYMBOL_HVG(hv_ring_set_pending_send);

/**
 * hv_ring_peek() - validate the next packet without consuming it
 * @ring: the ring, seen by its consumer
 * @pkt: the validated descriptor, length and payload offset
 *
 * Return: 0, -EAGAIN when empty, -EIO when the producer corrupted the
 * ring (which then stays broken).
 */
int hv_ring_peek(struct hv_ring *ring, struct hv_ring_pkt *pkt)
{
	u32 write, avail, len, offset;

	if (hv_ring_load(ring, &ring->ctrl->write_index, &write))
		return -EIO;
	avail = hv_ring_used(ring, write, ring->read_index);
	if (!avail)
		return -EAGAIN;
	/* Packet data must be read after the index that published it. */
	virt_rmb();
	if (avail < sizeof(pkt->desc) + VMBUS_PKT_TRAILER_SIZE)
		goto corrupt;
	hv_ring_copy_out(ring, ring->read_index, &pkt->desc, sizeof(pkt->desc));
	len = (u32)pkt->desc.len8 << VMBUS_PKT_ALIGN_SHIFT;
	offset = (u32)pkt->desc.offset8 << VMBUS_PKT_ALIGN_SHIFT;
	if (offset < sizeof(pkt->desc) || offset > len || len > ring->max_pkt ||
	    len + VMBUS_PKT_TRAILER_SIZE > avail)
		goto corrupt;
	pkt->len = len;
	pkt->payload_offset = offset;
	return 0;

corrupt:
	ring->broken = true;
	pr_err_ratelimited("bad packet in ring (%u bytes available, len8 %u, offset8 %u): ring disabled\n",
			   avail, pkt->desc.len8, pkt->desc.offset8);
	return -EIO;
}
EXPORT_SYMBOL_HVG(hv_ring_peek);

/**
 * hv_ring_skip() - step over a packet returned by hv_ring_peek()
 * @ring: the ring, seen by its consumer
 * @pkt: that packet
 *
 * The space goes back to the producer with hv_ring_read_commit().
 */
void hv_ring_skip(struct hv_ring *ring, const struct hv_ring_pkt *pkt)
{
	ring->read_index = hv_ring_advance(ring, ring->read_index,
					   pkt->len + VMBUS_PKT_TRAILER_SIZE);
}
EXPORT_SYMBOL_HVG(hv_ring_skip);

/**
 * hv_ring_read() - copy the next packet out of the ring
 * @ring: the ring, seen by its consumer
 * @buf: where the whole packet goes, descriptor first
 * @buf_len: bytes at @buf
 * @pkt: the packet's validated descriptor, length and payload offset
 *
 * The descriptor in @buf is the validated one of @pkt, whatever the
 * producer wrote meanwhile.
 *
 * Return: 0, -EAGAIN when empty, -ENOBUFS when the packet (@pkt->len
 * bytes) does not fit (it stays in the ring), -EIO when corrupt.
 */
int hv_ring_read(struct hv_ring *ring, void *buf, u32 buf_len,
		 struct hv_ring_pkt *pkt)
{
	int ret = hv_ring_peek(ring, pkt);

	if (ret)
		return ret;
	if (pkt->len > buf_len)
		return -ENOBUFS;
	hv_ring_copy_out(ring, ring->read_index, buf, pkt->len);
	memcpy(buf, &pkt->desc, sizeof(pkt->desc));
	hv_ring_skip(ring, pkt);
	return 0;
}
EXPORT_SYMBOL_HVG(hv_ring_read);

/**
 * hv_ring_read_commit() - give the space of the packets read back
 * @ring: the ring, seen by its consumer
 *
 * Return: true when the producer waits for space that is now free and
 * must be signalled.
 */
bool hv_ring_read_commit(struct hv_ring *ring)
{
	u32 old_read, write, pending, free_before, free_after;

	old_read = READ_ONCE(ring->ctrl->read_index);
	if (old_read == ring->read_index || ring->broken)
		return false;
	/* Finish reading the packets before handing their space back. */
	virt_mb();
	WRITE_ONCE(ring->ctrl->read_index, ring->read_index);
	/* Publish before looking at what the producer waits for. */
	virt_mb();
	pending = READ_ONCE(ring->ctrl->pending_send_size);
	if (!pending || hv_ring_load(ring, &ring->ctrl->write_index, &write) ||
	    !hv_ring_index_ok(ring, old_read))
		return false;
	free_before = ring->size - hv_ring_used(ring, write, old_read);
	free_after = ring->size - hv_ring_used(ring, write, ring->read_index);
	return free_before < pending && free_after >= pending;
}
EXPORT_SYMBOL_HVG(hv_ring_read_commit);

/**
 * hv_ring_mask_interrupts() - tell the producer not to signal
 * @ring: the ring, seen by its consumer
 */
void hv_ring_mask_interrupts(struct hv_ring *ring)
{
	WRITE_ONCE(ring->ctrl->interrupt_mask, 1);
	/* The mask must be visible before the consumer reads again. */
	virt_mb();
}
EXPORT_SYMBOL_HVG(hv_ring_mask_interrupts);

/**
 * hv_ring_unmask_interrupts() - ask the producer to signal again
 * @ring: the ring, seen by its consumer
 *
 * Return: bytes already waiting: if not 0, read them now, since the
 * producer will not signal for them.
 */
u32 hv_ring_unmask_interrupts(struct hv_ring *ring)
{
	WRITE_ONCE(ring->ctrl->interrupt_mask, 0);
	/* Unmask before the final check, or a packet could go unnoticed. */
	virt_mb();
	return hv_ring_bytes_to_read(ring);
}
EXPORT_SYMBOL_HVG(hv_ring_unmask_interrupts);
