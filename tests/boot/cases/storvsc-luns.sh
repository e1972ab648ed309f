#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# LUNs the host adds or removes come and go after its ENUMERATE_BUS
# message; a command failed with sense data reaches the midlayer with
# that sense, and the next one works.
. /hvg/lib.sh

# Without sd (a module the initramfs lacks, unless run-vm got --kmods)
# there is nothing to test.
need_sd

fault=/sys/kernel/debug/hv_sim/scsi/fault

start_sim devices=scsi scsi_luns=16
load hv_storvsc

# disk_for_lun L: the sdX at SCSI address *:*:*:L.
disk_for_lun() {
	for b in /sys/block/sd*; do
		case $(readlink -f "$b/device") in
		*:"$1") basename "$b" ;;
		esac
	done
}
lun_present() {
	[ -n "$(disk_for_lun "$1")" ]
}
wait_for 30 lun_present 0 || fail "LUN 0 missing"

# Hot-add: the host tells the guest to rescan.
echo "add 3 8" >"$fault" || fail "hv_sim refused to add LUN 3"
wait_for 30 lun_present 3 || fail "LUN 3 not found after the host's rescan request"
disk=$(disk_for_lun 3)
[ "$(blockdev --getsize64 "/dev/$disk")" = $((8 * 1024 * 1024)) ] ||
	fail "LUN 3 ($disk): capacity $(blockdev --getsize64 "/dev/$disk")"
echo "hot-added LUN 3 as $disk"

# Medium error (sense key 3, 11/00) on the next command to LUN 0. The
# kernel rate-limits its I/O error messages per call site (5 s, 10 at
# once): wait out the window an earlier case's errors may have used up.
disk0=$(disk_for_lun 0)
sleep 5
echo 1 >/proc/sys/vm/drop_caches
dmesg -c >/dev/null
echo "error 0 3 0x11 0" >"$fault" || fail "hv_sim refused to arm an error"
dd if="/dev/$disk0" of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null &&
	fail "read with an armed medium error succeeded"
# The block layer names the error from the sense key ("critical medium
# error"), whether or not the kernel decodes sense keys itself.
dmesg | grep -qi "medium error" ||
	fail "sense data did not reach the midlayer: $(dmesg | tail -5)"
dd if="/dev/$disk0" of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null ||
	fail "read after the error failed"
echo "medium error reported with its sense, next read fine"

# Hot-remove: the host's rescan request makes the guest drop the disk.
echo "remove 3" >"$fault" || fail "hv_sim refused to remove LUN 3"
wait_for 30 test ! -e "/sys/block/$disk" ||
	fail "LUN 3 ($disk) still present after the host removed it"
lun_present 0 || fail "LUN 0 went away with LUN 3"
echo "removed LUN 3 is gone, LUN 0 stays"
unload_retry hv_storvsc
stop_sim
