// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: hv_utils' message handling without a channel - IC header checks,
 * version negotiation, heartbeat, shutdown flags, time sync parsing and
 * arithmetic, and the KVP checks and conversions between the host's
 * format and hv_kvp_daemon's. The module builds the pure helpers in
 * itself (a kbuild object may belong to one module only), so it needs
 * neither hv_utils nor a device to run.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "../../drivers/hv/util/wire.c"
#include "../../drivers/hv/util/kvp_wire.c"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* A NEGOTIATE body offering @fw then @msg (IC_VER words). */
static u32 nego_body(void *body, const u32 *fw, u16 n_fw, const u32 *msg,
		     u16 n_msg)
{
	struct ic_negotiate neg = {
		.framework_count = n_fw,
		.message_count = n_msg,
	};
	u8 *p = body;
	unsigned int i;

	memcpy(p, &neg, sizeof(neg));
	p += sizeof(neg);
	for (i = 0; i < n_fw + n_msg; i++) {
		u32 v = i < n_fw ? fw[i] : msg[i - n_fw];
		struct ic_version iv = {
			.major = IC_VER_MAJOR(v),
			.minor = IC_VER_MINOR(v),
		};

		memcpy(p, &iv, sizeof(iv));
		p += sizeof(iv);
	}
	return p - (u8 *)body;
}

static const u32 our_fw[] = { IC_FRAMEWORK_V3, IC_FRAMEWORK_V1 };
static const u32 our_sd[] = {
	IC_SHUTDOWN_V3_2, IC_SHUTDOWN_V3_1, IC_SHUTDOWN_V3, IC_SHUTDOWN_V1,
};

/*
 * ASCII into UTF-16LE (guests are little-endian, see
 * include/hv/proto/types.h); return the byte size, NUL included.
 */
static u32 put_utf16(u16 *dst, const char *s)
{
	u32 i;

	for (i = 0; s[i]; i++)
		dst[i] = (u8)s[i];
	dst[i] = 0;
	return (i + 1) * 2;
}

static bool utf16_eq(const u16 *w, const char *s)
{
	u32 i;

	for (i = 0; s[i]; i++)
		if (w[i] != (u8)s[i])
			return false;
	return w[i] == 0;
}

/* ------------------------------------------------------------------ */
/* Headers                                                             */
/* ------------------------------------------------------------------ */

static void parse_lengths(struct kunit *test)
{
	u8 buf[64] = {};
	struct ic_hdr hdr = { .type = IC_MSG_HEARTBEAT, .size = 8 };
	struct ic_hdr out;
	u32 len;

	memcpy(buf + sizeof(struct ic_pipe_hdr), &hdr, sizeof(hdr));
	for (len = 0; len < IC_HDRS_LEN; len++)
		KUNIT_EXPECT_EQ_MSG(test, ic_parse(buf, len, &out), -EBADMSG,
				    "%u bytes", len);
	/* The size field must fit in the packet. */
	for (len = IC_HDRS_LEN; len < IC_HDRS_LEN + 8; len++)
		KUNIT_EXPECT_EQ(test, ic_parse(buf, len, &out), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, ic_parse(buf, IC_HDRS_LEN + 8, &out), 0);
	KUNIT_EXPECT_EQ(test, out.type, IC_MSG_HEARTBEAT);
	/* Padding after the body is allowed. */
	KUNIT_EXPECT_EQ(test, ic_parse(buf, sizeof(buf), &out), 0);

	hdr.size = U16_MAX;
	memcpy(buf + sizeof(struct ic_pipe_hdr), &hdr, sizeof(hdr));
	KUNIT_EXPECT_EQ(test, ic_parse(buf, sizeof(buf), &out), -EMSGSIZE);
}

static void answer_headers(struct kunit *test)
{
	struct ic_hdr req = {
		.framework = { 3, 0 },
		.type = IC_MSG_SHUTDOWN,
		.msg_version = { 3, 2 },
		.size = 2060,
		.status = 0x1234,
		.trans_id = 7,
		.flags = IC_FLAG_TRANSACTION | IC_FLAG_REQUEST,
		.reserved = { 0xaa, 0xbb },
	};
	u8 buf[IC_HDRS_LEN + 16];
	struct ic_pipe_hdr pipe;
	struct ic_hdr hdr;

	memset(buf, 0xff, sizeof(buf));
	KUNIT_EXPECT_EQ(test, ic_finish_answer(buf, &req, IC_STATUS_FAIL, 16),
			IC_HDRS_LEN + 16);
	memcpy(&pipe, buf, sizeof(pipe));
	memcpy(&hdr, buf + sizeof(pipe), sizeof(hdr));
	KUNIT_EXPECT_EQ(test, pipe.type, IC_PIPE_TYPE_DATA);
	KUNIT_EXPECT_EQ(test, pipe.size, sizeof(struct ic_hdr) + 16);
	KUNIT_EXPECT_EQ(test, hdr.flags, IC_FLAG_TRANSACTION | IC_FLAG_RESPONSE);
	KUNIT_EXPECT_EQ(test, hdr.status, IC_STATUS_FAIL);
	KUNIT_EXPECT_EQ(test, hdr.size, 16);
	KUNIT_EXPECT_EQ(test, hdr.trans_id, 7);
	KUNIT_EXPECT_EQ(test, hdr.type, IC_MSG_SHUTDOWN);
	KUNIT_EXPECT_EQ(test, hdr.msg_version.minor, 2);
	KUNIT_EXPECT_EQ(test, hdr.reserved[0], 0);
	KUNIT_EXPECT_EQ(test, hdr.reserved[1], 0);
}

/* ------------------------------------------------------------------ */
/* Negotiation                                                         */
/* ------------------------------------------------------------------ */

