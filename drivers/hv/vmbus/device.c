// SPDX-License-Identifier: GPL-2.0
/*
 * Devices on the vmbus bus, one per primary channel, and the per-channel
 * sysfs attributes upstream Linux exposes (Documentation/ABI/stable/
 * sysfs-bus-vmbus in Debian's linux-source-6.12 lists names and formats).
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "vmbus_private.h"

/* PCI-style ids upstream shows in sysfs: Microsoft's vendor id. */
#define VMBUS_VENDOR_MICROSOFT	0x1414

struct vmbus_dev_work {
	struct work_struct work;
	struct vmbus_channel *channel;
};

static void vmbus_device_release(struct device *dev)
{
	struct hv_device *hdev = container_of(dev, struct hv_device, device);

	vmbus_channel_put(hdev->channel);
	kfree(hdev->driver_override);
	kfree(hdev);
}

static void vmbus_device_add_work(struct work_struct *work)
{
	struct vmbus_dev_work *dw = container_of(work, struct vmbus_dev_work, work);
	struct vmbus_channel *channel = dw->channel;
	struct hv_device *hdev;
	int ret;

	kfree(dw);
	if (READ_ONCE(channel->rescinded))
		goto release;
	hdev = kzalloc(sizeof(*hdev), GFP_KERNEL);
	if (!hdev)
		goto release;
	memcpy(&hdev->class_id, &channel->offer.if_type, sizeof(hdev->class_id));
	memcpy(&hdev->instance_id, &channel->offer.if_instance,
	       sizeof(hdev->instance_id));
	hdev->vendor_id = VMBUS_VENDOR_MICROSOFT;
	hdev->channel = channel;
	hdev->device.bus = &vmbus_bus_type;
	hdev->device.release = vmbus_device_release;
	dev_set_name(&hdev->device, "%pUl", &hdev->instance_id);
	/* The device's reference is dropped by its release. */
	kref_get(&channel->kref);
	channel->device = hdev;
	ret = device_register(&hdev->device);
	if (ret) {
		pr_err("relid %u: registering device %pUl failed: %d\n",
		       channel->relid, &hdev->instance_id, ret);
		channel->device = NULL;
		put_device(&hdev->device);
		goto release;
	}
	if (vmbus_channel_sysfs_add(channel))
		pr_warn("relid %u: no channels/ directory in sysfs\n",
			channel->relid);
	vmbus_channel_put(channel);
	return;
release:
	vmbus_channel_release_relid(channel);
	vmbus_channel_put(channel);
}

static int vmbus_queue(struct vmbus_channel *channel, work_func_t fn)
{
	struct vmbus_dev_work *dw = kzalloc(sizeof(*dw), GFP_KERNEL);

	if (!dw)
		return -ENOMEM;
	kref_get(&channel->kref);
	dw->channel = channel;
	INIT_WORK(&dw->work, fn);
	queue_work(vmbus_conn.dev_wq, &dw->work);
	return 0;
}

/**
 * vmbus_device_add() - create the device of a new primary channel
 * @channel: the channel
 *
 * The device is registered (and its driver probed) on dev_wq.
 *
 * Return: 0, or -ENOMEM (the caller then drops the channel).
 */
int vmbus_device_add(struct vmbus_channel *channel)
{
	return vmbus_queue(channel, vmbus_device_add_work);
}

/* --- sub-channels --------------------------------------------------- */

static int vmbus_sub_sysfs_add(struct vmbus_channel *sub);

/*
 * The first sub-channel of @primary that @match accepts (any when NULL),
 * with a reference, or NULL. Callers loop, changing what @match looks at
 * so that each pass ends.
 */
static struct vmbus_channel *
vmbus_find_sub(struct vmbus_channel *primary,
	       bool (*match)(const struct vmbus_channel *sub))
{
	struct vmbus_channel *sub, *found = NULL;

	spin_lock_irq(&vmbus_conn.channels_lock);
	list_for_each_entry(sub, &primary->sub_channels, sub_node) {
		if (!match || match(sub)) {
			found = sub;
			kref_get(&found->kref);
			break;
		}
	}
	spin_unlock_irq(&vmbus_conn.channels_lock);
	return found;
}

