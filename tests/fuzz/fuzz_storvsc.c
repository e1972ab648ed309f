// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the pure helpers of hv_storvsc
 * (drivers/scsi/storvsc/wire.c), every check of what the host sends.
 *
 * The input is a struct fuzz_in, zero-filled past the input's end: the SRB
 * of a host's answer with the guest's buffer and sense buffer sizes, for
 * storvsc_srb_verdict(), then a scatterlist of up to FUZZ_SG_MAX entries
 * and the room for PFNs, for storvsc_sg_to_range(), then an inbound
 * packet (type, transaction id, payload of any length) and the channel
 * it came on, for storvsc_rx_parse(), storvsc_props_parse() and the
 * sub-channel rules. Every verdict is
 * checked against the Completions rules of Documentation/storvsc.rst, and
 * its sense length is used as storvsc.c does, copying into a heap block of
 * exactly the sense buffer's size. A page range must be refused exactly
 * when the list is empty, holed, does not add up or needs too many PFNs;
 * otherwise it must describe the same bytes in the same order. A packet
 * is classified by the rules of storvsc.rst (Completions, Host messages):
 * an answer only with an id naming a slot of that channel's table, short
 * or wrong-operation answers flagged, host messages only when long enough,
 * the copy exactly the payload; its payload sits in a heap block of
 * exactly its length.
 *
 * Built by tests/userspace/Makefile: "make fuzz" (clang, libFuzzer) runs it
 * for FUZZ_SECONDS on tests/fuzz/corpus/storvsc; "make test" replays that
 * corpus with gcc (linked with replay.c); "make fuzz-seeds" regenerates
 * the corpus (HV_FUZZ_SEEDS).
 */
#include <linux/kernel.h>
#include "storvsc.h"
#include "fuzz.h"

#define FUZZ_SG_MAX	8
/* Payload bytes of a fuzzed packet: more than a vstor_packet. */
#define FUZZ_RX_MAX	80

struct fuzz_sg {
	u32 page;		/* guest page number */
	u32 offset;
	u32 length;
} __packed;

struct fuzz_in {
	struct vstor_srb srb;	/* the answer, as copied out of the ring */
	u32 buf_len;		/* bytes of the command's buffer */
	u8 sense_buf_len;	/* bytes of the midlayer's sense buffer */
	u8 big_pages;		/* bit 0: 64 KiB guest pages */
	u8 nents;		/* entries, modulo FUZZ_SG_MAX + 1 */
	u8 len_delta;		/* the list's buf_len: its sum + (s8)this */
	u8 max_pfns;		/* room in the range */
	struct fuzz_sg sg[FUZZ_SG_MAX];
	/* An inbound packet and what its channel expects. */
	u16 type;		/* descriptor type */
	u64 trans_id;
	u16 chan;		/* the channel's index */
	u16 nslots;		/* its request table, modulo 512 */
	u16 version;		/* the negotiated version, 0 for none */
	u8 len;			/* payload bytes, modulo FUZZ_RX_MAX + 1 */
	u8 cpus;		/* online CPUs, for the sub-channel count */
	u8 max_queues;		/* storvsc_max_hw_queues */
	u16 sub_index;		/* an offered sub-channel's index */
	u8 payload[FUZZ_RX_MAX];
} __packed;

static u8 expected_host_byte(u8 code, bool sense)
{
	switch (code) {
	case SRB_STATUS_SUCCESS:
	case SRB_STATUS_DATA_OVERRUN:
		return DID_OK;
	case SRB_STATUS_INVALID_LUN:
	case SRB_STATUS_INVALID_TARGET_ID:
	case SRB_STATUS_INVALID_PATH_ID:
	case SRB_STATUS_NO_DEVICE:
		return DID_NO_CONNECT;
	case SRB_STATUS_BUSY:
		return DID_BUS_BUSY;
	case SRB_STATUS_BUS_RESET:
		return DID_RESET;
	default:
		/* Valid sense with a check condition: the midlayer decides. */
		return sense ? DID_OK : DID_ERROR;
	}
}

