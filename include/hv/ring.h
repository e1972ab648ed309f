/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One VMBus ring buffer: the producer and consumer logic shared by the
 * guest (hv_vmbus) and the simulated host (hv_sim), and built in user
 * space for fuzzing and benchmarks. Wire layout: include/hv/proto/ring.h.
 *
 * The code here holds no locks: callers serialise producers among
 * themselves and consumers among themselves. The other side of the ring is
 * untrusted: every index and descriptor read from shared memory is copied
 * once, validated, and only the copy is used.
 */
#ifndef HV_RING_H
#define HV_RING_H

#include <hv/proto/ring.h>

#ifdef __KERNEL__
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <linux/uio.h>
#else
#include <errno.h>
#include <stdbool.h>
#include <sys/uio.h>
#define kvec iovec
#endif
/* In user space, tests/userspace/include's, on C11 atomics. */
#include <asm/barrier.h>

/**
 * struct hv_ring - one direction of a channel, as seen by one side
 * @ctrl: the shared control page
 * @data: the shared data area, @size bytes, right after @ctrl on the wire
 * @size: bytes in the data area; a multiple of HV_PAGE_SIZE
 * @max_pkt: largest packet (descriptor + payload + padding) accepted: the
 *	caller's, rounded down to 8 bytes, at most what len8 can describe
 * @write_index: producer's private copy of the next write offset
 * @read_index: consumer's private read cursor; ahead of the shared
 *	read_index while packets are being iterated, published by
 *	hv_ring_read_commit()
 * @broken: the other side corrupted an index; every call fails with -EIO
 */
struct hv_ring {
	struct vmbus_ring_control *ctrl;
	u8 *data;
	u32 size;
	u32 max_pkt;
	u32 write_index;
	u32 read_index;
	bool broken;
};

/**
 * struct hv_ring_pkt - a validated packet, copied out of the ring
 * @desc: the descriptor as copied (type, flags, trans_id are the sender's;
 *	offset8 and len8 checked against the packet)
 * @len: bytes of the packet (descriptor to end of padding, no trailer)
 * @payload_offset: offset of the payload from the start of the packet
 *	(offset8 * 8), <= @len
 */
struct hv_ring_pkt {
	struct vmbus_pkt_desc desc;
	u32 len;
	u32 payload_offset;
};

int hv_ring_init(struct hv_ring *ring, void *base, u32 total_size,
		 u32 max_pkt);
void hv_ring_init_shared(struct hv_ring *ring);

u32 __hv_ring_bytes_to_read(struct hv_ring *ring, u32 write);
u32 hv_ring_bytes_to_write(struct hv_ring *ring);

/* Producer */
int hv_ring_write(struct hv_ring *ring, const struct kvec *iov,
		  unsigned int iov_count, bool *signal);
void hv_ring_set_pending_send(struct hv_ring *ring, u32 bytes);

/* Consumer */
int hv_ring_peek(struct hv_ring *ring, struct hv_ring_pkt *pkt);
int __hv_ring_read(struct hv_ring *ring, u32 write, void *buf, u32 buf_len,
		   struct hv_ring_pkt *pkt);
void hv_ring_skip(struct hv_ring *ring, const struct hv_ring_pkt *pkt);
bool hv_ring_read_commit(struct hv_ring *ring);
void hv_ring_mask_interrupts(struct hv_ring *ring);
u32 hv_ring_unmask_interrupts(struct hv_ring *ring);

/*
 * A consumer reads until the ring is empty, and looks again after each
 * commit: the inline functions below answer "empty" without a call. The
 * write index is loaded once, here, and handed to the out-of-line part,
 * which checks it; one equal to the (valid) cursor needs no check.
 */
static inline int __hv_ring_poll(struct hv_ring *ring, u32 *write)
{
	if (READ_ONCE(ring->broken))
		return -EIO;
	/* Acquire: the packets it publishes are read after it. */
	*write = virt_load_acquire(&ring->ctrl->write_index);
	return *write == ring->read_index ? -EAGAIN : 0;
}

/**
 * hv_ring_bytes_to_read() - bytes the consumer has yet to read
 * @ring: the ring, as seen by its consumer
 *
 * Return: bytes (packets with their trailers) between the private read
 * cursor and the producer's write index; 0 when empty or broken.
 */
static inline u32 hv_ring_bytes_to_read(struct hv_ring *ring)
{
	u32 write;

	return __hv_ring_poll(ring, &write) ? 0 :
	       __hv_ring_bytes_to_read(ring, write);
}

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
static inline int hv_ring_read(struct hv_ring *ring, void *buf, u32 buf_len,
			       struct hv_ring_pkt *pkt)
{
	u32 write;
	int ret = __hv_ring_poll(ring, &write);

	return ret ?: __hv_ring_read(ring, write, buf, buf_len, pkt);
}

#endif /* HV_RING_H */
