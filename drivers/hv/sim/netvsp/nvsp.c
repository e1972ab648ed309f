// SPDX-License-Identifier: GPL-2.0
/*
 * netvsp's NVSP state machine, after OpenVMM's host (netvsp lib.rs
 * initialize(), process_ring_buffer()): on the primary channel INIT
 * until a known version, then the NDIS version, the NDIS configuration
 * (from version 2, before the receive buffer), the receive and send
 * buffers, each once; then RNDIS packets (on any open queue), their
 * completions, the sub-channel request and the data path switch. A
 * message out of that order is refused: answered with a failure when the
 * guest waits for an answer, otherwise dropped, and counted.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "../host.h"
#include "../gpa.h"
#include "netvsp.h"

/* Requests handled per run before other channels get a turn. */
#define NVS_BUDGET		64

/* Bytes of an NVSP message on the wire for the negotiated version. */
u32 nvs_msg_size(const struct nvs_nic *nic)
{
	return nic->version >= NVSP_VERSION_61 ? NVSP_MSG_SIZE_V61 :
						 NVSP_MSG_SIZE_V1;
}

/**
 * nvs_send_msg() - send an NVSP message, padded to the version's size
 * @q: the queue
 * @type: VMBUS_PKT_COMPLETION or VMBUS_PKT_DATA_INBAND
 * @tid: the descriptor's transaction id
 * @msg: the message, type first
 * @len: its length; longer than the version's size only for the send
 *	table
 *
 * Return: as sim_chan_send().
 */
int nvs_send_msg(struct nvs_queue *q, u16 type, u64 tid, const void *msg,
		 u32 len)
{
	u8 buf[NVSP_MSG_SIZE_V61 + NVSP_SEND_TABLE_SIZE * sizeof(u32)] = {};
	u32 size = max(len, nvs_msg_size(q->nic));

	if (WARN_ON_ONCE(len > sizeof(buf)))
		return -EINVAL;
	memcpy(buf, msg, len);
	return sim_chan_send(q->nic->h, q->ch, type, 0, tid, buf, size);
}

/* A completion holding an NVSP message of @type with @body. */
static int nvs_complete(struct nvs_queue *q, u64 tid, u32 type,
			const void *body, u32 body_len)
{
	u8 buf[NVSP_MSG_SIZE_V61] = {};
	struct nvsp_hdr *hdr = (void *)buf;

	hdr->type = type;
	memcpy(buf + sizeof(*hdr), body, body_len);
	return nvs_send_msg(q, VMBUS_PKT_COMPLETION, tid, buf,
			    sizeof(*hdr) + body_len);
}

/* ---- RNDIS_PKT completions: straight out, or through the queue --------- */

static struct nvs_cq_entry *nvs_cq_at(struct nvs_queue *q, u32 i)
{
	return &q->cq[(q->cq_head + i) % NVS_CQ_LEN];
}

static void nvs_arm_cq(struct nvs_nic *nic, unsigned long due)
{
	long wait = (long)(due - jiffies);

	mod_delayed_work(nic->h->wq, &nic->cq_work, wait > 0 ? wait : 0);
}

static int nvs_send_rndis_complete(struct nvs_queue *q, u64 tid, u32 status)
{
	struct nvsp_rndis_pkt_complete c = { .status = status };

	q->nic->stats.completions++;
	return nvs_complete(q, tid, NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE, &c,
			    sizeof(c));
}

/**
 * nvs_cq_flush() - send the queued completions that are due
 * @q: the queue
 *
 * Stops at the first not yet due or when the inbound ring fills (the
 * packet then waits in the channel's transmit buffer).
 */
void nvs_cq_flush(struct nvs_queue *q)
{
	struct nvs_cq_entry *e;

	while (q->cq_count && !q->ch->held_len) {
		e = nvs_cq_at(q, 0);
		if (time_before(jiffies, e->due)) {
			nvs_arm_cq(q->nic, e->due);
			return;
		}
		q->cq_head = (q->cq_head + 1) % NVS_CQ_LEN;
		q->cq_count--;
		if (nvs_send_rndis_complete(q, e->tid, e->status) &&
		    !q->ch->held_len)
			return;		/* the ring broke */
	}
}

