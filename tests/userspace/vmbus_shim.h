/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The little of the kernel's device-model and UUID headers that
 * include/hv/vmbus.h names, for building drivers/hv/vmbus/wire.c and the
 * hv_utils message helpers in user space (tests/fuzz/fuzz_vmbus.c,
 * fuzz_ic.c, fuzz_kvp.c). Only the types: nothing here registers or
 * formats anything.
 */
#ifndef HV_VMBUS_SHIM_H
#define HV_VMBUS_SHIM_H

#include "kernel_shim.h"

#define UUID_SIZE	16

/* The kernel's typedef, spelled as a macro like gfp_t in kernel_shim.h. */
struct hv_shim_guid {
	u8 b[UUID_SIZE];
};

#define guid_t	struct hv_shim_guid

struct module;

struct list_head {
	struct list_head *next, *prev;
};

struct device {
	int hv_shim_unused;
};

struct device_driver {
	int hv_shim_unused;
};

struct hv_vmbus_device_id {
	guid_t guid;
	unsigned long driver_data;
};

#endif /* HV_VMBUS_SHIM_H */
