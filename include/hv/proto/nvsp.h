/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NVSP, the network VSP protocol spoken on the synthetic NIC's VMBus
 * channels (class VMBUS_GUID_NETWORK in guid.h) between the guest's
 * netvsc and the host's netvsp. RNDIS messages (rndis.h) travel inside
 * NVSP_MSG1_SEND_RNDIS_PKT messages.
 *
 * Every NVSP message is a u32 type followed by the fields of that type.
 * The guest sends them in-band (VMBUS_PKT_DATA_INBAND), or as
 * GPA-direct packets (VMBUS_PKT_DATA_GPA_DIRECT, ring.h) when an RNDIS
 * message is described by page ranges. The host answers requests that
 * asked for it with a VMBUS_PKT_COMPLETION carrying the request's
 * trans_id and an NVSP message of the answering type, except
 * SWITCH_DATA_PATH, whose completion has no payload at all. The host's
 * receive traffic comes in VMBUS_PKT_DATA_XFER_PAGES packets whose
 * ranges lie in the guest's receive buffer; the guest completes each
 * with an NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE.
 *
 * Sources, for the whole file unless a definition names others:
 *  [L] Debian linux-source-6.12, drivers/net/hyperv/hyperv_net.h and
 *      netvsc.c;
 *  [O] microsoft/openvmm vm/devices/net/netvsp/src/protocol.rs and
 *      lib.rs (the host side);
 *  [F] FreeBSD sys/dev/hyperv/netvsc/if_hnreg.h and if_hn.c.
 * Where they disagree the comment says so. Documentation/netvsc.rst
 * lists the disagreements again.
 */
#ifndef _HV_PROTO_NVSP_H
#define _HV_PROTO_NVSP_H

#include "types.h"

/* ------------------------------------------------------------------ */
/* Versions                                                            */
/* ------------------------------------------------------------------ */

/*
 * NVSP versions, major << 16 | minor. The guest offers one version per
 * INIT (min = max), highest first; a host that does not speak it answers
 * with a status other than NVSP_STATUS_SUCCESS.
 * Source: [L] NVSP_PROTOCOL_VERSION_*, netvsc_connect_vsp(); [O] enum
 * Version (make_version(0, 2) .. make_version(6, 1)); [F]
 * HN_NVS_VERSION_1..5 (FreeBSD stops at 5).
 */
#define NVSP_VERSION_1			0x00002
#define NVSP_VERSION_2			0x30002
#define NVSP_VERSION_4			0x40000
#define NVSP_VERSION_5			0x50000
#define NVSP_VERSION_6			0x60000
#define NVSP_VERSION_61			0x60001

/*
 * The NDIS version the guest announces with SEND_NDIS_VERSION, split
 * into its major (high 16 bits) and minor (low 16 bits) halves: 6.1 for
 * NVSP 4 and below, 6.30 above.
 * Source: [L] netvsc_connect_vsp() (0x00060001, 0x0006001e); [F]
 * HN_NDIS_VERSION_6_1, HN_NDIS_VERSION_6_30.
 */
#define NVSP_NDIS_VERSION_6_1		0x00060001
#define NVSP_NDIS_VERSION_6_30		0x0006001e
#define NVSP_NDIS_VERSION_MAJOR(v)	((v) >> 16)
#define NVSP_NDIS_VERSION_MINOR(v)	((v) & 0xffff)

/* ------------------------------------------------------------------ */
/* Message types and status                                            */
/* ------------------------------------------------------------------ */

/*
 * Message types. 109-124 and 126-127 (chimney, VMQ) and 135-136
 * (PacketDirect) are defined by [L] and [O] but used by neither guest.
 * Source: [L] the anonymous NVSP_MSG*_TYPE_* enum; [O] MESSAGE*_TYPE_*;
 * [F] HN_NVS_TYPE_* (the subset FreeBSD uses; it also reads a
 * SUBCHANNEL completion as type 133).
 */
enum nvsp_msg_type {
	NVSP_MSG_NONE				= 0,
	NVSP_MSG_INIT				= 1,
	NVSP_MSG_INIT_COMPLETE			= 2,

