// SPDX-License-Identifier: GPL-2.0
/*
 * User-space benchmark of drivers/hv/vmbus/ring.c: packets of 64 B to
 * 64 KiB through one ring, against plain memcpy() of the same bytes.
 * Run it through tests/bench/ring-bench, which builds it and prints the
 * machine and the command.
 *
 * Modes:
 *   1thr     one thread writes a packet, reads it back and commits
 *   2thr     a producer and a consumer thread on their own CPUs, polling
 *            (no signals), the consumer committing every 8 packets
 *   memcpy   the copies a ring must do at least: the payload into a
 *            buffer as large as the ring's data area, at the same offsets,
 *            and back out; one thread
 *
 * Throughput counts payload bytes only (MB = 10^6 bytes); each figure is
 * the best of several runs (default 5) of a few hundred milliseconds
 * (default 300): "ring-bench [ms [runs]]". ratio = ring throughput /
 * memcpy throughput for the same payload size. The 2thr figures need both
 * CPUs to themselves: other load on the machine lowers them many times.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <hv/ring.h>

#define RING_DATA	(1024 * 1024)
#define RING_TOTAL	(RING_DATA + HV_PAGE_SIZE)
#define MAX_PAYLOAD	(64 * 1024)
#define MAX_PKT		(MAX_PAYLOAD + 64)
#define DESC_SIZE	((u32)sizeof(struct vmbus_pkt_desc))

static unsigned int run_ms = 300;
static unsigned int repeat = 5;

struct result {
	double seconds;
	unsigned long packets;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Spin politely: the other CPU owns the cache line we poll. */
static void cpu_relax(void)
{
#if __has_builtin(__builtin_ia32_pause)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield" : : : "memory");
#endif
}

static void die(const char *what)
{
	fprintf(stderr, "ring-bench: %s\n", what);
	exit(1);
}

struct bench {
	u8 *mem;
	u32 payload;
	u8 *src;
	u8 *dst;
	bool stop;
	unsigned long produced;
	unsigned long consumed;
	int cpu;
};

static void bench_ring_init(struct bench *b)
{
	struct hv_ring ring;

	memset(b->mem, 0, HV_PAGE_SIZE);
	if (hv_ring_init(&ring, b->mem, RING_TOTAL, MAX_PKT))
		die("hv_ring_init");
	hv_ring_init_shared(&ring);
}

static int send_one(struct hv_ring *ring, struct bench *b, u64 seq)
{
	struct vmbus_pkt_desc desc = {
		.type = VMBUS_PKT_DATA_INBAND,
		.offset8 = DESC_SIZE / 8,
		.len8 = ALIGN(DESC_SIZE + b->payload, 8) / 8,
		.trans_id = seq,
	};
	struct kvec iov[2] = {
		{ .iov_base = &desc, .iov_len = sizeof(desc) },
		{ .iov_base = b->src, .iov_len = b->payload },
	};
	bool signal;

	return hv_ring_write(ring, iov, 2, &signal);
}

static int recv_one(struct hv_ring *ring, struct bench *b, u64 seq)
{
	struct hv_ring_pkt pkt;
	int ret = hv_ring_read(ring, b->dst, MAX_PKT, &pkt);

	if (!ret && (pkt.desc.trans_id != seq ||
		     pkt.len != ALIGN(DESC_SIZE + b->payload, 8)))
		die("wrong packet");
	return ret;
}

static struct result run_1thr(struct bench *b)
{
	struct hv_ring prod, cons;
	struct result r = { 0 };
	double start = now(), end = start + run_ms / 1000.0;
	unsigned long n;

	bench_ring_init(b);
	if (hv_ring_init(&prod, b->mem, RING_TOTAL, MAX_PKT) ||
	    hv_ring_init(&cons, b->mem, RING_TOTAL, MAX_PKT))
		die("hv_ring_init");
	for (n = 0; ; n++) {
		if (send_one(&prod, b, n) || recv_one(&cons, b, n))
			die("1thr: ring refused a packet");
		hv_ring_read_commit(&cons);
		if ((n & 255) == 255 && now() >= end)
			break;
	}
	r.packets = n + 1;
	r.seconds = now() - start;
	return r;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

static void *producer(void *arg)
{
	struct bench *b = arg;
	struct hv_ring ring;
	u64 n = 0;

	pin(0);
	if (hv_ring_init(&ring, b->mem, RING_TOTAL, MAX_PKT))
		die("hv_ring_init");
	while (!__atomic_load_n(&b->stop, __ATOMIC_RELAXED)) {
		int ret = send_one(&ring, b, n);

		if (!ret)
			n++;
		else if (ret == -EAGAIN)
			cpu_relax();
		else
			die("2thr: write failed");
	}
	__atomic_store_n(&b->produced, n, __ATOMIC_RELEASE);
	return NULL;
}

static void *consumer(void *arg)
{
	struct bench *b = arg;
	struct hv_ring ring;
	u64 n = 0;

	pin(b->cpu);
	if (hv_ring_init(&ring, b->mem, RING_TOTAL, MAX_PKT))
		die("hv_ring_init");
	for (;;) {
		int ret = recv_one(&ring, b, n);

		if (!ret) {
			n++;
			if ((n & 7) == 0)
				hv_ring_read_commit(&ring);
			continue;
		}
		if (ret != -EAGAIN)
			die("2thr: read failed");
		hv_ring_read_commit(&ring);
		cpu_relax();
		if (__atomic_load_n(&b->produced, __ATOMIC_ACQUIRE) == n &&
		    __atomic_load_n(&b->stop, __ATOMIC_RELAXED))
			break;
	}
	b->consumed = n;
	return NULL;
}

static struct result run_2thr(struct bench *b)
{
	struct timespec run = {
		.tv_sec = run_ms / 1000,
		.tv_nsec = run_ms % 1000 * 1000000L,
	};
	struct result r = { 0 };
	pthread_t p, c;
	double start;