/* Remove channels/<relid> of a sub-channel; dev_wq, or its release work. */
static void vmbus_sub_sysfs_remove(struct vmbus_channel *sub)
{
	if (!sub->kobj.state_in_sysfs)
		return;
	kobject_del(&sub->kobj);
	kobject_put(&sub->kobj);
}

/*
 * The primary's device is going: take its sub-channels' directories out
 * of channels/ before channels/ itself goes. Sub-channels released
 * earlier had theirs removed by their queued work, which ran first.
 */
static bool vmbus_sub_in_sysfs(const struct vmbus_channel *sub)
{
	return sub->kobj.state_in_sysfs;
}

static void vmbus_subs_sysfs_remove(struct vmbus_channel *primary)
{
	struct vmbus_channel *sub;

	while ((sub = vmbus_find_sub(primary, vmbus_sub_in_sysfs))) {
		vmbus_sub_sysfs_remove(sub);
		vmbus_channel_put(sub);
	}
}

static void vmbus_sub_sysfs_work(struct work_struct *work)
{
	struct vmbus_channel *sub =
		container_of(work, struct vmbus_channel, sysfs_work);

	vmbus_sub_sysfs_remove(sub);
	vmbus_channel_put(sub);
}

/**
 * vmbus_subchannel_released() - a sub-channel left the relid table
 * @sub: the sub-channel; the caller still holds a reference
 *
 * Its sysfs directory goes on dev_wq, behind the work that added it.
 */
void vmbus_subchannel_released(struct vmbus_channel *sub)
{
	kref_get(&sub->kref);
	INIT_WORK(&sub->sysfs_work, vmbus_sub_sysfs_work);
	queue_work(vmbus_conn.dev_wq, &sub->sysfs_work);
}

/* Its offer was handled, and no handler was told of it yet. */
static bool vmbus_sub_unannounced(const struct vmbus_channel *sub)
{
	return sub->sub_ready && !sub->sub_announced;
}

/*
 * Call the primary's handler for @sub, once; primary->sub_lock held. A
 * rescinded sub-channel counts as announced without a call.
 */
static void vmbus_sub_announce(struct vmbus_channel *primary,
			       struct vmbus_channel *sub)
{
	lockdep_assert_held(&primary->sub_lock);
	if (!primary->sub_handler || !vmbus_sub_unannounced(sub))
		return;
	sub->sub_announced = true;
	if (!READ_ONCE(sub->rescinded))
		primary->sub_handler(sub, primary->sub_ctx);
}

static void vmbus_subchannel_add_work(struct work_struct *work)
{
	struct vmbus_dev_work *dw = container_of(work, struct vmbus_dev_work, work);
	struct vmbus_channel *sub = dw->channel, *primary = sub->primary;

	kfree(dw);
	if (!READ_ONCE(sub->rescinded) && primary->kobj.state_in_sysfs &&
	    vmbus_sub_sysfs_add(sub))
		pr_warn("relid %u: no channels/%u directory in sysfs\n",
			primary->relid, sub->relid);
	mutex_lock(&primary->sub_lock);
	sub->sub_ready = true;
	vmbus_sub_announce(primary, sub);
	mutex_unlock(&primary->sub_lock);
	vmbus_channel_put(sub);
}

/**
 * vmbus_subchannel_add() - handle the offer of a new sub-channel
 * @sub: the sub-channel, linked to its primary
 *
 * Its sysfs directory and the driver's callback follow on dev_wq, so
 * after the primary's device registration and probe.
 *
 * Return: 0, or -ENOMEM (the caller then drops the sub-channel).
 */
int vmbus_subchannel_add(struct vmbus_channel *sub)
{
	return vmbus_queue(sub, vmbus_subchannel_add_work);
}

