// SPDX-License-Identifier: GPL-2.0
/*
 * hv_netvsc: the synthetic NIC of Hyper-V and Azure, a drop-in for
 * upstream's module of the same name, on the hvguest VMBus core. This
 * file is the net_device: probe and remove, the ndo operations,
 * transmit, frames to the stack, link changes, and the detach/attach
 * every configuration change goes through. Documentation/netvsc.rst.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/inetdevice.h>
#include <linux/jhash.h>
#include <linux/module.h>
#include <linux/netpoll.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/flow_dissector.h>
#include <net/ip6_checksum.h>
#include <net/tcp.h>
#include <hv/proto/guid.h>
#include "netvsc.h"

static unsigned int ring_size = NETVSC_RING_PAGES_DEFAULT;
module_param(ring_size, uint, 0444);
MODULE_PARM_DESC(ring_size, "Ring buffer size (# of 4K pages)");

static int debug = -1;
module_param(debug, int, 0444);
MODULE_PARM_DESC(debug, "Debug level (0=none,...,16=all)");

/* netif_msg levels by default, upstream's. */
#define NETVSC_MSG_DEFAULT	(NETIF_MSG_DRV | NETIF_MSG_PROBE |		\
				 NETIF_MSG_LINK | NETIF_MSG_IFUP |		\
				 NETIF_MSG_IFDOWN | NETIF_MSG_RX_ERR |		\
				 NETIF_MSG_TX_ERR)

/* ------------------------------------------------------------------ */
/* Transmit                                                            */
/* ------------------------------------------------------------------ */

static void netvsc_tx_enable(struct netvsc_dev *nvdev, struct net_device *ndev)
{
	WRITE_ONCE(nvdev->tx_disable, false);
	/* Before any completion may wake a queue again. */
	virt_wmb();
	netif_tx_wake_all_queues(ndev);
}

static void netvsc_tx_disable(struct netvsc_dev *nvdev, struct net_device *ndev)
{
	if (nvdev) {
		WRITE_ONCE(nvdev->tx_disable, true);
		/* Before the queues stop: no completion wakes them again. */
		virt_wmb();
	}
	netif_tx_disable(ndev);
}

/**
 * netvsc_tx_complete() - the host completed a packet of queue @q
 * @nvdev: the device
 * @q: the queue
 *
 * Wakes the queue if a full ring stopped it. NAPI context.
 */
void netvsc_tx_complete(struct netvsc_dev *nvdev, u16 q)
{
	struct net_device *ndev = nvdev->ctx->ndev;
	struct netdev_queue *txq;

	if (q >= ndev->real_num_tx_queues)
		return;
	txq = netdev_get_tx_queue(ndev, q);
	if (netif_tx_queue_stopped(txq) && !READ_ONCE(nvdev->tx_disable)) {
		netif_tx_wake_queue(txq);
		nvdev->ctx->eth_stats.wake_queue++;
	}
}

/* Append a per-packet info record with a u32 value; returns where it is. */
static void netvsc_ppi_add(u8 *hdr, u32 *len, u32 type, u32 val)
{
	struct rndis_ppi *p = (void *)(hdr + *len);

	p->size = NETVSC_PPI_TX_SIZE;
	p->type = type;
	p->offset = sizeof(*p);
	memcpy(p + 1, &val, sizeof(val));
	*len += NETVSC_PPI_TX_SIZE;
}

/* The LSO v2 info of a GSO frame; prepares its TCP checksum seed. */
static u32 netvsc_lso_info(struct sk_buff *skb)
{
	u32 info = NDIS_LSO2_TYPE_V2 |
		   skb_transport_offset(skb) << NDIS_LSO2_THOFF_SHIFT |
		   (skb_shinfo(skb)->gso_size & NDIS_LSO2_MSS_MASK);

	if (skb->protocol == htons(ETH_P_IP)) {
		ip_hdr(skb)->tot_len = 0;
		ip_hdr(skb)->check = 0;
		tcp_hdr(skb)->check = ~csum_tcpudp_magic(ip_hdr(skb)->saddr,
							 ip_hdr(skb)->daddr, 0,
							 IPPROTO_TCP, 0);
	} else {
		info |= NDIS_LSO2_IPV6;
		tcp_v6_gso_csum_prep(skb);
	}
	return info;
}

/* NETVSC_CSUM_* of a frame whose checksum the stack left to the NIC. */
static u32 netvsc_csum_kind(struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP)) {
		if (ip_hdr(skb)->protocol == IPPROTO_TCP)
			return NETVSC_CSUM_TCP4;
		if (ip_hdr(skb)->protocol == IPPROTO_UDP)
			return NETVSC_CSUM_UDP4;
	} else if (skb->protocol == htons(ETH_P_IPV6)) {
		if (ipv6_hdr(skb)->nexthdr == IPPROTO_TCP)
			return NETVSC_CSUM_TCP6;
		if (ipv6_hdr(skb)->nexthdr == IPPROTO_UDP)
			return NETVSC_CSUM_UDP6;
	}
	return 0;
}

/*
 * Build the RNDIS header and per-packet info of @skb into @hdr (hash,
 * VLAN, LSO or checksum). Returns its length, or 0 when the checksum
 * had to be computed here and failed.
 */
