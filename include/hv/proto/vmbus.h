/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMBus control plane wire formats: protocol versions, SynIC messages and
 * pages, connection ids, channel messages, feature flags and the monitor
 * page. Facts only; see Documentation/protocol-sources.rst for the sources
 * and where they disagree.
 *
 * Directions below: "host->guest" messages are read by the guest from its
 * SynIC message page, "guest->host" ones are posted with HvPostMessage.
 * Guest and host are also called child and parent.
 */
#ifndef _HV_PROTO_VMBUS_H
#define _HV_PROTO_VMBUS_H

#include "types.h"
#include "guid.h"
#include "ring.h"

/* ------------------------------------------------------------------ */
/* Protocol versions                                                   */
/* ------------------------------------------------------------------ */

/*
 * A version word is major << 16 | minor. The guest offers one version per
 * INITIATE_CONTACT, newest first, until the host accepts one.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h (VERSION_*);
 * OpenVMM vm/devices/vmbus/vmbus_core/src/protocol.rs (enum Version, whose
 * names are given in brackets); mu_msvm MsvmPkg/VmbusDxe/ChannelMessages.h.
 * Linux 6.12 negotiates 5.3 down to 2.4 (drivers/hv/connection.c,
 * vmbus_versions[]); 6.0 support was posted to linux-hyperv in 2025
 * ("Drivers: hv: VMBus protocol version 6.0").
 */
#define VMBUS_MAKE_VERSION(major, minor)	(((major) << 16) | (minor))
#define VMBUS_VERSION_MAJOR(version)		((version) >> 16)
#define VMBUS_VERSION_MINOR(version)		((version) & 0xffff)

#define VMBUS_VERSION_WS2008	VMBUS_MAKE_VERSION(0, 13)	/* Windows Server 2008 [V1] */
#define VMBUS_VERSION_WIN7	VMBUS_MAKE_VERSION(1, 1)	/* Windows 7 / WS2008 R2 */
#define VMBUS_VERSION_WIN8	VMBUS_MAKE_VERSION(2, 4)	/* Windows 8 / WS2012 */
#define VMBUS_VERSION_WIN8_1	VMBUS_MAKE_VERSION(3, 0)	/* Windows 8.1 / WS2012 R2 */
#define VMBUS_VERSION_WIN10	VMBUS_MAKE_VERSION(4, 0)	/* Windows 10 */
#define VMBUS_VERSION_V4_1	VMBUS_MAKE_VERSION(4, 1)	/* Win10 RS3 [Win10Rs3_0] */
#define VMBUS_VERSION_V5_0	VMBUS_MAKE_VERSION(5, 0)	/* newer Win10 [Win10Rs3_1] */
#define VMBUS_VERSION_V5_1	VMBUS_MAKE_VERSION(5, 1)	/* Win10 RS4 1803 [Win10Rs4] */
#define VMBUS_VERSION_V5_2	VMBUS_MAKE_VERSION(5, 2)	/* WS2019 [Win10Rs5] */
#define VMBUS_VERSION_V5_3	VMBUS_MAKE_VERSION(5, 3)	/* WS2022 [Iron] */
#define VMBUS_VERSION_V6_0	VMBUS_MAKE_VERSION(6, 0)	/* feature flags [Copper] */

static_assert(VMBUS_VERSION_WS2008 == 0x0000000d, "0.13 is 0xd");
static_assert(VMBUS_VERSION_WIN10 == 0x00040000, "4.0 is 0x40000");
static_assert(VMBUS_VERSION_V6_0 == 0x00060000, "6.0 is 0x60000");

/* ------------------------------------------------------------------ */
/* SynIC: messages, event flags, hypercalls                            */
/* ------------------------------------------------------------------ */

/*
 * Each of the 16 synthetic interrupt sources (SINTs) owns one 256-byte
 * message slot in the SynIC message page and 256 bytes (2048 flag bits)
 * in the SynIC event flags page; both pages are one Hyper-V page.
 * Source: Hyper-V TLFS (Synthetic Interrupt Controller); Debian
 * linux-source-6.12, include/asm-generic/hyperv-tlfs.h
 * (HV_SYNIC_SINT_COUNT, HV_MESSAGE_SIZE, HV_MESSAGE_PAYLOAD_BYTE_COUNT,
 * HV_EVENT_FLAGS_COUNT); FreeBSD sys/dev/hyperv/vmbus/vmbus_reg.h
 * (VMBUS_MSG_SIZE, VMBUS_MSG_DSIZE_MAX, VMBUS_EVTFLAGS_SIZE).
 */
#define HV_SYNIC_SINTS			16
#define HV_SYNIC_MSG_SIZE		256
#define HV_SYNIC_MSG_PAYLOAD_MAX	240
#define HV_SYNIC_EVENT_FLAGS_SIZE	256	/* bytes per SINT */
#define HV_SYNIC_EVENT_FLAGS_COUNT	(HV_SYNIC_EVENT_FLAGS_SIZE * 8)

static_assert(HV_SYNIC_SINTS * HV_SYNIC_MSG_SIZE == HV_PAGE_SIZE,
	      "SynIC message page is one Hyper-V page");
static_assert(HV_SYNIC_SINTS * HV_SYNIC_EVENT_FLAGS_SIZE == HV_PAGE_SIZE,
	      "SynIC event flags page is one Hyper-V page");
static_assert(HV_SYNIC_EVENT_FLAGS_COUNT == 2048, "2048 event flags per SINT");

/*
 * SynIC message types. Guests post channel messages as type 1; type 0
 * marks a free message slot. Linux also runs legacy-mode synthetic timers
 * on the VMBus SINT, so timer messages can arrive in the same slot.
 * Source: FreeBSD sys/dev/hyperv/vmbus/hyperv_common_reg.h
 * (HYPERV_MSGTYPE_NONE, _CHANNEL, _TIMER_EXPIRED) and
 * sys/dev/hyperv/vmbus/vmbus.c (vmbus_msghc_reset); Debian
 * linux-source-6.12, drivers/hv/connection.c (hv_post_message(conn_id, 1,
 * ...)), include/asm-generic/hyperv-tlfs.h (HVMSG_NONE,
 * HVMSG_TIMER_EXPIRED), drivers/hv/hv.c (hv_stimer_legacy_init(cpu,
 * VMBUS_MESSAGE_SINT)).
 */
#define HV_SYNIC_MSG_TYPE_NONE			0x00000000
#define HV_SYNIC_MSG_TYPE_VMBUS			0x00000001
#define HV_SYNIC_MSG_TYPE_TIMER_EXPIRED		0x80000010

