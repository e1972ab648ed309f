// SPDX-License-Identifier: GPL-2.0
/*
 * The connection to the host: channel messages in both directions,
 * version negotiation, offers, rescinds and unload.
 *
 * Host messages are copied out of the SynIC slot in the interrupt and
 * handled in arrival order on msg_wq. Device probe and removal run on
 * dev_wq, so a driver's probe may wait for answers that msg_wq delivers.
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "trace.h"
#include "vmbus_private.h"

/* How long the host gets to answer a request, and offers at connect. */
#define VMBUS_ANSWER_TIMEOUT	(30 * HZ)
#define VMBUS_OFFERS_TIMEOUT	(60 * HZ)
/* HvPostMessage retries while the host is out of message buffers. */
#define VMBUS_POST_RETRIES	100
/*
 * How long a panic polls for the UNLOAD answer: upstream's 100 s, as an
 * Azure host writes its disk caches back before it answers (Debian
 * linux-source-6.12, drivers/hv/channel_mgmt.c, vmbus_wait_for_unload()).
 */
#define VMBUS_UNLOAD_POLL_MS	(100 * MSEC_PER_SEC)

struct vmbus_connection vmbus_conn;

/* A host message copied out of the SynIC slot, waiting for msg_wq. */
struct vmbus_msg_node {
	struct list_head node;
	u32 len;
	u8 data[HV_SYNIC_MSG_PAYLOAD_MAX];
};

static LIST_HEAD(msg_queue);
static DEFINE_SPINLOCK(msg_queue_lock);
static struct work_struct msg_work;

/*
 * Host messages waiting for msg_wq are bounded: a host delivers one
 * message per slot and waits for most answers, and its largest burst,
 * the offers at connection, is one per relid (2047). A host sending more
 * than msg_queue_max ahead of msg_wq is flooding: the excess is dropped
 * and counted, with a rate-limited error.
 */
#define VMBUS_MSG_QUEUE_DEFAULT	(2 * VMBUS_MAX_RELID)
#define VMBUS_MSG_QUEUE_LIMIT	65536

static unsigned int vmbus_msg_queue_max = VMBUS_MSG_QUEUE_DEFAULT;

static int msg_queue_max_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || !n || n > VMBUS_MSG_QUEUE_LIMIT) {
		pr_err("msg_queue_max must be 1 to %u\n", VMBUS_MSG_QUEUE_LIMIT);
		return -EINVAL;
	}
	WRITE_ONCE(vmbus_msg_queue_max, n);
	return 0;
}

static const struct kernel_param_ops msg_queue_max_ops = {
	.set = msg_queue_max_set,
	.get = param_get_uint,
};
module_param_cb(msg_queue_max, &msg_queue_max_ops, &vmbus_msg_queue_max, 0644);
MODULE_PARM_DESC(msg_queue_max,
		 "Host messages that may wait to be handled; more are dropped as a flood (default 4096)");

/* Counters of host messages, under msg_queue_lock; debugfs "messages". */
static struct {
	u32 queued;		/* waiting for msg_wq now */
	u32 peak;		/* most ever waiting */
	u64 handled;
	u64 dropped;		/* queue full or no memory */
} msg_stats;

static struct dentry *vmbus_debugfs;

/*
 * Waiting for a host answer is waiting for msg_work, so lockdep is told
 * so: msg_work holds vmbus_msg_map while it handles messages, and every
 * wait for an answer acquires and releases it. A message handler that
 * sleeps on a lock held by someone waiting for an answer (a circular
 * dependency), or a wait on msg_wq itself (recursion), is then reported
 * the first time both paths have run, not only when they collide.
 */
static struct lock_class_key vmbus_msg_key;
static struct lockdep_map vmbus_msg_map __maybe_unused;

/* Versions offered to the host, newest first (PROTOCOL-FACTS.md). */
static const u32 vmbus_versions[] = {
	VMBUS_VERSION_V6_0, VMBUS_VERSION_V5_3, VMBUS_VERSION_V5_2,
	VMBUS_VERSION_V5_1, VMBUS_VERSION_V5_0, VMBUS_VERSION_V4_1,
	VMBUS_VERSION_WIN10, VMBUS_VERSION_WIN8_1, VMBUS_VERSION_WIN8,
};

static u32 vmbus_max_version = VMBUS_VERSION_V6_0;

