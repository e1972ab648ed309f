// SPDX-License-Identifier: GPL-2.0
/*
 * The host side of the VMBus control plane: version negotiation, offers,
 * open/close, rescind, unload and modify. Every message from the guest is
 * untrusted input: checked for size, state and connection id, and ignored
 * with a rate-limited warning when wrong, as a real host would.
 */
#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <hv/proto/test_echo.h>

#include "host.h"
#include "netvsp/netvsp.h"

/* STATUS_CONNECTION_REFUSED, what a host answers a refused hv_sock. */
#define SIM_STATUS_CONNECTION_REFUSED	0xc0000236

static bool monitor;
module_param(monitor, bool, 0444);
MODULE_PARM_DESC(monitor,
		 "Offer channels with a monitor id (monitored notification), the first 128");

/*
 * Monitored notification: how often the host scans the guest's
 * child-to-parent monitor page, and the latency it writes there (in
 * 100 ns units; what the guest's sysfs shows, it does not pace the scan).
 */
#define SIM_MONITOR_PERIOD	msecs_to_jiffies(2)
#define SIM_MONITOR_LATENCY	100

static const struct sim_class sim_classes[] = {
	{ "echo",	VMBUS_GUID_TEST_ECHO,		&sim_echo_model },
	{ "net",	VMBUS_GUID_NETWORK,		&sim_netvsp_model },
	{ "scsi",	VMBUS_GUID_SCSI,		&sim_storvsp_model, .azure_scsi = true },
	{ "ide",	VMBUS_GUID_IDE },
	{ "fc",		VMBUS_GUID_FIBRE_CHANNEL },
	{ "shutdown",	VMBUS_GUID_SHUTDOWN,		&sim_ic_model },
	{ "timesync",	VMBUS_GUID_TIMESYNC,		&sim_ic_model },
	{ "heartbeat",	VMBUS_GUID_HEARTBEAT,		&sim_ic_model },
	{ "kvp",	VMBUS_GUID_KVP,			&sim_ic_model },
	{ "vss",	VMBUS_GUID_VSS },
	{ "balloon",	VMBUS_GUID_DYNAMIC_MEMORY },
	{ "vpci",	VMBUS_GUID_VPCI },
	{ "fcopy",	VMBUS_GUID_FILE_COPY },
	{ "keyboard",	VMBUS_GUID_KEYBOARD },
	{ "mouse",	VMBUS_GUID_MOUSE },
	{ "synthvid",	VMBUS_GUID_SYNTHVID },
	{ "nd",		VMBUS_GUID_NETWORK_DIRECT },
	{ "avma1",	VMBUS_GUID_AVMA1 },
	{ "avma2",	VMBUS_GUID_AVMA2 },
	{ "rdv",	VMBUS_GUID_RDV },
	{ "imc",	VMBUS_GUID_IMC },
};

static_assert(ARRAY_SIZE(sim_classes) <=
	      ARRAY_SIZE(((struct sim_host *)NULL)->class_next));

const struct sim_class *sim_class_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sim_classes); i++)
		if (!strcmp(sim_classes[i].name, name))
			return &sim_classes[i];
	return NULL;
}

/* Every model of sim_classes[], once, in the order they are set up. */
static const struct sim_model *const sim_models[] = {
	&sim_ic_model, &sim_storvsp_model, &sim_netvsp_model, &sim_echo_model,
};

/**
 * sim_models_init() - set up every device model
 * @h: the host, its channels planned and not yet offered
 *
 * Process context, host not locked. On failure the caller removes the
 * debugfs files, then calls sim_models_exit().
 *
 * Return: 0, or the error of the first model that failed.
 */
int sim_models_init(struct sim_host *h)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(sim_models); i++) {
		ret = sim_models[i]->init ? sim_models[i]->init(h) : 0;
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * sim_models_exit() - free every device model's state
 * @h: the host, detached from the guest, its work stopped
 *
 * Process context. Models whose init failed or never ran cope.
 */
void sim_models_exit(struct sim_host *h)
{
	unsigned int i;

	for (i = ARRAY_SIZE(sim_models); i-- > 0;)
		if (sim_models[i]->exit)
			sim_models[i]->exit(h);
}

static const u32 sim_versions[] = {
	VMBUS_VERSION_WS2008, VMBUS_VERSION_WIN7, VMBUS_VERSION_WIN8,
	VMBUS_VERSION_WIN8_1, VMBUS_VERSION_WIN10, VMBUS_VERSION_V4_1,
	VMBUS_VERSION_V5_0, VMBUS_VERSION_V5_1, VMBUS_VERSION_V5_2,
	VMBUS_VERSION_V5_3, VMBUS_VERSION_V6_0,
};

bool sim_version_known(u32 version)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sim_versions); i++)
		if (sim_versions[i] == version)
			return true;
	return false;
}

/* "major.minor" in decimal, e.g. "5.2" or "0.13". */
int sim_parse_version(const char *s, u32 *version)
{
	char buf[16], *dot;
	u16 major, minor;

	if (strscpy(buf, s, sizeof(buf)) < 0)
		return -EINVAL;
	dot = strchr(strim(buf), '.');
	if (!dot)
		return -EINVAL;
	*dot = '\0';
	if (kstrtou16(strim(buf), 10, &major) || kstrtou16(dot + 1, 10, &minor))
		return -EINVAL;
	*version = VMBUS_MAKE_VERSION((u32)major, (u32)minor);
	return 0;
}

