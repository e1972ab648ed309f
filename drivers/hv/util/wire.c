// SPDX-License-Identifier: GPL-2.0
/*
 * Pure helpers for IC messages: header checks, version negotiation, the
 * heartbeat answer, the shutdown decision and time sync arithmetic. They
 * keep no state and take every length from the caller, so the KUnit
 * suite (tests/kunit/util_kunit.c) can drive them without a channel.
 * Wire layouts and their sources: include/hv/proto/ic.h.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/string.h>
#include "util.h"

/**
 * ic_parse() - check the headers of an IC packet payload
 * @payload: the packet payload, starting with the pipe header
 * @len: bytes of @payload
 * @hdr: filled with a copy of the IC header
 *
 * The pipe header is not checked: Linux has never looked at it, so hosts
 * cannot be assumed to fill it. The IC header's size field must fit in
 * the packet; the body is then @payload + IC_HDRS_LEN, @hdr->size bytes.
 *
 * Return: 0; -EBADMSG when @len cannot hold the two headers (no answer is
 * possible); -EMSGSIZE when the size field overruns the packet (@hdr is
 * filled, so a failure can be answered).
 */
int ic_parse(const void *payload, u32 len, struct ic_hdr *hdr)
{
	if (len < IC_HDRS_LEN)
		return -EBADMSG;
	memcpy(hdr, (const u8 *)payload + sizeof(struct ic_pipe_hdr),
	       sizeof(*hdr));
	if (hdr->size > len - IC_HDRS_LEN)
		return -EMSGSIZE;
	return 0;
}

/**
 * ic_finish_answer() - write the headers of an answer
 * @buf: the answer: pipe header, IC header, then @body_len body bytes
 *	already in place
 * @req: the IC header of the request
 * @status: IC_STATUS_*
 * @body_len: bytes of the answer's body, at most U16_MAX
 *
 * The answer keeps the request's versions, type and IC transaction id,
 * and carries the transaction and response flags, as Linux answers.
 *
 * Return: bytes to send.
 */
u32 ic_finish_answer(void *buf, const struct ic_hdr *req, u32 status,
		     u32 body_len)
{
	struct ic_pipe_hdr pipe = {
		.type = IC_PIPE_TYPE_DATA,
		.size = sizeof(struct ic_hdr) + body_len,
	};
	struct ic_hdr hdr = *req;

	hdr.size = body_len;
	hdr.status = status;
	hdr.flags = IC_FLAG_TRANSACTION | IC_FLAG_RESPONSE;
	memset(hdr.reserved, 0, sizeof(hdr.reserved));
	memcpy(buf, &pipe, sizeof(pipe));
	memcpy((u8 *)buf + sizeof(pipe), &hdr, sizeof(hdr));
	return IC_HDRS_LEN + body_len;
}

/*
 * The first of @ours (newest first) that the host also lists among its
 * @count versions at @theirs.
 */
static bool ic_pick(const u8 *theirs, unsigned int count, const u32 *ours,
		    unsigned int n_ours, u32 *sel)
{
	struct ic_version v;
	unsigned int i, j;

	for (i = 0; i < n_ours; i++) {
		for (j = 0; j < count; j++) {
			memcpy(&v, theirs + j * sizeof(v), sizeof(v));
			if (IC_VER(v.major, v.minor) == ours[i]) {
				*sel = ours[i];
				return true;
			}
		}
	}
	return false;
}

/**
 * ic_negotiate() - choose the framework and message versions
 * @body: the body of a NEGOTIATE request
 * @len: its length (the IC header's size field)
 * @fw: framework versions we support, newest first
 * @n_fw: entries in @fw
 * @msg: message versions we support, newest first
 * @n_msg: entries in @msg
 * @fw_sel: the chosen framework version
 * @msg_sel: the chosen message version
 *
 * Each count may be at most IC_NEGOTIATE_MAX_COUNT and the body must hold
 * every version it announces. Framework and message versions are chosen
 * independently: the newest of ours the host also offers.
 *
 * Return: 0; -EBADMSG for a malformed request; -ENOENT when there is no
 * common framework or message version.
 */
