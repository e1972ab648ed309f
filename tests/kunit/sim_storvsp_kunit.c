// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the simulated host's SCSI target (drivers/hv/sim/storvsp/scsi.c).
 *
 * Commands run against small RAM LUNs through a flat guest buffer that
 * sits in its own allocation, so that KASAN sees any copy past the length
 * the "guest" offered. Each case checks the answer a SCSI initiator
 * relies on: data, lengths, status and sense.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../drivers/hv/sim/storvsp/scsi.c"

#define BUF_MAX		(64 * 1024)

struct flat_buf {
	struct stv_buf b;
	u8 *mem;
	bool fail;		/* the guest's pages are unreachable */
};

static int flat_copy(const struct stv_buf *b, u32 off, void *k, u32 n,
		     bool to_guest)
{
	const struct flat_buf *f = container_of(b, struct flat_buf, b);

	if (f->fail)
		return -EFAULT;
	if (to_guest)
		memcpy(f->mem + off, k, n);
	else
		memcpy(k, f->mem + off, n);
	return 0;
}

struct ctx {
	struct stv_target t;
	struct flat_buf fb;
	struct stv_cmd c;
};

static int stv_test_init(struct kunit *test)
{
	struct ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	x->t.ctrl = 0;
	x->t.max_xfer = 0x40000;
	KUNIT_ASSERT_EQ(test, stv_lun_add(&x->t, 0, 1), 0);
	KUNIT_ASSERT_EQ(test, stv_lun_add(&x->t, 3, 2), 0);
	x->fb.b.copy = flat_copy;
	test->priv = x;
	return 0;
}

static void stv_test_exit(struct kunit *test)
{
	struct ctx *x = test->priv;

	stv_target_free(&x->t);
}

/* Run @cdb (its group's length) on @lun with a @len-byte guest buffer. */
static struct stv_cmd *run(struct kunit *test, u8 lun, const u8 *cdb,
			   u8 data_in, u32 len, const void *out)
{
	struct ctx *x = test->priv;
	struct stv_cmd *c = &x->c;

	/* An exact-size allocation: KASAN catches copies beyond @len. */
	x->fb.mem = kunit_kzalloc(test, len ? len : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, x->fb.mem);
	if (out)
		memcpy(x->fb.mem, out, len);
	x->fb.b.len = len;
	memset(c, 0, sizeof(*c));
	c->target_ok = true;
	c->lun = lun;
	c->cdb_len = stv_cdb_size(cdb[0]) ? stv_cdb_size(cdb[0]) : 16;
	memcpy(c->cdb, cdb, c->cdb_len);
	c->data_in = data_in;
	c->buf = &x->fb.b;
	stv_scsi_execute(&x->t, c);
	return c;
}

static u8 *data(struct kunit *test)
{
	return ((struct ctx *)test->priv)->fb.mem;
}

static void expect_sense(struct kunit *test, const struct stv_cmd *c,
			 enum stv_result r, u8 key, u8 asc)
{
	KUNIT_EXPECT_EQ(test, c->result, r);
	KUNIT_EXPECT_EQ(test, c->scsi_status, SAM_STAT_CHECK_CONDITION);
	KUNIT_EXPECT_EQ(test, c->sense_len, STV_SENSE_LEN);
	KUNIT_EXPECT_EQ(test, c->sense[0], 0x70);
	KUNIT_EXPECT_EQ(test, c->sense[2], key);
	KUNIT_EXPECT_EQ(test, c->sense[12], asc);
	KUNIT_EXPECT_EQ(test, c->xfer, 0U);
}

static void expect_good(struct kunit *test, const struct stv_cmd *c, u32 xfer)
{
	KUNIT_EXPECT_EQ(test, c->result, STV_OK);
	KUNIT_EXPECT_EQ(test, c->scsi_status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, c->sense_len, 0);
	KUNIT_EXPECT_EQ(test, c->xfer, xfer);
}

