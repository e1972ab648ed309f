/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for the kernel's <linux/uuid.h>: see vmbus_shim.h. */
#ifndef HV_SHIM_LINUX_UUID_H
#define HV_SHIM_LINUX_UUID_H
#include "vmbus_shim.h"
#endif /* HV_SHIM_LINUX_UUID_H */
