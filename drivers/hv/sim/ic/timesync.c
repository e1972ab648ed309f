// SPDX-License-Identifier: GPL-2.0
/*
 * Time synchronisation, host side (include/hv/proto/ic.h). The host's
 * clock starts at the guest's CLOCK_REALTIME when hv_sim loads and then
 * runs on CLOCK_MONOTONIC_RAW, so neither setting the guest's wall clock
 * nor NTP slewing it (chronyd in the guest following this very clock)
 * moves it; tests shift it (offset_ms) and make it run fast or slow
 * (drift_ppm). Right after negotiation the host sends a SYNC, as OpenVMM's
 * host does, then a SAMPLE every sample_ms.
 */
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "ic.h"

#define SIM_TS_SAMPLE_MS	1000
/* Keeps every host time within 64-bit nanoseconds. */
#define SIM_TS_MAX_OFFSET_MS	(100LL * 366 * 24 * 3600 * 1000)
#define SIM_TS_MAX_PPM		1000000

/* 2001-01-01T00:00:00Z, far enough from now to see a clock jump to it. */
#define SIM_TS_SAMPLE_UNIX_SEC	978307200ULL

/**
 * sim_ic_timesync_init() - start the host clock at the guest's wall clock
 * @ic: the IC state
 */
void sim_ic_timesync_init(struct sim_ic *ic)
{
	ic->ts.base_ns = ktime_get_real_ns();
	ic->ts.mark_ns = ktime_get_raw_ns();
	ic->ts.sample_ms = SIM_TS_SAMPLE_MS;
}

/* Host nanoseconds since the mark: @now - mark, drift_ppm fast. */
static s64 sim_ts_drifted(struct sim_ic *ic, u64 now)
{
	s64 elapsed = now - ic->ts.mark_ns;
	s32 rem;
	s64 q = div_s64_rem(elapsed, 1000000, &rem);

	return elapsed + q * ic->ts.drift_ppm +
	       div_s64((s64)rem * ic->ts.drift_ppm, 1000000);
}

/* Host time now, Unix nanoseconds. */
static s64 sim_ts_host_ns(struct sim_ic *ic)
{
	return ic->ts.base_ns + ic->ts.elapsed_ns +
	       sim_ts_drifted(ic, ktime_get_raw_ns()) + ic->ts.offset_ns;
}

/* Unix nanoseconds as the wire counts: 100 ns units since 1601. */
static u64 sim_ts_wire(s64 unix_ns)
{
	return IC_TIME_UNIX_EPOCH + div_s64(unix_ns, IC_TIME_UNIT_NS);
}

static u32 sim_ts_version(struct sim_ic_svc *s)
{
	return sim_ic_ready(s) ? s->chan->version : s->ops->versions[0];
}

/*
 * The layout of @version: 4.0 carries the reference time of the sample,
 * here CLOCK_BOOTTIME in 100 ns units (the partition's uptime on
 * Hyper-V); older ones carry zero child and round-trip times.
 */
static u32 sim_ts_build(struct sim_ic *ic, u32 version, u64 wire, u8 flags)
{
	struct ic_timesync_old *old;
	struct ic_timesync_ref *ref;

	if (version >= IC_TIMESYNC_V4) {
		ref = (struct ic_timesync_ref *)sim_ic_body(ic, sizeof(*ref));
		ref->parent_time = wire;
		ref->ref_time = div_u64(ktime_get_boottime_ns(), IC_TIME_UNIT_NS);
		ref->flags = flags;
		return sizeof(*ref);
	}
	old = (struct ic_timesync_old *)sim_ic_body(ic, sizeof(*old));
	old->parent_time = wire;
	old->flags = flags;
	return sizeof(*old);
}

static int sim_ts_send(struct sim_ic *ic, struct sim_ic_svc *s, u8 flags)
{
	u64 wire = sim_ts_wire(sim_ts_host_ns(ic));

	return sim_ic_request(s, sim_ts_build(ic, sim_ts_version(s), wire, flags),
			      wire);
}

static void sim_ts_ready(struct sim_ic *ic, struct sim_ic_svc *s)
{
	int ret = sim_ts_send(ic, s, IC_TIMESYNC_SYNC);

	if (ret)
		pr_warn("ic timesync: first SYNC not sent: %d\n", ret);
	if (ic->ts.sample_ms)
		sim_ic_schedule(s, ic->ts.sample_ms);
}

static void sim_ts_tick(struct sim_ic *ic, struct sim_ic_svc *s)
{
	if (!ic->ts.sample_ms || !sim_ic_ready(s))
		return;
	sim_ts_send(ic, s, IC_TIMESYNC_SAMPLE);
	sim_ic_schedule(s, ic->ts.sample_ms);
}

