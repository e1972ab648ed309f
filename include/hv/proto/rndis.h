/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RNDIS as Hyper-V's netvsp speaks it inside NVSP_MSG1_SEND_RNDIS_PKT
 * messages (nvsp.h), and the NDIS structures carried in its OIDs and
 * per-packet information.
 *
 * Every RNDIS message is struct rndis_hdr (type, total length) and the
 * body of its type. Offsets inside a body (data, per-packet info, OID
 * information buffers, status buffers) count from the start of the body,
 * i.e. from the byte after the 8-byte header; offsets inside a
 * per-packet info count from the start of that info.
 *
 * Wire fields are little-endian; the packed bit fields of NDIS (checksum,
 * LSO and VLAN infos) are given as masks, not C bit-fields, because the
 * layout of C bit-fields is the compiler's choice.
 *
 * Sources, for the whole file unless a definition names others:
 *  [L]  Debian linux-source-6.12, include/linux/rndis.h (message types,
 *       status codes, OIDs) and drivers/net/hyperv/hyperv_net.h
 *       (message bodies, NDIS objects, per-packet info);
 *  [O]  microsoft/openvmm vm/devices/net/netvsp/src/rndisprot.rs (the
 *       host side);
 *  [F]  FreeBSD sys/net/rndis.h and sys/dev/hyperv/netvsc/ndis.h.
 * Where they disagree the comment says so.
 */
#ifndef _HV_PROTO_RNDIS_H
#define _HV_PROTO_RNDIS_H

#include "types.h"

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

/*
 * Message types; a completion is its request's type with bit 31 set.
 * Source: [L] RNDIS_MSG_*; [O] MESSAGE_TYPE_*; [F] REMOTE_NDIS_*.
 * SET_EX is in [O] only.
 */
#define RNDIS_MSG_PACKET		0x00000001
#define RNDIS_MSG_INIT			0x00000002
#define RNDIS_MSG_HALT			0x00000003
#define RNDIS_MSG_QUERY			0x00000004
#define RNDIS_MSG_SET			0x00000005
#define RNDIS_MSG_RESET			0x00000006
#define RNDIS_MSG_INDICATE		0x00000007
#define RNDIS_MSG_KEEPALIVE		0x00000008
#define RNDIS_MSG_SET_EX		0x00000009
#define RNDIS_MSG_COMPLETION		0x80000000
#define RNDIS_MSG_INIT_C		(RNDIS_MSG_INIT | RNDIS_MSG_COMPLETION)
#define RNDIS_MSG_QUERY_C		(RNDIS_MSG_QUERY | RNDIS_MSG_COMPLETION)
#define RNDIS_MSG_SET_C			(RNDIS_MSG_SET | RNDIS_MSG_COMPLETION)
#define RNDIS_MSG_RESET_C		(RNDIS_MSG_RESET | RNDIS_MSG_COMPLETION)
#define RNDIS_MSG_KEEPALIVE_C		(RNDIS_MSG_KEEPALIVE | RNDIS_MSG_COMPLETION)

/* RNDIS version the guest asks for in INIT. Source: [L], [O], [F]. */
#define RNDIS_MAJOR_VERSION		1
#define RNDIS_MINOR_VERSION		0

/*
 * Status codes (NDIS_STATUS): of completions, and as the event of an
 * INDICATE message. NETWORK_CHANGE is in [L] and [F], not in [O].
 * Source: [L] RNDIS_STATUS_*; [O] STATUS_*; [F] RNDIS_STATUS_*.
 */
#define RNDIS_STATUS_SUCCESS		0x00000000
#define RNDIS_STATUS_PENDING		0x00000103
#define RNDIS_STATUS_MEDIA_CONNECT	0x4001000b
#define RNDIS_STATUS_MEDIA_DISCONNECT	0x4001000c
#define RNDIS_STATUS_LINK_SPEED_CHANGE	0x40010013
#define RNDIS_STATUS_NETWORK_CHANGE	0x40010018
#define RNDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG 0x40020006
#define RNDIS_STATUS_BUFFER_OVERFLOW	0x80000005
#define RNDIS_STATUS_FAILURE		0xc0000001
#define RNDIS_STATUS_RESOURCES		0xc000009a
#define RNDIS_STATUS_NOT_SUPPORTED	0xc00000bb
#define RNDIS_STATUS_INVALID_LENGTH	0xc0010014
#define RNDIS_STATUS_INVALID_DATA	0xc0010015
#define RNDIS_STATUS_INVALID_OID	0xc0010017

