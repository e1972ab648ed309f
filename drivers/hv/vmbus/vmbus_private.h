/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the files of hv_vmbus; not for other modules. */
#ifndef HV_VMBUS_PRIVATE_H
#define HV_VMBUS_PRIVATE_H

#include <linux/device.h>

extern hvg_bus_type vmbus_bus_type;

#endif /* HV_VMBUS_PRIVATE_H */
