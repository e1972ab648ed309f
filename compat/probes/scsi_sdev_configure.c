// SPDX-License-Identifier: GPL-2.0
/*
 * Per-device hooks are sdev_init and sdev_configure, the latter with the
 * queue limits (7.x; 6.1 and 6.12 have slave_alloc/slave_configure).
 */
#include <scsi/scsi_host.h>

static int probe_init(struct scsi_device *sdev)
{
	return 0;
}

static int probe_configure(struct scsi_device *sdev, struct queue_limits *lim)
{
	return 0;
}

struct scsi_host_template probe_sht = {
	.sdev_init = probe_init,
	.sdev_configure = probe_configure,
};