/**
 * vmbus_set_subchannel_handler() - be told of a device's sub-channels
 * @primary: the device's primary channel
 * @handler: called once for each sub-channel the host offers for the
 *	device, in process context; it may sleep and vmbus_open() the
 *	sub-channel. Called at once, from this function, for sub-channels
 *	already offered, and later from the bus's workqueue for new ones,
 *	never concurrently with itself. Typically set in probe, before
 *	asking the host for sub-channels; probe must not wait for the calls.
 * @ctx: passed to @handler
 *
 * The handler is dropped when the driver's probe fails and before its
 * remove runs; remove closes the sub-channels the driver opened. A
 * sub-channel the host rescinds fails sends with -ENODEV; its driver
 * closes it as usual. A NULL @handler drops it, waiting for a running
 * call, and the next one set is told of every sub-channel still offered
 * again: hosts keep the sub-channels a driver closed offered (OpenVMM's
 * vmbus_channel offers only more on a later request, channel.rs
 * enable_channels()), so a driver that closes and reopens its channels
 * opens them anew from its handler.
 */
void vmbus_set_subchannel_handler(struct vmbus_channel *primary,
				  void (*handler)(struct vmbus_channel *sub,
						  void *ctx),
				  void *ctx)
{
	struct vmbus_channel *sub;

	if (!handler) {
		vmbus_subchannel_handler_clear(primary);
		return;
	}
	mutex_lock(&primary->sub_lock);
	primary->sub_handler = handler;
	primary->sub_ctx = ctx;
	/* Each announce marks its sub-channel, so the loop ends. */
	while ((sub = vmbus_find_sub(primary, vmbus_sub_unannounced))) {
		vmbus_sub_announce(primary, sub);
		vmbus_channel_put(sub);
	}
	mutex_unlock(&primary->sub_lock);
}
EXPORT_SYMBOL_HVG(vmbus_set_subchannel_handler);

/**
 * vmbus_subchannel_handler_clear() - drop a driver's sub-channel handler
 * @primary: the primary channel; waits for a running call to finish
 *
 * The next driver to bind is told of every sub-channel again.
 */
void vmbus_subchannel_handler_clear(struct vmbus_channel *primary)
{
	struct vmbus_channel *sub;

	mutex_lock(&primary->sub_lock);
	primary->sub_handler = NULL;
	primary->sub_ctx = NULL;
	spin_lock_irq(&vmbus_conn.channels_lock);
	list_for_each_entry(sub, &primary->sub_channels, sub_node)
		sub->sub_announced = false;
	spin_unlock_irq(&vmbus_conn.channels_lock);
	mutex_unlock(&primary->sub_lock);
}

/* Sub-channels not open are released now; open ones when closed. */
static void vmbus_release_closed_subs(struct vmbus_channel *primary)
{
	struct vmbus_channel *sub;

	/* Releasing the relid takes it off the list. */
	while ((sub = vmbus_find_sub(primary, NULL))) {
		vmbus_close(sub);
		vmbus_channel_release_relid(sub);
		vmbus_channel_put(sub);
	}
}

/* A primary's device goes, then the channel and its sub-channels. */
static void vmbus_primary_remove(struct vmbus_channel *channel)
{
	struct hv_device *hdev = channel->device;

	if (hdev) {
		vmbus_subs_sysfs_remove(channel);
		vmbus_channel_sysfs_remove(channel);
		device_unregister(&hdev->device);
		channel->device = NULL;
	}
	/* A driver that forgot to close leaves no rings with the host. */
	vmbus_release_closed_subs(channel);
	vmbus_close(channel);
	vmbus_channel_release_relid(channel);
}

/*
 * A sub-channel not open is released now; an open one when its driver
 * closes it (vmbus_close() sees the rescind). open_lock orders this with
 * the driver's open and close, which a rescind has already woken.
 */
static void vmbus_subchannel_remove(struct vmbus_channel *sub)
{
	bool open;

	mutex_lock(&sub->open_lock);
	open = sub->state == VMBUS_CHANNEL_OPENED;
	mutex_unlock(&sub->open_lock);
	if (!open)
		vmbus_channel_release_relid(sub);
}