static int max_version_set(const char *val, const struct kernel_param *kp)
{
	unsigned int major, minor, i;
	u32 v;

	if (sscanf(val, "%u.%u", &major, &minor) != 2 || major > 0xffff ||
	    minor > 0xffff)
		return -EINVAL;
	v = VMBUS_MAKE_VERSION(major, minor);
	for (i = 0; i < ARRAY_SIZE(vmbus_versions); i++) {
		if (vmbus_versions[i] == v) {
			vmbus_max_version = v;
			return 0;
		}
	}
	pr_err("max_version %u.%u is not a VMBus version this driver speaks (2.4 to 6.0)\n",
	       major, minor);
	return -EINVAL;
}

static int max_version_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%u.%u\n", VMBUS_VERSION_MAJOR(vmbus_max_version),
			  VMBUS_VERSION_MINOR(vmbus_max_version));
}

static const struct kernel_param_ops max_version_ops = {
	.set = max_version_set,
	.get = max_version_get,
};
module_param_cb(max_version, &max_version_ops, NULL, 0444);
MODULE_PARM_DESC(max_version, "Highest VMBus version to negotiate, e.g. 5.2 (default 6.0)");

/* Post @msg, retrying while the host is short of buffers. */
static int vmbus_post_retry(const void *msg, u32 len, bool atomic)
{
	u32 type = ((const struct vmbus_chmsg_header *)msg)->type;
	int ret = -EAGAIN, i;

	for (i = 0; i < VMBUS_POST_RETRIES && ret == -EAGAIN; i++) {
		if (READ_ONCE(vmbus_conn.gone) && type != VMBUS_CHMSG_UNLOAD)
			return -ENODEV;
		ret = vmbus_platform->post_msg(vmbus_conn.msg_conn_id, msg, len);
		if (ret != -EAGAIN)
			break;
		if (atomic)
			mdelay(1);
		else
			usleep_range(1000, 2000);
	}
	trace_vmbus_post_message(type, len, ret);
	if (ret)
		pr_err_ratelimited("posting message type %u failed: %d\n",
				   type, ret);
	return ret;
}

/**
 * vmbus_post() - send a channel message to the host
 * @msg: the message, starting with struct vmbus_chmsg_header
 * @len: its length, at most HV_SYNIC_MSG_PAYLOAD_MAX
 *
 * Process context: retries while the host is short of buffers.
 *
 * Return: 0 or a negative errno; -ENODEV once the host is gone.
 */
int vmbus_post(const void *msg, u32 len)
{
	might_sleep();
	return vmbus_post_retry(msg, len, false);
}

/**
 * vmbus_may_wait_for_host() - check the caller may wait for host messages
 *
 * For every path that waits for an answer or takes a channel's open_lock
 * (whose holders wait for answers): such a path must not run on msg_wq,
 * which alone delivers the answers. Process context.
 */
void vmbus_may_wait_for_host(void)
{
	might_sleep();
	WARN_ON_ONCE(current_work() == &msg_work);
	lock_map_acquire(&vmbus_msg_map);
	lock_map_release(&vmbus_msg_map);
}

/**
 * vmbus_waiter_arm() - expect an answer from the host
 * @w: the waiter, owned by the caller until vmbus_waiter_wait() returns
 * @type: the answer's message type
 * @key: what identifies it: relid, GPADL handle, or 0
 * @channel: the channel it concerns (its rescind fails the wait), or NULL
 *
 * Arm before posting the request: the answer may arrive at once. A
 * channel already rescinded gets no waiter: the host answers nothing
 * about it, so the request must not be sent.
 *
 * Return: 0, or -ENODEV when @channel was rescinded (@w is then done).
 */
int vmbus_waiter_arm(struct vmbus_waiter *w, u32 type, u32 key,
		     struct vmbus_channel *channel)
{
	int ret = 0;

	w->type = type;
	w->key = key;
	w->channel = channel;
	w->answer_len = 0;
	w->status = 0;
	init_completion(&w->done);
	INIT_LIST_HEAD(&w->node);
	spin_lock_irq(&vmbus_conn.waiters_lock);
	/* Under waiters_lock: vmbus_channel_mark_rescinded() fails the rest. */
	if (channel && channel->rescinded) {
		w->status = -ENODEV;
		complete(&w->done);
		ret = -ENODEV;
	} else {
		list_add_tail(&w->node, &vmbus_conn.waiters);
	}
	spin_unlock_irq(&vmbus_conn.waiters_lock);
	return ret;
}

/**
 * vmbus_waiter_cancel() - stop expecting an answer (the request failed)
 * @w: an armed waiter
 */
