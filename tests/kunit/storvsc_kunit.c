// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: hv_storvsc's pure helpers without a channel - the verdict on
 * an answered SRB (host byte, status, sense bounds, residue) and the
 * page range of a data buffer (offsets, PFNs, holes, limits), the
 * sub-channel count asked for, the channel of a hardware queue and the
 * ring-size parameter's range; the checks of packets from the host
 * (answers, ids, host messages, properties, sub-channel indexes). The
 * module builds wire.c in itself, so it needs neither hv_storvsc nor a
 * device.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "../../drivers/scsi/storvsc/wire.c"

/* ------------------------------------------------------------------ */
/* Verdicts                                                            */
/* ------------------------------------------------------------------ */

static struct vstor_srb srb_answer(u8 srb_status, u8 scsi_status,
				   u32 moved, u8 sense_len)
{
	struct vstor_srb srb = {
		.srb_status = srb_status,
		.scsi_status = scsi_status,
		.data_transfer_length = moved,
		.sense_info_length = sense_len,
	};

	return srb;
}

static void verdict_success(struct kunit *test)
{
	struct vstor_srb srb = srb_answer(SRB_STATUS_SUCCESS, 0, 4096, 0);
	struct storvsc_verdict v;

	storvsc_srb_verdict(&srb, 4096, 96, &v);
	KUNIT_EXPECT_EQ(test, v.host_byte, DID_OK);
	KUNIT_EXPECT_EQ(test, v.scsi_status, 0);
	KUNIT_EXPECT_EQ(test, v.sense_len, 0);
	KUNIT_EXPECT_EQ(test, v.resid, 0);
	KUNIT_EXPECT_FALSE(test, v.clamped);

	/* The queue-frozen flag does not change the code. */
	srb.srb_status |= SRB_STATUS_FLAG_QUEUE_FROZEN;
	storvsc_srb_verdict(&srb, 4096, 96, &v);
	KUNIT_EXPECT_EQ(test, v.host_byte, DID_OK);
}

static void verdict_check_condition(struct kunit *test)
{
	struct vstor_srb srb = srb_answer(SRB_STATUS_ERROR |
					  SRB_STATUS_FLAG_AUTOSENSE_VALID,
					  SAM_STAT_CHECK_CONDITION, 512, 18);
	struct storvsc_verdict v;

	storvsc_srb_verdict(&srb, 512, 96, &v);
	/* The sense data decides, not the host byte. */
	KUNIT_EXPECT_EQ(test, v.host_byte, DID_OK);
	KUNIT_EXPECT_EQ(test, v.scsi_status, SAM_STAT_CHECK_CONDITION);
	KUNIT_EXPECT_EQ(test, v.sense_len, 18);
	/* A failed command moved nothing, whatever the host says. */
	KUNIT_EXPECT_EQ(test, v.resid, 512);

	/* Sense is bounded by the wire field and by the midlayer buffer. */
	srb.sense_info_length = 255;
	storvsc_srb_verdict(&srb, 512, 96, &v);
	KUNIT_EXPECT_EQ(test, v.sense_len, VSTOR_SENSE_SIZE);
	storvsc_srb_verdict(&srb, 512, 8, &v);
	KUNIT_EXPECT_EQ(test, v.sense_len, 8);

	/* Without the autosense flag there is no sense and it is an error. */
	srb.srb_status = SRB_STATUS_ERROR;
	storvsc_srb_verdict(&srb, 512, 96, &v);
	KUNIT_EXPECT_EQ(test, v.sense_len, 0);
	KUNIT_EXPECT_EQ(test, v.host_byte, DID_ERROR);

	/* The autosense flag without a check condition copies nothing. */
	srb = srb_answer(SRB_STATUS_SUCCESS | SRB_STATUS_FLAG_AUTOSENSE_VALID,
			 0, 512, 18);
	storvsc_srb_verdict(&srb, 512, 96, &v);
	KUNIT_EXPECT_EQ(test, v.sense_len, 0);
}

