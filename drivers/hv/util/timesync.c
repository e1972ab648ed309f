// SPDX-License-Identifier: GPL-2.0
/*
 * Time synchronisation IC. The host sends its time: with the SYNC flag
 * after boot, resume or restore (set the clock), with SAMPLE periodically
 * (a hint). Every valid message is kept as the latest sample, paired with
 * the local raw monotonic clock when it arrived; the "hyperv" PTP clock
 * (upstream's name, which udev rules turn into /dev/ptp_hyperv for
 * chrony) reads the host time extrapolated from that sample, and refuses
 * with -ESTALE, as upstream does, when the sample is too old.
 *
 * Unlike upstream, which pairs samples with the partition reference
 * counter, this driver uses CLOCK_MONOTONIC_RAW, which NTP does not
 * slew (chronyd disciplining the clock it reads from this one must not
 * move it), and does not use the reference time of version 4 messages:
 * the core offers no reference counter, and only the platform layer may
 * read the hypervisor's. The error is the delivery delay of one message.
 * That clock stops in suspend, so CLOCK_BOOTTIME is recorded as well: a
 * sample from before a suspend is stale.
 */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/ptp_clock_kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <hv/vmbus.h>
#include "util.h"

static bool timesync_implicit;
module_param(timesync_implicit, bool, 0644);
MODULE_PARM_DESC(timesync_implicit,
		 "Treat a SAMPLE as SYNC when the guest clock is 5 s or more behind (for hosts that send no SYNC after resume)");

static uint timesync_threshold_ms;
module_param(timesync_threshold_ms, uint, 0644);
MODULE_PARM_DESC(timesync_threshold_ms,
		 "Set the clock on SYNC only when it is off by at least this many ms (default 0: always, as upstream)");

static uint timesync_stale_sec = 600;
module_param(timesync_stale_sec, uint, 0644);
MODULE_PARM_DESC(timesync_stale_sec,
		 "Age in seconds after which a host time sample is not used (default 600, as upstream)");

/* Upstream's implicit sync corrects a guest behind by 5 s or more. */
#define TS_IMPLICIT_THRESHOLD_NS	(5 * NSEC_PER_SEC)

/* Newest first. Source: include/hv/proto/ic.h (IC_TIMESYNC_V*). */
static const u32 ts_versions[] = {
	IC_TIMESYNC_V4,
	IC_TIMESYNC_V3,
	IC_TIMESYNC_V1,
};

/**
 * struct ts_dev - the time sync device
 * @icd: its IC device
 * @lock: protects the sample and @sync_explicit
 * @have_sample: @host_ns, @taken_ns and @taken_boot_ns are valid
 * @host_ns: host time of the latest sample, Unix nanoseconds
 * @taken_ns: ktime_get_raw_ns() when it arrived
 * @taken_boot_ns: ktime_get_boottime_ns() when it arrived
 * @sync_explicit: the pending clock update comes from a SYNC
 * @settime: sets the clock in process context
 * @ptp_info: the "hyperv" PTP clock
 * @ptp: that clock once registered, or NULL
 */
struct ts_dev {
	struct ic_dev *icd;
	spinlock_t lock;		/* see above */
	bool have_sample;
	s64 host_ns;
	u64 taken_ns;
	u64 taken_boot_ns;
	bool sync_explicit;
	struct work_struct settime;
	struct ptp_clock_info ptp_info;
	struct ptp_clock *ptp;
};

static u64 ts_stale_ns(void)
{
	return (u64)READ_ONCE(timesync_stale_sec) * NSEC_PER_SEC;
}

/* Host time now, from the latest sample. */
static int ts_host_now(struct ts_dev *ts, s64 *ns, bool *explicit)
{
	unsigned long flags;
	int ret = -ESTALE;

	spin_lock_irqsave(&ts->lock, flags);
	if (ts->have_sample) {
		u64 raw = ktime_get_raw_ns(), boot = ktime_get_boottime_ns();

		if (ic_time_suspended(boot - ts->taken_boot_ns,
				      raw - ts->taken_ns))
			ret = -ESTALE;
		else
			ret = ic_time_extrapolate(ts->host_ns, ts->taken_ns,
						  raw, ts_stale_ns(), ns);
	}
	if (explicit) {
		*explicit = ts->sync_explicit;
		ts->sync_explicit = false;
	}
	spin_unlock_irqrestore(&ts->lock, flags);
	return ret;
}

