#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The host rescinds one storage sub-channel alone while it holds a read
# sent on it: the read goes again on another channel and completes with
# the right data at once, not after the SCSI timeout (the core runs the
# sub-channel's callback once more on the rescind, and storvsc closes it
# then). The other channels keep working.
. /hvg/lib.sh

need_sd
[ "$(grep -c ^processor /proc/cpuinfo)" -ge 2 ] || {
	echo "needs two CPUs"
	exit 77
}
sim=/sys/kernel/debug/hv_sim
start_sim devices=scsi scsi_luns=16
load hv_storvsc
wait_scsi_disk 60 0 || fail "LUN 0 did not appear"
dev=/dev/$(scsi_disk 0)
ctrl=/sys/bus/vmbus/devices/$(class_devices "$SCSI_CLASS")
primary=$(cat "$ctrl/id")

# a_sub: the relid of a sub-channel.
a_sub() {
	for c in "$ctrl"/channels/*; do
		[ "$(basename "$c")" != "$primary" ] && basename "$c" && return 0
	done
	return 1
}
wait_for 30 a_sub >/dev/null || fail "no sub-channel: $(ls "$ctrl/channels")"
sub=$(a_sub)
# storvsc sends on the channel whose interrupts go to the issuing CPU.
cpu=$(cat "$ctrl/channels/$sub/cpu")

dd if=/dev/urandom of=/tmp/block bs=4k count=1 2>/dev/null
dd if=/tmp/block of="$dev" bs=4k seek=64 oflag=direct 2>/dev/null ||
	fail "writing the test block failed"
# Without the fix the read waits for the timeout (twice 30 s).
echo 30 >"/sys/block/$(scsi_disk 0)/device/timeout"

held=$(storvsp_stat held)
storvsp_fault hold
read_on_sub() {
	taskset -c "$cpu" dd if="$dev" of=/tmp/back bs=4k skip=64 count=1 \
		iflag=direct 2>/dev/null
}
run_bg /tmp/read.rc read_on_sub
held_one() { [ "$(storvsp_stat held)" -gt "$held" ]; }
wait_for 20 held_one || fail "the host held nothing"
t0=$(date +%s)
echo "$sub" >"$sim/rescind" || fail "rescind of sub-channel $sub refused"
storvsp_fault release
wait_for 20 test -s /tmp/read.rc ||
	fail "the held read still waits 20 s after its sub-channel was rescinded"
[ "$(cat /tmp/read.rc)" = 0 ] || fail "the read failed"
cmp -s /tmp/block /tmp/back || fail "the read returned other data"
echo "read on rescinded sub-channel $sub done again in $(($(date +%s) - t0)) s"

# Every CPU's I/O still works.
for cpu in 0 1; do
	taskset -c "$cpu" dd if="$dev" of=/tmp/back bs=4k skip=64 count=1 \
		iflag=direct 2>/dev/null || fail "a read on CPU $cpu failed"
	cmp -s /tmp/block /tmp/back || fail "a read on CPU $cpu returned other data"
done
unload_retry hv_storvsc
stop_sim
