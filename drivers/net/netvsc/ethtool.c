// SPDX-License-Identifier: GPL-2.0
/*
 * hv_netvsc's ethtool operations, with upstream's statistic names in
 * upstream's order (Debian linux-source-6.12,
 * drivers/net/hyperv/netvsc_drv.c: netvsc_stats[], vf_stats[],
 * pcpu_stats[], netvsc_get_strings()): tools read them by position.
 * Every operation runs under RTNL (the ethtool core takes it); changes
 * of channels, rings and RSS renegotiate with the host.
 */
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include "netvsc.h"

static const struct {
	char name[ETH_GSTRING_LEN];
	u16 offset;
} netvsc_global_stats[] = {
	{ "tx_scattered", offsetof(struct netvsc_eth_stats, tx_scattered) },
	{ "tx_no_memory", offsetof(struct netvsc_eth_stats, tx_no_memory) },
	{ "tx_no_space", offsetof(struct netvsc_eth_stats, tx_no_space) },
	{ "tx_too_big", offsetof(struct netvsc_eth_stats, tx_too_big) },
	{ "tx_busy", offsetof(struct netvsc_eth_stats, tx_busy) },
	{ "tx_send_full", offsetof(struct netvsc_eth_stats, tx_send_full) },
	{ "rx_comp_busy", offsetof(struct netvsc_eth_stats, rx_comp_busy) },
	{ "rx_no_memory", offsetof(struct netvsc_eth_stats, rx_no_memory) },
	{ "stop_queue", offsetof(struct netvsc_eth_stats, stop_queue) },
	{ "wake_queue", offsetof(struct netvsc_eth_stats, wake_queue) },
	{ "vlan_error", offsetof(struct netvsc_eth_stats, vlan_error) },
};

static const char netvsc_vf_stat_names[][ETH_GSTRING_LEN] = {
	"vf_rx_packets", "vf_rx_bytes", "vf_tx_packets", "vf_tx_bytes",
	"vf_tx_dropped",
};

static const char netvsc_queue_stat_names[][ETH_GSTRING_LEN] = {
	"tx_queue_%u_packets", "tx_queue_%u_bytes", "tx_queue_%u_xdp_xmit",
	"rx_queue_%u_packets", "rx_queue_%u_bytes", "rx_queue_%u_xdp_drop",
	"rx_queue_%u_xdp_redirect", "rx_queue_%u_xdp_tx",
};

static const char netvsc_cpu_stat_names[][ETH_GSTRING_LEN] = {
	"cpu%u_rx_packets", "cpu%u_rx_bytes", "cpu%u_tx_packets",
	"cpu%u_tx_bytes", "cpu%u_vf_rx_packets", "cpu%u_vf_rx_bytes",
	"cpu%u_vf_tx_packets", "cpu%u_vf_tx_bytes",
};

/* The same counters in the same order as netvsc_cpu_stat_names. */
struct netvsc_cpu_sum {
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes;
	u64 vf_rx_packets, vf_rx_bytes, vf_tx_packets, vf_tx_bytes;
};

static void netvsc_get_drvinfo(struct net_device *ndev,
			       struct ethtool_drvinfo *info)
{
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->fw_version, "N/A", sizeof(info->fw_version));
}

static int netvsc_get_sset_count(struct net_device *ndev, int set)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);

	if (!nvdev)
		return -ENODEV;
	if (set != ETH_SS_STATS)
		return -EINVAL;
	return ARRAY_SIZE(netvsc_global_stats) +
	       ARRAY_SIZE(netvsc_vf_stat_names) +
	       nvdev->num_chn * ARRAY_SIZE(netvsc_queue_stat_names) +
	       num_present_cpus() * ARRAY_SIZE(netvsc_cpu_stat_names);
}

