// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the VMBus ring buffer (drivers/hv/vmbus/ring.c).
 *
 * A producer and a consumer share one ring, as the guest and the host do,
 * in a buffer of exactly the ring's size: KASAN (or ASan, when
 * tests/userspace runs this file) reports any access past its end. The
 * corruption cases play a hostile other side and write bad indices and
 * descriptors straight into the shared memory.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <hv/ring.h>

#define DESC_SIZE	((u32)sizeof(struct vmbus_pkt_desc))
#define TRAILER		VMBUS_PKT_TRAILER_SIZE
#define OFFSET8		(DESC_SIZE / VMBUS_PKT_ALIGN)

/* Bytes a packet with @payload bytes of payload takes in the ring. */
#define PKT_TOTAL(payload) \
	(ALIGN(DESC_SIZE + (payload), VMBUS_PKT_ALIGN) + TRAILER)
/* Payload that makes a packet take @total bytes (a multiple of 8). */
#define PAYLOAD_FOR(total)	((total) - DESC_SIZE - TRAILER)

/* One ring seen from both ends. */
struct ring_pair {
	struct kunit *test;
	u8 *mem;
	u32 total;
	u32 size;
	u32 max_pkt;
	struct hv_ring prod;
	struct hv_ring cons;
	u8 *payload;
	u8 *buf;
};

static struct vmbus_ring_control *ctrl_of(struct ring_pair *rp)
{
	return (struct vmbus_ring_control *)rp->mem;
}

static u8 *data_of(struct ring_pair *rp)
{
	return rp->mem + HV_PAGE_SIZE;
}

static void pair_init(struct kunit *test, struct ring_pair *rp, u32 pages,
		      u32 max_pkt)
{
	memset(rp, 0, sizeof(*rp));
	rp->test = test;
	rp->total = pages * HV_PAGE_SIZE;
	rp->size = rp->total - HV_PAGE_SIZE;
	rp->max_pkt = max_pkt;
	rp->mem = kunit_kzalloc(test, rp->total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rp->mem);
	rp->payload = kunit_kzalloc(test, max_pkt, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rp->payload);
	rp->buf = kunit_kzalloc(test, max_pkt, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rp->buf);
	KUNIT_ASSERT_EQ(test, hv_ring_init(&rp->prod, rp->mem, rp->total,
					   max_pkt), 0);
	hv_ring_init_shared(&rp->prod);
	KUNIT_ASSERT_EQ(test, hv_ring_init(&rp->cons, rp->mem, rp->total,
					   max_pkt), 0);
}

static u8 pattern(u32 seed, u32 i)
{
	return (u8)(seed * 31 + i * 7 + 1);
}

static u64 trans_id_of(u32 seed, u32 payload)
{
	return (u64)seed << 32 | payload;
}

/*
 * Write a packet of @payload bytes (pattern(@seed, i)) from four iovs: the
 * descriptor, the first @split bytes of payload, an empty entry without a
 * buffer, the rest. @signal may be NULL.
 */
static int send_pkt_split(struct ring_pair *rp, u32 payload, u32 split,
			  u32 seed, bool *signal)
{
	struct vmbus_pkt_desc desc = {
		.type = VMBUS_PKT_DATA_INBAND,
		.offset8 = OFFSET8,
		.len8 = ALIGN(DESC_SIZE + payload, VMBUS_PKT_ALIGN) /
			VMBUS_PKT_ALIGN,
		.flags = VMBUS_PKT_FLAG_COMPLETION_REQUESTED,
		.trans_id = trans_id_of(seed, payload),
	};
	struct kvec iov[4] = {
		{ .iov_base = &desc, .iov_len = sizeof(desc) },
		{ .iov_base = rp->payload, .iov_len = split },
		{ .iov_base = NULL, .iov_len = 0 },
		{ .iov_base = rp->payload + split, .iov_len = payload - split },
	};
	bool unused;
	u32 i;

	for (i = 0; i < min(payload, rp->max_pkt); i++)
		rp->payload[i] = pattern(seed, i);
	return hv_ring_write(&rp->prod, iov, ARRAY_SIZE(iov),
			     signal ? signal : &unused);
}

/* Write a packet of @payload bytes (pattern(@seed, i)); @signal may be NULL. */
static int send_pkt(struct ring_pair *rp, u32 payload, u32 seed, bool *signal)
{
	return send_pkt_split(rp, payload, payload, seed, signal);
}

/* Read the next packet and check it is the one send_pkt() wrote. */
static void expect_pkt(struct ring_pair *rp, u32 payload, u32 seed)
{
	struct kunit *test = rp->test;
	u32 len = ALIGN(DESC_SIZE + payload, VMBUS_PKT_ALIGN);
	struct hv_ring_pkt pkt;
	u32 i, bad = 0;

	memset(rp->buf, 0xcc, rp->max_pkt);
	KUNIT_ASSERT_EQ(test, hv_ring_read(&rp->cons, rp->buf, rp->max_pkt,
					   &pkt), 0);
	KUNIT_EXPECT_EQ(test, pkt.len, len);
	KUNIT_EXPECT_EQ(test, pkt.payload_offset, DESC_SIZE);
	KUNIT_EXPECT_EQ(test, pkt.desc.type, VMBUS_PKT_DATA_INBAND);
	KUNIT_EXPECT_EQ(test, pkt.desc.flags,
			VMBUS_PKT_FLAG_COMPLETION_REQUESTED);
	KUNIT_EXPECT_EQ(test, pkt.desc.trans_id, trans_id_of(seed, payload));
	KUNIT_EXPECT_EQ(test, memcmp(rp->buf, &pkt.desc, DESC_SIZE), 0);
	for (i = 0; i < payload; i++)
		bad += rp->buf[DESC_SIZE + i] != pattern(seed, i);
	for (i = DESC_SIZE + payload; i < len; i++)
		bad += rp->buf[i] != 0;
	for (i = len; i < min(len + 8, rp->max_pkt); i++)
		bad += rp->buf[i] != 0xcc;
	KUNIT_EXPECT_EQ_MSG(test, bad, 0, "payload %u seed %u", payload, seed);
}

