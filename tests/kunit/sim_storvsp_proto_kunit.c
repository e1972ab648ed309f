// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the simulated host's vstor protocol (drivers/hv/sim/storvsp/storvsp.c).
 *
 * A test plays a hostile or careless guest: it writes requests into a
 * real outbound ring (the shared ring code of hv_vmbus), runs the model
 * once and looks at the packets the model sent, which the stubs of
 * sim_chan_send() and sim_kick_channel() below collect (sim_chan_read()
 * reads the ring for real). Data pages are
 * real pages named by Hyper-V PFN, as a guest names them.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include <scsi/scsi_proto.h>

#include <hv/ring.h>

#include "../../drivers/hv/sim/model.c"
#include "../../drivers/hv/sim/storvsp/storvsp.c"

#define RING_PAGES	8
#define MAX_PKT		8192
#define MAX_SENT	64
/* ASC of ILLEGAL REQUEST, invalid command operation code (SPC-4) */
#define ASC_INVALID_OPCODE	0x20

struct sent_pkt {
	struct sim_channel *ch;
	u16 type;
	u64 tid;
	u32 len;
	struct vstor_packet p;
};

struct pctx {
	struct kunit *test;
	struct sim_host *h;
	struct sim_channel ch;
	struct sim_class cls;
	u8 *ring;
	struct hv_ring prod;
	struct sim_channel sub;	/* a sub-channel of ch, see open_sub() */
	u8 *sub_ring;
	struct hv_ring sub_prod;
	struct hv_ring *put_to;	/* the ring put() writes */
	u32 subs_wanted;	/* last sim_add_subchannels() count */
	u32 devices_added;	/* sim_add_device() calls */
	struct page *pages;	/* two pages of guest data */
	u64 hvpfn;		/* Hyper-V PFN of the first */
	struct sent_pkt sent[MAX_SENT];
	u32 nsent;
	u32 kicks;
};

static struct pctx *cur;

/* Stubs of the host's channel layer: collect what the model sends. */
int sim_chan_send(struct sim_host *h, struct sim_channel *ch, u16 type,
		  u16 flags, u64 trans_id, const void *payload, u32 len)
{
	struct sent_pkt *s;

	if (cur->nsent == MAX_SENT)
		return -EBUSY;
	s = &cur->sent[cur->nsent++];
	s->ch = ch;
	s->type = type;
	s->tid = trans_id;
	s->len = len;
	memset(&s->p, 0, sizeof(s->p));
	memcpy(&s->p, payload, min_t(u32, len, sizeof(s->p)));
	return 0;
}

void sim_kick_channel(struct sim_host *h, struct sim_channel *ch)
{
	cur->kicks++;
}

void sim_chan_notify(struct sim_host *h, struct sim_channel *ch)
{
}

/* The one class there is here: the test channels' "scsi". */
const struct sim_class *sim_class_find(const char *name)
{
	return strcmp(name, cur->cls.name) ? NULL : &cur->cls;
}

int sim_add_device(struct sim_host *h, const struct sim_class *cls,
		   unsigned int nsub)
{
	cur->devices_added++;
	return 0;
}

/* As if the primary had none yet: all @count are new. */
int sim_add_subchannels(struct sim_host *h, struct sim_channel *primary,
			unsigned int count)
{
	cur->subs_wanted = count;
	return count;
}

/* The real ring read, without the channel layer's error bookkeeping. */
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
	ch->pkts_in++;
	hv_ring_read_commit(&ch->out);
	return 0;
}

/* Give @ch a real outbound ring @ring, written through @prod. */
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
	KUNIT_ASSERT_NOT_NULL(test, ch->rxbuf);
	ch->max_pkt = MAX_PKT;
	ch->ring_map = *ring;
}

static int proto_init(struct kunit *test)
{
	struct pctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct sim_host *h;

	KUNIT_ASSERT_NOT_NULL(test, x);
	h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h);
	x->test = test;
	x->h = h;
	mutex_init(&h->lock);
	INIT_LIST_HEAD(&h->channels);
	h->wq = alloc_ordered_workqueue("storvsp_kunit", 0);
	KUNIT_ASSERT_NOT_NULL(test, h->wq);

	attach_ring(test, &x->ch, &x->ring, &x->prod);
	x->put_to = &x->prod;
	x->ch.relid = 1;
	x->cls.name = "scsi";
	x->cls.model = &sim_storvsp_model;
	x->ch.cls = &x->cls;
	list_add(&x->ch.node, &h->channels);

	x->pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
	KUNIT_ASSERT_NOT_NULL(test, x->pages);
	x->hvpfn = (u64)page_to_pfn(x->pages) * STV_HV_PER_PAGE;

	stv.h = h;
	stv.max_version = VSTOR_VERSION_WIN10;
	stv.targets[0].ctrl = 0;
	stv.targets[0].max_xfer = scsi_max_transfer;
	KUNIT_ASSERT_EQ(test, stv_lun_add(&stv.targets[0], 0, 1), 0);
	KUNIT_ASSERT_EQ(test, stv_open(h, &x->ch), 0);
	cur = x;
	test->priv = x;
	return 0;
}

static void proto_exit(struct kunit *test)
{
	struct pctx *x = test->priv;

	cancel_delayed_work_sync(&stv_delay);
	stv_close(x->h, &x->sub);
	stv_close(x->h, &x->ch);
	stv_target_free(&stv.targets[0]);
	stv_target_free(&stv.targets[1]);
	memset(stv.lun_mb, 0, sizeof(stv.lun_mb));
	memset(&stv.faults, 0, sizeof(stv.faults));
	memset(&stv.stats, 0, sizeof(stv.stats));
	stv.luns_made = 0;
	destroy_workqueue(x->h->wq);
	__free_pages(x->pages, 1);
	cur = NULL;
}

/*
 * Write one packet: @type, descriptor @flags, @tid, an optional range
 * header (@ranges bytes, GPA-direct) and @plen bytes of @payload.
 */
