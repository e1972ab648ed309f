// SPDX-License-Identifier: GPL-2.0
/*
 * The SCSI target behind the simulated storage controller: RAM-backed
 * direct-access LUNs answering like Hyper-V's virtual disks ("Msft",
 * "Virtual Disk", SPC-3, 512-byte blocks, thin provisioned with UNMAP
 * and WRITE SAME).
 * Commands come from the guest and are validated here: CDB fields, LBA
 * ranges, data direction and buffer sizes. Anything unknown gets CHECK
 * CONDITION, ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE.
 *
 * Sources: SPC-4 and SBC-3 for the commands and data layouts; OpenVMM
 * vm/devices/storage/scsidisk/src/inquiry.rs (INQUIRY_DATA_TEMPLATE,
 * the VPD pages Hyper-V offers) and vm/devices/storage/storvsp/src/lib.rs
 * (execute_scsi: REPORT LUNS and INQUIRY for absent LUNs, INVALID_LUN for
 * anything else) for what the Hyper-V host answers.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <scsi/scsi_proto.h>

#include "storvsp.h"

/* Additional sense codes (ASC, ASCQ 0) used here. SPC-4 annex D. */
#define STV_ASC_PARAM_LIST_LEN		0x1a
#define STV_ASC_INVALID_OPCODE		0x20
#define STV_ASC_LBA_RANGE		0x21
#define STV_ASC_INVALID_CDB		0x24
#define STV_ASC_INVALID_PARAM		0x26
#define STV_ASC_NO_SAVING		0x39

/* SRB data_in values. Source: OpenVMM storvsp protocol.rs (SCSI_IOCTL_*). */
#define STV_DATA_OUT			0
#define STV_DATA_IN			1

#define STV_INQUIRY_LEN			96
#define STV_VPD_SERIAL_LEN		16
/* The unit of mode sense page control: current, changeable, default, saved */
#define STV_MODE_PC_CHANGEABLE		1
#define STV_MODE_PC_SAVED		3
#define STV_MODE_PAGE_CACHING		0x08
#define STV_MODE_PAGE_ALL		0x3f
/*
 * WRITE SAME CDB byte 1 (SBC-3): UNMAP, and NDOB (no Data-Out Buffer,
 * WRITE SAME(16) only). The other bits (WRPROTECT, ANCHOR, the obsolete
 * PBDATA, LBDATA and RELADR) ask for what these disks do not have.
 */
#define STV_WS_UNMAP			0x08
#define STV_WS16_NDOB			0x01

static u16 stv_be16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static u32 stv_be32(const u8 *p)
{
	return (u32)stv_be16(p) << 16 | stv_be16(p + 2);
}

static u64 stv_be64(const u8 *p)
{
	return (u64)stv_be32(p) << 32 | stv_be32(p + 4);
}

static void stv_put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void stv_put_be32(u8 *p, u32 v)
{
	stv_put_be16(p, v >> 16);
	stv_put_be16(p + 2, v);
}

static void stv_put_be64(u8 *p, u64 v)
{
	stv_put_be32(p, v >> 32);
	stv_put_be32(p + 4, v);
}

static void stv_sense(struct stv_cmd *c, enum stv_result r, u8 key, u8 asc,
		      u8 ascq)
{
	c->result = r;
	c->scsi_status = SAM_STAT_CHECK_CONDITION;
	c->xfer = 0;
	memset(c->sense, 0, sizeof(c->sense));
	c->sense[0] = 0x70;			/* current error, fixed format */
	c->sense[2] = key;
	c->sense[7] = STV_SENSE_LEN - 8;	/* additional sense length */
	c->sense[12] = asc;
	c->sense[13] = ascq;
	c->sense_len = STV_SENSE_LEN;
}

static void stv_illegal(struct stv_cmd *c, u8 asc)
{
	stv_sense(c, STV_INVALID, ILLEGAL_REQUEST, asc, 0);
}

static void stv_bad_buffer(struct stv_cmd *c)
{
	c->result = STV_BAD_BUFFER;
	c->scsi_status = SAM_STAT_GOOD;
	c->xfer = 0;
}

/*
 * Data moving to or from the guest needs the matching SRB direction and
 * a buffer at least @len long.
 */
static bool stv_check_dir(struct stv_cmd *c, u32 len, u8 dir)
{
	if (!len)
		return true;
	if (c->data_in != dir || c->buf->len < len) {
		stv_illegal(c, STV_ASC_INVALID_CDB);
		return false;
	}
	return true;
}

