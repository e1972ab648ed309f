// SPDX-License-Identifier: GPL-2.0
/*
 * netvsp's fault commands (debugfs hv_sim/net/fault, Documentation/
 * sim.rst): host behaviours a guest must survive. Completions dropped or
 * held back, a receive buffer that stays full, refused MTU and channel
 * changes, and malformed messages of every kind the guest has to check:
 * buffer answers, transfer-page packets, the RNDIS messages in them,
 * control answers, indications, completions and in-band messages.
 * Packets that name no section carry transaction ids of their own
 * (NVS_BOGUS_TID), whose completions are only counted.
 */
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "../host.h"
#include "netvsp.h"

#define NVS_BOGUS_TID		0xfa17000000000000ULL
#define NVS_MAX_DELAY_MS	60000

struct nvs_faults nvs_faults;

bool nvs_fault_tid(u64 tid)
{
	return (tid & 0xffffffff00000000ULL) == NVS_BOGUS_TID;
}

static u64 nvs_bogus_tid(void)
{
	return NVS_BOGUS_TID | ++nvs_faults.bogus_tid;
}

/* Armed answers to the next buffer negotiation. */
enum {
	NVS_BAD_NONE,
	NVS_BAD_RECV_SECTIONS,	/* two sections */
	NVS_BAD_RECV_OFFSET,	/* the section at 4096 */
	NVS_BAD_RECV_SIZE0,	/* sections of 0 bytes */
	NVS_BAD_RECV_OVERRUN,	/* twice as many sections as fit */
	NVS_BAD_SEND_SIZE0,	/* send sections of 0 bytes */
	NVS_BAD_SEND_BIG,	/* send sections larger than the buffer */
};

void nvs_fault_recv_buf(struct nvs_nic *nic, struct nvsp_recv_buf_complete *c)
{
	struct nvsp_recv_section *s = &c->section;

	switch (nvs_faults.recv_buf_bad) {
	case NVS_BAD_RECV_SECTIONS:
		c->num_sections = 2;
		break;
	case NVS_BAD_RECV_OFFSET:
		s->offset = HV_PAGE_SIZE;
		break;
	case NVS_BAD_RECV_SIZE0:
		s->sub_alloc_size = 0;
		break;
	case NVS_BAD_RECV_OVERRUN:
		s->num_sub_allocs *= 2;
		s->end_offset = s->num_sub_allocs * s->sub_alloc_size;
		break;
	default:
		return;
	}
	nvs_faults.recv_buf_bad = NVS_BAD_NONE;
	nic->stats.malformed++;
	pr_info("netvsp%u: fault: malformed RECV_BUF_COMPLETE sent\n", nic->index);
}

void nvs_fault_send_buf(struct nvs_nic *nic, struct nvsp_send_buf_complete *c)
{
	switch (nvs_faults.send_buf_bad) {
	case NVS_BAD_SEND_SIZE0:
		c->section_size = 0;
		break;
	case NVS_BAD_SEND_BIG:
		c->section_size = nic->ssize + HV_PAGE_SIZE;
		break;
	default:
		return;
	}
	nvs_faults.send_buf_bad = NVS_BAD_NONE;
	nic->stats.malformed++;
	pr_info("netvsp%u: fault: malformed SEND_BUF_COMPLETE sent\n", nic->index);
}

/* ---- packets sent now ------------------------------------------------------ */

/*
 * A transfer-page packet with the header fields given: @count in the
 * header, @n ranges in the packet, an NVSP message of @type and
 * @msg_len bytes (0: none at all).
 */
