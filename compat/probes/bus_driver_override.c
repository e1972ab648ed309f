// SPDX-License-Identifier: GPL-2.0
/* The driver core keeps driver_override for buses that ask (Linux 7.0+). */
#include <linux/device.h>

struct bus_type probe_bus = { .driver_override = true };

int probe(struct device *dev, const struct device_driver *drv);
int probe(struct device *dev, const struct device_driver *drv)
{
	return device_match_driver_override(dev, drv);
}
