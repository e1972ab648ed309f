/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Integration components (ICs): the small services a Hyper-V host offers
 * every guest over VMBus - heartbeat, shutdown, time synchronisation and
 * key-value pair exchange (KVP). Each is one channel whose in-band packets
 * carry a pipe header, an IC message header and the message body. The host
 * sends requests; the guest answers each with the same packet transaction
 * id, the response flag set and a status. Facts only.
 *
 * Sources, abbreviated below:
 *   [linux]   Debian linux-source-6.12: include/linux/hyperv.h (IC
 *             structs and constants), drivers/hv/hv_util.c (versions,
 *             shutdown flags, time sync), drivers/hv/hv_kvp.c (KVP
 *             versions), drivers/hv/channel_mgmt.c (negotiation),
 *             include/uapi/linux/hyperv.h (framework versions, status
 *             codes, KVP limits, operations, pools).
 *   [openvmm] Microsoft OpenVMM: vm/devices/hyperv_ic_protocol/src/lib.rs
 *             (header, flags, negotiate, heartbeat, shutdown),
 *             .../src/kvp.rs (KVP), vm/devices/hyperv_ic/src/common.rs
 *             (host side of negotiation), vm/devices/vmbus/vmbus_ring/
 *             src/lib.rs (pipe header).
 *   [freebsd] FreeBSD sys/dev/hyperv/utilities/vmbus_icreg.h and
 *             vmbus_ic.c.
 */
#ifndef _HV_PROTO_IC_H
#define _HV_PROTO_IC_H

#include "types.h"

/* ------------------------------------------------------------------ */
/* Framing                                                             */
/* ------------------------------------------------------------------ */

/*
 * Pipe header at the start of every IC packet payload: a packet type and
 * the number of bytes that follow it. Only "data" packets carry IC
 * messages. Source: [openvmm] vmbus_ring PipeHeader and
 * PIPE_PACKET_TYPE_DATA; [linux] struct vmbuspipe_hdr (flags, msgsize);
 * [freebsd] struct vmbus_pipe_hdr.
 */
struct ic_pipe_hdr {
	u32 type;		/* IC_PIPE_TYPE_* */
	u32 size;		/* bytes after this header */
};

HV_ASSERT_SIZE(struct ic_pipe_hdr, 8);
HV_ASSERT_OFFSET(struct ic_pipe_hdr, size, 4);

#define IC_PIPE_TYPE_DATA	1

/*
 * A version as the IC messages carry it: major then minor, 16 bits each.
 * In version tables we use the word major << 16 | minor, as [linux] does
 * (UTIL_FW_VERSION and friends). Source: [linux] struct ic_version;
 * [openvmm] Version.
 */
struct ic_version {
	u16 major;
	u16 minor;
};

HV_ASSERT_SIZE(struct ic_version, 4);

#define IC_VER(major, minor)	(((u32)(major) << 16) | (minor))
#define IC_VER_MAJOR(v)		((u16)((v) >> 16))
#define IC_VER_MINOR(v)		((u16)((v) & 0xffff))

/*
 * IC message header, right after the pipe header. @size is the length of
 * the body that follows. @trans_id and the packet's own transaction id
 * are both echoed in the answer. Source: [linux] struct icmsg_hdr;
 * [openvmm] Header; [freebsd] struct vmbus_icmsg_hdr.
 */
struct ic_hdr {
	struct ic_version framework;	/* framework version in use */
	u16 type;			/* IC_MSG_* */
	struct ic_version msg_version;	/* body version in use */
	u16 size;			/* body bytes after this header */
	u32 status;			/* IC_STATUS_* in answers */
	u8 trans_id;
	u8 flags;			/* IC_FLAG_* */
	u8 reserved[2];
};

HV_ASSERT_SIZE(struct ic_hdr, 20);
HV_ASSERT_OFFSET(struct ic_hdr, type, 4);
HV_ASSERT_OFFSET(struct ic_hdr, msg_version, 6);
HV_ASSERT_OFFSET(struct ic_hdr, size, 10);
HV_ASSERT_OFFSET(struct ic_hdr, status, 12);
HV_ASSERT_OFFSET(struct ic_hdr, trans_id, 16);
HV_ASSERT_OFFSET(struct ic_hdr, flags, 17);

/* Pipe header plus IC header: where every message body starts. */
#define IC_HDRS_LEN	(sizeof(struct ic_pipe_hdr) + sizeof(struct ic_hdr))

