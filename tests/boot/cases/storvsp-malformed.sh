#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hv_storvsc against malformed answers from the storage host (hv_sim
# scsi/fault "malformed KIND"): the read that gets one either fails or
# returns the right data (never wrong data, never a hang), the guest
# logs something, and the next read works. Then copies of an answer that
# come again later, on the same channel or on another one of the
# controller, while another read holds the same request slot: that read
# must get its own answer. The harness fails the run on any kernel
# warning. Needs sd_mod.
. /hvg/lib.sh

scsi=/sys/kernel/debug/hv_sim/scsi

read_block() {
	dd if="$dev" of="$1" bs=4k skip=256 count=1 iflag=direct 2>/dev/null
}

# read_on CPU FILE: read_block from that CPU, so on its hardware queue.
read_on() {
	taskset -c "$1" dd if="$dev" of="$2" bs=4k skip=256 count=1 \
		iflag=direct 2>/dev/null
}

guest_logged() {
	dmesg | grep -v "hv_sim: " | grep -q .
}

need_sd
start_sim devices=scsi scsi_luns=16
load hv_storvsc
wait_scsi_disk 60 0 || fail "LUN 0 did not appear"
dev=/dev/$(scsi_disk 0)
# Bound the wait of a guest that times the request out.
echo 10 >"/sys/block/$(scsi_disk 0)/device/timeout"
dd if=/dev/urandom of=/tmp/block bs=4k count=1 2>/dev/null
dd if=/tmp/block of="$dev" bs=4k seek=256 oflag=direct 2>/dev/null ||
	fail "writing the test block failed"

for kind in short wrong_op unknown_tid sense_len xfer_len in_band zero_tid; do
	sent=$(storvsp_stat malformed)
	dmesg -c >/dev/null
	echo "malformed $kind" >"$scsi/fault" || fail "storvsp refused $kind"
	rm -f /tmp/back
	read_block /tmp/back &
	pid=$!
	wait_for 90 ended "$pid" || fail "$kind: the read hung"
	if wait "$pid"; then
		cmp -s /tmp/block /tmp/back || fail "$kind: the read returned wrong data"
		got="read the right data"
	else
		got="read failed"
	fi
	[ "$(storvsp_stat malformed)" -gt "$sent" ] || fail "$kind: host sent nothing bad"
	guest_logged || fail "$kind: the guest logged nothing"
	read_block /tmp/back || fail "$kind: the next read failed"
	cmp -s /tmp/block /tmp/back || fail "$kind: the next read returned wrong data"
	echo "malformed $kind: $got, next read fine"
done

# twice: the copy comes before the next answer on the same channel (the
# next read from CPU 0); other_chan: before the next answer on the other
# channel (a read from CPU 1, whose queue has the sub-channel). The first
# read gets a medium error, so a read that takes the copy fails.
cpus=$(nproc)
two_channels() {
	[ "$(grep -c '^relid=' "$scsi/channels")" -ge 2 ]
}
for kind in twice other_chan; do
	cpu=0
	if [ "$kind" = other_chan ]; then
		[ "$cpus" -ge 2 ] || { echo "other_chan: one CPU, one channel"; continue; }
		wait_for 30 two_channels || fail "no sub-channel: $(cat "$scsi/channels")"
		cpu=1
	fi
	sent=$(storvsp_stat malformed)
	dmesg -c >/dev/null
	storvsp_fault "error 0 3 0x11 0"
	storvsp_fault "malformed $kind"
	read_on 0 /tmp/back && fail "$kind: the read with a medium error succeeded"
	[ "$(storvsp_stat malformed)" -gt "$sent" ] || fail "$kind: host sent nothing bad"
	rm -f /tmp/back
	read_on "$cpu" /tmp/back ||
		fail "$kind: the read on CPU $cpu failed: it took the copy of another answer"
	cmp -s /tmp/block /tmp/back || fail "$kind: the read on CPU $cpu returned wrong data"
	wait_for 5 guest_logged || fail "$kind: the guest logged nothing"
	echo "malformed $kind: the copy dropped, the read on CPU $cpu fine"
done

unload_retry hv_storvsc
stop_sim
