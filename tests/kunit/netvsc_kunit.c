// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: hv_netvsc's parsing layer (drivers/net/netvsc/wire.c) without
 * a host - each NVSP and RNDIS check with good input and with every kind
 * of bad field (lengths, offsets, counts, types, overflowing sums), the
 * per-packet info walk (a zero-sized record must not hang it), the RSC
 * sequence, the offload plan and the UCS-2 friendly name. The module
 * builds wire.c in itself, so it needs neither hv_netvsc nor a device.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "../../drivers/net/netvsc/wire.c"

/* ------------------------------------------------------------------ */
/* NVSP                                                                */
/* ------------------------------------------------------------------ */

static void nvsp_lengths(struct kunit *test)
{
	struct nvsp_msg m = { .hdr.type = NVSP_MSG_INIT_COMPLETE };

	KUNIT_EXPECT_EQ(test, netvsc_nvsp_check(&m, 16, NVSP_MSG_INIT_COMPLETE), 0);
	KUNIT_EXPECT_EQ(test, netvsc_nvsp_check(&m, 15, NVSP_MSG_INIT_COMPLETE),
			-EBADMSG);
	KUNIT_EXPECT_EQ(test, netvsc_nvsp_check(&m, 3, NVSP_MSG_INIT_COMPLETE),
			-EBADMSG);
	KUNIT_EXPECT_EQ(test, netvsc_nvsp_check(&m, 40, NVSP_MSG5_SUBCHANNEL),
			-EBADMSG);
	/* A type nobody expects from the host. */
	m.hdr.type = NVSP_MSG_INIT;
	KUNIT_EXPECT_EQ(test, netvsc_nvsp_check(&m, 40, NVSP_MSG_INIT), -EBADMSG);
	/* The receive buffer answer needs its first section. */
	m.hdr.type = NVSP_MSG1_SEND_RECV_BUF_COMPLETE;
	KUNIT_EXPECT_EQ(test, netvsc_nvsp_check(&m, 12,
						NVSP_MSG1_SEND_RECV_BUF_COMPLETE),
			-EBADMSG);
	KUNIT_EXPECT_EQ(test, netvsc_nvsp_check(&m, 28,
						NVSP_MSG1_SEND_RECV_BUF_COMPLETE),
			0);
}

static struct nvsp_msg recv_answer(u32 size, u32 count)
{
	struct nvsp_msg m = { .hdr.type = NVSP_MSG1_SEND_RECV_BUF_COMPLETE };

	m.recv_buf_complete.status = NVSP_STATUS_SUCCESS;
	m.recv_buf_complete.num_sections = 1;
	m.recv_buf_complete.section.sub_alloc_size = size;
	m.recv_buf_complete.section.num_sub_allocs = count;
	m.recv_buf_complete.section.end_offset = size * count;
	return m;
}

static void recv_buf_answer(struct kunit *test)
{
	const u32 buf = 16 << 20;
	struct nvsp_msg m = recv_answer(1728, 9709);
	u32 size, count;

	KUNIT_ASSERT_EQ(test, netvsc_recv_buf_check(&m, buf, &size, &count), 0);
	KUNIT_EXPECT_EQ(test, size, 1728);
	KUNIT_EXPECT_EQ(test, count, 9709);

	m.recv_buf_complete.status = NVSP_STATUS_FAILURE;
	KUNIT_EXPECT_EQ(test, netvsc_recv_buf_check(&m, buf, &size, &count),
			-EBADMSG);
	m = recv_answer(1728, 9709);
	m.recv_buf_complete.num_sections = 2;
	KUNIT_EXPECT_EQ(test, netvsc_recv_buf_check(&m, buf, &size, &count),
			-EBADMSG);
	m = recv_answer(1728, 9709);
	m.recv_buf_complete.section.offset = 4096;
	KUNIT_EXPECT_EQ(test, netvsc_recv_buf_check(&m, buf, &size, &count),
			-EBADMSG);
	m = recv_answer(NETVSC_MTU_MIN - 1, 100);
	KUNIT_EXPECT_EQ(test, netvsc_recv_buf_check(&m, buf, &size, &count),
			-EBADMSG);
	m = recv_answer(1728, 0);
	KUNIT_EXPECT_EQ(test, netvsc_recv_buf_check(&m, buf, &size, &count),
			-EBADMSG);
	/* Sections beyond the buffer, also when the product wraps 32 bits. */
	m = recv_answer(1728, buf / 1728 + 1);
	KUNIT_EXPECT_EQ(test, netvsc_recv_buf_check(&m, buf, &size, &count),
			-EBADMSG);
	m = recv_answer(0x10000, 0x10000);
	KUNIT_EXPECT_EQ(test, netvsc_recv_buf_check(&m, buf, &size, &count),
			-EBADMSG);
}

static void send_buf_answer(struct kunit *test)
{
	struct nvsp_msg m = { .hdr.type = NVSP_MSG1_SEND_SEND_BUF_COMPLETE };
	u32 size, count;

	m.send_buf_complete.status = NVSP_STATUS_SUCCESS;
	m.send_buf_complete.section_size = 6144;
	KUNIT_ASSERT_EQ(test, netvsc_send_buf_check(&m, 1 << 20, &size, &count),
			0);
	KUNIT_EXPECT_EQ(test, size, 6144);
	KUNIT_EXPECT_EQ(test, count, (1 << 20) / 6144);
	m.send_buf_complete.section_size = 0;
	KUNIT_EXPECT_EQ(test, netvsc_send_buf_check(&m, 1 << 20, &size, &count),
			-EBADMSG);
	m.send_buf_complete.section_size = (1 << 20) + 1;
	KUNIT_EXPECT_EQ(test, netvsc_send_buf_check(&m, 1 << 20, &size, &count),
			-EBADMSG);
	m.send_buf_complete.section_size = 6144;
	m.send_buf_complete.status = NVSP_STATUS_BUSY;
	KUNIT_EXPECT_EQ(test, netvsc_send_buf_check(&m, 1 << 20, &size, &count),
			-EBADMSG);
}

