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

#ifdef HV_FUZZ_SEEDS
/* Write @size bytes at @in as seed @dir/@name; every seed must pass the checks. */
static inline void fuzz_seed_write(const char *dir, const char *name,
				   const void *in, size_t size)
{
	char path[4096];
	FILE *f;

	HV_FUZZ_ENTRY(in, size);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	CHECK(f);
	CHECK(fwrite(in, 1, size, f) == size);
	fclose(f);
}
#endif

#endif /* HV_FUZZ_H */
