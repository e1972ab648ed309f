// SPDX-License-Identifier: GPL-2.0
/*
 * netvsp's data path. Guest to port: the RNDIS PACKET messages of a
 * SEND_RNDIS_PKT, from a send-buffer section or the guest's pages, become
 * skbs with the offloads the guest asked for turned into what a Linux
 * NIC hands over (CHECKSUM_PARTIAL, GSO), given to the switch port with
 * netif_rx(). Port to guest: frames the port transmits are filtered,
 * hashed onto a queue with the guest's Toeplitz key and indirection
 * table, checksummed or segmented when the guest did not enable the
 * offload, and written into free receive-buffer sections, one RNDIS
 * message per range of a transfer-page packet; the guest's completion of
 * that packet frees its sections. Sections are tracked in chains, as
 * OpenVMM's rx_bufs.rs does: the transaction id of a transfer-page packet
 * is its first section.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>
/* skb_gso_segment() moved from netdevice.h to net/gso.h in 6.4. */
#ifdef HAVE_NET_GSO_H
#include <net/gso.h>
#endif

#include "../host.h"
#include "../gpa.h"
#include "netvsp.h"
#include "wire.h"

#define NVS_SEC_HEAD		0x80000000
#define NVS_SEC_FREE		0x7fffffff
#define NVS_SEC_END		0x7ffffffe

/* What the classifier decided for a frame to the guest (skb->cb). */
struct nvs_rx_cb {
	u32 csum;		/* NDIS_CSUM_RX_* for the checksum PPI */
	u32 hash;
	u32 vlan;
	u8 has_csum;
	u8 has_hash;
	u8 has_vlan;
	u8 rsc;			/* send as coalesced fragments */
};

static struct nvs_rx_cb *nvs_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct nvs_rx_cb) > sizeof(skb->cb));
	return (struct nvs_rx_cb *)skb->cb;
}

/* ---- receive sections ------------------------------------------------------ */

/**
 * nvs_rx_sections_init() - cut the receive buffer into sections
 * @nic: the NIC, its receive buffer mapped
 * @size: bytes per section
 * @count: sections, at least 2; the first NVS_CTRL_SECTIONS (half of
 *	a small buffer) are kept for control messages
 *
 * Return: 0 or -ENOMEM.
 */
int nvs_rx_sections_init(struct nvs_nic *nic, u32 size, u32 count)
{
	u32 i;

	nic->rnext = kvmalloc_array(count, sizeof(*nic->rnext), GFP_KERNEL);
	nic->rowner = kvcalloc(count, sizeof(*nic->rowner), GFP_KERNEL);
	nic->rstack = kvmalloc_array(count, sizeof(*nic->rstack), GFP_KERNEL);
	if (!nic->rnext || !nic->rowner || !nic->rstack)
		return -ENOMEM;
	nic->rsec_size = size;
	nic->rsec_count = count;
	nic->rsec_ctrl = min_t(u32, NVS_CTRL_SECTIONS, count / 2);
	nic->rfree_ctrl = 0;
	nic->rfree_data = 0;
	for (i = 0; i < count; i++) {
		nic->rnext[i] = NVS_SEC_FREE;
		if (i < nic->rsec_ctrl)
			nic->rctrl[nic->rfree_ctrl++] = i;
		else
			nic->rstack[nic->rfree_data++] = i;
	}
	return 0;
}

/**
 * nvs_rx_alloc() - take a free receive section
 * @nic: the NIC, its receive buffer mapped
 * @ctrl: from the control reserve, else from the data sections
 * @sec: the section
 *
 * Return: 0, or -ENOSPC when none is free (or the rx_full fault holds).
 */
int nvs_rx_alloc(struct nvs_nic *nic, bool ctrl, u32 *sec)
{
	if (!nic->rbuf)
		return -ENODEV;
	if (ctrl) {
		if (!nic->rfree_ctrl)
			return -ENOSPC;
		*sec = nic->rctrl[--nic->rfree_ctrl];
	} else {
		if (!nic->rfree_data ||
		    time_before(jiffies, nvs_faults.rx_full_until))
			return -ENOSPC;
		*sec = nic->rstack[--nic->rfree_data];
	}
	nic->rnext[*sec] = NVS_SEC_END;
	return 0;
}

