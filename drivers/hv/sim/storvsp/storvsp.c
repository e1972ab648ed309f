// SPDX-License-Identifier: GPL-2.0
/*
 * storvsp: the host side of Hyper-V synthetic storage (the vstor protocol,
 * include/hv/proto/storvsc.h) for hv_sim's "scsi" channels, in front of
 * the RAM-backed SCSI target of scsi.c.
 *
 * The guest initialises the channel in a fixed order (BEGIN_INITIALIZATION,
 * QUERY_PROTOCOL_VERSION until a version is accepted, QUERY_PROPERTIES,
 * END_INITIALIZATION), then sends EXECUTE_SRB requests, as in-band packets
 * or, when data moves, as GPA-direct packets naming the guest's pages by
 * Hyper-V PFN. Every request wants a completion with its trans_id holding
 * a COMPLETE_IO packet as long as the request (at most a Win8 packet).
 * The host reaches the data pages only through those PFNs.
 *
 * Host behaviour follows OpenVMM's storvsp (vm/devices/storage/storvsp/
 * src/lib.rs: the init state machine, INVALID_DEVICE_STATE for operations
 * out of order, REVISION_MISMATCH for unknown versions, answers sized like
 * the request, one data range at least data_transfer_length long,
 * ENUMERATE_BUS when the LUN set changes, NTSTATUS derived from the SRB
 * status) and the MS storvsp interface header (VSC_LEGAL_FLAGS).
 *
 * Completions go through a per-channel queue so that the fault commands
 * can delay them or send a batch in reverse order; the queue also holds
 * answers while the guest's inbound ring is full. Everything runs under
 * the host's lock.
 */
#include <linux/debugfs.h>
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <scsi/scsi_proto.h>

#include <hv/proto/storvsc.h>

#include "../host.h"
#include "storvsp.h"

/* Controllers (per-class index of "scsi" devices) with a SCSI target. */
#define STV_MAX_CTRLS		8
/* Completions a channel may hold back before it stops reading requests. */
#define STV_QUEUE_LEN		1024
/*
 * Packets one request may queue: a malformed one, one injected by an
 * earlier malformed fault (stv_chan.inject) and the real answer.
 */
#define STV_MAX_PER_REQ		3
/* The unknown_tid fault's transaction id: no guest hands this out. */
#define STV_BOGUS_TID		0xdeadbeefdeadbeefULL
/* Requests handled per run before other channels get a turn. */
#define STV_BUDGET		64
#define STV_MAX_DELAY_MS	60000
/* Hyper-V pages per kernel page: 16 on arm64 with 64 KiB pages. */
#define STV_HV_PER_PAGE		(PAGE_SIZE / HV_PAGE_SIZE)

static char scsi_luns[128] = "64";
module_param_string(scsi_luns, scsi_luns, sizeof(scsi_luns), 0444);
MODULE_PARM_DESC(scsi_luns,
		 "LUN sizes in MiB of the first SCSI controller, from LUN 0, e.g. 64,16 (empty: none)");

static char scsi_max_version[8] = "6.2";
module_param_string(scsi_max_version, scsi_max_version,
		    sizeof(scsi_max_version), 0444);
MODULE_PARM_DESC(scsi_max_version,
		 "Newest vstor protocol version accepted: 2.0, 4.2, 5.1, 6.0 or 6.2");

static unsigned int scsi_max_transfer = 0x40000;
module_param(scsi_max_transfer, uint, 0444);
MODULE_PARM_DESC(scsi_max_transfer,
		 "Largest SRB data transfer in bytes, a multiple of 4096 up to 8 MiB");

static unsigned int scsi_max_subchannels = 4;
module_param(scsi_max_subchannels, uint, 0444);
MODULE_PARM_DESC(scsi_max_subchannels,
		 "Sub-channels a controller offers on CREATE_SUB_CHANNELS (0: no multi-channel), at most 64");

static char scsi_layout[8];
module_param_string(scsi_layout, scsi_layout, sizeof(scsi_layout), 0444);
MODULE_PARM_DESC(scsi_layout,
		 "azure: OS and resource disks on the first controller, scsi_luns on the second (Azure Gen2)");

static unsigned int scsi_os_mb = 64;
module_param(scsi_os_mb, uint, 0444);
MODULE_PARM_DESC(scsi_os_mb, "scsi_layout=azure: size of the OS disk in MiB");

static unsigned int scsi_resource_mb = 32;
module_param(scsi_resource_mb, uint, 0444);
MODULE_PARM_DESC(scsi_resource_mb,
		 "scsi_layout=azure: size of the resource disk in MiB");

/* The versions the protocol defines, oldest first. */
static const u16 stv_versions[] = {
	VSTOR_VERSION_WIN6, VSTOR_VERSION_WIN7, VSTOR_VERSION_WIN8,
	VSTOR_VERSION_WIN8_1, VSTOR_VERSION_WIN10,
};

enum stv_state {
	STV_BEGIN,		/* waiting for BEGIN_INITIALIZATION */
	STV_VERSION,		/* ... for an acceptable version */
	STV_PROPERTIES,		/* ... for QUERY_PROPERTIES */
	STV_END,		/* ... for END_INITIALIZATION */
	STV_READY,		/* SRBs accepted */
};

/* One packet to the guest, waiting in a channel's queue. */
struct stv_out {
	unsigned long due;	/* jiffies */
	bool held;		/* hold fault: wait for release or a reset */
	u64 trans_id;
	u16 type;		/* VMBUS_PKT_COMPLETION or _DATA_INBAND */
	u16 len;
	u8 pkt[VSTOR_PACKET_SIZE];
};

struct stv_chan {
	struct stv_target *t;
	enum stv_state state;
	u16 version;
	u32 pkt_size;		/* VSTOR_PACKET_SIZE_FOR(version) */
	struct stv_out *q;	/* ring of STV_QUEUE_LEN */
	u32 q_head;
	u32 q_count;
	bool subs_asked;	/* CREATE_SUB_CHANNELS seen before END */
	bool inject_armed;	/* @inject goes out before the next answer */
	struct stv_out inject;	/* a copy of an earlier answer */
	unsigned long srbs;
	unsigned long completions;
};

struct stv_stats {
	unsigned long requests;
	unsigned long srbs;
	unsigned long completions;
	unsigned long bad_packets;	/* malformed, answered or dropped */
	unsigned long out_of_order;	/* INVALID_DEVICE_STATE answers */
	unsigned long versions_refused;
	unsigned long delayed;
	unsigned long reordered;	/* batches sent in reverse */
	unsigned long rescans;		/* ENUMERATE_BUS sent */
	unsigned long queue_full;	/* runs stopped by a full queue */
	unsigned long subchannels;	/* offered on CREATE_SUB_CHANNELS */
	unsigned long busy;		/* SRBs refused by the busy fault */
	unsigned long malformed;	/* malformed packets sent */
	unsigned long held;		/* completions held back */
	unsigned long held_dropped;	/* ... and dropped by a reset */
	unsigned long resets;
	unsigned long fast_runs;	/* runs in the guest's context */
};

/* How the busy fault refuses an SRB. */
enum stv_busy_kind {
	STV_BUSY_SRB,		/* SRB_STATUS_BUSY */
	STV_BUSY_SCSI,		/* SCSI status BUSY */
	STV_BUSY_QFULL,		/* SCSI status TASK SET FULL */
};

