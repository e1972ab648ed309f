// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection: commands written to debugfs "fault" (or given in the
 * "faults" module parameter) that make the host misbehave on purpose, so
 * that tests can prove the guest survives it. Documentation/sim.rst lists
 * every command.
 */
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include <hv/sim.h>
#include <hv/proto/test_echo.h>

#include "host.h"

#define SIM_MAX_DELAY_MS	60000
/* Host memory a flood takes: one queued message (~300 bytes) each. */
#define SIM_MAX_FLOOD		20000
#define SIM_MAX_CHURN		1000

static const struct {
	const char *name;
	u32 type;
} sim_msg_names[] = {
	{ "offer",			VMBUS_CHMSG_OFFER },
	{ "rescind",			VMBUS_CHMSG_RESCIND },
	{ "all_offers_delivered",	VMBUS_CHMSG_ALL_OFFERS_DELIVERED },
	{ "open_result",		VMBUS_CHMSG_OPEN_RESULT },
	{ "gpadl_created",		VMBUS_CHMSG_GPADL_CREATED },
	{ "gpadl_torndown",		VMBUS_CHMSG_GPADL_TORNDOWN },
	{ "version_response",		VMBUS_CHMSG_VERSION_RESPONSE },
	{ "unload_response",		VMBUS_CHMSG_UNLOAD_RESPONSE },
	{ "tl_connect_result",		VMBUS_CHMSG_TL_CONNECT_RESULT },
	{ "modify_channel_response",	VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE },
	{ "modify_connection_response",	VMBUS_CHMSG_MODIFY_CONNECTION_RESPONSE },
};

/* A channel message type by name or number. */
static int sim_parse_msg_type(const char *s, u32 *type)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sim_msg_names); i++) {
		if (!strcmp(s, sim_msg_names[i].name)) {
			*type = sim_msg_names[i].type;
			return 0;
		}
	}
	if (kstrtou32(s, 0, type) || *type == 0 || *type >= 32)
		return -EINVAL;
	return 0;
}

static u32 sim_unused_gpadl(struct sim_host *h)
{
	u32 id = 0xfffffff0;

	while (sim_gpadl_find(h, id))
		id--;
	return id;
}

