// SPDX-License-Identifier: GPL-2.0
/*
 * hv_netvsc XDP: drop, pass, transmit and redirect of single-fragment
 * frames, and ndo_xdp_xmit. Upstream's restrictions (Debian
 * linux-source-6.12, drivers/net/hyperv/netvsc_bpf.c): the frame is
 * copied into a page with NETVSC_XDP_HEADROOM in front, so a program is
 * refused when an MTU-sized frame and the skb info do not fit a page, and
 * while LRO is on (coalesced frames span several ranges); frames longer
 * than MTU + 14 are dropped.
 */
#include <linux/bpf.h>
#include <linux/bpf_trace.h>
#include <linux/filter.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include "netvsc.h"

/**
 * netvsc_run_xdp() - run the channel's program on a received frame
 * @c: the channel, from its NAPI poll
 * @data: the frame, in the receive buffer
 * @len: its bytes
 * @xdp: the buffer; for XDP_PASS and XDP_TX it holds the frame in its
 *	page (data_hard_start set), otherwise data_hard_start is NULL
 *
 * Return: the program's verdict; XDP_DROP without a program's say for a
 * frame too long or without memory. A redirect is counted here.
 */
u32 netvsc_run_xdp(struct netvsc_chan *c, const void *data, u32 len,
		   struct xdp_buff *xdp)
{
	struct net_device *ndev = c->nvdev->ctx->ndev;
	struct bpf_prog *prog;
	struct page *page = NULL;
	u32 act = XDP_PASS;
	bool drop = true;

	xdp->data_hard_start = NULL;
	rcu_read_lock();
	prog = rcu_dereference(c->xdp_prog);
	if (!prog)
		goto out;
	if (len > ndev->mtu + ETH_HLEN) {
		act = XDP_DROP;
		goto out;
	}
	page = alloc_page(GFP_ATOMIC);
	if (!page) {
		act = XDP_DROP;
		goto out;
	}
	xdp_init_buff(xdp, PAGE_SIZE, &c->xdp_rxq);
	xdp_prepare_buff(xdp, page_address(page), NETVSC_XDP_HEADROOM, len,
			 false);
	memcpy(xdp->data, data, len);
	act = bpf_prog_run_xdp(prog, xdp);
	switch (act) {
	case XDP_PASS:
	case XDP_TX:
		drop = false;
		break;
	case XDP_DROP:
		break;
	case XDP_REDIRECT:
		if (!xdp_do_redirect(ndev, xdp, prog)) {
			c->xdp_flush = true;
			drop = false;
			u64_stats_update_begin(&c->rx.syncp);
			c->rx.xdp_redirect++;
			c->rx.packets++;
			c->rx.bytes += len;
			u64_stats_update_end(&c->rx.syncp);
			break;
		}
		u64_stats_update_begin(&c->rx.syncp);
		c->rx.xdp_drop++;
		u64_stats_update_end(&c->rx.syncp);
		fallthrough;
	case XDP_ABORTED:
		trace_xdp_exception(ndev, prog, act);
		break;
	default:
		bpf_warn_invalid_xdp_action(ndev, prog, act);
		break;
	}
out:
	rcu_read_unlock();
	if (page && drop) {
		__free_page(page);
		xdp->data_hard_start = NULL;
	}
	return act;
}

/**
 * netvsc_xdp_skb() - an skb around the page of an XDP_PASS or XDP_TX frame
 * @c: the channel
 * @xdp: the buffer netvsc_run_xdp() filled
 *
 * Return: the skb, or NULL (the page is freed).
 */
struct sk_buff *netvsc_xdp_skb(struct netvsc_chan *c, struct xdp_buff *xdp)
{
	struct sk_buff *skb;

	skb = build_skb(xdp->data_hard_start, xdp->frame_sz);
	if (!skb) {
		__free_page(virt_to_page(xdp->data_hard_start));
		return NULL;
	}
	skb_reserve(skb, xdp->data - xdp->data_hard_start);
	skb_put(skb, xdp->data_end - xdp->data);
	skb->dev = c->nvdev->ctx->ndev;
	return skb;
}

/**
 * netvsc_xdp_tx() - send an skb back out (XDP_TX, ndo_xdp_xmit)
 * @ndev: the NIC
 * @skb: the frame past its Ethernet header (eth_type_trans() pulled it),
 *	its receive queue recorded
 *
 * Takes the queue's transmit lock, as ndo_start_xmit has it. BH context.
 */