/* The malformed fault: what is wrong with the next SRB's answer. */
enum stv_bad_kind {
	STV_BAD_NONE,
	STV_BAD_SHORT,		/* 20 bytes, padded to 24 */
	STV_BAD_WRONG_OP,	/* operation EXECUTE_SRB */
	STV_BAD_UNKNOWN_TID,	/* first a completion for STV_BOGUS_TID */
	STV_BAD_SENSE_LEN,	/* sense_info_length 255 */
	STV_BAD_XFER_LEN,	/* data_transfer_length beyond the request */
	STV_BAD_IN_BAND,	/* first the answer as an in-band packet */
	STV_BAD_ZERO_TID,	/* first a copy with trans_id 0 */
	STV_BAD_TWICE,		/* a copy again before the next answer */
	STV_BAD_OTHER_CHAN,	/* a copy before another channel's next */
};

static const char *const stv_bad_names[] = {
	[STV_BAD_SHORT] = "short",
	[STV_BAD_WRONG_OP] = "wrong_op",
	[STV_BAD_UNKNOWN_TID] = "unknown_tid",
	[STV_BAD_SENSE_LEN] = "sense_len",
	[STV_BAD_XFER_LEN] = "xfer_len",
	[STV_BAD_IN_BAND] = "in_band",
	[STV_BAD_ZERO_TID] = "zero_tid",
	[STV_BAD_TWICE] = "twice",
	[STV_BAD_OTHER_CHAN] = "other_chan",
};

static const char *const stv_busy_names[] = {
	[STV_BUSY_SRB] = "srb",
	[STV_BUSY_SCSI] = "scsi",
	[STV_BUSY_QFULL] = "qfull",
};

struct stv_faults {
	u32 delay_ms;
	bool reorder;
	bool hold;		/* hold SRB completions */
	bool reset_drop;	/* resets drop held completions */
	u32 busy;		/* SRBs left to refuse */
	enum stv_busy_kind busy_kind;
	enum stv_bad_kind bad;
};

/* Host-wide state: the targets outlive channels, as a host's disks do. */
static struct {
	struct sim_host *h;
	struct stv_target targets[STV_MAX_CTRLS];
	u16 max_version;
	struct stv_faults faults;
	struct stv_stats stats;
	u32 lun_mb[STV_MAX_CTRLS][STV_MAX_LUNS];	/* planned LUNs, MiB */
	unsigned long luns_made;	/* controllers that got their plan */
} stv;

static void stv_delay_work(struct work_struct *work);
static DECLARE_DELAYED_WORK(stv_delay, stv_delay_work);

const struct sim_model sim_storvsp_model;