static void nvs_rx_free_one(struct nvs_nic *nic, u32 sec)
{
	nic->rnext[sec] = NVS_SEC_FREE;
	if (sec < nic->rsec_ctrl)
		nic->rctrl[nic->rfree_ctrl++] = sec;
	else
		nic->rstack[nic->rfree_data++] = sec;
}

/* Free the sections of the batch starting at @head. */
void nvs_rx_free_chain(struct nvs_nic *nic, u32 head)
{
	u32 sec = head, next, n;

	for (n = 0; n < nic->rsec_count; n++) {
		next = nic->rnext[sec] & ~NVS_SEC_HEAD;
		nvs_rx_free_one(nic, sec);
		if (next >= nic->rsec_count)
			break;
		sec = next;
	}
}

/* A batch head: in use and first of its chain. */
static bool nvs_rx_is_head(const struct nvs_nic *nic, u64 tid)
{
	return tid < nic->rsec_count && (nic->rnext[tid] & NVS_SEC_HEAD);
}

/**
 * nvs_rx_complete() - the guest completed a transfer-page packet
 * @q: the queue the completion came on
 * @tid: its transaction id
 *
 * The id must name a batch sent on this queue and not completed yet;
 * anything else is counted as bad (or, for the fault's packets, as a
 * bogus completion) and ignored.
 *
 * Return: 0 or -EINVAL.
 */
int nvs_rx_complete(struct nvs_queue *q, u64 tid)
{
	struct nvs_nic *nic = q->nic;

	if (nvs_fault_tid(tid)) {
		nic->stats.bogus_completions++;
		return 0;
	}
	if (!nic->rbuf || !nvs_rx_is_head(nic, tid) ||
	    nic->rowner[tid] != q->index) {
		nvs_bad(nic, "relid %u: completion for unknown transaction id %#llx\n",
			q->ch->relid, tid);
		return -EINVAL;
	}
	nvs_rx_free_chain(nic, tid);
	nic->stats.rx_completions++;
	return 0;
}

/**
 * nvs_send_xfer() - send a transfer-page packet naming sections
 * @q: the queue
 * @channel_type: NVSP_CHANNEL_DATA or _CONTROL
 * @sec: the sections, the first giving the transaction id
 * @len: bytes used in each (one RNDIS message)
 * @n: how many, at most the ranges a packet may hold
 *
 * The sections become one batch owned by @q. When the inbound ring is
 * full the packet waits in the channel's transmit buffer (that counts as
 * sent). Return: 0, or an error when the ring broke: the caller frees the
 * sections with nvs_rx_free_chain().
 */
int nvs_send_xfer(struct nvs_queue *q, u32 channel_type, const u32 *sec,
		  const u32 *len, u32 n)
{
	struct nvs_nic *nic = q->nic;
	struct sim_channel *ch = q->ch;
	struct vmbus_pkt_xfer_pages *x = (void *)ch->txbuf;
	u32 hdr = struct_size(x, ranges, n), msg = nvs_msg_size(nic);
	struct nvsp_rndis_pkt body = {
		.channel_type = channel_type,
		.section_index = NVSP_NO_SECTION,
	};
	struct nvsp_hdr nh = { .type = NVSP1_TYPE_SEND_RNDIS_PKT };
	u32 i, total = ALIGN(hdr + msg, VMBUS_PKT_ALIGN);
	int ret;

	/* A chain first, so that the caller can free it on any error. */
	for (i = 0; i < n; i++)
		nic->rnext[sec[i]] = i + 1 < n ? sec[i + 1] : NVS_SEC_END;
	nic->rnext[sec[0]] |= NVS_SEC_HEAD;
	nic->rowner[sec[0]] = q->index;
	if (!ch->ring_map || ch->broken)
		return -ENODEV;
	if (ch->held_len || total > ch->max_pkt)
		return -EBUSY;

	memset(ch->txbuf, 0, total);
	x->desc.type = VMBUS_PKT_DATA_XFER_PAGES;
	x->desc.flags = VMBUS_PKT_FLAG_COMPLETION_REQUESTED;
	x->desc.offset8 = hdr >> VMBUS_PKT_ALIGN_SHIFT;
	x->desc.len8 = total >> VMBUS_PKT_ALIGN_SHIFT;
	x->desc.trans_id = sec[0];
	x->xfer_pageset_id = nic->rid;
	x->range_count = n;
	for (i = 0; i < n; i++) {
		x->ranges[i].byte_offset = sec[i] * nic->rsec_size;
		x->ranges[i].byte_count = len[i];
	}
	memcpy(ch->txbuf + hdr, &nh, sizeof(nh));
	memcpy(ch->txbuf + hdr + sizeof(nh), &body, sizeof(body));
	ch->held_len = total;
	ret = sim_chan_write_held(nic->h, ch);
	return ret == -EAGAIN ? 0 : ret;
}

