// SPDX-License-Identifier: GPL-2.0
/* The flow-hash fields (-N rx-flow-hash) have their own ops (7.x). */
#include <linux/ethtool.h>

static int probe_get(struct net_device *dev, struct ethtool_rxfh_fields *f)
{
	return 0;
}

static int probe_set(struct net_device *dev,
		     const struct ethtool_rxfh_fields *f,
		     struct netlink_ext_ack *extack)
{
	return 0;
}

const struct ethtool_ops probe_ops = {
	.get_rxfh_fields = probe_get,
	.set_rxfh_fields = probe_set,
};