static void test_inquiry_std(struct kunit *test)
{
	const u8 cdb[6] = { INQUIRY, 0, 0, 0, 36, 0 };
	struct stv_cmd *c = run(test, 0, cdb, STV_DATA_IN, 255, NULL);
	u8 *d = data(test);

	expect_good(test, c, 36);
	KUNIT_EXPECT_EQ(test, d[0], TYPE_DISK);
	KUNIT_EXPECT_EQ(test, d[2], 5);
	KUNIT_EXPECT_EQ(test, d[4], STV_INQUIRY_LEN - 5);
	KUNIT_EXPECT_MEMEQ(test, d + 8, "Msft    ", 8);
	KUNIT_EXPECT_MEMEQ(test, d + 16, "Virtual Disk    ", 16);
	KUNIT_EXPECT_MEMEQ(test, d + 32, "1.0 ", 4);

	/* The guest's buffer bounds the answer too. */
	c = run(test, 0, (const u8[6]) { INQUIRY, 0, 0, 0, 255, 0 },
		STV_DATA_IN, 20, NULL);
	expect_good(test, c, 20);
	/* A page code without EVPD is invalid. */
	c = run(test, 0, (const u8[6]) { INQUIRY, 0, 0x80, 0, 255, 0 },
		STV_DATA_IN, 255, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
	/* Data moving to the guest needs data_in = 1. */
	c = run(test, 0, cdb, STV_DATA_OUT, 255, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
}

static void test_inquiry_vpd(struct kunit *test)
{
	static const u8 pages[] = { 0x00, 0x80, 0x83, 0xb0, 0xb2 };
	struct stv_cmd *c;
	u8 *d;

	c = run(test, 0, (const u8[6]) { INQUIRY, 1, 0x00, 0, 255, 0 },
		STV_DATA_IN, 255, NULL);
	d = data(test);
	expect_good(test, c, 4 + sizeof(pages));
	KUNIT_EXPECT_EQ(test, d[1], 0x00);
	KUNIT_EXPECT_EQ(test, d[3], sizeof(pages));
	KUNIT_EXPECT_MEMEQ(test, d + 4, pages, sizeof(pages));

	c = run(test, 3, (const u8[6]) { INQUIRY, 1, 0x80, 0, 255, 0 },
		STV_DATA_IN, 255, NULL);
	d = data(test);
	expect_good(test, c, 4 + STV_VPD_SERIAL_LEN);
	KUNIT_EXPECT_MEMEQ(test, d + 4, "HVSIM00000000003", 16);

	c = run(test, 0, (const u8[6]) { INQUIRY, 1, 0x83, 0, 255, 0 },
		STV_DATA_IN, 255, NULL);
	d = data(test);
	expect_good(test, c, 52);
	KUNIT_EXPECT_EQ(test, d[5] & 0x0f, 1);		/* T10 vendor id */
	KUNIT_EXPECT_MEMEQ(test, d + 8, "Msft    ", 8);
	KUNIT_EXPECT_EQ(test, d[33] & 0x0f, 3);		/* NAA */
	KUNIT_EXPECT_EQ(test, d[36] >> 4, 6);

	c = run(test, 0, (const u8[6]) { INQUIRY, 1, 0xb0, 0, 255, 0 },
		STV_DATA_IN, 255, NULL);
	d = data(test);
	expect_good(test, c, 64);
	KUNIT_EXPECT_EQ(test, stv_be16(d + 2), 0x3c);
	KUNIT_EXPECT_EQ(test, stv_be32(d + 8), 0x40000U >> 9);
	KUNIT_EXPECT_EQ(test, stv_be32(d + 24), (u32)STV_MAX_UNMAP_DESC);
	KUNIT_EXPECT_NE(test, stv_be32(d + 20), 0U);
	KUNIT_EXPECT_EQ(test, d[4] & 0x01, 1);		/* WSNZ */
	KUNIT_EXPECT_EQ(test, stv_be64(d + 36), 0x40000ULL >> 9);

	c = run(test, 0, (const u8[6]) { INQUIRY, 1, 0xb2, 0, 255, 0 },
		STV_DATA_IN, 255, NULL);
	d = data(test);
	expect_good(test, c, 8);
	KUNIT_EXPECT_TRUE(test, d[5] & 0x80);		/* LBPU */
	KUNIT_EXPECT_EQ(test, d[5] & 0x64, 0x64);	/* LBPWS(10), LBPRZ */

	c = run(test, 0, (const u8[6]) { INQUIRY, 1, 0x89, 0, 255, 0 },
		STV_DATA_IN, 255, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
}

static void test_absent_lun(struct kunit *test)
{
	const u8 inq[6] = { INQUIRY, 0, 0, 0, 96, 0 };
	const u8 tur[6] = { TEST_UNIT_READY };
	struct ctx *x = test->priv;
	struct stv_cmd *c;

	c = run(test, 1, inq, STV_DATA_IN, 96, NULL);
	expect_good(test, c, 96);
	KUNIT_EXPECT_EQ(test, data(test)[0], 0x7f);
	KUNIT_EXPECT_EQ(test, data(test)[8], 0);	/* no identity */

	c = run(test, 1, tur, 2, 0, NULL);
	KUNIT_EXPECT_EQ(test, c->result, STV_NO_LUN);
	KUNIT_EXPECT_EQ(test, c->sense_len, 0);
	c = run(test, STV_MAX_LUNS + 5, tur, 2, 0, NULL);
	KUNIT_EXPECT_EQ(test, c->result, STV_NO_LUN);

	/* Another target: LUN 0 is not there either. */
	x->fb.mem = kunit_kzalloc(test, 1, GFP_KERNEL);
	x->fb.b.len = 0;
	memset(&x->c, 0, sizeof(x->c));
	x->c.lun = 0;
	x->c.cdb_len = 6;
	x->c.buf = &x->fb.b;
	stv_scsi_execute(&x->t, &x->c);
	KUNIT_EXPECT_EQ(test, x->c.result, STV_NO_LUN);
}

static void test_report_luns(struct kunit *test)
{
	u8 cdb[12] = { REPORT_LUNS };
	struct stv_cmd *c;
	u8 *d;

	stv_put_be32(cdb + 6, 4096);
	c = run(test, 7, cdb, STV_DATA_IN, 4096, NULL);
	d = data(test);
	expect_good(test, c, 24);
	KUNIT_EXPECT_EQ(test, stv_be32(d), 16U);
	KUNIT_EXPECT_EQ(test, d[9], 0);
	KUNIT_EXPECT_EQ(test, d[17], 3);

	/* Cut to the allocation length, header first. */
	stv_put_be32(cdb + 6, 16);
	c = run(test, 0, cdb, STV_DATA_IN, 4096, NULL);
	expect_good(test, c, 16);
	KUNIT_EXPECT_EQ(test, stv_be32(data(test)), 16U);

	stv_put_be32(cdb + 6, 8);
	c = run(test, 0, cdb, STV_DATA_IN, 4096, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
}

static void test_read_capacity(struct kunit *test)
{
	u8 rc16[16] = { SERVICE_ACTION_IN_16, SAI_READ_CAPACITY_16 };
	const u8 rc10[10] = { READ_CAPACITY };
	struct stv_cmd *c;
	u8 *d;

	c = run(test, 3, rc10, STV_DATA_IN, 8, NULL);
	d = data(test);
	expect_good(test, c, 8);
	KUNIT_EXPECT_EQ(test, stv_be32(d), 2U * 2048 - 1);
	KUNIT_EXPECT_EQ(test, stv_be32(d + 4), 512U);

	stv_put_be32(rc16 + 10, 32);
	c = run(test, 0, rc16, STV_DATA_IN, 32, NULL);
	d = data(test);
	expect_good(test, c, 32);
	KUNIT_EXPECT_EQ(test, stv_be64(d), 2047ULL);
	KUNIT_EXPECT_EQ(test, stv_be32(d + 8), 512U);
	KUNIT_EXPECT_EQ(test, d[14] & 0xc0, 0xc0);	/* LBPME, LBPRZ */

	rc16[1] = 0x11;
	c = run(test, 0, rc16, STV_DATA_IN, 32, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
}

static void test_read_write(struct kunit *test)
{
	struct ctx *x = test->priv;
	u8 w10[10] = { WRITE_10 }, r16[16] = { READ_16 };
	struct stv_cmd *c;
	u8 *pattern;
	u32 i;

	pattern = kunit_kmalloc(test, 4 * 512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pattern);
	for (i = 0; i < 4 * 512; i++)
		pattern[i] = i * 7 + 1;

	/* The last four blocks of LUN 0 (2048 blocks). */
	stv_put_be32(w10 + 2, 2044);
	stv_put_be16(w10 + 7, 4);
	c = run(test, 0, w10, STV_DATA_OUT, 4 * 512, pattern);
	expect_good(test, c, 4 * 512);
	KUNIT_EXPECT_MEMEQ(test, x->t.lun[0]->data + 2044 * 512, pattern,
			   4 * 512);
	KUNIT_EXPECT_EQ(test, x->t.lun[0]->writes, 1ULL);

	stv_put_be64(r16 + 2, 2045);
	stv_put_be32(r16 + 10, 3);
	c = run(test, 0, r16, STV_DATA_IN, 3 * 512, NULL);
	expect_good(test, c, 3 * 512);
	KUNIT_EXPECT_MEMEQ(test, data(test), pattern + 512, 3 * 512);
	KUNIT_EXPECT_EQ(test, x->t.lun[0]->reads, 1ULL);

	/* LUNs do not share data. */
	c = run(test, 3, r16, STV_DATA_IN, 3 * 512, NULL);
	expect_good(test, c, 3 * 512);
	KUNIT_EXPECT_NULL(test, memchr_inv(data(test), 0, 3 * 512));

	/* Across the end, past the end, a huge LBA. */
	stv_put_be32(r16 + 10, 4);
	c = run(test, 0, r16, STV_DATA_IN, 4 * 512, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_LBA_RANGE);
	stv_put_be64(r16 + 2, 2049);
	stv_put_be32(r16 + 10, 0);
	c = run(test, 0, r16, STV_DATA_IN, 0, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_LBA_RANGE);
	stv_put_be64(r16 + 2, U64_MAX);
	stv_put_be32(r16 + 10, 2);
	c = run(test, 0, r16, STV_DATA_IN, 2 * 512, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_LBA_RANGE);

	/* Buffer smaller than the blocks, wrong direction. */
	stv_put_be64(r16 + 2, 0);
	c = run(test, 0, r16, STV_DATA_IN, 1023, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
	c = run(test, 0, r16, STV_DATA_OUT, 2 * 512, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);

	/* A zero-block read moves nothing. */
	stv_put_be32(r16 + 10, 0);
	c = run(test, 0, r16, 2, 0, NULL);
	expect_good(test, c, 0);

	/* Unreachable guest pages. */
	x->fb.fail = true;
	stv_put_be32(r16 + 10, 1);
	c = run(test, 0, r16, STV_DATA_IN, 512, NULL);
	KUNIT_EXPECT_EQ(test, c->result, STV_BAD_BUFFER);
	KUNIT_EXPECT_EQ(test, c->xfer, 0U);
}

static void test_unmap(struct kunit *test)
{
	struct ctx *x = test->priv;
	u8 cdb[10] = { UNMAP }, p[8 + 2 * 16] = {};
	u8 *disk = x->t.lun[0]->data;
	struct stv_cmd *c;

	memset(disk, 0xaa, 16 * 512);
	stv_put_be16(cdb + 7, sizeof(p));
	stv_put_be16(p, sizeof(p) - 2);
	stv_put_be16(p + 2, 32);
	stv_put_be64(p + 8, 2);
	stv_put_be32(p + 16, 3);
	stv_put_be64(p + 24, 10);
	stv_put_be32(p + 32, 1);
	c = run(test, 0, cdb, STV_DATA_OUT, sizeof(p), p);
	expect_good(test, c, sizeof(p));
	KUNIT_EXPECT_EQ(test, disk[2 * 512 - 1], 0xaa);
	KUNIT_EXPECT_NULL(test, memchr_inv(disk + 2 * 512, 0, 3 * 512));
	KUNIT_EXPECT_EQ(test, disk[5 * 512], 0xaa);
	KUNIT_EXPECT_NULL(test, memchr_inv(disk + 10 * 512, 0, 512));
	KUNIT_EXPECT_EQ(test, disk[11 * 512], 0xaa);

	/* One bad descriptor: nothing is unmapped. */
	memset(disk, 0xaa, 16 * 512);
	stv_put_be64(p + 24, 2048);
	c = run(test, 0, cdb, STV_DATA_OUT, sizeof(p), p);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_LBA_RANGE);
	KUNIT_EXPECT_EQ(test, disk[2 * 512], 0xaa);

	/* Descriptor length not a multiple of 16, or beyond the list. */
	stv_put_be16(p + 2, 20);
	c = run(test, 0, cdb, STV_DATA_OUT, sizeof(p), p);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_PARAM);
	stv_put_be16(p + 2, 48);
	c = run(test, 0, cdb, STV_DATA_OUT, sizeof(p), p);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_PARAM);

	/* Parameter list longer than the buffer, or too short. */
	c = run(test, 0, cdb, STV_DATA_OUT, sizeof(p) - 1, p);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
	stv_put_be16(cdb + 7, 4);
	c = run(test, 0, cdb, STV_DATA_OUT, 4, p);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_PARAM_LIST_LEN);
}

/* A WRITE SAME CDB: (10) or (16) by @op, byte 1 @flags, @n blocks at @lba. */
static void ws_cdb(u8 *cdb, u8 op, u8 flags, u64 lba, u32 n)
{
	memset(cdb, 0, 16);
	cdb[0] = op;
	cdb[1] = flags;
	if (op == WRITE_SAME_16) {
		stv_put_be64(cdb + 2, lba);
		stv_put_be32(cdb + 10, n);
	} else {
		stv_put_be32(cdb + 2, lba);
		stv_put_be16(cdb + 7, n);
	}
}

static u8 *ws_block(struct kunit *test)
{
	u8 *b = kunit_kmalloc(test, 512, GFP_KERNEL);
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, b);
	for (i = 0; i < 512; i++)
		b[i] = i * 13 + 5;
	return b;
}

/* Blocks [@first, @first + @n) of LUN 0 all hold @block. */
static void expect_filled(struct kunit *test, u32 first, u32 n, const u8 *block)
{
	struct ctx *x = test->priv;
	u32 i;

	for (i = first; i < first + n; i++)
		KUNIT_EXPECT_MEMEQ(test, x->t.lun[0]->data + i * 512, block, 512);
}

static void test_write_same(struct kunit *test)
{
	struct ctx *x = test->priv;
	u8 *disk = x->t.lun[0]->data, *block = ws_block(test), cdb[16];
	struct stv_cmd *c;

	memset(disk, 0xaa, 2048 * 512);
	ws_cdb(cdb, WRITE_SAME, 0, 10, 5);
	c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
	expect_good(test, c, 512);
	expect_filled(test, 10, 5, block);
	KUNIT_EXPECT_EQ(test, disk[10 * 512 - 1], 0xaa);
	KUNIT_EXPECT_EQ(test, disk[15 * 512], 0xaa);
	KUNIT_EXPECT_EQ(test, x->t.lun[0]->write_sames, 1ULL);
	KUNIT_EXPECT_EQ(test, x->t.lun[0]->writes, 0ULL);

	/* The last blocks, and as many as VPD 0xb0 allows (512). */
	ws_cdb(cdb, WRITE_SAME_16, 0, 2044, 4);
	c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
	expect_good(test, c, 512);
	expect_filled(test, 2044, 4, block);
	ws_cdb(cdb, WRITE_SAME_16, 0, 1024, 512);
	c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
	expect_good(test, c, 512);
	expect_filled(test, 1024, 512, block);
	KUNIT_EXPECT_EQ(test, disk[1536 * 512], 0xaa);

	/* A bigger buffer: one block is taken. */
	ws_cdb(cdb, WRITE_SAME, 0, 20, 3);
	c = run(test, 0, cdb, STV_DATA_OUT, 4096, NULL);
	expect_good(test, c, 512);
	KUNIT_EXPECT_NULL(test, memchr_inv(disk + 20 * 512, 0, 3 * 512));
	KUNIT_EXPECT_EQ(test, x->t.lun[0]->write_sames, 4ULL);
}

static void test_write_same_zeroes(struct kunit *test)
{
	struct ctx *x = test->priv;
	u8 *disk = x->t.lun[0]->data, *block = ws_block(test), cdb[16];
	struct stv_cmd *c;

	/* UNMAP: deallocated, which reads zeros whatever the block held. */
	memset(disk, 0xaa, 64 * 512);
	ws_cdb(cdb, WRITE_SAME_16, STV_WS_UNMAP, 4, 8);
	c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
	expect_good(test, c, 512);
	KUNIT_EXPECT_NULL(test, memchr_inv(disk + 4 * 512, 0, 8 * 512));
	KUNIT_EXPECT_EQ(test, disk[4 * 512 - 1], 0xaa);
	KUNIT_EXPECT_EQ(test, disk[12 * 512], 0xaa);
	ws_cdb(cdb, WRITE_SAME, STV_WS_UNMAP, 20, 2);
	c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
	expect_good(test, c, 512);
	KUNIT_EXPECT_NULL(test, memchr_inv(disk + 20 * 512, 0, 2 * 512));

	/* NDOB: no buffer, zeros; with or without UNMAP. */
	ws_cdb(cdb, WRITE_SAME_16, STV_WS16_NDOB, 30, 3);
	c = run(test, 0, cdb, 2, 0, NULL);
	expect_good(test, c, 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(disk + 30 * 512, 0, 3 * 512));
	KUNIT_EXPECT_EQ(test, disk[33 * 512], 0xaa);
	ws_cdb(cdb, WRITE_SAME_16, STV_WS16_NDOB | STV_WS_UNMAP, 40, 1);
	c = run(test, 0, cdb, STV_DATA_OUT, 0, NULL);
	expect_good(test, c, 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(disk + 40 * 512, 0, 512));
	KUNIT_EXPECT_EQ(test, x->t.lun[0]->write_sames, 4ULL);
	KUNIT_EXPECT_EQ(test, x->t.lun[0]->unmaps, 0ULL);
}

static void test_write_same_bad(struct kunit *test)
{
	struct ctx *x = test->priv;
	u8 *disk = x->t.lun[0]->data, *block = ws_block(test), cdb[16];
	static const u8 bad_flags[] = {
		0x10,			/* ANCHOR */
		0x20,			/* WRPROTECT */
		0x02,			/* obsolete LBDATA */
	};
	struct stv_cmd *c;
	u32 i;

	memset(disk, 0xaa, 2048 * 512);
	/* Past the end, across it, a huge LBA. */
	ws_cdb(cdb, WRITE_SAME, 0, 2048, 1);
	c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_LBA_RANGE);
	ws_cdb(cdb, WRITE_SAME_16, STV_WS_UNMAP, 2047, 2);
	c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_LBA_RANGE);
	ws_cdb(cdb, WRITE_SAME_16, STV_WS16_NDOB, U64_MAX, 2);
	c = run(test, 0, cdb, 2, 0, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_LBA_RANGE);

	/* 0 blocks (WSNZ), more than MAXIMUM WRITE SAME LENGTH. */
	ws_cdb(cdb, WRITE_SAME, 0, 0, 0);
	c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
	ws_cdb(cdb, WRITE_SAME_16, STV_WS_UNMAP, 0, 513);
	c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);

	/* ANCHOR and the rest; NDOB is WRITE SAME(16)'s only. */
	for (i = 0; i < ARRAY_SIZE(bad_flags); i++) {
		ws_cdb(cdb, WRITE_SAME_16, bad_flags[i] | STV_WS_UNMAP, 0, 1);
		c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
		expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST,
			     STV_ASC_INVALID_CDB);
	}
	ws_cdb(cdb, WRITE_SAME, STV_WS16_NDOB, 0, 1);
	c = run(test, 0, cdb, 2, 0, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);

	/* Less than a block of data, none, the wrong direction. */
	ws_cdb(cdb, WRITE_SAME, 0, 0, 4);
	c = run(test, 0, cdb, STV_DATA_OUT, 511, block);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
	c = run(test, 0, cdb, 2, 0, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
	c = run(test, 0, cdb, STV_DATA_IN, 512, block);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);

	/* Unreachable guest pages. */
	x->fb.fail = true;
	c = run(test, 0, cdb, STV_DATA_OUT, 512, block);
	KUNIT_EXPECT_EQ(test, c->result, STV_BAD_BUFFER);
	KUNIT_EXPECT_EQ(test, c->xfer, 0U);

	KUNIT_EXPECT_EQ(test, x->t.lun[0]->write_sames, 0ULL);
	KUNIT_EXPECT_NULL(test, memchr_inv(disk, 0xaa, 2048 * 512));
}