/* ---- guest to port -------------------------------------------------------- */

static __be16 eth_hdr_proto(const u8 *frame)
{
	__be16 type;

	memcpy(&type, frame + 12, sizeof(type));
	return type;
}

/**
 * nvs_src_copy() - copy bytes of a guest's RNDIS message
 * @src: where the message lies
 * @off: offset in it
 * @dst: the host's buffer
 * @n: bytes; @off + @n within @src->len
 */
void nvs_src_copy(const struct nvs_src *src, u32 off, void *dst, u32 n)
{
	if (src->lin)
		memcpy(dst, src->lin + off, n);
	else
		sim_gpa_copy(src->r, src->nr, off, dst, n, false);
}

/*
 * The L3 header of a frame the guest asks the host to finish: the
 * Ethernet type must match the IP version and the transport header sit
 * right after a well-formed IP header (@thoff 0: right after the minimal
 * one, as OpenVMM assumes). Returns the transport header's offset, 0 when
 * the frame does not fit the request.
 */
static u32 nvs_l4_offset(const struct sk_buff *skb, bool v6, u32 thoff,
			 u8 proto, u32 l4min)
{
	const u8 *d = skb->data;
	u32 len = skb->len, ihl;

	if (len < ETH_HLEN + (v6 ? sizeof(struct ipv6hdr) : sizeof(struct iphdr)))
		return 0;
	if (v6) {
		if (eth_hdr_proto(d) != htons(ETH_P_IPV6) || d[ETH_HLEN] >> 4 != 6)
			return 0;
		if (!thoff)
			thoff = ETH_HLEN + sizeof(struct ipv6hdr);
		if (thoff < ETH_HLEN + sizeof(struct ipv6hdr) ||
		    (thoff == ETH_HLEN + sizeof(struct ipv6hdr) &&
		     d[ETH_HLEN + 6] != proto))
			return 0;
	} else {
		if (eth_hdr_proto(d) != htons(ETH_P_IP) || d[ETH_HLEN] >> 4 != 4)
			return 0;
		ihl = (d[ETH_HLEN] & 0xf) * 4;
		if (!thoff)
			thoff = ETH_HLEN + ihl;
		if (ihl < sizeof(struct iphdr) || thoff != ETH_HLEN + ihl ||
		    d[ETH_HLEN + 9] != proto)
			return 0;
	}
	if (thoff > len || len - thoff < l4min)
		return 0;
	return thoff;
}

/*
 * Make the frame CHECKSUM_PARTIAL over its transport header at @thoff:
 * the host writes the pseudo-header sum itself, so whatever the guest
 * left in the field does not matter, as for a NIC that computes the
 * checksum from scratch.
 */
static int nvs_partial(struct sk_buff *skb, bool v6, u32 thoff, u8 proto)
{
	u16 coff = proto == IPPROTO_TCP ? offsetof(struct tcphdr, check) :
					  offsetof(struct udphdr, check);
	u32 l4len = skb->len - thoff;
	__sum16 sum;

	if (v6) {
		struct ipv6hdr *ip6 = (void *)(skb->data + ETH_HLEN);

		sum = ~csum_ipv6_magic(&ip6->saddr, &ip6->daddr, l4len, proto, 0);
	} else {
		struct iphdr *ip = (void *)(skb->data + ETH_HLEN);

		sum = ~csum_tcpudp_magic(ip->saddr, ip->daddr, l4len, proto, 0);
	}
	memcpy(skb->data + thoff + coff, &sum, sizeof(sum));
	return skb_partial_csum_set(skb, thoff, coff) ? 0 : -EINVAL;
}

