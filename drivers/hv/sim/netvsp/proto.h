/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netvsp's own reading of the wire formats it serves: NVSP, then RNDIS.
 *
 * This header is private to the host model on purpose. hv_netvsc reads
 * the same protocol from include/hv/proto/nvsp.h and rndis.h, written
 * separately from the sources; neither side includes the other's
 * definitions, so that a misreading in one shows up against the other
 * instead of being shared by both. tests/userspace/proto_check.c
 * compares every value, size and offset the two have in common.
 */
#ifndef HV_SIM_NETVSP_PROTO_H
#define HV_SIM_NETVSP_PROTO_H

#include <hv/proto/types.h>

/*
 * NVSP, the network VSP protocol spoken on the synthetic NIC's VMBus
 * channels (class VMBUS_GUID_NETWORK in include/hv/proto/guid.h):
 * hv_netvsc in the guest, netvsp on the host.
 *
 * Every message starts with a u32 type. The guest sends in-band packets
 * (VMBUS_PKT_DATA_INBAND) or, for an RNDIS packet whose data lies in its
 * own pages, GPA-direct packets (VMBUS_PKT_DATA_GPA_DIRECT); the host
 * answers requests with VMBUS_PKT_COMPLETION packets carrying the
 * request's trans_id and an NVSP message, and delivers received frames in
 * transfer-page packets (VMBUS_PKT_DATA_XFER_PAGES, include/hv/proto/ring.h)
 * whose ranges name RNDIS messages in the guest's receive buffer; the
 * guest completes each of those with one SEND_RNDIS_PKT_COMPLETE
 * carrying the transfer packet's trans_id. The RNDIS messages themselves follow below.
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

/* ================================================================== */
/* RNDIS                                                              */
/* ================================================================== */

/*
 * RNDIS as the synthetic NIC carries it inside NVSP SEND_RNDIS_PKT
 * messages (above): every Ethernet frame and every control request is
 * one RNDIS message, a struct rndis_hdr (type, length of the whole
 * message) followed by the body of that type. A guest's send may hold
 * several PACKET messages back to back, each padded to the alignment the
 * host gave in INIT_C; the host puts one message in each range of a
 * transfer-page packet.
 *
 * Per-packet information (PPI) rides after struct rndis_packet: records
 * of struct rndis_ppi, each size bytes long with its data at ppi_offset
 * from its own start; packet offsets count from the start of struct
 * rndis_packet (not of the RNDIS header).
 *
 * NDIS objects (offload capabilities and parameters, RSS) start with
 * struct ndis_obj_header and grew by revision: a field exists only when
 * the object's size covers it.
 *
 * Sources: Debian linux-source-6.12 include/linux/rndis.h ("LR": message
 * types, status codes, OIDs) and drivers/net/hyperv/hyperv_net.h ("L":
 * bodies, PPI, NDIS objects), OpenVMM vm/devices/net/netvsp/src/
 * rndisprot.rs ("OV": the same, as the host sees them), Microsoft's NDIS
 * documentation for the structures' revisions and the RSS hash ("MS").
 */

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

/* rndis_hdr.type (LR RNDIS_MSG_*, OV MESSAGE_TYPE_*). */
#define RNDIS_MSG_COMPLETION	0x80000000
#define RNDIS_MSG_PACKET	0x00000001
#define RNDIS_MSG_INIT		0x00000002
#define RNDIS_MSG_HALT		0x00000003
#define RNDIS_MSG_QUERY		0x00000004
#define RNDIS_MSG_SET		0x00000005
#define RNDIS_MSG_RESET		0x00000006
#define RNDIS_MSG_INDICATE	0x00000007
#define RNDIS_MSG_KEEPALIVE	0x00000008
#define RNDIS_MSG_SET_EX	0x00000009	/* OV only */
#define RNDIS_MSG_INIT_C	(RNDIS_MSG_INIT | RNDIS_MSG_COMPLETION)
#define RNDIS_MSG_QUERY_C	(RNDIS_MSG_QUERY | RNDIS_MSG_COMPLETION)
#define RNDIS_MSG_SET_C		(RNDIS_MSG_SET | RNDIS_MSG_COMPLETION)
#define RNDIS_MSG_RESET_C	(RNDIS_MSG_RESET | RNDIS_MSG_COMPLETION)
#define RNDIS_MSG_KEEPALIVE_C	(RNDIS_MSG_KEEPALIVE | RNDIS_MSG_COMPLETION)