	NVSP_MSG1_SEND_NDIS_VERSION		= 100,
	NVSP_MSG1_SEND_RECV_BUF			= 101,
	NVSP_MSG1_SEND_RECV_BUF_COMPLETE	= 102,
	NVSP_MSG1_REVOKE_RECV_BUF		= 103,
	NVSP_MSG1_SEND_SEND_BUF			= 104,
	NVSP_MSG1_SEND_SEND_BUF_COMPLETE	= 105,
	NVSP_MSG1_REVOKE_SEND_BUF		= 106,
	NVSP_MSG1_SEND_RNDIS_PKT		= 107,
	NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE	= 108,

	NVSP_MSG2_SEND_CHIMNEY_DELEGATED_BUF	= 109,
	NVSP_MSG2_SEND_CHIMNEY_DELEGATED_BUF_COMPLETE = 110,
	NVSP_MSG2_REVOKE_CHIMNEY_DELEGATED_BUF	= 111,
	NVSP_MSG2_RESUME_CHIMNEY_RX_INDICATION	= 112,
	NVSP_MSG2_TERMINATE_CHIMNEY		= 113,
	NVSP_MSG2_TERMINATE_CHIMNEY_COMPLETE	= 114,
	NVSP_MSG2_INDICATE_CHIMNEY_EVENT	= 115,
	NVSP_MSG2_SEND_CHIMNEY_PKT		= 116,
	NVSP_MSG2_SEND_CHIMNEY_PKT_COMPLETE	= 117,
	NVSP_MSG2_POST_CHIMNEY_RECV_REQ		= 118,
	NVSP_MSG2_POST_CHIMNEY_RECV_REQ_COMPLETE = 119,
	NVSP_MSG2_ALLOC_RXBUF			= 120,
	NVSP_MSG2_ALLOC_RXBUF_COMPLETE		= 121,
	NVSP_MSG2_FREE_RXBUF			= 122,
	NVSP_MSG2_SEND_VMQ_RNDIS_PKT		= 123,
	NVSP_MSG2_SEND_VMQ_RNDIS_PKT_COMPLETE	= 124,
	NVSP_MSG2_SEND_NDIS_CONFIG		= 125,
	NVSP_MSG2_ALLOC_CHIMNEY_HANDLE		= 126,
	NVSP_MSG2_ALLOC_CHIMNEY_HANDLE_COMPLETE	= 127,

	NVSP_MSG4_SEND_VF_ASSOCIATION		= 128,
	NVSP_MSG4_SWITCH_DATA_PATH		= 129,
	NVSP_MSG4_UPLINK_CONNECT_STATE_DEPRECATED = 130,

	NVSP_MSG5_OID_QUERY_EX			= 131,
	NVSP_MSG5_OID_QUERY_EX_COMPLETE		= 132,
	NVSP_MSG5_SUBCHANNEL			= 133,
	NVSP_MSG5_SEND_INDIRECTION_TABLE	= 134,

	NVSP_MSG6_PD_API			= 135,
	NVSP_MSG6_PD_POST_BATCH			= 136,
};

/*
 * Status of INIT_COMPLETE, the buffer completions, SUBCHANNEL and the
 * RNDIS packet completions. 3 and 4 are in [L] only; [O] says 7 is
 * never used.
 * Source: [L] NVSP_STAT_*; [O] enum Status; [F] HN_NVS_STATUS_OK (1),
 * HN_NVS_STATUS_FAILED (2).
 */
enum nvsp_status {
	NVSP_STATUS_NONE			= 0,
	NVSP_STATUS_SUCCESS			= 1,
	NVSP_STATUS_FAILURE			= 2,
	NVSP_STATUS_PROTOCOL_TOO_NEW		= 3,
	NVSP_STATUS_PROTOCOL_TOO_OLD		= 4,
	NVSP_STATUS_INVALID_RNDIS_PKT		= 5,
	NVSP_STATUS_BUSY			= 6,
	NVSP_STATUS_PROTOCOL_UNSUPPORTED	= 7,
};

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

/* Every message starts with its type. Source: [L], [O], [F]. */
struct nvsp_hdr {
	u32 type;		/* enum nvsp_msg_type */
} __packed;