/* Every message. len counts from the first byte of type. */
struct rndis_hdr {
	u32 type;		/* RNDIS_MSG_* */
	u32 len;
} __packed;

HV_ASSERT_SIZE(struct rndis_hdr, 8);

/*
 * INIT: the guest's RNDIS version and largest message ([L] sends
 * 0x4000). Source: [L] struct rndis_initialize_request; [O]
 * InitializeRequest; [F] struct rndis_init_req.
 */
struct rndis_init_req {
	u32 req_id;
	u32 major;
	u32 minor;
	u32 max_xfer_size;
} __packed;

HV_ASSERT_SIZE(struct rndis_init_req, 16);

/*
 * INIT completion. The guest uses status, max_pkts_per_msg (how many
 * RNDIS data messages one send-buffer section may batch) and
 * pkt_align_shift (each batched message is padded to 1 << it; [O]
 * answers 8 and 3). [F] accepts a completion without af_list_size
 * (RNDIS_INIT_COMP_SIZE_MIN).
 * Source: [L] struct rndis_initialize_complete, rndis_filter_init_device();
 * [O] InitializeComplete and its use in lib.rs; [F] struct rndis_init_comp.
 */
struct rndis_init_complete {
	u32 req_id;
	u32 status;
	u32 major;
	u32 minor;
	u32 dev_flags;
	u32 medium;
	u32 max_pkts_per_msg;
	u32 max_xfer_size;
	u32 pkt_align_shift;
	u32 af_list_offset;
	u32 af_list_size;
} __packed;

HV_ASSERT_SIZE(struct rndis_init_complete, 44);
HV_ASSERT_OFFSET(struct rndis_init_complete, status, 4);
HV_ASSERT_OFFSET(struct rndis_init_complete, max_pkts_per_msg, 24);
HV_ASSERT_OFFSET(struct rndis_init_complete, pkt_align_shift, 32);

/* HALT (no completion). Source: [L], [O], [F]. */
struct rndis_halt_req {
	u32 req_id;
} __packed;

HV_ASSERT_SIZE(struct rndis_halt_req, 4);

/*
 * QUERY and SET requests: the OID and an information buffer of info_len
 * bytes at info_offset (from the start of this body; the guest puts it
 * right after, at 20). For a QUERY the buffer may carry the object
 * header of the structure asked for.
 * Source: [L] struct rndis_query_request, rndis_set_request; [O]
 * QueryRequest, SetRequest; [F] struct rndis_query_req, rndis_set_req,
 * RNDIS_QUERY_REQ_INFOBUFOFFSET.
 */
struct rndis_oid_req {
	u32 req_id;
	u32 oid;
	u32 info_len;
	u32 info_offset;
	u32 dev_vc_handle;
} __packed;

HV_ASSERT_SIZE(struct rndis_oid_req, 20);

/*
 * QUERY completion: info_len bytes of answer at info_offset from the
 * start of this body, which must lie inside the message.
 * Source: [L] struct rndis_query_complete, rndis_filter_query_device();
 * [O] QueryComplete; [F] struct rndis_query_comp,
 * RNDIS_QUERY_COMP_INFOBUFOFFSET_ABS.
 */
struct rndis_query_complete {
	u32 req_id;
	u32 status;
	u32 info_len;
	u32 info_offset;
} __packed;

HV_ASSERT_SIZE(struct rndis_query_complete, 16);

/* SET and KEEPALIVE completions. Source: [L], [O], [F]. */
struct rndis_set_complete {
	u32 req_id;
	u32 status;
} __packed;

HV_ASSERT_SIZE(struct rndis_set_complete, 8);

/*
 * RESET completion: the only completion without a request id.
 * Source: [L] struct rndis_reset_complete; [O] ResetComplete; [F]
 * struct rndis_reset_comp.
 */
struct rndis_reset_complete {
	u32 status;
	u32 addressing_reset;
} __packed;

HV_ASSERT_SIZE(struct rndis_reset_complete, 8);