static void put(struct pctx *x, u16 type, u16 flags, u64 tid,
		const void *ranges, u32 rlen, const void *payload, u32 plen)
{
	struct vmbus_pkt_desc d = {
		.type = type,
		.flags = flags,
		.trans_id = tid,
	};
	struct kvec iov[3] = {
		{ .iov_base = &d, .iov_len = sizeof(d) },
		{ .iov_base = (void *)ranges, .iov_len = rlen },
		{ .iov_base = (void *)payload, .iov_len = plen },
	};
	u64 pad = 0;
	struct kvec all[4];
	bool signal;
	u32 n = 0, total = sizeof(d) + rlen + plen;

	d.offset8 = (sizeof(d) + rlen) / VMBUS_PKT_ALIGN;
	d.len8 = ALIGN(total, VMBUS_PKT_ALIGN) / VMBUS_PKT_ALIGN;
	all[n++] = iov[0];
	if (rlen)
		all[n++] = iov[1];
	if (plen)
		all[n++] = iov[2];
	if (total % VMBUS_PKT_ALIGN) {
		all[n].iov_base = &pad;
		all[n++].iov_len = VMBUS_PKT_ALIGN - total % VMBUS_PKT_ALIGN;
	}
	KUNIT_ASSERT_GE(x->test, hv_ring_write(x->put_to, all, n, &signal), 0);
}

/* An in-band vstor request asking for completion, @len bytes of @p. */
static void put_req(struct pctx *x, u64 tid, const struct vstor_packet *p,
		    u32 len)
{
	put(x, VMBUS_PKT_DATA_INBAND, VMBUS_PKT_FLAG_COMPLETION_REQUESTED, tid,
	    NULL, 0, p, len);
}

static void run(struct pctx *x)
{
	mutex_lock(&x->h->lock);
	stv_run(x->h, &x->ch);
	mutex_unlock(&x->h->lock);
}

static struct vstor_packet req(u32 op)
{
	struct vstor_packet p = {
		.operation = op,
		.flags = VSTOR_FLAG_REQUEST_COMPLETION,
	};

	return p;
}

/* The @i-th answer is a completion of @tid with @status and @len bytes. */
static const struct vstor_packet *answer(struct pctx *x, u32 i, u64 tid,
					 u32 status, u32 len)
{
	struct kunit *test = x->test;
	const struct sent_pkt *s = &x->sent[i];

	KUNIT_ASSERT_LT(test, i, x->nsent);
	KUNIT_EXPECT_EQ(test, s->type, VMBUS_PKT_COMPLETION);
	KUNIT_EXPECT_EQ(test, s->tid, tid);
	KUNIT_EXPECT_EQ(test, s->len, len);
	KUNIT_EXPECT_EQ(test, s->p.operation, (u32)VSTOR_OP_COMPLETE_IO);
	KUNIT_EXPECT_EQ(test, s->p.status, status);
	return &s->p;
}

