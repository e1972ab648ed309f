// SPDX-License-Identifier: GPL-2.0
/*
 * The switch port: a plain Ethernet net_device per NIC (hvsw0, hvsw1,
 * ...) standing for the host's virtual switch. What the guest sends
 * comes out of it (netif_rx), what the stack transmits on it goes to the
 * guest. A test moves it into a network namespace to act as the peer, so
 * that traffic crosses the simulated host. It offers the offloads veth
 * does (scatter-gather, any checksum, GSO, VLAN tags), so the host sees
 * and emulates what a Linux peer hands a NIC.
 *
 * ndo_start_xmit runs in the stack's context and only queues: the
 * frames are classified and delivered by nvs_rx_work() on the host's
 * workqueue. The port stops its queue while that backlog is long.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>

#include "../host.h"
#include "netvsp.h"

struct nvs_port {
	struct nvs_nic *nic;
};

static netdev_tx_t nvs_port_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct nvs_port *port = netdev_priv(dev);
	struct nvs_nic *nic = port->nic;
	u32 len = skb->len;

	if (skb_queue_len(&nic->backlog) >= 2 * NVS_BACKLOG_STOP) {
		dev->stats.tx_dropped++;
		nic->stats.rx_dropped_backlog++;
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	skb_orphan(skb);
	skb_queue_tail(&nic->backlog, skb);
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += len;
	if (skb_queue_len(&nic->backlog) >= NVS_BACKLOG_STOP)
		netif_stop_queue(dev);
	queue_work(nic->h->wq, &nic->rx_work);
	return NETDEV_TX_OK;
}

static int nvs_port_open(struct net_device *dev)
{
	struct nvs_port *port = netdev_priv(dev);

	if (READ_ONCE(port->nic->link_up))
		netif_carrier_on(dev);
	else
		netif_carrier_off(dev);
	netif_start_queue(dev);
	return 0;
}

static int nvs_port_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	return 0;
}

static const struct net_device_ops nvs_port_ops = {
	.ndo_open = nvs_port_open,
	.ndo_stop = nvs_port_stop,
	.ndo_start_xmit = nvs_port_xmit,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

/**
 * nvs_port_rx() - a frame from the guest comes out of the port
 * @nic: the NIC, its port present
 * @skb: the frame, data at its Ethernet header
 *
 * Any context: netif_rx() queues it for the port's network namespace.
 */
void nvs_port_rx(struct nvs_nic *nic, struct sk_buff *skb)
{
	struct net_device *dev = nic->port;

	dev->stats.rx_packets++;
	dev->stats.rx_bytes += skb->len;
	skb->protocol = eth_type_trans(skb, dev);
	netif_rx(skb);
}

/* Let the stack send again once the backlog has drained. */
void nvs_port_wake(struct nvs_nic *nic)
{
	if (nic->port && netif_queue_stopped(nic->port) &&
	    skb_queue_len(&nic->backlog) < NVS_BACKLOG_STOP / 2)
		netif_wake_queue(nic->port);
}

/* Carrier follows the host's link state. Any context. */
void nvs_port_carrier(struct nvs_nic *nic, bool up)
{
	if (!nic->port)
		return;
	if (up)
		netif_carrier_on(nic->port);
	else
		netif_carrier_off(nic->port);
}

/**
 * nvs_port_create() - register the NIC's switch port, hvsw<index>
 * @nic: the NIC
 *
 * Takes the RTNL: never under the host's lock. Return: 0 or an error.
 */
int nvs_port_create(struct nvs_nic *nic)
{
	static const u8 base[ETH_ALEN] = { 0x02, 0x15, 0x5d, 0x53, 0x57, 0x00 };
	const netdev_features_t f = NETIF_F_SG | NETIF_F_HW_CSUM |
				    NETIF_F_RXCSUM | NETIF_F_HIGHDMA |
				    NETIF_F_GSO_SOFTWARE |
				    NETIF_F_HW_VLAN_CTAG_TX |
				    NETIF_F_HW_VLAN_CTAG_RX;
	struct net_device *dev;
	struct nvs_port *port;
	u8 mac[ETH_ALEN];
	int ret;

	dev = alloc_etherdev(sizeof(*port));
	if (!dev)
		return -ENOMEM;
	snprintf(dev->name, sizeof(dev->name), "hvsw%u", nic->index);
	port = netdev_priv(dev);
	port->nic = nic;
	dev->netdev_ops = &nvs_port_ops;
	dev->features = f;
	dev->hw_features = f;
	dev->vlan_features = f & ~(NETIF_F_HW_VLAN_CTAG_TX |
				   NETIF_F_HW_VLAN_CTAG_RX);
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	memcpy(mac, base, ETH_ALEN);
	mac[5] = nic->index;
	eth_hw_addr_set(dev, mac);
	ret = register_netdev(dev);
	if (ret) {
		free_netdev(dev);
		return ret;
	}
	nic->port = dev;
	return 0;
}

/* Unregister the port (RTNL, not under the host's lock). */
void nvs_port_destroy(struct nvs_nic *nic)
{
	if (!nic->port)
		return;
	unregister_netdev(nic->port);
	free_netdev(nic->port);
	nic->port = NULL;
}
