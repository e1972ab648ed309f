// SPDX-License-Identifier: GPL-2.0
/* scsi_host_alloc() takes a mutable struct scsi_host_template * (6.1). */
#include <scsi/scsi_host.h>

struct Scsi_Host *(*probe_alloc)(struct scsi_host_template *, int) = scsi_host_alloc;