/* Status codes (NDIS_STATUS_*, LR and OV agree). */
#define RNDIS_STATUS_SUCCESS		0x00000000
#define RNDIS_STATUS_MEDIA_CONNECT	0x4001000b
#define RNDIS_STATUS_MEDIA_DISCONNECT	0x4001000c
#define RNDIS_STATUS_LINK_SPEED_CHANGE	0x40010013
#define RNDIS_STATUS_NETWORK_CHANGE	0x40010018	/* LR only */
#define RNDIS_STATUS_FAILURE		0xc0000001
#define RNDIS_STATUS_NOT_SUPPORTED	0xc00000bb
#define RNDIS_STATUS_BAD_VERSION	0xc0010004
#define RNDIS_STATUS_INVALID_LENGTH	0xc0010014
#define RNDIS_STATUS_INVALID_DATA	0xc0010015
#define RNDIS_STATUS_BUFFER_TOO_SHORT	0xc0010016

struct rndis_hdr {
	u32 type;
	u32 len;		/* the whole message, this header included */
} __packed;

HV_ASSERT_SIZE(struct rndis_hdr, 8);

/* INIT: Linux asks for 1.0 and 16 KiB transfers. */
#define RNDIS_MAJOR_VERSION	1
#define RNDIS_MINOR_VERSION	0

struct rndis_init {
	u32 req_id;
	u32 major;
	u32 minor;
	u32 max_xfer_size;
} __packed;

HV_ASSERT_SIZE(struct rndis_init, 16);

/*
 * INIT_C. The guest batches at most max_pkt_per_msg packets in one send,
 * each aligned to 1 << pkt_align_factor bytes. OpenVMM's host: 8 packets,
 * factor 3, max_xfer 0xefffffff, connectionless 802.3 (OV lib).
 */
struct rndis_init_c {
	u32 req_id;
	u32 status;
	u32 major;
	u32 minor;
	u32 dev_flags;
	u32 medium;
	u32 max_pkt_per_msg;
	u32 max_xfer_size;
	u32 pkt_align_factor;
	u32 af_list_offset;
	u32 af_list_size;
} __packed;

HV_ASSERT_SIZE(struct rndis_init_c, 44);

#define RNDIS_DF_CONNECTIONLESS	0x00000001
#define RNDIS_MEDIUM_802_3	0x00000000

struct rndis_halt {
	u32 req_id;
} __packed;

/*
 * QUERY and SET: info_buf_offset counts from the start of this body
 * (req_id), not of the RNDIS header (L rndis_filter_query_device() puts
 * the buffer at sizeof(struct rndis_query_request)).
 */
struct rndis_query {
	u32 req_id;
	u32 oid;
	u32 info_buflen;
	u32 info_buf_offset;
	u32 dev_vc_handle;
} __packed;

HV_ASSERT_SIZE(struct rndis_query, 20);

/* QUERY_C: the answer at info_buf_offset from req_id, as above. */
struct rndis_query_c {
	u32 req_id;
	u32 status;
	u32 info_buflen;
	u32 info_buf_offset;
} __packed;

HV_ASSERT_SIZE(struct rndis_query_c, 16);

struct rndis_set_c {
	u32 req_id;
	u32 status;
} __packed;

HV_ASSERT_SIZE(struct rndis_set_c, 8);

struct rndis_reset_c {
	u32 status;
	u32 addressing_reset;
} __packed;

/* INDICATE: status_buf_offset counts from the start of this body. */
struct rndis_indicate {
	u32 status;
	u32 status_buflen;
	u32 status_buf_offset;
} __packed;

HV_ASSERT_SIZE(struct rndis_indicate, 12);

struct rndis_keepalive {
	u32 req_id;
} __packed;

struct rndis_keepalive_c {
	u32 req_id;
	u32 status;
} __packed;