/* Initialise at @version; answers are consumed. */
static void init_at(struct pctx *x, u16 version)
{
	struct vstor_packet p = req(VSTOR_OP_BEGIN_INITIALIZATION);

	put_req(x, 1, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_QUERY_PROTOCOL_VERSION);
	p.version.major_minor = version;
	put_req(x, 2, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_QUERY_PROPERTIES);
	put_req(x, 3, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_END_INITIALIZATION);
	put_req(x, 4, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(x->test, x->nsent, 4U);
	KUNIT_ASSERT_EQ(x->test, x->sent[3].p.status, VSTOR_STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(x->test, ((struct stv_chan *)x->ch.model_priv)->state,
			STV_READY);
	x->nsent = 0;
}

static struct vstor_packet srb(const u8 *cdb, u8 cdb_len, u8 lun, u8 dir,
			       u32 len)
{
	struct vstor_packet p = req(VSTOR_OP_EXECUTE_SRB);

	p.srb.length = VSTOR_SRB_SIZE;
	p.srb.lun = lun;
	p.srb.cdb_length = cdb_len;
	p.srb.sense_info_length = VSTOR_SENSE_SIZE;
	p.srb.data_in = dir;
	p.srb.data_transfer_length = len;
	memcpy(p.srb.cdb, cdb, cdb_len);
	return p;
}

static const u8 tur[6] = { TEST_UNIT_READY };

/* A scsi/fault command, as debugfs hands it over: a writable copy. */
static int fault(struct pctx *x, const char *cmd)
{
	char buf[64];
	int ret;

	strscpy(buf, cmd, sizeof(buf));
	mutex_lock(&x->h->lock);
	ret = stv_fault_cmd(x->h, buf);
	mutex_unlock(&x->h->lock);
	return ret;
}

static void test_init_sequence(struct kunit *test)
{
	struct pctx *x = test->priv;
	const struct vstor_packet *a;
	struct vstor_packet p = req(VSTOR_OP_BEGIN_INITIALIZATION);

	/* Answers are as long as the request (here a pre-Win8 packet). */
	put_req(x, 11, &p, VSTOR_PACKET_SIZE_PRE_WIN8);
	p = req(VSTOR_OP_QUERY_PROTOCOL_VERSION);
	p.version.major_minor = VSTOR_MAKE_VERSION(7, 0);
	put_req(x, 12, &p, VSTOR_PACKET_SIZE);
	p.version.major_minor = VSTOR_VERSION_WIN10;
	put_req(x, 13, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_QUERY_PROPERTIES);
	put_req(x, 14, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_END_INITIALIZATION);
	put_req(x, 15, &p, VSTOR_PACKET_SIZE);
	p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);
	put_req(x, 16, &p, VSTOR_PACKET_SIZE);
	run(x);

	KUNIT_ASSERT_EQ(test, x->nsent, 6U);
	answer(x, 0, 11, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE_PRE_WIN8);
	a = answer(x, 1, 12, VSTOR_STATUS_REVISION_MISMATCH, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->version.major_minor, VSTOR_MAKE_VERSION(7, 0));
	a = answer(x, 2, 13, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->version.major_minor, VSTOR_VERSION_WIN10);
	a = answer(x, 3, 14, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->properties.max_transfer_bytes, scsi_max_transfer);
	KUNIT_EXPECT_EQ(test, a->properties.max_channel_count,
			scsi_max_subchannels);
	KUNIT_EXPECT_EQ(test, a->properties.flags,
			VSTOR_PROPERTY_SUPPORTS_MULTI_CHANNEL);
	answer(x, 4, 15, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	a = answer(x, 5, 16, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.srb_status, SRB_STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, a->srb.scsi_status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, stv.stats.versions_refused, 1UL);
	KUNIT_EXPECT_EQ(test, stv.stats.bad_packets, 0UL);
}

static void test_out_of_order(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);

	put_req(x, 1, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_BEGIN_INITIALIZATION);
	put_req(x, 2, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_QUERY_PROPERTIES);		/* before a version */
	put_req(x, 3, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_END_INITIALIZATION);
	put_req(x, 4, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 4U);
	answer(x, 0, 1, VSTOR_STATUS_INVALID_DEVICE_STATE, VSTOR_PACKET_SIZE);
	answer(x, 1, 2, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 2, 3, VSTOR_STATUS_INVALID_DEVICE_STATE, VSTOR_PACKET_SIZE);
	answer(x, 3, 4, VSTOR_STATUS_INVALID_DEVICE_STATE, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, stv.stats.out_of_order, 3UL);
	/* The state machine was not disturbed: the rest still works. */
	x->nsent = 0;
	p = req(VSTOR_OP_QUERY_PROTOCOL_VERSION);
	p.version.major_minor = VSTOR_VERSION_WIN8;
	put_req(x, 5, &p, VSTOR_PACKET_SIZE);
	run(x);
	answer(x, 0, 5, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	/* A second BEGIN after the version is out of order too. */
	p = req(VSTOR_OP_BEGIN_INITIALIZATION);
	put_req(x, 6, &p, VSTOR_PACKET_SIZE);
	run(x);
	answer(x, 1, 6, VSTOR_STATUS_INVALID_DEVICE_STATE, VSTOR_PACKET_SIZE);
}

static void test_max_version(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p = req(VSTOR_OP_BEGIN_INITIALIZATION);
	static const u16 ask[] = {
		VSTOR_VERSION_WIN10, VSTOR_VERSION_WIN8_1, 0x0502,
		VSTOR_VERSION_WIN8,
	};
	u32 i;

	stv.max_version = VSTOR_VERSION_WIN8;
	put_req(x, 1, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_QUERY_PROTOCOL_VERSION);
	p.version.major_minor = VSTOR_VERSION_WIN8;
	/* Cut after the header: padded to 8 bytes, it asks for version 0. */
	put_req(x, 2, &p, VSTOR_PACKET_HDR_SIZE);
	for (i = 0; i < ARRAY_SIZE(ask); i++) {
		p.version.major_minor = ask[i];
		put_req(x, 3 + i, &p, VSTOR_PACKET_SIZE);
	}
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 6U);
	answer(x, 1, 2, VSTOR_STATUS_REVISION_MISMATCH,
	       ALIGN(VSTOR_PACKET_HDR_SIZE, VMBUS_PKT_ALIGN));
	for (i = 0; i < 3; i++)
		answer(x, 2 + i, 3 + i, VSTOR_STATUS_REVISION_MISMATCH,
		       VSTOR_PACKET_SIZE);
	answer(x, 5, 6, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, stv.stats.versions_refused, 4UL);
}

static void test_pre_win8(struct kunit *test)
{
	struct pctx *x = test->priv;
	const u8 bad_op[6] = { 0xc3 };
	const struct vstor_packet *a;
	struct vstor_packet p;

	init_at(x, VSTOR_VERSION_WIN7);
	p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);
	p.srb.length = VSTOR_SRB_SIZE_PRE_WIN8;
	put_req(x, 1, &p, VSTOR_PACKET_SIZE_PRE_WIN8);
	p = srb(bad_op, 6, 0, VSTOR_DATA_NONE, 0);
	put_req(x, 2, &p, VSTOR_PACKET_SIZE_PRE_WIN8);
	/* Ring packets come in 8-byte units: 8 bytes short. */
	put_req(x, 3, &p, VSTOR_PACKET_SIZE_PRE_WIN8 - 8);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 3U);
	a = answer(x, 0, 1, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE_PRE_WIN8);
	KUNIT_EXPECT_EQ(test, a->srb.length, VSTOR_SRB_SIZE_PRE_WIN8);
	KUNIT_EXPECT_EQ(test, a->srb.srb_status, SRB_STATUS_SUCCESS);
	a = answer(x, 1, 2, VSTOR_STATUS_IO_DEVICE_ERROR,
		   VSTOR_PACKET_SIZE_PRE_WIN8);
	KUNIT_EXPECT_EQ(test, a->srb.srb_status,
			SRB_STATUS_INVALID_REQUEST | SRB_STATUS_FLAG_AUTOSENSE_VALID);
	KUNIT_EXPECT_EQ(test, a->srb.sense_info_length, VSTOR_SENSE_SIZE_PRE_WIN8);
	KUNIT_EXPECT_EQ(test, a->srb.sense[2], ILLEGAL_REQUEST);
	answer(x, 2, 3, VSTOR_STATUS_INVALID_PARAMETER,
	       VSTOR_PACKET_SIZE_PRE_WIN8 - 8);
	KUNIT_EXPECT_EQ(test, stv.stats.bad_packets, 1UL);
}