static void verdict_host_bytes(struct kunit *test)
{
	static const struct {
		u8 srb_status;
		u8 host_byte;
	} cases[] = {
		{ SRB_STATUS_INVALID_LUN, DID_NO_CONNECT },
		{ SRB_STATUS_INVALID_TARGET_ID, DID_NO_CONNECT },
		{ SRB_STATUS_INVALID_PATH_ID, DID_NO_CONNECT },
		{ SRB_STATUS_NO_DEVICE, DID_NO_CONNECT },
		{ SRB_STATUS_BUSY, DID_BUS_BUSY },
		{ SRB_STATUS_BUS_RESET, DID_RESET },
		{ SRB_STATUS_ABORTED, DID_ERROR },
		{ SRB_STATUS_ERROR, DID_ERROR },
		{ SRB_STATUS_INVALID_REQUEST, DID_ERROR },
		{ SRB_STATUS_TIMEOUT, DID_ERROR },
		{ SRB_STATUS_INTERNAL_ERROR, DID_ERROR },
		{ SRB_STATUS_PENDING, DID_ERROR },
		{ 0x3f, DID_ERROR },
	};
	struct storvsc_verdict v;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct vstor_srb srb = srb_answer(cases[i].srb_status, 0,
						  4096, 0);

		storvsc_srb_verdict(&srb, 4096, 96, &v);
		KUNIT_EXPECT_EQ_MSG(test, v.host_byte, cases[i].host_byte,
				    "srb status %#x", cases[i].srb_status);
		KUNIT_EXPECT_EQ_MSG(test, v.resid, 4096,
				    "srb status %#x", cases[i].srb_status);
	}
}

static void verdict_lengths(struct kunit *test)
{
	struct vstor_srb srb = srb_answer(SRB_STATUS_DATA_OVERRUN, 0, 100, 0);
	struct storvsc_verdict v;

	/* Underrun: the residue is what did not move. */
	storvsc_srb_verdict(&srb, 512, 96, &v);
	KUNIT_EXPECT_EQ(test, v.host_byte, DID_OK);
	KUNIT_EXPECT_EQ(test, v.resid, 412);
	KUNIT_EXPECT_FALSE(test, v.clamped);

	/* A host claiming more than the buffer is clamped, and says so. */
	srb = srb_answer(SRB_STATUS_SUCCESS, 0, 0xffffffff, 0);
	storvsc_srb_verdict(&srb, 512, 96, &v);
	KUNIT_EXPECT_EQ(test, v.resid, 0);
	KUNIT_EXPECT_TRUE(test, v.clamped);

	srb = srb_answer(SRB_STATUS_SUCCESS, 0, 0, 0);
	storvsc_srb_verdict(&srb, 0, 96, &v);
	KUNIT_EXPECT_EQ(test, v.resid, 0);
}

/* ------------------------------------------------------------------ */
/* Page ranges                                                         */
/* ------------------------------------------------------------------ */

#define TEST_PFNS	8

/* Four contiguous guest pages, at least 16 KiB, freed by the test. */
static struct page *test_pages(struct kunit *test)
{
	struct page *pages = alloc_pages(GFP_KERNEL, 2);

	KUNIT_ASSERT_NOT_NULL(test, pages);
	return pages;
}

static u64 hvpfn(struct page *page, u32 offset)
{
	return (page_to_phys(page) + offset) >> HV_PAGE_SHIFT;
}