/*
 * INDICATE (host): an event (RNDIS_STATUS_*) with an optional buffer of
 * buf_len bytes at buf_offset from the start of this body. For
 * LINK_SPEED_CHANGE the buffer holds the speed in 100 bit/s units.
 * [L] notes that old vSwitches left the status buffer out of the
 * message length and so checks it against the transfer range instead.
 * Source: [L] struct rndis_indicate_status, netvsc_linkstatus_callback();
 * [O] IndicateStatus; [F] struct rndis_status_msg.
 */
struct rndis_indicate {
	u32 status;
	u32 buf_len;
	u32 buf_offset;
} __packed;

HV_ASSERT_SIZE(struct rndis_indicate, 12);

/*
 * PACKET (data, both ways): data_len bytes of Ethernet frame at
 * data_offset, per-packet info records (ppi_len bytes) at ppi_offset,
 * all from the start of this body. Out-of-band data is not used by
 * Hyper-V. [F] wants offsets of at least the body size
 * (RNDIS_PACKET_MSG_OFFSET_MIN) and 4-byte aligned.
 * Source: [L] struct rndis_packet; [O] Packet; [F] struct
 * rndis_packet_msg.
 */
struct rndis_packet {
	u32 data_offset;
	u32 data_len;
	u32 oob_offset;
	u32 oob_len;
	u32 num_oob;
	u32 ppi_offset;
	u32 ppi_len;
	u32 vc_handle;
	u32 reserved;
} __packed;

HV_ASSERT_SIZE(struct rndis_packet, 36);
HV_ASSERT_OFFSET(struct rndis_packet, ppi_offset, 20);

/* A whole data message header, as the guest builds it. */
struct rndis_packet_msg {
	struct rndis_hdr hdr;
	struct rndis_packet pkt;
} __packed;

HV_ASSERT_SIZE(struct rndis_packet_msg, 44);

/* ------------------------------------------------------------------ */
/* Per-packet information                                              */
/* ------------------------------------------------------------------ */

/*
 * One per-packet info record: size bytes in all (this header
 * included), the value at offset from the record's start. Bit 31 of
 * type marks Hyper-V's internal types. Records follow each other.
 * Source: [L] struct rndis_per_packet_info (type:31, internal:1); [O]
 * PerPacketInfo ("high bit means internal"); [F] struct rndis_pktinfo,
 * RNDIS_PKTINFO_SIZE_ALIGN (4).
 */
struct rndis_ppi {
	u32 size;
	u32 type;
	u32 offset;
} __packed;

HV_ASSERT_SIZE(struct rndis_ppi, 12);

#define RNDIS_PPI_INTERNAL		0x80000000u

/*
 * Record types. HASH_VALUE shares 8 with NDIS' packet cancel id ([F]
 * NDIS_PKTINFO_TYPE_PKT_CANCELID, used as the hash value).
 * Source: [L] enum ndis_per_pkt_info_type; [O] PPI_TCP_IP_CHECKSUM,
 * PPI_LSO; [F] NDIS_PKTINFO_TYPE_*, HN_NDIS_PKTINFO_TYPE_HASHVAL.
 */
#define RNDIS_PPI_CSUM			0
#define RNDIS_PPI_IPSEC			1
#define RNDIS_PPI_LSO			2
#define RNDIS_PPI_CLASSIFICATION	3
#define RNDIS_PPI_SG_LIST		5
#define RNDIS_PPI_VLAN			6
#define RNDIS_PPI_ORIGINAL		7
#define RNDIS_PPI_HASH_VALUE		8
#define RNDIS_PPI_HASH_INFO		9
#define RNDIS_PPI_CACHED_NBL		10
#define RNDIS_PPI_SHORT_PAD		11

/*
 * Internal type 1 (with RNDIS_PPI_INTERNAL): the packet id, which marks
 * the ranges of one transfer-page packet that hold the fragments of one
 * coalesced (RSC) frame: SUBALLOC on each, FIRST and LAST on the ends.
 * Source: [L] RNDIS_PKTINFO_ID, RNDIS_PKTINFO_SUBALLOC/1ST_FRAG/LAST_FRAG,
 * struct rndis_pktinfo_id; [O] PacketIdInfo, PACKET_INFO_ID,
 * PACKET_INFO_FLAGS_MULTI_SUBALLOC*.
 */
#define RNDIS_PPI_PKT_ID		1

struct rndis_pkt_id {
	u8 version;		/* RNDIS_PKT_ID_V1 */
	u8 flags;		/* RNDIS_PKT_ID_* */
	u16 id;
} __packed;