#define stv_bad(fmt, ...)						\
	do {								\
		stv.stats.bad_packets++;				\
		pr_warn_ratelimited("storvsp: guest: " fmt, ##__VA_ARGS__); \
	} while (0)

/* ---- guest data pages ------------------------------------------------- */

/* The data buffer of one GPA-direct request: a validated page range. */
struct stv_gpa_buf {
	struct stv_buf b;
	u32 offset;		/* into the first page */
	const u64 *pfn;		/* Hyper-V PFNs, in the channel's rxbuf */
};

static bool stv_pfn_ok(u64 hvpfn)
{
	u64 kpfn = hvpfn / STV_HV_PER_PAGE;

	if (hvpfn > (U64_MAX >> HV_PAGE_SHIFT) || kpfn != (unsigned long)kpfn)
		return false;
	return pfn_valid((unsigned long)kpfn);
}

static int stv_gpa_copy(const struct stv_buf *b, u32 off, void *k, u32 n,
			bool to_guest)
{
	const struct stv_gpa_buf *g = container_of(b, struct stv_gpa_buf, b);
	u64 pos = (u64)g->offset + off;
	u32 chunk, inpage;
	u64 hvpfn;
	u8 *va;

	while (n) {
		hvpfn = g->pfn[pos >> HV_PAGE_SHIFT];
		inpage = pos & (HV_PAGE_SIZE - 1);
		chunk = min_t(u32, n, HV_PAGE_SIZE - inpage);
		va = kmap_local_page(pfn_to_page(hvpfn / STV_HV_PER_PAGE));
		va += (hvpfn % STV_HV_PER_PAGE) * HV_PAGE_SIZE + inpage;
		if (to_guest)
			memcpy(va, k, chunk);
		else
			memcpy(k, va, chunk);
		kunmap_local(va);
		k += chunk;
		pos += chunk;
		n -= chunk;
	}
	return 0;
}

/*
 * A GPA-direct packet: descriptor, reserved word, range count, then the
 * ranges up to the payload. Storage uses exactly one range; its PFNs
 * must fill the space before the payload and lie in guest memory.
 */
static const char *stv_parse_gpa(struct sim_channel *ch,
				 const struct hv_ring_pkt *pkt,
				 struct stv_gpa_buf *g, u32 *range_len)
{
	const struct vmbus_pkt_gpa_direct *gd = (const void *)ch->rxbuf;
	const struct vmbus_gpa_range *r;
	u32 npfn, i;
	u64 end;

	if (pkt->payload_offset < sizeof(*gd) + sizeof(*r))
		return "GPA-direct header overlaps the payload";
	if (gd->range_count != 1)
		return "GPA-direct range count is not 1";
	r = (const void *)gd->ranges;
	if (!r->byte_count || r->byte_offset >= HV_PAGE_SIZE)
		return "empty range or offset beyond a page";
	if (r->byte_count > scsi_max_transfer)
		return "range larger than the maximum transfer";
	end = (u64)r->byte_offset + r->byte_count;
	npfn = DIV_ROUND_UP_ULL(end, HV_PAGE_SIZE);
	if (pkt->payload_offset != sizeof(*gd) + sizeof(*r) + npfn * sizeof(u64))
		return "PFN count does not match the range";
	for (i = 0; i < npfn; i++)
		if (!stv_pfn_ok(r->pfn[i]))
			return "PFN outside guest memory";
	g->offset = r->byte_offset;
	g->pfn = r->pfn;
	g->b.copy = stv_gpa_copy;
	*range_len = r->byte_count;
	return NULL;
}

/* ---- the completion queue --------------------------------------------- */

static struct stv_out *stv_q_at(struct stv_chan *s, u32 i)
{
	return &s->q[(s->q_head + i) % STV_QUEUE_LEN];
}

/* Queue a packet: @body (@body_len bytes) after the 12-byte header. */
static struct stv_out *stv_queue(struct stv_chan *s, u16 type, u64 trans_id,
				 u32 op, u32 status, const void *body,
				 u32 body_len, u32 size)
{
	struct stv_out *o = stv_q_at(s, s->q_count);
	struct vstor_packet *p = (struct vstor_packet *)o->pkt;

	if (s->inject_armed && type == VMBUS_PKT_COMPLETION) {
		/* The copy an earlier malformed fault left for this channel. */
		*o = s->inject;
		o->due = jiffies + msecs_to_jiffies(stv.faults.delay_ms);
		s->inject_armed = false;
		s->q_count++;
		pr_info("storvsp: fault: a copy of the answer to trans_id %#llx before the next answer\n",
			o->trans_id);
		o = stv_q_at(s, s->q_count);
		p = (struct vstor_packet *)o->pkt;
	}
	memset(o->pkt, 0, sizeof(o->pkt));
	o->held = false;
	p->operation = op;
	p->status = status;
	if (body_len)
		memcpy(p->raw, body, min(body_len, size));
	o->len = VSTOR_PACKET_HDR_SIZE + size;
	o->type = type;
	o->trans_id = trans_id;
	o->due = jiffies + msecs_to_jiffies(stv.faults.delay_ms);
	if (stv.faults.delay_ms)
		stv.stats.delayed++;
	s->q_count++;
	return o;
}

static struct stv_out *stv_complete(struct stv_chan *s, u64 trans_id,
				    u32 status, const void *body, u32 body_len,
				    u32 size)
{
	return stv_queue(s, VMBUS_PKT_COMPLETION, trans_id,
			 VSTOR_OP_COMPLETE_IO, status, body, body_len, size);
}

static void stv_q_release(struct stv_chan *s)
{
	u32 i;

	for (i = 0; i < s->q_count; i++)
		stv_q_at(s, i)->held = false;
}

/* Remove the held packets, keeping the order of the rest. */
static void stv_q_drop_held(struct stv_chan *s)
{
	struct stv_out *o;
	u32 i, n = 0;

	for (i = 0; i < s->q_count; i++) {
		o = stv_q_at(s, i);
		if (o->held)
			continue;
		if (n != i)
			*stv_q_at(s, n) = *o;
		n++;
	}
	stv.stats.held_dropped += s->q_count - n;
	s->q_count = n;
}

static u32 stv_q_held(struct stv_chan *s)
{
	u32 i, n = 0;

	for (i = 0; i < s->q_count; i++)
		n += stv_q_at(s, i)->held;
	return n;
}

/* Reverse the last @n queued packets (reorder fault). */
static void stv_q_reverse(struct stv_chan *s, u32 n)
{
	u32 lo = s->q_count - n, hi = s->q_count - 1;

	struct stv_out *a, *b;

	for (; lo < hi; lo++, hi--) {
		a = stv_q_at(s, lo);
		b = stv_q_at(s, hi);
		swap(*a, *b);
	}
}

/*
 * Send what is due, in order. A packet the full ring holds back is the
 * channel's held packet and goes out first when room appears.
 * Return: true when a packet not yet due remains.
 */
static bool stv_flush(struct sim_host *h, struct sim_channel *ch,
		      struct stv_chan *s)
{
	struct stv_out *o;
	int ret;

	while (s->q_count) {
		o = stv_q_at(s, 0);
		if (o->held)
			return false;
		if (time_before(jiffies, o->due))
			return true;
		ret = sim_chan_send(h, ch, o->type, 0, o->trans_id, o->pkt,
				    o->len);
		if (ret == -EBUSY)
			return false;
		s->q_head = (s->q_head + 1) % STV_QUEUE_LEN;
		s->q_count--;
		if (o->type == VMBUS_PKT_COMPLETION) {
			stv.stats.completions++;
			s->completions++;
		}
		if (ret)
			return false;
	}
	return false;
}

static void stv_arm_delay(struct sim_host *h, struct stv_chan *s)
{
	unsigned long due = stv_q_at(s, 0)->due;

	queue_delayed_work(h->wq, &stv_delay,
			   time_after(due, jiffies) ? due - jiffies : 0);
}

/* The storvsp state of an open storage channel, or NULL. */
static struct stv_chan *stv_chan_of(struct sim_channel *ch)
{
	if (ch->cls->model != &sim_storvsp_model || !ch->ring_map)
		return NULL;
	return ch->model_priv;
}

/* Delayed completions are due: have their channels run. */
static void stv_delay_work(struct work_struct *work)
{
	struct sim_host *h = stv.h;
	struct sim_channel *ch;
	struct stv_chan *s;

	mutex_lock(&h->lock);
	if (!h->stopping)
		list_for_each_entry(ch, &h->channels, node) {
			s = stv_chan_of(ch);
			if (s && s->q_count)
				sim_kick_channel(h, ch);
		}
	mutex_unlock(&h->lock);
}

/* ---- requests --------------------------------------------------------- */

static u32 stv_srb_size(const struct stv_chan *s)
{
	return s->pkt_size - VSTOR_PACKET_HDR_SIZE;
}

static void stv_srb_status(const struct stv_cmd *c, u8 *srb_status,
			   u32 *status)
{
	switch (c->result) {
	case STV_OK:
		*srb_status = SRB_STATUS_SUCCESS;
		*status = VSTOR_STATUS_SUCCESS;
		return;
	case STV_NO_LUN:
		*srb_status = SRB_STATUS_INVALID_LUN;
		*status = VSTOR_STATUS_DEVICE_DOES_NOT_EXIST;
		return;
	case STV_INVALID:
		*srb_status = SRB_STATUS_INVALID_REQUEST;
		break;
	default:
		*srb_status = SRB_STATUS_ERROR;
	}
	*status = VSTOR_STATUS_IO_DEVICE_ERROR;
	if (c->sense_len)
		*srb_status |= SRB_STATUS_FLAG_AUTOSENSE_VALID;
}

/*
 * Another open, ready channel of @s's controller, to carry the copy of
 * the other_chan fault, or NULL.
 */
static struct stv_chan *stv_other_chan(struct stv_chan *s)
{
	struct sim_channel *ch;
	struct stv_chan *o;

	list_for_each_entry(ch, &stv.h->channels, node) {
		o = stv_chan_of(ch);
		if (o && o != s && o->t == s->t && o->state == STV_READY &&
		    !ch->broken)
			return o;
	}
	return NULL;
}

/* The malformed fault: @rsp is the answer the SRB deserved. */
static void stv_complete_bad(struct stv_chan *s, u64 tid, u32 status,
			     struct vstor_srb *rsp, u32 size, u32 req_len)
{
	static const u8 medium_error[STV_SENSE_LEN] = {
		[0] = 0x70, [2] = MEDIUM_ERROR, [7] = STV_SENSE_LEN - 8,
		[12] = 0x11,	/* unrecovered read error */
	};
	enum stv_bad_kind kind = stv.faults.bad;
	struct stv_chan *copy_to = s;
	struct stv_out *o;

	stv.faults.bad = STV_BAD_NONE;
	if (kind == STV_BAD_OTHER_CHAN) {
		copy_to = stv_other_chan(s);
		if (!copy_to) {
			pr_info("storvsp: fault: no other channel for the copy of trans_id %#llx\n",
				tid);
			stv_complete(s, tid, status, rsp, sizeof(*rsp), size);
			return;
		}
	}
	stv.stats.malformed++;
	pr_info("storvsp: fault: malformed answer (%s) to trans_id %#llx\n",
		stv_bad_names[kind], tid);
	if (kind == STV_BAD_UNKNOWN_TID)
		stv_complete(s, STV_BOGUS_TID, status, rsp, sizeof(*rsp), size);
	if (kind == STV_BAD_ZERO_TID)
		stv_complete(s, 0, status, rsp, sizeof(*rsp), size);
	if (kind == STV_BAD_IN_BAND)
		stv_queue(s, VMBUS_PKT_DATA_INBAND, tid, VSTOR_OP_COMPLETE_IO,
			  status, rsp, sizeof(*rsp), size);
	if (kind == STV_BAD_SENSE_LEN) {
		rsp->srb_status = SRB_STATUS_ERROR |
				  SRB_STATUS_FLAG_AUTOSENSE_VALID;
		rsp->scsi_status = SAM_STAT_CHECK_CONDITION;
		rsp->sense_info_length = U8_MAX;
		rsp->data_transfer_length = 0;
		memcpy(rsp->sense, medium_error, sizeof(medium_error));
		status = VSTOR_STATUS_IO_DEVICE_ERROR;
	}
	if (kind == STV_BAD_XFER_LEN)
		rsp->data_transfer_length = req_len + HV_PAGE_SIZE;
	o = stv_complete(s, tid, status, rsp, sizeof(*rsp), size);
	if (kind == STV_BAD_SHORT)
		o->len = VSTOR_PACKET_HDR_SIZE + 8;
	if (kind == STV_BAD_WRONG_OP)
		((struct vstor_packet *)o->pkt)->operation = VSTOR_OP_EXECUTE_SRB;
	if (kind == STV_BAD_TWICE || kind == STV_BAD_OTHER_CHAN) {
		copy_to->inject = *o;
		copy_to->inject_armed = true;
	}
}

/* An SRB's answer, subject to the malformed and hold faults. */
static void stv_complete_srb(struct stv_chan *s, u64 tid, u32 status,
			     struct vstor_srb *rsp, u32 size, u32 req_len)
{
	struct stv_out *o;

	if (stv.faults.bad) {
		stv_complete_bad(s, tid, status, rsp, size, req_len);
		return;
	}
	o = stv_complete(s, tid, status, rsp, sizeof(*rsp), size);
	if (stv.faults.hold) {
		o->held = true;
		stv.stats.held++;
	}
}

/*
 * The busy fault: refuse the SRB without running it. OpenVMM answers
 * SRB_STATUS_BUSY with STATUS_DEVICE_BUSY and other failures with
 * STATUS_IO_DEVICE_ERROR (storvsp lib.rs, convert_srb_status_to_nt_status);
 * BUSY and TASK SET FULL are SAM status codes (SAM-5 5.3).
 */
static void stv_busy(struct stv_chan *s, u64 tid, u32 size, u32 req_len)
{
	struct vstor_srb rsp = {
		.length = stv_srb_size(s),
		.srb_status = SRB_STATUS_ERROR,
		.cdb_length = VSTOR_CDB_SIZE,
	};
	u32 status = VSTOR_STATUS_IO_DEVICE_ERROR;

	stv.faults.busy--;
	stv.stats.busy++;
	switch (stv.faults.busy_kind) {
	case STV_BUSY_SRB:
		rsp.srb_status = SRB_STATUS_BUSY;
		status = VSTOR_STATUS_DEVICE_BUSY;
		break;
	case STV_BUSY_SCSI:
		rsp.scsi_status = SAM_STAT_BUSY;
		break;
	case STV_BUSY_QFULL:
		rsp.scsi_status = SAM_STAT_TASK_SET_FULL;
		break;
	}
	stv_complete_srb(s, tid, status, &rsp, size, req_len);
}

static void stv_execute_srb(struct sim_channel *ch, struct stv_chan *s,
			    const struct hv_ring_pkt *pkt,
			    const struct vstor_packet *req, u32 size)
{
	const struct vstor_srb *srb = &req->srb;
	struct stv_gpa_buf g = { .b.len = 0 };
	struct vstor_srb rsp = {};
	struct stv_cmd c = {};
	u32 range_len = 0, status, sense_max;
	const char *why = NULL;
	u8 srb_status;

	stv.stats.srbs++;
	s->srbs++;
	if (size < stv_srb_size(s))
		why = "SRB shorter than the negotiated version's";
	else if (!srb->cdb_length || srb->cdb_length > VSTOR_CDB_SIZE)
		why = "bad CDB length";
	else if (srb->data_transfer_length > scsi_max_transfer)
		why = "transfer larger than the maximum";
	else if (pkt->desc.type == VMBUS_PKT_DATA_GPA_DIRECT)
		why = stv_parse_gpa(ch, pkt, &g, &range_len);
	if (!why && srb->data_transfer_length > range_len)
		why = "data buffer smaller than the transfer length";
	if (why) {
		stv_bad("relid %u: SRB refused: %s\n", ch->relid, why);
		stv_complete(s, pkt->desc.trans_id,
			     VSTOR_STATUS_INVALID_PARAMETER, NULL, 0, size);
		return;
	}
	if (stv.faults.busy) {
		stv_busy(s, pkt->desc.trans_id, size, srb->data_transfer_length);
		return;
	}

	g.b.len = srb->data_transfer_length;
	c.target_ok = !srb->path_id && !srb->target_id;
	c.lun = srb->lun;
	c.cdb_len = srb->cdb_length;
	memcpy(c.cdb, srb->cdb, c.cdb_len);
	c.data_in = srb->data_in;
	c.buf = &g.b;
	stv_scsi_execute(s->t, &c);

	stv_srb_status(&c, &srb_status, &status);
	sense_max = s->version >= VSTOR_VERSION_WIN8 ? VSTOR_SENSE_SIZE :
		    VSTOR_SENSE_SIZE_PRE_WIN8;
	rsp.length = stv_srb_size(s);
	rsp.srb_status = srb_status;
	rsp.scsi_status = c.scsi_status;
	rsp.cdb_length = VSTOR_CDB_SIZE;
	rsp.sense_info_length = sense_max;
	rsp.data_transfer_length = c.xfer;
	memcpy(rsp.sense, c.sense, min_t(u32, c.sense_len, sense_max));
	stv_complete_srb(s, pkt->desc.trans_id, status, &rsp, size,
			 srb->data_transfer_length);
}

static void stv_query_version(struct stv_chan *s, u64 tid,
			      const struct vstor_packet *req, u32 size)
{
	struct vstor_protocol_version v = {};
	u32 i;

	/* Ring packets come in 8-byte units: the version is always there. */
	v.major_minor = req->version.major_minor;
	for (i = 0; i < ARRAY_SIZE(stv_versions); i++)
		if (stv_versions[i] == v.major_minor &&
		    v.major_minor <= stv.max_version)
			break;
	if (i == ARRAY_SIZE(stv_versions)) {
		stv.stats.versions_refused++;
		stv_complete(s, tid, VSTOR_STATUS_REVISION_MISMATCH, &v,
			     sizeof(v), size);
		return;
	}
	s->version = v.major_minor;
	s->pkt_size = VSTOR_PACKET_SIZE_FOR(s->version);
	s->state = STV_PROPERTIES;
	stv_complete(s, tid, VSTOR_STATUS_SUCCESS, &v, sizeof(v), size);
}

/* Multi-channel needs Win8 (OpenVMM storvsp lib.rs, QueryProperties). */
static u16 stv_max_subchannels(const struct stv_chan *s)
{
	return s->version >= VSTOR_VERSION_WIN8 ? scsi_max_subchannels : 0;
}

static void stv_query_properties(struct stv_chan *s, u64 tid, u32 size)
{
	struct vstor_channel_properties p = {
		.max_channel_count = stv_max_subchannels(s),
		.max_transfer_bytes = scsi_max_transfer,
	};

	if (p.max_channel_count)
		p.flags = VSTOR_PROPERTY_SUPPORTS_MULTI_CHANNEL;
	s->state = STV_END;
	stv_complete(s, tid, VSTOR_STATUS_SUCCESS, &p, sizeof(p), size);
}

/*
 * CREATE_SUB_CHANNELS: a count above the maximum is INVALID_PARAMETER, as
 * OpenVMM answers (storvsp lib.rs: enable_subchannels() failing); 0 or
 * a count the primary already has succeeds and offers nothing. The
 * offers follow the answer.
 */
static void stv_create_subchannels(struct sim_channel *ch, struct stv_chan *s,
				   u64 tid, const struct vstor_packet *req,
				   u32 size)
{
	u16 count = req->sub_channel_count;
	int ret;

	if (size < sizeof(count) || count > stv_max_subchannels(s)) {
		stv_bad("relid %u: CREATE_SUB_CHANNELS for %u refused\n",
			ch->relid, size < sizeof(count) ? 0 : count);
		stv_complete(s, tid, VSTOR_STATUS_INVALID_PARAMETER, NULL, 0,
			     size);
		return;
	}
	s->subs_asked = true;
	stv_complete(s, tid, VSTOR_STATUS_SUCCESS, NULL, 0, size);
	ret = sim_add_subchannels(stv.h, ch, count);
	if (ret < 0)
		pr_warn_ratelimited("storvsp: relid %u: %u sub-channels not offered: %d\n",
				    ch->relid, count, ret);
	else
		stv.stats.subchannels += ret;
}

/*
 * RESET_LUN, _BUS and _ADAPTER. OpenVMM completes them at once ("These
 * operations have always been no-ops", storvsp lib.rs handle_packet);
 * Linux's storvsc_host_reset_handler() relies on "all outstanding
 * requests in the adapter" having been flushed out when the reset
 * completes (Debian linux-source-6.12, drivers/scsi/storvsc_drv.c).
 * So the held completions of every channel of the controller go out
 * first (or, with reset_drop, are dropped), then the reset's SUCCESS.
 * A reset also ends the hold fault: the host answers again afterwards,
 * as the guest's error handling expects of a host it has reset.
 */
static void stv_reset(struct sim_channel *ch, struct stv_chan *s, u64 tid,
		      u32 size)
{
	struct sim_host *h = stv.h;
	struct sim_channel *it;
	struct stv_chan *o;

	stv.stats.resets++;
	stv.faults.hold = false;
	list_for_each_entry(it, &h->channels, node) {
		o = stv_chan_of(it);
		if (!o || o->t != s->t || !stv_q_held(o))
			continue;
		if (stv.faults.reset_drop)
			stv_q_drop_held(o);
		else
			stv_q_release(o);
		if (it == ch || it->broken || it->stalled)
			continue;
		if (stv_flush(h, it, o))
			stv_arm_delay(h, o);
		sim_chan_notify(h, it);
	}
	stv_complete(s, tid, VSTOR_STATUS_SUCCESS, NULL, 0, size);
}

static bool stv_is_reset(u32 op)
{
	return op == VSTOR_OP_RESET_LUN || op == VSTOR_OP_RESET_ADAPTER ||
	       op == VSTOR_OP_RESET_BUS;
}

/* CREATE_SUB_CHANNELS fits: on a primary, once before END or when ready. */
static bool stv_subs_ok(struct sim_channel *ch, struct stv_chan *s)
{
	if (ch->primary || !stv_max_subchannels(s))
		return false;
	return s->state == STV_READY || (s->state == STV_END && !s->subs_asked);
}

/* One operation in the order the init state machine allows. */
static void stv_request(struct sim_channel *ch, struct stv_chan *s,
			const struct hv_ring_pkt *pkt,
			const struct vstor_packet *req, u32 size)
{
	u64 tid = pkt->desc.trans_id;
	u32 op = req->operation;
	bool ok;

	if (pkt->desc.type == VMBUS_PKT_DATA_GPA_DIRECT &&
	    op != VSTOR_OP_EXECUTE_SRB) {
		stv_bad("relid %u: GPA-direct packet for operation %u\n",
			ch->relid, op);
		stv_complete(s, tid, VSTOR_STATUS_INVALID_PARAMETER, NULL, 0,
			     size);
		return;
	}
	switch (s->state) {
	case STV_BEGIN:
		ok = op == VSTOR_OP_BEGIN_INITIALIZATION;
		break;
	case STV_VERSION:
		ok = op == VSTOR_OP_QUERY_PROTOCOL_VERSION;
		break;
	case STV_PROPERTIES:
		ok = op == VSTOR_OP_QUERY_PROPERTIES;
		break;
	case STV_END:
		ok = op == VSTOR_OP_END_INITIALIZATION;
		break;
	default:
		ok = op == VSTOR_OP_EXECUTE_SRB || stv_is_reset(op);
	}
	if (op == VSTOR_OP_CREATE_SUB_CHANNELS)
		ok = stv_subs_ok(ch, s);
	if (!ok) {
		stv.stats.out_of_order++;
		pr_warn_ratelimited("storvsp: relid %u: operation %u in state %d refused\n",
				    ch->relid, op, s->state);
		stv_complete(s, tid, VSTOR_STATUS_INVALID_DEVICE_STATE, NULL, 0,
			     size);
		return;
	}
	switch (op) {
	case VSTOR_OP_BEGIN_INITIALIZATION:
		s->state = STV_VERSION;
		break;
	case VSTOR_OP_QUERY_PROTOCOL_VERSION:
		stv_query_version(s, tid, req, size);
		return;
	case VSTOR_OP_QUERY_PROPERTIES:
		stv_query_properties(s, tid, size);
		return;
	case VSTOR_OP_END_INITIALIZATION:
		s->state = STV_READY;
		break;
	case VSTOR_OP_EXECUTE_SRB:
		stv_execute_srb(ch, s, pkt, req, size);
		return;
	case VSTOR_OP_CREATE_SUB_CHANNELS:
		stv_create_subchannels(ch, s, tid, req, size);
		return;
	}
	if (stv_is_reset(op)) {
		stv_reset(ch, s, tid, size);
		return;
	}
	/* BEGIN/END_INITIALIZATION */
	stv_complete(s, tid, VSTOR_STATUS_SUCCESS, NULL, 0, size);
}

static void stv_handle(struct sim_host *h, struct sim_channel *ch,
		       const struct hv_ring_pkt *pkt)
{
	struct stv_chan *s = ch->model_priv;
	u32 plen = pkt->len - pkt->payload_offset, size;
	struct vstor_packet req = {};

	stv.stats.requests++;
	if (pkt->desc.type != VMBUS_PKT_DATA_INBAND &&
	    pkt->desc.type != VMBUS_PKT_DATA_GPA_DIRECT) {
		stv_bad("relid %u: packet type %u ignored\n", ch->relid,
			pkt->desc.type);
		return;
	}
	if (!(pkt->desc.flags & VMBUS_PKT_FLAG_COMPLETION_REQUESTED)) {
		stv_bad("relid %u: request without completion ignored\n",
			ch->relid);
		return;
	}
	/* Answers are as long as the request, up to a full Win8 packet. */
	size = plen > VSTOR_PACKET_HDR_SIZE ?
	       min_t(u32, plen - VSTOR_PACKET_HDR_SIZE, VSTOR_SRB_SIZE) : 0;
	memcpy(&req, ch->rxbuf + pkt->payload_offset,
	       min_t(u32, plen, sizeof(req)));
	if (plen < VSTOR_PACKET_HDR_SIZE ||
	    req.flags & ~VSTOR_FLAG_REQUEST_COMPLETION) {
		stv_bad("relid %u: %u-byte request with flags %#x refused\n",
			ch->relid, plen, req.flags);
		stv_complete(s, pkt->desc.trans_id,
			     VSTOR_STATUS_INVALID_PARAMETER, NULL, 0, size);
		return;
	}
	stv_request(ch, s, pkt, &req, size);
}

/* Room in the completion queue for whatever one more request queues. */
static bool stv_room(struct sim_host *h, struct sim_channel *ch)
{
	struct stv_chan *s = ch->model_priv;

	if (s->q_count <= STV_QUEUE_LEN - STV_MAX_PER_REQ)
		return true;
	stv.stats.queue_full++;
	return false;
}

/* In the fast path, whether the next request must wait for the thread. */
static bool stv_next_slow(struct sim_channel *ch)
{
	struct hv_ring_pkt pkt;

	/* A corrupt ring is the read's to report. */
	return !hv_ring_peek(&ch->out, &pkt) &&
	       pkt.desc.type != VMBUS_PKT_DATA_GPA_DIRECT;
}

/*
 * Room as stv_room(), and in the guest's context a next request that
 * needs no sleeping: the thread is kicked for any other.
 */
static bool stv_room_fast(struct sim_host *h, struct sim_channel *ch)
{
	if (!stv_room(h, ch))
		return false;
	if (!stv_next_slow(ch))
		return true;
	sim_kick_channel(h, ch);
	return false;
}

/*
 * Drain the outbound ring into the completion queue (interrupts from the
 * guest masked meanwhile), apply the reorder fault to the batch, then send
 * what is due. @fast: in the guest's context (stv_run_fast()), where
 * only GPA-direct packets are taken: EXECUTE_SRB with data, which never
 * sleeps, or a bad request; the first in-band one stops the drain and
 * waits in the ring for the thread.
 */
static void stv_drain(struct sim_host *h, struct sim_channel *ch, bool fast)
{
	struct stv_chan *s = ch->model_priv;
	u32 start;

	stv_flush(h, ch, s);
	start = s->q_count;
	sim_chan_drain(h, ch, STV_BUDGET, fast ? stv_room_fast : stv_room,
		       stv_handle);
	if (stv.faults.reorder && s->q_count - start >= 2) {
		stv_q_reverse(s, s->q_count - start);
		stv.faults.reorder = false;
		stv.stats.reordered++;
	}
	if (!ch->broken && stv_flush(h, ch, s))
		stv_arm_delay(h, s);
}

static void stv_run(struct sim_host *h, struct sim_channel *ch)
{
	stv_drain(h, ch, false);
}

/*
 * The fast path serves a ready channel with nothing queued and no fault
 * armed; faults (delays, holds, reordered batches, busy and malformed
 * answers) keep the thread's timing and batching, as the fault tests
 * expect.
 */
static void stv_run_fast(struct sim_host *h, struct sim_channel *ch)
{
	const struct stv_faults *f = &stv.faults;
	struct stv_chan *s = ch->model_priv;

	if (s->state != STV_READY || s->q_count || s->inject_armed ||
	    f->delay_ms || f->reorder || f->hold || f->busy ||
	    f->bad != STV_BAD_NONE) {
		sim_kick_channel(h, ch);
		return;
	}
	stv.stats.fast_runs++;
	stv_drain(h, ch, true);
}

/* ---- channel lifetime ------------------------------------------------- */

/*
 * Give controller @idx its planned disks, once: when hv_sim starts with
 * a SCSI device, else when one is first opened or its LUNs changed, so
 * that hosts without storage allocate nothing.
 */
static int stv_make_luns(u32 idx)
{
	u32 i;
	int ret;

	if (test_bit(idx, &stv.luns_made))
		return 0;
	for (i = 0; i < STV_MAX_LUNS; i++) {
		if (!stv.lun_mb[idx][i])
			continue;
		ret = stv_lun_add(&stv.targets[idx], i, stv.lun_mb[idx][i]);
		if (ret) {
			stv_target_free(&stv.targets[idx]);
			return ret;
		}
	}
	set_bit(idx, &stv.luns_made);
	return 0;
}

static int stv_open(struct sim_host *h, struct sim_channel *ch)
{
	u32 idx = ch->primary ? ch->primary->index : ch->index;
	struct stv_chan *s, *p = NULL;
	int ret;

	if (idx >= STV_MAX_CTRLS) {
		pr_warn_ratelimited("storvsp: relid %u: no target for controller %u\n",
				    ch->relid, idx);
		return -ENODEV;
	}
	ret = stv_make_luns(idx);
	if (ret)
		return ret;
	/*
	 * A sub-channel carries SRBs of the primary's negotiated protocol;
	 * it may be opened once the primary asked for it.
	 */
	if (ch->primary) {
		p = stv_chan_of(ch->primary);
		if (!p || p->state < STV_END) {
			stv_bad("relid %u: sub-channel opened before its primary is ready\n",
				ch->relid);
			return -EINVAL;
		}
	}
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->q = kvcalloc(STV_QUEUE_LEN, sizeof(*s->q), GFP_KERNEL);
	if (!s->q) {
		kfree(s);
		return -ENOMEM;
	}
	s->t = &stv.targets[idx];
	s->state = p ? STV_READY : STV_BEGIN;
	s->version = p ? p->version : 0;
	s->pkt_size = VSTOR_PACKET_SIZE_FOR(s->version);
	ch->model_priv = s;
	return 0;
}

static void stv_close(struct sim_host *h, struct sim_channel *ch)
{
	struct stv_chan *s = ch->model_priv;

	if (!s)
		return;
	kvfree(s->q);
	kfree(s);
	ch->model_priv = NULL;
}

/* ---- LUN changes and the guest's rescan -------------------------------- */

/*
 * Send an unsolicited in-band packet (trans_id 0) with operation @op to
 * every primary channel of controller @idx that is ready and negotiated
 * at least @min_version.
 */
static void stv_notify(struct sim_host *h, u32 idx, u32 op, u16 min_version)
{
	struct sim_channel *ch;
	struct stv_chan *s;

	list_for_each_entry(ch, &h->channels, node) {
		s = stv_chan_of(ch);
		if (!s || ch->primary || s->t != &stv.targets[idx] ||
		    s->state != STV_READY || s->version < min_version)
			continue;
		if (s->q_count == STV_QUEUE_LEN) {
			pr_warn_ratelimited("storvsp: relid %u: queue full, operation %u not sent\n",
					    ch->relid, op);
			continue;
		}
		stv_queue(s, VMBUS_PKT_DATA_INBAND, 0, op, VSTOR_STATUS_SUCCESS,
			  NULL, 0, stv_srb_size(s));
		if (op == VSTOR_OP_ENUMERATE_BUS)
			stv.stats.rescans++;
		sim_kick_channel(h, ch);
	}
}

/*
 * The LUNs of controller @idx changed. OpenVMM sends ENUMERATE_BUS for
 * additions and removals alike, from Win7 on; a channel still
 * initialising scans anyway.
 */
static void stv_rescan(struct sim_host *h, u32 idx)
{
	stv_notify(h, idx, VSTOR_OP_ENUMERATE_BUS, VSTOR_VERSION_WIN7);
}

/* ---- debugfs ------------------------------------------------------------ */

static int stv_luns_show(struct seq_file *m, void *unused)
{
	struct sim_host *h = stv.h;
	const struct stv_lun *l;
	u32 c, i;

	mutex_lock(&h->lock);
	for (c = 0; c < STV_MAX_CTRLS; c++)
		for (i = 0; i < STV_MAX_LUNS; i++) {
			l = stv.targets[c].lun[i];
			if (!l)
				continue;
			seq_printf(m, "ctrl=%u lun=%u size_mb=%llu reads=%llu writes=%llu unmaps=%llu write_sames=%llu%s\n",
				   c, i, (l->blocks << STV_BLOCK_SHIFT) >> 20,
				   l->reads, l->writes, l->unmaps, l->write_sames,
				   l->err_armed ? " error-armed" : "");
		}
	mutex_unlock(&h->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stv_luns);

#define STV_STAT(name)	seq_printf(m, #name " %lu\n", stv.stats.name)

static int stv_stats_show(struct seq_file *m, void *unused)
{
	struct sim_host *h = stv.h;

	mutex_lock(&h->lock);
	STV_STAT(requests);
	STV_STAT(srbs);
	STV_STAT(completions);
	STV_STAT(bad_packets);
	STV_STAT(out_of_order);
	STV_STAT(versions_refused);
	STV_STAT(delayed);
	STV_STAT(reordered);
	STV_STAT(rescans);
	STV_STAT(queue_full);
	STV_STAT(subchannels);
	STV_STAT(busy);
	STV_STAT(malformed);
	STV_STAT(held);
	STV_STAT(held_dropped);
	STV_STAT(resets);
	STV_STAT(fast_runs);
	mutex_unlock(&h->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stv_stats);

/* Per open channel, so that a test sees how I/O spreads over them. */
static int stv_channels_show(struct seq_file *m, void *unused)
{
	struct sim_host *h = stv.h;
	struct sim_channel *ch;
	struct stv_chan *s;

	mutex_lock(&h->lock);
	list_for_each_entry(ch, &h->channels, node) {
		s = stv_chan_of(ch);
		if (!s)
			continue;
		seq_printf(m, "relid=%u ctrl=%u sub=%u version=%#06x srbs=%lu completions=%lu queued=%u held=%u\n",
			   ch->relid, s->t->ctrl, ch->subidx, s->version,
			   s->srbs, s->completions, s->q_count, stv_q_held(s));
	}
	mutex_unlock(&h->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stv_channels);

static int stv_fault_show(struct seq_file *m, void *unused)
{
	struct sim_host *h = stv.h;

	mutex_lock(&h->lock);
	if (stv.faults.delay_ms)
		seq_printf(m, "delay_ms %u\n", stv.faults.delay_ms);
	if (stv.faults.reorder)
		seq_puts(m, "reorder\n");
	if (stv.faults.busy)
		seq_printf(m, "busy %u %s\n", stv.faults.busy,
			   stv_busy_names[stv.faults.busy_kind]);
	if (stv.faults.bad)
		seq_printf(m, "malformed %s\n", stv_bad_names[stv.faults.bad]);
	if (stv.faults.hold)
		seq_puts(m, "hold\n");
	if (stv.faults.reset_drop)
		seq_puts(m, "reset_drop\n");
	mutex_unlock(&h->lock);
	return 0;
}

static int stv_fault_open(struct inode *inode, struct file *file)
{
	return single_open(file, stv_fault_show, NULL);
}

/* Make everything queued due now and let the channels send it. */
static void stv_undelay(struct sim_host *h)
{
	struct sim_channel *ch;
	struct stv_chan *s;
	u32 i;

	list_for_each_entry(ch, &h->channels, node) {
		s = stv_chan_of(ch);
		if (!s)
			continue;
		for (i = 0; i < s->q_count; i++)
			stv_q_at(s, i)->due = jiffies;
		if (s->q_count)
			sim_kick_channel(h, ch);
	}
}

/* Release what the hold fault kept and let the channels send it. */
static void stv_release(struct sim_host *h)
{
	struct sim_channel *ch;
	struct stv_chan *s;

	list_for_each_entry(ch, &h->channels, node) {
		s = stv_chan_of(ch);
		if (s && stv_q_held(s)) {
			stv_q_release(s);
			sim_kick_channel(h, ch);
		}
	}
}

/* No fault left: delayed and held completions go out now. */
static void stv_fault_clear(struct sim_host *h)
{
	u32 c, i;

	memset(&stv.faults, 0, sizeof(stv.faults));
	for (c = 0; c < STV_MAX_CTRLS; c++)
		for (i = 0; i < STV_MAX_LUNS; i++)
			if (stv.targets[c].lun[i])
				stv.targets[c].lun[i]->err_armed = false;
	stv_undelay(h);
	stv_release(h);
}

static int stv_name_index(const char *const *names, u32 n, const char *w)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], w))
			return i;
	return -EINVAL;
}

