// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the simulated host's synthetic NIC (drivers/hv/sim/netvsp/).
 *
 * A test plays the guest from the protocol (the model's own
 * drivers/hv/sim/netvsp/proto.h): it writes NVSP messages into a real
 * outbound ring (the shared ring code of hv_vmbus), runs the model and
 * looks at what it sent, which the stubs of the channel layer below
 * collect. Buffers are real pages, mapped as the host maps a GPADL;
 * control messages go by GPA-direct packets naming a real page by
 * Hyper-V PFN, data frames in a send-buffer section; frames the host
 * hands its switch port land in a list. The pure helpers (wire.c) are
 * tested on their own, the Toeplitz hash against Microsoft's
 * verification vectors.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include <hv/ring.h>

#include "../../drivers/hv/sim/gpa.c"
#include "../../drivers/hv/sim/model.c"
#include "../../drivers/hv/sim/netvsp/wire.c"
#include "../../drivers/hv/sim/netvsp/netvsp.c"
#include "../../drivers/hv/sim/netvsp/nvsp.c"
#include "../../drivers/hv/sim/netvsp/rndis.c"
#include "../../drivers/hv/sim/netvsp/data.c"
#include "../../drivers/hv/sim/netvsp/fault.c"

#define RING_PAGES	16
#define MAX_PKT		16384
#define MAX_SENT	64
#define RBUF_PAGES	16		/* 64 KiB: 36 sections at MTU 1500 */
#define SBUF_PAGES	4
#define RBUF_GPADL	0x10
#define SBUF_GPADL	0x11
#define RBUF_ID		0xcafe

struct sent_pkt {
	struct sim_channel *ch;
	u16 type;
	u64 tid;
	u32 len;		/* payload bytes */
	u8 data[512];		/* the packet: descriptor first */
	u32 plen;		/* bytes of data */
	u32 payload_off;
};

struct tgpadl {
	struct sim_gpadl g;
	struct page *pages[RBUF_PAGES];
	u32 n;
};

struct nctx {
	struct kunit *test;
	struct sim_host *h;
	struct sim_class cls;
	struct sim_channel ch, sub;
	u8 *ring, *sub_ring;
	struct hv_ring prod, sub_prod;
	struct hv_ring *put_to;
	struct tgpadl rg, sg;
	u8 *sbuf;			/* the test's view of the send buffer */
	struct page *cpage;		/* a control message page */
	u64 cpfn;
	struct nvs_nic *nic;
	struct net_device *port;
	struct sk_buff_head frames;	/* what the host gave the port */
	struct sent_pkt sent[MAX_SENT];
	u32 nsent;
	u32 subs_wanted;
	u32 released;
	u32 rndis_id;
};

static struct nctx *cur;

/* ---- stubs of the host's channel, GPADL and port layers ------------------ */

static struct sent_pkt *record(struct sim_channel *ch, const void *pkt,
			       u32 len)
{
	const struct vmbus_pkt_desc *d = pkt;
	struct sent_pkt *s;

	if (cur->nsent == MAX_SENT)
		return NULL;
	s = &cur->sent[cur->nsent++];
	s->ch = ch;
	s->type = d->type;
	s->tid = d->trans_id;
	s->payload_off = d->offset8 * 8;
	s->len = len - s->payload_off;
	s->plen = min_t(u32, len, sizeof(s->data));
	memcpy(s->data, pkt, s->plen);
	return s;
}

int sim_chan_send(struct sim_host *h, struct sim_channel *ch, u16 type,
		  u16 flags, u64 trans_id, const void *payload, u32 len)
{
	u8 buf[sizeof(struct vmbus_pkt_desc) + 256] = {};
	struct vmbus_pkt_desc *d = (void *)buf;

	if (len > 256)
		return -EMSGSIZE;
	d->type = type;
	d->flags = flags;
	d->trans_id = trans_id;
	d->offset8 = sizeof(*d) / 8;
	memcpy(buf + sizeof(*d), payload, len);
	return record(ch, buf, sizeof(*d) + ALIGN(len, 8)) ? 0 : -EBUSY;
}

int sim_chan_write_held(struct sim_host *h, struct sim_channel *ch)
{
	record(ch, ch->txbuf, ch->held_len);
	ch->held_len = 0;
	return 0;
}

int sim_chan_read(struct sim_host *h, struct sim_channel *ch,
		  struct hv_ring_pkt *pkt)
{
	int ret = hv_ring_read(&ch->out, ch->rxbuf, ch->max_pkt, pkt);

	if (ret == -EAGAIN)
		return ret;
	if (ret) {
		ch->broken = true;
		return ret;
	}
	hv_ring_read_commit(&ch->out);
	return 0;
}

void sim_kick_channel(struct sim_host *h, struct sim_channel *ch)
{
}

void sim_chan_notify(struct sim_host *h, struct sim_channel *ch)
{
}

int sim_add_subchannels(struct sim_host *h, struct sim_channel *primary,
			unsigned int count)
{
	cur->subs_wanted = count;
	return count;
}

struct sim_gpadl *sim_gpadl_find(struct sim_host *h, u32 id)
{
	if (id == RBUF_GPADL)
		return &cur->rg.g;
	if (id == SBUF_GPADL)
		return &cur->sg.g;
	return NULL;
}

void *sim_gpadl_map(const struct sim_gpadl *g, u32 *npages, size_t *offset)
{
	struct tgpadl *t = container_of(g, struct tgpadl, g);
	void *va = vmap(t->pages, t->n, VM_MAP, PAGE_KERNEL);

	if (!va)
		return ERR_PTR(-ENOMEM);
	*npages = t->n * (PAGE_SIZE / HV_PAGE_SIZE);
	*offset = 0;
	return va;
}

void sim_gpadl_release(struct sim_host *h, struct sim_gpadl *g)
{
	g->in_use = false;
	cur->released++;
}

void nvs_port_rx(struct nvs_nic *nic, struct sk_buff *skb)
{
	skb_queue_tail(&cur->frames, skb);
}

void nvs_port_wake(struct nvs_nic *nic)
{
}

void nvs_port_carrier(struct nvs_nic *nic, bool up)
{
}

int nvs_port_create(struct nvs_nic *nic)
{
	return 0;
}

void nvs_port_destroy(struct nvs_nic *nic)
{
}

void nvs_debugfs_init(struct sim_host *h)
{
}

/* ---- set-up -------------------------------------------------------------- */

static void attach_ring(struct kunit *test, struct sim_channel *ch, u8 **ring,
			struct hv_ring *prod)
{
	*ring = kunit_kzalloc(test, RING_PAGES * HV_PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, *ring);
	KUNIT_ASSERT_EQ(test, hv_ring_init(prod, *ring,
					   RING_PAGES * HV_PAGE_SIZE, MAX_PKT), 0);
	hv_ring_init_shared(prod);
	KUNIT_ASSERT_EQ(test, hv_ring_init(&ch->out, *ring,
					   RING_PAGES * HV_PAGE_SIZE, MAX_PKT), 0);
	ch->rxbuf = kunit_kzalloc(test, MAX_PKT, GFP_KERNEL);
	ch->txbuf = kunit_kzalloc(test, MAX_PKT, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ch->rxbuf);
	KUNIT_ASSERT_NOT_NULL(test, ch->txbuf);
	ch->max_pkt = MAX_PKT;
	ch->ring_map = *ring;
}

static void make_gpadl(struct kunit *test, struct tgpadl *t, u32 id, u32 hvpages)
{
	u32 i;

	t->n = DIV_ROUND_UP(hvpages * HV_PAGE_SIZE, PAGE_SIZE);
	for (i = 0; i < t->n; i++) {
		t->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		KUNIT_ASSERT_NOT_NULL(test, t->pages[i]);
	}
	t->g.id = id;
	t->g.relid = 1;
	t->g.complete = true;
}