static void test_win8_short_srb(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p;

	init_at(x, VSTOR_VERSION_WIN10);
	p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);
	put_req(x, 7, &p, VSTOR_PACKET_SIZE_PRE_WIN8);
	run(x);
	answer(x, 0, 7, VSTOR_STATUS_INVALID_PARAMETER,
	       VSTOR_PACKET_SIZE_PRE_WIN8);
	KUNIT_EXPECT_EQ(test, stv.stats.bad_packets, 1UL);
}

/* A GPA-direct header for one range of @len bytes at @off from hvpfn. */
static u32 one_range(struct pctx *x, u8 *buf, u32 off, u32 len, u32 npfn)
{
	struct vmbus_gpa_range *r = (void *)(buf + 8);
	u32 i;

	memset(buf, 0, 8);
	buf[4] = 1;				/* range_count */
	r->byte_count = len;
	r->byte_offset = off;
	for (i = 0; i < npfn; i++)
		r->pfn[i] = x->hvpfn + i;
	return 8 + sizeof(*r) + npfn * sizeof(u64);
}

static void put_gpa(struct pctx *x, u64 tid, const u8 *hdr, u32 hlen,
		    const struct vstor_packet *p)
{
	put(x, VMBUS_PKT_DATA_GPA_DIRECT, VMBUS_PKT_FLAG_COMPLETION_REQUESTED,
	    tid, hdr, hlen, p, VSTOR_PACKET_SIZE);
}

static void test_gpa_read_write(struct kunit *test)
{
	struct pctx *x = test->priv;
	u8 *guest = page_address(x->pages), *disk = stv.targets[0].lun[0]->data;
	u8 w10[10] = { WRITE_10, 0, 0, 0, 0, 8, 0, 0, 8, 0 };
	u8 r10[10] = { READ_10, 0, 0, 0, 0, 8, 0, 0, 8, 0 };
	const struct vstor_packet *a;
	struct vstor_packet p;
	u8 hdr[64];
	u32 hlen, i;

	init_at(x, VSTOR_VERSION_WIN10);
	/* 8 blocks from 512 bytes into the first page, across the second. */
	for (i = 0; i < 4096; i++)
		guest[512 + i] = i * 13 + 5;
	hlen = one_range(x, hdr, 512, 4096, 2);
	p = srb(w10, 10, 0, VSTOR_DATA_OUT, 4096);
	put_gpa(x, 21, hdr, hlen, &p);
	run(x);
	a = answer(x, 0, 21, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.srb_status, SRB_STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, a->srb.data_transfer_length, 4096U);
	KUNIT_EXPECT_MEMEQ(test, disk + 8 * 512, guest + 512, 4096);

	memset(guest, 0, 2 * PAGE_SIZE);
	/* The range may be longer than the transfer. */
	hlen = one_range(x, hdr, 100, 5000, 2);
	p = srb(r10, 10, 0, VSTOR_DATA_IN, 4096);
	put_gpa(x, 22, hdr, hlen, &p);
	run(x);
	a = answer(x, 1, 22, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.data_transfer_length, 4096U);
	KUNIT_EXPECT_MEMEQ(test, guest + 100, disk + 8 * 512, 4096);
	KUNIT_EXPECT_EQ(test, guest[99], 0);
	KUNIT_EXPECT_EQ(test, guest[100 + 4096], 0);
	KUNIT_EXPECT_EQ(test, stv.stats.bad_packets, 0UL);
}

static void test_gpa_bad(struct kunit *test)
{
	struct pctx *x = test->priv;
	u8 w10[10] = { WRITE_10, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
	struct vmbus_gpa_range *r;
	struct vstor_packet p;
	u8 hdr[96];
	u32 hlen, n = 0;

	init_at(x, VSTOR_VERSION_WIN10);
	p = srb(w10, 10, 0, VSTOR_DATA_OUT, 512);
	r = (void *)(hdr + 8);

	hlen = one_range(x, hdr, 0, 512, 1);
	hdr[4] = 2;				/* two ranges */
	put_gpa(x, ++n, hdr, hlen, &p);
	hlen = one_range(x, hdr, 0, 512, 1);
	hdr[4] = 0;				/* none */
	put_gpa(x, ++n, hdr, hlen, &p);
	hlen = one_range(x, hdr, HV_PAGE_SIZE, 512, 1);
	put_gpa(x, ++n, hdr, hlen, &p);		/* offset beyond a page */
	hlen = one_range(x, hdr, 0, 0, 1);
	put_gpa(x, ++n, hdr, hlen, &p);		/* empty */
	hlen = one_range(x, hdr, 4000, 512, 1);
	put_gpa(x, ++n, hdr, hlen, &p);		/* needs 2 PFNs, has 1 */
	hlen = one_range(x, hdr, 0, 512, 2);
	put_gpa(x, ++n, hdr, hlen, &p);		/* one PFN too many */
	hlen = one_range(x, hdr, 0, 512, 1);
	r->pfn[0] = 1ULL << 50;
	put_gpa(x, ++n, hdr, hlen, &p);		/* outside guest memory */
	hlen = one_range(x, hdr, 0, 256, 1);
	put_gpa(x, ++n, hdr, hlen, &p);		/* shorter than the transfer */
	hlen = one_range(x, hdr, 0, scsi_max_transfer + HV_PAGE_SIZE, 2);
	put_gpa(x, ++n, hdr, 8 + sizeof(*r) + 2 * 8, &p); /* too large */
	hlen = one_range(x, hdr, 0, 512, 1);
	put_gpa(x, ++n, hdr, 8, &p);		/* no room for a range */
	put_req(x, ++n, &p, VSTOR_PACKET_SIZE);	/* data without pages */
	p.srb.data_transfer_length = scsi_max_transfer + 1;
	hlen = one_range(x, hdr, 0, 512, 1);
	put_gpa(x, ++n, hdr, hlen, &p);		/* transfer too large */
	p = req(VSTOR_OP_RESET_BUS);
	put_gpa(x, ++n, hdr, hlen, &p);		/* pages for a reset */
	run(x);

	KUNIT_ASSERT_EQ(test, x->nsent, n);
	for (n = 0; n < x->nsent; n++)
		answer(x, n, n + 1, VSTOR_STATUS_INVALID_PARAMETER,
		       VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, stv.stats.bad_packets, (unsigned long)x->nsent);
	KUNIT_EXPECT_EQ(test, stv.targets[0].lun[0]->writes, 0ULL);
}

static void test_framing(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p;
	u8 big[96] = {};

	init_at(x, VSTOR_VERSION_WIN10);
	p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);
	p.flags = 0x3;				/* an unknown vstor flag */
	put_req(x, 1, &p, VSTOR_PACKET_SIZE);
	put_req(x, 2, &p, 8);			/* shorter than the header */
	p.flags = 0;				/* legal: no flag at all */
	put_req(x, 3, &p, VSTOR_PACKET_SIZE);
	/* No completion asked for, or not a request: dropped. */
	put(x, VMBUS_PKT_DATA_INBAND, 0, 4, NULL, 0, &p, VSTOR_PACKET_SIZE);
	put(x, VMBUS_PKT_COMPLETION, VMBUS_PKT_FLAG_COMPLETION_REQUESTED, 5,
	    NULL, 0, &p, VSTOR_PACKET_SIZE);
	/* More than a packet: answered as a full packet. */
	memcpy(big, &p, sizeof(p));
	put(x, VMBUS_PKT_DATA_INBAND, VMBUS_PKT_FLAG_COMPLETION_REQUESTED, 6,
	    NULL, 0, big, sizeof(big));
	p = req(99);
	put_req(x, 7, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 5U);
	answer(x, 0, 1, VSTOR_STATUS_INVALID_PARAMETER, VSTOR_PACKET_SIZE);
	answer(x, 1, 2, VSTOR_STATUS_INVALID_PARAMETER, VSTOR_PACKET_HDR_SIZE);
	answer(x, 2, 3, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 3, 6, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 4, 7, VSTOR_STATUS_INVALID_DEVICE_STATE, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, stv.stats.bad_packets, 4UL);
	KUNIT_EXPECT_EQ(test, stv.stats.requests, 7UL + 4);
}

