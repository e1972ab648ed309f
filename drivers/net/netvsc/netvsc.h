/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_netvsc internals shared by its files:
 *   nvsp.c    the VMBus side: channels, NVSP negotiation and control,
 *             buffers, the send path to the host, the NAPI receive loop
 *   rndis.c   RNDIS requests, OIDs, indications, device bring-up and
 *             teardown (netvsc_dev_add()/netvsc_dev_remove())
 *   netvsc.c  the net_device: probe/remove, ndo ops, transmit, frames
 *             to the stack, link changes, attach/detach for changes,
 *             VF hooks
 *   ethtool.c ethtool ops
 *   xdp.c     XDP
 *   wire.c    the parsing layer for everything the host sends (wire.h)
 *
 * Concurrency (Documentation/netvsc.rst has the whole picture):
 *  - Configuration (probe, remove, ndo ops, ethtool, link and
 *    sub-channel work) runs in process context under RTNL, which
 *    serialises attach and detach. Control requests to the host sleep
 *    (NVSP: ctrl_lock; RNDIS: rndis_lock) with a timeout.
 *  - Each channel's callback (softirq) only schedules its NAPI; the NAPI
 *    poll is the only reader of the channel's ring and owns the
 *    channel's receive state (rx_pkt, ppi, rsc, completion queue).
 *  - Transmit runs under the netdev queue's lock; it reads the device
 *    (struct netvsc_dev) under RCU-bh. Detach unpublishes the device,
 *    waits for readers, then frees it.
 */
#ifndef HV_NETVSC_H
#define HV_NETVSC_H

#include <linux/completion.h>
#include <linux/ethtool.h>
#include <linux/if_ether.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <net/xdp.h>
#include <hv/vmbus.h>
#include "wire.h"

/* Send indirection table buckets: the host's table size. */
#define NETVSC_SEND_TABLE	NVSP_SEND_TABLE_SIZE

/* Default channels: upstream's max(16, default RSS queues). */
#define NETVSC_CHANNELS_DEFAULT	16

/*
 * Buffer defaults and limits, upstream's (Debian linux-source-6.12,
 * drivers/net/hyperv/hyperv_net.h: NETVSC_*_BUFFER_*, *_SECTION_SIZE,
 * NETVSC_MIN_*_SECTIONS): 16 MiB of 1728-byte receive sections, 1 MiB of
 * 6144-byte send sections; at most 31 MiB (15 MiB before NVSP 4) and
 * 15 MiB; at least 10 sections each.
 */
#define NETVSC_RECV_BUF_DEFAULT		(16 * 1024 * 1024)
#define NETVSC_RECV_BUF_MAX		(31 * 1024 * 1024)
#define NETVSC_RECV_BUF_MAX_LEGACY	(15 * 1024 * 1024)
#define NETVSC_SEND_BUF_DEFAULT		(1024 * 1024)
#define NETVSC_SEND_BUF_MAX		(15 * 1024 * 1024)
#define NETVSC_RECV_SECTION_SIZE	1728
#define NETVSC_SEND_SECTION_SIZE	6144
#define NETVSC_SECTIONS_MIN		10

/*
 * ring_size module parameter: 4 KiB pages of each ring's data (the
 * control page comes on top, as upstream's VMBUS_RING_SIZE() adds it).
 * At most what fits the core's 16 MiB per ring.
 */
#define NETVSC_RING_PAGES_DEFAULT	128
#define NETVSC_RING_PAGES_MIN		64
#define NETVSC_RING_PAGES_MAX		4095

/*
 * Largest packet the receive loop copies out of the ring: a
 * transfer-page packet of NVSP_MAX_RANGES_RSC ranges and its NVSP
 * message, or the host's send table. Longer ones are dropped.
 */
#define NETVSC_RX_PKT_MAX	(sizeof(struct vmbus_pkt_xfer_pages) + \
				 NVSP_MAX_RANGES_RSC *			 \
				 sizeof(struct vmbus_xfer_page_range) +	 \
				 NVSP_MSG_SIZE + 8 * sizeof(u64))

/* How long a control request waits for the host. */
#define NETVSC_CTRL_TIMEOUT	(10 * HZ)
/* How long detach waits for the host to complete what was sent. */
#define NETVSC_DRAIN_TIMEOUT	(5 * HZ)