static void netvsc_get_strings(struct net_device *ndev, u32 set, u8 *data)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	u32 i, j;
	int cpu;

	if (!nvdev || set != ETH_SS_STATS)
		return;
	for (i = 0; i < ARRAY_SIZE(netvsc_global_stats); i++, data += ETH_GSTRING_LEN)
		memcpy(data, netvsc_global_stats[i].name, ETH_GSTRING_LEN);
	for (i = 0; i < ARRAY_SIZE(netvsc_vf_stat_names); i++, data += ETH_GSTRING_LEN)
		memcpy(data, netvsc_vf_stat_names[i], ETH_GSTRING_LEN);
	for (i = 0; i < nvdev->num_chn; i++)
		for (j = 0; j < ARRAY_SIZE(netvsc_queue_stat_names); j++)
			ethtool_sprintf(&data, netvsc_queue_stat_names[j], i);
	for_each_present_cpu(cpu)
		for (j = 0; j < ARRAY_SIZE(netvsc_cpu_stat_names); j++)
			ethtool_sprintf(&data, netvsc_cpu_stat_names[j], cpu);
}

/* One CPU's VF counters, consistent. */
static void netvsc_vf_read(const struct netvsc_vf_stats *s, u64 v[4])
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		v[0] = s->rx_packets;
		v[1] = s->rx_bytes;
		v[2] = s->tx_packets;
		v[3] = s->tx_bytes;
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

static void netvsc_queue_read(const struct netvsc_chan *c, u64 v[8])
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&c->tx.syncp);
		v[0] = c->tx.packets;
		v[1] = c->tx.bytes;
		v[2] = c->tx.xdp_xmit;
	} while (u64_stats_fetch_retry(&c->tx.syncp, start));
	do {
		start = u64_stats_fetch_begin(&c->rx.syncp);
		v[3] = c->rx.packets;
		v[4] = c->rx.bytes;
		v[5] = c->rx.xdp_drop;
		v[6] = c->rx.xdp_redirect;
		v[7] = c->rx.xdp_tx;
	} while (u64_stats_fetch_retry(&c->rx.syncp, start));
}

/* Per CPU: the VF's counters and those of the channels it takes. */
static void netvsc_cpu_sums(struct netvsc_ctx *ctx, struct netvsc_dev *nvdev,
			    struct netvsc_cpu_sum *sum)
{
	u64 v[8];
	u32 i, cpu;

	for_each_possible_cpu(cpu) {
		struct netvsc_cpu_sum *s = &sum[cpu];

		netvsc_vf_read(per_cpu_ptr(ctx->vf_stats, cpu), v);
		s->vf_rx_packets = v[0];
		s->vf_rx_bytes = v[1];
		s->vf_tx_packets = v[2];
		s->vf_tx_bytes = v[3];
		s->rx_packets = v[0];
		s->rx_bytes = v[1];
		s->tx_packets = v[2];
		s->tx_bytes = v[3];
	}
	for (i = 0; i < nvdev->num_chn; i++) {
		const struct netvsc_chan *c = &nvdev->chan[i];

		if (!c->channel)
			continue;
		cpu = vmbus_channel_cpu(c->channel);
		if (cpu >= nr_cpu_ids)
			continue;
		netvsc_queue_read(c, v);
		sum[cpu].tx_packets += v[0];
		sum[cpu].tx_bytes += v[1];
		sum[cpu].rx_packets += v[3];
		sum[cpu].rx_bytes += v[4];
	}
}

static void netvsc_get_ethtool_stats(struct net_device *ndev,
				     struct ethtool_stats *stats, u64 *data)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	const void *globals = &ctx->eth_stats;
	struct netvsc_cpu_sum *sum;
	u64 vf[5] = { 0 }, v[8];
	u32 i, j, n = 0;
	int cpu;

	if (!nvdev)
		return;
	for (i = 0; i < ARRAY_SIZE(netvsc_global_stats); i++)
		data[n++] = *(const unsigned long *)(globals +
						     netvsc_global_stats[i].offset);
	for_each_possible_cpu(cpu) {
		const struct netvsc_vf_stats *s = per_cpu_ptr(ctx->vf_stats, cpu);

		netvsc_vf_read(s, v);
		for (j = 0; j < 4; j++)
			vf[j] += v[j];
		vf[4] += s->tx_dropped;
	}
	for (i = 0; i < ARRAY_SIZE(vf); i++)
		data[n++] = vf[i];
	for (i = 0; i < nvdev->num_chn; i++) {
		netvsc_queue_read(&nvdev->chan[i], v);
		for (j = 0; j < ARRAY_SIZE(v); j++)
			data[n++] = v[j];
	}
	sum = kvcalloc(nr_cpu_ids, sizeof(*sum), GFP_KERNEL);
	if (!sum)
		return;
	netvsc_cpu_sums(ctx, nvdev, sum);
	for_each_present_cpu(cpu) {
		const u64 *s = (const u64 *)&sum[cpu];

		for (j = 0; j < ARRAY_SIZE(netvsc_cpu_stat_names); j++)
			data[n++] = s[j];
	}
	kvfree(sum);
}

