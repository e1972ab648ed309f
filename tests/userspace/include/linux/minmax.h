/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for the kernel's <linux/minmax.h>: see kernel_shim.h. */
#ifndef HV_SHIM_LINUX_MINMAX_H
#define HV_SHIM_LINUX_MINMAX_H
#include "kernel_shim.h"
#endif /* HV_SHIM_LINUX_MINMAX_H */
