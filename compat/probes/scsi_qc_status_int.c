// SPDX-License-Identifier: GPL-2.0
/* queuecommand returns int (6.1, 6.12). */
#include <scsi/scsi_host.h>

static int probe_qc(struct Scsi_Host *shost, struct scsi_cmnd *cmd)
{
	return 0;
}

struct scsi_host_template probe_sht = { .queuecommand = probe_qc };