/*
 * PACKET. All offsets count from the start of this struct; data_len
 * bytes of frame at data_offset, per_pkt_info_len bytes of PPI records at
 * per_pkt_info_offset. Out-of-band data and VC handles are unused
 * (OpenVMM's host refuses packets with them).
 */
struct rndis_packet {
	u32 data_offset;
	u32 data_len;
	u32 oob_data_offset;
	u32 oob_data_len;
	u32 num_oob_data_elements;
	u32 per_pkt_info_offset;
	u32 per_pkt_info_len;
	u32 vc_handle;
	u32 reserved;
} __packed;

HV_ASSERT_SIZE(struct rndis_packet, 36);

/* The RNDIS header plus a PACKET body: where a frame's headers start. */
#define RNDIS_PACKET_HDR_SIZE	(sizeof(struct rndis_hdr) + \
				 sizeof(struct rndis_packet))

/* ------------------------------------------------------------------ */
/* Per-packet information                                              */
/* ------------------------------------------------------------------ */

/*
 * One PPI record: size bytes in all, data at ppi_offset from the record's
 * start. Bit 31 of type marks the internal types (L: a 31-bit type and
 * an internal bit; OV: "high bit means internal").
 */
struct rndis_ppi {
	u32 size;
	u32 type;
	u32 ppi_offset;
} __packed;

HV_ASSERT_SIZE(struct rndis_ppi, 12);

#define RNDIS_PPI_INTERNAL		0x80000000

/* rndis_ppi.type (L enum ndis_per_pkt_info_type; OV PPI_*). */
#define RNDIS_PPI_CHECKSUM		0	/* u32, ndis_csum_* bits */
#define RNDIS_PPI_LSO			2	/* u32, ndis_lso_* fields */
#define RNDIS_PPI_VLAN			6	/* u32, ndis_vlan_* fields */
#define RNDIS_PPI_HASH_VALUE		8	/* u32, the RSS hash */
/* Internal type 1: struct rndis_pktinfo_id, marks RSC fragments. */
#define RNDIS_PPI_PKTINFO_ID		(RNDIS_PPI_INTERNAL | 1)

/* A PPI record holding one u32, as every one the host sends. */
#define RNDIS_PPI_U32_SIZE	(sizeof(struct rndis_ppi) + sizeof(u32))

/*
 * Checksum PPI from the guest (transmit): what to compute. The TCP
 * header offset counts from the start of the frame.
 */
#define NDIS_CSUM_TX_IPV4		0x00000001
#define NDIS_CSUM_TX_IPV6		0x00000002
#define NDIS_CSUM_TX_TCP		0x00000004
#define NDIS_CSUM_TX_UDP		0x00000008
#define NDIS_CSUM_TX_IP_HDR		0x00000010
#define NDIS_CSUM_TX_TCP_OFFSET(v)	(((v) >> 16) & 0x3ff)

/* Checksum PPI to the guest (receive): what the host verified. */
#define NDIS_CSUM_RX_TCP_FAILED		0x00000001
#define NDIS_CSUM_RX_UDP_FAILED		0x00000002
#define NDIS_CSUM_RX_IP_FAILED		0x00000004
#define NDIS_CSUM_RX_TCP_OK		0x00000008
#define NDIS_CSUM_RX_UDP_OK		0x00000010
#define NDIS_CSUM_RX_IP_OK		0x00000020
#define NDIS_CSUM_RX_LOOPBACK		0x00000040

/*
 * LSO PPI (large send v2, transmit): MSS in bits 0-19, TCP header offset
 * from the frame start in 20-29, type (1 = v2) in 30, IPv6 in 31 (L
 * struct ndis_tcp_lso_info lso_v2_transmit; OV TcpLsoInfo).
 */
#define NDIS_LSO_MSS(v)			((v) & 0xfffff)
#define NDIS_LSO_TCP_OFFSET(v)		(((v) >> 20) & 0x3ff)
#define NDIS_LSO_V2			0x40000000
#define NDIS_LSO_IPV6			0x80000000

