// SPDX-License-Identifier: GPL-2.0
/* The RX ring count has its own op instead of ETHTOOL_GRXRINGS (7.x). */
#include <linux/ethtool.h>

static u32 probe_count(struct net_device *dev)
{
	return 1;
}

const struct ethtool_ops probe_ops = {
	.get_rx_ring_count = probe_count,
};