/* RNDIS header and per-packet info of a frame the guest sends. */
#define NETVSC_PPI_TX_SIZE	(sizeof(struct rndis_ppi) + sizeof(u32))
#define NETVSC_TX_HDR_MAX	(sizeof(struct rndis_packet_msg) + \
				 4 * NETVSC_PPI_TX_SIZE)

/*
 * Page ranges of a frame sent in place: its linear part (with the RNDIS
 * header) and each fragment, and room for the pages they span (a
 * 64 KiB frame spans 16 plus two more per range at most). A frame that
 * needs more is linearized.
 */
#define NETVSC_TX_RANGES_MAX	(MAX_SKB_FRAGS + 1)
#define NETVSC_TX_PFNS_MAX	(64 + 2 * NETVSC_TX_RANGES_MAX)
#define NETVSC_TX_RANGES_SIZE	(NETVSC_TX_RANGES_MAX *			\
				 sizeof(struct vmbus_gpa_range) +	\
				 NETVSC_TX_PFNS_MAX * sizeof(u64))

/* XDP: headroom before the frame, as upstream (NETVSC_XDP_HDRM). */
#define NETVSC_XDP_HEADROOM	256

/*
 * What a transaction id stands for: its context in the core's request
 * table (the host sees only the small id). The low two bits say which.
 */
#define NETVSC_CTX_SKB		0	/* an skb sent in place (GPA direct) */
#define NETVSC_CTX_SECTION	1	/* section << 8 | queue << 2 */
#define NETVSC_CTX_CTRL		2	/* NVSP request: generation << 2 */
#define NETVSC_CTX_TAG(ctx)	((ctx) & 3)

/* Transaction ids each channel has: sends the host has not completed. */
#define NETVSC_MAX_REQUESTS	4096

/* Link events queued for the link work, upstream's LINKCHANGE_INT pacing. */
#define NETVSC_EVENTS_MAX	16
#define NETVSC_LINK_CHANGE_INT	(2 * HZ)

/* Upstream's L4 hash flags for -N rx-flow-hash (HV_*_L4HASH). */
#define NETVSC_L4HASH_TCP4	0x1
#define NETVSC_L4HASH_TCP6	0x2
#define NETVSC_L4HASH_UDP4	0x4
#define NETVSC_L4HASH_UDP6	0x8
#define NETVSC_L4HASH_DEFAULT	0xf

/* ethtool -S globals, upstream's names in upstream's order. */
struct netvsc_eth_stats {
	unsigned long tx_scattered;
	unsigned long tx_no_memory;
	unsigned long tx_no_space;
	unsigned long tx_too_big;
	unsigned long tx_busy;
	unsigned long tx_send_full;
	unsigned long rx_comp_busy;
	unsigned long rx_no_memory;
	unsigned long stop_queue;
	unsigned long wake_queue;
	unsigned long vlan_error;
};

struct netvsc_tx_stats {
	u64 packets;
	u64 bytes;
	u64 xdp_xmit;
	struct u64_stats_sync syncp;
};

struct netvsc_rx_stats {
	u64 packets;
	u64 bytes;
	u64 broadcast;
	u64 multicast;
	u64 xdp_drop;
	u64 xdp_redirect;
	u64 xdp_tx;
	struct u64_stats_sync syncp;
};

/* Per-CPU VF statistics, for the VF data path (issue 15). */
struct netvsc_vf_stats {
	u64 rx_packets;
	u64 rx_bytes;
	u64 tx_packets;
	u64 tx_bytes;
	struct u64_stats_sync syncp;
	u32 tx_dropped;
};

/* A receive completion not yet sent to the host. */
struct netvsc_rx_comp {
	u64 trans_id;
	u32 status;
};

/**
 * struct netvsc_chan - one channel and its queue pair
 * @channel: the VMBus channel, NULL when not open
 * @nvdev: the device
 * @idx: queue index, the channel's sub-channel index
 * @napi: the receive poller; the only reader of the ring
 * @rx_pkt: the ring packet being handled (NAPI only)
 * @ppi: per-packet info copied out of the receive buffer (NAPI only)
 * @rsc: the frame being coalesced (NAPI only)
 * @comp: receive completions not yet sent (NAPI only)
 * @comp_size: slots of @comp, one more than the receive sections
 * @comp_head: next to send
 * @comp_tail: next free
 * @sends: packets sent and not yet completed by the host
 * @ranges: scratch for a frame's page ranges (under the queue's lock)
 * @xdp_prog: the XDP program, or NULL
 * @xdp_rxq: XDP's view of the queue
 * @xdp_flush: a redirect happened in this poll
 * @tx: transmit statistics
 * @rx: receive statistics
 */