/* Message header flags: another message is queued behind this one. */
#define HV_SYNIC_MSG_FLAG_PENDING		0x01

/*
 * One SynIC message slot. sender is the sending partition id or, for
 * port-based messages, the port id in its low 24 bits; guests need not
 * check it.
 * Source: Hyper-V TLFS (HV_MESSAGE); Debian linux-source-6.12,
 * include/asm-generic/hyperv-tlfs.h (struct hv_message_header,
 * struct hv_message); FreeBSD sys/dev/hyperv/vmbus/vmbus_reg.h
 * (struct vmbus_message).
 */
struct hv_synic_msg_header {
	u32 type;		/* HV_SYNIC_MSG_TYPE_* */
	u8 payload_size;	/* bytes of payload used, <= 240 */
	u8 flags;		/* HV_SYNIC_MSG_FLAG_* */
	u8 reserved[2];
	u64 sender;
} __packed;

HV_ASSERT_SIZE(struct hv_synic_msg_header, 16);
HV_ASSERT_OFFSET(struct hv_synic_msg_header, type, 0);
HV_ASSERT_OFFSET(struct hv_synic_msg_header, payload_size, 4);
HV_ASSERT_OFFSET(struct hv_synic_msg_header, flags, 5);
HV_ASSERT_OFFSET(struct hv_synic_msg_header, sender, 8);

struct hv_synic_msg {
	struct hv_synic_msg_header header;
	u8 payload[HV_SYNIC_MSG_PAYLOAD_MAX];
} __packed;

HV_ASSERT_SIZE(struct hv_synic_msg, HV_SYNIC_MSG_SIZE);
HV_ASSERT_OFFSET(struct hv_synic_msg, payload, 16);

/*
 * Hypercall codes the VMBus control plane uses.
 * Source: Hyper-V TLFS (HvCallPostMessage, HvCallSignalEvent); Debian
 * linux-source-6.12, include/asm-generic/hyperv-tlfs.h
 * (HVCALL_POST_MESSAGE, HVCALL_SIGNAL_EVENT); FreeBSD
 * sys/dev/hyperv/vmbus/hyperv_common_reg.h (HYPERCALL_POST_MESSAGE).
 */
#define VMBUS_HVCALL_POST_MESSAGE	0x005c
#define VMBUS_HVCALL_SIGNAL_EVENT	0x005d

/*
 * HvPostMessage input (one 256-byte, 8-byte aligned block). message_type
 * is HV_SYNIC_MSG_TYPE_VMBUS for channel messages.
 * Source: Hyper-V TLFS (HvPostMessage); Debian linux-source-6.12,
 * drivers/hv/hyperv_vmbus.h (struct hv_input_post_message); FreeBSD
 * sys/dev/hyperv/vmbus/hyperv_common_reg.h (struct hypercall_postmsg_in).
 */
struct hv_synic_post_msg_input {
	u32 connection_id;
	u32 reserved;
	u32 message_type;
	u32 payload_size;
	u8 payload[HV_SYNIC_MSG_PAYLOAD_MAX];
} __packed;

HV_ASSERT_SIZE(struct hv_synic_post_msg_input, 256);
HV_ASSERT_OFFSET(struct hv_synic_post_msg_input, message_type, 8);
HV_ASSERT_OFFSET(struct hv_synic_post_msg_input, payload_size, 12);
HV_ASSERT_OFFSET(struct hv_synic_post_msg_input, payload, 16);

/*
 * HvSignalEvent input, passed in a register as a "fast" hypercall. Linux
 * sends the connection id with flag number 0.
 * Source: Hyper-V TLFS (HvSignalEvent); Debian linux-source-6.12,
 * drivers/hv/connection.c (vmbus_set_event, hv_do_fast_hypercall8);
 * FreeBSD sys/dev/hyperv/vmbus/hyperv_common_reg.h (HYPERCALL_SIGNAL_EVENT
 * takes struct hyperv_mon_param).
 */
struct hv_synic_signal_event_input {
	u32 connection_id;
	u16 flag_number;
	u16 reserved;
} __packed;

HV_ASSERT_SIZE(struct hv_synic_signal_event_input, 8);
HV_ASSERT_OFFSET(struct hv_synic_signal_event_input, flag_number, 4);

/* Connection and port ids are 24 bits wide (TLFS HV_CONNECTION_ID). */
#define HV_CONNECTION_ID_MASK		0x00ffffff

/* ------------------------------------------------------------------ */
/* VMBus connection ids and SINT                                       */
/* ------------------------------------------------------------------ */

/*
 * Before 5.0 every channel message goes to connection id 1. From 5.0 on,
 * INITIATE_CONTACT goes to id 4 (or, for a VTL2 guest, first to the
 * redirect id) and every later message to the msg_conn_id returned in
 * VERSION_RESPONSE. Without a per-channel connection id (pre-Win7 offers)
 * channels are signalled on the event connection id. The host delivers
 * VMBus messages and channel events on SINT 2.
 * Source: Debian linux-source-6.12, drivers/hv/hyperv_vmbus.h (anonymous
 * enum VMBUS_MESSAGE_CONNECTION_ID...), drivers/hv/connection.c
 * (vmbus_try_connection_id, vmbus_negotiate_version),
 * drivers/hv/channel_mgmt.c (sig_event); OpenVMM vmbus_core/src/
 * protocol.rs (VMBUS_MESSAGE_REDIRECT_CONNECTION_ID).
 */
#define VMBUS_CONN_ID_MSG		1	/* messages, before 5.0 */
#define VMBUS_CONN_ID_EVENT		2	/* channel signal, pre-Win7 */
#define VMBUS_CONN_ID_MONITOR		3
#define VMBUS_CONN_ID_MSG_V5		4	/* INITIATE_CONTACT, 5.0+ */
#define VMBUS_CONN_ID_MSG_REDIRECT	0x800074 /* INITIATE_CONTACT, VTL2 */
#define VMBUS_PORT_ID_MSG		1	/* host-side port ids */
#define VMBUS_PORT_ID_EVENT		2
#define VMBUS_PORT_ID_MONITOR		3
#define VMBUS_MSG_SINT			2

/* ------------------------------------------------------------------ */
/* Channel messages                                                    */
/* ------------------------------------------------------------------ */