static void range_one_entry(struct kunit *test)
{
	struct page *pages = test_pages(test);
	struct vmbus_gpa_range *r = kunit_kzalloc(test, struct_size(r, pfn, TEST_PFNS),
						  GFP_KERNEL);
	struct scatterlist sg;
	u32 n = 0;

	KUNIT_ASSERT_NOT_NULL(test, r);
	sg_init_table(&sg, 1);
	sg_set_page(&sg, pages, HV_PAGE_SIZE, 0);
	KUNIT_EXPECT_EQ(test, storvsc_sg_to_range(&sg, 1, HV_PAGE_SIZE, r,
						  TEST_PFNS, &n), 0);
	KUNIT_EXPECT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, r->byte_offset, 0);
	KUNIT_EXPECT_EQ(test, r->byte_count, HV_PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, r->pfn[0], hvpfn(pages, 0));

	/* 2 pages from 512 bytes in: touches three 4 KiB pages. */
	sg_set_page(&sg, pages, 2 * HV_PAGE_SIZE, 512);
	KUNIT_EXPECT_EQ(test, storvsc_sg_to_range(&sg, 1, 2 * HV_PAGE_SIZE,
						  r, TEST_PFNS, &n), 0);
	KUNIT_EXPECT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, r->byte_offset, 512);
	KUNIT_EXPECT_EQ(test, r->pfn[0], hvpfn(pages, 0));
	KUNIT_EXPECT_EQ(test, r->pfn[2], hvpfn(pages, 0) + 2);

	/* An offset beyond the first 4 KiB (as 64 KiB-page kernels make). */
	sg_set_page(&sg, pages, 100, HV_PAGE_SIZE + 904);
	KUNIT_EXPECT_EQ(test, storvsc_sg_to_range(&sg, 1, 100, r,
						  TEST_PFNS, &n), 0);
	KUNIT_EXPECT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, r->byte_offset, 904);
	KUNIT_EXPECT_EQ(test, r->pfn[0], hvpfn(pages, HV_PAGE_SIZE));

	/* Too many pages for the array. */
	sg_set_page(&sg, pages, 3 * HV_PAGE_SIZE, 1);
	KUNIT_EXPECT_EQ(test, storvsc_sg_to_range(&sg, 1, 3 * HV_PAGE_SIZE,
						  r, 3, &n), -E2BIG);

	/* Entries must add up to the command's length. */
	sg_set_page(&sg, pages, HV_PAGE_SIZE, 0);
	KUNIT_EXPECT_EQ(test, storvsc_sg_to_range(&sg, 1, HV_PAGE_SIZE + 1,
						  r, TEST_PFNS, &n),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, storvsc_sg_to_range(&sg, 0, 0, r,
						  TEST_PFNS, &n), -EINVAL);
	__free_pages(pages, 2);
}

static void range_two_entries(struct kunit *test)
{
	struct page *a = test_pages(test), *b = test_pages(test);
	struct vmbus_gpa_range *r = kunit_kzalloc(test, struct_size(r, pfn, TEST_PFNS),
						  GFP_KERNEL);
	struct scatterlist sg[2];
	u32 n = 0;

	KUNIT_ASSERT_NOT_NULL(test, r);
	/* Tail of a page, then a whole page elsewhere: no hole. */
	sg_init_table(sg, 2);
	sg_set_page(&sg[0], a, 1024, 3 * 1024);
	sg_set_page(&sg[1], b, HV_PAGE_SIZE, 0);
	KUNIT_EXPECT_EQ(test, storvsc_sg_to_range(sg, 2, 1024 + HV_PAGE_SIZE,
						  r, TEST_PFNS, &n), 0);
	KUNIT_EXPECT_EQ(test, n, 2);
	KUNIT_EXPECT_EQ(test, r->byte_offset, 3 * 1024);
	KUNIT_EXPECT_EQ(test, r->byte_count, 1024 + HV_PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, r->pfn[0], hvpfn(a, 0));
	KUNIT_EXPECT_EQ(test, r->pfn[1], hvpfn(b, 0));

	/* A first entry ending inside a page leaves a hole. */
	sg_set_page(&sg[0], a, 1024, 0);
	KUNIT_EXPECT_EQ(test, storvsc_sg_to_range(sg, 2, 1024 + HV_PAGE_SIZE,
						  r, TEST_PFNS, &n),
			-EINVAL);

	/* So does a second entry starting inside one. */
	sg_set_page(&sg[0], a, HV_PAGE_SIZE, 0);
	sg_set_page(&sg[1], b, 512, 512);
	KUNIT_EXPECT_EQ(test, storvsc_sg_to_range(sg, 2, HV_PAGE_SIZE + 512,
						  r, TEST_PFNS, &n),
			-EINVAL);

	/* The last entry may end anywhere. */
	sg_set_page(&sg[1], b, 512, 0);
	KUNIT_EXPECT_EQ(test, storvsc_sg_to_range(sg, 2, HV_PAGE_SIZE + 512,
						  r, TEST_PFNS, &n), 0);
	KUNIT_EXPECT_EQ(test, n, 2);
	__free_pages(a, 2);
	__free_pages(b, 2);
}