static void fuzz_verdict(const struct fuzz_in *in)
{
	struct vstor_srb *srb = malloc(sizeof(*srb));
	struct vstor_srb bare = { 0 };
	u32 buf_len = in->buf_len, moved;
	struct storvsc_verdict v, w;
	u8 code, *sense_buf;
	bool sense;

	CHECK(srb);
	*srb = in->srb;
	code = SRB_STATUS_CODE(srb->srb_status);
	sense = srb->scsi_status == SAM_STAT_CHECK_CONDITION &&
		(srb->srb_status & SRB_STATUS_FLAG_AUTOSENSE_VALID);
	memset(&v, 0, sizeof(v));
	storvsc_srb_verdict(srb, buf_len, in->sense_buf_len, &v);

	CHECK(v.scsi_status == srb->scsi_status);
	CHECK(v.host_byte == expected_host_byte(code, sense));

	CHECK(v.sense_len <= VSTOR_SENSE_SIZE);
	CHECK(v.sense_len <= srb->sense_info_length);
	CHECK(v.sense_len <= in->sense_buf_len);
	if (sense)
		CHECK(v.sense_len == min(min(srb->sense_info_length,
					     in->sense_buf_len),
					 VSTOR_SENSE_SIZE));
	else
		CHECK(v.sense_len == 0);

	CHECK(v.clamped == (srb->data_transfer_length > buf_len));
	CHECK(v.resid <= buf_len);
	/* A failed command moved nothing, whatever the host says. */
	moved = min(srb->data_transfer_length, buf_len);
	if (code == SRB_STATUS_SUCCESS || code == SRB_STATUS_DATA_OVERRUN)
		CHECK(v.resid == buf_len - moved);
	else
		CHECK(v.resid == buf_len);

	/*
	 * Only these four fields count, the queue-frozen flag does not, and
	 * every field of the verdict is written (v was zeroed, w is not).
	 */
	bare.srb_status = srb->srb_status ^ SRB_STATUS_FLAG_QUEUE_FROZEN;
	bare.scsi_status = srb->scsi_status;
	bare.sense_info_length = srb->sense_info_length;
	bare.data_transfer_length = srb->data_transfer_length;
	memset(&w, 0xff, sizeof(w));
	storvsc_srb_verdict(&bare, buf_len, in->sense_buf_len, &w);
	CHECK(w.host_byte == v.host_byte && w.scsi_status == v.scsi_status &&
	      w.sense_len == v.sense_len && w.resid == v.resid &&
	      w.clamped == v.clamped);

	/* What storvsc_set_result() does with it. */
	sense_buf = malloc(in->sense_buf_len);
	CHECK(sense_buf || !in->sense_buf_len);
	memcpy(sense_buf, srb->sense, v.sense_len);
	free(sense_buf);
	free(srb);
}

/* Guest address of byte @pos of @range, counted from its byte_offset. */
static u64 range_addr(const struct vmbus_gpa_range *range, u32 n, u64 pos)
{
	u64 at = range->byte_offset + pos;

	CHECK(at / HV_PAGE_SIZE < n);
	return range->pfn[at / HV_PAGE_SIZE] * HV_PAGE_SIZE +
	       at % HV_PAGE_SIZE;
}