static int nvs_raw_xfer(struct nvs_queue *q, u64 tid, u16 pageset, u32 count,
			const struct vmbus_xfer_page_range *r, u32 n, u32 type,
			u32 msg_len)
{
	struct sim_channel *ch = q->ch;
	struct vmbus_pkt_xfer_pages *x = (void *)ch->txbuf;
	u32 hdr = struct_size(x, ranges, n);
	u32 total = ALIGN(hdr + msg_len, VMBUS_PKT_ALIGN);
	struct nvsp_hdr nh = { .type = type };
	struct nvsp_rndis_pkt body = { .section_index = NVSP_NO_SECTION };
	int ret;

	if (ch->held_len)
		return -EBUSY;
	memset(ch->txbuf, 0, total);
	x->desc.type = VMBUS_PKT_DATA_XFER_PAGES;
	x->desc.flags = VMBUS_PKT_FLAG_COMPLETION_REQUESTED;
	x->desc.offset8 = hdr >> VMBUS_PKT_ALIGN_SHIFT;
	x->desc.len8 = total >> VMBUS_PKT_ALIGN_SHIFT;
	x->desc.trans_id = tid;
	x->xfer_pageset_id = pageset;
	x->range_count = count;
	memcpy(x->ranges, r, n * sizeof(*r));
	if (msg_len >= sizeof(nh) + sizeof(body)) {
		memcpy(ch->txbuf + hdr, &nh, sizeof(nh));
		memcpy(ch->txbuf + hdr + sizeof(nh), &body, sizeof(body));
	}
	ch->held_len = total;
	ret = sim_chan_write_held(q->nic->h, ch);
	return ret == -EAGAIN ? 0 : ret;
}

/* The frame inside malformed RNDIS packets: 60 bytes to the guest. */
static void nvs_fault_frame(const struct nvs_nic *nic, u8 *f)
{
	memset(f, 0, ETH_ZLEN);
	memcpy(f, nic->cur_mac, ETH_ALEN);
	f[6] = 0x02;
	f[12] = 0x88;
	f[13] = 0xb5;		/* local experimental Ethertype */
}

/*
 * An RNDIS message broken as @kind in a data section, sent in a
 * transfer-page packet of its own; the guest completes it as usual.
 */
static int nvs_bad_rndis(struct nvs_nic *nic, const char *kind)
{
	struct nvs_queue *q = nic->q[0];
	struct rndis_hdr hdr = { .type = RNDIS_MSG_PACKET };
	struct rndis_packet p = {
		.data_offset = sizeof(p) + RNDIS_PPI_U32_SIZE,
		.data_len = ETH_ZLEN,
		.per_pkt_info_offset = sizeof(p),
		.per_pkt_info_len = RNDIS_PPI_U32_SIZE,
	};
	struct rndis_ppi ppi = {
		.size = RNDIS_PPI_U32_SIZE,
		.type = RNDIS_PPI_HASH_VALUE,
		.ppi_offset = sizeof(ppi),
	};
	struct rndis_pktinfo_id id = {
		.version = RNDIS_PKTINFO_ID_V1,
		.flags = RNDIS_PKTINFO_SUBALLOC,
	};
	u32 sec, len, range;
	u8 *dst;
	int ret;

	hdr.len = RNDIS_PACKET_HDR_SIZE + RNDIS_PPI_U32_SIZE + ETH_ZLEN;
	range = hdr.len;
	if (!strcmp(kind, "rndis_len"))
		hdr.len = range + 64;
	else if (!strcmp(kind, "rndis_short"))
		hdr.len = 4;
	else if (!strcmp(kind, "rndis_type"))
		hdr.type = 0x12345678;
	else if (!strcmp(kind, "rndis_data_offset"))
		p.data_offset = range;
	else if (!strcmp(kind, "rndis_data_len"))
		p.data_len = range;
	else if (!strcmp(kind, "ppi_offset"))
		ppi.ppi_offset = 64;
	else if (!strcmp(kind, "ppi_size0"))
		ppi.size = 0;
	else if (!strcmp(kind, "ppi_size_big"))
		ppi.size = 4096;
	else if (!strcmp(kind, "ppi_area"))
		p.per_pkt_info_len = range;
	else if (!strcmp(kind, "rsc_orphan"))
		ppi.type = RNDIS_PPI_PKTINFO_ID;
	else
		return -EINVAL;
	if (!nic->rbuf || nvs_rx_alloc(nic, false, &sec))
		return -ENOSPC;
	dst = nic->rbuf + (size_t)sec * nic->rsec_size;
	memcpy(dst, &hdr, sizeof(hdr));
	memcpy(dst + sizeof(hdr), &p, sizeof(p));
	memcpy(dst + RNDIS_PACKET_HDR_SIZE, &ppi, sizeof(ppi));
	if (ppi.type == RNDIS_PPI_PKTINFO_ID)
		memcpy(dst + RNDIS_PACKET_HDR_SIZE + sizeof(ppi), &id, sizeof(id));
	nvs_fault_frame(nic, dst + RNDIS_PACKET_HDR_SIZE + RNDIS_PPI_U32_SIZE);
	len = range;
	ret = nvs_send_xfer(q, NVSP_CHANNEL_DATA, &sec, &len, 1);
	if (ret)
		nvs_rx_free_chain(nic, sec);
	return ret;
}

