// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the core's API for memory shared beyond the rings and for
 * transfer-page packets - Hyper-V page numbers of vmalloc()ed and
 * kmalloc()ed buffers (checked by reading each 4 KiB page back through
 * its page number, so 64 KiB-page kernels are covered too), the sizes
 * a shared buffer refuses, the range checks of multi-range GPA-direct
 * sends, and every rule of vmbus_xfer_pages_parse(). Sharing a buffer
 * and taking it back needs a host: hv_netvsc's boot cases cover it
 * against hv_sim.
 */
#include <kunit/test.h>
#include <linux/highmem.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <hv/vmbus.h>

/* ------------------------------------------------------------------ */
/* Hyper-V page numbers                                                */
/* ------------------------------------------------------------------ */

/* The u32 at the start of the Hyper-V page @hvpfn, read via its page. */
static u32 read_hvpage(u64 hvpfn)
{
	phys_addr_t pa = (phys_addr_t)hvpfn << HV_PAGE_SHIFT;
	void *va = kmap_local_page(pfn_to_page(PHYS_PFN(pa)));
	u32 v = *(u32 *)(va + offset_in_page(pa));

	kunmap_local(va);
	return v;
}

static void hvpfn_check(struct kunit *test, u8 *buf, u32 hvpages)
{
	u32 i;

	for (i = 0; i < hvpages; i++)
		*(u32 *)(buf + i * HV_PAGE_SIZE) = 0x5eed0000 + i;
	for (i = 0; i < hvpages; i++)
		KUNIT_EXPECT_EQ_MSG(test, read_hvpage(vmbus_buf_hvpfn(buf, i)),
				    0x5eed0000 + i, "Hyper-V page %u", i);
}

static void hvpfn_vmalloc(struct kunit *test)
{
	u32 size = 5 * PAGE_SIZE;
	u8 *buf = vzalloc(size);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	hvpfn_check(test, buf, size / HV_PAGE_SIZE);
	vfree(buf);
}