void vmbus_waiter_cancel(struct vmbus_waiter *w)
{
	spin_lock_irq(&vmbus_conn.waiters_lock);
	if (!list_empty(&w->node))
		list_del_init(&w->node);
	spin_unlock_irq(&vmbus_conn.waiters_lock);
}

/**
 * vmbus_waiter_wait() - wait for the answer of an armed waiter
 * @w: the waiter
 *
 * Return: 0 with the answer in @w, -ENODEV if the channel or host went
 * away, -ETIMEDOUT if the host did not answer in time.
 */
int vmbus_waiter_wait(struct vmbus_waiter *w)
{
	vmbus_may_wait_for_host();
	if (!wait_for_completion_timeout(&w->done, VMBUS_ANSWER_TIMEOUT)) {
		vmbus_waiter_cancel(w);
		/* The answer may have raced with the timeout. */
		if (!try_wait_for_completion(&w->done)) {
			pr_err("host did not answer (waiting for message type %u, key %u)\n",
			       w->type, w->key);
			return -ETIMEDOUT;
		}
	}
	return w->status;
}

/**
 * vmbus_request() - send a request and wait for the host's answer
 * @msg: the request
 * @len: its length
 * @type: the answer's message type
 * @key: what identifies the answer (see vmbus_waiter_arm())
 * @channel: the channel concerned, or NULL
 *
 * Process context, not on msg_wq. Nothing is sent for a rescinded channel.
 *
 * Return: the waiter holding the answer, which the caller frees, or an
 * ERR_PTR(): -ENOMEM, a posting error, -ENODEV or -ETIMEDOUT.
 */
struct vmbus_waiter *vmbus_request(const void *msg, u32 len, u32 type,
				   u32 key, struct vmbus_channel *channel)
{
	struct vmbus_waiter *w = kzalloc(sizeof(*w), GFP_KERNEL);
	int ret;

	if (!w)
		return ERR_PTR(-ENOMEM);
	ret = vmbus_waiter_arm(w, type, key, channel);
	if (!ret) {
		ret = vmbus_post(msg, len);
		if (ret)
			vmbus_waiter_cancel(w);
		else
			ret = vmbus_waiter_wait(w);
	}
	if (ret) {
		kfree(w);
		return ERR_PTR(ret);
	}
	return w;
}

/* Fail every waiter of @channel, or every waiter if @channel is NULL. */
static void vmbus_fail_waiters_locked(struct vmbus_channel *channel)
{
	struct vmbus_waiter *w, *tmp;

	lockdep_assert_held(&vmbus_conn.waiters_lock);
	list_for_each_entry_safe(w, tmp, &vmbus_conn.waiters, node) {
		if (channel && w->channel != channel)
			continue;
		list_del_init(&w->node);
		w->status = -ENODEV;
		complete(&w->done);
	}
}

static void vmbus_fail_all_waiters(void)
{
	spin_lock_irq(&vmbus_conn.waiters_lock);
	vmbus_fail_waiters_locked(NULL);
	spin_unlock_irq(&vmbus_conn.waiters_lock);
}

/*
 * Mark @channel rescinded and fail what waits on it, at once: under
 * waiters_lock, so that no waiter is armed for it afterwards. Never
 * sleeps. Return: whether this call rescinded it.
 */
static bool vmbus_channel_mark_rescinded(struct vmbus_channel *channel)
{
	bool first;

	spin_lock_irq(&vmbus_conn.waiters_lock);
	first = !channel->rescinded;
	WRITE_ONCE(channel->rescinded, true);
	vmbus_fail_waiters_locked(channel);
	spin_unlock_irq(&vmbus_conn.waiters_lock);
	return first;
}

static void vmbus_on_answer(const void *msg, u32 len)
{
	u32 type = ((const struct vmbus_chmsg_header *)msg)->type;
	u32 key = vmbus_chmsg_answer_key(type, msg);
	struct vmbus_waiter *w, *found = NULL;

	spin_lock_irq(&vmbus_conn.waiters_lock);
	list_for_each_entry(w, &vmbus_conn.waiters, node) {
		if (w->type == type && w->key == key) {
			found = w;
			list_del_init(&w->node);
			memcpy(w->answer, msg, len);
			w->answer_len = len;
			complete(&w->done);
			break;
		}
	}
	spin_unlock_irq(&vmbus_conn.waiters_lock);
	if (!found)
		pr_err_ratelimited("dropped unsolicited message type %u (key %u)\n",
				   type, key);
}

