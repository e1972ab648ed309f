// SPDX-License-Identifier: GPL-2.0
/*
 * hv_sim: a simulated Hyper-V host for testing hvguest without Hyper-V.
 *
 * This file holds the module, the ops the guest calls (include/hv/sim.h)
 * and the host's message and channel queues. The ops run in any context,
 * so they only copy into preallocated slots, set bits and queue work; the
 * work runs on one ordered workqueue, like a host's own thread.
 */
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <hv/sim.h>

#include "host.h"
#include "netvsp/netvsp.h"

static char devices[512] = "echo,echo,net,scsi,heartbeat,shutdown,timesync,kvp";
module_param_string(devices, devices, sizeof(devices), 0444);
MODULE_PARM_DESC(devices,
		 "Channels to offer: comma list of class[:subchannels] (echo, net, scsi, ...)");

static char max_version[16] = "6.0";
module_param_string(max_version, max_version, sizeof(max_version), 0444);
MODULE_PARM_DESC(max_version, "Newest VMBus version the host accepts (e.g. 5.2)");

static char min_version[16] = "0.13";
module_param_string(min_version, min_version, sizeof(min_version), 0444);
MODULE_PARM_DESC(min_version, "Oldest VMBus version the host accepts");

static uint features = SIM_FEATURES;
module_param(features, uint, 0444);
MODULE_PARM_DESC(features, "VMBus 6.0 feature flags the host may grant (mask)");

static char faults[512];
module_param_string(faults, faults, sizeof(faults), 0444);
MODULE_PARM_DESC(faults,
		 "Fault commands applied before connecting, ',' between commands, ':' between words");

static u32 sim_max_version, sim_min_version;

/* The guest got no EOM for a busy slot within this time: retry anyway. */
#define SIM_EOM_TIMEOUT		msecs_to_jiffies(100)
/* Messages per turn of tx_work, so that a flood leaves the channels served. */
#define SIM_TX_BATCH		64

static struct sim_host *sim_host;

u32 sim_version_limit_max(void)
{
	return sim_max_version;
}

u32 sim_version_limit_min(void)
{
	return sim_min_version;
}

u32 sim_feature_mask(void)
{
	return features & SIM_FEATURES;
}

/* ---- host -> guest messages ------------------------------------------ */

/**
 * sim_send_raw() - queue one SynIC message for the guest
 * @h: the host, locked
 * @synic_type: SynIC message type (HV_SYNIC_MSG_TYPE_VMBUS)
 * @msg: payload
 * @len: payload bytes; more than HV_SYNIC_MSG_PAYLOAD_MAX only for faults
 *
 * Messages go out in order to the guest's message CPU of the time.
 */
int sim_send_raw(struct sim_host *h, u32 synic_type, const void *msg, u32 len)
{
	bool was_empty = list_empty(&h->txq);
	struct sim_tx_msg *t;

	lockdep_assert_held(&h->lock);
	if (len > sizeof(t->data))
		return -EINVAL;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->due = jiffies + msecs_to_jiffies(h->faults.delay_ms);
	t->cpu = h->msg_cpu;
	t->synic_type = synic_type;
	t->len = len;
	memcpy(t->data, msg, len);
	list_add_tail(&t->node, &h->txq);
	if (was_empty)
		queue_delayed_work(h->wq, &h->tx_work,
				   msecs_to_jiffies(h->faults.delay_ms));
	return 0;
}

/**
 * sim_send() - queue a channel message, applying the drop and dup faults
 * @h: the host, locked
 * @msg: the channel message, starting with struct vmbus_chmsg_header
 * @len: its size
 */
int sim_send(struct sim_host *h, const void *msg, u32 len)
{
	u32 type = ((const struct vmbus_chmsg_header *)msg)->type;
	u32 bit = type < 32 ? BIT(type) : 0;
	int ret;

	if (h->faults.drop_mask & bit) {
		h->faults.drop_mask &= ~bit;
		h->stats.dropped++;
		pr_info("fault: dropped a message of type %u\n", type);
		return 0;
	}
	ret = sim_send_raw(h, HV_SYNIC_MSG_TYPE_VMBUS, msg, len);
	if (ret)
		pr_err("cannot queue a message of type %u: %d\n", type, ret);
	if (!ret && (h->faults.dup_mask & bit)) {
		h->faults.dup_mask &= ~bit;
		h->stats.duplicated++;
		pr_info("fault: duplicated a message of type %u\n", type);
		ret = sim_send_raw(h, HV_SYNIC_MSG_TYPE_VMBUS, msg, len);
	}
	return ret;
}