/* 802.1Q PPI: priority 0-2, CFI/DEI 3, VLAN id 4-15 (L, OV). */
#define NDIS_VLAN_PRIO(v)		((v) & 0x7)
#define NDIS_VLAN_DEI			0x00000008
#define NDIS_VLAN_ID(v)			(((v) >> 4) & 0xfff)
#define NDIS_VLAN_MAKE(prio, id)	(((prio) & 0x7) | (((id) & 0xfff) << 4))

/*
 * Internal PKTINFO_ID PPI: the fragments of one coalesced (RSC) packet,
 * each in its own range of one transfer-page packet, carry SUBALLOC; the
 * first also 1ST_FRAG, the last also LAST_FRAG (L RNDIS_PKTINFO_*; OV
 * PACKET_INFO_FLAGS_MULTI_SUBALLOC*).
 */
struct rndis_pktinfo_id {
	u8 version;
	u8 flags;
	u16 pkt_id;
} __packed;

HV_ASSERT_SIZE(struct rndis_pktinfo_id, 4);

#define RNDIS_PKTINFO_ID_V1		1
#define RNDIS_PKTINFO_SUBALLOC		0x00000001
#define RNDIS_PKTINFO_1ST_FRAG		0x00000002
#define RNDIS_PKTINFO_LAST_FRAG		0x00000004

/* ------------------------------------------------------------------ */
/* OIDs                                                                */
/* ------------------------------------------------------------------ */

/* LR RNDIS_OID_*, L OID_* (hyperv_net.h top, rndis.h), OV enum Oid. */
#define RNDIS_OID_GEN_SUPPORTED_LIST		0x00010101
#define RNDIS_OID_GEN_HARDWARE_STATUS		0x00010102
#define RNDIS_OID_GEN_MEDIA_SUPPORTED		0x00010103
#define RNDIS_OID_GEN_MEDIA_IN_USE		0x00010104
#define RNDIS_OID_GEN_MAXIMUM_LOOKAHEAD		0x00010105
#define RNDIS_OID_GEN_MAXIMUM_FRAME_SIZE	0x00010106
#define RNDIS_OID_GEN_LINK_SPEED		0x00010107
#define RNDIS_OID_GEN_TRANSMIT_BUFFER_SPACE	0x00010108
#define RNDIS_OID_GEN_RECEIVE_BUFFER_SPACE	0x00010109
#define RNDIS_OID_GEN_TRANSMIT_BLOCK_SIZE	0x0001010a
#define RNDIS_OID_GEN_RECEIVE_BLOCK_SIZE	0x0001010b
#define RNDIS_OID_GEN_VENDOR_ID			0x0001010c
#define RNDIS_OID_GEN_VENDOR_DESCRIPTION	0x0001010d
#define RNDIS_OID_GEN_CURRENT_PACKET_FILTER	0x0001010e
#define RNDIS_OID_GEN_CURRENT_LOOKAHEAD		0x0001010f
#define RNDIS_OID_GEN_DRIVER_VERSION		0x00010110
#define RNDIS_OID_GEN_MAXIMUM_TOTAL_SIZE	0x00010111
#define RNDIS_OID_GEN_MAC_OPTIONS		0x00010113
#define RNDIS_OID_GEN_MEDIA_CONNECT_STATUS	0x00010114
#define RNDIS_OID_GEN_MAXIMUM_SEND_PACKETS	0x00010115
#define RNDIS_OID_GEN_VENDOR_DRIVER_VERSION	0x00010116
#define RNDIS_OID_GEN_NETWORK_LAYER_ADDRESSES	0x00010118
#define RNDIS_OID_GEN_RECEIVE_SCALE_CAPABILITIES 0x00010203
#define RNDIS_OID_GEN_RECEIVE_SCALE_PARAMETERS	0x00010204
#define RNDIS_OID_GEN_RNDIS_CONFIG_PARAMETER	0x0001021b
#define RNDIS_OID_GEN_FRIENDLY_NAME		0x00020216
#define RNDIS_OID_802_3_PERMANENT_ADDRESS	0x01010101
#define RNDIS_OID_802_3_CURRENT_ADDRESS		0x01010102
#define RNDIS_OID_802_3_MULTICAST_LIST		0x01010103
#define RNDIS_OID_802_3_MAXIMUM_LIST_SIZE	0x01010104
#define RNDIS_OID_OFFLOAD_ENCAPSULATION		0x0101010a
#define RNDIS_OID_TCP_OFFLOAD_CURRENT_CONFIG	0xfc01020b
#define RNDIS_OID_TCP_OFFLOAD_PARAMETERS	0xfc01020c
#define RNDIS_OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES 0xfc01020d

