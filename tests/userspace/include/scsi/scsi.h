/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for the kernel's <scsi/scsi.h>: see scsi_shim.h. */
#ifndef HV_SHIM_SCSI_SCSI_H
#define HV_SHIM_SCSI_SCSI_H
#include "scsi_shim.h"
#endif /* HV_SHIM_SCSI_SCSI_H */
