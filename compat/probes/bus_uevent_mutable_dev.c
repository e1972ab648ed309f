// SPDX-License-Identifier: GPL-2.0
/* bus_type.uevent takes a mutable struct device * (before 6.3). */
#include <linux/device.h>

static int probe_uevent(struct device *dev, struct kobj_uevent_env *env)
{
	return 0;
}

struct bus_type probe_bus = { .uevent = probe_uevent };