/* Commands that take no number or a name. */
static int stv_fault_named(struct sim_host *h, char **w, int n)
{
	int kind;

	if (!strcmp(w[0], "malformed") && n == 2) {
		kind = stv_name_index(stv_bad_names, ARRAY_SIZE(stv_bad_names),
				      w[1]);
		if (kind > 0)
			stv.faults.bad = kind;
		return kind < 0 ? kind : 0;
	}
	if (!strcmp(w[0], "busy") && (n == 2 || n == 3)) {
		kind = n == 3 ? stv_name_index(stv_busy_names,
					       ARRAY_SIZE(stv_busy_names), w[2])
			      : STV_BUSY_SRB;
		if (kind < 0 || kstrtou32(w[1], 0, &stv.faults.busy))
			return -EINVAL;
		stv.faults.busy_kind = kind;
		return 0;
	}
	if (n != 1)
		return -ENOENT;
	if (!strcmp(w[0], "release")) {
		stv.faults.hold = false;
		stv_release(h);
	} else if (!strcmp(w[0], "clear")) {
		stv_fault_clear(h);
	} else if (!strcmp(w[0], "reorder")) {
		stv.faults.reorder = true;
	} else if (!strcmp(w[0], "hold")) {
		stv.faults.hold = true;
	} else if (!strcmp(w[0], "reset_drop")) {
		stv.faults.reset_drop = true;
	} else if (!strcmp(w[0], "reset_flush")) {
		stv.faults.reset_drop = false;
	} else {
		return -ENOENT;
	}
	return 0;
}