HV_ASSERT_SIZE(struct rndis_pkt_id, 4);

#define RNDIS_PKT_ID_V1			1
#define RNDIS_PKT_ID_SUBALLOC		0x01
#define RNDIS_PKT_ID_FIRST		0x02
#define RNDIS_PKT_ID_LAST		0x04

/*
 * Checksum info (u32), sent: what to compute and where the transport
 * header starts (bits 16-25).
 * Source: [L] ndis_tcp_ip_checksum_info.transmit; [O] TxTcpIpChecksumInfo;
 * [F] NDIS_TXCSUM_INFO_*.
 */
#define NDIS_TXCSUM_IPV4		0x00000001
#define NDIS_TXCSUM_IPV6		0x00000002
#define NDIS_TXCSUM_TCP			0x00000004
#define NDIS_TXCSUM_UDP			0x00000008
#define NDIS_TXCSUM_IP			0x00000010
#define NDIS_TXCSUM_THOFF_SHIFT		16
#define NDIS_TXCSUM_THOFF_MASK		0x03ff0000

/*
 * Checksum info, received: what the host verified. IP_VALUE_INVALID with
 * IP_OK: the IP header checksum is right for the frame as sent but not
 * recomputed after coalescing ([L] recomputes it).
 * Source: [L] ndis_tcp_ip_checksum_info.receive; [O] RxTcpIpChecksumInfo;
 * [F] NDIS_RXCSUM_INFO_*.
 */
#define NDIS_RXCSUM_TCP_FAILED		0x0001
#define NDIS_RXCSUM_UDP_FAILED		0x0002
#define NDIS_RXCSUM_IP_FAILED		0x0004
#define NDIS_RXCSUM_TCP_OK		0x0008
#define NDIS_RXCSUM_UDP_OK		0x0010
#define NDIS_RXCSUM_IP_OK		0x0020
#define NDIS_RXCSUM_LOOPBACK		0x0040
#define NDIS_RXCSUM_TCP_VALUE_INVALID	0x0080
#define NDIS_RXCSUM_IP_VALUE_INVALID	0x0100

/*
 * LSO v2 info (u32), sent: MSS (bits 0-19), transport header offset
 * (bits 20-29), type (bit 30: 1 = LSO v2), IPv6 (bit 31).
 * Source: [L] ndis_tcp_lso_info.lso_v2_transmit,
 * NDIS_TCP_LARGE_SEND_OFFLOAD_V2_TYPE; [O] TcpLsoInfo; [F]
 * NDIS_LSO2_INFO_*.
 */
#define NDIS_LSO2_MSS_MASK		0x000fffff
#define NDIS_LSO2_THOFF_SHIFT		20
#define NDIS_LSO2_THOFF_MASK		0x3ff00000
#define NDIS_LSO2_TYPE_V2		0x40000000
#define NDIS_LSO2_IPV6			0x80000000

/*
 * 802.1Q info (u32): priority (bits 0-2), CFI (bit 3), VLAN id
 * (bits 4-15).
 * Source: [L] struct ndis_pkt_8021q_info; [F] NDIS_VLAN_INFO_*.
 */
#define NDIS_VLAN_PRI_MASK		0x0007
#define NDIS_VLAN_CFI			0x0008
#define NDIS_VLAN_ID_SHIFT		4
#define NDIS_VLAN_ID_MASK		0xfff0

/* ------------------------------------------------------------------ */
/* OIDs                                                                */
/* ------------------------------------------------------------------ */

/*
 * The OIDs a guest queries or sets. Source: [L] include/linux/rndis.h
 * RNDIS_OID_*, hyperv_net.h OID_*; [O] enum Oid; [F] OID_* (no
 * FRIENDLY_NAME).
 */
#define RNDIS_OID_GEN_MAXIMUM_FRAME_SIZE	0x00010106
#define RNDIS_OID_GEN_LINK_SPEED		0x00010107
#define RNDIS_OID_GEN_CURRENT_PACKET_FILTER	0x0001010e
#define RNDIS_OID_GEN_MEDIA_CONNECT_STATUS	0x00010114
#define RNDIS_OID_GEN_RSS_CAPABILITIES		0x00010203
#define RNDIS_OID_GEN_RSS_PARAMETERS		0x00010204
#define RNDIS_OID_GEN_RNDIS_CONFIG_PARAMETER	0x0001021b
#define RNDIS_OID_GEN_FRIENDLY_NAME		0x00020216
#define RNDIS_OID_802_3_PERMANENT_ADDRESS	0x01010101
#define RNDIS_OID_802_3_CURRENT_ADDRESS		0x01010102
#define RNDIS_OID_TCP_OFFLOAD_PARAMETERS	0xfc01020c
#define RNDIS_OID_TCP_OFFLOAD_HW_CAPS		0xfc01020d

