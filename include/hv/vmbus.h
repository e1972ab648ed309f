/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel API of hv_vmbus: what drivers on the vmbus bus use.
 * Exported symbols live in the HVGUEST namespace (HVG_IMPORT_NS()).
 */
#ifndef HV_VMBUS_H
#define HV_VMBUS_H

#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/uuid.h>

/* "vmbus:" + 32 hex digits + NUL, as in the MODALIAS uevent variable. */
#define VMBUS_MODALIAS_LEN	(6 + 2 * UUID_SIZE + 1)

/**
 * struct hv_device - a device on the vmbus bus, one per primary channel
 * @device: the driver-model device; its name is the instance GUID
 * @class_id: device class (the offer's interface type GUID)
 * @instance_id: this device's instance GUID
 * @vendor_id: PCI-style vendor id shown in sysfs (Microsoft's)
 * @device_id: PCI-style device id shown in sysfs, per class
 * @driver_override: driver name forced through sysfs, or NULL
 */
struct hv_device {
	struct device device;
	guid_t class_id;
	guid_t instance_id;
	u16 vendor_id;
	u16 device_id;
	const char *driver_override;
};

#define to_hv_device(d)	container_of_const(d, struct hv_device, device)

/**
 * struct hv_driver - a driver for vmbus devices
 * @name: driver name, shown under /sys/bus/vmbus/drivers
 * @id_table: class GUIDs handled, ended by an all-zero entry
 * @driver: the driver-model driver
 * @probe: bind to a device; called in process context, may sleep
 * @remove: unbind; called in process context, may sleep
 * @shutdown: quiesce the device for reboot or kexec, optional
 */
struct hv_driver {
	const char *name;
	const struct hv_vmbus_device_id *id_table;
	struct device_driver driver;
	int (*probe)(struct hv_device *dev, const struct hv_vmbus_device_id *id);
	void (*remove)(struct hv_device *dev);
	void (*shutdown)(struct hv_device *dev);
};

#define to_hv_driver(d)	container_of_const(d, struct hv_driver, driver)

int __vmbus_driver_register(struct hv_driver *drv, struct module *owner,
			    const char *mod_name);
void vmbus_driver_unregister(struct hv_driver *drv);

/**
 * vmbus_driver_register() - register a driver on the vmbus bus
 * @drv: the driver; must outlive its registration
 *
 * Return: 0 or a negative errno.
 */
#define vmbus_driver_register(drv) \
	__vmbus_driver_register(drv, THIS_MODULE, KBUILD_MODNAME)

int vmbus_format_modalias(char *buf, size_t size, const guid_t *class_id);

#endif /* HV_VMBUS_H */