struct netvsc_chan {
	struct vmbus_channel *channel;
	struct netvsc_dev *nvdev;
	u16 idx;
	struct napi_struct napi;
	u8 *rx_pkt;
	u8 *ppi;
	struct netvsc_rsc *rsc;
	struct netvsc_rx_comp *comp;
	u32 comp_size;
	u32 comp_head;
	u32 comp_tail;
	atomic_t sends;
	u8 *ranges;
	struct bpf_prog __rcu *xdp_prog;
	struct xdp_rxq_info xdp_rxq;
	bool xdp_flush;
	struct netvsc_tx_stats tx;
	struct netvsc_rx_stats rx;
};

/**
 * struct netvsc_info - what an attach sets up; kept across detach/attach
 * @num_chn: channels wanted
 * @send_sections: send sections wanted
 * @send_section_size: their size (the host chooses; a guess for sizing)
 * @recv_sections: receive sections wanted
 * @recv_section_size: their size (likewise)
 * @xdp_prog: the program to install again, referenced, or NULL
 */
struct netvsc_info {
	u32 num_chn;
	u32 send_sections;
	u32 send_section_size;
	u32 recv_sections;
	u32 recv_section_size;
	struct bpf_prog *xdp_prog;
};

/**
 * struct netvsc_dev - the device as one attach set it up
 * @ctx: the net_device's context
 * @nvsp_version: negotiated NVSP version
 * @num_chn: channels in use
 * @max_chn: channels the host and CPUs allow
 * @open_chn: channels open (sub-channel handler, under ctx->sub_lock)
 * @subchan_wait: waits for the sub-channels to open
 * @destroy: being torn down: sends fail, completions wake @wait_drain
 * @tx_disable: queues must not be woken
 * @wait_drain: detach waits here for the host's completions
 * @recv_buf: the receive buffer, shared with the host; NULL when not
 * @recv_section_size: size of a receive section (the host's)
 * @recv_section_cnt: receive sections
 * @send_buf: the send buffer, shared with the host; NULL when not
 * @send_section_size: size of a send section (the host's)
 * @send_section_cnt: send sections
 * @send_map: busy send sections
 * @max_pkt: data messages one section may batch (RNDIS INIT answer)
 * @pkt_align: their padding (RNDIS INIT answer)
 * @ctrl_lock: one NVSP control request at a time
 * @resp_lock: the answer slots below, written from NAPI
 * @ctrl_gen: generation of the current NVSP request
 * @ctrl_waiting: an NVSP request waits for its completion
 * @ctrl_done: its completion arrived
 * @ctrl_resp: its payload, copied
 * @ctrl_resp_len: payload bytes
 * @rndis_lock: one RNDIS request at a time
 * @rndis_id: id of the current RNDIS request
 * @rndis_waiting: an RNDIS request waits for its answer
 * @rndis_done: the answer arrived
 * @rndis_resp: the answer, copied (NETVSC_RNDIS_CTRL_MAX bytes)
 * @rndis_resp_len: its bytes
 * @rndis_ready: RNDIS INIT succeeded; HALT due on remove
 * @filter: the packet filter set on the host
 * @link_down: the host says the link is down
 * @mac: the host's MAC (permanent address)
 * @host_frame: the host's MAXIMUM_FRAME_SIZE answer, 0 if none
 * @mcast_work: sets the packet filter (rx mode) from process context
 * @chan: the channels, by queue index
 */
struct netvsc_dev {
	struct netvsc_ctx *ctx;
	u32 nvsp_version;
	u32 num_chn;
	u32 max_chn;
	u32 open_chn;
	wait_queue_head_t subchan_wait;
	bool destroy;
	bool tx_disable;
	wait_queue_head_t wait_drain;

	struct vmbus_buffer *recv_buf;
	u32 recv_section_size;
	u32 recv_section_cnt;
	struct vmbus_buffer *send_buf;
	u32 send_section_size;
	u32 send_section_cnt;
	unsigned long *send_map;
	u32 max_pkt;
	u32 pkt_align;

