// SPDX-License-Identifier: GPL-2.0
/*
 * Channels: creation from offers, the relid table, GPADLs, open and
 * close, sending and receiving packets, request ids, and the event path
 * from the host's signal to the driver's callback.
 */
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include "trace.h"
#include "vmbus_private.h"

/* Largest ring a driver may ask for, each direction. */
#define VMBUS_RING_SIZE_MAX	(16U << 20)

/*
 * Callback runs one tasklet run makes while the driver finds more to read
 * before it yields the CPU: the tasklet then runs again later. The host
 * signals only when the ring turns non-empty, so stopping instead would
 * strand the packets left.
 */
#define VMBUS_EVENT_ROUNDS	16

/* struct vmbus_channel.cb_cpu while the callback does not run */
#define VMBUS_CB_IDLE		(-1)

static atomic_t vmbus_next_gpadl = ATOMIC_INIT(0);

static void vmbus_channel_tasklet(struct tasklet_struct *t);

static void vmbus_channel_free(struct kref *kref)
{
	struct vmbus_channel *channel =
		container_of(kref, struct vmbus_channel, kref);

	/* Out of the relid table: nothing schedules the tasklet any more. */
	tasklet_kill(&channel->event_tasklet);
	/* Rings leave with the close or with RELID_RELEASED, never here. */
	WARN_ON_ONCE(channel->ring_pages);
	kfree(channel);
}

/**
 * vmbus_channel_put() - drop a reference to a channel
 * @channel: the channel
 */
void vmbus_channel_put(struct vmbus_channel *channel)
{
	kref_put(&channel->kref, vmbus_channel_free);
}

/* The primary channel with @offer's instance GUID, referenced, or NULL. */
static struct vmbus_channel *vmbus_find_primary(const struct vmbus_chmsg_offer *offer)
{
	struct vmbus_channel *channel;
	u32 relid;

	lockdep_assert_held(&vmbus_conn.channels_lock);
	for (relid = 0; relid < VMBUS_MAX_RELID; relid++) {
		channel = rcu_dereference_protected(vmbus_conn.channels[relid],
						    lockdep_is_held(&vmbus_conn.channels_lock));
		if (channel && !channel->primary && !channel->rescinded &&
		    !memcmp(&channel->offer.if_instance, &offer->if_instance,
			    sizeof(offer->if_instance)) &&
		    !memcmp(&channel->offer.if_type, &offer->if_type,
			    sizeof(offer->if_type)))
			return channel;
	}
	return NULL;
}

/* @primary has a sub-channel of @index the host has not rescinded. */
static bool vmbus_sub_index_taken(struct vmbus_channel *primary, u16 index)
{
	struct vmbus_channel *sub;

	lockdep_assert_held(&vmbus_conn.channels_lock);
	list_for_each_entry(sub, &primary->sub_channels, sub_node)
		if (sub->offer.sub_channel_index == index && !sub->rescinded)
			return true;
	return false;
}

/* Install @channel under its relid; refuses an occupied slot. */
static int vmbus_channel_install(struct vmbus_channel *channel)
{
	const struct vmbus_chmsg_offer *offer = &channel->offer;
	struct vmbus_channel *primary = NULL;
	int ret = 0;

	spin_lock_irq(&vmbus_conn.channels_lock);
	if (rcu_access_pointer(vmbus_conn.channels[channel->relid])) {
		pr_err_ratelimited("dropped offer for relid %u: relid in use\n",
				   channel->relid);
		ret = -EEXIST;
	} else if (offer->sub_channel_index) {
		primary = vmbus_find_primary(offer);
		if (!primary) {
			pr_err_ratelimited("dropped sub-channel offer %u: no primary channel %pUl\n",
					   channel->relid, &offer->if_instance);
			ret = -ENOENT;
		} else if (vmbus_sub_index_taken(primary, offer->sub_channel_index)) {
			/* Only a rescinded sub-channel's index may be offered again. */
			pr_err_ratelimited("dropped sub-channel offer %u: relid %u has a sub-channel %u\n",
					   channel->relid, primary->relid,
					   offer->sub_channel_index);
			primary = NULL;
			ret = -EEXIST;
		}
	}
	if (!ret) {
		if (primary) {
			channel->primary = primary;
			kref_get(&primary->kref);
			list_add_tail(&channel->sub_node, &primary->sub_channels);
		}
		kref_get(&channel->kref);
		/* Spread by relid; sysfs or CPU hotplug can move it later. */
		channel->target_cpu = vmbus_cpu_for(channel->relid);
		rcu_assign_pointer(vmbus_conn.channels[channel->relid], channel);
	}
	spin_unlock_irq(&vmbus_conn.channels_lock);
	return ret;
}

/**
 * vmbus_channel_create() - make a channel from a validated offer
 * @offer: the offer
 *
 * Process context (msg_wq). The relid table holds a reference, which
 * vmbus_channel_release_relid() drops.
 *
 * Return: the channel, or an ERR_PTR() (offer dropped, already logged).
 */
struct vmbus_channel *vmbus_channel_create(const struct vmbus_chmsg_offer *offer)
{
	struct vmbus_channel *channel;
	int ret;