const char *sim_state_name(enum sim_ch_state state)
{
	switch (state) {
	case SIM_CH_IDLE:
		return "idle";
	case SIM_CH_OFFERED:
		return "offered";
	case SIM_CH_OPEN:
		return "open";
	case SIM_CH_RESCINDED:
		return "rescinded";
	case SIM_CH_RELEASED:
		return "released";
	}
	return "?";
}

static bool sim_vp_ok(u32 vp)
{
	return vp < nr_cpu_ids && cpu_online(vp);
}

/* ---- relids and channels --------------------------------------------- */

/* Round robin, so that a released relid is not handed out again soon. */
static u32 sim_alloc_relid(struct sim_host *h)
{
	u32 i, relid = h->next_relid;

	for (i = 1; i < SIM_MAX_RELID; i++) {
		if (relid == 0 || relid >= SIM_MAX_RELID)
			relid = 1;
		if (!test_bit(relid, h->relid_busy)) {
			set_bit(relid, h->relid_busy);
			h->next_relid = relid + 1;
			return relid;
		}
		relid++;
	}
	return 0;
}

/* A relid no channel uses and the guest does not hold (for faults). */
u32 sim_unused_relid(struct sim_host *h)
{
	u32 relid;

	for (relid = SIM_MAX_RELID - 1; relid > 0; relid--)
		if (!test_bit(relid, h->relid_busy))
			return relid;
	return 0;
}

/* The channel the guest knows under @relid, or NULL. */
struct sim_channel *sim_live_channel(struct sim_host *h, u32 relid)
{
	struct sim_channel *ch;

	if (relid >= SIM_MAX_RELID)
		return NULL;
	ch = h->by_relid[relid];
	if (!ch || ch->state == SIM_CH_IDLE)
		return NULL;
	return ch;
}

/*
 * Stable instance GUIDs: Azure's for the first SCSI and IDE controllers,
 * otherwise the class GUID with the per-class index in the second field
 * and "SIMH" in the third and fourth, e.g. echo #0 is
 * a0038c4b-0000-5349-4d48-b1ca77bef876.
 */
static void sim_instance_guid(const struct sim_class *cls, u32 idx,
			      struct hv_guid *g)
{
	static const struct hv_guid azure_scsi =
		HV_GUID(0xf8, 0xb3, 0x78, 0x1a, 0x1e, 0x82, 0x48, 0x18,
			0xa1, 0xc3, 0x63, 0xd8, 0x06, 0xec, 0x15, 0xbb);
	static const struct hv_guid azure_ide =
		HV_GUID(0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x88, 0x99,
			0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
	const struct hv_guid ide = VMBUS_GUID_IDE;

	if (cls->azure_scsi && idx < 4) {
		*g = azure_scsi;
		g->b[0] += idx;		/* f8b3781a..d: scsi0..3 */
		return;
	}
	if (!memcmp(&cls->guid, &ide, sizeof(ide)) && idx < 2) {
		*g = azure_ide;
		g->b[4] = idx;		/* 0000: OS disk, 0001: resource */
		return;
	}
	*g = cls->guid;
	g->b[4] = idx & 0xff;
	g->b[5] = (idx >> 8) & 0xff;
	g->b[6] = 0x49;
	g->b[7] = 0x53;
	g->b[8] = 0x4d;
	g->b[9] = 0x48;
}

static void sim_fill_offer(struct sim_channel *ch, struct vmbus_chmsg_offer *o)
{
	memset(o, 0, sizeof(*o));
	o->header.type = VMBUS_CHMSG_OFFER;
	o->if_type = ch->cls->guid;
	o->if_instance = ch->instance;
	o->sub_channel_index = ch->subidx;
	o->child_relid = ch->relid;
	o->monitor_id = ch->monitor_id;	/* 0xff: no monitor allocated */
	if (ch->monitor_id < VMBUS_MONITOR_ID_COUNT)
		o->monitor_flags = VMBUS_OFFER_MONITOR_ALLOCATED;
	o->interrupt_flags = VMBUS_OFFER_DEDICATED_INTERRUPT;
	o->connection_id = SIM_CHAN_CONN_BASE + ch->relid;
}

/*
 * A monitor page the guest named in INITIATE_CONTACT, by its guest
 * physical address, or NULL. A Hyper-V page may sit inside a larger
 * kernel page.
 */
static struct vmbus_monitor_page *sim_monitor_page(u64 gpa)
{
	unsigned long pfn = gpa >> PAGE_SHIFT;

