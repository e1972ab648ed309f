/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the files of hv_vmbus; not for other modules. */
#ifndef HV_VMBUS_PRIVATE_H
#define HV_VMBUS_PRIVATE_H

#include <linux/completion.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <hv/proto/vmbus.h>
#include <hv/ring.h>
#include <hv/vmbus.h>
#include "platform/platform.h"
#include "wire.h"

/* Relids index the SynIC event flags, one bit each. */
#define VMBUS_MAX_RELID		HV_SYNIC_EVENT_FLAGS_COUNT

/*
 * The CPU the host sends channel messages to: INITIATE_CONTACT names its
 * VP (connection.c), and no message can move it while connected.
 */
#define VMBUS_MSG_CPU		0

/* Channel states; the numbers are what upstream's sysfs "state" shows. */
enum vmbus_channel_state {
	VMBUS_CHANNEL_OFFERED = 0,
	VMBUS_CHANNEL_OPENING = 1,
	VMBUS_CHANNEL_CLOSED = 2,
	VMBUS_CHANNEL_OPENED = 3,
};

/**
 * struct vmbus_requests - transaction ids of a channel's outstanding requests
 * @lock: protects the rest
 * @ctx: the driver's context of each request; slot i is trans_id i + 1
 * @used: bitmap of occupied slots
 * @size: number of slots
 */
struct vmbus_requests {
	spinlock_t lock;	/* see kernel-doc */
	u64 *ctx;
	unsigned long *used;
	u32 size;
};

/**
 * struct vmbus_channel - one VMBus channel (primary or sub-channel)
 * @kref: the relid table, the device and open/close each hold a reference
 * @relid: the host's id for the channel
 * @offer: the offer, as validated
 * @state: enum vmbus_channel_state
 * @rescinded: the host withdrew the channel; no more messages for it but
 *	RELID_RELEASED. Set on msg_wq under vmbus_conn.waiters_lock, so no
 *	waiter is armed for the channel afterwards
 * @primary: the primary channel, or NULL if this is one
 * @sub_channels: sub-channels of a primary (under vmbus_conn.channels_lock)
 * @sub_node: entry in the primary's @sub_channels
 * @device: the device of a primary channel
 * @target_cpu: CPU the host interrupts for this channel (written under
 *	@open_lock with the CPU hotplug lock held, or under
 *	vmbus_conn.channels_lock before the channel is installed)
 * @open_lock: serialises open, close and target-CPU changes; its holders
 *	wait for host answers, so msg_wq never takes it
 * @ring_pages: the pages holding both rings; after a rescind they may stay
 *	here, closed, until RELID_RELEASED (see vmbus_rings_put())
 * @ring_order: allocation order of @ring_pages
 * @ring_gpadl: the GPADL handle of the rings, 0 when none
 * @kept_buffers: driver buffers (struct vmbus_buffer) of a rescinded
 *	channel, freed with the rings at RELID_RELEASED (under
 *	vmbus_conn.channels_lock)
 * @send_lock: serialises producers of @out
 * @sendable: under @send_lock: @out may be written. Set while opening,
 *	before the host can see the rings (its first packets may want an
 *	answer before OPEN_RESULT is handled), cleared before they are freed
 * @out: guest-to-host ring
 * @in: host-to-guest ring
 * @on_event: driver callback, NULL while closed; published after @ctx
 *	(release), read by @event_tasklet (acquire)
 * @ctx: its argument
 * @event_tasklet: runs @on_event; a tasklet never runs on two CPUs at
 *	once, so the callback is serialised whichever CPU the host signals
 * @cb_cpu: CPU running @on_event, -1 when none: vmbus_recv() checks it
 * @resched: set by vmbus_recv_done() when the ring still holds packets
 * @yielded: @event_tasklet rescheduled itself with packets left
 * @requests: outstanding requests by transaction id
 * @kobj: /sys/bus/vmbus/devices/<instance>/channels/<relid>
 * @interrupts: host-to-guest signals received
 * @events: guest-to-host signals sent
 * @intr_in_full: ... of them because the host waited for inbound space
 * @intr_out_empty: ... of them because the outbound ring was empty
 * @out_full_first: sends that found the outbound ring full after one that
 *	did not (under @send_lock, as the three below)
 * @out_full_total: sends that found the outbound ring full
 * @out_full: the last send found the ring full
 * @sub_lock: of a primary: serialises @sub_handler and its calls
 * @sub_handler: of a primary: the driver's sub-channel callback, or NULL
 * @sub_ctx: its argument
 * @sub_ready: of a sub-channel: its offer was handled on dev_wq
 * @sub_announced: of a sub-channel: @sub_handler was called for it
 * @sysfs_work: of a sub-channel: removes @kobj after the relid is released
 * @remove_work: on dev_wq: what a rescind (or the host going away) does
 *	that sleeps: a primary's device removal, a sub-channel's release
 */
struct vmbus_channel {
	struct kref kref;
	u32 relid;
	struct vmbus_chmsg_offer offer;
	int state;
	bool rescinded;
	struct vmbus_channel *primary;
	struct list_head sub_channels;
	struct list_head sub_node;
	struct hv_device *device;
	u32 target_cpu;
	struct mutex open_lock;	/* see kernel-doc */
	struct page *ring_pages;
	unsigned int ring_order;
	u32 ring_gpadl;
	struct list_head kept_buffers;
	spinlock_t send_lock;	/* see kernel-doc */
	bool sendable;
	struct hv_ring out;
	struct hv_ring in;
	void (*on_event)(void *ctx);
	void *ctx;
	struct tasklet_struct event_tasklet;
	int cb_cpu;
	bool resched;
	bool yielded;
	struct vmbus_requests requests;
	struct kobject kobj;
	u64 interrupts;
	u64 events;
	u64 intr_in_full;
	u64 intr_out_empty;
	u64 out_full_first;
	u64 out_full_total;
	bool out_full;
	struct mutex sub_lock;	/* see kernel-doc */
	void (*sub_handler)(struct vmbus_channel *sub, void *ctx);
	void *sub_ctx;
	bool sub_ready;
	bool sub_announced;
	struct work_struct sysfs_work;
	struct work_struct remove_work;
};