static void fuzz_range(const struct fuzz_in *in)
{
	u64 page_size = in->big_pages & 1 ? 65536 : HV_PAGE_SIZE;
	unsigned int i, nents = in->nents % (FUZZ_SG_MAX + 1);
	struct page pages[FUZZ_SG_MAX];
	struct scatterlist sgl[FUZZ_SG_MAX];
	struct vmbus_gpa_range *range;
	u64 start, end, k, pos, total = 0, need = 0;
	bool bad = !nents;
	u32 buf_len, n = ~0U;
	int ret;

	for (i = 0; i < nents; i++) {
		const struct fuzz_sg *e = &in->sg[i];

		pages[i].phys = e->page * page_size;
		sgl[i].page = &pages[i];
		sgl[i].offset = e->offset;
		sgl[i].length = e->length;
		start = pages[i].phys + e->offset;
		end = start + e->length;
		if (e->length)
			need += (end - 1) / HV_PAGE_SIZE -
				start / HV_PAGE_SIZE + 1;
		else
			bad = true;
		/* A hole: only the ends of the list may be partial pages. */
		if ((i > 0 && start % HV_PAGE_SIZE) ||
		    (i + 1 < nents && end % HV_PAGE_SIZE))
			bad = true;
		total += e->length;
	}
	buf_len = total + (signed char)in->len_delta;
	if (total != buf_len)
		bad = true;

	range = malloc(sizeof(*range) + in->max_pfns * sizeof(u64));
	CHECK(range);
	ret = storvsc_sg_to_range(sgl, nents, buf_len, range, in->max_pfns,
				  &n);
	CHECK(ret == 0 || ret == -EINVAL || ret == -E2BIG);
	CHECK(!ret == (!bad && need <= in->max_pfns));
	if (ret == -EINVAL)
		CHECK(bad);
	if (ret == -E2BIG)
		CHECK(need > in->max_pfns);
	if (ret)
		goto out;

	CHECK(n == need);
	CHECK(range->byte_offset ==
	      (pages[0].phys + in->sg[0].offset) % HV_PAGE_SIZE);
	CHECK(range->byte_count == buf_len);
	/* What vmbus_send_gpa_direct() insists on. */
	CHECK(n == DIV_ROUND_UP((u64)range->byte_offset + buf_len,
				HV_PAGE_SIZE));
	/* Each 4 KiB piece of each entry is where the range says. */
	for (i = 0, pos = 0; i < nents; pos += sgl[i].length, i++) {
		start = pages[i].phys + sgl[i].offset;
		for (k = 0; k < sgl[i].length;
		     k += HV_PAGE_SIZE - (start + k) % HV_PAGE_SIZE)
			CHECK(range_addr(range, n, pos + k) == start + k);
	}
out:
	free(range);
}

static void fuzz_props(const struct storvsc_rx *rx, const struct fuzz_in *in)
{
	u32 host = rx->pkt.properties.max_transfer_bytes;
	struct storvsc_props p;
	unsigned int cpus = in->cpus, maxq = in->max_queues;
	u16 n, nr_chans;
	int ret;

	memset(&p, 0xa5, sizeof(p));
	ret = storvsc_props_parse(&rx->pkt, &p);
	if (host < HV_PAGE_SIZE) {
		CHECK(ret == -EPROTO);
		return;
	}
	CHECK(ret == 0);
	CHECK(p.max_xfer % HV_PAGE_SIZE == 0);
	CHECK(p.max_xfer >= HV_PAGE_SIZE && p.max_xfer <= STORVSC_MAX_XFER);
	CHECK(p.max_xfer <= host);
	CHECK(p.max_xfer == min((u32)STORVSC_MAX_XFER,
				host / HV_PAGE_SIZE * HV_PAGE_SIZE));
	CHECK(p.flags == rx->pkt.properties.flags);
	CHECK(p.max_chans == rx->pkt.properties.max_channel_count);

	/* What is asked for, and which offers may then be opened. */
	n = storvsc_sub_channel_count(p.flags, p.max_chans, cpus, maxq);
	CHECK(n <= STORVSC_MAX_SUB_CHANNELS && n <= p.max_chans);
	CHECK(!n || (cpus && n <= cpus - 1 && (!maxq || n <= maxq - 1)));
	if (!(p.flags & VSTOR_PROPERTY_SUPPORTS_MULTI_CHANNEL))
		CHECK(n == 0);
	nr_chans = n + 1;
	CHECK(storvsc_sub_index_ok(in->sub_index, nr_chans) ==
	      (in->sub_index >= 1 && in->sub_index <= n));
	CHECK(storvsc_queue_chan(in->sub_index, nr_chans, true) ==
	      (in->sub_index <= n ? in->sub_index : 0));
}