static int nvs_test_init(struct kunit *test)
{
	struct nctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct sim_host *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, h);
	x->test = test;
	x->h = h;
	mutex_init(&h->lock);
	INIT_LIST_HEAD(&h->channels);
	h->wq = alloc_ordered_workqueue("netvsp_kunit", 0);
	KUNIT_ASSERT_NOT_NULL(test, h->wq);
	skb_queue_head_init(&x->frames);

	x->cls.name = "net";
	x->cls.model = &sim_netvsp_model;
	x->ch.cls = &x->cls;
	x->ch.relid = 1;
	attach_ring(test, &x->ch, &x->ring, &x->prod);
	x->put_to = &x->prod;
	x->sub.cls = &x->cls;
	x->sub.relid = 2;
	x->sub.subidx = 1;
	x->sub.primary = &x->ch;
	attach_ring(test, &x->sub, &x->sub_ring, &x->sub_prod);

	make_gpadl(test, &x->rg, RBUF_GPADL, RBUF_PAGES);
	make_gpadl(test, &x->sg, SBUF_GPADL, SBUF_PAGES);
	x->sbuf = vmap(x->sg.pages, x->sg.n, VM_MAP, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, x->sbuf);
	x->cpage = alloc_page(GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, x->cpage);
	x->cpfn = (u64)page_to_pfn(x->cpage) * (PAGE_SIZE / HV_PAGE_SIZE);

	x->port = alloc_etherdev(0);
	KUNIT_ASSERT_NOT_NULL(test, x->port);
	set_bit(__LINK_STATE_START, &x->port->state);

	nvs.h = h;
	nvs.max_version = NVSP_VERSION_61;
	net_queues = 8;
	net_itab_size = 128;
	strscpy(net_send_table, "openvmm", sizeof(net_send_table));
	memset(&nvs_faults, 0, sizeof(nvs_faults));
	x->nic = nvs_nic_alloc(h, 0);
	KUNIT_ASSERT_NOT_NULL(test, x->nic);
	nvs.nics[0] = x->nic;
	x->nic->port = x->port;
	cur = x;
	test->priv = x;
	KUNIT_ASSERT_EQ(test, nvs_open(h, &x->ch), 0);
	return 0;
}

static void nvs_test_exit(struct kunit *test)
{
	struct nctx *x = test->priv;
	u32 i;

	mutex_lock(&x->h->lock);
	nvs_close(x->h, &x->sub);
	nvs_close(x->h, &x->ch);
	mutex_unlock(&x->h->lock);
	cancel_work_sync(&x->nic->rx_work);
	cancel_delayed_work_sync(&x->nic->cq_work);
	nvs_nic_free(x->nic);
	nvs.nics[0] = NULL;
	destroy_workqueue(x->h->wq);
	vunmap(x->sbuf);
	for (i = 0; i < x->rg.n; i++)
		__free_page(x->rg.pages[i]);
	for (i = 0; i < x->sg.n; i++)
		__free_page(x->sg.pages[i]);
	__free_page(x->cpage);
	skb_queue_purge(&x->frames);
	free_netdev(x->port);
	cur = NULL;
}

/* ---- the guest's side ------------------------------------------------------ */

/* One packet: descriptor, optional ranges (GPA-direct), payload. */
static void put(struct nctx *x, u16 type, u16 flags, u64 tid,
		const void *ranges, u32 rlen, const void *payload, u32 plen)
{
	struct vmbus_pkt_desc d = { .type = type, .flags = flags, .trans_id = tid };
	u32 total = sizeof(d) + rlen + plen;
	struct kvec iov[4];
	u64 pad = 0;
	bool signal;
	u32 n = 0;

	d.offset8 = (sizeof(d) + rlen) / 8;
	d.len8 = ALIGN(total, 8) / 8;
	iov[n].iov_base = &d;
	iov[n++].iov_len = sizeof(d);
	if (rlen) {
		iov[n].iov_base = (void *)ranges;
		iov[n++].iov_len = rlen;
	}
	iov[n].iov_base = (void *)payload;
	iov[n++].iov_len = plen;
	if (total % 8) {
		iov[n].iov_base = &pad;
		iov[n++].iov_len = 8 - total % 8;
	}
	KUNIT_ASSERT_GE(x->test, hv_ring_write(x->put_to, iov, n, &signal), 0);
}

/* An NVSP message of @type with @body, in-band, asking for completion. */
static void put_nvsp(struct nctx *x, u64 tid, u32 type, const void *body,
		     u32 len)
{
	u8 buf[NVSP_MSG_SIZE_V61] = {};

	memcpy(buf, &type, sizeof(type));
	memcpy(buf + 4, body, len);
	put(x, VMBUS_PKT_DATA_INBAND, VMBUS_PKT_FLAG_COMPLETION_REQUESTED, tid,
	    NULL, 0, buf, sizeof(buf));
}

static void run(struct nctx *x, struct sim_channel *ch)
{
	mutex_lock(&x->h->lock);
	nvs_run(x->h, ch);
	mutex_unlock(&x->h->lock);
}

/* The @i-th packet sent: a completion of @tid holding NVSP @type. */
static const u8 *completion(struct nctx *x, u32 i, u64 tid, u32 type)
{
	const struct sent_pkt *s = &x->sent[i];
	u32 t;

	KUNIT_ASSERT_LT(x->test, i, x->nsent);
	KUNIT_EXPECT_EQ(x->test, s->type, VMBUS_PKT_COMPLETION);
	KUNIT_EXPECT_EQ(x->test, s->tid, tid);
	memcpy(&t, s->data + s->payload_off, sizeof(t));
	KUNIT_EXPECT_EQ(x->test, t, type);
	return s->data + s->payload_off + 4;
}

static u32 get32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* INIT at @version; returns the completion's status. */
static u32 init_at(struct nctx *x, u32 version)
{
	struct nvsp_init in = { version, version };
	const u8 *c;

	x->nsent = 0;
	put_nvsp(x, 1, NVSP_TYPE_INIT, &in, sizeof(in));
	run(x, &x->ch);
	c = completion(x, 0, 1, NVSP_TYPE_INIT_COMPLETE);
	return get32(c + offsetof(struct nvsp_init_complete, status));
}

