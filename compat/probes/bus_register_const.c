// SPDX-License-Identifier: GPL-2.0
/* bus_register() accepts a const struct bus_type (Linux 6.4+). */
#include <linux/device.h>

static const struct bus_type probe_bus = { .name = "probe" };

int probe(void);
int probe(void)
{
	return bus_register(&probe_bus);
}
