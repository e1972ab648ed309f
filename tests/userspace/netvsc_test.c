// SPDX-License-Identifier: GPL-2.0
/*
 * hv_netvsc's parsing layer (drivers/net/netvsc/wire.c) in user space,
 * under ASan and UBSan: the KUnit suite hv_netvsc_wire
 * (tests/kunit/netvsc_kunit.c) through kunit_shim.h, and the core's
 * transfer-page parser it relies on.
 */
#include "kunit_shim.h"

/* What the suite uses beyond kunit_shim.h. */
#define KUNIT_EXPECT_PTR_EQ(t, a, b)					\
	KUNIT_SHIM_CMP(t, (uintptr_t)(a), ==, (uintptr_t)(b), false)
#define KUNIT_ASSERT_NOT_NULL(t, p)	KUNIT_SHIM_CMP(t, !!(p), ==, 1, true)
#define KUNIT_EXPECT_STREQ(t, a, b)	KUNIT_SHIM_CMP(t, strcmp(a, b), ==, 0, false)
#define MODULE_LICENSE(s)	const char hv_shim_license[] = s
#define MODULE_DESCRIPTION(s)	const char hv_shim_desc[] = s

#include "../kunit/netvsc_kunit.c"

int main(void)
{
	struct kunit_suite *const *s;
	int failures = 0;

	for (s = kunit_shim_suites; *s; s++)
		failures += kunit_shim_run(*s);
	return failures != 0;
}