static void test_mode_sense(struct kunit *test)
{
	u8 ms10[10] = { MODE_SENSE_10, 0, STV_MODE_PAGE_ALL };
	struct stv_cmd *c;
	u8 *d;

	c = run(test, 0, (const u8[6]) { MODE_SENSE, 0, 0x08, 0, 255, 0 },
		STV_DATA_IN, 255, NULL);
	d = data(test);
	expect_good(test, c, 24);
	KUNIT_EXPECT_EQ(test, d[0], 23);
	KUNIT_EXPECT_EQ(test, d[2] & 0x80, 0);		/* not write protected */
	KUNIT_EXPECT_EQ(test, d[3], 0);			/* no block descriptors */
	KUNIT_EXPECT_EQ(test, d[4], 0x08);
	KUNIT_EXPECT_EQ(test, d[5], 0x12);
	KUNIT_EXPECT_TRUE(test, d[6] & 0x04);		/* WCE */

	stv_put_be16(ms10 + 7, 4);
	c = run(test, 0, ms10, STV_DATA_IN, 255, NULL);
	d = data(test);
	expect_good(test, c, 4);
	KUNIT_EXPECT_EQ(test, stv_be16(d), 26);
	KUNIT_EXPECT_EQ(test, d[3] & 0x80, 0);

	c = run(test, 0, (const u8[6]) { MODE_SENSE, 0, 0x1c, 0, 255, 0 },
		STV_DATA_IN, 255, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_CDB);
	c = run(test, 0, (const u8[6]) { MODE_SENSE, 0, 0xc8, 0, 255, 0 },
		STV_DATA_IN, 255, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_NO_SAVING);
}

