/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the libFuzzer targets in tests/fuzz/ share: CHECK(), which aborts
 * with the failed condition (libFuzzer then saves the input), and the
 * entry point. libFuzzer's name for it is not kernel style, so
 * tests/userspace/Makefile passes it as HV_FUZZ_ENTRY.
 */
#ifndef HV_FUZZ_H
#define HV_FUZZ_H

#include <linux/kernel.h>

#ifndef HV_FUZZ_ENTRY
#error "build with tests/userspace/Makefile"
#endif

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

int HV_FUZZ_ENTRY(const u8 *data, size_t size);

#endif /* HV_FUZZ_H */