/**
 * nvs_complete_rndis() - complete a guest's RNDIS_PKT
 * @q: the queue it came on
 * @tid: its transaction id
 * @status: NVSP_STATUS_*
 *
 * The drop fault swallows the completion; the delay fault, a full ring or
 * completions already waiting put it in the queue, in order.
 */
void nvs_complete_rndis(struct nvs_queue *q, u64 tid, u32 status)
{
	struct nvs_nic *nic = q->nic;
	struct nvs_cq_entry *e;

	if (nvs_faults.drop_completions) {
		nvs_faults.drop_completions--;
		nic->stats.completions_dropped++;
		return;
	}
	if (!q->cq_count && !q->ch->held_len && !nvs_faults.delay_ms) {
		nvs_send_rndis_complete(q, tid, status);
		return;
	}
	if (WARN_ON_ONCE(q->cq_count == NVS_CQ_LEN))
		return;
	e = nvs_cq_at(q, q->cq_count++);
	e->tid = tid;
	e->status = status;
	e->due = jiffies + msecs_to_jiffies(nvs_faults.delay_ms);
	if (nvs_faults.delay_ms) {
		nic->stats.completions_delayed++;
		nvs_arm_cq(nic, e->due);
	}
}

/*
 * Completions came due, or a fault ended: have every queue with
 * completions or frames waiting run again.
 */
void nvs_cq_work(struct work_struct *work)
{
	struct nvs_nic *nic = container_of(to_delayed_work(work),
					   struct nvs_nic, cq_work);
	struct nvs_queue *q;
	unsigned int i;

	mutex_lock(&nic->h->lock);
	for (i = 0; i < NVS_MAX_QUEUES; i++) {
		q = nic->q[i];
		if (q && (q->cq_count || !skb_queue_empty(&q->rxq)))
			sim_kick_channel(nic->h, q->ch);
	}
	mutex_unlock(&nic->h->lock);
}

/* ---- buffers -------------------------------------------------------------- */

static void nvs_release_recv(struct nvs_nic *nic)
{
	unsigned int i;

	if (!nic->rgpadl)
		return;
	for (i = 0; i < NVS_MAX_QUEUES; i++)
		if (nic->q[i])
			nvs_queue_drop_rx(nic->q[i]);
	vunmap(nic->rmap);
	sim_gpadl_release(nic->h, nic->rgpadl);
	kvfree(nic->rnext);
	kvfree(nic->rowner);
	kvfree(nic->rstack);
	nic->rgpadl = NULL;
	nic->rmap = NULL;
	nic->rbuf = NULL;
	nic->rnext = NULL;
	nic->rowner = NULL;
	nic->rstack = NULL;
	nic->rsec_count = 0;
}

static void nvs_release_send(struct nvs_nic *nic)
{
	if (!nic->sgpadl)
		return;
	vunmap(nic->smap);
	sim_gpadl_release(nic->h, nic->sgpadl);
	nic->sgpadl = NULL;
	nic->smap = NULL;
	nic->sbuf = NULL;
	nic->ssec_count = 0;
}

/**
 * nvs_nic_reset() - forget the NVSP and RNDIS session
 * @nic: the NIC, its primary channel opening or closing
 *
 * Buffers go back to the guest (a teardown waiting for them is answered).
 */
void nvs_nic_reset(struct nvs_nic *nic)
{
	nvs_release_recv(nic);
	nvs_release_send(nic);
	nic->state = NVS_WAIT_INIT;
	nic->version = 0;
	nic->have_ndis_version = false;
	nic->ndis_version = 0;
	nic->have_config = false;
	nic->frame = NVS_DEFAULT_FRAME;
	nic->caps = 0;
	nic->sub_granted = 0;
	nic->send_table_sent = false;
	nic->data_path_vf = false;
	nvs_rndis_reset(nic);
}

