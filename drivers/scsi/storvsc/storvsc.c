// SPDX-License-Identifier: GPL-2.0
/*
 * hv_storvsc: the guest side of Hyper-V's synthetic SCSI controller
 * (wire format: include/hv/proto/storvsc.h).
 *
 * One Scsi_Host per vmbus device. Hardware queue 0 sends on the primary
 * channel, queue N on the sub-channel of index N when the host offers
 * it, on the primary otherwise. Every
 * SCSI command becomes an EXECUTE_SRB packet: in-band when it moves no
 * data, GPA direct otherwise, naming the data pages in place by Hyper-V
 * PFN (no bounce buffers, no DMA API: isolated VMs are not supported).
 * The host answers every packet with a completion; the transaction id
 * names a slot of the core's request table, the channel and a sequence
 * number (storvsc_tid_make()), never a pointer. Everything the host
 * sends is checked in wire.c (storvsc_rx_parse()) before use.
 */
#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_devinfo.h>
#include <scsi/scsi_eh.h>
#include <scsi/scsi_host.h>
#include <hv/proto/guid.h>
#include <hv/vmbus.h>
#include "storvsc.h"

/*
 * Commands in flight. A command of the largest size takes about 1.1 KiB
 * of the 124 KiB of ring; a full ring makes queuecommand report the host
 * busy, so this only bounds the request table.
 */
#define STORVSC_CAN_QUEUE	256

/*
 * Addressing, as upstream for the SCSI controller class: targets 0-1,
 * LUNs 0-254, path ids 0-7 (STORVSC_MAX_TARGETS, _LUNS_PER_TARGET,
 * _CHANNELS in Debian linux-source-6.12, drivers/scsi/storvsc_drv.c).
 */
#define STORVSC_MAX_TARGETS	2
#define STORVSC_MAX_LUNS	255
#define STORVSC_MAX_PATHS	8

/*
 * Upstream's timeout (storvsc_timeout) for initialisation requests and,
 * as the default request timeout of every disk, for commands.
 */
#define STORVSC_TIMEOUT		(180 * HZ)
/* How often a waiting request or a reset looks for a rescind. */
#define STORVSC_POLL		(HZ / 10)

/* TEST UNIT READY of a rescan (the midlayer's usual command timeout). */
#define STORVSC_TUR_TIMEOUT	(30 * HZ)

/* SRB timeout the host applies, seconds (upstream's value). */
#define STORVSC_SRB_TIMEOUT	60

/* Request table context of the one initialisation or reset request. */
#define STORVSC_CTX_INIT	0

/*
 * Packets handled per callback: a host that answers without pause (the
 * ring refilled as fast as it drains) gets a turn taken from it; the
 * core calls back while packets remain (vmbus_recv_done()).
 */
#define STORVSC_RECV_BUDGET	64

/*
 * Data bytes of each ring, rounded up to pages; a control page comes on
 * top, as upstream's VMBUS_RING_SIZE() adds it. Read at probe.
 */
static unsigned int storvsc_ringbuffer_size = 128 * 1024;

static int storvsc_ring_size_set(const char *val, const struct kernel_param *kp)
{
	unsigned int bytes;

	if (kstrtouint(val, 0, &bytes) || !storvsc_ring_size_ok(bytes)) {
		pr_err("storvsc_ringbuffer_size=%s: want %u to %u bytes\n", val,
		       STORVSC_RING_MIN, STORVSC_RING_MAX);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = bytes;
	return 0;
}

static const struct kernel_param_ops storvsc_ring_size_ops = {
	.set = storvsc_ring_size_set,
	.get = param_get_uint,
};
module_param_cb(storvsc_ringbuffer_size, &storvsc_ring_size_ops,
		&storvsc_ringbuffer_size, 0444);
MODULE_PARM_DESC(storvsc_ringbuffer_size, "Ring buffer size (bytes)");

/* Hardware queues (channels) of a controller at most, 0 for no limit. */
static unsigned int storvsc_max_hw_queues;

static int storvsc_max_queues_set(const char *val,
				  const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n > nr_cpu_ids) {
		pr_err("storvsc_max_hw_queues=%s: want 0 (no limit) to %u (CPUs)\n",
		       val, nr_cpu_ids);
		return -EINVAL;
	}
	WRITE_ONCE(*(unsigned int *)kp->arg, n);
	return 0;
}

static const struct kernel_param_ops storvsc_max_queues_ops = {
	.set = storvsc_max_queues_set,
	.get = param_get_uint,
};
module_param_cb(storvsc_max_hw_queues, &storvsc_max_queues_ops,
		&storvsc_max_hw_queues, 0644);
MODULE_PARM_DESC(storvsc_max_hw_queues, "Maximum number of hardware queues");

/* Versions asked for, newest first; Win8 is the oldest spoken. */
static const u16 storvsc_versions[] = {
	VSTOR_VERSION_WIN10,
	VSTOR_VERSION_WIN8_1,
	VSTOR_VERSION_WIN8,
};

/* Who completes a command in flight (storvsc_cmd.owner). */
enum {
	STORVSC_OWN_DRIVER,	/* the answer, a rescind or a reset */
	STORVSC_OWN_DONE,	/* completed */
	STORVSC_OWN_EH,		/* the midlayer's error handling */
};

struct storvsc_host;

/**
 * struct storvsc_chan - a channel the controller sends commands on
 * @h: the controller
 * @channel: the primary channel or a sub-channel
 * @idx: 0 for the primary, else the sub-channel's index
 * @rx: receive buffer, as large as the largest inbound packet
 * @rx_size: bytes at @rx
 * @nslots: size of the channel's request table
 * @seq: the last sequence number given to a transaction id
 * @tids: by request-table id (1 to @nslots), the transaction id the host
 *	holds, 0 for none. Whoever changes an entry from the id to 0
 *	(storvsc_id_put()) owns that request's slot and completes it, so an
 *	id answered twice, late or on another channel is never taken.
 */
struct storvsc_chan {
	struct storvsc_host *h;
	struct vmbus_channel *channel;
	u16 idx;
	u8 *rx;
	u32 rx_size;
	u32 nslots;
	atomic_t seq;
	u64 *tids;
};

/**
 * struct storvsc_cmd - per-command private data (scsi_cmd_priv())
 * @cmd: the command
 * @trans_id: its transaction id while the host holds it (naming the
 *	channel it went on), 0 otherwise; whoever changes it to 0 after
 *	taking its slot (storvsc_claim()) decides about the command
 * @owner: STORVSC_OWN_*, who completes it
 * @timed_out: its timer ran out once already
 * @pkt: the EXECUTE_SRB packet sent
 * @range: the data buffer's pages; STORVSC_MAX_PFNS entries follow
 */