/* A well-formed echo offer, but for whatever relid the fault wants. */
static void sim_fake_offer(struct vmbus_chmsg_offer *o, u32 relid)
{
	memset(o, 0, sizeof(*o));
	o->header.type = VMBUS_CHMSG_OFFER;
	o->if_type = VMBUS_GUID_TEST_ECHO;
	/* bad0ffe5-0000-5349-4d48-000000000000 */
	o->if_instance = HV_GUID(0xba, 0xd0, 0xff, 0xe5, 0x00, 0x00, 0x53, 0x49,
				 0x4d, 0x48, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
	o->child_relid = relid;
	o->monitor_id = 0xff;
	o->interrupt_flags = VMBUS_OFFER_DEDICATED_INTERRUPT;
	o->connection_id = SIM_CHAN_CONN_BASE + relid;
}

static u32 sim_known_relid(struct sim_host *h)
{
	struct sim_channel *ch;

	list_for_each_entry(ch, &h->channels, node)
		if (ch->state == SIM_CH_OFFERED || ch->state == SIM_CH_OPEN)
			return ch->relid;
	return 0;
}

union sim_fault_msg {
	struct vmbus_chmsg_header hdr;
	struct vmbus_chmsg_offer offer;
	struct vmbus_chmsg_rescind rescind;
	struct vmbus_chmsg_open_result open;
	struct vmbus_chmsg_gpadl_created created;
	struct vmbus_chmsg_gpadl_torndown torndown;
	u8 raw[HV_SYNIC_MSG_SIZE];
};

/* payload_size > 240: handed to the seam at once, so its answer shows. */
static int sim_oversize(struct sim_host *h, union sim_fault_msg *m)
{
	int ret;

	m->hdr.type = VMBUS_CHMSG_OFFER;
	h->stats.malformed++;
	ret = vmbus_sim_deliver_msg(h->msg_cpu, HV_SYNIC_MSG_TYPE_VMBUS, m->raw,
				    HV_SYNIC_MSG_PAYLOAD_MAX + 1);
	pr_info("fault: %u-byte message %s (%d)\n", HV_SYNIC_MSG_PAYLOAD_MAX + 1,
		ret ? "refused by the seam" : "delivered", ret);
	return ret;
}

/* Build the message for @kind in @m; return its length or an error. */
static int sim_malformed_build(struct sim_host *h, const char *kind,
			       union sim_fault_msg *m)
{
	u32 relid;

	if (!strcmp(kind, "short_offer")) {
		sim_fake_offer(&m->offer, sim_unused_relid(h));
		return 100;
	}
	if (!strcmp(kind, "offer_relid0")) {
		sim_fake_offer(&m->offer, 0);
		return sizeof(m->offer);
	}
	if (!strcmp(kind, "offer_relid_big")) {
		sim_fake_offer(&m->offer, SIM_MAX_RELID);
		return sizeof(m->offer);
	}
	if (!strcmp(kind, "offer_relid_dup")) {
		relid = sim_known_relid(h);
		if (!relid)
			return -ENOENT;
		sim_fake_offer(&m->offer, relid);
		return sizeof(m->offer);
	}
	if (!strcmp(kind, "unknown_type")) {
		m->hdr.type = 200;
		return 16;
	}
	if (!strcmp(kind, "gpadl_created_unknown")) {
		m->created.header.type = VMBUS_CHMSG_GPADL_CREATED;
		m->created.child_relid = sim_unused_relid(h);
		m->created.gpadl = sim_unused_gpadl(h);
		return sizeof(m->created);
	}
	if (!strcmp(kind, "open_result_unknown")) {
		m->open.header.type = VMBUS_CHMSG_OPEN_RESULT;
		m->open.child_relid = sim_unused_relid(h);
		m->open.open_id = 0x5151;
		return sizeof(m->open);
	}
	if (!strcmp(kind, "torndown_unknown")) {
		m->torndown.header.type = VMBUS_CHMSG_GPADL_TORNDOWN;
		m->torndown.gpadl = sim_unused_gpadl(h);
		return sizeof(m->torndown);
	}
	if (!strcmp(kind, "unload_response")) {
		m->hdr.type = VMBUS_CHMSG_UNLOAD_RESPONSE;
		return sizeof(struct vmbus_chmsg_unload_response);
	}
	if (!strcmp(kind, "rescind_unknown")) {
		m->rescind.header.type = VMBUS_CHMSG_RESCIND;
		m->rescind.child_relid = sim_unused_relid(h);
		return sizeof(m->rescind);
	}
	return -EINVAL;
}

static int sim_malformed(struct sim_host *h, const char *kind)
{
	union sim_fault_msg m = {};
	int len;

	if (!strcmp(kind, "short_version_response")) {
		h->faults.short_version = true;
		return 0;
	}
	if (!strcmp(kind, "oversize"))
		return sim_oversize(h, &m);
	len = sim_malformed_build(h, kind, &m);
	if (len < 0)
		return len;
	h->stats.malformed++;
	pr_info("fault: malformed message %s\n", kind);
	return sim_send_raw(h, HV_SYNIC_MSG_TYPE_VMBUS, &m, len);
}

/*
 * The storm: every jiffy, one host message into the guest's message slot
 * and a signal for relids 1 to SIM_STORM_SIGNALS on every online CPU,
 * whatever state the connection is in, until "storm 0", "clear" or the
 * very end of the module (through the detach, when the guest must take
 * nothing more). While a connection is up the message is one the guest
 * drops (an OPEN_RESULT nobody asked for); once there is none (before
 * contact, after UNLOAD, or from the start of rmmod) it is an echo offer
 * with a fresh instance, which a guest that still listened would turn
 * into a device.
 */
#define SIM_STORM_SIGNALS	32
#define SIM_STORM_RELID		(SIM_MAX_RELID - 16)
#define SIM_STORM_TAIL		50
#define SIM_STORM_TAIL_MS	5000

static void sim_storm_msg(struct sim_host *h, union sim_fault_msg *m, u32 *len)
{
	u32 relid = SIM_STORM_RELID + h->faults.storm_ticks % 16;

	if (h->version && !h->stopping) {
		m->open.header.type = VMBUS_CHMSG_OPEN_RESULT;
		m->open.child_relid = relid;
		m->open.open_id = 0x5151;
		*len = sizeof(m->open);
		return;
	}
	sim_fake_offer(&m->offer, relid);
	/* A new instance each time: no two offers name one device. */
	memcpy(&m->offer.if_instance.b[12], &h->faults.storm_ticks, 4);
	*len = sizeof(m->offer);
}

static void sim_storm_work(struct work_struct *work)
{
	struct sim_host *h = container_of(to_delayed_work(work), struct sim_host,
					  faults.storm_work);
	union sim_fault_msg m = {};
	unsigned int cpu;
	u32 relid, len;

	mutex_lock(&h->lock);
	if (!h->faults.storm) {
		mutex_unlock(&h->lock);
		return;
	}
	sim_storm_msg(h, &m, &len);
	h->faults.storm_ticks++;
	/* Straight into the slot (under the lock, as tx_work): a busy one skips. */
	vmbus_sim_deliver_msg(h->msg_cpu, HV_SYNIC_MSG_TYPE_VMBUS, m.raw, len);
	mutex_unlock(&h->lock);
	for_each_online_cpu(cpu)
		for (relid = 1; relid <= SIM_STORM_SIGNALS; relid++)
			vmbus_sim_signal_guest(cpu, relid);
	schedule_delayed_work(&h->faults.storm_work, 1);
}

static void sim_storm(struct sim_host *h, bool on)
{
	if (on && !h->faults.storm) {
		pr_info("fault: storm of messages and signals started\n");
		schedule_delayed_work(&h->faults.storm_work, 0);
	}
	h->faults.storm = on;
}

/**
 * sim_fault_init() - set up what the faults need
 * @h: the host, not yet attached
 */
void sim_fault_init(struct sim_host *h)
{
	INIT_DELAYED_WORK(&h->faults.storm_work, sim_storm_work);
}

/**
 * sim_fault_exit() - stop the faults that run on their own
 * @h: the host, detached from the guest; not locked
 */
void sim_fault_exit(struct sim_host *h)
{
	unsigned long start = READ_ONCE(h->faults.storm_ticks);
	unsigned int ms;

	/* A storm outlasts the detach by SIM_STORM_TAIL rounds. */
	for (ms = 0; READ_ONCE(h->faults.storm) && ms < SIM_STORM_TAIL_MS &&
	     READ_ONCE(h->faults.storm_ticks) - start < SIM_STORM_TAIL; ms += 20)
		msleep(20);
	mutex_lock(&h->lock);
	h->faults.storm = false;
	mutex_unlock(&h->lock);
	cancel_delayed_work_sync(&h->faults.storm_work);
	if (h->faults.storm_ticks)
		pr_info("fault: storm ended after %lu rounds, %lu of them at the end\n",
			h->faults.storm_ticks, h->faults.storm_ticks - start);
}

static int sim_parse_relid(const char *s, struct sim_host *h,
			   struct sim_channel **ch)
{
	u32 relid;

	if (!s || kstrtou32(s, 0, &relid))
		return -EINVAL;
	*ch = sim_live_channel(h, relid);
	return *ch ? 0 : -ENOENT;
}

/* An offer of a sub-channel of @primary under a relid the host does not use. */
static void sim_fake_sub_offer(struct sim_host *h, struct vmbus_chmsg_offer *o,
			       const struct sim_channel *primary, u16 index)
{
	sim_fake_offer(o, sim_unused_relid(h));
	o->if_type = primary->cls->guid;
	o->if_instance = primary->instance;
	o->sub_channel_index = index;
}

/* The index of a sub-channel of @primary the guest still has, or 0. */
static u16 sim_live_subidx(struct sim_host *h, struct sim_channel *primary)
{
	struct sim_channel *ch;

	list_for_each_entry(ch, &h->channels, node)
		if (ch->primary == primary && sim_live_channel(h, ch->relid) == ch &&
		    ch->state != SIM_CH_RESCINDED)
			return ch->subidx;
	return 0;
}

/*
 * "malformed sub_* [RELID]": sub-channel offers a guest must not take,
 * or must leave to its driver. RELID names a primary.
 */
static int sim_bad_subchannel(struct sim_host *h, const char *kind,
			      const char *relid)
{
	struct vmbus_chmsg_offer o;
	struct sim_channel *primary = NULL;
	u16 index;
	int ret;

	if (strcmp(kind, "sub_orphan")) {
		ret = sim_parse_relid(relid, h, &primary);
		if (ret)
			return ret;
		if (primary->primary)
			return -EINVAL;
	}
	if (!strcmp(kind, "sub_big"))
		return sim_add_subchannel_at(h, primary, U16_MAX);
	if (!strcmp(kind, "sub_orphan")) {
		sim_fake_offer(&o, sim_unused_relid(h));
		o.sub_channel_index = 1;
	} else if (!strcmp(kind, "sub_dup")) {
		index = sim_live_subidx(h, primary);
		if (!index)
			return -ENOENT;
		sim_fake_sub_offer(h, &o, primary, index);
	} else if (!strcmp(kind, "sub_rescinded")) {
		ret = sim_rescind(h, primary->relid);
		if (ret)
			return ret;
		sim_fake_sub_offer(h, &o, primary, SIM_MAX_SUBCHANNELS);
	} else {
		return -EINVAL;
	}
	h->stats.malformed++;
	pr_info("fault: sub-channel offer %s (relid %u, index %u)\n", kind,
		o.child_relid, o.sub_channel_index);
	return sim_send_raw(h, HV_SYNIC_MSG_TYPE_VMBUS, &o, sizeof(o));
}

/* "flood N KIND": N copies of a malformed KIND message, back to back. */
static int sim_fault_flood(struct sim_host *h, const char *count,
			   const char *kind)
{
	union sim_fault_msg m = {};
	int len, ret = 0;
	u32 n, i;

	if (!count || !kind || kstrtou32(count, 0, &n) || !n ||
	    n > SIM_MAX_FLOOD)
		return -EINVAL;
	len = sim_malformed_build(h, kind, &m);
	if (len < 0)
		return len;
	for (i = 0; i < n && !ret; i++)
		ret = sim_send_raw(h, HV_SYNIC_MSG_TYPE_VMBUS, &m, len);
	h->stats.malformed += i;
	pr_info("fault: flood of %u %s messages queued: %d\n", i, kind, ret);
	return ret;
}

/*
 * "churn RELID N": rescind the channel and offer it again, N times, back
 * to back, without waiting for the guest to release the old relids.
 */
static int sim_fault_churn(struct sim_host *h, const char *relid,
			   const char *count)
{
	struct sim_channel *ch;
	int ret;
	u32 n, i;

	ret = sim_parse_relid(relid, h, &ch);
	if (ret)
		return ret;
	if (!count || kstrtou32(count, 0, &n) || !n || n > SIM_MAX_CHURN)
		return -EINVAL;
	for (i = 0; i < n && !ret; i++) {
		ret = sim_rescind(h, ch->relid);
		if (!ret)
			ret = sim_reoffer(h, ch->relid);
	}
	pr_info("fault: %u rescinds and offers, now relid %u: %d\n", i,
		ch->relid, ret);
	return ret;
}

/* ---- rescind_on: a rescind timed into the guest's open or close ------ */

static const struct {
	const char *name;
	u32 type;
} sim_guest_msg_names[] = {
	{ "gpadl_header",	VMBUS_CHMSG_GPADL_HEADER },
	{ "open_channel",	VMBUS_CHMSG_OPEN_CHANNEL },
	{ "close_channel",	VMBUS_CHMSG_CLOSE_CHANNEL },
	{ "gpadl_teardown",	VMBUS_CHMSG_GPADL_TEARDOWN },
	{ "modify_channel",	VMBUS_CHMSG_MODIFY_CHANNEL },
};

static const char *const sim_rescind_modes[] = {
	[SIM_RESCIND_INSTEAD] = "instead",
	[SIM_RESCIND_BEFORE] = "before",
	[SIM_RESCIND_BUSY] = "busy",
};

/* Each message rescind_on knows names its channel where CLOSE_CHANNEL does. */
#define SIM_RELID_AT(type)						\
	static_assert(offsetof(struct type, child_relid) ==		\
		      offsetof(struct vmbus_chmsg_close_channel, child_relid))
SIM_RELID_AT(vmbus_chmsg_gpadl_header);
SIM_RELID_AT(vmbus_chmsg_open_channel);
SIM_RELID_AT(vmbus_chmsg_gpadl_teardown);
SIM_RELID_AT(vmbus_chmsg_modify_channel);

/*
 * Disarm and return true if @type about @relid triggers the fault in
 * @mode; rxq_lock held.
 */
static bool sim_rescind_on_hit(struct sim_host *h, u32 type, u32 relid,
			       enum sim_rescind_mode mode)
{
	struct sim_rescind_on *r = &h->faults.rescind_on;

	lockdep_assert_held(&h->rxq_lock);
	if (!r->type || r->type != type || r->mode != mode ||
	    (r->relid && r->relid != relid))
		return false;
	r->type = 0;
	return true;
}

static void sim_rescind_now(struct sim_host *h, u32 relid, u32 type,
			    enum sim_rescind_mode mode)
{
	int ret = sim_rescind(h, relid);

	pr_info("fault: rescind relid %u on guest message type %u (%s): %d\n",
		relid, type, sim_rescind_modes[mode], ret);
}

/**
 * sim_rescind_on_msg() - the host thread's part of the rescind_on fault
 * @h: the host, locked
 * @type: a valid guest message's type
 * @msg: the message
 *
 * Return: true if the message is to be ignored (mode "instead").
 */
bool sim_rescind_on_msg(struct sim_host *h, u32 type, const void *msg)
{
	u32 relid = ((const struct vmbus_chmsg_close_channel *)msg)->child_relid;
	enum sim_rescind_mode mode;
	bool hit;

	lockdep_assert_held(&h->lock);
	spin_lock_irq(&h->rxq_lock);
	mode = h->faults.rescind_on.mode;
	hit = mode != SIM_RESCIND_BUSY &&
	      sim_rescind_on_hit(h, type, relid, mode);
	spin_unlock_irq(&h->rxq_lock);
	if (hit)
		sim_rescind_now(h, relid, type, mode);
	return hit && mode == SIM_RESCIND_INSTEAD;
}

/**
 * sim_rescind_on_post() - the busy mode of rescind_on, in the post op
 * @h: the host
 * @msg: the message the guest posts, valid during the call
 * @len: its length
 *
 * Any context. On a hit the post and the next SIM_RESCIND_BUSY_POSTS - 1
 * fail as busy while fault_work rescinds the channel, so that the guest
 * gets the rescind while it retries.
 *
 * Return: true if this post is to be refused with -EAGAIN.
 */
bool sim_rescind_on_post(struct sim_host *h, const void *msg, u32 len)
{
	struct vmbus_chmsg_close_channel head;	/* type and relid, see above */
	unsigned long flags;
	bool hit;

	if (len < sizeof(head) || !READ_ONCE(h->faults.rescind_on.type))
		return false;
	memcpy(&head, msg, sizeof(head));
	spin_lock_irqsave(&h->rxq_lock, flags);
	hit = sim_rescind_on_hit(h, head.header.type, head.child_relid,
				 SIM_RESCIND_BUSY);
	if (hit) {
		h->faults.rescind_on.busy_relid = head.child_relid;
		h->faults.rescind_on.busy_type = head.header.type;
	}
	spin_unlock_irqrestore(&h->rxq_lock, flags);
	if (!hit)
		return false;
	atomic_set(&h->faults.busy_post, SIM_RESCIND_BUSY_POSTS - 1);
	queue_work(h->wq, &h->fault_work);
	return true;
}

/* The host thread rescinds what sim_rescind_on_post() picked. */
void sim_fault_work(struct work_struct *work)
{
	struct sim_host *h = container_of(work, struct sim_host, fault_work);
	u32 relid, type;

	mutex_lock(&h->lock);
	spin_lock_irq(&h->rxq_lock);
	relid = h->faults.rescind_on.busy_relid;
	type = h->faults.rescind_on.busy_type;
	spin_unlock_irq(&h->rxq_lock);
	sim_rescind_now(h, relid, type, SIM_RESCIND_BUSY);
	mutex_unlock(&h->lock);
}

/* "rescind_on MSG RELID [instead|before|busy]" */
static int sim_fault_rescind_on(struct sim_host *h, char **argv)
{
	struct sim_rescind_on r = { .mode = SIM_RESCIND_INSTEAD };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sim_guest_msg_names) && argv[1]; i++)
		if (!strcmp(argv[1], sim_guest_msg_names[i].name))
			r.type = sim_guest_msg_names[i].type;
	if (!r.type || !argv[2] || kstrtou32(argv[2], 0, &r.relid) ||
	    r.relid >= SIM_MAX_RELID)
		return -EINVAL;
	if (argv[3]) {
		for (i = 0; i < ARRAY_SIZE(sim_rescind_modes); i++)
			if (!strcmp(argv[3], sim_rescind_modes[i]))
				break;
		if (i == ARRAY_SIZE(sim_rescind_modes))
			return -EINVAL;
		r.mode = i;
	}
	spin_lock_irq(&h->rxq_lock);
	h->faults.rescind_on = r;
	spin_unlock_irq(&h->rxq_lock);
	return 0;
}