static void subchannel_answer(struct kunit *test)
{
	struct nvsp_msg m = { .hdr.type = NVSP_MSG5_SUBCHANNEL };
	u32 granted = 99;

	m.subchannel_complete.status = NVSP_STATUS_SUCCESS;
	m.subchannel_complete.num_subchannels = 3;
	KUNIT_EXPECT_EQ(test, netvsc_subchannel_check(&m, 7, &granted), 0);
	KUNIT_EXPECT_EQ(test, granted, 3);
	KUNIT_EXPECT_EQ(test, netvsc_subchannel_check(&m, 2, &granted),
			-EBADMSG);
	m.subchannel_complete.status = NVSP_STATUS_FAILURE;
	KUNIT_EXPECT_EQ(test, netvsc_subchannel_check(&m, 7, &granted),
			-EBADMSG);
}

/* A send table message: the table at @at, @len bytes, offset field @off. */
static u32 send_table_msg(u8 *buf, u32 at, u32 off, u32 count)
{
	struct nvsp_msg *m = (void *)buf;
	u32 *tab = (u32 *)(buf + at), i;

	memset(buf, 0xee, 128);
	m->hdr.type = NVSP_MSG5_SEND_INDIRECTION_TABLE;
	m->send_table.count = count;
	m->send_table.offset = off;
	for (i = 0; i < NVSP_SEND_TABLE_SIZE; i++)
		tab[i] = i % 3;
	return at + NVSP_SEND_TABLE_SIZE * sizeof(u32);
}

static void send_table(struct kunit *test)
{
	u32 table[NVSP_SEND_TABLE_SIZE], len, i;
	u8 buf[128];

	/* OpenVMM's: right after the two words, offset 12. */
	len = send_table_msg(buf, 12, 12, 16);
	KUNIT_ASSERT_EQ(test, netvsc_send_table_parse(buf, len, NVSP_VERSION_61,
						      table), 0);
	for (i = 0; i < NVSP_SEND_TABLE_SIZE; i++)
		KUNIT_EXPECT_EQ(test, table[i], i % 3);
	/* The same message from an NVSP 6 host: too short for the quirk. */
	KUNIT_EXPECT_EQ(test, netvsc_send_table_parse(buf, len, NVSP_VERSION_6,
						      table), 0);

	/* Old Windows hosts: table behind the 40-byte message, offset wrong. */
	len = send_table_msg(buf, 40, 12, 16);
	KUNIT_ASSERT_EQ(test, netvsc_send_table_parse(buf, len, NVSP_VERSION_5,
						      table), 0);
	for (i = 0; i < NVSP_SEND_TABLE_SIZE; i++)
		KUNIT_EXPECT_EQ(test, table[i], i % 3);
	/* From 6.1 on the offset counts: entries 0xeeeeeeee are refused. */
	KUNIT_EXPECT_EQ(test, netvsc_send_table_parse(buf, len, NVSP_VERSION_61,
						      table), -EBADMSG);

	len = send_table_msg(buf, 12, 12, 8);
	KUNIT_EXPECT_EQ(test, netvsc_send_table_parse(buf, len, NVSP_VERSION_61,
						      table), -EBADMSG);
	len = send_table_msg(buf, 12, 13, 16);
	KUNIT_EXPECT_EQ(test, netvsc_send_table_parse(buf, len, NVSP_VERSION_61,
						      table), -EBADMSG);
	len = send_table_msg(buf, 12, U32_MAX - 8, 16);
	KUNIT_EXPECT_EQ(test, netvsc_send_table_parse(buf, len, NVSP_VERSION_61,
						      table), -EBADMSG);
	KUNIT_EXPECT_EQ(test, netvsc_send_table_parse(buf, 11, NVSP_VERSION_61,
						      table), -EBADMSG);
	/* An entry naming a channel that cannot exist; table untouched. */
	len = send_table_msg(buf, 12, 12, 16);
	((u32 *)(buf + 12))[5] = NETVSC_CHANNELS_MAX;
	table[0] = 42;
	KUNIT_EXPECT_EQ(test, netvsc_send_table_parse(buf, len, NVSP_VERSION_61,
						      table), -EBADMSG);
	KUNIT_EXPECT_EQ(test, table[0], 42);
}

static void vf_association(struct kunit *test)
{
	struct nvsp_msg m = { .hdr.type = NVSP_MSG4_SEND_VF_ASSOCIATION };
	u32 alloc, serial;

	m.vf_association.allocated = 1;
	m.vf_association.serial = 0x1234;
	KUNIT_ASSERT_EQ(test, netvsc_vf_assoc_parse(&m, 12, &alloc, &serial), 0);
	KUNIT_EXPECT_EQ(test, alloc, 1);
	KUNIT_EXPECT_EQ(test, serial, 0x1234);
	KUNIT_EXPECT_EQ(test, netvsc_vf_assoc_parse(&m, 11, &alloc, &serial),
			-EBADMSG);
}

static void xfer_payload(struct kunit *test)
{
	struct vmbus_xfer_page_range r[2] = {
		{ .byte_count = 1500, .byte_offset = 0 },
		{ .byte_count = 1728, .byte_offset = 1728 },
	};
	struct nvsp_msg m = { .hdr.type = NVSP_MSG1_SEND_RNDIS_PKT };
	struct vmbus_xfer_pages xp = {
		.range_count = 2, .ranges = r, .payload = &m,
		.payload_len = sizeof(m),
	};

	KUNIT_EXPECT_EQ(test, netvsc_xfer_check(&xp, 1728), 0);
	/* A range longer than a section. */
	KUNIT_EXPECT_EQ(test, netvsc_xfer_check(&xp, 1727), -EBADMSG);
	xp.range_count = NVSP_MAX_RANGES_RSC + 1;
	KUNIT_EXPECT_EQ(test, netvsc_xfer_check(&xp, 1728), -EBADMSG);
	xp.range_count = 2;
	m.hdr.type = NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE;
	KUNIT_EXPECT_EQ(test, netvsc_xfer_check(&xp, 1728), -EBADMSG);
	m.hdr.type = NVSP_MSG1_SEND_RNDIS_PKT;
	xp.payload_len = 3;
	KUNIT_EXPECT_EQ(test, netvsc_xfer_check(&xp, 1728), -EBADMSG);
}

/* ------------------------------------------------------------------ */
/* RNDIS data                                                          */
/* ------------------------------------------------------------------ */