static u64 trailer_at(struct ring_pair *rp, u32 at)
{
	u64 v;

	memcpy(&v, data_of(rp) + at, sizeof(v));
	return v;
}

/* Move the empty ring's indices to @target with packets read at once. */
static void pair_move_to(struct ring_pair *rp, u32 target)
{
	struct kunit *test = rp->test;
	unsigned int i;

	for (i = 0; i < 256 && rp->prod.write_index != target; i++) {
		u32 todo = (target - rp->prod.write_index + rp->size) % rp->size;
		u32 step;

		if (todo < PKT_TOTAL(0))
			todo += rp->size;
		if (todo <= 512)
			step = todo;
		else if (todo - 512 < PKT_TOTAL(0))
			step = todo - PKT_TOTAL(0);
		else
			step = 512;
		KUNIT_ASSERT_EQ(test, send_pkt(rp, PAYLOAD_FOR(step), i, NULL),
				0);
		expect_pkt(rp, PAYLOAD_FOR(step), i);
		hv_ring_read_commit(&rp->cons);
	}
	KUNIT_ASSERT_EQ(test, rp->prod.write_index, target);
	KUNIT_ASSERT_EQ(test, rp->cons.read_index, target);
}

/* --- Set-up ------------------------------------------------------------ */

static void ring_init_bad_sizes(struct kunit *test)
{
	u8 *mem = kunit_kzalloc(test, 4 * HV_PAGE_SIZE, GFP_KERNEL);
	struct hv_ring ring;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, mem);
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, HV_PAGE_SIZE, 64),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 0, 64), -EINVAL);
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 2 * HV_PAGE_SIZE + 8,
					   64), -EINVAL);
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 3 * HV_PAGE_SIZE - 1,
					   64), -EINVAL);
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem + 4, 2 * HV_PAGE_SIZE,
					   64), -EINVAL);
	/* max_pkt: at least a descriptor, and packet + trailer not full. */
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 2 * HV_PAGE_SIZE,
					   DESC_SIZE - 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 2 * HV_PAGE_SIZE,
					   DESC_SIZE), 0);
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 2 * HV_PAGE_SIZE,
					   HV_PAGE_SIZE - 2 * TRAILER), 0);
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 2 * HV_PAGE_SIZE,
					   HV_PAGE_SIZE - 2 * TRAILER + 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 2 * HV_PAGE_SIZE,
					   HV_PAGE_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 4 * HV_PAGE_SIZE,
					   3 * HV_PAGE_SIZE - 16), 0);
	KUNIT_EXPECT_EQ(test, ring.size, 3 * HV_PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, ring.data == mem + HV_PAGE_SIZE);
}

static void ring_init_bad_shared_indices(struct kunit *test)
{
	static const u32 bad[] = { 2 * HV_PAGE_SIZE, HV_PAGE_SIZE, 12, 4,
				   HV_PAGE_SIZE + 8, 0xfffffff8 };
	u8 *mem = kunit_kzalloc(test, 2 * HV_PAGE_SIZE, GFP_KERNEL);
	struct vmbus_ring_control *ctrl = (void *)mem;
	struct hv_ring ring;
	unsigned int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, mem);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ctrl->write_index = bad[i];
		ctrl->read_index = 0;
		KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 2 * HV_PAGE_SIZE,
						   64), -EIO);
		ctrl->write_index = 0;
		ctrl->read_index = bad[i];
		KUNIT_EXPECT_EQ(test, hv_ring_init(&ring, mem, 2 * HV_PAGE_SIZE,
						   64), -EIO);
	}
	ctrl->write_index = HV_PAGE_SIZE - 8;
	ctrl->read_index = 136;
	KUNIT_ASSERT_EQ(test, hv_ring_init(&ring, mem, 2 * HV_PAGE_SIZE, 64),
			0);
	KUNIT_EXPECT_EQ(test, ring.write_index, HV_PAGE_SIZE - 8);
	KUNIT_EXPECT_EQ(test, ring.read_index, 136);
	KUNIT_EXPECT_FALSE(test, ring.broken);
}

static void ring_init_shared_layout(struct kunit *test)
{
	u8 *mem = kunit_kzalloc(test, 2 * HV_PAGE_SIZE, GFP_KERNEL);
	struct vmbus_ring_control *ctrl = (void *)mem;
	struct hv_ring ring;
	u32 i, bad = 0;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, mem);
	KUNIT_ASSERT_EQ(test, hv_ring_init(&ring, mem, 2 * HV_PAGE_SIZE, 64),
			0);
	memset(mem, 0xff, HV_PAGE_SIZE);
	ring.broken = true;
	hv_ring_init_shared(&ring);
	KUNIT_EXPECT_EQ(test, ctrl->feature_bits,
			VMBUS_RING_FEAT_PENDING_SEND_SIZE);
	ctrl->feature_bits = 0;
	for (i = 0; i < HV_PAGE_SIZE; i++)
		bad += mem[i] != 0;
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, ring.write_index, 0);
	KUNIT_EXPECT_EQ(test, ring.read_index, 0);
	KUNIT_EXPECT_FALSE(test, ring.broken);
}

/* --- Data path --------------------------------------------------------- */

static void ring_empty(struct kunit *test)
{
	struct ring_pair rp;
	struct hv_ring_pkt pkt;

	pair_init(test, &rp, 2, 1024);
	KUNIT_EXPECT_EQ(test, hv_ring_peek(&rp.cons, &pkt), -EAGAIN);
	KUNIT_EXPECT_EQ(test, hv_ring_read(&rp.cons, rp.buf, 1024, &pkt),
			-EAGAIN);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_read(&rp.cons), 0);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_write(&rp.prod), rp.size);
	KUNIT_EXPECT_FALSE(test, hv_ring_read_commit(&rp.cons));
	KUNIT_EXPECT_EQ(test, hv_ring_unmask_interrupts(&rp.cons), 0);
	KUNIT_EXPECT_FALSE(test, rp.cons.broken);
}