/* Version 6.1 (or @version), MTU @mtu, both buffers; answers consumed. */
static void setup(struct nctx *x, u32 version, u32 mtu)
{
	struct nvsp_ndis_config cfg = { .mtu = mtu + ETH_HLEN,
					.capabilities = NVSP_CAP_IEEE8021Q |
							NVSP_CAP_RSC };
	struct nvsp_ndis_version nv = { 6, version > NVSP_VERSION_4 ? 30 : 1 };
	struct nvsp_send_buf rb = { RBUF_GPADL, RBUF_ID };
	struct nvsp_send_buf sb = { SBUF_GPADL, 0 };
	const u8 *c;

	KUNIT_ASSERT_EQ(x->test, init_at(x, version), NVSP_STATUS_SUCCESS);
	x->nsent = 0;
	if (version >= NVSP_VERSION_2)
		put_nvsp(x, 2, NVSP2_TYPE_SEND_NDIS_CONFIG, &cfg, sizeof(cfg));
	put_nvsp(x, 3, NVSP1_TYPE_SEND_NDIS_VERSION, &nv, sizeof(nv));
	put_nvsp(x, 4, NVSP1_TYPE_SEND_RECV_BUF, &rb, sizeof(rb));
	put_nvsp(x, 5, NVSP1_TYPE_SEND_SEND_BUF, &sb, sizeof(sb));
	run(x, &x->ch);
	/* Config and version asked for a completion: empty ones. */
	KUNIT_ASSERT_EQ(x->test, x->nsent, version >= NVSP_VERSION_2 ? 4U : 3U);
	c = completion(x, x->nsent - 2, 4, NVSP1_TYPE_SEND_RECV_BUF_COMPLETE);
	KUNIT_ASSERT_EQ(x->test, get32(c), NVSP_STATUS_SUCCESS);
	c = completion(x, x->nsent - 1, 5, NVSP1_TYPE_SEND_SEND_BUF_COMPLETE);
	KUNIT_ASSERT_EQ(x->test, get32(c), NVSP_STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(x->test, x->nic->state, NVS_READY);
	x->nsent = 0;
}

/*
 * An RNDIS control message in the control page, sent GPA-direct as
 * SEND_RNDIS_PKT(control) with transaction id @tid.
 */
static void put_ctrl(struct nctx *x, u64 tid, u32 type, const void *body,
		     u32 body_len, const void *info, u32 info_len)
{
	struct rndis_hdr hdr = { type, sizeof(hdr) + body_len + info_len };
	struct {
		u32 reserved;
		u32 range_count;
		u32 byte_count;
		u32 byte_offset;
		u64 pfn;
	} __packed r = { 0, 1, hdr.len, 0, x->cpfn };
	u8 msg[NVSP_MSG_SIZE_V61] = {};
	struct nvsp_rndis_pkt p = { NVSP_CHANNEL_CONTROL, NVSP_NO_SECTION, 0 };
	u32 t = NVSP1_TYPE_SEND_RNDIS_PKT;
	u8 *page = page_address(x->cpage);

	memcpy(page, &hdr, sizeof(hdr));
	memcpy(page + sizeof(hdr), body, body_len);
	memcpy(page + sizeof(hdr) + body_len, info, info_len);
	memcpy(msg, &t, 4);
	memcpy(msg + 4, &p, sizeof(p));
	put(x, VMBUS_PKT_DATA_GPA_DIRECT, VMBUS_PKT_FLAG_COMPLETION_REQUESTED,
	    tid, &r, sizeof(r), msg, sizeof(msg));
}

/* The RNDIS message the transfer-page packet sent[@i] names, one range. */
static const u8 *xfer_msg(struct nctx *x, u32 i, u32 *len)
{
	const struct sent_pkt *s = &x->sent[i];
	const struct vmbus_pkt_xfer_pages *xp = (const void *)s->data;

	KUNIT_ASSERT_LT(x->test, i, x->nsent);
	KUNIT_ASSERT_EQ(x->test, s->type, VMBUS_PKT_DATA_XFER_PAGES);
	KUNIT_ASSERT_EQ(x->test, xp->xfer_pageset_id, RBUF_ID);
	KUNIT_ASSERT_GE(x->test, xp->range_count, 1U);
	KUNIT_ASSERT_LE(x->test, xp->ranges[0].byte_offset +
			(u64)xp->ranges[0].byte_count, (u64)x->nic->rsize);
	*len = xp->ranges[0].byte_count;
	return x->nic->rbuf + xp->ranges[0].byte_offset;
}

/* A control request and its answer; returns the answer's body. */
static const u8 *ctrl(struct nctx *x, u32 type, const void *body, u32 len,
		      const void *info, u32 info_len, u32 answer_type)
{
	const u8 *m, *c;
	u32 mlen;

	x->nsent = 0;
	put_ctrl(x, 100, type, body, len, info, info_len);
	run(x, &x->ch);
	KUNIT_ASSERT_EQ(x->test, x->nsent, 2U);
	/* The answer first, then the request's completion. */
	m = xfer_msg(x, 0, &mlen);
	c = completion(x, 1, 100, NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE);
	KUNIT_EXPECT_EQ(x->test, get32(c), NVSP_STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(x->test, get32(m), answer_type);
	KUNIT_EXPECT_EQ(x->test, get32(m + 4), mlen);
	return m + sizeof(struct rndis_hdr);
}

/* The guest completes transfer packet sent[@i]. */
static void complete_xfer(struct nctx *x, struct sim_channel *ch, u32 i)
{
	u8 msg[NVSP_MSG_SIZE_V61] = {};
	u32 t = NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE, st = NVSP_STATUS_SUCCESS;

	memcpy(msg, &t, 4);
	memcpy(msg + 4, &st, 4);
	put(x, VMBUS_PKT_COMPLETION, 0, x->sent[i].tid, NULL, 0, msg,
	    sizeof(msg));
}

static void rndis_ready(struct nctx *x)
{
	struct rndis_init in = { 1, RNDIS_MAJOR_VERSION, RNDIS_MINOR_VERSION,
				 0x4000 };
	struct rndis_query set = {
		.req_id = 2,
		.oid = RNDIS_OID_GEN_CURRENT_PACKET_FILTER,
		.info_buflen = 4,
		.info_buf_offset = sizeof(set),
	};
	u32 filter = RNDIS_FILTER_DIRECTED | RNDIS_FILTER_BROADCAST;
	const u8 *a;

	a = ctrl(x, RNDIS_MSG_INIT, &in, sizeof(in), NULL, 0, RNDIS_MSG_INIT_C);
	KUNIT_EXPECT_EQ(x->test, get32(a + offsetof(struct rndis_init_c, status)),
			RNDIS_STATUS_SUCCESS);
	complete_xfer(x, &x->ch, 0);
	a = ctrl(x, RNDIS_MSG_SET, &set, sizeof(set), &filter, 4,
		 RNDIS_MSG_SET_C);
	KUNIT_EXPECT_EQ(x->test, get32(a + 4), RNDIS_STATUS_SUCCESS);
	complete_xfer(x, &x->ch, 0);
	run(x, &x->ch);
	x->nsent = 0;
}

/* A data message in send section @sec: one frame with @ppi. */
static u32 put_frame(struct nctx *x, u64 tid, u32 sec, const u8 *frame,
		     u32 flen, const void *ppi, u32 ppi_len)
{
	struct rndis_hdr hdr = { RNDIS_MSG_PACKET,
				 RNDIS_PACKET_HDR_SIZE + ppi_len + flen };
	struct rndis_packet p = {
		.data_offset = sizeof(p) + ppi_len,
		.data_len = flen,
		.per_pkt_info_offset = sizeof(p),
		.per_pkt_info_len = ppi_len,
	};
	struct nvsp_rndis_pkt r = { NVSP_CHANNEL_DATA, sec, hdr.len };
	u8 *dst = x->sbuf + sec * NVSP_SEND_SECTION_SIZE;

	memcpy(dst, &hdr, sizeof(hdr));
	memcpy(dst + sizeof(hdr), &p, sizeof(p));
	memcpy(dst + RNDIS_PACKET_HDR_SIZE, ppi, ppi_len);
	memcpy(dst + RNDIS_PACKET_HDR_SIZE + ppi_len, frame, flen);
	put_nvsp(x, tid, NVSP1_TYPE_SEND_RNDIS_PKT, &r, sizeof(r));
	return hdr.len;
}

/* A TCP/IPv4 frame of @payload bytes from 10.0.0.1:@sport. */
static u32 tcp4_frame(u8 *f, u32 payload, u16 sport)
{
	struct iphdr *ip = (void *)(f + ETH_HLEN);
	struct tcphdr *th = (void *)(f + ETH_HLEN + sizeof(*ip));

	memset(f, 0, ETH_HLEN + sizeof(*ip) + sizeof(*th) + payload);
	eth_broadcast_addr(f);
	f[12] = 0x08;
	ip->version = 4;
	ip->ihl = 5;
	ip->ttl = 64;
	ip->protocol = IPPROTO_TCP;
	ip->saddr = htonl(0x0a000001);
	ip->daddr = htonl(0x0a000002);
	ip->tot_len = htons(sizeof(*ip) + sizeof(*th) + payload);
	th->source = htons(sport);
	th->dest = htons(5201);
	th->doff = 5;
	return ETH_HLEN + sizeof(*ip) + sizeof(*th) + payload;
}

static u32 ppi32(u8 *p, u32 type, u32 value)
{
	struct rndis_ppi r = { RNDIS_PPI_U32_SIZE, type, sizeof(r) };

	memcpy(p, &r, sizeof(r));
	memcpy(p + sizeof(r), &value, 4);
	return RNDIS_PPI_U32_SIZE;
}

/* ---- tests: pure helpers ------------------------------------------------- */

/*
 * Microsoft's RSS verification key and vectors ("Verifying the RSS Hash
 * Calculation"; also DPDK app/test/test_thash.c): source and destination
 * address and port, the IPv4-only and the TCP/IPv4 hash.
 */
static const u8 ms_key[40] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67,
	0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb,
	0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30,
	0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

static const struct {
	u8 src[4], dst[4];
	u16 sport, dport;
	u32 ip, tcp;
} ms_v4[] = {
	{ { 66, 9, 149, 187 }, { 161, 142, 100, 80 }, 2794, 1766,
	  0x323e8fc2, 0x51ccc178 },
	{ { 199, 92, 111, 2 }, { 65, 69, 140, 83 }, 14230, 4739,
	  0xd718262a, 0xc626b0ea },
	{ { 24, 19, 198, 95 }, { 12, 22, 207, 184 }, 12898, 38024,
	  0xd2d0a5de, 0x5c2b394a },
	{ { 38, 27, 205, 30 }, { 209, 142, 163, 6 }, 48228, 2217,
	  0x82989176, 0xafc7327f },
	{ { 153, 39, 163, 191 }, { 202, 188, 127, 2 }, 44251, 1303,
	  0x5d1809c5, 0x10e828a2 },
};

static void test_toeplitz_vectors(struct kunit *test)
{
	u8 f[128], in[NVS_RSS_INPUT_MAX];
	struct iphdr *ip = (void *)(f + ETH_HLEN);
	struct tcphdr *th = (void *)(f + ETH_HLEN + sizeof(*ip));
	unsigned int i;
	u32 n;

	for (i = 0; i < ARRAY_SIZE(ms_v4); i++) {
		tcp4_frame(f, 0, ms_v4[i].sport);
		memcpy(&ip->saddr, ms_v4[i].src, 4);
		memcpy(&ip->daddr, ms_v4[i].dst, 4);
		th->dest = htons(ms_v4[i].dport);
		n = nvs_rss_input(f, 54, NDIS_HASH_IPV4 | NDIS_HASH_TCP_IPV4, in);
		KUNIT_EXPECT_EQ(test, n, 12U);
		KUNIT_EXPECT_EQ(test, nvs_toeplitz(ms_key, in, n), ms_v4[i].tcp);
		n = nvs_rss_input(f, 54, NDIS_HASH_IPV4, in);
		KUNIT_EXPECT_EQ(test, n, 8U);
		KUNIT_EXPECT_EQ(test, nvs_toeplitz(ms_key, in, n), ms_v4[i].ip);
	}
}

/* IPv6: 3ffe:2501:200:1fff::7:2794 -> 3ffe:2501:200:3::1:1766. */
static void test_toeplitz_ipv6(struct kunit *test)
{
	static const u8 src[16] = { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x1f,
				    0xff, [15] = 7 };
	static const u8 dst[16] = { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x00,
				    0x03, [15] = 1 };
	u8 f[ETH_HLEN + 40 + 20] = {}, in[NVS_RSS_INPUT_MAX];
	u32 n;

	f[12] = 0x86;
	f[13] = 0xdd;
	f[ETH_HLEN] = 0x60;
	f[ETH_HLEN + 6] = IPPROTO_TCP;
	memcpy(f + ETH_HLEN + 8, src, 16);
	memcpy(f + ETH_HLEN + 24, dst, 16);
	f[ETH_HLEN + 40] = 2794 >> 8;
	f[ETH_HLEN + 41] = 2794 & 0xff;
	f[ETH_HLEN + 42] = 1766 >> 8;
	f[ETH_HLEN + 43] = 1766 & 0xff;
	n = nvs_rss_input(f, sizeof(f), NDIS_HASH_IPV6 | NDIS_HASH_TCP_IPV6, in);
	KUNIT_EXPECT_EQ(test, n, 36U);
	KUNIT_EXPECT_EQ(test, nvs_toeplitz(ms_key, in, n), 0x40207d3dU);
	n = nvs_rss_input(f, sizeof(f), NDIS_HASH_IPV6, in);
	KUNIT_EXPECT_EQ(test, nvs_toeplitz(ms_key, in, n), 0x2cc18cd5U);
	/* Not enabled for IPv6: no hash. */
	KUNIT_EXPECT_EQ(test, nvs_rss_input(f, sizeof(f), NDIS_HASH_TCP_IPV4,
					    in), 0U);
}

static void test_check_packet(struct kunit *test)
{
	struct rndis_packet p = { .data_offset = 36, .data_len = 60 };
	struct nvs_pkt_layout l;

	KUNIT_EXPECT_NULL(test, nvs_check_packet(8 + 36 + 60, &p, &l));
	KUNIT_EXPECT_EQ(test, l.data_off, 44U);
	KUNIT_EXPECT_NOT_NULL(test, nvs_check_packet(8 + 36 + 59, &p, &l));
	p.data_len = 0;
	KUNIT_EXPECT_NOT_NULL(test, nvs_check_packet(200, &p, &l));
	p.data_len = 60;
	p.data_offset = 0xfffffff0;
	KUNIT_EXPECT_NOT_NULL(test, nvs_check_packet(200, &p, &l));
	p.data_offset = 48;
	p.per_pkt_info_offset = 36;
	p.per_pkt_info_len = 0xfffffff8;
	KUNIT_EXPECT_NOT_NULL(test, nvs_check_packet(200, &p, &l));
	p.per_pkt_info_len = 12;
	p.vc_handle = 1;
	KUNIT_EXPECT_NOT_NULL(test, nvs_check_packet(200, &p, &l));
}

static void test_parse_ppi(struct kunit *test)
{
	u8 b[64];
	struct nvs_tx_meta m;
	struct rndis_ppi r = { 0, RNDIS_PPI_CHECKSUM, 12 };
	u32 n;

	n = ppi32(b, RNDIS_PPI_CHECKSUM, 0x11);
	n += ppi32(b + n, RNDIS_PPI_LSO, 0x22);
	n += ppi32(b + n, 99, 0);		/* unknown: skipped */
	KUNIT_EXPECT_NULL(test, nvs_parse_ppi(b, n, &m));
	KUNIT_EXPECT_TRUE(test, m.csum && m.lso && !m.vlan);
	KUNIT_EXPECT_EQ(test, m.csum_info, 0x11U);
	KUNIT_EXPECT_EQ(test, m.lso_info, 0x22U);
	/* A record of size 0 must not loop forever. */
	memcpy(b, &r, sizeof(r));
	KUNIT_EXPECT_NOT_NULL(test, nvs_parse_ppi(b, 16, &m));
	r.size = 16;
	r.ppi_offset = 14;			/* value past the record */
	memcpy(b, &r, sizeof(r));
	KUNIT_EXPECT_NOT_NULL(test, nvs_parse_ppi(b, 16, &m));
	r.ppi_offset = 12;
	r.size = 32;				/* beyond the area */
	memcpy(b, &r, sizeof(r));
	KUNIT_EXPECT_NOT_NULL(test, nvs_parse_ppi(b, 16, &m));
	KUNIT_EXPECT_NOT_NULL(test, nvs_parse_ppi(b, 8, &m));
}

static void test_parse_rss(struct kunit *test)
{
	u8 b[sizeof(struct ndis_rss_params) + 8 * 4 + 40] = {};
	struct ndis_rss_params *p = (void *)b;
	struct nvs_rss_conf c;
	u32 i, e;

	p->hash_info = NDIS_HASH_FUNC_TOEPLITZ | NDIS_HASH_TCP_IPV4;
	p->table_size = 8 * 4;
	p->table_offset = sizeof(*p);
	p->key_size = 40;
	p->key_offset = sizeof(*p) + 8 * 4;
	for (i = 0; i < 8; i++) {
		e = i % 3;
		memcpy(b + sizeof(*p) + i * 4, &e, 4);
	}
	memcpy(b + p->key_offset, ms_key, 40);
	KUNIT_EXPECT_NULL(test, nvs_parse_rss(b, sizeof(b), 4, 16, &c));
	KUNIT_EXPECT_TRUE(test, c.enabled);
	KUNIT_EXPECT_EQ(test, c.entries, 16U);
	/* A short table repeats to the host's size. */
	KUNIT_EXPECT_EQ(test, c.table[8 + 4], c.table[4]);
	KUNIT_EXPECT_EQ(test, memcmp(c.key, ms_key, 40), 0);
	/* Entries must name a queue the host has. */
	KUNIT_EXPECT_NOT_NULL(test, nvs_parse_rss(b, sizeof(b), 2, 16, &c));
	p->key_offset = sizeof(b) - 39;
	KUNIT_EXPECT_NOT_NULL(test, nvs_parse_rss(b, sizeof(b), 4, 16, &c));
	p->key_offset = sizeof(*p) + 8 * 4;
	p->table_size = 30;
	KUNIT_EXPECT_NOT_NULL(test, nvs_parse_rss(b, sizeof(b), 4, 16, &c));
	p->flags = NDIS_RSS_PARAM_FLAG_DISABLE;
	KUNIT_EXPECT_NULL(test, nvs_parse_rss(b, sizeof(b), 4, 16, &c));
	KUNIT_EXPECT_FALSE(test, c.enabled);
}

/* ---- tests: the state machine ----------------------------------------------- */

static void test_versions(struct kunit *test)
{
	struct nctx *x = test->priv;
	const u8 *c;

	KUNIT_EXPECT_EQ(test, init_at(x, 0x00050001), NVSP_STATUS_NONE);
	KUNIT_EXPECT_EQ(test, init_at(x, 0x00030000), NVSP_STATUS_NONE);
	nvs.max_version = NVSP_VERSION_5;
	KUNIT_EXPECT_EQ(test, init_at(x, NVSP_VERSION_61), NVSP_STATUS_NONE);
	KUNIT_EXPECT_EQ(test, init_at(x, NVSP_VERSION_6), NVSP_STATUS_NONE);
	KUNIT_EXPECT_EQ(test, x->nic->stats.versions_refused, 4ULL);
	/* Version 1 is named back in the first field; others not. */
	KUNIT_EXPECT_EQ(test, init_at(x, NVSP_VERSION_5), NVSP_STATUS_SUCCESS);
	c = completion(x, 0, 1, NVSP_TYPE_INIT_COMPLETE);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_INVALID_VERSION);
	/* A version-5 answer is 28 bytes, padded to 32 on the ring. */
	KUNIT_EXPECT_EQ(test, x->sent[0].len, 32U);
	/* A second INIT is out of order. */
	KUNIT_EXPECT_EQ(test, init_at(x, NVSP_VERSION_5), NVSP_STATUS_FAILURE);
	KUNIT_EXPECT_EQ(test, x->nic->version, NVSP_VERSION_5);
}

static void test_version1(struct kunit *test)
{
	struct nctx *x = test->priv;
	const u8 *c;

	KUNIT_EXPECT_EQ(test, init_at(x, NVSP_VERSION_1), NVSP_STATUS_SUCCESS);
	c = completion(x, 0, 1, NVSP_TYPE_INIT_COMPLETE);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_VERSION_1);
	/* NDIS_CONFIG is a version-2 message. */
	put_nvsp(x, 2, NVSP2_TYPE_SEND_NDIS_CONFIG, "\0\0\0\0", 4);
	run(x, &x->ch);
	KUNIT_EXPECT_EQ(test, x->nic->stats.bad_packets, 1ULL);
}