static void rndis_header(struct kunit *test)
{
	struct rndis_hdr h = { .type = RNDIS_MSG_PACKET, .len = 100 };

	KUNIT_EXPECT_EQ(test, netvsc_rndis_hdr_check(&h, 100), 0);
	KUNIT_EXPECT_EQ(test, netvsc_rndis_hdr_check(&h, 99), -EBADMSG);
	h.len = 7;
	KUNIT_EXPECT_EQ(test, netvsc_rndis_hdr_check(&h, 100), -EBADMSG);
}

/* A data message: PPI of @ppi bytes after the body, then @data bytes. */
static struct rndis_packet_msg data_msg(u32 ppi, u32 data)
{
	struct rndis_packet_msg m = { .hdr.type = RNDIS_MSG_PACKET };

	m.pkt.ppi_offset = sizeof(m.pkt);
	m.pkt.ppi_len = ppi;
	m.pkt.data_offset = sizeof(m.pkt) + ppi;
	m.pkt.data_len = data;
	m.hdr.len = sizeof(m) + ppi + data;
	return m;
}

static void rx_packet(struct kunit *test)
{
	struct rndis_packet_msg m = data_msg(32, 1514);
	struct netvsc_rx_layout lo;

	KUNIT_ASSERT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), 0);
	KUNIT_EXPECT_EQ(test, lo.ppi_offset, 44);
	KUNIT_EXPECT_EQ(test, lo.ppi_len, 32);
	KUNIT_EXPECT_EQ(test, lo.data_offset, 76);
	KUNIT_EXPECT_EQ(test, lo.data_len, 1514);

	/* No per-packet info: its offset does not matter. */
	m = data_msg(0, 60);
	m.pkt.ppi_offset = 0;
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), 0);
	KUNIT_EXPECT_EQ(test, lo.ppi_len, 0);

	m = data_msg(0, 60);
	m.hdr.len = sizeof(m) - 1;
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), -EBADMSG);
	m = data_msg(0, 60);
	m.pkt.data_offset = 20;		/* inside the packet body */
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), -EBADMSG);
	m = data_msg(0, 60);
	m.pkt.data_len = 61;		/* one byte past the message */
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), -EBADMSG);
	/*
	 * Shorter than an Ethernet header: the tail of a coalesced frame
	 * may be; whether the frame has its header is netvsc_rsc_add()'s
	 * check (rsc_short_tail).
	 */
	m = data_msg(0, 13);
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), 0);
	KUNIT_EXPECT_EQ(test, lo.data_len, 13);
	m = data_msg(0, 0);
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), 0);
	m = data_msg(0, 1514);
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 1500, &lo), -EBADMSG);
	m = data_msg(0, 60);
	m.pkt.data_offset = U32_MAX - 10;
	m.pkt.data_len = 20;		/* wraps */
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), -EBADMSG);
	m = data_msg(16, 60);
	m.pkt.ppi_len = 17;		/* overlaps the frame, inside: fine */
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), 0);
	m.pkt.ppi_len = m.hdr.len;	/* past the message */
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), -EBADMSG);
	m = data_msg(NETVSC_PPI_MAX + 4, 60);
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), -EBADMSG);
	m = data_msg(16, 60);
	m.pkt.ppi_offset = 8;
	KUNIT_EXPECT_EQ(test, netvsc_rx_packet_check(&m, 65535, &lo), -EBADMSG);
}

/* Append a record: @size bytes, value at @off. */
static u32 ppi_put(u8 *buf, u32 at, u32 type, u32 size, u32 off, u32 val)
{
	struct rndis_ppi *p = (void *)(buf + at);

	p->size = size;
	p->type = type;
	p->offset = off;
	if (off + 4 <= size)
		memcpy(buf + at + off, &val, 4);
	return at + size;
}

static void ppi_walk(struct kunit *test)
{
	struct netvsc_rx_info info;
	u8 buf[128] = { 0 };
	u32 n = 0;
	struct rndis_pkt_id id = {
		.version = RNDIS_PKT_ID_V1,
		.flags = RNDIS_PKT_ID_SUBALLOC | RNDIS_PKT_ID_FIRST,
	};
	u32 idval;

	memcpy(&idval, &id, sizeof(idval));
	n = ppi_put(buf, n, RNDIS_PPI_CSUM, 16, 12, NDIS_RXCSUM_TCP_OK);
	n = ppi_put(buf, n, RNDIS_PPI_VLAN, 16, 12, 0x0123);
	n = ppi_put(buf, n, 77, 20, 12, 0);		/* unknown: skipped */
	n = ppi_put(buf, n, RNDIS_PPI_HASH_VALUE, 16, 12, 0xdeadbeef);
	n = ppi_put(buf, n, RNDIS_PPI_PKT_ID | RNDIS_PPI_INTERNAL, 16, 12,
		    idval);
	KUNIT_ASSERT_EQ(test, netvsc_ppi_parse(buf, n, &info), 0);
	KUNIT_EXPECT_EQ(test, info.present, NETVSC_RX_HAS_CSUM |
			NETVSC_RX_HAS_VLAN | NETVSC_RX_HAS_HASH |
			NETVSC_RX_HAS_PKT_ID);
	KUNIT_EXPECT_EQ(test, info.csum, NDIS_RXCSUM_TCP_OK);
	KUNIT_EXPECT_EQ(test, info.vlan, 0x0123);
	KUNIT_EXPECT_EQ(test, info.hash, 0xdeadbeef);
	KUNIT_EXPECT_EQ(test, info.pkt_id_flags, id.flags);

	/* The packet id without the internal bit is some other type. */
	n = ppi_put(buf, 0, RNDIS_PPI_PKT_ID, 16, 12, idval);
	KUNIT_EXPECT_EQ(test, netvsc_ppi_parse(buf, n, &info), 0);
	KUNIT_EXPECT_EQ(test, info.present, 0);
	KUNIT_EXPECT_EQ(test, netvsc_ppi_parse(buf, 0, &info), 0);
}

