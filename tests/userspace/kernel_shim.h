/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The little of the kernel that drivers/hv/vmbus/ring.c (and the KUnit
 * suites built with it) and drivers/scsi/storvsc/wire.c use, for building
 * them in user space: tests, the fuzzers and the benchmarks. The stub
 * headers in include/ (linux/kernel.h and friends) all lead here, those
 * for pages, scatterlists and SCSI through scsi_shim.h.
 *
 * Shared-memory accesses and barriers map onto GCC's C11 atomic builtins:
 * READ_ONCE/WRITE_ONCE are relaxed atomics (one access, never torn or
 * repeated), the release/acquire pairs are release/acquire, and the
 * virt_*() barriers are fences at least as strong as the kernel's.
 */
#ifndef HV_KERNEL_SHIM_H
#define HV_KERNEL_SHIM_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hv/proto/types.h>

#define gfp_t			unsigned int
#define GFP_KERNEL		0U

#define U16_MAX			((u16)~0U)
#define U32_MAX			((u32)~0U)

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

/* One access of a shared scalar, neither torn, merged nor repeated. */
#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, val)	__atomic_store_n(&(x), (val), __ATOMIC_RELAXED)

/*
 * The other side is another thread here (another VM in the kernel), so
 * the smp_ and virt_ flavours are the same real barriers.
 */
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE) /* acquire */
#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE) /* release */
#define smp_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST) /* full */
#define smp_rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE) /* loads */
#define smp_wmb()		__atomic_thread_fence(__ATOMIC_RELEASE) /* stores */
#define virt_load_acquire(p)	smp_load_acquire(p) /* acquire */
#define virt_store_release(p, v) smp_store_release(p, v) /* release */
#define virt_mb()		smp_mb() /* full */
#define virt_rmb()		smp_rmb() /* loads */
#define virt_wmb()		smp_wmb() /* stores */

#define min(a, b) ({				\
	__typeof__(a) _min_a = (a);		\
	__typeof__(b) _min_b = (b);		\
	_min_a < _min_b ? _min_a : _min_b; })
#define max(a, b) ({				\
	__typeof__(a) _max_a = (a);		\
	__typeof__(b) _max_b = (b);		\
	_max_a > _max_b ? _max_a : _max_b; })
#define min_t(type, a, b)	min((type)(a), (type)(b))

static inline u64 hv_shim_align(u64 x, u64 a)
{
	return (x + a - 1) & ~(a - 1);
}

static inline u64 hv_shim_div_round_up(u64 n, u64 d)
{
	return (n + d - 1) / d;
}

#define DIV_ROUND_UP(n, d)	hv_shim_div_round_up(n, d)
#define ALIGN(x, a)		((__typeof__(x))hv_shim_align(x, a))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* A harmless declaration, so that "EXPORT_SYMBOL_HVG(f);" stays valid C. */
#define EXPORT_SYMBOL_HVG(sym)	extern int hv_shim_export_##sym

/* Messages only with HV_SHIM_VERBOSE set: the fuzzers print thousands. */
static inline bool hv_shim_verbose(void)
{
	return getenv("HV_SHIM_VERBOSE");
}

#define HV_SHIM_ATTR(a)		__attribute__((a))
#define __printf(a, b)		HV_SHIM_ATTR(format(printf, a, b))
/* __always_inline: glibc's <sys/cdefs.h> has it. */
#define __cold			HV_SHIM_ATTR(cold)
#define noinline		HV_SHIM_ATTR(noinline)

static inline __printf(1, 2) void hv_shim_pr(const char *fmt, ...)
{
	va_list ap;

	if (!hv_shim_verbose())
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

#define pr_err(fmt, ...)		hv_shim_pr(fmt, ##__VA_ARGS__)
#define pr_err_ratelimited(fmt, ...)	hv_shim_pr(fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)		hv_shim_pr(fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)		hv_shim_pr(fmt, ##__VA_ARGS__)

/* A kernel warning means a bug in our code: fail the test run loudly. */
static inline bool hv_shim_warn(bool cond, const char *file, int line)
{
	if (cond) {
		fprintf(stderr, "WARNING at %s:%d\n", file, line);
		abort();
	}
	return cond;
}

#define WARN_ON(cond)		hv_shim_warn(!!(cond), __FILE__, __LINE__)
#define WARN_ON_ONCE(cond)	WARN_ON(cond)

static inline void *kmalloc(size_t size, gfp_t gfp)
{
	return malloc(size);
}

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return calloc(1, size);
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

#endif /* HV_KERNEL_SHIM_H */
