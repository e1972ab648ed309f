// SPDX-License-Identifier: GPL-2.0
/*
 * The vmbus bus type: matching drivers to devices by class GUID, uevents
 * and the per-device sysfs attributes that upstream Linux exposes under
 * /sys/bus/vmbus/devices/<instance GUID>/.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <hv/vmbus.h>
#include "vmbus_private.h"

static ssize_t class_id_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "{%pUl}\n", &to_hv_device(dev)->class_id);
}
static DEVICE_ATTR_RO(class_id);

static ssize_t device_id_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	return sysfs_emit(buf, "{%pUl}\n", &to_hv_device(dev)->instance_id);
}
static DEVICE_ATTR_RO(device_id);

static ssize_t modalias_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	char alias[VMBUS_MODALIAS_LEN];

	vmbus_format_modalias(alias, sizeof(alias), &to_hv_device(dev)->class_id);
	return sysfs_emit(buf, "%s\n", alias);
}
static DEVICE_ATTR_RO(modalias);

static ssize_t vendor_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "0x%x\n", to_hv_device(dev)->vendor_id);
}
static DEVICE_ATTR_RO(vendor);

static ssize_t device_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "0x%x\n", to_hv_device(dev)->device_id);
}
static DEVICE_ATTR_RO(device);

#if HVG_DRIVER_OVERRIDE_IN_CORE
/* The driver core keeps driver_override and shows it in sysfs. */
#define VMBUS_DRIVER_OVERRIDE_ATTR

static int vmbus_match_override(struct device *dev, hvg_bus_match_drv_t *drv)
{
	return device_match_driver_override(dev, drv);
}
#else
static ssize_t driver_override_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t count)
{
	struct hv_device *hdev = container_of(dev, struct hv_device, device);
	int ret;

	ret = driver_set_override(dev, &hdev->driver_override, buf, count);
	return ret ? ret : count;
}

static ssize_t driver_override_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	ssize_t len;

	device_lock(dev);
	len = sysfs_emit(buf, "%s\n", to_hv_device(dev)->driver_override);
	device_unlock(dev);
	return len;
}
static DEVICE_ATTR_RW(driver_override);
#define VMBUS_DRIVER_OVERRIDE_ATTR	(&dev_attr_driver_override.attr),

/* >0: the override names @drv, 0: it names another, <0: none is set. */
static int vmbus_match_override(struct device *dev, hvg_bus_match_drv_t *drv)
{
	const char *name = to_hv_device(dev)->driver_override;

	return name ? !strcmp(name, drv->name) : -1;
}
#endif

static struct attribute *vmbus_id_attrs[] = {
	&dev_attr_class_id.attr,
	&dev_attr_device_id.attr,
	&dev_attr_modalias.attr,
	&dev_attr_vendor.attr,
	&dev_attr_device.attr,
	VMBUS_DRIVER_OVERRIDE_ATTR
	NULL,
};

static const struct attribute_group vmbus_id_group = {
	.attrs = vmbus_id_attrs,
};

static const struct attribute_group *vmbus_dev_groups[] = {
	&vmbus_id_group,
	&vmbus_chan_dev_group,
	NULL,
};

static const struct hv_vmbus_device_id *
vmbus_match_id(const struct hv_driver *drv, const struct hv_device *hdev)
{
	const struct hv_vmbus_device_id *id;

	for (id = drv->id_table; id && !guid_is_null(&id->guid); id++)
		if (guid_equal(&id->guid, &hdev->class_id))
			return id;
	return NULL;
}

static int vmbus_match(struct device *dev, hvg_bus_match_drv_t *drv)
{
	int override = vmbus_match_override(dev, drv);

	if (override >= 0)
		return override;
	return !!vmbus_match_id(to_hv_driver(drv), to_hv_device(dev));
}

static int vmbus_uevent(hvg_bus_uevent_dev_t *dev, struct kobj_uevent_env *env)
{
	char alias[VMBUS_MODALIAS_LEN];

	vmbus_format_modalias(alias, sizeof(alias), &to_hv_device(dev)->class_id);
	return add_uevent_var(env, "MODALIAS=%s", alias);
}

static int vmbus_probe(struct device *dev)
{
	struct hv_driver *drv = to_hv_driver(dev->driver);
	struct hv_device *hdev = container_of(dev, struct hv_device, device);
	const struct hv_vmbus_device_id *id = vmbus_match_id(drv, hdev);

	int ret;

	/* A driver_override match may name a driver whose table lacks us. */
	if (!id || !drv->probe)
		return -ENODEV;
	ret = drv->probe(hdev, id);
	if (ret)
		vmbus_subchannel_handler_clear(hdev->channel);
	return ret;
}

static void vmbus_remove(struct device *dev)
{
	struct hv_driver *drv = to_hv_driver(dev->driver);
	struct hv_device *hdev = container_of(dev, struct hv_device, device);

	/* No sub-channel callback may start while, or after, remove runs. */
	vmbus_subchannel_handler_clear(hdev->channel);
	if (drv->remove)
		drv->remove(hdev);
}

static void vmbus_shutdown(struct device *dev)
{
	struct hv_driver *drv;

	if (!dev->driver)
		return;
	drv = to_hv_driver(dev->driver);
	if (drv->shutdown)
		drv->shutdown(container_of(dev, struct hv_device, device));
}

hvg_bus_type vmbus_bus_type = {
	.name = "vmbus",
#if HVG_DRIVER_OVERRIDE_IN_CORE
	.driver_override = true,
#endif
	.dev_groups = vmbus_dev_groups,
	.match = vmbus_match,
	.uevent = vmbus_uevent,
	.probe = vmbus_probe,
	.remove = vmbus_remove,
	.shutdown = vmbus_shutdown,
};

/**
 * __vmbus_driver_register() - register a vmbus driver
 * @drv: the driver
 * @owner: the module that owns @drv
 * @mod_name: that module's name
 *
 * Use vmbus_driver_register(), which fills in the last two.
 *
 * Return: 0 or a negative errno.
 */
int __vmbus_driver_register(struct hv_driver *drv, struct module *owner,
			    const char *mod_name)
{
	drv->driver.name = drv->name;
	drv->driver.owner = owner;
	drv->driver.mod_name = mod_name;
	drv->driver.bus = &vmbus_bus_type;
	return driver_register(&drv->driver);
}
EXPORT_SYMBOL_HVG(__vmbus_driver_register);

/**
 * vmbus_driver_unregister() - unregister a vmbus driver
 * @drv: a driver registered with vmbus_driver_register()
 *
 * Unbinds it from every device first.
 */
void vmbus_driver_unregister(struct hv_driver *drv)
{
	driver_unregister(&drv->driver);
}
EXPORT_SYMBOL_HVG(vmbus_driver_unregister);
