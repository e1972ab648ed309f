// SPDX-License-Identifier: GPL-2.0
/*
 * hvg-kexec: the two steps of a kexec for the boot tests, whose busybox
 * has no kexec applet. Built static on the host (scripts/run-tests) and
 * put in the initramfs with run-vm --data.
 *
 *   hvg-kexec load KERNEL INITRD CMDLINE   kexec_file_load(2)
 *   hvg-kexec exec                         reboot(2) LINUX_REBOOT_CMD_KEXEC
 *
 * "exec" goes through the kernel's orderly path (device shutdown, system
 * core shutdown, machine shutdown) into the loaded kernel.
 */
#include <fcntl.h>
#include <linux/reboot.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int load(const char *kernel, const char *initrd, const char *cmdline)
{
	int kfd = open(kernel, O_RDONLY | O_CLOEXEC);
	int ifd = open(initrd, O_RDONLY | O_CLOEXEC);

	if (kfd < 0 || ifd < 0) {
		perror("hvg-kexec: open");
		return 1;
	}
	if (syscall(SYS_kexec_file_load, kfd, ifd, strlen(cmdline) + 1,
		    cmdline, 0UL)) {
		perror("hvg-kexec: kexec_file_load");
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "load"))
		return load(argv[2], argv[3], argv[4]);
	if (argc == 2 && !strcmp(argv[1], "exec")) {
		sync();
		syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			LINUX_REBOOT_CMD_KEXEC, NULL);
		perror("hvg-kexec: reboot(LINUX_REBOOT_CMD_KEXEC)");
		return 1;
	}
	fprintf(stderr, "usage: hvg-kexec load KERNEL INITRD CMDLINE | hvg-kexec exec\n");
	return 2;
}