/**
 * vmbus_channel_remove_work() - dev_wq: remove a rescinded or dropped channel
 * @work: the channel's remove_work
 */
void vmbus_channel_remove_work(struct work_struct *work)
{
	struct vmbus_channel *channel =
		container_of(work, struct vmbus_channel, remove_work);

	if (channel->primary)
		vmbus_subchannel_remove(channel);
	else
		vmbus_primary_remove(channel);
	vmbus_channel_put(channel);
}

/**
 * vmbus_device_remove() - remove a channel and, for a primary, its device
 * @channel: the channel, rescinded or about to be dropped
 *
 * Queues the removal on dev_wq, behind the channel's registration: a
 * primary's device is unregistered (its driver's remove closes the
 * channel), then the relid is released; a sub-channel is released when
 * its driver closes it, or at once if it is not open. Never sleeps, so
 * msg_wq may call it; needs no memory, so it cannot fail.
 */
void vmbus_device_remove(struct vmbus_channel *channel)
{
	kref_get(&channel->kref);
	if (!queue_work(vmbus_conn.dev_wq, &channel->remove_work))
		vmbus_channel_put(channel);
}

/* --- /sys/bus/vmbus/devices/<instance>/channels/<relid>/ --------------- */

struct vmbus_chan_attr {
	struct attribute attr;
	ssize_t (*show)(struct vmbus_channel *channel, char *buf);
	ssize_t (*store)(struct vmbus_channel *channel, const char *buf,
			 size_t count);
};

#define VMBUS_CHAN_ATTR_RO(_name) \
	static struct vmbus_chan_attr chan_attr_##_name = __ATTR_RO(_name)
#define VMBUS_CHAN_ATTR_RW(_name) \
	static struct vmbus_chan_attr chan_attr_##_name = __ATTR_RW(_name)

static ssize_t vmbus_chan_attr_show(struct kobject *kobj,
				    struct attribute *attr, char *buf)
{
	const struct vmbus_chan_attr *a =
		container_of(attr, struct vmbus_chan_attr, attr);

	return a->show(container_of(kobj, struct vmbus_channel, kobj), buf);
}

static ssize_t vmbus_chan_attr_store(struct kobject *kobj,
				     struct attribute *attr, const char *buf,
				     size_t count)
{
	const struct vmbus_chan_attr *a =
		container_of(attr, struct vmbus_chan_attr, attr);

	if (!a->store)
		return -EIO;
	return a->store(container_of(kobj, struct vmbus_channel, kobj), buf,
			count);
}

static const struct sysfs_ops vmbus_chan_sysfs_ops = {
	.show = vmbus_chan_attr_show,
	.store = vmbus_chan_attr_store,
};

/* What a ring attribute shows; upstream's names and meanings. */
enum vmbus_ring_field {
	VMBUS_RING_MASK,	/* interrupt_mask of the control page */
	VMBUS_RING_READ_INDEX,	/* shared read_index, as the page holds it */
	VMBUS_RING_WRITE_INDEX,	/* shared write_index, as the page holds it */
	VMBUS_RING_READ_AVAIL,	/* bytes between read and write index */
	VMBUS_RING_WRITE_AVAIL,	/* data size minus those bytes */
};

/*
 * Bytes the ring holds, from its shared indices. Either side may have
 * moved them: a value past the data area is shown as an empty ring, as
 * these attributes are only a view and the ring code checks for real.
 */
static u32 vmbus_ring_used(const struct hv_ring *ring)
{
	u32 read = READ_ONCE(ring->ctrl->read_index);
	u32 write = READ_ONCE(ring->ctrl->write_index);

	if (read >= ring->size || write >= ring->size)
		return 0;
	return write >= read ? write - read : ring->size - (read - write);
}

