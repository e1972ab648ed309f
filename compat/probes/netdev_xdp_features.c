// SPDX-License-Identifier: GPL-2.0
/* A net_device announces its XDP features (6.3 on; 6.12, 7.x). */
#include <linux/netdevice.h>

void probe(struct net_device *dev);

void probe(struct net_device *dev)
{
	dev->xdp_features = NETDEV_XDP_ACT_BASIC;
}