static void ppi_bad(struct kunit *test)
{
	struct netvsc_rx_info info;
	u8 buf[64] = { 0 };
	u32 n;

	/* A zero-sized record: a walk that does not advance would hang. */
	n = ppi_put(buf, 0, RNDIS_PPI_CSUM, 16, 12, 1);
	ppi_put(buf, n, RNDIS_PPI_VLAN, 0, 12, 0);
	KUNIT_EXPECT_EQ(test, netvsc_ppi_parse(buf, n + 16, &info), -EBADMSG);
	/* Larger than what is left, value beyond it, value in the header. */
	n = ppi_put(buf, 0, RNDIS_PPI_CSUM, 40, 12, 1);
	KUNIT_EXPECT_EQ(test, netvsc_ppi_parse(buf, 32, &info), -EBADMSG);
	ppi_put(buf, 0, RNDIS_PPI_CSUM, 16, 17, 1);
	KUNIT_EXPECT_EQ(test, netvsc_ppi_parse(buf, 16, &info), -EBADMSG);
	ppi_put(buf, 0, RNDIS_PPI_CSUM, 16, 4, 1);
	KUNIT_EXPECT_EQ(test, netvsc_ppi_parse(buf, 16, &info), -EBADMSG);
	/* A known type with less than 4 value bytes. */
	ppi_put(buf, 0, RNDIS_PPI_HASH_VALUE, 15, 12, 0);
	KUNIT_EXPECT_EQ(test, netvsc_ppi_parse(buf, 15, &info), -EBADMSG);
	/* Bytes after the last record too few for a header. */
	n = ppi_put(buf, 0, RNDIS_PPI_CSUM, 16, 12, 1);
	KUNIT_EXPECT_EQ(test, netvsc_ppi_parse(buf, n + 4, &info), -EBADMSG);
}

static struct netvsc_rx_info rsc_info(u8 flags)
{
	struct netvsc_rx_info info = {
		.present = flags ? NETVSC_RX_HAS_PKT_ID : 0,
		.pkt_id_flags = flags,
	};

	return info;
}

static void rsc_sequences(struct kunit *test)
{
	struct netvsc_rsc *rsc = kunit_kzalloc(test, sizeof(*rsc), GFP_KERNEL);
	struct netvsc_rx_info single = rsc_info(0);
	struct netvsc_rx_info first = rsc_info(RNDIS_PKT_ID_SUBALLOC |
					       RNDIS_PKT_ID_FIRST);
	struct netvsc_rx_info mid = rsc_info(RNDIS_PKT_ID_SUBALLOC);
	struct netvsc_rx_info last = rsc_info(RNDIS_PKT_ID_SUBALLOC |
					      RNDIS_PKT_ID_LAST);
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, rsc);
	KUNIT_EXPECT_EQ(test, netvsc_rsc_add(rsc, &single, 100, 60, true),
			NETVSC_RSC_DELIVER);
	KUNIT_EXPECT_EQ(test, rsc->cnt, 1);

	first.present |= NETVSC_RX_HAS_HASH;
	first.hash = 7;
	KUNIT_EXPECT_EQ(test, netvsc_rsc_add(rsc, &first, 0, 1000, false),
			NETVSC_RSC_MORE);
	KUNIT_EXPECT_EQ(test, netvsc_rsc_add(rsc, &mid, 2000, 1000, false),
			NETVSC_RSC_MORE);
	KUNIT_EXPECT_EQ(test, netvsc_rsc_add(rsc, &last, 4000, 500, true),
			NETVSC_RSC_DELIVER);
	KUNIT_EXPECT_EQ(test, rsc->cnt, 3);
	KUNIT_EXPECT_EQ(test, rsc->len, 2500);
	KUNIT_EXPECT_EQ(test, rsc->off[2], 4000);
	/* The frame keeps the first fragment's info. */
	KUNIT_EXPECT_EQ(test, rsc->info.hash, 7);

	/* A continuation with no frame open. */
	rsc->cnt = 0;
	KUNIT_EXPECT_EQ(test, netvsc_rsc_add(rsc, &mid, 0, 100, false),
			NETVSC_RSC_DROP);
	/* A frame still open at the packet's last range. */
	KUNIT_EXPECT_EQ(test, netvsc_rsc_add(rsc, &first, 0, 100, true),
			NETVSC_RSC_DROP);
	KUNIT_EXPECT_EQ(test, rsc->cnt, 0);
	/* Too many fragments. */
	netvsc_rsc_add(rsc, &first, 0, NETVSC_ETH_HLEN, false);
	for (i = 1; i < NVSP_MAX_RANGES_RSC; i++)
		KUNIT_ASSERT_EQ(test, netvsc_rsc_add(rsc, &mid, 0, 1, false),
				NETVSC_RSC_MORE);
	KUNIT_EXPECT_EQ(test, netvsc_rsc_add(rsc, &mid, 0, 1, false),
			NETVSC_RSC_DROP);
	/* A frame growing past the largest coalesced frame. */
	netvsc_rsc_add(rsc, &first, 0, 65535, false);
	KUNIT_EXPECT_EQ(test, netvsc_rsc_add(rsc, &last, 0, 65535, true),
			NETVSC_RSC_DROP);
	/* A new first fragment restarts the frame. */
	netvsc_rsc_add(rsc, &first, 0, 30, false);
	KUNIT_EXPECT_EQ(test, netvsc_rsc_add(rsc, &first, 0, 20, false),
			NETVSC_RSC_MORE);
	KUNIT_EXPECT_EQ(test, rsc->cnt, 1);
	KUNIT_EXPECT_EQ(test, rsc->len, 20);
}

/* ------------------------------------------------------------------ */
/* RNDIS control                                                       */
/* ------------------------------------------------------------------ */

static void ctrl_check(struct kunit *test)
{
	struct {
		struct rndis_hdr hdr;
		struct rndis_query_complete c;
	} __packed m = {
		.hdr = { .type = RNDIS_MSG_QUERY_C, .len = sizeof(m) },
		.c = { .req_id = 9 },
	};
	u32 id = 0;

	KUNIT_EXPECT_EQ(test, netvsc_rndis_ctrl_check(&m, sizeof(m), &id), 0);
	KUNIT_EXPECT_EQ(test, id, 9);
	/* Header says more than was copied; too short for its type. */
	KUNIT_EXPECT_EQ(test, netvsc_rndis_ctrl_check(&m, sizeof(m) - 1, &id),
			-EBADMSG);
	m.hdr.len = sizeof(m) - 1;
	KUNIT_EXPECT_EQ(test, netvsc_rndis_ctrl_check(&m, sizeof(m), &id),
			-EBADMSG);
	m.hdr.len = sizeof(m);
	m.hdr.type = RNDIS_MSG_RESET_C;	/* never asked for */
	KUNIT_EXPECT_EQ(test, netvsc_rndis_ctrl_check(&m, sizeof(m), &id),
			-EBADMSG);
	m.hdr.type = RNDIS_MSG_SET_C;
	KUNIT_EXPECT_EQ(test, netvsc_rndis_ctrl_check(&m, sizeof(m), &id), 0);
}

