/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_sim internals: the simulated Hyper-V host's state. See
 * Documentation/sim.rst for what it models and include/hv/sim.h for the
 * seam to the guest.
 *
 * Threading: the guest calls the ops in include/hv/sim.h from any context;
 * they only copy, set bits and queue work, except that a signal from task
 * context may serve a channel at once (sim_model.run_fast) when the lock
 * is free. Everything else runs on the host's ordered workqueue or in
 * debugfs writes, under host->lock.
 */
#ifndef HV_SIM_HOST_H
#define HV_SIM_HOST_H

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct seq_file;

#include <hv/ring.h>
#include <hv/proto/vmbus.h>

/* Relids index the 2048 event flags of the guest's VMBus SINT. */
#define SIM_MAX_RELID		HV_SYNIC_EVENT_FLAGS_COUNT
#define SIM_MAX_CHANNELS	512
#define SIM_MAX_SUBCHANNELS	64
#define SIM_MAX_GPADLS		1024

/*
 * Connection ids the host hands out: the message connection from 5.0 on
 * (distinct from 1 and 4 so that a guest ignoring it is caught), and one
 * per channel, as OpenVMM does (0x2000 + relid).
 */
#define SIM_MSG_CONN_ID		0x1000
#define SIM_CHAN_CONN_BASE	0x2000

/* OPEN_RESULT, GPADL_CREATED, MODIFY_CHANNEL_RESPONSE failure status */
#define SIM_STATUS_UNSUCCESSFUL	0xc0000001

/* Largest packet the host reads from or writes to a ring. */
#define SIM_MAX_PKT		(64 * 1024)
/*
 * Signals that still go to a channel's old VP, besides the new one, after
 * MODIFY_CHANNEL: a host may keep interrupting the old VP for a while.
 */
#define SIM_MODIFY_LAG_SIGNALS	8

/* Largest burst an echo BURST request may ask for. */
#define SIM_MAX_BURST		65536

/* Guest->host messages the host buffers before HvPostMessage fails. */
#define SIM_RXQ_LEN		64

/* Feature flags of VMBus 6.0 the host implements. */
#define SIM_FEATURES		(VMBUS_FEATURE_MODIFY_CONNECTION | \
				 VMBUS_FEATURE_CLIENT_ID)

struct sim_rx_msg {
	u32 conn_id;
	u32 len;
	u8 data[HV_SYNIC_MSG_PAYLOAD_MAX];
};

/* One host->guest SynIC message waiting for its slot. */
struct sim_tx_msg {
	struct list_head node;
	unsigned long due;		/* jiffies; delay_ms fault */
	u32 cpu;
	u32 synic_type;
	u32 len;
	u8 data[HV_SYNIC_MSG_SIZE];	/* room for an oversize fault */
};

struct sim_host;
struct sim_channel;
struct sim_ic;

/**
 * struct sim_model - the host side of one device class
 * @open: the guest opened a channel of this class and its rings are
 *	mapped; set up @ch->model_priv. An error refuses the open.
 *	Optional.
 * @run: the guest signalled the channel (or sim_kick_channel() was
 *	called): read the outbound ring and answer. Packets held back by a
 *	full inbound ring have been written first, when room allowed.
 * @run_fast: as @run, but in the guest's signalling context (task
 *	context, but possibly in an RCU read-side section or with
 *	interrupts off): must not sleep. Serves what it can and leaves the
 *	rest in the ring for @run, with sim_kick_channel(). Optional: the
 *	host's fast path, Hyper-V's answer from another processor with no
 *	thread to wake on the way.
 * @close: the channel is closing or the host stopping; the rings are
 *	still mapped. Free @ch->model_priv. Optional.
 * @close_revokes_subchannels: when the guest closes a primary channel,
 *	the host rescinds its sub-channels, so that a new request offers
 *	fresh ones (OpenVMM's vmbus_channel handle_close(): "Revoke all
 *	subchannels").
 * @init: hv_sim is loading: the channels are planned, not yet offered;
 *	set up the model's state, parameters and debugfs files (below
 *	@h->debugfs). Process context, host not locked. Optional.
 * @exit: hv_sim is unloading, the guest is detached and the host's work
 *	stopped; or a model's @init failed. Free what @init made; must
 *	cope with an @init that failed or never ran. Process context.
 *	Optional.
 *
 * @open, @run and @close run under the host's lock, never concurrently
 * for one host: on the host's workqueue or in debugfs writes; @run_fast
 * in the guest's signalling context.
 */