/* Deliver queued messages until a slot is busy or a delay holds one. */
static void sim_tx_work(struct work_struct *work)
{
	struct sim_host *h = container_of(to_delayed_work(work),
					  struct sim_host, tx_work);
	unsigned int sent = 0;
	struct sim_tx_msg *t;
	long wait;
	int ret;

	mutex_lock(&h->lock);
	if (h->tx_wait_eom && !atomic_xchg(&h->eom_seen, 0))
		h->stats.eom_timeouts++;
	h->tx_wait_eom = false;
	while ((t = list_first_entry_or_null(&h->txq, struct sim_tx_msg, node))) {
		if (sent++ == SIM_TX_BATCH) {
			queue_delayed_work(h->wq, &h->tx_work, 0);
			break;
		}
		wait = (long)(t->due - jiffies);
		if (wait > 0) {
			queue_delayed_work(h->wq, &h->tx_work, wait);
			break;
		}
		atomic_set(&h->eom_seen, 0);
		ret = vmbus_sim_deliver_msg(t->cpu, t->synic_type, t->data, t->len);
		if (ret == -EBUSY) {
			/* The guest sends EOM when it frees the slot. */
			h->stats.msg_busy++;
			h->tx_wait_eom = true;
			queue_delayed_work(h->wq, &h->tx_work, SIM_EOM_TIMEOUT);
			break;
		}
		if (ret) {
			h->stats.deliver_errors++;
			pr_warn_ratelimited("message of %u bytes to CPU %u refused: %d\n",
					    t->len, t->cpu, ret);
		} else {
			h->stats.msgs_out++;
		}
		list_del(&t->node);
		kfree(t);
	}
	mutex_unlock(&h->lock);
}

static void sim_txq_free(struct sim_host *h)
{
	struct sim_tx_msg *t, *tmp;

	list_for_each_entry_safe(t, tmp, &h->txq, node) {
		list_del(&t->node);
		kfree(t);
	}
}

/* ---- guest -> host messages ------------------------------------------ */

static bool sim_rx_pop(struct sim_host *h)
{
	struct sim_rx_msg *m;
	unsigned long flags;
	bool got = false;

	spin_lock_irqsave(&h->rxq_lock, flags);
	if (h->rx_count) {
		m = &h->rxq[h->rx_head];
		h->rx_cur.conn_id = m->conn_id;
		h->rx_cur.len = m->len;
		memcpy(h->rx_cur.data, m->data, m->len);
		h->rx_head = (h->rx_head + 1) % SIM_RXQ_LEN;
		h->rx_count--;
		got = true;
	}
	spin_unlock_irqrestore(&h->rxq_lock, flags);
	return got;
}

static void sim_rx_work(struct work_struct *work)
{
	struct sim_host *h = container_of(work, struct sim_host, rx_work);

	while (sim_rx_pop(h)) {
		mutex_lock(&h->lock);
		sim_handle_msg(h, h->rx_cur.conn_id, h->rx_cur.data,
			       h->rx_cur.len);
		mutex_unlock(&h->lock);
		cond_resched();
	}
}

/* ---- channels --------------------------------------------------------- */

/* Set the channel's event flag on @vp and interrupt it. */
static void sim_raise_vp(struct sim_host *h, struct sim_channel *ch, u32 vp)
{
	int ret = vmbus_sim_signal_guest(vp, ch->relid);

	if (ret) {
		h->stats.deliver_errors++;
		pr_warn_ratelimited("signal relid %u on CPU %u refused: %d\n",
				    ch->relid, vp, ret);
	} else {
		h->stats.signals_out++;
	}
}

/*
 * The channel's target VP, and for SIM_MODIFY_LAG_SIGNALS signals after
 * it changed (MODIFY_CHANNEL) its old VP as well.
 */