/* A transfer-page packet broken at the VMBus or NVSP level. */
static int nvs_bad_xfer(struct nvs_nic *nic, const char *kind)
{
	struct vmbus_xfer_page_range r = { .byte_count = 64 };
	struct nvs_queue *q = nic->q[0];
	u32 msg = nvs_msg_size(nic), count = 1, n = 1;
	u32 type = NVSP1_TYPE_SEND_RNDIS_PKT;
	u16 pageset = nic->rid;

	if (!strcmp(kind, "xfer_pageset")) {
		pageset = nic->rid ^ 0x5a5a;
	} else if (!strcmp(kind, "xfer_range_oob")) {
		r.byte_offset = nic->rsize - 16;
	} else if (!strcmp(kind, "xfer_len_oob")) {
		r.byte_count = nic->rsize + HV_PAGE_SIZE;
	} else if (!strcmp(kind, "xfer_count")) {
		count = 1000;
	} else if (!strcmp(kind, "xfer_empty")) {
		count = 0;
		n = 0;
	} else if (!strcmp(kind, "xfer_type")) {
		type = NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE;
	} else if (!strcmp(kind, "xfer_no_msg")) {
		msg = 0;
	} else {
		return -EINVAL;
	}
	return nvs_raw_xfer(q, nvs_bogus_tid(), pageset, count, &r, n, type, msg);
}

/* An answer or indication in a control section that fits no request. */
static int nvs_bad_ctrl(struct nvs_nic *nic, const char *kind)
{
	u8 buf[64] = {};
	struct rndis_hdr *hdr = (void *)buf;
	struct rndis_query_c *qc = (void *)(buf + sizeof(*hdr));
	struct rndis_indicate *ind = (void *)(buf + sizeof(*hdr));
	u32 sec, len = sizeof(*hdr) + sizeof(*qc);
	int ret;

	if (!strcmp(kind, "query_len")) {
		hdr->type = RNDIS_MSG_QUERY_C;
		qc->req_id = 0x7fffffff;
		qc->info_buflen = 4096;
		qc->info_buf_offset = sizeof(*qc);
	} else if (!strcmp(kind, "query_offset")) {
		hdr->type = RNDIS_MSG_QUERY_C;
		qc->req_id = 0x7fffffff;
		qc->info_buflen = 4;
		qc->info_buf_offset = 4096;
	} else if (!strcmp(kind, "unknown_req_id")) {
		hdr->type = RNDIS_MSG_SET_C;
		qc->req_id = 0x7ffffffe;
		len = sizeof(*hdr) + sizeof(struct rndis_set_c);
	} else if (!strcmp(kind, "indicate_len")) {
		hdr->type = RNDIS_MSG_INDICATE;
		ind->status = RNDIS_STATUS_LINK_SPEED_CHANGE;
		ind->status_buflen = 4096;
		ind->status_buf_offset = sizeof(*ind);
		len = sizeof(*hdr) + sizeof(*ind);
	} else if (!strcmp(kind, "indicate_short")) {
		hdr->type = RNDIS_MSG_INDICATE;
		ind->status = RNDIS_STATUS_MEDIA_DISCONNECT;
		len = sizeof(*hdr) + 4;
	} else {
		return -EINVAL;
	}
	hdr->len = len;
	if (nvs_rx_alloc(nic, true, &sec))
		return -ENOSPC;
	memcpy(nic->rbuf + (size_t)sec * nic->rsec_size, buf, len);
	ret = nvs_send_xfer(nic->q[0], NVSP_CHANNEL_CONTROL, &sec, &len, 1);
	if (ret)
		nvs_rx_free_chain(nic, sec);
	return ret;
}