static void test_simple_commands(struct kunit *test)
{
	const u8 none[][16] = {
		{ TEST_UNIT_READY }, { START_STOP, 0, 0, 0, 1 },
		{ SYNCHRONIZE_CACHE }, { SYNCHRONIZE_CACHE_16 },
	};
	struct stv_cmd *c;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(none); i++) {
		c = run(test, 0, none[i], 2, 0, NULL);
		expect_good(test, c, 0);
	}
	c = run(test, 0, (const u8[6]) { REQUEST_SENSE, 0, 0, 0, 252, 0 },
		STV_DATA_IN, 252, NULL);
	expect_good(test, c, STV_SENSE_LEN);
	KUNIT_EXPECT_EQ(test, data(test)[0], 0x70);
	KUNIT_EXPECT_EQ(test, data(test)[2], NO_SENSE);
}

static void test_bad_commands(struct kunit *test)
{
	struct ctx *x = test->priv;
	struct stv_cmd *c;

	/* PERSISTENT RESERVE IN, COMPARE AND WRITE, READ(6): not emulated. */
	c = run(test, 0, (const u8[10]) { PERSISTENT_RESERVE_IN }, STV_DATA_IN,
		64, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_OPCODE);
	c = run(test, 0, (const u8[16]) { COMPARE_AND_WRITE, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 1 }, STV_DATA_OUT, 1024, NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_OPCODE);
	c = run(test, 0, (const u8[6]) { READ_6, 0, 0, 0, 1 }, STV_DATA_IN, 512,
		NULL);
	expect_sense(test, c, STV_INVALID, ILLEGAL_REQUEST, STV_ASC_INVALID_OPCODE);

	/* A CDB shorter than its opcode's group. */
	x->fb.mem = kunit_kzalloc(test, 8, GFP_KERNEL);
	x->fb.b.len = 8;
	memset(&x->c, 0, sizeof(x->c));
	x->c.target_ok = true;
	x->c.cdb[0] = READ_CAPACITY;
	x->c.cdb_len = 6;
	x->c.data_in = STV_DATA_IN;
	x->c.buf = &x->fb.b;
	stv_scsi_execute(&x->t, &x->c);
	expect_sense(test, &x->c, STV_INVALID, ILLEGAL_REQUEST,
		     STV_ASC_INVALID_CDB);
}