/* Large send: fix the IP lengths, then a GSO skb of MSS-sized segments. */
static int nvs_tx_lso(struct nvs_nic *nic, struct sk_buff *skb, u32 info)
{
	bool v6 = info & NDIS_LSO_IPV6;
	u32 mss = NDIS_LSO_MSS(info), thoff, doff, payload;

	thoff = nvs_l4_offset(skb, v6, NDIS_LSO_TCP_OFFSET(info), IPPROTO_TCP,
			      sizeof(struct tcphdr));
	if (!thoff || !mss)
		return -EINVAL;
	doff = (skb->data[thoff + 12] >> 4) * 4;
	if (doff < sizeof(struct tcphdr) || doff > skb->len - thoff)
		return -EINVAL;
	if (v6) {
		struct ipv6hdr *ip6 = (void *)(skb->data + ETH_HLEN);

		ip6->payload_len = htons(skb->len - ETH_HLEN - sizeof(*ip6));
	} else {
		struct iphdr *ip = (void *)(skb->data + ETH_HLEN);

		ip->tot_len = htons(skb->len - ETH_HLEN);
		ip_send_check(ip);
	}
	if (nvs_partial(skb, v6, thoff, IPPROTO_TCP))
		return -EINVAL;
	payload = skb->len - thoff - doff;
	if (payload > mss) {
		skb_shinfo(skb)->gso_size = mss;
		skb_shinfo(skb)->gso_type = (v6 ? SKB_GSO_TCPV6 : SKB_GSO_TCPV4) |
					    SKB_GSO_DODGY;
		skb_shinfo(skb)->gso_segs = DIV_ROUND_UP(payload, mss);
	}
	nic->stats.tx_lso++;
	return 0;
}

static int nvs_tx_csum(struct nvs_nic *nic, struct sk_buff *skb, u32 info)
{
	bool v6 = !(info & NDIS_CSUM_TX_IPV4);
	bool tcp = info & NDIS_CSUM_TX_TCP;
	u8 proto = tcp ? IPPROTO_TCP : IPPROTO_UDP;
	u32 thoff;

	if (!(info & (NDIS_CSUM_TX_IPV4 | NDIS_CSUM_TX_IPV6)))
		return -EINVAL;
	if (!v6 && (info & NDIS_CSUM_TX_IP_HDR) &&
	    skb->len >= ETH_HLEN + sizeof(struct iphdr))
		ip_send_check((void *)(skb->data + ETH_HLEN));
	if (!(info & (NDIS_CSUM_TX_TCP | NDIS_CSUM_TX_UDP)))
		return 0;
	thoff = nvs_l4_offset(skb, v6, NDIS_CSUM_TX_TCP_OFFSET(info), proto,
			      tcp ? sizeof(struct tcphdr) : sizeof(struct udphdr));
	if (!thoff || nvs_partial(skb, v6, thoff, proto))
		return -EINVAL;
	nic->stats.tx_csum++;
	return 0;
}

static int nvs_tx_offload(struct nvs_nic *nic, struct sk_buff *skb,
			  const struct nvs_tx_meta *m)
{
	if (m->vlan) {
		u16 tci = NDIS_VLAN_ID(m->vlan_info) |
			  NDIS_VLAN_PRIO(m->vlan_info) << VLAN_PRIO_SHIFT;

		if (m->vlan_info & NDIS_VLAN_DEI)
			tci |= VLAN_CFI_MASK;
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), tci);
		nic->stats.tx_vlan++;
	}
	if (m->lso)
		return nvs_tx_lso(nic, skb, m->lso_info);
	if (m->csum)
		return nvs_tx_csum(nic, skb, m->csum_info);
	return 0;
}

/* One frame of @len bytes at @off of @src to the switch port. */
static void nvs_tx_frame(struct nvs_queue *q, const struct nvs_src *src,
			 u32 off, u32 len, const struct nvs_tx_meta *m)
{
	struct nvs_nic *nic = q->nic;
	struct sk_buff *skb;

	q->stats.tx_packets++;
	q->stats.tx_bytes += len;
	nic->stats.tx_packets++;
	nic->stats.tx_bytes += len;
	if (!nic->port || !netif_running(nic->port) || !nic->link_up ||
	    len < ETH_HLEN) {
		nic->stats.tx_dropped++;
		return;
	}
	/* The host's thread may sleep: large sends need large buffers. */
	skb = __netdev_alloc_skb_ip_align(nic->port, len, GFP_KERNEL);
	if (!skb) {
		nic->stats.tx_dropped++;
		return;
	}
	nvs_src_copy(src, off, skb_put(skb, len), len);
	if (nvs_tx_offload(nic, skb, m)) {
		nvs_bad(nic, "offload request %s%s%s of a %u-byte frame refused\n",
			m->csum ? "csum " : "", m->lso ? "lso " : "",
			m->vlan ? "vlan" : "", len);
		nic->stats.tx_dropped++;
		kfree_skb(skb);
		return;
	}
	nvs_port_rx(nic, skb);
}

