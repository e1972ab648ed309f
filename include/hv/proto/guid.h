/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMBus GUIDs as they appear on the wire, and the device class GUIDs that
 * the host puts in the interface-type field of a channel offer.
 *
 * Byte order: a GUID written as aabbccdd-eeff-gghh-iijj-kkllmmnnoopp is
 * sent as dd cc bb aa ff ee hh gg ii jj kk ll mm nn oo pp, i.e. the first
 * three fields little-endian and the last eight bytes as written (the
 * Microsoft GUID / RFC 4122 "mixed-endian" encoding, same as the kernel's
 * guid_t). Source: Debian linux-source-6.12, include/linux/uuid.h
 * (GUID_INIT) and include/linux/hyperv.h (struct vmbus_channel_offer uses
 * guid_t).
 */
#ifndef _HV_PROTO_GUID_H
#define _HV_PROTO_GUID_H

#include "types.h"

/* A GUID in wire byte order. Our own type so that user space builds too. */
struct hv_guid {
	u8 b[16];
};

HV_ASSERT_SIZE(struct hv_guid, 16);

/*
 * Build a struct hv_guid from the 16 hex byte pairs of the textual form,
 * given in the order they are written: HV_GUID(0xaa, 0xbb, 0xcc, 0xdd,
 * 0xee, 0xff, 0xgg, 0xhh, 0xii, ..., 0xpp). The macro reorders them into
 * wire order; HV_GUID_BYTES() gives the same bytes as a brace-enclosed
 * initializer of any 16-byte array.
 */
#define HV_GUID_BYTES(a3, a2, a1, a0, b1, b0, c1, c0,			\
		      d0, d1, d2, d3, d4, d5, d6, d7)			\
	{ (a0), (a1), (a2), (a3), (b0), (b1), (c0), (c1),		\
	  (d0), (d1), (d2), (d3), (d4), (d5), (d6), (d7) }
#define HV_GUID(...)	((struct hv_guid){ HV_GUID_BYTES(__VA_ARGS__) })

/*
 * Device class GUIDs (offer interface type). Unless stated otherwise the
 * source is Debian linux-source-6.12, include/linux/hyperv.h (HV_*_GUID)
 * and drivers/hv/channel_mgmt.c (vmbus_devs[], the table behind the vmbus
 * sysfs class_id/device names); all twelve listed in the project's
 * PROTOCOL-FACTS.md agree with it. OpenVMM vm/devices/vmbus/vmbus_core/
 * src/protocol.rs (OfferChannel::inspect_extra) agrees for network, SCSI,
 * vPCI, the five integration components, RDV and AVMA2.
 */

/*
 * Synthetic network (netvsc): f8615163-df3e-46c5-913f-f2d2f965ed0e.
 * The classes our drivers bind come as bytes too (_BYTES), for a
 * driver's device table: a constant initializer of its guid_t.
 */
#define VMBUS_GUID_NETWORK_BYTES					\
	HV_GUID_BYTES(0xf8, 0x61, 0x51, 0x63, 0xdf, 0x3e, 0x46, 0xc5,	\
		      0x91, 0x3f, 0xf2, 0xd2, 0xf9, 0x65, 0xed, 0x0e)
#define VMBUS_GUID_NETWORK						\
	((struct hv_guid){ VMBUS_GUID_NETWORK_BYTES })

/* Synthetic SCSI (storvsc): ba6163d9-04a1-4d29-b605-72e2ffb1dc7f */
#define VMBUS_GUID_SCSI_BYTES						\
	HV_GUID_BYTES(0xba, 0x61, 0x63, 0xd9, 0x04, 0xa1, 0x4d, 0x29,	\
		      0xb6, 0x05, 0x72, 0xe2, 0xff, 0xb1, 0xdc, 0x7f)
#define VMBUS_GUID_SCSI							\
	((struct hv_guid){ VMBUS_GUID_SCSI_BYTES })

/* Synthetic IDE (storvsc): 32412632-86cb-44a2-9b5c-50d1417354f5 */
#define VMBUS_GUID_IDE							\
	HV_GUID(0x32, 0x41, 0x26, 0x32, 0x86, 0xcb, 0x44, 0xa2,		\
		0x9b, 0x5c, 0x50, 0xd1, 0x41, 0x73, 0x54, 0xf5)