static void test_armed_error(struct kunit *test)
{
	struct ctx *x = test->priv;
	const u8 tur[6] = { TEST_UNIT_READY };
	struct stv_cmd *c;

	KUNIT_EXPECT_EQ(test, stv_lun_arm_error(&x->t, 1, MEDIUM_ERROR, 0x11, 0),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, stv_lun_arm_error(&x->t, 3, 0, 0x11, 0), -EINVAL);
	KUNIT_ASSERT_EQ(test, stv_lun_arm_error(&x->t, 3, MEDIUM_ERROR, 0x11, 2),
			0);
	/* Other LUNs are not affected. */
	c = run(test, 0, tur, 2, 0, NULL);
	expect_good(test, c, 0);
	c = run(test, 3, tur, 2, 0, NULL);
	expect_sense(test, c, STV_CHECK, MEDIUM_ERROR, 0x11);
	KUNIT_EXPECT_EQ(test, c->sense[13], 2);
	/* Once only. */
	c = run(test, 3, tur, 2, 0, NULL);
	expect_good(test, c, 0);
}

static void test_lun_set(struct kunit *test)
{
	struct ctx *x = test->priv;

	KUNIT_EXPECT_EQ(test, stv_lun_add(&x->t, 0, 1), -EEXIST);
	KUNIT_EXPECT_EQ(test, stv_lun_add(&x->t, STV_MAX_LUNS, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, stv_lun_add(&x->t, 5, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, stv_lun_add(&x->t, 5, STV_MAX_LUN_MB + 1),
			-EINVAL);
	/* The total stays bounded. */
	x->t.total_mb = STV_MAX_TOTAL_MB;
	KUNIT_EXPECT_EQ(test, stv_lun_add(&x->t, 5, 1), -ENOSPC);
	x->t.total_mb = 3;
	KUNIT_EXPECT_EQ(test, stv_lun_remove(&x->t, 0), 0);
	KUNIT_EXPECT_EQ(test, x->t.total_mb, 2U);
	KUNIT_EXPECT_EQ(test, stv_lun_remove(&x->t, 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, stv_lun_remove(&x->t, STV_MAX_LUNS), -ENOENT);
	KUNIT_EXPECT_EQ(test, stv_lun_add(&x->t, 0, 1), 0);
	/* A new LUN reads as zeros. */
	KUNIT_EXPECT_NULL(test, memchr_inv(x->t.lun[0]->data, 0, 1 << 20));
}

static struct kunit_case stv_cases[] = {
	KUNIT_CASE(test_inquiry_std),
	KUNIT_CASE(test_inquiry_vpd),
	KUNIT_CASE(test_absent_lun),
	KUNIT_CASE(test_report_luns),
	KUNIT_CASE(test_read_capacity),
	KUNIT_CASE(test_read_write),
	KUNIT_CASE(test_unmap),
	KUNIT_CASE(test_write_same),
	KUNIT_CASE(test_write_same_zeroes),
	KUNIT_CASE(test_write_same_bad),
	KUNIT_CASE(test_mode_sense),
	KUNIT_CASE(test_simple_commands),
	KUNIT_CASE(test_bad_commands),
	KUNIT_CASE(test_armed_error),
	KUNIT_CASE(test_lun_set),
	{}
};

static struct kunit_suite stv_suite = {
	.name = "hv_sim_storvsp_scsi",
	.init = stv_test_init,
	.exit = stv_test_exit,
	.test_cases = stv_cases,
};

kunit_test_suite(stv_suite);

MODULE_DESCRIPTION("KUnit tests for hv_sim's SCSI target");
MODULE_LICENSE("GPL");