/* Map a buffer GPADL of the primary channel and hold it. */
static int nvs_map_buffer(struct nvs_queue *q, u32 id, struct sim_gpadl **gp,
			  void **map, u8 **base, u32 *size)
{
	struct sim_gpadl *g = sim_gpadl_find(q->nic->h, id);
	u32 npages;
	size_t off;
	void *va;

	if (!g || !g->complete || g->relid != q->ch->relid || g->in_use ||
	    g->teardown_pending)
		return -ENOENT;
	va = sim_gpadl_map(g, &npages, &off);
	if (IS_ERR(va))
		return PTR_ERR(va);
	/* The guest's teardown now waits until the host lets go. */
	g->in_use = true;
	*gp = g;
	*map = va;
	*base = (u8 *)va + off;
	*size = npages * HV_PAGE_SIZE;
	return 0;
}

static bool nvs_ready_check(struct nvs_nic *nic)
{
	return nic->rgpadl && nic->have_ndis_version &&
	       (nic->have_config || nic->version < NVSP_VERSION_2);
}

static void nvs_recv_buf(struct nvs_queue *q, u64 tid,
			 const struct nvsp_send_buf *m)
{
	struct nvs_nic *nic = q->nic;
	struct nvsp_recv_buf_complete c = { .status = NVSP_STATUS_FAILURE };
	u32 sec = NVS_SECTION_FOR(nic->frame), count;
	int ret;

	if (nic->rgpadl || (nic->version >= NVSP_VERSION_2 && !nic->have_config)) {
		nic->stats.out_of_order++;
		pr_warn_ratelimited("netvsp%u: SEND_RECV_BUF %s\n", nic->index,
				    nic->rgpadl ? "again" : "before NDIS_CONFIG");
		goto answer;
	}
	if (nvs_faults.refuse_frame_above &&
	    nic->frame > nvs_faults.refuse_frame_above) {
		nic->stats.refused++;
		pr_info("netvsp%u: fault: receive buffer refused for frames of %u bytes\n",
			nic->index, nic->frame);
		goto answer;
	}
	ret = nvs_map_buffer(q, m->gpadl, &nic->rgpadl, &nic->rmap, &nic->rbuf,
			     &nic->rsize);
	if (ret) {
		nvs_bad(nic, "receive buffer GPADL %#x unusable: %d\n", m->gpadl,
			ret);
		goto answer;
	}
	count = nic->rsize / sec;
	if (count < 2 || nvs_rx_sections_init(nic, sec, count)) {
		nvs_bad(nic, "receive buffer of %u bytes holds too few %u-byte sections\n",
			nic->rsize, sec);
		nvs_release_recv(nic);
		goto answer;
	}
	nic->rid = m->id;
	c.status = NVSP_STATUS_SUCCESS;
	c.num_sections = 1;
	c.section.sub_alloc_size = sec;
	c.section.num_sub_allocs = count;
	c.section.end_offset = sec * count;
	nvs_fault_recv_buf(nic, &c);
answer:
	nvs_complete(q, tid, NVSP1_TYPE_SEND_RECV_BUF_COMPLETE, &c, sizeof(c));
	if (nvs_ready_check(nic))
		nic->state = NVS_READY;
}

static void nvs_send_buf(struct nvs_queue *q, u64 tid,
			 const struct nvsp_send_buf *m)
{
	struct nvs_nic *nic = q->nic;
	struct nvsp_send_buf_complete c = { .status = NVSP_STATUS_FAILURE };
	int ret;

	if (nic->sgpadl) {
		nic->stats.out_of_order++;
		pr_warn_ratelimited("netvsp%u: SEND_SEND_BUF again\n", nic->index);
		goto answer;
	}
	ret = nvs_map_buffer(q, m->gpadl, &nic->sgpadl, &nic->smap, &nic->sbuf,
			     &nic->ssize);
	if (ret || nic->ssize < NVSP_SEND_SECTION_SIZE) {
		nvs_bad(nic, "send buffer GPADL %#x unusable: %d\n", m->gpadl,
			ret);
		nvs_release_send(nic);
		goto answer;
	}
	nic->ssec_count = nic->ssize / NVSP_SEND_SECTION_SIZE;
	c.status = NVSP_STATUS_SUCCESS;
	c.section_size = NVSP_SEND_SECTION_SIZE;
	nvs_fault_send_buf(nic, &c);
answer:
	nvs_complete(q, tid, NVSP1_TYPE_SEND_SEND_BUF_COMPLETE, &c, sizeof(c));
}