static void fuzz_rx(const struct fuzz_in *in)
{
	u32 len = in->len % (FUZZ_RX_MAX + 1);
	struct storvsc_rx_ctx ctx = {
		.chan = in->chan,
		.nslots = in->nslots % 512,
		.min_len = storvsc_answer_len(in->version),
	};
	u32 slot = storvsc_tid_slot(in->trans_id), op = 0;
	u8 *payload = malloc(len ? len : 1);
	struct storvsc_rx rx;
	int ret, want;

	CHECK(payload);
	memcpy(payload, in->payload, len);
	memcpy(&op, in->payload, min_t(u32, len, sizeof(op)));
	memset(&rx, 0xa5, sizeof(rx));
	ret = storvsc_rx_parse(in->type, in->trans_id, payload, len, &ctx, &rx);

	/* The id's fields round-trip. */
	CHECK(storvsc_tid_make(slot, storvsc_tid_chan(in->trans_id),
			       in->trans_id >> STORVSC_TID_SEQ_SHIFT) ==
	      in->trans_id);
	CHECK(ctx.min_len == (in->version >= VSTOR_VERSION_WIN8 ?
			      VSTOR_PACKET_SIZE : VSTOR_PACKET_SIZE_PRE_WIN8));

	/* The copy is the payload, then zeros. */
	CHECK(rx.len == len);
	CHECK(!memcmp(&rx.pkt, payload, min_t(u32, len, sizeof(rx.pkt))));
	for (u32 i = len; i < sizeof(rx.pkt); i++)
		CHECK(((u8 *)&rx.pkt)[i] == 0);
	CHECK(rx.pkt.operation == op);

	switch (in->type) {
	case VMBUS_PKT_COMPLETION:
		if (!slot || slot > ctx.nslots)
			want = -EINVAL;
		else if (storvsc_tid_chan(in->trans_id) != ctx.chan)
			want = -EXDEV;
		else
			want = STORVSC_RX_ANSWER;
		CHECK(ret == want);
		if (ret != STORVSC_RX_ANSWER)
			break;
		CHECK(in->trans_id != 0);
		CHECK(rx.slot == slot && slot >= 1 && slot <= ctx.nslots);
		if (len < ctx.min_len)
			CHECK(rx.answer_err == -EMSGSIZE);
		else if (op != VSTOR_OP_COMPLETE_IO)
			CHECK(rx.answer_err == -EPROTO);
		else
			CHECK(rx.answer_err == 0);
		/* An answer good enough for QUERY_PROPERTIES. */
		if (!rx.answer_err)
			fuzz_props(&rx, in);
		break;
	case VMBUS_PKT_DATA_INBAND:
		CHECK(rx.op == op);
		if (len < ctx.min_len)
			want = -EMSGSIZE;
		else if (op == VSTOR_OP_REMOVE_DEVICE ||
			 op == VSTOR_OP_ENUMERATE_BUS)
			want = STORVSC_RX_RESCAN;
		else
			want = -EOPNOTSUPP;
		CHECK(ret == want);
		break;
	default:
		CHECK(ret == -EPROTO);
	}
	free(payload);
}

int HV_FUZZ_ENTRY(const u8 *data, size_t size)
{
	struct fuzz_in in = { 0 };

	memcpy(&in, data, min(size, sizeof(in)));
	fuzz_verdict(&in);
	fuzz_range(&in);
	fuzz_rx(&in);
	return 0;
}

#ifdef HV_FUZZ_SEEDS
/* Write a seed corpus: answers and scatterlists of each kind. */
struct seed {
	const char *name;
	u8 srb_status;
	u8 scsi_status;
	u8 sense_info_length;
	u32 moved;
	u32 buf_len;
	u8 sense_buf_len;
	u8 big_pages;
	u8 len_delta;
	u8 max_pfns;
	u8 nents;
	struct fuzz_sg sg[FUZZ_SG_MAX];
};

#define CHECK_SENSE	SAM_STAT_CHECK_CONDITION
#define AUTOSENSE	SRB_STATUS_FLAG_AUTOSENSE_VALID
#define MAX_PFNS	STORVSC_MAX_PFNS