	bench_ring_init(b);
	b->stop = false;
	b->produced = ~0UL;
	b->cpu = sysconf(_SC_NPROCESSORS_ONLN) > 1;
	start = now();
	pthread_create(&c, NULL, consumer, b);
	pthread_create(&p, NULL, producer, b);
	while (nanosleep(&run, &run))
		;
	__atomic_store_n(&b->stop, true, __ATOMIC_RELAXED);
	pthread_join(p, NULL);
	pthread_join(c, NULL);
	r.seconds = now() - start;
	r.packets = b->consumed;
	return r;
}

/* The same copies without a ring: in at the ring's offsets, and out. */
static struct result run_memcpy(struct bench *b)
{
	u32 step = ALIGN(DESC_SIZE + b->payload, 8) + 8, at = 0;
	u8 *area = b->mem + HV_PAGE_SIZE;
	struct result r = { 0 };
	double start = now(), end = start + run_ms / 1000.0;
	unsigned long n;

	for (n = 0; ; n++) {
		if (at + step > RING_DATA)
			at = 0;
		memcpy(area + at + DESC_SIZE, b->src, b->payload);
		__asm__ volatile("" : : "r"(area) : "memory");
		memcpy(b->dst + DESC_SIZE, area + at + DESC_SIZE, b->payload);
		__asm__ volatile("" : : "r"(b->dst) : "memory");
		at += step;
		if ((n & 255) == 255 && now() >= end)
			break;
	}
	r.packets = n + 1;
	r.seconds = now() - start;
	return r;
}

static struct result best_of(struct result (*fn)(struct bench *),
			     struct bench *b)
{
	struct result best = { 0 };
	unsigned int i;

	for (i = 0; i < repeat; i++) {
		struct result r = fn(b);

		if (!best.seconds ||
		    r.packets / r.seconds > best.packets / best.seconds)
			best = r;
	}
	return best;
}

static double mbps(struct result r, u32 payload)
{
	return r.packets * (double)payload / r.seconds / 1e6;
}

static double kpps(struct result r)
{
	return r.packets / r.seconds / 1e3;
}

int main(int argc, char **argv)
{
	static const u32 sizes[] = { 64, 256, 1024, 4096, 16384, 65536 };
	struct bench b = { 0 };
	unsigned int i;

	if (argc > 1)
		run_ms = atoi(argv[1]);
	if (argc > 2)
		repeat = atoi(argv[2]);
	if (!run_ms || !repeat)
		die("usage: ring-bench [milliseconds per run [runs]]");
	b.mem = aligned_alloc(HV_PAGE_SIZE, RING_TOTAL);
	b.src = aligned_alloc(64, MAX_PKT);
	b.dst = aligned_alloc(64, MAX_PKT);
	if (!b.mem || !b.src || !b.dst)
		die("out of memory");
	memset(b.mem, 0, RING_TOTAL);
	memset(b.src, 0x5a, MAX_PKT);
	memset(b.dst, 0, MAX_PKT);

	printf("# ring data area %u KiB; best of %u runs of %u ms; MB = 10^6 bytes of payload\n",
	       RING_DATA / 1024, repeat, run_ms);
	printf("%-7s | %9s %9s | %9s %9s | %9s %9s | %6s %6s\n", "payload",
	       "1thr MB/s", "kpkt/s", "2thr MB/s", "kpkt/s", "memcpy", "kpkt/s",
	       "1thr", "2thr");
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct result one, two, mem;

		b.payload = sizes[i];
		one = best_of(run_1thr, &b);
		two = best_of(run_2thr, &b);
		mem = best_of(run_memcpy, &b);
		printf("%-7u | %9.0f %9.0f | %9.0f %9.0f | %9.0f %9.0f | %6.2f %6.2f\n",
		       sizes[i], mbps(one, sizes[i]), kpps(one),
		       mbps(two, sizes[i]), kpps(two), mbps(mem, sizes[i]),
		       kpps(mem), mbps(one, sizes[i]) / mbps(mem, sizes[i]),
		       mbps(two, sizes[i]) / mbps(mem, sizes[i]));
	}
	printf("# ratio columns: ring MB/s / memcpy MB/s\n");
	free(b.mem);
	free(b.src);
	free(b.dst);
	return 0;
}