static void test_buffers(struct kunit *test)
{
	static const u8 revoke[NVSP_MSG_SIZE_V61] = { 103, 0, 0, 0, 0xfe, 0xca };
	struct nctx *x = test->priv;
	struct nvsp_send_buf rb = { RBUF_GPADL, RBUF_ID };
	const u8 *c;

	KUNIT_ASSERT_EQ(test, init_at(x, NVSP_VERSION_61), NVSP_STATUS_SUCCESS);
	/* From version 2 the receive buffer needs the MTU first. */
	x->nsent = 0;
	put_nvsp(x, 4, NVSP1_TYPE_SEND_RECV_BUF, &rb, sizeof(rb));
	run(x, &x->ch);
	c = completion(x, 0, 4, NVSP1_TYPE_SEND_RECV_BUF_COMPLETE);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_STATUS_FAILURE);
	KUNIT_EXPECT_EQ(test, x->nic->stats.out_of_order, 1ULL);
	x->nic->state = NVS_WAIT_INIT;

	setup(x, NVSP_VERSION_61, 1500);
	KUNIT_EXPECT_NOT_NULL(test, x->nic->rbuf);
	/* 256 + 1514 + 36 per section, as OpenVMM sizes them. */
	KUNIT_EXPECT_EQ(test, x->nic->rsec_size, 1806U);
	KUNIT_EXPECT_EQ(test, x->nic->rsec_count,
			RBUF_PAGES * HV_PAGE_SIZE / 1806U);
	KUNIT_EXPECT_EQ(test, x->nic->ssec_count,
			SBUF_PAGES * HV_PAGE_SIZE / NVSP_SEND_SECTION_SIZE);
	KUNIT_EXPECT_TRUE(test, x->rg.g.in_use);

	/* Revoking gives the buffer back. */
	put(x, VMBUS_PKT_DATA_INBAND, 0, 9, NULL, 0, revoke, sizeof(revoke));
	run(x, &x->ch);
	KUNIT_EXPECT_NULL(test, x->nic->rbuf);
	KUNIT_EXPECT_EQ(test, x->released, 1U);
}