/**
 * nvs_tx_packets() - send the frames of a guest's RNDIS data message
 * @q: the queue it came on
 * @src: the message
 *
 * One or more PACKET messages back to back, each whole inside @src; the
 * first bad one ends the message (frames before it went out).
 *
 * Return: NVSP status for the guest's SEND_RNDIS_PKT.
 */
u32 nvs_tx_packets(struct nvs_queue *q, const struct nvs_src *src)
{
	struct nvs_nic *nic = q->nic;
	u8 head[RNDIS_PACKET_HDR_SIZE], ppi[NVS_PPI_MAX];
	struct nvs_pkt_layout l;
	struct rndis_packet p;
	struct nvs_tx_meta m;
	struct rndis_hdr hdr;
	const char *why;
	u32 off = 0;

	while (off < src->len) {
		if (src->len - off < sizeof(head)) {
			why = "message shorter than a packet header";
			goto bad;
		}
		nvs_src_copy(src, off, head, sizeof(head));
		memcpy(&hdr, head, sizeof(hdr));
		memcpy(&p, head + sizeof(hdr), sizeof(p));
		if (hdr.type != RNDIS_MSG_PACKET) {
			why = "not a PACKET message";
			goto bad;
		}
		if (hdr.len < sizeof(head) || hdr.len > src->len - off) {
			why = "RNDIS length outside the message";
			goto bad;
		}
		why = nvs_check_packet(hdr.len, &p, &l);
		if (!why && l.ppi_len > sizeof(ppi))
			why = "per-packet info too long";
		if (why)
			goto bad;
		nvs_src_copy(src, off + l.ppi_off, ppi, l.ppi_len);
		why = nvs_parse_ppi(ppi, l.ppi_len, &m);
		if (why)
			goto bad;
		nvs_tx_frame(q, src, off + l.data_off, l.data_len, &m);
		off += hdr.len;
	}
	return NVSP_STATUS_SUCCESS;
bad:
	nvs_bad(nic, "relid %u: RNDIS data at %u of %u bytes: %s\n",
		q->ch->relid, off, src->len, why);
	return NVSP_STATUS_INVALID_RNDIS_PKT;
}

/* ---- port to guest ----------------------------------------------------------- */

static bool nvs_rx_filter(const struct nvs_nic *nic, const u8 *dst)
{
	u32 f = nic->filter;

	if (f & RNDIS_FILTER_PROMISCUOUS)
		return true;
	if (is_broadcast_ether_addr(dst))
		return f & RNDIS_FILTER_BROADCAST;
	if (is_multicast_ether_addr(dst))
		return f & (RNDIS_FILTER_MULTICAST | RNDIS_FILTER_ALL_MULTICAST);
	return (f & RNDIS_FILTER_DIRECTED) && ether_addr_equal(dst, nic->cur_mac);
}

/* IP version and transport of a frame: 4 or 6, and the protocol. */
static int nvs_rx_ipver(struct sk_buff *skb, u8 *proto)
{
	u8 b[ETH_HLEN + sizeof(struct ipv6hdr)];
	const u8 *d = skb_header_pointer(skb, 0, sizeof(b), b);

	if (!d)
		return 0;
	if (eth_hdr_proto(d) == htons(ETH_P_IP) && d[ETH_HLEN] >> 4 == 4) {
		*proto = d[ETH_HLEN + 9];
		return 4;
	}
	if (eth_hdr_proto(d) == htons(ETH_P_IPV6) && d[ETH_HLEN] >> 4 == 6) {
		*proto = d[ETH_HLEN + 6];
		return 6;
	}
	return 0;
}

/*
 * A frame the stack left to the NIC to checksum: tell the guest it is
 * good when it enabled receive checksum offload for that kind, else
 * compute it here so that the guest can verify it.
 */