	if (!gpa || gpa % HV_PAGE_SIZE || !pfn_valid(pfn))
		return NULL;
	return page_address(pfn_to_page(pfn)) + offset_in_page(gpa);
}

/*
 * What the host keeps in both monitor pages for a monitored channel: its
 * trigger group enabled, its latency and the connection id a trigger
 * signals, as a host fills them in.
 */
static void sim_monitor_setup(struct sim_host *h, struct sim_channel *ch)
{
	u64 gpas[2] = { h->monitor_p2c, h->monitor_c2p };
	u32 grp = ch->monitor_id / VMBUS_MONITOR_GROUP_BITS;
	u32 bit = ch->monitor_id % VMBUS_MONITOR_GROUP_BITS;
	struct vmbus_monitor_page *mon;
	unsigned int i;

	if (ch->monitor_id >= VMBUS_MONITOR_ID_COUNT)
		return;
	for (i = 0; i < ARRAY_SIZE(gpas); i++) {
		mon = sim_monitor_page(gpas[i]);
		if (!mon)
			continue;
		WRITE_ONCE(mon->trigger_state,
			   READ_ONCE(mon->trigger_state) | BIT(grp));
		WRITE_ONCE(mon->latency[grp][bit], SIM_MONITOR_LATENCY);
		WRITE_ONCE(mon->parameter[grp][bit].connection_id,
			   SIM_CHAN_CONN_BASE + ch->relid);
		WRITE_ONCE(mon->parameter[grp][bit].flag_number, 0);
	}
}

/* The open channel with monitor id @id, or NULL. */
static struct sim_channel *sim_monitored(struct sim_host *h, u32 id)
{
	struct sim_channel *ch;

	list_for_each_entry(ch, &h->channels, node)
		if (ch->monitor_id == id && ch->state == SIM_CH_OPEN)
			return ch;
	return NULL;
}

/**
 * sim_monitor_work() - scan the guest's child-to-parent monitor page
 * @work: the host's monitor_work
 *
 * A guest signals a monitored channel by setting its bit in a trigger
 * group's pending word; the host takes the word and serves each channel
 * whose bit was set, as if it had been signalled. Runs while connected
 * with monitor pages.
 */
void sim_monitor_work(struct work_struct *work)
{
	struct sim_host *h = container_of(to_delayed_work(work),
					  struct sim_host, monitor_work);
	struct vmbus_monitor_page *mon;
	struct sim_channel *ch;
	unsigned long pending;
	unsigned int grp, bit;

	mutex_lock(&h->lock);
	mon = sim_monitor_page(h->monitor_c2p);
	for (grp = 0; mon && grp < VMBUS_MONITOR_GROUP_COUNT; grp++) {
		pending = xchg(&mon->trigger_group[grp].pending, 0);
		for_each_set_bit(bit, &pending, VMBUS_MONITOR_GROUP_BITS) {
			ch = sim_monitored(h, grp * VMBUS_MONITOR_GROUP_BITS + bit);
			if (!ch)
				continue;
			h->stats.monitor_signals++;
			sim_kick_channel(h, ch);
		}
	}
	if (mon && !h->stopping)
		queue_delayed_work(h->wq, &h->monitor_work, SIM_MONITOR_PERIOD);
	mutex_unlock(&h->lock);
}

static void sim_offer(struct sim_host *h, struct sim_channel *ch)
{
	struct vmbus_chmsg_offer o;
	u32 len = sizeof(o);

	sim_fill_offer(ch, &o);
	sim_monitor_setup(h, ch);
	if (h->version < VMBUS_VERSION_WIN7)
		len = VMBUS_CHMSG_OFFER_SIZE_PRE_WIN7;
	ch->state = SIM_CH_OFFERED;
	sim_send(h, &o, len);
}

static struct sim_channel *sim_new_channel(struct sim_host *h,
					   const struct sim_class *cls,
					   u32 idx, u16 subidx,
					   struct sim_channel *primary)
{
	struct sim_channel *ch;
	u32 relid;

	ch = kzalloc(sizeof(*ch), GFP_KERNEL);
	if (!ch)
		return NULL;
	relid = sim_alloc_relid(h);
	if (!relid) {
		kfree(ch);
		return NULL;
	}
	ch->cls = cls;
	ch->primary = primary;
	ch->index = idx;
	ch->subidx = subidx;
	ch->relid = relid;
	ch->monitor_id = 0xff;
	if (monitor) {
		ch->monitor_id = find_first_zero_bit(h->monitor_busy,
						     VMBUS_MONITOR_ID_COUNT);
		if (ch->monitor_id < VMBUS_MONITOR_ID_COUNT)
			set_bit(ch->monitor_id, h->monitor_busy);
	}
	ch->state = SIM_CH_IDLE;
	ch->target_vp = VMBUS_TARGET_VP_NONE;
	sim_instance_guid(cls, idx, &ch->instance);
	h->by_relid[relid] = ch;
	list_add_tail(&ch->node, &h->channels);
	h->nchannels++;
	return ch;
}

/**
 * sim_add_device() - configure a device: a primary channel and sub-channels
 * @h: the host, locked
 * @cls: its class
 * @nsub: sub-channels, offered right after the primary
 *
 * Offered at once when the guest has already asked for offers.
 */
int sim_add_device(struct sim_host *h, const struct sim_class *cls,
		   unsigned int nsub)
{
	struct sim_channel *primary, *ch;
	unsigned int i;
	u32 idx;

	if (h->nchannels + 1 + nsub > SIM_MAX_CHANNELS)
		return -ENOSPC;
	idx = h->class_next[cls - sim_classes]++;
	primary = sim_new_channel(h, cls, idx, 0, NULL);
	if (!primary)
		return -ENOMEM;
	for (i = 1; i <= nsub; i++)
		if (!sim_new_channel(h, cls, idx, i, primary))
			return -ENOMEM;

	if (!h->offers_sent)
		return 0;
	list_for_each_entry(ch, &h->channels, node)
		if ((ch == primary || ch->primary == primary) &&
		    ch->state == SIM_CH_IDLE)
			sim_offer(h, ch);
	return 0;
}

static bool sim_gone(const struct sim_channel *ch)
{
	return ch->state == SIM_CH_RESCINDED || ch->state == SIM_CH_RELEASED;
}

static int sim_reoffer_one(struct sim_host *h, struct sim_channel *ch);

/* The rescinded sub-channel of @primary with the lowest index, or NULL. */
static struct sim_channel *sim_gone_sub(struct sim_host *h,
					struct sim_channel *primary)
{
	struct sim_channel *ch, *best = NULL;