static void ring_round_trip_sizes(struct kunit *test)
{
	static const u32 sizes[] = { 0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 100,
				     255, 1000, 1500, 2047, 4000, 8192 - 16 };
	struct ring_pair rp;
	unsigned int i;

	pair_init(test, &rp, 4, 8192);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u32 start = rp.prod.write_index;
		bool signal = false;

		KUNIT_ASSERT_EQ(test, send_pkt(&rp, sizes[i], i, &signal), 0);
		KUNIT_EXPECT_TRUE(test, signal);
		KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->write_index,
				(start + PKT_TOTAL(sizes[i])) % rp.size);
		KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_read(&rp.cons),
				PKT_TOTAL(sizes[i]));
		expect_pkt(&rp, sizes[i], i);
		KUNIT_EXPECT_EQ(test, rp.cons.read_index, rp.prod.write_index);
		KUNIT_EXPECT_FALSE(test, hv_ring_read_commit(&rp.cons));
		KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->read_index,
				rp.prod.write_index);
	}
}

static void ring_padding_and_trailer(struct kunit *test)
{
	struct ring_pair rp;
	u8 *data;
	u32 i, bad = 0;

	pair_init(test, &rp, 2, 1024);
	data = data_of(&rp);
	memset(data, 0xa5, rp.size);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 0, 1, NULL), 0);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 5, 2, NULL), 0);
	/* Second packet: descriptor 24..39, payload 40..44, padding 45..47. */
	for (i = 0; i < 5; i++)
		bad += data[40 + i] != pattern(2, i);
	for (i = 45; i < 48; i++)
		bad += data[i] != 0;
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, trailer_at(&rp, 16), VMBUS_PKT_TRAILER_VALUE(0));
	KUNIT_EXPECT_EQ(test, trailer_at(&rp, 48), VMBUS_PKT_TRAILER_VALUE(24));
	KUNIT_EXPECT_EQ(test, trailer_at(&rp, 48), 24ULL << 32);
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->write_index, 56);
	for (i = 56; i < rp.size; i++)
		bad += data[i] != 0xa5;
	KUNIT_EXPECT_EQ(test, bad, 0);
	expect_pkt(&rp, 0, 1);
	expect_pkt(&rp, 5, 2);
}

static void ring_wrap_payload(struct kunit *test)
{
	struct ring_pair rp;
	u32 i, bad = 0;

	pair_init(test, &rp, 2, 2048);
	pair_move_to(&rp, rp.size - DESC_SIZE);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 40, 3, NULL), 0);
	/* Descriptor in the last 16 bytes, payload from 0, trailer at 40. */
	for (i = 0; i < 40; i++)
		bad += data_of(&rp)[i] != pattern(3, i);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, trailer_at(&rp, 40),
			VMBUS_PKT_TRAILER_VALUE(rp.size - DESC_SIZE));
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->write_index, 48);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_read(&rp.cons), 64);
	expect_pkt(&rp, 40, 3);
	KUNIT_EXPECT_EQ(test, rp.cons.read_index, 48);
}

static void ring_wrap_descriptor(struct kunit *test)
{
	struct ring_pair rp;
	u32 i, bad = 0;

	pair_init(test, &rp, 2, 2048);
	pair_move_to(&rp, rp.size - 8);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 5, 4, NULL), 0);
	/* Descriptor split 8 + 8, payload at 8..12, padding, trailer at 16. */
	for (i = 0; i < 5; i++)
		bad += data_of(&rp)[8 + i] != pattern(4, i);
	for (i = 13; i < 16; i++)
		bad += data_of(&rp)[i] != 0;
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, trailer_at(&rp, 16),
			VMBUS_PKT_TRAILER_VALUE(rp.size - 8));
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->write_index, 24);
	expect_pkt(&rp, 5, 4);
}

static void ring_wrap_trailer_at_end(struct kunit *test)
{
	struct ring_pair rp;

	pair_init(test, &rp, 2, 2048);
	pair_move_to(&rp, rp.size - PKT_TOTAL(8));
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 8, 5, NULL), 0);
	KUNIT_EXPECT_EQ(test, trailer_at(&rp, rp.size - TRAILER),
			VMBUS_PKT_TRAILER_VALUE(rp.size - PKT_TOTAL(8)));
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->write_index, 0);
	expect_pkt(&rp, 8, 5);
	KUNIT_EXPECT_EQ(test, rp.cons.read_index, 0);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 8, 6, NULL), 0);
	expect_pkt(&rp, 8, 6);
}

/*
 * Packets starting at each of the last eight words of the data area, with
 * every amount of padding and the payload split over several iovs: the
 * descriptor, the payload, the padding or the trailer meets the end of the
 * ring at every possible place. Padding is zeroed, the trailer in place,
 * nothing past it written.
 */
static void ring_wrap_every_offset(struct kunit *test)
{
	struct ring_pair rp;
	u32 back, payload, i, bad = 0;
	u8 *data;

	pair_init(test, &rp, 2, 1024);
	data = data_of(&rp);
	for (back = 8; back <= 64; back += 8) {
		for (payload = 0; payload <= 40; payload++) {
			u32 start = rp.size - back;
			u32 len = DESC_SIZE + payload;
			u32 end = ALIGN(len, VMBUS_PKT_ALIGN);

			pair_move_to(&rp, start);
			memset(data, 0xa5, rp.size);
			KUNIT_ASSERT_EQ(test, send_pkt_split(&rp, payload,
							     payload / 3,
							     back + payload,
							     NULL), 0);
			for (i = len; i < end; i++)
				bad += data[(start + i) % rp.size] != 0;
			bad += trailer_at(&rp, (start + end) % rp.size) !=
			       VMBUS_PKT_TRAILER_VALUE(start);
			for (i = end + TRAILER; i < end + TRAILER + 8; i++)
				bad += data[(start + i) % rp.size] != 0xa5;
			KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->write_index,
					(start + end + TRAILER) % rp.size);
			expect_pkt(&rp, payload, back + payload);
			hv_ring_read_commit(&rp.cons);
		}
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
}

