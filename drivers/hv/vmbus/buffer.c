// SPDX-License-Identifier: GPL-2.0
/*
 * Memory a driver shares with the host beyond its rings: buffers given
 * to the host as GPADLs (netvsc's receive and send buffers), and packets
 * whose data the host reads in place through a list of page ranges
 * (GPA direct). Page numbers are Hyper-V's 4 KiB ones whatever the
 * kernel's PAGE_SIZE, and buffers may come from vmalloc(): every page
 * is looked up on its own.
 */
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>
#include "vmbus_private.h"

/**
 * vmbus_buf_hvpfn() - Hyper-V page number of a page of a buffer
 * @base: start of the buffer, in the direct map or vmalloc space
 * @index: which Hyper-V page of the buffer
 *
 * For GPADLs and GPA-direct ranges, which name Hyper-V pages. Any
 * context.
 *
 * Return: the page frame number in HV_PAGE_SIZE units.
 */
u64 vmbus_buf_hvpfn(const void *base, u32 index)
{
	const u8 *p = (const u8 *)base + (size_t)index * HV_PAGE_SIZE;

	if (is_vmalloc_addr(p))
		return ((u64)vmalloc_to_pfn(p) << (PAGE_SHIFT - HV_PAGE_SHIFT)) +
		       (offset_in_page(p) >> HV_PAGE_SHIFT);
	return virt_to_phys((void *)p) >> HV_PAGE_SHIFT;
}
EXPORT_SYMBOL_HVG(vmbus_buf_hvpfn);

/**
 * vmbus_max_inbound_pkt() - the largest packet a channel accepts
 * @recv_ring_size: the @recv_ring_size the channel is (to be) opened with
 *
 * A packet from the host longer than this is a corrupt ring. A driver
 * that receives with vmbus_recv() into a buffer this large never sees
 * -ENOBUFS. Any context.
 *
 * Return: bytes, descriptor and padding included.
 */
u32 vmbus_max_inbound_pkt(u32 recv_ring_size)
{
	return vmbus_ring_max_pkt(recv_ring_size);
}
EXPORT_SYMBOL_HVG(vmbus_max_inbound_pkt);

/**
 * vmbus_negotiated_version() - the VMBus version the host agreed to
 *
 * Any context.
 *
 * Return: VMBUS_VERSION_* (include/hv/proto/vmbus.h), 0 when not connected.
 */
u32 vmbus_negotiated_version(void)
{
	return READ_ONCE(vmbus_conn.version);
}
EXPORT_SYMBOL_HVG(vmbus_negotiated_version);

/**
 * vmbus_establish_gpadl() - share a driver buffer with the host
 * @channel: the channel the buffer is for; usually open already
 * @buf: the buffer: page aligned, from vmalloc() or the direct map
 * @size: its bytes, a multiple of PAGE_SIZE
 * @gpadl: set to the handle to name the buffer by, in messages of the
 *	driver's protocol and in vmbus_teardown_gpadl()
 *
 * Describes the buffer page by page (Hyper-V pages) in a GPADL header
 * and as many body messages as needed, and waits for the host to accept
 * it. The buffer must stay allocated until vmbus_teardown_gpadl()
 * succeeded. Process context; sleeps. Not serialised with vmbus_close()
 * of the same channel: the driver orders the two.
 *
 * Return: 0; -EINVAL for a misaligned or empty buffer; -E2BIG when it
 * needs more pages than one GPADL describes (a little under 32 MiB);
 * -ENOMEM; -EIO when the host refused it; -ENODEV when the channel was
 * rescinded or the host went away (the host holds nothing then);
 * -ETIMEDOUT when the host did not answer, or only part of the
 * description reached it: the host may then use the pages, and the
 * driver must never free or reuse them.
 */
int vmbus_establish_gpadl(struct vmbus_channel *channel, void *buf, u32 size,
			  u32 *gpadl)
{
	bool shared;
	int ret;

	might_sleep();
	if (!size || !PAGE_ALIGNED(size) || !PAGE_ALIGNED(buf))
		return -EINVAL;
	ret = vmbus_gpadl_create(channel, buf, size, gpadl, &shared);
	return ret && shared ? -ETIMEDOUT : ret;
}
EXPORT_SYMBOL_HVG(vmbus_establish_gpadl);

/**
 * vmbus_teardown_gpadl() - take a buffer back from the host
 * @channel: the channel vmbus_establish_gpadl() was called for; open or
 *	already closed
 * @gpadl: the handle it returned
 *
 * Waits for the host's confirmation; after it the host no longer maps
 * the pages. A rescinded channel's GPADLs, and any of a host that went
 * away, need no teardown: the host dropped them with the channel. Process
 * context; sleeps.
 *
 * Return: 0 when the buffer may be freed; otherwise a negative errno
 * (the host did not confirm) and the buffer must be leaked.
 */
int vmbus_teardown_gpadl(struct vmbus_channel *channel, u32 gpadl)
{
	int ret;

	might_sleep();
	if (READ_ONCE(channel->rescinded) || READ_ONCE(vmbus_conn.gone))
		return 0;
	ret = vmbus_gpadl_teardown(channel, gpadl);
	if (ret == -ENODEV && (READ_ONCE(channel->rescinded) ||
			       READ_ONCE(vmbus_conn.gone)))
		ret = 0;
	if (ret)
		pr_warn("relid %u: host did not release GPADL %u: %d\n",
			channel->relid, gpadl, ret);
	return ret;
}
EXPORT_SYMBOL_HVG(vmbus_teardown_gpadl);

