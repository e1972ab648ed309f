// SPDX-License-Identifier: GPL-2.0
/* eh_timed_out returns enum blk_eh_timer_return (6.1). */
#include <scsi/scsi_host.h>

static enum blk_eh_timer_return probe_timed_out(struct scsi_cmnd *cmd)
{
	return BLK_EH_RESET_TIMER;
}

struct scsi_host_template probe_sht = { .eh_timed_out = probe_timed_out };
