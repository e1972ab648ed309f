/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMBus ring buffers: the shared control page and the packets that travel
 * through the ring data area.
 *
 * A channel's ring-buffer GPADL holds two rings back to back: the
 * guest-to-host ("outbound") ring at page 0 and the host-to-guest one at
 * the page offset given in the open-channel message. Each ring is one
 * 4 KiB control page followed by the data area; indices are byte offsets
 * into the data area. Every packet is a descriptor, optional extra header,
 * payload, padding to 8 bytes, then an 8-byte trailer.
 */
#ifndef _HV_PROTO_RING_H
#define _HV_PROTO_RING_H

#include "types.h"

/*
 * Hyper-V's page: the unit of GPADL PFNs, ring sizes and the SynIC pages,
 * whatever the guest's own PAGE_SIZE (arm64 guests may use 64 KiB).
 * Source: Debian linux-source-6.12, include/asm-generic/hyperv-tlfs.h
 * (HV_HYP_PAGE_SHIFT); OpenVMM vm/devices/vmbus/vmbus_ring/src/lib.rs
 * (PAGE_SIZE = 4096, "4KB control page").
 */
#define HV_PAGE_SHIFT			12
#define HV_PAGE_SIZE			4096

static_assert(HV_PAGE_SIZE == 1 << HV_PAGE_SHIFT, "HV_PAGE_SIZE/SHIFT mismatch");

/*
 * Ring control page, shared with the host. Naturally aligned (not
 * __packed) because the indices are read and written concurrently with
 * the host; the asserts prove there is no padding.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct hv_ring_buffer); OpenVMM vm/devices/vmbus/vmbus_ring/src/lib.rs
 * (Control: words 0-3 and 16). Linux pads the page to the guest PAGE_SIZE,
 * but only its first 4 KiB is in the GPADL, so data starts at 4096 on the
 * wire.
 */
struct vmbus_ring_control {
	u32 write_index;	/* producer's next write offset in data area */
	u32 read_index;		/* consumer's next read offset in data area */
	u32 interrupt_mask;	/* non-zero: consumer does not want signals */
	u32 pending_send_size;	/* producer waits for this many free bytes */
	u32 reserved1[12];
	u32 feature_bits;	/* VMBUS_RING_FEAT_* */
	u8 reserved2[HV_PAGE_SIZE - 68];
};

HV_ASSERT_SIZE(struct vmbus_ring_control, 4096);
HV_ASSERT_OFFSET(struct vmbus_ring_control, write_index, 0);
HV_ASSERT_OFFSET(struct vmbus_ring_control, read_index, 4);
HV_ASSERT_OFFSET(struct vmbus_ring_control, interrupt_mask, 8);
HV_ASSERT_OFFSET(struct vmbus_ring_control, pending_send_size, 12);
HV_ASSERT_OFFSET(struct vmbus_ring_control, feature_bits, 64);

/* Offset of the ring data area from the start of each ring. */
#define VMBUS_RING_DATA_OFFSET		HV_PAGE_SIZE

/*
 * feature_bits: the owner of the ring sets bit 0 to say it honours
 * pending_send_size (sets it when waiting for space; signals the other
 * side when enough space appears). Windows Server 2012 and later hosts.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (feat_pending_send_sz); OpenVMM vmbus_ring/src/lib.rs
 * (FEATURE_SUPPORTS_PENDING_SEND_SIZE = 1).
 */
#define VMBUS_RING_FEAT_PENDING_SEND_SIZE	0x1

/*
 * Packet descriptor, first 16 bytes of every packet. offset8 and len8 are
 * in units of 8 bytes from the start of the descriptor: offset8 to the
 * payload, len8 to the end of the padded payload (trailer excluded).
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmpacket_descriptor); FreeBSD sys/dev/hyperv/include/vmbus.h
 * (struct vmbus_chanpkt_hdr); OpenVMM vmbus_ring/src/lib.rs
 * (PacketDescriptor).
 */
struct vmbus_pkt_desc {
	u16 type;		/* enum vmbus_pkt_type */
	u16 offset8;
	u16 len8;
	u16 flags;		/* VMBUS_PKT_FLAG_* */
	u64 trans_id;
} __packed;