/* MEDIA_CONNECT_STATUS */
#define RNDIS_MEDIA_CONNECTED		0
#define RNDIS_MEDIA_DISCONNECTED	1

/* CURRENT_PACKET_FILTER bits (LR RNDIS_PACKET_TYPE_*, OV NDIS_PACKET_TYPE_*). */
#define RNDIS_FILTER_DIRECTED		0x00000001
#define RNDIS_FILTER_MULTICAST		0x00000002
#define RNDIS_FILTER_ALL_MULTICAST	0x00000004
#define RNDIS_FILTER_BROADCAST		0x00000008
#define RNDIS_FILTER_PROMISCUOUS	0x00000020

/*
 * FRIENDLY_NAME: UTF-16LE, 255 characters and a terminator (OV struct
 * FriendlyName). LINK_SPEED counts in units of 100 bit/s.
 */
#define RNDIS_FRIENDLY_NAME_CHARS	256

/*
 * RNDIS_CONFIG_PARAMETER (set): name and value at offsets from the start
 * of this struct, in bytes; strings are UTF-16LE. Linux sets the MAC
 * address as "NetworkAddress" with a 12-hex-digit string (L
 * rndis_filter_set_device_mac()).
 */
struct rndis_config_param {
	u32 name_offset;
	u32 name_len;
	u32 type;
	u32 value_offset;
	u32 value_len;
} __packed;

HV_ASSERT_SIZE(struct rndis_config_param, 20);

#define RNDIS_CONFIG_PARAM_INTEGER	0
#define RNDIS_CONFIG_PARAM_STRING	2

/* ------------------------------------------------------------------ */
/* NDIS objects                                                        */
/* ------------------------------------------------------------------ */

struct ndis_obj_header {
	u8 type;
	u8 revision;
	u16 size;
} __packed;

HV_ASSERT_SIZE(struct ndis_obj_header, 4);

#define NDIS_OBJ_TYPE_DEFAULT		0x80
#define NDIS_OBJ_TYPE_RSS_CAPABILITIES	0x88
#define NDIS_OBJ_TYPE_RSS_PARAMETERS	0x89
#define NDIS_OBJ_TYPE_OFFLOAD		0xa7
#define NDIS_OBJ_TYPE_OFFLOAD_ENCAP	0xa8

/*
 * NDIS_OFFLOAD (TCP_OFFLOAD_HARDWARE_CAPABILITIES, _CURRENT_CONFIG).
 * Revision 1 (NDIS 6.0) ends after flags, 2 (6.1) after ipsecv2, 3
 * (6.30) after encap_gre (L NDIS_OFFLOAD_SIZE_6_0/_6_1/NDIS_OFFLOAD_SIZE;
 * OV NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_1/_3, 112 and 156). Linux asks for
 * revision 3 from NVSP 5, 2 at 4 and 1 below.
 */
struct ndis_csum_offload {
	u32 ip4_tx_encap;
	u32 ip4_tx;
	u32 ip4_rx_encap;
	u32 ip4_rx;
	u32 ip6_tx_encap;
	u32 ip6_tx;
	u32 ip6_rx_encap;
	u32 ip6_rx;
} __packed;

HV_ASSERT_SIZE(struct ndis_csum_offload, 32);

/*
 * Checksum capability flags: 2-bit fields (OV Ipv4ChecksumOffload) each
 * set to 1, "supported" (L NDIS_TXCSUM_CAP_*, NDIS_RXCSUM_CAP_*).
 */
#define NDIS_CSUM_CAP_IP4_OPTIONS	0x001
#define NDIS_CSUM_CAP_TCP_OPTIONS	0x004
#define NDIS_CSUM_CAP_TCP		0x010
#define NDIS_CSUM_CAP_UDP		0x040
#define NDIS_CSUM_CAP_IP4		0x100
#define NDIS_CSUM_CAP_IP6_EXT		0x001	/* IPv6's first field */

