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

/*
 * Transaction ids on the wire: the core's request-table id of the
 * channel (1 up to its max_requests) in bits 0-15, the index of the
 * channel the request went on (0 for the primary) in bits 16-31 and a
 * sequence number of that channel in bits 32-63. An answer on another
 * channel, or one for a table slot that meanwhile holds a newer request,
 * names an id the driver does not hold and is dropped.
 */
#define STORVSC_TID_SLOT_BITS	16
#define STORVSC_TID_CHAN_SHIFT	16
#define STORVSC_TID_SEQ_SHIFT	32
#define STORVSC_TID_MAX_SLOT	((1U << STORVSC_TID_SLOT_BITS) - 1)

u64 storvsc_tid_make(u32 slot, u16 chan, u32 seq);
u32 storvsc_tid_slot(u64 tid);
u16 storvsc_tid_chan(u64 tid);

/**
 * struct storvsc_rx_ctx - what the channel a packet came on expects
 * @chan: its index, 0 for the primary
 * @nslots: its request-table size (max_requests)
 * @min_len: bytes an answer or host message must have: the packet size
 *	of the negotiated version (storvsc_answer_len())
 */
struct storvsc_rx_ctx {
	u16 chan;
	u32 nslots;
	u32 min_len;
};

/**
 * struct storvsc_rx - a checked inbound packet
 * @slot: an answer's request-table id on the channel
 * @answer_err: 0, or why the answer itself is malformed (-EMSGSIZE:
 *	shorter than @min_len; -EPROTO: not COMPLETE_IO); its request fails
 * @op: a host message's operation
 * @len: payload bytes the host sent
 * @pkt: the payload, copied, zero-filled beyond @len
 */
struct storvsc_rx {
	u32 slot;
	int answer_err;
	u32 op;
	u32 len;
	struct vstor_packet pkt;
};

/* storvsc_rx_parse() results besides errors. */
enum {
	STORVSC_RX_ANSWER = 1,	/* a completion naming a request */
	STORVSC_RX_RESCAN,	/* the host says LUNs changed */
};

int storvsc_rx_parse(u16 type, u64 trans_id, const void *payload, u32 len,
		     const struct storvsc_rx_ctx *ctx, struct storvsc_rx *rx);
u32 storvsc_answer_len(u16 version);

/**
 * struct storvsc_props - the host's channel properties, checked
 * @max_xfer: bytes one command may move: the host's limit rounded down
 *	to 4 KiB, at most STORVSC_MAX_XFER
 * @flags: VSTOR_PROPERTY_* flags
 * @max_chans: sub-channels the host says it can create (untrusted;
 *	storvsc_sub_channel_count() bounds what is asked for)
 */
struct storvsc_props {
	u32 max_xfer;
	u32 flags;
	u16 max_chans;
};

int storvsc_props_parse(const struct vstor_packet *pkt,
			struct storvsc_props *props);
bool storvsc_sub_index_ok(u16 index, u16 nr_chans);

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
