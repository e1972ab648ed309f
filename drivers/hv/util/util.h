/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_utils internals: the IC framework (main.c), the services built on it
 * (heartbeat.c, shutdown.c, timesync.c, kvp.c) and the pure message
 * helpers (wire.c, kvp_wire.c) that the KUnit suite drives without a
 * channel.
 */
#ifndef HV_UTIL_H
#define HV_UTIL_H

#include <linux/types.h>
#include <linux/uuid.h>
#include <hv/proto/guid.h>
#include <hv/proto/ic.h>
#include <uapi/linux/hyperv.h>

struct hv_device;
struct ic_dev;

/* Class GUIDs as the id tables need them (include/hv/proto/guid.h). */
#define IC_GUID_SHUTDOWN	{ .b = VMBUS_GUID_SHUTDOWN_BYTES }
#define IC_GUID_TIMESYNC	{ .b = VMBUS_GUID_TIMESYNC_BYTES }
#define IC_GUID_HEARTBEAT	{ .b = VMBUS_GUID_HEARTBEAT_BYTES }
#define IC_GUID_KVP		{ .b = VMBUS_GUID_KVP_BYTES }

/* on_msg() returns this when the service answers itself (now or later). */
#define IC_DEFERRED	1

/**
 * struct ic_msg - one validated request, being turned into its answer
 * @hdr: the request's IC header (a copy)
 * @buf: the packet payload, starting with the pipe header; a private
 *	copy the answer is built in
 * @cap: bytes available at @buf
 * @body: @buf + IC_HDRS_LEN
 * @body_len: bytes of the request body (the IC header's size field)
 * @answer_len: body bytes of the answer; starts as @body_len
 * @status: status of the answer; starts as IC_STATUS_OK
 * @trans_id: the packet's transaction id, echoed in the answer
 */
struct ic_msg {
	struct ic_hdr hdr;
	u8 *buf;
	u32 cap;
	u8 *body;
	u32 body_len;
	u32 answer_len;
	u32 status;
	u64 trans_id;
};

/**
 * struct ic_service - one integration component
 * @name: for messages, e.g. "heartbeat"
 * @class_id: the device class GUID (for messages and tests)
 * @msg_type: the one IC message type the service handles besides
 *	negotiation
 * @versions: message versions supported, newest first
 * @n_versions: entries in @versions
 * @init: set the device up before its channel opens; process context
 * @on_negotiate: optional; return true to take over a NEGOTIATE request
 *	(then answer it later with ic_answer_negotiate()); softirq
 * @on_msg: handle a request of @msg_type after negotiation: fill the
 *	answer in place and return 0, or return IC_DEFERRED after answering
 *	with ic_send_answer() or to answer later; softirq
 * @stop: optional; stop answering from process context, before the
 *	channel closes
 * @teardown: undo @init after the channel closed; process context
 */
struct ic_service {
	const char *name;
	guid_t class_id;
	u16 msg_type;
	const u32 *versions;
	unsigned int n_versions;
	int (*init)(struct ic_dev *icd);
	bool (*on_negotiate)(struct ic_dev *icd, struct ic_msg *msg);
	int (*on_msg)(struct ic_dev *icd, struct ic_msg *msg);
	void (*stop)(struct ic_dev *icd);
	void (*teardown)(struct ic_dev *icd);
};

/**
 * struct ic_dev - one bound IC device
 * @hdev: the vmbus device
 * @svc: its service
 * @rx: receive buffer, one whole packet (descriptor included)
 * @rx_size: bytes at @rx; the inbound ring's largest packet
 * @framework: negotiated framework version (IC_VER), 0 before
 * @version: negotiated message version (IC_VER), 0 before
 * @priv: the service's state
 */
struct ic_dev {
	struct hv_device *hdev;
	const struct ic_service *svc;
	u8 *rx;
	u32 rx_size;
	u32 framework;
	u32 version;
	void *priv;
};

extern const struct ic_service ic_heartbeat_service;
extern const struct ic_service ic_shutdown_service;
extern const struct ic_service ic_timesync_service;
extern const struct ic_service ic_kvp_service;

/* main.c: answering from outside the channel callback (KVP). */
int ic_send_answer(struct ic_dev *icd, struct ic_msg *msg);
int ic_answer_negotiate(struct ic_dev *icd, struct ic_msg *msg);
int ic_msg_from_buf(struct ic_msg *msg, u8 *buf, u32 len, u32 cap,
		    u64 trans_id);

/* wire.c: pure helpers, no state. */
int ic_parse(const void *payload, u32 len, struct ic_hdr *hdr);
u32 ic_finish_answer(void *buf, const struct ic_hdr *req, u32 status,
		     u32 body_len);
int ic_negotiate(const void *body, u32 len, const u32 *fw, unsigned int n_fw,
		 const u32 *msg, unsigned int n_msg, u32 *fw_sel, u32 *msg_sel);
u32 ic_negotiate_answer(void *body, u32 fw, u32 msg, bool ok);
int ic_heartbeat_answer(void *body, u32 len);

enum ic_shutdown_action {
	IC_SHUTDOWN_POWEROFF,
	IC_SHUTDOWN_REBOOT,
	IC_SHUTDOWN_HIBERNATE_ACT,
};

int ic_shutdown_check(const void *body, u32 len, u32 version,
		      bool can_hibernate, enum ic_shutdown_action *action);

/**
 * struct ic_time - what a time sync message says
 * @host_ns: host time, nanoseconds since the Unix epoch
 * @flags: IC_TIMESYNC_SYNC / _SAMPLE bits (others cleared)
 */
struct ic_time {
	s64 host_ns;
	u8 flags;
};

int ic_timesync_parse(u32 version, const void *body, u32 len,
		      struct ic_time *t);
int ic_time_extrapolate(s64 host_ns, u64 taken_ns, u64 now_ns,
			u64 stale_ns, s64 *out_ns);
bool ic_time_suspended(u64 boot_age, u64 raw_age);
bool ic_time_should_step(s64 host_ns, s64 guest_ns, u64 threshold_ns,
			 bool only_if_behind);

/* kvp_wire.c: KVP messages, host <-> daemon, pure. */
int kvp_host_check(const void *body, u32 len);
int kvp_host_to_daemon(const void *body, u32 len, struct hv_kvp_msg *out);
u32 kvp_daemon_status(const struct hv_kvp_msg *in, int reg_op);
u32 kvp_daemon_to_host(const struct hv_kvp_msg *in, u32 status, void *body,
		       u32 len);

/* The version string given to the daemon (upstream's HV_DRV_VERSION). */
#define KVP_DRV_VERSION		"3.1"

#endif /* HV_UTIL_H */