/* Synthetic Fibre Channel (storvsc): 2f9bcc4a-0069-4af3-b76b-6fd0be528cda */
#define VMBUS_GUID_FIBRE_CHANNEL					\
	HV_GUID(0x2f, 0x9b, 0xcc, 0x4a, 0x00, 0x69, 0x4a, 0xf3,		\
		0xb7, 0x6b, 0x6f, 0xd0, 0xbe, 0x52, 0x8c, 0xda)

/* Shutdown IC: 0e0b6031-5213-4934-818b-38d90ced39db */
#define VMBUS_GUID_SHUTDOWN_BYTES					\
	HV_GUID_BYTES(0x0e, 0x0b, 0x60, 0x31, 0x52, 0x13, 0x49, 0x34,	\
		      0x81, 0x8b, 0x38, 0xd9, 0x0c, 0xed, 0x39, 0xdb)
#define VMBUS_GUID_SHUTDOWN						\
	((struct hv_guid){ VMBUS_GUID_SHUTDOWN_BYTES })

/* Time synchronisation IC: 9527e630-d0ae-497b-adce-e80ab0175caf */
#define VMBUS_GUID_TIMESYNC_BYTES					\
	HV_GUID_BYTES(0x95, 0x27, 0xe6, 0x30, 0xd0, 0xae, 0x49, 0x7b,	\
		      0xad, 0xce, 0xe8, 0x0a, 0xb0, 0x17, 0x5c, 0xaf)
#define VMBUS_GUID_TIMESYNC						\
	((struct hv_guid){ VMBUS_GUID_TIMESYNC_BYTES })

/* Heartbeat IC: 57164f39-9115-4e78-ab55-382f3bd5422d */
#define VMBUS_GUID_HEARTBEAT_BYTES					\
	HV_GUID_BYTES(0x57, 0x16, 0x4f, 0x39, 0x91, 0x15, 0x4e, 0x78,	\
		      0xab, 0x55, 0x38, 0x2f, 0x3b, 0xd5, 0x42, 0x2d)
#define VMBUS_GUID_HEARTBEAT						\
	((struct hv_guid){ VMBUS_GUID_HEARTBEAT_BYTES })

/* Key-value pair exchange IC: a9a0f4e7-5a45-4d96-b827-8a841e8c03e6 */
#define VMBUS_GUID_KVP_BYTES						\
	HV_GUID_BYTES(0xa9, 0xa0, 0xf4, 0xe7, 0x5a, 0x45, 0x4d, 0x96,	\
		      0xb8, 0x27, 0x8a, 0x84, 0x1e, 0x8c, 0x03, 0xe6)
#define VMBUS_GUID_KVP							\
	((struct hv_guid){ VMBUS_GUID_KVP_BYTES })

/*
 * Volume shadow copy (backup) IC: 35fa2e29-ea23-4236-96ae-3a6ebacba440.
 * Upstream calls the device "backup" (HV_BACKUP) and the GUID HV_VSS_GUID.
 */
#define VMBUS_GUID_VSS							\
	HV_GUID(0x35, 0xfa, 0x2e, 0x29, 0xea, 0x23, 0x42, 0x36,		\
		0x96, 0xae, 0x3a, 0x6e, 0xba, 0xcb, 0xa4, 0x40)

/* Dynamic memory (balloon): 525074dc-8985-46e2-8057-a307dc18a502 */
#define VMBUS_GUID_DYNAMIC_MEMORY					\
	HV_GUID(0x52, 0x50, 0x74, 0xdc, 0x89, 0x85, 0x46, 0xe2,		\
		0x80, 0x57, 0xa3, 0x07, 0xdc, 0x18, 0xa5, 0x02)

/*
 * Virtual PCI / PCI Express pass-through: 44c4f61d-4444-4400-9d52-802e27ede19f.
 * "vPCI" and upstream's "PCI Express Pass Through" (HV_PCIE_GUID) are the
 * same class.
 */