/*
 * Channel message types (first u32 of every channel message). 18-20 are
 * the Win10 reserved-channel messages, which Linux lists only as
 * CHANNELMSG_18..20; 25-29 exist from 6.0 when the matching feature flag
 * was negotiated (25/26 MODIFY_CONNECTION, 27-29 PAUSE_RESUME).
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (enum vmbus_channel_message_type, up to 24); OpenVMM vmbus_core/src/
 * protocol.rs (vmbus_messages!, up to 29); mu_msvm MsvmPkg/VmbusDxe/
 * ChannelMessages.h (up to 26).
 */
enum vmbus_chmsg_type {
	VMBUS_CHMSG_INVALID			= 0,
	VMBUS_CHMSG_OFFER			= 1,	/* host->guest */
	VMBUS_CHMSG_RESCIND			= 2,	/* host->guest */
	VMBUS_CHMSG_REQUEST_OFFERS		= 3,	/* guest->host */
	VMBUS_CHMSG_ALL_OFFERS_DELIVERED	= 4,	/* host->guest */
	VMBUS_CHMSG_OPEN_CHANNEL		= 5,	/* guest->host */
	VMBUS_CHMSG_OPEN_RESULT			= 6,	/* host->guest */
	VMBUS_CHMSG_CLOSE_CHANNEL		= 7,	/* guest->host */
	VMBUS_CHMSG_GPADL_HEADER		= 8,	/* guest->host */
	VMBUS_CHMSG_GPADL_BODY			= 9,	/* guest->host */
	VMBUS_CHMSG_GPADL_CREATED		= 10,	/* host->guest */
	VMBUS_CHMSG_GPADL_TEARDOWN		= 11,	/* guest->host */
	VMBUS_CHMSG_GPADL_TORNDOWN		= 12,	/* host->guest */
	VMBUS_CHMSG_RELID_RELEASED		= 13,	/* guest->host */
	VMBUS_CHMSG_INITIATE_CONTACT		= 14,	/* guest->host */
	VMBUS_CHMSG_VERSION_RESPONSE		= 15,	/* host->guest */
	VMBUS_CHMSG_UNLOAD			= 16,	/* guest->host */
	VMBUS_CHMSG_UNLOAD_RESPONSE		= 17,	/* host->guest, Win7+ */
	VMBUS_CHMSG_OPEN_RESERVED_CHANNEL	= 18,	/* Win10+ */
	VMBUS_CHMSG_CLOSE_RESERVED_CHANNEL	= 19,
	VMBUS_CHMSG_CLOSE_RESERVED_RESPONSE	= 20,	/* Win10+ */
	VMBUS_CHMSG_TL_CONNECT_REQUEST		= 21,	/* guest->host, Win10+ */
	VMBUS_CHMSG_MODIFY_CHANNEL		= 22,	/* guest->host, 4.1+ */
	VMBUS_CHMSG_TL_CONNECT_RESULT		= 23,	/* host->guest, 4.1+ */
	VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE	= 24,	/* host->guest, 5.3+ */
	VMBUS_CHMSG_MODIFY_CONNECTION		= 25,	/* guest->host, 6.0+ */
	VMBUS_CHMSG_MODIFY_CONNECTION_RESPONSE	= 26,	/* host->guest, 6.0+ */
	VMBUS_CHMSG_PAUSE			= 27,	/* 6.0+ */
	VMBUS_CHMSG_PAUSE_RESPONSE		= 28,	/* 6.0+ */
	VMBUS_CHMSG_RESUME			= 29,	/* 6.0+ */
	VMBUS_CHMSG_COUNT
};

/*
 * Header of every channel message, at the start of the SynIC payload.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_message_header); OpenVMM vmbus_core/src/
 * protocol.rs (MessageHeader); FreeBSD sys/dev/hyperv/vmbus/vmbus_reg.h
 * (struct vmbus_chanmsg_hdr).
 */
struct vmbus_chmsg_header {
	u32 type;		/* enum vmbus_chmsg_type */
	u32 reserved;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_header, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_header, type, 0);

/* --- Offers -------------------------------------------------------- */

/*
 * Offer flags (struct vmbus_chmsg_offer.flags). Bits 0x2 and 0x4 changed
 * meaning: Linux 6.12 calls them "server supports transfer pages" and
 * "server supports GPADLs", while OpenVMM, mu_msvm and the Linux 6.0
 * confidential VMBus patches use them for confidential channels (only
 * valid from 6.0 with VMBUS_FEATURE_CONFIDENTIAL_CHANNELS; mu_msvm has
 * only 0x2, as "confidential channel"). 0x100, 0x200 and 0x400 are known
 * to Linux only; OpenVMM treats them as reserved.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (VMBUS_CHANNEL_*); OpenVMM vmbus_core/src/protocol.rs (OfferFlags);
 * mu_msvm MsvmPkg/VmbusDxe/ChannelMessages.h (VMBUS_OFFER_FLAG_*);
 * linux-hyperv "[PATCH hyperv-next v6 02/17] Drivers: hv: VMBus protocol
 * version 6.0" (2025-10-03).
 */
#define VMBUS_OFFER_FLAG_ENUMERATE_DEVICE_INTERFACE	0x0001
#define VMBUS_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER	0x0002
#define VMBUS_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY	0x0004
#define VMBUS_OFFER_FLAG_NAMED_PIPE_MODE		0x0010
#define VMBUS_OFFER_FLAG_LOOPBACK			0x0100
#define VMBUS_OFFER_FLAG_PARENT				0x0200
#define VMBUS_OFFER_FLAG_REQUEST_MONITORED_NOTIFICATION	0x0400
#define VMBUS_OFFER_FLAG_TLNPI_PROVIDER			0x2000	/* hv_sock */

/* struct vmbus_chmsg_offer.monitor_flags */
#define VMBUS_OFFER_MONITOR_ALLOCATED		0x01
/* struct vmbus_chmsg_offer.interrupt_flags: do not set the relid bit */
#define VMBUS_OFFER_DEDICATED_INTERRUPT		0x0001

/*
 * User-defined area of offers and open requests: 120 bytes; named-pipe
 * offers start it with a u32 pipe mode, leaving 116 bytes.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (MAX_USER_DEFINED_BYTES, MAX_PIPE_USER_DEFINED_BYTES,
 * VMBUS_PIPE_TYPE_*); OpenVMM vmbus_core/src/protocol.rs
 * (UserDefinedData, PipeType).
 */
#define VMBUS_USER_DEFINED_SIZE		120
#define VMBUS_PIPE_USER_DEFINED_SIZE	116
#define VMBUS_PIPE_MODE_BYTE		0x00000000
#define VMBUS_PIPE_MODE_MESSAGE		0x00000004

struct vmbus_offer_pipe_udata {
	u32 pipe_mode;		/* VMBUS_PIPE_MODE_* */
	u8 user_def[VMBUS_PIPE_USER_DEFINED_SIZE];
} __packed;

