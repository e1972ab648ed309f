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
#include <linux/slab.h>
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

/* Free @b, or leak it (with a warning) while the host may map it. */
static void vmbus_buffer_release(struct vmbus_buffer *b, bool leak)
{
	if (leak) {
		pr_warn("leaking a %u-byte buffer the host may still use (GPADL %u)\n",
			b->size, b->gpadl);
		return;
	}
	vfree(b->data);
	kfree(b);
}

/*
 * The buffer is done with; @host_may_use says whether the host may still
 * map it (posted and never refused or confirmed torn down). As for rings
 * (vmbus_rings_put()): a rescinded channel's buffers stay on it until its
 * relid is released, when the host drops its GPADLs; buffers of a host
 * that is gone are freed; a host that holds on otherwise gets them
 * leaked, never reused.
 */
static void vmbus_buffer_put(struct vmbus_channel *channel,
			     struct vmbus_buffer *b, bool host_may_use)
{
	bool kept = false;

	if (host_may_use && !READ_ONCE(vmbus_conn.gone) &&
	    READ_ONCE(channel->rescinded)) {
		spin_lock_irq(&vmbus_conn.channels_lock);
		/* Still in the table: vmbus_channel_release_relid() to come. */
		kept = rcu_access_pointer(vmbus_conn.channels[channel->relid]) ==
		       channel;
		if (kept)
			list_add_tail(&b->node, &channel->kept_buffers);
		spin_unlock_irq(&vmbus_conn.channels_lock);
		if (kept)
			return;
		host_may_use = false;
	}
	vmbus_buffer_release(b, host_may_use && !READ_ONCE(vmbus_conn.gone));
}

/**
 * vmbus_buffers_release() - free or leak the buffers kept on a channel
 * @list: buffers taken off a rescinded channel's kept_buffers
 * @leak: the host may still map them (RELID_RELEASED could not be
 *	posted): warn and keep the memory forever
 *
 * For vmbus_channel_release_relid(). Process context.
 */
void vmbus_buffers_release(struct list_head *list, bool leak)
{
	struct vmbus_buffer *b, *tmp;

	list_for_each_entry_safe(b, tmp, list, node) {
		list_del_init(&b->node);
		vmbus_buffer_release(b, leak);
	}
}

/**
 * vmbus_buffer_alloc() - allocate a buffer and share it with the host
 * @channel: the channel the buffer is for (open or not)
 * @size: bytes, a multiple of PAGE_SIZE
 *
 * Allocates @size zeroed bytes with vmalloc(), describes them page by
 * page (Hyper-V pages, vmbus_buf_hvpfn()) in a GPADL header and as many
 * body messages as needed, and waits for the host to accept them. The
 * driver names the buffer by its ->gpadl in its protocol's messages.
 * Process context, not on msg_wq; sleeps. Not serialised with
 * vmbus_close() of the same channel: the driver orders the two.
 *
 * Return: the buffer; ERR_PTR(-EINVAL) for a size that is zero or not
 * page aligned, -E2BIG when it needs more pages than one GPADL
 * describes (a little under 32 MiB), -ENOMEM, -EIO when the host
 * refused it, -ENODEV when the channel was rescinded or the host went
 * away, -ETIMEDOUT when the host did not answer. On an error the memory
 * is gone as far as the driver is concerned (freed, or kept from reuse
 * while the host may map it).
 */
struct vmbus_buffer *vmbus_buffer_alloc(struct vmbus_channel *channel,
					u32 size)
{
	struct vmbus_buffer *b;
	bool shared;
	int ret;

	might_sleep();
	if (!size || !PAGE_ALIGNED(size))
		return ERR_PTR(-EINVAL);
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return ERR_PTR(-ENOMEM);
	b->size = size;
	INIT_LIST_HEAD(&b->node);
	b->data = vzalloc(size);
	if (!b->data) {
		kfree(b);
		return ERR_PTR(-ENOMEM);
	}
	ret = vmbus_gpadl_create(channel, b->data, size, &b->gpadl, &shared);
	if (ret) {
		vmbus_buffer_put(channel, b, shared);
		return ERR_PTR(ret);
	}
	return b;
}
EXPORT_SYMBOL_HVG(vmbus_buffer_alloc);

/**
 * vmbus_buffer_free() - take a buffer back from the host and free it
 * @channel: the channel vmbus_buffer_alloc() was called for, open or
 *	closed (the driver's protocol says which comes first)
 * @b: the buffer, or NULL
 *
 * Sends the GPADL teardown and waits for the host's confirmation, then
 * frees the memory. Nothing is sent for a rescinded channel, or a host
 * that went away: the buffer of a rescinded channel is freed when the
 * core releases the channel's relid, after which the host maps none of
 * its GPADLs. A host that does not confirm gets the memory leaked, with
 * a warning. Either way the driver must not touch @b again. Process
 * context, not on msg_wq; sleeps.
 */
void vmbus_buffer_free(struct vmbus_channel *channel, struct vmbus_buffer *b)
{
	bool shared = true;

	if (!b)
		return;
	might_sleep();
	if (!READ_ONCE(channel->rescinded) && !READ_ONCE(vmbus_conn.gone))
		shared = vmbus_gpadl_teardown(channel, b->gpadl) != 0;
	vmbus_buffer_put(channel, b, shared);
}
EXPORT_SYMBOL_HVG(vmbus_buffer_free);

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
