// SPDX-License-Identifier: GPL-2.0
/*
 * hv_storvsc: the guest side of Hyper-V's synthetic SCSI controller
 * (wire format: include/hv/proto/storvsc.h).
 *
 * One Scsi_Host per vmbus device, one channel, one hardware queue. Every
 * SCSI command becomes an EXECUTE_SRB packet: in-band when it moves no
 * data, GPA direct otherwise, naming the data pages in place by Hyper-V
 * PFN (no bounce buffers, no DMA API: isolated VMs are not supported).
 * The host answers every packet with a completion; the transaction id is
 * a slot of the core's request table, never a pointer.
 */
#include <linux/blkdev.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_eh.h>
#include <scsi/scsi_host.h>
#include <hv/vmbus.h>
#include "storvsc.h"

/* Ring bytes each direction: upstream's default (storvsc_ringbuffer_size). */
#define STORVSC_RING_SIZE	(128 * 1024)

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

/* Upstream's timeout for initialisation requests (storvsc_timeout). */
#define STORVSC_INIT_TIMEOUT	(180 * HZ)
/* How often a waiting initialisation request looks for a rescind. */
#define STORVSC_POLL		(HZ / 10)

/* TEST UNIT READY of a rescan (the midlayer's usual command timeout). */
#define STORVSC_TUR_TIMEOUT	(30 * HZ)

/* SRB timeout the host applies, seconds (upstream's value). */
#define STORVSC_SRB_TIMEOUT	60

/* Request table context of the one initialisation request. */
#define STORVSC_CTX_INIT	0

/* Versions asked for, newest first; Win8 is the oldest spoken. */
static const u16 storvsc_versions[] = {
	VSTOR_VERSION_WIN10,
	VSTOR_VERSION_WIN8_1,
	VSTOR_VERSION_WIN8,
};

/**
 * struct storvsc_cmd - per-command private data (scsi_cmd_priv())
 * @cmd: the command
 * @trans_id: its transaction id while in flight, 0 otherwise; whoever
 *	takes the id from the request table completes the command
 * @pkt: the EXECUTE_SRB packet sent
 * @range: the data buffer's pages; STORVSC_MAX_PFNS entries follow
 */
struct storvsc_cmd {
	struct scsi_cmnd *cmd;
	u64 trans_id;
	struct vstor_packet pkt;
	struct vmbus_gpa_range range;	/* must be last */
};

/**
 * struct storvsc_host - per-controller state (shost_priv())
 * @hdev: the vmbus device
 * @channel: its primary channel
 * @shost: the SCSI host
 * @version: negotiated protocol version, 0 before
 * @pkt_size: bytes of a vstor_packet for @version
 * @max_xfer: bytes one command may move
 * @lock: protects @scannable against queueing @scan_work
 * @scannable: the host is added and not being removed: rescans may run
 * @scan_work: rescans the bus when the host says LUNs changed
 * @init_done: the initialisation request was answered
 * @init_answer: its answer, zero-filled beyond what the host sent
 * @init_answer_len: payload bytes the host sent
 * @rx: receive buffer, as large as the largest inbound packet
 */
struct storvsc_host {
	struct hv_device *hdev;
	struct vmbus_channel *channel;
	struct Scsi_Host *shost;
	u16 version;
	u32 pkt_size;
	u32 max_xfer;
	spinlock_t lock;	/* guards @scannable */
	bool scannable;
	struct work_struct scan_work;
	struct completion init_done;
	struct vstor_packet init_answer;
	u32 init_answer_len;
	u8 *rx;
};

/* The core accepts inbound packets up to half the ring: all fit here. */
#define STORVSC_RX_SIZE		(STORVSC_RING_SIZE / 2)

static const struct hv_vmbus_device_id storvsc_ids[] = {
	/* Synthetic SCSI controller: ba6163d9-04a1-4d29-b605-72e2ffb1dc7f */
	{ .guid = GUID_INIT(0xba6163d9, 0x04a1, 0x4d29,
			    0xb6, 0x05, 0x72, 0xe2, 0xff, 0xb1, 0xdc, 0x7f) },
	{ },
};
MODULE_DEVICE_TABLE(vmbus, storvsc_ids);