static int nvs_rx_csum(struct nvs_nic *nic, struct sk_buff *skb)
{
	struct nvs_rx_cb *cb = nvs_cb(skb);
	u8 proto = 0;
	int ver = nvs_rx_ipver(skb, &proto);
	u32 bit = 0;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;
	if (proto == IPPROTO_TCP)
		bit = ver == 4 ? NVS_OFF_RX_TCP4 : NVS_OFF_RX_TCP6;
	else if (proto == IPPROTO_UDP)
		bit = ver == 4 ? NVS_OFF_RX_UDP4 : NVS_OFF_RX_UDP6;
	if (ver && bit && (nic->offloads & bit)) {
		cb->has_csum = 1;
		cb->csum = proto == IPPROTO_TCP ? NDIS_CSUM_RX_TCP_OK :
						  NDIS_CSUM_RX_UDP_OK;
		if (ver == 4)
			cb->csum |= NDIS_CSUM_RX_IP_OK;
		nic->stats.rx_csum++;
		return 0;
	}
	return skb_checksum_help(skb);
}

static bool nvs_rsc_ok(const struct nvs_nic *nic, struct sk_buff *skb)
{
	u8 proto = 0;
	int ver = nvs_rx_ipver(skb, &proto);

	if (nic->version < NVSP_VERSION_61 || !(nic->caps & NVSP_CAP_RSC) ||
	    proto != IPPROTO_TCP)
		return false;
	/*
	 * A coalesced frame's checksum is the host's to vouch for: the
	 * guest cannot verify it as sent. Without receive checksum offload
	 * the host segments instead (and checksums each segment).
	 */
	return (ver == 4 && (nic->offloads & NVS_OFF_RSC4) &&
		(nic->offloads & NVS_OFF_RX_TCP4)) ||
	       (ver == 6 && (nic->offloads & NVS_OFF_RSC6) &&
		(nic->offloads & NVS_OFF_RX_TCP6));
}

/* Hash, pick the queue, queue the frame. Consumes @skb. */
static void nvs_rx_queue(struct nvs_nic *nic, struct sk_buff *skb)
{
	struct nvs_rx_cb *cb = nvs_cb(skb);
	u8 b[ETH_HLEN + 60 + 4], in[NVS_RSS_INPUT_MAX];
	struct nvs_queue *q;
	const u8 *d;
	u32 n, qi = 0;

	if (nvs_rx_csum(nic, skb)) {
		nic->stats.rx_dropped_filter++;
		kfree_skb(skb);
		return;
	}
	if (nic->rss.enabled && nic->rss.table_size) {
		d = skb_header_pointer(skb, 0, min_t(u32, skb->len, sizeof(b)), b);
		n = d ? nvs_rss_input(d, min_t(u32, skb->len, sizeof(b)),
				      nic->rss.hash_info, in) : 0;
		if (n) {
			cb->hash = nvs_toeplitz(nic->rss.key, in, n);
			cb->has_hash = 1;
			qi = nic->rss.table[cb->hash % nic->rss.table_size];
		}
	}
	q = qi < NVS_MAX_QUEUES ? nic->q[qi] : NULL;
	if (!q) {
		nic->stats.rx_no_queue++;
		q = nic->q[0];
	}
	if (skb_queue_len(&q->rxq) >= NVS_RXQ_MAX) {
		q->stats.rx_dropped++;
		if (!nic->rfree_data ||
		    time_before(jiffies, nvs_faults.rx_full_until))
			nic->stats.rx_dropped_full++;
		else
			nic->stats.rx_dropped_backlog++;
		kfree_skb(skb);
		return;
	}
	__skb_queue_tail(&q->rxq, skb);
}