static void negotiate_picks_newest_common(struct kunit *test)
{
	static const u32 host_fw[] = { IC_FRAMEWORK_V1, IC_FRAMEWORK_V3 };
	static const u32 host_msg[] = {
		IC_SHUTDOWN_V1, IC_SHUTDOWN_V3, IC_SHUTDOWN_V3_1,
	};
	u8 body[64];
	u32 fw = 0, msg = 0, len;

	len = nego_body(body, host_fw, 2, host_msg, 3);
	KUNIT_EXPECT_EQ(test, ic_negotiate(body, len, our_fw, 2, our_sd, 4,
					   &fw, &msg), 0);
	KUNIT_EXPECT_EQ(test, fw, IC_FRAMEWORK_V3);
	KUNIT_EXPECT_EQ(test, msg, IC_SHUTDOWN_V3_1);

	/* A WS2008 host: framework 1.0 only. */
	len = nego_body(body, host_fw, 1, host_msg, 1);
	KUNIT_EXPECT_EQ(test, ic_negotiate(body, len, our_fw, 2, our_sd, 4,
					   &fw, &msg), 0);
	KUNIT_EXPECT_EQ(test, fw, IC_FRAMEWORK_V1);
	KUNIT_EXPECT_EQ(test, msg, IC_SHUTDOWN_V1);
}

static void negotiate_no_common(struct kunit *test)
{
	static const u32 odd_fw[] = { IC_VER(2, 0), IC_VER(3, 1) };
	static const u32 odd_msg[] = { IC_VER(9, 9) };
	u8 body[64];
	u32 fw, msg, len;

	len = nego_body(body, odd_fw, 2, our_sd, 4);
	KUNIT_EXPECT_EQ(test, ic_negotiate(body, len, our_fw, 2, our_sd, 4,
					   &fw, &msg), -ENOENT);
	len = nego_body(body, our_fw, 2, odd_msg, 1);
	KUNIT_EXPECT_EQ(test, ic_negotiate(body, len, our_fw, 2, our_sd, 4,
					   &fw, &msg), -ENOENT);
	len = nego_body(body, our_fw, 0, our_sd, 0);
	KUNIT_EXPECT_EQ(test, ic_negotiate(body, len, our_fw, 2, our_sd, 4,
					   &fw, &msg), -ENOENT);
}

static void negotiate_counts_bounded(struct kunit *test)
{
	u32 *vers = kunit_kcalloc(test, 2 * IC_NEGOTIATE_MAX_COUNT + 2,
				  sizeof(u32), GFP_KERNEL);
	u8 *body = kunit_kzalloc(test, 8 + 4 * (2 * IC_NEGOTIATE_MAX_COUNT + 2),
				 GFP_KERNEL);
	struct ic_negotiate neg = {};
	u32 fw, msg, len, i;

	KUNIT_ASSERT_NOT_NULL(test, vers);
	KUNIT_ASSERT_NOT_NULL(test, body);
	for (i = 0; i < 2 * IC_NEGOTIATE_MAX_COUNT + 2; i++)
		vers[i] = IC_FRAMEWORK_V3;
	/* The maximum is accepted... */
	len = nego_body(body, vers, IC_NEGOTIATE_MAX_COUNT, vers,
			IC_NEGOTIATE_MAX_COUNT);
	KUNIT_EXPECT_EQ(test, ic_negotiate(body, len, our_fw, 2, our_fw, 2,
					   &fw, &msg), 0);
	/* ...one more is not, even when the bytes are there. */
	len = nego_body(body, vers, IC_NEGOTIATE_MAX_COUNT + 1, vers, 1);
	KUNIT_EXPECT_EQ(test, ic_negotiate(body, len, our_fw, 2, our_fw, 2,
					   &fw, &msg), -EBADMSG);
	len = nego_body(body, vers, 1, vers, IC_NEGOTIATE_MAX_COUNT + 1);
	KUNIT_EXPECT_EQ(test, ic_negotiate(body, len, our_fw, 2, our_fw, 2,
					   &fw, &msg), -EBADMSG);
	/* Counts the host cannot back with bytes. */
	neg.framework_count = U16_MAX;
	neg.message_count = U16_MAX;
	memcpy(body, &neg, sizeof(neg));
	KUNIT_EXPECT_EQ(test, ic_negotiate(body, len, our_fw, 2, our_fw, 2,
					   &fw, &msg), -EBADMSG);
}

static void negotiate_short(struct kunit *test)
{
	u8 body[64];
	u32 fw, msg, full, len;

	full = nego_body(body, our_fw, 2, our_sd, 4);
	for (len = 0; len < full; len++)
		KUNIT_EXPECT_EQ_MSG(test, ic_negotiate(body, len, our_fw, 2,
						       our_sd, 4, &fw, &msg),
				    -EBADMSG, "%u of %u bytes", len, full);
	KUNIT_EXPECT_EQ(test, ic_negotiate(body, full, our_fw, 2, our_sd, 4,
					   &fw, &msg), 0);
}

static void negotiate_answer_layout(struct kunit *test)
{
	u8 body[IC_NEGOTIATE_ANSWER_LEN];
	struct ic_negotiate neg;
	struct ic_version v[2];

	KUNIT_EXPECT_EQ(test, ic_negotiate_answer(body, IC_FRAMEWORK_V3,
						  IC_SHUTDOWN_V3_2, true), 16);
	memcpy(&neg, body, sizeof(neg));
	memcpy(v, body + sizeof(neg), sizeof(v));
	KUNIT_EXPECT_EQ(test, neg.framework_count, 1);
	KUNIT_EXPECT_EQ(test, neg.message_count, 1);
	KUNIT_EXPECT_EQ(test, v[0].major, 3);
	KUNIT_EXPECT_EQ(test, v[0].minor, 0);
	KUNIT_EXPECT_EQ(test, v[1].major, 3);
	KUNIT_EXPECT_EQ(test, v[1].minor, 2);

	ic_negotiate_answer(body, 0, 0, false);
	memcpy(&neg, body, sizeof(neg));
	KUNIT_EXPECT_EQ(test, neg.framework_count, 0);
	KUNIT_EXPECT_EQ(test, neg.message_count, 0);
}