static void init_complete(struct kunit *test)
{
	struct {
		struct rndis_hdr hdr;
		struct rndis_init_complete c;
	} __packed m = {
		.hdr = { .type = RNDIS_MSG_INIT_C, .len = sizeof(m) },
		.c = { .max_pkts_per_msg = 8, .pkt_align_shift = 3 },
	};
	u32 pkts, align;

	KUNIT_ASSERT_EQ(test, netvsc_init_complete_parse(&m, sizeof(m), &pkts,
							 &align), 0);
	KUNIT_EXPECT_EQ(test, pkts, 8);
	KUNIT_EXPECT_EQ(test, align, 8);
	/* Absurd batching values are clamped: 1 << 40 is undefined. */
	m.c.max_pkts_per_msg = 0;
	m.c.pkt_align_shift = 40;
	KUNIT_ASSERT_EQ(test, netvsc_init_complete_parse(&m, sizeof(m), &pkts,
							 &align), 0);
	KUNIT_EXPECT_EQ(test, pkts, 1);
	KUNIT_EXPECT_EQ(test, align, 4096);
	m.c.status = RNDIS_STATUS_FAILURE;
	KUNIT_EXPECT_EQ(test, netvsc_init_complete_parse(&m, sizeof(m), &pkts,
							 &align), -EBADMSG);
}

