/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netvsp: hv_sim's host side of the synthetic NIC (NVSP and RNDIS,
 * its own reading of them in proto.h), in front of a switch port that is
 * a real net_device in the VM. See Documentation/sim.rst.
 *
 * Threads: the VMBus side (open, run, close, debugfs) runs on the host's
 * ordered workqueue or in debugfs writes, under the host's lock, like
 * every hv_sim model. The switch port's ndo_start_xmit runs in the
 * network stack's context: it only queues the frame on the port's
 * backlog (its own spinlock) and queues nvs_nic.rx_work, which takes the
 * host's lock to deliver. Frames from the guest go to the port with
 * netif_rx() under the host's lock; nothing under that lock takes the
 * RTNL or waits for the guest.
 */
#ifndef HV_SIM_NETVSP_H
#define HV_SIM_NETVSP_H

#include <linux/skbuff.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "proto.h"

#include "../gpa.h"

struct sim_host;
struct sim_channel;
struct sim_gpadl;
struct net_device;
struct seq_file;

/* Queues (channels) of one NIC: the primary and up to 63 sub-channels. */
#define NVS_MAX_QUEUES		64
/* NICs with a switch port: per-class indexes 0-7 of "net" devices. */
#define NVS_MAX_NICS		8
/*
 * Receive sections kept for control answers and indications (OV lib:
 * 16), at most half of a small buffer (Linux may give only 10 sections).
 */
#define NVS_CTRL_SECTIONS	16
/* Frames waiting for one queue before the host drops. */
#define NVS_RXQ_MAX		512
/* Frames waiting in a port's backlog before it stops its queue. */
#define NVS_BACKLOG_STOP	1024
/* Completions a queue holds (delay fault) before it stops reading. */
#define NVS_CQ_LEN		1024
/* The guest's control requests waiting for a free control section. */
#define NVS_CTRL_QUEUE		16
/* Largest control request the host reads. */
#define NVS_CTRL_MAX		4096
/* Largest RNDIS message (frame plus headers) from the guest. */
#define NVS_TX_MAX		(128 * 1024)
/* Room for the largest OID answer: a 512-byte friendly name. */
#define NVS_ANSWER_MAX		1024
/* Largest PPI area of a guest packet the host reads. */
#define NVS_PPI_MAX		256
/* Section size: 256 bytes of headers, the frame, 36 spare (OV buffers.rs). */
#define NVS_RX_HEADROOM		256
#define NVS_RX_FOOTER		36
#define NVS_SECTION_FOR(frame)	(NVS_RX_HEADROOM + (frame) + NVS_RX_FOOTER)
/* OpenVMM's MTU bounds for NDIS_CONFIG: out of range means 1514. */
#define NVS_DEFAULT_FRAME	1514

/* Where the NVSP handshake of a NIC stands (OV lib initialize()). */
enum nvs_state {
	NVS_WAIT_INIT,		/* open, no version yet */
	NVS_WAIT_BUFFERS,	/* version agreed, config and buffers coming */
	NVS_READY,		/* both buffers given: RNDIS flows */
};

enum nvs_rndis_state {
	NVS_RNDIS_UNINIT,
	NVS_RNDIS_READY,	/* INIT answered */
	NVS_RNDIS_HALTED,
};

/* Offloads the guest enabled (OID_TCP_OFFLOAD_PARAMETERS), one bit each. */
#define NVS_OFF_TX_TCP4		BIT(0)
#define NVS_OFF_TX_TCP6		BIT(1)
#define NVS_OFF_TX_UDP4		BIT(2)
#define NVS_OFF_TX_UDP6		BIT(3)
#define NVS_OFF_RX_TCP4		BIT(4)
#define NVS_OFF_RX_TCP6		BIT(5)
#define NVS_OFF_RX_UDP4		BIT(6)
#define NVS_OFF_RX_UDP6		BIT(7)
#define NVS_OFF_LSO4		BIT(8)
#define NVS_OFF_LSO6		BIT(9)
#define NVS_OFF_RSC4		BIT(10)
#define NVS_OFF_RSC6		BIT(11)
#define NVS_OFF_TX_IP4		BIT(12)
#define NVS_OFF_RX_IP4		BIT(13)

/* Page ranges of one GPA-direct RNDIS packet the host reads. */
#define NVS_MAX_GPA_RANGES	64

/* Where a guest's RNDIS message lies: a send section or its pages. */
struct nvs_src {
	const u8 *lin;			/* send-buffer section, or NULL */
	const struct sim_gpa_range *r;	/* else these ranges */
	u32 nr;
	u32 len;
};

/* A completion waiting in a queue (delay and drop faults). */
struct nvs_cq_entry {
	u64 tid;
	unsigned long due;	/* jiffies */
	u32 status;
};

/* Counters of one queue, shown in debugfs queues. */
struct nvs_qstats {
	u64 rx_packets;		/* frames to the guest */
	u64 rx_bytes;
	u64 rx_xfers;		/* transfer-page packets */
	u64 tx_packets;		/* frames from the guest */
	u64 tx_bytes;
	u64 rx_dropped;		/* backlog of this queue full */
};