/* ------------------------------------------------------------------ */
/* Heartbeat and shutdown                                              */
/* ------------------------------------------------------------------ */

static void heartbeat_increments(struct kunit *test)
{
	struct ic_heartbeat hb = { .seq_num = 41, .app_state = 5 };
	u32 len;

	KUNIT_EXPECT_EQ(test, ic_heartbeat_answer(&hb, sizeof(hb)), 0);
	KUNIT_EXPECT_EQ(test, hb.seq_num, 42);
	KUNIT_EXPECT_EQ(test, hb.app_state, 5);
	/* Only the sequence number is required. */
	KUNIT_EXPECT_EQ(test, ic_heartbeat_answer(&hb, 8), 0);
	KUNIT_EXPECT_EQ(test, hb.seq_num, 43);
	hb.seq_num = U64_MAX;
	KUNIT_EXPECT_EQ(test, ic_heartbeat_answer(&hb, sizeof(hb)), 0);
	KUNIT_EXPECT_EQ(test, hb.seq_num, 0);
	for (len = 0; len < 8; len++)
		KUNIT_EXPECT_EQ(test, ic_heartbeat_answer(&hb, len), -EBADMSG);
	KUNIT_EXPECT_EQ(test, hb.seq_num, 0);
}

static int sd(u32 flags, u32 len, u32 version, bool can_hib,
	      enum ic_shutdown_action *act)
{
	struct ic_shutdown msg = { .flags = flags };

	return ic_shutdown_check(&msg, len, version, can_hib, act);
}

static void shutdown_flags(struct kunit *test)
{
	enum ic_shutdown_action act;
	u32 bit, len;

	KUNIT_EXPECT_EQ(test, sd(0, 2060, IC_SHUTDOWN_V3_2, true, &act), 0);
	KUNIT_EXPECT_EQ(test, act, IC_SHUTDOWN_POWEROFF);
	KUNIT_EXPECT_EQ(test, sd(IC_SHUTDOWN_FORCE, 12, IC_SHUTDOWN_V1, false,
				 &act), 0);
	KUNIT_EXPECT_EQ(test, act, IC_SHUTDOWN_POWEROFF);
	KUNIT_EXPECT_EQ(test, sd(2, 2060, IC_SHUTDOWN_V3, false, &act), 0);
	KUNIT_EXPECT_EQ(test, act, IC_SHUTDOWN_REBOOT);
	KUNIT_EXPECT_EQ(test, sd(3, 2060, IC_SHUTDOWN_V3, false, &act), 0);
	KUNIT_EXPECT_EQ(test, act, IC_SHUTDOWN_REBOOT);
	KUNIT_EXPECT_EQ(test, sd(4, 2060, IC_SHUTDOWN_V3_2, true, &act), 0);
	KUNIT_EXPECT_EQ(test, act, IC_SHUTDOWN_HIBERNATE_ACT);
	KUNIT_EXPECT_EQ(test, sd(5, 2060, IC_SHUTDOWN_V3_2, true, &act), 0);
	KUNIT_EXPECT_EQ(test, act, IC_SHUTDOWN_HIBERNATE_ACT);

	/* Hibernation needs version 3.2 and a kernel that can. */
	KUNIT_EXPECT_EQ(test, sd(4, 2060, IC_SHUTDOWN_V3_1, true, &act),
			-EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, sd(4, 2060, IC_SHUTDOWN_V3_2, false, &act),
			-EOPNOTSUPP);
	/* Restart and hibernate at once, and every unknown bit. */
	KUNIT_EXPECT_EQ(test, sd(6, 2060, IC_SHUTDOWN_V3_2, true, &act), -EINVAL);
	KUNIT_EXPECT_EQ(test, sd(7, 2060, IC_SHUTDOWN_V3_2, true, &act), -EINVAL);
	for (bit = 3; bit < 32; bit++)
		KUNIT_EXPECT_EQ_MSG(test, sd(BIT(bit), 2060, IC_SHUTDOWN_V3_2,
					     true, &act), -EINVAL, "bit %u", bit);
	for (len = 0; len < IC_SHUTDOWN_MIN_LEN; len++)
		KUNIT_EXPECT_EQ(test, sd(0, len, IC_SHUTDOWN_V3, true, &act),
				-EBADMSG);
}

/* ------------------------------------------------------------------ */
/* Time sync                                                           */
/* ------------------------------------------------------------------ */

#define SECS_100NS(s)	((u64)(s) * 10000000ULL)

static void timesync_layouts(struct kunit *test)
{
	struct ic_timesync_ref ref = {
		.parent_time = IC_TIME_UNIX_EPOCH + SECS_100NS(1000) + 3,
		.ref_time = 12345,
		.flags = IC_TIMESYNC_SYNC | 0x80,
	};
	struct ic_timesync_old old = {
		.parent_time = IC_TIME_UNIX_EPOCH + SECS_100NS(2),
		.flags = IC_TIMESYNC_SAMPLE,
	};
	struct ic_time t;
	u32 len;

	KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V4, &ref,
						sizeof(ref), &t), 0);
	KUNIT_EXPECT_EQ(test, t.host_ns, 1000 * NSEC_PER_SEC + 300);
	KUNIT_EXPECT_EQ(test, t.flags, IC_TIMESYNC_SYNC);
	/* Only the bytes up to the flags are needed. */
	KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V4, &ref, 17, &t), 0);
	for (len = 0; len < 17; len++)
		KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V4, &ref,
							len, &t), -EBADMSG);

	for (len = 0; len < sizeof(old); len++) {
		KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V3, &old,
							len, &t), -EBADMSG);
		KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V1, &old,
							len, &t), -EBADMSG);
	}
	KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V3, &old,
						sizeof(old), &t), 0);
	KUNIT_EXPECT_EQ(test, t.host_ns, 2 * NSEC_PER_SEC);
	KUNIT_EXPECT_EQ(test, t.flags, IC_TIMESYNC_SAMPLE);
}