static const struct seed seeds[] = {
	{ "read", SRB_STATUS_SUCCESS, 0, 0, 4096, 4096, 96, 0, 0, MAX_PFNS,
	  1, { { 0x1234, 0, 4096 } } },
	{ "underrun", SRB_STATUS_DATA_OVERRUN, 0, 0, 100, 512, 96, 0, 0,
	  MAX_PFNS, 1, { { 7, 512, 512 } } },
	{ "clamped", SRB_STATUS_SUCCESS, 0, 0, 0xffffffff, 5632, 96, 0, 0,
	  MAX_PFNS, 3, { { 9, 3072, 1024 }, { 2, 0, 4096 }, { 5, 0, 512 } } },
	{ "sense", SRB_STATUS_ERROR | AUTOSENSE, CHECK_SENSE, 18, 512, 512,
	  96, 0, 0, MAX_PFNS, 2, { { 1, 0, 1024 }, { 2, 0, 4096 } } },
	{ "sense-long", SRB_STATUS_ERROR | AUTOSENSE, CHECK_SENSE, 255, 512,
	  512, 8, 0, 0, MAX_PFNS, 2, { { 1, 0, 4096 }, { 2, 512, 512 } } },
	{ "sense-noflag", SRB_STATUS_ERROR, CHECK_SENSE, 18, 512, 512, 96, 0,
	  0, MAX_PFNS, 2, { { 1, 0, 4096 }, { 2, 0, 0 } } },
	{ "no-lun", SRB_STATUS_INVALID_LUN, 0, 0, 4096, 4096, 96, 0, 0, 2, 1,
	  { { 3, 1, 3 * 4096 } } },
	{ "busy", SRB_STATUS_BUSY | SRB_STATUS_FLAG_QUEUE_FROZEN, 0, 0, 100,
	  100, 96, 1, 0, MAX_PFNS, 1, { { 3, 4096 + 904, 100 } } },
	{ "reset", SRB_STATUS_BUS_RESET, 0, 0, 0, 0, 96, 0, 0, MAX_PFNS, 0 },
	{ "timeout", SRB_STATUS_TIMEOUT, 0, 0, 4096, 4096, 96, 0, 1,
	  MAX_PFNS, 1, { { 4, 0, 4096 } } },
	{ "unknown", 0x3f | AUTOSENSE, CHECK_SENSE, 20, 0, 0x80000, 0, 1, 0,
	  MAX_PFNS, 8, { { 1, 0, 65536 }, { 2, 0, 65536 }, { 3, 0, 65536 },
			 { 4, 0, 65536 }, { 5, 0, 65536 }, { 6, 0, 65536 },
			 { 7, 0, 65536 }, { 8, 0, 65536 } } },
	{ "max", SRB_STATUS_SUCCESS, 0, 0, 0, 0, 96, 0, 0, MAX_PFNS, 1,
	  { { 6, 1, STORVSC_MAX_XFER } } },
};

/* Inbound packets of each kind, on channel 1 of a 256-slot table. */
struct rx_seed {
	const char *name;
	u16 type;
	u32 slot;
	u16 chan;
	u16 version;
	u8 len;
	u32 op;
	u32 max_transfer;	/* a QUERY_PROPERTIES answer */
	u32 flags;
	u16 max_chans;
	u8 cpus;
	u16 sub_index;
};

#define MC	VSTOR_PROPERTY_SUPPORTS_MULTI_CHANNEL