static_assert(IC_HDRS_LEN == 28, "IC bodies start at byte 28");

/*
 * Message types. [linux] calls 7 "FCOPY", [openvmm] "GUEST_INTERFACE";
 * neither is used here. Source: [linux] ICMSGTYPE_*; [openvmm]
 * MessageType; [freebsd] VMBUS_ICMSG_TYPE_*.
 */
enum ic_msg_type {
	IC_MSG_NEGOTIATE	= 0,
	IC_MSG_HEARTBEAT	= 1,
	IC_MSG_KVP		= 2,
	IC_MSG_SHUTDOWN		= 3,
	IC_MSG_TIMESYNC		= 4,
	IC_MSG_VSS		= 5,
};

/*
 * Header flags: "transaction" (an answer is expected / this is one),
 * request, response. Answers carry transaction | response. Source:
 * [linux] ICMSGHDRFLAG_*; [openvmm] HeaderFlags; [freebsd]
 * VMBUS_ICMSG_FLAG_*.
 */
#define IC_FLAG_TRANSACTION	0x01
#define IC_FLAG_REQUEST		0x02
#define IC_FLAG_RESPONSE	0x04

/*
 * Status codes (HRESULTs). NO_MORE_ITEMS ends a KVP enumeration; [linux]
 * calls it HV_S_CONT. Source: [linux] uapi HV_S_OK, HV_E_FAIL, HV_S_CONT;
 * [freebsd] VMBUS_ICMSG_STATUS_*.
 */
#define IC_STATUS_OK		0x00000000U
#define IC_STATUS_FAIL		0x80004005U
#define IC_STATUS_NO_MORE_ITEMS	0x80070103U

/*
 * Framework versions: 3.0 (Windows Server 2008 R2 and later) and 1.0
 * (Windows Server 2008). Source: [linux] uapi UTIL_FW_VERSION,
 * UTIL_WS2K8_FW_VERSION; [openvmm] FRAMEWORK_VERSIONS (1.0, 3.0).
 */
#define IC_FRAMEWORK_V1		IC_VER(1, 0)
#define IC_FRAMEWORK_V3		IC_VER(3, 0)

/* ------------------------------------------------------------------ */
/* Negotiation (IC_MSG_NEGOTIATE)                                      */
/* ------------------------------------------------------------------ */

/*
 * The host lists the framework versions it supports, then the message
 * versions; the guest answers with one of each (counts 1 and 1) or with
 * counts 0 and 0 when nothing matches. [linux] bounds each count by 100
 * and sets the answer's body size to 16 (this header and two versions);
 * [freebsd] grows the answer packet to hold them. Source: [linux] struct
 * icmsg_negotiate, IC_VERSION_NEGOTIATION_MAX_VER_COUNT,
 * vmbus_prep_negotiate_resp(); [openvmm] NegotiateMessage and the host
 * side in common.rs (expects counts 1/1 and two versions in an answer).
 */
struct ic_negotiate {
	u16 framework_count;
	u16 message_count;
	u32 reserved;
	/*
	 * Followed by framework_count framework versions, then
	 * message_count message versions (struct ic_version each).
	 */
};

HV_ASSERT_SIZE(struct ic_negotiate, 8);

#define IC_NEGOTIATE_MAX_COUNT	100
#define IC_NEGOTIATE_ANSWER_LEN	(sizeof(struct ic_negotiate) + 2 * sizeof(struct ic_version))

/* ------------------------------------------------------------------ */
/* Heartbeat (IC_MSG_HEARTBEAT)                                        */
/* ------------------------------------------------------------------ */

/*
 * The host sends a sequence number; the guest answers with it plus one.
 * [linux] declares 32 reserved bytes after it and reads only seq_num
 * ("the host may not fill the reserved area"); [openvmm] names the next
 * u32 the guest's application state, then 4 reserved bytes. Only seq_num
 * is required. Versions 3.0 and 1.0. Source: [linux] struct
 * heartbeat_msg_data, hb_versions[]; [openvmm] heartbeat::HeartbeatMessage;
 * [freebsd] VMBUS_ICMSG_HEARTBEAT_SIZE_MIN.
 */
struct ic_heartbeat {
	u64 seq_num;
	u32 app_state;
	u32 reserved;
};