void netvsc_xdp_tx(struct net_device *ndev, struct sk_buff *skb)
{
	u16 q = skb_get_rx_queue(skb) % ndev->real_num_tx_queues;
	struct netdev_queue *txq = netdev_get_tx_queue(ndev, q);
	netdev_tx_t rc;

	skb_set_queue_mapping(skb, q);
	__skb_push(skb, ETH_HLEN);
	__netif_tx_lock(txq, smp_processor_id());
	rc = netvsc_xmit(skb, ndev);
	__netif_tx_unlock(txq);
	if (rc == NETDEV_TX_BUSY) {
		dev_kfree_skb_any(skb);
		ndev->stats.tx_dropped++;
	}
}

/**
 * netvsc_xdp_get() - the device's XDP program
 * @nvdev: the device
 *
 * RTNL held.
 *
 * Return: the program or NULL.
 */
struct bpf_prog *netvsc_xdp_get(struct netvsc_dev *nvdev)
{
	return rtnl_dereference(nvdev->chan[0].xdp_prog);
}

/**
 * netvsc_xdp_set() - install or remove the XDP program on every channel
 * @ndev: the NIC
 * @prog: the program (one reference, taken over), or NULL
 * @extack: for the reason of a refusal, or NULL
 * @nvdev: the device
 *
 * RTNL held.
 *
 * Return: 0, or -EOPNOTSUPP for an MTU too large or LRO on.
 */
int netvsc_xdp_set(struct net_device *ndev, struct bpf_prog *prog,
		   struct netlink_ext_ack *extack, struct netvsc_dev *nvdev)
{
	struct bpf_prog *old = netvsc_xdp_get(nvdev);
	u32 need = NETVSC_XDP_HEADROOM + SKB_DATA_ALIGN(ndev->mtu + ETH_HLEN) +
		   SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
	u32 i;

	if (!old && !prog)
		return 0;
	if (prog && need > PAGE_SIZE) {
		netdev_err(ndev, "XDP: mtu:%u too large, buf_max:%u\n",
			   ndev->mtu, need);
		NL_SET_ERR_MSG_MOD(extack, "XDP: mtu too large");
		return -EOPNOTSUPP;
	}
	if (prog && (ndev->features & NETIF_F_LRO)) {
		netdev_err(ndev, "XDP: not support LRO\n");
		NL_SET_ERR_MSG_MOD(extack, "XDP: not support LRO");
		return -EOPNOTSUPP;
	}
	/* Every slot: the channel count may change while it is installed. */
	if (prog)
		bpf_prog_add(prog, NETVSC_CHANNELS_MAX - 1);
	for (i = 0; i < NETVSC_CHANNELS_MAX; i++)
		rcu_assign_pointer(nvdev->chan[i].xdp_prog, prog);
	for (i = 0; old && i < NETVSC_CHANNELS_MAX; i++)
		bpf_prog_put(old);
	return 0;
}

/**
 * netvsc_bpf() - ndo_bpf: XDP_SETUP_PROG
 * @ndev: the NIC
 * @bpf: the command
 *
 * The VF (issue 15) is to get the same program. RTNL held.
 *
 * Return: 0 or a negative errno.
 */
int netvsc_bpf(struct net_device *ndev, struct netdev_bpf *bpf)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);

	if (!nvdev || nvdev->destroy)
		return -ENODEV;
	if (bpf->command != XDP_SETUP_PROG)
		return -EINVAL;
	return netvsc_xdp_set(ndev, bpf->prog, bpf->extack, nvdev);
}

/**
 * netvsc_xdp_xmit() - ndo_xdp_xmit: send frames redirected to this NIC
 * @ndev: the NIC
 * @n: frames
 * @frames: the frames
 * @flags: XDP_XMIT_*
 *
 * Each frame becomes an skb on the queue of this CPU. BH context.
 *
 * Return: frames sent; the rest the caller frees.
 */
int netvsc_xdp_xmit(struct net_device *ndev, int n, struct xdp_frame **frames,
		    u32 flags)
{
	struct netvsc_ctx *ctx = netdev_priv(ndev);
	struct netvsc_dev *nvdev = rcu_dereference_bh(ctx->nvdev);
	u16 q = smp_processor_id() % ndev->real_num_tx_queues;
	struct sk_buff *skb;
	int i;

	if (unlikely(!nvdev || READ_ONCE(nvdev->destroy)))
		return 0;
	for (i = 0; i < n; i++) {
		skb = xdp_build_skb_from_frame(frames[i], ndev);
		if (!skb)
			break;
		skb_record_rx_queue(skb, q);
		netvsc_xdp_tx(ndev, skb);
	}
	u64_stats_update_begin(&nvdev->chan[q].tx.syncp);
	nvdev->chan[q].tx.xdp_xmit += i;
	u64_stats_update_end(&nvdev->chan[q].tx.syncp);
	return i;
}