static void test_srb_results(struct kunit *test)
{
	struct pctx *x = test->priv;
	const u8 bad_op[6] = { 0xc3 };
	const struct vstor_packet *a;
	struct vstor_packet p;

	init_at(x, VSTOR_VERSION_WIN10);
	p = srb(tur, 6, 5, VSTOR_DATA_NONE, 0);	/* absent LUN */
	put_req(x, 1, &p, VSTOR_PACKET_SIZE);
	p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);
	p.srb.target_id = 1;			/* absent target */
	put_req(x, 2, &p, VSTOR_PACKET_SIZE);
	p = srb(bad_op, 6, 0, VSTOR_DATA_NONE, 0);
	put_req(x, 3, &p, VSTOR_PACKET_SIZE);
	p.srb.cdb_length = 0;
	put_req(x, 4, &p, VSTOR_PACKET_SIZE);
	p.srb.cdb_length = 17;
	put_req(x, 5, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 5U);
	a = answer(x, 0, 1, VSTOR_STATUS_DEVICE_DOES_NOT_EXIST,
		   VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.srb_status, SRB_STATUS_INVALID_LUN);
	a = answer(x, 1, 2, VSTOR_STATUS_DEVICE_DOES_NOT_EXIST,
		   VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.srb_status, SRB_STATUS_INVALID_LUN);
	a = answer(x, 2, 3, VSTOR_STATUS_IO_DEVICE_ERROR, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.srb_status,
			SRB_STATUS_INVALID_REQUEST | SRB_STATUS_FLAG_AUTOSENSE_VALID);
	KUNIT_EXPECT_EQ(test, a->srb.scsi_status, SAM_STAT_CHECK_CONDITION);
	KUNIT_EXPECT_EQ(test, a->srb.sense_info_length, VSTOR_SENSE_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.sense[0], 0x70);
	KUNIT_EXPECT_EQ(test, a->srb.sense[2], ILLEGAL_REQUEST);
	KUNIT_EXPECT_EQ(test, a->srb.sense[12], ASC_INVALID_OPCODE);
	KUNIT_EXPECT_EQ(test, a->srb.data_transfer_length, 0U);
	answer(x, 3, 4, VSTOR_STATUS_INVALID_PARAMETER, VSTOR_PACKET_SIZE);
	answer(x, 4, 5, VSTOR_STATUS_INVALID_PARAMETER, VSTOR_PACKET_SIZE);
}

static void test_reorder(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);
	u32 i;

	init_at(x, VSTOR_VERSION_WIN10);
	KUNIT_ASSERT_EQ(test, fault(x, "reorder"), 0);
	for (i = 1; i <= 3; i++)
		put_req(x, i, &p, VSTOR_PACKET_SIZE);
	run(x);
	for (i = 4; i <= 5; i++)
		put_req(x, i, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 5U);
	for (i = 0; i < 3; i++)
		answer(x, i, 3 - i, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 3, 4, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 4, 5, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, stv.stats.reordered, 1UL);
}