/*
 * MEDIA_CONNECT_STATUS answer (u32). Source: [L] RNDIS_MEDIA_STATE_*;
 * [O] MEDIA_STATE_*; [F] NDIS_MEDIA_STATE_*.
 */
#define RNDIS_MEDIA_CONNECTED		0
#define RNDIS_MEDIA_DISCONNECTED	1

/*
 * FRIENDLY_NAME answer: UCS-2, at most 255 characters and a NUL ([O]
 * struct FriendlyName, 512 bytes; [L] offers a 512-byte buffer). A
 * name equal to RNDIS_DEFAULT_FRIENDLY_NAME is the host's default and
 * not used as the interface alias ([L] rndis_get_friendly_name()).
 */
#define RNDIS_FRIENDLY_NAME_SIZE	512
#define RNDIS_DEFAULT_FRIENDLY_NAME	"Network Adapter"

/*
 * CURRENT_PACKET_FILTER value (u32). Source: [L] NDIS_PACKET_TYPE_*;
 * [F] NDIS_PACKET_TYPE_* (both agree on the bits used here; they differ
 * on the token-ring GROUP bits, unused).
 */
#define NDIS_PACKET_TYPE_DIRECTED	0x00000001
#define NDIS_PACKET_TYPE_MULTICAST	0x00000002
#define NDIS_PACKET_TYPE_ALL_MULTICAST	0x00000004
#define NDIS_PACKET_TYPE_BROADCAST	0x00000008
#define NDIS_PACKET_TYPE_PROMISCUOUS	0x00000020

/*
 * RNDIS_CONFIG_PARAMETER set: a named parameter, both name and value
 * UTF-16 without NUL, at offsets from the start of this struct. The MAC
 * is set as the string parameter "NetworkAddress" of 12 hex digits.
 * Source: [L] struct rndis_config_parameter_info,
 * rndis_filter_set_device_mac(); [O] ConfigParameterInfo; [F] struct
 * rndis_set_parameter.
 */
struct rndis_config_param {
	u32 name_offset;
	u32 name_len;
	u32 type;		/* RNDIS_CONFIG_PARAM_* */
	u32 value_offset;
	u32 value_len;
} __packed;

HV_ASSERT_SIZE(struct rndis_config_param, 20);

#define RNDIS_CONFIG_PARAM_INTEGER	0
#define RNDIS_CONFIG_PARAM_STRING	2
#define RNDIS_CONFIG_NETWORK_ADDRESS	"NetworkAddress"

/* ------------------------------------------------------------------ */
/* NDIS objects                                                        */
/* ------------------------------------------------------------------ */

/* Header of every NDIS object. Source: [L], [O], [F]. */
struct ndis_object_header {
	u8 type;		/* NDIS_OBJECT_TYPE_* */
	u8 revision;
	u16 size;		/* this header included */
} __packed;

HV_ASSERT_SIZE(struct ndis_object_header, 4);

#define NDIS_OBJECT_TYPE_DEFAULT	0x80
#define NDIS_OBJECT_TYPE_RSS_CAPS	0x88
#define NDIS_OBJECT_TYPE_RSS_PARAMS	0x89
#define NDIS_OBJECT_TYPE_OFFLOAD	0xa7

/*
 * TCP_OFFLOAD_HW_CAPS answer (NDIS_OFFLOAD). The guest asks with a
 * header of revision 1 (6.0 size, 112 bytes) for NVSP below 4, 2 (6.1,
 * 144) for NVSP 4 and 3 (6.30, 156) above.
 * [F] disagrees on the 6.1 part: it gives the IPsec v2 flags and the
 * RSC pair as u16 where [L] has u8 (NDIS' BOOLEAN), which would move rsc
 * to byte 156. [O] has the 6.30 size as 156 like [L], but one RSC byte
 * (its byte 145 is reserved) where [L] reads two; [L] offers LRO only
 * when both are set.
 * Source: [L] struct ndis_offload and sub-structs, NDIS_OFFLOAD_SIZE*,
 * rndis_filter_query_device(); [O] NdisOffload,
 * NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_1/3 (112, 156); [F] struct
 * ndis_offload.
 */