static void netvsc_get_channels(struct net_device *ndev,
				struct ethtool_channels *ch)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);

	if (nvdev) {
		ch->max_combined = nvdev->max_chn;
		ch->combined_count = nvdev->num_chn;
	}
}

static int netvsc_set_channels(struct net_device *ndev,
			       struct ethtool_channels *ch)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	u32 count = ch->combined_count;

	if (!count || ch->rx_count || ch->tx_count || ch->other_count)
		return -EINVAL;
	if (!nvdev || nvdev->destroy)
		return -ENODEV;
	if (nvdev->nvsp_version < NVSP_VERSION_5 || count > nvdev->max_chn)
		return -EINVAL;
	if (count == nvdev->num_chn)
		return 0;
	return netvsc_set_channels_count(ndev, count);
}

/* The section counts -g reports, and the most -G accepts. */
static void netvsc_sections(struct netvsc_dev *nvdev,
			    struct ethtool_ringparam *ring)
{
	u32 rx_max = nvdev->nvsp_version <= NVSP_VERSION_2 ?
		     NETVSC_RECV_BUF_MAX_LEGACY : NETVSC_RECV_BUF_MAX;

	ring->rx_pending = nvdev->recv_section_cnt;
	ring->tx_pending = nvdev->send_section_cnt;
	ring->rx_max_pending = rx_max / nvdev->recv_section_size;
	ring->tx_max_pending = NETVSC_SEND_BUF_MAX / nvdev->send_section_size;
}

static void netvsc_get_ringparam(struct net_device *ndev,
				 struct ethtool_ringparam *ring,
				 struct kernel_ethtool_ringparam *kring,
				 struct netlink_ext_ack *extack)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);

	if (nvdev)
		netvsc_sections(nvdev, ring);
}

static int netvsc_set_ringparam(struct net_device *ndev,
				struct ethtool_ringparam *ring,
				struct kernel_ethtool_ringparam *kring,
				struct netlink_ext_ack *extack)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	struct ethtool_ringparam cur = { 0 };
	u32 tx, rx;

	if (!nvdev || nvdev->destroy)
		return -ENODEV;
	netvsc_sections(nvdev, &cur);
	tx = clamp_t(u32, ring->tx_pending, NETVSC_SECTIONS_MIN,
		     cur.tx_max_pending);
	rx = clamp_t(u32, ring->rx_pending, NETVSC_SECTIONS_MIN,
		     cur.rx_max_pending);
	if (tx == cur.tx_pending && rx == cur.rx_pending)
		return 0;
	return netvsc_set_sections(ndev, tx, rx);
}

static u32 netvsc_get_rxfh_key_size(struct net_device *ndev)
{
	return NDIS_RSS_KEY_SIZE;
}

static u32 netvsc_get_rxfh_indir_size(struct net_device *ndev)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);

	return ctx->rx_table_sz;
}

static int netvsc_rxfh_get(struct net_device *ndev, u32 *indir, u8 *key,
			   u8 *hfunc)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	u32 i;

	if (!rtnl_dereference(ctx->nvdev))
		return -ENODEV;
	if (hfunc)
		*hfunc = ETH_RSS_HASH_TOP;
	for (i = 0; indir && i < ctx->rx_table_sz; i++)
		indir[i] = ctx->rx_table[i];
	if (key)
		memcpy(key, ctx->rss_key, NDIS_RSS_KEY_SIZE);
	return 0;
}