HV_ASSERT_SIZE(struct vmbus_offer_pipe_udata, VMBUS_USER_DEFINED_SIZE);

/*
 * hv_sock (TLNPI provider) offers: pipe parameters followed by the
 * socket parameters. is_for_guest_accept is non-zero when the host
 * initiated the connection (Linux reads it as user_def[0] of the pipe
 * form). version is VMBUS_HVSOCK_PARAMS_*.
 * Source: OpenVMM vmbus_core/src/protocol.rs (HvsockUserDefinedParameters,
 * HvsockParametersVersion); Debian linux-source-6.12,
 * net/vmw_vsock/hyperv_transport.c (conn_from_host).
 */
#define VMBUS_HVSOCK_PARAMS_PRE_RS5	0
#define VMBUS_HVSOCK_PARAMS_RS5		1

struct vmbus_offer_hvsock_udata {
	u32 pipe_mode;
	u8 is_for_guest_accept;
	u8 is_for_guest_container;
	u32 version;		/* VMBUS_HVSOCK_PARAMS_*, unaligned */
	struct hv_guid silo_id;
	u8 reserved[2];
} __packed;

HV_ASSERT_SIZE(struct vmbus_offer_hvsock_udata, 28);
HV_ASSERT_OFFSET(struct vmbus_offer_hvsock_udata, is_for_guest_accept, 4);
HV_ASSERT_OFFSET(struct vmbus_offer_hvsock_udata, version, 6);
HV_ASSERT_OFFSET(struct vmbus_offer_hvsock_udata, silo_id, 10);

union vmbus_offer_udata {
	u8 raw[VMBUS_USER_DEFINED_SIZE];
	struct vmbus_offer_pipe_udata pipe;
	struct vmbus_offer_hvsock_udata hvsock;
} __packed;

HV_ASSERT_SIZE(union vmbus_offer_udata, VMBUS_USER_DEFINED_SIZE);

/*
 * VMBUS_CHMSG_OFFER (host->guest): 196 bytes with the header. The fields
 * from interrupt_flags on exist from Win7; older hosts send 190 bytes.
 * sub_channel_index is 0 for a primary channel (Win8+). monitor_id picks
 * trigger group monitor_id / 32, bit monitor_id % 32 of the monitor pages,
 * so it must be below VMBUS_MONITOR_ID_COUNT when monitor_flags says
 * allocated. Sources disagree on bytes 40-55 (Linux: u64 reserved1/2,
 * OpenVMM: u32 rsvd[4], mu_msvm: "may be non-zero before Windows 8") and
 * 182-183 (Linux: reserved3; OpenVMM and mu_msvm: mmio_megabytes_optional).
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_offer_channel, struct vmbus_channel_offer),
 * drivers/hv/channel_mgmt.c (monitor_grp/monitor_bit, min_payload_len);
 * OpenVMM vmbus_core/src/protocol.rs (OfferChannel); mu_msvm
 * MsvmPkg/VmbusDxe/ChannelMessages.h (VMBUS_CHANNEL_OFFER_CHANNEL,
 * VMBUS_CHANNEL_OFFER_CHANNEL_SIZE_PRE_WIN7).
 */
struct vmbus_chmsg_offer {
	struct vmbus_chmsg_header header;
	struct hv_guid if_type;		/* device class, see guid.h */
	struct hv_guid if_instance;	/* this device */
	u64 reserved1;
	u64 reserved2;
	u16 flags;			/* VMBUS_OFFER_FLAG_* */
	u16 mmio_megabytes;		/* MMIO space the device needs, MiB */
	union vmbus_offer_udata udata;
	u16 sub_channel_index;
	u16 mmio_megabytes_optional;
	u32 child_relid;
	u8 monitor_id;
	u8 monitor_flags;		/* VMBUS_OFFER_MONITOR_ALLOCATED */
	u16 interrupt_flags;		/* VMBUS_OFFER_DEDICATED_INTERRUPT */
	u32 connection_id;		/* to signal this channel, Win7+ */
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_offer, 196);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, if_type, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, if_instance, 24);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, flags, 56);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, mmio_megabytes, 58);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, udata, 60);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, udata.pipe.pipe_mode, 60);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, sub_channel_index, 180);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, child_relid, 184);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, monitor_id, 188);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, monitor_flags, 189);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, interrupt_flags, 190);
HV_ASSERT_OFFSET(struct vmbus_chmsg_offer, connection_id, 192);

#define VMBUS_CHMSG_OFFER_SIZE_PRE_WIN7	190
static_assert(offsetof(struct vmbus_chmsg_offer, interrupt_flags) ==
	      VMBUS_CHMSG_OFFER_SIZE_PRE_WIN7, "pre-Win7 offer ends at interrupt_flags");

/*
 * VMBUS_CHMSG_RESCIND (host->guest): the channel is gone; the guest
 * answers with RELID_RELEASED once it has stopped using the relid.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_rescind_offer, struct vmbus_channel_relid_released);
 * OpenVMM vmbus_core/src/protocol.rs (RescindChannelOffer, RelIdReleased).
 */
struct vmbus_chmsg_rescind {
	struct vmbus_chmsg_header header;
	u32 child_relid;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_rescind, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_rescind, child_relid, 8);

/* VMBUS_CHMSG_RELID_RELEASED (guest->host). */
struct vmbus_chmsg_relid_released {
	struct vmbus_chmsg_header header;
	u32 child_relid;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_relid_released, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_relid_released, child_relid, 8);

/*
 * Header-only messages: REQUEST_OFFERS and UNLOAD (guest->host),
 * ALL_OFFERS_DELIVERED and UNLOAD_RESPONSE (host->guest), and the 6.0
 * PAUSE, PAUSE_RESPONSE and RESUME.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h (comment after
 * struct vmbus_channel_rescind_offer), drivers/hv/channel_mgmt.c
 * (channel_message_table: min length 0); OpenVMM vmbus_core/src/
 * protocol.rs (RequestOffers, Unload, UnloadComplete, AllOffersDelivered,
 * Pause, PauseResponse, Resume: empty structs).
 */
struct vmbus_chmsg_request_offers {
	struct vmbus_chmsg_header header;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_request_offers, 8);

struct vmbus_chmsg_all_offers_delivered {
	struct vmbus_chmsg_header header;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_all_offers_delivered, 8);

struct vmbus_chmsg_unload {
	struct vmbus_chmsg_header header;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_unload, 8);