struct ndis_csum_offload {
	u32 ip4_tx_encap;
	u32 ip4_tx_csum;	/* NDIS_TXCSUM_CAP_* */
	u32 ip4_rx_encap;
	u32 ip4_rx_csum;
	u32 ip6_tx_encap;
	u32 ip6_tx_csum;
	u32 ip6_rx_encap;
	u32 ip6_rx_csum;
} __packed;

HV_ASSERT_SIZE(struct ndis_csum_offload, 32);

/*
 * Checksum capability bits: each NDIS capability is a 2-bit field whose
 * low bit says "supported" ([O] Ipv4ChecksumOffload, #[bits(2)]).
 * Source: [L] NDIS_TXCSUM_CAP_*, NDIS_RXCSUM_CAP_*; [F] the same names.
 */
#define NDIS_CSUM_CAP_IP_OPTIONS	0x001	/* IPv6: extension headers */
#define NDIS_CSUM_CAP_TCP_OPTIONS	0x004
#define NDIS_CSUM_CAP_TCP		0x010
#define NDIS_CSUM_CAP_UDP		0x040
#define NDIS_CSUM_CAP_IP		0x100	/* IPv4 only */

/* Encapsulations (u32 bit set) of the offload caps. Source: [L], [F]. */
#define NDIS_OFFLOAD_ENCAP_NONE		0x0000
#define NDIS_OFFLOAD_ENCAP_NULL		0x0001
#define NDIS_OFFLOAD_ENCAP_8023		0x0002

struct ndis_lsov2_offload {
	u32 ip4_encap;
	u32 ip4_max_size;
	u32 ip4_min_segs;
	u32 ip6_encap;
	u32 ip6_max_size;
	u32 ip6_min_segs;
	u32 ip6_opts;		/* NDIS_LSOV2_CAP_* */
} __packed;

HV_ASSERT_SIZE(struct ndis_lsov2_offload, 28);

#define NDIS_LSOV2_CAP_IP6_EXT		0x001
#define NDIS_LSOV2_CAP_TCP6_OPTIONS	0x004

struct ndis_offload {
	struct ndis_object_header header;
	struct ndis_csum_offload csum;
	u32 lsov1[4];		/* encap, max size, min segments, options */
	u32 ipsecv1[7];
	struct ndis_lsov2_offload lsov2;
	u32 flags;
	/* NDIS 6.1 */
	u32 ipsecv2_encap;
	u8 ipsecv2_flags[11];
	u8 reserved1;
	u32 ipsecv2_udp_esp;
	u32 ipsecv2_auth;
	u32 ipsecv2_crypto;
	u32 ipsecv2_sa_caps;
	/* NDIS 6.30 */
	u8 rsc_ip4;
	u8 rsc_ip6;
	u8 reserved2[2];
	u32 encap_gre_flags;
	u32 encap_gre_max_header;
} __packed;

#define NDIS_OFFLOAD_SIZE_6_0		112
#define NDIS_OFFLOAD_SIZE_6_1		144
#define NDIS_OFFLOAD_SIZE		156
#define NDIS_OFFLOAD_REVISION_1		1	/* NDIS 6.0 */
#define NDIS_OFFLOAD_REVISION_2		2	/* NDIS 6.1 */
#define NDIS_OFFLOAD_REVISION_3		3	/* NDIS 6.30 */

HV_ASSERT_SIZE(struct ndis_offload, NDIS_OFFLOAD_SIZE);
HV_ASSERT_OFFSET(struct ndis_offload, csum, 4);
HV_ASSERT_OFFSET(struct ndis_offload, lsov2, 80);
HV_ASSERT_OFFSET(struct ndis_offload, ipsecv2_encap, NDIS_OFFLOAD_SIZE_6_0);
HV_ASSERT_OFFSET(struct ndis_offload, rsc_ip4, NDIS_OFFLOAD_SIZE_6_1);
HV_ASSERT_OFFSET(struct ndis_offload, rsc_ip6, 145);
HV_ASSERT_OFFSET(struct ndis_offload, encap_gre_flags, 148);