/* A revoke: the guest takes the buffer back; nothing more flows on it. */
static void nvs_revoke(struct nvs_queue *q, u32 type,
		       const struct nvsp_revoke_buf *m)
{
	struct nvs_nic *nic = q->nic;

	if (type == NVSP1_TYPE_REVOKE_RECV_BUF) {
		if (!nic->rgpadl || m->id != nic->rid) {
			nvs_bad(nic, "REVOKE_RECV_BUF of id %#x\n", m->id);
			return;
		}
		nvs_release_recv(nic);
	} else {
		if (!nic->sgpadl) {
			nvs_bad(nic, "REVOKE_SEND_BUF without a send buffer\n");
			return;
		}
		nvs_release_send(nic);
	}
	nic->state = NVS_WAIT_BUFFERS;
}

/* ---- INIT and the configuration ----------------------------------------- */

static void nvs_init(struct nvs_queue *q, u64 tid, const struct nvsp_init *m)
{
	struct nvs_nic *nic = q->nic;
	struct nvsp_init_complete c = {
		.negotiated_version = NVSP_INVALID_VERSION,
		.max_mdl_chain_len = 34,
		.status = NVSP_STATUS_NONE,
	};
	u32 v = m->min_version;

	if (nic->state != NVS_WAIT_INIT) {
		nic->stats.out_of_order++;
		pr_warn_ratelimited("netvsp%u: INIT after version %#x was agreed\n",
				    nic->index, nic->version);
		c.status = NVSP_STATUS_FAILURE;
	} else if (!nvs_version_known(v) || v > nvs_max_version()) {
		nic->stats.versions_refused++;
	} else {
		c.status = NVSP_STATUS_SUCCESS;
		if (v == NVSP_VERSION_1)
			c.negotiated_version = v;
	}
	nvs_complete(q, tid, NVSP_TYPE_INIT_COMPLETE, &c, sizeof(c));
	if (c.status == NVSP_STATUS_SUCCESS) {
		/* The answer goes in the size of the version asked about. */
		nic->version = v;
		nic->state = NVS_WAIT_BUFFERS;
	}
}

static void nvs_ndis_config(struct nvs_queue *q, const struct nvsp_ndis_config *m)
{
	struct nvs_nic *nic = q->nic;

	if (nic->have_config || nic->rgpadl) {
		nic->stats.out_of_order++;
		pr_warn_ratelimited("netvsp%u: NDIS_CONFIG %s\n", nic->index,
				    nic->have_config ? "again" : "after the receive buffer");
		return;
	}
	nic->have_config = true;
	nic->frame = nvs_frame_for(m->mtu);
	nic->caps = m->capabilities;
}

static void nvs_ndis_version(struct nvs_queue *q,
			     const struct nvsp_ndis_version *m)
{
	struct nvs_nic *nic = q->nic;

	if (nic->have_ndis_version) {
		nic->stats.out_of_order++;
		pr_warn_ratelimited("netvsp%u: SEND_NDIS_VERSION again\n",
				    nic->index);
		return;
	}
	nic->have_ndis_version = true;
	nic->ndis_version = m->major << 16 | (m->minor & 0xffff);
	if (nvs_ready_check(nic))
		nic->state = NVS_READY;
}

/* ---- sub-channels and the send table ------------------------------------ */

static void nvs_subchannel(struct nvs_queue *q, u64 tid,
			   const struct nvsp_subchannel *m)
{
	struct nvs_nic *nic = q->nic;
	struct nvsp_subchannel_complete c = { .status = NVSP_STATUS_FAILURE };
	int ret;

	if (m->op != NVSP_SUBCHANNEL_ALLOCATE || m->num >= nvs_max_queues()) {
		nvs_bad(nic, "SUBCHANNEL op %u for %u refused\n", m->op, m->num);
	} else if (nvs_faults.refuse_subchannels) {
		nic->stats.refused++;
		pr_info("netvsp%u: fault: %u sub-channels refused\n", nic->index,
			m->num);
	} else {
		c.status = NVSP_STATUS_SUCCESS;
		c.num = m->num;
	}
	nvs_complete(q, tid, NVSP5_TYPE_SUBCHANNEL, &c, sizeof(c));
	if (c.status != NVSP_STATUS_SUCCESS || !c.num)
		return;
	nic->sub_granted = c.num;
	nic->send_table_sent = false;
	/* The offers follow the answer (OpenVMM: enable_subchannels()). */
	ret = sim_add_subchannels(nic->h, q->ch, c.num);
	if (ret < 0)
		pr_warn_ratelimited("netvsp%u: %u sub-channels not offered: %d\n",
				    nic->index, c.num, ret);
	else
		nic->stats.subchannels += ret;
}

