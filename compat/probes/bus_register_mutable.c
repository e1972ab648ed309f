// SPDX-License-Identifier: GPL-2.0
/* bus_register() takes a mutable struct bus_type (every kernel). */
#include <linux/device.h>

static struct bus_type probe_bus = { .name = "probe" };

int probe(void);
int probe(void)
{
	return bus_register(&probe_bus);
}