struct vmbus_chmsg_unload_response {
	struct vmbus_chmsg_header header;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_unload_response, 8);

/* --- Opening and closing channels ---------------------------------- */

/*
 * VMBUS_CHMSG_OPEN_CHANNEL (guest->host). The ring GPADL holds the
 * guest->host ring at page 0 and the host->guest ring at
 * downstream_ring_offset pages. target_vp receives the host->guest
 * interrupt (Win8+; VMBUS_TARGET_VP_NONE disables it). open_id is echoed
 * in OPEN_RESULT.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_open_channel); OpenVMM vmbus_core/src/protocol.rs
 * (OpenChannel, VP_INDEX_DISABLE_INTERRUPT); FreeBSD sys/dev/hyperv/vmbus/
 * vmbus_reg.h (struct vmbus_chanmsg_chopen).
 */
#define VMBUS_TARGET_VP_NONE		0xffffffff

struct vmbus_chmsg_open_channel {
	struct vmbus_chmsg_header header;
	u32 child_relid;
	u32 open_id;
	u32 ring_gpadl;
	u32 target_vp;
	u32 downstream_ring_offset;	/* in Hyper-V pages */
	u8 user_data[VMBUS_USER_DEFINED_SIZE];
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_open_channel, 148);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_channel, child_relid, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_channel, open_id, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_channel, ring_gpadl, 16);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_channel, target_vp, 20);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_channel, downstream_ring_offset, 24);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_channel, user_data, 28);

/*
 * 6.0 form of OPEN_CHANNEL, used when VMBUS_FEATURE_GUEST_SIGNAL_PARAMS
 * or VMBUS_FEATURE_INTERRUPT_REDIRECTION was negotiated: the guest picks
 * the connection id and event flag it will signal with, and may ask for
 * redirected interrupts.
 * Source: OpenVMM vmbus_core/src/protocol.rs (OpenChannel2,
 * OpenChannelFlags); mu_msvm MsvmPkg/VmbusDxe/ChannelMessages.h
 * (VMBUS_CHANNEL_OPEN_CHANNEL, VMBUS_OPEN_FLAG_REDIRECT_INTERRUPT).
 */
#define VMBUS_OPEN_FLAG_REDIRECT_INTERRUPT	0x0001

struct vmbus_chmsg_open_channel_v6 {
	struct vmbus_chmsg_open_channel base;
	u32 connection_id;
	u16 event_flag;
	u16 flags;		/* VMBUS_OPEN_FLAG_* */
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_open_channel_v6, 156);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_channel_v6, connection_id, 148);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_channel_v6, event_flag, 152);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_channel_v6, flags, 154);

/*
 * VMBUS_CHMSG_OPEN_RESULT (host->guest); status 0 is success.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_open_result); OpenVMM vmbus_core/src/protocol.rs
 * (OpenResult).
 */
struct vmbus_chmsg_open_result {
	struct vmbus_chmsg_header header;
	u32 child_relid;
	u32 open_id;
	u32 status;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_open_result, 20);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_result, child_relid, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_result, open_id, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_result, status, 16);

/*
 * VMBUS_CHMSG_CLOSE_CHANNEL (guest->host); there is no reply.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_close_channel); OpenVMM (CloseChannel).
 */
struct vmbus_chmsg_close_channel {
	struct vmbus_chmsg_header header;
	u32 child_relid;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_close_channel, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_close_channel, child_relid, 8);

/*
 * VMBUS_CHMSG_MODIFY_CHANNEL (guest->host, 4.1+): move the channel's
 * interrupt to target_vp. From 5.3 the host answers with
 * MODIFY_CHANNEL_RESPONSE (status 0 is success).
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_modifychannel,
 * struct vmbus_channel_modifychannel_response); OpenVMM vmbus_core/src/
 * protocol.rs (ModifyChannel, ModifyChannelResponse and their versions).
 */
struct vmbus_chmsg_modify_channel {
	struct vmbus_chmsg_header header;
	u32 child_relid;
	u32 target_vp;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_modify_channel, 16);
HV_ASSERT_OFFSET(struct vmbus_chmsg_modify_channel, child_relid, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_modify_channel, target_vp, 12);

struct vmbus_chmsg_modify_channel_response {
	struct vmbus_chmsg_header header;
	u32 child_relid;
	u32 status;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_modify_channel_response, 16);
HV_ASSERT_OFFSET(struct vmbus_chmsg_modify_channel_response, child_relid, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_modify_channel_response, status, 12);

/*
 * Reserved channels (18-20, Win10+): not used by Linux guests; listed for
 * completeness.
 * Source: OpenVMM vmbus_core/src/protocol.rs (OpenReservedChannel,
 * CloseReservedChannel, CloseReservedChannelResponse); mu_msvm
 * MsvmPkg/VmbusDxe/ChannelMessages.h (VMBUS_CHANNEL_OPEN_RESERVED_CHANNEL
 * and the two close messages).
 */
struct vmbus_chmsg_open_reserved_channel {
	struct vmbus_chmsg_header header;
	u32 child_relid;
	u32 target_vp;
	u32 target_sint;
	u32 ring_gpadl;
	u32 downstream_ring_offset;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_open_reserved_channel, 28);
HV_ASSERT_OFFSET(struct vmbus_chmsg_open_reserved_channel, ring_gpadl, 20);

struct vmbus_chmsg_close_reserved_channel {
	struct vmbus_chmsg_header header;
	u32 child_relid;
	u32 target_vp;
	u32 target_sint;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_close_reserved_channel, 20);
HV_ASSERT_OFFSET(struct vmbus_chmsg_close_reserved_channel, target_sint, 16);

struct vmbus_chmsg_close_reserved_response {
	struct vmbus_chmsg_header header;
	u32 child_relid;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_close_reserved_response, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_close_reserved_response, child_relid, 8);

/* --- GPADLs -------------------------------------------------------- */

/*
 * VMBUS_CHMSG_GPADL_HEADER (guest->host) starts a GPADL: range_count
 * variable-length struct vmbus_gpa_range records (see ring.h), range_buflen
 * bytes in all, of which this message carries the first part. PFNs that do
 * not fit follow in GPADL_BODY messages, then the host answers
 * GPADL_CREATED. gpadl is a handle chosen by the guest.
 * With a single range, one header message carries at most 26 PFNs and
 * each body message at most 28.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_gpadl_header, struct vmbus_channel_gpadl_body),
 * drivers/hv/channel.c (create_gpadl_header: pfnsize arithmetic);
 * FreeBSD sys/dev/hyperv/vmbus/vmbus_reg.h (VMBUS_CHANMSG_GPADL_CONN_PGMAX
 * = 26, VMBUS_CHANMSG_GPADL_SUBCONN_PGMAX = 28); OpenVMM vmbus_core/src/
 * protocol.rs (GpadlHeader, GpadlBody: MAX_DATA_VALUES).
 */