int ic_negotiate(const void *body, u32 len, const u32 *fw, unsigned int n_fw,
		 const u32 *msg, unsigned int n_msg, u32 *fw_sel, u32 *msg_sel)
{
	const u8 *versions = (const u8 *)body + sizeof(struct ic_negotiate);
	struct ic_negotiate neg;
	u32 n;

	if (len < sizeof(neg))
		return -EBADMSG;
	memcpy(&neg, body, sizeof(neg));
	if (neg.framework_count > IC_NEGOTIATE_MAX_COUNT ||
	    neg.message_count > IC_NEGOTIATE_MAX_COUNT)
		return -EBADMSG;
	n = neg.framework_count + neg.message_count;
	if (n * sizeof(struct ic_version) > len - sizeof(neg))
		return -EBADMSG;
	if (!ic_pick(versions, neg.framework_count, fw, n_fw, fw_sel))
		return -ENOENT;
	versions += neg.framework_count * sizeof(struct ic_version);
	if (!ic_pick(versions, neg.message_count, msg, n_msg, msg_sel))
		return -ENOENT;
	return 0;
}

/**
 * ic_negotiate_answer() - write the body of a NEGOTIATE answer
 * @body: where it goes; IC_NEGOTIATE_ANSWER_LEN bytes
 * @fw: the chosen framework version
 * @msg: the chosen message version
 * @ok: a version pair was chosen; if not, both counts are 0
 *
 * Return: the body length, IC_NEGOTIATE_ANSWER_LEN.
 */
u32 ic_negotiate_answer(void *body, u32 fw, u32 msg, bool ok)
{
	struct {
		struct ic_negotiate neg;
		struct ic_version v[2];
	} a = {};

	static_assert(sizeof(a) == IC_NEGOTIATE_ANSWER_LEN);
	if (ok) {
		a.neg.framework_count = 1;
		a.neg.message_count = 1;
		a.v[0].major = IC_VER_MAJOR(fw);
		a.v[0].minor = IC_VER_MINOR(fw);
		a.v[1].major = IC_VER_MAJOR(msg);
		a.v[1].minor = IC_VER_MINOR(msg);
	}
	memcpy(body, &a, sizeof(a));
	return sizeof(a);
}

/**
 * ic_heartbeat_answer() - turn a heartbeat request into its answer
 * @body: the request body, rewritten in place
 * @len: its length
 *
 * Return: 0, or -EBADMSG when @len cannot hold the sequence number.
 */
int ic_heartbeat_answer(void *body, u32 len)
{
	u64 seq;

	if (len < IC_HEARTBEAT_MIN_LEN)
		return -EBADMSG;
	memcpy(&seq, body, sizeof(seq));
	seq++;
	memcpy(body, &seq, sizeof(seq));
	return 0;
}

/**
 * ic_shutdown_check() - decide what a shutdown request asks for
 * @body: the request body
 * @len: its length
 * @version: the negotiated shutdown message version (IC_VER)
 * @can_hibernate: this kernel can hibernate on request
 * @action: what to do
 *
 * The force bit is accepted and ignored: the poweroff and reboot paths
 * force the operation when the orderly one fails.
 *
 * Return: 0; -EBADMSG when @len cannot hold the flags; -EINVAL for
 * unknown flag bits or restart together with hibernate; -EOPNOTSUPP for
 * hibernation before version 3.2 or when the kernel cannot hibernate.
 */