HV_ASSERT_SIZE(struct ic_heartbeat, 16);
#define IC_HEARTBEAT_MIN_LEN	sizeof(u64)

#define IC_HEARTBEAT_V1		IC_VER(1, 0)
#define IC_HEARTBEAT_V3		IC_VER(3, 0)

/* ------------------------------------------------------------------ */
/* Shutdown (IC_MSG_SHUTDOWN)                                          */
/* ------------------------------------------------------------------ */

/*
 * Shutdown request: reason code, time allowed, flags and a 2048-byte
 * message for display. [freebsd] requires only the fields before the
 * text. Source: [linux] struct shutdown_msg_data; [openvmm]
 * shutdown::ShutdownMessage; [freebsd] VMBUS_ICMSG_SHUTDOWN_SIZE_MIN.
 */
struct ic_shutdown {
	u32 reason_code;
	u32 timeout_sec;
	u32 flags;			/* IC_SHUTDOWN_* */
	u8 message[2048];
};

HV_ASSERT_SIZE(struct ic_shutdown, 2060);
HV_ASSERT_OFFSET(struct ic_shutdown, flags, 8);
HV_ASSERT_OFFSET(struct ic_shutdown, message, 12);
#define IC_SHUTDOWN_MIN_LEN	12

/*
 * Flags: bit 0 force, bit 1 restart, bit 2 hibernate, the rest reserved;
 * no bit set means power off. [linux] accepts exactly the values 0-5 and
 * fails anything else. Source: [openvmm] ShutdownFlags; [linux]
 * shutdown_onchannelcallback().
 */
#define IC_SHUTDOWN_FORCE	0x1
#define IC_SHUTDOWN_RESTART	0x2
#define IC_SHUTDOWN_HIBERNATE	0x4

/*
 * Message versions: 3.2 added host-initiated hibernation. Source: [linux]
 * sd_versions[] (3.2, 3.1, 3.0, 1.0); [openvmm] SHUTDOWN_VERSIONS; the
 * project's PROTOCOL-FACTS.md.
 */
#define IC_SHUTDOWN_V1		IC_VER(1, 0)
#define IC_SHUTDOWN_V3		IC_VER(3, 0)
#define IC_SHUTDOWN_V3_1	IC_VER(3, 1)
#define IC_SHUTDOWN_V3_2	IC_VER(3, 2)

/* ------------------------------------------------------------------ */
/* Time synchronisation (IC_MSG_TIMESYNC)                              */
/* ------------------------------------------------------------------ */

/*
 * Times are in 100 ns units since 1601-01-01 (Windows FILETIME); this
 * many units lie between that and the Unix epoch. Source: [linux]
 * WLTIMEDELTA; [freebsd] VMBUS_ICMSG_TS_BASE.
 */
#define IC_TIME_UNIX_EPOCH	116444736000000000ULL
#define IC_TIME_UNIT_NS		100

/*
 * Message versions 1.0 and 3.0 use the "old" layout; 4.0 introduced the
 * "ref" layout that carries the partition reference time at which the
 * host took its sample. Source: [linux] ts_versions[] (4.0, 3.0, 1.0) and
 * timesync_onchannelcallback(); [freebsd] struct vmbus_icmsg_timesync.
 */
#define IC_TIMESYNC_V1		IC_VER(1, 0)
#define IC_TIMESYNC_V3		IC_VER(3, 0)
#define IC_TIMESYNC_V4		IC_VER(4, 0)

/* Versions 1.0 and 3.0. Source: [linux] struct ictimesync_data. */
struct ic_timesync_old {
	u64 parent_time;		/* host time */
	u64 child_time;
	u64 round_trip_time;
	u8 flags;			/* IC_TIMESYNC_* */
} __packed;

HV_ASSERT_SIZE(struct ic_timesync_old, 25);
HV_ASSERT_OFFSET(struct ic_timesync_old, flags, 24);

/*
 * Version 4.0. The reserved tail differs between sources (PROTOCOL-FACTS
 * .md), so only the bytes up to @flags are required. Source: [linux]
 * struct ictimesync_ref_data.
 */
struct ic_timesync_ref {
	u64 parent_time;		/* host time */
	u64 ref_time;			/* partition reference time of sample */
	u8 flags;			/* IC_TIMESYNC_* */
	u8 leap_flags;
	u8 stratum;
	u8 reserved[3];
} __packed;