/* The answers, traced under upstream's event names, then matched. */
static void vmbus_on_open_result(const void *msg, u32 len)
{
	const struct vmbus_chmsg_open_result *r = msg;

	trace_vmbus_onopen_result(r->child_relid, r->open_id, r->status);
	vmbus_on_answer(msg, len);
}

static void vmbus_on_gpadl_created(const void *msg, u32 len)
{
	const struct vmbus_chmsg_gpadl_created *r = msg;

	trace_vmbus_ongpadl_created(r->child_relid, r->gpadl, r->status);
	vmbus_on_answer(msg, len);
}

static void vmbus_on_gpadl_torndown(const void *msg, u32 len)
{
	const struct vmbus_chmsg_gpadl_torndown *r = msg;

	trace_vmbus_ongpadl_torndown(0, r->gpadl, 0);
	vmbus_on_answer(msg, len);
}

static void vmbus_on_version_response(const void *msg, u32 len)
{
	const struct vmbus_chmsg_version_response *r = msg;

	trace_vmbus_onversion_response(0, r->version_supported,
				       r->connection_state);
	vmbus_on_answer(msg, len);
}

static void vmbus_on_modify_response(const void *msg, u32 len)
{
	const struct vmbus_chmsg_modify_channel_response *r = msg;

	trace_vmbus_onmodifychannel_response(r->child_relid, 0, r->status);
	vmbus_on_answer(msg, len);
}

static void vmbus_on_offer(const void *msg, u32 len)
{
	const struct vmbus_chmsg_offer *offer = msg;
	struct vmbus_channel *channel;

	trace_vmbus_onoffer(offer);
	if (vmbus_offer_check(offer))
		return;
	channel = vmbus_channel_create(offer);
	if (IS_ERR(channel))
		return;
	if (channel->primary ? vmbus_subchannel_add(channel) :
			       vmbus_device_add(channel))
		vmbus_channel_release_relid(channel);
}

static struct vmbus_channel *vmbus_channel_get_relid(u32 relid)
{
	struct vmbus_channel *channel = NULL;

	if (relid >= VMBUS_MAX_RELID)
		return NULL;
	rcu_read_lock();
	channel = rcu_dereference(vmbus_conn.channels[relid]);
	if (channel && !kref_get_unless_zero(&channel->kref))
		channel = NULL;
	rcu_read_unlock();
	return channel;
}

static void vmbus_on_rescind(const void *msg, u32 len)
{
	const struct vmbus_chmsg_rescind *rescind = msg;
	struct vmbus_channel *channel;

	trace_vmbus_onoffer_rescind(rescind->child_relid);
	channel = vmbus_channel_get_relid(rescind->child_relid);
	if (!channel) {
		pr_err_ratelimited("dropped rescind of unknown relid %u\n",
				   rescind->child_relid);
		return;
	}
	/* What sleeps (close, RELID_RELEASED, sysfs) runs on dev_wq. */
	if (vmbus_channel_mark_rescinded(channel)) {
		/*
		 * The host answers nothing more on it: its callback runs
		 * once more, so that a driver waiting for answers sees the
		 * rescind now (a sub-channel rescinded alone has no device
		 * to remove).
		 */
		rcu_read_lock();
		vmbus_channel_signalled(channel->relid);
		rcu_read_unlock();
		vmbus_device_remove(channel);
	}
	vmbus_channel_put(channel);
}

static void vmbus_on_all_offers(const void *msg, u32 len)
{
	complete_all(&vmbus_conn.offers_done);
}

/* What to do with each message the host may send. */
static void (*const vmbus_handlers[VMBUS_CHMSG_COUNT])(const void *msg, u32 len) = {
	[VMBUS_CHMSG_OFFER] = vmbus_on_offer,
	[VMBUS_CHMSG_RESCIND] = vmbus_on_rescind,
	[VMBUS_CHMSG_ALL_OFFERS_DELIVERED] = vmbus_on_all_offers,
	[VMBUS_CHMSG_OPEN_RESULT] = vmbus_on_open_result,
	[VMBUS_CHMSG_GPADL_CREATED] = vmbus_on_gpadl_created,
	[VMBUS_CHMSG_GPADL_TORNDOWN] = vmbus_on_gpadl_torndown,
	[VMBUS_CHMSG_VERSION_RESPONSE] = vmbus_on_version_response,
	[VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE] = vmbus_on_modify_response,
};

static void vmbus_dispatch(const void *msg, u32 len)
{
	int type = vmbus_chmsg_check(msg, len);

	if (type < 0)
		return;
	trace_vmbus_on_message(type, len);
	vmbus_handlers[type](msg, len);
}