int ic_shutdown_check(const void *body, u32 len, u32 version,
		      bool can_hibernate, enum ic_shutdown_action *action)
{
	u32 flags;

	if (len < IC_SHUTDOWN_MIN_LEN)
		return -EBADMSG;
	memcpy(&flags, (const u8 *)body + offsetof(struct ic_shutdown, flags),
	       sizeof(flags));
	if (flags & ~(IC_SHUTDOWN_FORCE | IC_SHUTDOWN_RESTART |
		      IC_SHUTDOWN_HIBERNATE))
		return -EINVAL;
	switch (flags & ~IC_SHUTDOWN_FORCE) {
	case 0:
		*action = IC_SHUTDOWN_POWEROFF;
		return 0;
	case IC_SHUTDOWN_RESTART:
		*action = IC_SHUTDOWN_REBOOT;
		return 0;
	case IC_SHUTDOWN_HIBERNATE:
		if (version < IC_SHUTDOWN_V3_2 || !can_hibernate)
			return -EOPNOTSUPP;
		*action = IC_SHUTDOWN_HIBERNATE_ACT;
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * ic_timesync_parse() - read the host time out of a time sync request
 * @version: the negotiated time sync message version (IC_VER)
 * @body: the request body
 * @len: its length
 * @t: the host time in Unix nanoseconds and the known flags
 *
 * From version 4.0 the body has the "ref" layout, before it the old one;
 * only the bytes up to the flags are required.
 *
 * Return: 0; -EBADMSG for a short body; -ERANGE for a host time at or
 * before the Unix epoch, or too far ahead for 64-bit nanoseconds.
 */
int ic_timesync_parse(u32 version, const void *body, u32 len,
		      struct ic_time *t)
{
	const u8 *p = body;
	u64 host;
	u8 flags;

	if (version >= IC_TIMESYNC_V4) {
		if (len < IC_TIMESYNC_REF_MIN_LEN)
			return -EBADMSG;
		memcpy(&host, p + offsetof(struct ic_timesync_ref, parent_time),
		       sizeof(host));
		flags = p[offsetof(struct ic_timesync_ref, flags)];
	} else {
		if (len < IC_TIMESYNC_OLD_MIN_LEN)
			return -EBADMSG;
		memcpy(&host, p + offsetof(struct ic_timesync_old, parent_time),
		       sizeof(host));
		flags = p[offsetof(struct ic_timesync_old, flags)];
	}
	if (host <= IC_TIME_UNIX_EPOCH ||
	    host - IC_TIME_UNIX_EPOCH > (u64)KTIME_MAX / IC_TIME_UNIT_NS)
		return -ERANGE;
	t->host_ns = (s64)((host - IC_TIME_UNIX_EPOCH) * IC_TIME_UNIT_NS);
	t->flags = flags & (IC_TIMESYNC_SYNC | IC_TIMESYNC_SAMPLE);
	return 0;
}

/**
 * ic_time_extrapolate() - host time now, from a sample
 * @host_ns: host time of the sample, Unix nanoseconds, >= 0
 * @taken_ns: local monotonic time when the sample arrived
 * @now_ns: local monotonic time now, same clock
 * @stale_ns: samples older than this are not used
 * @out_ns: @host_ns plus the time since the sample
 *
 * Return: 0; -ESTALE when the sample is older than @stale_ns; -ERANGE when
 * the result would overflow.
 */
int ic_time_extrapolate(s64 host_ns, u64 taken_ns, u64 now_ns, u64 stale_ns,
			s64 *out_ns)
{
	u64 age = now_ns > taken_ns ? now_ns - taken_ns : 0;

	if (age > stale_ns)
		return -ESTALE;
	if (host_ns < 0 || age > (u64)(KTIME_MAX - host_ns))
		return -ERANGE;
	*out_ns = host_ns + (s64)age;
	return 0;
}

/**
 * ic_time_suspended() - did the guest sleep since a sample?
 * @boot_age: CLOCK_BOOTTIME since the sample (counts suspended time)
 * @raw_age: CLOCK_MONOTONIC_RAW since the sample (does not)
 *
 * The two clocks also part by NTP slewing of the first, at most 1/12
 * (chronyd's largest slew rate, 83333 ppm); more than 1/8 plus a second
 * is sleep.
 *
 * Return: true when the guest was suspended since the sample.
 */
bool ic_time_suspended(u64 boot_age, u64 raw_age)
{
	return boot_age > raw_age &&
	       boot_age - raw_age > NSEC_PER_SEC + raw_age / 8;
}

/**
 * ic_time_should_step() - is the guest clock far enough off to be set?
 * @host_ns: host time, Unix nanoseconds
 * @guest_ns: guest wall clock, Unix nanoseconds
 * @threshold_ns: smallest offset that is corrected; 0 corrects any
 * @only_if_behind: correct only a guest clock behind the host's
 *
 * Return: true if the clock should be set to @host_ns.
 */
bool ic_time_should_step(s64 host_ns, s64 guest_ns, u64 threshold_ns,
			 bool only_if_behind)
{
	if (host_ns >= guest_ns)
		return (u64)host_ns - (u64)guest_ns >= threshold_ns;
	return !only_if_behind && (u64)guest_ns - (u64)host_ns >= threshold_ns;
}