/* Many packets of odd sizes, in batches, around a small ring. */
static void ring_wrap_many(struct kunit *test)
{
	struct ring_pair rp;
	u32 k, j, straddled = 0, laps = 0;

	pair_init(test, &rp, 2, 2048);
	for (k = 0; k < 600; k++) {
		u32 batch = k % 3 + 1;

		for (j = 0; j < batch; j++) {
			u32 len = (k * 37 + j * 101) % 700;
			u32 start = rp.prod.write_index;

			KUNIT_ASSERT_EQ(test, send_pkt(&rp, len, k + j, NULL),
					0);
			straddled += start + PKT_TOTAL(len) > rp.size;
			laps += rp.prod.write_index < start;
		}
		for (j = 0; j < batch; j++)
			expect_pkt(&rp, (k * 37 + j * 101) % 700, k + j);
		hv_ring_read_commit(&rp.cons);
		KUNIT_ASSERT_EQ(test, hv_ring_bytes_to_read(&rp.cons), 0);
	}
	KUNIT_EXPECT_GT(test, straddled, 20);
	KUNIT_EXPECT_GT(test, laps, 20);
}

static void ring_full(struct kunit *test)
{
	struct ring_pair rp;
	unsigned int n;
	int ret = 0;

	pair_init(test, &rp, 2, 2048);
	for (n = 0; n < 200; n++) {
		ret = send_pkt(&rp, 0, n, NULL);
		if (ret)
			break;
	}
	/* 170 * 24 = 4080 bytes; 16 left is not more than 24. */
	KUNIT_EXPECT_EQ(test, ret, -EAGAIN);
	KUNIT_EXPECT_EQ(test, n, 170);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_write(&rp.prod), 16);
	KUNIT_EXPECT_NE(test, ctrl_of(&rp)->write_index,
			ctrl_of(&rp)->read_index);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_read(&rp.cons), 4080);

	/* Reading does not free space until committed. */
	expect_pkt(&rp, 0, 0);
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, 0, 999, NULL), -EAGAIN);
	hv_ring_read_commit(&rp.cons);
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, 0, 170, NULL), 0);
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, 0, 999, NULL), -EAGAIN);
	for (n = 1; n <= 170; n++)
		expect_pkt(&rp, 0, n);
	hv_ring_read_commit(&rp.cons);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_write(&rp.prod), rp.size);
}

/* A packet fits only if free space exceeds it: never completely full. */
static void ring_full_exact(struct kunit *test)
{
	struct ring_pair rp;

	pair_init(test, &rp, 2, 2048);
	pair_move_to(&rp, 1000);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, PAYLOAD_FOR(2048), 1, NULL), 0);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_write(&rp.prod), 2048);
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, PAYLOAD_FOR(2048), 2, NULL),
			-EAGAIN);
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, PAYLOAD_FOR(2048) - 1, 2, NULL),
			-EAGAIN);
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->write_index, 1000 + 2048);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, PAYLOAD_FOR(2040), 3, NULL), 0);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_write(&rp.prod), 8);
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->write_index, 1000 - 8);
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, 0, 4, NULL), -EAGAIN);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_read(&rp.cons), rp.size - 8);
	expect_pkt(&rp, PAYLOAD_FOR(2048), 1);
	expect_pkt(&rp, PAYLOAD_FOR(2040), 3);
	hv_ring_read_commit(&rp.cons);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_write(&rp.prod), rp.size);
}

static void ring_msgsize(struct kunit *test)
{
	struct vmbus_pkt_desc desc = { .offset8 = OFFSET8, .len8 = OFFSET8 };
	struct kvec iov[2] = {
		{ .iov_base = &desc, .iov_len = sizeof(desc) },
		{ .iov_base = NULL, .iov_len = 0 },
	};
	struct ring_pair rp;
	bool signal = true;

	pair_init(test, &rp, 4, 256);
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, 256 - DESC_SIZE + 1, 1, NULL),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, 1000, 1, NULL), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->write_index, 0);
	KUNIT_EXPECT_EQ(test, rp.prod.write_index, 0);
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, 256 - DESC_SIZE, 1, NULL), 0);
	expect_pkt(&rp, 256 - DESC_SIZE, 1);

	/* Shorter than a descriptor. */
	iov[0].iov_len = 8;
	KUNIT_EXPECT_EQ(test, hv_ring_write(&rp.prod, iov, 1, &signal),
			-EINVAL);
	KUNIT_EXPECT_FALSE(test, signal);
	KUNIT_EXPECT_EQ(test, hv_ring_write(&rp.prod, iov, 0, &signal),
			-EINVAL);
	/* Lengths whose sum wraps 32 bits; iov_base is never read. */
	iov[0].iov_len = sizeof(desc);
	iov[1].iov_len = (size_t)-1;
	KUNIT_EXPECT_EQ(test, hv_ring_write(&rp.prod, iov, 2, &signal),
			-EMSGSIZE);
	iov[1].iov_len = 0x100000000ULL - 8;
	KUNIT_EXPECT_EQ(test, hv_ring_write(&rp.prod, iov, 2, &signal),
			-EMSGSIZE);
	iov[1].iov_len = 0;
	KUNIT_EXPECT_EQ(test, hv_ring_write(&rp.prod, iov, 2, &signal), 0);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_read(&rp.cons), 24);
}

