#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Azure's Gen2 storage layout (hv_sim scsi_layout=azure): each disk is
# found where Azure's udev rules look for it, by the device_id of the
# vmbus device above it (ATTRS{device_id}) and its LUN, and has the size
# the host gave it. Then a data disk is removed while both controllers
# do I/O: the OS disk keeps its data. Needs sd_mod.
. /hvg/lib.sh

scsi=/sys/kernel/debug/hv_sim/scsi
ctrl0="{f8b3781a-1e82-4818-a1c3-63d806ec15bb}"
ctrl1="{f8b3781b-1e82-4818-a1c3-63d806ec15bb}"

# The device_id of the first ancestor of $1 that has one, as udev's
# ATTRS{device_id} matches it.
device_id_of() {
	d=$(readlink -f "$1")
	while [ "$d" != / ]; do
		[ -f "$d/device_id" ] && { cat "$d/device_id"; return; }
		d=${d%/*}
	done
}

# Azure's name for a disk, from azure-vm-utils' 80-azure-disk.rules and
# WALinuxAgent's 66-azure-storage.rules: DEVICE_ID LUN -> os, resource,
# data/lunN or nothing.
azure_name() {
	case $1 in
	"{00000000-0000-"*) echo os ;;
	"{00000000-0001-"*) echo resource ;;
	"$ctrl0") case $2 in 0) echo os ;; 1) echo resource ;; esac ;;
	"{f8b3781"[bcd]"-1e82-4818-a1c3-63d806ec15bb}") echo "data/lun$2" ;;
	esac
}

# One line per disk: NAME DEVICE_ID LUN SIZE_MB
layout() {
	for b in /sys/block/sd*; do
		[ -e "$b/device" ] || continue
		hctl=$(basename "$(readlink -f "$b/device")")
		lun=${hctl##*:}
		id=$(device_id_of "$b/device")
		echo "$(azure_name "$id" "$lun") $id $lun $(($(cat "$b/size") / 2048))"
	done | sort
}

disk_named() {
	for b in /sys/block/sd*; do
		[ -e "$b/device" ] || continue
		hctl=$(basename "$(readlink -f "$b/device")")
		[ "$(azure_name "$(device_id_of "$b/device")" "${hctl##*:}")" = "$1" ] &&
			basename "$b"
	done
}

# The node appears after sysfs does (devtmpfs), later under load.
has_disk_named() {
	[ -b "/dev/$(disk_named "$1")" ]
}

disk_count_is() {
	[ "$(layout | wc -l)" -eq "$1" ]
}

need_sd
start_sim devices=scsi scsi_layout=azure scsi_os_mb=16 scsi_resource_mb=12 \
	scsi_luns=8,4
load hv_storvsc
wait_for 60 disk_count_is 4 || fail "want 4 disks, got: $(layout)"
want="data/lun0 $ctrl1 0 8
data/lun1 $ctrl1 1 4
os $ctrl0 0 16
resource $ctrl0 1 12"
[ "$(layout)" = "$want" ] || fail "layout: $(layout)"
layout
for n in os resource data/lun0 data/lun1; do
	wait_for 10 has_disk_named "$n" || fail "no block device for $n"
done
echo "azure layout: each disk where Azure's udev rules look"

# Remove data disk 1 while the OS disk and data disk 1 are busy.
os=/dev/$(disk_named os)
data1=/dev/$(disk_named data/lun1)
dd if=/dev/urandom of=/tmp/pattern bs=64k count=64 2>/dev/null
dd if=/tmp/pattern of="$os" bs=64k oflag=direct 2>/dev/null &
writer=$!
dd if=/dev/zero of="$data1" bs=64k count=64 oflag=direct 2>/dev/null &
victim=$!
echo "remove 1 1" >"$scsi/fault" || fail "storvsp refused to remove LUN 1 of controller 1"
wait "$writer" || fail "writing the OS disk failed while a data disk went"
wait "$victim" 2>/dev/null
wait_for 30 disk_count_is 3 || fail "removed data disk still there: $(layout)"
[ -z "$(disk_named data/lun1)" ] || fail "data/lun1 survived its removal"
echo 3 >/proc/sys/vm/drop_caches
dd if="$os" of=/tmp/back bs=64k count=64 iflag=direct 2>/dev/null ||
	fail "reading the OS disk back failed"
cmp /tmp/pattern /tmp/back || fail "OS disk data differs after the removal"
echo "hot-remove during I/O: the other disks keep working"

grep -q "^bad_packets 0$" "$scsi/stats" || fail "host saw bad packets: $(cat "$scsi/stats")"
unload_retry hv_storvsc
stop_sim