/* One open channel of a NIC (sim_channel.model_priv). */
struct nvs_queue {
	struct nvs_nic *nic;
	struct sim_channel *ch;
	u16 index;		/* 0: primary, else sub-channel index */
	struct sk_buff_head rxq;	/* frames for the guest, host lock */
	struct nvs_cq_entry *cq;	/* ring of NVS_CQ_LEN */
	u32 cq_head;
	u32 cq_count;
	struct nvs_qstats stats;
	struct sim_gpa_range gpa[NVS_MAX_GPA_RANGES];	/* of one packet */
	u32 bsec[NVSP_MAX_XFER_RANGES_RSC];	/* the batch being built */
	u32 blen[NVSP_MAX_XFER_RANGES_RSC];
};

/* A control request waiting for a free control section. */
struct nvs_ctrl_req {
	u32 len;
	u8 data[NVS_CTRL_MAX];
};

struct nvs_rss {
	bool enabled;
	u32 hash_info;
	u8 key[NDIS_RSS_KEY_SIZE];
	u32 table_size;			/* entries */
	u16 table[256];
};

/* Counters of a NIC, shown in debugfs stats. */
struct nvs_stats {
	u64 tx_packets;
	u64 tx_bytes;
	u64 tx_csum;		/* checksum offloaded by the guest */
	u64 tx_lso;		/* segmentation offloaded */
	u64 tx_vlan;
	u64 tx_gpa_direct;	/* RNDIS packets in the guest's pages */
	u64 tx_sections;	/* ... in send-buffer sections */
	u64 tx_dropped;		/* bad frames, or no port */
	u64 rx_packets;
	u64 rx_bytes;
	u64 rx_csum;		/* checksum verified for the guest */
	u64 rx_rsc;		/* coalesced packets sent in fragments */
	u64 rx_rsc_frags;
	u64 rx_segmented;	/* large frames the host had to segment */
	u64 rx_vlan;
	u64 rx_dropped_filter;	/* no RNDIS, or filtered out */
	u64 rx_dropped_full;	/* no receive section free */
	u64 rx_dropped_big;	/* larger than a section */
	u64 rx_dropped_backlog;	/* the port's backlog was full */
	u64 rx_no_queue;	/* table named a closed queue: primary used */
	u64 ctrl_requests;
	u64 ctrl_queued;
	u64 indications;
	u64 completions;	/* RNDIS_PKT completions sent */
	u64 completions_dropped;
	u64 completions_delayed;
	u64 rx_completions;	/* transfer packets the guest completed */
	u64 bad_packets;	/* malformed guest messages */
	u64 out_of_order;	/* valid messages at the wrong time */
	u64 versions_refused;
	u64 subchannels;	/* granted */
	u64 send_tables;
	u64 malformed;		/* bad messages the fault sent */
	u64 bogus_completions;	/* completions of the fault's packets */
	u64 refused;		/* requests a refusal fault failed */
};

/* The fault commands' state (netvsp/fault.c). */
struct nvs_faults {
	u32 drop_completions;	/* next N RNDIS_PKT completions */
	u32 delay_ms;		/* hold completions this long */
	unsigned long rx_full_until;	/* jiffies: buffer "full" until */
	u32 refuse_frame_above;	/* NDIS config MTU beyond this fails */
	bool refuse_subchannels;
	u32 recv_buf_bad;	/* NVS_BAD_* for the next RECV_BUF_COMPLETE */
	u32 send_buf_bad;	/* ... SEND_BUF_COMPLETE */
	u32 bogus_tid;		/* next transaction id of a fault packet */
};

/* One synthetic NIC: the host state behind a "net" device. */
struct nvs_nic {
	struct sim_host *h;
	u32 index;			/* per-class index */
	struct net_device *port;	/* NULL: no switch port */
	u8 mac[6];			/* the NIC's permanent address */
	u8 cur_mac[6];			/* after NetworkAddress */

	/* NVSP, all under the host's lock */
	struct nvs_queue *q[NVS_MAX_QUEUES];
	enum nvs_state state;
	u32 version;
	bool have_ndis_version;
	u32 ndis_version;
	bool have_config;
	u32 frame;			/* frame size for this session */
	u64 caps;			/* the guest's NVSP capabilities */
	u32 sub_granted;		/* sub-channels granted */
	bool send_table_sent;
	bool data_path_vf;		/* SWITCH_DATA_PATH to the VF */

	/* receive buffer */
	struct sim_gpadl *rgpadl;
	void *rmap;
	u8 *rbuf;
	u32 rsize;
	u16 rid;
	u32 rsec_size;
	u32 rsec_count;
	u32 rsec_ctrl;			/* the first this many: control */
	u32 *rnext;			/* batch chains, OV rx_bufs.rs style */
	u16 *rowner;			/* queue of each batch head */
	u32 *rstack;			/* free data sections */
	u32 rfree_data;
	u32 rctrl[NVS_CTRL_SECTIONS];	/* free control sections */
	u32 rfree_ctrl;