HV_ASSERT_SIZE(struct ic_timesync_ref, 22);
HV_ASSERT_OFFSET(struct ic_timesync_ref, ref_time, 8);
HV_ASSERT_OFFSET(struct ic_timesync_ref, flags, 16);

#define IC_TIMESYNC_OLD_MIN_LEN	(offsetof(struct ic_timesync_old, flags) + 1)
#define IC_TIMESYNC_REF_MIN_LEN	(offsetof(struct ic_timesync_ref, flags) + 1)

/*
 * Flags: SYNC asks the guest to set its clock (sent after boot, resume
 * and restore); SAMPLE is a periodic sample the guest may use; no flag is
 * a probe. Source: [linux] ICTIMESYNCFLAG_*; [freebsd]
 * VMBUS_ICMSG_TS_FLAG_*.
 */
#define IC_TIMESYNC_PROBE	0x0
#define IC_TIMESYNC_SYNC	0x1
#define IC_TIMESYNC_SAMPLE	0x2

/* ------------------------------------------------------------------ */
/* Key-value pair exchange (IC_MSG_KVP)                                */
/* ------------------------------------------------------------------ */

/*
 * Message versions: 4.0 (Windows 8 / Server 2012) added IP injection,
 * 3.0 (Windows 7), 1.0 (Windows Server 2008). [openvmm]'s host also
 * offers 5.0, whose IP messages are binary; Linux guests stop at 4.0.
 * Source: [linux] hv_kvp.c kvp_versions[]; [openvmm] kvp.rs
 * KVP_VERSION_3..5 and prepare_get_ip_info().
 */
#define IC_KVP_V1		IC_VER(1, 0)
#define IC_KVP_V3		IC_VER(3, 0)
#define IC_KVP_V4		IC_VER(4, 0)
#define IC_KVP_V5		IC_VER(5, 0)	/* [openvmm] KVP_VERSION_5 */

/*
 * Operations and pools. Source: [linux] uapi enum hv_kvp_exchg_op and
 * enum hv_kvp_exchg_pool (which also names pool 4, "auto internal";
 * [openvmm] says it is never exchanged); [openvmm] KvpOperation, KvpPool.
 */
enum ic_kvp_op {
	IC_KVP_OP_GET		= 0,
	IC_KVP_OP_SET		= 1,
	IC_KVP_OP_DELETE	= 2,
	IC_KVP_OP_ENUMERATE	= 3,
	IC_KVP_OP_GET_IP_INFO	= 4,
	IC_KVP_OP_SET_IP_INFO	= 5,
	IC_KVP_OP_COUNT
};

enum ic_kvp_pool {
	IC_KVP_POOL_EXTERNAL		= 0,
	IC_KVP_POOL_GUEST		= 1,
	IC_KVP_POOL_AUTO		= 2,
	IC_KVP_POOL_AUTO_EXTERNAL	= 3,
	IC_KVP_POOL_AUTO_INTERNAL	= 4,
	IC_KVP_POOL_COUNT
};

/*
 * Value types (Windows registry types). The sources disagree on 64-bit
 * integers: [openvmm] uses 11 (REG_QWORD), [linux] defines REG_U64 as 8.
 * Source: [openvmm] kvp.rs ValueType; [linux] uapi REG_SZ, REG_U32,
 * REG_U64.
 */
#define IC_KVP_REG_SZ		1
#define IC_KVP_REG_EXPAND_SZ	2
#define IC_KVP_REG_DWORD	4
#define IC_KVP_REG_U64_LINUX	8
#define IC_KVP_REG_QWORD	11

/*
 * Sizes in bytes, NUL terminator included; strings on the wire are
 * UTF-16LE, sizes count bytes. Source: [linux] uapi
 * HV_KVP_EXCHANGE_MAX_KEY_SIZE and _VALUE_SIZE; [openvmm] MAX_KEY_BYTES,
 * MAX_VALUE_BYTES, Value (key_size "including the null terminator").
 */
#define IC_KVP_MAX_KEY		512
#define IC_KVP_MAX_VALUE	2048

/* Header of the get/set/delete/enumerate messages. [linux] hv_kvp_hdr. */
struct ic_kvp_hdr {
	u8 operation;			/* IC_KVP_OP_* */
	u8 pool;			/* IC_KVP_POOL_* */
	u16 pad;
};

HV_ASSERT_SIZE(struct ic_kvp_hdr, 4);