#define VMBUS_GUID_VPCI							\
	HV_GUID(0x44, 0xc4, 0xf6, 0x1d, 0x44, 0x44, 0x44, 0x00,		\
		0x9d, 0x52, 0x80, 0x2e, 0x27, 0xed, 0xe1, 0x9f)

/* Guest file copy service: 34d14be3-dee4-41c8-9ae7-6b174977c192 */
#define VMBUS_GUID_FILE_COPY						\
	HV_GUID(0x34, 0xd1, 0x4b, 0xe3, 0xde, 0xe4, 0x41, 0xc8,		\
		0x9a, 0xe7, 0x6b, 0x17, 0x49, 0x77, 0xc1, 0x92)

/* Synthetic keyboard: f912ad6d-2b17-48ea-bd65-f927a61c7684 */
#define VMBUS_GUID_KEYBOARD						\
	HV_GUID(0xf9, 0x12, 0xad, 0x6d, 0x2b, 0x17, 0x48, 0xea,		\
		0xbd, 0x65, 0xf9, 0x27, 0xa6, 0x1c, 0x76, 0x84)

/* Synthetic mouse (HID): cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a */
#define VMBUS_GUID_MOUSE						\
	HV_GUID(0xcf, 0xa8, 0xb6, 0x9e, 0x5b, 0x4a, 0x4c, 0xc0,		\
		0xb9, 0x8b, 0x8b, 0xa1, 0xa1, 0xf3, 0xf9, 0x5a)

/* Synthetic video (framebuffer): da0a7802-e377-4aac-8e77-0558eb1073f8 */
#define VMBUS_GUID_SYNTHVID						\
	HV_GUID(0xda, 0x0a, 0x78, 0x02, 0xe3, 0x77, 0x4a, 0xac,		\
		0x8e, 0x77, 0x05, 0x58, 0xeb, 0x10, 0x73, 0xf8)

/* NetworkDirect (guest RDMA): 8c2eaf3d-32a7-4b09-ab99-bd1f1c86b501 */
#define VMBUS_GUID_NETWORK_DIRECT					\
	HV_GUID(0x8c, 0x2e, 0xaf, 0x3d, 0x32, 0xa7, 0x4b, 0x09,		\
		0xab, 0x99, 0xbd, 0x1f, 0x1c, 0x86, 0xb5, 0x01)

/*
 * Classes upstream knows only in order to leave them unbound: two for
 * Automatic Virtual Machine Activation (OpenVMM calls the second one
 * "inherited activation"), Remote Desktop Virtualization, and Initial
 * Machine Configuration (used by Windows guests only).
 */

/* AVMA 1: f8e65716-3cb3-4a06-9a60-1889c5cccab5 */
#define VMBUS_GUID_AVMA1						\
	HV_GUID(0xf8, 0xe6, 0x57, 0x16, 0x3c, 0xb3, 0x4a, 0x06,		\
		0x9a, 0x60, 0x18, 0x89, 0xc5, 0xcc, 0xca, 0xb5)

/* AVMA 2 / inherited activation: 3375baf4-9e15-4b30-b765-67acb10d607b */
#define VMBUS_GUID_AVMA2						\
	HV_GUID(0x33, 0x75, 0xba, 0xf4, 0x9e, 0x15, 0x4b, 0x30,		\
		0xb7, 0x65, 0x67, 0xac, 0xb1, 0x0d, 0x60, 0x7b)

/* Remote Desktop Virtualization: 276aacf4-ac15-426c-98dd-7521ad3f01fe */
#define VMBUS_GUID_RDV							\
	HV_GUID(0x27, 0x6a, 0xac, 0xf4, 0xac, 0x15, 0x42, 0x6c,		\
		0x98, 0xdd, 0x75, 0x21, 0xad, 0x3f, 0x01, 0xfe)

/* Initial Machine Configuration: c376c1c3-d276-48d2-90a9-c04748072c60 */
#define VMBUS_GUID_IMC							\
	HV_GUID(0xc3, 0x76, 0xc1, 0xc3, 0xd2, 0x76, 0x48, 0xd2,		\
		0x90, 0xa9, 0xc0, 0x47, 0x48, 0x07, 0x2c, 0x60)

#endif /* _HV_PROTO_GUID_H */
