/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_storvsc internals shared by the driver (storvsc.c) and its pure
 * helpers (wire.c), which the KUnit suite tests/kunit/storvsc_kunit.c
 * builds on its own.
 */
#ifndef HV_STORVSC_H
#define HV_STORVSC_H

#include <linux/scatterlist.h>
#include <linux/types.h>
#include <hv/proto/ring.h>
#include <hv/proto/storvsc.h>

/*
 * Largest transfer of one command. The PFN array of a GPA-direct packet
 * grows with it (8 bytes per 4 KiB), and so does every command's private
 * data; 512 KiB is upstream's cap for Fibre Channel
 * (STORVSC_FC_MAX_XFER_SIZE). The host's max_transfer_bytes may lower it.
 */
#define STORVSC_MAX_XFER	(512 * 1024)
/* A transfer not starting on a page boundary touches one page more. */
#define STORVSC_MAX_PFNS	(STORVSC_MAX_XFER / HV_PAGE_SIZE + 1)

/*
 * Sub-channels asked for at most, whatever the host offers: bounds the
 * channel table, one entry per hardware queue.
 */
#define STORVSC_MAX_SUB_CHANNELS	64

/*
 * Accepted storvsc_ringbuffer_size (data bytes of each ring): room for
 * a few of the largest commands (about 1.1 KiB each), and the core's
 * limit of 16 MiB per ring less its control page.
 */
#define STORVSC_RING_MIN	(16 * 1024)
#define STORVSC_RING_MAX	(8 * 1024 * 1024)

/**
 * struct storvsc_verdict - what the midlayer is told about an answered SRB
 * @host_byte: DID_* for the result's host byte
 * @scsi_status: the SAM status byte
 * @sense_len: bytes of the answer's sense data to copy, 0 for none
 * @resid: bytes of the buffer not transferred
 * @clamped: the host claimed to move more bytes than the buffer holds
 */
struct storvsc_verdict {
	u8 host_byte;
	u8 scsi_status;
	u8 sense_len;
	u32 resid;
	bool clamped;
};

void storvsc_srb_verdict(const struct vstor_srb *srb, u32 buf_len,
			 u32 sense_buf_len, struct storvsc_verdict *v);
int storvsc_sg_to_range(struct scatterlist *sgl, unsigned int nents,
			u32 buf_len, struct vmbus_gpa_range *range,
			u32 max_pfns, u32 *pfn_count);
u16 storvsc_sub_channel_count(u32 prop_flags, u16 host_max, unsigned int cpus,
			      unsigned int max_queues);
unsigned int storvsc_queue_chan(unsigned int hwq, unsigned int nr_chans,
				bool sub_open);
bool storvsc_ring_size_ok(u64 bytes);

#endif /* HV_STORVSC_H */