/* Any status for a time before the epoch; success for any other. */
static bool sim_ts_answer(struct sim_ic *ic, struct sim_ic_svc *s,
			  const struct sim_ic_req *req, const struct ic_hdr *hdr,
			  const u8 *body)
{
	if (hdr->status != IC_STATUS_OK && req->cookie > IC_TIME_UNIX_EPOCH) {
		pr_warn_ratelimited("ic timesync: time %llu refused: %#x\n",
				    req->cookie, hdr->status);
		return false;
	}
	return true;
}

/* The host clock from now on runs @ppm fast; the time so far stays. */
static void sim_ts_set_drift(struct sim_ic *ic, s32 ppm)
{
	u64 now = ktime_get_raw_ns();

	ic->ts.elapsed_ns += sim_ts_drifted(ic, now);
	ic->ts.mark_ns = now;
	ic->ts.drift_ppm = ppm;
}

static int sim_ts_cmd(struct sim_ic *ic, struct sim_ic_svc *s, char *args)
{
	char *w[2], *word, *val;
	s64 ms;
	s32 ppm;
	u32 period;

	if (sim_cmd_words(args, " \t", w, ARRAY_SIZE(w)) <= 0)
		return -EINVAL;
	word = w[0];
	val = w[1];
	if (!strcmp(word, "sync") && !val)
		/* Before negotiation the first SYNC will do. */
		return sim_ic_ready(s) ? sim_ts_send(ic, s, IC_TIMESYNC_SYNC) : 0;
	if (!val)
		return -EINVAL;
	if (!strcmp(word, "offset_ms")) {
		if (kstrtos64(val, 0, &ms) || ms > SIM_TS_MAX_OFFSET_MS ||
		    ms < -SIM_TS_MAX_OFFSET_MS)
			return -EINVAL;
		ic->ts.offset_ns = ms * NSEC_PER_MSEC;
	} else if (!strcmp(word, "drift_ppm")) {
		if (kstrtos32(val, 0, &ppm) || ppm > SIM_TS_MAX_PPM ||
		    ppm < -SIM_TS_MAX_PPM)
			return -EINVAL;
		sim_ts_set_drift(ic, ppm);
	} else if (!strcmp(word, "sample_ms")) {
		if (kstrtou32(val, 0, &period))
			return -EINVAL;
		ic->ts.sample_ms = period;
		if (!period)
			cancel_delayed_work(&s->work);
		else if (sim_ic_ready(s))
			sim_ic_schedule(s, period);
	} else {
		return -EINVAL;
	}
	return 0;
}

static void sim_ts_show(struct sim_ic *ic, struct sim_ic_svc *s,
			struct seq_file *m)
{
	seq_printf(m, "host_ns=%lld sent=%llu answered=%llu\n",
		   sim_ts_host_ns(ic), s->sent, s->answered);
}

/*
 * For the malformed kinds: a SYNC to 2001, so that a guest acting on a
 * request it should have refused shows in its clock.
 */
static u32 sim_ts_sample(struct sim_ic *ic)
{
	struct sim_ic_svc *s = &ic->svc[SIM_IC_TIMESYNC];
	u64 wire = sim_ts_wire(SIM_TS_SAMPLE_UNIX_SEC * NSEC_PER_SEC);

	return sim_ts_build(ic, sim_ts_version(s), wire, IC_TIMESYNC_SYNC);
}

static const char *const sim_ts_kinds[] = { "bad_time", NULL };

/* bad_time: a SYNC to one second before the Unix epoch. */
static int sim_ts_malformed(struct sim_ic *ic, struct sim_ic_svc *s,
			    unsigned int kind)
{
	u64 wire = sim_ts_wire(-(s64)NSEC_PER_SEC);

	return sim_ic_send_malformed(s, sim_ts_build(ic, sim_ts_version(s),
						     wire, IC_TIMESYNC_SYNC));
}

static const u32 sim_ts_versions[] = {
	IC_TIMESYNC_V4, IC_TIMESYNC_V3, IC_TIMESYNC_V1,
};

const struct sim_ic_ops sim_ic_timesync_ops = {
	.name = "timesync",
	.type = IC_MSG_TIMESYNC,
	.versions = sim_ts_versions,
	.nversions = ARRAY_SIZE(sim_ts_versions),
	.ready = sim_ts_ready,
	.tick = sim_ts_tick,
	.answer = sim_ts_answer,
	.cmd = sim_ts_cmd,
	.show = sim_ts_show,
	.sample = sim_ts_sample,
	.kinds = sim_ts_kinds,
	.malformed = sim_ts_malformed,
};