struct storvsc_cmd {
	struct scsi_cmnd *cmd;
	u64 trans_id;
	atomic_t owner;
	bool timed_out;
	struct vstor_packet pkt;
	struct vmbus_gpa_range range;	/* must be last */
};

/**
 * struct storvsc_host - per-controller state (shost_priv())
 * @hdev: the vmbus device
 * @shost: the SCSI host
 * @primary: the primary channel; carries initialisation and resets
 * @subs: open sub-channels by index (1 up to @nr_chans - 1), RCU
 * @nr_chans: channels asked for, the primary included; the hardware
 *	queues
 * @cpu_chan: per CPU, the index of the channel storvsc_cpu_chan() found
 *	there last: a hint
 * @ring_size: bytes of each ring of every channel, control page included
 * @version: negotiated protocol version, 0 before
 * @pkt_size: bytes of a vstor_packet for @version
 * @max_xfer: bytes one command may move
 * @prop_flags: flags of the host's channel properties
 * @host_max_chans: sub-channels the host says it can create
 * @lock: protects @live against queueing work
 * @live: the host is added and not being removed: work may be queued
 * @scan_work: rescans the bus when the host says LUNs changed
 * @reap_work: closes sub-channels the host rescinded
 * @chan_lock: serialises changes of @subs
 * @exec_lock: one initialisation or reset request at a time
 * @init_done: that request was answered
 * @init_answer: its answer, zero-filled beyond what the host sent
 * @init_answer_err: why that answer is malformed, 0 if it is not
 */
struct storvsc_host {
	struct hv_device *hdev;
	struct Scsi_Host *shost;
	struct storvsc_chan primary;
	struct storvsc_chan __rcu *subs[STORVSC_MAX_SUB_CHANNELS + 1];
	u16 nr_chans;
	u16 __percpu *cpu_chan;
	u32 ring_size;
	u16 version;
	u32 pkt_size;
	u32 max_xfer;
	u32 prop_flags;
	u16 host_max_chans;
	spinlock_t lock;	/* guards @live */
	bool live;
	struct work_struct scan_work;
	struct work_struct reap_work;
	struct mutex chan_lock;	/* guards changes of @subs */
	struct mutex exec_lock;	/* one request of storvsc_exec() at a time */
	struct completion init_done;
	struct vstor_packet init_answer;
	int init_answer_err;
};

static const struct hv_vmbus_device_id storvsc_ids[] = {
	{ .guid = { .b = VMBUS_GUID_SCSI_BYTES } },
	{ },
};
MODULE_DEVICE_TABLE(vmbus, storvsc_ids);

#define storvsc_err(h, fmt, ...) \
	dev_err_ratelimited(&(h)->hdev->device, fmt, ##__VA_ARGS__)

/* ------------------------------------------------------------------ */
/* Transaction ids                                                     */
/* ------------------------------------------------------------------ */

/*
 * Give a request for @ctx an id on @c: a slot of the core's request
 * table, published in @c->tids before the packet goes out. Any context.
 */
static int storvsc_id_get(struct storvsc_chan *c, u64 ctx, u64 *tid)
{
	u64 slot;
	int ret;

	ret = vmbus_request_add(c->channel, ctx, &slot);
	if (ret)
		return ret;
	*tid = storvsc_tid_make(slot, c->idx, atomic_inc_return(&c->seq));
	/* Pairs with the cmpxchg() of storvsc_id_put(). */
	smp_store_release(&c->tids[slot], *tid);
	return 0;
}

/*
 * Take @tid's slot back from @c, with its context: 0, or -ENOENT when
 * @c does not hold @tid (answered or failed meanwhile, or never given).
 * Any context; @c must stay open meanwhile.
 */
static int storvsc_id_put(struct storvsc_chan *c, u64 tid, u64 *ctx)
{
	u32 slot = storvsc_tid_slot(tid);

	if (WARN_ON_ONCE(!slot || slot > c->nslots) ||
	    cmpxchg(&c->tids[slot], tid, 0) != tid)
		return -ENOENT;
	/* Only the winner above frees the slot: the take cannot fail. */
	return WARN_ON_ONCE(vmbus_request_take(c->channel, slot, ctx)) ?
	       -ENOENT : 0;
}

/* ------------------------------------------------------------------ */
/* Initialisation, resets                                              */
/* ------------------------------------------------------------------ */

static void storvsc_pkt_init(struct vstor_packet *pkt, u32 op)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->operation = op;
	pkt->flags = VSTOR_FLAG_REQUEST_COMPLETION;
}

/*
 * Send @pkt on the primary and wait up to @timeout for its answer, which
 * replaces it. Checks that the answer completes the request and its
 * status is 0.
 */
static int storvsc_exec_locked(struct storvsc_host *h, struct vstor_packet *pkt,
			       unsigned long timeout)
{
	struct storvsc_chan *c = &h->primary;
	unsigned long deadline = jiffies + timeout;
	u32 op = pkt->operation;
	u64 trans_id, ctx;
	int ret;

	reinit_completion(&h->init_done);
	ret = storvsc_id_get(c, STORVSC_CTX_INIT, &trans_id);
	if (ret)
		return ret;
	ret = vmbus_send(c->channel, VMBUS_PKT_DATA_INBAND,
			 VMBUS_PKT_FLAG_COMPLETION_REQUESTED, trans_id, pkt,
			 sizeof(*pkt));
	if (ret) {
		storvsc_id_put(c, trans_id, &ctx);
		return ret;
	}
	while (!wait_for_completion_timeout(&h->init_done, STORVSC_POLL)) {
		if (!vmbus_channel_rescinded(c->channel) &&
		    time_before(jiffies, deadline))
			continue;
		/* Unless the answer is being delivered right now, give up. */
		if (!storvsc_id_put(c, trans_id, &ctx))
			return vmbus_channel_rescinded(c->channel) ? -ENODEV :
			       -ETIMEDOUT;
		wait_for_completion(&h->init_done);
		break;
	}
	*pkt = h->init_answer;
	if (h->init_answer_err) {
		storvsc_err(h, "bad answer to operation %u: operation %u (%d)\n",
			    op, pkt->operation, h->init_answer_err);
		return -EPROTO;
	}
	return 0;
}