/* Ring attributes read under open_lock: the rings exist only while open. */
static ssize_t vmbus_ring_show(struct vmbus_channel *channel, char *buf,
			       bool inbound, enum vmbus_ring_field field)
{
	struct hv_ring *ring = inbound ? &channel->in : &channel->out;
	ssize_t len = -EINVAL;
	u32 val = 0;

	mutex_lock(&channel->open_lock);
	if (channel->state == VMBUS_CHANNEL_OPENED) {
		switch (field) {
		case VMBUS_RING_MASK:
			val = READ_ONCE(ring->ctrl->interrupt_mask);
			break;
		case VMBUS_RING_READ_INDEX:
			val = READ_ONCE(ring->ctrl->read_index);
			break;
		case VMBUS_RING_WRITE_INDEX:
			val = READ_ONCE(ring->ctrl->write_index);
			break;
		case VMBUS_RING_READ_AVAIL:
			val = vmbus_ring_used(ring);
			break;
		case VMBUS_RING_WRITE_AVAIL:
			val = ring->size - vmbus_ring_used(ring);
			break;
		}
		len = sysfs_emit(buf, "%u\n", val);
	}
	mutex_unlock(&channel->open_lock);
	return len;
}

static ssize_t out_mask_show(struct vmbus_channel *channel, char *buf)
{
	return vmbus_ring_show(channel, buf, false, VMBUS_RING_MASK);
}
VMBUS_CHAN_ATTR_RO(out_mask);

static ssize_t in_mask_show(struct vmbus_channel *channel, char *buf)
{
	return vmbus_ring_show(channel, buf, true, VMBUS_RING_MASK);
}
VMBUS_CHAN_ATTR_RO(in_mask);

static ssize_t read_avail_show(struct vmbus_channel *channel, char *buf)
{
	return vmbus_ring_show(channel, buf, true, VMBUS_RING_READ_AVAIL);
}
VMBUS_CHAN_ATTR_RO(read_avail);

static ssize_t write_avail_show(struct vmbus_channel *channel, char *buf)
{
	return vmbus_ring_show(channel, buf, false, VMBUS_RING_WRITE_AVAIL);
}
VMBUS_CHAN_ATTR_RO(write_avail);

static ssize_t cpu_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(channel->target_cpu));
}

static ssize_t cpu_store(struct vmbus_channel *channel, const char *buf,
			 size_t count)
{
	u32 cpu;
	int ret;

	ret = kstrtou32(buf, 0, &cpu);
	if (ret)
		return ret;
	if (cpu >= nr_cpu_ids || !cpu_online(cpu))
		return -EINVAL;
	ret = vmbus_channel_set_cpu(channel, cpu);
	return ret ? ret : count;
}
VMBUS_CHAN_ATTR_RW(cpu);

static ssize_t events_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(channel->events));
}
VMBUS_CHAN_ATTR_RO(events);

static ssize_t interrupts_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(channel->interrupts));
}
VMBUS_CHAN_ATTR_RO(interrupts);

static ssize_t intr_in_full_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(channel->intr_in_full));
}
VMBUS_CHAN_ATTR_RO(intr_in_full);

static ssize_t intr_out_empty_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(channel->intr_out_empty));
}
VMBUS_CHAN_ATTR_RO(intr_out_empty);

static ssize_t out_full_first_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(channel->out_full_first));
}
VMBUS_CHAN_ATTR_RO(out_full_first);

static ssize_t out_full_total_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(channel->out_full_total));
}
VMBUS_CHAN_ATTR_RO(out_full_total);

static ssize_t subchannel_id_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%u\n", channel->offer.sub_channel_index);
}
VMBUS_CHAN_ATTR_RO(subchannel_id);

static ssize_t monitor_id_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%u\n", channel->offer.monitor_id);
}
VMBUS_CHAN_ATTR_RO(monitor_id);

/*
 * The monitor page words of a monitored channel, as upstream shows them:
 * the whole pending word of its trigger group, its latency and its
 * connection id. monitor_id was checked against the page at offer time.
 */
static bool vmbus_monitored(const struct vmbus_channel *channel)
{
	return channel->offer.monitor_flags & VMBUS_OFFER_MONITOR_ALLOCATED;
}