HV_ASSERT_SIZE(struct nvsp_hdr, 4);

/*
 * INIT (guest): the version asked for, twice. [O] names the fields
 * protocol_version and protocol_version2 (they were min and max once).
 * Source: [L] struct nvsp_message_init; [O] MessageInit; [F]
 * struct hn_nvs_init.
 */
struct nvsp_init {
	u32 min_version;
	u32 max_version;
} __packed;

HV_ASSERT_SIZE(struct nvsp_init, 8);

/*
 * INIT_COMPLETE (host, in the completion of INIT). The first word is a
 * deprecated "negotiated version"; the guest looks only at status.
 * Source: [L] struct nvsp_message_init_complete; [O]
 * MessageInitComplete; [F] struct hn_nvs_init_resp (status at byte 12
 * of the message).
 */
struct nvsp_init_complete {
	u32 negotiated_version;
	u32 max_mdl_chain_len;
	u32 status;		/* enum nvsp_status */
} __packed;

HV_ASSERT_SIZE(struct nvsp_init_complete, 12);
HV_ASSERT_OFFSET(struct nvsp_init_complete, status, 8);

/* SEND_NDIS_VERSION (guest, no completion). Source: [L], [O], [F]. */
struct nvsp1_ndis_version {
	u32 major;
	u32 minor;
} __packed;

HV_ASSERT_SIZE(struct nvsp1_ndis_version, 8);

/*
 * SEND_RECV_BUF and SEND_SEND_BUF (guest, completion requested): the
 * GPADL of the buffer and the id the host must use for it: the receive
 * buffer's id is also the page-set id of every transfer-page packet.
 * [L] ends the struct after id; [O] and [F] pad it with reserved bytes.
 * Source: [L] struct nvsp_1_message_send_receive_buffer; [O]
 * Message1SendReceiveBuffer; [F] struct hn_nvs_rxbuf_conn.
 */
struct nvsp1_send_buf {
	u32 gpadl;
	u16 id;
	u16 reserved;
} __packed;

HV_ASSERT_SIZE(struct nvsp1_send_buf, 8);
HV_ASSERT_OFFSET(struct nvsp1_send_buf, id, 4);

/*
 * Buffer ids. The receive buffer's is 0xcafe in all three. The send
 * buffer's is 0 in [L] (NETVSC_SEND_BUFFER_ID) and 0xface in [F]
 * (HN_NVS_CHIM_SIG); the host only echoes it back in the revoke, so
 * either works. This guest uses [L]'s.
 */
#define NVSP_RECV_BUF_ID		0xcafe
#define NVSP_SEND_BUF_ID		0

/*
 * One section of the receive buffer in SEND_RECV_BUF_COMPLETE: the host
 * carves [offset, end_offset) into num_sub_allocs pieces of
 * sub_alloc_size bytes. Every host sends exactly one section at offset 0
 * ([O]: "no VSP has ever sent more than 1 section"; [L] refuses others).
 * Source: [L] struct nvsp_1_receive_buffer_section; [O]
 * ReceiveBufferSection; [F] struct hn_nvs_rxbuf_sect.
 */
struct nvsp1_recv_buf_section {
	u32 offset;
	u32 sub_alloc_size;
	u32 num_sub_allocs;
	u32 end_offset;
} __packed;

HV_ASSERT_SIZE(struct nvsp1_recv_buf_section, 16);

/*
 * SEND_RECV_BUF_COMPLETE (host): status, section count, then the
 * sections; the first is all a guest reads ([L] and [O] declare an
 * array of one, [F] a flexible array).
 * Source: [L] struct nvsp_1_message_send_receive_buffer_complete; [O]
 * Message1SendReceiveBufferComplete; [F] struct hn_nvs_rxbuf_connresp.
 */
struct nvsp1_recv_buf_complete {
	u32 status;		/* enum nvsp_status */
	u32 num_sections;
	struct nvsp1_recv_buf_section section;	/* the first, the only one */
} __packed;

HV_ASSERT_SIZE(struct nvsp1_recv_buf_complete, 24);
HV_ASSERT_OFFSET(struct nvsp1_recv_buf_complete, section, 8);