/* Return @len bytes of @data to the guest, cut to @alloc and its buffer. */
static void stv_reply(struct stv_cmd *c, const void *data, u32 len, u32 alloc)
{
	u32 n = min3(len, alloc, c->buf->len);

	if (!stv_check_dir(c, n, STV_DATA_IN))
		return;
	if (n && c->buf->copy(c->buf, 0, (void *)data, n, true)) {
		stv_bad_buffer(c);
		return;
	}
	c->xfer = n;
}

/* CDB size by group code (opcode bits 7-5); 0 for vendor/reserved groups. */
static u8 stv_cdb_size(u8 op)
{
	static const u8 size[8] = { 6, 10, 10, 0, 16, 12, 0, 0 };

	return size[op >> 5];
}

/* ---- INQUIRY ---------------------------------------------------------- */

static void stv_inquiry_std(u8 *d, bool present, u8 lun)
{
	memset(d, 0, STV_INQUIRY_LEN);
	/* Peripheral qualifier 3, type 0x1f: no LUN here. */
	d[0] = present ? TYPE_DISK : 0x7f;
	d[2] = 0x05;				/* SPC-3 */
	d[3] = 0x02;				/* response data format */
	d[4] = STV_INQUIRY_LEN - 5;
	/* Hyper-V leaves the identity out for absent LUNs other than 0. */
	if (present || !lun) {
		memcpy(d + 8, "Msft    ", 8);
		memcpy(d + 16, "Virtual Disk    ", 16);
		memcpy(d + 32, "1.0 ", 4);
	}
}

/* A stable 16-byte id per controller and LUN, version-4 UUID shaped. */
static void stv_disk_id(const struct stv_target *t, u8 lun, u8 *id)
{
	static const u8 base[16] = {
		0x48, 0x56, 0x53, 0x4d, 0x00, 0x00, 0x40, 0x00,
		0x80, 0x00, 0x73, 0x69, 0x6d, 0x64, 0x00, 0x00,
	};

	memcpy(id, base, 16);
	id[4] = t->ctrl;
	id[5] = lun;
	id[14] = t->ctrl;
	id[15] = lun;
}

/*
 * MAXIMUM WRITE SAME LENGTH in blocks: the maximum transfer, as on
 * Hyper-V (OpenVMM scsidisk: inquiry.rs handle_vpd_block_limits reports,
 * lib.rs validate_write_same enforces the maximum transfer, at most
 * 8 MiB; storvsp.c keeps scsi_max_transfer within that).
 */
static u32 stv_ws_max(const struct stv_target *t)
{
	return t->max_xfer >> STV_BLOCK_SHIFT;
}

static u32 stv_vpd(const struct stv_target *t, u8 lun, u8 page, u8 *d)
{
	static const u8 pages[] = { 0x00, 0x80, 0x83, 0xb0, 0xb2 };
	u8 id[16];
	u32 len;

	memset(d, 0, 64);
	d[1] = page;
	switch (page) {
	case 0x00:			/* supported pages */
		memcpy(d + 4, pages, sizeof(pages));
		len = sizeof(pages);
		break;
	case 0x80:			/* unit serial number */
		snprintf((char *)d + 4, STV_VPD_SERIAL_LEN + 1, "HVSIM%03u%08u",
			 (u8)t->ctrl, lun);
		len = STV_VPD_SERIAL_LEN;
		break;
	case 0x83:			/* device identification */
		stv_disk_id(t, lun, id);
		/* T10 vendor id: binary code set, "Msft    " + disk GUID */
		d[4] = 0x01;
		d[5] = 0x01;
		d[7] = 24;
		memcpy(d + 8, "Msft    ", 8);
		memcpy(d + 16, id, 16);
		/* NAA 6 with Microsoft's OUI 00-22-48 */
		d[32] = 0x01;
		d[33] = 0x03;
		d[35] = 16;
		d[36] = 0x60;
		d[37] = 0x02;
		d[38] = 0x24;
		d[39] = 0x80;
		memcpy(d + 40, id, 6);
		memcpy(d + 46, id + 10, 6);
		len = 48;
		break;
	case 0xb0:			/* block limits */
		d[4] = 0x01;		/* WSNZ: WRITE SAME of 0 blocks refused */
		stv_put_be32(d + 8, t->max_xfer >> STV_BLOCK_SHIFT);
		stv_put_be32(d + 12, t->max_xfer >> STV_BLOCK_SHIFT);
		stv_put_be32(d + 20, U32_MAX);	/* max unmap LBA count */
		stv_put_be32(d + 24, STV_MAX_UNMAP_DESC);
		stv_put_be32(d + 28, 1);	/* optimal unmap granularity */
		stv_put_be32(d + 32, 0x80000000);	/* UGAVALID, alignment 0 */
		stv_put_be64(d + 36, stv_ws_max(t));
		len = 0x3c;
		break;
	case 0xb2:			/* logical block provisioning */
		/*
		 * LBPU, LBPWS, LBPWS10: UNMAP and WRITE SAME(16/10) with
		 * UNMAP deallocate; LBPRZ: deallocated blocks read zero.
		 */
		d[5] = 0x80 | 0x40 | 0x20 | 0x04;
		d[6] = 0x02;		/* thin provisioned */
		len = 4;
		break;
	default:
		return 0;
	}
	stv_put_be16(d + 2, len);
	return len + 4;
}