static u32 netvsc_tx_hdr(struct netvsc_ctx *ctx, struct sk_buff *skb, u8 *hdr)
{
	struct rndis_packet_msg *m = (void *)hdr;
	u32 len = sizeof(*m), hash = skb_get_hash_raw(skb), kind, csum;

	memset(m, 0, sizeof(*m));
	if (hash && ctx->ndev->real_num_tx_queues > 1)
		netvsc_ppi_add(hdr, &len, RNDIS_PPI_HASH_VALUE, hash);
	if (skb_vlan_tag_present(skb))
		netvsc_ppi_add(hdr, &len, RNDIS_PPI_VLAN,
			       skb_vlan_tag_get_id(skb) << NDIS_VLAN_ID_SHIFT |
			       (skb_vlan_tag_get_cfi(skb) ? NDIS_VLAN_CFI : 0) |
			       skb_vlan_tag_get_prio(skb));
	if (skb_is_gso(skb)) {
		netvsc_ppi_add(hdr, &len, RNDIS_PPI_LSO, netvsc_lso_info(skb));
	} else if (skb->ip_summed == CHECKSUM_PARTIAL) {
		kind = netvsc_csum_kind(skb);
		if (kind & ctx->tx_csum_mask) {
			csum = skb_transport_offset(skb) << NDIS_TXCSUM_THOFF_SHIFT;
			csum |= kind & (NETVSC_CSUM_TCP4 | NETVSC_CSUM_UDP4) ?
				NDIS_TXCSUM_IPV4 : NDIS_TXCSUM_IPV6;
			csum |= kind & (NETVSC_CSUM_TCP4 | NETVSC_CSUM_TCP6) ?
				NDIS_TXCSUM_TCP : NDIS_TXCSUM_UDP;
			netvsc_ppi_add(hdr, &len, RNDIS_PPI_CSUM, csum);
		} else if (skb_checksum_help(skb)) {
			return 0;
		}
	}
	m->hdr.type = RNDIS_MSG_PACKET;
	m->hdr.len = len + skb->len;
	m->pkt.data_offset = len - sizeof(m->hdr);
	m->pkt.data_len = skb->len;
	if (len > sizeof(*m)) {
		m->pkt.ppi_offset = sizeof(m->pkt);
		m->pkt.ppi_len = len - sizeof(*m);
	}
	return len;
}

/* A tagged frame from a packet socket: the tag goes to the VLAN info. */
static int netvsc_vlan_untag(struct netvsc_ctx *ctx, struct sk_buff *skb)
{
	u16 tci;

	if (skb->protocol != htons(ETH_P_8021Q) || skb_vlan_tag_present(skb))
		return 0;
	skb_reset_mac_header(skb);
	if (!eth_type_vlan(eth_hdr(skb)->h_proto))
		return 0;
	if (__skb_vlan_pop(skb, &tci)) {
		ctx->eth_stats.vlan_error++;
		return -EINVAL;
	}
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), tci);
	return 0;
}

/* The VF hook of issue 15: frames go to the VF once the host switched. */
static struct net_device *netvsc_vf_path(struct netvsc_ctx *ctx,
					 struct net_device *ndev)
{
	struct net_device *vf = rcu_dereference_bh(ctx->vf_netdev);

	if (vf && READ_ONCE(ctx->data_path_is_vf) && netif_running(vf) &&
	    netif_carrier_ok(vf) && !netpoll_tx_running(ndev))
		return vf;
	return NULL;
}

static netdev_tx_t netvsc_vf_xmit(struct netvsc_ctx *ctx,
				  struct net_device *vf, struct sk_buff *skb)
{
	struct netvsc_vf_stats *st = this_cpu_ptr(ctx->vf_stats);
	unsigned int len = skb->len;
	int rc;

	skb->dev = vf;
	skb_record_rx_queue(skb, qdisc_skb_cb(skb)->slave_dev_queue_mapping);
	rc = dev_queue_xmit(skb);
	if (likely(rc == NET_XMIT_SUCCESS || rc == NET_XMIT_CN)) {
		u64_stats_update_begin(&st->syncp);
		st->tx_packets++;
		st->tx_bytes += len;
		u64_stats_update_end(&st->syncp);
	} else {
		this_cpu_inc(ctx->vf_stats->tx_dropped);
	}
	return NETDEV_TX_OK;
}

/* -EAGAIN from the host ring: stop the queue, or drop if nothing drains it. */
static netdev_tx_t netvsc_tx_busy(struct netvsc_dev *nvdev,
				  struct net_device *ndev, struct sk_buff *skb,
				  u16 q)
{
	struct netvsc_ctx *ctx = nvdev->ctx;
	struct netdev_queue *txq = netdev_get_tx_queue(ndev, q);

	netif_tx_stop_queue(txq);
	ctx->eth_stats.stop_queue++;
	/* Pairs with the barrier of atomic_dec_return() in the completion. */
	smp_mb();
	if (atomic_read(&nvdev->chan[q].sends) ||
	    atomic_read(&nvdev->chan[0].sends)) {
		ctx->eth_stats.tx_busy++;
		return NETDEV_TX_BUSY;
	}
	/* No completion will wake the queue: a ring full of other packets. */
	netif_tx_wake_queue(txq);
	ctx->eth_stats.wake_queue++;
	ctx->eth_stats.tx_no_space++;
	dev_kfree_skb_any(skb);
	ndev->stats.tx_dropped++;
	return NETDEV_TX_OK;
}

/**
 * netvsc_xmit() - send a frame to the host
 * @skb: the frame
 * @ndev: the NIC
 *
 * Under the transmit lock of @skb's queue, BH disabled (ndo_start_xmit,
 * or the XDP paths taking the lock).
 *
 * Return: NETDEV_TX_OK (sent or dropped) or NETDEV_TX_BUSY.
 */
netdev_tx_t netvsc_xmit(struct sk_buff *skb, struct net_device *ndev)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	u16 q = skb_get_queue_mapping(skb);
	struct netvsc_dev *nvdev;
	struct net_device *vf;
	u8 hdr[NETVSC_TX_HDR_MAX];
	unsigned int bytes;
	u32 hdr_len;
	int ret;

	vf = netvsc_vf_path(ctx, ndev);
	if (vf)
		return netvsc_vf_xmit(ctx, vf, skb);
	nvdev = rcu_dereference_bh(ctx->nvdev);
	if (unlikely(!nvdev || READ_ONCE(nvdev->destroy)))
		goto drop;
	if (skb_cow_head(skb, NETVSC_TX_HDR_MAX)) {
		ctx->eth_stats.tx_no_memory++;
		goto drop;
	}
	if (netvsc_vlan_untag(ctx, skb))
		goto drop;
	hdr_len = netvsc_tx_hdr(ctx, skb, hdr);
	if (!hdr_len)
		goto drop;
	skb_tx_timestamp(skb);
	bytes = skb->len;
	ret = netvsc_send_frame(nvdev, skb, q, hdr, hdr_len);
	if (ret == -EMSGSIZE) {
		ctx->eth_stats.tx_scattered++;
		if (skb_linearize(skb)) {
			ctx->eth_stats.tx_no_memory++;
			goto drop;
		}
		ret = netvsc_send_frame(nvdev, skb, q, hdr, hdr_len);
		if (ret == -EMSGSIZE)
			ctx->eth_stats.tx_too_big++;
	}
	if (ret == -EAGAIN)
		return netvsc_tx_busy(nvdev, ndev, skb, q);
	if (ret)
		goto drop;
	u64_stats_update_begin(&nvdev->chan[q].tx.syncp);
	nvdev->chan[q].tx.packets++;
	nvdev->chan[q].tx.bytes += bytes;
	u64_stats_update_end(&nvdev->chan[q].tx.syncp);
	return NETDEV_TX_OK;