static void query_complete(struct kunit *test)
{
	struct {
		struct rndis_hdr hdr;
		struct rndis_query_complete c;
		u8 info[8];
	} __packed m = {
		.hdr = { .type = RNDIS_MSG_QUERY_C, .len = sizeof(m) },
		.c = { .info_len = 6, .info_offset = 16 },
		.info = { 0x00, 0x15, 0x5d, 0x01, 0x02, 0x03 },
	};
	const void *info;
	u32 len;

	KUNIT_ASSERT_EQ(test, netvsc_query_complete_parse(&m, sizeof(m), 6,
							  &info, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 6);
	KUNIT_EXPECT_PTR_EQ(test, info, (const void *)m.info);
	/* More than the caller has room for. */
	KUNIT_EXPECT_EQ(test, netvsc_query_complete_parse(&m, sizeof(m), 5,
							  &info, &len), -EBADMSG);
	/* Inside the completion's own fields, past the message, wrapping. */
	m.c.info_offset = 12;
	KUNIT_EXPECT_EQ(test, netvsc_query_complete_parse(&m, sizeof(m), 64,
							  &info, &len), -EBADMSG);
	m.c.info_offset = 16;
	m.c.info_len = 9;
	KUNIT_EXPECT_EQ(test, netvsc_query_complete_parse(&m, sizeof(m), 64,
							  &info, &len), -EBADMSG);
	m.c.info_offset = U32_MAX;
	m.c.info_len = 2;
	KUNIT_EXPECT_EQ(test, netvsc_query_complete_parse(&m, sizeof(m), 64,
							  &info, &len), -EBADMSG);
	m.c.info_offset = 16;
	m.c.status = RNDIS_STATUS_NOT_SUPPORTED;
	KUNIT_EXPECT_EQ(test, netvsc_query_complete_parse(&m, sizeof(m), 64,
							  &info, &len),
			-EOPNOTSUPP);
	m.hdr.type = RNDIS_MSG_SET_C;
	KUNIT_EXPECT_EQ(test, netvsc_query_complete_parse(&m, sizeof(m), 64,
							  &info, &len), -EBADMSG);
}

static void indication(struct kunit *test)
{
	struct {
		struct rndis_hdr hdr;
		struct rndis_indicate ind;
		u32 speed;
	} __packed m = {
		.hdr = { .type = RNDIS_MSG_INDICATE, .len = sizeof(m) },
		.ind = {
			.status = RNDIS_STATUS_LINK_SPEED_CHANGE,
			.buf_len = 4, .buf_offset = 12,
		},
		.speed = 100000000,
	};
	u32 status, speed = 0;

	KUNIT_ASSERT_EQ(test, netvsc_indicate_parse(&m, sizeof(m), &status,
						    &speed), 0);
	KUNIT_EXPECT_EQ(test, status, RNDIS_STATUS_LINK_SPEED_CHANGE);
	KUNIT_EXPECT_EQ(test, speed, 100000000);
	/* Old vSwitches leave the buffer out of the length: still found. */
	m.hdr.len = sizeof(m) - 4;
	KUNIT_EXPECT_EQ(test, netvsc_indicate_parse(&m, sizeof(m), &status,
						    &speed), 0);
	/* But not past the range. */
	KUNIT_EXPECT_EQ(test, netvsc_indicate_parse(&m, sizeof(m) - 4, &status,
						    &speed), -EBADMSG);
	m.hdr.len = sizeof(m);
	m.ind.buf_offset = 8;
	KUNIT_EXPECT_EQ(test, netvsc_indicate_parse(&m, sizeof(m), &status,
						    &speed), -EBADMSG);
	m.ind.buf_offset = 12;
	m.ind.buf_len = 3;
	KUNIT_EXPECT_EQ(test, netvsc_indicate_parse(&m, sizeof(m), &status,
						    &speed), -EBADMSG);
	/* Other events need no buffer. */
	m.hdr.len = 20;
	m.ind.status = RNDIS_STATUS_MEDIA_DISCONNECT;
	KUNIT_EXPECT_EQ(test, netvsc_indicate_parse(&m, 20, &status, &speed), 0);
	KUNIT_EXPECT_EQ(test, status, RNDIS_STATUS_MEDIA_DISCONNECT);
	KUNIT_EXPECT_EQ(test, netvsc_indicate_parse(&m, 19, &status, &speed),
			-EBADMSG);
}

/* ------------------------------------------------------------------ */
/* OID answers                                                         */
/* ------------------------------------------------------------------ */

/* What a capable host answers (OpenVMM-like). */
static struct ndis_offload full_caps(void)
{
	struct ndis_offload c = {
		.header = {
			.type = NDIS_OBJECT_TYPE_OFFLOAD,
			.revision = NDIS_OFFLOAD_REVISION_3,
			.size = NDIS_OFFLOAD_SIZE,
		},
	};
	u32 tcp = NDIS_CSUM_CAP_TCP | NDIS_CSUM_CAP_TCP_OPTIONS;

	c.csum.ip4_tx_csum = tcp | NDIS_CSUM_CAP_UDP | NDIS_CSUM_CAP_IP;
	c.csum.ip6_tx_csum = tcp | NDIS_CSUM_CAP_UDP |
			     NDIS_CSUM_CAP_IP_OPTIONS;
	c.lsov2.ip4_encap = NDIS_OFFLOAD_ENCAP_8023;
	c.lsov2.ip4_max_size = 62780;
	c.lsov2.ip6_encap = NDIS_OFFLOAD_ENCAP_8023;
	c.lsov2.ip6_max_size = 62780;
	c.lsov2.ip6_opts = NDIS_LSOV2_CAP_IP6_EXT | NDIS_LSOV2_CAP_TCP6_OPTIONS;
	c.rsc_ip4 = 1;
	c.rsc_ip6 = 1;
	return c;
}

static void offload_plan(struct kunit *test)
{
	struct ndis_offload c = full_caps();
	struct netvsc_offloads p;

	KUNIT_EXPECT_EQ(test, netvsc_hwcaps_check(&c, sizeof(c)), 0);
	netvsc_offloads_plan(&c, NVSP_VERSION_61, NETVSC_PARAM_RSC | NETVSC_PARAM_RXCSUM, &p);
	KUNIT_EXPECT_EQ(test, p.csum, NETVSC_CSUM_TCP4 | NETVSC_CSUM_UDP4 |
			NETVSC_CSUM_TCP6 | NETVSC_CSUM_UDP6);
	KUNIT_EXPECT_TRUE(test, p.tso4);
	KUNIT_EXPECT_TRUE(test, p.tso6);
	KUNIT_EXPECT_TRUE(test, p.lro);
	KUNIT_EXPECT_EQ(test, p.gso_max, 62780);
	KUNIT_EXPECT_EQ(test, p.params_len, NDIS_OFFLOAD_PARAMS_SIZE);
	KUNIT_EXPECT_EQ(test, p.params.header.size, NDIS_OFFLOAD_PARAMS_SIZE);
	KUNIT_EXPECT_EQ(test, p.params.ip4_csum, NDIS_OFFLOAD_PARAM_TX_RX_OFF);
	KUNIT_EXPECT_EQ(test, p.params.lsov2_ip6, NDIS_OFFLOAD_PARAM_LSOV2_ON);
	KUNIT_EXPECT_EQ(test, p.params.rsc_ip4, NDIS_OFFLOAD_PARAM_RSC_ON);
	KUNIT_EXPECT_EQ(test, p.params.tcp4_csum, NDIS_OFFLOAD_PARAM_TX_RX_ON);
	KUNIT_EXPECT_EQ(test, p.params.udp6_csum, NDIS_OFFLOAD_PARAM_TX_RX_ON);

	/* Receive checksums off: the host checksums, vouches for nothing. */
	netvsc_offloads_plan(&c, NVSP_VERSION_61, NETVSC_PARAM_RSC, &p);
	KUNIT_EXPECT_EQ(test, p.params.tcp4_csum,
			NDIS_OFFLOAD_PARAM_TX_ON_RX_OFF);
	KUNIT_EXPECT_EQ(test, p.params.udp4_csum,
			NDIS_OFFLOAD_PARAM_TX_ON_RX_OFF);
	KUNIT_EXPECT_EQ(test, p.params.tcp6_csum,
			NDIS_OFFLOAD_PARAM_TX_ON_RX_OFF);
	KUNIT_EXPECT_EQ(test, p.params.udp6_csum,
			NDIS_OFFLOAD_PARAM_TX_ON_RX_OFF);

	/* NVSP 4: no UDP checksums, the 22-byte parameters. */
	netvsc_offloads_plan(&c, NVSP_VERSION_4, NETVSC_PARAM_RXCSUM, &p);
	KUNIT_EXPECT_EQ(test, p.csum, NETVSC_CSUM_TCP4 | NETVSC_CSUM_TCP6);
	KUNIT_EXPECT_EQ(test, p.params_len, NDIS_OFFLOAD_PARAMS_SIZE_6_1);
	KUNIT_EXPECT_EQ(test, p.params.udp4_csum, 0);
	KUNIT_EXPECT_EQ(test, p.params.rsc_ip4, NDIS_OFFLOAD_PARAM_RSC_OFF);

	/* Without the TCP options bit no checksum, so no LSO either. */
	c.csum.ip4_tx_csum = NDIS_CSUM_CAP_TCP;
	c.lsov2.ip6_opts = NDIS_LSOV2_CAP_IP6_EXT;
	c.rsc_ip6 = 0;
	netvsc_offloads_plan(&c, NVSP_VERSION_61, NETVSC_PARAM_RSC | NETVSC_PARAM_RXCSUM, &p);
	KUNIT_EXPECT_FALSE(test, p.tso4);
	KUNIT_EXPECT_FALSE(test, p.tso6);
	KUNIT_EXPECT_EQ(test, p.csum, NETVSC_CSUM_TCP6 | NETVSC_CSUM_UDP6);
	KUNIT_EXPECT_FALSE(test, p.lro);
	/* An LSO size nobody can use. */
	c = full_caps();
	c.lsov2.ip4_max_size = 0;
	netvsc_offloads_plan(&c, NVSP_VERSION_61, NETVSC_PARAM_RSC | NETVSC_PARAM_RXCSUM, &p);
	KUNIT_EXPECT_FALSE(test, p.tso4);
	KUNIT_EXPECT_TRUE(test, p.tso6);
}

/* ethtool -K lro / rx: only what changes, for the kinds the host has. */
static void feature_params(struct kunit *test)
{
	struct ndis_offload_params p;
	u32 len;

	netvsc_feature_params(NVSP_VERSION_61, NETVSC_CSUM_TCP4 |
			      NETVSC_CSUM_TCP6, NETVSC_PARAM_RXCSUM,
			      NETVSC_PARAM_RSC, &p, &len);
	KUNIT_EXPECT_EQ(test, len, NDIS_OFFLOAD_PARAMS_SIZE);
	KUNIT_EXPECT_EQ(test, p.header.size, len);
	KUNIT_EXPECT_EQ(test, p.tcp4_csum, NDIS_OFFLOAD_PARAM_TX_ON_RX_OFF);
	KUNIT_EXPECT_EQ(test, p.tcp6_csum, NDIS_OFFLOAD_PARAM_TX_ON_RX_OFF);
	KUNIT_EXPECT_EQ(test, p.udp4_csum, NDIS_OFFLOAD_PARAM_NO_CHANGE);
	KUNIT_EXPECT_EQ(test, p.ip4_csum, NDIS_OFFLOAD_PARAM_NO_CHANGE);
	KUNIT_EXPECT_EQ(test, p.rsc_ip4, NDIS_OFFLOAD_PARAM_NO_CHANGE);

	netvsc_feature_params(NVSP_VERSION_4, NETVSC_CSUM_TCP4,
			      NETVSC_PARAM_RSC | NETVSC_PARAM_RXCSUM,
			      NETVSC_PARAM_RXCSUM, &p, &len);
	KUNIT_EXPECT_EQ(test, len, NDIS_OFFLOAD_PARAMS_SIZE_6_1);
	KUNIT_EXPECT_EQ(test, p.tcp4_csum, NDIS_OFFLOAD_PARAM_TX_RX_ON);
	KUNIT_EXPECT_EQ(test, p.rsc_ip4, NDIS_OFFLOAD_PARAM_RSC_OFF);
	KUNIT_EXPECT_EQ(test, p.rsc_ip6, NDIS_OFFLOAD_PARAM_RSC_OFF);
	KUNIT_EXPECT_EQ(test, p.lsov2_ip4, NDIS_OFFLOAD_PARAM_NO_CHANGE);
}

static void offload_caps_bad(struct kunit *test)
{
	struct ndis_offload c = full_caps();

	KUNIT_EXPECT_EQ(test, netvsc_hwcaps_check(&c, NDIS_OFFLOAD_SIZE_6_0), -EBADMSG);
	c.header.size = NDIS_OFFLOAD_SIZE_6_0;
	KUNIT_EXPECT_EQ(test, netvsc_hwcaps_check(&c, NDIS_OFFLOAD_SIZE_6_0), 0);
	c.header.size = NDIS_OFFLOAD_SIZE_6_0 - 1;
	KUNIT_EXPECT_EQ(test, netvsc_hwcaps_check(&c, sizeof(c)), -EBADMSG);
	c = full_caps();
	c.header.type = NDIS_OBJECT_TYPE_DEFAULT;
	KUNIT_EXPECT_EQ(test, netvsc_hwcaps_check(&c, sizeof(c)), -EBADMSG);
	c = full_caps();
	c.header.revision = 0;
	KUNIT_EXPECT_EQ(test, netvsc_hwcaps_check(&c, sizeof(c)), -EBADMSG);
}

static void query_headers(struct kunit *test)
{
	struct ndis_object_header h;

	netvsc_hwcaps_query(NVSP_VERSION_61, &h);
	KUNIT_EXPECT_EQ(test, h.revision, NDIS_OFFLOAD_REVISION_3);
	KUNIT_EXPECT_EQ(test, h.size, NDIS_OFFLOAD_SIZE);
	netvsc_hwcaps_query(NVSP_VERSION_4, &h);
	KUNIT_EXPECT_EQ(test, h.size, NDIS_OFFLOAD_SIZE_6_1);
	netvsc_hwcaps_query(NVSP_VERSION_2, &h);
	KUNIT_EXPECT_EQ(test, h.size, NDIS_OFFLOAD_SIZE_6_0);
	netvsc_rss_caps_query(&h);
	KUNIT_EXPECT_EQ(test, h.type, NDIS_OBJECT_TYPE_RSS_CAPS);
	KUNIT_EXPECT_EQ(test, h.size, NDIS_RSS_CAPS_SIZE);
}

static void rss_caps(struct kunit *test)
{
	struct ndis_rss_caps c = {
		.num_recv_queues = 8, .num_table_entries = 64,
	};
	u32 queues, size;

	KUNIT_ASSERT_EQ(test, netvsc_rss_caps_parse(&c, sizeof(c), &queues,
						    &size), 0);
	KUNIT_EXPECT_EQ(test, queues, 8);
	KUNIT_EXPECT_EQ(test, size, 64);
	/* A revision 1 answer has no table size: the default. */
	KUNIT_ASSERT_EQ(test, netvsc_rss_caps_parse(&c, NDIS_RSS_CAPS_SIZE_6_0,
						    &queues, &size), 0);
	KUNIT_EXPECT_EQ(test, size, NDIS_RSS_TABLE_DEFAULT);
	c.num_table_entries = 0;
	KUNIT_ASSERT_EQ(test, netvsc_rss_caps_parse(&c, sizeof(c), &queues,
						    &size), 0);
	KUNIT_EXPECT_EQ(test, size, NDIS_RSS_TABLE_DEFAULT);
	c.num_table_entries = NDIS_RSS_TABLE_MAX + 1;
	KUNIT_ASSERT_EQ(test, netvsc_rss_caps_parse(&c, sizeof(c), &queues,
						    &size), 0);
	KUNIT_EXPECT_EQ(test, size, NDIS_RSS_TABLE_DEFAULT);
	KUNIT_EXPECT_EQ(test, netvsc_rss_caps_parse(&c, 15, &queues, &size),
			-EBADMSG);

	KUNIT_EXPECT_EQ(test, netvsc_channels_max(8, 2), 2);
	KUNIT_EXPECT_EQ(test, netvsc_channels_max(1000, 1000),
			NETVSC_CHANNELS_MAX);
	KUNIT_EXPECT_EQ(test, netvsc_channels_max(0, 4), 1);
}

static void friendly_name(struct kunit *test)
{
	/* "Net", U+00E9, U+20AC, NUL, "x" */
	static const u8 in[] = { 'N', 0, 'e', 0, 't', 0, 0xe9, 0, 0xac, 0x20,
				 0, 0, 'x', 0 };
	char out[16];

	KUNIT_EXPECT_EQ(test, netvsc_ucs2_to_utf8(in, sizeof(in), out,
						  sizeof(out)), 8);
	KUNIT_EXPECT_STREQ(test, out, "Net\xc3\xa9\xe2\x82\xac");
	/* A character that does not fit whole is left out. */
	KUNIT_EXPECT_EQ(test, netvsc_ucs2_to_utf8(in, sizeof(in), out, 7), 5);
	KUNIT_EXPECT_STREQ(test, out, "Net\xc3\xa9");
	/* An odd byte count: the half character is ignored. */
	KUNIT_EXPECT_EQ(test, netvsc_ucs2_to_utf8(in, 5, out, sizeof(out)), 2);
	KUNIT_EXPECT_EQ(test, netvsc_ucs2_to_utf8(in, 0, out, 1), 0);
	KUNIT_EXPECT_STREQ(test, out, "");
}

/*
 * One range of a transfer-page packet as the driver takes it: a data
 * message of @frame bytes with a packet-id record of @flags (none for 0),
 * through the header check, the per-packet info and the RSC sequence.
 */
static enum netvsc_rsc_verdict rsc_range(struct kunit *test,
					 struct netvsc_rsc *rsc, u32 frame,
					 u8 flags, bool last_range)
{
	struct rndis_pkt_id id = { RNDIS_PKT_ID_V1, flags, 1 };
	struct rndis_packet_msg m = data_msg(flags ? 16 : 0, frame);
	struct netvsc_rx_info info = { 0 };
	struct netvsc_rx_layout lo;
	u8 ppi[16] = { 0 };
	u32 idval;

	if (netvsc_rx_packet_check(&m, NETVSC_RSC_FRAME_MAX, &lo))
		return NETVSC_RSC_DROP;
	if (flags) {
		memcpy(&idval, &id, sizeof(idval));
		ppi_put(ppi, 0, RNDIS_PPI_PKT_ID | RNDIS_PPI_INTERNAL, 16, 12,
			idval);
		KUNIT_EXPECT_EQ(test, lo.ppi_len, sizeof(ppi));
		if (netvsc_ppi_parse(ppi, sizeof(ppi), &info))
			return NETVSC_RSC_DROP;
	}
	return netvsc_rsc_add(rsc, &info, lo.data_offset, lo.data_len,
			      last_range);
}

/*
 * A coalesced frame's later fragments are payload only, and the last
 * one is whatever is left: shorter than an Ethernet header is fine. The
 * header belongs to the first fragment, and to a frame of its own.
 */
static void rsc_short_tail(struct kunit *test)
{
	struct netvsc_rsc *rsc = kunit_kzalloc(test, sizeof(*rsc), GFP_KERNEL);
	const u8 first = RNDIS_PKT_ID_SUBALLOC | RNDIS_PKT_ID_FIRST;
	const u8 mid = RNDIS_PKT_ID_SUBALLOC;
	const u8 last = RNDIS_PKT_ID_SUBALLOC | RNDIS_PKT_ID_LAST;

	KUNIT_ASSERT_NOT_NULL(test, rsc);
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, 1448, first, false),
			NETVSC_RSC_MORE);
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, 6, mid, false),
			NETVSC_RSC_MORE);
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, 1, last, true),
			NETVSC_RSC_DELIVER);
	KUNIT_EXPECT_EQ(test, rsc->cnt, 3);
	KUNIT_EXPECT_EQ(test, rsc->len, 1455);
	KUNIT_EXPECT_EQ(test, rsc->frag_len[1], 6);
	KUNIT_EXPECT_EQ(test, rsc->frag_len[2], 1);

	/* Two fragments, the tail 13 bytes. */
	rsc->cnt = 0;
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, NETVSC_ETH_HLEN, first,
					false), NETVSC_RSC_MORE);
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, 13, last, true),
			NETVSC_RSC_DELIVER);
	KUNIT_EXPECT_EQ(test, rsc->len, NETVSC_ETH_HLEN + 13);

	/* A first fragment without a whole Ethernet header opens nothing. */
	rsc->cnt = 0;
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, 13, first, false),
			NETVSC_RSC_DROP);
	KUNIT_EXPECT_EQ(test, rsc->cnt, 0);
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, 1000, last, true),
			NETVSC_RSC_DROP);
	/* Nor is a frame of its own, with or without a packet id. */
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, 13, 0, true),
			NETVSC_RSC_DROP);
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, 0, 0, true),
			NETVSC_RSC_DROP);
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, 13, first | last, true),
			NETVSC_RSC_DROP);
	KUNIT_EXPECT_EQ(test, rsc_range(test, rsc, NETVSC_ETH_HLEN, 0, true),
			NETVSC_RSC_DELIVER);
}