/**
 * nvs_maybe_send_table() - send the send indirection table once all
 *	granted sub-channels are open
 * @nic: the NIC, its primary open
 *
 * Entry i names queue i modulo the open queues, as OpenVMM's host does.
 * The layout follows net_send_table (see nvsp.h).
 */
void nvs_maybe_send_table(struct nvs_nic *nic)
{
	u8 buf[NVSP_MSG_SIZE_V61 + NVSP_SEND_TABLE_SIZE * sizeof(u32)] = {};
	struct nvsp_hdr *hdr = (void *)buf;
	struct nvsp_send_table *t = (void *)(buf + sizeof(*hdr));
	u32 i, open = 1, at, len;
	u32 *tab;

	if (nic->send_table_sent || !nic->sub_granted ||
	    nic->version < NVSP_VERSION_5 || nic->q[0]->ch->held_len)
		return;
	for (i = 1; i <= nic->sub_granted; i++)
		if (i < NVS_MAX_QUEUES && nic->q[i])
			open++;
	if (open != nic->sub_granted + 1)
		return;
	if (nvs_send_table_after_msg()) {
		at = NVSP_SEND_TABLE_OFFSET_MSG;
		t->offset = nic->version >= NVSP_VERSION_61 ? at :
			    NVSP_SEND_TABLE_OFFSET_BODY;
	} else {
		at = NVSP_SEND_TABLE_OFFSET_BODY;
		t->offset = at;
	}
	hdr->type = NVSP5_TYPE_SEND_INDIRECTION_TABLE;
	t->count = NVSP_SEND_TABLE_SIZE;
	tab = (u32 *)(buf + at);
	for (i = 0; i < NVSP_SEND_TABLE_SIZE; i++)
		tab[i] = i % open;
	len = at + NVSP_SEND_TABLE_SIZE * sizeof(u32);
	nic->send_table_sent = true;
	nic->stats.send_tables++;
	nvs_send_msg(nic->q[0], VMBUS_PKT_DATA_INBAND, 0, buf, len);
}

/* ---- RNDIS packets from the guest ---------------------------------------- */

static void nvs_rndis_pkt(struct nvs_queue *q, const struct hv_ring_pkt *pkt,
			  const struct nvsp_rndis_pkt *m)
{
	struct nvs_nic *nic = q->nic;
	const u8 *pbuf = q->ch->rxbuf;
	struct nvs_src src = {};
	u32 status = NVSP_STATUS_SUCCESS;
	const char *why = NULL;

	if (nic->state != NVS_READY) {
		nic->stats.out_of_order++;
		pr_warn_ratelimited("netvsp%u: RNDIS packet before the buffers\n",
				    nic->index);
		nvs_complete_rndis(q, pkt->desc.trans_id, NVSP_STATUS_FAILURE);
		return;
	}
	if (m->section_index != NVSP_NO_SECTION) {
		if (pkt->desc.type != VMBUS_PKT_DATA_INBAND)
			why = "a send section and page ranges";
		else if (!nic->sbuf || m->section_index >= nic->ssec_count)
			why = "send section index out of bounds";
		else if (!m->section_size ||
			 m->section_size > NVSP_SEND_SECTION_SIZE)
			why = "send section size out of bounds";
		else
			src.lin = nic->sbuf +
				  (size_t)m->section_index * NVSP_SEND_SECTION_SIZE;
		src.len = m->section_size;
		nic->stats.tx_sections++;
	} else if (pkt->desc.type != VMBUS_PKT_DATA_GPA_DIRECT) {
		why = "no send section and no page ranges";
	} else {
		why = sim_gpa_parse(pbuf, pkt->payload_offset, q->gpa,
				    ARRAY_SIZE(q->gpa), &src.nr, &src.len);
		if (!why && src.len > NVS_TX_MAX)
			why = "RNDIS message too long";
		src.r = q->gpa;
		nic->stats.tx_gpa_direct++;
	}
	if (why) {
		nvs_bad(nic, "relid %u: RNDIS packet refused: %s\n",
			q->ch->relid, why);
		nvs_complete_rndis(q, pkt->desc.trans_id, NVSP_STATUS_FAILURE);
		return;
	}
	if (m->channel_type == NVSP_CHANNEL_CONTROL) {
		if (q->index) {
			nvs_bad(nic, "control message on sub-channel %u\n",
				q->index);
			status = NVSP_STATUS_FAILURE;
		} else {
			status = nvs_rndis_request(nic, &src);
		}
	} else {
		status = nvs_tx_packets(q, &src);
	}
	nvs_complete_rndis(q, pkt->desc.trans_id, status);
}