/*
 * TCP_OFFLOAD_PARAMETERS set (NDIS_OFFLOAD_PARAMETERS): what the guest
 * turns on. 0 leaves a setting as it is. The u32 flags word is 4-byte
 * aligned (byte 15 is padding). [L] sends revision 3 with size 28 from
 * NVSP 5, and 22 bytes (up to and without rsc) for NVSP 4 and below,
 * where it also leaves UDP checksums alone; [F] sends revision 2 with 22
 * bytes for NDIS 6.1. [O] calls the first 20 bytes revision 1.
 * Source: [L] struct ndis_offload_params, VERSION_4_OFFLOAD_SIZE,
 * rndis_filter_set_offload_params(); [O] NdisOffloadParameters,
 * NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_1; [F] struct
 * ndis_offload_params, NDIS_OFFLOAD_PARAMS_SIZE_6_1.
 */
struct ndis_offload_params {
	struct ndis_object_header header;
	u8 ip4_csum;		/* NDIS_OFFLOAD_PARAM_* (TX_RX ...) */
	u8 tcp4_csum;
	u8 udp4_csum;
	u8 tcp6_csum;
	u8 udp6_csum;
	u8 lsov1;
	u8 ipsecv1;
	u8 lsov2_ip4;		/* NDIS_OFFLOAD_PARAM_LSOV2_* */
	u8 lsov2_ip6;
	u8 tcp_conn_ip4;
	u8 tcp_conn_ip6;
	u8 reserved;
	u32 flags;
	/* NDIS 6.1 */
	u8 ipsecv2;
	u8 ipsecv2_ip4;
	/* NDIS 6.30 */
	u8 rsc_ip4;		/* NDIS_OFFLOAD_PARAM_RSC_* */
	u8 rsc_ip6;
	u8 encap;
	u8 encap_types;
	u8 reserved2[2];
} __packed;

#define NDIS_OFFLOAD_PARAMS_SIZE	28
#define NDIS_OFFLOAD_PARAMS_SIZE_6_1	22
#define NDIS_OFFLOAD_PARAMS_REVISION_2	2
#define NDIS_OFFLOAD_PARAMS_REVISION_3	3

HV_ASSERT_SIZE(struct ndis_offload_params, NDIS_OFFLOAD_PARAMS_SIZE);
HV_ASSERT_OFFSET(struct ndis_offload_params, lsov2_ip4, 11);
HV_ASSERT_OFFSET(struct ndis_offload_params, flags, 16);
HV_ASSERT_OFFSET(struct ndis_offload_params, rsc_ip4,
		 NDIS_OFFLOAD_PARAMS_SIZE_6_1);

#define NDIS_OFFLOAD_PARAM_NO_CHANGE	0
#define NDIS_OFFLOAD_PARAM_TX_RX_OFF	1
#define NDIS_OFFLOAD_PARAM_TX_ON_RX_OFF	2
#define NDIS_OFFLOAD_PARAM_RX_ON_TX_OFF	3
#define NDIS_OFFLOAD_PARAM_TX_RX_ON	4
#define NDIS_OFFLOAD_PARAM_LSOV2_OFF	1
#define NDIS_OFFLOAD_PARAM_LSOV2_ON	2
#define NDIS_OFFLOAD_PARAM_RSC_OFF	1
#define NDIS_OFFLOAD_PARAM_RSC_ON	2

/*
 * RSS_CAPABILITIES answer (revision 2, 18 bytes; revision 1 stops
 * before num_table_entries). The guest asks with the header filled in.
 * [O] and [F] follow the struct with 2 bytes of padding, not counted.
 * Source: [L] struct ndis_recv_scale_cap (packed, 18 bytes); [O]
 * NdisReceiveScaleCapabilities,
 * NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_2 (18); [F] struct
 * ndis_rss_caps, NDIS_RSS_CAPS_SIZE.
 */
struct ndis_rss_caps {
	struct ndis_object_header header;
	u32 flags;		/* NDIS_RSS_CAPS_* */
	u32 num_int_msgs;
	u32 num_recv_queues;
	u16 num_table_entries;
} __packed;

#define NDIS_RSS_CAPS_SIZE		18
#define NDIS_RSS_CAPS_SIZE_6_0		16
#define NDIS_RSS_CAPS_REVISION_2	2

