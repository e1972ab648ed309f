// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/hv_sim/net/: netvsp's counters and state to read,
 * link and fault commands to write (Documentation/sim.rst). Everything
 * under the host's lock.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/netdevice.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "../host.h"
#include "netvsp.h"

static struct sim_host *nvs_dbg_host;

#define NVS_S(name)	{ #name, offsetof(struct nvs_stats, name) }

static const struct {
	const char *name;
	size_t off;
} nvs_stat_names[] = {
	NVS_S(tx_packets), NVS_S(tx_bytes), NVS_S(tx_csum), NVS_S(tx_lso),
	NVS_S(tx_vlan), NVS_S(tx_gpa_direct), NVS_S(tx_sections),
	NVS_S(tx_dropped), NVS_S(rx_packets), NVS_S(rx_bytes), NVS_S(rx_csum),
	NVS_S(rx_rsc), NVS_S(rx_rsc_frags), NVS_S(rx_segmented), NVS_S(rx_vlan),
	NVS_S(rx_dropped_filter), NVS_S(rx_dropped_full),
	NVS_S(rx_dropped_big), NVS_S(rx_dropped_backlog), NVS_S(rx_no_queue),
	NVS_S(rx_completions), NVS_S(ctrl_requests), NVS_S(ctrl_queued),
	NVS_S(indications), NVS_S(completions), NVS_S(completions_dropped),
	NVS_S(completions_delayed), NVS_S(bad_packets), NVS_S(out_of_order),
	NVS_S(versions_refused), NVS_S(subchannels), NVS_S(send_tables),
	NVS_S(malformed), NVS_S(bogus_completions), NVS_S(refused),
};

static void nvs_stats_one(struct nvs_nic *nic, struct seq_file *m)
{
	const u8 *base = (const u8 *)&nic->stats;
	unsigned int i;

	seq_printf(m, "nic %u\n", nic->index);
	for (i = 0; i < ARRAY_SIZE(nvs_stat_names); i++)
		seq_printf(m, "%s %llu\n", nvs_stat_names[i].name,
			   *(const u64 *)(base + nvs_stat_names[i].off));
}

static const char *const nvs_state_names[] = {
	[NVS_WAIT_INIT] = "init",
	[NVS_WAIT_BUFFERS] = "buffers",
	[NVS_READY] = "ready",
};

static const char *const nvs_rndis_names[] = {
	[NVS_RNDIS_UNINIT] = "uninit",
	[NVS_RNDIS_READY] = "ready",
	[NVS_RNDIS_HALTED] = "halted",
};

static void nvs_nics_one(struct nvs_nic *nic, struct seq_file *m)
{
	u32 i, open = 0;

	for (i = 0; i < NVS_MAX_QUEUES; i++)
		open += !!nic->q[i];
	seq_printf(m, "nic=%u port=%s mac=%pM cur_mac=%pM state=%s version=%s ndis=%u.%u frame=%u caps=%#llx rndis=%s filter=%#x offloads=%#x rss=%s queues=%u granted=%u rsec=%u*%u ssec=%u link=%s guest_link=%s data_path=%s\n",
		   nic->index, nic->port ? netdev_name(nic->port) : "-",
		   nic->mac, nic->cur_mac, nvs_state_names[nic->state],
		   nvs_version_name(nic->version), nic->ndis_version >> 16,
		   nic->ndis_version & 0xffff, nic->frame, nic->caps,
		   nvs_rndis_names[nic->rndis], nic->filter, nic->offloads,
		   nic->rss.enabled ? "on" : "off", open, nic->sub_granted,
		   nic->rsec_count, nic->rsec_size, nic->ssec_count,
		   nic->link_up ? "up" : "down",
		   nic->guest_link_up ? "up" : "down",
		   nic->data_path_vf ? "vf" : "synthetic");
}

static void nvs_queues_one(struct nvs_nic *nic, struct seq_file *m)
{
	struct nvs_queue *q;
	u32 i;

	for (i = 0; i < NVS_MAX_QUEUES; i++) {
		q = nic->q[i];
		if (!q)
			continue;
		seq_printf(m, "nic=%u queue=%u relid=%u rx_packets=%llu rx_bytes=%llu rx_xfers=%llu tx_packets=%llu tx_bytes=%llu rx_dropped=%llu waiting=%u completions_queued=%u\n",
			   nic->index, q->index, q->ch->relid, q->stats.rx_packets,
			   q->stats.rx_bytes, q->stats.rx_xfers,
			   q->stats.tx_packets, q->stats.tx_bytes,
			   q->stats.rx_dropped, skb_queue_len(&q->rxq),
			   q->cq_count);
	}
}