static u32 vmbus_monitor_pending(const struct vmbus_channel *channel,
				 unsigned int page)
{
	const struct vmbus_monitor_page *mon = vmbus_conn.monitor_pages[page];
	u8 id = channel->offer.monitor_id;

	return READ_ONCE(mon->trigger_group[id / VMBUS_MONITOR_GROUP_BITS].pending);
}

static u32 vmbus_monitor_latency(const struct vmbus_channel *channel,
				 unsigned int page)
{
	const struct vmbus_monitor_page *mon = vmbus_conn.monitor_pages[page];
	u8 id = channel->offer.monitor_id;

	return READ_ONCE(mon->latency[id / VMBUS_MONITOR_GROUP_BITS]
				     [id % VMBUS_MONITOR_GROUP_BITS]);
}

static u32 vmbus_monitor_conn_id(const struct vmbus_channel *channel,
				 unsigned int page)
{
	const struct vmbus_monitor_page *mon = vmbus_conn.monitor_pages[page];
	u8 id = channel->offer.monitor_id;

	return READ_ONCE(mon->parameter[id / VMBUS_MONITOR_GROUP_BITS]
				       [id % VMBUS_MONITOR_GROUP_BITS].connection_id);
}

static ssize_t pending_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%u\n", vmbus_monitor_pending(channel, 1));
}
VMBUS_CHAN_ATTR_RO(pending);

static ssize_t latency_show(struct vmbus_channel *channel, char *buf)
{
	return sysfs_emit(buf, "%u\n", vmbus_monitor_latency(channel, 1));
}
VMBUS_CHAN_ATTR_RO(latency);

static struct attribute *vmbus_chan_attrs[] = {
	&chan_attr_out_mask.attr,
	&chan_attr_in_mask.attr,
	&chan_attr_read_avail.attr,
	&chan_attr_write_avail.attr,
	&chan_attr_cpu.attr,
	&chan_attr_events.attr,
	&chan_attr_interrupts.attr,
	&chan_attr_intr_in_full.attr,
	&chan_attr_intr_out_empty.attr,
	&chan_attr_out_full_first.attr,
	&chan_attr_out_full_total.attr,
	&chan_attr_subchannel_id.attr,
	&chan_attr_monitor_id.attr,
	&chan_attr_pending.attr,
	&chan_attr_latency.attr,
	NULL,
};

/* As upstream: the monitor attributes only for monitored channels. */
static umode_t vmbus_chan_attr_is_visible(struct kobject *kobj,
					  struct attribute *attr, int idx)
{
	const struct vmbus_channel *channel =
		container_of(kobj, struct vmbus_channel, kobj);

	if (!vmbus_monitored(channel) &&
	    (attr == &chan_attr_monitor_id.attr ||
	     attr == &chan_attr_pending.attr ||
	     attr == &chan_attr_latency.attr))
		return 0;
	return attr->mode;
}

static const struct attribute_group vmbus_chan_group = {
	.attrs = vmbus_chan_attrs,
	.is_visible = vmbus_chan_attr_is_visible,
};
__ATTRIBUTE_GROUPS(vmbus_chan);

static void vmbus_chan_kobj_release(struct kobject *kobj)
{
	vmbus_channel_put(container_of(kobj, struct vmbus_channel, kobj));
}

static const struct kobj_type vmbus_chan_ktype = {
	.sysfs_ops = &vmbus_chan_sysfs_ops,
	.default_groups = vmbus_chan_groups,
	.release = vmbus_chan_kobj_release,
};

/**
 * vmbus_channel_sysfs_add() - add channels/<relid> for a primary channel
 * @channel: a primary channel with a registered device
 *
 * Sub-channels get theirs when their offer is handled.
 *
 * Return: 0 or a negative errno.
 */
