// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: every parser of what a host sends hv_netvsc
 * (drivers/net/netvsc/wire.c, and the core's transfer-page parser
 * drivers/hv/vmbus/xfer.c it starts from), driven as the driver drives
 * them. The first input byte picks the path; the rest is the host's
 * message, copied into a heap block of exactly its size so that ASan
 * sees any read past it:
 *
 *  0 receive: a transfer-page packet and the receive buffer it points
 *    into; each range as netvsc_rndis_receive() handles it (header,
 *    data message, per-packet info, RSC), every delivered frame copied
 *    out fragment by fragment; ranges, frames and fragments must lie in
 *    the buffer, frames no longer than the RSC limit;
 *  1 NVSP completions: INIT, both buffers, sub-channels, send
 *    completions - sizes that pass must fit the buffer;
 *  2 in-band: the send table (both offset conventions) and VF
 *    association - entries name possible channels;
 *  3 RNDIS completions: INIT, OID query answers (the answer inside the
 *    message and the caller's room), SET;
 *  4 indications, checked against the range as copied;
 *  5 OID answers: offload capabilities and the plan made of them, RSS
 *    capabilities, the friendly name.
 *
 * Built by tests/userspace/Makefile: "make fuzz-netvsc" (clang,
 * libFuzzer), "make test" replays tests/fuzz/corpus/netvsc (gcc, ASan,
 * UBSan), "make seeds-netvsc" rewrites that corpus (HV_FUZZ_SEEDS).
 */
#include <linux/kernel.h>
#include "../../drivers/net/netvsc/wire.h"
#include "fuzz.h"

enum {
	PATH_RX,
	PATH_NVSP,
	PATH_INBAND,
	PATH_RNDIS,
	PATH_INDICATE,
	PATH_OID,
	PATH_COUNT
};

/* A heap copy of exactly @len bytes (at least one, for malloc). */
static u8 *dup_exact(const u8 *data, size_t len)
{
	u8 *p = malloc(len ? len : 1);

	CHECK(p);
	memcpy(p, data, len);
	return p;
}

static u32 get_u32(const u8 **data, size_t *size)
{
	u32 v = 0;

	memcpy(&v, *data, min(*size, sizeof(v)));
	*data += min(*size, sizeof(v));
	*size -= min(*size, sizeof(v));
	return v;
}

/* ------------------------------------------------------------------ */
/* 0: receive                                                          */
/* ------------------------------------------------------------------ */

/* Copy a delivered frame out as netvsc_rx_copy() does. */
static void rx_deliver(const struct netvsc_rsc *rsc, const u8 *buf, u32 size)
{
	u8 *frame;
	u32 i, at = 0;

	CHECK(rsc->cnt >= 1 && rsc->cnt <= NVSP_MAX_RANGES_RSC);
	CHECK(rsc->len <= NETVSC_RSC_FRAME_MAX);
	CHECK(rsc->frag_len[0] >= NETVSC_ETH_HLEN);
	frame = malloc(rsc->len ? rsc->len : 1);
	CHECK(frame);
	for (i = 0; i < rsc->cnt; i++) {
		CHECK(rsc->off[i] <= size &&
		      rsc->frag_len[i] <= size - rsc->off[i]);
		CHECK(rsc->frag_len[i] <= rsc->len - at);
		memcpy(frame + at, buf + rsc->off[i], rsc->frag_len[i]);
		at += rsc->frag_len[i];
	}
	CHECK(at == rsc->len);
	free(frame);
}

/* One range, as netvsc_rndis_receive(); false if it is dropped. */
static bool rx_range(struct netvsc_rsc *rsc, const u8 *buf, u32 size,
		     u32 off, u32 len, bool last)
{
	struct netvsc_rx_info info = { 0 };
	struct netvsc_rx_layout lo;
	struct rndis_packet_msg msg;
	const u8 *data = buf + off;
	struct rndis_hdr hdr;
	u8 *ppi;
	bool ok;

	if (len < sizeof(hdr))
		return false;
	memcpy(&hdr, data, sizeof(hdr));
	if (netvsc_rndis_hdr_check(&hdr, len))
		return false;
	CHECK(hdr.len <= len);
	if (hdr.type != RNDIS_MSG_PACKET || hdr.len < sizeof(msg))
		return hdr.type != RNDIS_MSG_PACKET;
	memcpy(&msg, data, sizeof(msg));
	msg.hdr = hdr;
	if (netvsc_rx_packet_check(&msg, NETVSC_RSC_FRAME_MAX, &lo))
		return false;
	CHECK(lo.data_offset >= sizeof(msg));
	CHECK(lo.data_offset <= hdr.len && lo.data_len <= hdr.len - lo.data_offset);
	CHECK(lo.ppi_len <= NETVSC_PPI_MAX);
	if (lo.ppi_len) {
		CHECK(lo.ppi_offset >= sizeof(msg) && lo.ppi_offset <= hdr.len &&
		      lo.ppi_len <= hdr.len - lo.ppi_offset);
		ppi = dup_exact(data + lo.ppi_offset, lo.ppi_len);
		ok = !netvsc_ppi_parse(ppi, lo.ppi_len, &info);
		free(ppi);
		if (!ok)
			return false;
	}
	switch (netvsc_rsc_add(rsc, &info, off + lo.data_offset, lo.data_len,
			       last)) {
	case NETVSC_RSC_DELIVER:
		rx_deliver(rsc, buf, size);
		rsc->cnt = 0;
		return true;
	case NETVSC_RSC_MORE:
		CHECK(!last);
		return true;
	default:
		CHECK(rsc->cnt == 0);
		return false;
	}
}

/*
 * Input: u16 packet length, u32 section size, the ring packet (its
 * descriptor first), then the receive buffer.
 */
static void fuzz_rx(const u8 *data, size_t size)
{
	static struct netvsc_rsc rsc;
	struct vmbus_xfer_pages xp;
	struct hv_ring_pkt rp;
	u32 pkt_len, section, i, buf_size;
	u8 *pkt, *buf;

	pkt_len = get_u32(&data, &size) & 0x1ff8;
	section = get_u32(&data, &size);
	pkt_len = min(pkt_len, (u32)size & ~7U);
	if (pkt_len < sizeof(struct vmbus_pkt_desc))
		return;
	pkt = dup_exact(data, pkt_len);
	buf_size = size - pkt_len;
	buf = dup_exact(data + pkt_len, buf_size);

	/* What hv_ring_peek() guarantees of the descriptor. */
	memcpy(&rp.desc, pkt, sizeof(rp.desc));
	rp.len = pkt_len;
	rp.payload_offset = (u32)rp.desc.offset8 << 3;
	if (rp.payload_offset < sizeof(rp.desc) || rp.payload_offset > rp.len)
		goto out;

	memset(&rsc, 0, sizeof(rsc));
	if (vmbus_xfer_pages_parse(pkt, &rp, NVSP_RECV_BUF_ID, buf_size, &xp) ||
	    netvsc_xfer_check(&xp, section))
		goto out;
	CHECK(xp.range_count <= NVSP_MAX_RANGES_RSC);
	CHECK((const u8 *)xp.payload >= pkt + sizeof(struct vmbus_pkt_xfer_pages));
	CHECK((const u8 *)(xp.ranges + xp.range_count) <= (const u8 *)xp.payload);
	for (i = 0; i < xp.range_count; i++) {
		const struct vmbus_xfer_page_range *r = &xp.ranges[i];

		CHECK(r->byte_offset <= buf_size &&
		      r->byte_count <= buf_size - r->byte_offset);
		CHECK(r->byte_count <= section);
		if (!rx_range(&rsc, buf, buf_size, r->byte_offset,
			      r->byte_count, i + 1 == xp.range_count))
			rsc.cnt = 0;
	}
out:
	free(pkt);
	free(buf);
}

/* ------------------------------------------------------------------ */
/* 1: NVSP completions                                                 */
/* ------------------------------------------------------------------ */

/* Input: u32 buffer size, u32 sub-channels asked, the completion. */
static void fuzz_nvsp(const u8 *data, size_t size)
{
	u32 buf = get_u32(&data, &size), asked = get_u32(&data, &size);
	u32 len = min_t(size_t, size, sizeof(struct nvsp_msg)), a, b;
	struct nvsp_msg m = { 0 };
	u8 *copy = dup_exact(data, size);

	memcpy(&m, data, len);
	if (!netvsc_nvsp_check(copy, size, NVSP_MSG1_SEND_RECV_BUF_COMPLETE) &&
	    !netvsc_recv_buf_check(&m, buf, &a, &b))
		CHECK(a >= NETVSC_MTU_MIN && b && (u64)a * b <= buf);
	if (!netvsc_nvsp_check(copy, size, NVSP_MSG1_SEND_SEND_BUF_COMPLETE) &&
	    !netvsc_send_buf_check(&m, buf, &a, &b))
		CHECK(a >= NETVSC_MTU_MIN && b >= 1 && (u64)a * b <= buf);
	if (!netvsc_nvsp_check(copy, size, NVSP_MSG5_SUBCHANNEL) &&
	    !netvsc_subchannel_check(&m, asked, &a))
		CHECK(a <= asked);
	if (!netvsc_nvsp_check(copy, size, NVSP_MSG_INIT_COMPLETE))
		CHECK(size >= 16);
	if (!netvsc_nvsp_check(copy, size, NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE))
		CHECK(size >= 8);
	free(copy);
}

/* ------------------------------------------------------------------ */
/* 2: in-band                                                          */
/* ------------------------------------------------------------------ */

/* Input: u32 NVSP version, the message. */
static void fuzz_inband(const u8 *data, size_t size)
{
	static const u32 versions[] = {
		NVSP_VERSION_1, NVSP_VERSION_2, NVSP_VERSION_4, NVSP_VERSION_5,
		NVSP_VERSION_6, NVSP_VERSION_61,
	};
	u32 v = versions[get_u32(&data, &size) % ARRAY_SIZE(versions)];
	u32 table[NVSP_SEND_TABLE_SIZE], alloc, serial, i;
	u8 *copy = dup_exact(data, size);

	memset(table, 0xff, sizeof(table));
	if (!netvsc_send_table_parse(copy, size, v, table))
		for (i = 0; i < NVSP_SEND_TABLE_SIZE; i++)
			CHECK(table[i] < NETVSC_CHANNELS_MAX);
	else
		for (i = 0; i < NVSP_SEND_TABLE_SIZE; i++)
			CHECK(table[i] == 0xffffffff);
	if (!netvsc_vf_assoc_parse(copy, size, &alloc, &serial))
		CHECK(size >= 12);
	free(copy);
}

/* ------------------------------------------------------------------ */
/* 3: RNDIS completions                                                */
/* ------------------------------------------------------------------ */

/* Input: u32 room for a query answer, the completion. */
static void fuzz_rndis(const u8 *data, size_t size)
{
	u32 room = get_u32(&data, &size) % 1024, id, pkts, align, len;
	u8 *copy = dup_exact(data, size), *out;
	const void *info;

	if (netvsc_rndis_ctrl_check(copy, size, &id))
		goto out;
	if (!netvsc_init_complete_parse(copy, size, &pkts, &align))
		CHECK(pkts >= 1 && pkts <= 64 && align && align <= 4096 &&
		      !(align & (align - 1)));
	if (!netvsc_query_complete_parse(copy, size, room, &info, &len)) {
		CHECK(len <= room);
		CHECK((const u8 *)info >= copy + 24 &&
		      (const u8 *)info + len <= copy + size);
		/* What netvsc_query() does with it. */
		out = malloc(room ? room : 1);
		CHECK(out);
		memcpy(out, info, len);
		free(out);
	}
	netvsc_set_complete_parse(copy, size);
out:
	free(copy);
}

/* ------------------------------------------------------------------ */
/* 4: indications                                                      */
/* ------------------------------------------------------------------ */

/* Input: the range, of which netvsc_indicate() copies up to 256 bytes. */
static void fuzz_indicate(const u8 *data, size_t size)
{
	u32 n = min_t(size_t, size, 256), status, speed;
	u8 *copy = dup_exact(data, n);

	netvsc_indicate_parse(copy, n, &status, &speed);
	free(copy);
}

/* ------------------------------------------------------------------ */
/* 5: OID answers                                                      */
/* ------------------------------------------------------------------ */

/* Input: u32 NVSP version, u32 answer length, the answer bytes. */
static void fuzz_oid(const u8 *data, size_t size)
{
	u32 v = get_u32(&data, &size), len = get_u32(&data, &size);
	struct ndis_offload caps = { 0 };
	struct ndis_rss_caps rss = { 0 };
	struct netvsc_offloads plan;
	u32 queues, tab;
	char name[256];
	size_t n;

	len = min_t(size_t, len, size);
	memcpy(&caps, data, min_t(u32, len, sizeof(caps)));
	if (!netvsc_hwcaps_check(&caps, min_t(u32, len, sizeof(caps)))) {
		netvsc_offloads_plan(&caps, v, v & 3, &plan);
		CHECK(plan.gso_max <= 65536);
		CHECK(!(plan.tso4 || plan.tso6) || plan.gso_max >= NETVSC_GSO_MIN);
		CHECK(plan.params_len == NDIS_OFFLOAD_PARAMS_SIZE ||
		      plan.params_len == NDIS_OFFLOAD_PARAMS_SIZE_6_1);
		CHECK(plan.params.header.size == plan.params_len);
		CHECK(!(plan.csum & (NETVSC_CSUM_UDP4 | NETVSC_CSUM_UDP6)) ||
		      v >= NVSP_VERSION_5);
	}
	memcpy(&rss, data, min_t(u32, len, sizeof(rss)));
	if (!netvsc_rss_caps_parse(&rss, min_t(u32, len, sizeof(rss)), &queues,
				   &tab))
		CHECK(tab >= 1 && tab <= NDIS_RSS_TABLE_MAX);
	CHECK(netvsc_channels_max(queues, v % 512) >= 1 &&
	      netvsc_channels_max(queues, v % 512) <= NETVSC_CHANNELS_MAX);
	n = netvsc_ucs2_to_utf8(data, len, name, sizeof(name));
	CHECK(n < sizeof(name) && name[n] == '\0' && strlen(name) == n);
}

int HV_FUZZ_ENTRY(const u8 *data, size_t size)
{
	if (!size)
		return 0;
	switch (data[0] % PATH_COUNT) {
	case PATH_RX:
		fuzz_rx(data + 1, size - 1);
		break;
	case PATH_NVSP:
		fuzz_nvsp(data + 1, size - 1);
		break;
	case PATH_INBAND:
		fuzz_inband(data + 1, size - 1);
		break;
	case PATH_RNDIS:
		fuzz_rndis(data + 1, size - 1);
		break;
	case PATH_INDICATE:
		fuzz_indicate(data + 1, size - 1);
		break;
	default:
		fuzz_oid(data + 1, size - 1);
		break;
	}
	return 0;
}

#ifdef HV_FUZZ_SEEDS
/* Write a seed corpus: well-formed and broken messages of each path. */
static const char *seed_dir;

static void seed_write(const char *name, const void *in, size_t len)
{
	char path[4096];
	FILE *f;

	/* Every seed must pass the checks. */
	HV_FUZZ_ENTRY(in, len);
	snprintf(path, sizeof(path), "%s/%s", seed_dir, name);
	f = fopen(path, "wb");
	CHECK(f);
	CHECK(fwrite(in, 1, len, f) == len);
	fclose(f);
}

static u8 seed[16384];
static size_t seed_len;

static void put(const void *p, size_t len)
{
	CHECK(seed_len + len <= sizeof(seed));
	memcpy(seed + seed_len, p, len);
	seed_len += len;
}

static void put_u32(u32 v)
{
	put(&v, sizeof(v));
}

static void start(u8 path)
{
	seed_len = 0;
	put(&path, 1);
}

/* A data message at @at in @buf: @ppi_flags packet id (0 for none). */
static u32 rx_msg(u8 *buf, u32 at, u32 frame, u8 ppi_flags, u32 bad_ppi)
{
	struct rndis_packet_msg *m = (void *)(buf + at);
	u32 ppi = (ppi_flags ? 3 : 2) * 16;
	struct rndis_ppi *r = (void *)(m + 1);
	struct rndis_pkt_id id = { RNDIS_PKT_ID_V1, ppi_flags, 1 };

	m->hdr.type = RNDIS_MSG_PACKET;
	m->hdr.len = sizeof(*m) + ppi + frame;
	m->pkt.ppi_offset = sizeof(m->pkt);
	m->pkt.ppi_len = ppi;
	m->pkt.data_offset = sizeof(m->pkt) + ppi;
	m->pkt.data_len = frame;
	r[0] = (struct rndis_ppi){ 16, RNDIS_PPI_CSUM, 12 };
	*(u32 *)&r[1] = NDIS_RXCSUM_TCP_OK | NDIS_RXCSUM_IP_OK;
	r = (void *)((u8 *)r + 16);
	r[0] = (struct rndis_ppi){ bad_ppi ? 0 : 16, RNDIS_PPI_HASH_VALUE, 12 };
	*(u32 *)&r[1] = 0x12345678;
	if (ppi_flags) {
		r = (void *)((u8 *)r + 16);
		r[0] = (struct rndis_ppi){ 16,
			RNDIS_PPI_PKT_ID | RNDIS_PPI_INTERNAL, 12 };
		memcpy(&r[1], &id, sizeof(id));
	}
	memset((u8 *)(m + 1) + ppi, 0xab, frame);
	return m->hdr.len;
}

/* A receive seed: ranges at 2 KiB steps, @n of them, given lengths. */
static void rx_seed(const char *name, u32 n, const u32 *lens,
		    const u32 *offs, u32 buf_size, const u8 *buf)
{
	struct {
		struct vmbus_pkt_xfer_pages h;
		struct vmbus_xfer_page_range r[4];
		struct nvsp_msg m;
	} __packed pkt = { 0 };
	u32 i;

	pkt.h.desc.type = VMBUS_PKT_DATA_XFER_PAGES;
	pkt.h.desc.offset8 = (sizeof(pkt.h) + sizeof(pkt.r)) / 8;
	pkt.h.desc.len8 = sizeof(pkt) / 8;
	pkt.h.desc.trans_id = 77;
	pkt.h.xfer_pageset_id = NVSP_RECV_BUF_ID;
	pkt.h.range_count = n;
	for (i = 0; i < n; i++) {
		pkt.r[i].byte_offset = offs[i];
		pkt.r[i].byte_count = lens[i];
	}
	pkt.m.hdr.type = NVSP_MSG1_SEND_RNDIS_PKT;
	start(PATH_RX);
	put_u32(sizeof(pkt));
	put_u32(2048);
	put(&pkt, sizeof(pkt));
	put(buf, buf_size);
	seed_write(name, seed, seed_len);
}

static void rx_seeds(void)
{
	static u8 buf[8192];
	u32 lens[4], offs[4] = { 0, 2048, 4096, 6144 };

	memset(buf, 0, sizeof(buf));
	lens[0] = rx_msg(buf, 0, 1514, 0, 0);
	lens[1] = rx_msg(buf, 2048, 60, 0, 0);
	rx_seed("rx-two", 2, lens, offs, sizeof(buf), buf);

	lens[0] = rx_msg(buf, 0, 1448,
			 RNDIS_PKT_ID_SUBALLOC | RNDIS_PKT_ID_FIRST, 0);
	lens[1] = rx_msg(buf, 2048, 1448, RNDIS_PKT_ID_SUBALLOC, 0);
	lens[2] = rx_msg(buf, 4096, 600,
			 RNDIS_PKT_ID_SUBALLOC | RNDIS_PKT_ID_LAST, 0);
	rx_seed("rx-rsc", 3, lens, offs, sizeof(buf), buf);

	lens[0] = rx_msg(buf, 0, 1448,
			 RNDIS_PKT_ID_SUBALLOC | RNDIS_PKT_ID_FIRST, 0);
	rx_seed("rx-rsc-open", 1, lens, offs, sizeof(buf), buf);

	lens[0] = rx_msg(buf, 0, 100, 0, 1);
	rx_seed("rx-ppi-zero", 1, lens, offs, sizeof(buf), buf);

	lens[0] = 2048;
	offs[0] = 7000;
	rx_seed("rx-range-out", 1, lens, offs, sizeof(buf), buf);

	/* The tail of a coalesced frame: whatever is left, here 6 bytes. */
	offs[0] = 0;
	lens[0] = rx_msg(buf, 0, 1448,
			 RNDIS_PKT_ID_SUBALLOC | RNDIS_PKT_ID_FIRST, 0);
	lens[1] = rx_msg(buf, 2048, 1448, RNDIS_PKT_ID_SUBALLOC, 0);
	lens[2] = rx_msg(buf, 4096, 6,
			 RNDIS_PKT_ID_SUBALLOC | RNDIS_PKT_ID_LAST, 0);
	rx_seed("rx-rsc-short-tail", 3, lens, offs, sizeof(buf), buf);
}

static void nvsp_seed(const char *name, u32 buf, u32 asked,
		      const struct nvsp_msg *m, u32 len)
{
	start(PATH_NVSP);
	put_u32(buf);
	put_u32(asked);
	put(m, len);
	seed_write(name, seed, seed_len);
}

static void nvsp_seeds(void)
{
	struct nvsp_msg m = { .hdr.type = NVSP_MSG1_SEND_RECV_BUF_COMPLETE };

	m.recv_buf_complete.status = NVSP_STATUS_SUCCESS;
	m.recv_buf_complete.num_sections = 1;
	m.recv_buf_complete.section.sub_alloc_size = 1728;
	m.recv_buf_complete.section.num_sub_allocs = 9709;
	nvsp_seed("nvsp-recv-buf", 16 << 20, 0, &m, sizeof(m));
	m.recv_buf_complete.section.num_sub_allocs = 0x10000;
	m.recv_buf_complete.section.sub_alloc_size = 0x10000;
	nvsp_seed("nvsp-recv-buf-wrap", 16 << 20, 0, &m, sizeof(m));

	memset(&m, 0, sizeof(m));
	m.hdr.type = NVSP_MSG1_SEND_SEND_BUF_COMPLETE;
	m.send_buf_complete.status = NVSP_STATUS_SUCCESS;
	m.send_buf_complete.section_size = 6144;
	nvsp_seed("nvsp-send-buf", 1 << 20, 0, &m, sizeof(m));

	memset(&m, 0, sizeof(m));
	m.hdr.type = NVSP_MSG5_SUBCHANNEL;
	m.subchannel_complete.status = NVSP_STATUS_SUCCESS;
	m.subchannel_complete.num_subchannels = 9;
	nvsp_seed("nvsp-subchannel-too-many", 1 << 20, 7, &m, 12);

	memset(&m, 0, sizeof(m));
	m.hdr.type = NVSP_MSG_INIT_COMPLETE;
	m.init_complete.status = NVSP_STATUS_SUCCESS;
	nvsp_seed("nvsp-init", 0, 0, &m, 15);
}

static void inband_seeds(void)
{
	struct nvsp_msg m = { .hdr.type = NVSP_MSG5_SEND_INDIRECTION_TABLE };
	u32 tab[NVSP_SEND_TABLE_SIZE], i;

	for (i = 0; i < NVSP_SEND_TABLE_SIZE; i++)
		tab[i] = i % 2;
	m.send_table.count = NVSP_SEND_TABLE_SIZE;
	m.send_table.offset = NVSP_SEND_TABLE_OFFSET;
	start(PATH_INBAND);
	put_u32(5);			/* NVSP 6.1 */
	put(&m, NVSP_SEND_TABLE_OFFSET);
	put(tab, sizeof(tab));
	seed_write("inband-table", seed, seed_len);

	start(PATH_INBAND);
	put_u32(3);			/* NVSP 5: the legacy layout */
	put(&m, sizeof(m));
	put(tab, sizeof(tab));
	seed_write("inband-table-legacy", seed, seed_len);

	memset(&m, 0, sizeof(m));
	m.hdr.type = NVSP_MSG4_SEND_VF_ASSOCIATION;
	m.vf_association.allocated = 1;
	m.vf_association.serial = 3;
	start(PATH_INBAND);
	put_u32(2);
	put(&m, 12);
	seed_write("inband-vf", seed, seed_len);
}

static void rndis_seeds(void)
{
	struct {
		struct rndis_hdr hdr;
		struct rndis_init_complete c;
	} __packed init = {
		{ RNDIS_MSG_INIT_C, sizeof(init) },
		{ .req_id = 1, .max_pkts_per_msg = 8, .pkt_align_shift = 3 },
	};
	struct {
		struct rndis_hdr hdr;
		struct rndis_query_complete c;
		u8 mac[6];
	} __packed q = {
		{ RNDIS_MSG_QUERY_C, sizeof(q) },
		{ .req_id = 2, .info_len = 6, .info_offset = 16 },
		{ 0x00, 0x15, 0x5d, 0x00, 0x00, 0x01 },
	};
	struct {
		struct rndis_hdr hdr;
		struct rndis_set_complete c;
	} __packed set = { { RNDIS_MSG_SET_C, sizeof(set) }, { .req_id = 3 } };

	start(PATH_RNDIS);
	put_u32(0);
	put(&init, sizeof(init));
	seed_write("rndis-init", seed, seed_len);
	start(PATH_RNDIS);
	put_u32(6);
	put(&q, sizeof(q));
	seed_write("rndis-query-mac", seed, seed_len);
	q.c.info_offset = 0xfffffff0;
	start(PATH_RNDIS);
	put_u32(6);
	put(&q, sizeof(q));
	seed_write("rndis-query-wrap", seed, seed_len);
	start(PATH_RNDIS);
	put_u32(0);
	put(&set, sizeof(set));
	seed_write("rndis-set", seed, seed_len);
}

static void indicate_seeds(void)
{
	struct {
		struct rndis_hdr hdr;
		struct rndis_indicate ind;
		u32 speed;
	} __packed m = {
		{ RNDIS_MSG_INDICATE, sizeof(m) },
		{ RNDIS_STATUS_LINK_SPEED_CHANGE, 4, 12 },
		100000000,
	};

	start(PATH_INDICATE);
	put(&m, sizeof(m));
	seed_write("indicate-speed", seed, seed_len);
	m.hdr.len = 20;
	m.ind.status = RNDIS_STATUS_NETWORK_CHANGE;
	start(PATH_INDICATE);
	put(&m, 20);
	seed_write("indicate-network-change", seed, seed_len);
}

static void oid_seeds(void)
{
	struct ndis_offload c = {
		.header = { NDIS_OBJECT_TYPE_OFFLOAD, NDIS_OFFLOAD_REVISION_3,
			    NDIS_OFFLOAD_SIZE },
	};
	struct ndis_rss_caps rss = {
		.header = { NDIS_OBJECT_TYPE_RSS_CAPS, 2, NDIS_RSS_CAPS_SIZE },
		.num_recv_queues = 8, .num_table_entries = 128,
	};
	static const u8 name[] = { 'e', 0, 't', 0, 'h', 0, 0xe9, 0, 0, 0 };
	u32 tcp = NDIS_CSUM_CAP_TCP | NDIS_CSUM_CAP_TCP_OPTIONS;

	c.csum.ip4_tx_csum = tcp | NDIS_CSUM_CAP_UDP;
	c.csum.ip6_tx_csum = tcp | NDIS_CSUM_CAP_IP_OPTIONS | NDIS_CSUM_CAP_UDP;
	c.lsov2.ip4_encap = NDIS_OFFLOAD_ENCAP_8023;
	c.lsov2.ip4_max_size = 62780;
	c.lsov2.ip6_encap = NDIS_OFFLOAD_ENCAP_8023;
	c.lsov2.ip6_max_size = 62780;
	c.lsov2.ip6_opts = NDIS_LSOV2_CAP_IP6_EXT | NDIS_LSOV2_CAP_TCP6_OPTIONS;
	c.rsc_ip4 = 1;
	c.rsc_ip6 = 1;
	start(PATH_OID);
	put_u32(NVSP_VERSION_61);
	put_u32(sizeof(c));
	put(&c, sizeof(c));
	seed_write("oid-offload", seed, seed_len);
	start(PATH_OID);
	put_u32(NVSP_VERSION_5);
	put_u32(sizeof(rss));
	put(&rss, sizeof(rss));
	seed_write("oid-rss", seed, seed_len);
	start(PATH_OID);
	put_u32(NVSP_VERSION_61);
	put_u32(sizeof(name));
	put(name, sizeof(name));
	seed_write("oid-name", seed, seed_len);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	seed_dir = argv[1];
	rx_seeds();
	nvsp_seeds();
	inband_seeds();
	rndis_seeds();
	indicate_seeds();
	oid_seeds();
	printf("seeds in %s\n", seed_dir);
	return 0;
}
#endif /* HV_FUZZ_SEEDS */
