// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: a KUnit suite with one case that must fail. The boot
 * test harness has to report this run as failed (tests/boot/selftest).
 */
#include <kunit/test.h>
#include <linux/module.h>

static void planted_failure(struct kunit *test)
{
	int two = 2;

	KUNIT_EXPECT_EQ_MSG(test, two, 3, "planted failure, expected");
}

static struct kunit_case selftest_cases[] = {
	KUNIT_CASE(planted_failure),
	{}
};

static struct kunit_suite selftest_suite = {
	.name = "hvg_selftest_planted_failure",
	.test_cases = selftest_cases,
};

kunit_test_suite(selftest_suite);

MODULE_DESCRIPTION("hvguest harness self-test: a failing KUnit case");
MODULE_LICENSE("GPL");
