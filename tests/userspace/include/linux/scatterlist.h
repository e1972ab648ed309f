/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for the kernel's <linux/scatterlist.h>: see scsi_shim.h. */
#ifndef HV_SHIM_LINUX_SCATTERLIST_H
#define HV_SHIM_LINUX_SCATTERLIST_H
#include "scsi_shim.h"
#endif /* HV_SHIM_LINUX_SCATTERLIST_H */