HV_ASSERT_SIZE(struct vmbus_pkt_desc, 16);
HV_ASSERT_OFFSET(struct vmbus_pkt_desc, type, 0);
HV_ASSERT_OFFSET(struct vmbus_pkt_desc, offset8, 2);
HV_ASSERT_OFFSET(struct vmbus_pkt_desc, len8, 4);
HV_ASSERT_OFFSET(struct vmbus_pkt_desc, flags, 6);
HV_ASSERT_OFFSET(struct vmbus_pkt_desc, trans_id, 8);

/* Packet lengths and offsets are in these units; packets are so aligned. */
#define VMBUS_PKT_ALIGN_SHIFT		3
#define VMBUS_PKT_ALIGN			8

static_assert(VMBUS_PKT_ALIGN == 1 << VMBUS_PKT_ALIGN_SHIFT, "VMBUS_PKT_ALIGN/SHIFT mismatch");

/*
 * flags: the sender wants a VMBUS_PKT_COMPLETION carrying the same
 * trans_id. OpenVMM rejects any other flag bit as corrupt.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (VMBUS_DATA_PACKET_FLAG_COMPLETION_REQUESTED); OpenVMM vmbus_ring/src/
 * lib.rs (PACKET_FLAG_COMPLETION_REQUESTED, parse_packet).
 */
#define VMBUS_PKT_FLAG_COMPLETION_REQUESTED	0x1

/*
 * Packet types. OpenVMM accepts only in-band, transfer pages, GPA direct
 * and completion, and FreeBSD defines only those four; Linux lists all.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (enum vmbus_packet_type); OpenVMM vmbus_ring/src/lib.rs
 * (PACKET_TYPE_*); FreeBSD sys/dev/hyperv/include/vmbus.h
 * (VMBUS_CHANPKT_TYPE_*).
 */
enum vmbus_pkt_type {
	VMBUS_PKT_INVALID			= 0x0,
	VMBUS_PKT_SYNCH				= 0x1,
	VMBUS_PKT_ADD_XFER_PAGESET		= 0x2,
	VMBUS_PKT_RM_XFER_PAGESET		= 0x3,
	VMBUS_PKT_ESTABLISH_GPADL		= 0x4,
	VMBUS_PKT_TEARDOWN_GPADL		= 0x5,
	VMBUS_PKT_DATA_INBAND			= 0x6,
	VMBUS_PKT_DATA_XFER_PAGES		= 0x7,
	VMBUS_PKT_DATA_GPADL			= 0x8,
	VMBUS_PKT_DATA_GPA_DIRECT		= 0x9,
	VMBUS_PKT_CANCEL_REQUEST		= 0xa,
	VMBUS_PKT_COMPLETION			= 0xb,
	VMBUS_PKT_DATA_ADDITIONAL_PKT		= 0xc,
	VMBUS_PKT_ADDITIONAL_DATA		= 0xd,
};

/*
 * Trailer after every packet: the write index at which the packet
 * started, in the upper 32 bits of a little-endian u64 (lower half zero).
 * Source: Debian linux-source-6.12, drivers/hv/ring_buffer.c
 * (VMBUS_PKT_TRAILER = 8, hv_get_ring_bufferindices: write_index << 32);
 * OpenVMM vmbus_ring/src/lib.rs (Footer { reserved: u32, offset: u32 }).
 */
struct vmbus_pkt_trailer {
	u32 reserved;
	u32 start_index;
} __packed;

HV_ASSERT_SIZE(struct vmbus_pkt_trailer, 8);
HV_ASSERT_OFFSET(struct vmbus_pkt_trailer, start_index, 4);

#define VMBUS_PKT_TRAILER_SIZE		8
#define VMBUS_PKT_TRAILER_VALUE(index)	((u64)(index) << 32)

/*
 * Range of guest physical pages: byte_count bytes starting byte_offset
 * bytes into the first PFN, over as many Hyper-V pages as that spans.
 * Used in GPADL header messages and GPA direct packets, where ranges are
 * variable-length and so are walked, not indexed.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct gpa_range); FreeBSD sys/dev/hyperv/include/vmbus.h
 * (struct vmbus_gpa_range).
 */
struct vmbus_gpa_range {
	u32 byte_count;
	u32 byte_offset;
	u64 pfn[];
} __packed;

HV_ASSERT_SIZE(struct vmbus_gpa_range, 8);
HV_ASSERT_OFFSET(struct vmbus_gpa_range, byte_offset, 4);
HV_ASSERT_OFFSET(struct vmbus_gpa_range, pfn, 8);

