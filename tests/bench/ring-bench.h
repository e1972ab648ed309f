/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The side-by-side ring benchmark (tests/bench/ring-bench): what the
 * harness (ring-bench.c) needs from each ring, and what both sides share.
 *
 * Each side is a translation unit of its own that drives its ring the
 * way that ring's channel layer does (ring-bench-hvg.c: hvguest's
 * drivers/hv/vmbus/channel.c; ring-bench-upstream.c: upstream's
 * channel.c and the packet iterator netvsc uses), and calls the ring
 * itself across a translation-unit boundary, as a driver calls into
 * hv_vmbus. Everything the two rings have in common at run time (the
 * spin lock around a send, the signal, the memory the ring lives in)
 * comes from here, so that it costs both the same.
 */
#ifndef HV_RING_BENCH_H
#define HV_RING_BENCH_H

#include <stdbool.h>
#include <hv/proto/types.h>

#define BENCH_ATTR(a)		__attribute__((a))
#ifndef __noreturn
#define __noreturn		BENCH_ATTR(noreturn)
#endif
#ifndef __aligned
#define __aligned(n)		BENCH_ATTR(aligned(n))
#endif

/* The ring: a 4 KiB control page and a 1 MiB data area. */
#define BENCH_RING_DATA		(1024 * 1024)
#define BENCH_MAX_PAYLOAD	(64 * 1024)
/* Largest packet either side accepts: descriptor, payload, padding. */
#define BENCH_MAX_PKT		(BENCH_MAX_PAYLOAD + 64)

/**
 * struct bench_side - one ring as a driver uses it
 * @name: "hvguest" or "upstream"
 * @open: map a ring of BENCH_RING_DATA bytes and attach a producer and a
 *	consumer to it; dies on failure
 * @reset: empty the ring again (no thread may be using it)
 * @send: the producer sends one in-band packet carrying @len bytes of
 *	@payload and transaction id @id, as the side's vmbus_sendpacket()
 *	would; 0 or -EAGAIN when the ring is full
 * @ready: whether packets wait for the consumer, by the side's own
 *	lightest test (the 2thr consumer polls this, as a driver waits for
 *	a signal, before it drains a batch)
 * @drain: the consumer reads every packet that is ready, as the side's
 *	drivers do, giving the space back after every @commit_every packets
 *	(0: never in between) and once the ring is empty; each packet must carry the next id from
 *	*@next_id and @len bytes of payload (dies otherwise); returns the
 *	packets read
 * @close: unmap the ring
 */
struct bench_side {
	const char *name;
	void *(*open)(void);
	void (*reset)(void *ctx);
	int (*send)(void *ctx, const void *payload, u32 len, u64 id);
	bool (*ready)(void *ctx);
	unsigned long (*drain)(void *ctx, u32 len, u64 *next_id,
			       unsigned int commit_every);
	void (*close)(void *ctx);
};

extern const struct bench_side bench_hvguest;
extern const struct bench_side bench_upstream;

void __noreturn bench_die(const char *what);

/*
 * Ring memory: @size bytes of a memfd, shared pages as a ring's GPADL
 * pages are; bench_map_pages() maps its pages at the given page offsets
 * into one contiguous range (upstream's vmap() of the data pages twice).
 */
int bench_memfd(u32 size);
void *bench_map_pages(int fd, const u32 *page_offsets, u32 count);
void bench_unmap(void *addr, u32 count);

/*
 * The lock a channel takes around a send (hvguest's send_lock, upstream's
 * ring_lock): a test-and-set spin lock, uncontended here.
 */
struct bench_lock {
	int locked;
};

static inline void bench_lock(struct bench_lock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			;
}

static inline void bench_unlock(struct bench_lock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline bool bench_is_locked(struct bench_lock *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_RELAXED);
}

/*
 * Signalling the other side: a hypercall in a guest, a counter here.
 * Both rings signal under the same rule (empty to non-empty, consumer not
 * masked), so both count the same.
 */
extern unsigned long bench_signals;

static inline void bench_signal(void)
{
	bench_signals++;
}

#endif /* HV_RING_BENCH_H */
