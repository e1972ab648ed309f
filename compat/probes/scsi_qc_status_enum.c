// SPDX-License-Identifier: GPL-2.0
/* queuecommand returns enum scsi_qc_status (7.x; not 6.12). */
#include <scsi/scsi_host.h>

static enum scsi_qc_status probe_qc(struct Scsi_Host *shost, struct scsi_cmnd *cmd)
{
	return 0;
}

const struct scsi_host_template probe_sht = { .queuecommand = probe_qc };