struct vmbus_chmsg_gpadl_header {
	struct vmbus_chmsg_header header;
	u32 child_relid;
	u32 gpadl;
	u16 range_buflen;
	u16 range_count;
	u8 ranges[];
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_gpadl_header, 20);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_header, child_relid, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_header, gpadl, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_header, range_buflen, 16);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_header, range_count, 18);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_header, ranges, 20);

#define VMBUS_GPADL_HEADER_MAX_PFNS	26

static_assert(sizeof(struct vmbus_chmsg_gpadl_header) + sizeof(struct vmbus_gpa_range) +
	      VMBUS_GPADL_HEADER_MAX_PFNS * sizeof(u64) <= HV_SYNIC_MSG_PAYLOAD_MAX &&
	      sizeof(struct vmbus_chmsg_gpadl_header) + sizeof(struct vmbus_gpa_range) +
	      (VMBUS_GPADL_HEADER_MAX_PFNS + 1) * sizeof(u64) > HV_SYNIC_MSG_PAYLOAD_MAX,
	      "26 PFNs fit in a GPADL header message, 27 do not");

/*
 * VMBUS_CHMSG_GPADL_BODY (guest->host). Linux calls the first word
 * msgnumber, mu_msvm MessageNumber and OpenVMM rsvd.
 * The PFN count follows from the payload size.
 */
struct vmbus_chmsg_gpadl_body {
	struct vmbus_chmsg_header header;
	u32 msg_number;
	u32 gpadl;
	u64 pfn[];
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_gpadl_body, 16);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_body, gpadl, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_body, pfn, 16);

#define VMBUS_GPADL_BODY_MAX_PFNS	28

static_assert(sizeof(struct vmbus_chmsg_gpadl_body) +
	      VMBUS_GPADL_BODY_MAX_PFNS * sizeof(u64) == HV_SYNIC_MSG_PAYLOAD_MAX,
	      "28 PFNs fill a GPADL body message");

/*
 * VMBUS_CHMSG_GPADL_CREATED (host->guest); status 0 is success.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_gpadl_created); OpenVMM (GpadlCreated).
 */
struct vmbus_chmsg_gpadl_created {
	struct vmbus_chmsg_header header;
	u32 child_relid;
	u32 gpadl;
	u32 status;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_gpadl_created, 20);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_created, child_relid, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_created, gpadl, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_created, status, 16);

/*
 * VMBUS_CHMSG_GPADL_TEARDOWN (guest->host), answered by GPADL_TORNDOWN
 * (host->guest), which names only the handle.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_gpadl_teardown, struct vmbus_channel_gpadl_torndown);
 * OpenVMM (GpadlTeardown, GpadlTorndown).
 */
struct vmbus_chmsg_gpadl_teardown {
	struct vmbus_chmsg_header header;
	u32 child_relid;
	u32 gpadl;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_gpadl_teardown, 16);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_teardown, gpadl, 12);

struct vmbus_chmsg_gpadl_torndown {
	struct vmbus_chmsg_header header;
	u32 gpadl;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_gpadl_torndown, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_gpadl_torndown, gpadl, 8);

/* --- Connection ---------------------------------------------------- */

/*
 * 6.0 feature flags: the guest lists what it wants in INITIATE_CONTACT,
 * the host answers with what it grants in VERSION_RESPONSE.
 * Source: OpenVMM vmbus_core/src/protocol.rs (FeatureFlags: 0x1-0x20);
 * mu_msvm MsvmPkg/VmbusDxe/ChannelMessages.h (VMBUS_FEATURE_FLAG_*:
 * 0x1-0x10); OpenVMM vm/devices/vmbus/vmbus_server/src/tests.rs
 * (server_specified_monitor_pages, with VersionResponse3) for 0x40; the
 * Linux confidential VMBus patches (VMBUS_FEATURE_FLAG_CONFIDENTIAL_CHANNELS
 * = 0x10). No source defines a bit 0x80.
 */
#define VMBUS_FEATURE_GUEST_SIGNAL_PARAMS		0x00000001
#define VMBUS_FEATURE_INTERRUPT_REDIRECTION		0x00000002
#define VMBUS_FEATURE_MODIFY_CONNECTION			0x00000004
#define VMBUS_FEATURE_CLIENT_ID				0x00000008
#define VMBUS_FEATURE_CONFIDENTIAL_CHANNELS		0x00000010
#define VMBUS_FEATURE_PAUSE_RESUME			0x00000020
#define VMBUS_FEATURE_SERVER_MONITOR_PAGES		0x00000040

/*
 * VMBUS_CHMSG_INITIATE_CONTACT (guest->host). Before 5.0 the third word
 * is the GPA of the guest's interrupt page (VMBUS_INTERRUPT_PAGE_*); from
 * 5.0 it is the SINT the host should message (VMBUS_MSG_SINT) and the
 * guest's VTL, and from 6.0 its upper half holds the requested feature
 * flags. The monitor page GPAs are guest pages of HV_PAGE_SIZE (Linux ORs
 * in the shared-GPA boundary on SNP guests). mu_msvm dates msg_vtl to 5.1;
 * Linux fills it from 5.0.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_initiate_contact), drivers/hv/connection.c
 * (vmbus_try_connection_id); OpenVMM vmbus_core/src/protocol.rs
 * (InitiateContact, TargetInfo); mu_msvm MsvmPkg/VmbusDxe/
 * ChannelMessages.h (VMBUS_CHANNEL_INITIATE_CONTACT).
 */
struct vmbus_chmsg_initiate_contact {
	struct vmbus_chmsg_header header;
	u32 version;			/* VMBUS_VERSION_* requested */
	u32 target_vp;			/* VP to deliver the messages to */
	union {
		u64 interrupt_page;	/* before 5.0 */
		struct {
			u8 msg_sint;	/* 5.0+ */
			u8 msg_vtl;	/* 5.0+ (5.1 per mu_msvm) */
			u8 reserved[2];
			u32 feature_flags;	/* 6.0+, VMBUS_FEATURE_* */
		} __packed;
	};
	u64 monitor_page_p2c;		/* parent->child monitor page GPA */
	u64 monitor_page_c2p;		/* child->parent monitor page GPA */
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_initiate_contact, 40);
HV_ASSERT_OFFSET(struct vmbus_chmsg_initiate_contact, version, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_initiate_contact, target_vp, 12);
HV_ASSERT_OFFSET(struct vmbus_chmsg_initiate_contact, interrupt_page, 16);
HV_ASSERT_OFFSET(struct vmbus_chmsg_initiate_contact, msg_sint, 16);
HV_ASSERT_OFFSET(struct vmbus_chmsg_initiate_contact, msg_vtl, 17);
HV_ASSERT_OFFSET(struct vmbus_chmsg_initiate_contact, feature_flags, 20);
HV_ASSERT_OFFSET(struct vmbus_chmsg_initiate_contact, monitor_page_p2c, 24);
HV_ASSERT_OFFSET(struct vmbus_chmsg_initiate_contact, monitor_page_c2p, 32);