static void stv_inquiry(struct stv_target *t, struct stv_cmd *c, bool present)
{
	u32 alloc = stv_be16(c->cdb + 3);
	u8 d[STV_INQUIRY_LEN];
	u32 len;

	if (c->cdb[1] & 0x01) {			/* EVPD */
		len = present ? stv_vpd(t, c->lun, c->cdb[2], d) : 0;
		if (!len) {
			stv_illegal(c, STV_ASC_INVALID_CDB);
			return;
		}
	} else {
		if (c->cdb[2] || c->cdb[1] & 0xfe) {
			stv_illegal(c, STV_ASC_INVALID_CDB);
			return;
		}
		stv_inquiry_std(d, present, c->lun);
		len = STV_INQUIRY_LEN;
	}
	stv_reply(c, d, len, alloc);
}

/* ---- the other commands --------------------------------------------------- */

static void stv_report_luns(struct stv_target *t, struct stv_cmd *c)
{
	u32 alloc = stv_be32(c->cdb + 6), n = 0, off, i;
	u8 hdr[8] = {}, ent[8] = {};

	if (c->cdb[2] > 2 || alloc < 16) {
		stv_illegal(c, STV_ASC_INVALID_CDB);
		return;
	}
	if (c->target_ok)
		for (i = 0; i < STV_MAX_LUNS; i++)
			n += !!t->lun[i];
	stv_put_be32(hdr, n * 8);
	alloc = min3(alloc, c->buf->len, 8 + n * 8);
	if (!stv_check_dir(c, alloc, STV_DATA_IN))
		return;
	if (c->buf->copy(c->buf, 0, hdr, min_t(u32, alloc, 8), true))
		goto bad;
	off = 8;
	for (i = 0; i < STV_MAX_LUNS && off < alloc && c->target_ok; i++) {
		if (!t->lun[i])
			continue;
		ent[1] = i;			/* peripheral device addressing */
		if (c->buf->copy(c->buf, off, ent, min_t(u32, alloc - off, 8),
				 true))
			goto bad;
		off += 8;
	}
	c->xfer = alloc;
	return;
bad:
	stv_bad_buffer(c);
}

static void stv_read_capacity(struct stv_lun *l, struct stv_cmd *c, bool is16)
{
	u8 d[32] = {};

	if (!is16) {
		stv_put_be32(d, min_t(u64, l->blocks - 1, U32_MAX));
		stv_put_be32(d + 4, STV_BLOCK_SIZE);
		stv_reply(c, d, 8, 8);
		return;
	}
	stv_put_be64(d, l->blocks - 1);
	stv_put_be32(d + 8, STV_BLOCK_SIZE);
	d[14] = 0x80 | 0x40;			/* LBPME, LBPRZ */
	stv_reply(c, d, sizeof(d), stv_be32(c->cdb + 10));
}