/* The controller of a LUN command: its optional last number. */
static struct stv_target *stv_cmd_target(u32 *v, int n, int args)
{
	u32 ctrl = n == args + 2 ? v[args] : 0;

	if (n != args + 1 && n != args + 2)
		return NULL;
	if (ctrl >= STV_MAX_CTRLS || stv_make_luns(ctrl))
		return NULL;
	return &stv.targets[ctrl];
}

static int stv_fault_cmd(struct sim_host *h, char *cmd)
{
	struct stv_target *t;
	u32 v[5] = {};
	char *w[6];
	int n, i, ret;

	n = sim_cmd_words(cmd, SIM_CMD_SEPS, w, ARRAY_SIZE(w));
	if (n <= 0)
		return n;
	ret = stv_fault_named(h, w, n);
	if (ret != -ENOENT)
		return ret;
	for (i = 1; i < n; i++)
		if (kstrtou32(w[i], 0, &v[i - 1]))
			return -EINVAL;
	if (!strcmp(w[0], "delay_ms") && n == 2) {
		if (v[0] > STV_MAX_DELAY_MS)
			return -EINVAL;
		stv.faults.delay_ms = v[0];
		if (!v[0])
			stv_undelay(h);
		return 0;
	}
	if (!strcmp(w[0], "notify") && n == 2) {
		stv_notify(h, 0, v[0], 0);
		return 0;
	}
	if (!strcmp(w[0], "error")) {
		t = stv_cmd_target(v, n, 4);
		if (!t || v[1] > 0xff || v[2] > 0xff || v[3] > 0xff)
			return -EINVAL;
		return stv_lun_arm_error(t, v[0], v[1], v[2], v[3]);
	}
	if (!strcmp(w[0], "add")) {
		t = stv_cmd_target(v, n, 2);
		ret = t ? stv_lun_add(t, v[0], v[1]) : -EINVAL;
		if (!ret)
			stv_rescan(h, t->ctrl);
		return ret;
	}
	if (!strcmp(w[0], "remove")) {
		t = stv_cmd_target(v, n, 1);
		ret = t ? stv_lun_remove(t, v[0]) : -EINVAL;
		if (!ret)
			stv_rescan(h, t->ctrl);
		return ret;
	}
	return -EINVAL;
}