static int storvsc_exec(struct storvsc_host *h, struct vstor_packet *pkt,
			unsigned long timeout)
{
	int ret;

	mutex_lock(&h->exec_lock);
	ret = storvsc_exec_locked(h, pkt, timeout);
	mutex_unlock(&h->exec_lock);
	return ret;
}

/* Run a prepared request that must succeed. */
static int storvsc_exec_ok(struct storvsc_host *h, struct vstor_packet *pkt,
			   unsigned long timeout)
{
	u32 op = pkt->operation;
	int ret;

	ret = storvsc_exec(h, pkt, timeout);
	if (ret)
		return ret;
	if (pkt->status != VSTOR_STATUS_SUCCESS) {
		storvsc_err(h, "host failed operation %u: status %#x\n", op,
			    pkt->status);
		return -EIO;
	}
	return 0;
}

static int storvsc_exec_op(struct storvsc_host *h, u32 op,
			   struct vstor_packet *pkt)
{
	storvsc_pkt_init(pkt, op);
	return storvsc_exec_ok(h, pkt, STORVSC_TIMEOUT);
}

static int storvsc_negotiate(struct storvsc_host *h, struct vstor_packet *pkt)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(storvsc_versions); i++) {
		storvsc_pkt_init(pkt, VSTOR_OP_QUERY_PROTOCOL_VERSION);
		pkt->version.major_minor = storvsc_versions[i];
		ret = storvsc_exec(h, pkt, STORVSC_TIMEOUT);
		if (ret)
			return ret;
		if (pkt->status == VSTOR_STATUS_SUCCESS) {
			h->version = storvsc_versions[i];
			h->pkt_size = VSTOR_PACKET_SIZE_FOR(h->version);
			return 0;
		}
	}
	dev_err(&h->hdev->device,
		"host speaks no storage protocol version from %u.%u down to %u.%u\n",
		VSTOR_VERSION_MAJOR(storvsc_versions[0]),
		VSTOR_VERSION_MINOR(storvsc_versions[0]),
		VSTOR_VERSION_MAJOR(VSTOR_VERSION_WIN8),
		VSTOR_VERSION_MINOR(VSTOR_VERSION_WIN8));
	return -EPROTO;
}

/*
 * BEGIN_INITIALIZATION, version negotiation, QUERY_PROPERTIES,
 * END_INITIALIZATION; upstream's order (storvsc_channel_init).
 */
static int storvsc_init_protocol(struct storvsc_host *h)
{
	struct storvsc_props props;
	struct vstor_packet pkt;
	int ret;

	ret = storvsc_exec_op(h, VSTOR_OP_BEGIN_INITIALIZATION, &pkt);
	if (!ret)
		ret = storvsc_negotiate(h, &pkt);
	if (!ret)
		ret = storvsc_exec_op(h, VSTOR_OP_QUERY_PROPERTIES, &pkt);
	if (ret)
		return ret;
	if (storvsc_props_parse(&pkt, &props)) {
		dev_err(&h->hdev->device, "host allows transfers of %u bytes only\n",
			pkt.properties.max_transfer_bytes);
		return -EPROTO;
	}
	h->max_xfer = props.max_xfer;
	h->prop_flags = props.flags;
	h->host_max_chans = props.max_chans;
	return storvsc_exec_op(h, VSTOR_OP_END_INITIALIZATION, &pkt);
}

/* ------------------------------------------------------------------ */
/* Receiving                                                           */
/* ------------------------------------------------------------------ */

static void storvsc_set_result(struct storvsc_host *h, struct scsi_cmnd *cmd,
			       const struct vstor_srb *srb)
{
	struct storvsc_verdict v;

	storvsc_srb_verdict(srb, scsi_bufflen(cmd), SCSI_SENSE_BUFFERSIZE, &v);
	if (v.clamped)
		storvsc_err(h, "host moved %u bytes of a %u-byte buffer\n",
			    srb->data_transfer_length, scsi_bufflen(cmd));
	memcpy(cmd->sense_buffer, srb->sense, v.sense_len);
	cmd->result = v.scsi_status;
	set_host_byte(cmd, v.host_byte);
	scsi_set_resid(cmd, v.resid);
}

static void storvsc_finish_now(struct scsi_cmnd *cmd, int host_byte)
{
	cmd->result = host_byte << 16;
	scsi_set_resid(cmd, scsi_bufflen(cmd));
	scsi_done(cmd);
}

/*
 * The caller took @trans_id's slot (storvsc_id_put()), with @ctx. Return
 * the command to complete, or NULL: the initialisation request, a
 * command that no longer carries the id (given up on and sent again) or
 * one the error handler owns only drains.
 */
static struct storvsc_cmd *storvsc_claim(struct storvsc_host *h, u64 trans_id,
					 u64 ctx)
{
	struct storvsc_cmd *req = (struct storvsc_cmd *)(uintptr_t)ctx;

	if (ctx == STORVSC_CTX_INIT)
		return NULL;
	if (cmpxchg(&req->trans_id, trans_id, 0) != trans_id) {
		storvsc_err(h, "dropped the answer to abandoned transaction %#llx\n",
			    trans_id);
		return NULL;
	}
	if (atomic_cmpxchg(&req->owner, STORVSC_OWN_DRIVER,
			   STORVSC_OWN_DONE) != STORVSC_OWN_DRIVER)
		return NULL;
	return req;
}

/* An answer to an SRB of a claimed command. */
static void storvsc_complete_cmd(struct storvsc_host *h,
				 struct storvsc_cmd *req,
				 const struct storvsc_rx *rx)
{
	struct scsi_cmnd *cmd = req->cmd;

	if (rx->answer_err) {
		storvsc_err(h, "bad SRB answer: operation %u, %u bytes\n",
			    rx->pkt.operation, rx->len);
		cmd->result = DID_ERROR << 16;
		scsi_set_resid(cmd, scsi_bufflen(cmd));
	} else {
		storvsc_set_result(h, cmd, &rx->pkt.srb);
	}
	scsi_done(cmd);
}

static void storvsc_on_answer(struct storvsc_chan *c, u64 trans_id,
			      const struct storvsc_rx *rx)
{
	struct storvsc_host *h = c->h;
	struct storvsc_cmd *req;
	u64 ctx;

	if (storvsc_id_put(c, trans_id, &ctx)) {
		storvsc_err(h, "dropped an answer for transaction %#llx, which is not outstanding\n",
			    trans_id);
		return;
	}
	if (ctx == STORVSC_CTX_INIT) {
		h->init_answer = rx->pkt;
		h->init_answer_err = rx->answer_err;
		complete(&h->init_done);
		return;
	}
	req = storvsc_claim(h, trans_id, ctx);
	if (req)
		storvsc_complete_cmd(h, req, rx);
}