static void test_recv_buf_answer(struct kunit *test)
{
	struct nctx *x = test->priv;
	struct nvsp_ndis_config cfg = { .mtu = 3014 };
	struct nvsp_send_buf rb = { RBUF_GPADL, RBUF_ID };
	const u8 *c;

	KUNIT_ASSERT_EQ(test, init_at(x, NVSP_VERSION_5), NVSP_STATUS_SUCCESS);
	x->nsent = 0;
	put_nvsp(x, 2, NVSP2_TYPE_SEND_NDIS_CONFIG, &cfg, sizeof(cfg));
	put_nvsp(x, 4, NVSP1_TYPE_SEND_RECV_BUF, &rb, sizeof(rb));
	run(x, &x->ch);
	c = completion(x, 1, 4, NVSP1_TYPE_SEND_RECV_BUF_COMPLETE);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, get32(c + 4), 1U);		/* one section */
	KUNIT_EXPECT_EQ(test, get32(c + 8), 0U);		/* at 0 */
	KUNIT_EXPECT_EQ(test, get32(c + 12), 256U + 3014U + 36U);
	KUNIT_EXPECT_EQ(test, get32(c + 16), x->nic->rsec_count);
}

/* Jumbo sections in a 64 KiB buffer: 7 of them, half kept for control. */
static void test_small_buffer(struct kunit *test)
{
	struct nctx *x = test->priv;

	setup(x, NVSP_VERSION_61, 9000);
	KUNIT_EXPECT_EQ(test, x->nic->rsec_count, 65536U / 9306U);
	KUNIT_EXPECT_EQ(test, x->nic->rsec_ctrl, 3U);
	KUNIT_EXPECT_EQ(test, x->nic->rfree_data, 4U);
	rndis_ready(x);
}