/* [linux] uapi struct hv_kvp_exchg_msg_value; [openvmm] Value. */
struct ic_kvp_value {
	u32 value_type;			/* IC_KVP_REG_* */
	u32 key_size;
	u32 value_size;
	u16 key[IC_KVP_MAX_KEY / 2];
	u8 value[IC_KVP_MAX_VALUE];	/* UTF-16LE, or a u32 / u64 */
};

HV_ASSERT_SIZE(struct ic_kvp_value, 2572);
HV_ASSERT_OFFSET(struct ic_kvp_value, key, 12);
HV_ASSERT_OFFSET(struct ic_kvp_value, value, 524);

/* GET and SET. [linux] hv_kvp_msg_get/_set; [openvmm] MessageGetSet. */
struct ic_kvp_msg_value {
	struct ic_kvp_hdr hdr;
	struct ic_kvp_value data;
};

HV_ASSERT_SIZE(struct ic_kvp_msg_value, 2576);

/* DELETE. [linux] hv_kvp_msg_delete; [openvmm] MessageDelete. */
struct ic_kvp_msg_delete {
	struct ic_kvp_hdr hdr;
	u32 key_size;
	u16 key[IC_KVP_MAX_KEY / 2];
};

HV_ASSERT_SIZE(struct ic_kvp_msg_delete, 520);

/*
 * ENUMERATE: the host asks for entry @index of a pool; the guest answers
 * with key and value, or with IC_STATUS_NO_MORE_ITEMS past the end.
 * [openvmm]'s host always sends 2580 bytes (KvpMessage) for the four
 * operations. [linux] hv_kvp_msg_enumerate; [openvmm] MessageEnumerate.
 */
struct ic_kvp_msg_enumerate {
	struct ic_kvp_hdr hdr;
	u32 index;
	struct ic_kvp_value data;
};

HV_ASSERT_SIZE(struct ic_kvp_msg_enumerate, 2580);
HV_ASSERT_OFFSET(struct ic_kvp_msg_enumerate, data, 8);

/*
 * GET_IP_INFO and SET_IP_INFO (version 4.0 string form): operation and
 * pool without padding, then the adapter (its id, a GUID string, names
 * the NIC) and semicolon-separated address lists, all UTF-16LE. Source:
 * [linux] uapi struct hv_kvp_ip_msg, struct hv_kvp_ipaddr_value,
 * MAX_ADAPTER_ID_SIZE, MAX_IP_ADDR_SIZE, MAX_GATEWAY_SIZE, ADDR_FAMILY_*;
 * [openvmm] MessageIpAddressInfo, IpAddressInfo, AddressFamily.
 */
#define IC_KVP_ADAPTER_ID_LEN	128	/* UTF-16 units */
#define IC_KVP_IP_ADDR_LEN	1024
#define IC_KVP_GATEWAY_LEN	512

#define IC_KVP_AF_NONE		0
#define IC_KVP_AF_IPV4		1
#define IC_KVP_AF_IPV6		2
#define IC_KVP_AF_IPV4V6	3

struct ic_kvp_ip_info {
	u16 adapter_id[IC_KVP_ADAPTER_ID_LEN];
	u8 addr_family;			/* IC_KVP_AF_* */
	u8 dhcp_enabled;
	u16 ip_addr[IC_KVP_IP_ADDR_LEN];
	u16 subnet[IC_KVP_IP_ADDR_LEN];
	u16 gateway[IC_KVP_GATEWAY_LEN];
	u16 dns_addr[IC_KVP_IP_ADDR_LEN];
};

HV_ASSERT_SIZE(struct ic_kvp_ip_info, 7426);
HV_ASSERT_OFFSET(struct ic_kvp_ip_info, addr_family, 256);
HV_ASSERT_OFFSET(struct ic_kvp_ip_info, ip_addr, 258);
HV_ASSERT_OFFSET(struct ic_kvp_ip_info, dns_addr, 5378);

struct ic_kvp_msg_ip {
	u8 operation;			/* IC_KVP_OP_*_IP_INFO */
	u8 pool;
	struct ic_kvp_ip_info info;
};

HV_ASSERT_SIZE(struct ic_kvp_msg_ip, 7428);
HV_ASSERT_OFFSET(struct ic_kvp_msg_ip, info, 2);

#endif /* _HV_PROTO_IC_H */
