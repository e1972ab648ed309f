// SPDX-License-Identifier: GPL-2.0
/* get_rxfh/set_rxfh take the table, key and hash function (6.1). */
#include <linux/ethtool.h>

static int probe_get(struct net_device *dev, u32 *indir, u8 *key, u8 *hfunc)
{
	return 0;
}

static int probe_set(struct net_device *dev, const u32 *indir, const u8 *key,
		     const u8 hfunc)
{
	return 0;
}

const struct ethtool_ops probe_ops = {
	.get_rxfh = probe_get,
	.set_rxfh = probe_set,
};