/*
 * Queue @work unless the host is being removed. A scan waits for I/O
 * (up to the request timeout): the long-running queue.
 */
static void storvsc_queue_work(struct storvsc_host *h, struct work_struct *work)
{
	unsigned long flags;

	spin_lock_irqsave(&h->lock, flags);
	if (h->live)
		queue_work(system_long_wq, work);
	spin_unlock_irqrestore(&h->lock, flags);
}

/* One packet from the host, checked by storvsc_rx_parse(). */
static void storvsc_on_packet(struct storvsc_chan *c,
			      const struct hv_ring_pkt *rp)
{
	struct storvsc_host *h = c->h;
	struct storvsc_rx_ctx ctx = {
		.chan = c->idx,
		.nslots = c->nslots,
		.min_len = storvsc_answer_len(READ_ONCE(h->version)),
	};
	u64 trans_id = rp->desc.trans_id;
	struct storvsc_rx rx;
	int ret;

	ret = storvsc_rx_parse(rp->desc.type, trans_id,
			       c->rx + rp->payload_offset,
			       rp->len - rp->payload_offset, &ctx, &rx);
	switch (ret) {
	case STORVSC_RX_ANSWER:
		storvsc_on_answer(c, trans_id, &rx);
		break;
	case STORVSC_RX_RESCAN:
		storvsc_queue_work(h, &h->scan_work);
		break;
	case -EPROTO:
		storvsc_err(h, "dropped packet of type %u\n", rp->desc.type);
		break;
	case -EINVAL:
	case -EXDEV:
		storvsc_err(h, "dropped an answer on channel %u for transaction %#llx%s\n",
			    c->idx, trans_id,
			    ret == -EXDEV ? " of another channel" : "");
		break;
	default:
		storvsc_err(h, "dropped a %u-byte message of operation %u from the host\n",
			    rx.len, rx.op);
		break;
	}
}

/*
 * Channel callback: softirq, never concurrently with itself for one
 * channel. At most STORVSC_RECV_BUDGET packets; vmbus_recv_done() has
 * the core call again while more are waiting.
 */
static void storvsc_on_event(void *ctx)
{
	struct storvsc_chan *c = ctx;
	struct hv_ring_pkt rp;
	unsigned int n;
	int ret = 0;

	for (n = 0; n < STORVSC_RECV_BUDGET; n++) {
		ret = vmbus_recv(c->channel, c->rx, c->rx_size, &rp);
		if (ret)
			break;
		storvsc_on_packet(c, &rp);
	}
	/* The core's last call for a sub-channel rescinded alone. */
	if (c->idx && vmbus_channel_rescinded(c->channel))
		storvsc_queue_work(c->h, &c->h->reap_work);
	if (ret && ret != -EAGAIN)
		storvsc_err(c->h, "receive failed: %d\n", ret);
	vmbus_recv_done(c->channel);
}

/*
 * The first scan after probe, and a rescan when the host changed the
 * LUNs. A LUN it removed answers INVALID_LUN, which fails TEST UNIT
 * READY with DID_NO_CONNECT: drop those devices (as upstream, which
 * probes every device and removes on INVALID_LUN), then scan for new
 * ones.
 */
static void storvsc_scan_work(struct work_struct *work)
{
	struct storvsc_host *h = container_of(work, struct storvsc_host,
					      scan_work);
	struct scsi_sense_hdr sshdr;
	struct scsi_device *sdev;
	int ret;

	shost_for_each_device(sdev, h->shost) {
		ret = scsi_test_unit_ready(sdev, STORVSC_TUR_TIMEOUT, 1, &sshdr);
		if (host_byte(ret) == DID_NO_CONNECT)
			scsi_remove_device(sdev);
	}
	scsi_scan_host(h->shost);
}

/* ------------------------------------------------------------------ */
/* Channels                                                            */
/* ------------------------------------------------------------------ */

static int storvsc_chan_open(struct storvsc_host *h, struct storvsc_chan *c,
			     struct vmbus_channel *channel, u16 idx,
			     u32 max_requests)
{
	struct vmbus_open_params params = {
		.send_ring_size = h->ring_size,
		.recv_ring_size = h->ring_size,
		.max_requests = max_requests,
		.on_event = storvsc_on_event,
		.ctx = c,
	};
	int ret;

	static_assert(STORVSC_CAN_QUEUE + 1 <= STORVSC_TID_MAX_SLOT);
	c->h = h;
	c->channel = channel;
	c->idx = idx;
	c->nslots = max_requests;
	/* A reopened index does not repeat the ids of its predecessor. */
	atomic_set(&c->seq, get_random_u32());
	c->tids = kvcalloc(max_requests + 1, sizeof(*c->tids), GFP_KERNEL);
	c->rx_size = vmbus_max_inbound_pkt(h->ring_size);
	c->rx = kvmalloc(c->rx_size, GFP_KERNEL);
	ret = c->tids && c->rx ? vmbus_open(channel, &params) : -ENOMEM;
	if (ret) {
		kvfree(c->rx);
		kvfree(c->tids);
	}
	return ret;
}

static void storvsc_chan_close(struct storvsc_chan *c)
{
	vmbus_close(c->channel);
	kvfree(c->rx);
	kvfree(c->tids);
}

static struct storvsc_chan *storvsc_sub(struct storvsc_host *h, unsigned int i)
{
	return rcu_dereference_protected(h->subs[i],
					 lockdep_is_held(&h->chan_lock));
}

/*
 * Under rcu_read_lock(): the open channel of index @idx, or NULL. A
 * sub-channel stays open for the read-side section (storvsc_sub_drop()).
 */
static struct storvsc_chan *storvsc_chan_rcu(struct storvsc_host *h, u16 idx)
{
	if (!idx)
		return &h->primary;
	return idx < h->nr_chans ? rcu_dereference(h->subs[idx]) : NULL;
}

struct storvsc_fail {
	struct storvsc_chan *only;	/* fail only what went on this one */
	int host_byte;
};

/*
 * Fail an in-flight command, unless answered meanwhile. Any context: the
 * channel is looked up under RCU, or is @f->only, which the caller keeps.
 */