	/* send buffer */
	struct sim_gpadl *sgpadl;
	void *smap;
	u8 *sbuf;
	u32 ssize;
	u32 ssec_count;

	/* RNDIS */
	enum nvs_rndis_state rndis;
	u32 filter;
	u32 offloads;			/* NVS_OFF_* */
	struct nvs_rss rss;
	struct nvs_ctrl_req *ctrlq;	/* NVS_CTRL_QUEUE */
	u32 ctrlq_head;
	u32 ctrlq_count;
	bool link_up;			/* what the host says now */
	bool guest_link_up;		/* what it told the guest */
	u32 pending_status[4];		/* indications waiting for a section */
	u32 pending_count;
	u8 answer[NVS_ANSWER_MAX];	/* an OID answer being built */

	/* switch port backlog, filled by ndo_start_xmit */
	struct sk_buff_head backlog;	/* its own lock */
	struct work_struct rx_work;
	struct delayed_work cq_work;	/* held completions, fault ends */

	struct nvs_stats stats;
};

/* netvsp.c: knobs, NICs, the model hooks */
extern const struct sim_model sim_netvsp_model;
struct nvs_nic *nvs_nic_get(u32 index);
u32 nvs_max_version(void);
u32 nvs_max_queues(void);
u32 nvs_itab_size(void);
bool nvs_send_table_after_msg(void);
bool nvs_rsc_offered(void);
const char *nvs_friendly_name(void);
u32 nvs_link_speed(void);
u32 nvs_frame_for(u32 mtu);
bool nvs_version_known(u32 version);
const char *nvs_version_name(u32 version);

/* nvsp.c: the NVSP state machine */
u32 nvs_msg_size(const struct nvs_nic *nic);
int nvs_send_msg(struct nvs_queue *q, u16 type, u64 tid, const void *msg,
		 u32 len);
void nvs_nic_reset(struct nvs_nic *nic);
void nvs_queue_run(struct sim_host *h, struct nvs_queue *q);
void nvs_complete_rndis(struct nvs_queue *q, u64 tid, u32 status);
void nvs_cq_flush(struct nvs_queue *q);
void nvs_cq_work(struct work_struct *work);
void nvs_maybe_send_table(struct nvs_nic *nic);

/* rndis.c: control messages, OIDs, indications */
u32 nvs_rndis_request(struct nvs_nic *nic, const struct nvs_src *src);
void nvs_rndis_drain(struct nvs_nic *nic);
int nvs_indicate(struct nvs_nic *nic, u32 status);
void nvs_rndis_reset(struct nvs_nic *nic);

/* data.c: frames both ways, receive sections */
int nvs_rx_sections_init(struct nvs_nic *nic, u32 size, u32 count);
int nvs_rx_alloc(struct nvs_nic *nic, bool ctrl, u32 *sec);
void nvs_rx_free_chain(struct nvs_nic *nic, u32 head);
int nvs_send_xfer(struct nvs_queue *q, u32 channel_type, const u32 *sec,
		  const u32 *len, u32 n);
int nvs_rx_complete(struct nvs_queue *q, u64 tid);
void nvs_src_copy(const struct nvs_src *src, u32 off, void *dst, u32 n);
u32 nvs_tx_packets(struct nvs_queue *q, const struct nvs_src *src);
void nvs_rx_deliver(struct nvs_queue *q);
void nvs_rx_work(struct work_struct *work);
void nvs_queue_drop_rx(struct nvs_queue *q);

/* port.c: the switch port */
int nvs_port_create(struct nvs_nic *nic);
void nvs_port_destroy(struct nvs_nic *nic);
void nvs_port_rx(struct nvs_nic *nic, struct sk_buff *skb);
void nvs_port_wake(struct nvs_nic *nic);
void nvs_port_carrier(struct nvs_nic *nic, bool up);

/* fault.c */
extern struct nvs_faults nvs_faults;
bool nvs_fault_tid(u64 tid);
void nvs_fault_recv_buf(struct nvs_nic *nic, struct nvsp_recv_buf_complete *c);
void nvs_fault_send_buf(struct nvs_nic *nic, struct nvsp_send_buf_complete *c);
int nvs_fault_cmds(struct sim_host *h, char *text);
void nvs_fault_show(struct seq_file *m);

/* debugfs.c */
void nvs_debugfs_init(struct sim_host *h);

/* Counted and logged, rate-limited: a guest message the host refuses. */
#define nvs_bad(nic, fmt, ...)						\
	do {								\
		struct nvs_nic *__nic = (nic);				\
									\
		__nic->stats.bad_packets++;				\
		pr_warn_ratelimited("netvsp%u: guest: " fmt,		\
				    __nic->index, ##__VA_ARGS__);	\
	} while (0)

#endif /* HV_SIM_NETVSP_H */