static const struct rx_seed rx_seeds[] = {
	{ "rx-answer", VMBUS_PKT_COMPLETION, 5, 1, VSTOR_VERSION_WIN10, 64,
	  VSTOR_OP_COMPLETE_IO, 0x40000, MC, 4, 2, 1 },
	{ "rx-props-small", VMBUS_PKT_COMPLETION, 1, 1, 0, 48,
	  VSTOR_OP_COMPLETE_IO, 100, 0, 0, 1, 0 },
	{ "rx-props-many", VMBUS_PKT_COMPLETION, 256, 1, VSTOR_VERSION_WIN8,
	  72, VSTOR_OP_COMPLETE_IO, 0xffffffff, MC | 2, 0xffff, 200, 65 },
	{ "rx-pre-win8", VMBUS_PKT_COMPLETION, 2, 1, 0, 48,
	  VSTOR_OP_COMPLETE_IO },
	{ "rx-short", VMBUS_PKT_COMPLETION, 2, 1, VSTOR_VERSION_WIN10, 20,
	  VSTOR_OP_COMPLETE_IO },
	{ "rx-wrong-op", VMBUS_PKT_COMPLETION, 2, 1, VSTOR_VERSION_WIN10, 64,
	  VSTOR_OP_EXECUTE_SRB },
	{ "rx-zero-id", VMBUS_PKT_COMPLETION, 0, 0, VSTOR_VERSION_WIN10, 64,
	  VSTOR_OP_COMPLETE_IO },
	{ "rx-beyond", VMBUS_PKT_COMPLETION, 257, 1, VSTOR_VERSION_WIN10, 64,
	  VSTOR_OP_COMPLETE_IO },
	{ "rx-other-chan", VMBUS_PKT_COMPLETION, 3, 0, VSTOR_VERSION_WIN10, 64,
	  VSTOR_OP_COMPLETE_IO },
	{ "rx-enumerate", VMBUS_PKT_DATA_INBAND, 0, 0, VSTOR_VERSION_WIN10, 64,
	  VSTOR_OP_ENUMERATE_BUS },
	{ "rx-remove", VMBUS_PKT_DATA_INBAND, 0, 0, VSTOR_VERSION_WIN8, 64,
	  VSTOR_OP_REMOVE_DEVICE },
	{ "rx-msg-short", VMBUS_PKT_DATA_INBAND, 0, 0, VSTOR_VERSION_WIN10, 4,
	  VSTOR_OP_ENUMERATE_BUS },
	{ "rx-msg-unknown", VMBUS_PKT_DATA_INBAND, 7, 1, VSTOR_VERSION_WIN10,
	  64, VSTOR_OP_COMPLETE_IO },
	{ "rx-gpa", VMBUS_PKT_DATA_GPA_DIRECT, 1, 1, VSTOR_VERSION_WIN10, 64,
	  VSTOR_OP_COMPLETE_IO },
};

static void write_input(const struct fuzz_in *in, const char *dir,
			const char *name)
{
	fuzz_seed_write(dir, name, in, sizeof(*in));
}

static void rx_seed_write(const struct rx_seed *s, const char *dir)
{
	struct fuzz_in in = {
		.type = s->type,
		.trans_id = storvsc_tid_make(s->slot, s->chan, 0x1234),
		.chan = 1,
		.nslots = 256,
		.version = s->version,
		.len = s->len,
		.cpus = s->cpus,
		.sub_index = s->sub_index,
	};
	struct vstor_packet pkt = { .operation = s->op };

	if (!s->slot && !s->chan)
		in.trans_id = 0;
	pkt.properties.max_transfer_bytes = s->max_transfer;
	pkt.properties.flags = s->flags;
	pkt.properties.max_channel_count = s->max_chans;
	memcpy(in.payload, &pkt, sizeof(pkt));
	write_input(&in, dir, s->name);
}

static void seed_write(const struct seed *s, const char *dir)
{
	struct fuzz_in in = {
		.srb = {
			.length = VSTOR_SRB_SIZE,
			.srb_status = s->srb_status,
			.scsi_status = s->scsi_status,
			.sense_info_length = s->sense_info_length,
			.data_transfer_length = s->moved,
		},
		.buf_len = s->buf_len,
		.sense_buf_len = s->sense_buf_len,
		.big_pages = s->big_pages,
		.nents = s->nents,
		.len_delta = s->len_delta,
		.max_pfns = s->max_pfns,
	};

	memcpy(in.sg, s->sg, sizeof(in.sg));
	memset(in.srb.sense, 0x70, s->sense_info_length ? VSTOR_SENSE_SIZE : 0);
	write_input(&in, dir, s->name);
}

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(seeds); i++)
		seed_write(&seeds[i], argv[1]);
	for (i = 0; i < ARRAY_SIZE(rx_seeds); i++)
		rx_seed_write(&rx_seeds[i], argv[1]);
	printf("%zu seeds in %s\n", ARRAY_SIZE(seeds) + ARRAY_SIZE(rx_seeds),
	       argv[1]);
	return 0;
}
#endif /* HV_FUZZ_SEEDS */