static void ring_signal_rules(struct kunit *test)
{
	struct ring_pair rp;
	bool signal;

	pair_init(test, &rp, 2, 1024);
	/* Empty to non-empty, not masked: signal; then no more. */
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 10, 1, &signal), 0);
	KUNIT_EXPECT_TRUE(test, signal);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 10, 2, &signal), 0);
	KUNIT_EXPECT_FALSE(test, signal);

	/* Read but not committed: the producer still sees data. */
	expect_pkt(&rp, 10, 1);
	expect_pkt(&rp, 10, 2);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 10, 3, &signal), 0);
	KUNIT_EXPECT_FALSE(test, signal);
	expect_pkt(&rp, 10, 3);
	hv_ring_read_commit(&rp.cons);

	/* Empty again: signal. */
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 10, 4, &signal), 0);
	KUNIT_EXPECT_TRUE(test, signal);
	expect_pkt(&rp, 10, 4);
	hv_ring_read_commit(&rp.cons);

	/* Masked: no signal even on empty to non-empty. */
	hv_ring_mask_interrupts(&rp.cons);
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->interrupt_mask, 1);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 10, 5, &signal), 0);
	KUNIT_EXPECT_FALSE(test, signal);
	KUNIT_EXPECT_EQ(test, hv_ring_unmask_interrupts(&rp.cons),
			PKT_TOTAL(10));
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->interrupt_mask, 0);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 10, 6, &signal), 0);
	KUNIT_EXPECT_FALSE(test, signal);
	expect_pkt(&rp, 10, 5);
	expect_pkt(&rp, 10, 6);
	hv_ring_read_commit(&rp.cons);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 10, 7, &signal), 0);
	KUNIT_EXPECT_TRUE(test, signal);

	/* A failed write never asks for a signal. */
	signal = true;
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, 2000, 8, &signal), -EMSGSIZE);
	KUNIT_EXPECT_FALSE(test, signal);
}

/*
 * Fill the 4096-byte ring with seven 512-byte packets: 512 bytes stay
 * free, which an eighth does not fit in.
 */
static void fill_512(struct ring_pair *rp)
{
	struct kunit *test = rp->test;
	unsigned int i;

	for (i = 0; i < 7; i++)
		KUNIT_ASSERT_EQ(test, send_pkt(rp, PAYLOAD_FOR(512), i, NULL),
				0);
	KUNIT_ASSERT_EQ(test, send_pkt(rp, PAYLOAD_FOR(512), 7, NULL),
			-EAGAIN);
	KUNIT_ASSERT_EQ(test, hv_ring_bytes_to_write(&rp->prod), 512);
}

static bool read_512_commit(struct ring_pair *rp, u32 seed)
{
	expect_pkt(rp, PAYLOAD_FOR(512), seed);
	return hv_ring_read_commit(&rp->cons);
}

static void ring_pending_send(struct kunit *test)
{
	struct ring_pair rp;

	pair_init(test, &rp, 2, 2048);
	fill_512(&rp);
	/* Nobody waits: no signal. */
	KUNIT_EXPECT_FALSE(test, read_512_commit(&rp, 0));
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, PAYLOAD_FOR(512), 7, NULL), 0);
	/* A 504-byte write fits in the 512 free bytes: nothing to signal. */
	hv_ring_set_pending_send(&rp.prod, 504);
	KUNIT_EXPECT_FALSE(test, read_512_commit(&rp, 1));
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, PAYLOAD_FOR(512), 8, NULL), 0);

	/* Wait for a 1024-byte write: it fits once more than 1024 is free. */
	hv_ring_set_pending_send(&rp.prod, 1024);
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->pending_send_size, 1024);
	KUNIT_EXPECT_FALSE(test, read_512_commit(&rp, 2));
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, PAYLOAD_FOR(1024), 9, NULL),
			-EAGAIN);
	KUNIT_EXPECT_TRUE(test, read_512_commit(&rp, 3));
	/* Already enough space: no second signal. */
	KUNIT_EXPECT_FALSE(test, read_512_commit(&rp, 4));
	KUNIT_EXPECT_EQ(test, send_pkt(&rp, PAYLOAD_FOR(1024), 9, NULL), 0);
	hv_ring_set_pending_send(&rp.prod, 0);
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->pending_send_size, 0);
	KUNIT_EXPECT_FALSE(test, read_512_commit(&rp, 5));
}

static void ring_pending_send_batch(struct kunit *test)
{
	struct ring_pair rp;

	pair_init(test, &rp, 2, 2048);
	fill_512(&rp);
	/* Fits once 2048 bytes are free: three packets read, then commit. */
	hv_ring_set_pending_send(&rp.prod, 1536);
	expect_pkt(&rp, PAYLOAD_FOR(512), 0);
	expect_pkt(&rp, PAYLOAD_FOR(512), 1);
	expect_pkt(&rp, PAYLOAD_FOR(512), 2);
	KUNIT_EXPECT_TRUE(test, hv_ring_read_commit(&rp.cons));
	KUNIT_EXPECT_FALSE(test, hv_ring_read_commit(&rp.cons));
}

/* Some producers ask for size - 1 to be woken when the ring is empty. */
static void ring_pending_send_unaligned(struct kunit *test)
{
	struct ring_pair rp;
	unsigned int i;

	pair_init(test, &rp, 2, 2048);
	fill_512(&rp);
	hv_ring_set_pending_send(&rp.prod, rp.size - 1);
	for (i = 0; i < 6; i++)
		KUNIT_EXPECT_FALSE(test, read_512_commit(&rp, i));
	KUNIT_EXPECT_TRUE(test, read_512_commit(&rp, 6));
}

static void ring_pending_send_no_feature(struct kunit *test)
{
	struct ring_pair rp;

	pair_init(test, &rp, 2, 2048);
	fill_512(&rp);
	ctrl_of(&rp)->feature_bits = 0;
	hv_ring_set_pending_send(&rp.prod, 1024);
	KUNIT_EXPECT_FALSE(test, read_512_commit(&rp, 0));
	KUNIT_EXPECT_FALSE(test, read_512_commit(&rp, 1));
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->read_index, 1024);
}

/* The other side overwrote the consumer's read_index: still publish. */
static void ring_commit_overwritten_read_index(struct kunit *test)
{
	struct ring_pair rp;

	pair_init(test, &rp, 2, 2048);
	fill_512(&rp);
	hv_ring_set_pending_send(&rp.prod, 1024);
	expect_pkt(&rp, PAYLOAD_FOR(512), 0);
	expect_pkt(&rp, PAYLOAD_FOR(512), 1);
	ctrl_of(&rp)->read_index = 13;
	KUNIT_EXPECT_TRUE(test, hv_ring_read_commit(&rp.cons));
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->read_index, 1024);
	KUNIT_EXPECT_FALSE(test, rp.cons.broken);
	expect_pkt(&rp, PAYLOAD_FOR(512), 2);
}

