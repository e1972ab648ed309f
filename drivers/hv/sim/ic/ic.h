/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_sim's integration services (heartbeat, shutdown, time sync, KVP):
 * state shared by ic.c, which frames, negotiates, checks answers and
 * serves debugfs "ic/", and the per-service files ic_*.c. Wire formats:
 * include/hv/proto/ic.h. Everything here is used under the host's lock.
 */
#ifndef HV_SIM_IC_H
#define HV_SIM_IC_H

#include <hv/proto/ic.h>

#include "../host.h"

enum sim_ic_id {
	SIM_IC_HEARTBEAT,
	SIM_IC_SHUTDOWN,
	SIM_IC_TIMESYNC,
	SIM_IC_KVP,
	SIM_IC_COUNT
};

/* Requests a channel may have unanswered; the oldest is dropped beyond. */
#define SIM_IC_INFLIGHT		8

/*
 * Packet transaction ids of malformed requests have this bit; ordinary
 * ones count up from 1 and never reach it. Answers to malformed requests
 * are only counted, never taken as answers to real ones.
 */
#define SIM_IC_TID_MALFORMED	BIT_ULL(63)

/* Largest request: a KVP IP info message behind the two headers. */
#define SIM_IC_MAX_REQ		(IC_HDRS_LEN + sizeof(struct ic_kvp_msg_ip))

/* Strings the KVP model keeps: UTF-8 of at most 255 / 1023 UTF-16 units. */
#define SIM_KVP_KEY_LEN		(3 * (IC_KVP_MAX_KEY / 2) + 1)
#define SIM_KVP_VALUE_LEN	(3 * (IC_KVP_MAX_VALUE / 2) + 1)

struct sim_ic;
struct sim_ic_svc;

/* A request waiting for its answer; tid 0 marks a free slot. */
struct sim_ic_req {
	u64 tid;		/* packet transaction id */
	u64 cookie;		/* the service's: heartbeat sequence number */
	u16 type;		/* IC_MSG_* */
	u8 ic_tid;		/* IC header transaction id */
};

enum sim_ic_state {
	SIM_IC_NEW,		/* open, NEGOTIATE not sent yet */
	SIM_IC_NEGOTIATING,
	SIM_IC_READY,
	SIM_IC_FAILED,		/* no common version or a bad answer */
};

/* One open channel of a service (its model_priv). */
struct sim_ic_chan {
	struct sim_ic_svc *svc;
	struct sim_channel *ch;
	enum sim_ic_state state;
	u32 framework;		/* negotiated, IC_VER() form */
	u32 version;
	u64 next_tid;
	struct sim_ic_req inflight[SIM_IC_INFLIGHT];
};

/**
 * struct sim_ic_ops - one integration service
 * @name: class name in the class table, and the debugfs file
 * @type: IC message type of its requests
 * @versions: message versions the host offers, newest first
 * @nversions: their number
 * @ready: versions negotiated: start timers, send what was held back
 * @tick: the service's delayed work fired (channel open)
 * @answer: a well-framed answer to one of its requests, @hdr->size body
 *	bytes at @body; return false when the body is invalid (counted bad)
 * @closed: the channel closed (optional)
 * @cmd: a command written to the debugfs file (NULL: read only)
 * @show: the debugfs file's line
 * @sample: build (sim_ic_body()) a well-formed request body for the
 *	malformed kinds that break only the framing; return its length
 * @kinds: the service's own malformed kinds, NULL-terminated (optional)
 * @malformed: send the service's malformed request @kinds[@kind]
 */
struct sim_ic_ops {
	const char *name;
	u16 type;
	const u32 *versions;
	unsigned int nversions;
	void (*ready)(struct sim_ic *ic, struct sim_ic_svc *s);
	void (*tick)(struct sim_ic *ic, struct sim_ic_svc *s);
	bool (*answer)(struct sim_ic *ic, struct sim_ic_svc *s,
		       const struct sim_ic_req *req, const struct ic_hdr *hdr,
		       const u8 *body);
	void (*closed)(struct sim_ic *ic, struct sim_ic_svc *s);
	int (*cmd)(struct sim_ic *ic, struct sim_ic_svc *s, char *args);
	void (*show)(struct sim_ic *ic, struct sim_ic_svc *s,
		     struct seq_file *m);
	u32 (*sample)(struct sim_ic *ic);
	const char *const *kinds;
	int (*malformed)(struct sim_ic *ic, struct sim_ic_svc *s,
			 unsigned int kind);
};

struct sim_ic_svc {
	const struct sim_ic_ops *ops;
	struct sim_ic *ic;
	struct sim_ic_chan *chan;	/* the channel served, NULL: none */
	struct delayed_work work;	/* runs ops->tick */
	u64 sent;
	u64 answered;
	u64 bad;			/* invalid answers */
	u64 lost;			/* dropped from a full inflight table */
	u32 armed;			/* BIT(malformed kind) for the next open */
};

struct sim_kvp_request {
	u8 op;				/* IC_KVP_OP_* */
	u8 pool;
	u32 index;			/* ENUMERATE */
	char key[SIM_KVP_KEY_LEN];	/* KEY, or the adapter of GET_IP_INFO */
	char value[SIM_KVP_VALUE_LEN];	/* SET */
	u8 bad16;			/* SET of malformed UTF-16 (set16) */
};

struct sim_ic {
	struct sim_host *h;
	struct dentry *dir;
	u8 *buf;			/* SIM_IC_MAX_REQ bytes to build requests */
	struct sim_ic_svc svc[SIM_IC_COUNT];
	u64 mal_sent;
	u64 mal_answers;

	struct {
		u64 seq;		/* last sequence number sent */
		u64 last_seq;		/* last one the guest answered */
	} hb;

	struct {
		u32 last_status;
		u32 held_flags;
		bool held;		/* a request waits for negotiation */
	} sd;

	struct {
		s64 offset_ns;
		s32 drift_ppm;
		u32 sample_ms;
		u64 base_ns;		/* CLOCK_REALTIME at hv_sim load */
		s64 elapsed_ns;		/* drifted host time up to @mark_ns */
		u64 mark_ns;		/* CLOCK_BOOTTIME of the last rebase */
	} ts;

	struct {
		struct sim_kvp_request req;
		bool pending;		/* req not answered yet */
		bool sent;		/* ... and on the wire */
		u32 status;
		char key[SIM_KVP_KEY_LEN];
		char value[SIM_KVP_VALUE_LEN];
	} kvp;
};

extern const struct sim_ic_ops sim_ic_heartbeat_ops;
extern const struct sim_ic_ops sim_ic_shutdown_ops;
extern const struct sim_ic_ops sim_ic_timesync_ops;
extern const struct sim_ic_ops sim_ic_kvp_ops;

u8 *sim_ic_body(struct sim_ic *ic, u32 len);
bool sim_ic_ready(struct sim_ic_svc *s);
int sim_ic_request(struct sim_ic_svc *s, u32 len, u64 cookie);
int sim_ic_send_malformed(struct sim_ic_svc *s, u32 len);
void sim_ic_schedule(struct sim_ic_svc *s, unsigned int ms);
void sim_ic_timesync_init(struct sim_ic *ic);

#endif /* HV_SIM_IC_H */