/*
 * 6.0 form with VMBUS_FEATURE_CLIENT_ID: a GUID naming the kind of guest
 * (Windows, Linux, UEFI...). The host tells the forms apart by size.
 * Source: OpenVMM vmbus_core/src/protocol.rs (InitiateContact2); mu_msvm
 * MsvmPkg/VmbusDxe/ChannelMessages.h (ClientId,
 * VMBUS_CHANNEL_INITIATE_CONTACT_MIN_SIZE).
 */
struct vmbus_chmsg_initiate_contact_v6 {
	struct vmbus_chmsg_initiate_contact base;
	struct hv_guid client_id;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_initiate_contact_v6, 56);
HV_ASSERT_OFFSET(struct vmbus_chmsg_initiate_contact_v6, client_id, 40);

/*
 * VMBUS_CHMSG_VERSION_RESPONSE (host->guest). version_supported is a
 * boolean; connection_state (VMBUS_CONN_STATE_*) is meaningful only when
 * it is true and the request was Win8 or later. From 5.0 the last word is
 * the message connection id for everything after INITIATE_CONTACT; OpenVMM
 * and mu_msvm also name it the selected version. A 6.0 host that accepts
 * 6.0 appends supported_features; with VMBUS_FEATURE_SERVER_MONITOR_PAGES
 * granted it appends the monitor page GPAs the guest must use instead of
 * its own. The guest tells the forms apart by payload size.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_version_response); OpenVMM vmbus_core/src/
 * protocol.rs (VersionResponse, VersionResponse2, ConnectionState) and
 * vmbus_server/src/tests.rs (VersionResponse3); mu_msvm MsvmPkg/VmbusDxe/
 * ChannelMessages.h (VMBUS_CHANNEL_VERSION_RESPONSE). The 4-byte pad
 * before the GPAs is from a third-party port of OpenVMM's VersionResponse3
 * (ProjectMile/Mile.HyperV): not yet confirmed against OpenVMM itself.
 */
#define VMBUS_CONN_STATE_SUCCESS		0
#define VMBUS_CONN_STATE_LOW_RESOURCES		1
#define VMBUS_CONN_STATE_UNKNOWN_FAILURE	2

struct vmbus_chmsg_version_response {
	struct vmbus_chmsg_header header;
	u8 version_supported;
	u8 connection_state;
	u16 reserved;
	union {
		u32 msg_conn_id;	/* 5.0+, when version_supported */
		u32 selected_version;
	};
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_version_response, 16);
HV_ASSERT_OFFSET(struct vmbus_chmsg_version_response, version_supported, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_version_response, connection_state, 9);
HV_ASSERT_OFFSET(struct vmbus_chmsg_version_response, msg_conn_id, 12);

struct vmbus_chmsg_version_response_v6 {
	struct vmbus_chmsg_version_response base;
	u32 supported_features;		/* VMBUS_FEATURE_* */
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_version_response_v6, 20);
HV_ASSERT_OFFSET(struct vmbus_chmsg_version_response_v6, supported_features, 16);

struct vmbus_chmsg_version_response_v6_monitor {
	struct vmbus_chmsg_version_response_v6 base;
	u32 reserved;
	u64 monitor_page_p2c;
	u64 monitor_page_c2p;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_version_response_v6_monitor, 40);
HV_ASSERT_OFFSET(struct vmbus_chmsg_version_response_v6_monitor, monitor_page_p2c, 24);
HV_ASSERT_OFFSET(struct vmbus_chmsg_version_response_v6_monitor, monitor_page_c2p, 32);

/*
 * VMBUS_CHMSG_MODIFY_CONNECTION (guest->host, 6.0 with
 * VMBUS_FEATURE_MODIFY_CONNECTION): replace the monitor pages; answered
 * by MODIFY_CONNECTION_RESPONSE carrying a VMBUS_CONN_STATE_* byte.
 * Source: OpenVMM vmbus_core/src/protocol.rs (ModifyConnection,
 * ModifyConnectionResponse); mu_msvm MsvmPkg/VmbusDxe/ChannelMessages.h
 * (VMBUS_CHANNEL_MODIFY_CONNECTION[_RESPONSE]).
 */
struct vmbus_chmsg_modify_connection {
	struct vmbus_chmsg_header header;
	u64 monitor_page_p2c;
	u64 monitor_page_c2p;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_modify_connection, 24);
HV_ASSERT_OFFSET(struct vmbus_chmsg_modify_connection, monitor_page_c2p, 16);

struct vmbus_chmsg_modify_connection_response {
	struct vmbus_chmsg_header header;
	u8 connection_state;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_modify_connection_response, 9);
HV_ASSERT_OFFSET(struct vmbus_chmsg_modify_connection_response, connection_state, 8);

/* 6.0 pause/resume (VMBUS_FEATURE_PAUSE_RESUME): header only. */
struct vmbus_chmsg_pause {
	struct vmbus_chmsg_header header;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_pause, 8);

struct vmbus_chmsg_pause_response {
	struct vmbus_chmsg_header header;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_pause_response, 8);

struct vmbus_chmsg_resume {
	struct vmbus_chmsg_header header;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_resume, 8);

/* --- hv_sock ------------------------------------------------------- */

/*
 * VMBUS_CHMSG_TL_CONNECT_REQUEST (guest->host, Win10+): ask the host to
 * offer an hv_sock channel between the two endpoints. From 5.2 the
 * message may carry a silo id; OpenVMM accepts either size. The host may
 * answer with TL_CONNECT_RESULT (4.1+).
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmbus_channel_tl_connect_request); OpenVMM vmbus_core/src/
 * protocol.rs (TlConnectRequest, TlConnectRequest2, TlConnectResult);
 * mu_msvm MsvmPkg/VmbusDxe/ChannelMessages.h
 * (VMBUS_CHANNEL_TL_CONNECT_REQUEST, _RESULT).
 */
