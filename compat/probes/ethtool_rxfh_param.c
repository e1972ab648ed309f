// SPDX-License-Identifier: GPL-2.0
/* get_rxfh/set_rxfh take struct ethtool_rxfh_param (6.8 on; 6.12, 7.x). */
#include <linux/ethtool.h>

static int probe_get(struct net_device *dev, struct ethtool_rxfh_param *p)
{
	return 0;
}

static int probe_set(struct net_device *dev, struct ethtool_rxfh_param *p,
		     struct netlink_ext_ack *extack)
{
	return 0;
}

const struct ethtool_ops probe_ops = {
	.get_rxfh = probe_get,
	.set_rxfh = probe_set,
};
