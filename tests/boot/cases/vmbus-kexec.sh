#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kexec with an ext4 on a storvsc disk mounted and being written, while
# hv_sim storms the guest with messages and signals: the devices shut down
# first (sd's cache flush reaches the host), then hv_vmbus unloads the
# connection (hv_sim logs the UNLOAD, hv_vmbus its answer) and the new
# kernel boots (its init logs HVG-KEXEC-BOOTED and powers off). Needs
# /hvg/data/hvg-kexec (tests/boot/kexec/hvg-kexec.c) and the kernel image
# as /hvg/data/kernel (run-vm --data). Runs alone: the VM goes down.
. /hvg/lib.sh

kexec=/hvg/data/hvg-kexec
if [ ! -x $kexec ] || [ ! -r /hvg/data/kernel ]; then
	echo "no $kexec or /hvg/data/kernel (run-vm --data)"
	exit 77
fi

# The next kernel's initramfs: busybox and an init that reports through
# the kernel log (for a timestamp) and powers off.
next=/tmp/next
mkdir -p $next/bin $next/dev
cp /bin/busybox $next/bin/
mknod $next/dev/console c 5 1
mknod $next/dev/kmsg c 1 11
printf '#!/bin/busybox sh\n/bin/busybox echo HVG-KEXEC-BOOTED >/dev/kmsg\n/bin/busybox poweroff -f\n' \
	>$next/init
chmod 755 $next/init
(cd $next && find . | cpio -o -H newc >/tmp/next.cpio 2>/dev/null) ||
	fail "cannot build the next kernel's initramfs"
console=$(sed -n 's/.*\(console=[^ ]*\).*/\1/p' /proc/cmdline)
$kexec load /hvg/data/kernel /tmp/next.cpio "$console panic=-1" ||
	fail "kexec_file_load refused the kernel"

disk_io_start
echo "storm 1" >/sys/kernel/debug/hv_sim/fault || fail "host refused 'storm 1'"
expect_down kexec 30
expect_line "Synchronizing SCSI cache"
expect_line "hv_sim: guest unloaded"
expect_line "hv_vmbus: unloaded: the host dropped every channel"
$kexec exec
still_up kexec
