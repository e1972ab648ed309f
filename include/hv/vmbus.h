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
#include <hv/ring.h>
#include <hv/xfer.h>

struct vmbus_channel;

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
 * @channel: the primary channel
 */
struct hv_device {
	struct device device;
	guid_t class_id;
	guid_t instance_id;
	u16 vendor_id;
	u16 device_id;
	const char *driver_override;
	struct vmbus_channel *channel;
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

/**
 * struct vmbus_open_params - how a driver opens a channel
 * @send_ring_size: bytes of the guest-to-host ring, control page included;
 *	a multiple of PAGE_SIZE, from two Hyper-V pages (the control page and
 *	one data page: packets up to 4080 bytes) to 16 MiB
 * @recv_ring_size: the same for the host-to-guest ring
 * @user_data: bytes passed to the host in the open message, or NULL
 * @user_data_len: at most the open message's user-data size (120)
 * @max_requests: outstanding requests tracked by transaction id (the
 *	driver's queue depth); 0 if the driver tracks none
 * @on_event: called when the host signals the channel, and again while
 *	packets are left after vmbus_recv_done(). Softirq context (the
 *	channel's tasklet), on whichever CPU the host interrupted; never
 *	concurrently with itself, but concurrently with other channels'
 *	callbacks; must not sleep. May run before vmbus_open() returns,
 *	never after vmbus_close() returned. The only caller of vmbus_recv()
 *	and vmbus_recv_done() for the channel.
 * @ctx: passed to @on_event; published together with it
 *
 * Documentation/vmbus.rst, "Context rules for drivers", has the whole
 * contract: vmbus_open() and vmbus_close() sleep (process context only),
 * vmbus_send() and the request table work in any context.
 */
struct vmbus_open_params {
	u32 send_ring_size;
	u32 recv_ring_size;
	const void *user_data;
	u32 user_data_len;
	u32 max_requests;
	void (*on_event)(void *ctx);
	void *ctx;
};

int vmbus_open(struct vmbus_channel *channel,
	       const struct vmbus_open_params *params);
void vmbus_close(struct vmbus_channel *channel);
int vmbus_send(struct vmbus_channel *channel, u16 type, u16 flags,
	       u64 trans_id, const void *data, u32 len);
int vmbus_send_gpa_direct(struct vmbus_channel *channel, u16 flags,
			  u64 trans_id, const struct vmbus_gpa_range *range,
			  u32 pfn_count, const void *data, u32 len);
int vmbus_recv(struct vmbus_channel *channel, void *buf, u32 buf_len,
	       struct hv_ring_pkt *pkt);
void vmbus_recv_done(struct vmbus_channel *channel);
u32 vmbus_max_inbound_pkt(u32 recv_ring_size);
u32 vmbus_negotiated_version(void);

/**
 * struct vmbus_buffer - memory shared with the host beyond the rings
 * @data: @size zeroed bytes from vmalloc(), page aligned
 * @size: bytes, a multiple of PAGE_SIZE
 * @gpadl: the handle the driver's protocol names the buffer by
 * @node: the core's: kept on a rescinded channel until its relid goes
 *
 * From vmbus_buffer_alloc(), back with vmbus_buffer_free(), which decide
 * when the memory may really be freed (drivers/hv/vmbus/buffer.c).
 */
struct vmbus_buffer {
	void *data;
	u32 size;
	u32 gpadl;
	struct list_head node;
};

/*
 * Buffers shared beyond the rings (drivers/hv/vmbus/buffer.c): a
 * buffer handed to the host as a GPADL (process context, sleeps), and
 * packets whose data the host reads in place through several page
 * ranges (any context, like vmbus_send()).
 */
u64 vmbus_buf_hvpfn(const void *base, u32 index);
struct vmbus_buffer *vmbus_buffer_alloc(struct vmbus_channel *channel,
					u32 size);
void vmbus_buffer_free(struct vmbus_channel *channel, struct vmbus_buffer *b);
int vmbus_send_gpa_ranges(struct vmbus_channel *channel, u16 flags,
			  u64 trans_id, const void *ranges, u32 ranges_len,
			  u32 range_count, const void *data, u32 len);

/*
 * Polled receive (drivers/hv/vmbus/poll.c), for a driver that reads a
 * channel from its own poll loop (NAPI): the callback calls
 * vmbus_poll_begin() and schedules the poller; only the poller, which
 * the driver runs one at a time per channel, reads, and it finishes
 * with vmbus_poll_end(), polling again when that returns true. The
 * poller must be stopped before vmbus_close().
 */
void vmbus_poll_begin(struct vmbus_channel *channel);
int vmbus_poll_recv(struct vmbus_channel *channel, void *buf, u32 buf_len,
		    struct hv_ring_pkt *pkt);
void vmbus_poll_skip(struct vmbus_channel *channel,
		     const struct hv_ring_pkt *pkt);
void vmbus_poll_commit(struct vmbus_channel *channel);
bool vmbus_poll_end(struct vmbus_channel *channel);

int vmbus_request_add(struct vmbus_channel *channel, u64 ctx, u64 *trans_id);
int vmbus_request_take(struct vmbus_channel *channel, u64 trans_id,
		       u64 *ctx);
void vmbus_request_reclaim(struct vmbus_channel *channel,
			   void (*fn)(void *arg, u64 ctx), void *arg);

void vmbus_set_subchannel_handler(struct vmbus_channel *primary,
				  void (*handler)(struct vmbus_channel *sub,
						  void *ctx),
				  void *ctx);

u32 vmbus_channel_relid(const struct vmbus_channel *channel);
u16 vmbus_channel_subindex(const struct vmbus_channel *channel);
bool vmbus_channel_rescinded(const struct vmbus_channel *channel);
struct hv_device *vmbus_channel_device(const struct vmbus_channel *channel);
u32 vmbus_channel_cpu(const struct vmbus_channel *channel);

#endif /* HV_VMBUS_H */