/* ------------------------------------------------------------------ */
/* Channels and parameters                                             */
/* ------------------------------------------------------------------ */

static void sub_channel_count_rule(struct kunit *test)
{
	const u32 mc = VSTOR_PROPERTY_SUPPORTS_MULTI_CHANNEL;

	/* No multi-channel flag: none, whatever the count says. */
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(0, 8, 4, 0), 0);
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(0x2, 8, 4, 0), 0);
	/* One per CPU besides the primary's, at most the host's. */
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(mc, 8, 4, 0), 3);
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(mc, 2, 4, 0), 2);
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(mc, 0, 4, 0), 0);
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(mc, 8, 1, 0), 0);
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(mc, 8, 0, 0), 0);
	/* storvsc_max_hw_queues counts the primary's queue. */
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(mc, 8, 4, 2), 1);
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(mc, 8, 4, 1), 0);
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(mc, 8, 4, 64), 3);
	/* A host's huge count meets the table's bound. */
	KUNIT_EXPECT_EQ(test, storvsc_sub_channel_count(mc, 0xffff, 1024, 0),
			STORVSC_MAX_SUB_CHANNELS);
}

static void queue_to_channel(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, storvsc_queue_chan(0, 4, true), 0);
	KUNIT_EXPECT_EQ(test, storvsc_queue_chan(0, 4, false), 0);
	KUNIT_EXPECT_EQ(test, storvsc_queue_chan(1, 4, true), 1);
	KUNIT_EXPECT_EQ(test, storvsc_queue_chan(3, 4, true), 3);
	/* Not open (yet, or any more): the primary. */
	KUNIT_EXPECT_EQ(test, storvsc_queue_chan(2, 4, false), 0);
	/* A queue beyond the channels asked for. */
	KUNIT_EXPECT_EQ(test, storvsc_queue_chan(4, 4, true), 0);
	KUNIT_EXPECT_EQ(test, storvsc_queue_chan(1, 1, true), 0);
}

static void ring_size_param(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, storvsc_ring_size_ok(128 * 1024));
	KUNIT_EXPECT_TRUE(test, storvsc_ring_size_ok(STORVSC_RING_MIN));
	KUNIT_EXPECT_TRUE(test, storvsc_ring_size_ok(STORVSC_RING_MAX));
	KUNIT_EXPECT_FALSE(test, storvsc_ring_size_ok(0));
	KUNIT_EXPECT_FALSE(test, storvsc_ring_size_ok(STORVSC_RING_MIN - 1));
	KUNIT_EXPECT_FALSE(test, storvsc_ring_size_ok(STORVSC_RING_MAX + 1));
	KUNIT_EXPECT_FALSE(test, storvsc_ring_size_ok(1ULL << 32));
}

/* ------------------------------------------------------------------ */
/* Packets from the host                                               */
/* ------------------------------------------------------------------ */

static void tid_fields(struct kunit *test)
{
	u64 tid = storvsc_tid_make(257, 64, 0xfedcba98);

	KUNIT_EXPECT_EQ(test, tid, 0xfedcba9800400101ULL);
	KUNIT_EXPECT_EQ(test, storvsc_tid_slot(tid), 257);
	KUNIT_EXPECT_EQ(test, storvsc_tid_chan(tid), 64);
	/* Never 0 for a slot, whatever the sequence. */
	KUNIT_EXPECT_NE(test, storvsc_tid_make(1, 0, 0), 0);
}

static const struct storvsc_rx_ctx rx_ctx = {
	.chan = 2,
	.nslots = 256,
	.min_len = VSTOR_PACKET_SIZE,
};