#define storvsc_err(h, fmt, ...) \
	dev_err_ratelimited(&(h)->hdev->device, fmt, ##__VA_ARGS__)

/* ------------------------------------------------------------------ */
/* Initialisation                                                      */
/* ------------------------------------------------------------------ */

/*
 * Send @pkt and wait for its answer, which replaces it. Checks that the
 * answer completes the request; the caller checks the status.
 */
static int storvsc_exec(struct storvsc_host *h, struct vstor_packet *pkt)
{
	unsigned long deadline = jiffies + STORVSC_INIT_TIMEOUT;
	u32 op = pkt->operation, min_len;
	u64 trans_id, ctx;
	int ret;

	pkt->flags = VSTOR_FLAG_REQUEST_COMPLETION;
	reinit_completion(&h->init_done);
	ret = vmbus_request_add(h->channel, STORVSC_CTX_INIT, &trans_id);
	if (ret)
		return ret;
	ret = vmbus_send(h->channel, VMBUS_PKT_DATA_INBAND,
			 VMBUS_PKT_FLAG_COMPLETION_REQUESTED, trans_id, pkt,
			 sizeof(*pkt));
	if (ret) {
		vmbus_request_take(h->channel, trans_id, &ctx);
		return ret;
	}
	while (!wait_for_completion_timeout(&h->init_done, STORVSC_POLL)) {
		if (!vmbus_channel_rescinded(h->channel) &&
		    time_before(jiffies, deadline))
			continue;
		/* Unless the answer is being delivered right now, give up. */
		if (!vmbus_request_take(h->channel, trans_id, &ctx))
			return vmbus_channel_rescinded(h->channel) ? -ENODEV :
			       -ETIMEDOUT;
		wait_for_completion(&h->init_done);
		break;
	}
	*pkt = h->init_answer;
	/* Before a version is agreed, a pre-Win8 host's short answer counts. */
	min_len = h->version ? h->pkt_size : VSTOR_PACKET_SIZE_PRE_WIN8;
	if (h->init_answer_len < min_len ||
	    pkt->operation != VSTOR_OP_COMPLETE_IO) {
		storvsc_err(h, "bad answer to operation %u: operation %u, %u bytes\n",
			    op, pkt->operation, h->init_answer_len);
		return -EPROTO;
	}
	return 0;
}

/* Run a request that must succeed. */
static int storvsc_exec_ok(struct storvsc_host *h, u32 op,
			   struct vstor_packet *pkt)
{
	int ret;

	memset(pkt, 0, sizeof(*pkt));
	pkt->operation = op;
	ret = storvsc_exec(h, pkt);
	if (ret)
		return ret;
	if (pkt->status != VSTOR_STATUS_SUCCESS) {
		storvsc_err(h, "host failed operation %u: status %#x\n", op,
			    pkt->status);
		return -EIO;
	}
	return 0;
}

static int storvsc_negotiate(struct storvsc_host *h, struct vstor_packet *pkt)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(storvsc_versions); i++) {
		memset(pkt, 0, sizeof(*pkt));
		pkt->operation = VSTOR_OP_QUERY_PROTOCOL_VERSION;
		pkt->version.major_minor = storvsc_versions[i];
		ret = storvsc_exec(h, pkt);
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
	struct vstor_packet pkt;
	u32 host_max;
	int ret;

	ret = storvsc_exec_ok(h, VSTOR_OP_BEGIN_INITIALIZATION, &pkt);
	if (!ret)
		ret = storvsc_negotiate(h, &pkt);
	if (!ret)
		ret = storvsc_exec_ok(h, VSTOR_OP_QUERY_PROPERTIES, &pkt);
	if (ret)
		return ret;
	/* Upstream, too, rounds the host's limit down to whole pages. */
	host_max = round_down(pkt.properties.max_transfer_bytes, HV_PAGE_SIZE);
	if (!host_max) {
		dev_err(&h->hdev->device, "host allows transfers of %u bytes only\n",
			pkt.properties.max_transfer_bytes);
		return -EPROTO;
	}
	h->max_xfer = min_t(u32, host_max, STORVSC_MAX_XFER);
	return storvsc_exec_ok(h, VSTOR_OP_END_INITIALIZATION, &pkt);
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

/* An answer to an SRB: the request is ours once its id was taken. */
static void storvsc_complete_cmd(struct storvsc_host *h,
				 struct storvsc_cmd *req,
				 const struct vstor_packet *pkt, u32 len)
{
	struct scsi_cmnd *cmd = req->cmd;

	WRITE_ONCE(req->trans_id, 0);
	if (len < h->pkt_size || pkt->operation != VSTOR_OP_COMPLETE_IO) {
		storvsc_err(h, "bad SRB answer: operation %u, %u bytes\n",
			    pkt->operation, len);
		cmd->result = DID_ERROR << 16;
		scsi_set_resid(cmd, scsi_bufflen(cmd));
	} else {
		storvsc_set_result(h, cmd, &pkt->srb);
	}
	scsi_done(cmd);
}

static void storvsc_on_completion(struct storvsc_host *h,
				  const struct hv_ring_pkt *rp)
{
	const u8 *payload = h->rx + rp->payload_offset;
	u32 len = rp->len - rp->payload_offset;
	struct vstor_packet pkt = {};
	u64 ctx;

	if (vmbus_request_take(h->channel, rp->desc.trans_id, &ctx))
		return;
	memcpy(&pkt, payload, min_t(u32, len, sizeof(pkt)));
	if (ctx == STORVSC_CTX_INIT) {
		h->init_answer = pkt;
		h->init_answer_len = len;
		complete(&h->init_done);
		return;
	}
	storvsc_complete_cmd(h, (struct storvsc_cmd *)(uintptr_t)ctx, &pkt,
			     len);
}

/* A message the host sent on its own: LUNs came or went. */
static void storvsc_on_inband(struct storvsc_host *h,
			      const struct hv_ring_pkt *rp)
{
	u32 len = rp->len - rp->payload_offset;
	u32 op;

	if (len < sizeof(op)) {
		storvsc_err(h, "dropped %u-byte message from the host\n", len);
		return;
	}
	memcpy(&op, h->rx + rp->payload_offset, sizeof(op));
	switch (op) {
	case VSTOR_OP_REMOVE_DEVICE:
	case VSTOR_OP_ENUMERATE_BUS:
		spin_lock(&h->lock);
		if (h->scannable)
			schedule_work(&h->scan_work);
		spin_unlock(&h->lock);
		break;
	default:
		storvsc_err(h, "dropped unsolicited operation %u\n", op);
		break;
	}
}

/*
 * Answers come as completions carrying our id, host-initiated messages
 * in band with id 0 (FreeBSD sys/dev/hyperv/storvsc/
 * hv_storvsc_drv_freebsd.c, hv_storvsc_on_channel_callback).
 */
static void storvsc_on_event(void *ctx)
{
	struct storvsc_host *h = ctx;
	struct hv_ring_pkt rp;
	int ret;

	while (!(ret = vmbus_recv(h->channel, h->rx, STORVSC_RX_SIZE, &rp))) {
		if (rp.desc.type == VMBUS_PKT_COMPLETION)
			storvsc_on_completion(h, &rp);
		else if (rp.desc.type == VMBUS_PKT_DATA_INBAND)
			storvsc_on_inband(h, &rp);
		else
			storvsc_err(h, "dropped packet of type %u\n",
				    rp.desc.type);
	}
	if (ret != -EAGAIN)
		storvsc_err(h, "receive failed: %d\n", ret);
	vmbus_recv_done(h->channel);
}

/*
 * The host changed the LUNs. A LUN it removed answers INVALID_LUN, which
 * fails TEST UNIT READY with DID_NO_CONNECT: drop those devices (as
 * upstream, which probes every device and removes on INVALID_LUN), then
 * scan for new ones.
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
/* Sending                                                             */
/* ------------------------------------------------------------------ */

static int storvsc_build_srb(struct storvsc_host *h, struct storvsc_cmd *req,
			     struct scsi_cmnd *cmd)
{
	struct vstor_srb *srb = &req->pkt.srb;

	if (cmd->cmd_len > VSTOR_CDB_SIZE)
		return -EINVAL;
	memset(&req->pkt, 0, sizeof(req->pkt));
	req->pkt.operation = VSTOR_OP_EXECUTE_SRB;
	req->pkt.flags = VSTOR_FLAG_REQUEST_COMPLETION;
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

static void storvsc_finish_now(struct scsi_cmnd *cmd, int host_byte)
{
	cmd->result = host_byte << 16;
	scsi_set_resid(cmd, scsi_bufflen(cmd));
	scsi_done(cmd);
}

/*
 * Fail the command whose transaction id the caller took. Taking an id
 * gives the request its context names, which after a race may not be the
 * one the caller had in mind: the id can have been completed and reused.
 */
static void storvsc_fail_taken(u64 ctx, int host_byte)
{
	struct storvsc_cmd *req = (struct storvsc_cmd *)(uintptr_t)ctx;

	if (ctx == STORVSC_CTX_INIT)
		return;
	WRITE_ONCE(req->trans_id, 0);
	storvsc_finish_now(req->cmd, host_byte);
}

static hvg_scsi_qc_t storvsc_queuecommand(struct Scsi_Host *shost,
					  struct scsi_cmnd *cmd)
{
	struct storvsc_host *h = shost_priv(shost);
	struct storvsc_cmd *req = scsi_cmd_priv(cmd);
	u32 len = scsi_bufflen(cmd), pfn_count = 0;
	u64 trans_id, ctx;
	int ret;

	req->cmd = cmd;
	WRITE_ONCE(req->trans_id, 0);
	if (vmbus_channel_rescinded(h->channel)) {
		storvsc_finish_now(cmd, DID_NO_CONNECT);
		return 0;
	}
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
	if (vmbus_request_add(h->channel, (uintptr_t)req, &trans_id))
		return SCSI_MLQUEUE_HOST_BUSY;
	WRITE_ONCE(req->trans_id, trans_id);
	if (len)
		ret = vmbus_send_gpa_direct(h->channel,
					    VMBUS_PKT_FLAG_COMPLETION_REQUESTED,
					    trans_id, &req->range, pfn_count,
					    &req->pkt, h->pkt_size);
	else
		ret = vmbus_send(h->channel, VMBUS_PKT_DATA_INBAND,
				 VMBUS_PKT_FLAG_COMPLETION_REQUESTED, trans_id,
				 &req->pkt, h->pkt_size);
	if (!ret)
		return 0;
	/* Not sent. Unless a rescind already failed it, it is ours again. */
	if (vmbus_request_take(h->channel, trans_id, &ctx))
		return 0;
	if (ctx != (uintptr_t)req) {
		/* A rescind failed it and the id went to another command. */
		storvsc_fail_taken(ctx, DID_NO_CONNECT);
		return 0;
	}
	WRITE_ONCE(req->trans_id, 0);
	if (ret == -EAGAIN)
		return SCSI_MLQUEUE_HOST_BUSY;
	if (ret == -ENODEV) {
		storvsc_finish_now(cmd, DID_NO_CONNECT);
		return 0;
	}
	storvsc_err(h, "sending command %#x failed: %d\n", cmd->cmnd[0], ret);
	storvsc_finish_now(cmd, DID_ERROR);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Errors, removal                                                     */
/* ------------------------------------------------------------------ */

/* Fail an in-flight command of a rescinded controller, unless answered. */
static bool storvsc_fail_inflight(struct scsi_cmnd *cmd, void *data)
{
	struct storvsc_host *h = data;
	struct storvsc_cmd *req = scsi_cmd_priv(cmd);
	u64 trans_id = READ_ONCE(req->trans_id), ctx;

	if (trans_id && !vmbus_request_take(h->channel, trans_id, &ctx))
		storvsc_fail_taken(ctx, DID_NO_CONNECT);
	return true;
}

/*
 * The host times requests out itself and answers every one (upstream
 * resets the timer too), so keep waiting, unless it is gone.
 */
static hvg_scsi_timeout_t storvsc_eh_timed_out(struct scsi_cmnd *cmd)
{
	struct storvsc_host *h = shost_priv(cmd->device->host);

	if (!vmbus_channel_rescinded(h->channel))
		return HVG_SCSI_EH_RESET_TIMER;
	storvsc_fail_inflight(cmd, h);
	return HVG_SCSI_EH_DONE;
}

static hvg_scsi_host_template storvsc_template = {
	.module			= THIS_MODULE,
	.name			= "storvsc_host_t",
	.proc_name		= "storvsc_host",
	.queuecommand		= storvsc_queuecommand,
	.eh_timed_out		= storvsc_eh_timed_out,
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

static int storvsc_probe(struct hv_device *hdev,
			 const struct hv_vmbus_device_id *id)
{
	struct vmbus_open_params params = {
		.send_ring_size = STORVSC_RING_SIZE,
		.recv_ring_size = STORVSC_RING_SIZE,
		.max_requests = STORVSC_CAN_QUEUE + 1,
		.on_event = storvsc_on_event,
	};
	struct Scsi_Host *shost;
	struct storvsc_host *h;
	int ret;

	shost = scsi_host_alloc(&storvsc_template, sizeof(*h));
	if (!shost)
		return -ENOMEM;
	h = shost_priv(shost);
	h->hdev = hdev;
	h->channel = hdev->channel;
	h->shost = shost;
	spin_lock_init(&h->lock);
	INIT_WORK(&h->scan_work, storvsc_scan_work);
	init_completion(&h->init_done);
	ret = -ENOMEM;
	h->rx = kvmalloc(STORVSC_RX_SIZE, GFP_KERNEL);
	if (!h->rx)
		goto put_host;
	dev_set_drvdata(&hdev->device, h);

	params.ctx = h;
	ret = vmbus_open(h->channel, &params);
	if (ret)
		goto free_rx;
	ret = storvsc_init_protocol(h);
	if (ret)
		goto close;

	shost->max_id = STORVSC_MAX_TARGETS;
	shost->max_lun = STORVSC_MAX_LUNS;
	shost->max_channel = STORVSC_MAX_PATHS - 1;
	shost->max_cmd_len = VSTOR_CDB_SIZE;
	shost->max_sectors = h->max_xfer >> SECTOR_SHIFT;
	shost->sg_tablesize = h->max_xfer / HV_PAGE_SIZE + 1;
	ret = scsi_add_host(shost, &hdev->device);
	if (ret)
		goto close;
	dev_info(&hdev->device, "storage protocol %u.%u, %u KiB per command\n",
		 VSTOR_VERSION_MAJOR(h->version), VSTOR_VERSION_MINOR(h->version),
		 h->max_xfer / 1024);
	scsi_scan_host(shost);
	spin_lock_bh(&h->lock);
	h->scannable = true;
	spin_unlock_bh(&h->lock);
	return 0;

close:
	vmbus_close(h->channel);
free_rx:
	kvfree(h->rx);
put_host:
	scsi_host_put(shost);
	return ret;
}

static void storvsc_remove(struct hv_device *hdev)
{
	struct storvsc_host *h = dev_get_drvdata(&hdev->device);
	struct Scsi_Host *shost = h->shost;

	spin_lock_bh(&h->lock);
	h->scannable = false;
	spin_unlock_bh(&h->lock);
	cancel_work_sync(&h->scan_work);
	/* A rescinded host answers nothing: fail what it still holds. */
	if (vmbus_channel_rescinded(h->channel))
		scsi_host_busy_iter(shost, storvsc_fail_inflight, h);
	scsi_remove_host(shost);
	vmbus_close(h->channel);
	kvfree(h->rx);
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
MODULE_LICENSE("GPL");