static void test_refuse_mtu(struct kunit *test)
{
	struct nctx *x = test->priv;
	struct nvsp_ndis_config cfg = { .mtu = 9014 };
	struct nvsp_send_buf rb = { RBUF_GPADL, RBUF_ID };
	const u8 *c;

	nvs_faults.refuse_frame_above = 1514;
	KUNIT_ASSERT_EQ(test, init_at(x, NVSP_VERSION_61), NVSP_STATUS_SUCCESS);
	x->nsent = 0;
	put_nvsp(x, 2, NVSP2_TYPE_SEND_NDIS_CONFIG, &cfg, sizeof(cfg));
	put_nvsp(x, 4, NVSP1_TYPE_SEND_RECV_BUF, &rb, sizeof(rb));
	run(x, &x->ch);
	c = completion(x, 1, 4, NVSP1_TYPE_SEND_RECV_BUF_COMPLETE);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_STATUS_FAILURE);
	KUNIT_EXPECT_EQ(test, x->nic->stats.refused, 1ULL);
	KUNIT_EXPECT_FALSE(test, x->rg.g.in_use);
}

static void test_rndis_init_and_oids(struct kunit *test)
{
	struct nctx *x = test->priv;
	struct rndis_init in = { 7, 1, 0, 0x4000 };
	struct rndis_query q = { .req_id = 8, .info_buf_offset = sizeof(q) };
	const u8 *a;

	setup(x, NVSP_VERSION_61, 1500);
	a = ctrl(x, RNDIS_MSG_INIT, &in, sizeof(in), NULL, 0, RNDIS_MSG_INIT_C);
	KUNIT_EXPECT_EQ(test, get32(a), 7U);
	KUNIT_EXPECT_EQ(test, get32(a + offsetof(struct rndis_init_c,
						 max_pkt_per_msg)), 8U);
	KUNIT_EXPECT_EQ(test, get32(a + offsetof(struct rndis_init_c,
						 pkt_align_factor)), 3U);
	complete_xfer(x, &x->ch, 0);

	q.oid = RNDIS_OID_802_3_PERMANENT_ADDRESS;
	a = ctrl(x, RNDIS_MSG_QUERY, &q, sizeof(q), NULL, 0, RNDIS_MSG_QUERY_C);
	KUNIT_EXPECT_EQ(test, get32(a + 4), RNDIS_STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, get32(a + 8), 6U);
	KUNIT_EXPECT_EQ(test, memcmp(a + get32(a + 12), x->nic->mac, 6), 0);
	complete_xfer(x, &x->ch, 0);

	q.oid = RNDIS_OID_GEN_MAXIMUM_FRAME_SIZE;
	a = ctrl(x, RNDIS_MSG_QUERY, &q, sizeof(q), NULL, 0, RNDIS_MSG_QUERY_C);
	KUNIT_EXPECT_EQ(test, get32(a + get32(a + 12)), 1500U);
	complete_xfer(x, &x->ch, 0);

	/* NDIS 6.30: revision 3 of the offload object, RSC offered. */
	q.oid = RNDIS_OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES;
	a = ctrl(x, RNDIS_MSG_QUERY, &q, sizeof(q), NULL, 0, RNDIS_MSG_QUERY_C);
	KUNIT_EXPECT_EQ(test, get32(a + 8), (u32)NDIS_OFFLOAD_SIZE_REV3);
	a += get32(a + 12);
	KUNIT_EXPECT_EQ(test, a[0], NDIS_OBJ_TYPE_OFFLOAD);
	KUNIT_EXPECT_EQ(test, a[1], 3);
	KUNIT_EXPECT_EQ(test, a[offsetof(struct ndis_offload, rsc_ip4)], 1);
	complete_xfer(x, &x->ch, 0);

	q.oid = RNDIS_OID_GEN_RECEIVE_SCALE_CAPABILITIES;
	a = ctrl(x, RNDIS_MSG_QUERY, &q, sizeof(q), NULL, 0, RNDIS_MSG_QUERY_C);
	a += get32(a + 12);
	KUNIT_EXPECT_EQ(test, get32(a + offsetof(struct ndis_rss_caps,
						 num_recv_que)), 8U);
	complete_xfer(x, &x->ch, 0);

	/* An unknown OID: NOT_SUPPORTED, no data. */
	q.oid = 0x12345678;
	a = ctrl(x, RNDIS_MSG_QUERY, &q, sizeof(q), NULL, 0, RNDIS_MSG_QUERY_C);
	KUNIT_EXPECT_EQ(test, get32(a + 4), RNDIS_STATUS_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, get32(a + 8), 0U);
	complete_xfer(x, &x->ch, 0);
	run(x, &x->ch);
	KUNIT_EXPECT_EQ(test, x->nic->rfree_ctrl, x->nic->rsec_ctrl);
}

static void test_offload_revision_by_version(struct kunit *test)
{
	struct nctx *x = test->priv;
	struct rndis_init in = { 7, 1, 0, 0x4000 };
	struct rndis_query q = { .req_id = 8, .info_buf_offset = sizeof(q),
				 .oid = RNDIS_OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES };
	const u8 *a;

	setup(x, NVSP_VERSION_4, 1500);		/* NDIS 6.1 */
	ctrl(x, RNDIS_MSG_INIT, &in, sizeof(in), NULL, 0, RNDIS_MSG_INIT_C);
	complete_xfer(x, &x->ch, 0);
	a = ctrl(x, RNDIS_MSG_QUERY, &q, sizeof(q), NULL, 0, RNDIS_MSG_QUERY_C);
	KUNIT_EXPECT_EQ(test, get32(a + 8), (u32)NDIS_OFFLOAD_SIZE_REV2);
	KUNIT_EXPECT_EQ(test, (a + get32(a + 12))[1], 2);
	complete_xfer(x, &x->ch, 0);
	/* No RSS before NDIS 6.30. */
	q.oid = RNDIS_OID_GEN_RECEIVE_SCALE_CAPABILITIES;
	a = ctrl(x, RNDIS_MSG_QUERY, &q, sizeof(q), NULL, 0, RNDIS_MSG_QUERY_C);
	KUNIT_EXPECT_EQ(test, get32(a + 4), RNDIS_STATUS_NOT_SUPPORTED);
}

