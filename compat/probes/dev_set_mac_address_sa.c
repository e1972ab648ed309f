// SPDX-License-Identifier: GPL-2.0
/* dev_set_mac_address() takes a struct sockaddr (6.1, 6.12). */
#include <linux/netdevice.h>

int probe(struct net_device *dev, struct sockaddr *sa);

int probe(struct net_device *dev, struct sockaddr *sa)
{
	return dev_set_mac_address(dev, sa, NULL);
}