	channel = kzalloc(sizeof(*channel), GFP_KERNEL);
	if (!channel)
		return ERR_PTR(-ENOMEM);
	kref_init(&channel->kref);
	memcpy(&channel->offer, offer, sizeof(*offer));
	channel->relid = offer->child_relid;
	channel->state = VMBUS_CHANNEL_OFFERED;
	tasklet_setup(&channel->event_tasklet, vmbus_channel_tasklet);
	channel->cb_cpu = VMBUS_CB_IDLE;
	INIT_LIST_HEAD(&channel->sub_channels);
	INIT_LIST_HEAD(&channel->sub_node);
	INIT_LIST_HEAD(&channel->kept_buffers);
	mutex_init(&channel->open_lock);
	mutex_init(&channel->sub_lock);
	INIT_WORK(&channel->remove_work, vmbus_channel_remove_work);
	spin_lock_init(&channel->send_lock);
	spin_lock_init(&channel->requests.lock);

	ret = vmbus_channel_install(channel);
	/* Drops our creation reference; the table keeps the channel alive. */
	vmbus_channel_put(channel);
	return ret ? ERR_PTR(ret) : channel;
}

static void vmbus_rings_free(struct vmbus_channel *channel, bool host_may_use);

/**
 * vmbus_channel_release_relid() - take a channel out of the relid table
 * @channel: a closed channel that no driver uses any more
 *
 * Tells the host the relid is free if the host rescinded it and is still
 * there; rings kept for that moment (vmbus_rings_put()) are freed then,
 * as the host drops every GPADL of a released relid. Process context;
 * runs on msg_wq only for a channel whose offer failed (never rescinded).
 */
void vmbus_channel_release_relid(struct vmbus_channel *channel)
{
	struct vmbus_chmsg_relid_released msg = {
		.header.type = VMBUS_CHMSG_RELID_RELEASED,
		.child_relid = channel->relid,
	};
	struct vmbus_channel *primary;
	LIST_HEAD(kept);
	int ret = 0;

	spin_lock_irq(&vmbus_conn.channels_lock);
	if (rcu_access_pointer(vmbus_conn.channels[channel->relid]) != channel) {
		spin_unlock_irq(&vmbus_conn.channels_lock);
		return;
	}
	RCU_INIT_POINTER(vmbus_conn.channels[channel->relid], NULL);
	list_splice_init(&channel->kept_buffers, &kept);
	trace_vmbus_release_relid(channel->relid);
	primary = channel->primary;
	if (primary)
		list_del_init(&channel->sub_node);
	spin_unlock_irq(&vmbus_conn.channels_lock);

	if (channel->rescinded)
		ret = vmbus_post(&msg, sizeof(msg));
	/* Closed and rescinded: nobody else touches the rings now. */
	if (channel->ring_pages)
		vmbus_rings_free(channel, ret && !READ_ONCE(vmbus_conn.gone));
	vmbus_buffers_release(&kept, ret && !READ_ONCE(vmbus_conn.gone));
	synchronize_rcu();
	if (primary) {
		vmbus_subchannel_released(channel);
		vmbus_channel_put(primary);
	}
	vmbus_channel_put(channel);
}

static void vmbus_gpadl_fill(u64 *pfn, const void *base, u32 first, u32 count)
{
	u32 i;

	for (i = 0; i < count; i++)
		pfn[i] = vmbus_buf_hvpfn(base, first + i);
}

