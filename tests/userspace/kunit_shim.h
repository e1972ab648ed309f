/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough of KUnit to run a KUnit suite as a user-space program, so
 * the same test cases run in the kernel (KASAN) and here (ASan, UBSan).
 *
 * Covers: KUNIT_CASE, kunit_test_suite(s), kunit_kzalloc/kunit_kmalloc
 * (freed after each case), kunit_info, and the EXPECT/ASSERT comparisons
 * used by the suites (integers compared as long long). An ASSERT failure
 * ends the case through longjmp(). The including program calls
 * kunit_shim_run() on the suites of kunit_shim_suites[].
 */
#ifndef HV_KUNIT_SHIM_H
#define HV_KUNIT_SHIM_H

#include <setjmp.h>
#include "kernel_shim.h"

#define KUNIT_SHIM_MAX_ALLOCS	64

struct kunit {
	const char *name;
	bool failed;
	jmp_buf abort;
	void *allocs[KUNIT_SHIM_MAX_ALLOCS];
	unsigned int nr_allocs;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
};

struct kunit_suite {
	const char *name;
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
};

#define KUNIT_CASE(fn)		{ .run_case = fn, .name = #fn }

#define kunit_test_suites(...)						\
	static struct kunit_suite *const kunit_shim_suites[] = {	\
		__VA_ARGS__, NULL }
#define kunit_test_suite(suite)	kunit_test_suites(&(suite))

#define kunit_info(test, fmt, ...) \
	printf("    # %s: " fmt, (test)->name, ##__VA_ARGS__)

static inline void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	void *p;

	if (test->nr_allocs == KUNIT_SHIM_MAX_ALLOCS)
		return NULL;
	p = malloc(size ? size : 1);
	if (p)
		test->allocs[test->nr_allocs++] = p;
	return p;
}

static inline void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	void *p = kunit_kmalloc(test, size, gfp);

	if (p)
		memset(p, 0, size);
	return p;
}

static inline void kunit_shim_fail(struct kunit *test, const char *file,
				   int line, const char *what, long long left,
				   long long right, bool assert)
{
	printf("    # %s: %s:%d: EXPECTATION FAILED: %s (%lld vs %lld)\n",
	       test->name, file, line, what, left, right);
	test->failed = true;
	if (assert)
		longjmp(test->abort, 1);
}

static inline __printf(7, 8)
void kunit_shim_eq_msg(struct kunit *test, const char *file, int line,
		       const char *what, long long left, long long right,
		       const char *fmt, ...)
{
	va_list ap;

	if (left == right)
		return;
	printf("    # %s: ", test->name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	kunit_shim_fail(test, file, line, what, left, right, false);
}

#define KUNIT_SHIM_CMP(test, a, op, b, assert) do {			\
	long long _l = (long long)(a), _r = (long long)(b);		\
									\
	if (!(_l op _r))						\
		kunit_shim_fail(test, __FILE__, __LINE__,		\
				#a " " #op " " #b, _l, _r, assert);	\
} while (0)

#define KUNIT_EXPECT_EQ_MSG(t, a, b, fmt, ...)				\
	kunit_shim_eq_msg(t, __FILE__, __LINE__, #a " == " #b,		\
			  (long long)(a), (long long)(b), fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_EQ(t, a, b)	KUNIT_SHIM_CMP(t, a, ==, b, false)
#define KUNIT_EXPECT_NE(t, a, b)	KUNIT_SHIM_CMP(t, a, !=, b, false)
#define KUNIT_EXPECT_LT(t, a, b)	KUNIT_SHIM_CMP(t, a, <, b, false)
#define KUNIT_EXPECT_LE(t, a, b)	KUNIT_SHIM_CMP(t, a, <=, b, false)
#define KUNIT_EXPECT_GT(t, a, b)	KUNIT_SHIM_CMP(t, a, >, b, false)
#define KUNIT_EXPECT_GE(t, a, b)	KUNIT_SHIM_CMP(t, a, >=, b, false)
#define KUNIT_EXPECT_TRUE(t, c)		KUNIT_SHIM_CMP(t, !!(c), ==, 1, false)
#define KUNIT_EXPECT_FALSE(t, c)	KUNIT_SHIM_CMP(t, !!(c), ==, 0, false)
#define KUNIT_ASSERT_EQ(t, a, b)	KUNIT_SHIM_CMP(t, a, ==, b, true)
#define KUNIT_ASSERT_NE(t, a, b)	KUNIT_SHIM_CMP(t, a, !=, b, true)
#define KUNIT_ASSERT_LT(t, a, b)	KUNIT_SHIM_CMP(t, a, <, b, true)
#define KUNIT_ASSERT_LE(t, a, b)	KUNIT_SHIM_CMP(t, a, <=, b, true)
#define KUNIT_ASSERT_GT(t, a, b)	KUNIT_SHIM_CMP(t, a, >, b, true)
#define KUNIT_ASSERT_GE(t, a, b)	KUNIT_SHIM_CMP(t, a, >=, b, true)
#define KUNIT_ASSERT_TRUE(t, c)		KUNIT_SHIM_CMP(t, !!(c), ==, 1, true)
#define KUNIT_ASSERT_FALSE(t, c)	KUNIT_SHIM_CMP(t, !!(c), ==, 0, true)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) \
	KUNIT_SHIM_CMP(t, (p) != NULL, ==, 1, true)

/* Run one case; setjmp() here, with no local changed after it. */
static inline bool kunit_shim_run_case(struct kunit_suite *suite,
				       struct kunit_case *c)
{
	/* Static: longjmp() may lose a local's later changes. */
	static struct kunit test;
	unsigned int i;

	memset(&test, 0, sizeof(test));
	test.name = c->name;
	if (!setjmp(test.abort)) {
		if (!suite->init || !suite->init(&test))
			c->run_case(&test);
	}
	if (suite->exit)
		suite->exit(&test);
	for (i = 0; i < test.nr_allocs; i++)
		free(test.allocs[i]);
	return test.failed;
}

/* Run one suite, KTAP-style; returns the number of failed cases. */
static inline int kunit_shim_run(struct kunit_suite *suite)
{
	struct kunit_case *c;
	int n = 0, failed = 0;

	for (c = suite->test_cases; c->run_case; c++)
		n++;
	printf("# Subtest: %s\n    1..%d\n", suite->name, n);
	n = 0;
	for (c = suite->test_cases; c->run_case; c++) {
		bool bad = kunit_shim_run_case(suite, c);

		failed += bad;
		printf("    %sok %d %s\n", bad ? "not " : "", ++n, c->name);
	}
	printf("%sok - %s (%d/%d passed)\n", failed ? "not " : "", suite->name,
	       n - failed, n);
	return failed;
}

#endif /* HV_KUNIT_SHIM_H */
