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
 * and a signal for relids 1 to SIM_STORM_SIGNALS (a channel of ours on its
 * target CPU only, as a host signals; any other relid on every online
 * CPU), whatever state the connection is in, until "storm 0", "clear" or the
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
	struct sim_channel *ch;
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
	for (relid = 1; relid <= SIM_STORM_SIGNALS; relid++) {
		ch = h->by_relid[relid];
		if (ch && ch->target_vp != VMBUS_TARGET_VP_NONE) {
			vmbus_sim_signal_guest(ch->target_vp, relid);
			continue;
		}
		for_each_online_cpu(cpu)
			vmbus_sim_signal_guest(cpu, relid);
	}
	mutex_unlock(&h->lock);
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

static void sim_fault_clear(struct sim_host *h)
{
	struct sim_channel *ch;

	h->faults.delay_ms = 0;
	h->faults.drop_mask = 0;
	h->faults.dup_mask = 0;
	h->faults.lose_irq = 0;
	h->faults.short_version = false;
	atomic_set(&h->faults.busy_post, 0);
	h->faults.storm = false;
	list_for_each_entry(ch, &h->channels, node) {
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
	char *argv[3] = {}, *tok;
	struct sim_channel *ch;
	unsigned int argc = 0;
	u32 n;
	int ret;

	while (argc < ARRAY_SIZE(argv) && (tok = strsep(&line, " \t:=")))
		if (*tok)
			argv[argc++] = tok;
	if (!argc)
		return 0;
	if (line && *strim(line))
		return -E2BIG;

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
	if (!strcmp(argv[0], "malformed"))
		return argv[1] ? sim_malformed(h, argv[1]) : -EINVAL;
	if (!strcmp(argv[0], "corrupt_ring")) {
		ret = sim_parse_relid(argv[1], h, &ch);
		return ret ?: argv[2] ? sim_corrupt_ring(h, ch, argv[2]) : -EINVAL;
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
	char *cmd;
	int ret;

	while ((cmd = strsep(&text, "\n;,"))) {
		ret = sim_fault_cmd(h, cmd);
		if (ret) {
			pr_warn("fault command '%s' failed: %d\n", cmd, ret);
			return ret;
		}
	}
	return 0;
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
	seq_printf(m, "storm %d (%lu rounds)\n", h->faults.storm,
		   h->faults.storm_ticks);
	list_for_each_entry(ch, &h->channels, node)
		if (ch->stalled)
			seq_printf(m, "stall %u\n", ch->relid);
}