static void hvpfn_kmalloc(struct kunit *test)
{
	u32 size = 3 * PAGE_SIZE;
	u8 *buf = kunit_kzalloc(test, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	hvpfn_check(test, PTR_ALIGN(buf, HV_PAGE_SIZE),
		    size / HV_PAGE_SIZE - 1);
}

/* A size no GPADL can describe is refused before the channel is used. */
static void buffer_size_refused(struct kunit *test)
{
	static const u32 sizes[] = { 0, 1, PAGE_SIZE - 1, PAGE_SIZE + 1 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    PTR_ERR(vmbus_buffer_alloc(NULL, sizes[i])),
				    -EINVAL, "size %u", sizes[i]);
	/* Freeing nothing is allowed, as for kfree(). */
	vmbus_buffer_free(NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* GPA-direct range lists: refused before the channel is touched       */
/* ------------------------------------------------------------------ */

struct two_ranges {
	struct vmbus_gpa_range a;
	u64 a_pfn[2];
	struct vmbus_gpa_range b;
	u64 b_pfn;
} __packed;

static int send_ranges(const void *r, u32 len, u32 count)
{
	/* A NULL channel: every case here must fail before using it. */
	return vmbus_send_gpa_ranges(NULL, 0, 1, r, len, count, NULL, 0);
}

static void gpa_ranges_refused(struct kunit *test)
{
	struct two_ranges r = {
		.a = { .byte_count = 5000, .byte_offset = 100 },
		.a_pfn = { 10, 11 },
		.b = { .byte_count = 4096, .byte_offset = 0 },
		.b_pfn = 20,
	};
	struct two_ranges bad;

	/* Wrong count, short and long lengths. */
	KUNIT_EXPECT_EQ(test, send_ranges(&r, sizeof(r), 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, send_ranges(&r, sizeof(r), 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, send_ranges(&r, sizeof(r), 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, send_ranges(&r, sizeof(r) - 8, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, send_ranges(&r, sizeof(r) - 4, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, send_ranges(&r, 4, 1), -EINVAL);

	/* An empty range, and one starting beyond its page. */
	bad = r;
	bad.b.byte_count = 0;
	KUNIT_EXPECT_EQ(test, send_ranges(&bad, sizeof(bad), 2), -EINVAL);
	bad = r;
	bad.b.byte_offset = HV_PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, send_ranges(&bad, sizeof(bad), 2), -EINVAL);

	/* A range spanning more pages than its PFNs. */
	bad = r;
	bad.a.byte_count = 8100;
	KUNIT_EXPECT_EQ(test, send_ranges(&bad, sizeof(bad), 2), -EINVAL);

	/* A byte count that wraps the page arithmetic. */
	bad = r;
	bad.a.byte_count = U32_MAX;
	KUNIT_EXPECT_EQ(test, send_ranges(&bad, sizeof(bad), 2), -EINVAL);
}

static void gpa_ranges_too_big(struct kunit *test)
{
	/* One range of many PFNs: longer than any packet can be. */
	u32 pfns = 70000, len = sizeof(struct vmbus_gpa_range) + pfns * 8;
	struct vmbus_gpa_range *r = kunit_kzalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->byte_count = (pfns - 1) * HV_PAGE_SIZE + 1;
	KUNIT_EXPECT_EQ(test, send_ranges(r, len, 1), -EMSGSIZE);
}

/* ------------------------------------------------------------------ */
/* Transfer-page packets                                               */
/* ------------------------------------------------------------------ */

#define SET_SIZE	(64 * 1024)
#define SET_ID		0xcafe

struct xfer_pkt {
	struct vmbus_pkt_xfer_pages hdr;
	struct vmbus_xfer_page_range ranges[4];
	u32 payload[4];
} __packed;

/* A packet of @n ranges with room for 4 and a 16-byte payload. */
static void xfer_build(struct xfer_pkt *p, struct hv_ring_pkt *rp, u32 n)
{
	u32 i;

	memset(p, 0, sizeof(*p));
	p->hdr.desc.type = VMBUS_PKT_DATA_XFER_PAGES;
	p->hdr.desc.trans_id = 0x1234;
	p->hdr.xfer_pageset_id = SET_ID;
	p->hdr.range_count = n;
	for (i = 0; i < ARRAY_SIZE(p->ranges); i++) {
		p->ranges[i].byte_offset = i * 4096;
		p->ranges[i].byte_count = 1500;
	}
	p->payload[0] = 107;
	rp->desc = p->hdr.desc;
	rp->len = sizeof(*p);
	rp->payload_offset = offsetof(struct xfer_pkt, payload);
}

static void xfer_valid(struct kunit *test)
{
	struct vmbus_xfer_pages xp;
	struct hv_ring_pkt rp;
	struct xfer_pkt p;

	xfer_build(&p, &rp, 4);
	KUNIT_ASSERT_EQ(test, vmbus_xfer_pages_parse(&p, &rp, SET_ID,
						     SET_SIZE, &xp), 0);
	KUNIT_EXPECT_EQ(test, xp.trans_id, 0x1234);
	KUNIT_EXPECT_EQ(test, xp.range_count, 4);
	KUNIT_EXPECT_PTR_EQ(test, xp.ranges, &p.ranges[0]);
	KUNIT_EXPECT_PTR_EQ(test, xp.payload, (const void *)p.payload);
	KUNIT_EXPECT_EQ(test, xp.payload_len, sizeof(p.payload));

	/* Fewer ranges than room, and none at all, are fine. */
	xfer_build(&p, &rp, 1);
	KUNIT_EXPECT_EQ(test, vmbus_xfer_pages_parse(&p, &rp, SET_ID,
						     SET_SIZE, &xp), 0);
	xfer_build(&p, &rp, 0);
	KUNIT_EXPECT_EQ(test, vmbus_xfer_pages_parse(&p, &rp, SET_ID,
						     SET_SIZE, &xp), 0);
	KUNIT_EXPECT_EQ(test, xp.range_count, 0);

	/* A range ending exactly at the end of the set. */
	xfer_build(&p, &rp, 1);
	p.ranges[0].byte_offset = SET_SIZE - 100;
	p.ranges[0].byte_count = 100;
	KUNIT_EXPECT_EQ(test, vmbus_xfer_pages_parse(&p, &rp, SET_ID,
						     SET_SIZE, &xp), 0);
}

static void xfer_bad_header(struct kunit *test)
{
	struct vmbus_xfer_pages xp;
	struct hv_ring_pkt rp;
	struct xfer_pkt p;

	/* Another packet type. */
	xfer_build(&p, &rp, 4);
	rp.desc.type = VMBUS_PKT_DATA_INBAND;
	KUNIT_EXPECT_EQ(test, vmbus_xfer_pages_parse(&p, &rp, SET_ID,
						     SET_SIZE, &xp), -EBADMSG);
	/* The transaction id is there for the completion all the same. */
	KUNIT_EXPECT_EQ(test, xp.trans_id, 0x1234);

	/* Payload offset inside the header, and beyond the packet. */
	xfer_build(&p, &rp, 0);
	rp.payload_offset = sizeof(struct vmbus_pkt_xfer_pages) - 8;
	KUNIT_EXPECT_EQ(test, vmbus_xfer_pages_parse(&p, &rp, SET_ID,
						     SET_SIZE, &xp), -EBADMSG);
	xfer_build(&p, &rp, 0);
	rp.payload_offset = rp.len + 8;
	KUNIT_EXPECT_EQ(test, vmbus_xfer_pages_parse(&p, &rp, SET_ID,
						     SET_SIZE, &xp), -EBADMSG);

	/* Another page set. */
	xfer_build(&p, &rp, 4);
	p.hdr.xfer_pageset_id = SET_ID + 1;
	KUNIT_EXPECT_EQ(test, vmbus_xfer_pages_parse(&p, &rp, SET_ID,
						     SET_SIZE, &xp), -EBADMSG);

	/* More ranges than fit before the payload, and a huge count. */
	xfer_build(&p, &rp, 5);
	KUNIT_EXPECT_EQ(test, vmbus_xfer_pages_parse(&p, &rp, SET_ID,
						     SET_SIZE, &xp), -EBADMSG);
	xfer_build(&p, &rp, U32_MAX);
	KUNIT_EXPECT_EQ(test, vmbus_xfer_pages_parse(&p, &rp, SET_ID,
						     SET_SIZE, &xp), -EBADMSG);
}

static void xfer_bad_range(struct kunit *test)
{
	static const struct {
		u32 offset, count;
	} bad[] = {
		{ SET_SIZE - 100, 101 },	/* one byte past the end */
		{ SET_SIZE + 1, 0 },		/* starts past the end */
		{ 0xfffffff0, 0x20 },		/* offset + count wraps */
		{ 16, U32_MAX },		/* count alone too large */
	};
	struct vmbus_xfer_pages xp;
	struct hv_ring_pkt rp;
	struct xfer_pkt p;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		xfer_build(&p, &rp, 4);
		/* The bad range last: every range is checked. */
		p.ranges[3].byte_offset = bad[i].offset;
		p.ranges[3].byte_count = bad[i].count;
		KUNIT_EXPECT_EQ_MSG(test,
				    vmbus_xfer_pages_parse(&p, &rp, SET_ID,
							   SET_SIZE, &xp),
				    -EBADMSG, "range %u at %u", bad[i].count,
				    bad[i].offset);
	}
}

static struct kunit_case vmbus_buffer_cases[] = {
	KUNIT_CASE(hvpfn_vmalloc),
	KUNIT_CASE(hvpfn_kmalloc),
	KUNIT_CASE(buffer_size_refused),
	KUNIT_CASE(gpa_ranges_refused),
	KUNIT_CASE(gpa_ranges_too_big),
	KUNIT_CASE(xfer_valid),
	KUNIT_CASE(xfer_bad_header),
	KUNIT_CASE(xfer_bad_range),
	{}
};

static struct kunit_suite vmbus_buffer_suite = {
	.name = "hv_vmbus_buffer",
	.test_cases = vmbus_buffer_cases,
};

kunit_test_suite(vmbus_buffer_suite);