static int netvsc_rxfh_set(struct net_device *ndev, const u32 *indir,
			   const u8 *key, u8 hfunc)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	u16 *old;
	u32 i;
	int ret;

	if (!nvdev)
		return -ENODEV;
	if (hfunc != ETH_RSS_HASH_NO_CHANGE && hfunc != ETH_RSS_HASH_TOP)
		return -EOPNOTSUPP;
	if (!ctx->rx_table_sz)
		return -EOPNOTSUPP;
	if (!indir && !key)
		return 0;
	for (i = 0; indir && i < ctx->rx_table_sz; i++)
		if (indir[i] >= nvdev->num_chn)
			return -EINVAL;
	old = kmemdup(ctx->rx_table, ctx->rx_table_sz * sizeof(*old),
		      GFP_KERNEL);
	if (!old)
		return -ENOMEM;
	for (i = 0; indir && i < ctx->rx_table_sz; i++)
		ctx->rx_table[i] = indir[i];
	ret = netvsc_set_rss(ctx, nvdev, key ? key : ctx->rss_key);
	if (ret)
		memcpy(ctx->rx_table, old, ctx->rx_table_sz * sizeof(*old));
	kfree(old);
	return ret;
}

HVG_ETHTOOL_RXFH_OPS(netvsc)

/* NETVSC_L4HASH_* of a flow type, 0 for one without ports. */
static u32 netvsc_l4_flag(u32 flow_type)
{
	switch (flow_type) {
	case TCP_V4_FLOW:
		return NETVSC_L4HASH_TCP4;
	case TCP_V6_FLOW:
		return NETVSC_L4HASH_TCP6;
	case UDP_V4_FLOW:
		return NETVSC_L4HASH_UDP4;
	case UDP_V6_FLOW:
		return NETVSC_L4HASH_UDP6;
	default:
		return 0;
	}
}

static int netvsc_flow_hash_get(struct net_device *ndev, u32 flow_type,
				u64 *data)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	u32 flag = netvsc_l4_flag(flow_type);

	if (!flag && flow_type != IPV4_FLOW && flow_type != IPV6_FLOW) {
		*data = 0;
		return 0;
	}
	*data = RXH_IP_SRC | RXH_IP_DST;
	if (flag & ctx->l4_hash)
		*data |= RXH_L4_B_0_1 | RXH_L4_B_2_3;
	return 0;
}

static int netvsc_flow_hash_set(struct net_device *ndev, u32 flow_type,
				u64 data)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	u32 flag = netvsc_l4_flag(flow_type);
	u64 ip = RXH_IP_SRC | RXH_IP_DST;

	if (!flag)
		return -EOPNOTSUPP;
	if (data == (ip | RXH_L4_B_0_1 | RXH_L4_B_2_3))
		WRITE_ONCE(ctx->l4_hash, ctx->l4_hash | flag);
	else if (data == ip)
		WRITE_ONCE(ctx->l4_hash, ctx->l4_hash & ~flag);
	else
		return -EOPNOTSUPP;
	return 0;
}

static u32 netvsc_rx_rings(struct net_device *ndev)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);

	return nvdev ? nvdev->num_chn : 1;
}

#if HVG_ETHTOOL_RXFH_FIELDS
static int netvsc_get_rxfh_fields(struct net_device *ndev,
				  struct ethtool_rxfh_fields *f)
{
	u64 data = 0;
	int ret = netvsc_flow_hash_get(ndev, f->flow_type, &data);

	f->data = data;
	return ret;
}

static int netvsc_set_rxfh_fields(struct net_device *ndev,
				  const struct ethtool_rxfh_fields *f,
				  struct netlink_ext_ack *extack)
{
	return netvsc_flow_hash_set(ndev, f->flow_type, f->data);
}
#else
static int netvsc_set_rxnfc(struct net_device *ndev,
			    struct ethtool_rxnfc *info)
{
	if (info->cmd == ETHTOOL_SRXFH)
		return netvsc_flow_hash_set(ndev, info->flow_type, info->data);
	return -EOPNOTSUPP;
}
#endif

