/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_sim storvsp internals: the SCSI target behind the simulated storage
 * controller (scsi.c) and what the vstor protocol side
 * (storvsp.c) hands it. Everything runs under the host's lock.
 */
#ifndef HV_SIM_STORVSP_H
#define HV_SIM_STORVSP_H

#include <linux/bits.h>
#include <linux/types.h>

/* LUNs 0..STV_MAX_LUNS-1 on path 0, target 0 of each controller. */
#define STV_MAX_LUNS		64
#define STV_BLOCK_SHIFT		9
#define STV_BLOCK_SIZE		BIT(STV_BLOCK_SHIFT)
/* Bounds on RAM the disks may take: the test VM has 2 GiB. */
#define STV_MAX_LUN_MB		512
#define STV_MAX_TOTAL_MB	768
/* UNMAP block descriptors accepted in one command (VPD 0xb0). */
#define STV_MAX_UNMAP_DESC	256
/* Fixed-format sense data, as returned with autosense. */
#define STV_SENSE_LEN		18

struct stv_lun {
	u8 *data;		/* vmalloc(), blocks << STV_BLOCK_SHIFT bytes */
	u64 blocks;
	u64 reads;		/* READ commands completed */
	u64 writes;		/* WRITE commands completed */
	u64 unmaps;		/* UNMAP commands completed */
	u64 write_sames;	/* WRITE SAME(10/16) commands completed */
	bool err_armed;		/* fault: fail the next command with: */
	u8 err_key;
	u8 err_asc;
	u8 err_ascq;
};

/**
 * struct stv_target - the LUNs behind one storage controller
 * @lun: the LUNs, NULL where none
 * @ctrl: controller index, part of the disks' serial numbers and ids
 * @max_xfer: largest data transfer per command, in bytes (VPD 0xb0)
 * @total_mb: MiB allocated over all LUNs
 */
struct stv_target {
	struct stv_lun *lun[STV_MAX_LUNS];
	u32 ctrl;
	u32 max_xfer;
	u32 total_mb;
};

/**
 * struct stv_buf - the guest's data buffer of one command
 * @len: bytes the guest offered (the SRB's data transfer length)
 * @copy: move @n bytes at byte @off of the buffer to (@to_guest) or from
 *	@k; @off + @n <= @len is guaranteed by the caller. Returns 0 or a
 *	negative error (the guest's pages cannot be reached).
 */
struct stv_buf {
	u32 len;
	int (*copy)(const struct stv_buf *b, u32 off, void *k, u32 n,
		    bool to_guest);
};

/* What the SCSI layer says about a command; storvsp.c maps it to SRB. */
enum stv_result {
	STV_OK,			/* SRB_STATUS_SUCCESS */
	STV_CHECK,		/* device error with sense: SRB_STATUS_ERROR */
	STV_INVALID,		/* illegal request with sense: INVALID_REQUEST */
	STV_NO_LUN,		/* SRB_STATUS_INVALID_LUN, no sense */
	STV_BAD_BUFFER,		/* guest pages unreachable: SRB_STATUS_ERROR */
};

/**
 * struct stv_cmd - one SCSI command
 * @target_ok: path and target name this controller's only target
 * @lun: LUN number from the SRB
 * @cdb: the command, zero-padded to 16 bytes
 * @cdb_len: the SRB's CDB length (1-16)
 * @data_in: the SRB's direction: 1 to the guest, 0 from the guest,
 *	anything else unspecified (only valid without data)
 * @buf: the guest's buffer
 * @result: set by stv_scsi_execute()
 * @scsi_status: SAM status (GOOD, CHECK CONDITION)
 * @sense: fixed-format sense data when @sense_len is non-zero
 * @sense_len: 0 or STV_SENSE_LEN
 * @xfer: bytes actually moved
 */
struct stv_cmd {
	bool target_ok;
	u8 lun;
	u8 cdb[16];
	u8 cdb_len;
	u8 data_in;
	const struct stv_buf *buf;

	enum stv_result result;
	u8 scsi_status;
	u8 sense[STV_SENSE_LEN];
	u8 sense_len;
	u32 xfer;
};

void stv_scsi_execute(struct stv_target *t, struct stv_cmd *c);
int stv_lun_add(struct stv_target *t, u32 lun, u32 size_mb);
int stv_lun_remove(struct stv_target *t, u32 lun);
int stv_lun_arm_error(struct stv_target *t, u32 lun, u8 key, u8 asc,
		      u8 ascq);
void stv_target_free(struct stv_target *t);

#endif /* HV_SIM_STORVSP_H */