drop:
	dev_kfree_skb_any(skb);
	ndev->stats.tx_dropped++;
	return NETDEV_TX_OK;
}

static netdev_tx_t netvsc_start_xmit(struct sk_buff *skb,
				     struct net_device *ndev)
{
	return netvsc_xmit(skb, ndev);
}

/* The transmit hash: with ports for the flows -N rx-flow-hash says. */
static u32 netvsc_tx_hash(struct sk_buff *skb, const struct netvsc_ctx *ctx)
{
	static u32 seed __read_mostly;
	struct flow_keys flow;
	u32 kind = 0;

	net_get_random_once(&seed, sizeof(seed));
	if (!skb_flow_dissect_flow_keys(skb, &flow, 0))
		return 0;
	if (flow.basic.ip_proto == IPPROTO_TCP)
		kind = flow.basic.n_proto == htons(ETH_P_IP) ?
		       NETVSC_L4HASH_TCP4 : NETVSC_L4HASH_TCP6;
	else if (flow.basic.ip_proto == IPPROTO_UDP)
		kind = flow.basic.n_proto == htons(ETH_P_IP) ?
		       NETVSC_L4HASH_UDP4 : NETVSC_L4HASH_UDP6;
	if (kind & READ_ONCE(ctx->l4_hash))
		return skb_get_hash(skb);
	if (flow.basic.n_proto == htons(ETH_P_IP))
		kind = jhash2((u32 *)&flow.addrs.v4addrs, 2, seed);
	else if (flow.basic.n_proto == htons(ETH_P_IPV6))
		kind = jhash2((u32 *)&flow.addrs.v6addrs, 8, seed);
	else
		return 0;
	__skb_set_sw_hash(skb, kind, false);
	return kind;
}

/*
 * The queue of a frame: the socket's, the queue it arrived on when
 * forwarded, or the host's send table at the frame's hash (as upstream's
 * netvsc_pick_tx()).
 */
static u16 netvsc_select_queue(struct net_device *ndev, struct sk_buff *skb,
			       struct net_device *sb_dev)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct sock *sk = skb->sk;
	int q = sk_tx_queue_get(sk);
	u32 n = ndev->real_num_tx_queues;

	if (q < 0 || skb->ooo_okay || q >= n) {
		if (skb_rx_queue_recorded(skb)) {
			q = skb_get_rx_queue(skb);
		} else {
			q = READ_ONCE(ctx->tx_table[netvsc_tx_hash(skb, ctx) %
						    NETVSC_SEND_TABLE]);
			if (sk && sk_fullsock(sk) &&
			    rcu_access_pointer(sk->sk_dst_cache))
				sk_tx_queue_set(sk, q % n);
		}
	}
	return q % n;
}

/* ------------------------------------------------------------------ */
/* Receive                                                             */
/* ------------------------------------------------------------------ */

/* An IPv4 header checksum the host left stale after coalescing. */
static bool netvsc_fix_ipcsum(struct sk_buff *skb)
{
	struct iphdr *iph = (struct iphdr *)skb->data;

	if (skb_headlen(skb) < sizeof(*iph) || iph->ihl < 5 ||
	    skb_headlen(skb) < iph->ihl * 4)
		return false;
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
	return true;
}

/* Apply what the per-packet info said to a received skb. */
static struct sk_buff *netvsc_rx_meta(struct net_device *ndev,
				      struct sk_buff *skb,
				      const struct netvsc_rx_info *info)
{
	u32 c = info->csum, v = info->vlan;
	u16 tci;

	if (info->present & NETVSC_RX_HAS_CSUM) {
		if ((c & NDIS_RXCSUM_IP_VALUE_INVALID) &&
		    (c & NDIS_RXCSUM_IP_OK) &&
		    skb->protocol == htons(ETH_P_IP) && !netvsc_fix_ipcsum(skb))
			goto drop;
		if ((ndev->features & NETIF_F_RXCSUM) &&
		    (c & (NDIS_RXCSUM_TCP_OK | NDIS_RXCSUM_UDP_OK)))
			skb->ip_summed = CHECKSUM_UNNECESSARY;
	}
	if ((info->present & NETVSC_RX_HAS_HASH) &&
	    (ndev->features & NETIF_F_RXHASH))
		skb_set_hash(skb, info->hash, PKT_HASH_TYPE_L4);
	if (info->present & NETVSC_RX_HAS_VLAN) {
		tci = (v & NDIS_VLAN_ID_MASK) >> NDIS_VLAN_ID_SHIFT |
		      (v & NDIS_VLAN_PRI_MASK) << VLAN_PRIO_SHIFT |
		      (v & NDIS_VLAN_CFI ? VLAN_CFI_MASK : 0);
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), tci);
		if (!(ndev->features & NETIF_F_HW_VLAN_CTAG_RX))
			skb = __vlan_hwaccel_push_inside(skb);
	}
	return skb;
drop:
	kfree_skb(skb);
	return NULL;
}

/* A new skb with the frame's fragments copied out of the receive buffer. */
static struct sk_buff *netvsc_rx_copy(struct netvsc_chan *c,
				      const struct netvsc_rsc *rsc)
{
	const u8 *base = c->nvdev->recv_buf->data;
	struct sk_buff *skb;
	u32 i;

	skb = napi_alloc_skb(&c->napi, rsc->len);
	if (!skb)
		return NULL;
	for (i = 0; i < rsc->cnt; i++)
		skb_put_data(skb, base + rsc->off[i], rsc->frag_len[i]);
	return skb;
}