struct sim_model {
	int (*init)(struct sim_host *h);
	void (*exit)(struct sim_host *h);
	int (*open)(struct sim_host *h, struct sim_channel *ch);
	void (*run)(struct sim_host *h, struct sim_channel *ch);
	void (*run_fast)(struct sim_host *h, struct sim_channel *ch);
	void (*close)(struct sim_host *h, struct sim_channel *ch);
	bool close_revokes_subchannels;
};

struct sim_class {
	const char *name;
	struct hv_guid guid;
	const struct sim_model *model;	/* NULL: offered, rings ignored */
	bool azure_scsi;		/* Azure's SCSI instance GUIDs */
};

enum sim_ch_state {
	SIM_CH_IDLE,		/* not (or no longer) known to the guest */
	SIM_CH_OFFERED,		/* offered, closed */
	SIM_CH_OPEN,
	SIM_CH_RESCINDED,	/* rescind sent, relid not yet released */
	SIM_CH_RELEASED,	/* rescinded and released: may be re-offered */
};

struct sim_gpadl {
	struct list_head node;
	u32 id;
	u32 relid;
	u16 buflen;		/* range buffer size from GPADL_HEADER */
	u16 got;		/* bytes received so far */
	u16 range_count;
	bool complete;
	bool in_use;		/* holds an open channel's rings */
	bool teardown_pending;	/* TORNDOWN owed when the channel closes */
	u8 *buf;		/* struct vmbus_gpa_range records */
};

struct sim_channel {
	struct list_head node;
	const struct sim_class *cls;
	struct sim_channel *primary;	/* NULL for a primary channel */
	struct hv_guid instance;
	u32 index;			/* per-class ordinal */
	u16 subidx;
	u32 relid;
	u8 monitor_id;			/* VMBUS_MONITOR_ID_COUNT or more: none */
	enum sim_ch_state state;
	u32 target_vp;
	bool stalled;			/* fault: the host ignores the channel */
	unsigned long signal_vps;	/* fault: VPs signalled, 0: target_vp */
	u32 signalled_vp;		/* VP of the last signal, or NONE */
	u32 old_vp;			/* VP before a MODIFY_CHANNEL ... */
	u32 old_vp_signals;		/* ... signalled too this many times */
	bool signal_every;		/* fault: signal after every packet */
	bool broken;			/* ring corrupted: no more ring I/O */
	u64 pkts_in;
	u64 pkts_out;

	/* Data plane, set while open and not stopped. */
	struct sim_gpadl *ring_gpadl;
	void *ring_map;			/* vmap() address, for vunmap() */
	struct hv_ring out;		/* guest->host, host consumes */
	struct hv_ring in;		/* host->guest, host produces */
	u32 max_pkt;
	u8 *rxbuf;
	u8 *txbuf;
	u32 held_len;			/* packet in txbuf waiting for space */
	bool waiting;			/* pending_send_size set in the guest */
	bool want_signal;		/* a write asked to interrupt the guest */

	void *model_priv;		/* the device model's state */

	/* Echo BURST in progress */
	u32 burst_left;
	u32 burst_idx;
	u32 burst_len;
	u32 burst_seq;
	u64 burst_tid;
};

struct sim_stats {
	atomic_long_t msgs_in;		/* HvPostMessage calls accepted */
	atomic_long_t rx_full;		/* ... refused with -EAGAIN */
	atomic_long_t bad_posts;	/* ... refused with -EINVAL */
	atomic_long_t signals_in;	/* HvSignalEvent on a channel */
	atomic_long_t fast_runs;	/* ... served in the guest's context */
	atomic_long_t bad_signals;	/* ... on an unknown connection id */
	atomic_long_t eoms;
	unsigned long msgs_out;
	unsigned long msg_busy;		/* slot occupied: wait for EOM */
	unsigned long eom_timeouts;	/* retried without an EOM */
	unsigned long deliver_errors;
	unsigned long bad_msgs;		/* invalid guest messages ignored */
	unsigned long dropped;		/* drop fault */
	unsigned long duplicated;	/* dup fault */
	unsigned long malformed;	/* malformed messages sent */
	unsigned long signals_out;
	unsigned long signals_spread;	/* signal_vps fault: extra VPs */
	unsigned long irqs_lost;	/* lose_irq fault */
	unsigned long gpadls_created;
	unsigned long gpadls_refused;
	unsigned long gpadls_torn_down;
	unsigned long ring_errors;
	unsigned long ring_drops;	/* replies that can never fit */
	unsigned long pending_waits;	/* inbound ring full */
	unsigned long monitor_signals;	/* guest signals seen on the monitor page */
};

