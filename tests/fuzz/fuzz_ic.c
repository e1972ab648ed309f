// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the integration-component framework and each
 * service's message checks (drivers/hv/util/wire.c).
 *
 * The input is a struct fuzz_in, zero-filled past the input's end: which
 * service and negotiated version the guest is at, numbers for the time
 * arithmetic, and a packet payload of up to FUZZ_IC_MAX bytes, whose
 * length is part of the input. The payload sits in a heap block of
 * exactly its length; its body is handed on in a block of exactly the IC
 * header's size, as hv_utils's framework does, so that a check reading
 * beyond what the host sent trips ASan. Every result is compared with
 * the rules of Documentation/hv_utils.rst, written out here from
 * include/hv/proto/ic.h: the framing, version negotiation (counts at
 * most 100, the body holding every version announced, the newest common
 * version of each kind), the heartbeat, shutdown flags, the time sync
 * layouts and epoch, and the time arithmetic's bounds.
 *
 * Built by tests/userspace/Makefile ("make fuzz-ic", "make test", "make
 * fuzz-seeds"), like the other targets.
 */
#include <linux/kernel.h>
#include <linux/ktime.h>
#include "util.h"
#include "fuzz.h"

#define FUZZ_IC_MAX	1024

struct fuzz_in {
	u8 service;		/* modulo 4: heartbeat, shutdown, timesync, kvp */
	u8 hibernate;		/* bit 0: the kernel can hibernate */
	u32 version;		/* the negotiated message version */
	u64 taken_ns;		/* time arithmetic: when a sample came */
	u64 now_ns;
	u64 stale_ns;
	s64 guest_ns;
	u64 threshold_ns;
	u64 raw_age;
	u16 len;		/* payload bytes, modulo FUZZ_IC_MAX + 1 */
	u8 payload[FUZZ_IC_MAX];
} __packed;

static const u32 fw_ours[] = { IC_FRAMEWORK_V3, IC_FRAMEWORK_V1 };

static const u32 hb_ours[] = { IC_HEARTBEAT_V3, IC_HEARTBEAT_V1 };
static const u32 sd_ours[] = {
	IC_SHUTDOWN_V3_2, IC_SHUTDOWN_V3_1, IC_SHUTDOWN_V3, IC_SHUTDOWN_V1,
};

static const u32 ts_ours[] = { IC_TIMESYNC_V4, IC_TIMESYNC_V3, IC_TIMESYNC_V1 };
static const u32 kvp_ours[] = { IC_KVP_V4, IC_KVP_V3, IC_KVP_V1 };

static const struct {
	const u32 *v;
	unsigned int n;
} services[] = {
	{ hb_ours, ARRAY_SIZE(hb_ours) },
	{ sd_ours, ARRAY_SIZE(sd_ours) },
	{ ts_ours, ARRAY_SIZE(ts_ours) },
	{ kvp_ours, ARRAY_SIZE(kvp_ours) },
};

/* The first of @ours found among @count versions at @theirs, or 0. */
static u32 newest_common(const u8 *theirs, u32 count, const u32 *ours,
			 unsigned int n)
{
	struct ic_version v;
	unsigned int i;
	u32 j;

	for (i = 0; i < n; i++)
		for (j = 0; j < count; j++) {
			memcpy(&v, theirs + j * sizeof(v), sizeof(v));
			if (IC_VER(v.major, v.minor) == ours[i])
				return ours[i];
		}
	return 0;
}

static void fuzz_negotiate(const u8 *body, u32 len, const struct fuzz_in *in)
{
	unsigned int s = in->service % ARRAY_SIZE(services);
	const u8 *vers = body + sizeof(struct ic_negotiate);
	u32 fw = 0x5a5a, msg = 0x5a5a, want_fw, want_msg;
	struct ic_negotiate neg;
	u8 answer[IC_NEGOTIATE_ANSWER_LEN];
	struct ic_version v[2];
	int ret;

	ret = ic_negotiate(body, len, fw_ours, ARRAY_SIZE(fw_ours),
			   services[s].v, services[s].n, &fw, &msg);
	if (len < sizeof(neg)) {
		CHECK(ret == -EBADMSG);
		return;
	}
	memcpy(&neg, body, sizeof(neg));
	if (neg.framework_count > IC_NEGOTIATE_MAX_COUNT ||
	    neg.message_count > IC_NEGOTIATE_MAX_COUNT ||
	    (u64)(neg.framework_count + neg.message_count) *
	    sizeof(struct ic_version) > len - sizeof(neg)) {
		CHECK(ret == -EBADMSG);
		return;
	}
	want_fw = newest_common(vers, neg.framework_count, fw_ours,
				ARRAY_SIZE(fw_ours));
	want_msg = newest_common(vers + neg.framework_count * sizeof(v[0]),
				 neg.message_count, services[s].v,
				 services[s].n);
	if (!want_fw || !want_msg) {
		CHECK(ret == -ENOENT);
		return;
	}
	CHECK(ret == 0 && fw == want_fw && msg == want_msg);

	/* The answer: one version of each kind, as chosen. */
	memset(answer, 0xa5, sizeof(answer));
	CHECK(ic_negotiate_answer(answer, fw, msg, true) == sizeof(answer));
	memcpy(&neg, answer, sizeof(neg));
	memcpy(v, answer + sizeof(neg), sizeof(v));
	CHECK(neg.framework_count == 1 && neg.message_count == 1 &&
	      !neg.reserved);
	CHECK(IC_VER(v[0].major, v[0].minor) == fw &&
	      IC_VER(v[1].major, v[1].minor) == msg);
	CHECK(ic_negotiate_answer(answer, fw, msg, false) == sizeof(answer));
	memcpy(&neg, answer, sizeof(neg));
	CHECK(!neg.framework_count && !neg.message_count);
}

static void fuzz_heartbeat(const u8 *body, u32 len)
{
	u8 *copy = malloc(len ? len : 1);
	u64 seq, after;

	CHECK(copy);
	memcpy(copy, body, len);
	if (len < sizeof(u64)) {
		CHECK(ic_heartbeat_answer(copy, len) == -EBADMSG);
		CHECK(!memcmp(copy, body, len));
	} else {
		CHECK(ic_heartbeat_answer(copy, len) == 0);
		memcpy(&seq, body, sizeof(seq));
		memcpy(&after, copy, sizeof(after));
		CHECK(after == seq + 1);
		CHECK(!memcmp(copy + 8, body + 8, len - 8));
	}
	free(copy);
}

static void fuzz_shutdown(const u8 *body, u32 len, const struct fuzz_in *in)
{
	enum ic_shutdown_action act = 77;
	bool hib = in->hibernate & 1;
	u32 flags;
	int ret;

	ret = ic_shutdown_check(body, len, in->version, hib, &act);
	if (len < IC_SHUTDOWN_MIN_LEN) {
		CHECK(ret == -EBADMSG);
		return;
	}
	memcpy(&flags, body + offsetof(struct ic_shutdown, flags),
	       sizeof(flags));
	flags &= ~IC_SHUTDOWN_FORCE;
	if (flags == 0)
		CHECK(!ret && act == IC_SHUTDOWN_POWEROFF);
	else if (flags == IC_SHUTDOWN_RESTART)
		CHECK(!ret && act == IC_SHUTDOWN_REBOOT);
	else if (flags != IC_SHUTDOWN_HIBERNATE)
		CHECK(ret == -EINVAL && act == 77);
	else if (!hib || in->version < IC_SHUTDOWN_V3_2)
		CHECK(ret == -EOPNOTSUPP && act == 77);
	else
		CHECK(!ret && act == IC_SHUTDOWN_HIBERNATE_ACT);
}

static void fuzz_time_math(s64 host_ns, const struct fuzz_in *in)
{
	s64 out = 0x5a5a;
	u64 age = in->now_ns > in->taken_ns ? in->now_ns - in->taken_ns : 0;
	int ret = ic_time_extrapolate(host_ns, in->taken_ns, in->now_ns,
				      in->stale_ns, &out);
	bool step, fwd;
	u64 off;

	if (age > in->stale_ns)
		CHECK(ret == -ESTALE);
	else if (host_ns < 0 || age > (u64)KTIME_MAX - (u64)host_ns)
		CHECK(ret == -ERANGE);
	else
		CHECK(!ret && out >= host_ns && (u64)(out - host_ns) == age);

	/* Offsets are computed without overflow, either way. */
	step = ic_time_should_step(host_ns, in->guest_ns, in->threshold_ns,
				   in->hibernate & 2);
	fwd = host_ns >= in->guest_ns;
	off = fwd ? (u64)host_ns - (u64)in->guest_ns :
		    (u64)in->guest_ns - (u64)host_ns;
	CHECK(step == (off >= in->threshold_ns &&
		       (fwd || !(in->hibernate & 2))));

	CHECK(ic_time_suspended(in->now_ns, in->raw_age) ==
	      (in->now_ns > in->raw_age &&
	       in->now_ns - in->raw_age > NSEC_PER_SEC + in->raw_age / 8));
}

static void fuzz_timesync(const u8 *body, u32 len, const struct fuzz_in *in)
{
	bool ref = in->version >= IC_TIMESYNC_V4;
	u32 need = ref ? IC_TIMESYNC_REF_MIN_LEN : IC_TIMESYNC_OLD_MIN_LEN;
	u32 flags_at = ref ? offsetof(struct ic_timesync_ref, flags) :
			     offsetof(struct ic_timesync_old, flags);
	struct ic_time t = { 0x5a5a, 0x5a };
	u64 host;
	int ret;

	ret = ic_timesync_parse(in->version, body, len, &t);
	if (len < need) {
		CHECK(ret == -EBADMSG);
		fuzz_time_math(0, in);
		return;
	}
	memcpy(&host, body, sizeof(host));	/* parent_time leads both */
	/* After 1970, and in 100 ns units still a positive s64 of ns. */
	if (host <= IC_TIME_UNIX_EPOCH ||
	    host - IC_TIME_UNIX_EPOCH > (u64)KTIME_MAX / IC_TIME_UNIT_NS) {
		CHECK(ret == -ERANGE);
		fuzz_time_math(0, in);
		return;
	}
	CHECK(ret == 0);
	CHECK(t.host_ns > 0);
	CHECK((u64)t.host_ns == (host - IC_TIME_UNIX_EPOCH) * IC_TIME_UNIT_NS);
	CHECK(t.flags == (body[flags_at] &
			  (IC_TIMESYNC_SYNC | IC_TIMESYNC_SAMPLE)));
	fuzz_time_math(t.host_ns, in);
}

/* The answer's headers: the request's, with status, size and flags. */
static void fuzz_answer(const struct ic_hdr *req, u32 body_len)
{
	u8 buf[IC_HDRS_LEN + 16];
	struct ic_pipe_hdr pipe;
	struct ic_hdr hdr;

	body_len %= 17;
	memset(buf, 0xa5, sizeof(buf));
	CHECK(ic_finish_answer(buf, req, IC_STATUS_FAIL, body_len) ==
	      IC_HDRS_LEN + body_len);
	memcpy(&pipe, buf, sizeof(pipe));
	memcpy(&hdr, buf + sizeof(pipe), sizeof(hdr));
	CHECK(pipe.type == IC_PIPE_TYPE_DATA &&
	      pipe.size == sizeof(hdr) + body_len);
	CHECK(!memcmp(&hdr.framework, &req->framework, sizeof(hdr.framework)));
	CHECK(!memcmp(&hdr.msg_version, &req->msg_version,
		      sizeof(hdr.msg_version)));
	CHECK(hdr.type == req->type && hdr.trans_id == req->trans_id);
	CHECK(hdr.size == body_len && hdr.status == IC_STATUS_FAIL);
	CHECK(hdr.flags == (IC_FLAG_TRANSACTION | IC_FLAG_RESPONSE));
	CHECK(!hdr.reserved[0] && !hdr.reserved[1]);
	/* The body is left alone. */
	for (body_len = IC_HDRS_LEN; body_len < sizeof(buf); body_len++)
		CHECK(buf[body_len] == 0xa5);
}

int HV_FUZZ_ENTRY(const u8 *data, size_t size)
{
	struct fuzz_in in = { 0 };
	u32 len, body_len;
	struct ic_hdr hdr;
	u8 *pkt, *body;
	int ret;

	memcpy(&in, data, min(size, sizeof(in)));
	len = in.len % (FUZZ_IC_MAX + 1);
	pkt = calloc(1, len ? len : 1);
	CHECK(pkt);
	memcpy(pkt, in.payload, len);

	ret = ic_parse(pkt, len, &hdr);
	if (len < IC_HDRS_LEN) {
		CHECK(ret == -EBADMSG);
		goto out;
	}
	CHECK(!memcmp(&hdr, pkt + sizeof(struct ic_pipe_hdr), sizeof(hdr)));
	if (hdr.size > len - IC_HDRS_LEN) {
		CHECK(ret == -EMSGSIZE);
		fuzz_answer(&hdr, 0);
		goto out;
	}
	CHECK(ret == 0);
	fuzz_answer(&hdr, hdr.size);

	body_len = hdr.size;
	body = malloc(body_len ? body_len : 1);
	CHECK(body);
	memcpy(body, pkt + IC_HDRS_LEN, body_len);
	if (hdr.type == IC_MSG_NEGOTIATE)
		fuzz_negotiate(body, body_len, &in);
	fuzz_heartbeat(body, body_len);
	fuzz_shutdown(body, body_len, &in);
	fuzz_timesync(body, body_len, &in);
	free(body);
out:
	free(pkt);
	return 0;
}

#ifdef HV_FUZZ_SEEDS
/* Write a seed corpus: negotiations and each service's messages. */
static unsigned int seeds;

static void seed_file(const struct fuzz_in *in, const char *dir,
		      const char *name)
{
	fuzz_seed_write(dir, name, in, sizeof(*in));
}

/* A packet of @type with @body_len body bytes at in->payload + 28. */
static void seed_packet(struct fuzz_in *in, u16 type, u32 body_len)
{
	struct ic_pipe_hdr pipe = {
		.type = IC_PIPE_TYPE_DATA,
		.size = sizeof(struct ic_hdr) + body_len,
	};
	struct ic_hdr hdr = {
		.framework = { 3, 0 },
		.type = type,
		.msg_version = { 3, 0 },
		.size = body_len,
		.flags = IC_FLAG_TRANSACTION | IC_FLAG_REQUEST,
	};

	memcpy(in->payload, &pipe, sizeof(pipe));
	memcpy(in->payload + sizeof(pipe), &hdr, sizeof(hdr));
	in->len = IC_HDRS_LEN + body_len;
}

/* NEGOTIATE with @nf framework and @nm message versions, both lists. */
static void seed_negotiate(const char *dir, const char *name, u8 service,
			   u16 nf, u16 nm, const u16 *v, u32 nv, s32 delta)
{
	struct fuzz_in in = { .service = service };
	struct ic_negotiate neg = {
		.framework_count = nf,
		.message_count = nm,
	};
	u8 *body = in.payload + IC_HDRS_LEN;

	memcpy(body, &neg, sizeof(neg));
	memcpy(body + sizeof(neg), v, nv * sizeof(struct ic_version));
	seed_packet(&in, IC_MSG_NEGOTIATE,
		    sizeof(neg) + nv * sizeof(struct ic_version) + delta);
	seed_file(&in, dir, name);
	seeds++;
}

static void seed_body(const char *dir, const char *name, u8 service,
		      u16 type, u32 version, const void *b, u32 len)
{
	struct fuzz_in in = {
		.service = service,
		.version = version,
		.taken_ns = 1000,
		.now_ns = 5000,
		.stale_ns = 1000000,
		.guest_ns = 1700000000LL * NSEC_PER_SEC,
		.threshold_ns = NSEC_PER_SEC,
		.raw_age = 4000,
	};

	memcpy(in.payload + IC_HDRS_LEN, b, len);
	seed_packet(&in, type, len);
	seed_file(&in, dir, name);
	seeds++;
}

int main(int argc, char **argv)
{
	/* major, minor pairs: frameworks 3.0 1.0, then services' versions. */
	static const u16 common[] = { 3, 0, 1, 0, 4, 0, 3, 2, 3, 0, 1, 0 };
	static const u16 alien[] = { 2, 0, 9, 9 };
	struct ic_shutdown sd = { .flags = IC_SHUTDOWN_RESTART };
	struct ic_timesync_ref ref = {
		.parent_time = IC_TIME_UNIX_EPOCH + 17000000000000000ULL,
		.flags = IC_TIMESYNC_SYNC,
	};
	struct ic_timesync_old old = {
		.parent_time = IC_TIME_UNIX_EPOCH - 1,
		.flags = IC_TIMESYNC_SAMPLE,
	};
	struct ic_heartbeat hb = { .seq_num = ~0ULL };
	const char *dir = argv[1];
	struct fuzz_in in = { 0 };

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	seed_negotiate(dir, "negotiate-heartbeat", 0, 2, 4, common, 6, 0);
	seed_negotiate(dir, "negotiate-shutdown", 1, 2, 4, common, 6, 0);
	seed_negotiate(dir, "negotiate-timesync", 2, 2, 4, common, 6, 0);
	seed_negotiate(dir, "negotiate-kvp", 3, 1, 1, common + 2, 2, 0);
	seed_negotiate(dir, "negotiate-none", 0, 1, 1, alien, 2, 0);
	seed_negotiate(dir, "negotiate-count-101", 0, 101, 0, common, 6, 0);
	seed_negotiate(dir, "negotiate-count-max", 0, 0xffff, 0xffff, common,
		       6, 0);
	seed_negotiate(dir, "negotiate-short", 0, 2, 4, common, 6, -4);
	seed_negotiate(dir, "negotiate-no-body", 0, 0, 0, common, 0, -8);
	seed_body(dir, "heartbeat", 0, IC_MSG_HEARTBEAT, IC_HEARTBEAT_V3, &hb,
		  sizeof(hb));
	seed_body(dir, "heartbeat-short", 0, IC_MSG_HEARTBEAT,
		  IC_HEARTBEAT_V3, &hb, 7);
	seed_body(dir, "shutdown-reboot", 1, IC_MSG_SHUTDOWN,
		  IC_SHUTDOWN_V3_2, &sd, IC_SHUTDOWN_MIN_LEN);
	sd.flags = IC_SHUTDOWN_HIBERNATE | IC_SHUTDOWN_FORCE;
	seed_body(dir, "shutdown-hibernate", 1, IC_MSG_SHUTDOWN,
		  IC_SHUTDOWN_V3_2, &sd, sizeof(sd) - 2000);
	sd.flags = 0x80;
	seed_body(dir, "shutdown-bad-flags", 1, IC_MSG_SHUTDOWN,
		  IC_SHUTDOWN_V3, &sd, IC_SHUTDOWN_MIN_LEN);
	seed_body(dir, "timesync-ref", 2, IC_MSG_TIMESYNC, IC_TIMESYNC_V4,
		  &ref, sizeof(ref));
	seed_body(dir, "timesync-ref-short", 2, IC_MSG_TIMESYNC,
		  IC_TIMESYNC_V4, &ref, IC_TIMESYNC_REF_MIN_LEN - 1);
	seed_body(dir, "timesync-old-1969", 2, IC_MSG_TIMESYNC,
		  IC_TIMESYNC_V3, &old, sizeof(old));
	ref.parent_time = ~0ULL;
	seed_body(dir, "timesync-far", 2, IC_MSG_TIMESYNC, IC_TIMESYNC_V4,
		  &ref, sizeof(ref));

	/* Framing: short, a size beyond the packet. */
	seed_packet(&in, IC_MSG_HEARTBEAT, 8);
	in.len = IC_HDRS_LEN - 1;
	seed_file(&in, dir, "short");
	seed_packet(&in, IC_MSG_HEARTBEAT, 300);
	in.len = IC_HDRS_LEN + 299;
	seed_file(&in, dir, "bad-size");
	printf("%u seeds in %s\n", seeds + 2, dir);
	return 0;
}
#endif /* HV_FUZZ_SEEDS */