/*
 * Walk @count range records filling exactly @len bytes: each non-empty,
 * starting inside its first page, with the PFNs its bytes span.
 */
static bool vmbus_gpa_ranges_valid(const u8 *ranges, u32 len, u32 count)
{
	const struct vmbus_gpa_range *r;
	u32 off = 0, i;
	u64 pfns;

	for (i = 0; i < count; i++) {
		if (len - off < sizeof(*r))
			return false;
		r = (const void *)(ranges + off);
		if (!r->byte_count || r->byte_offset >= HV_PAGE_SIZE)
			return false;
		pfns = DIV_ROUND_UP_ULL((u64)r->byte_offset + r->byte_count,
					HV_PAGE_SIZE);
		if ((len - off - sizeof(*r)) / sizeof(u64) < pfns)
			return false;
		off += sizeof(*r) + pfns * sizeof(u64);
	}
	return count && off == len;
}

/**
 * vmbus_send_gpa_ranges() - send a packet whose data the host reads or
 *	writes in place, described by several ranges of guest pages
 * @channel: an open channel
 * @flags: VMBUS_PKT_FLAG_* for the descriptor
 * @trans_id: transaction id the host echoes in its completion
 * @ranges: @range_count struct vmbus_gpa_range records back to back,
 *	each followed by exactly the Hyper-V PFNs its bytes span (4 KiB
 *	pages, whatever PAGE_SIZE is); e.g. the pieces of a fragmented skb
 * @ranges_len: bytes of @ranges
 * @range_count: records in @ranges
 * @data: the driver's payload after the ranges
 * @len: payload bytes
 *
 * As vmbus_send_gpa_direct() with one range per physically contiguous
 * piece: a VMBUS_PKT_DATA_GPA_DIRECT packet of descriptor, header,
 * @ranges and @data. The records are copied into the ring; the pages
 * they name must stay put until the host completes the packet. Any
 * context, as vmbus_send().
 *
 * Return: 0, -EINVAL for records that are empty, start beyond their
 * first page, carry the wrong number of PFNs or do not fill @ranges_len,
 * -EAGAIN when the ring is full, -EMSGSIZE when the packet can never
 * fit, -ENODEV when the channel is not open or was rescinded.
 */
int vmbus_send_gpa_ranges(struct vmbus_channel *channel, u16 flags,
			  u64 trans_id, const void *ranges, u32 ranges_len,
			  u32 range_count, const void *data, u32 len)
{
	struct vmbus_pkt_gpa_direct hdr = {
		.desc = {
			.type = VMBUS_PKT_DATA_GPA_DIRECT,
			.flags = flags,
			.trans_id = trans_id,
		},
		.range_count = range_count,
	};
	struct kvec iov[3] = {
		{ .iov_base = &hdr, .iov_len = sizeof(hdr) },
		{ .iov_base = (void *)ranges, .iov_len = ranges_len },
		{ .iov_base = (void *)data, .iov_len = len },
	};
	u64 total = (u64)sizeof(hdr) + ranges_len + len;

	if (!vmbus_gpa_ranges_valid(ranges, ranges_len, range_count))
		return -EINVAL;
	if (total > (u64)U16_MAX << VMBUS_PKT_ALIGN_SHIFT)
		return -EMSGSIZE;
	/* Records are whole u64s: the payload stays 8-byte aligned. */
	hdr.desc.offset8 = (sizeof(hdr) + ranges_len) >> VMBUS_PKT_ALIGN_SHIFT;
	hdr.desc.len8 = ALIGN(total, VMBUS_PKT_ALIGN) >> VMBUS_PKT_ALIGN_SHIFT;
	return vmbus_send_iov(channel, iov, ARRAY_SIZE(iov));
}
EXPORT_SYMBOL_HVG(vmbus_send_gpa_ranges);

/**
 * vmbus_request_reclaim() - take back every outstanding transaction id
 * @channel: an open channel whose completions are no longer handled (the
 *	driver stopped its receive), about to be closed
 * @fn: called with @arg and the context of each request taken back; must
 *	not sleep nor use the channel
 * @arg: passed to @fn
 *
 * For requests the host will never complete, e.g. after a rescind, or
 * that the driver gives up on: their ids are free again and the driver
 * gets their contexts back to release what they held, once the host can
 * no longer touch it (after vmbus_close()). Any context.
 */
void vmbus_request_reclaim(struct vmbus_channel *channel,
			   void (*fn)(void *arg, u64 ctx), void *arg)
{
	struct vmbus_requests *r = &channel->requests;
	unsigned long flags;
	u32 slot;

	spin_lock_irqsave(&r->lock, flags);
	for (slot = 0; r->size && slot < r->size; slot++) {
		if (__test_and_clear_bit(slot, r->used))
			fn(arg, r->ctx[slot]);
	}
	spin_unlock_irqrestore(&r->lock, flags);
}
EXPORT_SYMBOL_HVG(vmbus_request_reclaim);

/**
 * vmbus_channel_cpu() - the CPU the host interrupts for a channel
 * @channel: the channel
 *
 * It can change at any time (sysfs, CPU hotplug): a hint, e.g. for
 * per-CPU statistics. Any context.
 *
 * Return: the CPU number.
 */
u32 vmbus_channel_cpu(const struct vmbus_channel *channel)
{
	return READ_ONCE(channel->target_cpu);
}
EXPORT_SYMBOL_HVG(vmbus_channel_cpu);