static void sim_fault_clear(struct sim_host *h)
{
	struct sim_channel *ch;

	h->faults.delay_ms = 0;
	h->faults.drop_mask = 0;
	h->faults.dup_mask = 0;
	h->faults.lose_irq = 0;
	h->faults.short_version = false;
	atomic_set(&h->faults.busy_post, 0);
	spin_lock_irq(&h->rxq_lock);
	h->faults.rescind_on.type = 0;
	spin_unlock_irq(&h->rxq_lock);
	h->faults.storm = false;
	list_for_each_entry(ch, &h->channels, node) {
		ch->signal_vps = 0;
		ch->signal_every = false;
		if (ch->stalled) {
			ch->stalled = false;
			sim_kick_channel(h, ch);
		}
	}
}

static int sim_fault_stall(struct sim_host *h, const char *arg, bool stall)
{
	struct sim_channel *ch;
	int ret = sim_parse_relid(arg, h, &ch);

	if (ret)
		return ret;
	ch->stalled = stall;
	if (!stall)
		sim_kick_channel(h, ch);
	return 0;
}

static int sim_fault_mask(const char *arg, u32 *mask)
{
	u32 type;

	if (!arg || sim_parse_msg_type(arg, &type))
		return -EINVAL;
	*mask |= BIT(type);
	return 0;
}