/**
 * netvsc_rx_frame() - hand a received frame to XDP and the stack
 * @c: the channel, from its NAPI poll
 * @rsc: the frame's fragments (inside the receive buffer, checked) and
 *	per-packet info
 *
 * The frame bytes are copied straight from the receive buffer into the
 * skb or XDP page: what the host writes meanwhile changes only data.
 *
 * Return: 0, or a negative errno when the frame was dropped for lack of
 * memory or a device being set up (the host is told with a failure
 * status, as upstream does).
 */
int netvsc_rx_frame(struct netvsc_chan *c, const struct netvsc_rsc *rsc)
{
	struct netvsc_ctx *ctx = c->nvdev->ctx;
	struct net_device *ndev = ctx->ndev;
	struct netvsc_rx_stats *st = &c->rx;
	struct xdp_buff xdp;
	struct sk_buff *skb;
	u32 act = XDP_PASS;

	if (ndev->reg_state != NETREG_REGISTERED)
		return -ENODEV;
	xdp.data_hard_start = NULL;
	if (rcu_access_pointer(c->xdp_prog) && rsc->cnt == 1)
		act = netvsc_run_xdp(c, c->nvdev->recv_buf->data + rsc->off[0],
				     rsc->frag_len[0], &xdp);
	if (act == XDP_REDIRECT)
		return 0;
	if (act != XDP_PASS && act != XDP_TX) {
		u64_stats_update_begin(&st->syncp);
		st->xdp_drop++;
		u64_stats_update_end(&st->syncp);
		return 0;
	}
	skb = xdp.data_hard_start ? netvsc_xdp_skb(c, &xdp) :
				    netvsc_rx_copy(c, rsc);
	if (!skb) {
		ctx->eth_stats.rx_no_memory++;
		return -ENOMEM;
	}
	skb->protocol = eth_type_trans(skb, ndev);
	skb_checksum_none_assert(skb);
	skb = netvsc_rx_meta(ndev, skb, &rsc->info);
	if (!skb)
		return -EINVAL;
	skb_record_rx_queue(skb, c->idx);
	u64_stats_update_begin(&st->syncp);
	if (act == XDP_TX)
		st->xdp_tx++;
	st->packets++;
	st->bytes += rsc->len;
	if (skb->pkt_type == PACKET_BROADCAST)
		st->broadcast++;
	else if (skb->pkt_type == PACKET_MULTICAST)
		st->multicast++;
	u64_stats_update_end(&st->syncp);
	if (act == XDP_TX) {
		netvsc_xdp_tx(ndev, skb);
		return 0;
	}
	napi_gro_receive(&c->napi, skb);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Link changes                                                        */
/* ------------------------------------------------------------------ */

/**
 * netvsc_link_event() - the host indicated a link change
 * @ctx: the NIC
 * @status: RNDIS_STATUS_MEDIA_CONNECT, _MEDIA_DISCONNECT or
 *	_NETWORK_CHANGE; others are ignored
 *
 * Queued for the link work, which paces them as upstream does. A flood
 * beyond NETVSC_EVENTS_MAX pending events is dropped. NAPI context.
 */
void netvsc_link_event(struct netvsc_ctx *ctx, u32 status)
{
	unsigned long flags;

	if (status != RNDIS_STATUS_MEDIA_CONNECT &&
	    status != RNDIS_STATUS_MEDIA_DISCONNECT &&
	    status != RNDIS_STATUS_NETWORK_CHANGE)
		return;
	if (ctx->ndev->reg_state != NETREG_REGISTERED)
		return;
	spin_lock_irqsave(&ctx->event_lock, flags);
	if (ctx->nevents < NETVSC_EVENTS_MAX)
		ctx->events[ctx->nevents++] = status;
	else
		netvsc_err_rl(ctx, "dropped link event %#x\n", status);
	spin_unlock_irqrestore(&ctx->event_lock, flags);
	schedule_delayed_work(&ctx->link_work, 0);
}

/* Take the oldest event, or put @status back in front; under event_lock. */
static u32 netvsc_event_pop(struct netvsc_ctx *ctx, bool *more)
{
	u32 ev = 0;

	if (ctx->nevents) {
		ev = ctx->events[0];
		memmove(ctx->events, ctx->events + 1,
			--ctx->nevents * sizeof(ctx->events[0]));
	}
	*more = ctx->nevents;
	return ev;
}

static void netvsc_event_push_front(struct netvsc_ctx *ctx, u32 status)
{
	if (ctx->nevents == NETVSC_EVENTS_MAX)
		ctx->nevents--;
	memmove(ctx->events + 1, ctx->events,
		ctx->nevents++ * sizeof(ctx->events[0]));
	ctx->events[0] = status;
}

/*
 * One link event every NETVSC_LINK_CHANGE_INT at most: link_watch
 * reports one state per second. A network change is a link down
 * followed, one interval later, by a link up (as upstream's
 * netvsc_link_change()). Process context.
 */
static void netvsc_link_work(struct work_struct *w)
{
	struct netvsc_ctx *ctx = container_of(w, struct netvsc_ctx,
					      link_work.work);
	struct net_device *ndev = ctx->ndev;
	unsigned long next = ctx->last_reconfig + NETVSC_LINK_CHANGE_INT;
	struct netvsc_dev *nvdev;
	bool more;
	u32 ev;

	if (!rtnl_trylock()) {
		schedule_delayed_work(&ctx->link_work, NETVSC_LINK_CHANGE_INT);
		return;
	}
	nvdev = rtnl_dereference(ctx->nvdev);
	if (!nvdev)
		goto out;
	if (time_is_after_jiffies(next)) {
		schedule_delayed_work(&ctx->link_work,
				      min_t(unsigned long, next - jiffies,
					    NETVSC_LINK_CHANGE_INT));
		goto out;
	}
	ctx->last_reconfig = jiffies;
	spin_lock_irq(&ctx->event_lock);
	ev = netvsc_event_pop(ctx, &more);
	if (ev == RNDIS_STATUS_NETWORK_CHANGE && !nvdev->link_down) {
		netvsc_event_push_front(ctx, RNDIS_STATUS_MEDIA_CONNECT);
		more = true;
	}
	spin_unlock_irq(&ctx->event_lock);

	switch (ev) {
	case RNDIS_STATUS_MEDIA_CONNECT:
		if (nvdev->link_down) {
			nvdev->link_down = false;
			netif_carrier_on(ndev);
			netvsc_tx_enable(nvdev, ndev);
		} else {
			__netdev_notify_peers(ndev);
		}
		break;
	case RNDIS_STATUS_MEDIA_DISCONNECT:
	case RNDIS_STATUS_NETWORK_CHANGE:
		if (!nvdev->link_down) {
			nvdev->link_down = true;
			netif_carrier_off(ndev);
			netvsc_tx_disable(nvdev, ndev);
		}
		break;
	}
	if (more)
		schedule_delayed_work(&ctx->link_work, NETVSC_LINK_CHANGE_INT);
out:
	rtnl_unlock();
}

/* ------------------------------------------------------------------ */
/* Attach and detach                                                   */
/* ------------------------------------------------------------------ */

/**
 * netvsc_info_init() - what an attach should set up
 * @info: filled
 * @nvdev: the current device, whose settings are kept; NULL for the
 *	defaults
 *
 * Takes a reference on the device's XDP program. RTNL held.
 */
void netvsc_info_init(struct netvsc_info *info, struct netvsc_dev *nvdev)
{
	struct bpf_prog *prog;

	memset(info, 0, sizeof(*info));
	if (!nvdev) {
		info->num_chn = max_t(u32, NETVSC_CHANNELS_DEFAULT,
				      netif_get_num_default_rss_queues());
		info->send_section_size = NETVSC_SEND_SECTION_SIZE;
		info->send_sections = NETVSC_SEND_BUF_DEFAULT /
				      NETVSC_SEND_SECTION_SIZE;
		info->recv_section_size = NETVSC_RECV_SECTION_SIZE;
		info->recv_sections = NETVSC_RECV_BUF_DEFAULT /
				      NETVSC_RECV_SECTION_SIZE;
		return;
	}
	info->num_chn = nvdev->num_chn;
	info->send_sections = nvdev->send_section_cnt;
	info->send_section_size = nvdev->send_section_size;
	info->recv_sections = nvdev->recv_section_cnt;
	info->recv_section_size = nvdev->recv_section_size;
	prog = netvsc_xdp_get(nvdev);
	if (prog) {
		bpf_prog_inc(prog);
		info->xdp_prog = prog;
	}
}

/**
 * netvsc_info_put() - release what netvsc_info_init() took
 * @info: the info
 */
void netvsc_info_put(struct netvsc_info *info)
{
	if (info->xdp_prog)
		bpf_prog_put(info->xdp_prog);
	info->xdp_prog = NULL;
}

/**
 * netvsc_detach() - bring the device down for a change
 * @ndev: the NIC
 * @nvdev: its device
 *
 * RTNL held.
 *
 * Return: 0.
 */
int netvsc_detach(struct net_device *ndev, struct netvsc_dev *nvdev)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);

	ASSERT_RTNL();
	cancel_work_sync(&ctx->subchan_work);
	ctx->sub_finish = false;
	netvsc_xdp_set(ndev, NULL, NULL, nvdev);
	if (netif_running(ndev)) {
		netvsc_tx_disable(nvdev, ndev);
		if (netvsc_rndis_close(nvdev))
			netdev_warn(ndev, "host kept its packet filter\n");
	}
	netif_device_detach(ndev);
	netvsc_dev_remove(ctx, nvdev);
	return 0;
}

