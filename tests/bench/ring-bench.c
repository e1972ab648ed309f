// SPDX-License-Identifier: GPL-2.0
/*
 * Side-by-side benchmark of two VMBus rings in one process: hvguest's
 * drivers/hv/vmbus/ring.c (ring-bench-hvg.c) and upstream Linux 6.12's
 * drivers/hv/ring_buffer.c (ring-bench-upstream.c), each driven the way
 * its own channel layer and drivers drive it. Run it through
 * tests/bench/ring-bench, which builds it and prints the machine, the
 * load and the command; Documentation/ring-buffer.rst explains the
 * modes and why the comparison is fair.
 *
 *   ring-bench [ms [runs]]     wall clock, every payload of 64 B to 64 KiB:
 *     1thr  one thread sends a packet, then drains the ring (reads the
 *           packet back, finds the ring empty, commits)
 *     2thr  a producer thread and a consumer thread pinned to CPUs 0 and
 *           1; the consumer polls until packets wait, then drains them
 *           as one batch, committing every 8 packets and at the end
 *   Each run lasts ms milliseconds (default 100); the sides alternate,
 *   runs times each (default 15: on a loaded machine, many short runs
 *   catch the undisturbed speed more often); printed: ns per packet,
 *   median and best, per side, and hvguest's speed relative to
 *   upstream's (upstream ns / hvguest ns: above 1 is hvguest faster).
 *
 *   ring-bench --callgrind     1thr only, a fixed number of packets per
 *   side and payload, for valgrind --tool=callgrind
 *   --collect-atstart=no: each side's loop is collected and dumped on its
 *   own ("<side> <payload> <packets>"), so instructions per packet are
 *   the dump's totals divided by the packets.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>
#include "ring-bench.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_RUNS	99
#define COMMIT_EVERY	8

static const u32 sizes[] = { 64, 256, 1024, 4096, 16384, 65536 };
static const struct bench_side *const sides[] = {
	&bench_hvguest, &bench_upstream,
};

static unsigned int run_ms = 100;
static unsigned int runs = 15;
static u8 *payload;

unsigned long bench_signals;

void bench_die(const char *what)
{
	fprintf(stderr, "ring-bench: %s\n", what);
	exit(1);
}

int bench_memfd(u32 size)
{
	int fd = memfd_create("ring-bench", 0);

	if (fd < 0 || ftruncate(fd, size))
		bench_die("memfd");
	return fd;
}

/* Consecutive runs of pages become one mmap() each, prefaulted. */
void *bench_map_pages(int fd, const u32 *page_offsets, u32 count)
{
	long page = sysconf(_SC_PAGESIZE);
	u8 *base;
	u32 i, run;

	if (page != 4096)
		bench_die("needs 4 KiB pages");
	base = mmap(NULL, (size_t)count * page, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		bench_die("mmap");
	for (i = 0; i < count; i += run) {
		for (run = 1; i + run < count &&
		     page_offsets[i + run] == page_offsets[i] + run; run++)
			;
		if (mmap(base + (size_t)i * page, (size_t)run * page,
			 PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_FIXED | MAP_POPULATE, fd,
			 (off_t)page_offsets[i] * page) == MAP_FAILED)
			bench_die("mmap of the ring's pages");
	}
	return base;
}

void bench_unmap(void *addr, u32 count)
{
	munmap(addr, (size_t)count * 4096);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void cpu_relax(void)
{
#if __has_builtin(__builtin_ia32_pause)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield" : : : "memory");
#endif
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

/* One packet through the ring in one thread; dies if it does not pass. */
static void one_packet(const struct bench_side *s, void *ctx, u32 len,
		       u64 *sent,
		       u64 *received)
{
	if (s->send(ctx, payload, len, (*sent)++) ||
	    s->drain(ctx, len, received, 0) != 1)
		bench_die("1thr: the ring refused a packet or lost it");
}

/* ns per packet over run_ms in one thread. */
static double run_1thr(const struct bench_side *s, void *ctx, u32 len)
{
	u64 sent = 0, received = 0;
	double start, end;

	s->reset(ctx);
	start = now();
	end = start + run_ms / 1e3;
	do {
		for (int i = 0; i < 256; i++)
			one_packet(s, ctx, len, &sent, &received);
	} while (now() < end);
	return (now() - start) * 1e9 / sent;
}

struct two_threads {
	const struct bench_side *side;
	void *ctx;
	u32 len;
	bool stop;
	u64 produced;
	u64 consumed;
};

static void *producer(void *arg)
{
	struct two_threads *t = arg;
	u64 n = 0;

	pin(0);
	while (!__atomic_load_n(&t->stop, __ATOMIC_RELAXED)) {
		int ret = t->side->send(t->ctx, payload, t->len, n);

		if (!ret)
			n++;
		else if (ret == -EAGAIN)
			cpu_relax();
		else
			bench_die("2thr: send failed");
	}
	__atomic_store_n(&t->produced, n, __ATOMIC_RELEASE);
	return NULL;
}

static void *consumer(void *arg)
{
	struct two_threads *t = arg;
	u64 n = 0;

	pin(1);
	for (;;) {
		/* A batch starts when packets wait, as on a signal. */
		if (t->side->ready(t->ctx)) {
			t->side->drain(t->ctx, t->len, &n, COMMIT_EVERY);
			continue;
		}
		cpu_relax();
		if (__atomic_load_n(&t->produced, __ATOMIC_ACQUIRE) == n &&
		    !t->side->ready(t->ctx))
			break;
	}
	t->consumed = n;
	return NULL;
}

/* ns per packet over run_ms, producer and consumer on their own CPUs. */
static double run_2thr(const struct bench_side *s, void *ctx, u32 len)
{
	struct timespec run = {
		.tv_sec = run_ms / 1000,
		.tv_nsec = run_ms % 1000 * 1000000L,
	};
	struct two_threads t = {
		.side = s, .ctx = ctx, .len = len, .produced = ULLONG_MAX,
	};
	pthread_t p, c;
	double start;

	s->reset(ctx);
	start = now();
	if (pthread_create(&c, NULL, consumer, &t) ||
	    pthread_create(&p, NULL, producer, &t))
		bench_die("pthread_create");
	while (nanosleep(&run, &run))
		;
	__atomic_store_n(&t.stop, true, __ATOMIC_RELAXED);
	pthread_join(p, NULL);
	pthread_join(c, NULL);
	return (now() - start) * 1e9 / t.consumed;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void print_load(void)
{
	char line[128];
	FILE *f = fopen("/proc/loadavg", "r");

	if (!f || !fgets(line, sizeof(line), f))
		snprintf(line, sizeof(line), "?\n");
	if (f)
		fclose(f);
	printf("# load (/proc/loadavg): %s", line);
}

static void table(const char *mode,
		  double (*run)(const struct bench_side *s, void *ctx, u32 len),
		  void *ctx[])
{
	printf("# %s: ns per packet, median and best of %u runs of %u ms\n",
	       mode, runs, run_ms);
	print_load();
	printf("%-7s | %8s %8s | %8s %8s | %6s %6s\n", "payload",
	       "hvg med", "best", "up med", "best", "ratio", "best");
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		double ns[ARRAY_SIZE(sides)][MAX_RUNS], med[2], best[2];

		for (unsigned int r = 0; r < runs; r++) {
			/* Alternate who goes first: load drifts. */
			for (size_t k = 0; k < ARRAY_SIZE(sides); k++) {
				size_t j = (k + r) % ARRAY_SIZE(sides);

				ns[j][r] = run(sides[j], ctx[j], sizes[i]);
			}
		}
		for (size_t j = 0; j < ARRAY_SIZE(sides); j++) {
			qsort(ns[j], runs, sizeof(double), cmp_double);
			med[j] = runs % 2 ? ns[j][runs / 2] :
				 (ns[j][runs / 2 - 1] + ns[j][runs / 2]) / 2;
			best[j] = ns[j][0];
		}
		printf("%-7u | %8.1f %8.1f | %8.1f %8.1f | %6.2f %6.2f\n",
		       sizes[i], med[0], best[0], med[1], best[1],
		       med[1] / med[0], best[1] / best[0]);
	}
	print_load();
}

/* Packets per collected loop: about 16 MiB of payload, at least 256. */
static u64 callgrind_packets(u32 len)
{
	u64 n = (16u << 20) / len;

	return n < 256 ? 256 : n > 50000 ? 50000 : n;
}

static void callgrind(void *ctx[])
{
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(sides); j++) {
			u64 sent = 0, received = 0, count, end;
			char name[64];

			sides[j]->reset(ctx[j]);
			/* Resolve lazy bindings before counting. */
			for (int k = 0; k < 16; k++)
				one_packet(sides[j], ctx[j], sizes[i], &sent,
					   &received);
			count = callgrind_packets(sizes[i]);
			end = sent + count;
			CALLGRIND_TOGGLE_COLLECT;
			while (sent < end)
				one_packet(sides[j], ctx[j], sizes[i], &sent,
					   &received);
			CALLGRIND_TOGGLE_COLLECT;
			snprintf(name, sizeof(name), "%s %u %llu",
				 sides[j]->name, sizes[i], count);
			CALLGRIND_DUMP_STATS_AT(name);
		}
	}
}

int main(int argc, char **argv)
{
	void *ctx[ARRAY_SIZE(sides)];
	bool count = argc > 1 && !strcmp(argv[1], "--callgrind");

	if (count) {
		argc--;
		argv++;
	}
	if (argc > 1)
		run_ms = atoi(argv[1]);
	if (argc > 2)
		runs = atoi(argv[2]);
	if (!run_ms || !runs || runs > MAX_RUNS)
		bench_die("usage: ring-bench [--callgrind] [ms [runs (1-99)]]");
	payload = aligned_alloc(64, BENCH_MAX_PAYLOAD);
	if (!payload)
		bench_die("out of memory");
	memset(payload, 0x5a, BENCH_MAX_PAYLOAD);
	for (size_t j = 0; j < ARRAY_SIZE(sides); j++)
		ctx[j] = sides[j]->open();

	if (count) {
		callgrind(ctx);
	} else {
		printf("# ring data area %u KiB\n", BENCH_RING_DATA / 1024);
		printf("# ratio: upstream ns / hvguest ns (> 1: hvguest faster)\n");
		table("1thr", run_1thr, ctx);
		if (sysconf(_SC_NPROCESSORS_ONLN) > 1)
			table("2thr", run_2thr, ctx);
		else
			printf("# 2thr: skipped, one CPU\n");
	}
	for (size_t j = 0; j < ARRAY_SIZE(sides); j++)
		sides[j]->close(ctx[j]);
	free(payload);
	return 0;
}