/*
 * Handles host messages in arrival order. Handlers never sleep on a
 * channel's lock or on anything that waits for msg_wq (lockdep checks
 * this through vmbus_msg_map); what must sleep is queued to dev_wq.
 */
static void vmbus_msg_work(struct work_struct *work)
{
	struct vmbus_msg_node *m;

	for (;;) {
		spin_lock_irq(&msg_queue_lock);
		m = list_first_entry_or_null(&msg_queue, struct vmbus_msg_node,
					     node);
		if (m) {
			list_del(&m->node);
			msg_stats.queued--;
			msg_stats.handled++;
		}
		spin_unlock_irq(&msg_queue_lock);
		if (!m)
			return;
		lock_map_acquire(&vmbus_msg_map);
		vmbus_dispatch(m->data, m->len);
		lock_map_release(&vmbus_msg_map);
		kfree(m);
		/* A flood must not keep this worker on its CPU. */
		cond_resched();
	}
}

/* Room for one more message, or a flood: count it, say so, drop it. */
static bool vmbus_msg_reserve(void)
{
	unsigned int max = READ_ONCE(vmbus_msg_queue_max);
	bool room;
	u64 dropped;

	spin_lock(&msg_queue_lock);
	room = msg_stats.queued < max;
	if (room)
		msg_stats.queued++;
	else
		msg_stats.dropped++;
	dropped = msg_stats.dropped;
	spin_unlock(&msg_queue_lock);
	if (!room)
		pr_err_ratelimited("host floods messages: %u waiting, dropped one (%llu so far)\n",
				   max, dropped);
	return room;
}

static void vmbus_drop_queued_msgs(void)
{
	struct vmbus_msg_node *m, *tmp;

	spin_lock_irq(&msg_queue_lock);
	list_for_each_entry_safe(m, tmp, &msg_queue, node) {
		list_del(&m->node);
		kfree(m);
	}
	msg_stats.queued = 0;
	spin_unlock_irq(&msg_queue_lock);
}

/*
 * Close the gate of vmbus_msg_receive(): from now on no host message
 * reaches msg_wq, and those waiting for it are dropped. Not for a panic.
 */
static void vmbus_msgs_stop(void)
{
	spin_lock_irq(&msg_queue_lock);
	WRITE_ONCE(vmbus_conn.gone, true);
	spin_unlock_irq(&msg_queue_lock);
	vmbus_drop_queued_msgs();
}

/*
 * The host's answer to UNLOAD, taken here rather than on msg_wq, which a
 * handler may block and which does not run in a panic. The connection is
 * over at once: nothing the host sends after it is handled.
 */
static bool vmbus_msg_unload_answer(const struct hv_synic_msg *slot, u32 len)
{
	struct vmbus_chmsg_header hdr;

	memcpy(&hdr, slot->payload, sizeof(hdr));
	if (hdr.type != VMBUS_CHMSG_UNLOAD_RESPONSE)
		return false;
	trace_vmbus_on_message(hdr.type, len);
	if (len < sizeof(struct vmbus_chmsg_unload_response) ||
	    !READ_ONCE(vmbus_conn.unloading)) {
		pr_err_ratelimited("dropped an UNLOAD answer of %u bytes (unload %s)\n",
				   len, READ_ONCE(vmbus_conn.unloading) ?
				   "pending" : "not asked for");
		return true;
	}
	if (!READ_ONCE(vmbus_conn.gone)) {
		spin_lock(&msg_queue_lock);
		WRITE_ONCE(vmbus_conn.gone, true);
		spin_unlock(&msg_queue_lock);
	}
	WRITE_ONCE(vmbus_conn.unloaded, true);
	complete(&vmbus_conn.unload_done);
	return true;
}

/**
 * vmbus_msg_receive() - take a message out of a CPU's VMBus slot
 * @slot: the slot; the caller frees it afterwards
 *
 * Hard IRQ context, or a panic's poll. The slot is shared with the host:
 * it is read once into private memory and only the copy is used. Nothing
 * is handled while the host is gone (not yet connected, unloaded, or
 * reset) but the UNLOAD answer.
 */
