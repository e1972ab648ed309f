// SPDX-License-Identifier: GPL-2.0
/*
 * drivers/hv/vmbus/ring.c in user space, under ASan and UBSan: the KUnit
 * suite hv_ring (tests/kunit/ring_kunit.c, through kunit_shim.h), then
 * what KUnit cannot easily do, with real threads:
 *
 * - stream: a producer and a consumer thread move packets through one
 *   ring, waking each other only as the ring's signal rules say
 *   (empty-to-non-empty with interrupts unmasked, pending_send_size on
 *   commit). A lost wakeup shows as a timeout; every packet is checked.
 * - toctou: a thread keeps rewriting the descriptor the consumer reads;
 *   every successful read must hand out a validated descriptor, whatever
 *   the ring holds by the time the packet is copied.
 */
#include <pthread.h>
#include <semaphore.h>
#include <time.h>
#include "kunit_shim.h"
#include "../kunit/ring_kunit.c"

#define STREAM_PACKETS		200000
#define STREAM_PAGES		5
#define STREAM_MAX_PKT		4096
#define WAKEUP_TIMEOUT_S	10

static int failures;

static bool check_ok(bool ok, const char *what, int line)
{
	if (!ok) {
		fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, line, what);
		failures++;
	}
	return ok;
}

/* True when @cond holds; counts a failure otherwise. */
#define CHECK(cond)	check_ok(!!(cond), #cond, __LINE__)

struct stream {
	u8 *mem;
	u32 total;
	sem_t wake_producer;
	sem_t wake_consumer;
	unsigned long producer_waits;
	unsigned long consumer_waits;
	unsigned long signals_to_consumer;
	unsigned long signals_to_producer;
};

static u32 stream_len(u32 seq)
{
	return (seq * 2654435761u >> 7) % 3000;
}

static bool wait_for(sem_t *sem)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += WAKEUP_TIMEOUT_S;
	while (sem_timedwait(sem, &ts)) {
		if (errno != EINTR)
			return false;
	}
	return true;
}

static void *stream_producer(void *arg)
{
	struct stream *st = arg;
	static u8 payload[STREAM_MAX_PKT];
	struct hv_ring ring;
	u32 seq, i;

	if (!CHECK(!hv_ring_init(&ring, st->mem, st->total, STREAM_MAX_PKT)))
		return NULL;
	for (seq = 0; seq < STREAM_PACKETS; seq++) {
		u32 len = stream_len(seq);
		struct vmbus_pkt_desc desc = {
			.type = VMBUS_PKT_DATA_INBAND,
			.offset8 = OFFSET8,
			.len8 = ALIGN(DESC_SIZE + len, 8) / 8,
			.trans_id = seq,
		};
		struct kvec iov[2] = {
			{ .iov_base = &desc, .iov_len = sizeof(desc) },
			{ .iov_base = payload, .iov_len = len },
		};
		bool signal;
		int ret;

		for (i = 0; i < len; i++)
			payload[i] = pattern(seq, i);
		for (i = 0; i < 1000; i++) {
			ret = hv_ring_write(&ring, iov, 2, &signal);
			if (ret != -EAGAIN)
				break;
			/* Ask for a signal, then look again before sleeping. */
			hv_ring_set_pending_send(&ring, PKT_TOTAL(len));
			ret = hv_ring_write(&ring, iov, 2, &signal);
			if (ret != -EAGAIN)
				break;
			st->producer_waits++;
			if (!CHECK(wait_for(&st->wake_producer)))
				return NULL;
		}
		hv_ring_set_pending_send(&ring, 0);
		if (!CHECK(ret == 0))
			return NULL;
		if (signal) {
			st->signals_to_consumer++;
			sem_post(&st->wake_consumer);
		}
	}
	return NULL;
}