/* The rescind_on fault: what the host does with the triggering message. */
enum sim_rescind_mode {
	SIM_RESCIND_INSTEAD,	/* rescind, then ignore the message */
	SIM_RESCIND_BEFORE,	/* rescind, then handle it: its answer follows */
	SIM_RESCIND_BUSY,	/* refuse it (busy) while the rescind goes out */
};

/* The posts refused (busy) by SIM_RESCIND_BUSY, the triggering one included. */
#define SIM_RESCIND_BUSY_POSTS	50

/**
 * struct sim_rescind_on - rescind a channel when the guest messages about it
 * @type: the guest message that triggers (OPEN_CHANNEL, ...), 0: disarmed
 * @relid: its channel, 0 for any
 * @mode: enum sim_rescind_mode
 * @busy_relid: the channel SIM_RESCIND_BUSY rescinds from fault_work
 * @busy_type: the message that triggered it
 *
 * Under sim_host.rxq_lock: the busy mode triggers in the post op.
 */
struct sim_rescind_on {
	u32 type;
	u32 relid;
	enum sim_rescind_mode mode;
	u32 busy_relid;
	u32 busy_type;
};

struct sim_faults {
	u32 delay_ms;
	u32 drop_mask;			/* BIT(channel message type) */
	u32 dup_mask;
	u32 lose_irq;
	atomic_t busy_post;		/* refuse this many HvPostMessage */
	bool short_version;		/* truncate the next VERSION_RESPONSE */
	struct sim_rescind_on rescind_on;
	bool storm;			/* storm_work re-arms itself */
	unsigned long storm_ticks;	/* storm_work runs, for debugfs */
	struct delayed_work storm_work;	/* on system_wq; see fault.c */
};

struct sim_host {
	struct mutex lock;		/* everything below but the atomics */
	struct workqueue_struct *wq;
	struct work_struct rx_work;
	struct work_struct chan_work;
	struct delayed_work tx_work;
	struct delayed_work poll_work;
	struct work_struct fault_work;	/* faults acted on by the host thread */
	struct delayed_work monitor_work;	/* scans the guest's monitor page */

	spinlock_t rxq_lock;		/* rxq, rx_head, rx_count, rescind_on */
	struct sim_rx_msg *rxq;
	unsigned int rx_head;
	unsigned int rx_count;
	struct sim_rx_msg rx_cur;	/* rx_work's private copy */

	/* relids the guest signalled, set in any context */
	unsigned long signalled[BITS_TO_LONGS(SIM_MAX_RELID)];

	/* Connection: version 0 means disconnected. */
	u32 version;
	u32 msg_cpu;
	u32 features;
	u64 monitor_p2c;
	u64 monitor_c2p;
	struct hv_guid client_id;
	bool offers_sent;
	bool stopping;			/* unloading: no more ring I/O */

	struct list_head channels;	/* creation order */
	unsigned int nchannels;
	struct sim_channel *by_relid[SIM_MAX_RELID];
	unsigned long relid_busy[BITS_TO_LONGS(SIM_MAX_RELID)];
	u32 next_relid;
	u32 class_next[32];		/* next per-class index */
	unsigned long monitor_busy[BITS_TO_LONGS(VMBUS_MONITOR_ID_COUNT)];

	struct list_head gpadls;
	unsigned int ngpadls;

	struct list_head txq;
	bool tx_wait_eom;		/* slot was busy at the last try */
	atomic_t eom_seen;

	struct sim_faults faults;
	struct sim_stats stats;
	struct dentry *debugfs;
	struct sim_ic *ic;		/* integration services (ic.c) */
};