static void nvs_rss_one(struct nvs_nic *nic, struct seq_file *m)
{
	u32 i;

	seq_printf(m, "nic=%u enabled=%u hash_info=%#x entries=%u key=%*phN table=",
		   nic->index, nic->rss.enabled, nic->rss.hash_info,
		   nic->rss.table_size, NDIS_RSS_KEY_SIZE, nic->rss.key);
	for (i = 0; i < nic->rss.table_size; i++)
		seq_printf(m, "%s%u", i ? "," : "", nic->rss.table[i]);
	seq_putc(m, '\n');
}

/* Show every NIC with @fn, under the host's lock. */
static int nvs_show_nics(struct seq_file *m,
			 void (*fn)(struct nvs_nic *nic, struct seq_file *m))
{
	struct nvs_nic *nic;
	u32 i;

	mutex_lock(&nvs_dbg_host->lock);
	for (i = 0; i < NVS_MAX_NICS; i++) {
		nic = nvs_nic_get(i);
		if (nic)
			fn(nic, m);
	}
	mutex_unlock(&nvs_dbg_host->lock);
	return 0;
}

#define NVS_SHOW(name, fn)						\
static int nvs_##name##_show(struct seq_file *m, void *unused)		\
{									\
	return nvs_show_nics(m, fn);					\
}									\
DEFINE_SHOW_ATTRIBUTE(nvs_##name)

NVS_SHOW(stats, nvs_stats_one);
NVS_SHOW(nics, nvs_nics_one);
NVS_SHOW(queues, nvs_queues_one);
NVS_SHOW(rss, nvs_rss_one);

/* "up|down|change|speed [NIC]": the host's link state and indications. */
static int nvs_link_cmd(struct sim_host *h, char *buf)
{
	struct nvs_nic *nic;
	char *w[2], *cmd;
	u32 idx = 0;

	if (sim_cmd_words(buf, " \t", w, ARRAY_SIZE(w)) <= 0 ||
	    (w[1] && kstrtou32(w[1], 0, &idx)))
		return -EINVAL;
	nic = nvs_nic_get(idx);
	if (!nic)
		return -ENODEV;
	cmd = w[0];
	if (!strcmp(cmd, "up") || !strcmp(cmd, "down")) {
		nic->link_up = cmd[0] == 'u';
		nvs_port_carrier(nic, nic->link_up);
		nvs_indicate(nic, nic->link_up ? RNDIS_STATUS_MEDIA_CONNECT :
				  RNDIS_STATUS_MEDIA_DISCONNECT);
		return 0;
	}
	if (!strcmp(cmd, "change"))
		return nvs_indicate(nic, RNDIS_STATUS_NETWORK_CHANGE);
	if (!strcmp(cmd, "speed"))
		return nvs_indicate(nic, RNDIS_STATUS_LINK_SPEED_CHANGE);
	return -EINVAL;
}

static int nvs_link_show(struct seq_file *m, void *unused)
{
	return nvs_show_nics(m, nvs_nics_one);
}

static int nvs_link_open(struct inode *inode, struct file *file)
{
	return single_open(file, nvs_link_show, NULL);
}

static int nvs_fault_show_all(struct seq_file *m, void *unused)
{
	mutex_lock(&nvs_dbg_host->lock);
	nvs_fault_show(m);
	mutex_unlock(&nvs_dbg_host->lock);
	return 0;
}

static int nvs_fault_open(struct inode *inode, struct file *file)
{
	return single_open(file, nvs_fault_show_all, NULL);
}

static ssize_t nvs_link_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	return sim_cmd_write(nvs_dbg_host, ubuf, len, nvs_link_cmd);
}

static ssize_t nvs_fault_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	return sim_cmd_write(nvs_dbg_host, ubuf, len, nvs_fault_cmds);
}

static const struct file_operations nvs_link_fops = {
	.owner = THIS_MODULE,
	.open = nvs_link_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = nvs_link_write,
};

static const struct file_operations nvs_fault_fops = {
	.owner = THIS_MODULE,
	.open = nvs_fault_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = nvs_fault_write,
};

/**
 * nvs_debugfs_init() - create hv_sim/net/
 * @h: the host, its debugfs directory made
 *
 * Removed with the host's directory.
 */
void nvs_debugfs_init(struct sim_host *h)
{
	struct dentry *d = debugfs_create_dir("net", h->debugfs);

	nvs_dbg_host = h;
	debugfs_create_file("stats", 0444, d, NULL, &nvs_stats_fops);
	debugfs_create_file("nics", 0444, d, NULL, &nvs_nics_fops);
	debugfs_create_file("queues", 0444, d, NULL, &nvs_queues_fops);
	debugfs_create_file("rss", 0444, d, NULL, &nvs_rss_fops);
	debugfs_create_file("link", 0644, d, NULL, &nvs_link_fops);
	debugfs_create_file("fault", 0644, d, NULL, &nvs_fault_fops);
}