/* Sub-channels for an attach, synchronously (RTNL held, not on dev_wq). */
static int netvsc_attach_subchannels(struct netvsc_ctx *ctx,
				     struct netvsc_dev *nvdev)
{
	int ret;

	if (nvdev->num_chn <= 1)
		return 0;
	ret = netvsc_subchannels_request(ctx, nvdev);
	if (ret) {
		nvdev->num_chn = 1;
		return ret;
	}
	netvsc_subchannels_wait(nvdev);
	return netvsc_subchannels_finish(ctx, nvdev);
}

/**
 * netvsc_attach() - bring the device up again after a change
 * @ndev: the NIC
 * @info: what to set up
 *
 * Renegotiates everything, sub-channels and the XDP program included,
 * and opens the device if the NIC is up. A host that refuses the
 * sub-channels leaves the device with one channel, as upstream does;
 * the caller sees how many it got. RTNL held.
 *
 * Return: 0 or a negative errno (the NIC is then detached).
 */
int netvsc_attach(struct net_device *ndev, struct netvsc_info *info)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev;
	int ret;

	ASSERT_RTNL();
	nvdev = netvsc_dev_add(ctx, info);
	if (IS_ERR(nvdev))
		return PTR_ERR(nvdev);
	netvsc_attach_subchannels(ctx, nvdev);
	netvsc_set_queues(ndev, nvdev);
	if (info->xdp_prog) {
		bpf_prog_inc(info->xdp_prog);
		ret = netvsc_xdp_set(ndev, info->xdp_prog, NULL, nvdev);
		if (ret) {
			bpf_prog_put(info->xdp_prog);
			goto remove;
		}
	}
	WRITE_ONCE(nvdev->tx_disable, false);
	netif_device_attach(ndev);
	netif_carrier_off(ndev);
	if (netif_running(ndev)) {
		ret = netvsc_rndis_open(nvdev);
		if (ret)
			goto detach;
		if (!nvdev->link_down)
			netif_carrier_on(ndev);
	}
	return 0;
detach:
	netif_device_detach(ndev);
remove:
	netvsc_dev_remove(ctx, nvdev);
	return ret;
}