static void ring_unmask_reports_pending(struct kunit *test)
{
	struct ring_pair rp;
	bool signal;

	pair_init(test, &rp, 2, 1024);
	hv_ring_mask_interrupts(&rp.cons);
	KUNIT_EXPECT_EQ(test, hv_ring_unmask_interrupts(&rp.cons), 0);
	hv_ring_mask_interrupts(&rp.cons);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 100, 1, &signal), 0);
	KUNIT_EXPECT_FALSE(test, signal);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 3, 2, &signal), 0);
	KUNIT_EXPECT_EQ(test, hv_ring_unmask_interrupts(&rp.cons),
			PKT_TOTAL(100) + PKT_TOTAL(3));
	expect_pkt(&rp, 100, 1);
	/* Counted from the private cursor, committed or not. */
	KUNIT_EXPECT_EQ(test, hv_ring_unmask_interrupts(&rp.cons),
			PKT_TOTAL(3));
	expect_pkt(&rp, 3, 2);
	KUNIT_EXPECT_EQ(test, hv_ring_unmask_interrupts(&rp.cons), 0);
}

static void ring_enobufs(struct kunit *test)
{
	struct ring_pair rp;
	struct hv_ring_pkt pkt;
	u32 i, bad = 0;

	pair_init(test, &rp, 2, 1024);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 100, 9, NULL), 0);
	memset(rp.buf, 0x5a, rp.max_pkt);
	memset(&pkt, 0, sizeof(pkt));
	KUNIT_EXPECT_EQ(test, hv_ring_read(&rp.cons, rp.buf, 119, &pkt),
			-ENOBUFS);
	KUNIT_EXPECT_EQ(test, pkt.len, 120);
	KUNIT_EXPECT_EQ(test, pkt.payload_offset, DESC_SIZE);
	KUNIT_EXPECT_EQ(test, pkt.desc.trans_id, trans_id_of(9, 100));
	for (i = 0; i < rp.max_pkt; i++)
		bad += rp.buf[i] != 0x5a;
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, rp.cons.read_index, 0);
	KUNIT_EXPECT_EQ(test, hv_ring_read(&rp.cons, rp.buf, 0, &pkt),
			-ENOBUFS);
	KUNIT_EXPECT_FALSE(test, hv_ring_read_commit(&rp.cons));
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_read(&rp.cons), PKT_TOTAL(100));
	KUNIT_EXPECT_EQ(test, hv_ring_read(&rp.cons, rp.buf, 120, &pkt), 0);
	rp.cons.read_index = 0;
	expect_pkt(&rp, 100, 9);
}

static void ring_peek_skip_commit(struct kunit *test)
{
	struct ring_pair rp;
	struct hv_ring_pkt a, b;

	pair_init(test, &rp, 2, 1024);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 30, 1, NULL), 0);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 60, 2, NULL), 0);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 90, 3, NULL), 0);
	KUNIT_ASSERT_EQ(test, hv_ring_peek(&rp.cons, &a), 0);
	KUNIT_ASSERT_EQ(test, hv_ring_peek(&rp.cons, &b), 0);
	KUNIT_EXPECT_EQ(test, memcmp(&a, &b, sizeof(a)), 0);
	KUNIT_EXPECT_EQ(test, a.len, 48);
	KUNIT_EXPECT_EQ(test, a.desc.trans_id, trans_id_of(1, 30));
	hv_ring_skip(&rp.cons, &a);
	KUNIT_EXPECT_EQ(test, rp.cons.read_index, PKT_TOTAL(30));
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_read(&rp.cons),
			PKT_TOTAL(60) + PKT_TOTAL(90));
	/* Nothing given back to the producer before the commit. */
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->read_index, 0);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_write(&rp.prod),
			rp.size - PKT_TOTAL(30) - PKT_TOTAL(60) -
			PKT_TOTAL(90));
	expect_pkt(&rp, 60, 2);
	KUNIT_EXPECT_FALSE(test, hv_ring_read_commit(&rp.cons));
	KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->read_index,
			PKT_TOTAL(30) + PKT_TOTAL(60));
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_write(&rp.prod),
			rp.size - PKT_TOTAL(90));
	KUNIT_EXPECT_FALSE(test, hv_ring_read_commit(&rp.cons));
	expect_pkt(&rp, 90, 3);
	KUNIT_EXPECT_EQ(test, hv_ring_peek(&rp.cons, &a), -EAGAIN);
}

/* A consumer attaching to a ring in use starts where the last one ended. */
static void ring_attach_in_use(struct kunit *test)
{
	struct ring_pair rp;
	struct hv_ring late;

	pair_init(test, &rp, 2, 1024);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 1, 1, NULL), 0);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 2, 2, NULL), 0);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 3, 3, NULL), 0);
	expect_pkt(&rp, 1, 1);
	hv_ring_read_commit(&rp.cons);
	expect_pkt(&rp, 2, 2);
	KUNIT_ASSERT_EQ(test, hv_ring_init(&late, rp.mem, rp.total, 1024), 0);
	rp.cons = late;
	expect_pkt(&rp, 2, 2);
	expect_pkt(&rp, 3, 3);
}