static void test_delay(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);
	unsigned long start;

	init_at(x, VSTOR_VERSION_WIN10);
	KUNIT_ASSERT_EQ(test, fault(x, "delay_ms 50"), 0);
	put_req(x, 1, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_EXPECT_EQ(test, x->nsent, 0U);
	/* The host's timer has the channel run again once it is due. */
	start = jiffies;
	while (!READ_ONCE(x->kicks) && time_before(jiffies, start + HZ))
		usleep_range(5000, 10000);
	KUNIT_EXPECT_GT(test, x->kicks, 0U);
	KUNIT_EXPECT_GE(test, jiffies - start + 1, msecs_to_jiffies(40));
	run(x);
	answer(x, 0, 1, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);

	/* delay_ms 0 releases what waits. */
	put_req(x, 2, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_EXPECT_EQ(test, x->nsent, 1U);
	KUNIT_ASSERT_EQ(test, fault(x, "delay_ms 0"), 0);
	run(x);
	answer(x, 1, 2, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, stv.stats.delayed, 2UL);
}

static void test_rescan(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p = req(VSTOR_OP_BEGIN_INITIALIZATION);
	const struct sent_pkt *s;

	/* Not ready yet: the guest scans anyway, nothing is sent. */
	put_req(x, 1, &p, VSTOR_PACKET_SIZE);
	run(x);
	x->nsent = 0;
	KUNIT_ASSERT_EQ(test, fault(x, "add 2 1"), 0);
	run(x);
	KUNIT_EXPECT_EQ(test, x->nsent, 0U);
	KUNIT_ASSERT_EQ(test, fault(x, "remove 2"), 0);

	stv_close(x->h, &x->ch);
	KUNIT_ASSERT_EQ(test, stv_open(x->h, &x->ch), 0);
	init_at(x, VSTOR_VERSION_WIN10);
	KUNIT_ASSERT_EQ(test, fault(x, "add 2 1"), 0);
	KUNIT_EXPECT_GT(test, x->kicks, 0U);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 1U);
	s = &x->sent[0];
	KUNIT_EXPECT_EQ(test, s->type, VMBUS_PKT_DATA_INBAND);
	KUNIT_EXPECT_EQ(test, s->tid, 0ULL);
	KUNIT_EXPECT_EQ(test, s->len, (u32)VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, s->p.operation, (u32)VSTOR_OP_ENUMERATE_BUS);
	KUNIT_ASSERT_EQ(test, fault(x, "remove 2"), 0);
	KUNIT_EXPECT_EQ(test, fault(x, "remove 2"), -ENOENT);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 2U);
	KUNIT_EXPECT_EQ(test, x->sent[1].p.operation, (u32)VSTOR_OP_ENUMERATE_BUS);
	KUNIT_EXPECT_EQ(test, stv.stats.rescans, 2UL);

	/* Any operation on request, e.g. REMOVE_DEVICE. */
	KUNIT_ASSERT_EQ(test, fault(x, "notify 2"), 0);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 3U);
	KUNIT_EXPECT_EQ(test, x->sent[2].type, VMBUS_PKT_DATA_INBAND);
	KUNIT_EXPECT_EQ(test, x->sent[2].tid, 0ULL);
	KUNIT_EXPECT_EQ(test, x->sent[2].p.operation, (u32)VSTOR_OP_REMOVE_DEVICE);
	KUNIT_EXPECT_EQ(test, stv.stats.rescans, 2UL);
}

static void run_sub(struct pctx *x)
{
	mutex_lock(&x->h->lock);
	stv_run(x->h, &x->sub);
	mutex_unlock(&x->h->lock);
}

/* Open x->sub, a sub-channel of the (initialised) primary. */
static void open_sub(struct pctx *x)
{
	attach_ring(x->test, &x->sub, &x->sub_ring, &x->sub_prod);
	x->sub.relid = 2;
	x->sub.subidx = 1;
	x->sub.primary = &x->ch;
	x->sub.cls = &x->cls;
	list_add_tail(&x->sub.node, &x->h->channels);
	KUNIT_ASSERT_EQ(x->test, stv_open(x->h, &x->sub), 0);
}

static struct vstor_packet create_subs(u16 count)
{
	struct vstor_packet p = req(VSTOR_OP_CREATE_SUB_CHANNELS);

	p.sub_channel_count = count;
	return p;
}

static void test_subchannels(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p;
	u32 i;

	init_at(x, VSTOR_VERSION_WIN10);
	p = create_subs(2);
	put_req(x, 1, &p, VSTOR_PACKET_SIZE);
	p = create_subs(scsi_max_subchannels + 1);
	put_req(x, 2, &p, VSTOR_PACKET_SIZE);
	p = create_subs(0);			/* nothing to do: fine */
	put_req(x, 3, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 3U);
	answer(x, 0, 1, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 1, 2, VSTOR_STATUS_INVALID_PARAMETER, VSTOR_PACKET_SIZE);
	answer(x, 2, 3, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, x->subs_wanted, 0U);
	KUNIT_EXPECT_EQ(test, stv.stats.subchannels, 2UL);

	/* The sub-channel speaks the primary's version, answers on itself. */
	open_sub(x);
	x->nsent = 0;
	x->put_to = &x->sub_prod;
	p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);
	put_req(x, 4, &p, VSTOR_PACKET_SIZE);
	p = create_subs(1);			/* only on the primary */
	put_req(x, 5, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_BEGIN_INITIALIZATION);
	put_req(x, 6, &p, VSTOR_PACKET_SIZE);
	run_sub(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 3U);
	answer(x, 0, 4, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 1, 5, VSTOR_STATUS_INVALID_DEVICE_STATE, VSTOR_PACKET_SIZE);
	answer(x, 2, 6, VSTOR_STATUS_INVALID_DEVICE_STATE, VSTOR_PACKET_SIZE);
	for (i = 0; i < x->nsent; i++)
		KUNIT_EXPECT_PTR_EQ(test, x->sent[i].ch, &x->sub);
	KUNIT_EXPECT_EQ(test, ((struct stv_chan *)x->sub.model_priv)->srbs, 1UL);
	KUNIT_EXPECT_EQ(test, ((struct stv_chan *)x->ch.model_priv)->srbs, 0UL);
}