/**
 * sim_fault_cmd() - run one fault command
 * @h: the host, locked
 * @line: the command and its arguments, separated by blanks, ':' or '='
 */
static int sim_fault_cmd(struct sim_host *h, char *line)
{
	struct sim_channel *ch;
	char *argv[4];
	int ret;
	u32 n;

	ret = sim_cmd_words(line, SIM_CMD_SEPS, argv, ARRAY_SIZE(argv));
	if (ret <= 0)
		return ret;

	if (!strcmp(argv[0], "clear")) {
		sim_fault_clear(h);
		return 0;
	}
	if (!strcmp(argv[0], "drop"))
		return sim_fault_mask(argv[1], &h->faults.drop_mask);
	if (!strcmp(argv[0], "dup"))
		return sim_fault_mask(argv[1], &h->faults.dup_mask);
	if (!strcmp(argv[0], "stall") || !strcmp(argv[0], "unstall"))
		return sim_fault_stall(h, argv[1], argv[0][0] == 's');
	if (!strcmp(argv[0], "malformed") && argv[1] &&
	    !strncmp(argv[1], "sub_", 4))
		return sim_bad_subchannel(h, argv[1], argv[2]);
	if (!strcmp(argv[0], "malformed"))
		return argv[1] ? sim_malformed(h, argv[1]) : -EINVAL;
	if (!strcmp(argv[0], "rescind_on"))
		return sim_fault_rescind_on(h, argv);
	if (!strcmp(argv[0], "flood"))
		return sim_fault_flood(h, argv[1], argv[2]);
	if (!strcmp(argv[0], "churn"))
		return sim_fault_churn(h, argv[1], argv[2]);
	if (!strcmp(argv[0], "corrupt_ring")) {
		ret = sim_parse_relid(argv[1], h, &ch);
		return ret ?: argv[2] ? sim_corrupt_ring(h, ch, argv[2]) : -EINVAL;
	}
	if (!strcmp(argv[0], "signal_every")) {
		ret = sim_parse_relid(argv[1], h, &ch);
		if (!ret)
			ch->signal_every = true;
		return ret;
	}
	if (!strcmp(argv[0], "signal_vps")) {
		ret = sim_parse_relid(argv[1], h, &ch);
		return ret ?: sim_chan_signal_vps(h, ch, argv[2]);
	}

	/* The rest take a number. */
	if (!argv[1] || kstrtou32(argv[1], 0, &n))
		return -EINVAL;
	if (!strcmp(argv[0], "delay_ms") && n <= SIM_MAX_DELAY_MS)
		h->faults.delay_ms = n;
	else if (!strcmp(argv[0], "lose_irq"))
		h->faults.lose_irq = n;
	else if (!strcmp(argv[0], "busy_post") && n <= INT_MAX)
		atomic_set(&h->faults.busy_post, n);
	else if (!strcmp(argv[0], "storm") && n <= 1)
		sim_storm(h, n);
	else
		return -EINVAL;
	return 0;
}