static void sim_signal_target(struct sim_host *h, struct sim_channel *ch)
{
	if (ch->signalled_vp != ch->target_vp) {
		if (ch->signalled_vp != VMBUS_TARGET_VP_NONE) {
			ch->old_vp = ch->signalled_vp;
			ch->old_vp_signals = SIM_MODIFY_LAG_SIGNALS;
		}
		ch->signalled_vp = ch->target_vp;
	}
	sim_raise_vp(h, ch, ch->target_vp);
	if (ch->old_vp_signals && ch->old_vp != ch->target_vp) {
		ch->old_vp_signals--;
		sim_raise_vp(h, ch, ch->old_vp);
	}
}

/**
 * sim_signal_guest() - interrupt the guest for a channel (lose_irq applies)
 * @h: the host, locked
 * @ch: an open channel
 *
 * The signal goes to the channel's target VP (and for a while after a
 * move to its old one), or with the signal_vps fault to every VP of the
 * fault's mask.
 */
void sim_signal_guest(struct sim_host *h, struct sim_channel *ch)
{
	unsigned long vp;

	if (ch->target_vp == VMBUS_TARGET_VP_NONE)
		return;
	if (h->faults.lose_irq) {
		h->faults.lose_irq--;
		h->stats.irqs_lost++;
		return;
	}
	if (!ch->signal_vps) {
		sim_signal_target(h, ch);
		return;
	}
	h->stats.signals_spread++;
	for_each_set_bit(vp, &ch->signal_vps, BITS_PER_LONG)
		sim_raise_vp(h, ch, vp);
}

/* Have the channel worker look at @ch, as if the guest had signalled. */
void sim_kick_channel(struct sim_host *h, struct sim_channel *ch)
{
	if (ch->relid < SIM_MAX_RELID) {
		set_bit(ch->relid, h->signalled);
		queue_work(h->wq, &h->chan_work);
	}
}

static void sim_chan_work(struct work_struct *work)
{
	struct sim_host *h = container_of(work, struct sim_host, chan_work);
	struct sim_channel *ch;
	unsigned int relid;

	for_each_set_bit(relid, h->signalled, SIM_MAX_RELID) {
		if (!test_and_clear_bit(relid, h->signalled))
			continue;
		mutex_lock(&h->lock);
		ch = h->by_relid[relid];
		if (ch && !h->stopping)
			sim_chan_run(h, ch, false);
		mutex_unlock(&h->lock);
		cond_resched();
	}
}

/* Fallback for guests that do not honour pending_send_size: poll. */
static void sim_poll_work(struct work_struct *work)
{
	struct sim_host *h = container_of(to_delayed_work(work),
					  struct sim_host, poll_work);
	struct sim_channel *ch;

	mutex_lock(&h->lock);
	list_for_each_entry(ch, &h->channels, node)
		if (ch->ring_map && (ch->held_len || ch->burst_left))
			sim_kick_channel(h, ch);
	mutex_unlock(&h->lock);
}

/* ---- the ops the guest calls ------------------------------------------ */

static int sim_op_post_msg(void *host, u32 conn_id, const void *msg, u32 len)
{
	struct sim_host *h = host;
	struct sim_rx_msg *m;
	unsigned long flags;

	if (conn_id != VMBUS_CONN_ID_MSG && conn_id != VMBUS_CONN_ID_MSG_V5 &&
	    conn_id != SIM_MSG_CONN_ID) {
		atomic_long_inc(&h->stats.bad_posts);
		return -EINVAL;
	}
	if (len > HV_SYNIC_MSG_PAYLOAD_MAX || (len && !msg)) {
		atomic_long_inc(&h->stats.bad_posts);
		return -EINVAL;
	}
	if (sim_rescind_on_post(h, msg, len) ||
	    atomic_add_unless(&h->faults.busy_post, -1, 0)) {
		atomic_long_inc(&h->stats.rx_full);
		return -EAGAIN;
	}

	spin_lock_irqsave(&h->rxq_lock, flags);
	if (h->rx_count == SIM_RXQ_LEN) {
		spin_unlock_irqrestore(&h->rxq_lock, flags);
		atomic_long_inc(&h->stats.rx_full);
		return -EAGAIN;
	}
	m = &h->rxq[(h->rx_head + h->rx_count) % SIM_RXQ_LEN];
	m->conn_id = conn_id;
	m->len = len;
	memcpy(m->data, msg, len);
	h->rx_count++;
	spin_unlock_irqrestore(&h->rxq_lock, flags);

	atomic_long_inc(&h->stats.msgs_in);
	queue_work(h->wq, &h->rx_work);
	return 0;
}

