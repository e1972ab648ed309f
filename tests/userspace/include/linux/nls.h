/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for the kernel's <linux/nls.h>: see util_shim.h. */
#ifndef HV_SHIM_LINUX_NLS_H
#define HV_SHIM_LINUX_NLS_H
#include "util_shim.h"
#endif /* HV_SHIM_LINUX_NLS_H */