static void timesync_bad_times(struct kunit *test)
{
	struct ic_timesync_ref ref = {};
	struct ic_time t;

	KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V4, &ref,
						sizeof(ref), &t), -ERANGE);
	ref.parent_time = IC_TIME_UNIX_EPOCH - 1;
	KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V4, &ref,
						sizeof(ref), &t), -ERANGE);
	ref.parent_time = IC_TIME_UNIX_EPOCH;
	KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V4, &ref,
						sizeof(ref), &t), -ERANGE);
	ref.parent_time = U64_MAX;
	KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V4, &ref,
						sizeof(ref), &t), -ERANGE);
	ref.parent_time = IC_TIME_UNIX_EPOCH + (u64)KTIME_MAX / 100 + 1;
	KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V4, &ref,
						sizeof(ref), &t), -ERANGE);
	ref.parent_time = IC_TIME_UNIX_EPOCH + (u64)KTIME_MAX / 100;
	KUNIT_EXPECT_EQ(test, ic_timesync_parse(IC_TIMESYNC_V4, &ref,
						sizeof(ref), &t), 0);
	KUNIT_EXPECT_GT(test, t.host_ns, 0);
}

static void timesync_extrapolation(struct kunit *test)
{
	const u64 stale = 600 * NSEC_PER_SEC;
	s64 host = 1700000000LL * NSEC_PER_SEC, out;

	KUNIT_EXPECT_EQ(test, ic_time_extrapolate(host, 1000, 1000, stale, &out), 0);
	KUNIT_EXPECT_EQ(test, out, host);
	KUNIT_EXPECT_EQ(test, ic_time_extrapolate(host, 1000, 1000 + 12345,
						  stale, &out), 0);
	KUNIT_EXPECT_EQ(test, out, host + 12345);
	/* The limit itself is still fresh; one nanosecond more is stale. */
	KUNIT_EXPECT_EQ(test, ic_time_extrapolate(host, 5, 5 + stale, stale,
						  &out), 0);
	KUNIT_EXPECT_EQ(test, out, host + (s64)stale);
	KUNIT_EXPECT_EQ(test, ic_time_extrapolate(host, 5, 6 + stale, stale,
						  &out), -ESTALE);
	/* A clock that seems to go back counts as no time passed. */
	KUNIT_EXPECT_EQ(test, ic_time_extrapolate(host, 1000, 10, stale, &out), 0);
	KUNIT_EXPECT_EQ(test, out, host);
	/* No overflow near the end of 64-bit time. */
	KUNIT_EXPECT_EQ(test, ic_time_extrapolate(KTIME_MAX - 5, 0, 10, stale,
						  &out), -ERANGE);
	KUNIT_EXPECT_EQ(test, ic_time_extrapolate(-1, 0, 10, stale, &out),
			-ERANGE);
}

static void timesync_suspend_detection(struct kunit *test)
{
	/* Equal clocks, or boot time behind: no sleep. */
	KUNIT_EXPECT_FALSE(test, ic_time_suspended(0, 0));
	KUNIT_EXPECT_FALSE(test, ic_time_suspended(5 * NSEC_PER_SEC,
						   5 * NSEC_PER_SEC));
	KUNIT_EXPECT_FALSE(test, ic_time_suspended(NSEC_PER_SEC,
						   2 * NSEC_PER_SEC));
	/* Slewing at chronyd's fastest for 80 s is not sleep... */
	KUNIT_EXPECT_FALSE(test, ic_time_suspended(80 * NSEC_PER_SEC +
						   80 * NSEC_PER_SEC / 12,
						   80 * NSEC_PER_SEC));
	/* ... nor a second and an eighth on top; a nanosecond more is. */
	KUNIT_EXPECT_FALSE(test, ic_time_suspended(9 * NSEC_PER_SEC,
						   8 * NSEC_PER_SEC -
						   NSEC_PER_SEC / 9));
	KUNIT_EXPECT_FALSE(test, ic_time_suspended(NSEC_PER_SEC + 16 + 2, 16));
	KUNIT_EXPECT_TRUE(test, ic_time_suspended(NSEC_PER_SEC + 16 + 3, 16));
	/* A minute asleep two seconds after the sample. */
	KUNIT_EXPECT_TRUE(test, ic_time_suspended(62 * NSEC_PER_SEC,
						  2 * NSEC_PER_SEC));
}

