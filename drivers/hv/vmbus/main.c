// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: the VMBus core. Module entry points and the choice of
 * platform backend.
 */
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/reboot.h>
#include <linux/string.h>
#include "vmbus_private.h"

const struct vmbus_platform_ops *vmbus_platform;

static char *platform = "auto";
module_param(platform, charp, 0444);
MODULE_PARM_DESC(platform, "How to reach the host: auto (Hyper-V if present) or sim (the simulated host, hv_sim)");

static int vmbus_pick_platform(void)
{
	if (!strcmp(platform, "sim")) {
		vmbus_platform = &vmbus_platform_sim;
		return 0;
	}
	if (strcmp(platform, "auto") && strcmp(platform, "hyperv")) {
		pr_err("unknown platform '%s': use auto, hyperv or sim\n",
		       platform);
		return -EINVAL;
	}
	if (!IS_ENABLED(CONFIG_HYPERV)) {
		pr_err("no Hyper-V platform for this kernel (built without CONFIG_HYPERV); platform=sim uses the simulated host\n");
		return -ENODEV;
	}
	vmbus_platform = &vmbus_platform_hyperv;
	return 0;
}

/* Reboot, kexec and power-off all pass here (kdump does not: see docs). */
static int vmbus_reboot(struct notifier_block *nb, unsigned long action,
			void *data)
{
	vmbus_connection_shutdown();
	return NOTIFY_DONE;
}

static struct notifier_block vmbus_reboot_nb = {
	.notifier_call = vmbus_reboot,
};

static int __init vmbus_init(void)
{
	int ret;

	ret = vmbus_pick_platform();
	if (ret)
		return ret;
	ret = vmbus_connection_init();
	if (ret)
		return ret;
	ret = bus_register(&vmbus_bus_type);
	if (ret)
		goto free_connection;
	ret = vmbus_platform->init();
	if (ret)
		goto unregister_bus;
	ret = vmbus_synic_init();
	if (ret)
		goto exit_platform;
	register_reboot_notifier(&vmbus_reboot_nb);
	pr_info("platform %s ready\n", vmbus_platform->name);
	/* The simulated host says when it is there; Hyper-V always is. */
	if (vmbus_platform != &vmbus_platform_sim)
		vmbus_host_ready();
	return 0;

exit_platform:
	vmbus_platform->exit();
unregister_bus:
	bus_unregister(&vmbus_bus_type);
free_connection:
	vmbus_connection_exit();
	return ret;
}

static void __exit vmbus_exit(void)
{
	unregister_reboot_notifier(&vmbus_reboot_nb);
	vmbus_connection_exit();
	vmbus_synic_exit();
	vmbus_platform->exit();
	bus_unregister(&vmbus_bus_type);
}

module_init(vmbus_init);
module_exit(vmbus_exit);

MODULE_DESCRIPTION("Hyper-V VMBus core (hvguest)");
MODULE_LICENSE("GPL");
MODULE_VERSION(HVG_VERSION);