static struct kunit_case netvsc_cases[] = {
	KUNIT_CASE(nvsp_lengths),
	KUNIT_CASE(recv_buf_answer),
	KUNIT_CASE(send_buf_answer),
	KUNIT_CASE(subchannel_answer),
	KUNIT_CASE(send_table),
	KUNIT_CASE(vf_association),
	KUNIT_CASE(xfer_payload),
	KUNIT_CASE(rndis_header),
	KUNIT_CASE(rx_packet),
	KUNIT_CASE(ppi_walk),
	KUNIT_CASE(ppi_bad),
	KUNIT_CASE(rsc_sequences),
	KUNIT_CASE(rsc_short_tail),
	KUNIT_CASE(ctrl_check),
	KUNIT_CASE(init_complete),
	KUNIT_CASE(query_complete),
	KUNIT_CASE(indication),
	KUNIT_CASE(offload_plan),
	KUNIT_CASE(feature_params),
	KUNIT_CASE(offload_caps_bad),
	KUNIT_CASE(query_headers),
	KUNIT_CASE(rss_caps),
	KUNIT_CASE(friendly_name),
	{}
};

static struct kunit_suite netvsc_suite = {
	.name = "hv_netvsc_wire",
	.test_cases = netvsc_cases,
};

kunit_test_suite(netvsc_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for hv_netvsc's parsing layer");