/* ---- dispatch ------------------------------------------------------------ */

/* The version that introduced a guest message type, 0 if none. */
static u32 nvs_type_version(u32 type)
{
	switch (type) {
	case NVSP_TYPE_INIT:
		return NVSP_VERSION_1;
	case NVSP1_TYPE_SEND_NDIS_VERSION ... NVSP1_TYPE_SEND_RNDIS_PKT:
		return NVSP_VERSION_1;
	case NVSP2_TYPE_SEND_NDIS_CONFIG:
		return NVSP_VERSION_2;
	case NVSP4_TYPE_SWITCH_DATA_PATH:
		return NVSP_VERSION_4;
	case NVSP5_TYPE_OID_QUERY_EX:
	case NVSP5_TYPE_SUBCHANNEL:
		return NVSP_VERSION_5;
	}
	return 0;
}

union nvs_msg {
	struct nvsp_init init;
	struct nvsp_ndis_version ndis_version;
	struct nvsp_ndis_config config;
	struct nvsp_send_buf buf;
	struct nvsp_revoke_buf revoke;
	struct nvsp_rndis_pkt rndis;
	struct nvsp_switch_data_path dp;
	struct nvsp_subchannel sub;
	u8 raw[NVSP_MSG_SIZE_V61];
};

/* Messages the guest may send on a sub-channel. */
static bool nvs_sub_ok(u32 type)
{
	return type == NVSP1_TYPE_SEND_RNDIS_PKT;
}

static void nvs_request(struct nvs_queue *q, const struct hv_ring_pkt *pkt,
			u32 type, const union nvs_msg *m)
{
	struct nvs_nic *nic = q->nic;
	u64 tid = pkt->desc.trans_id;
	u32 v = nvs_type_version(type);

	if (!v || (type != NVSP_TYPE_INIT && (nic->state == NVS_WAIT_INIT ||
					      v > nic->version))) {
		nvs_bad(nic, "relid %u: NVSP message %u under version %#x\n",
			q->ch->relid, type, nic->version);
		return;
	}
	if (q->index && !nvs_sub_ok(type)) {
		nvs_bad(nic, "NVSP message %u on sub-channel %u\n", type,
			q->index);
		return;
	}
	switch (type) {
	case NVSP_TYPE_INIT:
		nvs_init(q, tid, &m->init);	/* answers with INIT_COMPLETE */
		return;
	case NVSP1_TYPE_SEND_NDIS_VERSION:
		nvs_ndis_version(q, &m->ndis_version);
		break;
	case NVSP2_TYPE_SEND_NDIS_CONFIG:
		nvs_ndis_config(q, &m->config);
		break;
	case NVSP1_TYPE_SEND_RECV_BUF:
		nvs_recv_buf(q, tid, &m->buf);
		return;
	case NVSP1_TYPE_SEND_SEND_BUF:
		nvs_send_buf(q, tid, &m->buf);
		return;
	case NVSP1_TYPE_REVOKE_RECV_BUF:
	case NVSP1_TYPE_REVOKE_SEND_BUF:
		nvs_revoke(q, type, &m->revoke);
		break;
	case NVSP1_TYPE_SEND_RNDIS_PKT:
		nvs_rndis_pkt(q, pkt, &m->rndis);
		return;
	case NVSP4_TYPE_SWITCH_DATA_PATH:
		nic->data_path_vf = m->dp.active_data_path == NVSP_DATA_PATH_VF;
		break;
	case NVSP5_TYPE_SUBCHANNEL:
		nvs_subchannel(q, tid, &m->sub);
		return;
	case NVSP5_TYPE_OID_QUERY_EX: {
		/* OpenVMM's host implements no OID_QUERY_EX either. */
		struct nvsp_oid_query_ex_complete c = {
			.status = RNDIS_STATUS_NOT_SUPPORTED,
		};

		nvs_complete(q, tid, NVSP5_TYPE_OID_QUERY_EX_COMPLETE, &c,
			     sizeof(c));
		return;
	}
	default:
		nvs_bad(nic, "NVSP message %u not for the host\n", type);
		return;
	}
	/*
	 * Messages without an answer of their own: an empty completion when
	 * asked for (OpenVMM: "The UEFI client expects a completion packet";
	 * Linux expects exactly that for SWITCH_DATA_PATH).
	 */
	if (pkt->desc.flags & VMBUS_PKT_FLAG_COMPLETION_REQUESTED)
		sim_chan_send(nic->h, q->ch, VMBUS_PKT_COMPLETION, 0, tid,
			      NULL, 0);
}