static void timesync_step_decision(struct kunit *test)
{
	const s64 s = NSEC_PER_SEC;

	/* Explicit sync, threshold 0: any difference, either way. */
	KUNIT_EXPECT_TRUE(test, ic_time_should_step(100 * s, 100 * s, 0, false));
	KUNIT_EXPECT_TRUE(test, ic_time_should_step(100 * s, 101 * s, 0, false));
	/* Threshold: off by at least that much. */
	KUNIT_EXPECT_FALSE(test, ic_time_should_step(100 * s, 101 * s, 2 * s,
						     false));
	KUNIT_EXPECT_TRUE(test, ic_time_should_step(100 * s, 102 * s, 2 * s,
						    false));
	/* Implicit: only a guest behind by 5 s or more. */
	KUNIT_EXPECT_TRUE(test, ic_time_should_step(105 * s, 100 * s, 5 * s, true));
	KUNIT_EXPECT_FALSE(test, ic_time_should_step(105 * s - 1, 100 * s, 5 * s,
						     true));
	KUNIT_EXPECT_FALSE(test, ic_time_should_step(100 * s, 200 * s, 5 * s,
						     true));
	/* Extreme values do not wrap. */
	KUNIT_EXPECT_TRUE(test, ic_time_should_step(KTIME_MAX, -KTIME_MAX, 5 * s,
						    true));
	KUNIT_EXPECT_FALSE(test, ic_time_should_step(-KTIME_MAX, KTIME_MAX, 5 * s,
						     true));
}

/* ------------------------------------------------------------------ */
/* KVP                                                                 */
/* ------------------------------------------------------------------ */

static void kvp_check_ops_and_pools(struct kunit *test)
{
	struct ic_kvp_msg_ip *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct ic_kvp_msg_value *mv = (void *)m;
	u32 op, pool;

	KUNIT_ASSERT_NOT_NULL(test, m);
	mv->data.value_type = IC_KVP_REG_SZ;
	for (op = 0; op < 256; op++) {
		for (pool = 0; pool < 256; pool += (pool < 8 ? 1 : 61)) {
			int want = op < IC_KVP_OP_COUNT &&
				   pool < IC_KVP_POOL_COUNT ? op : -EINVAL;

			m->operation = op;
			m->pool = pool;
			KUNIT_EXPECT_EQ_MSG(test, kvp_host_check(m, sizeof(*m)),
					    want, "op %u pool %u", op, pool);
		}
	}
}

static void kvp_check_lengths(struct kunit *test)
{
	static const u32 need[IC_KVP_OP_COUNT] = {
		2576, 2576, 520, 2580, 7428, 7428,
	};
	struct ic_kvp_msg_ip *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct ic_kvp_msg_value *mv = (void *)m;
	u32 op;

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, kvp_host_check(m, 0), -EBADMSG);
	KUNIT_EXPECT_EQ(test, kvp_host_check(m, 1), -EBADMSG);
	for (op = 0; op < IC_KVP_OP_COUNT; op++) {
		memset(m, 0, sizeof(*m));
		m->operation = op;
		mv->data.value_type = IC_KVP_REG_SZ;
		KUNIT_EXPECT_EQ_MSG(test, kvp_host_check(m, need[op] - 1),
				    -EBADMSG, "op %u", op);
		KUNIT_EXPECT_EQ_MSG(test, kvp_host_check(m, need[op]), op,
				    "op %u", op);
	}
}

static void kvp_check_sizes(struct kunit *test)
{
	struct ic_kvp_msg_value *mv = kunit_kzalloc(test, sizeof(*mv), GFP_KERNEL);
	struct ic_kvp_msg_delete *md = (void *)mv;

	KUNIT_ASSERT_NOT_NULL(test, mv);
	mv->hdr.operation = IC_KVP_OP_SET;
	mv->data.value_type = IC_KVP_REG_SZ;
	mv->data.key_size = IC_KVP_MAX_KEY;
	mv->data.value_size = IC_KVP_MAX_VALUE;
	KUNIT_EXPECT_EQ(test, kvp_host_check(mv, sizeof(*mv)), IC_KVP_OP_SET);
	mv->data.key_size = IC_KVP_MAX_KEY + 1;
	KUNIT_EXPECT_EQ(test, kvp_host_check(mv, sizeof(*mv)), -EINVAL);
	mv->data.key_size = U32_MAX;
	KUNIT_EXPECT_EQ(test, kvp_host_check(mv, sizeof(*mv)), -EINVAL);
	mv->data.key_size = 2;
	mv->data.value_size = IC_KVP_MAX_VALUE + 1;
	KUNIT_EXPECT_EQ(test, kvp_host_check(mv, sizeof(*mv)), -EINVAL);
	mv->data.value_size = 4;
	mv->data.value_type = 3;	/* REG_BINARY: not a KVP type */
	KUNIT_EXPECT_EQ(test, kvp_host_check(mv, sizeof(*mv)), -EINVAL);
	mv->data.value_type = IC_KVP_REG_QWORD;
	KUNIT_EXPECT_EQ(test, kvp_host_check(mv, sizeof(*mv)), IC_KVP_OP_SET);

	mv->hdr.operation = IC_KVP_OP_GET;
	mv->data.value_type = 0;	/* not looked at for GET */
	mv->data.key_size = IC_KVP_MAX_KEY + 2;
	KUNIT_EXPECT_EQ(test, kvp_host_check(mv, sizeof(*mv)), -EINVAL);

	memset(mv, 0, sizeof(*mv));
	md->hdr.operation = IC_KVP_OP_DELETE;
	md->key_size = IC_KVP_MAX_KEY;
	KUNIT_EXPECT_EQ(test, kvp_host_check(md, sizeof(*md)), IC_KVP_OP_DELETE);
	md->key_size = IC_KVP_MAX_KEY + 1;
	KUNIT_EXPECT_EQ(test, kvp_host_check(md, sizeof(*md)), -EINVAL);
}