static int stv_fault_cmds(struct sim_host *h, char *text)
{
	return sim_cmd_list(h, text, stv_fault_cmd, "storvsp");
}

static ssize_t stv_fault_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	return sim_cmd_write(stv.h, ubuf, len, stv_fault_cmds);
}

static const struct file_operations stv_fault_fops = {
	.owner = THIS_MODULE,
	.open = stv_fault_open,
	.read = seq_read,
	.write = stv_fault_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* ---- module setup --------------------------------------------------------- */

static int stv_parse_version(const char *str, u16 *version)
{
	unsigned int major, minor, i;
	char tail;

	if (sscanf(str, "%u.%u%c", &major, &minor, &tail) != 2 ||
	    major > 0xff || minor > 0xff)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(stv_versions); i++)
		if (stv_versions[i] == VSTOR_MAKE_VERSION(major, minor)) {
			*version = stv_versions[i];
			return 0;
		}
	return -EINVAL;
}

/* A list of LUN sizes in MiB, from LUN 0, into controller @idx's plan. */
static int stv_parse_luns(char *list, u32 idx)
{
	u32 total = 0, n = 0, mb;
	char *tok;

	while ((tok = strsep(&list, ",")) != NULL) {
		tok = strim(tok);
		if (!*tok && !list && !n)
			break;			/* empty list: no LUNs */
		if (kstrtou32(tok, 0, &mb) || !mb || mb > STV_MAX_LUN_MB ||
		    n == STV_MAX_LUNS)
			return -EINVAL;
		if (mb > STV_MAX_TOTAL_MB - total)
			return -ENOSPC;
		total += mb;
		stv.lun_mb[idx][n++] = mb;
	}
	return 0;
}

