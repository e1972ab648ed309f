// SPDX-License-Identifier: GPL-2.0
/* scsi_host_alloc() takes a const struct scsi_host_template * (6.12, 7.x). */
#include <scsi/scsi_host.h>

struct Scsi_Host *(*probe_alloc)(const struct scsi_host_template *, int) = scsi_host_alloc;