static void kvp_set_to_daemon(struct kunit *test)
{
	struct ic_kvp_msg_value *mv = kunit_kzalloc(test, sizeof(*mv), GFP_KERNEL);
	struct hv_kvp_msg *out = kunit_kzalloc(test, sizeof(*out), GFP_KERNEL);
	u32 v32 = 4000000000U;
	u64 v64 = 18000000000000000000ULL;

	KUNIT_ASSERT_NOT_NULL(test, mv);
	KUNIT_ASSERT_NOT_NULL(test, out);
	mv->hdr.operation = IC_KVP_OP_SET;
	mv->hdr.pool = IC_KVP_POOL_EXTERNAL;
	mv->data.key_size = put_utf16(mv->data.key, "Key1");
	mv->data.value_type = IC_KVP_REG_SZ;
	mv->data.value_size = put_utf16((u16 *)mv->data.value, "Value");
	KUNIT_ASSERT_EQ(test, kvp_host_to_daemon(mv, sizeof(*mv), out), 0);
	KUNIT_EXPECT_EQ(test, out->kvp_hdr.operation, KVP_OP_SET);
	KUNIT_EXPECT_EQ(test, out->kvp_hdr.pool, KVP_POOL_EXTERNAL);
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_set.data.key, "Key1");
	KUNIT_EXPECT_EQ(test, out->body.kvp_set.data.key_size, 5);
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_set.data.value, "Value");
	KUNIT_EXPECT_EQ(test, out->body.kvp_set.data.value_size, 6);

	/* The host's size bounds the string even without a NUL. */
	mv->data.key_size = 4;
	KUNIT_ASSERT_EQ(test, kvp_host_to_daemon(mv, sizeof(*mv), out), 0);
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_set.data.key, "Ke");
	KUNIT_EXPECT_EQ(test, out->body.kvp_set.data.key_size, 3);

	mv->data.value_type = IC_KVP_REG_DWORD;
	mv->data.value_size = 4;
	memcpy(mv->data.value, &v32, sizeof(v32));
	KUNIT_ASSERT_EQ(test, kvp_host_to_daemon(mv, sizeof(*mv), out), 0);
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_set.data.value,
			   "4000000000");
	KUNIT_EXPECT_EQ(test, out->body.kvp_set.data.value_size, 11);

	mv->data.value_type = IC_KVP_REG_QWORD;
	mv->data.value_size = 8;
	memcpy(mv->data.value, &v64, sizeof(v64));
	KUNIT_ASSERT_EQ(test, kvp_host_to_daemon(mv, sizeof(*mv), out), 0);
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_set.data.value,
			   "18000000000000000000");
}

static void kvp_long_strings_stay_bounded(struct kunit *test)
{
	struct ic_kvp_msg_value *mv = kunit_kzalloc(test, sizeof(*mv), GFP_KERNEL);
	struct hv_kvp_msg *out = kunit_kzalloc(test, sizeof(*out), GFP_KERNEL);
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, mv);
	KUNIT_ASSERT_NOT_NULL(test, out);
	/* Every unit non-zero: no terminator anywhere. */
	for (i = 0; i < ARRAY_SIZE(mv->data.key); i++)
		mv->data.key[i] = 0x20ac;	/* 3 bytes in UTF-8 */
	memset(mv->data.value, 'a', sizeof(mv->data.value));
	mv->hdr.operation = IC_KVP_OP_SET;
	mv->data.key_size = IC_KVP_MAX_KEY;
	mv->data.value_type = IC_KVP_REG_SZ;
	mv->data.value_size = IC_KVP_MAX_VALUE;
	memset(out, 0xff, sizeof(*out));
	KUNIT_ASSERT_EQ(test, kvp_host_to_daemon(mv, sizeof(*mv), out), 0);
	KUNIT_EXPECT_LE(test, out->body.kvp_set.data.key_size,
			HV_KVP_EXCHANGE_MAX_KEY_SIZE);
	KUNIT_EXPECT_EQ(test, out->body.kvp_set.data.key
			[out->body.kvp_set.data.key_size - 1], 0);
	KUNIT_EXPECT_LE(test, out->body.kvp_set.data.value_size,
			HV_KVP_EXCHANGE_MAX_VALUE_SIZE);
	KUNIT_EXPECT_EQ(test, out->body.kvp_set.data.value
			[HV_KVP_EXCHANGE_MAX_VALUE_SIZE - 1], 0);
}