/*
 * The fast path: serve the channel here, in the signalling guest's
 * context, as Hyper-V answers from another processor without a thread
 * to wake. Only models that can do it without sleeping, only from task
 * context (the host's mutex is no lock for interrupts or softirqs), and
 * only when the host's thread does not hold the lock; otherwise, and
 * for whatever the model leaves in the ring, the thread runs as before.
 */
static bool sim_run_fast(struct sim_host *h, u32 relid)
{
	struct sim_channel *ch;
	bool served = false;

	if (!in_task() || !mutex_trylock(&h->lock))
		return false;
	ch = h->by_relid[relid];
	if (ch && !h->stopping && ch->cls->model && ch->cls->model->run_fast) {
		sim_chan_run(h, ch, true);
		served = true;
	}
	mutex_unlock(&h->lock);
	if (served)
		atomic_long_inc(&h->stats.fast_runs);
	return served;
}

static void sim_op_signal_event(void *host, u32 conn_id)
{
	struct sim_host *h = host;
	u32 relid = conn_id - SIM_CHAN_CONN_BASE;

	if (conn_id < SIM_CHAN_CONN_BASE || relid >= SIM_MAX_RELID) {
		atomic_long_inc(&h->stats.bad_signals);
		return;
	}
	atomic_long_inc(&h->stats.signals_in);
	if (sim_run_fast(h, relid))
		return;
	set_bit(relid, h->signalled);
	queue_work(h->wq, &h->chan_work);
}

static void sim_op_eom(void *host, unsigned int cpu)
{
	struct sim_host *h = host;

	atomic_long_inc(&h->stats.eoms);
	atomic_set(&h->eom_seen, 1);
	mod_delayed_work(h->wq, &h->tx_work, 0);
}

static const struct vmbus_sim_host_ops sim_ops = {
	.post_msg = sim_op_post_msg,
	.signal_event = sim_op_signal_event,
	.eom = sim_op_eom,
};

/* ---- module ------------------------------------------------------------ */