/* A request waiting for the host's answer to a channel message. */
struct vmbus_waiter {
	struct list_head node;
	u32 type;		/* the answer's enum vmbus_chmsg_type */
	u32 key;		/* relid, GPADL handle or 0, per @type */
	struct vmbus_channel *channel;	/* it concerns, or NULL */
	struct completion done;
	u8 answer[HV_SYNIC_MSG_PAYLOAD_MAX];
	u32 answer_len;
	int status;		/* 0, or -ENODEV when the channel went away */
};

/**
 * struct vmbus_connection - the guest's one connection to the host
 * @version: negotiated VMBus version, 0 when not connected
 * @features: negotiated 6.0 feature flags
 * @msg_conn_id: connection id for channel messages
 * @connected: the host answered INITIATE_CONTACT
 * @gone: no host to talk to (not yet connected, unloaded, or the sim host
 *	reset): no messages to it but UNLOAD, none taken from it but the
 *	UNLOAD answer. Set under msg_queue_lock (connection.c) but in a panic
 * @unloading: UNLOAD was sent: its answer is taken
 * @unloaded: the host answered UNLOAD
 * @unload_done: completed with @unloaded
 * @channels_lock: protects @channels and the channel lists
 * @channels: relid -> channel; readers under RCU
 * @waiters_lock: protects @waiters
 * @waiters: requests waiting for answers
 * @msg_wq: handles host messages in arrival order
 * @dev_wq: registers and removes devices, in order
 * @offers_done: ALL_OFFERS_DELIVERED arrived
 * @connect_work: connects when the host becomes ready
 * @monitor_pages: the two monitor pages given to the host
 */
struct vmbus_connection {
	u32 version;
	u32 features;
	u32 msg_conn_id;
	bool connected;
	bool gone;
	bool unloading;
	bool unloaded;
	struct completion unload_done;
	spinlock_t channels_lock;	/* see kernel-doc */
	struct vmbus_channel __rcu **channels;
	spinlock_t waiters_lock;	/* see kernel-doc */
	struct list_head waiters;
	struct workqueue_struct *msg_wq;
	struct workqueue_struct *dev_wq;
	struct completion offers_done;
	struct work_struct connect_work;
	void *monitor_pages[2];
};

extern hvg_bus_type vmbus_bus_type;
extern struct vmbus_connection vmbus_conn;
extern const struct vmbus_platform_ops *vmbus_platform;

/* connection.c */
int vmbus_connection_init(void);
void vmbus_connection_stop(void);
void vmbus_connection_exit(void);
void vmbus_connection_unload(bool panic);
int vmbus_post(const void *msg, u32 len);
void vmbus_may_wait_for_host(void);
int vmbus_waiter_arm(struct vmbus_waiter *w, u32 type, u32 key,
		     struct vmbus_channel *channel);
int vmbus_waiter_wait(struct vmbus_waiter *w);
struct vmbus_waiter *vmbus_request(const void *msg, u32 len, u32 type,
				   u32 key, struct vmbus_channel *channel);
void vmbus_waiter_cancel(struct vmbus_waiter *w);
void vmbus_msg_receive(const struct hv_synic_msg *slot);

/* synic.c */
int vmbus_synic_init(void);
void vmbus_synic_exit(void);
bool vmbus_cpu_ready(unsigned int cpu);
u32 vmbus_cpu_for(u32 relid);
void vmbus_synic_poll(void);

/* channel.c */
struct vmbus_channel *vmbus_channel_create(const struct vmbus_chmsg_offer *offer);
int vmbus_gpadl_create(struct vmbus_channel *channel, const void *base,
		       u32 size, u32 *handle, bool *shared);
int vmbus_gpadl_teardown(struct vmbus_channel *channel, u32 handle);
u32 vmbus_ring_max_pkt(u32 size);
void vmbus_signal_host(struct vmbus_channel *channel);
int vmbus_send_iov(struct vmbus_channel *channel, const struct kvec *iov,
		   unsigned int iov_count);
/* buffer.c */
void vmbus_buffers_release(struct list_head *list, bool leak);

void vmbus_channel_put(struct vmbus_channel *channel);
void vmbus_channel_signalled(u32 relid);
void vmbus_channels_kick(void);
void vmbus_channel_release_relid(struct vmbus_channel *channel);
int vmbus_channel_set_cpu(struct vmbus_channel *channel, u32 cpu);
int vmbus_channels_leave_cpu(unsigned int cpu);

/* device.c */
int vmbus_device_add(struct vmbus_channel *channel);
void vmbus_device_remove(struct vmbus_channel *channel);
void vmbus_channel_remove_work(struct work_struct *work);
int vmbus_subchannel_add(struct vmbus_channel *sub);
void vmbus_subchannel_released(struct vmbus_channel *sub);
void vmbus_subchannel_handler_clear(struct vmbus_channel *primary);
extern const struct attribute_group vmbus_chan_dev_group;
int vmbus_channel_sysfs_add(struct vmbus_channel *channel);
void vmbus_channel_sysfs_remove(struct vmbus_channel *channel);

#endif /* HV_VMBUS_PRIVATE_H */
