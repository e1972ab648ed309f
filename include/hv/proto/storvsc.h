/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The synthetic storage protocol (storvsc guest, storvsp host) spoken on
 * the SCSI, IDE-accelerator and Fibre Channel VMBus channels (class GUIDs
 * in guid.h).
 *
 * Every message is one struct vstor_packet. The guest sends requests as
 * in-band packets (VMBUS_PKT_DATA_INBAND) or, when an SRB moves data, as
 * GPA-direct packets (VMBUS_PKT_DATA_GPA_DIRECT, ring.h) whose page ranges
 * describe the data buffer; it sets VMBUS_PKT_FLAG_COMPLETION_REQUESTED
 * and the host answers with a VMBUS_PKT_COMPLETION carrying the same
 * trans_id and a vstor_packet whose operation is VSTOR_OP_COMPLETE_IO.
 * Unsolicited host messages (REMOVE_DEVICE, ENUMERATE_BUS, FC_HBA_DATA)
 * are in-band packets with trans_id 0.
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (storvsc_do_io, storvsc_on_channel_callback: "Hyper-V can send an
 * unsolicited message with ID of 0").
 *
 * The packet size depends on the negotiated version: before Win8 the SRB
 * lacks its last 16 bytes, so the packet is VSTOR_PACKET_SIZE_PRE_WIN8
 * bytes; from Win8 on it is VSTOR_PACKET_SIZE (VSTOR_PACKET_SIZE_FOR()).
 */
#ifndef _HV_PROTO_STORVSC_H
#define _HV_PROTO_STORVSC_H

#include "types.h"

/* ------------------------------------------------------------------ */
/* Protocol versions                                                   */
/* ------------------------------------------------------------------ */

/*
 * A version is major << 8 | minor in a u16. The guest asks for one per
 * QUERY_PROTOCOL_VERSION, newest first; the host answers status 0 for a
 * version it speaks (OpenVMM: REVISION_MISMATCH otherwise).
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (VMSTOR_PROTO_VERSION_*; Linux asks only for 6.2, 6.0, 5.1); FreeBSD
 * sys/dev/hyperv/storvsc/hv_vstorage.h (VMSTOR_PROTOCOL_VERSION_*);
 * OpenVMM vm/devices/storage/storvsp_protocol/src/lib.rs (VERSION_WIN6 ..
 * VERSION_THRESHOLD, names in brackets). PROTOCOL-FACTS.md also lists a
 * 10.0; none of these sources defines it, so it is left out.
 */
#define VSTOR_MAKE_VERSION(major, minor)	(((major) << 8) | (minor))
#define VSTOR_VERSION_MAJOR(version)		(((version) >> 8) & 0xff)
#define VSTOR_VERSION_MINOR(version)		((version) & 0xff)

#define VSTOR_VERSION_WIN6	VSTOR_MAKE_VERSION(2, 0)	/* WS2008 [WIN6] */
#define VSTOR_VERSION_WIN7	VSTOR_MAKE_VERSION(4, 2)	/* WS2008 R2 [WIN7] */
#define VSTOR_VERSION_WIN8	VSTOR_MAKE_VERSION(5, 1)	/* WS2012 [WIN8] */
#define VSTOR_VERSION_WIN8_1	VSTOR_MAKE_VERSION(6, 0)	/* WS2012 R2 [BLUE] */
#define VSTOR_VERSION_WIN10	VSTOR_MAKE_VERSION(6, 2)	/* WS2016+ [THRESHOLD] */

static_assert(VSTOR_VERSION_WIN8 == 0x0501, "5.1 is 0x501");
static_assert(VSTOR_VERSION_WIN10 == 0x0602, "6.2 is 0x602");

/* ------------------------------------------------------------------ */
/* Operations, packet flags, status                                    */
/* ------------------------------------------------------------------ */

/*
 * vstor_packet.operation. EVENT_NOTIFICATION is defined only by OpenVMM.
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (enum vstor_packet_operation); FreeBSD hv_vstorage.h
 * (enum vstor_packet_ops); OpenVMM storvsp_protocol (enum Operation).
 */
enum vstor_op {
	VSTOR_OP_COMPLETE_IO		= 1,	/* host->guest: every answer */
	VSTOR_OP_REMOVE_DEVICE		= 2,	/* host->guest, unsolicited */
	VSTOR_OP_EXECUTE_SRB		= 3,
	VSTOR_OP_RESET_LUN		= 4,
	VSTOR_OP_RESET_ADAPTER		= 5,
	VSTOR_OP_RESET_BUS		= 6,
	VSTOR_OP_BEGIN_INITIALIZATION	= 7,
	VSTOR_OP_END_INITIALIZATION	= 8,
	VSTOR_OP_QUERY_PROTOCOL_VERSION	= 9,
	VSTOR_OP_QUERY_PROPERTIES	= 10,
	VSTOR_OP_ENUMERATE_BUS		= 11,	/* host->guest, unsolicited */
	VSTOR_OP_FC_HBA_DATA		= 12,
	VSTOR_OP_CREATE_SUB_CHANNELS	= 13,	/* Win8+ multi-channel */
	VSTOR_OP_EVENT_NOTIFICATION	= 14,
};

/*
 * vstor_packet.flags: the guest wants an answer. The only flag a guest
 * may set (FreeBSD VSC_LEGAL_FLAGS).
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (REQUEST_COMPLETION_FLAG); FreeBSD hv_vstorage.h.
 */
#define VSTOR_FLAG_REQUEST_COMPLETION	0x1

/*
 * vstor_packet.status: an NTSTATUS, 0 on success. The guest only tests
 * for zero; the values below are what OpenVMM's storvsp returns.
 * Source: OpenVMM storvsp_protocol (enum NtStatus); Debian
 * linux-source-6.12, drivers/scsi/storvsc_drv.c (status != 0 checks).
 */
#define VSTOR_STATUS_SUCCESS			0x00000000u
#define VSTOR_STATUS_BUFFER_OVERFLOW		0x80000005u
#define VSTOR_STATUS_DEVICE_BUSY		0x80000011u
#define VSTOR_STATUS_UNSUCCESSFUL		0xc0000001u
#define VSTOR_STATUS_INVALID_PARAMETER		0xc000000du
#define VSTOR_STATUS_INVALID_DEVICE_REQUEST	0xc0000010u
#define VSTOR_STATUS_REVISION_MISMATCH		0xc0000059u
#define VSTOR_STATUS_DEVICE_NOT_CONNECTED	0xc000009du
#define VSTOR_STATUS_IO_TIMEOUT			0xc00000b5u
#define VSTOR_STATUS_DEVICE_DOES_NOT_EXIST	0xc00000c0u
#define VSTOR_STATUS_CANCELLED			0xc0000120u
#define VSTOR_STATUS_INVALID_DEVICE_STATE	0xc0000184u
#define VSTOR_STATUS_IO_DEVICE_ERROR		0xc0000185u

/* ------------------------------------------------------------------ */
/* SCSI request block (EXECUTE_SRB and its COMPLETE_IO answer)         */
/* ------------------------------------------------------------------ */

/*
 * The CDB and the sense data share one 20-byte area: the guest writes
 * the CDB, the host overwrites it with sense data in the answer. Sense
 * is 0x14 bytes from Win8 on; FreeBSD gives 0x12 before Win8.
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (STORVSC_MAX_CMD_LEN, STORVSC_SENSE_BUFFER_SIZE,
 * STORVSC_MAX_BUF_LEN_WITH_PADDING); FreeBSD hv_vstorage.h
 * (PRE_WIN8_STORVSC_SENSE_BUFFER_SIZE); OpenVMM storvsp_protocol
 * (CDB16GENERIC_LENGTH, VMSCSI_SENSE_BUFFER_SIZE).
 */
#define VSTOR_CDB_SIZE			16
#define VSTOR_SENSE_SIZE		0x14
#define VSTOR_SENSE_SIZE_PRE_WIN8	0x12
#define VSTOR_SRB_DATA_AREA_SIZE	0x14

/*
 * data_in: the transfer direction, seen from the guest.
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (enum storvsc_request_type: WRITE_TYPE, READ_TYPE, UNKNOWN_TYPE);
 * OpenVMM storvsp_protocol (SCSI_IOCTL_DATA_OUT = 0, SCSI_IOCTL_DATA_IN = 1).
 */
#define VSTOR_DATA_OUT			0	/* guest -> device (write) */
#define VSTOR_DATA_IN			1	/* device -> guest (read) */
#define VSTOR_DATA_NONE			2	/* no data / unspecified */

/*
 * The SRB. Sent with length = VSTOR_SRB_SIZE (or _PRE_WIN8),
 * sense_info_length = the sense space the guest offers and
 * data_transfer_length = bytes of the data buffer; the host answers with
 * srb_status, scsi_status, sense_info_length = bytes of sense written to
 * sense[] and data_transfer_length = bytes actually moved.
 * Sources differ on two bytes: Linux and FreeBSD call byte 4 the port
 * number (set by the guest), OpenVMM "reserved1"; OpenVMM calls byte 11
 * "properties", Linux and FreeBSD "reserved". Guests send 0 in byte 11.
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (struct vmscsi_request); FreeBSD hv_vstorage.h (struct vmscsi_req,
 * struct vmscsi_win8_extension); OpenVMM storvsp_protocol (ScsiRequest,
 * SCSI_REQUEST_LEN_V1 = 0x24, SCSI_REQUEST_LEN_V2 = 0x34).
 */
struct vstor_srb {
	u16 length;
	u8 srb_status;		/* SRB_STATUS_* code | SRB_STATUS_FLAG_* */
	u8 scsi_status;		/* SAM status byte */
	u8 port_number;
	u8 path_id;
	u8 target_id;
	u8 lun;
	u8 cdb_length;
	u8 sense_info_length;
	u8 data_in;		/* VSTOR_DATA_* */
	u8 properties;
	u32 data_transfer_length;
	union {
		u8 cdb[VSTOR_CDB_SIZE];
		u8 sense[VSTOR_SENSE_SIZE];
		u8 data_area[VSTOR_SRB_DATA_AREA_SIZE];
	};
	/* Win8 and later only: */
	u16 reserve;
	u8 queue_tag;		/* SRB_QUEUE_TAG_UNTAGGED */
	u8 queue_action;	/* SRB_SIMPLE_TAG_REQUEST */
	u32 srb_flags;		/* SRB_FLAGS_* */
	u32 time_out_value;	/* seconds */
	u32 queue_sort_key;
} __packed;

#define VSTOR_SRB_SIZE			0x34
#define VSTOR_SRB_SIZE_PRE_WIN8		0x24

HV_ASSERT_SIZE(struct vstor_srb, VSTOR_SRB_SIZE);
HV_ASSERT_OFFSET(struct vstor_srb, srb_status, 2);
HV_ASSERT_OFFSET(struct vstor_srb, scsi_status, 3);
HV_ASSERT_OFFSET(struct vstor_srb, port_number, 4);
HV_ASSERT_OFFSET(struct vstor_srb, path_id, 5);
HV_ASSERT_OFFSET(struct vstor_srb, target_id, 6);
HV_ASSERT_OFFSET(struct vstor_srb, lun, 7);
HV_ASSERT_OFFSET(struct vstor_srb, cdb_length, 8);
HV_ASSERT_OFFSET(struct vstor_srb, sense_info_length, 9);
HV_ASSERT_OFFSET(struct vstor_srb, data_in, 10);
HV_ASSERT_OFFSET(struct vstor_srb, properties, 11);
HV_ASSERT_OFFSET(struct vstor_srb, data_transfer_length, 12);
HV_ASSERT_OFFSET(struct vstor_srb, cdb, 16);
HV_ASSERT_OFFSET(struct vstor_srb, sense, 16);
HV_ASSERT_OFFSET(struct vstor_srb, reserve, VSTOR_SRB_SIZE_PRE_WIN8);
HV_ASSERT_OFFSET(struct vstor_srb, queue_tag, 38);
HV_ASSERT_OFFSET(struct vstor_srb, queue_action, 39);
HV_ASSERT_OFFSET(struct vstor_srb, srb_flags, 40);
HV_ASSERT_OFFSET(struct vstor_srb, time_out_value, 44);
HV_ASSERT_OFFSET(struct vstor_srb, queue_sort_key, 48);

/*
 * srb_status: the low 6 bits are a code, the top two bits are flags.
 * Source: FreeBSD hv_vstorage.h (SRB_STATUS_*, the full list); Debian
 * linux-source-6.12, drivers/scsi/storvsc_drv.c (the subset it tests,
 * same values, plus SRB_STATUS_INTERNAL_ERROR 0x30).
 */
#define SRB_STATUS_FLAG_QUEUE_FROZEN		0x40
#define SRB_STATUS_FLAG_AUTOSENSE_VALID		0x80
#define SRB_STATUS_CODE(status)			((status) & 0x3f)

#define SRB_STATUS_PENDING			0x00
#define SRB_STATUS_SUCCESS			0x01
#define SRB_STATUS_ABORTED			0x02
#define SRB_STATUS_ABORT_FAILED			0x03
#define SRB_STATUS_ERROR			0x04
#define SRB_STATUS_BUSY				0x05
#define SRB_STATUS_INVALID_REQUEST		0x06
#define SRB_STATUS_INVALID_PATH_ID		0x07
#define SRB_STATUS_NO_DEVICE			0x08
#define SRB_STATUS_TIMEOUT			0x09
#define SRB_STATUS_SELECTION_TIMEOUT		0x0a
#define SRB_STATUS_COMMAND_TIMEOUT		0x0b
#define SRB_STATUS_MESSAGE_REJECTED		0x0d
#define SRB_STATUS_BUS_RESET			0x0e
#define SRB_STATUS_PARITY_ERROR			0x0f
#define SRB_STATUS_REQUEST_SENSE_FAILED		0x10
#define SRB_STATUS_NO_HBA			0x11
#define SRB_STATUS_DATA_OVERRUN			0x12	/* also underrun */
#define SRB_STATUS_UNEXPECTED_BUS_FREE		0x13
#define SRB_STATUS_PHASE_SEQUENCE_FAILURE	0x14
#define SRB_STATUS_BAD_SRB_BLOCK_LENGTH		0x15
#define SRB_STATUS_REQUEST_FLUSHED		0x16
#define SRB_STATUS_INVALID_LUN			0x20
#define SRB_STATUS_INVALID_TARGET_ID		0x21
#define SRB_STATUS_BAD_FUNCTION			0x22
#define SRB_STATUS_ERROR_RECOVERY		0x23
#define SRB_STATUS_NOT_POWERED			0x24
#define SRB_STATUS_LINK_DOWN			0x25
#define SRB_STATUS_INTERNAL_ERROR		0x30

/*
 * srb_flags (Win8+ part of the SRB).
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (SRB_FLAGS_*); FreeBSD hv_vstorage.h (same values up to 0x400).
 */
#define SRB_FLAGS_QUEUE_ACTION_ENABLE		0x00000002
#define SRB_FLAGS_DISABLE_DISCONNECT		0x00000004
#define SRB_FLAGS_DISABLE_SYNCH_TRANSFER	0x00000008
#define SRB_FLAGS_BYPASS_FROZEN_QUEUE		0x00000010
#define SRB_FLAGS_DISABLE_AUTOSENSE		0x00000020
#define SRB_FLAGS_DATA_IN			0x00000040
#define SRB_FLAGS_DATA_OUT			0x00000080
#define SRB_FLAGS_NO_DATA_TRANSFER		0x00000000
#define SRB_FLAGS_UNSPECIFIED_DIRECTION		(SRB_FLAGS_DATA_IN | SRB_FLAGS_DATA_OUT)
#define SRB_FLAGS_NO_QUEUE_FREEZE		0x00000100
#define SRB_FLAGS_ADAPTER_CACHE_ENABLE		0x00000200
#define SRB_FLAGS_FREE_SENSE_BUFFER		0x00000400
#define SRB_FLAGS_D3_PROCESSING			0x00000800
#define SRB_FLAGS_IS_ACTIVE			0x00010000
#define SRB_FLAGS_ALLOCATED_FROM_ZONE		0x00020000
#define SRB_FLAGS_SGLIST_FROM_POOL		0x00040000
#define SRB_FLAGS_BYPASS_LOCKED_QUEUE		0x00080000
#define SRB_FLAGS_NO_KEEP_AWAKE			0x00100000
#define SRB_FLAGS_PORT_DRIVER_ALLOCSENSE	0x00200000
#define SRB_FLAGS_PORT_DRIVER_SENSEHASPORT	0x00400000
#define SRB_FLAGS_DONT_START_NEXT_PACKET	0x00800000
#define SRB_FLAGS_PORT_DRIVER_RESERVED		0x0f000000
#define SRB_FLAGS_CLASS_DRIVER_RESERVED		0xf0000000

/*
 * queue_tag / queue_action for a tagged (simple queue) request.
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (SP_UNTAGGED, SRB_SIMPLE_TAG_REQUEST).
 */
#define SRB_QUEUE_TAG_UNTAGGED			0xff
#define SRB_SIMPLE_TAG_REQUEST			0x20

/* ------------------------------------------------------------------ */
/* Other payloads                                                      */
/* ------------------------------------------------------------------ */

/*
 * QUERY_PROTOCOL_VERSION: the guest's proposal, echoed in the answer.
 * revision is used only by Windows; guests send 0.
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (struct vmstorage_protocol_version); OpenVMM storvsp_protocol
 * (ProtocolVersion).
 */
struct vstor_protocol_version {
	u16 major_minor;	/* VSTOR_VERSION_* */
	u16 revision;
} __packed;

HV_ASSERT_SIZE(struct vstor_protocol_version, 4);
HV_ASSERT_OFFSET(struct vstor_protocol_version, revision, 2);

/*
 * QUERY_PROPERTIES answer. max_channel_count is the number of
 * sub-channels the host can create; max_transfer_bytes bounds one SRB's
 * data. FreeBSD names the reserved fields (protocol version, path and
 * target id, port, unique id) but Linux and OpenVMM ignore them.
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (struct vmstorage_channel_properties, STORAGE_CHANNEL_SUPPORTS_MULTI_
 * CHANNEL); OpenVMM storvsp_protocol (ChannelProperties); FreeBSD
 * hv_vstorage.h (struct vmstor_chan_props).
 */
struct vstor_channel_properties {
	u32 reserved;
	u16 max_channel_count;
	u16 reserved1;
	u32 flags;		/* VSTOR_PROPERTY_* */
	u32 max_transfer_bytes;
	u64 reserved2;
} __packed;

HV_ASSERT_SIZE(struct vstor_channel_properties, 24);
HV_ASSERT_OFFSET(struct vstor_channel_properties, max_channel_count, 4);
HV_ASSERT_OFFSET(struct vstor_channel_properties, flags, 8);
HV_ASSERT_OFFSET(struct vstor_channel_properties, max_transfer_bytes, 12);
HV_ASSERT_OFFSET(struct vstor_channel_properties, reserved2, 16);

#define VSTOR_PROPERTY_SUPPORTS_MULTI_CHANNEL	0x1

/*
 * FC_HBA_DATA: world-wide names of the virtual Fibre Channel port.
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (struct hv_fc_wwn_packet).
 */
struct vstor_fc_wwn {
	u8 primary_active;
	u8 reserved[3];
	u8 primary_port_wwn[8];
	u8 primary_node_wwn[8];
	u8 secondary_port_wwn[8];
	u8 secondary_node_wwn[8];
} __packed;

HV_ASSERT_SIZE(struct vstor_fc_wwn, 36);
HV_ASSERT_OFFSET(struct vstor_fc_wwn, primary_port_wwn, 4);
HV_ASSERT_OFFSET(struct vstor_fc_wwn, secondary_node_wwn, 28);

/*
 * EVENT_NOTIFICATION payload (OpenVMM only).
 * Source: OpenVMM storvsp_protocol (NotificationPacket).
 */
struct vstor_notification {
	u8 lun;
	u8 target;
	u8 path;
	u8 flags;
} __packed;

HV_ASSERT_SIZE(struct vstor_notification, 4);

/* ------------------------------------------------------------------ */
/* The packet                                                          */
/* ------------------------------------------------------------------ */

/*
 * Source: Debian linux-source-6.12, drivers/scsi/storvsc_drv.c
 * (struct vstor_packet: 12-byte header, 0x34-byte union); FreeBSD
 * hv_vstorage.h (struct vstor_packet); OpenVMM storvsp_protocol (Packet:
 * operation, flags, status). Pre-Win8 packets end 16 bytes earlier, with
 * the short SRB (Linux before 5.x: vmscsi_size_delta).
 */
struct vstor_packet {
	u32 operation;		/* enum vstor_op */
	u32 flags;		/* VSTOR_FLAG_* */
	u32 status;		/* VSTOR_STATUS_*, answers only */
	union {
		struct vstor_srb srb;
		struct vstor_channel_properties properties;
		struct vstor_protocol_version version;
		struct vstor_fc_wwn fc_wwn;
		struct vstor_notification notification;
		u16 sub_channel_count;	/* CREATE_SUB_CHANNELS */
		u8 raw[VSTOR_SRB_SIZE];
	};
} __packed;

#define VSTOR_PACKET_HDR_SIZE		12
#define VSTOR_PACKET_SIZE		(VSTOR_PACKET_HDR_SIZE + VSTOR_SRB_SIZE)
#define VSTOR_PACKET_SIZE_PRE_WIN8	(VSTOR_PACKET_HDR_SIZE + VSTOR_SRB_SIZE_PRE_WIN8)

/* Bytes of a vstor_packet on the wire once @version is negotiated. */
#define VSTOR_PACKET_SIZE_FOR(version)					\
	((version) >= VSTOR_VERSION_WIN8 ? VSTOR_PACKET_SIZE :		\
	 VSTOR_PACKET_SIZE_PRE_WIN8)

HV_ASSERT_SIZE(struct vstor_packet, 64);
HV_ASSERT_OFFSET(struct vstor_packet, flags, 4);
HV_ASSERT_OFFSET(struct vstor_packet, status, 8);
HV_ASSERT_OFFSET(struct vstor_packet, srb, VSTOR_PACKET_HDR_SIZE);
HV_ASSERT_OFFSET(struct vstor_packet, properties, VSTOR_PACKET_HDR_SIZE);
HV_ASSERT_OFFSET(struct vstor_packet, version, VSTOR_PACKET_HDR_SIZE);
HV_ASSERT_OFFSET(struct vstor_packet, sub_channel_count, VSTOR_PACKET_HDR_SIZE);
static_assert(VSTOR_PACKET_SIZE == 64 && VSTOR_PACKET_SIZE_PRE_WIN8 == 48,
	      "vstor packet sizes");

/* ------------------------------------------------------------------ */
/* Offer                                                               */
/* ------------------------------------------------------------------ */

/*
 * The 120-byte user-defined area of a storage channel's offer starts with
 * this. Old Windows guests read path/target for IDE channels from it;
 * Linux derives the IDE target from the instance GUID instead.
 * Linux's STORAGE_CHANNEL_REMOVABLE_FLAG / _EMULATED_IDE_FLAG (0x1, 0x2)
 * are most likely these flags (OpenVMM: IDE device = 0x2).
 * Source: OpenVMM storvsp_protocol (OfferProperties,
 * OFFER_PROPERTIES_FLAG_IDE_DEVICE); Debian linux-source-6.12,
 * drivers/scsi/storvsc_drv.c (channel property flags, storvsc_probe).
 */
struct vstor_offer_properties {
	u16 reserved;
	u8 path_id;
	u8 target_id;
	u32 reserved2;
	u32 flags;		/* VSTOR_OFFER_FLAG_* */
	u32 reserved3[3];
} __packed;

HV_ASSERT_SIZE(struct vstor_offer_properties, 24);
HV_ASSERT_OFFSET(struct vstor_offer_properties, path_id, 2);
HV_ASSERT_OFFSET(struct vstor_offer_properties, flags, 8);

#define VSTOR_OFFER_FLAG_REMOVABLE	0x1
#define VSTOR_OFFER_FLAG_IDE_DEVICE	0x2

#endif /* _HV_PROTO_STORVSC_H */