static void *stream_consumer(void *arg)
{
	struct stream *st = arg;
	static u8 buf[STREAM_MAX_PKT];
	struct hv_ring ring;
	struct hv_ring_pkt pkt;
	u32 seq = 0, i;

	if (!CHECK(!hv_ring_init(&ring, st->mem, st->total, STREAM_MAX_PKT)))
		return NULL;
	hv_ring_mask_interrupts(&ring);
	while (seq < STREAM_PACKETS) {
		int ret = hv_ring_read(&ring, buf, sizeof(buf), &pkt);

		if (ret == -EAGAIN) {
			if (hv_ring_read_commit(&ring)) {
				st->signals_to_producer++;
				sem_post(&st->wake_producer);
			}
			/* Idle: unmask, look once more, then sleep. */
			if (hv_ring_unmask_interrupts(&ring)) {
				hv_ring_mask_interrupts(&ring);
				continue;
			}
			st->consumer_waits++;
			if (!CHECK(wait_for(&st->wake_consumer)))
				return NULL;
			hv_ring_mask_interrupts(&ring);
			continue;
		}
		if (!CHECK(ret == 0))
			return NULL;
		if (!CHECK(pkt.desc.trans_id == seq))
			return NULL;
		if (!CHECK(pkt.len == ALIGN(DESC_SIZE + stream_len(seq), 8)))
			return NULL;
		for (i = 0; i < stream_len(seq); i++)
			if (!CHECK(buf[DESC_SIZE + i] == pattern(seq, i)))
				return NULL;
		seq++;
		/* Commit in batches, as a driver's callback does. */
		if (seq % 8 == 0 && hv_ring_read_commit(&ring)) {
			st->signals_to_producer++;
			sem_post(&st->wake_producer);
		}
	}
	return NULL;
}

static void test_stream(void)
{
	struct stream st = { .total = STREAM_PAGES * HV_PAGE_SIZE };
	int before = failures;
	struct hv_ring ring;
	pthread_t prod, cons;

	st.mem = calloc(1, st.total);
	if (!st.mem || hv_ring_init(&ring, st.mem, st.total, STREAM_MAX_PKT)) {
		failures++;
		return;
	}
	hv_ring_init_shared(&ring);
	sem_init(&st.wake_producer, 0, 0);
	sem_init(&st.wake_consumer, 0, 0);
	pthread_create(&cons, NULL, stream_consumer, &st);
	pthread_create(&prod, NULL, stream_producer, &st);
	pthread_join(prod, NULL);
	pthread_join(cons, NULL);
	printf("%sok - stream: %d packets; slept: producer %lu, consumer %lu\n",
	       failures != before ? "not " : "", STREAM_PACKETS,
	       st.producer_waits, st.consumer_waits);
	printf("    signals: %lu to the consumer, %lu to the producer\n",
	       st.signals_to_consumer, st.signals_to_producer);
	sem_destroy(&st.wake_producer);
	sem_destroy(&st.wake_consumer);
	free(st.mem);
}

#define TOCTOU_ROUNDS		200000
/*
 * On a loaded machine the flipper may not run at all during the first
 * rounds; read on until both outcomes were seen, up to this many reads.
 */
#define TOCTOU_MAX_ROUNDS	(100 * TOCTOU_ROUNDS)
#define TOCTOU_MAX_PKT		256

struct toctou {
	u8 *mem;
	bool stop;
};

/* Keep rewriting the descriptor at offset 0, good and bad in turn. */
static void *toctou_flipper(void *arg)
{
	static const u16 lens[] = { 3, 0xffff, 2, 1, 32, 33, 0 };
	struct toctou *tt = arg;
	/* The descriptor's u16 words: type, offset8, len8, flags. */
	u16 *words = (u16 *)(tt->mem + HV_PAGE_SIZE);
	unsigned int i = 0;

	while (!__atomic_load_n(&tt->stop, __ATOMIC_RELAXED)) {
		__atomic_store_n(&words[2], lens[i % ARRAY_SIZE(lens)],
				 __ATOMIC_RELAXED);
		__atomic_store_n(&words[1], (u16)(i % 5), __ATOMIC_RELAXED);
		i++;
	}
	return NULL;
}

