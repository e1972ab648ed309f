// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: the VMBus core. Module entry points and the choice of
 * platform backend.
 */
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/reboot.h>
#include <linux/string.h>
#include <linux/syscore_ops.h>
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

/*
 * When the connection is unloaded (Documentation/vmbus.rst, "Shutdown"):
 * as upstream, only for kexec, after every device was shut down, and on
 * panic; never on an ordinary reboot or power-off, whose device shutdown
 * (sd's cache flush through storvsc) still needs the host. A module cannot
 * see kexec_in_progress: the reboot notifiers are told the kernel's
 * "kexec reboot" command before the devices shut down, and the system
 * core shutdown callback, which runs after them, acts on it.
 */
#define VMBUS_KEXEC_CMD		"kexec reboot"

static bool vmbus_kexec;

static int vmbus_reboot(struct notifier_block *nb, unsigned long action,
			void *cmd)
{
	if (action == SYS_RESTART && cmd && !strcmp(cmd, VMBUS_KEXEC_CMD))
		WRITE_ONCE(vmbus_kexec, true);
	return NOTIFY_DONE;
}

static struct notifier_block vmbus_reboot_nb = {
	.notifier_call = vmbus_reboot,
};

static void vmbus_syscore_shutdown(void)
{
	if (READ_ONCE(vmbus_kexec))
		vmbus_connection_unload(false);
}

HVG_SYSCORE_SHUTDOWN(vmbus_syscore, vmbus_syscore_shutdown);

/* Atomic context, perhaps with the other CPUs stopped: must not sleep. */
static int vmbus_panic(struct notifier_block *nb, unsigned long action,
		       void *data)
{
	vmbus_connection_unload(true);
	return NOTIFY_DONE;
}

static struct notifier_block vmbus_panic_nb = {
	.notifier_call = vmbus_panic,
};

static void vmbus_hooks_register(void)
{
	register_reboot_notifier(&vmbus_reboot_nb);
	hvg_register_syscore(&vmbus_syscore);
	atomic_notifier_chain_register(&panic_notifier_list, &vmbus_panic_nb);
}

static void vmbus_hooks_unregister(void)
{
	atomic_notifier_chain_unregister(&panic_notifier_list, &vmbus_panic_nb);
	hvg_unregister_syscore(&vmbus_syscore);
	unregister_reboot_notifier(&vmbus_reboot_nb);
}

/* Each step is undone by vmbus_exit() in the reverse order. */
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
	vmbus_hooks_register();
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

/*
 * Devices go and the host is told (UNLOAD) while interrupts still bring
 * its answers; after vmbus_connection_stop() every host message is
 * dropped, and only once the SynIC is down can nothing reach the
 * connection's state, which is freed last.
 */
static void __exit vmbus_exit(void)
{
	vmbus_hooks_unregister();
	vmbus_connection_stop();
	vmbus_synic_exit();
	vmbus_platform->exit();
	bus_unregister(&vmbus_bus_type);
	vmbus_connection_exit();
}

module_init(vmbus_init);
module_exit(vmbus_exit);

MODULE_DESCRIPTION("Hyper-V VMBus core (hvguest)");
MODULE_LICENSE("GPL");
MODULE_VERSION(HVG_VERSION);