/* Pseudo-random writes, reads, skips and commits against a model. */
static void ring_stress(struct kunit *test)
{
	struct ring_pair rp;
	u32 *fifo, head = 0, tail = 0, seed = 1, i, bound;

	pair_init(test, &rp, 3, 2048);
	bound = rp.size / PKT_TOTAL(0) + 1;
	fifo = kunit_kzalloc(test, bound * sizeof(*fifo), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fifo);
	for (i = 0; i < 20000; i++) {
		u32 r, next_len, next_seed;
		struct hv_ring_pkt pkt;
		int ret;

		seed = seed * 1103515245 + 12345;
		r = seed >> 8;
		next_len = fifo[tail % bound] & 0xffff;
		next_seed = fifo[tail % bound] >> 16;

		switch (r % 4) {
		case 0:
		case 1:
			ret = send_pkt(&rp, r % 600, i, NULL);
			KUNIT_ASSERT_TRUE(test, ret == 0 || ret == -EAGAIN);
			if (!ret)
				fifo[head++ % bound] = i << 16 | r % 600;
			break;
		case 2:
			if (head == tail) {
				ret = hv_ring_peek(&rp.cons, &pkt);
				KUNIT_ASSERT_EQ(test, ret, -EAGAIN);
				break;
			}
			if (r & 0x100) {
				expect_pkt(&rp, next_len, next_seed);
			} else {
				ret = hv_ring_peek(&rp.cons, &pkt);
				KUNIT_ASSERT_EQ(test, ret, 0);
				KUNIT_EXPECT_EQ(test, pkt.desc.trans_id,
						trans_id_of(next_seed, next_len));
				hv_ring_skip(&rp.cons, &pkt);
			}
			tail++;
			break;
		default:
			hv_ring_read_commit(&rp.cons);
			break;
		}
	}
	KUNIT_EXPECT_FALSE(test, rp.cons.broken);
	KUNIT_EXPECT_FALSE(test, rp.prod.broken);
}

/* --- A hostile other side ---------------------------------------------- */

/* Forge a descriptor at @at and publish @write as the write index. */
static void forge(struct ring_pair *rp, u32 at, u16 offset8, u16 len8,
		  u32 write)
{
	struct vmbus_pkt_desc desc = {
		.type = VMBUS_PKT_DATA_INBAND,
		.offset8 = offset8,
		.len8 = len8,
	};

	memcpy(data_of(rp) + at, &desc, sizeof(desc));
	ctrl_of(rp)->write_index = write;
}

/* Forge a descriptor split across the end of the ring at size - 8. */
static void forge_split(struct ring_pair *rp, u16 offset8, u16 len8,
			u32 write)
{
	struct vmbus_pkt_desc desc = {
		.type = VMBUS_PKT_DATA_INBAND,
		.offset8 = offset8,
		.len8 = len8,
	};

	memcpy(data_of(rp) + rp->size - 8, &desc, 8);
	memcpy(data_of(rp), (u8 *)&desc + 8, 8);
	ctrl_of(rp)->write_index = write;
}

/* The consumer must refuse, touch nothing, and stay broken. */
static void expect_broken(struct ring_pair *rp)
{
	struct kunit *test = rp->test;
	u32 cursor = rp->cons.read_index, published, i, bad = 0;
	struct hv_ring_pkt pkt;

	published = ctrl_of(rp)->read_index;
	memset(rp->buf, 0x3c, rp->max_pkt);
	KUNIT_EXPECT_EQ(test, hv_ring_peek(&rp->cons, &pkt), -EIO);
	KUNIT_EXPECT_TRUE(test, rp->cons.broken);
	KUNIT_EXPECT_EQ(test, hv_ring_read(&rp->cons, rp->buf, rp->max_pkt,
					   &pkt), -EIO);
	for (i = 0; i < rp->max_pkt; i++)
		bad += rp->buf[i] != 0x3c;
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, rp->cons.read_index, cursor);
	KUNIT_EXPECT_FALSE(test, hv_ring_read_commit(&rp->cons));
	KUNIT_EXPECT_EQ(test, ctrl_of(rp)->read_index, published);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_read(&rp->cons), 0);
	KUNIT_EXPECT_EQ(test, hv_ring_unmask_interrupts(&rp->cons), 0);
}

static void ring_bad_write_index(struct kunit *test)
{
	static const u32 bad[] = { 4096, 4104, 0xfffffff8, 0xffffffff, 12, 4,
				   1 };
	struct ring_pair rp;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		pair_init(test, &rp, 2, 1024);
		KUNIT_ASSERT_EQ(test, send_pkt(&rp, 8, 1, NULL), 0);
		ctrl_of(&rp)->write_index = bad[i];
		expect_broken(&rp);
	}
}

static void ring_bad_len_below_offset(struct kunit *test)
{
	struct ring_pair rp;

	pair_init(test, &rp, 2, 1024);
	forge(&rp, 0, 4, 3, 64);
	expect_broken(&rp);
}

static void ring_bad_offset_below_desc(struct kunit *test)
{
	struct hv_ring_pkt pkt;
	struct ring_pair rp;

	pair_init(test, &rp, 2, 1024);
	forge(&rp, 0, 0, 3, 32);
	expect_broken(&rp);
	pair_init(test, &rp, 2, 1024);
	forge(&rp, 0, 1, 3, 32);
	expect_broken(&rp);
	/* The edge: offset8 == len8 == 2 is an empty payload, accepted. */
	pair_init(test, &rp, 2, 1024);
	forge(&rp, 0, OFFSET8, OFFSET8, PKT_TOTAL(0));
	KUNIT_EXPECT_EQ(test, hv_ring_read(&rp.cons, rp.buf, 1024, &pkt), 0);
	KUNIT_EXPECT_EQ(test, pkt.len, DESC_SIZE);
	KUNIT_EXPECT_EQ(test, pkt.payload_offset, DESC_SIZE);
}

