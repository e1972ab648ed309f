// SPDX-License-Identifier: GPL-2.0
/* eh_timed_out returns enum scsi_timeout_action (6.12, 7.x; not 6.1). */
#include <scsi/scsi_host.h>

static enum scsi_timeout_action probe_timed_out(struct scsi_cmnd *cmd)
{
	return SCSI_EH_RESET_TIMER;
}

struct scsi_host_template probe_sht = { .eh_timed_out = probe_timed_out };