#if !HVG_ETHTOOL_RXFH_FIELDS || !HVG_ETHTOOL_RX_RING_COUNT
/* What older kernels ask through get_rxnfc. */
static int netvsc_get_rxnfc(struct net_device *ndev,
			    struct ethtool_rxnfc *info, u32 *rules)
{
	if (!HVG_ETHTOOL_RX_RING_COUNT && info->cmd == ETHTOOL_GRXRINGS) {
		info->data = netvsc_rx_rings(ndev);
		return 0;
	}
	if (!HVG_ETHTOOL_RXFH_FIELDS && info->cmd == ETHTOOL_GRXFH)
		return netvsc_flow_hash_get(ndev, info->flow_type, &info->data);
	return -EOPNOTSUPP;
}
#endif

static int netvsc_get_link_ksettings(struct net_device *ndev,
				     struct ethtool_link_ksettings *cmd)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct net_device *vf = rtnl_dereference(ctx->vf_netdev);

	if (vf)
		return __ethtool_get_link_ksettings(vf, cmd);
	cmd->base.speed = READ_ONCE(ctx->speed);
	cmd->base.duplex = ctx->duplex;
	cmd->base.port = PORT_OTHER;
	return 0;
}

static int netvsc_set_link_ksettings(struct net_device *ndev,
				     const struct ethtool_link_ksettings *cmd)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct net_device *vf = rtnl_dereference(ctx->vf_netdev);

	if (vf) {
		if (!vf->ethtool_ops->set_link_ksettings)
			return -EOPNOTSUPP;
		return vf->ethtool_ops->set_link_ksettings(vf, cmd);
	}
	return ethtool_virtdev_set_link_ksettings(ndev, cmd, &ctx->speed,
						  &ctx->duplex);
}

static int netvsc_get_regs_len(struct net_device *ndev)
{
	return NETVSC_SEND_TABLE * sizeof(u32);
}

/* The host's send table, version 1 of the dump as upstream's. */
static void netvsc_get_regs(struct net_device *ndev, struct ethtool_regs *regs,
			    void *p)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	u32 *out = p, i;

	regs->version = 1;
	for (i = 0; i < NETVSC_SEND_TABLE; i++)
		out[i] = READ_ONCE(ctx->tx_table[i]);
}

static u32 netvsc_get_msglevel(struct net_device *ndev)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);

	return ctx->msg_enable;
}

static void netvsc_set_msglevel(struct net_device *ndev, u32 val)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);

	ctx->msg_enable = val;
}

const struct ethtool_ops netvsc_ethtool_ops = {
	.get_drvinfo		= netvsc_get_drvinfo,
	.get_regs_len		= netvsc_get_regs_len,
	.get_regs		= netvsc_get_regs,
	.get_msglevel		= netvsc_get_msglevel,
	.set_msglevel		= netvsc_set_msglevel,
	.get_link		= ethtool_op_get_link,
	.get_ethtool_stats	= netvsc_get_ethtool_stats,
	.get_sset_count		= netvsc_get_sset_count,
	.get_strings		= netvsc_get_strings,
	.get_channels		= netvsc_get_channels,
	.set_channels		= netvsc_set_channels,
	.get_ts_info		= ethtool_op_get_ts_info,
	.get_rxfh_key_size	= netvsc_get_rxfh_key_size,
	.get_rxfh_indir_size	= netvsc_get_rxfh_indir_size,
	.get_link_ksettings	= netvsc_get_link_ksettings,
	.set_link_ksettings	= netvsc_set_link_ksettings,
	.get_ringparam		= netvsc_get_ringparam,
	.set_ringparam		= netvsc_set_ringparam,
	.get_rxfh		= netvsc_get_rxfh,
	.set_rxfh		= netvsc_set_rxfh,
#if HVG_ETHTOOL_RXFH_FIELDS
	.get_rxfh_fields	= netvsc_get_rxfh_fields,
	.set_rxfh_fields	= netvsc_set_rxfh_fields,
#else
	.set_rxnfc		= netvsc_set_rxnfc,
#endif
#if HVG_ETHTOOL_RX_RING_COUNT
	.get_rx_ring_count	= netvsc_rx_rings,
#endif
#if !HVG_ETHTOOL_RXFH_FIELDS || !HVG_ETHTOOL_RX_RING_COUNT
	.get_rxnfc		= netvsc_get_rxnfc,
#endif
};