/*
 * Azure Gen2: the OS disk is LUN 0 and the resource disk LUN 1 of the
 * first SCSI controller (f8b3781a-...), data disks are on the second
 * (f8b3781b-..., "scsi1"). Sources: Azure/azure-vm-utils
 * udev/80-azure-disk.rules (f8b3781a LUN 0 "os", LUN 1 "resource") and
 * doc/disk-identification.md (data disks under scsi1); WALinuxAgent pull
 * request 1654 ("Gen2 VMs ... have a device ID of f8b3781a-...") and
 * Azure's backup extension ResourceDiskUtil.py (Gen2 LUN 0 OS disk, 1
 * resource disk, 2 CD-ROM; no CD-ROM here).
 */
static int stv_plan_azure(struct sim_host *h, char *data)
{
	const struct sim_class *scsi = sim_class_find("scsi");
	struct sim_channel *ch;
	u32 nctrl = 0;
	int ret = 0;

	if (!scsi_os_mb || scsi_os_mb > STV_MAX_LUN_MB || !scsi_resource_mb ||
	    scsi_resource_mb > STV_MAX_TOTAL_MB - scsi_os_mb)
		return -EINVAL;
	stv.lun_mb[0][0] = scsi_os_mb;
	stv.lun_mb[0][1] = scsi_resource_mb;
	mutex_lock(&h->lock);
	list_for_each_entry(ch, &h->channels, node)
		nctrl += ch->cls == scsi && !ch->primary;
	for (; !ret && nctrl < 2; nctrl++)
		ret = sim_add_device(h, scsi, 0);
	mutex_unlock(&h->lock);
	return ret ?: stv_parse_luns(data, 1);
}