HV_ASSERT_SIZE(struct ndis_rss_caps, NDIS_RSS_CAPS_SIZE);
HV_ASSERT_OFFSET(struct ndis_rss_caps, num_recv_queues, 12);

#define NDIS_RSS_CAPS_HASH_TCP_IPV4	0x00000100
#define NDIS_RSS_CAPS_HASH_TCP_IPV6	0x00000200
#define NDIS_RSS_CAPS_HASH_TCP_IPV6_EX	0x00000400

/*
 * RSS_PARAMETERS set (revision 2, 40 bytes, naturally aligned): the
 * indirection table (table_size bytes of u32 queue numbers) and the
 * Toeplitz key (key_size bytes), at offsets from the start of this
 * struct; [L] puts the table right after it and the key after the table.
 * Source: [L] struct ndis_recv_scale_param (not packed: 2-byte holes
 * after table_size and key_size), rndis_set_rss_param_msg(); [O]
 * NdisReceiveScaleParameters (pad0, pad1),
 * NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_REVISION_2 (40); [F] struct
 * ndis_rss_params.
 */
struct ndis_rss_params {
	struct ndis_object_header header;
	u16 flags;		/* NDIS_RSS_PARAM_FLAG_* */
	u16 base_cpu;
	u32 hash_info;		/* NDIS_HASH_* */
	u16 table_size;
	u16 pad0;
	u32 table_offset;
	u16 key_size;
	u16 pad1;
	u32 key_offset;
	u32 cpu_masks_offset;
	u32 num_cpu_masks;
	u32 cpu_mask_entry_size;
} __packed;

#define NDIS_RSS_PARAMS_SIZE		40
#define NDIS_RSS_PARAMS_REVISION_2	2

HV_ASSERT_SIZE(struct ndis_rss_params, NDIS_RSS_PARAMS_SIZE);
HV_ASSERT_OFFSET(struct ndis_rss_params, hash_info, 8);
HV_ASSERT_OFFSET(struct ndis_rss_params, table_size, 12);
HV_ASSERT_OFFSET(struct ndis_rss_params, table_offset, 16);
HV_ASSERT_OFFSET(struct ndis_rss_params, key_size, 20);
HV_ASSERT_OFFSET(struct ndis_rss_params, key_offset, 24);

#define NDIS_RSS_PARAM_FLAG_BASE_CPU_UNCHANGED	0x0001
#define NDIS_RSS_PARAM_FLAG_HASH_INFO_UNCHANGED	0x0002
#define NDIS_RSS_PARAM_FLAG_TABLE_UNCHANGED	0x0004
#define NDIS_RSS_PARAM_FLAG_KEY_UNCHANGED	0x0008
#define NDIS_RSS_PARAM_FLAG_DISABLE		0x0010

/*
 * Hash function (low byte) and types of RSS_PARAMETERS.hash_info. The
 * UDP types are in [O] only.
 * Source: [L] NDIS_HASH_*; [O] NDIS_HASH_*; [F] NDIS_HASH_*.
 */
#define NDIS_HASH_FUNC_TOEPLITZ		0x00000001
#define NDIS_HASH_IPV4			0x00000100
#define NDIS_HASH_TCP_IPV4		0x00000200
#define NDIS_HASH_IPV6			0x00000400
#define NDIS_HASH_IPV6_EX		0x00000800
#define NDIS_HASH_TCP_IPV6		0x00001000
#define NDIS_HASH_TCP_IPV6_EX		0x00002000

/*
 * Toeplitz key size and the indirection table bounds: [L] uses the
 * host's table size when it is 1..256, else 128 ([O]
 * VMS_SWITCH_RSS_MAX_INDIRECTION_TABLE_ENTRIES is 128; [F]
 * NDIS_HASH_INDCNT 128).
 * Source: [L] NETVSC_HASH_KEYLEN, ITAB_NUM, ITAB_NUM_MAX; [O]
 * NDIS_RSS_HASH_SECRET_KEY_SIZE_REVISION_1; [F] NDIS_HASH_KEYSIZE_TOEPLITZ.
 */
#define NDIS_RSS_KEY_SIZE		40
#define NDIS_RSS_TABLE_DEFAULT		128
#define NDIS_RSS_TABLE_MAX		256

#endif /* _HV_PROTO_RNDIS_H */