static int sim_parse_devices(struct sim_host *h, const char *list)
{
	const struct sim_class *cls;
	char *buf, *p, *tok, *colon;
	unsigned int nsub;
	int ret = 0;

	buf = kstrdup(list, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	p = buf;
	while (!ret && (tok = strsep(&p, ","))) {
		tok = strim(tok);
		if (!*tok)
			continue;
		nsub = 0;
		colon = strchr(tok, ':');
		if (colon) {
			*colon = '\0';
			if (kstrtouint(colon + 1, 10, &nsub) ||
			    nsub > SIM_MAX_SUBCHANNELS) {
				pr_err("devices: bad sub-channel count in '%s:%s'\n",
				       tok, colon + 1);
				ret = -EINVAL;
				break;
			}
		}
		cls = sim_class_find(tok);
		if (!cls) {
			pr_err("devices: unknown class '%s'\n", tok);
			ret = -EINVAL;
			break;
		}
		ret = sim_add_device(h, cls, nsub);
	}
	kfree(buf);
	return ret;
}

static int sim_parse_params(void)
{
	if (sim_parse_version(max_version, &sim_max_version) ||
	    !sim_version_known(sim_max_version)) {
		pr_err("max_version: '%s' is not a known VMBus version\n",
		       max_version);
		return -EINVAL;
	}
	if (sim_parse_version(min_version, &sim_min_version) ||
	    !sim_version_known(sim_min_version)) {
		pr_err("min_version: '%s' is not a known VMBus version\n",
		       min_version);
		return -EINVAL;
	}
	return 0;
}

/* Also at the end of rmmod: a storm fault goes on until here. */
static void sim_host_free(struct sim_host *h)
{
	sim_fault_exit(h);
	if (h->wq)
		destroy_workqueue(h->wq);
	sim_txq_free(h);
	sim_free_channels(h);
	sim_gpadls_free(h);
	kfree(h->rxq);
	kfree(h);
}

static struct sim_host *sim_host_alloc(void)
{
	struct sim_host *h;

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return NULL;
	mutex_init(&h->lock);
	spin_lock_init(&h->rxq_lock);
	INIT_LIST_HEAD(&h->channels);
	INIT_LIST_HEAD(&h->gpadls);
	INIT_LIST_HEAD(&h->txq);
	INIT_WORK(&h->rx_work, sim_rx_work);
	INIT_WORK(&h->chan_work, sim_chan_work);
	INIT_DELAYED_WORK(&h->tx_work, sim_tx_work);
	INIT_DELAYED_WORK(&h->poll_work, sim_poll_work);
	INIT_WORK(&h->fault_work, sim_fault_work);
	INIT_DELAYED_WORK(&h->monitor_work, sim_monitor_work);
	sim_fault_init(h);
	atomic_set(&h->faults.busy_post, 0);
	atomic_set(&h->eom_seen, 0);
	h->next_relid = 1;
	h->rxq = kcalloc(SIM_RXQ_LEN, sizeof(*h->rxq), GFP_KERNEL);
	h->wq = alloc_ordered_workqueue("hv_sim", 0);
	if (!h->rxq || !h->wq) {
		sim_host_free(h);
		return NULL;
	}
	return h;
}

static int __init sim_init(void)
{
	struct sim_host *h;
	int ret;

	ret = sim_parse_params();
	if (ret)
		return ret;
	h = sim_host_alloc();
	if (!h)
		return -ENOMEM;

	mutex_lock(&h->lock);
	ret = sim_parse_devices(h, devices);
	if (!ret)
		ret = sim_fault_cmds(h, faults);
	mutex_unlock(&h->lock);
	if (ret)
		goto err_free;

	sim_debugfs_init(h);
	ret = sim_models_init(h);
	if (ret)
		goto err_models;
	ret = vmbus_sim_attach(&sim_ops, h);
	if (ret) {
		pr_err("cannot attach to hv_vmbus (loaded with platform=sim?): %d\n",
		       ret);
		goto err_models;
	}
	sim_host = h;
	pr_info("simulated host up: %u channels, VMBus %u.%u to %u.%u\n",
		h->nchannels, VMBUS_VERSION_MAJOR(sim_min_version),
		VMBUS_VERSION_MINOR(sim_min_version),
		VMBUS_VERSION_MAJOR(sim_max_version),
		VMBUS_VERSION_MINOR(sim_max_version));
	return 0;

err_models:
	/* No debugfs write may reach a model while it is freed. */
	sim_debugfs_exit(h);
	sim_models_exit(h);
err_free:
	sim_host_free(h);
	return ret;
}

/* Stop every ring access before the guest frees its rings. */
static void sim_stop_data_plane(struct sim_host *h)
{
	struct sim_channel *ch;

	mutex_lock(&h->lock);
	h->stopping = true;
	list_for_each_entry(ch, &h->channels, node)
		sim_chan_stop(h, ch);
	mutex_unlock(&h->lock);
	cancel_delayed_work_sync(&h->poll_work);
	flush_work(&h->chan_work);
}

static void __exit sim_exit(void)
{
	struct sim_host *h = sim_host;

	sim_debugfs_exit(h);
	sim_stop_data_plane(h);
	/* The guest drops its channels; it may still message us meanwhile. */
	vmbus_sim_detach(h);
	cancel_work_sync(&h->rx_work);
	cancel_work_sync(&h->fault_work);
	cancel_delayed_work_sync(&h->monitor_work);
	cancel_work_sync(&h->chan_work);
	cancel_delayed_work_sync(&h->tx_work);
	cancel_delayed_work_sync(&h->poll_work);
	sim_models_exit(h);
	sim_host_free(h);
	sim_host = NULL;
}

module_init(sim_init);
module_exit(sim_exit);

MODULE_DESCRIPTION("Simulated Hyper-V host for hvguest tests");
MODULE_LICENSE("GPL");
MODULE_VERSION(HVG_VERSION);
HVG_IMPORT_NS();