/* After probe: ask for sub-channels, wait without RTNL, put them to use. */
static void netvsc_subchan_work(struct work_struct *w)
{
	struct netvsc_ctx *ctx = container_of(w, struct netvsc_ctx,
					      subchan_work);
	struct netvsc_dev *nvdev;

	if (!rtnl_trylock()) {
		schedule_work(w);
		return;
	}
	nvdev = rtnl_dereference(ctx->nvdev);
	if (!nvdev || nvdev->num_chn <= 1) {
		ctx->sub_finish = false;
	} else if (ctx->sub_finish) {
		ctx->sub_finish = false;
		netvsc_subchannels_finish(ctx, nvdev);
	} else if (netvsc_subchannels_request(ctx, nvdev)) {
		nvdev->num_chn = 1;
	} else {
		/* The offers come through dev_wq, which may wait for RTNL. */
		rtnl_unlock();
		netvsc_subchannels_wait(nvdev);
		ctx->sub_finish = true;
		schedule_work(w);
		return;
	}
	rtnl_unlock();
}

/* ------------------------------------------------------------------ */
/* net_device operations                                               */
/* ------------------------------------------------------------------ */

static int netvsc_open(struct net_device *ndev)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	struct net_device *vf = rtnl_dereference(ctx->vf_netdev);
	int ret;

	netif_carrier_off(ndev);
	if (!nvdev)
		return -ENODEV;
	ret = netvsc_rndis_open(nvdev);
	if (ret) {
		netdev_err(ndev, "unable to open device: %d\n", ret);
		return ret;
	}
	if (!nvdev->link_down) {
		netif_carrier_on(ndev);
		netvsc_tx_enable(nvdev, ndev);
	}
	if (vf && dev_open(vf, NULL))
		netdev_warn(ndev, "unable to open VF %s\n", vf->name);
	return 0;
}

static int netvsc_close(struct net_device *ndev)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	struct net_device *vf = rtnl_dereference(ctx->vf_netdev);
	int ret;

	netvsc_tx_disable(nvdev, ndev);
	if (!nvdev)
		return 0;
	ret = netvsc_rndis_close(nvdev);
	if (ret)
		netdev_err(ndev, "unable to close device: %d\n", ret);
	if (vf)
		dev_close(vf);
	return ret;
}

static void netvsc_set_rx_mode(struct net_device *ndev)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev;
	struct net_device *vf;

	rcu_read_lock();
	vf = rcu_dereference(ctx->vf_netdev);
	if (vf) {
		dev_uc_sync(vf, ndev);
		dev_mc_sync(vf, ndev);
	}
	nvdev = rcu_dereference(ctx->nvdev);
	if (nvdev)
		schedule_work(&nvdev->mcast_work);
	rcu_read_unlock();
}

static void netvsc_change_rx_flags(struct net_device *ndev, int change)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct net_device *vf = rtnl_dereference(ctx->vf_netdev);

	if (!vf)
		return;
	if (change & IFF_PROMISC)
		dev_set_promiscuity(vf, ndev->flags & IFF_PROMISC ? 1 : -1);
	if (change & IFF_ALLMULTI)
		dev_set_allmulti(vf, ndev->flags & IFF_ALLMULTI ? 1 : -1);
}

/* Detach, attach with @info; on failure attach with @old. */
static int netvsc_reconfigure(struct net_device *ndev, struct netvsc_dev *nvdev,
			      struct netvsc_info *info,
			      struct netvsc_info *old)
{
	int ret;

	netvsc_detach(ndev, nvdev);
	ret = netvsc_attach(ndev, info);
	if (!ret)
		return 0;
	if (netvsc_attach(ndev, old))
		netdev_err(ndev, "restoring the old settings failed too\n");
	return ret;
}

static int netvsc_change_mtu(struct net_device *ndev, int mtu)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	struct net_device *vf = rtnl_dereference(ctx->vf_netdev);
	unsigned int orig = ndev->mtu;
	struct netvsc_info info;
	int ret;

	if (!nvdev || nvdev->destroy)
		return -ENODEV;
	if (vf) {
		ret = dev_set_mtu(vf, mtu);
		if (ret)
			return ret;
	}
	netvsc_info_init(&info, nvdev);
	netvsc_detach(ndev, nvdev);
	WRITE_ONCE(ndev->mtu, mtu);
	ret = netvsc_attach(ndev, &info);
	nvdev = rtnl_dereference(ctx->nvdev);
	if (!ret && nvdev->host_frame && nvdev->host_frame < mtu) {
		netdev_err(ndev, "host refused MTU %d: its frames hold %u\n",
			   mtu, nvdev->host_frame);
		netvsc_detach(ndev, nvdev);
		ret = -EINVAL;
	}
	if (ret) {
		WRITE_ONCE(ndev->mtu, orig);
		if (netvsc_attach(ndev, &info))
			netdev_err(ndev, "restoring MTU %u failed\n", orig);
		if (vf)
			dev_set_mtu(vf, orig);
	}
	netvsc_info_put(&info);
	return ret;
}

/**
 * netvsc_set_channels_count() - ethtool -L: renegotiate with @count queues
 * @ndev: the NIC
 * @count: channels wanted, checked against the device's maximum
 *
 * Rolls back to the old count if the host refuses or grants fewer.
 * RTNL held.
 *
 * Return: 0 or a negative errno.
 */
int netvsc_set_channels_count(struct net_device *ndev, u32 count)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	struct netvsc_info info, old;
	int ret;

	netvsc_info_init(&info, nvdev);
	old = info;
	info.num_chn = count;
	ret = netvsc_reconfigure(ndev, nvdev, &info, &old);
	nvdev = rtnl_dereference(ctx->nvdev);
	if (!ret && nvdev->num_chn != count) {
		netdev_err(ndev, "host granted %u of %u channels; keeping %u\n",
			   nvdev->num_chn, count, old.num_chn);
		ret = netvsc_reconfigure(ndev, nvdev, &old, &old);
		ret = ret ? ret : -EIO;
	}
	netvsc_info_put(&info);
	return ret;
}

/**
 * netvsc_set_sections() - ethtool -G: renegotiate with other buffers
 * @ndev: the NIC
 * @tx: send sections
 * @rx: receive sections
 *
 * Rolls back to the old buffers on failure. RTNL held.
 *
 * Return: 0 or a negative errno.
 */