	struct mutex ctrl_lock;		/* see kernel-doc */
	spinlock_t resp_lock;		/* see kernel-doc */
	u32 ctrl_gen;
	bool ctrl_waiting;
	struct completion ctrl_done;
	struct nvsp_msg ctrl_resp;
	u32 ctrl_resp_len;

	struct mutex rndis_lock;	/* see kernel-doc */
	u32 rndis_id;
	bool rndis_waiting;
	struct completion rndis_done;
	u8 *rndis_resp;
	u32 rndis_resp_len;
	bool rndis_ready;
	u32 filter;
	bool link_down;
	u8 mac[ETH_ALEN];
	u32 host_frame;
	struct work_struct mcast_work;

	struct netvsc_chan chan[NETVSC_CHANNELS_MAX];
};

/**
 * struct netvsc_ctx - the net_device's private data, for its lifetime
 * @hdev: the VMBus device
 * @ndev: the net_device
 * @nvdev: the attached device, NULL while detached (RTNL to change;
 *	RCU-bh readers in the data path)
 * @sub_lock: serialises the sub-channel handler with attach and detach
 * @sub_nvdev: the device sub-channels may open for, under @sub_lock
 * @subchan_work: opens sub-channels after probe (probe cannot wait)
 * @sub_finish: @subchan_work's next run puts them to use
 * @link_work: handles link events (process context, RTNL)
 * @event_lock: protects @events
 * @events: link events from the host not yet handled
 * @nevents: how many
 * @last_reconfig: when the last link event was handled (jiffies)
 * @msg_enable: netif_msg level (debug module parameter, ethtool)
 * @tx_csum_mask: NETVSC_CSUM_* the host computes
 * @tx_table: the host's send table: queue of each hash bucket
 * @rx_table: receive indirection table (queue of each entry)
 * @rx_table_sz: its entries, 0 without RSS
 * @rss_key: the Toeplitz key
 * @l4_hash: NETVSC_L4HASH_* flows hashed with ports on transmit
 * @speed: link speed, Mbit/s
 * @duplex: DUPLEX_*
 * @eth_stats: ethtool -S globals
 * @host_errors: messages from the host dropped as malformed (rx_errors)
 * @vf_netdev: the VF bonded to this NIC (issue 15), NULL
 * @vf_stats: per-CPU VF statistics
 * @vf_alloc: the host announced a VF (VF association)
 * @vf_serial: its vPCI serial
 * @vf_add: completed when a VF association with allocated = 1 arrives
 * @data_path_is_vf: the host switched the data path to the VF
 */
struct netvsc_ctx {
	struct hv_device *hdev;
	struct net_device *ndev;
	struct netvsc_dev __rcu *nvdev;
	struct mutex sub_lock;		/* see kernel-doc */
	struct netvsc_dev *sub_nvdev;
	struct work_struct subchan_work;
	bool sub_finish;
	struct delayed_work link_work;
	spinlock_t event_lock;		/* see kernel-doc */
	u32 events[NETVSC_EVENTS_MAX];
	u32 nevents;
	unsigned long last_reconfig;
	u32 msg_enable;
	u32 tx_csum_mask;
	u32 tx_table[NETVSC_SEND_TABLE];
	u16 *rx_table;
	u32 rx_table_sz;
	u8 rss_key[NDIS_RSS_KEY_SIZE];
	u32 l4_hash;
	u32 speed;
	u8 duplex;
	struct netvsc_eth_stats eth_stats;
	atomic_long_t host_errors;
	struct net_device __rcu *vf_netdev;
	struct netvsc_vf_stats __percpu *vf_stats;
	u32 vf_alloc;
	u32 vf_serial;
	struct completion vf_add;
	bool data_path_is_vf;
};