static void test_subchannels_init(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p = req(VSTOR_OP_BEGIN_INITIALIZATION);
	const struct vstor_packet *a;

	put_req(x, 1, &p, VSTOR_PACKET_SIZE);
	p = create_subs(1);			/* before a version */
	put_req(x, 2, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_QUERY_PROTOCOL_VERSION);
	p.version.major_minor = VSTOR_VERSION_WIN8;
	put_req(x, 3, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_QUERY_PROPERTIES);
	put_req(x, 4, &p, VSTOR_PACKET_SIZE);
	p = create_subs(1);			/* between properties and END */
	put_req(x, 5, &p, VSTOR_PACKET_SIZE);
	put_req(x, 6, &p, VSTOR_PACKET_SIZE);	/* but once */
	p = req(VSTOR_OP_END_INITIALIZATION);
	put_req(x, 7, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 7U);
	answer(x, 1, 2, VSTOR_STATUS_INVALID_DEVICE_STATE, VSTOR_PACKET_SIZE);
	a = answer(x, 3, 4, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->properties.flags,
			VSTOR_PROPERTY_SUPPORTS_MULTI_CHANNEL);
	answer(x, 4, 5, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 5, 6, VSTOR_STATUS_INVALID_DEVICE_STATE, VSTOR_PACKET_SIZE);
	answer(x, 6, 7, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, x->subs_wanted, 1U);

	/* Before Win8 there is no multi-channel to ask for. */
	stv_close(x->h, &x->ch);
	KUNIT_ASSERT_EQ(test, stv_open(x->h, &x->ch), 0);
	x->nsent = 0;
	p = req(VSTOR_OP_BEGIN_INITIALIZATION);
	put_req(x, 11, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_QUERY_PROTOCOL_VERSION);
	p.version.major_minor = VSTOR_VERSION_WIN7;
	put_req(x, 12, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_QUERY_PROPERTIES);
	put_req(x, 13, &p, VSTOR_PACKET_SIZE);
	p = req(VSTOR_OP_END_INITIALIZATION);
	put_req(x, 14, &p, VSTOR_PACKET_SIZE);
	p = create_subs(1);
	put_req(x, 15, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 5U);
	a = answer(x, 2, 13, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->properties.flags, 0U);
	KUNIT_EXPECT_EQ(test, a->properties.max_channel_count, 0);
	answer(x, 4, 15, VSTOR_STATUS_INVALID_DEVICE_STATE, VSTOR_PACKET_SIZE);
}

static void test_busy(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);
	const struct vstor_packet *a;
	u32 i;

	init_at(x, VSTOR_VERSION_WIN10);
	KUNIT_ASSERT_EQ(test, fault(x, "busy 2"), 0);
	for (i = 1; i <= 3; i++)
		put_req(x, i, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, fault(x, "busy 1 scsi"), 0);
	put_req(x, 4, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, fault(x, "busy 1 qfull"), 0);
	put_req(x, 5, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_EXPECT_EQ(test, fault(x, "busy 1 bogus"), -EINVAL);
	KUNIT_ASSERT_EQ(test, x->nsent, 5U);
	for (i = 0; i < 2; i++) {
		a = answer(x, i, i + 1, VSTOR_STATUS_DEVICE_BUSY,
			   VSTOR_PACKET_SIZE);
		KUNIT_EXPECT_EQ(test, a->srb.srb_status, SRB_STATUS_BUSY);
	}
	a = answer(x, 2, 3, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.srb_status, SRB_STATUS_SUCCESS);
	a = answer(x, 3, 4, VSTOR_STATUS_IO_DEVICE_ERROR, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.srb_status, SRB_STATUS_ERROR);
	KUNIT_EXPECT_EQ(test, a->srb.scsi_status, SAM_STAT_BUSY);
	a = answer(x, 4, 5, VSTOR_STATUS_IO_DEVICE_ERROR, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.scsi_status, SAM_STAT_TASK_SET_FULL);
	KUNIT_EXPECT_EQ(test, stv.stats.busy, 4UL);
}

