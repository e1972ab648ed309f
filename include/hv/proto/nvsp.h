/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NVSP, the network VSP protocol spoken on the synthetic NIC's VMBus
 * channels (class VMBUS_GUID_NETWORK in guid.h): hv_netvsc in the guest,
 * netvsp on the host.
 *
 * Every message starts with a u32 type. The guest sends in-band packets
 * (VMBUS_PKT_DATA_INBAND) or, for an RNDIS packet whose data lies in its
 * own pages, GPA-direct packets (VMBUS_PKT_DATA_GPA_DIRECT); the host
 * answers requests with VMBUS_PKT_COMPLETION packets carrying the
 * request's trans_id and an NVSP message, and delivers received frames in
 * transfer-page packets (VMBUS_PKT_DATA_XFER_PAGES, ring.h) whose ranges
 * name RNDIS messages in the guest's receive buffer; the guest completes
 * each of those with one SEND_RNDIS_PKT_COMPLETE carrying the transfer
 * packet's trans_id. The RNDIS messages themselves are in rndis.h.
 *
 * Messages are padded to a fixed size on the wire: NVSP_MSG_SIZE_V1
 * before version 6.1, NVSP_MSG_SIZE_V61 from it (the version-6 union is
 * the first to outgrow the version-1 one).
 *
 * Sources: Debian linux-source-6.12 drivers/net/hyperv/hyperv_net.h
 * ("L": NVSP_* enums, struct nvsp_*), OpenVMM
 * vm/devices/net/netvsp/src/protocol.rs ("OV": the same messages as the
 * host sees them, with Windows' names), OpenVMM
 * vm/devices/net/netvsp/src/lib.rs ("OV lib": the host's choices).
 */
#ifndef _HV_PROTO_NVSP_H
#define _HV_PROTO_NVSP_H

#include "types.h"

/* ------------------------------------------------------------------ */
/* Versions                                                            */
/* ------------------------------------------------------------------ */

/*
 * major << 16 | minor. Version 1 is the odd one out: 0.2 (L
 * NVSP_PROTOCOL_VERSION_1 = 2; OV Version::V1 = make_version(0, 2)).
 * There is no version 3. The guest offers one version per INIT, newest
 * first, in both fields of struct nvsp_init; OpenVMM's host reads only
 * the first (OV MessageInit.protocol_version, "was MinProtocolVersion").
 */
#define NVSP_VERSION_1		0x00000002
#define NVSP_VERSION_2		0x00030002
#define NVSP_VERSION_4		0x00040000
#define NVSP_VERSION_5		0x00050000
#define NVSP_VERSION_6		0x00060000
#define NVSP_VERSION_61		0x00060001

/* INIT_COMPLETE's first field when no version applies (both sources). */
#define NVSP_INVALID_VERSION	0xffffffff

/*
 * The NDIS version the guest announces in SEND_NDIS_VERSION: 6.1 up to
 * NVSP 4, 6.30 above (L netvsc.c negotiate_nvsp_ver()). OpenVMM's host
 * reports the 6.30 OIDs (RSS) only to a 6.30 guest (OV lib
 * OID_GEN_SUPPORTED_LIST: "minor >= 30").
 */
#define NDIS_VERSION_6_1	0x00060001
#define NDIS_VERSION_6_30	0x0006001e

/* ------------------------------------------------------------------ */
/* Message types and status                                            */
/* ------------------------------------------------------------------ */

/*
 * nvsp_hdr.type. 100-108 from version 1, 109-127 from 2, 128-130 from 4,
 * 131-134 from 5, 135-136 from 6.1 (L enum, values by position; OV
 * MESSAGE*_TYPE_*, numbered explicitly). The host accepts a type only from
 * the version that introduced it (OV lib parse_packet()).
 */
enum nvsp_type {
	NVSP_TYPE_NONE			= 0,
	NVSP_TYPE_INIT			= 1,
	NVSP_TYPE_INIT_COMPLETE		= 2,

	NVSP1_TYPE_SEND_NDIS_VERSION	= 100,
	NVSP1_TYPE_SEND_RECV_BUF	= 101,
	NVSP1_TYPE_SEND_RECV_BUF_COMPLETE = 102,
	NVSP1_TYPE_REVOKE_RECV_BUF	= 103,
	NVSP1_TYPE_SEND_SEND_BUF	= 104,
	NVSP1_TYPE_SEND_SEND_BUF_COMPLETE = 105,
	NVSP1_TYPE_REVOKE_SEND_BUF	= 106,
	NVSP1_TYPE_SEND_RNDIS_PKT	= 107,
	NVSP1_TYPE_SEND_RNDIS_PKT_COMPLETE = 108,

	NVSP2_TYPE_SEND_NDIS_CONFIG	= 125,

	NVSP4_TYPE_SEND_VF_ASSOCIATION	= 128,
	NVSP4_TYPE_SWITCH_DATA_PATH	= 129,
	NVSP4_TYPE_UPLINK_CONNECT_STATE	= 130,	/* deprecated */

	NVSP5_TYPE_OID_QUERY_EX		= 131,
	NVSP5_TYPE_OID_QUERY_EX_COMPLETE = 132,
	NVSP5_TYPE_SUBCHANNEL		= 133,
	NVSP5_TYPE_SEND_INDIRECTION_TABLE = 134,

	NVSP6_TYPE_PD_API		= 135,
	NVSP6_TYPE_PD_POST_BATCH	= 136,
};

/*
 * Status in completions. L also names 3 (PROTOCOL_TOO_NEW) and 4
 * (PROTOCOL_TOO_OLD); OV skips them. OpenVMM's host answers an unknown
 * version with NONE (OV lib initialize()).
 */
#define NVSP_STATUS_NONE		0
#define NVSP_STATUS_SUCCESS		1
#define NVSP_STATUS_FAILURE		2
#define NVSP_STATUS_INVALID_RNDIS_PKT	5
#define NVSP_STATUS_BUSY		6
#define NVSP_STATUS_UNSUPPORTED		7

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

struct nvsp_hdr {
	u32 type;
} __packed;

HV_ASSERT_SIZE(struct nvsp_hdr, 4);

/* Wire size of one message (OV PACKET_SIZE_V1, PACKET_SIZE_V61). */
#define NVSP_MSG_SIZE_V1	0x1c
#define NVSP_MSG_SIZE_V61	0x28

/* INIT (guest -> host, completion requested). */
struct nvsp_init {
	u32 min_version;
	u32 max_version;
} __packed;

HV_ASSERT_SIZE(struct nvsp_init, 8);

/*
 * INIT_COMPLETE. The first field was the negotiated version in the first
 * hosts; OpenVMM fills it for version 1 only, otherwise with
 * NVSP_INVALID_VERSION, and reports max_mdl_chain_len 34 (OV lib).
 */
struct nvsp_init_complete {
	u32 negotiated_version;
	u32 max_mdl_chain_len;
	u32 status;
} __packed;

HV_ASSERT_SIZE(struct nvsp_init_complete, 12);

/* SEND_NDIS_VERSION (no completion requested by Linux). */
struct nvsp_ndis_version {
	u32 major;
	u32 minor;
} __packed;

HV_ASSERT_SIZE(struct nvsp_ndis_version, 8);

/*
 * SEND_RECV_BUF and SEND_SEND_BUF: a GPADL of the guest's buffer and the
 * id the host puts in the transfer-page packets' xfer_pageset_id (Linux
 * uses 0xcafe for the receive buffer, 0 for the send buffer; L
 * NETVSC_RECEIVE_BUFFER_ID). OV has a reserved u16 after id, L packs it
 * away; the message is padded either way.
 */
struct nvsp_send_buf {
	u32 gpadl;
	u16 id;
	u16 reserved;
} __packed;

HV_ASSERT_SIZE(struct nvsp_send_buf, 8);

/*
 * One section of the receive buffer: num_sub_allocs pieces of
 * sub_alloc_size bytes from offset to end_offset. The guest accepts
 * exactly one section at offset 0 (L netvsc_init_buf(); OV: "no VSP has
 * ever sent more than 1 section").
 */
struct nvsp_recv_section {
	u32 offset;
	u32 sub_alloc_size;
	u32 num_sub_allocs;
	u32 end_offset;
} __packed;

HV_ASSERT_SIZE(struct nvsp_recv_section, 16);

struct nvsp_recv_buf_complete {
	u32 status;
	u32 num_sections;
	struct nvsp_recv_section section;	/* the first, and only */
} __packed;

HV_ASSERT_SIZE(struct nvsp_recv_buf_complete, 24);
static_assert(sizeof(struct nvsp_hdr) + sizeof(struct nvsp_recv_buf_complete) <=
	      NVSP_MSG_SIZE_V1, "RECV_BUF_COMPLETE fits a version-1 message");

/* The host chooses the send buffer's section size (OV lib: 6144). */
struct nvsp_send_buf_complete {
	u32 status;
	u32 section_size;
} __packed;

HV_ASSERT_SIZE(struct nvsp_send_buf_complete, 8);

/* REVOKE_RECV_BUF, REVOKE_SEND_BUF: the id given with the buffer. */
struct nvsp_revoke_buf {
	u16 id;
} __packed;

HV_ASSERT_SIZE(struct nvsp_revoke_buf, 2);

/*
 * SEND_RNDIS_PKT, both ways. channel_type: data (0) or control (1). From
 * the guest the RNDIS message is either section_size bytes of send-buffer
 * section section_index, or, with section_index NVSP_NO_SECTION, the
 * GPA-direct packet's page ranges. The host's transfer-page packets carry
 * NVSP_NO_SECTION.
 */
struct nvsp_rndis_pkt {
	u32 channel_type;
	u32 section_index;
	u32 section_size;
} __packed;

HV_ASSERT_SIZE(struct nvsp_rndis_pkt, 12);

#define NVSP_CHANNEL_DATA	0
#define NVSP_CHANNEL_CONTROL	1
#define NVSP_NO_SECTION		0xffffffff

struct nvsp_rndis_pkt_complete {
	u32 status;
} __packed;

HV_ASSERT_SIZE(struct nvsp_rndis_pkt_complete, 4);

/*
 * SEND_NDIS_CONFIG (version 2+): the guest's MTU as a frame size (MTU
 * plus the 14-byte Ethernet header) and what it can do. Bits of
 * capabilities, in the order of both sources' bitfields.
 */
struct nvsp_ndis_config {
	u32 mtu;
	u32 reserved;
	u64 capabilities;
} __packed;

HV_ASSERT_SIZE(struct nvsp_ndis_config, 16);

#define NVSP_CAP_VMQ		0x0000000000000001ULL
#define NVSP_CAP_CHIMNEY	0x0000000000000002ULL
#define NVSP_CAP_SRIOV		0x0000000000000004ULL
#define NVSP_CAP_IEEE8021Q	0x0000000000000008ULL
#define NVSP_CAP_CORRELATION_ID	0x0000000000000010ULL
#define NVSP_CAP_TEAMING	0x0000000000000020ULL
#define NVSP_CAP_VSUBNET_ID	0x0000000000000040ULL
#define NVSP_CAP_RSC		0x0000000000000080ULL

/* SEND_VF_ASSOCIATION (host -> guest, version 4+). */
struct nvsp_vf_association {
	u32 allocated;
	u32 serial;
} __packed;

HV_ASSERT_SIZE(struct nvsp_vf_association, 8);

/* SWITCH_DATA_PATH (guest -> host): 0 synthetic, 1 VF. */
struct nvsp_switch_data_path {
	u32 active_data_path;
} __packed;

HV_ASSERT_SIZE(struct nvsp_switch_data_path, 4);

#define NVSP_DATA_PATH_SYNTHETIC	0
#define NVSP_DATA_PATH_VF		1

/*
 * SUBCHANNEL (version 5+): allocate num sub-channels. The completion
 * (same type) says how many the host grants; their offers follow. OpenVMM
 * grants a count below its queue limit and fails anything else.
 */
struct nvsp_subchannel {
	u32 op;
	u32 num;
} __packed;

HV_ASSERT_SIZE(struct nvsp_subchannel, 8);

#define NVSP_SUBCHANNEL_NONE		0
#define NVSP_SUBCHANNEL_ALLOCATE	1

struct nvsp_subchannel_complete {
	u32 status;
	u32 num;
} __packed;

HV_ASSERT_SIZE(struct nvsp_subchannel_complete, 8);

/*
 * SEND_INDIRECTION_TABLE (host -> guest, version 5+): count u32 channel
 * numbers at offset bytes from the start of the NVSP message (type
 * included). The guest uses them to spread its sends; it wants exactly
 * NVSP_SEND_TABLE_SIZE entries (L netvsc_send_table(); OV
 * VMS_SWITCH_RSS_MAX_SEND_INDIRECTION_TABLE_ENTRIES).
 *
 * Two layouts exist. OpenVMM places the table right after this 8-byte
 * body, offset NVSP_SEND_TABLE_OFFSET_BODY (OV lib
 * guest_send_indirection_table()). Hyper-V placed it after a whole
 * version-6.1-sized message, at NVSP_SEND_TABLE_OFFSET_MSG, while the
 * offset field was wrong before version 6.1: Linux therefore ignores the
 * field up to version 6 when the message is long enough to hold the table
 * there (L netvsc_send_table(): "the offset may be wrong due to a host
 * bug").
 */
struct nvsp_send_table {
	u32 count;
	u32 offset;
} __packed;

HV_ASSERT_SIZE(struct nvsp_send_table, 8);

#define NVSP_SEND_TABLE_SIZE		16
#define NVSP_SEND_TABLE_OFFSET_BODY	(sizeof(struct nvsp_hdr) + \
					 sizeof(struct nvsp_send_table))
#define NVSP_SEND_TABLE_OFFSET_MSG	NVSP_MSG_SIZE_V61

static_assert(NVSP_SEND_TABLE_OFFSET_BODY == 12, "table after the body");

/* OID_QUERY_EX (version 5+): an NDIS object header and an OID. */
struct nvsp_oid_query_ex {
	u8 obj_type;
	u8 obj_revision;
	u16 obj_size;
	u32 oid;
} __packed;

HV_ASSERT_SIZE(struct nvsp_oid_query_ex, 8);

struct nvsp_oid_query_ex_complete {
	u32 status;
	u32 bytes;
} __packed;

HV_ASSERT_SIZE(struct nvsp_oid_query_ex_complete, 8);

/* ------------------------------------------------------------------ */
/* Buffers                                                             */
/* ------------------------------------------------------------------ */

/*
 * Limits the guest applies to the host's answers and its own choices
 * (L hyperv_net.h): receive buffer at most 31 MiB (15 MiB up to version
 * 2), send buffer at most 15 MiB, 16 MiB and 1 MiB by default.
 */
#define NVSP_RECV_BUF_MAX		(31U << 20)
#define NVSP_RECV_BUF_MAX_LEGACY	(15U << 20)
#define NVSP_SEND_BUF_MAX		(15U << 20)

/* The host's send-buffer section size (OV lib SendSendBuffer: 6144). */
#define NVSP_SEND_SECTION_SIZE		6144

/*
 * Ranges in one transfer-page packet: 375 (OV
 * NVSP_MAX_PACKETS_PER_RECEIVE), 562 with RSC (L NVSP_RSC_MAX; OV's
 * comment derives it from 375 plus a largest IPv4 packet cut into
 * minimum-MTU pieces).
 */
#define NVSP_MAX_XFER_RANGES		375
#define NVSP_MAX_XFER_RANGES_RSC	562

#endif /* _HV_PROTO_NVSP_H */