struct vmbus_chmsg_tl_connect_request {
	struct vmbus_chmsg_header header;
	struct hv_guid guest_endpoint_id;
	struct hv_guid host_service_id;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_tl_connect_request, 40);
HV_ASSERT_OFFSET(struct vmbus_chmsg_tl_connect_request, guest_endpoint_id, 8);
HV_ASSERT_OFFSET(struct vmbus_chmsg_tl_connect_request, host_service_id, 24);

struct vmbus_chmsg_tl_connect_request_v5_2 {
	struct vmbus_chmsg_tl_connect_request base;
	struct hv_guid silo_id;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_tl_connect_request_v5_2, 56);
HV_ASSERT_OFFSET(struct vmbus_chmsg_tl_connect_request_v5_2, silo_id, 40);

struct vmbus_chmsg_tl_connect_result {
	struct vmbus_chmsg_header header;
	struct hv_guid guest_endpoint_id;
	struct hv_guid host_service_id;
	u32 status;
} __packed;

HV_ASSERT_SIZE(struct vmbus_chmsg_tl_connect_result, 44);
HV_ASSERT_OFFSET(struct vmbus_chmsg_tl_connect_result, status, 40);

/* Every channel message fits in one SynIC payload. */
static_assert(sizeof(struct vmbus_chmsg_offer) <= HV_SYNIC_MSG_PAYLOAD_MAX, "offer fits");
static_assert(sizeof(struct vmbus_chmsg_open_channel_v6) <= HV_SYNIC_MSG_PAYLOAD_MAX,
	      "open channel fits");

/* ------------------------------------------------------------------ */
/* Monitor pages and the interrupt page                                */
/* ------------------------------------------------------------------ */

/*
 * Monitored notification: two guest pages named in INITIATE_CONTACT.
 * The guest signals a channel whose offer has a monitor id by setting bit
 * monitor_id % 32 in trigger_group[monitor_id / 32].pending of the
 * child->parent page. Naturally aligned, not __packed: the pending words
 * are updated atomically.
 * Source: Debian linux-source-6.12, drivers/hv/hyperv_vmbus.h
 * (struct hv_monitor_page and its offset table), drivers/hv/
 * channel_mgmt.c (monitor_grp/monitor_bit), drivers/hv/connection.c
 * (monitor_pages[0] parent->child, [1] child->parent); FreeBSD
 * sys/dev/hyperv/vmbus/vmbus_reg.h (struct vmbus_mnf: the same layout,
 * with reserved2 and next_check_time merged into one 536-byte gap);
 * Hyper-V TLFS (HV_MONITOR_PAGE).
 */
#define VMBUS_MONITOR_GROUP_COUNT	4
#define VMBUS_MONITOR_GROUP_BITS	32
#define VMBUS_MONITOR_ID_COUNT		(VMBUS_MONITOR_GROUP_COUNT * VMBUS_MONITOR_GROUP_BITS)

/* trigger_state: bits 0-3 enable trigger groups 0-3 */
#define VMBUS_MONITOR_GROUP_ENABLE_MASK	0x0000000f

struct vmbus_monitor_trigger_group {
	u32 pending;
	u32 armed;
};

HV_ASSERT_SIZE(struct vmbus_monitor_trigger_group, 8);
HV_ASSERT_OFFSET(struct vmbus_monitor_trigger_group, armed, 4);

/* Same layout as the HvSignalEvent input. */
struct vmbus_monitor_parameter {
	u32 connection_id;
	u16 flag_number;
	u16 reserved;
};

HV_ASSERT_SIZE(struct vmbus_monitor_parameter, 8);
HV_ASSERT_OFFSET(struct vmbus_monitor_parameter, flag_number, 4);

struct vmbus_monitor_page {
	u32 trigger_state;
	u32 reserved1;
	struct vmbus_monitor_trigger_group trigger_group[VMBUS_MONITOR_GROUP_COUNT];
	u64 reserved2[3];
	s32 next_check_time[VMBUS_MONITOR_GROUP_COUNT][VMBUS_MONITOR_GROUP_BITS];
	u16 latency[VMBUS_MONITOR_GROUP_COUNT][VMBUS_MONITOR_GROUP_BITS];
	u64 reserved3[32];
	struct vmbus_monitor_parameter
		parameter[VMBUS_MONITOR_GROUP_COUNT][VMBUS_MONITOR_GROUP_BITS];
	u8 reserved4[1984];
};

HV_ASSERT_SIZE(struct vmbus_monitor_page, HV_PAGE_SIZE);
HV_ASSERT_OFFSET(struct vmbus_monitor_page, trigger_state, 0x0);
HV_ASSERT_OFFSET(struct vmbus_monitor_page, trigger_group, 0x8);
HV_ASSERT_OFFSET(struct vmbus_monitor_page, reserved2, 0x28);
HV_ASSERT_OFFSET(struct vmbus_monitor_page, next_check_time, 0x40);
HV_ASSERT_OFFSET(struct vmbus_monitor_page, latency, 0x240);
HV_ASSERT_OFFSET(struct vmbus_monitor_page, reserved3, 0x340);
HV_ASSERT_OFFSET(struct vmbus_monitor_page, parameter, 0x440);
HV_ASSERT_OFFSET(struct vmbus_monitor_page, reserved4, 0x840);

/*
 * Interrupt page (INITIATE_CONTACT before 5.0): one Hyper-V page, the
 * first half host->guest relid bits, the second half guest->host. Linux
 * sets a channel's relid bit in the guest->host half before HvSignalEvent
 * unless the offer has VMBUS_OFFER_DEDICATED_INTERRUPT. Linux 6.12 reads
 * host->guest events from the SINT 2 event flags, which bounds the relids
 * it can see to HV_SYNIC_EVENT_FLAGS_COUNT.
 * Source: Debian linux-source-6.12, drivers/hv/connection.c (int_page,
 * recv_int_page, send_int_page, vmbus_set_event), drivers/hv/
 * hyperv_vmbus.h (MAX_NUM_CHANNELS, MAX_CHANNEL_RELIDS), drivers/hv/
 * vmbus_drv.c (vmbus_chan_sched).
 */
#define VMBUS_INTERRUPT_PAGE_RECV_OFFSET	0
#define VMBUS_INTERRUPT_PAGE_SEND_OFFSET	(HV_PAGE_SIZE / 2)
#define VMBUS_INTERRUPT_PAGE_MAX_RELIDS		(HV_PAGE_SIZE / 2 * 8)

#endif /* _HV_PROTO_VMBUS_H */
