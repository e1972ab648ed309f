#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hv_storvsc against the simulated storvsp: the LUNs show up as disks
# under the vmbus device with the configured capacities, and data written
# comes back intact, also after the driver was unloaded and reloaded (so
# it was read from the host, not from the guest's page cache).
. /hvg/lib.sh

# Without sd (a module the initramfs lacks, unless run-vm got --kmods)
# there is nothing to test.
need_sd

# Only this case's messages count (see the end).
dmesg -c >/dev/null

start_sim devices=scsi scsi_luns=64,16
load hv_storvsc

# The guest connects and adds the host's devices after hv_sim's load.
scsi_controller() {
	for d in /sys/bus/vmbus/devices/*; do
		[ "$(cat "$d/class_id")" = "{$SCSI_CLASS}" ] && dev=$d && return 0
	done
	return 1
}
wait_for 20 scsi_controller || fail "no SCSI controller on the vmbus bus"
wait_for 20 test -e "$dev/driver" || fail "controller not bound"
[ "$(basename "$(readlink "$dev/driver")")" = storvsc ] ||
	fail "controller bound to $(readlink "$dev/driver"), want storvsc"
devpath=$(readlink -f "$dev")

disks() {
	for b in /sys/block/sd*; do
		[ -e "$b" ] && echo "$b"
	done
}
disk_count_is() {
	[ "$(disks | wc -l)" -eq "$1" ]
}
wait_for 30 disk_count_is 2 || fail "$(disks | wc -l) disks, want 2"

# disk_for_lun L: the sdX whose SCSI address ends in :L, under our device.
disk_for_lun() {
	for b in /sys/block/sd*; do
		p=$(readlink -f "$b/device")
		case $p in
		"$devpath"/host*/target*/*:"$1") basename "$b" ;;
		esac
	done
}

lun0=$(disk_for_lun 0)
lun1=$(disk_for_lun 1)
if [ -z "$lun0" ] || [ -z "$lun1" ]; then
	fail "LUNs 0 and 1 not both below $devpath: $(for b in $(disks); do readlink -f "$b/device"; done)"
fi
for h in "$devpath"/host*; do
	proc=$(cat "/sys/class/scsi_host/$(basename "$h")/proc_name")
	[ "$proc" = storvsc_host ] || fail "$h: proc_name $proc"
done

for pair in "$lun0:64" "$lun1:16"; do
	disk=${pair%:*}
	mb=${pair#*:}
	[ -b "/dev/$disk" ] || fail "/dev/$disk missing"
	size=$(blockdev --getsize64 "/dev/$disk")
	[ "$size" = $((mb * 1024 * 1024)) ] ||
		fail "$disk: capacity $size, want $mb MiB"
	echo "$disk: $size bytes"
done

# 3 MiB at 1 MiB into LUN 0: more than one command's worth each way.
dd if=/dev/urandom of=/tmp/pattern bs=64k count=48 2>/dev/null ||
	fail "cannot make a pattern"
want=$(md5sum </tmp/pattern)
dd if=/tmp/pattern of="/dev/$lun0" bs=1M seek=1 conv=fsync 2>/dev/null ||
	fail "writing $lun0 failed"
# A small write at an odd sector of LUN 1.
printf 'hv_storvsc sector seven' | dd of="/dev/$lun1" bs=512 seek=7 conv=fsync 2>/dev/null ||
	fail "writing $lun1 failed"
echo 3 >/proc/sys/vm/drop_caches
got=$(dd if="/dev/$lun0" bs=1M skip=1 count=3 2>/dev/null | md5sum)
[ "$got" = "$want" ] || fail "$lun0 read back $got, wrote $want"
# O_DIRECT from dd's own buffer, which need not start on a page: the
# range's byte offset is then not 0.
dd if=/tmp/pattern of="/dev/$lun0" bs=192k seek=40 count=16 oflag=direct 2>/dev/null ||
	fail "direct write to $lun0 failed"
got=$(dd if="/dev/$lun0" bs=192k skip=40 count=16 iflag=direct 2>/dev/null | md5sum)
[ "$got" = "$want" ] || fail "$lun0 direct read back $got, wrote $want"

# Unbinding drops every guest-side cache: what comes back is the host's.
unload_retry hv_storvsc
wait_for 20 disk_count_is 0 || fail "disks still present after unload"
load hv_storvsc
wait_for 30 disk_count_is 2 || fail "disks not back after reload"
lun0=$(disk_for_lun 0)
lun1=$(disk_for_lun 1)
got=$(dd if="/dev/$lun0" bs=1M skip=1 count=3 2>/dev/null | md5sum)
[ "$got" = "$want" ] || fail "$lun0 after reload: read $got, wrote $want"
got=$(dd if="/dev/$lun0" bs=192k skip=40 count=16 2>/dev/null | md5sum)
[ "$got" = "$want" ] || fail "$lun0 after reload, direct copy: read $got"
text=$(dd if="/dev/$lun1" bs=512 skip=7 count=1 2>/dev/null | tr -d '\000')
[ "$text" = "hv_storvsc sector seven" ] ||
	fail "$lun1 sector 7 after reload: '$text'"
# The rest of LUN 1 is untouched (zeroes).
zeros=$(dd if="/dev/$lun1" bs=512 skip=8 count=64 2>/dev/null | tr -d '\000' | wc -c)
[ "$zeros" = 0 ] || fail "$lun1: $zeros non-zero bytes after sector 7"

dmesg | grep -i "storvsc" | grep -i -e bad -e dropped -e failed -e cannot &&
	fail "hv_storvsc complained"
unload_retry hv_storvsc
stop_sim
echo "2 LUNs, capacities and data ok"