/* Classify one frame the port sent. Consumes @skb. */
static void nvs_rx_classify(struct nvs_nic *nic, struct sk_buff *skb)
{
	struct nvs_rx_cb *cb = nvs_cb(skb);
	struct sk_buff *segs, *next;

	memset(cb, 0, sizeof(*cb));
	if (!nic->q[0] || nic->state != NVS_READY ||
	    nic->rndis != NVS_RNDIS_READY || !nic->link_up ||
	    skb->len < ETH_HLEN || !nvs_rx_filter(nic, skb->data)) {
		nic->stats.rx_dropped_filter++;
		kfree_skb(skb);
		return;
	}
	if (skb_vlan_tag_present(skb)) {
		u16 tci = skb_vlan_tag_get(skb);

		cb->has_vlan = 1;
		cb->vlan = NDIS_VLAN_MAKE(tci >> VLAN_PRIO_SHIFT, tci & VLAN_VID_MASK);
		if (tci & VLAN_CFI_MASK)
			cb->vlan |= NDIS_VLAN_DEI;
		nic->stats.rx_vlan++;
	}
	if (!skb_is_gso(skb) || nvs_rsc_ok(nic, skb)) {
		cb->rsc = skb_is_gso(skb);
		nvs_rx_queue(nic, skb);
		return;
	}
	/*
	 * No RSC: the host cuts the large frame, as a switch port must,
	 * leaving the checksums to the guest's offload when it has one.
	 */
	segs = skb_gso_segment(skb, nic->offloads & (NVS_OFF_RX_TCP4 |
						     NVS_OFF_RX_TCP6) ?
				    NETIF_F_HW_CSUM : 0);
	if (IS_ERR_OR_NULL(segs)) {
		nic->stats.rx_dropped_filter++;
		kfree_skb(skb);
		return;
	}
	nic->stats.rx_segmented++;
	for (; segs; segs = next) {
		next = segs->next;
		skb_mark_not_on_list(segs);
		memcpy(segs->cb, cb, sizeof(*cb));
		nvs_rx_queue(nic, segs);
	}
	consume_skb(skb);
}

static u8 *nvs_put_ppi(u8 *p, u32 type, u32 value)
{
	struct rndis_ppi r = {
		.size = RNDIS_PPI_U32_SIZE,
		.type = type,
		.ppi_offset = sizeof(r),
	};

	memcpy(p, &r, sizeof(r));
	memcpy(p + sizeof(r), &value, sizeof(value));
	return p + RNDIS_PPI_U32_SIZE;
}

/* Write one RNDIS PACKET message into section @sec. Returns its length. */
static u32 nvs_rx_write(struct nvs_nic *nic, struct sk_buff *skb, u32 sec,
			u32 off, u32 len, u32 frag_flags, u32 ppi_len)
{
	struct nvs_rx_cb *cb = nvs_cb(skb);
	u8 *dst = nic->rbuf + (size_t)sec * nic->rsec_size;
	u8 *p = dst + RNDIS_PACKET_HDR_SIZE;
	struct rndis_hdr hdr = {
		.type = RNDIS_MSG_PACKET,
		.len = RNDIS_PACKET_HDR_SIZE + ppi_len + len,
	};
	struct rndis_packet pkt = {
		.data_offset = sizeof(pkt) + ppi_len,
		.data_len = len,
		.per_pkt_info_offset = sizeof(pkt),
		.per_pkt_info_len = ppi_len,
	};
	struct rndis_pktinfo_id id = {
		.version = RNDIS_PKTINFO_ID_V1,
		.flags = frag_flags,
	};
	u32 idv;

	memcpy(dst, &hdr, sizeof(hdr));
	memcpy(dst + sizeof(hdr), &pkt, sizeof(pkt));
	if (cb->has_csum)
		p = nvs_put_ppi(p, RNDIS_PPI_CHECKSUM, cb->csum);
	if (cb->has_hash)
		p = nvs_put_ppi(p, RNDIS_PPI_HASH_VALUE, cb->hash);
	if (cb->has_vlan)
		p = nvs_put_ppi(p, RNDIS_PPI_VLAN, cb->vlan);
	if (frag_flags) {
		memcpy(&idv, &id, sizeof(idv));
		p = nvs_put_ppi(p, RNDIS_PPI_PKTINFO_ID, idv);
	}
	skb_copy_bits(skb, off, p, len);
	return hdr.len;
}

/*
 * Put one frame into free sections: one, or for a coalesced frame as
 * many fragments as it needs. Returns the ranges used, 0 when there is
 * no room now (sections or ranges), -E2BIG when it can never fit.
 */