/*
 * One range of a transfer-page packet: offset and length in the
 * transfer page set (for netvsc, the receive buffer).
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmtransfer_page_range); OpenVMM vmbus_ring/src/lib.rs
 * (TransferPageRange).
 */
struct vmbus_xfer_page_range {
	u32 byte_count;
	u32 byte_offset;
} __packed;

HV_ASSERT_SIZE(struct vmbus_xfer_page_range, 8);
HV_ASSERT_OFFSET(struct vmbus_xfer_page_range, byte_offset, 4);

/*
 * VMBUS_PKT_DATA_XFER_PAGES: descriptor, then this header, then
 * range_count ranges; offset8 points past the ranges.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmtransfer_page_packet_header). Sources disagree on byte 18:
 * Linux names it sender_owns_set, FreeBSD (struct vmbus_chanpkt_rxbuf)
 * and OpenVMM (TransferPageHeader) fold bytes 18-19 into one reserved u16
 * that "may have garbage": do not validate either byte.
 */
struct vmbus_pkt_xfer_pages {
	struct vmbus_pkt_desc desc;
	u16 xfer_pageset_id;
	u8 sender_owns_set;
	u8 reserved;
	u32 range_count;
	struct vmbus_xfer_page_range ranges[];
} __packed;

HV_ASSERT_SIZE(struct vmbus_pkt_xfer_pages, 24);
HV_ASSERT_OFFSET(struct vmbus_pkt_xfer_pages, xfer_pageset_id, 16);
HV_ASSERT_OFFSET(struct vmbus_pkt_xfer_pages, range_count, 20);
HV_ASSERT_OFFSET(struct vmbus_pkt_xfer_pages, ranges, 24);

/*
 * VMBUS_PKT_DATA_GPA_DIRECT: descriptor, this header, then range_count
 * variable-length struct vmbus_gpa_range records; offset8 points past
 * them. OpenVMM notes the reserved word may hold garbage.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmdata_gpa_direct); OpenVMM vmbus_ring/src/lib.rs
 * (GpaDirectHeader).
 */
struct vmbus_pkt_gpa_direct {
	struct vmbus_pkt_desc desc;
	u32 reserved;
	u32 range_count;
	u8 ranges[];
} __packed;

HV_ASSERT_SIZE(struct vmbus_pkt_gpa_direct, 24);
HV_ASSERT_OFFSET(struct vmbus_pkt_gpa_direct, range_count, 20);
HV_ASSERT_OFFSET(struct vmbus_pkt_gpa_direct, ranges, 24);

/*
 * Legacy in-ring GPADL and transfer-page-set packets (types 2-5 and 8).
 * Defined by Linux, which neither sends nor expects them.
 * Source: Debian linux-source-6.12, include/linux/hyperv.h
 * (struct vmgpadl_packet_header, vmadd_remove_transfer_page_set,
 * vmestablish_gpadl, vmteardown_gpadl, vmadditional_data).
 */
struct vmbus_pkt_gpadl {
	struct vmbus_pkt_desc desc;
	u32 gpadl;
	u32 reserved;
} __packed;

HV_ASSERT_SIZE(struct vmbus_pkt_gpadl, 24);
HV_ASSERT_OFFSET(struct vmbus_pkt_gpadl, gpadl, 16);

struct vmbus_pkt_xfer_pageset {
	struct vmbus_pkt_desc desc;
	u32 gpadl;
	u16 xfer_pageset_id;
	u16 reserved;
} __packed;

HV_ASSERT_SIZE(struct vmbus_pkt_xfer_pageset, 24);
HV_ASSERT_OFFSET(struct vmbus_pkt_xfer_pageset, xfer_pageset_id, 20);

struct vmbus_pkt_establish_gpadl {
	struct vmbus_pkt_desc desc;
	u32 gpadl;
	u32 range_count;
	u8 ranges[];		/* struct vmbus_gpa_range records */
} __packed;

HV_ASSERT_SIZE(struct vmbus_pkt_establish_gpadl, 24);
HV_ASSERT_OFFSET(struct vmbus_pkt_establish_gpadl, range_count, 20);

struct vmbus_pkt_additional_data {
	struct vmbus_pkt_desc desc;
	u64 total_bytes;
	u32 offset;
	u32 byte_count;
	u8 data[];
} __packed;

HV_ASSERT_SIZE(struct vmbus_pkt_additional_data, 32);
HV_ASSERT_OFFSET(struct vmbus_pkt_additional_data, byte_count, 28);

#endif /* _HV_PROTO_RING_H */