/**
 * sim_fault_cmds() - run fault commands separated by newlines, ';' or ','
 * @h: the host, locked
 * @text: the commands; modified
 *
 * Stops at the first command that fails.
 */
int sim_fault_cmds(struct sim_host *h, char *text)
{
	return sim_cmd_list(h, text, sim_fault_cmd, "fault");
}

void sim_fault_show(struct sim_host *h, struct seq_file *m)
{
	struct sim_channel *ch;

	seq_printf(m, "delay_ms %u\n", h->faults.delay_ms);
	seq_printf(m, "drop_mask %#x\n", h->faults.drop_mask);
	seq_printf(m, "dup_mask %#x\n", h->faults.dup_mask);
	seq_printf(m, "lose_irq %u\n", h->faults.lose_irq);
	seq_printf(m, "busy_post %d\n", atomic_read(&h->faults.busy_post));
	seq_printf(m, "short_version_response %d\n", h->faults.short_version);
	spin_lock_irq(&h->rxq_lock);
	if (h->faults.rescind_on.type)
		seq_printf(m, "rescind_on %u %u %s\n", h->faults.rescind_on.type,
			   h->faults.rescind_on.relid,
			   sim_rescind_modes[h->faults.rescind_on.mode]);
	spin_unlock_irq(&h->rxq_lock);
	seq_printf(m, "storm %d (%lu rounds)\n", h->faults.storm,
		   h->faults.storm_ticks);
	list_for_each_entry(ch, &h->channels, node) {
		if (ch->stalled)
			seq_printf(m, "stall %u\n", ch->relid);
		if (ch->signal_vps)
			seq_printf(m, "signal_vps %u %#lx\n", ch->relid,
				   ch->signal_vps);
		if (ch->signal_every)
			seq_printf(m, "signal_every %u\n", ch->relid);
	}
}