static void stv_rw(struct stv_lun *l, struct stv_cmd *c, bool write, bool is16)
{
	u64 lba = is16 ? stv_be64(c->cdb + 2) : stv_be32(c->cdb + 2);
	u32 n = is16 ? stv_be32(c->cdb + 10) : stv_be16(c->cdb + 7);
	u64 bytes = (u64)n << STV_BLOCK_SHIFT;

	if (lba > l->blocks || n > l->blocks - lba) {
		stv_illegal(c, STV_ASC_LBA_RANGE);
		return;
	}
	if (bytes > c->buf->len) {
		stv_illegal(c, STV_ASC_INVALID_CDB);
		return;
	}
	if (!stv_check_dir(c, bytes, write ? STV_DATA_OUT : STV_DATA_IN))
		return;
	if (bytes && c->buf->copy(c->buf, 0, l->data + (lba << STV_BLOCK_SHIFT),
				  bytes, !write)) {
		stv_bad_buffer(c);
		return;
	}
	c->xfer = bytes;
	if (write)
		l->writes++;
	else
		l->reads++;
}

static void stv_mode_sense(struct stv_cmd *c, bool is10)
{
	u8 pc = c->cdb[2] >> 6, page = c->cdb[2] & 0x3f, subpage = c->cdb[3];
	u32 alloc = is10 ? stv_be16(c->cdb + 7) : c->cdb[4];
	u32 hlen = is10 ? 8 : 4;
	u8 d[8 + 20] = {};
	u8 *cp = d + hlen;
	u32 len = hlen + 20;

	if ((page != STV_MODE_PAGE_CACHING && page != STV_MODE_PAGE_ALL) ||
	    (subpage && !(page == STV_MODE_PAGE_ALL && subpage == 0xff))) {
		stv_illegal(c, STV_ASC_INVALID_CDB);
		return;
	}
	if (pc == STV_MODE_PC_SAVED) {
		stv_illegal(c, STV_ASC_NO_SAVING);
		return;
	}
	cp[0] = STV_MODE_PAGE_CACHING;
	cp[1] = 0x12;
	if (pc != STV_MODE_PC_CHANGEABLE)
		cp[2] = 0x04;			/* WCE: writes are cached */
	/* No block descriptors; device-specific: WP clear, DPOFUA set. */
	if (is10) {
		stv_put_be16(d, len - 2);
		d[3] = 0x10;
	} else {
		d[0] = len - 1;
		d[2] = 0x10;
	}
	stv_reply(c, d, len, alloc);
}

static void stv_request_sense(struct stv_cmd *c)
{
	u8 d[STV_SENSE_LEN] = {};

	if (c->cdb[1] & 0x01) {			/* descriptor format */
		stv_illegal(c, STV_ASC_INVALID_CDB);
		return;
	}
	d[0] = 0x70;
	d[7] = STV_SENSE_LEN - 8;
	stv_reply(c, d, sizeof(d), c->cdb[4]);
}

/*
 * UNMAP's parameter list, copied in from the guest. One for the host:
 * commands run under its lock, one at a time, and may run in the guest's
 * signalling context (storvsp's fast path), where nothing may sleep.
 */
static u8 stv_unmap_params[8 + STV_MAX_UNMAP_DESC * 16 + 16];

/* Check every descriptor, then deallocate (zero) the ranges. */
static void stv_unmap(struct stv_lun *l, struct stv_cmd *c)
{
	u32 plen = stv_be16(c->cdb + 7), bdlen, i, count;
	u8 *p = stv_unmap_params;
	u64 lba, n;

	if (c->cdb[1] & 0x01) {			/* ANCHOR: not supported */
		stv_illegal(c, STV_ASC_INVALID_CDB);
		return;
	}
	if (!plen) {
		l->unmaps++;
		return;
	}
	if (!stv_check_dir(c, plen, STV_DATA_OUT))
		return;
	if (plen < 8) {
		stv_illegal(c, STV_ASC_PARAM_LIST_LEN);
		return;
	}
	plen = min_t(u32, plen, sizeof(stv_unmap_params));
	if (c->buf->copy(c->buf, 0, p, plen, false)) {
		stv_bad_buffer(c);
		return;
	}
	bdlen = stv_be16(p + 2);
	count = bdlen / 16;
	if (bdlen % 16 || bdlen > plen - 8 || count > STV_MAX_UNMAP_DESC) {
		stv_illegal(c, STV_ASC_INVALID_PARAM);
		return;
	}
	for (i = 0; i < count; i++) {
		lba = stv_be64(p + 8 + i * 16);
		n = stv_be32(p + 16 + i * 16);
		if (lba > l->blocks || n > l->blocks - lba) {
			stv_illegal(c, STV_ASC_LBA_RANGE);
			return;
		}
	}
	for (i = 0; i < count; i++) {
		lba = stv_be64(p + 8 + i * 16);
		n = stv_be32(p + 16 + i * 16);
		memset(l->data + (lba << STV_BLOCK_SHIFT), 0,
		       n << STV_BLOCK_SHIFT);
	}
	c->xfer = plen;
	l->unmaps++;
}