int netvsc_set_sections(struct net_device *ndev, u32 tx, u32 rx)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	struct netvsc_info info, old;
	int ret;

	netvsc_info_init(&info, nvdev);
	old = info;
	info.send_sections = tx;
	info.recv_sections = rx;
	ret = netvsc_reconfigure(ndev, nvdev, &info, &old);
	netvsc_info_put(&info);
	return ret;
}

static netdev_features_t netvsc_fix_features(struct net_device *ndev,
					     netdev_features_t features)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);

	if (nvdev && (features & NETIF_F_LRO) && netvsc_xdp_get(nvdev)) {
		features &= ~NETIF_F_LRO;
		netdev_info(ndev, "Skip LRO - unsupported with XDP\n");
	}
	return features;
}

static int netvsc_set_features(struct net_device *ndev,
			       netdev_features_t features)
{
	netdev_features_t change = features ^ ndev->features;
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	struct net_device *vf = rtnl_dereference(ctx->vf_netdev);
	int ret = 0;

	if (!nvdev || nvdev->destroy)
		return -ENODEV;
	if (netvsc_feature_bits(change)) {
		ret = netvsc_set_params(nvdev, netvsc_feature_bits(change),
					netvsc_feature_bits(features));
		/* Refused: the host keeps the old ones, so does Linux. */
		if (ret)
			ndev->features = features ^
				(change & (NETIF_F_LRO | NETIF_F_RXCSUM));
	}
	if (vf) {
		vf->wanted_features = features;
		netdev_update_features(vf);
	}
	return ret;
}

static int netvsc_set_mac_addr(struct net_device *ndev, void *p)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	struct net_device *vf = rtnl_dereference(ctx->vf_netdev);
	hvg_sockaddr *addr = p;
	int ret;

	ret = eth_prepare_mac_addr_change(ndev, p);
	if (ret)
		return ret;
	if (!nvdev)
		return -ENODEV;
	if (vf) {
		ret = dev_set_mac_address(vf, addr, NULL);
		if (ret)
			return ret;
	}
	ret = netvsc_set_mac(nvdev, HVG_SOCKADDR_DATA(addr));
	if (!ret) {
		eth_commit_mac_addr_change(ndev, p);
	} else if (vf) {
		memcpy(HVG_SOCKADDR_DATA(addr), ndev->dev_addr, ETH_ALEN);
		dev_set_mac_address(vf, addr, NULL);
	}
	return ret;
}

static void netvsc_get_stats64(struct net_device *ndev,
			       struct rtnl_link_stats64 *t)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev;
	unsigned int start;
	u32 i;
	int cpu;

	netdev_stats_to_stats64(t, &ndev->stats);
	t->rx_errors += atomic_long_read(&ctx->host_errors);
	for_each_possible_cpu(cpu) {
		const struct netvsc_vf_stats *s = per_cpu_ptr(ctx->vf_stats, cpu);
		u64 rp, rb, tp, tb;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			rp = s->rx_packets;
			rb = s->rx_bytes;
			tp = s->tx_packets;
			tb = s->tx_bytes;
		} while (u64_stats_fetch_retry(&s->syncp, start));
		t->rx_packets += rp;
		t->rx_bytes += rb;
		t->tx_packets += tp;
		t->tx_bytes += tb;
		t->tx_dropped += s->tx_dropped;
	}
	rcu_read_lock();
	nvdev = rcu_dereference(ctx->nvdev);
	for (i = 0; nvdev && i < nvdev->num_chn; i++) {
		const struct netvsc_chan *c = &nvdev->chan[i];
		u64 p, b, m;

		do {
			start = u64_stats_fetch_begin(&c->tx.syncp);
			p = c->tx.packets;
			b = c->tx.bytes;
		} while (u64_stats_fetch_retry(&c->tx.syncp, start));
		t->tx_packets += p;
		t->tx_bytes += b;
		do {
			start = u64_stats_fetch_begin(&c->rx.syncp);
			p = c->rx.packets;
			b = c->rx.bytes;
			m = c->rx.multicast + c->rx.broadcast;
		} while (u64_stats_fetch_retry(&c->rx.syncp, start));
		t->rx_packets += p;
		t->rx_bytes += b;
		t->multicast += m;
	}
	rcu_read_unlock();
}

static const struct net_device_ops netvsc_netdev_ops = {
	.ndo_open		= netvsc_open,
	.ndo_stop		= netvsc_close,
	.ndo_start_xmit		= netvsc_start_xmit,
	.ndo_change_rx_flags	= netvsc_change_rx_flags,
	.ndo_set_rx_mode	= netvsc_set_rx_mode,
	.ndo_fix_features	= netvsc_fix_features,
	.ndo_set_features	= netvsc_set_features,
	.ndo_change_mtu		= netvsc_change_mtu,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_set_mac_address	= netvsc_set_mac_addr,
	.ndo_select_queue	= netvsc_select_queue,
	.ndo_get_stats64	= netvsc_get_stats64,
	.ndo_bpf		= netvsc_bpf,
	.ndo_xdp_xmit		= netvsc_xdp_xmit,
};

/* ------------------------------------------------------------------ */
/* Probe and remove                                                    */
/* ------------------------------------------------------------------ */

static void netvsc_ctx_init(struct netvsc_ctx *ctx, struct hv_device *hdev,
			    struct net_device *ndev)
{
	ctx->hdev = hdev;
	ctx->ndev = ndev;
	mutex_init(&ctx->sub_lock);
	INIT_WORK(&ctx->subchan_work, netvsc_subchan_work);
	INIT_DELAYED_WORK(&ctx->link_work, netvsc_link_work);
	spin_lock_init(&ctx->event_lock);
	init_completion(&ctx->vf_add);
	ctx->msg_enable = netif_msg_init(debug, NETVSC_MSG_DEFAULT);
	ctx->l4_hash = NETVSC_L4HASH_DEFAULT;
	ctx->speed = SPEED_UNKNOWN;
	ctx->duplex = DUPLEX_FULL;
	/* The first link event is handled at once. */
	ctx->last_reconfig = jiffies - NETVSC_LINK_CHANGE_INT;
	memcpy(ctx->rss_key, netvsc_default_key(), NDIS_RSS_KEY_SIZE);
}