static void ts_settime(struct work_struct *work)
{
	struct ts_dev *ts = container_of(work, struct ts_dev, settime);
	struct device *dev = &ts->icd->hdev->device;
	struct timespec64 when;
	bool explicit;
	s64 host, guest;
	u64 threshold;
	int ret;

	ret = ts_host_now(ts, &host, &explicit);
	if (ret) {
		dev_warn_ratelimited(dev, "timesync: clock not set, no usable sample: %d\n",
				     ret);
		return;
	}
	guest = ktime_get_real_ns();
	threshold = explicit ?
		    (u64)READ_ONCE(timesync_threshold_ms) * NSEC_PER_MSEC :
		    TS_IMPLICIT_THRESHOLD_NS;
	if (!ic_time_should_step(host, guest, threshold, !explicit))
		return;
	when = ns_to_timespec64(host);
	ret = do_settimeofday64(&when);
	if (ret)
		dev_err_ratelimited(dev, "timesync: cannot set the clock: %d\n", ret);
	else
		dev_info_ratelimited(dev, "timesync: clock set to host time (%s, was off by %lld ms)\n",
				     explicit ? "sync" : "implicit sync",
				     div_s64(host - guest, NSEC_PER_MSEC));
}

static int ts_on_msg(struct ic_dev *icd, struct ic_msg *msg)
{
	struct ts_dev *ts = icd->priv;
	unsigned long flags;
	struct ic_time t;
	bool set = false;
	int ret;

	ret = ic_timesync_parse(READ_ONCE(icd->version), msg->body,
				msg->body_len, &t);
	if (ret) {
		dev_err_ratelimited(&icd->hdev->device,
				    "timesync: dropped message (%u bytes): %d\n",
				    msg->body_len, ret);
		msg->status = IC_STATUS_FAIL;
		return 0;
	}
	spin_lock_irqsave(&ts->lock, flags);
	ts->have_sample = true;
	ts->host_ns = t.host_ns;
	ts->taken_ns = ktime_get_raw_ns();
	ts->taken_boot_ns = ktime_get_boottime_ns();
	if (t.flags & IC_TIMESYNC_SYNC) {
		ts->sync_explicit = true;
		set = true;
	}
	spin_unlock_irqrestore(&ts->lock, flags);
	if (!set && READ_ONCE(timesync_implicit))
		set = ic_time_should_step(t.host_ns, ktime_get_real_ns(),
					  TS_IMPLICIT_THRESHOLD_NS, true);
	if (set)
		schedule_work(&ts->settime);
	return 0;
}

static int ts_ptp_gettime(struct ptp_clock_info *info, struct timespec64 *ts)
{
	struct ts_dev *td = container_of(info, struct ts_dev, ptp_info);
	s64 ns;
	int ret;

	ret = ts_host_now(td, &ns, NULL);
	if (ret)
		return ret;
	*ts = ns_to_timespec64(ns);
	return 0;
}

static int ts_ptp_settime(struct ptp_clock_info *info,
			  const struct timespec64 *ts)
{
	return -EOPNOTSUPP;
}

static int ts_ptp_adjtime(struct ptp_clock_info *info, s64 delta)
{
	return -EOPNOTSUPP;
}

static int ts_ptp_adjfine(struct ptp_clock_info *info, long scaled_ppm)
{
	return -EOPNOTSUPP;
}

static int ts_ptp_enable(struct ptp_clock_info *info,
			 struct ptp_clock_request *req, int on)
{
	return -EOPNOTSUPP;
}

static const struct ptp_clock_info ts_ptp_template = {
	.owner = THIS_MODULE,
	.name = "hyperv",
	.gettime64 = ts_ptp_gettime,
	.settime64 = ts_ptp_settime,
	.adjtime = ts_ptp_adjtime,
	.adjfine = ts_ptp_adjfine,
	.enable = ts_ptp_enable,
};

static int ts_init(struct ic_dev *icd)
{
	struct ts_dev *ts;

	ts = devm_kzalloc(&icd->hdev->device, sizeof(*ts), GFP_KERNEL);
	if (!ts)
		return -ENOMEM;
	ts->icd = icd;
	spin_lock_init(&ts->lock);
	INIT_WORK(&ts->settime, ts_settime);
	ts->ptp_info = ts_ptp_template;
	icd->priv = ts;

	/* Without PTP support (NULL) the clock updates still work. */
	ts->ptp = ptp_clock_register(&ts->ptp_info, NULL);
	if (IS_ERR(ts->ptp)) {
		dev_err(&icd->hdev->device, "timesync: no PTP clock: %ld\n",
			PTR_ERR(ts->ptp));
		ts->ptp = NULL;
	}
	return 0;
}

static void ts_teardown(struct ic_dev *icd)
{
	struct ts_dev *ts = icd->priv;

	if (ts->ptp)
		ptp_clock_unregister(ts->ptp);
	cancel_work_sync(&ts->settime);
}

const struct ic_service ic_timesync_service = {
	.name = "timesync",
	.class_id = IC_GUID_TIMESYNC,
	.msg_type = IC_MSG_TIMESYNC,
	.versions = ts_versions,
	.n_versions = ARRAY_SIZE(ts_versions),
	.init = ts_init,
	.on_msg = ts_on_msg,
	.teardown = ts_teardown,
};