/* In-band messages and completions the guest must refuse. */
static int nvs_bad_inband(struct nvs_nic *nic, const char *kind)
{
	u8 buf[NVSP_MSG_SIZE_V61 + NVSP_SEND_TABLE_SIZE * sizeof(u32)] = {};
	struct nvsp_hdr *hdr = (void *)buf;
	struct nvsp_send_table *t = (void *)(buf + sizeof(*hdr));
	struct nvs_queue *q = nic->q[0];
	u32 len = NVSP_SEND_TABLE_OFFSET_BODY + NVSP_SEND_TABLE_SIZE * 4, i;
	u32 *tab = (u32 *)(buf + NVSP_SEND_TABLE_OFFSET_BODY);

	hdr->type = NVSP5_TYPE_SEND_INDIRECTION_TABLE;
	t->count = NVSP_SEND_TABLE_SIZE;
	t->offset = NVSP_SEND_TABLE_OFFSET_BODY;
	if (!strcmp(kind, "send_table_count")) {
		t->count = NVSP_SEND_TABLE_SIZE + 1;
	} else if (!strcmp(kind, "send_table_offset")) {
		t->offset = 4096;
	} else if (!strcmp(kind, "send_table_entry")) {
		for (i = 0; i < NVSP_SEND_TABLE_SIZE; i++)
			tab[i] = NVS_MAX_QUEUES - 1;
	} else if (!strcmp(kind, "inband_unknown")) {
		hdr->type = 200;
		len = sizeof(*hdr);
	} else if (!strcmp(kind, "vf_short")) {
		hdr->type = NVSP4_TYPE_SEND_VF_ASSOCIATION;
		return sim_chan_send(nic->h, q->ch, VMBUS_PKT_DATA_INBAND, 0, 0,
				     buf, sizeof(*hdr));
	} else if (!strcmp(kind, "unknown_tid")) {
		hdr->type = NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE;
		buf[4] = NVSP_STATUS_SUCCESS;
		return nvs_send_msg(q, VMBUS_PKT_COMPLETION,
				    0xdeadbeefdeadbeefULL, buf, 8);
	} else if (!strcmp(kind, "completion_type")) {
		hdr->type = NVSP4_TYPE_SWITCH_DATA_PATH;
		return nvs_send_msg(q, VMBUS_PKT_COMPLETION,
				    0xdeadbeefdeadbeefULL, buf, 8);
	} else if (!strcmp(kind, "completion_empty")) {
		return sim_chan_send(nic->h, q->ch, VMBUS_PKT_COMPLETION, 0,
				     0xdeadbeefdeadbeefULL, NULL, 0);
	} else {
		return -EINVAL;
	}
	return nvs_send_msg(q, VMBUS_PKT_DATA_INBAND, 0, buf, len);
}

static const char *const nvs_armed_kinds[] = {
	[NVS_BAD_RECV_SECTIONS] = "recv_buf_sections",
	[NVS_BAD_RECV_OFFSET] = "recv_buf_offset",
	[NVS_BAD_RECV_SIZE0] = "recv_buf_size0",
	[NVS_BAD_RECV_OVERRUN] = "recv_buf_overrun",
	[NVS_BAD_SEND_SIZE0] = "send_buf_size0",
	[NVS_BAD_SEND_BIG] = "send_buf_big",
};

static int nvs_malformed(struct sim_host *h, const char *kind, u32 index)
{
	struct nvs_nic *nic = nvs_nic_get(index);
	unsigned int i;
	int ret;

	for (i = NVS_BAD_RECV_SECTIONS; i < ARRAY_SIZE(nvs_armed_kinds); i++) {
		if (strcmp(kind, nvs_armed_kinds[i]))
			continue;
		if (i <= NVS_BAD_RECV_OVERRUN)
			nvs_faults.recv_buf_bad = i;
		else
			nvs_faults.send_buf_bad = i;
		return 0;
	}
	if (!nic || !nic->q[0] || nic->state != NVS_READY || !nic->rbuf ||
	    nic->q[0]->ch->held_len)
		return -EAGAIN;
	if (!strncmp(kind, "rndis_", 6) || !strncmp(kind, "ppi_", 4) ||
	    !strcmp(kind, "rsc_orphan"))
		ret = nvs_bad_rndis(nic, kind);
	else if (!strncmp(kind, "xfer_", 5))
		ret = nvs_bad_xfer(nic, kind);
	else if (!strncmp(kind, "query_", 6) || !strncmp(kind, "indicate_", 9) ||
		 !strcmp(kind, "unknown_req_id"))
		ret = nvs_bad_ctrl(nic, kind);
	else
		ret = nvs_bad_inband(nic, kind);
	if (ret)
		return ret;
	nic->stats.malformed++;
	pr_info("netvsp%u: fault: malformed %s sent\n", nic->index, kind);
	sim_chan_notify(h, nic->q[0]->ch);
	return 0;
}