/* A rate-limited error naming the NIC, for what the host sent. */
#define netvsc_err_rl(ctx, fmt, ...)					\
	do {								\
		if (net_ratelimit())					\
			netdev_err((ctx)->ndev, fmt, ##__VA_ARGS__);	\
	} while (0)

/* A malformed message from the host: counted (rx_errors) and dropped. */
static inline void netvsc_host_error(struct netvsc_ctx *ctx)
{
	atomic_long_inc(&ctx->host_errors);
}

/* nvsp.c */
extern u32 netvsc_ring_bytes;
int netvsc_chan_open(struct netvsc_dev *nvdev, struct vmbus_channel *channel,
		     u16 idx);
void netvsc_chan_close(struct netvsc_chan *c, struct sk_buff_head *orphans);
int netvsc_nvsp_connect(struct netvsc_dev *nvdev, const struct netvsc_info *info,
			u32 mtu);
void netvsc_nvsp_revoke(struct netvsc_dev *nvdev);
void netvsc_buffers_free(struct netvsc_dev *nvdev);
int netvsc_nvsp_request(struct netvsc_dev *nvdev, struct nvsp_msg *msg,
			u32 expect, bool reply);
int netvsc_send_ctrl(struct netvsc_dev *nvdev, const void *msg, u32 len);
int netvsc_send_frame(struct netvsc_dev *nvdev, struct sk_buff *skb, u16 q,
		      const void *hdr, u32 hdr_len);
bool netvsc_drained(struct netvsc_dev *nvdev);
int netvsc_poll(struct napi_struct *napi, int budget);
int netvsc_switch_datapath(struct netvsc_ctx *ctx, bool vf);

/* rndis.c */
struct netvsc_dev *netvsc_dev_add(struct netvsc_ctx *ctx,
				  struct netvsc_info *info);
void netvsc_dev_remove(struct netvsc_ctx *ctx, struct netvsc_dev *nvdev);
int netvsc_subchannels_request(struct netvsc_ctx *ctx,
			       struct netvsc_dev *nvdev);
void netvsc_subchannels_wait(struct netvsc_dev *nvdev);
void netvsc_set_queues(struct net_device *ndev, struct netvsc_dev *nvdev);
int netvsc_subchannels_finish(struct netvsc_ctx *ctx, struct netvsc_dev *nvdev);
void netvsc_rndis_receive(struct netvsc_chan *c, u32 off, u32 len,
			  bool last_range, u32 *status);
const u8 *netvsc_default_key(void);
int netvsc_rndis_open(struct netvsc_dev *nvdev);
int netvsc_rndis_close(struct netvsc_dev *nvdev);
int netvsc_set_rss(struct netvsc_ctx *ctx, struct netvsc_dev *nvdev,
		   const u8 *key);
int netvsc_set_params(struct netvsc_dev *nvdev, u32 change, u32 on);

/* The NETVSC_PARAM_* a set of netdev features asks of the host. */
static inline u32 netvsc_feature_bits(netdev_features_t features)
{
	return (features & NETIF_F_LRO ? NETVSC_PARAM_RSC : 0) |
	       (features & NETIF_F_RXCSUM ? NETVSC_PARAM_RXCSUM : 0);
}

int netvsc_set_mac(struct netvsc_dev *nvdev, const u8 *mac);
int netvsc_hwcaps_apply(struct netvsc_dev *nvdev);

/* netvsc.c */
int netvsc_rx_frame(struct netvsc_chan *c, const struct netvsc_rsc *rsc);
void netvsc_link_event(struct netvsc_ctx *ctx, u32 status);
void netvsc_tx_complete(struct netvsc_dev *nvdev, u16 q);
netdev_tx_t netvsc_xmit(struct sk_buff *skb, struct net_device *ndev);
void netvsc_info_init(struct netvsc_info *info, struct netvsc_dev *nvdev);
void netvsc_info_put(struct netvsc_info *info);
int netvsc_detach(struct net_device *ndev, struct netvsc_dev *nvdev);
int netvsc_attach(struct net_device *ndev, struct netvsc_info *info);
int netvsc_set_channels_count(struct net_device *ndev, u32 count);
int netvsc_set_sections(struct net_device *ndev, u32 tx, u32 rx);
extern const struct ethtool_ops netvsc_ethtool_ops;

/* xdp.c */
u32 netvsc_run_xdp(struct netvsc_chan *c, const void *data, u32 len,
		   struct xdp_buff *xdp);
struct sk_buff *netvsc_xdp_skb(struct netvsc_chan *c, struct xdp_buff *xdp);
void netvsc_xdp_tx(struct net_device *ndev, struct sk_buff *skb);
struct bpf_prog *netvsc_xdp_get(struct netvsc_dev *nvdev);
int netvsc_xdp_set(struct net_device *ndev, struct bpf_prog *prog,
		   struct netlink_ext_ack *extack, struct netvsc_dev *nvdev);
int netvsc_bpf(struct net_device *ndev, struct netdev_bpf *bpf);
int netvsc_xdp_xmit(struct net_device *ndev, int n, struct xdp_frame **frames,
		    u32 flags);

#endif /* HV_NETVSC_H */