static void test_tx_frame(struct kunit *test)
{
	struct nctx *x = test->priv;
	u8 f[128], ppi[32];
	struct sk_buff *skb;
	const u8 *c;
	u32 n;

	setup(x, NVSP_VERSION_61, 1500);
	rndis_ready(x);
	n = tcp4_frame(f, 20, 1000);
	put_frame(x, 50, 1, f, n, NULL, 0);
	run(x, &x->ch);
	c = completion(x, 0, 50, NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_STATUS_SUCCESS);
	skb = skb_dequeue(&x->frames);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skb->len, n);
	KUNIT_EXPECT_EQ(test, memcmp(skb->data, f, n), 0);
	KUNIT_EXPECT_NE(test, (int)skb->ip_summed, CHECKSUM_PARTIAL);
	kfree_skb(skb);

	/* Checksum offload: the host makes it CHECKSUM_PARTIAL at the TCP header. */
	x->nsent = 0;
	ppi32(ppi, RNDIS_PPI_CHECKSUM, NDIS_CSUM_TX_IPV4 | NDIS_CSUM_TX_TCP |
	      (34 << 16));
	put_frame(x, 51, 0, f, n, ppi, RNDIS_PPI_U32_SIZE);
	run(x, &x->ch);
	skb = skb_dequeue(&x->frames);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_PARTIAL);
	KUNIT_EXPECT_EQ(test, skb_checksum_start_offset(skb), 34);
	KUNIT_EXPECT_EQ(test, skb->csum_offset, offsetof(struct tcphdr, check));
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, x->nic->stats.tx_csum, 1ULL);
}

static void test_tx_lso(struct kunit *test)
{
	struct nctx *x = test->priv;
	u8 *f = kunit_kzalloc(test, 4000, GFP_KERNEL), ppi[16];
	struct sk_buff *skb;
	struct iphdr *ip;
	u32 n;

	KUNIT_ASSERT_NOT_NULL(test, f);
	setup(x, NVSP_VERSION_61, 1500);
	rndis_ready(x);
	n = tcp4_frame(f, 3000, 1000);
	((struct iphdr *)(f + ETH_HLEN))->tot_len = 0;	/* LSOv2 leaves it 0 */
	ppi32(ppi, RNDIS_PPI_LSO, NDIS_LSO_V2 | (34 << 20) | 1448);
	/* Too long for a section: GPA-direct would carry it; a section is 6 KiB. */
	put_frame(x, 60, 0, f, n, ppi, RNDIS_PPI_U32_SIZE);
	run(x, &x->ch);
	skb = skb_dequeue(&x->frames);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_TRUE(test, skb_is_gso(skb));
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->gso_size, 1448);
	KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->gso_segs, 3);
	ip = (void *)(skb->data + ETH_HLEN);
	KUNIT_EXPECT_EQ(test, ntohs(ip->tot_len), n - ETH_HLEN);
	KUNIT_EXPECT_EQ(test, (__force u16)ip_fast_csum(ip, ip->ihl), 0);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, x->nic->stats.tx_lso, 1ULL);
}

static void test_tx_bad(struct kunit *test)
{
	struct nctx *x = test->priv;
	u8 f[128], ppi[16] = {};
	struct nvsp_rndis_pkt r = { NVSP_CHANNEL_DATA, 99, 64 };
	const u8 *c;
	u32 n;

	setup(x, NVSP_VERSION_61, 1500);
	rndis_ready(x);
	n = tcp4_frame(f, 20, 1000);
	/* A PPI record of size 0. */
	put_frame(x, 70, 0, f, n, ppi, sizeof(ppi));
	/* A send section that does not exist. */
	put_nvsp(x, 71, NVSP1_TYPE_SEND_RNDIS_PKT, &r, sizeof(r));
	/* A checksum request whose TCP header is not where the IP header ends. */
	ppi32(ppi, RNDIS_PPI_CHECKSUM, NDIS_CSUM_TX_IPV4 | NDIS_CSUM_TX_TCP |
	      (40 << 16));
	put_frame(x, 72, 1, f, n, ppi, RNDIS_PPI_U32_SIZE);
	run(x, &x->ch);
	c = completion(x, 0, 70, NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_STATUS_INVALID_RNDIS_PKT);
	c = completion(x, 1, 71, NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_STATUS_FAILURE);
	c = completion(x, 2, 72, NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&x->frames), 0U);
	KUNIT_EXPECT_EQ(test, x->nic->stats.bad_packets, 3ULL);
	KUNIT_EXPECT_EQ(test, x->nic->stats.tx_dropped, 1ULL);
}

