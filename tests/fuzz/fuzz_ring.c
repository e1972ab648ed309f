// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: drivers/hv/vmbus/ring.c against a hostile other side.
 *
 * The input is a ring's shared state: a header with the control words, the
 * ring size, the maximum packet size and a script of operations, then the
 * data area (zero-filled past the input's end). The consumer works through
 * the script (peek, read with large and small buffers, skip, commit,
 * mask), interleaved with the "host" rewriting the write index and a
 * producer writing packets, then drains the ring. The ring lives in a heap
 * block of exactly its size, so ASan catches any access outside it; the
 * checks below catch any packet handed out unvalidated.
 *
 * Built by tests/userspace/Makefile: "make fuzz" (clang, libFuzzer) runs it
 * for FUZZ_SECONDS on tests/fuzz/corpus/ring; "make test" replays that
 * corpus through the same code with gcc (linked with replay.c); "make
 * fuzz-seeds" regenerates the corpus (HV_FUZZ_SEEDS).
 */
#include <hv/ring.h>
#include "fuzz.h"

#define FUZZ_OPS		16
#define FUZZ_HDR_SIZE		(5 * 4 + 2 + FUZZ_OPS)
#define FUZZ_MAX_PAGES		4

struct fuzz_ring {
	u8 *mem;
	u32 total;
	u32 size;
	u32 max_pkt;
	struct vmbus_ring_control *ctrl;
	struct hv_ring cons;
	u8 *buf;
	u8 *payload;
};

static u32 get_u32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void check_cursor(struct fuzz_ring *fr)
{
	CHECK(fr->cons.read_index < fr->size);
	CHECK(IS_ALIGNED(fr->cons.read_index, VMBUS_PKT_ALIGN));
}

/* Bytes the producer has published past the consumer's cursor @read. */
static u32 published(struct fuzz_ring *fr, u32 read)
{
	u32 write = fr->ctrl->write_index;

	CHECK(write < fr->size && IS_ALIGNED(write, VMBUS_PKT_ALIGN));
	return write >= read ? write - read : fr->size - (read - write);
}

/* Whatever the ring held, a packet handed out must satisfy all of this. */
static void check_pkt(struct fuzz_ring *fr, const struct hv_ring_pkt *pkt,
		      u32 cursor)
{
	CHECK(pkt->len + VMBUS_PKT_TRAILER_SIZE <= published(fr, cursor));
	CHECK(pkt->len == (u32)pkt->desc.len8 * VMBUS_PKT_ALIGN);
	CHECK(pkt->payload_offset == (u32)pkt->desc.offset8 * VMBUS_PKT_ALIGN);
	CHECK(pkt->payload_offset >= sizeof(struct vmbus_pkt_desc));
	CHECK(pkt->payload_offset <= pkt->len);
	CHECK(pkt->len <= fr->max_pkt);
	CHECK(pkt->len + VMBUS_PKT_TRAILER_SIZE < fr->size);
}

static int check_ret(struct fuzz_ring *fr, int ret)
{
	CHECK(ret == 0 || ret == -EAGAIN || ret == -EIO || ret == -ENOBUFS);
	if (ret == -EIO) {
		struct hv_ring_pkt pkt;

		CHECK(fr->cons.broken);
		CHECK(hv_ring_peek(&fr->cons, &pkt) == -EIO);
	}
	check_cursor(fr);
	return ret;
}

static int op_peek(struct fuzz_ring *fr)
{
	struct hv_ring_pkt a, b;
	int ret = check_ret(fr, hv_ring_peek(&fr->cons, &a));

	if (ret)
		return ret;
	check_pkt(fr, &a, fr->cons.read_index);
	/* Nothing changed in between: the same packet again. */
	CHECK(hv_ring_peek(&fr->cons, &b) == 0);
	CHECK(!memcmp(&a, &b, sizeof(a)));
	return 0;
}

static int op_read(struct fuzz_ring *fr, u32 buf_len)
{
	u32 cursor = fr->cons.read_index;
	struct hv_ring_pkt pkt;
	int ret;

	ret = check_ret(fr, hv_ring_read(&fr->cons, fr->buf, buf_len, &pkt));
	if (ret == -ENOBUFS) {
		check_pkt(fr, &pkt, fr->cons.read_index);
		CHECK(pkt.len > buf_len);
		CHECK(fr->cons.read_index == cursor);
	} else if (!ret) {
		check_pkt(fr, &pkt, cursor);
		CHECK(pkt.len <= buf_len);
		CHECK(!memcmp(fr->buf, &pkt.desc, sizeof(pkt.desc)));
		CHECK(fr->cons.read_index ==
		      (cursor + pkt.len + VMBUS_PKT_TRAILER_SIZE) % fr->size);
	}
	return ret;
}

static void op_skip(struct fuzz_ring *fr)
{
	struct hv_ring_pkt pkt;

	if (check_ret(fr, hv_ring_peek(&fr->cons, &pkt)))
		return;
	check_pkt(fr, &pkt, fr->cons.read_index);
	hv_ring_skip(&fr->cons, &pkt);
	check_cursor(fr);
}

static void op_commit(struct fuzz_ring *fr)
{
	hv_ring_read_commit(&fr->cons);
	if (!fr->cons.broken)
		CHECK(fr->ctrl->read_index == fr->cons.read_index);
}

/* A producer attached to the same ring writes one packet. */
static void op_write(struct fuzz_ring *fr, u32 payload)
{
	struct vmbus_pkt_desc desc = {
		.type = VMBUS_PKT_DATA_INBAND,
		.offset8 = 2,
		.len8 = ALIGN(sizeof(desc) + payload, 8) / 8,
	};
	struct kvec iov[2] = {
		{ .iov_base = &desc, .iov_len = sizeof(desc) },
		{ .iov_base = fr->payload, .iov_len = payload },
	};
	struct hv_ring prod;
	bool signal;
	int ret;

	if (hv_ring_init(&prod, fr->mem, fr->total, fr->max_pkt))
		return;
	ret = hv_ring_write(&prod, iov, 2, &signal);
	CHECK(ret == 0 || ret == -EAGAIN || ret == -EMSGSIZE || ret == -EIO);
	CHECK(prod.write_index < fr->size);
	CHECK(IS_ALIGNED(prod.write_index, VMBUS_PKT_ALIGN));
	if (ret)
		CHECK(!signal);
}

static void run_op(struct fuzz_ring *fr, u8 op)
{
	u32 arg = op >> 3;

	switch (op & 7) {
	case 0:
		op_peek(fr);
		break;
	case 1:
		op_read(fr, arg * 64);
		break;
	case 2:
		op_read(fr, fr->max_pkt);
		break;
	case 3:
		op_skip(fr);
		break;
	case 4:
		op_commit(fr);
		break;
	case 5:
		/* The host moves its write index anywhere, aligned or not. */
		WRITE_ONCE(fr->ctrl->write_index, arg * 132);
		break;
	case 6:
		if (arg & 1)
			hv_ring_mask_interrupts(&fr->cons);
		else
			hv_ring_unmask_interrupts(&fr->cons);
		break;
	default:
		op_write(fr, arg * 40);
		break;
	}
}

static void fuzz_ring_run(const u8 *in, size_t len)
{
	struct fuzz_ring fr = { 0 };
	unsigned int i, rounds;

	if (len < FUZZ_HDR_SIZE)
		return;
	fr.total = (1 + 1 + in[20] % FUZZ_MAX_PAGES) * HV_PAGE_SIZE;
	fr.size = fr.total - HV_PAGE_SIZE;
	fr.max_pkt = min(16 + in[21] * 64U, fr.size - 16);
	fr.mem = calloc(1, fr.total);
	fr.buf = malloc(fr.max_pkt);
	fr.payload = calloc(1, fr.max_pkt);
	CHECK(fr.mem && fr.buf && fr.payload);
	fr.ctrl = (struct vmbus_ring_control *)fr.mem;
	fr.ctrl->write_index = get_u32(in);
	fr.ctrl->read_index = get_u32(in + 4);
	fr.ctrl->interrupt_mask = get_u32(in + 8);
	fr.ctrl->pending_send_size = get_u32(in + 12);
	fr.ctrl->feature_bits = get_u32(in + 16);
	memcpy(fr.mem + HV_PAGE_SIZE, in + FUZZ_HDR_SIZE,
	       min(len - FUZZ_HDR_SIZE, (size_t)fr.size));

	if (hv_ring_init(&fr.cons, fr.mem, fr.total, fr.max_pkt)) {
		CHECK(fr.cons.broken || fr.ctrl->write_index >= fr.size ||
		      fr.ctrl->read_index >= fr.size ||
		      !IS_ALIGNED(fr.ctrl->write_index, 8) ||
		      !IS_ALIGNED(fr.ctrl->read_index, 8));
		goto out;
	}
	for (i = 0; i < FUZZ_OPS; i++)
		run_op(&fr, in[22 + i]);
	/* Drain: every packet is at least 24 bytes, so this is bounded. */
	rounds = fr.size / 24 + 2;
	for (i = 0; i < rounds; i++) {
		if (op_read(&fr, fr.max_pkt))
			break;
		if (i % 4 == 3)
			op_commit(&fr);
	}
	CHECK(i < rounds);
	op_commit(&fr);
out:
	free(fr.payload);
	free(fr.buf);
	free(fr.mem);
}

int HV_FUZZ_ENTRY(const u8 *data, size_t size)
{
	fuzz_ring_run(data, size);
	return 0;
}

#ifdef HV_FUZZ_SEEDS
/* Write a seed corpus: rings built by the ring code itself, then spoiled. */
struct seed {
	const char *name;
	u8 pages_sel;
	u8 max_sel;
	u8 ops[FUZZ_OPS];
	u32 packets;		/* packets written first */
	u32 consumed;		/* of which read and committed */
	u32 payload_step;	/* payload of packet i: i * step % 1500 */
	int spoil;		/* 0, or which corruption */
};

enum {
	SPOIL_NONE,
	SPOIL_LEN,
	SPOIL_OFFSET,
	SPOIL_WRITE,
	SPOIL_READ,
	SPOIL_PENDING,
};

static const struct seed seeds[] = {
	{ "empty", 0, 16, { 0, 2, 7 | 3 << 3, 2, 4 } },
	{ "three", 0, 32, { 0, 1 | 1 << 3, 2, 3, 4, 6 }, 3, 0, 100 },
	{ "wrap", 1, 40, { 2, 2, 2, 4, 7 | 30 << 3, 2 }, 12, 7, 700 },
	{ "full", 0, 63, { 7 | 31 << 3, 4, 2, 4 }, 40, 0, 80 },
	{ "bad-len", 0, 32, { 2, 2 }, 3, 0, 100, SPOIL_LEN },
	{ "bad-offset", 0, 32, { 0, 2 }, 2, 0, 50, SPOIL_OFFSET },
	{ "bad-write", 2, 32, { 2, 5 | 7 << 3, 2 }, 4, 1, 300, SPOIL_WRITE },
	{ "bad-read", 0, 32, { 7, 2, 4 }, 2, 0, 10, SPOIL_READ },
	{ "pending", 1, 80, { 2, 2, 4, 2, 4 }, 10, 0, 600, SPOIL_PENDING },
	{ "masked", 3, 255, { 6 | 1 << 3, 7 | 9 << 3, 6, 2, 4, 1 }, 5, 2,
	  1400 },
};

static void seed_build(const struct seed *s, const char *dir)
{
	u32 total = (2 + s->pages_sel % FUZZ_MAX_PAGES) * HV_PAGE_SIZE;
	u32 size = total - HV_PAGE_SIZE;
	u32 max_pkt = min(16 + s->max_sel * 64U, size - 16);
	u8 *mem = calloc(1, total), *payload = calloc(1, max_pkt);
	u8 *buf = malloc(max_pkt);
	struct vmbus_ring_control *ctrl = (void *)mem;
	struct hv_ring prod, cons;
	struct hv_ring_pkt pkt;
	char path[4096];
	u8 hdr[FUZZ_HDR_SIZE];
	u32 i, end;
	FILE *f;

	CHECK(mem && payload && buf);
	CHECK(!hv_ring_init(&prod, mem, total, max_pkt));
	hv_ring_init_shared(&prod);
	CHECK(!hv_ring_init(&cons, mem, total, max_pkt));
	for (i = 0; i < s->packets; i++) {
		u32 plen = min(i * s->payload_step % 1500, max_pkt - 16);
		struct vmbus_pkt_desc desc = {
			.type = VMBUS_PKT_DATA_INBAND,
			.offset8 = 2,
			.len8 = ALIGN(16 + plen, 8) / 8,
			.trans_id = i,
		};
		struct kvec iov[2] = {
			{ .iov_base = &desc, .iov_len = sizeof(desc) },
			{ .iov_base = payload, .iov_len = plen },
		};
		bool signal;

		memset(payload, i + 1, plen);
		if (hv_ring_write(&prod, iov, 2, &signal))
			break;
		if (i < s->consumed) {
			CHECK(!hv_ring_read(&cons, buf, max_pkt, &pkt));
			hv_ring_read_commit(&cons);
		}
	}
	switch (s->spoil) {
	case SPOIL_LEN:
		mem[HV_PAGE_SIZE + ctrl->read_index + 4] = 0xff;
		break;
	case SPOIL_OFFSET:
		mem[HV_PAGE_SIZE + ctrl->read_index + 2] = 1;
		break;
	case SPOIL_WRITE:
		ctrl->write_index += 4;
		break;
	case SPOIL_READ:
		ctrl->read_index = size;
		break;
	case SPOIL_PENDING:
		ctrl->pending_send_size = size / 2;
		break;
	}
	memcpy(hdr, ctrl, 16);
	memcpy(hdr + 16, &ctrl->feature_bits, 4);
	hdr[20] = s->pages_sel;
	hdr[21] = s->max_sel;
	memcpy(hdr + 22, s->ops, FUZZ_OPS);
	/* Data up to its last non-zero byte. */
	for (end = size; end && !mem[HV_PAGE_SIZE + end - 1]; end--)
		;
	snprintf(path, sizeof(path), "%s/%s", dir, s->name);
	f = fopen(path, "wb");
	CHECK(f);
	CHECK(fwrite(hdr, 1, sizeof(hdr), f) == sizeof(hdr));
	CHECK(fwrite(mem + HV_PAGE_SIZE, 1, end, f) == end);
	fclose(f);
	free(buf);
	free(payload);
	free(mem);
}

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(seeds); i++)
		seed_build(&seeds[i], argv[1]);
	printf("%zu seeds in %s\n", ARRAY_SIZE(seeds), argv[1]);
	return 0;
}
#endif /* HV_FUZZ_SEEDS */
