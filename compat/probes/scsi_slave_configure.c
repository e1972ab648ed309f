// SPDX-License-Identifier: GPL-2.0
/* Per-device hooks are slave_alloc and slave_configure (6.1, 6.12). */
#include <scsi/scsi_host.h>

static int probe_alloc(struct scsi_device *sdev)
{
	return 0;
}

static int probe_configure(struct scsi_device *sdev)
{
	return 0;
}

struct scsi_host_template probe_sht = {
	.slave_alloc = probe_alloc,
	.slave_configure = probe_configure,
};