static int nvs_rx_fill(struct nvs_queue *q, struct sk_buff *skb, u32 *sec,
		       u32 *len, u32 room)
{
	struct nvs_nic *nic = q->nic;
	struct nvs_rx_cb *cb = nvs_cb(skb);
	u32 ppi = (cb->has_csum + cb->has_hash + cb->has_vlan + cb->rsc) *
		  RNDIS_PPI_U32_SIZE;
	u32 cap = nic->rsec_size - RNDIS_PACKET_HDR_SIZE - ppi, need, i, off, n;

	need = cb->rsc ? DIV_ROUND_UP(skb->len, cap) : 1;
	if ((!cb->rsc && skb->len > cap) || need > NVSP_MAX_XFER_RANGES_RSC)
		return -E2BIG;
	if (need > room)
		return 0;
	for (i = 0; i < need; i++) {
		if (nvs_rx_alloc(nic, false, &sec[i])) {
			while (i--)
				nvs_rx_free_one(nic, sec[i]);
			return 0;
		}
	}
	for (i = 0, off = 0; i < need; i++, off += n) {
		u32 flags = 0;

		n = min(cap, skb->len - off);
		if (cb->rsc)
			flags = RNDIS_PKTINFO_SUBALLOC |
				(i == 0 ? RNDIS_PKTINFO_1ST_FRAG : 0) |
				(i == need - 1 ? RNDIS_PKTINFO_LAST_FRAG : 0);
		len[i] = nvs_rx_write(nic, skb, sec[i], off, n, flags, ppi);
	}
	q->stats.rx_packets++;
	q->stats.rx_bytes += skb->len;
	nic->stats.rx_packets++;
	nic->stats.rx_bytes += skb->len;
	if (cb->rsc) {
		nic->stats.rx_rsc++;
		nic->stats.rx_rsc_frags += need;
	}
	return need;
}

/**
 * nvs_rx_deliver() - send a queue's waiting frames to the guest
 * @q: the queue
 *
 * Frames go in transfer-page packets of up to 375 ranges (562 with RSC)
 * while sections are free and the inbound ring takes them.
 */
void nvs_rx_deliver(struct nvs_queue *q)
{
	struct nvs_nic *nic = q->nic;
	u32 max = nic->offloads & (NVS_OFF_RSC4 | NVS_OFF_RSC6) ?
		  NVSP_MAX_XFER_RANGES_RSC : NVSP_MAX_XFER_RANGES;
	struct sk_buff *skb;
	u32 n;
	int used;

	while (nic->rbuf && !q->ch->held_len && !skb_queue_empty(&q->rxq)) {
		n = 0;
		while (n < max && (skb = skb_peek(&q->rxq))) {
			used = nvs_rx_fill(q, skb, q->bsec + n, q->blen + n,
					   max - n);
			if (!used)
				break;
			__skb_unlink(skb, &q->rxq);
			if (used < 0) {
				nic->stats.rx_dropped_big++;
				kfree_skb(skb);
				continue;
			}
			consume_skb(skb);
			n += used;
		}
		if (!n)
			break;
		q->stats.rx_xfers++;
		if (nvs_send_xfer(q, NVSP_CHANNEL_DATA, q->bsec, q->blen, n)) {
			nvs_rx_free_chain(nic, q->bsec[0]);
			break;
		}
	}
}

/**
 * nvs_queue_drop_rx() - forget a queue's frames and its sent batches
 * @q: the queue, closing or its buffer revoked
 */
void nvs_queue_drop_rx(struct nvs_queue *q)
{
	struct nvs_nic *nic = q->nic;
	u32 i;

	__skb_queue_purge(&q->rxq);
	q->cq_count = 0;
	if (!nic->rnext)
		return;
	for (i = 0; i < nic->rsec_count; i++)
		if ((nic->rnext[i] & NVS_SEC_HEAD) && nic->rowner[i] == q->index)
			nvs_rx_free_chain(nic, i);
}

/**
 * nvs_rx_work() - deliver what the switch port sent
 * @work: nvs_nic.rx_work
 *
 * Runs on the host's workqueue: takes the port's backlog, classifies each
 * frame onto a queue and sends what the queues can take now; the rest
 * waits for completions (nvs_queue_run() delivers again).
 */
void nvs_rx_work(struct work_struct *work)
{
	struct nvs_nic *nic = container_of(work, struct nvs_nic, rx_work);
	struct sim_host *h = nic->h;
	struct sk_buff *skb;
	unsigned int i;

	mutex_lock(&h->lock);
	while ((skb = skb_dequeue(&nic->backlog))) {
		if (h->stopping) {
			kfree_skb(skb);
			continue;
		}
		nvs_rx_classify(nic, skb);
	}
	for (i = 0; i < NVS_MAX_QUEUES && !h->stopping; i++) {
		struct nvs_queue *q = nic->q[i];

		if (!q || skb_queue_empty(&q->rxq) || q->ch->broken ||
		    q->ch->stalled)
			continue;
		nvs_rx_deliver(q);
		sim_chan_notify(h, q->ch);
	}
	nvs_port_wake(nic);
	mutex_unlock(&h->lock);
}