/* A payload of @len bytes: @op, status 7, 0xee in every other byte. */
static int rx(u16 type, u64 tid, u32 op, u32 len, struct storvsc_rx *r)
{
	u8 buf[sizeof(struct vstor_packet) + 8];
	u32 status = 7;

	memset(buf, 0xee, sizeof(buf));
	memcpy(buf + offsetof(struct vstor_packet, operation), &op, sizeof(op));
	memcpy(buf + offsetof(struct vstor_packet, status), &status,
	       sizeof(status));
	return storvsc_rx_parse(type, tid, buf, len, &rx_ctx, r);
}

static void rx_answers(struct kunit *test)
{
	u64 tid = storvsc_tid_make(5, 2, 9);
	struct storvsc_rx r;

	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_COMPLETION, tid, VSTOR_OP_COMPLETE_IO,
				 VSTOR_PACKET_SIZE, &r), STORVSC_RX_ANSWER);
	KUNIT_EXPECT_EQ(test, r.slot, 5);
	KUNIT_EXPECT_EQ(test, r.answer_err, 0);
	KUNIT_EXPECT_EQ(test, r.pkt.status, 7);
	/* Short: still the answer of its request, which fails. */
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_COMPLETION, tid, VSTOR_OP_COMPLETE_IO,
				 VSTOR_PACKET_SIZE - 1, &r), STORVSC_RX_ANSWER);
	KUNIT_EXPECT_EQ(test, r.answer_err, -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, r.len, VSTOR_PACKET_SIZE - 1);
	/* The copy holds the payload and zeros after it. */
	KUNIT_EXPECT_EQ(test, r.pkt.raw[VSTOR_SRB_SIZE - 2], 0xee);
	KUNIT_EXPECT_EQ(test, r.pkt.raw[VSTOR_SRB_SIZE - 1], 0);
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_COMPLETION, tid, VSTOR_OP_EXECUTE_SRB,
				 VSTOR_PACKET_SIZE, &r), STORVSC_RX_ANSWER);
	KUNIT_EXPECT_EQ(test, r.answer_err, -EPROTO);
	/* Longer than a packet: the packet is read. */
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_COMPLETION, tid, VSTOR_OP_COMPLETE_IO,
				 VSTOR_PACKET_SIZE + 8, &r), STORVSC_RX_ANSWER);
	KUNIT_EXPECT_EQ(test, r.answer_err, 0);
}

static void rx_bad_ids(struct kunit *test)
{
	struct storvsc_rx r;

	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_COMPLETION, 0, VSTOR_OP_COMPLETE_IO,
				 VSTOR_PACKET_SIZE, &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_COMPLETION, storvsc_tid_make(0, 2, 9),
				 VSTOR_OP_COMPLETE_IO, VSTOR_PACKET_SIZE, &r),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_COMPLETION, storvsc_tid_make(257, 2, 9),
				 VSTOR_OP_COMPLETE_IO, VSTOR_PACKET_SIZE, &r),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_COMPLETION, storvsc_tid_make(256, 2, 9),
				 VSTOR_OP_COMPLETE_IO, VSTOR_PACKET_SIZE, &r),
			STORVSC_RX_ANSWER);
	/* An answer for a request of another channel. */
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_COMPLETION, storvsc_tid_make(1, 0, 9),
				 VSTOR_OP_COMPLETE_IO, VSTOR_PACKET_SIZE, &r),
			-EXDEV);
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_COMPLETION, storvsc_tid_make(1, 3, 9),
				 VSTOR_OP_COMPLETE_IO, VSTOR_PACKET_SIZE, &r),
			-EXDEV);
}

static void rx_host_messages(struct kunit *test)
{
	struct storvsc_rx r;

	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_DATA_INBAND, 0, VSTOR_OP_ENUMERATE_BUS,
				 VSTOR_PACKET_SIZE, &r), STORVSC_RX_RESCAN);
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_DATA_INBAND, 0, VSTOR_OP_REMOVE_DEVICE,
				 VSTOR_PACKET_SIZE, &r), STORVSC_RX_RESCAN);
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_DATA_INBAND, 0, VSTOR_OP_ENUMERATE_BUS,
				 VSTOR_PACKET_SIZE - 1, &r), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_DATA_INBAND, 0, VSTOR_OP_ENUMERATE_BUS,
				 0, &r), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_DATA_INBAND, 0, VSTOR_OP_COMPLETE_IO,
				 VSTOR_PACKET_SIZE, &r), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, r.op, VSTOR_OP_COMPLETE_IO);
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_DATA_INBAND, 0, VSTOR_OP_FC_HBA_DATA,
				 VSTOR_PACKET_SIZE, &r), -EOPNOTSUPP);
	/* Neither an answer nor a message. */
	KUNIT_EXPECT_EQ(test, rx(VMBUS_PKT_DATA_GPA_DIRECT, 1, VSTOR_OP_COMPLETE_IO,
				 VSTOR_PACKET_SIZE, &r), -EPROTO);
}