int vmbus_channel_sysfs_add(struct vmbus_channel *channel)
{
	struct kobject *dir;
	int ret;

	dir = kobject_create_and_add("channels", &channel->device->device.kobj);
	if (!dir)
		return -ENOMEM;
	kref_get(&channel->kref);
	ret = kobject_init_and_add(&channel->kobj, &vmbus_chan_ktype, dir, "%u",
				   channel->relid);
	kobject_put(dir);	/* the child holds the directory */
	if (ret) {
		kobject_put(&channel->kobj);
		return ret;
	}
	kobject_uevent(&channel->kobj, KOBJ_ADD);
	return 0;
}

/* channels/<relid> of a sub-channel, beside its primary's. */
static int vmbus_sub_sysfs_add(struct vmbus_channel *sub)
{
	int ret;

	kref_get(&sub->kref);
	ret = kobject_init_and_add(&sub->kobj, &vmbus_chan_ktype,
				   sub->primary->kobj.parent, "%u", sub->relid);
	if (ret) {
		kobject_put(&sub->kobj);
		return ret;
	}
	kobject_uevent(&sub->kobj, KOBJ_ADD);
	return 0;
}

/**
 * vmbus_channel_sysfs_remove() - remove what vmbus_channel_sysfs_add() added
 * @channel: the channel
 */
void vmbus_channel_sysfs_remove(struct vmbus_channel *channel)
{
	struct kobject *dir = channel->kobj.parent;

	if (!channel->kobj.state_in_sysfs)
		return;
	kobject_get(dir);
	kobject_del(&channel->kobj);
	kobject_put(&channel->kobj);
	kobject_del(dir);
	kobject_put(dir);
}

/* --- /sys/bus/vmbus/devices/<instance>/ channel attributes ------------- */

static struct vmbus_channel *dev_channel(struct device *dev)
{
	return container_of(dev, struct hv_device, device)->channel;
}

static ssize_t id_show(struct device *dev, struct device_attribute *attr,
		       char *buf)
{
	return sysfs_emit(buf, "%u\n", dev_channel(dev)->relid);
}
static DEVICE_ATTR_RO(id);

static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(dev_channel(dev)->state));
}
static DEVICE_ATTR_RO(state);

static ssize_t monitor_id_dev_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", dev_channel(dev)->offer.monitor_id);
}

static struct device_attribute dev_attr_monitor_id =
	__ATTR(monitor_id, 0444, monitor_id_dev_show, NULL);

/* server_* read the host's (parent-to-child) page, client_* the guest's. */
#define VMBUS_MONITOR_DEV_ATTR(_name, _fn, _page)			\
static ssize_t _name##_show(struct device *dev,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, "%u\n", _fn(dev_channel(dev), _page));	\
}									\
static DEVICE_ATTR_RO(_name)

VMBUS_MONITOR_DEV_ATTR(server_monitor_pending, vmbus_monitor_pending, 0);
VMBUS_MONITOR_DEV_ATTR(client_monitor_pending, vmbus_monitor_pending, 1);
VMBUS_MONITOR_DEV_ATTR(server_monitor_latency, vmbus_monitor_latency, 0);
VMBUS_MONITOR_DEV_ATTR(client_monitor_latency, vmbus_monitor_latency, 1);
VMBUS_MONITOR_DEV_ATTR(server_monitor_conn_id, vmbus_monitor_conn_id, 0);
VMBUS_MONITOR_DEV_ATTR(client_monitor_conn_id, vmbus_monitor_conn_id, 1);

#ifdef CONFIG_NUMA
/* The node of the CPU the host interrupts for the primary channel. */
static ssize_t numa_node_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  cpu_to_node(READ_ONCE(dev_channel(dev)->target_cpu)));
}
static DEVICE_ATTR_RO(numa_node);
#define VMBUS_NUMA_NODE_ATTR	(&dev_attr_numa_node.attr),
#else
#define VMBUS_NUMA_NODE_ATTR
#endif

static ssize_t channel_vp_mapping_show(struct device *dev,
				       struct device_attribute *attr, char *buf)
{
	struct vmbus_channel *primary = dev_channel(dev), *sub;
	ssize_t len;

