// SPDX-License-Identifier: GPL-2.0
/*
 * Runs a fuzz target's entry point on inputs (files, or directories of
 * files) without libFuzzer: "make test" links it with each target and
 * replays its corpus under ASan and UBSan with gcc.
 */
#include <dirent.h>
#include <libgen.h>
#include "fuzz.h"

static int replay_file(const char *path)
{
	static u8 in[1 << 20];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		perror(path);
		return 1;
	}
	n = fread(in, 1, sizeof(in), f);
	fclose(f);
	HV_FUZZ_ENTRY(in, n);
	return 0;
}

int main(int argc, char **argv)
{
	int i, done = 0, err = 0;

	for (i = 1; i < argc; i++) {
		DIR *dir = opendir(argv[i]);
		struct dirent *de;
		char path[4096];

		if (!dir) {
			err |= replay_file(argv[i]);
			done++;
			continue;
		}
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i],
				 de->d_name);
			err |= replay_file(path);
			done++;
		}
		closedir(dir);
	}
	printf("%sok - %s: %d inputs\n", err ? "not " : "", basename(argv[0]),
	       done);
	return err;
}