void vmbus_msg_receive(const struct hv_synic_msg *slot)
{
	struct hv_synic_msg_header hdr;
	struct vmbus_msg_node *m;
	bool gone;

	memcpy(&hdr, &slot->header, sizeof(hdr));
	if (hdr.type != HV_SYNIC_MSG_TYPE_VMBUS) {
		pr_err_ratelimited("dropped SynIC message of type %#x\n", hdr.type);
		return;
	}
	if (hdr.payload_size > HV_SYNIC_MSG_PAYLOAD_MAX ||
	    hdr.payload_size < sizeof(struct vmbus_chmsg_header)) {
		pr_err_ratelimited("dropped SynIC message with payload size %u\n",
				   hdr.payload_size);
		return;
	}
	if (vmbus_msg_unload_answer(slot, hdr.payload_size))
		return;
	if (!vmbus_msg_reserve())
		return;
	/* On failure the allocator reports it; the message is counted lost. */
	m = kmalloc(sizeof(*m), GFP_ATOMIC);
	if (m) {
		m->len = hdr.payload_size;
		memcpy(m->data, slot->payload, m->len);
	}
	spin_lock(&msg_queue_lock);
	gone = READ_ONCE(vmbus_conn.gone);
	if (m && !gone) {
		list_add_tail(&m->node, &msg_queue);
		msg_stats.peak = max(msg_stats.peak, msg_stats.queued);
	} else {
		msg_stats.queued--;
		if (!m)
			msg_stats.dropped++;
	}
	spin_unlock(&msg_queue_lock);
	if (gone) {
		kfree(m);
		pr_info_ratelimited("dropped a host message: not connected\n");
	} else if (m) {
		queue_work(vmbus_conn.msg_wq, &msg_work);
	}
}

static int vmbus_msg_stats_show(struct seq_file *sf, void *unused)
{
	spin_lock_irq(&msg_queue_lock);
	seq_printf(sf, "queued %u\npeak %u\nmax %u\nhandled %llu\ndropped %llu\n",
		   msg_stats.queued, msg_stats.peak,
		   READ_ONCE(vmbus_msg_queue_max), msg_stats.handled,
		   msg_stats.dropped);
	spin_unlock_irq(&msg_queue_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmbus_msg_stats);

/* Offer @version; 1 if the host took it, 0 if not, or a negative errno. */
static int vmbus_try_version(u32 version)
{
	struct vmbus_chmsg_initiate_contact msg = {
		.header.type = VMBUS_CHMSG_INITIATE_CONTACT,
		.version = version,
		.target_vp = vmbus_platform->vp_index(0),
		.monitor_page_p2c = virt_to_phys(vmbus_conn.monitor_pages[0]),
		.monitor_page_c2p = virt_to_phys(vmbus_conn.monitor_pages[1]),
	};
	const struct vmbus_chmsg_version_response *resp;
	struct vmbus_waiter *w;
	int ret;

	if (version >= VMBUS_VERSION_V5_0) {
		msg.msg_sint = VMBUS_MSG_SINT;
		vmbus_conn.msg_conn_id = VMBUS_CONN_ID_MSG_V5;
	} else {
		vmbus_conn.msg_conn_id = VMBUS_CONN_ID_MSG;
	}

	w = vmbus_request(&msg, sizeof(msg), VMBUS_CHMSG_VERSION_RESPONSE, 0,
			  NULL);
	if (IS_ERR(w))
		return PTR_ERR(w);
	resp = (const void *)w->answer;
	if (!resp->version_supported) {
		ret = 0;
		goto out;
	}
	if (resp->connection_state != VMBUS_CONN_STATE_SUCCESS) {
		pr_err("host accepted version %u.%u but refused the connection (state %u)\n",
		       VMBUS_VERSION_MAJOR(version), VMBUS_VERSION_MINOR(version),
		       resp->connection_state);
		ret = -ECONNREFUSED;
		goto out;
	}
	if (version >= VMBUS_VERSION_V5_0) {
		if (!resp->msg_conn_id ||
		    resp->msg_conn_id & ~HV_CONNECTION_ID_MASK) {
			pr_err("host gave invalid message connection id %#x\n",
			       resp->msg_conn_id);
			ret = -EPROTO;
			goto out;
		}
		vmbus_conn.msg_conn_id = resp->msg_conn_id;
	}
	ret = 1;
out:
	trace_vmbus_negotiate_version(version, msg.target_vp, ret);
	kfree(w);
	return ret;
}

static int vmbus_negotiate(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(vmbus_versions); i++) {
		if (vmbus_versions[i] > vmbus_max_version)
			continue;
		ret = vmbus_try_version(vmbus_versions[i]);
		if (ret < 0)
			return ret;
		if (ret) {
			vmbus_conn.version = vmbus_versions[i];
			pr_info("connected to %s host, VMBus version %u.%u\n",
				vmbus_platform->name,
				VMBUS_VERSION_MAJOR(vmbus_conn.version),
				VMBUS_VERSION_MINOR(vmbus_conn.version));
			return 0;
		}
	}
	pr_err("host supports no VMBus version from 2.4 to %u.%u\n",
	       VMBUS_VERSION_MAJOR(vmbus_max_version),
	       VMBUS_VERSION_MINOR(vmbus_max_version));
	return -EPROTONOSUPPORT;
}