static void kvp_other_ops_to_daemon(struct kunit *test)
{
	struct ic_kvp_msg_ip *mi = kunit_kzalloc(test, sizeof(*mi), GFP_KERNEL);
	struct hv_kvp_msg *out = kunit_kzalloc(test, sizeof(*out), GFP_KERNEL);
	struct ic_kvp_msg_enumerate *me = (void *)mi;
	struct ic_kvp_msg_delete *md = (void *)mi;
	struct ic_kvp_msg_value *mv = (void *)mi;

	KUNIT_ASSERT_NOT_NULL(test, mi);
	KUNIT_ASSERT_NOT_NULL(test, out);

	me->hdr.operation = IC_KVP_OP_ENUMERATE;
	me->hdr.pool = IC_KVP_POOL_AUTO;
	me->index = 7;
	KUNIT_ASSERT_EQ(test, kvp_host_to_daemon(me, sizeof(*me), out), 0);
	KUNIT_EXPECT_EQ(test, out->kvp_hdr.operation, KVP_OP_ENUMERATE);
	KUNIT_EXPECT_EQ(test, out->kvp_hdr.pool, KVP_POOL_AUTO);
	KUNIT_EXPECT_EQ(test, out->body.kvp_enum_data.index, 7);

	memset(mi, 0, sizeof(*mi));
	md->hdr.operation = IC_KVP_OP_DELETE;
	md->key_size = put_utf16(md->key, "Gone");
	KUNIT_ASSERT_EQ(test, kvp_host_to_daemon(md, sizeof(*md), out), 0);
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_delete.key, "Gone");
	KUNIT_EXPECT_EQ(test, out->body.kvp_delete.key_size, 5);

	memset(mi, 0, sizeof(*mi));
	mv->hdr.operation = IC_KVP_OP_GET;
	mv->hdr.pool = IC_KVP_POOL_GUEST;
	mv->data.key_size = put_utf16(mv->data.key, "Wanted");
	KUNIT_ASSERT_EQ(test, kvp_host_to_daemon(mv, sizeof(*mv), out), 0);
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_get.data.key, "Wanted");
	KUNIT_EXPECT_EQ(test, out->body.kvp_get.data.key_size, 7);

	memset(mi, 0, sizeof(*mi));
	mi->operation = IC_KVP_OP_SET_IP_INFO;
	mi->pool = IC_KVP_POOL_GUEST;
	put_utf16(mi->info.adapter_id, "{A1B2}");
	put_utf16(mi->info.ip_addr, "10.0.0.4;10.0.0.5");
	put_utf16(mi->info.subnet, "255.255.255.0");
	put_utf16(mi->info.gateway, "10.0.0.1");
	put_utf16(mi->info.dns_addr, "10.0.0.2");
	mi->info.addr_family = IC_KVP_AF_IPV4;
	mi->info.dhcp_enabled = 1;
	KUNIT_ASSERT_EQ(test, kvp_host_to_daemon(mi, sizeof(*mi), out), 0);
	KUNIT_EXPECT_EQ(test, out->kvp_hdr.operation, KVP_OP_SET_IP_INFO);
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_ip_val.adapter_id, "{A1B2}");
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_ip_val.ip_addr,
			   "10.0.0.4;10.0.0.5");
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_ip_val.sub_net,
			   "255.255.255.0");
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_ip_val.gate_way, "10.0.0.1");
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_ip_val.dns_addr, "10.0.0.2");
	KUNIT_EXPECT_EQ(test, out->body.kvp_ip_val.addr_family, ADDR_FAMILY_IPV4);
	KUNIT_EXPECT_EQ(test, out->body.kvp_ip_val.dhcp_enabled, 1);

	/* GET_IP_INFO passes only the adapter and the family. */
	mi->operation = IC_KVP_OP_GET_IP_INFO;
	KUNIT_ASSERT_EQ(test, kvp_host_to_daemon(mi, sizeof(*mi), out), 0);
	KUNIT_EXPECT_STREQ(test, (char *)out->body.kvp_ip_val.adapter_id, "{A1B2}");
	KUNIT_EXPECT_EQ(test, out->body.kvp_ip_val.ip_addr[0], 0);
	KUNIT_EXPECT_EQ(test, out->body.kvp_ip_val.dhcp_enabled, 0);
}

static void kvp_answers_to_host(struct kunit *test)
{
	struct ic_kvp_msg_ip *mi = kunit_kzalloc(test, sizeof(*mi), GFP_KERNEL);
	struct hv_kvp_msg *in = kunit_kzalloc(test, sizeof(*in), GFP_KERNEL);
	struct ic_kvp_msg_enumerate *me = (void *)mi;
	struct ic_kvp_msg_value *mv = (void *)mi;

	KUNIT_ASSERT_NOT_NULL(test, mi);
	KUNIT_ASSERT_NOT_NULL(test, in);

	me->hdr.operation = IC_KVP_OP_ENUMERATE;
	me->hdr.pool = IC_KVP_POOL_AUTO;
	strscpy((char *)in->body.kvp_enum_data.data.key, "OSName", HV_KVP_EXCHANGE_MAX_KEY_SIZE);
	strscpy((char *)in->body.kvp_enum_data.data.value, "Debian GNU/Linux",
		HV_KVP_EXCHANGE_MAX_VALUE_SIZE);
	KUNIT_EXPECT_EQ(test, kvp_daemon_to_host(in, IC_STATUS_OK, me, sizeof(*me)),
			IC_STATUS_OK);
	KUNIT_EXPECT_TRUE(test, utf16_eq(me->data.key, "OSName"));
	KUNIT_EXPECT_EQ(test, me->data.key_size, 14);
	KUNIT_EXPECT_TRUE(test, utf16_eq((u16 *)me->data.value, "Debian GNU/Linux"));
	KUNIT_EXPECT_EQ(test, me->data.value_size, 34);
	KUNIT_EXPECT_EQ(test, me->data.value_type, IC_KVP_REG_SZ);

	/* A failure passes through and leaves the body alone. */
	memset(me->data.key, 0, sizeof(me->data.key));
	KUNIT_EXPECT_EQ(test, kvp_daemon_to_host(in, IC_STATUS_NO_MORE_ITEMS, me,
						 sizeof(*me)),
			IC_STATUS_NO_MORE_ITEMS);
	KUNIT_EXPECT_EQ(test, me->data.key[0], 0);

	/* Invalid UTF-8 from the daemon fails the request. */
	in->body.kvp_enum_data.data.key[0] = 0xff;
	KUNIT_EXPECT_EQ(test, kvp_daemon_to_host(in, IC_STATUS_OK, me, sizeof(*me)),
			IC_STATUS_FAIL);

	/* GET: the daemon answers in the GET layout. */
	memset(mi, 0, sizeof(*mi));
	memset(in, 0, sizeof(*in));
	mv->hdr.operation = IC_KVP_OP_GET;
	mv->data.key_size = put_utf16(mv->data.key, "K");
	strscpy((char *)in->body.kvp_get.data.value, "abcdef", HV_KVP_EXCHANGE_MAX_VALUE_SIZE);
	KUNIT_EXPECT_EQ(test, kvp_daemon_to_host(in, IC_STATUS_OK, mv, sizeof(*mv)),
			IC_STATUS_OK);
	KUNIT_EXPECT_TRUE(test, utf16_eq((u16 *)mv->data.value, "abcdef"));
	KUNIT_EXPECT_EQ(test, mv->data.value_size, 14);
	KUNIT_EXPECT_TRUE(test, utf16_eq(mv->data.key, "K"));

	/* GET_IP_INFO: addresses back as UTF-16. */
	memset(mi, 0, sizeof(*mi));
	memset(in, 0, sizeof(*in));
	mi->operation = IC_KVP_OP_GET_IP_INFO;
	strscpy((char *)in->body.kvp_ip_val.adapter_id, "{A1B2}", 64);
	strscpy((char *)in->body.kvp_ip_val.ip_addr, "10.0.0.4", 64);
	strscpy((char *)in->body.kvp_ip_val.dns_addr, "10.0.0.2", 64);
	in->body.kvp_ip_val.addr_family = ADDR_FAMILY_IPV4;
	in->body.kvp_ip_val.dhcp_enabled = 1;
	KUNIT_EXPECT_EQ(test, kvp_daemon_to_host(in, IC_STATUS_OK, mi, sizeof(*mi)),
			IC_STATUS_OK);
	KUNIT_EXPECT_TRUE(test, utf16_eq(mi->info.adapter_id, "{A1B2}"));
	KUNIT_EXPECT_TRUE(test, utf16_eq(mi->info.ip_addr, "10.0.0.4"));
	KUNIT_EXPECT_TRUE(test, utf16_eq(mi->info.dns_addr, "10.0.0.2"));
	KUNIT_EXPECT_TRUE(test, utf16_eq(mi->info.gateway, ""));
	KUNIT_EXPECT_EQ(test, mi->info.addr_family, IC_KVP_AF_IPV4);
	KUNIT_EXPECT_EQ(test, mi->info.dhcp_enabled, 1);
}