static void nvs_fault_clear(struct sim_host *h)
{
	u32 bogus = nvs_faults.bogus_tid;

	memset(&nvs_faults, 0, sizeof(nvs_faults));
	nvs_faults.bogus_tid = bogus;
}

/* Have every NIC's queues run after @after jiffies, for what waits. */
static void nvs_kick_nics(unsigned long after)
{
	struct nvs_nic *nic;
	u32 i;

	for (i = 0; i < NVS_MAX_NICS; i++) {
		nic = nvs_nic_get(i);
		if (nic)
			mod_delayed_work(nic->h->wq, &nic->cq_work, after);
	}
}

static int nvs_fault_cmd(struct sim_host *h, char *line)
{
	u32 n = 0, idx = 0;
	char *argv[3];
	int argc;

	argc = sim_cmd_words(line, SIM_CMD_SEPS, argv, ARRAY_SIZE(argv));
	if (argc <= 0)
		return argc;
	if (!strcmp(argv[0], "clear")) {
		nvs_fault_clear(h);
		nvs_kick_nics(0);
		return 0;
	}
	if (!strcmp(argv[0], "malformed")) {
		if (!argv[1] || (argv[2] && kstrtou32(argv[2], 0, &idx)))
			return -EINVAL;
		return nvs_malformed(h, argv[1], idx);
	}
	if (!argv[1] || kstrtou32(argv[1], 0, &n))
		return -EINVAL;
	if (!strcmp(argv[0], "drop_completions")) {
		nvs_faults.drop_completions = n;
	} else if (!strcmp(argv[0], "delay_ms") && n <= NVS_MAX_DELAY_MS) {
		nvs_faults.delay_ms = n;
		if (!n)
			nvs_kick_nics(0);
	} else if (!strcmp(argv[0], "rx_full") && n <= NVS_MAX_DELAY_MS) {
		unsigned long after = msecs_to_jiffies(n) + 1;

		nvs_faults.rx_full_until = jiffies + after - 1;
		nvs_kick_nics(after);
	} else if (!strcmp(argv[0], "refuse_mtu")) {
		nvs_faults.refuse_frame_above = n;
	} else if (!strcmp(argv[0], "refuse_subchannels") && n <= 1) {
		nvs_faults.refuse_subchannels = n;
	} else {
		return -EINVAL;
	}
	return 0;
}

/**
 * nvs_fault_cmds() - run netvsp fault commands
 * @h: the host, locked
 * @text: commands separated by newlines, ';' or ','; modified
 *
 * Return: 0, or the error of the first command that fails.
 */
int nvs_fault_cmds(struct sim_host *h, char *text)
{
	return sim_cmd_list(h, text, nvs_fault_cmd, "netvsp");
}

void nvs_fault_show(struct seq_file *m)
{
	long full = (long)(nvs_faults.rx_full_until - jiffies);

	seq_printf(m, "drop_completions %u\n", nvs_faults.drop_completions);
	seq_printf(m, "delay_ms %u\n", nvs_faults.delay_ms);
	seq_printf(m, "rx_full %u\n", full > 0 ? jiffies_to_msecs(full) : 0);
	seq_printf(m, "refuse_mtu %u\n", nvs_faults.refuse_frame_above);
	seq_printf(m, "refuse_subchannels %u\n", nvs_faults.refuse_subchannels);
	seq_printf(m, "recv_buf %s\n", nvs_faults.recv_buf_bad ?
		   nvs_armed_kinds[nvs_faults.recv_buf_bad] : "-");
	seq_printf(m, "send_buf %s\n", nvs_faults.send_buf_bad ?
		   nvs_armed_kinds[nvs_faults.send_buf_bad] : "-");
}