/* A frame from the port: it reaches the guest and its sections come back. */
static void test_rx_frame(struct kunit *test)
{
	struct nctx *x = test->priv;
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	u32 free0, mlen, n;
	const u8 *m;

	setup(x, NVSP_VERSION_61, 1500);
	rndis_ready(x);
	free0 = x->nic->rfree_data;
	KUNIT_ASSERT_NOT_NULL(test, skb);
	n = tcp4_frame(skb_put(skb, 74), 20, 1000);
	memcpy(skb->data, x->nic->mac, ETH_ALEN);
	skb_queue_tail(&x->nic->backlog, skb);
	nvs_rx_work(&x->nic->rx_work);
	KUNIT_ASSERT_EQ(test, x->nsent, 1U);
	m = xfer_msg(x, 0, &mlen);
	KUNIT_EXPECT_EQ(test, get32(m), RNDIS_MSG_PACKET);
	KUNIT_EXPECT_EQ(test, get32(m + 4), mlen);
	KUNIT_EXPECT_EQ(test, get32(m + 8 + 4), n);	/* data_len */
	KUNIT_EXPECT_EQ(test, memcmp(m + 8 + get32(m + 8), x->nic->mac, 6), 0);
	KUNIT_EXPECT_EQ(test, x->nic->rfree_data, free0 - 1);
	/* An unknown transaction id changes nothing. */
	x->sent[1] = x->sent[0];
	x->sent[1].tid = 0x7777;
	complete_xfer(x, &x->ch, 1);
	complete_xfer(x, &x->ch, 0);
	run(x, &x->ch);
	KUNIT_EXPECT_EQ(test, x->nic->rfree_data, free0);
	KUNIT_EXPECT_EQ(test, x->nic->stats.bad_packets, 1ULL);
	/* Not for the guest's address and no promiscuous filter: dropped. */
	skb = alloc_skb(128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	tcp4_frame(skb_put(skb, 74), 20, 1000);
	skb->data[0] = 0x02;
	skb_queue_tail(&x->nic->backlog, skb);
	x->nsent = 0;
	nvs_rx_work(&x->nic->rx_work);
	KUNIT_EXPECT_EQ(test, x->nsent, 0U);
	KUNIT_EXPECT_EQ(test, x->nic->stats.rx_dropped_filter, 1ULL);
}

/* Sub-channels, the send table and RSS spreading onto a sub-channel. */
static void test_subchannels_rss(struct kunit *test)
{
	struct nctx *x = test->priv;
	struct nvsp_subchannel sc = { NVSP_SUBCHANNEL_ALLOCATE, 1 };
	u8 b[sizeof(struct ndis_rss_params) + 128 * 4 + 40] = {};
	struct ndis_rss_params *p = (void *)b;
	struct rndis_query set = {
		.req_id = 9,
		.oid = RNDIS_OID_GEN_RECEIVE_SCALE_PARAMETERS,
		.info_buflen = sizeof(b),
		.info_buf_offset = sizeof(set),
	};
	struct sk_buff *skb;
	const u8 *c, *a;
	u32 i, one = 1, tab;
	u64 done, bad;

	setup(x, NVSP_VERSION_61, 1500);
	rndis_ready(x);
	/* The primary cannot be a queue beyond the host's. */
	sc.num = 8;
	put_nvsp(x, 80, NVSP5_TYPE_SUBCHANNEL, &sc, sizeof(sc));
	sc.num = 1;
	put_nvsp(x, 81, NVSP5_TYPE_SUBCHANNEL, &sc, sizeof(sc));
	run(x, &x->ch);
	c = completion(x, 0, 80, NVSP5_TYPE_SUBCHANNEL);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_STATUS_FAILURE);
	c = completion(x, 1, 81, NVSP5_TYPE_SUBCHANNEL);
	KUNIT_EXPECT_EQ(test, get32(c), NVSP_STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, get32(c + 4), 1U);
	KUNIT_EXPECT_EQ(test, x->subs_wanted, 1U);

	/* Once it is open the table goes out, entries alternating. */
	mutex_lock(&x->h->lock);
	KUNIT_ASSERT_EQ(test, nvs_open(x->h, &x->sub), 0);
	mutex_unlock(&x->h->lock);
	x->nsent = 0;
	run(x, &x->ch);
	KUNIT_ASSERT_EQ(test, x->nsent, 1U);
	KUNIT_EXPECT_EQ(test, x->sent[0].type, VMBUS_PKT_DATA_INBAND);
	c = x->sent[0].data + x->sent[0].payload_off;
	KUNIT_EXPECT_EQ(test, get32(c), (u32)NVSP5_TYPE_SEND_INDIRECTION_TABLE);
	KUNIT_EXPECT_EQ(test, get32(c + 4), 16U);
	tab = get32(c + 8);
	KUNIT_EXPECT_EQ(test, tab, 12U);
	for (i = 0; i < 16; i++)
		KUNIT_EXPECT_EQ(test, get32(c + tab + 4 * i), i % 2);

	/* RSS: every entry names queue 1. */
	p->hash_info = NDIS_HASH_FUNC_TOEPLITZ | NDIS_HASH_IPV4 |
		       NDIS_HASH_TCP_IPV4;
	p->table_size = 128 * 4;
	p->table_offset = sizeof(*p);
	p->key_size = 40;
	p->key_offset = sizeof(*p) + 128 * 4;
	for (i = 0; i < 128; i++)
		memcpy(b + sizeof(*p) + 4 * i, &one, 4);
	memcpy(b + p->key_offset, ms_key, 40);
	a = ctrl(x, RNDIS_MSG_SET, &set, sizeof(set), b, sizeof(b),
		 RNDIS_MSG_SET_C);
	KUNIT_EXPECT_EQ(test, get32(a + 4), RNDIS_STATUS_SUCCESS);
	complete_xfer(x, &x->ch, 0);
	run(x, &x->ch);
	KUNIT_EXPECT_TRUE(test, x->nic->rss.enabled);

	skb = alloc_skb(128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	tcp4_frame(skb_put(skb, 74), 20, 2794);
	memcpy(skb->data, x->nic->mac, ETH_ALEN);
	skb_queue_tail(&x->nic->backlog, skb);
	x->nsent = 0;
	nvs_rx_work(&x->nic->rx_work);
	KUNIT_ASSERT_EQ(test, x->nsent, 1U);
	KUNIT_EXPECT_PTR_EQ(test, x->sent[0].ch, &x->sub);
	KUNIT_EXPECT_EQ(test, x->nic->q[1]->stats.rx_packets, 1ULL);
	/* The completion must come on the queue the packet went to. */
	done = x->nic->stats.rx_completions;
	bad = x->nic->stats.bad_packets;
	complete_xfer(x, &x->ch, 0);
	run(x, &x->ch);
	KUNIT_EXPECT_EQ(test, x->nic->stats.bad_packets, bad + 1);
	x->put_to = &x->sub_prod;
	complete_xfer(x, &x->sub, 0);
	run(x, &x->sub);
	KUNIT_EXPECT_EQ(test, x->nic->stats.rx_completions, done + 1);
}

static void test_send_table_hyperv(struct kunit *test)
{
	struct nctx *x = test->priv;
	struct nvsp_subchannel sc = { NVSP_SUBCHANNEL_ALLOCATE, 1 };
	const u8 *c;

	strscpy(net_send_table, "hyperv", sizeof(net_send_table));
	setup(x, NVSP_VERSION_6, 1500);
	rndis_ready(x);
	put_nvsp(x, 81, NVSP5_TYPE_SUBCHANNEL, &sc, sizeof(sc));
	run(x, &x->ch);
	mutex_lock(&x->h->lock);
	KUNIT_ASSERT_EQ(test, nvs_open(x->h, &x->sub), 0);
	mutex_unlock(&x->h->lock);
	x->nsent = 0;
	run(x, &x->ch);
	KUNIT_ASSERT_EQ(test, x->nsent, 1U);
	c = x->sent[0].data + x->sent[0].payload_off;
	/* Before 6.1 the table sits after a 40-byte message, offset wrong. */
	KUNIT_EXPECT_EQ(test, x->sent[0].len, 40U + 64U);
	KUNIT_EXPECT_EQ(test, get32(c + 8), 12U);
	KUNIT_EXPECT_EQ(test, get32(c + 40 + 4), 1U);
}

static void test_completion_faults(struct kunit *test)
{
	struct nctx *x = test->priv;
	u8 f[128];
	u32 n;

	setup(x, NVSP_VERSION_61, 1500);
	rndis_ready(x);
	n = tcp4_frame(f, 20, 1000);
	nvs_faults.drop_completions = 1;
	put_frame(x, 90, 0, f, n, NULL, 0);
	put_frame(x, 91, 1, f, n, NULL, 0);
	run(x, &x->ch);
	KUNIT_ASSERT_EQ(test, x->nsent, 1U);
	completion(x, 0, 91, NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE);
	KUNIT_EXPECT_EQ(test, x->nic->stats.completions_dropped, 1ULL);
	/* Held completions leave once due, in order. */
	x->nsent = 0;
	nvs_faults.delay_ms = 20;
	put_frame(x, 92, 0, f, n, NULL, 0);
	put_frame(x, 93, 1, f, n, NULL, 0);
	run(x, &x->ch);
	KUNIT_EXPECT_EQ(test, x->nsent, 0U);
	msleep(40);
	run(x, &x->ch);
	KUNIT_ASSERT_EQ(test, x->nsent, 2U);
	completion(x, 0, 92, NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE);
	completion(x, 1, 93, NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE);
	skb_queue_purge(&x->frames);
}

static struct kunit_case nvs_cases[] = {
	KUNIT_CASE(test_toeplitz_vectors),
	KUNIT_CASE(test_toeplitz_ipv6),
	KUNIT_CASE(test_check_packet),
	KUNIT_CASE(test_parse_ppi),
	KUNIT_CASE(test_parse_rss),
	KUNIT_CASE(test_versions),
	KUNIT_CASE(test_version1),
	KUNIT_CASE(test_buffers),
	KUNIT_CASE(test_recv_buf_answer),
	KUNIT_CASE(test_small_buffer),
	KUNIT_CASE(test_refuse_mtu),
	KUNIT_CASE(test_rndis_init_and_oids),
	KUNIT_CASE(test_offload_revision_by_version),
	KUNIT_CASE(test_tx_frame),
	KUNIT_CASE(test_tx_lso),
	KUNIT_CASE(test_tx_bad),
	KUNIT_CASE(test_rx_frame),
	KUNIT_CASE(test_subchannels_rss),
	KUNIT_CASE(test_send_table_hyperv),
	KUNIT_CASE(test_completion_faults),
	{}
};

static struct kunit_suite nvs_suite = {
	.name = "hv_sim_netvsp",
	.init = nvs_test_init,
	.exit = nvs_test_exit,
	.test_cases = nvs_cases,
};

kunit_test_suite(nvs_suite);

MODULE_DESCRIPTION("KUnit tests of hv_sim's netvsp");
MODULE_LICENSE("GPL");
HVG_IMPORT_NS();
