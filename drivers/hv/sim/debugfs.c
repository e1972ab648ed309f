// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/hv_sim/: the test's handle on the simulated host.
 * channels and stats to read; rescind, reoffer, offer, subchannels and
 * fault to write.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "host.h"

static int sim_channels_show(struct seq_file *m, void *unused)
{
	struct sim_host *h = m->private;
	struct sim_channel *ch;

	mutex_lock(&h->lock);
	list_for_each_entry(ch, &h->channels, node) {
		seq_printf(m, "%u %s %pUl %u %s %llu %llu", ch->relid,
			   ch->cls->name, ch->instance.b, ch->subidx,
			   sim_state_name(ch->state), ch->pkts_in, ch->pkts_out);
		if (ch->state == SIM_CH_OPEN &&
		    ch->target_vp != VMBUS_TARGET_VP_NONE)
			seq_printf(m, " vp=%u", ch->target_vp);
		if (ch->monitor_id < VMBUS_MONITOR_ID_COUNT)
			seq_printf(m, " mon=%u", ch->monitor_id);
		if (ch->stalled)
			seq_puts(m, " stalled");
		if (ch->signal_vps)
			seq_printf(m, " signal_vps=%#lx", ch->signal_vps);
		if (ch->signal_every)
			seq_puts(m, " signal_every");
		if (ch->broken)
			seq_puts(m, " broken");
		if (ch->waiting)
			seq_puts(m, " ring-full");
		seq_putc(m, '\n');
	}
	mutex_unlock(&h->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_channels);

#define SIM_STAT(name, val)	seq_printf(m, "%s %lu\n", name, (unsigned long)(val))

static int sim_stats_show(struct seq_file *m, void *unused)
{
	struct sim_host *h = m->private;
	struct sim_stats *s = &h->stats;

	mutex_lock(&h->lock);
	seq_printf(m, "version %u.%u\n", VMBUS_VERSION_MAJOR(h->version),
		   VMBUS_VERSION_MINOR(h->version));
	seq_printf(m, "features %#x\n", h->features);
	SIM_STAT("msg_cpu", h->msg_cpu);
	SIM_STAT("msgs_in", atomic_long_read(&s->msgs_in));
	SIM_STAT("msgs_out", s->msgs_out);
	SIM_STAT("rx_full", atomic_long_read(&s->rx_full));
	SIM_STAT("bad_posts", atomic_long_read(&s->bad_posts));
	SIM_STAT("bad_msgs", s->bad_msgs);
	SIM_STAT("msg_busy", s->msg_busy);
	SIM_STAT("eoms", atomic_long_read(&s->eoms));
	SIM_STAT("eom_timeouts", s->eom_timeouts);
	SIM_STAT("deliver_errors", s->deliver_errors);
	SIM_STAT("signals_in", atomic_long_read(&s->signals_in));
	SIM_STAT("fast_runs", atomic_long_read(&s->fast_runs));
	SIM_STAT("bad_signals", atomic_long_read(&s->bad_signals));
	SIM_STAT("signals_out", s->signals_out);
	SIM_STAT("signals_spread", s->signals_spread);
	SIM_STAT("irqs_lost", s->irqs_lost);
	SIM_STAT("dropped", s->dropped);
	SIM_STAT("duplicated", s->duplicated);
	SIM_STAT("malformed", s->malformed);
	SIM_STAT("relids_held", bitmap_weight(h->relid_busy, SIM_MAX_RELID));
	SIM_STAT("gpadls", h->ngpadls);
	SIM_STAT("gpadls_created", s->gpadls_created);
	SIM_STAT("gpadls_refused", s->gpadls_refused);
	SIM_STAT("gpadls_torn_down", s->gpadls_torn_down);
	SIM_STAT("ring_errors", s->ring_errors);
	SIM_STAT("ring_drops", s->ring_drops);
	SIM_STAT("pending_waits", s->pending_waits);
	SIM_STAT("monitor_signals", s->monitor_signals);
	mutex_unlock(&h->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_stats);

static int sim_cmd_rescind(struct sim_host *h, char *buf)
{
	u32 relid;

	if (kstrtou32(strim(buf), 0, &relid))
		return -EINVAL;
	return sim_rescind(h, relid);
}

static int sim_cmd_reoffer(struct sim_host *h, char *buf)
{
	u32 relid;

	if (kstrtou32(strim(buf), 0, &relid))
		return -EINVAL;
	return sim_reoffer(h, relid);
}

/* "class" or "class:N" for N sub-channels */
static int sim_cmd_offer(struct sim_host *h, char *buf)
{
	const struct sim_class *cls;
	char *name = strim(buf), *colon = strchr(name, ':');
	unsigned int nsub = 0;

	if (colon) {
		*colon = '\0';
		if (kstrtouint(colon + 1, 0, &nsub) || nsub > SIM_MAX_SUBCHANNELS)
			return -EINVAL;
	}
	cls = sim_class_find(name);
	return cls ? sim_add_device(h, cls, nsub) : -EINVAL;
}

/* "RELID N": give that primary N sub-channels, as a device model does */
static int sim_cmd_subchannels(struct sim_host *h, char *buf)
{
	struct sim_channel *ch;
	u32 relid, count;
	int ret;

	if (sscanf(buf, "%u %u", &relid, &count) != 2)
		return -EINVAL;
	ch = sim_live_channel(h, relid);
	if (!ch)
		return -ENOENT;
	ret = sim_add_subchannels(h, ch, count);
	return ret < 0 ? ret : 0;
}

#define SIM_WRITE_FOPS(name)						\
static ssize_t sim_##name##_write(struct file *file,			\
				  const char __user *ubuf,		\
				  size_t len, loff_t *ppos)		\
{									\
	return sim_cmd_write(file_inode(file)->i_private, ubuf, len,	\
			     sim_cmd_##name);				\
}									\
static const struct file_operations sim_##name##_fops = {		\
	.owner = THIS_MODULE,						\
	.open = simple_open,						\
	.write = sim_##name##_write,					\
	.llseek = noop_llseek,						\
}

SIM_WRITE_FOPS(rescind);
SIM_WRITE_FOPS(reoffer);
SIM_WRITE_FOPS(offer);
SIM_WRITE_FOPS(subchannels);

static int sim_fault_read_show(struct seq_file *m, void *unused)
{
	struct sim_host *h = m->private;

	mutex_lock(&h->lock);
	sim_fault_show(h, m);
	mutex_unlock(&h->lock);
	return 0;
}

static int sim_fault_open_rw(struct inode *inode, struct file *file)
{
	return single_open(file, sim_fault_read_show, inode->i_private);
}

static ssize_t sim_fault_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	return sim_cmd_write(file_inode(file)->i_private, ubuf, len,
			     sim_fault_cmds);
}

static const struct file_operations sim_fault_fops = {
	.owner = THIS_MODULE,
	.open = sim_fault_open_rw,
	.read = seq_read,
	.write = sim_fault_write,
	.llseek = seq_lseek,
	.release = single_release,
};

void sim_debugfs_init(struct sim_host *h)
{
	struct dentry *d = debugfs_create_dir("hv_sim", NULL);

	h->debugfs = d;
	debugfs_create_file("channels", 0444, d, h, &sim_channels_fops);
	debugfs_create_file("stats", 0444, d, h, &sim_stats_fops);
	debugfs_create_file("fault", 0644, d, h, &sim_fault_fops);
	debugfs_create_file("rescind", 0200, d, h, &sim_rescind_fops);
	debugfs_create_file("reoffer", 0200, d, h, &sim_reoffer_fops);
	debugfs_create_file("offer", 0200, d, h, &sim_offer_fops);
	debugfs_create_file("subchannels", 0200, d, h, &sim_subchannels_fops);
}

void sim_debugfs_exit(struct sim_host *h)
{
	debugfs_remove_recursive(h->debugfs);
	h->debugfs = NULL;
}