/* One read of a block of LUN 0 into the guest pages, with @kind armed. */
static void bad_read(struct pctx *x, const char *kind, u64 tid)
{
	u8 r10[10] = { READ_10, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
	struct vstor_packet p = srb(r10, 10, 0, VSTOR_DATA_IN, 512);
	char cmd[32];
	u8 hdr[64];
	u32 hlen = one_range(x, hdr, 0, 512, 1);

	snprintf(cmd, sizeof(cmd), "malformed %s", kind);
	KUNIT_ASSERT_EQ(x->test, fault(x, cmd), 0);
	put_gpa(x, tid, hdr, hlen, &p);
	run(x);
}

static void test_malformed(struct kunit *test)
{
	struct pctx *x = test->priv;
	const struct vstor_packet *a;
	const struct sent_pkt *s;
	struct vstor_packet p;

	init_at(x, VSTOR_VERSION_WIN10);
	bad_read(x, "short", 1);
	answer(x, 0, 1, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_HDR_SIZE + 8);
	bad_read(x, "wrong_op", 2);
	s = &x->sent[1];
	KUNIT_EXPECT_EQ(test, s->tid, 2ULL);
	KUNIT_EXPECT_EQ(test, s->p.operation, (u32)VSTOR_OP_EXECUTE_SRB);
	bad_read(x, "unknown_tid", 3);
	answer(x, 2, STV_BOGUS_TID, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 3, 3, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	bad_read(x, "sense_len", 4);
	a = answer(x, 4, 4, VSTOR_STATUS_IO_DEVICE_ERROR, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.sense_info_length, U8_MAX);
	KUNIT_EXPECT_EQ(test, a->srb.scsi_status, SAM_STAT_CHECK_CONDITION);
	KUNIT_EXPECT_EQ(test, a->srb.sense[2], MEDIUM_ERROR);
	bad_read(x, "xfer_len", 5);
	a = answer(x, 5, 5, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, a->srb.data_transfer_length, 512U + HV_PAGE_SIZE);
	bad_read(x, "in_band", 6);
	s = &x->sent[6];
	KUNIT_EXPECT_EQ(test, s->type, VMBUS_PKT_DATA_INBAND);
	KUNIT_EXPECT_EQ(test, s->tid, 6ULL);
	answer(x, 7, 6, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	/* Each fault hits one SRB only. */
	bad_read(x, "short", 7);
	answer(x, 8, 7, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_HDR_SIZE + 8);
	x->nsent = 0;
	KUNIT_ASSERT_EQ(test, fault(x, "clear"), 0);
	p = req(VSTOR_OP_RESET_LUN);
	put_req(x, 8, &p, VSTOR_PACKET_SIZE);
	run(x);
	answer(x, 0, 8, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, stv.stats.malformed, 7UL);
	KUNIT_EXPECT_EQ(test, fault(x, "malformed bogus"), -EINVAL);
}

static void test_hold_reset(struct kunit *test)
{
	struct pctx *x = test->priv;
	struct vstor_packet p = srb(tur, 6, 0, VSTOR_DATA_NONE, 0);
	struct vstor_packet reset = req(VSTOR_OP_RESET_BUS);

	init_at(x, VSTOR_VERSION_WIN10);
	open_sub(x);
	KUNIT_ASSERT_EQ(test, fault(x, "hold"), 0);
	put_req(x, 1, &p, VSTOR_PACKET_SIZE);
	run(x);
	x->put_to = &x->sub_prod;
	put_req(x, 2, &p, VSTOR_PACKET_SIZE);
	run_sub(x);
	KUNIT_EXPECT_EQ(test, x->nsent, 0U);
	/* A reset on the primary: held answers of both channels first. */
	x->put_to = &x->prod;
	put_req(x, 3, &reset, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 3U);
	answer(x, 0, 2, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_PTR_EQ(test, x->sent[0].ch, &x->sub);
	answer(x, 1, 1, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 2, 3, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);

	/*
	 * The reset ended the hold. Armed again with reset_drop, the held
	 * answer is lost, and what follows the reset is answered at once.
	 */
	KUNIT_EXPECT_FALSE(test, stv.faults.hold);
	KUNIT_ASSERT_EQ(test, fault(x, "reset_drop"), 0);
	KUNIT_ASSERT_EQ(test, fault(x, "hold"), 0);
	put_req(x, 4, &p, VSTOR_PACKET_SIZE);
	reset.operation = VSTOR_OP_RESET_LUN;
	put_req(x, 5, &reset, VSTOR_PACKET_SIZE);
	put_req(x, 6, &p, VSTOR_PACKET_SIZE);
	run(x);
	KUNIT_ASSERT_EQ(test, x->nsent, 5U);
	answer(x, 3, 5, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	answer(x, 4, 6, VSTOR_STATUS_SUCCESS, VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, stv.stats.held_dropped, 1UL);
	KUNIT_EXPECT_EQ(test, stv.stats.resets, 2UL);
}

static void test_layout_ctrl(struct kunit *test)
{
	struct pctx *x = test->priv;

	/* LUN commands name a controller as their last number. */
	KUNIT_ASSERT_EQ(test, fault(x, "add 3 1 1"), 0);
	KUNIT_EXPECT_NOT_NULL(test, stv.targets[1].lun[3]);
	KUNIT_EXPECT_NULL(test, stv.targets[0].lun[3]);
	KUNIT_EXPECT_EQ(test, fault(x, "error 3 3 0x11 0 1"), 0);
	KUNIT_EXPECT_TRUE(test, stv.targets[1].lun[3]->err_armed);
	KUNIT_EXPECT_EQ(test, fault(x, "add 3 1 8"), -EINVAL);
	KUNIT_EXPECT_EQ(test, fault(x, "remove 3 1"), 0);
	KUNIT_EXPECT_EQ(test, fault(x, "remove 3 1"), -ENOENT);
}

static void test_plan_azure(struct kunit *test)
{
	struct pctx *x = test->priv;
	char luns[sizeof(scsi_luns)];
	int ret;

	/* OS and resource disk on controller 0, scsi_luns on 1, added. */
	strscpy(luns, scsi_luns, sizeof(luns));
	strscpy(scsi_layout, "azure", sizeof(scsi_layout));
	strscpy(scsi_luns, "3,1", sizeof(scsi_luns));
	ret = stv_plan(x->h);
	strscpy(scsi_layout, "", sizeof(scsi_layout));
	strscpy(scsi_luns, luns, sizeof(scsi_luns));
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, stv.lun_mb[0][0], scsi_os_mb);
	KUNIT_EXPECT_EQ(test, stv.lun_mb[0][1], scsi_resource_mb);
	KUNIT_EXPECT_EQ(test, stv.lun_mb[0][2], 0U);
	KUNIT_EXPECT_EQ(test, stv.lun_mb[1][0], 3U);
	KUNIT_EXPECT_EQ(test, stv.lun_mb[1][1], 1U);
	KUNIT_EXPECT_EQ(test, x->devices_added, 1U);
}

static struct kunit_case proto_cases[] = {
	KUNIT_CASE(test_init_sequence),
	KUNIT_CASE(test_out_of_order),
	KUNIT_CASE(test_max_version),
	KUNIT_CASE(test_pre_win8),
	KUNIT_CASE(test_win8_short_srb),
	KUNIT_CASE(test_gpa_read_write),
	KUNIT_CASE(test_gpa_bad),
	KUNIT_CASE(test_framing),
	KUNIT_CASE(test_srb_results),
	KUNIT_CASE(test_reorder),
	KUNIT_CASE(test_delay),
	KUNIT_CASE(test_rescan),
	KUNIT_CASE(test_subchannels),
	KUNIT_CASE(test_subchannels_init),
	KUNIT_CASE(test_busy),
	KUNIT_CASE(test_malformed),
	KUNIT_CASE(test_hold_reset),
	KUNIT_CASE(test_layout_ctrl),
	KUNIT_CASE(test_plan_azure),
	{}
};

static struct kunit_suite proto_suite = {
	.name = "hv_sim_storvsp_proto",
	.init = proto_init,
	.exit = proto_exit,
	.test_cases = proto_cases,
};

kunit_test_suite(proto_suite);

HVG_IMPORT_NS();
