// SPDX-License-Identifier: GPL-2.0
/*
 * Shutdown IC: the host asks the guest to power off, restart or
 * hibernate. The request is answered first and acted on afterwards from
 * a work item, as upstream does: an orderly poweroff or reboot, and for
 * hibernation the "EVENT=hibernate" change uevent on the device that
 * user space (a udev rule) turns into a hibernation, as upstream does.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/reboot.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <hv/vmbus.h>
#include "util.h"

static bool shutdown_dry_run;
module_param(shutdown_dry_run, bool, 0644);
MODULE_PARM_DESC(shutdown_dry_run,
		 "Answer shutdown requests but do not act on them (for tests)");

/* Newest first. Source: include/hv/proto/ic.h (IC_SHUTDOWN_V*). */
static const u32 sd_versions[] = {
	IC_SHUTDOWN_V3_2,
	IC_SHUTDOWN_V3_1,
	IC_SHUTDOWN_V3,
	IC_SHUTDOWN_V1,
};

/**
 * struct sd_dev - the shutdown device
 * @icd: its IC device
 * @work: carries out @action in process context
 * @action: the last accepted request (enum ic_shutdown_action)
 * @can_hibernate: known at probe, since finding out may sleep
 */
struct sd_dev {
	struct ic_dev *icd;
	struct work_struct work;
	int action;
	bool can_hibernate;
};

/*
 * Upstream asks the same question (hv_is_hibernation_supported(): ACPI
 * S4 is described); without ACPI sleep states there is no way to tell.
 */
static bool sd_can_hibernate(void)
{
#if IS_ENABLED(CONFIG_HIBERNATION) && IS_ENABLED(CONFIG_ACPI_SYSTEM_POWER_STATES_SUPPORT)
	u8 type_a, type_b;

	return !acpi_disabled &&
	       ACPI_SUCCESS(acpi_get_sleep_type_data(ACPI_STATE_S4, &type_a,
						     &type_b));
#else
	return false;
#endif
}

static void sd_work(struct work_struct *work)
{
	struct sd_dev *sd = container_of(work, struct sd_dev, work);
	char event[] = "EVENT=hibernate";
	char *envp[2] = { event, NULL };

	switch (READ_ONCE(sd->action)) {
	case IC_SHUTDOWN_POWEROFF:
		orderly_poweroff(true);
		break;
	case IC_SHUTDOWN_REBOOT:
		orderly_reboot();
		break;
	case IC_SHUTDOWN_HIBERNATE_ACT:
		kobject_uevent_env(&sd->icd->hdev->device.kobj, KOBJ_CHANGE,
				   envp);
		break;
	}
}

static const char *const sd_action_names[] = {
	[IC_SHUTDOWN_POWEROFF] = "power off",
	[IC_SHUTDOWN_REBOOT] = "restart",
	[IC_SHUTDOWN_HIBERNATE_ACT] = "hibernation",
};

static int sd_on_msg(struct ic_dev *icd, struct ic_msg *msg)
{
	struct sd_dev *sd = icd->priv;
	enum ic_shutdown_action action;
	int ret;

	ret = ic_shutdown_check(msg->body, msg->body_len, READ_ONCE(icd->version),
				sd->can_hibernate, &action);
	if (ret) {
		dev_err_ratelimited(&icd->hdev->device,
				    "shutdown: refused request (%u bytes, flags %#x): %d\n",
				    msg->body_len,
				    msg->body_len >= IC_SHUTDOWN_MIN_LEN ?
				    ((struct ic_shutdown *)msg->body)->flags : 0,
				    ret);
		msg->status = IC_STATUS_FAIL;
		return 0;
	}
	if (READ_ONCE(shutdown_dry_run)) {
		dev_info_ratelimited(&icd->hdev->device,
				     "shutdown: host requests %s; not acting (shutdown_dry_run)\n",
				     sd_action_names[action]);
		return 0;
	}
	dev_info_ratelimited(&icd->hdev->device, "shutdown: host requests %s\n",
			     sd_action_names[action]);
	WRITE_ONCE(sd->action, action);
	ic_send_answer(icd, msg);
	schedule_work(&sd->work);
	return IC_DEFERRED;
}

static int sd_init(struct ic_dev *icd)
{
	struct sd_dev *sd;

	sd = devm_kzalloc(&icd->hdev->device, sizeof(*sd), GFP_KERNEL);
	if (!sd)
		return -ENOMEM;
	sd->icd = icd;
	INIT_WORK(&sd->work, sd_work);
	sd->can_hibernate = sd_can_hibernate();
	icd->priv = sd;
	return 0;
}

static void sd_teardown(struct ic_dev *icd)
{
	struct sd_dev *sd = icd->priv;

	cancel_work_sync(&sd->work);
}

const struct ic_service ic_shutdown_service = {
	.name = "shutdown",
	.class_id = IC_GUID_SHUTDOWN,
	.msg_type = IC_MSG_SHUTDOWN,
	.versions = sd_versions,
	.n_versions = ARRAY_SIZE(sd_versions),
	.init = sd_init,
	.on_msg = sd_on_msg,
	.teardown = sd_teardown,
};