static void ring_bad_len_beyond_data(struct kunit *test)
{
	struct hv_ring_pkt pkt;
	struct ring_pair rp;

	/* Short by 8 bytes: packet and trailer must both be published. */
	pair_init(test, &rp, 2, 1024);
	forge(&rp, 0, OFFSET8, 4, 32);
	expect_broken(&rp);
	/* len8 at its maximum, far beyond the ring. */
	pair_init(test, &rp, 2, 1024);
	forge(&rp, 0, OFFSET8, 0xffff, 64);
	expect_broken(&rp);
	/* Second packet bad, behind a good one that stays readable. */
	pair_init(test, &rp, 2, 1024);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 8, 1, NULL), 0);
	forge(&rp, PKT_TOTAL(8), OFFSET8, 10, PKT_TOTAL(8) + 48);
	expect_pkt(&rp, 8, 1);
	expect_broken(&rp);
	/* Beyond the data, with the descriptor split by the wrap. */
	pair_init(test, &rp, 2, 1024);
	pair_move_to(&rp, rp.size - 8);
	forge_split(&rp, OFFSET8, 3, 16);
	expect_broken(&rp);
	/* The same descriptor split, describing what was published. */
	pair_init(test, &rp, 2, 1024);
	pair_move_to(&rp, rp.size - 8);
	forge_split(&rp, OFFSET8, 3, 24);
	KUNIT_EXPECT_EQ(test, hv_ring_read(&rp.cons, rp.buf, 1024, &pkt), 0);
	KUNIT_EXPECT_EQ(test, pkt.len, 24);
	KUNIT_EXPECT_EQ(test, rp.cons.read_index, 24);
}

static void ring_bad_len_over_max(struct kunit *test)
{
	struct hv_ring_pkt pkt;
	struct ring_pair rp;

	/* Within the published data, beyond the ring's maximum packet. */
	pair_init(test, &rp, 4, 256);
	forge(&rp, 0, OFFSET8, 264 / 8, 264 + TRAILER);
	expect_broken(&rp);
	pair_init(test, &rp, 4, 256);
	forge(&rp, 0, OFFSET8, 256 / 8, 256 + TRAILER);
	KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_read(&rp.cons), 264);
	KUNIT_EXPECT_EQ(test, hv_ring_read(&rp.cons, rp.buf, 256, &pkt), 0);
	KUNIT_EXPECT_EQ(test, pkt.len, 256);
}

static void ring_bad_too_little_data(struct kunit *test)
{
	struct ring_pair rp;

	pair_init(test, &rp, 2, 1024);
	forge(&rp, 0, OFFSET8, OFFSET8, 8);
	expect_broken(&rp);
	pair_init(test, &rp, 2, 1024);
	forge(&rp, 0, OFFSET8, OFFSET8, 16);
	expect_broken(&rp);
}

static void ring_bad_read_index(struct kunit *test)
{
	static const u32 bad[] = { 4096, 0x80000000, 20, 3 };
	struct ring_pair rp;
	unsigned int i;
	bool signal;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		pair_init(test, &rp, 2, 1024);
		KUNIT_ASSERT_EQ(test, send_pkt(&rp, 8, 1, NULL), 0);
		ctrl_of(&rp)->read_index = bad[i];
		signal = true;
		KUNIT_EXPECT_EQ(test, send_pkt(&rp, 8, 2, &signal), -EIO);
		KUNIT_EXPECT_FALSE(test, signal);
		KUNIT_EXPECT_TRUE(test, rp.prod.broken);
		KUNIT_EXPECT_EQ(test, ctrl_of(&rp)->write_index, PKT_TOTAL(8));
		KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_write(&rp.prod), 0);
		/* Repaired, the ring stays broken. */
		ctrl_of(&rp)->read_index = 0;
		KUNIT_EXPECT_EQ(test, send_pkt(&rp, 8, 3, &signal), -EIO);
		KUNIT_EXPECT_EQ(test, hv_ring_bytes_to_write(&rp.prod), 0);
	}
}

static void ring_broken_stays_broken(struct kunit *test)
{
	struct ring_pair rp;

	pair_init(test, &rp, 2, 1024);
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 8, 1, NULL), 0);
	forge(&rp, 0, 0, 0, PKT_TOTAL(8));
	expect_broken(&rp);
	/* The other side puts a good packet back: still refused. */
	ctrl_of(&rp)->write_index = 0;
	rp.prod.write_index = 0;
	KUNIT_ASSERT_EQ(test, send_pkt(&rp, 8, 1, NULL), 0);
	expect_broken(&rp);
}

static struct kunit_case hv_ring_cases[] = {
	KUNIT_CASE(ring_init_bad_sizes),
	KUNIT_CASE(ring_init_bad_shared_indices),
	KUNIT_CASE(ring_init_shared_layout),
	KUNIT_CASE(ring_empty),
	KUNIT_CASE(ring_round_trip_sizes),
	KUNIT_CASE(ring_padding_and_trailer),
	KUNIT_CASE(ring_wrap_payload),
	KUNIT_CASE(ring_wrap_descriptor),
	KUNIT_CASE(ring_wrap_trailer_at_end),
	KUNIT_CASE(ring_wrap_every_offset),
	KUNIT_CASE(ring_wrap_many),
	KUNIT_CASE(ring_full),
	KUNIT_CASE(ring_full_exact),
	KUNIT_CASE(ring_msgsize),
	KUNIT_CASE(ring_signal_rules),
	KUNIT_CASE(ring_pending_send),
	KUNIT_CASE(ring_pending_send_batch),
	KUNIT_CASE(ring_pending_send_unaligned),
	KUNIT_CASE(ring_pending_send_no_feature),
	KUNIT_CASE(ring_commit_overwritten_read_index),
	KUNIT_CASE(ring_unmask_reports_pending),
	KUNIT_CASE(ring_enobufs),
	KUNIT_CASE(ring_peek_skip_commit),
	KUNIT_CASE(ring_attach_in_use),
	KUNIT_CASE(ring_stress),
	KUNIT_CASE(ring_bad_write_index),
	KUNIT_CASE(ring_bad_len_below_offset),
	KUNIT_CASE(ring_bad_offset_below_desc),
	KUNIT_CASE(ring_bad_len_beyond_data),
	KUNIT_CASE(ring_bad_len_over_max),
	KUNIT_CASE(ring_bad_too_little_data),
	KUNIT_CASE(ring_bad_read_index),
	KUNIT_CASE(ring_broken_stays_broken),
	{}
};

static struct kunit_suite hv_ring_suite = {
	.name = "hv_ring",
	.test_cases = hv_ring_cases,
};

kunit_test_suite(hv_ring_suite);