	len = sysfs_emit(buf, "%u:%u\n", primary->relid,
			 READ_ONCE(primary->target_cpu));
	spin_lock_irq(&vmbus_conn.channels_lock);
	list_for_each_entry(sub, &primary->sub_channels, sub_node)
		len += sysfs_emit_at(buf, len, "%u:%u\n", sub->relid,
				     READ_ONCE(sub->target_cpu));
	spin_unlock_irq(&vmbus_conn.channels_lock);
	return len;
}
static DEVICE_ATTR_RO(channel_vp_mapping);

#define VMBUS_RING_DEV_ATTR(_name, _inbound, _field)			\
static ssize_t _name##_show(struct device *dev,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	return vmbus_ring_show(dev_channel(dev), buf, _inbound, _field);	\
}									\
static DEVICE_ATTR_RO(_name)

VMBUS_RING_DEV_ATTR(in_intr_mask, true, VMBUS_RING_MASK);
VMBUS_RING_DEV_ATTR(in_read_index, true, VMBUS_RING_READ_INDEX);
VMBUS_RING_DEV_ATTR(in_write_index, true, VMBUS_RING_WRITE_INDEX);
VMBUS_RING_DEV_ATTR(in_read_bytes_avail, true, VMBUS_RING_READ_AVAIL);
VMBUS_RING_DEV_ATTR(in_write_bytes_avail, true, VMBUS_RING_WRITE_AVAIL);
VMBUS_RING_DEV_ATTR(out_intr_mask, false, VMBUS_RING_MASK);
VMBUS_RING_DEV_ATTR(out_read_index, false, VMBUS_RING_READ_INDEX);
VMBUS_RING_DEV_ATTR(out_write_index, false, VMBUS_RING_WRITE_INDEX);
VMBUS_RING_DEV_ATTR(out_read_bytes_avail, false, VMBUS_RING_READ_AVAIL);
VMBUS_RING_DEV_ATTR(out_write_bytes_avail, false, VMBUS_RING_WRITE_AVAIL);

static struct attribute *vmbus_chan_dev_attrs[] = {
	&dev_attr_id.attr,
	&dev_attr_state.attr,
	&dev_attr_monitor_id.attr,
	&dev_attr_channel_vp_mapping.attr,
	&dev_attr_in_intr_mask.attr,
	&dev_attr_in_read_index.attr,
	&dev_attr_in_write_index.attr,
	&dev_attr_in_read_bytes_avail.attr,
	&dev_attr_in_write_bytes_avail.attr,
	&dev_attr_out_intr_mask.attr,
	&dev_attr_out_read_index.attr,
	&dev_attr_out_write_index.attr,
	&dev_attr_out_read_bytes_avail.attr,
	&dev_attr_out_write_bytes_avail.attr,
	&dev_attr_server_monitor_pending.attr,
	&dev_attr_client_monitor_pending.attr,
	&dev_attr_server_monitor_latency.attr,
	&dev_attr_client_monitor_latency.attr,
	&dev_attr_server_monitor_conn_id.attr,
	&dev_attr_client_monitor_conn_id.attr,
	VMBUS_NUMA_NODE_ATTR
	NULL,
};

static umode_t vmbus_chan_dev_attr_is_visible(struct kobject *kobj,
					      struct attribute *attr, int idx)
{
	struct device *dev = kobj_to_dev(kobj);

	if (!vmbus_monitored(dev_channel(dev)) &&
	    (attr == &dev_attr_monitor_id.attr ||
	     attr == &dev_attr_server_monitor_pending.attr ||
	     attr == &dev_attr_client_monitor_pending.attr ||
	     attr == &dev_attr_server_monitor_latency.attr ||
	     attr == &dev_attr_client_monitor_latency.attr ||
	     attr == &dev_attr_server_monitor_conn_id.attr ||
	     attr == &dev_attr_client_monitor_conn_id.attr))
		return 0;
	return attr->mode;
}

const struct attribute_group vmbus_chan_dev_group = {
	.attrs = vmbus_chan_dev_attrs,
	.is_visible = vmbus_chan_dev_attr_is_visible,
};