/* Encapsulation: IEEE 802.3 (L NDIS_OFFLOAD_ENCAP_8023; OV). */
#define NDIS_ENCAP_IEEE_802_3		0x00000002

struct ndis_lsov2_offload {
	u32 ip4_encap;
	u32 ip4_max_size;
	u32 ip4_min_segs;
	u32 ip6_encap;
	u32 ip6_max_size;
	u32 ip6_min_segs;
	u32 ip6_opts;		/* NDIS_LSOV2_IP6_* */
} __packed;

HV_ASSERT_SIZE(struct ndis_lsov2_offload, 28);

#define NDIS_LSOV2_IP6_EXT		0x001
#define NDIS_LSOV2_IP6_TCP_OPTIONS	0x004
/* OpenVMM's limits: 0xf53c bytes (62780), at least 2 segments. */
#define NDIS_LSO_MAX_SIZE		0xf53c
#define NDIS_LSO_MIN_SEGS		2

struct ndis_offload {
	struct ndis_obj_header header;
	struct ndis_csum_offload csum;
	u32 lsov1[4];
	u32 ipsecv1[7];
	struct ndis_lsov2_offload lsov2;
	u32 flags;
	/* revision 2 (NDIS 6.1) */
	u32 ipsecv2[8];
	/* revision 3 (NDIS 6.30) */
	u8 rsc_ip4;
	u8 rsc_ip6;
	u8 reserved[2];
	u32 encap_gre[2];
} __packed;

#define NDIS_OFFLOAD_SIZE_REV1		offsetof(struct ndis_offload, ipsecv2)
#define NDIS_OFFLOAD_SIZE_REV2		offsetof(struct ndis_offload, rsc_ip4)
#define NDIS_OFFLOAD_SIZE_REV3		sizeof(struct ndis_offload)

HV_ASSERT_OFFSET(struct ndis_offload, csum, 4);
HV_ASSERT_OFFSET(struct ndis_offload, lsov2, 80);
HV_ASSERT_OFFSET(struct ndis_offload, rsc_ip4, 144);
static_assert(NDIS_OFFLOAD_SIZE_REV1 == 112, "NDIS 6.0 offload size");
static_assert(NDIS_OFFLOAD_SIZE_REV2 == 144, "NDIS 6.1 offload size");
static_assert(NDIS_OFFLOAD_SIZE_REV3 == 156, "NDIS 6.30 offload size");

/*
 * NDIS_OFFLOAD_PARAMETERS (TCP_OFFLOAD_PARAMETERS, set). Revision 1 is 20
 * bytes (OV NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_1), revision 2 adds
 * the two IPsec v2 bytes (22, L VERSION_4_OFFLOAD_SIZE, what Linux sends
 * up to NVSP 4), revision 3 the RSC and encapsulation bytes: 26, MS
 * NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_3 "through EncapsulationTypes"
 * (Linux sends sizeof its unpacked struct, 28). Linux's struct is not
 * packed: flags sits at 16 after a pad byte, which OV names reserved.
 */
struct ndis_offload_params {
	struct ndis_obj_header header;
	u8 ip4_csum;
	u8 tcp4_csum;
	u8 udp4_csum;
	u8 tcp6_csum;
	u8 udp6_csum;
	u8 lsov1;
	u8 ipsecv1;
	u8 lsov2_ip4;
	u8 lsov2_ip6;
	u8 tcp_conn_ip4;
	u8 tcp_conn_ip6;
	u8 reserved;
	u32 flags;
	/* revision 2 */
	u8 ipsecv2;
	u8 ipsecv2_ip4;
	/* revision 3 */
	u8 rsc_ip4;
	u8 rsc_ip6;
	u8 encap_offload;
	u8 encap_types;
	u8 pad[2];
} __packed;

HV_ASSERT_OFFSET(struct ndis_offload_params, flags, 16);
HV_ASSERT_OFFSET(struct ndis_offload_params, rsc_ip4, 22);
HV_ASSERT_SIZE(struct ndis_offload_params, 28);