/* A guest message the host ignores: counted and logged, rate-limited. */
#define sim_bad(h, fmt, ...)						\
	do {								\
		(h)->stats.bad_msgs++;					\
		pr_warn_ratelimited("guest: " fmt, ##__VA_ARGS__);	\
	} while (0)

/* main.c */
u32 sim_version_limit_max(void);
u32 sim_version_limit_min(void);
u32 sim_feature_mask(void);
int sim_send(struct sim_host *h, const void *msg, u32 len);
int sim_send_raw(struct sim_host *h, u32 synic_type, const void *msg,
		 u32 len);
void sim_signal_guest(struct sim_host *h, struct sim_channel *ch);
void sim_kick_channel(struct sim_host *h, struct sim_channel *ch);

/* control.c */
const struct sim_class *sim_class_find(const char *name);
int sim_models_init(struct sim_host *h);
void sim_models_exit(struct sim_host *h);
int sim_parse_version(const char *s, u32 *version);
bool sim_version_known(u32 version);
void sim_handle_msg(struct sim_host *h, u32 conn_id, const void *msg,
		    u32 len);
int sim_add_device(struct sim_host *h, const struct sim_class *cls,
		   unsigned int nsub);
int sim_add_subchannels(struct sim_host *h, struct sim_channel *primary,
			unsigned int count);
int sim_add_subchannel_at(struct sim_host *h, struct sim_channel *primary,
			  u16 index);
int sim_rescind(struct sim_host *h, u32 relid);
int sim_reoffer(struct sim_host *h, u32 relid);
void sim_free_channels(struct sim_host *h);
struct sim_channel *sim_live_channel(struct sim_host *h, u32 relid);
u32 sim_unused_relid(struct sim_host *h);
const char *sim_state_name(enum sim_ch_state state);
void sim_monitor_work(struct work_struct *work);

/* gpadl.c */
struct sim_gpadl *sim_gpadl_find(struct sim_host *h, u32 id);
void sim_on_gpadl_header(struct sim_host *h, const void *msg, u32 len);
void sim_on_gpadl_body(struct sim_host *h, const void *msg, u32 len);
void sim_on_gpadl_teardown(struct sim_host *h, const void *msg, u32 len);
void sim_gpadl_release(struct sim_host *h, struct sim_gpadl *g);
void sim_gpadls_drop_relid(struct sim_host *h, u32 relid);
void sim_gpadls_free(struct sim_host *h);
void *sim_gpadl_map(const struct sim_gpadl *g, u32 *npages, size_t *offset);

/* chan.c */
int sim_chan_start(struct sim_host *h, struct sim_channel *ch,
		   struct sim_gpadl *g, u32 downstream_offset);
void sim_chan_stop(struct sim_host *h, struct sim_channel *ch);
int sim_chan_write_held(struct sim_host *h, struct sim_channel *ch);
int sim_chan_send(struct sim_host *h, struct sim_channel *ch, u16 type,
		  u16 flags, u64 trans_id, const void *payload, u32 len);
void sim_chan_notify(struct sim_host *h, struct sim_channel *ch);
int sim_chan_read(struct sim_host *h, struct sim_channel *ch,
		  struct hv_ring_pkt *pkt);
void sim_chan_run(struct sim_host *h, struct sim_channel *ch, bool fast);
int sim_corrupt_ring(struct sim_host *h, struct sim_channel *ch,
		     const char *what);
int sim_chan_signal_vps(struct sim_host *h, struct sim_channel *ch,
			const char *mask);

/* echo.c */
extern const struct sim_model sim_echo_model;

/* storvsp.c */
extern const struct sim_model sim_storvsp_model;

/* ic.c: heartbeat, shutdown, timesync, kvp */
extern const struct sim_model sim_ic_model;

/* fault.c */
int sim_fault_cmds(struct sim_host *h, char *text);
void sim_fault_show(struct sim_host *h, struct seq_file *m);
bool sim_rescind_on_post(struct sim_host *h, const void *msg, u32 len);
bool sim_rescind_on_msg(struct sim_host *h, u32 type, const void *msg);
void sim_fault_work(struct work_struct *work);
void sim_fault_init(struct sim_host *h);
void sim_fault_exit(struct sim_host *h);

/* model.c: what the device models share */
int sim_chan_drain(struct sim_host *h, struct sim_channel *ch, u32 budget,
		   bool (*room)(struct sim_host *h, struct sim_channel *ch),
		   void (*handle)(struct sim_host *h, struct sim_channel *ch,
				  const struct hv_ring_pkt *pkt));
#define SIM_CMD_MAX	4096	/* bytes one write may hold */
#define SIM_CMD_SEPS	" \t:="	/* between the words of a command */
typedef int (*sim_cmd_fn)(struct sim_host *h, char *cmd);
int sim_cmd_words(char *cmd, const char *seps, char **w, int max);
int sim_cmd_list(struct sim_host *h, char *text, sim_cmd_fn run,
		 const char *who);
char *sim_cmd_copy(const char __user *ubuf, size_t len);
ssize_t sim_cmd_write(struct sim_host *h, const char __user *ubuf,
		      size_t len, sim_cmd_fn run);

/* debugfs.c */
void sim_debugfs_init(struct sim_host *h);
void sim_debugfs_exit(struct sim_host *h);

#endif /* HV_SIM_HOST_H */