/* The net_device as the first attach found the host. RTNL held. */
static void netvsc_ndev_setup(struct net_device *ndev, struct netvsc_dev *nvdev)
{
	if (nvdev->host_frame >= NETVSC_MTU_MIN && nvdev->host_frame < ndev->mtu)
		ndev->mtu = nvdev->host_frame;
	eth_hw_addr_set(ndev, nvdev->mac);
	memcpy(ndev->perm_addr, nvdev->mac, ETH_ALEN);
	ndev->hw_features |= NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_CTAG_RX;
	ndev->features = ndev->hw_features | NETIF_F_HIGHDMA;
	ndev->vlan_features = ndev->features;
	hvg_netdev_set_xdp_features(ndev);
	ndev->min_mtu = NETVSC_MTU_MIN;
	ndev->max_mtu = nvdev->nvsp_version >= NVSP_VERSION_2 ?
			NETVSC_FRAME_MAX - NETVSC_ETH_HLEN : ETH_DATA_LEN;
}

static int netvsc_probe(struct hv_device *hdev,
			const struct hv_vmbus_device_id *id)
{
	struct netvsc_dev *nvdev;
	struct netvsc_info info;
	struct net_device *ndev;
	struct netvsc_ctx *ctx;
	int ret;

	ndev = alloc_etherdev_mq(sizeof(*ctx), NETVSC_CHANNELS_MAX);
	if (!ndev)
		return -ENOMEM;
	netif_carrier_off(ndev);
	ctx = netdev_priv(ndev);
	netvsc_ctx_init(ctx, hdev, ndev);
	ctx->vf_stats = netdev_alloc_pcpu_stats(struct netvsc_vf_stats);
	if (!ctx->vf_stats) {
		ret = -ENOMEM;
		goto free;
	}
	dev_set_drvdata(&hdev->device, ndev);
	SET_NETDEV_DEV(ndev, &hdev->device);
	ndev->netdev_ops = &netvsc_netdev_ops;
	ndev->ethtool_ops = &netvsc_ethtool_ops;
	ndev->needed_headroom = NETVSC_TX_HDR_MAX;
	/*
	 * RSC on from the start, as upstream (netvsc_init_settings()), and
	 * receive checksums: the first offload parameters ask for both.
	 */
	ndev->features = NETIF_F_LRO | NETIF_F_RXCSUM;
	netif_set_real_num_tx_queues(ndev, 1);
	netif_set_real_num_rx_queues(ndev, 1);
	netvsc_info_init(&info, NULL);

	rtnl_lock();
	nvdev = netvsc_dev_add(ctx, &info);
	if (IS_ERR(nvdev)) {
		ret = PTR_ERR(nvdev);
		netdev_err(ndev, "unable to add netvsc device: %d\n", ret);
		goto unlock;
	}
	netvsc_ndev_setup(ndev, nvdev);
	WRITE_ONCE(nvdev->tx_disable, false);
	ret = register_netdevice(ndev);
	if (ret) {
		netdev_err(ndev, "unable to register: %d\n", ret);
		netvsc_dev_remove(ctx, nvdev);
		goto unlock;
	}
	if (nvdev->num_chn > 1)
		schedule_work(&ctx->subchan_work);
	rtnl_unlock();
	return 0;

unlock:
	rtnl_unlock();
	free_percpu(ctx->vf_stats);
	dev_set_drvdata(&hdev->device, NULL);
free:
	kfree(ctx->rx_table);
	free_netdev(ndev);
	return ret;
}

static void netvsc_remove(struct hv_device *hdev)
{
	struct net_device *ndev = dev_get_drvdata(&hdev->device);
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev;

	cancel_work_sync(&ctx->subchan_work);
	rtnl_lock();
	nvdev = rtnl_dereference(ctx->nvdev);
	if (nvdev) {
		netvsc_xdp_set(ndev, NULL, NULL, nvdev);
		netvsc_tx_disable(nvdev, ndev);
		netvsc_dev_remove(ctx, nvdev);
	}
	unregister_netdevice(ndev);
	rtnl_unlock();
	/* Not before: NAPI could queue link events until the device went. */
	cancel_delayed_work_sync(&ctx->link_work);
	dev_set_drvdata(&hdev->device, NULL);
	free_percpu(ctx->vf_stats);
	kfree(ctx->rx_table);
	free_netdev(ndev);
}

static const struct hv_vmbus_device_id netvsc_ids[] = {
	{ .guid = { .b = VMBUS_GUID_NETWORK_BYTES } },
	{ }
};
MODULE_DEVICE_TABLE(vmbus, netvsc_ids);

static struct hv_driver netvsc_driver = {
	.name = KBUILD_MODNAME,
	.id_table = netvsc_ids,
	.probe = netvsc_probe,
	.remove = netvsc_remove,
	.driver = {
		.probe_type = PROBE_FORCE_SYNCHRONOUS,
	},
};

static int __init netvsc_init(void)
{
	if (ring_size < NETVSC_RING_PAGES_MIN) {
		ring_size = NETVSC_RING_PAGES_MIN;
		pr_info("Increased ring_size to %u (min allowed)\n", ring_size);
	}
	if (ring_size > NETVSC_RING_PAGES_MAX) {
		pr_err("ring_size %u refused: at most %u pages\n", ring_size,
		       NETVSC_RING_PAGES_MAX);
		return -EINVAL;
	}
	netvsc_ring_bytes = PAGE_ALIGN(ring_size * HV_PAGE_SIZE + HV_PAGE_SIZE);
	return vmbus_driver_register(&netvsc_driver);
}

static void __exit netvsc_exit(void)
{
	vmbus_driver_unregister(&netvsc_driver);
}

module_init(netvsc_init);
module_exit(netvsc_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Microsoft Hyper-V network driver (hvguest)");
MODULE_VERSION(HVG_VERSION);
HVG_IMPORT_NS();