static void test_toctou(void)
{
	struct toctou tt = { .mem = calloc(1, 2 * HV_PAGE_SIZE) };
	u8 *buf = malloc(TOCTOU_MAX_PKT);
	unsigned long ok = 0, eio = 0, bad = 0;
	struct hv_ring prod, cons;
	struct hv_ring_pkt pkt;
	pthread_t flipper;
	unsigned int i;

	if (!tt.mem || !buf ||
	    hv_ring_init(&prod, tt.mem, 2 * HV_PAGE_SIZE, TOCTOU_MAX_PKT)) {
		failures++;
		return;
	}
	hv_ring_init_shared(&prod);
	/* 512 bytes published; descriptors claim anything from 0 up. */
	__atomic_store_n(&((struct vmbus_ring_control *)tt.mem)->write_index,
			 512, __ATOMIC_RELEASE);
	pthread_create(&flipper, NULL, toctou_flipper, &tt);
	for (i = 0; i < TOCTOU_ROUNDS ||
	     ((!ok || !eio) && i < TOCTOU_MAX_ROUNDS); i++) {
		int ret;

		if (hv_ring_init(&cons, tt.mem, 2 * HV_PAGE_SIZE,
				 TOCTOU_MAX_PKT)) {
			bad++;
			break;
		}
		ret = hv_ring_read(&cons, buf, TOCTOU_MAX_PKT, &pkt);
		if (ret == -EIO) {
			eio++;
			continue;
		}
		if (ret || memcmp(buf, &pkt.desc, DESC_SIZE) ||
		    pkt.len != (u32)pkt.desc.len8 * 8 ||
		    pkt.payload_offset != (u32)pkt.desc.offset8 * 8 ||
		    pkt.payload_offset < DESC_SIZE ||
		    pkt.payload_offset > pkt.len || pkt.len > TOCTOU_MAX_PKT ||
		    cons.read_index != pkt.len + TRAILER)
			bad++;
		else
			ok++;
	}
	__atomic_store_n(&tt.stop, true, __ATOMIC_RELAXED);
	pthread_join(flipper, NULL);
	if (bad || !ok || !eio)
		failures++;
	printf("%sok - toctou: %u reads, %lu good, %lu refused, %lu wrong\n",
	       bad || !ok || !eio ? "not " : "", i, ok, eio, bad);
	free(buf);
	free(tt.mem);
}

/*
 * len8 is 16 bits: in a ring whose max_pkt is larger, a packet longer than
 * 65535 * 8 bytes cannot be described and must be refused.
 */
static void test_len8_limit(void)
{
	const u32 total = 130 * HV_PAGE_SIZE, max_pkt = total - 4096 - 16;
	const u32 limit = 0xffff * 8;
	u8 *mem = calloc(1, total), *payload = calloc(1, limit), *buf;
	struct hv_ring prod, cons;
	struct hv_ring_pkt pkt;
	struct vmbus_pkt_desc desc = {
		.type = VMBUS_PKT_DATA_INBAND,
		.offset8 = OFFSET8,
		.len8 = 0xffff,
	};
	struct kvec iov[2] = {
		{ .iov_base = &desc, .iov_len = sizeof(desc) },
		{ .iov_base = payload, .iov_len = limit - DESC_SIZE + 1 },
	};
	bool signal, ok;

	buf = malloc(max_pkt);
	ok = mem && payload && buf &&
	     !hv_ring_init(&prod, mem, total, max_pkt);
	if (ok) {
		hv_ring_init_shared(&prod);
		ok = !hv_ring_init(&cons, mem, total, max_pkt) &&
		     hv_ring_write(&prod, iov, 2, &signal) == -EMSGSIZE;
		iov[1].iov_len = limit - DESC_SIZE;
		ok = ok && hv_ring_write(&prod, iov, 2, &signal) == 0 &&
		     hv_ring_read(&cons, buf, max_pkt, &pkt) == 0 &&
		     pkt.len == limit;
	}
	if (!ok)
		failures++;
	printf("%sok - len8 limit: %u-byte packets, not %u\n",
	       ok ? "" : "not ", limit, limit + 8);
	free(buf);
	free(payload);
	free(mem);
}

int main(void)
{
	struct kunit_suite *const *s;

	for (s = kunit_shim_suites; *s; s++)
		failures += kunit_shim_run(*s);
	test_len8_limit();
	test_stream();
	test_toctou();
	if (failures) {
		printf("FAIL: %d failures\n", failures);
		return 1;
	}
	printf("PASS\n");
	return 0;
}