/*
 * REVOKE_RECV_BUF and REVOKE_SEND_BUF (guest, no completion): the id of
 * the buffer the host must stop using.
 * Source: [L] struct nvsp_1_message_revoke_receive_buffer; [O]
 * Message1RevokeReceiveBuffer; [F] struct hn_nvs_rxbuf_disconn.
 */
struct nvsp1_revoke_buf {
	u16 id;
} __packed;

HV_ASSERT_SIZE(struct nvsp1_revoke_buf, 2);

/*
 * SEND_SEND_BUF_COMPLETE (host): the host chooses the section size of
 * the guest's send buffer; the count follows from the buffer's size.
 * Source: [L] struct nvsp_1_message_send_send_buffer_complete; [O]
 * Message1SendSendBufferComplete; [F] struct hn_nvs_chim_connresp.
 */
struct nvsp1_send_buf_complete {
	u32 status;		/* enum nvsp_status */
	u32 section_size;
} __packed;

HV_ASSERT_SIZE(struct nvsp1_send_buf_complete, 8);

/*
 * SEND_RNDIS_PKT, both ways: one RNDIS message. From the guest, either
 * in a send-buffer section (section_index, section_size bytes) or, with
 * section_index NVSP_SECTION_NONE and size 0, in the page ranges of a
 * GPA-direct packet. From the host it is the payload of a transfer-page
 * packet and the fields are not used.
 * Source: [L] struct nvsp_1_message_send_rndis_packet, netvsc_send_pkt();
 * [O] Message1SendRndisPacket, DATA_CHANNEL_TYPE, CONTROL_CHANNEL_TYPE;
 * [F] struct hn_nvs_rndis, HN_NVS_RNDIS_MTYPE_*, HN_NVS_CHIM_IDX_INVALID.
 */
struct nvsp1_rndis_pkt {
	u32 channel_type;	/* NVSP_RNDIS_CHANNEL_* */
	u32 section_index;
	u32 section_size;
} __packed;

HV_ASSERT_SIZE(struct nvsp1_rndis_pkt, 12);

#define NVSP_RNDIS_CHANNEL_DATA		0	/* RNDIS_MSG_PACKET */
#define NVSP_RNDIS_CHANNEL_CONTROL	1	/* every other RNDIS message */
#define NVSP_SECTION_NONE		0xffffffffu

/*
 * SEND_RNDIS_PKT_COMPLETE, both ways: the host's completion of a guest
 * packet, and the guest's completion (a VMBUS_PKT_COMPLETION with the
 * transfer-page packet's trans_id) of each receive.
 * Source: [L] struct nvsp_1_message_send_rndis_packet_complete,
 * send_recv_completions(); [O] Message1SendRndisPacketComplete; [F]
 * struct hn_nvs_rndis_ack.
 */
struct nvsp1_rndis_pkt_complete {
	u32 status;		/* enum nvsp_status */
} __packed;

HV_ASSERT_SIZE(struct nvsp1_rndis_pkt_complete, 4);

/*
 * SEND_NDIS_CONFIG (guest, NVSP 2 and later, no completion): the MTU as
 * a frame size without FCS (the netdev MTU + 14) and what the guest can
 * do. The capability word starts at byte 12 of the message, unaligned.
 * Source: [L] struct nvsp_2_send_ndis_config, struct
 * nvsp_2_vsc_capability, negotiate_nvsp_ver(); [O] Message2SendNdisConfig,
 * NdisConfigCapabilities; [F] struct hn_nvs_ndis_conf,
 * HN_NVS_NDIS_CONF_SRIOV (0x4), HN_NVS_NDIS_CONF_VLAN (0x8).
 */
struct nvsp2_ndis_config {
	u32 mtu;
	u32 reserved;
	u64 capabilities;	/* NVSP_CAP_* */
} __packed;

HV_ASSERT_SIZE(struct nvsp2_ndis_config, 16);
HV_ASSERT_OFFSET(struct nvsp2_ndis_config, capabilities, 8);