/* Post the header and body messages describing @size bytes at @base. */
static int vmbus_gpadl_post(struct vmbus_channel *channel, u32 handle,
			    const void *base, u32 size)
{
	u32 pfns = size >> HV_PAGE_SHIFT, sent, n;
	struct vmbus_chmsg_gpadl_header *hdr;
	struct vmbus_chmsg_gpadl_body *body;
	struct vmbus_gpa_range *range;
	u8 *buf;
	int ret;

	buf = kzalloc(HV_SYNIC_MSG_PAYLOAD_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	hdr = (void *)buf;
	range = (void *)hdr->ranges;
	n = min_t(u32, pfns, VMBUS_GPADL_HEADER_MAX_PFNS);
	hdr->header.type = VMBUS_CHMSG_GPADL_HEADER;
	hdr->child_relid = channel->relid;
	hdr->gpadl = handle;
	hdr->range_count = 1;
	hdr->range_buflen = sizeof(*range) + pfns * sizeof(u64);
	range->byte_count = size;
	vmbus_gpadl_fill(range->pfn, base, 0, n);
	ret = vmbus_post(hdr, sizeof(*hdr) + sizeof(*range) + n * sizeof(u64));

	body = (void *)buf;
	for (sent = n; !ret && sent < pfns; sent += n) {
		n = min_t(u32, pfns - sent, VMBUS_GPADL_BODY_MAX_PFNS);
		memset(buf, 0, HV_SYNIC_MSG_PAYLOAD_MAX);
		body->header.type = VMBUS_CHMSG_GPADL_BODY;
		body->gpadl = handle;
		vmbus_gpadl_fill(body->pfn, base, sent, n);
		ret = vmbus_post(body, sizeof(*body) + n * sizeof(u64));
	}
	kfree(buf);
	return ret;
}

/*
 * Share @size bytes at @base with the host. *@shared says whether the
 * host may hold the pages (anything posted and no refusal): then the
 * caller hands them to vmbus_rings_put() rather than freeing them.
 */
int vmbus_gpadl_create(struct vmbus_channel *channel, const void *base,
		       u32 size, u32 *handle, bool *shared)
{
	const struct vmbus_chmsg_gpadl_created *created;
	struct vmbus_waiter *w;
	int ret;

	*shared = false;
	/* The range's byte count is a u16-bounded buffer of PFNs. */
	if (sizeof(struct vmbus_gpa_range) + (size >> HV_PAGE_SHIFT) * sizeof(u64) > U16_MAX)
		return -E2BIG;
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	do {
		*handle = atomic_inc_return(&vmbus_next_gpadl);
	} while (!*handle);
	ret = vmbus_waiter_arm(w, VMBUS_CHMSG_GPADL_CREATED, *handle, channel);
	if (ret)
		goto out;
	*shared = true;
	ret = vmbus_gpadl_post(channel, *handle, base, size);
	if (ret) {
		vmbus_waiter_cancel(w);
		goto out;
	}
	ret = vmbus_waiter_wait(w);
	if (ret)
		goto out;
	created = (const void *)w->answer;
	if (created->child_relid != channel->relid || created->status) {
		pr_err_ratelimited("relid %u: host refused GPADL %u (relid %u, status %#x)\n",
				   channel->relid, *handle, created->child_relid,
				   created->status);
		/* A refused GPADL is not held; a wrong relid may be. */
		*shared = created->child_relid != channel->relid;
		ret = -EIO;
	}
out:
	trace_vmbus_establish_gpadl_header(channel->relid, *handle,
					   size >> HV_PAGE_SHIFT, ret);
	kfree(w);
	return ret;
}

int vmbus_gpadl_teardown(struct vmbus_channel *channel, u32 handle)
{
	struct vmbus_chmsg_gpadl_teardown msg = {
		.header.type = VMBUS_CHMSG_GPADL_TEARDOWN,
		.child_relid = channel->relid,
		.gpadl = handle,
	};
	struct vmbus_waiter *w;

	w = vmbus_request(&msg, sizeof(msg), VMBUS_CHMSG_GPADL_TORNDOWN, handle,
			  channel);
	trace_vmbus_teardown_gpadl(channel->relid, handle, PTR_ERR_OR_ZERO(w));
	if (IS_ERR(w))
		return PTR_ERR(w);
	kfree(w);
	return 0;
}

static int vmbus_requests_init(struct vmbus_requests *r, u32 size)
{
	r->size = size;
	if (!size)
		return 0;
	r->ctx = kcalloc(size, sizeof(*r->ctx), GFP_KERNEL);
	r->used = bitmap_zalloc(size, GFP_KERNEL);
	if (r->ctx && r->used)
		return 0;
	kfree(r->ctx);
	bitmap_free(r->used);
	r->ctx = NULL;
	r->used = NULL;
	return -ENOMEM;
}

static void vmbus_requests_free(struct vmbus_requests *r)
{
	kfree(r->ctx);
	bitmap_free(r->used);
	r->ctx = NULL;
	r->used = NULL;
	r->size = 0;
}

/**
 * vmbus_request_add() - give a request a transaction id
 * @channel: an open channel
 * @ctx: the driver's context for the request, returned on completion
 * @trans_id: the id to send; never 0
 *
 * The id is a small integer, never a pointer: the host only ever sees an
 * index into this table. Any context.
 *
 * Return: 0, or -EBUSY when max_requests requests are outstanding.
 */
int vmbus_request_add(struct vmbus_channel *channel, u64 ctx, u64 *trans_id)
{
	struct vmbus_requests *r = &channel->requests;
	unsigned long flags;
	u32 slot;
	int ret = -EBUSY;

	spin_lock_irqsave(&r->lock, flags);
	if (r->size) {
		slot = find_first_zero_bit(r->used, r->size);
		if (slot < r->size) {
			__set_bit(slot, r->used);
			r->ctx[slot] = ctx;
			*trans_id = (u64)slot + 1;
			ret = 0;
		}
	}
	spin_unlock_irqrestore(&r->lock, flags);
	return ret;
}
EXPORT_SYMBOL_HVG(vmbus_request_add);

/**
 * vmbus_request_take() - complete the request the host names
 * @channel: the channel
 * @trans_id: the transaction id from the host's completion
 * @ctx: the request's context
 *
 * Any context.
 *
 * Return: 0, or -EINVAL when @trans_id names no outstanding request (the
 * completion must then be dropped).
 */
int vmbus_request_take(struct vmbus_channel *channel, u64 trans_id, u64 *ctx)
{
	struct vmbus_requests *r = &channel->requests;
	unsigned long flags;
	int ret = -EINVAL;

	spin_lock_irqsave(&r->lock, flags);
	if (trans_id && trans_id <= r->size &&
	    __test_and_clear_bit(trans_id - 1, r->used)) {
		*ctx = r->ctx[trans_id - 1];
		ret = 0;
	}
	spin_unlock_irqrestore(&r->lock, flags);
	if (ret)
		pr_err_ratelimited("relid %u: dropped completion for unknown transaction id %llu\n",
				   channel->relid, trans_id);
	return ret;
}
EXPORT_SYMBOL_HVG(vmbus_request_take);

/* Smallest ring: its control page and one data page, in whole pages. */
#define VMBUS_RING_SIZE_MIN	max_t(u32, 2 * HV_PAGE_SIZE, PAGE_SIZE)

static bool vmbus_ring_size_valid(u32 size)
{
	return size >= VMBUS_RING_SIZE_MIN && size <= VMBUS_RING_SIZE_MAX &&
	       PAGE_ALIGNED(size);
}

/* A driver's mistake: refused with one clear error. */
static int vmbus_open_params_check(const struct vmbus_channel *channel,
				   const struct vmbus_open_params *p)
{
	if (!vmbus_ring_size_valid(p->send_ring_size) ||
	    !vmbus_ring_size_valid(p->recv_ring_size)) {
		pr_err_ratelimited("relid %u: ring sizes %u/%u refused: each must be a multiple of %lu from %u (control page and one data page) to %u bytes\n",
				   channel->relid, p->send_ring_size,
				   p->recv_ring_size, PAGE_SIZE,
				   VMBUS_RING_SIZE_MIN, VMBUS_RING_SIZE_MAX);
		return -EINVAL;
	}
	if (p->user_data_len > VMBUS_USER_DEFINED_SIZE || !p->on_event) {
		pr_err_ratelimited("relid %u: open refused: %s\n", channel->relid,
				   p->on_event ? "user data over 120 bytes" :
						 "no callback");
		return -EINVAL;
	}
	return 0;
}

/*
 * The largest packet for a ring of @size bytes: half the ring, but no
 * more than its data area less two trailers (hv_ring_init()), which is
 * what limits a ring of one data page.
 */
u32 vmbus_ring_max_pkt(u32 size)
{
	return min_t(u32, size / 2,
		     size - HV_PAGE_SIZE - 2 * VMBUS_PKT_TRAILER_SIZE);
}

static int vmbus_rings_alloc(struct vmbus_channel *channel,
			     const struct vmbus_open_params *p)
{
	u32 total = p->send_ring_size + p->recv_ring_size;
	void *base;
	int ret;

	channel->ring_order = get_order(total);
	channel->ring_pages = alloc_pages(GFP_KERNEL | __GFP_ZERO,
					  channel->ring_order);
	if (!channel->ring_pages)
		return -ENOMEM;
	base = page_address(channel->ring_pages);
	ret = hv_ring_init(&channel->out, base, p->send_ring_size,
			   vmbus_ring_max_pkt(p->send_ring_size));
	if (!ret)
		ret = hv_ring_init(&channel->in, base + p->send_ring_size,
				   p->recv_ring_size,
				   vmbus_ring_max_pkt(p->recv_ring_size));
	if (ret) {
		__free_pages(channel->ring_pages, channel->ring_order);
		channel->ring_pages = NULL;
		return ret;
	}
	hv_ring_init_shared(&channel->out);
	hv_ring_init_shared(&channel->in);
	return 0;
}

/* Free the rings, unless the host may still be using them. */
static void vmbus_rings_free(struct vmbus_channel *channel, bool host_may_use)
{
	if (host_may_use)
		pr_warn("relid %u: leaking %lu ring pages the host may still use\n",
			channel->relid, 1UL << channel->ring_order);
	else if (channel->ring_pages)
		__free_pages(channel->ring_pages, channel->ring_order);
	channel->ring_pages = NULL;
	channel->ring_gpadl = 0;
}

/*
 * The rings are done with (a failed open, or a close); open_lock held.
 * Pages the host never held or confirmed torn down, or of a host that is
 * gone, are freed. A rescinded channel's stay until RELID_RELEASED, after
 * which the host holds no GPADL of the relid (OpenVMM's vmbus_server
 * drops them on release, channels.rs client_release_channel()):
 * vmbus_channel_release_relid() frees them. Otherwise the host may still
 * write to them: leaked, with a warning.
 */
static void vmbus_rings_put(struct vmbus_channel *channel, bool host_may_use)
{
	lockdep_assert_held(&channel->open_lock);
	if (host_may_use && !READ_ONCE(vmbus_conn.gone) &&
	    READ_ONCE(channel->rescinded))
		return;
	vmbus_rings_free(channel, host_may_use && !READ_ONCE(vmbus_conn.gone));
}

static int vmbus_send_open(struct vmbus_channel *channel,
			   const struct vmbus_open_params *p)
{
	struct vmbus_chmsg_open_channel msg = {
		.header.type = VMBUS_CHMSG_OPEN_CHANNEL,
		.child_relid = channel->relid,
		.open_id = channel->relid,
		.ring_gpadl = channel->ring_gpadl,
		.target_vp = vmbus_platform->vp_index(channel->target_cpu),
		.downstream_ring_offset = p->send_ring_size >> HV_PAGE_SHIFT,
	};
	const struct vmbus_chmsg_open_result *result;
	struct vmbus_waiter *w;
	int ret = 0;

	if (p->user_data_len)
		memcpy(msg.user_data, p->user_data, p->user_data_len);
	w = vmbus_request(&msg, sizeof(msg), VMBUS_CHMSG_OPEN_RESULT,
			  channel->relid, channel);
	if (IS_ERR(w)) {
		ret = PTR_ERR(w);
		goto out;
	}
	result = (const void *)w->answer;
	if (result->open_id != channel->relid || result->status) {
		pr_err_ratelimited("relid %u: host refused to open (open id %u, status %#x)\n",
				   channel->relid, result->open_id, result->status);
		ret = -EIO;
	}
	kfree(w);
out:
	trace_vmbus_open(channel->relid, msg.ring_gpadl, p->send_ring_size,
			 p->recv_ring_size, msg.target_vp, ret);
	return ret;
}

static void vmbus_send_close(struct vmbus_channel *channel)
{
	struct vmbus_chmsg_close_channel msg = {
		.header.type = VMBUS_CHMSG_CLOSE_CHANNEL,
		.child_relid = channel->relid,
	};

	trace_vmbus_close_internal(channel->relid);
	vmbus_post(&msg, sizeof(msg));
}

/* Allow or stop writes to the outbound ring; see struct vmbus_channel. */
static void vmbus_set_sendable(struct vmbus_channel *channel, bool sendable)
{
	unsigned long irqflags;

	spin_lock_irqsave(&channel->send_lock, irqflags);
	channel->sendable = sendable;
	spin_unlock_irqrestore(&channel->send_lock, irqflags);
}

/* Publish the callback; the host may signal before it answers the open. */
static void vmbus_channel_start_events(struct vmbus_channel *channel,
				       const struct vmbus_open_params *p)
{
	channel->ctx = p->ctx;
	/* @ctx and the rings before the callback: pairs with the tasklet. */
	smp_store_release(&channel->on_event, p->on_event);
}

/*
 * Stop the callback: on return it is not running and does not run again
 * until the next open, whichever CPU the host signals. A tasklet run
 * scheduled meanwhile finds no callback.
 */
static void vmbus_channel_stop_events(struct vmbus_channel *channel)
{
	WRITE_ONCE(channel->on_event, NULL);
	/* Waits for a run in progress; later runs see NULL. */
	tasklet_disable(&channel->event_tasklet);
	tasklet_enable(&channel->event_tasklet);
}

/**
 * vmbus_open() - open a channel
 * @channel: an offered or closed channel
 * @params: ring sizes, user data, callback
 *
 * Allocates the rings, shares them with the host and asks the host to
 * open the channel. The callback may run before this returns: the host
 * may signal before it answers. Process context, not on msg_wq; sleeps
 * until the host answers. A rescind fails it at once, at whatever point
 * it is.
 *
 * Return: 0, -EINVAL for bad parameters, -EBUSY if open, -ENODEV if the
 * channel was rescinded, or another negative errno.
 */
int vmbus_open(struct vmbus_channel *channel,
	       const struct vmbus_open_params *params)
{
	bool shared;
	int ret;

	ret = vmbus_open_params_check(channel, params);
	if (ret)
		return ret;
	vmbus_may_wait_for_host();
	mutex_lock(&channel->open_lock);
	ret = -EBUSY;
	if (channel->state == VMBUS_CHANNEL_OPENED ||
	    channel->state == VMBUS_CHANNEL_OPENING)
		goto unlock;
	ret = -ENODEV;
	if (READ_ONCE(channel->rescinded))
		goto unlock;
	channel->state = VMBUS_CHANNEL_OPENING;
	ret = vmbus_requests_init(&channel->requests, params->max_requests);
	if (ret)
		goto closed;
	ret = vmbus_rings_alloc(channel, params);
	if (ret)
		goto free_requests;
	ret = vmbus_gpadl_create(channel, page_address(channel->ring_pages),
				 params->send_ring_size + params->recv_ring_size,
				 &channel->ring_gpadl, &shared);
	if (ret)
		goto put_rings;
	vmbus_set_sendable(channel, true);
	vmbus_channel_start_events(channel, params);
	ret = vmbus_send_open(channel, params);
	if (ret)
		goto teardown;
	channel->state = VMBUS_CHANNEL_OPENED;
	mutex_unlock(&channel->open_lock);
	return 0;

teardown:
	vmbus_channel_stop_events(channel);
	vmbus_set_sendable(channel, false);
	/* Fails at once, without a message, once the channel is rescinded. */
	shared = vmbus_gpadl_teardown(channel, channel->ring_gpadl) != 0;
put_rings:
	vmbus_rings_put(channel, shared);
free_requests:
	vmbus_requests_free(&channel->requests);
closed:
	channel->state = VMBUS_CHANNEL_CLOSED;
unlock:
	mutex_unlock(&channel->open_lock);
	return ret;
}
EXPORT_SYMBOL_HVG(vmbus_open);

/**
 * vmbus_close() - close a channel
 * @channel: the channel; closing a channel that is not open does nothing
 *
 * When this returns the callback is not running and will not run again,
 * whichever CPU the host signals, and the rings are gone (or, for a
 * rescinded channel, wait for the relid's release). Process context, not
 * on msg_wq; sleeps (it waits for a running callback and for the host),
 * so never from the channel's callback or under a spinlock. A rescind
 * ends the wait for the host at once; nothing is sent for a rescinded
 * channel.
 */
void vmbus_close(struct vmbus_channel *channel)
{
	bool shared = true;

	/* Also catches a close from the channel's own callback. */
	vmbus_may_wait_for_host();
	mutex_lock(&channel->open_lock);
	if (channel->state != VMBUS_CHANNEL_OPENED) {
		mutex_unlock(&channel->open_lock);
		return;
	}
	vmbus_channel_stop_events(channel);
	vmbus_set_sendable(channel, false);
	if (!READ_ONCE(channel->rescinded) && !READ_ONCE(vmbus_conn.gone)) {
		vmbus_send_close(channel);
		shared = vmbus_gpadl_teardown(channel, channel->ring_gpadl) != 0;
	}
	vmbus_rings_put(channel, shared);
	vmbus_requests_free(&channel->requests);
	channel->state = VMBUS_CHANNEL_CLOSED;
	mutex_unlock(&channel->open_lock);
	if (channel->primary && READ_ONCE(channel->rescinded))
		vmbus_channel_release_relid(channel);
}
EXPORT_SYMBOL_HVG(vmbus_close);

/* Tell the host there is something in the outbound ring. */
void vmbus_signal_host(struct vmbus_channel *channel)
{
	const struct vmbus_chmsg_offer *offer = &channel->offer;
	struct vmbus_monitor_page *mon = vmbus_conn.monitor_pages[1];

	channel->events++;
	trace_vmbus_setevent(channel->relid);
	if (offer->monitor_flags & VMBUS_OFFER_MONITOR_ALLOCATED) {
		set_bit(offer->monitor_id % VMBUS_MONITOR_GROUP_BITS,
			(unsigned long *)&mon->trigger_group[offer->monitor_id /
				VMBUS_MONITOR_GROUP_BITS].pending);
		return;
	}
	vmbus_platform->signal_event(offer->connection_id);
}

/* Write one packet (descriptor first in @iov) unless the channel is gone. */
int vmbus_send_iov(struct vmbus_channel *channel, const struct kvec *iov,
		   unsigned int iov_count)
{
	unsigned long irqflags;
	bool signal = false;
	int ret;

	spin_lock_irqsave(&channel->send_lock, irqflags);
	if (!channel->sendable || channel->rescinded)
		ret = -ENODEV;
	else
		ret = hv_ring_write(&channel->out, iov, iov_count, &signal);
	if (ret == -EAGAIN) {
		channel->out_full_total++;
		if (!channel->out_full)
			channel->out_full_first++;
		channel->out_full = true;
	} else if (!ret) {
		channel->out_full = false;
	}
	if (signal)
		channel->intr_out_empty++;
	spin_unlock_irqrestore(&channel->send_lock, irqflags);
	if (signal)
		vmbus_signal_host(channel);
	return ret;
}

/**
 * vmbus_send() - send one packet to the host
 * @channel: an open channel
 * @type: packet type, e.g. VMBUS_PKT_DATA_INBAND or VMBUS_PKT_COMPLETION
 * @flags: VMBUS_PKT_FLAG_* for the descriptor
 * @trans_id: transaction id the host echoes in its completion
 * @data: payload
 * @len: payload bytes
 *
 * Any context, the channel's callback and hard interrupts included; the
 * senders of a channel are serialised (a spinlock, interrupts off).
 *
 * Return: 0, -EAGAIN when the ring is full, -EMSGSIZE when the packet can
 * never fit, -ENODEV when the channel is not open or was rescinded.
 */
int vmbus_send(struct vmbus_channel *channel, u16 type, u16 flags,
	       u64 trans_id, const void *data, u32 len)
{
	struct vmbus_pkt_desc desc = {
		.type = type,
		.flags = flags,
		.trans_id = trans_id,
		.offset8 = sizeof(desc) >> VMBUS_PKT_ALIGN_SHIFT,
	};
	struct kvec iov[2] = {
		{ .iov_base = &desc, .iov_len = sizeof(desc) },
		{ .iov_base = (void *)data, .iov_len = len },
	};

	if (len > VMBUS_RING_SIZE_MAX)
		return -EMSGSIZE;
	desc.len8 = ALIGN(sizeof(desc) + len, VMBUS_PKT_ALIGN) >>
		    VMBUS_PKT_ALIGN_SHIFT;
	return vmbus_send_iov(channel, iov, ARRAY_SIZE(iov));
}
EXPORT_SYMBOL_HVG(vmbus_send);

/**
 * vmbus_send_gpa_direct() - send a packet whose data the host reads or
 *	writes in place, described by guest page numbers
 * @channel: an open channel
 * @flags: VMBUS_PKT_FLAG_* for the descriptor
 * @trans_id: transaction id the host echoes in its completion
 * @range: one range of Hyper-V pages (4 KiB, whatever PAGE_SIZE is):
 *	@range->byte_count bytes starting @range->byte_offset bytes into
 *	the first page of @range->pfn; the pages are contiguous for the
 *	host only through the PFN array, not in guest memory
 * @pfn_count: entries in @range->pfn; exactly the pages the bytes span
 * @data: the driver's payload (e.g. a storage request), after the range
 * @len: payload bytes
 *
 * Sends a VMBUS_PKT_DATA_GPA_DIRECT packet: descriptor, a header saying
 * one range follows, @range, then @data; the ring zeroes the padding.
 * The range is copied into the ring: the caller may reuse it on return,
 * but the pages it names must stay put until the host completes the
 * request. Any context, as vmbus_send().
 *
 * Return: 0, -EINVAL for a range that is empty, starts beyond its first
 * page or has the wrong number of PFNs, -EAGAIN when the ring is full,
 * -EMSGSIZE when the packet can never fit, -ENODEV when the channel is
 * not open or was rescinded.
 */
int vmbus_send_gpa_direct(struct vmbus_channel *channel, u16 flags,
			  u64 trans_id, const struct vmbus_gpa_range *range,
			  u32 pfn_count, const void *data, u32 len)
{
	return vmbus_send_gpa_ranges(channel, flags, trans_id, range,
				     struct_size(range, pfn, pfn_count), 1,
				     data, len);
}
EXPORT_SYMBOL_HVG(vmbus_send_gpa_direct);

/* vmbus_recv() and vmbus_recv_done() belong to the channel's callback. */
static bool vmbus_in_callback(const struct vmbus_channel *channel)
{
	return !in_hardirq() &&
	       READ_ONCE(channel->cb_cpu) == (int)raw_smp_processor_id();
}

/**
 * vmbus_recv() - copy the next packet from the host out of the ring
 * @channel: an open channel
 * @buf: where the packet goes, descriptor included
 * @buf_len: bytes at @buf
 * @pkt: the packet's validated descriptor, length and payload offset
 *
 * Only from the channel's callback (softirq), which is the ring's one
 * consumer. Packets are consumed for the host only by vmbus_recv_done().
 *
 * Return: 0, -EAGAIN when the ring is empty, -ENOBUFS when the packet is
 * larger than @buf_len (@pkt says how large; it stays in the ring), -EIO
 * when the host corrupted the ring, -EINVAL (and a warning) when called
 * outside the callback.
 */
int vmbus_recv(struct vmbus_channel *channel, void *buf, u32 buf_len,
	       struct hv_ring_pkt *pkt)
{
	if (WARN_ON_ONCE(!vmbus_in_callback(channel)))
		return -EINVAL;
	return hv_ring_read(&channel->in, buf, buf_len, pkt);
}
EXPORT_SYMBOL_HVG(vmbus_recv);

/**
 * vmbus_recv_done() - hand the space of the packets read back to the host
 * @channel: the channel
 *
 * Only from the channel's callback, once it read until -EAGAIN or spent
 * its own budget. Signals the host if it waits for space. If packets are
 * left (arrived meanwhile, or not read) the core calls the callback
 * again: at once, or after other work when it has run many times in a row.
 */
void vmbus_recv_done(struct vmbus_channel *channel)
{
	if (WARN_ON_ONCE(!vmbus_in_callback(channel)))
		return;
	if (hv_ring_read_commit(&channel->in)) {
		channel->intr_in_full++;
		vmbus_signal_host(channel);
	}
	if (hv_ring_bytes_to_read(&channel->in))
		channel->resched = true;
}
EXPORT_SYMBOL_HVG(vmbus_recv_done);

/*
 * The channel's tasklet: runs the driver's callback while it leaves
 * packets behind, up to VMBUS_EVENT_ROUNDS times, then runs again later.
 * A tasklet runs on one CPU at a time, so the callback never overlaps
 * itself, whichever CPUs the host signals.
 */
static void vmbus_channel_tasklet(struct tasklet_struct *t)
{
	struct vmbus_channel *channel = from_tasklet(channel, t, event_tasklet);
	void (*cb)(void *ctx);
	unsigned int rounds;

	if (!channel->yielded)
		WRITE_ONCE(channel->interrupts, channel->interrupts + 1);
	channel->yielded = false;
	for (rounds = 0; rounds < VMBUS_EVENT_ROUNDS; rounds++) {
		/* Pairs with vmbus_channel_start_events(): @ctx is set. */
		cb = smp_load_acquire(&channel->on_event);
		if (!cb)
			return;
		channel->resched = false;
		WRITE_ONCE(channel->cb_cpu, smp_processor_id());
		trace_vmbus_on_event(channel->relid);
		cb(channel->ctx);
		WRITE_ONCE(channel->cb_cpu, VMBUS_CB_IDLE);
		if (!channel->resched)
			return;
	}
	/* The host will not signal for what is left: come back ourselves. */
	channel->yielded = true;
	tasklet_schedule(t);
}

/**
 * vmbus_channel_signalled() - the host signalled a channel
 * @relid: the flag found set in a CPU's event page
 *
 * Queues the channel's tasklet on this CPU unless it is queued already
 * (a running one runs once more). Any context, under rcu_read_lock().
 */
void vmbus_channel_signalled(u32 relid)
{
	struct vmbus_channel *channel;

	channel = rcu_dereference(vmbus_conn.channels[relid]);
	if (!channel || !READ_ONCE(channel->on_event))
		return;
	trace_vmbus_chan_sched(relid);
	tasklet_schedule(&channel->event_tasklet);
}

/**
 * vmbus_channels_kick() - run every open channel's callback once more
 *
 * For signals that may have been lost (a CPU's SynIC went down). A
 * callback that finds nothing to read costs one empty read. Any context.
 */
void vmbus_channels_kick(void)
{
	u32 relid;

	rcu_read_lock();
	for (relid = 1; relid < VMBUS_MAX_RELID; relid++)
		vmbus_channel_signalled(relid);
	rcu_read_unlock();
}

/* MODIFY_CHANNEL with the answer that 5.3 and later hosts give. */
static int vmbus_modify_confirmed(struct vmbus_channel *channel,
				  const struct vmbus_chmsg_modify_channel *msg)
{
	const struct vmbus_chmsg_modify_channel_response *resp;
	struct vmbus_waiter *w;
	int ret = 0;

	w = vmbus_request(msg, sizeof(*msg), VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE,
			  channel->relid, channel);
	if (IS_ERR(w))
		return PTR_ERR(w);
	resp = (const void *)w->answer;
	if (resp->status) {
		pr_err_ratelimited("relid %u: host refused to move to VP %u (status %#x)\n",
				   channel->relid, msg->target_vp, resp->status);
		ret = -EIO;
	}
	kfree(w);
	return ret;
}

/*
 * Point the channel's interrupts at @cpu. An open channel needs the host
 * (MODIFY_CHANNEL, 4.1+); others just open there later. Signals may still
 * come to the old CPU for a while: the tasklet serialises them. Caller
 * holds the CPU hotplug lock (or is a hotplug callback).
 */
static int vmbus_channel_move(struct vmbus_channel *channel, u32 cpu)
{
	struct vmbus_chmsg_modify_channel msg = {
		.header.type = VMBUS_CHMSG_MODIFY_CHANNEL,
		.child_relid = channel->relid,
		.target_vp = vmbus_platform->vp_index(cpu),
	};
	int ret = 0;

	vmbus_may_wait_for_host();
	mutex_lock(&channel->open_lock);
	/* A rescinded channel, or one of a gone host, gets no more signals. */
	if (channel->state == VMBUS_CHANNEL_OPENED &&
	    !READ_ONCE(channel->rescinded) && !READ_ONCE(vmbus_conn.gone)) {
		if (vmbus_conn.version < VMBUS_VERSION_V4_1)
			ret = -EOPNOTSUPP;
		else if (vmbus_conn.version >= VMBUS_VERSION_V5_3)
			ret = vmbus_modify_confirmed(channel, &msg);
		else
			ret = vmbus_post(&msg, sizeof(msg));
		trace_vmbus_send_modifychannel(channel->relid, msg.target_vp, ret);
	}
	if (!ret)
		WRITE_ONCE(channel->target_cpu, cpu);
	mutex_unlock(&channel->open_lock);
	return ret;
}

/**
 * vmbus_channel_set_cpu() - move a channel's interrupts to another CPU
 * @channel: the channel
 * @cpu: the CPU
 *
 * Needs VMBus 4.1 (MODIFY_CHANNEL); from 5.3 the host confirms. Safe
 * during I/O. Process context; sleeps, holds off CPU hotplug meanwhile.
 *
 * Return: 0, -EINVAL when @cpu cannot take channel interrupts (offline),
 * -EOPNOTSUPP before VMBus 4.1, or another negative errno.
 */
int vmbus_channel_set_cpu(struct vmbus_channel *channel, u32 cpu)
{
	int ret = -EOPNOTSUPP;

	if (vmbus_conn.version < VMBUS_VERSION_V4_1)
		return ret;
	cpus_read_lock();
	ret = vmbus_cpu_ready(cpu) ? vmbus_channel_move(channel, cpu) : -EINVAL;
	cpus_read_unlock();
	return ret;
}

/*
 * The next channel after *@relid that targets @cpu, referenced, with the
 * CPU it should move to in *@to; NULL when there is none.
 */
static struct vmbus_channel *vmbus_next_on_cpu(unsigned int cpu, u32 *relid,
					       u32 *to)
{
	struct vmbus_channel *channel = NULL;

	spin_lock_irq(&vmbus_conn.channels_lock);
	while (++*relid < VMBUS_MAX_RELID) {
		channel = rcu_dereference_protected(vmbus_conn.channels[*relid],
						    lockdep_is_held(&vmbus_conn.channels_lock));
		if (channel && READ_ONCE(channel->target_cpu) == cpu) {
			kref_get(&channel->kref);
			*to = vmbus_cpu_for(*relid);
			break;
		}
		channel = NULL;
	}
	spin_unlock_irq(&vmbus_conn.channels_lock);
	return channel;
}

/**
 * vmbus_channels_leave_cpu() - move every channel off a CPU going offline
 * @cpu: the CPU, already out of the set vmbus_cpu_for() picks from
 *
 * CPU hotplug teardown, process context. Each channel moves as through
 * vmbus_channel_set_cpu(), spread over the CPUs that stay.
 *
 * Return: 0, or -EBUSY when an open channel cannot move (VMBus before
 * 4.1, or the host refused): the CPU must then stay; the reason is logged.
 */
int vmbus_channels_leave_cpu(unsigned int cpu)
{
	struct vmbus_channel *channel;
	u32 relid = 0, to;
	int ret = 0;

	while (!ret && (channel = vmbus_next_on_cpu(cpu, &relid, &to))) {
		ret = vmbus_channel_move(channel, to);
		if (ret == -EOPNOTSUPP)
			pr_warn("CPU %u stays online: VMBus %u.%u cannot move open channel %u to another CPU (needs 4.1)\n",
				cpu, VMBUS_VERSION_MAJOR(vmbus_conn.version),
				VMBUS_VERSION_MINOR(vmbus_conn.version), relid);
		else if (ret)
			pr_warn("CPU %u stays online: moving channel %u to CPU %u failed: %d\n",
				cpu, relid, to, ret);
		vmbus_channel_put(channel);
	}
	return ret ? -EBUSY : 0;
}

/**
 * vmbus_channel_relid() - the channel's relid
 * @channel: the channel
 *
 * Return: the relid.
 */
u32 vmbus_channel_relid(const struct vmbus_channel *channel)
{
	return channel->relid;
}
EXPORT_SYMBOL_HVG(vmbus_channel_relid);

/**
 * vmbus_channel_subindex() - the channel's sub-channel index
 * @channel: the channel
 *
 * Return: 0 for a primary channel, its index for a sub-channel.
 */
u16 vmbus_channel_subindex(const struct vmbus_channel *channel)
{
	return channel->offer.sub_channel_index;
}
EXPORT_SYMBOL_HVG(vmbus_channel_subindex);

/**
 * vmbus_channel_rescinded() - whether the host withdrew the channel
 * @channel: the channel
 *
 * The rescind of an open channel runs its callback once more, so a
 * callback that checks this learns of it without a signal. Any context.
 *
 * Return: true once the host rescinded it.
 */
bool vmbus_channel_rescinded(const struct vmbus_channel *channel)
{
	return READ_ONCE(channel->rescinded);
}
EXPORT_SYMBOL_HVG(vmbus_channel_rescinded);

/**
 * vmbus_channel_device() - the device a channel belongs to
 * @channel: the channel
 *
 * Return: the device of its primary channel.
 */
struct hv_device *vmbus_channel_device(const struct vmbus_channel *channel)
{
	return channel->primary ? channel->primary->device : channel->device;
}
EXPORT_SYMBOL_HVG(vmbus_channel_device);