/* Copy the first block of @n over the others, doubling the copy each turn. */
static void stv_fill(u8 *p, u32 n)
{
	size_t done = STV_BLOCK_SIZE, total = (size_t)n << STV_BLOCK_SHIFT;
	size_t k;

	while (done < total) {
		k = min(done, total - done);
		memcpy(p + done, p, k);
		done += k;
	}
}

/*
 * WRITE SAME(10/16), SBC-3: the one block the guest sends goes to every
 * block of the range. With UNMAP the range is deallocated instead, and
 * with NDOB no block comes at all and the range gets zeros; both read
 * back as zeros here (LBPRZ). NUMBER OF BLOCKS 0 ("to the end") is
 * refused, as VPD 0xb0 says (WSNZ), and so is more than its MAXIMUM
 * WRITE SAME LENGTH.
 */
static void stv_write_same(struct stv_target *t, struct stv_lun *l,
			   struct stv_cmd *c, bool is16)
{
	u8 flags = c->cdb[1], known = is16 ? STV_WS_UNMAP | STV_WS16_NDOB :
					     STV_WS_UNMAP;
	u64 lba = is16 ? stv_be64(c->cdb + 2) : stv_be32(c->cdb + 2);
	u32 n = is16 ? stv_be32(c->cdb + 10) : stv_be16(c->cdb + 7);
	bool ndob = flags & STV_WS16_NDOB;
	u8 *dst;

	if (flags & ~known || !n || n > stv_ws_max(t)) {
		stv_illegal(c, STV_ASC_INVALID_CDB);
		return;
	}
	if (lba > l->blocks || n > l->blocks - lba) {
		stv_illegal(c, STV_ASC_LBA_RANGE);
		return;
	}
	dst = l->data + (lba << STV_BLOCK_SHIFT);
	if (!ndob) {
		if (!stv_check_dir(c, STV_BLOCK_SIZE, STV_DATA_OUT))
			return;
		if (c->buf->copy(c->buf, 0, dst, STV_BLOCK_SIZE, false)) {
			stv_bad_buffer(c);
			return;
		}
		c->xfer = STV_BLOCK_SIZE;
	}
	if (ndob || flags & STV_WS_UNMAP)
		memset(dst, 0, (size_t)n << STV_BLOCK_SHIFT);
	else
		stv_fill(dst, n);
	l->write_sames++;
}

static void stv_service_action_in(struct stv_lun *l, struct stv_cmd *c)
{
	if ((c->cdb[1] & 0x1f) == SAI_READ_CAPACITY_16)
		stv_read_capacity(l, c, true);
	else
		stv_illegal(c, STV_ASC_INVALID_CDB);
}

static void stv_lun_execute(struct stv_target *t, struct stv_lun *l,
			    struct stv_cmd *c)
{
	switch (c->cdb[0]) {
	case TEST_UNIT_READY:
	case START_STOP:
	case SYNCHRONIZE_CACHE:
	case SYNCHRONIZE_CACHE_16:
		break;
	case INQUIRY:
		stv_inquiry(t, c, true);
		break;
	case REQUEST_SENSE:
		stv_request_sense(c);
		break;
	case READ_CAPACITY:
		stv_read_capacity(l, c, false);
		break;
	case SERVICE_ACTION_IN_16:
		stv_service_action_in(l, c);
		break;
	case READ_10:
		stv_rw(l, c, false, false);
		break;
	case READ_16:
		stv_rw(l, c, false, true);
		break;
	case WRITE_10:
		stv_rw(l, c, true, false);
		break;
	case WRITE_16:
		stv_rw(l, c, true, true);
		break;
	case MODE_SENSE:
		stv_mode_sense(c, false);
		break;
	case MODE_SENSE_10:
		stv_mode_sense(c, true);
		break;
	case UNMAP:
		stv_unmap(l, c);
		break;
	case WRITE_SAME:
		stv_write_same(t, l, c, false);
		break;
	case WRITE_SAME_16:
		stv_write_same(t, l, c, true);
		break;
	default:
		stv_illegal(c, STV_ASC_INVALID_OPCODE);
	}
}