#define NDIS_OFFLOAD_PARAMS_SIZE_REV1	20
#define NDIS_OFFLOAD_PARAMS_SIZE_REV2	22
#define NDIS_OFFLOAD_PARAMS_SIZE_REV3	26

/* Checksum fields of the parameters (L, OV OffloadParametersChecksum). */
#define NDIS_OFFLOAD_PARAM_NO_CHANGE	0
#define NDIS_OFFLOAD_PARAM_TX_RX_OFF	1
#define NDIS_OFFLOAD_PARAM_TX_ON_RX_OFF	2
#define NDIS_OFFLOAD_PARAM_RX_ON_TX_OFF	3
#define NDIS_OFFLOAD_PARAM_TX_RX_ON	4
/* LSO and RSC fields (OffloadParametersSimple). */
#define NDIS_OFFLOAD_PARAM_OFF		1
#define NDIS_OFFLOAD_PARAM_ON		2

/* NDIS_OFFLOAD_ENCAPSULATION (OV NdisOffloadEncapsulation, 28 bytes). */
struct ndis_offload_encap {
	struct ndis_obj_header header;
	u32 ip4_enabled;
	u32 ip4_encap_type;
	u32 ip4_header_size;
	u32 ip6_enabled;
	u32 ip6_encap_type;
	u32 ip6_header_size;
} __packed;

HV_ASSERT_SIZE(struct ndis_offload_encap, 28);

/*
 * NDIS_RECEIVE_SCALE_CAPABILITIES, revision 2 (18 bytes: L struct
 * ndis_recv_scale_cap, packed; OV NDIS_SIZEOF_..._REVISION_2). The guest
 * uses num_recv_que and, when 1..256, num_indirect_tabent.
 */
struct ndis_rss_caps {
	struct ndis_obj_header header;
	u32 cap_flags;
	u32 num_int_msg;
	u32 num_recv_que;
	u16 num_indirect_tabent;
} __packed;

HV_ASSERT_SIZE(struct ndis_rss_caps, 18);

#define NDIS_RSS_CAPS_REV2		2
#define NDIS_RSS_CAPS_HASH_TCP_IPV4	0x00000100
#define NDIS_RSS_CAPS_HASH_TCP_IPV6	0x00000200

/*
 * NDIS_RECEIVE_SCALE_PARAMETERS, revision 2 (40 bytes; L and OV agree on
 * the natural alignment, pads included). Table (u32 entries, queue
 * numbers) and key at offsets from the start of this struct.
 */
struct ndis_rss_params {
	struct ndis_obj_header header;
	u16 flags;
	u16 base_cpu;
	u32 hash_info;
	u16 table_size;		/* bytes */
	u16 pad0;
	u32 table_offset;
	u16 key_size;
	u16 pad1;
	u32 key_offset;
	u32 proc_masks_offset;
	u32 num_proc_masks;
	u32 proc_masks_entry_size;
} __packed;

HV_ASSERT_SIZE(struct ndis_rss_params, 40);
HV_ASSERT_OFFSET(struct ndis_rss_params, table_offset, 16);
HV_ASSERT_OFFSET(struct ndis_rss_params, key_offset, 24);

#define NDIS_RSS_PARAM_FLAG_DISABLE	0x0010
#define NDIS_RSS_KEY_SIZE		40

/*
 * hash_info: the function in the low byte (1 = Toeplitz) and the hash
 * types (OV NDIS_HASH_*; L has the first six).
 */
#define NDIS_HASH_FUNC_MASK		0x000000ff
#define NDIS_HASH_FUNC_TOEPLITZ		0x00000001
#define NDIS_HASH_IPV4			0x00000100
#define NDIS_HASH_TCP_IPV4		0x00000200
#define NDIS_HASH_IPV6			0x00000400
#define NDIS_HASH_IPV6_EX		0x00000800
#define NDIS_HASH_TCP_IPV6		0x00001000
#define NDIS_HASH_TCP_IPV6_EX		0x00002000
#define NDIS_HASH_UDP_IPV4		0x00004000
#define NDIS_HASH_UDP_IPV6		0x00008000

#endif /* HV_SIM_NETVSP_PROTO_H */