/* No packet waits for room in the inbound ring, the completion queue has room. */
static bool nvs_room(struct sim_host *h, struct sim_channel *ch)
{
	struct nvs_queue *q = ch->model_priv;

	return !ch->held_len && q->cq_count < NVS_CQ_LEN - 1;
}

static void nvs_handle(struct sim_host *h, struct sim_channel *ch,
		       const struct hv_ring_pkt *pkt)
{
	struct nvs_queue *q = ch->model_priv;
	struct nvs_nic *nic = q->nic;
	u32 plen = pkt->len - pkt->payload_offset;
	union nvs_msg m = {};
	struct nvsp_hdr hdr;

	if (plen < sizeof(hdr)) {
		nvs_bad(nic, "relid %u: %u-byte packet of type %u\n",
			q->ch->relid, plen, pkt->desc.type);
		return;
	}
	memcpy(&hdr, q->ch->rxbuf + pkt->payload_offset, sizeof(hdr));
	memcpy(&m, q->ch->rxbuf + pkt->payload_offset + sizeof(hdr),
	       min_t(u32, plen - sizeof(hdr), sizeof(m)));
	switch (pkt->desc.type) {
	case VMBUS_PKT_COMPLETION:
		if (hdr.type != NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE) {
			nvs_bad(nic, "completion holding NVSP message %u\n",
				hdr.type);
			return;
		}
		nvs_rx_complete(q, pkt->desc.trans_id);
		return;
	case VMBUS_PKT_DATA_INBAND:
	case VMBUS_PKT_DATA_GPA_DIRECT:
		if (pkt->desc.type == VMBUS_PKT_DATA_GPA_DIRECT &&
		    hdr.type != NVSP1_TYPE_SEND_RNDIS_PKT) {
			nvs_bad(nic, "GPA-direct NVSP message %u\n", hdr.type);
			return;
		}
		nvs_request(q, pkt, hdr.type, &m);
		return;
	}
	nvs_bad(nic, "relid %u: packet type %u ignored\n", q->ch->relid,
		pkt->desc.type);
}

/**
 * nvs_queue_run() - serve a queue: read the guest's packets, then send
 *	what waits for it
 * @h: the host, locked
 * @q: the queue
 *
 * Reading stops while a packet waits for room in the inbound ring or the
 * completion queue is nearly full, and after NVS_BUDGET packets (the
 * channel is kicked again).
 */
void nvs_queue_run(struct sim_host *h, struct nvs_queue *q)
{
	struct sim_channel *ch = q->ch;

	nvs_cq_flush(q);
	sim_chan_drain(h, ch, NVS_BUDGET, nvs_room, nvs_handle);
	if (ch->broken || !q->nic->q[q->index])
		return;
	if (!q->index) {
		nvs_rndis_drain(q->nic);
		nvs_maybe_send_table(q->nic);
	}
	nvs_rx_deliver(q);
}