static void vmbus_connect_work(struct work_struct *work)
{
	struct vmbus_chmsg_request_offers req = {
		.header.type = VMBUS_CHMSG_REQUEST_OFFERS,
	};

	if (vmbus_negotiate())
		return;
	WRITE_ONCE(vmbus_conn.connected, true);
	if (vmbus_post(&req, sizeof(req)))
		return;
	if (!wait_for_completion_timeout(&vmbus_conn.offers_done,
					 VMBUS_OFFERS_TIMEOUT))
		pr_warn("host did not finish offering channels in time\n");
}

/**
 * vmbus_host_ready() - the platform's host is there: connect to it
 *
 * Connecting runs asynchronously; process context.
 */
void vmbus_host_ready(void)
{
	WRITE_ONCE(vmbus_conn.unloading, false);
	WRITE_ONCE(vmbus_conn.gone, false);
	queue_work(system_long_wq, &vmbus_conn.connect_work);
}

/* Remove every channel's device, and with it every channel. */
static void vmbus_remove_all(void)
{
	struct vmbus_channel *channel;
	u32 relid;

	for (relid = 0; relid < VMBUS_MAX_RELID; relid++) {
		channel = vmbus_channel_get_relid(relid);
		if (!channel)
			continue;
		if (!channel->primary)
			vmbus_device_remove(channel);
		vmbus_channel_put(channel);
	}
	flush_workqueue(vmbus_conn.dev_wq);
}

/* Forget the connection: no channels, no waiters, nothing queued. */
static void vmbus_disconnect(void)
{
	WRITE_ONCE(vmbus_conn.connected, false);
	vmbus_conn.version = 0;
	reinit_completion(&vmbus_conn.offers_done);
}

/**
 * vmbus_host_reset() - the host vanished (the simulated host unloads)
 *
 * Every channel is dropped, as if rescinded, without messaging the host.
 * Process context; returns when all devices are gone.
 */
void vmbus_host_reset(void)
{
	vmbus_msgs_stop();
	/* Wake a connect in progress, then wait for it to give up. */
	vmbus_fail_all_waiters();
	complete_all(&vmbus_conn.offers_done);
	cancel_work_sync(&vmbus_conn.connect_work);
	flush_workqueue(vmbus_conn.msg_wq);
	vmbus_remove_all();
	vmbus_disconnect();
}

/*
 * UNLOAD, then wait for the answer (taken by vmbus_msg_receive(), which
 * closes the gate): in a panic by polling every CPU's message slot, as
 * interrupts may be off and the other CPUs stopped, otherwise asleep.
 */
static void vmbus_unload(bool panic)
{
	struct vmbus_chmsg_unload msg = { .header.type = VMBUS_CHMSG_UNLOAD };
	unsigned int ms;
	int ret;

	if (!READ_ONCE(vmbus_conn.connected) || READ_ONCE(vmbus_conn.gone))
		return;
	WRITE_ONCE(vmbus_conn.unloaded, false);
	reinit_completion(&vmbus_conn.unload_done);
	WRITE_ONCE(vmbus_conn.unloading, true);
	if (panic)
		WRITE_ONCE(vmbus_conn.gone, true);
	ret = vmbus_post_retry(&msg, sizeof(msg), panic);
	if (ret)
		goto out;
	if (!panic) {
		if (!wait_for_completion_timeout(&vmbus_conn.unload_done,
						 VMBUS_ANSWER_TIMEOUT))
			ret = -ETIMEDOUT;
		goto out;
	}
	for (ms = 0; !READ_ONCE(vmbus_conn.unloaded); ms++) {
		if (ms == VMBUS_UNLOAD_POLL_MS) {
			ret = -ETIMEDOUT;
			break;
		}
		vmbus_synic_poll();
		mdelay(1);
	}
out:
	if (ret)
		pr_warn("host did not acknowledge unload: %d\n", ret);
	else
		pr_info("unloaded: the host dropped every channel\n");
	if (!panic)
		vmbus_msgs_stop();
}