static bool storvsc_fail_inflight(struct scsi_cmnd *cmd, void *data)
{
	const struct storvsc_fail *f = data;
	struct storvsc_host *h = shost_priv(cmd->device->host);
	struct storvsc_cmd *req = scsi_cmd_priv(cmd), *claimed;
	u64 trans_id = READ_ONCE(req->trans_id), ctx;
	u16 idx = storvsc_tid_chan(trans_id);
	struct storvsc_chan *c;
	int ret;

	if (!trans_id || (f->only && idx != f->only->idx))
		return true;
	rcu_read_lock();
	c = f->only ?: storvsc_chan_rcu(h, idx);
	ret = c ? storvsc_id_put(c, trans_id, &ctx) : -ENOENT;
	rcu_read_unlock();
	if (ret)
		return true;
	claimed = storvsc_claim(h, trans_id, ctx);
	if (claimed)
		storvsc_finish_now(claimed->cmd, f->host_byte);
	return true;
}

/*
 * chan_lock held: stop using sub-channel @i, fail what the host holds on
 * it with @host_byte, close it. No sender sees it after the grace period.
 */
static void storvsc_sub_drop(struct storvsc_host *h, unsigned int i,
			     int host_byte)
{
	struct storvsc_chan *c = storvsc_sub(h, i);
	struct storvsc_fail f = { .only = c, .host_byte = host_byte };

	RCU_INIT_POINTER(h->subs[i], NULL);
	synchronize_rcu();
	if (host_byte)
		scsi_host_busy_iter(h->shost, storvsc_fail_inflight, &f);
	storvsc_chan_close(c);
	kfree(c);
}

/*
 * Close the sub-channels the host rescinded (the core tells nobody of a
 * sub-channel rescinded alone): what they hold goes again, elsewhere.
 */
static void storvsc_reap(struct storvsc_host *h)
{
	struct storvsc_chan *c;
	unsigned int i;

	mutex_lock(&h->chan_lock);
	for (i = 1; i < h->nr_chans; i++) {
		c = storvsc_sub(h, i);
		if (c && vmbus_channel_rescinded(c->channel)) {
			dev_info(&h->hdev->device,
				 "sub-channel %u rescinded: its queue uses the primary\n",
				 i);
			storvsc_sub_drop(h, i, DID_REQUEUE);
		}
	}
	mutex_unlock(&h->chan_lock);
}

static void storvsc_reap_work(struct work_struct *work)
{
	storvsc_reap(container_of(work, struct storvsc_host, reap_work));
}

/*
 * The host offers a sub-channel (vmbus_set_subchannel_handler()). Its
 * index, from the host, must name a queue; a second offer of an index
 * replaces only a rescinded sub-channel.
 */
static void storvsc_sub_offered(struct vmbus_channel *sub, void *ctx)
{
	struct storvsc_host *h = ctx;
	u16 i = vmbus_channel_subindex(sub);
	struct storvsc_chan *c, *old;
	int ret;

	if (!storvsc_sub_index_ok(i, h->nr_chans)) {
		storvsc_err(h, "ignored sub-channel %u: asked for %u\n", i,
			    h->nr_chans - 1);
		return;
	}
	mutex_lock(&h->chan_lock);
	old = storvsc_sub(h, i);
	if (old && !vmbus_channel_rescinded(old->channel)) {
		storvsc_err(h, "ignored a second sub-channel %u\n", i);
		goto unlock;
	}
	if (old)
		storvsc_sub_drop(h, i, DID_REQUEUE);
	ret = -ENOMEM;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (c)
		ret = storvsc_chan_open(h, c, sub, i, STORVSC_CAN_QUEUE);
	if (ret) {
		/* Its queue keeps using the primary. */
		dev_err(&h->hdev->device, "cannot open sub-channel %u: %d\n",
			i, ret);
		kfree(c);
		goto unlock;
	}
	rcu_assign_pointer(h->subs[i], c);
unlock:
	mutex_unlock(&h->chan_lock);
}

/* Nothing is in flight: close every sub-channel. */
static void storvsc_subs_close(struct storvsc_host *h)
{
	unsigned int i;

	mutex_lock(&h->chan_lock);
	for (i = 1; i < h->nr_chans; i++)
		if (storvsc_sub(h, i))
			storvsc_sub_drop(h, i, 0);
	mutex_unlock(&h->chan_lock);
}

/*
 * After END_INITIALIZATION, ask a multi-channel host for sub-channels
 * (upstream's handle_multichannel_storage): CREATE_SUB_CHANNELS with the
 * count, answered COMPLETE_IO with status 0; the offers follow and
 * storvsc_sub_offered() opens them. A host that refuses, or offers fewer,
 * leaves queues on the primary.
 */