	list_for_each_entry(ch, &h->channels, node)
		if (ch->primary == primary && sim_gone(ch) &&
		    (!best || ch->subidx < best->subidx))
			best = ch;
	return best;
}

/**
 * sim_add_subchannels() - offer sub-channels of a primary at run time
 * @h: the host, locked
 * @primary: a primary channel the guest knows
 * @count: how many sub-channels the primary should have
 *
 * Sub-channels the primary has and the guest has not lost count towards
 * @count, so repeating a request offers nothing twice; as OpenVMM's
 * ChannelControl::enable_subchannels() ("enables the first count
 * subchannels"; vm/devices/vmbus/vmbus_channel/src/channel.rs). Rescinded
 * sub-channels are offered again first, with their index, lowest first;
 * new ones get the next sub-channel indexes and the primary's instance
 * GUID.
 *
 * Return: how many were offered, or a negative error.
 */
int sim_add_subchannels(struct sim_host *h, struct sim_channel *primary,
			unsigned int count)
{
	unsigned int have = 0, added = 0;
	struct sim_channel *ch;
	u16 next = 1;
	int ret;

	if (primary->primary || sim_gone(primary) ||
	    count > SIM_MAX_SUBCHANNELS)
		return -EINVAL;
	list_for_each_entry(ch, &h->channels, node) {
		if (ch->primary != primary)
			continue;
		next = max_t(u16, next, ch->subidx + 1);
		have += !sim_gone(ch);
	}
	/* Rescinded ones come back first, lowest index first. */
	while (have + added < count && (ch = sim_gone_sub(h, primary))) {
		ret = sim_reoffer_one(h, ch);
		if (ret)
			return ret;
		added++;
	}
	for (; have + added < count; added++) {
		if (h->nchannels >= SIM_MAX_CHANNELS)
			return -ENOSPC;
		ch = sim_new_channel(h, primary->cls, primary->index, next++,
				     primary);
		if (!ch)
			return -ENOMEM;
		ch->instance = primary->instance;
		if (h->offers_sent)
			sim_offer(h, ch);
	}
	return added;
}

/**
 * sim_add_subchannel_at() - offer one sub-channel with a chosen index
 * @h: the host, locked
 * @primary: a primary channel the guest knows
 * @index: its sub-channel index, however large (a fault)
 *
 * Return: 0 or a negative error.
 */
int sim_add_subchannel_at(struct sim_host *h, struct sim_channel *primary,
			  u16 index)
{
	struct sim_channel *ch;

	if (primary->primary || sim_gone(primary) || !index)
		return -EINVAL;
	if (h->nchannels >= SIM_MAX_CHANNELS)
		return -ENOSPC;
	ch = sim_new_channel(h, primary->cls, primary->index, index, primary);
	if (!ch)
		return -ENOMEM;
	ch->instance = primary->instance;
	if (h->offers_sent)
		sim_offer(h, ch);
	return 0;
}

void sim_free_channels(struct sim_host *h)
{
	struct sim_channel *ch, *tmp;

	list_for_each_entry_safe(ch, tmp, &h->channels, node) {
		sim_chan_stop(h, ch);
		list_del(&ch->node);
		kfree(ch);
	}
	memset(h->by_relid, 0, sizeof(h->by_relid));
	h->nchannels = 0;
}

/* The guest no longer knows @ch's relid. */
static void sim_forget_relid(struct sim_host *h, struct sim_channel *ch)
{
	h->by_relid[ch->relid] = NULL;
	clear_bit(ch->relid, h->relid_busy);
	ch->state = SIM_CH_RELEASED;
}

static void sim_rescind_one(struct sim_host *h, struct sim_channel *ch)
{
	struct vmbus_chmsg_rescind r = {
		.header.type = VMBUS_CHMSG_RESCIND,
		.child_relid = ch->relid,
	};

	sim_chan_stop(h, ch);
	if (ch->state == SIM_CH_IDLE) {
		sim_forget_relid(h, ch);
		return;
	}
	ch->state = SIM_CH_RESCINDED;
	sim_send(h, &r, sizeof(r));
}

/* Rescind @primary's sub-channels the guest still knows. */
static void sim_rescind_subs(struct sim_host *h, struct sim_channel *primary)
{
	struct sim_channel *sub;

	list_for_each_entry(sub, &h->channels, node)
		if (sub->primary == primary && sub->relid < SIM_MAX_RELID &&
		    h->by_relid[sub->relid] == sub &&
		    sub->state != SIM_CH_RESCINDED)
			sim_rescind_one(h, sub);
}

/**
 * sim_rescind() - take a channel (and a primary's sub-channels) away
 * @h: the host, locked
 * @relid: the channel's relid
 *
 * The host stops using the rings at once; the relid stays taken until the
 * guest sends RELID_RELEASED.
 */
int sim_rescind(struct sim_host *h, u32 relid)
{
	struct sim_channel *ch;

	ch = relid < SIM_MAX_RELID ? h->by_relid[relid] : NULL;
	if (!ch || ch->state == SIM_CH_RESCINDED)
		return -ENOENT;
	if (!ch->primary)
		sim_rescind_subs(h, ch);
	sim_rescind_one(h, ch);
	return 0;
}

static int sim_reoffer_one(struct sim_host *h, struct sim_channel *ch)
{
	u32 relid = sim_alloc_relid(h);

	if (!relid)
		return -ENOSPC;
	/* A rescinded relid stays taken until the guest releases it. */
	if (ch->state == SIM_CH_RESCINDED)
		h->by_relid[ch->relid] = NULL;
	ch->relid = relid;
	ch->state = SIM_CH_IDLE;
	ch->broken = false;
	h->by_relid[relid] = ch;
	if (h->offers_sent)
		sim_offer(h, ch);
	return 0;
}

/**
 * sim_reoffer() - offer a rescinded channel again under a fresh relid
 * @h: the host, locked
 * @relid: the relid it was rescinded under
 *
 * A primary brings its rescinded sub-channels back with it.
 */
int sim_reoffer(struct sim_host *h, u32 relid)
{
	struct sim_channel *ch = NULL, *it;
	int ret;

	list_for_each_entry(it, &h->channels, node)
		if (it->relid == relid && sim_gone(it))
			ch = it;
	if (!ch)
		return -ENOENT;
	if (ch->primary && sim_gone(ch->primary))
		return -EINVAL;
	ret = sim_reoffer_one(h, ch);
	if (ret || ch->primary)
		return ret;
	list_for_each_entry(it, &h->channels, node)
		if (it->primary == ch && sim_gone(it)) {
			ret = sim_reoffer_one(h, it);
			if (ret)
				return ret;
		}
	return 0;
}

/**
 * sim_reset() - forget the connection, as after UNLOAD or a new contact
 * @h: the host, locked
 *
 * Channels the guest knew go back to "not offered" under the same relid;
 * rescinded ones count as released; every GPADL goes.
 */
static void sim_reset(struct sim_host *h)
{
	struct sim_channel *ch;
	struct sim_gpadl *g;

	list_for_each_entry(g, &h->gpadls, node)
		g->teardown_pending = false;
	list_for_each_entry(ch, &h->channels, node) {
		sim_chan_stop(h, ch);
		if (ch->state == SIM_CH_RESCINDED)
			sim_forget_relid(h, ch);
		else if (ch->state != SIM_CH_RELEASED)
			ch->state = SIM_CH_IDLE;
	}
	/* Relids of re-offered channels that were never released */
	bitmap_zero(h->relid_busy, SIM_MAX_RELID);
	list_for_each_entry(ch, &h->channels, node)
		if (h->by_relid[ch->relid] == ch)
			set_bit(ch->relid, h->relid_busy);
	sim_gpadls_free(h);
	h->version = 0;
	h->features = 0;
	h->monitor_p2c = 0;
	h->monitor_c2p = 0;
	h->offers_sent = false;
}

/* ---- message handlers ------------------------------------------------- */

static void sim_send_version_response(struct sim_host *h, bool ok, u8 state,
				      u32 version, u32 feats)
{
	struct vmbus_chmsg_version_response_v6 r = {};
	u32 len = sizeof(r.base);

	r.base.header.type = VMBUS_CHMSG_VERSION_RESPONSE;
	/* Before Win8 a failure cannot be reported: refuse the version. */
	if (ok && (state == VMBUS_CONN_STATE_SUCCESS ||
		   version >= VMBUS_VERSION_WIN8)) {
		r.base.version_supported = 1;
		r.base.connection_state = state;
		r.base.msg_conn_id = version >= VMBUS_VERSION_V5_0 ?
				     SIM_MSG_CONN_ID : version;
		if (version >= VMBUS_VERSION_V6_0) {
			r.supported_features = feats;
			len = sizeof(r);
		}
	}
	if (h->faults.short_version) {
		h->faults.short_version = false;
		h->stats.malformed++;
		len = offsetof(struct vmbus_chmsg_version_response,
			       connection_state);
		pr_info("fault: VERSION_RESPONSE cut to %u bytes\n", len);
	}
	sim_send(h, &r, len);
}

static bool sim_version_ok(u32 version)
{
	return sim_version_known(version) &&
	       version <= sim_version_limit_max() &&
	       version >= sim_version_limit_min();
}

static u32 sim_grant_features(struct sim_host *h,
			      const struct vmbus_chmsg_initiate_contact_v6 *ic,
			      u32 len)
{
	u32 want = ic->base.feature_flags;
	u32 feats = want & sim_feature_mask();

	/* The client id form is told apart by its size. */
	if ((feats & VMBUS_FEATURE_CLIENT_ID) && len < sizeof(*ic))
		feats &= ~VMBUS_FEATURE_CLIENT_ID;
	if (feats & VMBUS_FEATURE_CLIENT_ID)
		h->client_id = ic->client_id;
	if (feats != want)
		pr_info("guest asked for features %#x, granted %#x\n",
			want, feats);
	return feats;
}

static void sim_on_initiate_contact(struct sim_host *h, const void *msg,
				    u32 len)
{
	const struct vmbus_chmsg_initiate_contact_v6 *ic6 = msg;
	const struct vmbus_chmsg_initiate_contact *ic = &ic6->base;
	u8 state = VMBUS_CONN_STATE_SUCCESS;
	u32 version = ic->version;
	u32 vp, feats = 0;

	/* A new contact while connected drops the old connection. */
	if (h->version)
		sim_reset(h);

	/* Messages went to VP 0 until Windows 8.1. */
	vp = version >= VMBUS_VERSION_WIN8_1 ? ic->target_vp : 0;
	if (!sim_vp_ok(vp)) {
		sim_bad(h, "INITIATE_CONTACT targets VP %u\n", vp);
		h->msg_cpu = 0;
		sim_send_version_response(h, false, 0, version, 0);
		return;
	}
	h->msg_cpu = vp;

	if (!sim_version_ok(version)) {
		pr_info("refusing VMBus version %u.%u\n",
			VMBUS_VERSION_MAJOR(version), VMBUS_VERSION_MINOR(version));
		sim_send_version_response(h, false, 0, version, 0);
		return;
	}
	if (version >= VMBUS_VERSION_V5_0 &&
	    (ic->msg_sint != VMBUS_MSG_SINT || ic->msg_vtl)) {
		sim_bad(h, "INITIATE_CONTACT for SINT %u VTL %u\n",
			ic->msg_sint, ic->msg_vtl);
		sim_send_version_response(h, false, 0, version, 0);
		return;
	}
	/* Both monitor pages or neither. */
	if (!ic->monitor_page_p2c != !ic->monitor_page_c2p) {
		sim_bad(h, "INITIATE_CONTACT with one monitor page\n");
		state = VMBUS_CONN_STATE_UNKNOWN_FAILURE;
	}
	if (version >= VMBUS_VERSION_V6_0)
		feats = sim_grant_features(h, ic6, len);

	if (state == VMBUS_CONN_STATE_SUCCESS) {
		h->version = version;
		h->features = feats;
		h->monitor_p2c = ic->monitor_page_p2c;
		h->monitor_c2p = ic->monitor_page_c2p;
		if (monitor)
			mod_delayed_work(h->wq, &h->monitor_work, 0);
		pr_info("guest connected: VMBus %u.%u, messages to VP %u, features %#x\n",
			VMBUS_VERSION_MAJOR(version),
			VMBUS_VERSION_MINOR(version), vp, feats);
	}
	sim_send_version_response(h, true, state, version, feats);
}

static void sim_on_request_offers(struct sim_host *h, const void *msg, u32 len)
{
	struct vmbus_chmsg_all_offers_delivered done = {
		.header.type = VMBUS_CHMSG_ALL_OFFERS_DELIVERED,
	};
	struct sim_channel *ch;

	if (h->offers_sent) {
		sim_bad(h, "REQUEST_OFFERS twice\n");
		return;
	}
	h->offers_sent = true;
	list_for_each_entry(ch, &h->channels, node)
		if (ch->state == SIM_CH_IDLE && h->by_relid[ch->relid] == ch)
			sim_offer(h, ch);
	sim_send(h, &done, sizeof(done));
}

static int sim_open(struct sim_host *h, struct sim_channel *ch,
		    const struct vmbus_chmsg_open_channel *oc)
{
	struct sim_gpadl *g;
	int ret;

	if (ch->state == SIM_CH_OPEN) {
		sim_bad(h, "OPEN_CHANNEL: relid %u is already open\n", ch->relid);
		return -EBUSY;
	}
	if (h->stopping)
		return -ESHUTDOWN;
	if (oc->target_vp != VMBUS_TARGET_VP_NONE && !sim_vp_ok(oc->target_vp)) {
		sim_bad(h, "OPEN_CHANNEL: relid %u targets VP %u\n",
			ch->relid, oc->target_vp);
		return -EINVAL;
	}
	g = sim_gpadl_find(h, oc->ring_gpadl);
	if (!g || !g->complete || g->relid != ch->relid || g->in_use ||
	    g->teardown_pending) {
		sim_bad(h, "OPEN_CHANNEL: relid %u: GPADL %#x is not usable\n",
			ch->relid, oc->ring_gpadl);
		return -EINVAL;
	}
	ret = sim_chan_start(h, ch, g, oc->downstream_ring_offset);
	if (ret)
		return ret;
	ch->target_vp = oc->target_vp;
	ch->state = SIM_CH_OPEN;
	return 0;
}

static void sim_on_open_channel(struct sim_host *h, const void *msg, u32 len)
{
	const struct vmbus_chmsg_open_channel *oc = msg;
	struct vmbus_chmsg_open_result r = {
		.header.type = VMBUS_CHMSG_OPEN_RESULT,
		.child_relid = oc->child_relid,
		.open_id = oc->open_id,
	};
	struct sim_channel *ch = sim_live_channel(h, oc->child_relid);

	if (!ch) {
		sim_bad(h, "OPEN_CHANNEL for unknown relid %u\n", oc->child_relid);
		return;
	}
	/* The host has forgotten a rescinded channel: no answer. */
	if (ch->state == SIM_CH_RESCINDED)
		return;
	if (sim_open(h, ch, oc))
		r.status = SIM_STATUS_UNSUCCESSFUL;
	sim_send(h, &r, sizeof(r));
	if (!r.status)
		sim_kick_channel(h, ch);
}

static void sim_on_close_channel(struct sim_host *h, const void *msg, u32 len)
{
	const struct vmbus_chmsg_close_channel *cc = msg;
	struct sim_channel *ch = sim_live_channel(h, cc->child_relid);

	if (!ch) {
		sim_bad(h, "CLOSE_CHANNEL for unknown relid %u\n", cc->child_relid);
		return;
	}
	if (ch->state == SIM_CH_RESCINDED)
		return;
	if (ch->state != SIM_CH_OPEN) {
		sim_bad(h, "CLOSE_CHANNEL: relid %u is not open\n", ch->relid);
		return;
	}
	sim_chan_stop(h, ch);
	ch->state = SIM_CH_OFFERED;
	if (!ch->primary && ch->cls->model &&
	    ch->cls->model->close_revokes_subchannels)
		sim_rescind_subs(h, ch);
}

static void sim_on_relid_released(struct sim_host *h, const void *msg, u32 len)
{
	const struct vmbus_chmsg_relid_released *rr = msg;
	u32 relid = rr->child_relid;
	struct sim_channel *ch;

	if (relid == 0 || relid >= SIM_MAX_RELID) {
		sim_bad(h, "RELID_RELEASED for relid %u\n", relid);
		return;
	}
	ch = h->by_relid[relid];
	if (!ch) {
		/* The old relid of a channel re-offered before release */
		if (!test_and_clear_bit(relid, h->relid_busy))
			sim_bad(h, "RELID_RELEASED for unknown relid %u\n", relid);
		sim_gpadls_drop_relid(h, relid);
		return;
	}
	switch (ch->state) {
	case SIM_CH_RESCINDED:
		sim_forget_relid(h, ch);
		sim_gpadls_drop_relid(h, relid);
		break;
	case SIM_CH_OFFERED:
		/* The guest does not want it: offered again on reconnect. */
		ch->state = SIM_CH_IDLE;
		sim_gpadls_drop_relid(h, relid);
		break;
	default:
		sim_bad(h, "RELID_RELEASED for %s relid %u\n",
			sim_state_name(ch->state), relid);
	}
}

static void sim_on_unload(struct sim_host *h, const void *msg, u32 len)
{
	struct vmbus_chmsg_unload_response r = {
		.header.type = VMBUS_CHMSG_UNLOAD_RESPONSE,
	};

	sim_reset(h);
	pr_info("guest unloaded\n");
	sim_send(h, &r, sizeof(r));
}

static void sim_on_modify_channel(struct sim_host *h, const void *msg, u32 len)
{
	const struct vmbus_chmsg_modify_channel *mc = msg;
	struct vmbus_chmsg_modify_channel_response r = {
		.header.type = VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE,
		.child_relid = mc->child_relid,
	};
	struct sim_channel *ch = sim_live_channel(h, mc->child_relid);

	if (!ch || ch->state != SIM_CH_OPEN || !sim_vp_ok(mc->target_vp)) {
		sim_bad(h, "MODIFY_CHANNEL relid %u to VP %u refused\n",
			mc->child_relid, mc->target_vp);
		r.status = SIM_STATUS_UNSUCCESSFUL;
	} else {
		ch->target_vp = mc->target_vp;
	}
	if (h->version >= VMBUS_VERSION_V5_3)
		sim_send(h, &r, sizeof(r));
}

static void sim_on_modify_connection(struct sim_host *h, const void *msg,
				     u32 len)
{
	const struct vmbus_chmsg_modify_connection *mc = msg;
	struct vmbus_chmsg_modify_connection_response r = {
		.header.type = VMBUS_CHMSG_MODIFY_CONNECTION_RESPONSE,
		.connection_state = VMBUS_CONN_STATE_SUCCESS,
	};

	if (!(h->features & VMBUS_FEATURE_MODIFY_CONNECTION)) {
		sim_bad(h, "MODIFY_CONNECTION without the feature\n");
		return;
	}
	if (!mc->monitor_page_p2c != !mc->monitor_page_c2p) {
		sim_bad(h, "MODIFY_CONNECTION with one monitor page\n");
		r.connection_state = VMBUS_CONN_STATE_UNKNOWN_FAILURE;
	} else {
		h->monitor_p2c = mc->monitor_page_p2c;
		h->monitor_c2p = mc->monitor_page_c2p;
	}
	sim_send(h, &r, sizeof(r));
}

/* No hv_sock service here: refuse, as a host does (4.1+). */
static void sim_on_tl_connect(struct sim_host *h, const void *msg, u32 len)
{
	const struct vmbus_chmsg_tl_connect_request *tl = msg;
	struct vmbus_chmsg_tl_connect_result r = {
		.header.type = VMBUS_CHMSG_TL_CONNECT_RESULT,
		.guest_endpoint_id = tl->guest_endpoint_id,
		.host_service_id = tl->host_service_id,
		.status = SIM_STATUS_CONNECTION_REFUSED,
	};

	if (h->version >= VMBUS_VERSION_V4_1)
		sim_send(h, &r, sizeof(r));
}

struct sim_handler {
	u32 min_len;
	u32 min_version;
	void (*fn)(struct sim_host *h, const void *msg, u32 len);
};

#define SIM_HANDLER(type, msgtype, version, handler)			\
	[VMBUS_CHMSG_##type] = { sizeof(struct msgtype), version, handler }

static const struct sim_handler sim_handlers[VMBUS_CHMSG_COUNT] = {
	SIM_HANDLER(REQUEST_OFFERS, vmbus_chmsg_request_offers, 0,
		    sim_on_request_offers),
	SIM_HANDLER(OPEN_CHANNEL, vmbus_chmsg_open_channel, 0,
		    sim_on_open_channel),
	SIM_HANDLER(CLOSE_CHANNEL, vmbus_chmsg_close_channel, 0,
		    sim_on_close_channel),
	SIM_HANDLER(GPADL_HEADER, vmbus_chmsg_gpadl_header, 0,
		    sim_on_gpadl_header),
	SIM_HANDLER(GPADL_BODY, vmbus_chmsg_gpadl_body, 0, sim_on_gpadl_body),
	SIM_HANDLER(GPADL_TEARDOWN, vmbus_chmsg_gpadl_teardown, 0,
		    sim_on_gpadl_teardown),
	SIM_HANDLER(RELID_RELEASED, vmbus_chmsg_relid_released, 0,
		    sim_on_relid_released),
	SIM_HANDLER(INITIATE_CONTACT, vmbus_chmsg_initiate_contact, 0,
		    sim_on_initiate_contact),
	SIM_HANDLER(UNLOAD, vmbus_chmsg_unload, 0, sim_on_unload),
	SIM_HANDLER(TL_CONNECT_REQUEST, vmbus_chmsg_tl_connect_request,
		    VMBUS_VERSION_WIN10, sim_on_tl_connect),
	SIM_HANDLER(MODIFY_CHANNEL, vmbus_chmsg_modify_channel,
		    VMBUS_VERSION_V4_1, sim_on_modify_channel),
	SIM_HANDLER(MODIFY_CONNECTION, vmbus_chmsg_modify_connection,
		    VMBUS_VERSION_V6_0, sim_on_modify_connection),
};

/*
 * Connection ids: INITIATE_CONTACT comes on 4 from 5.0 and on 1 before;
 * once connected, 5.0+ guests use the id from VERSION_RESPONSE and older
 * ones 1. UNLOAD is accepted on any message connection.
 */
static bool sim_conn_id_ok(struct sim_host *h, u32 type, u32 conn_id,
			   const void *msg)
{
	const struct vmbus_chmsg_initiate_contact *ic = msg;

	if (type == VMBUS_CHMSG_INITIATE_CONTACT)
		return conn_id == (ic->version >= VMBUS_VERSION_V5_0 ?
				   VMBUS_CONN_ID_MSG_V5 : VMBUS_CONN_ID_MSG);
	if (type == VMBUS_CHMSG_UNLOAD && !h->version)
		return true;
	return conn_id == (h->version >= VMBUS_VERSION_V5_0 ?
			   SIM_MSG_CONN_ID : VMBUS_CONN_ID_MSG);
}

/**
 * sim_handle_msg() - act on one channel message from the guest
 * @h: the host, locked
 * @conn_id: the connection id it was posted on
 * @msg: a private copy of the message
 * @len: its size, at most HV_SYNIC_MSG_PAYLOAD_MAX
 */
void sim_handle_msg(struct sim_host *h, u32 conn_id, const void *msg, u32 len)
{
	const struct vmbus_chmsg_header *hdr = msg;
	const struct sim_handler *hd;
	u32 type;

	if (len < sizeof(*hdr)) {
		sim_bad(h, "message of %u bytes\n", len);
		return;
	}
	type = hdr->type;
	hd = type < VMBUS_CHMSG_COUNT ? &sim_handlers[type] : NULL;
	if (!hd || !hd->fn) {
		sim_bad(h, "message type %u not handled by a host\n", type);
		return;
	}
	if (len < hd->min_len) {
		sim_bad(h, "message type %u: %u bytes, need %u\n",
			type, len, hd->min_len);
		return;
	}
	if (type != VMBUS_CHMSG_INITIATE_CONTACT && type != VMBUS_CHMSG_UNLOAD) {
		if (!h->version) {
			sim_bad(h, "message type %u before contact\n", type);
			return;
		}
		if (h->version < hd->min_version) {
			sim_bad(h, "message type %u needs a newer VMBus\n", type);
			return;
		}
	}
	if (!sim_conn_id_ok(h, type, conn_id, msg)) {
		sim_bad(h, "message type %u on connection id %#x\n", type,
			conn_id);
		return;
	}
	if (sim_rescind_on_msg(h, type, msg))
		return;
	hd->fn(h, msg, len);
}