#define NVSP_CAP_VMQ			0x01ULL
#define NVSP_CAP_CHIMNEY		0x02ULL
#define NVSP_CAP_SRIOV			0x04ULL
#define NVSP_CAP_IEEE8021Q		0x08ULL
#define NVSP_CAP_CORRELATION_ID		0x10ULL
#define NVSP_CAP_TEAMING		0x20ULL
#define NVSP_CAP_VSUBNET_ID		0x40ULL
#define NVSP_CAP_RSC			0x80ULL	/* [O] rsc_over_vmbus */

/*
 * SEND_VF_ASSOCIATION (host, NVSP 4 and later, in-band, never
 * completed by Linux even when asked): allocated 1 says a VF with this
 * serial (the vPCI slot's serial number) will come; 0 that it went.
 * Source: [L] struct nvsp_4_send_vf_association, netvsc_send_vf(); [O]
 * Message4SendVfAssociation; [F] HN_NVS_TYPE_VFASSOC_NOTE.
 */
struct nvsp4_vf_association {
	u32 allocated;
	u32 serial;
} __packed;

HV_ASSERT_SIZE(struct nvsp4_vf_association, 8);

/*
 * SWITCH_DATA_PATH (guest, completion requested; the host's completion
 * has an empty payload): which path the guest now sends on.
 * Source: [L] struct nvsp_4_sw_datapath, enum nvsp_vm_datapath,
 * netvsc_switch_datapath(), netvsc_send_completion() (msglen 0); [O]
 * Message4SwitchDataPath, DataPath; [F] struct hn_nvs_datapath.
 */
struct nvsp4_switch_data_path {
	u32 active_data_path;	/* NVSP_DATA_PATH_* */
} __packed;

HV_ASSERT_SIZE(struct nvsp4_switch_data_path, 4);

#define NVSP_DATA_PATH_SYNTHETIC	0
#define NVSP_DATA_PATH_VF		1

/*
 * SUBCHANNEL request (guest, NVSP 5 and later, completion requested):
 * allocate num_subchannels sub-channels; and its completion (host,
 * type NVSP_MSG5_SUBCHANNEL too): how many were granted. The host then
 * offers that many sub-channels.
 * Source: [L] struct nvsp_5_subchannel_request, nvsp_5_subchannel_complete,
 * NVSP_SUBCHANNEL_ALLOCATE, rndis_set_subchannel(); [O]
 * Message5SubchannelRequest, Message5SubchannelComplete,
 * SubchannelOperation; [F] struct hn_nvs_subch_req, hn_nvs_subch_resp.
 */
struct nvsp5_subchannel_req {
	u32 op;			/* NVSP_SUBCHANNEL_ALLOCATE */
	u32 num_subchannels;
} __packed;

HV_ASSERT_SIZE(struct nvsp5_subchannel_req, 8);

#define NVSP_SUBCHANNEL_ALLOCATE	1

struct nvsp5_subchannel_complete {
	u32 status;		/* enum nvsp_status */
	u32 num_subchannels;
} __packed;

HV_ASSERT_SIZE(struct nvsp5_subchannel_complete, 8);

/*
 * SEND_INDIRECTION_TABLE (host, NVSP 5 and later, in-band): which
 * channel the guest should send each hash bucket on, count u32 channel
 * indexes at offset bytes from the start of the NVSP message (its type
 * word). [O] puts the table right behind these two words (offset 12).
 * Older Windows hosts put it behind the whole 40-byte message while
 * writing a wrong offset; [L] therefore reads it at byte 40 for NVSP 6
 * and below whenever the packet is long enough for that. The count is
 * always NVSP_SEND_TABLE_SIZE ([L] drops others, [O] asserts 16).
 * Source: [L] struct nvsp_5_send_indirect_table, netvsc_send_table(),
 * VRSS_SEND_TAB_SIZE; [O] Message5SendIndirectionTable,
 * guest_send_indirection_table(),
 * VMS_SWITCH_RSS_MAX_SEND_INDIRECTION_TABLE_ENTRIES; [F] ignores the
 * message ("Useless; ignore").
 */
struct nvsp5_send_table {
	u32 count;
	u32 offset;
} __packed;