static int storvsc_multichannel(struct storvsc_host *h)
{
	u16 n = storvsc_sub_channel_count(h->prop_flags, h->host_max_chans,
					  num_online_cpus(),
					  READ_ONCE(storvsc_max_hw_queues));
	struct vstor_packet pkt;
	int ret;

	if (!n)
		return 0;
	h->nr_chans = n + 1;
	vmbus_set_subchannel_handler(h->primary.channel, storvsc_sub_offered,
				     h);
	storvsc_pkt_init(&pkt, VSTOR_OP_CREATE_SUB_CHANNELS);
	pkt.sub_channel_count = n;
	ret = storvsc_exec_ok(h, &pkt, STORVSC_TIMEOUT);
	if (!ret || ret == -ENODEV)
		return ret;
	dev_warn(&h->hdev->device,
		 "host did not create %u sub-channels (%d): one queue\n", n, ret);
	vmbus_set_subchannel_handler(h->primary.channel, NULL, NULL);
	storvsc_subs_close(h);
	h->nr_chans = 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Sending                                                             */
/* ------------------------------------------------------------------ */

static int storvsc_build_srb(struct storvsc_host *h, struct storvsc_cmd *req,
			     struct scsi_cmnd *cmd)
{
	struct vstor_srb *srb = &req->pkt.srb;

	if (cmd->cmd_len > VSTOR_CDB_SIZE)
		return -EINVAL;
	storvsc_pkt_init(&req->pkt, VSTOR_OP_EXECUTE_SRB);
	srb->length = VSTOR_SRB_SIZE;
	srb->port_number = h->shost->host_no;
	srb->path_id = cmd->device->channel;
	srb->target_id = cmd->device->id;
	srb->lun = cmd->device->lun;
	srb->cdb_length = cmd->cmd_len;
	memcpy(srb->cdb, cmd->cmnd, cmd->cmd_len);
	srb->sense_info_length = VSTOR_SENSE_SIZE;
	srb->data_transfer_length = scsi_bufflen(cmd);
	srb->time_out_value = STORVSC_SRB_TIMEOUT;
	/* Upstream's flags (storvsc_queuecommand). */
	srb->srb_flags = SRB_FLAGS_DISABLE_SYNCH_TRANSFER;
	if (cmd->device->tagged_supported) {
		srb->srb_flags |= SRB_FLAGS_QUEUE_ACTION_ENABLE |
				  SRB_FLAGS_NO_QUEUE_FREEZE;
		srb->queue_tag = SRB_QUEUE_TAG_UNTAGGED;
		srb->queue_action = SRB_SIMPLE_TAG_REQUEST;
	}
	switch (cmd->sc_data_direction) {
	case DMA_TO_DEVICE:
		srb->data_in = VSTOR_DATA_OUT;
		srb->srb_flags |= SRB_FLAGS_DATA_OUT;
		return 0;
	case DMA_FROM_DEVICE:
		srb->data_in = VSTOR_DATA_IN;
		srb->srb_flags |= SRB_FLAGS_DATA_IN;
		return 0;
	case DMA_NONE:
		srb->data_in = VSTOR_DATA_NONE;
		return 0;
	default:
		/* Bidirectional commands cannot be described. */
		return -EINVAL;
	}
}

/*
 * Under rcu_read_lock(): an open channel whose interrupts go to @cpu, or
 * NULL; the one found there last is tried first. The hint is per CPU and
 * only a hint: a channel moved or dropped since is passed over.
 */
static struct storvsc_chan *storvsc_cpu_chan(struct storvsc_host *h,
					     unsigned int cpu)
{
	u16 *hint = per_cpu_ptr(h->cpu_chan, cpu), n = h->nr_chans, i, idx;
	struct storvsc_chan *c;

	for (i = 0, idx = READ_ONCE(*hint); i < n; i++, idx++) {
		idx %= n;
		c = storvsc_chan_rcu(h, idx);
		if (c && vmbus_channel_cpu(c->channel) == cpu &&
		    !vmbus_channel_rescinded(c->channel)) {
			WRITE_ONCE(*hint, idx);
			return c;
		}
	}
	return NULL;
}

/*
 * Under rcu_read_lock(): as upstream's storvsc_do_io() does, the channel
 * whose interrupts go to this CPU, so that the answer completes the
 * command where it was issued, without an interrupt and a wakeup across
 * CPUs; else the channel of @cmd's hardware queue (blk-mq maps CPUs to
 * queues), or the primary while that sub-channel is not open. A
 * rescinded one is closed from a work item.
 */
static struct storvsc_chan *storvsc_pick(struct storvsc_host *h,
					 struct scsi_cmnd *cmd)
{
	u32 hwq = blk_mq_unique_tag_to_hwq(blk_mq_unique_tag(scsi_cmd_to_rq(cmd)));
	struct storvsc_chan *c = NULL, *mine;
	bool open;

	if (hwq && hwq < h->nr_chans)
		c = rcu_dereference(h->subs[hwq]);
	open = c && !vmbus_channel_rescinded(c->channel);
	if (c && !open)
		storvsc_queue_work(h, &h->reap_work);
	mine = storvsc_cpu_chan(h, raw_smp_processor_id());
	if (mine)
		return mine;
	return storvsc_queue_chan(hwq, h->nr_chans, open) ? c : &h->primary;
}

/* The EXECUTE_SRB packet of @req with its data pages, if any. */
static int storvsc_send_pkt(struct storvsc_host *h, struct storvsc_chan *c,
			    struct storvsc_cmd *req, u64 trans_id,
			    u32 pfn_count)
{
	if (scsi_bufflen(req->cmd))
		return vmbus_send_gpa_direct(c->channel,
					     VMBUS_PKT_FLAG_COMPLETION_REQUESTED,
					     trans_id, &req->range, pfn_count,
					     &req->pkt, h->pkt_size);
	return vmbus_send(c->channel, VMBUS_PKT_DATA_INBAND,
			  VMBUS_PKT_FLAG_COMPLETION_REQUESTED, trans_id,
			  &req->pkt, h->pkt_size);
}

/*
 * Under rcu_read_lock(): send the built command on @c. The id is
 * published before the controller's rescind is looked at, and
 * storvsc_remove() looks at the ids after the core set it: either this
 * sees the rescind and fails the command, or the rescind's pass over
 * the commands in flight sees the id. A command therefore never goes,
 * after that pass, to a sub-channel the host has not rescinded yet.
 */
static hvg_scsi_qc_t storvsc_send(struct storvsc_host *h,
				  struct storvsc_chan *c, struct storvsc_cmd *req,
				  u32 pfn_count)
{
	struct scsi_cmnd *cmd = req->cmd;
	u64 trans_id, ctx;
	bool gone;
	int ret = -ENODEV;

	if (storvsc_id_get(c, (uintptr_t)req, &trans_id))
		return SCSI_MLQUEUE_HOST_BUSY;
	WRITE_ONCE(req->trans_id, trans_id);
	/* Pairs with the barrier of the core's rescind (xchg()). */
	smp_mb();
	gone = vmbus_channel_rescinded(h->primary.channel);
	if (!gone)
		ret = storvsc_send_pkt(h, c, req, trans_id, pfn_count);
	if (!ret)
		return 0;
	/* Not sent. Unless a rescind already failed it, it is ours again. */
	if (storvsc_id_put(c, trans_id, &ctx))
		return 0;
	WRITE_ONCE(req->trans_id, 0);
	/* A full ring, or a sub-channel gone: the primary takes it next. */
	if (ret == -EAGAIN || (ret == -ENODEV && c != &h->primary && !gone))
		return SCSI_MLQUEUE_HOST_BUSY;
	if (ret == -ENODEV) {
		storvsc_finish_now(cmd, DID_NO_CONNECT);
		return 0;
	}
	storvsc_err(h, "sending command %#x failed: %d\n", cmd->cmnd[0], ret);
	storvsc_finish_now(cmd, DID_ERROR);
	return 0;
}

static hvg_scsi_qc_t storvsc_queuecommand(struct Scsi_Host *shost,
					  struct scsi_cmnd *cmd)
{
	struct storvsc_host *h = shost_priv(shost);
	struct storvsc_cmd *req = scsi_cmd_priv(cmd);
	u32 len = scsi_bufflen(cmd), pfn_count = 0;
	hvg_scsi_qc_t qc;
	int ret;

	req->cmd = cmd;
	WRITE_ONCE(req->trans_id, 0);
	atomic_set(&req->owner, STORVSC_OWN_DRIVER);
	req->timed_out = false;
	ret = storvsc_build_srb(h, req, cmd);
	if (!ret && len)
		ret = storvsc_sg_to_range(scsi_sglist(cmd), scsi_sg_count(cmd),
					  len, &req->range, STORVSC_MAX_PFNS,
					  &pfn_count);
	if (ret) {
		storvsc_err(h, "cannot describe command %#x (%u bytes): %d\n",
			    cmd->cmnd[0], len, ret);
		storvsc_finish_now(cmd, DID_ERROR);
		return 0;
	}
	rcu_read_lock();
	qc = storvsc_send(h, storvsc_pick(h, cmd), req, pfn_count);
	rcu_read_unlock();
	return qc;
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

/* Whether @req went on a sub-channel the host rescinded. */
static bool storvsc_on_rescinded_sub(struct storvsc_host *h,
				     struct storvsc_cmd *req)
{
	u16 idx = storvsc_tid_chan(READ_ONCE(req->trans_id));
	struct storvsc_chan *c;
	bool gone;

	if (!idx)
		return false;
	rcu_read_lock();
	c = storvsc_chan_rcu(h, idx);
	gone = c && vmbus_channel_rescinded(c->channel);
	rcu_read_unlock();
	return gone;
}

/*
 * The host times SRBs out itself and answers every one, as upstream
 * assumes, so the timer is reset once: the host gets twice the request
 * timeout. Then the midlayer's error handling takes the command and
 * ends in storvsc_eh_host_reset(). A rescinded controller fails it at
 * once; a rescinded sub-channel sends it again on the primary.
 */
static hvg_scsi_timeout_t storvsc_eh_timed_out(struct scsi_cmnd *cmd)
{
	struct storvsc_host *h = shost_priv(cmd->device->host);
	struct storvsc_cmd *req = scsi_cmd_priv(cmd);
	struct storvsc_fail f = { .host_byte = DID_NO_CONNECT };

	if (vmbus_channel_rescinded(h->primary.channel)) {
		storvsc_fail_inflight(cmd, &f);
		return HVG_SCSI_EH_DONE;
	}
	if (storvsc_on_rescinded_sub(h, req)) {
		storvsc_queue_work(h, &h->reap_work);
		return HVG_SCSI_EH_RESET_TIMER;
	}
	if (!req->timed_out) {
		req->timed_out = true;
		return HVG_SCSI_EH_RESET_TIMER;
	}
	/* Unless its answer is being delivered now, error handling owns it. */
	if (atomic_cmpxchg(&req->owner, STORVSC_OWN_DRIVER,
			   STORVSC_OWN_EH) != STORVSC_OWN_DRIVER)
		return HVG_SCSI_EH_RESET_TIMER;
	return HVG_SCSI_EH_NOT_HANDLED;
}

static bool storvsc_count_held(struct scsi_cmnd *cmd, void *data)
{
	struct storvsc_cmd *req = scsi_cmd_priv(cmd);

	if (READ_ONCE(req->trans_id))
		(*(unsigned int *)data)++;
	return true;
}

/* Wait up to @timeout until the host holds no command; return how many. */
static unsigned int storvsc_drain(struct storvsc_host *h, unsigned long timeout)
{
	unsigned long deadline = jiffies + timeout;
	unsigned int held;

	for (;;) {
		storvsc_reap(h);
		held = 0;
		scsi_host_busy_iter(h->shost, storvsc_count_held, &held);
		if (!held || time_after(jiffies, deadline) ||
		    vmbus_channel_rescinded(h->primary.channel))
			return held;
		schedule_timeout_uninterruptible(STORVSC_POLL);
	}
}

/*
 * Upstream's only error handler (storvsc_host_reset_handler): RESET_BUS
 * on the primary, then wait for the host to answer what it still holds.
 * Each wait is bounded by the device's request timeout, so that a host
 * that answers nothing fails the reset (the midlayer then takes the
 * devices offline) instead of hanging the error handler. Commands it
 * still holds keep their ids, so a late answer is recognised and dropped.
 */
static int storvsc_eh_host_reset(struct scsi_cmnd *cmd)
{
	struct storvsc_host *h = shost_priv(cmd->device->host);
	unsigned long timeout = cmd->device->request_queue->rq_timeout;
	struct vstor_packet pkt;
	unsigned int held;
	int ret;

	storvsc_pkt_init(&pkt, VSTOR_OP_RESET_BUS);
	pkt.srb.path_id = cmd->device->channel;
	ret = storvsc_exec_ok(h, &pkt, timeout);
	if (ret) {
		dev_err(&h->hdev->device, "bus reset failed: %d\n", ret);
		return FAILED;
	}
	held = storvsc_drain(h, timeout);
	if (held) {
		dev_err(&h->hdev->device,
			"host still holds %u commands after a bus reset\n", held);
		return FAILED;
	}
	dev_info(&h->hdev->device, "bus reset\n");
	return SUCCESS;
}

/* ------------------------------------------------------------------ */
/* Devices                                                             */
/* ------------------------------------------------------------------ */

/*
 * As upstream (storvsc_device_alloc): read VPD pages although Microsoft's
 * disks claim SPC-2, and REPORT LUNS whatever the device type.
 */
static int storvsc_sdev_init(struct scsi_device *sdev)
{
	sdev->sdev_bflags = BLIST_REPORTLUN2 | BLIST_TRY_VPD_PAGES;
	return 0;
}

/*
 * As upstream (storvsc_device_configure): the 180 s request timeout
 * (Azure storage can be slow), no REPORT SUPPORTED OPERATION CODES (the
 * host does not implement it), WRITE SAME only for Microsoft's disks
 * behind a Win10 or newer host; older hosts' disks are SPC-3.
 */
static int storvsc_sdev_configure(hvg_sdev_configure_args)
{
	struct storvsc_host *h = shost_priv(sdev->host);

	blk_queue_rq_timeout(sdev->request_queue, STORVSC_TIMEOUT);
	sdev->no_report_opcodes = 1;
	sdev->no_write_same = 1;
	if (!strncmp(sdev->vendor, "Msft", 4)) {
		if (h->version >= VSTOR_VERSION_WIN10)
			sdev->no_write_same = 0;
		else
			sdev->scsi_level = SCSI_SPC_3;
	}
	return 0;
}

/* At most what a queue holds, as upstream. */
static int storvsc_change_queue_depth(struct scsi_device *sdev, int depth)
{
	return scsi_change_queue_depth(sdev, min(depth, STORVSC_CAN_QUEUE));
}

static hvg_scsi_host_template storvsc_template = {
	.module			= THIS_MODULE,
	.name			= "storvsc_host_t",
	.proc_name		= "storvsc_host",
	.queuecommand		= storvsc_queuecommand,
	.eh_timed_out		= storvsc_eh_timed_out,
	.eh_host_reset_handler	= storvsc_eh_host_reset,
	.HVG_SDEV_INIT		= storvsc_sdev_init,
	.HVG_SDEV_CONFIGURE	= storvsc_sdev_configure,
	.change_queue_depth	= storvsc_change_queue_depth,
	.track_queue_depth	= 1,
	.no_write_same		= 1,
	.cmd_size		= sizeof(struct storvsc_cmd) +
				  STORVSC_MAX_PFNS * sizeof(u64),
	.can_queue		= STORVSC_CAN_QUEUE,
	.cmd_per_lun		= STORVSC_CAN_QUEUE,
	.this_id		= -1,
	.sg_tablesize		= STORVSC_MAX_PFNS,
	.max_sectors		= STORVSC_MAX_XFER >> SECTOR_SHIFT,
	/* No gaps inside a transfer at 4 KiB granularity: one PFN range. */
	.virt_boundary_mask	= HV_PAGE_SIZE - 1,
};

/* ------------------------------------------------------------------ */
/* Probe, removal                                                      */
/* ------------------------------------------------------------------ */

static void storvsc_host_init(struct storvsc_host *h, struct hv_device *hdev,
			      struct Scsi_Host *shost)
{
	h->hdev = hdev;
	h->shost = shost;
	h->nr_chans = 1;
	h->ring_size = PAGE_ALIGN(READ_ONCE(storvsc_ringbuffer_size)) +
		       PAGE_SIZE;
	spin_lock_init(&h->lock);
	INIT_WORK(&h->scan_work, storvsc_scan_work);
	INIT_WORK(&h->reap_work, storvsc_reap_work);
	mutex_init(&h->chan_lock);
	mutex_init(&h->exec_lock);
	init_completion(&h->init_done);
}

static int storvsc_probe(struct hv_device *hdev,
			 const struct hv_vmbus_device_id *id)
{
	struct Scsi_Host *shost;
	struct storvsc_host *h;
	int ret;

	shost = scsi_host_alloc(&storvsc_template, sizeof(*h));
	if (!shost)
		return -ENOMEM;
	h = shost_priv(shost);
	storvsc_host_init(h, hdev, shost);
	dev_set_drvdata(&hdev->device, h);
	h->cpu_chan = alloc_percpu(u16);
	if (!h->cpu_chan) {
		ret = -ENOMEM;
		goto put_host;
	}

	/* One id more on the primary for initialisation and resets. */
	ret = storvsc_chan_open(h, &h->primary, hdev->channel, 0,
				STORVSC_CAN_QUEUE + 1);
	if (ret)
		goto put_host;
	ret = storvsc_init_protocol(h);
	if (!ret)
		ret = storvsc_multichannel(h);
	if (ret)
		goto close;

	shost->max_id = STORVSC_MAX_TARGETS;
	shost->max_lun = STORVSC_MAX_LUNS;
	shost->max_channel = STORVSC_MAX_PATHS - 1;
	shost->max_cmd_len = VSTOR_CDB_SIZE;
	shost->max_sectors = h->max_xfer >> SECTOR_SHIFT;
	shost->sg_tablesize = h->max_xfer / HV_PAGE_SIZE + 1;
	shost->nr_hw_queues = h->nr_chans;
	ret = scsi_add_host(shost, &hdev->device);
	if (ret)
		goto close;
	dev_info(&hdev->device,
		 "storage protocol %u.%u, %u KiB per command, %u queues\n",
		 VSTOR_VERSION_MAJOR(h->version), VSTOR_VERSION_MINOR(h->version),
		 h->max_xfer / 1024, h->nr_chans);
	spin_lock_irq(&h->lock);
	h->live = true;
	spin_unlock_irq(&h->lock);
	/*
	 * The first scan runs in a work item, not here: a kernel scanning
	 * synchronously (no CONFIG_SCSI_SCAN_ASYNC, scsi_mod.scan=sync)
	 * would wait in probe for the I/O of the LUNs it found, and the
	 * core runs the removal a rescind needs only after probe returns.
	 */
	storvsc_queue_work(h, &h->scan_work);
	return 0;

close:
	/* No sub-channel may be opened for a host about to be freed. */
	vmbus_set_subchannel_handler(h->primary.channel, NULL, NULL);
	storvsc_subs_close(h);
	storvsc_chan_close(&h->primary);
put_host:
	free_percpu(h->cpu_chan);
	scsi_host_put(shost);
	return ret;
}

static void storvsc_remove(struct hv_device *hdev)
{
	struct storvsc_host *h = dev_get_drvdata(&hdev->device);
	struct storvsc_fail f = { .host_byte = DID_NO_CONNECT };
	struct Scsi_Host *shost = h->shost;

	spin_lock_irq(&h->lock);
	h->live = false;
	spin_unlock_irq(&h->lock);
	/*
	 * A rescinded host answers nothing: fail what it still holds, first,
	 * as a scan may wait for that I/O. Later commands fail when sent
	 * (storvsc_send()).
	 */
	if (vmbus_channel_rescinded(h->primary.channel))
		scsi_host_busy_iter(shost, storvsc_fail_inflight, &f);
	cancel_work_sync(&h->scan_work);
	cancel_work_sync(&h->reap_work);
	/* Commands on sub-channels rescinded alone go to the primary. */
	storvsc_reap(h);
	scsi_remove_host(shost);
	storvsc_subs_close(h);
	storvsc_chan_close(&h->primary);
	free_percpu(h->cpu_chan);
	scsi_host_put(shost);
}

static struct hv_driver storvsc_driver = {
	.name = "storvsc",
	.id_table = storvsc_ids,
	.probe = storvsc_probe,
	.remove = storvsc_remove,
};

static int __init storvsc_init(void)
{
	return vmbus_driver_register(&storvsc_driver);
}

static void __exit storvsc_exit(void)
{
	vmbus_driver_unregister(&storvsc_driver);
}

module_init(storvsc_init);
module_exit(storvsc_exit);

HVG_IMPORT_NS();
MODULE_DESCRIPTION("Hyper-V synthetic SCSI controller (hvguest)");
MODULE_VERSION(HVG_VERSION);
MODULE_LICENSE("GPL");
