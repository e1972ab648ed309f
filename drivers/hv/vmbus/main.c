// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: the VMBus core. Module entry points.
 */
#include <linux/module.h>
#include "vmbus_private.h"

static int __init vmbus_init(void)
{
	return bus_register(&vmbus_bus_type);
}

static void __exit vmbus_exit(void)
{
	bus_unregister(&vmbus_bus_type);
}

module_init(vmbus_init);
module_exit(vmbus_exit);

MODULE_DESCRIPTION("Hyper-V VMBus core (hvguest)");
MODULE_LICENSE("GPL");
MODULE_VERSION(HVG_VERSION);