HV_ASSERT_SIZE(struct nvsp5_send_table, 8);

#define NVSP_SEND_TABLE_SIZE		16
/* Where [O] puts the table: right after type, count and offset. */
#define NVSP_SEND_TABLE_OFFSET		12

/* ------------------------------------------------------------------ */
/* The whole message                                                   */
/* ------------------------------------------------------------------ */

/*
 * Bytes of an NVSP message as the guest sends it: the type and the
 * largest body of the NVSP 6.1 message set (the PacketDirect completion,
 * 36 bytes). NVSP 1 messages were 28 bytes ([O] PACKET_SIZE_V1 = 0x1c);
 * [L] always sends the 40 bytes, [F] at least 32 (HN_NVS_REQSIZE_MIN,
 * "Any size less than this one will _not_ work").
 * Source: [L] sizeof(struct nvsp_message) via union nvsp_6_message_uber;
 * [O] PACKET_SIZE_V61 = 0x28, NVSP_61_MESSAGE_SIZE.
 */
#define NVSP_MSG_SIZE			40
#define NVSP_MSG_SIZE_V1		28

/* Any NVSP message, padded to NVSP_MSG_SIZE. */
struct nvsp_msg {
	struct nvsp_hdr hdr;
	union {
		struct nvsp_init init;
		struct nvsp_init_complete init_complete;
		struct nvsp1_ndis_version ndis_version;
		struct nvsp1_send_buf send_buf;
		struct nvsp1_recv_buf_complete recv_buf_complete;
		struct nvsp1_revoke_buf revoke_buf;
		struct nvsp1_send_buf_complete send_buf_complete;
		struct nvsp1_rndis_pkt rndis_pkt;
		struct nvsp1_rndis_pkt_complete rndis_pkt_complete;
		struct nvsp2_ndis_config ndis_config;
		struct nvsp4_vf_association vf_association;
		struct nvsp4_switch_data_path switch_data_path;
		struct nvsp5_subchannel_req subchannel_req;
		struct nvsp5_subchannel_complete subchannel_complete;
		struct nvsp5_send_table send_table;
		u8 raw[NVSP_MSG_SIZE - sizeof(struct nvsp_hdr)];
	};
} __packed;

HV_ASSERT_SIZE(struct nvsp_msg, NVSP_MSG_SIZE);
HV_ASSERT_OFFSET(struct nvsp_msg, init, 4);
HV_ASSERT_OFFSET(struct nvsp_msg, ndis_config.capabilities, 12);
HV_ASSERT_OFFSET(struct nvsp_msg, recv_buf_complete.section, 12);
HV_ASSERT_OFFSET(struct nvsp_msg, send_table.offset, 8);
static_assert(sizeof(struct nvsp_hdr) + sizeof(struct nvsp5_send_table) ==
	      NVSP_SEND_TABLE_OFFSET, "send table after its words");

/*
 * The guest's receive completion: type and status only, 8 bytes.
 * Source: [L] send_recv_completions() (struct recv_comp_msg); [F]
 * hv_nv_on_receive_completion() sends the 32-byte struct hn_nvs_rndis_ack.
 */
struct nvsp_rndis_pkt_complete_msg {
	struct nvsp_hdr hdr;
	struct nvsp1_rndis_pkt_complete complete;
} __packed;

HV_ASSERT_SIZE(struct nvsp_rndis_pkt_complete_msg, 8);

/* ------------------------------------------------------------------ */
/* Buffer limits                                                       */
/* ------------------------------------------------------------------ */

/*
 * Ranges a transfer-page packet may carry: 64 before NDIS 6.0, 375 from
 * it, 562 with RSC over VMBus (375 + the IPv4 RSC fragments of one
 * coalesced packet + 1).
 * Source: [L] NVSP_RSC_MAX and the comment at NETVSC_MAX_XFER_PAGE_RANGES;
 * [O] NVSP_MAX_PACKETS_PER_RECEIVE (375) and the RSC formula beside it.
 */
#define NVSP_MAX_RANGES			375
#define NVSP_MAX_RANGES_RSC		562

#endif /* _HV_PROTO_NVSP_H */