static void answer_lengths(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, storvsc_answer_len(0), VSTOR_PACKET_SIZE_PRE_WIN8);
	KUNIT_EXPECT_EQ(test, storvsc_answer_len(VSTOR_VERSION_WIN7),
			VSTOR_PACKET_SIZE_PRE_WIN8);
	KUNIT_EXPECT_EQ(test, storvsc_answer_len(VSTOR_VERSION_WIN8),
			VSTOR_PACKET_SIZE);
	KUNIT_EXPECT_EQ(test, storvsc_answer_len(VSTOR_VERSION_WIN10),
			VSTOR_PACKET_SIZE);
}

static void properties(struct kunit *test)
{
	struct vstor_packet pkt = {};
	struct storvsc_props p;

	pkt.properties.max_transfer_bytes = 0x40000 + 100;
	pkt.properties.flags = VSTOR_PROPERTY_SUPPORTS_MULTI_CHANNEL;
	pkt.properties.max_channel_count = 0xffff;
	KUNIT_EXPECT_EQ(test, storvsc_props_parse(&pkt, &p), 0);
	KUNIT_EXPECT_EQ(test, p.max_xfer, 0x40000);
	KUNIT_EXPECT_EQ(test, p.flags, VSTOR_PROPERTY_SUPPORTS_MULTI_CHANNEL);
	KUNIT_EXPECT_EQ(test, p.max_chans, 0xffff);
	pkt.properties.max_transfer_bytes = U32_MAX;
	KUNIT_EXPECT_EQ(test, storvsc_props_parse(&pkt, &p), 0);
	KUNIT_EXPECT_EQ(test, p.max_xfer, STORVSC_MAX_XFER);
	pkt.properties.max_transfer_bytes = HV_PAGE_SIZE - 1;
	KUNIT_EXPECT_EQ(test, storvsc_props_parse(&pkt, &p), -EPROTO);
	KUNIT_EXPECT_TRUE(test, storvsc_sub_index_ok(1, 2));
	KUNIT_EXPECT_TRUE(test, storvsc_sub_index_ok(64, 65));
	KUNIT_EXPECT_FALSE(test, storvsc_sub_index_ok(0, 65));
	KUNIT_EXPECT_FALSE(test, storvsc_sub_index_ok(2, 2));
	KUNIT_EXPECT_FALSE(test, storvsc_sub_index_ok(0xffff, 65));
}

static struct kunit_case storvsc_cases[] = {
	KUNIT_CASE(verdict_success),
	KUNIT_CASE(verdict_check_condition),
	KUNIT_CASE(verdict_host_bytes),
	KUNIT_CASE(verdict_lengths),
	KUNIT_CASE(range_one_entry),
	KUNIT_CASE(range_two_entries),
	KUNIT_CASE(sub_channel_count_rule),
	KUNIT_CASE(queue_to_channel),
	KUNIT_CASE(ring_size_param),
	KUNIT_CASE(tid_fields),
	KUNIT_CASE(rx_answers),
	KUNIT_CASE(rx_bad_ids),
	KUNIT_CASE(rx_host_messages),
	KUNIT_CASE(answer_lengths),
	KUNIT_CASE(properties),
	{}
};

static struct kunit_suite storvsc_suite = {
	.name = "hv_storvsc",
	.test_cases = storvsc_cases,
};

kunit_test_suite(storvsc_suite);

MODULE_DESCRIPTION("KUnit tests for hv_storvsc's helpers");
MODULE_LICENSE("GPL");