/**
 * stv_scsi_execute() - run one SCSI command against a controller's LUNs
 * @t: the target
 * @c: the command; its result fields are filled in
 *
 * REPORT LUNS answers on any LUN, INQUIRY on an absent LUN reports
 * "no LUN here" (peripheral qualifier 3), anything else for an absent
 * LUN fails with STV_NO_LUN, as on Hyper-V.
 */
void stv_scsi_execute(struct stv_target *t, struct stv_cmd *c)
{
	struct stv_lun *l = NULL;
	u8 op = c->cdb[0];

	c->result = STV_OK;
	c->scsi_status = SAM_STAT_GOOD;
	c->sense_len = 0;
	c->xfer = 0;
	if (c->target_ok && c->lun < STV_MAX_LUNS)
		l = t->lun[c->lun];

	if (!c->cdb_len || c->cdb_len > sizeof(c->cdb) ||
	    c->cdb_len < stv_cdb_size(op)) {
		stv_illegal(c, STV_ASC_INVALID_CDB);
		return;
	}
	if (op == REPORT_LUNS) {
		stv_report_luns(t, c);
		return;
	}
	if (!l) {
		if (op == INQUIRY) {
			stv_inquiry(t, c, false);
			return;
		}
		c->result = STV_NO_LUN;
		c->scsi_status = SAM_STAT_CHECK_CONDITION;
		return;
	}
	if (l->err_armed) {
		l->err_armed = false;
		stv_sense(c, l->err_key == ILLEGAL_REQUEST ? STV_INVALID : STV_CHECK,
			  l->err_key, l->err_asc, l->err_ascq);
		return;
	}
	stv_lun_execute(t, l, c);
}

/**
 * stv_lun_add() - create a zero-filled LUN
 * @t: the target
 * @lun: LUN number, below STV_MAX_LUNS
 * @size_mb: size in MiB, at most STV_MAX_LUN_MB
 *
 * Return: 0, -EINVAL, -EEXIST, -ENOSPC (over STV_MAX_TOTAL_MB) or -ENOMEM.
 */
int stv_lun_add(struct stv_target *t, u32 lun, u32 size_mb)
{
	struct stv_lun *l;

	if (lun >= STV_MAX_LUNS || !size_mb || size_mb > STV_MAX_LUN_MB)
		return -EINVAL;
	if (t->lun[lun])
		return -EEXIST;
	if (size_mb > STV_MAX_TOTAL_MB - t->total_mb)
		return -ENOSPC;
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	l->data = vzalloc((size_t)size_mb << 20);
	if (!l->data) {
		kfree(l);
		return -ENOMEM;
	}
	/* Guest data holds no kernel pointers: not worth kmemleak's scans. */
	kmemleak_no_scan(l->data);
	l->blocks = ((u64)size_mb << 20) >> STV_BLOCK_SHIFT;
	t->lun[lun] = l;
	t->total_mb += size_mb;
	return 0;
}

/**
 * stv_lun_remove() - drop a LUN and its data
 * @t: the target
 * @lun: LUN number
 *
 * Return: 0 or -ENOENT.
 */
int stv_lun_remove(struct stv_target *t, u32 lun)
{
	struct stv_lun *l = lun < STV_MAX_LUNS ? t->lun[lun] : NULL;

	if (!l)
		return -ENOENT;
	t->total_mb -= (l->blocks << STV_BLOCK_SHIFT) >> 20;
	t->lun[lun] = NULL;
	vfree(l->data);
	kfree(l);
	return 0;
}

/**
 * stv_lun_arm_error() - fail the next command to a LUN with this sense
 * @t: the target
 * @lun: LUN number
 * @key: sense key (1-15)
 * @asc: additional sense code
 * @ascq: its qualifier
 *
 * Return: 0, -ENOENT or -EINVAL.
 */
int stv_lun_arm_error(struct stv_target *t, u32 lun, u8 key, u8 asc, u8 ascq)
{
	struct stv_lun *l = lun < STV_MAX_LUNS ? t->lun[lun] : NULL;

	if (!l)
		return -ENOENT;
	if (!key || key > 0x0f)
		return -EINVAL;
	l->err_armed = true;
	l->err_key = key;
	l->err_asc = asc;
	l->err_ascq = ascq;
	return 0;
}

/**
 * stv_target_free() - drop every LUN of a target
 * @t: the target
 */
void stv_target_free(struct stv_target *t)
{
	u32 i;

	for (i = 0; i < STV_MAX_LUNS; i++)
		stv_lun_remove(t, i);
}