static int stv_plan(struct sim_host *h)
{
	char luns[sizeof(scsi_luns)];

	strscpy(luns, scsi_luns, sizeof(luns));
	if (!strcmp(scsi_layout, "azure"))
		return stv_plan_azure(h, luns);
	if (*scsi_layout)
		return -EINVAL;
	return stv_parse_luns(luns, 0);
}

/**
 * stv_init() - set up the storage model of a starting host
 * @h: the host, its debugfs directory created
 *
 * Plans the controllers' LUNs (``scsi_luns``, ``scsi_layout``), creates
 * those of the controllers already configured and the ``scsi/`` debugfs
 * directory.
 *
 * Return: 0 or a negative error (bad module parameters, no memory).
 */
static int stv_init(struct sim_host *h)
{
	struct sim_channel *ch;
	struct dentry *d;
	u32 i;
	int ret;

	if (stv_parse_version(scsi_max_version, &stv.max_version)) {
		pr_err("storvsp: scsi_max_version=%s is not a vstor version\n",
		       scsi_max_version);
		return -EINVAL;
	}
	if (!scsi_max_transfer || scsi_max_transfer % HV_PAGE_SIZE ||
	    scsi_max_transfer > SZ_8M || scsi_max_subchannels > SIM_MAX_SUBCHANNELS) {
		pr_err("storvsp: scsi_max_transfer=%u or scsi_max_subchannels=%u refused\n",
		       scsi_max_transfer, scsi_max_subchannels);
		return -EINVAL;
	}
	stv.h = h;
	for (i = 0; i < STV_MAX_CTRLS; i++) {
		stv.targets[i].ctrl = i;
		stv.targets[i].max_xfer = scsi_max_transfer;
	}
	ret = stv_plan(h);
	if (ret) {
		pr_err("storvsp: scsi_layout=%s scsi_luns=%s refused: %d\n",
		       scsi_layout, scsi_luns, ret);
		return ret;
	}
	list_for_each_entry(ch, &h->channels, node) {
		if (ch->cls->model != &sim_storvsp_model || ch->primary ||
		    ch->index >= STV_MAX_CTRLS)
			continue;
		ret = stv_make_luns(ch->index);
		if (ret)
			return ret;
	}
	d = debugfs_create_dir("scsi", h->debugfs);
	debugfs_create_file("luns", 0444, d, NULL, &stv_luns_fops);
	debugfs_create_file("stats", 0444, d, NULL, &stv_stats_fops);
	debugfs_create_file("channels", 0444, d, NULL, &stv_channels_fops);
	debugfs_create_file("fault", 0644, d, NULL, &stv_fault_fops);
	return 0;
}

/**
 * stv_exit() - free the disks of a stopped host
 * @h: the host, its data plane stopped and debugfs removed
 *
 * Also undoes a stv_init() that failed.
 */
static void stv_exit(struct sim_host *h)
{
	u32 i;

	cancel_delayed_work_sync(&stv_delay);
	for (i = 0; i < STV_MAX_CTRLS; i++)
		stv_target_free(&stv.targets[i]);
	memset(&stv.stats, 0, sizeof(stv.stats));
	memset(&stv.faults, 0, sizeof(stv.faults));
	memset(stv.lun_mb, 0, sizeof(stv.lun_mb));
	stv.luns_made = 0;
	stv.h = NULL;
}

const struct sim_model sim_storvsp_model = {
	.init = stv_init,
	.exit = stv_exit,
	.open = stv_open,
	.run = stv_run,
	.run_fast = stv_run_fast,
	.close = stv_close,
};