static void kvp_daemon_strings_bounded(struct kunit *test)
{
	struct ic_kvp_msg_enumerate *me = kunit_kzalloc(test, sizeof(*me), GFP_KERNEL);
	struct hv_kvp_msg *in = kunit_kzalloc(test, sizeof(*in), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, me);
	KUNIT_ASSERT_NOT_NULL(test, in);
	/* No NUL anywhere in the daemon's key or value. */
	memset(in, 'x', sizeof(*in));
	me->hdr.operation = IC_KVP_OP_ENUMERATE;
	KUNIT_EXPECT_EQ(test, kvp_daemon_to_host(in, IC_STATUS_OK, me, sizeof(*me)),
			IC_STATUS_OK);
	KUNIT_EXPECT_EQ(test, me->data.key_size, IC_KVP_MAX_KEY);
	KUNIT_EXPECT_EQ(test, me->data.key[IC_KVP_MAX_KEY / 2 - 1], 0);
	KUNIT_EXPECT_EQ(test, me->data.value_size, IC_KVP_MAX_VALUE);
	KUNIT_EXPECT_EQ(test, me->data.value[IC_KVP_MAX_VALUE - 1], 0);
	KUNIT_EXPECT_EQ(test, me->data.value[IC_KVP_MAX_VALUE - 2], 0);
}

static void kvp_daemon_status_by_version(struct kunit *test)
{
	struct hv_kvp_msg *in = kunit_kzalloc(test, sizeof(*in), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, in);
	in->error = HV_S_CONT;
	KUNIT_EXPECT_EQ(test, kvp_daemon_status(in, KVP_OP_REGISTER1),
			IC_STATUS_NO_MORE_ITEMS);
	in->error = HV_E_FAIL;
	KUNIT_EXPECT_EQ(test, kvp_daemon_status(in, KVP_OP_REGISTER1),
			IC_STATUS_FAIL);
	/* Legacy daemons say "no entry" with an empty key. */
	memset(in, 0, sizeof(*in));
	KUNIT_EXPECT_EQ(test, kvp_daemon_status(in, KVP_OP_REGISTER),
			IC_STATUS_NO_MORE_ITEMS);
	in->body.kvp_enum_data.data.key[0] = 'k';
	KUNIT_EXPECT_EQ(test, kvp_daemon_status(in, KVP_OP_REGISTER), IC_STATUS_OK);
}

static struct kunit_case util_cases[] = {
	KUNIT_CASE(parse_lengths),
	KUNIT_CASE(answer_headers),
	KUNIT_CASE(negotiate_picks_newest_common),
	KUNIT_CASE(negotiate_no_common),
	KUNIT_CASE(negotiate_counts_bounded),
	KUNIT_CASE(negotiate_short),
	KUNIT_CASE(negotiate_answer_layout),
	KUNIT_CASE(heartbeat_increments),
	KUNIT_CASE(shutdown_flags),
	KUNIT_CASE(timesync_layouts),
	KUNIT_CASE(timesync_bad_times),
	KUNIT_CASE(timesync_extrapolation),
	KUNIT_CASE(timesync_suspend_detection),
	KUNIT_CASE(timesync_step_decision),
	KUNIT_CASE(kvp_check_ops_and_pools),
	KUNIT_CASE(kvp_check_lengths),
	KUNIT_CASE(kvp_check_sizes),
	KUNIT_CASE(kvp_set_to_daemon),
	KUNIT_CASE(kvp_long_strings_stay_bounded),
	KUNIT_CASE(kvp_other_ops_to_daemon),
	KUNIT_CASE(kvp_answers_to_host),
	KUNIT_CASE(kvp_daemon_strings_bounded),
	KUNIT_CASE(kvp_daemon_status_by_version),
	{}
};

static struct kunit_suite util_suite = {
	.name = "hv_utils",
	.test_cases = util_cases,
};

kunit_test_suite(util_suite);

MODULE_DESCRIPTION("KUnit tests for hv_utils message handling");
MODULE_LICENSE("GPL");