/**
 * vmbus_connection_unload() - hand the connection back to the host
 * @panic: called from a panic: atomic, must not sleep
 *
 * The host drops every channel and forgets the connection, so that the
 * next kernel (after kexec or kdump) can connect afresh. Only for kexec,
 * after every device was shut down, and on panic (Documentation/vmbus.rst,
 * "Shutdown"). Nothing is sent to the host afterwards; channels closed
 * later free their rings without messages.
 */
void vmbus_connection_unload(bool panic)
{
	if (!panic) {
		/* A connect still waiting for offers gives up at once. */
		complete_all(&vmbus_conn.offers_done);
		cancel_work_sync(&vmbus_conn.connect_work);
	}
	vmbus_unload(panic);
}

/**
 * vmbus_connection_init() - set up the connection state
 *
 * No host message is taken until vmbus_host_ready().
 *
 * Return: 0 or -ENOMEM.
 */
int vmbus_connection_init(void)
{
	spin_lock_init(&vmbus_conn.channels_lock);
	spin_lock_init(&vmbus_conn.waiters_lock);
	INIT_LIST_HEAD(&vmbus_conn.waiters);
	init_completion(&vmbus_conn.offers_done);
	init_completion(&vmbus_conn.unload_done);
	INIT_WORK(&vmbus_conn.connect_work, vmbus_connect_work);
	INIT_WORK(&msg_work, vmbus_msg_work);
	lockdep_init_map(&vmbus_msg_map, "vmbus_msg", &vmbus_msg_key, 0);
	vmbus_conn.gone = true;

	vmbus_conn.channels = kcalloc(VMBUS_MAX_RELID,
				      sizeof(*vmbus_conn.channels), GFP_KERNEL);
	if (!vmbus_conn.channels)
		goto fail;
	vmbus_conn.monitor_pages[0] = (void *)get_zeroed_page(GFP_KERNEL);
	if (!vmbus_conn.monitor_pages[0])
		goto free_channels;
	vmbus_conn.monitor_pages[1] = (void *)get_zeroed_page(GFP_KERNEL);
	if (!vmbus_conn.monitor_pages[1])
		goto free_monitor0;
	vmbus_conn.msg_wq = alloc_ordered_workqueue("vmbus_msg", 0);
	if (!vmbus_conn.msg_wq)
		goto free_monitor1;
	vmbus_conn.dev_wq = alloc_ordered_workqueue("vmbus_dev", 0);
	if (!vmbus_conn.dev_wq)
		goto destroy_msg_wq;
	vmbus_debugfs = debugfs_create_dir("hv_vmbus", NULL);
	debugfs_create_file("messages", 0444, vmbus_debugfs, NULL,
			    &vmbus_msg_stats_fops);
	return 0;

destroy_msg_wq:
	destroy_workqueue(vmbus_conn.msg_wq);
free_monitor1:
	free_page((unsigned long)vmbus_conn.monitor_pages[1]);
free_monitor0:
	free_page((unsigned long)vmbus_conn.monitor_pages[0]);
free_channels:
	kfree(vmbus_conn.channels);
fail:
	memset(&vmbus_conn, 0, sizeof(vmbus_conn));
	return -ENOMEM;
}

/**
 * vmbus_connection_stop() - remove all devices, unload, take no more messages
 *
 * Called while the platform still delivers interrupts, so that closing
 * channels and unloading can still exchange messages with the host; the
 * SynIC goes down after it, and vmbus_connection_exit() after that.
 */
void vmbus_connection_stop(void)
{
	/* Stop waiting for offers; answers still arrive. */
	complete_all(&vmbus_conn.offers_done);
	cancel_work_sync(&vmbus_conn.connect_work);
	vmbus_remove_all();
	vmbus_unload(false);
	vmbus_msgs_stop();
	flush_workqueue(vmbus_conn.msg_wq);
	vmbus_disconnect();
}

/**
 * vmbus_connection_exit() - free what vmbus_connection_init() set up
 *
 * After vmbus_connection_stop() and the SynIC's shutdown: no interrupt
 * reaches the connection any more.
 */
void vmbus_connection_exit(void)
{
	destroy_workqueue(vmbus_conn.dev_wq);
	destroy_workqueue(vmbus_conn.msg_wq);
	free_page((unsigned long)vmbus_conn.monitor_pages[1]);
	free_page((unsigned long)vmbus_conn.monitor_pages[0]);
	kfree(vmbus_conn.channels);
	memset(&vmbus_conn, 0, sizeof(vmbus_conn));
	debugfs_remove_recursive(vmbus_debugfs);
	vmbus_debugfs = NULL;
}
