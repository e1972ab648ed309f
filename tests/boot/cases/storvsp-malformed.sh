#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hv_storvsc against malformed answers from the storage host (hv_sim
# scsi/fault "malformed KIND"): the read that gets one either fails or
# returns the right data (never wrong data, never a hang), the guest
# logs something, and the next read works. The harness fails the run on
# any kernel warning. Needs sd_mod.
. /hvg/lib.sh

scsi=/sys/kernel/debug/hv_sim/scsi

read_block() {
	dd if="$dev" of="$1" bs=4k skip=256 count=1 iflag=direct 2>/dev/null
}

need_sd
start_sim devices=scsi scsi_luns=16
load hv_storvsc
wait_for 60 has_scsi_disk 0 || fail "LUN 0 did not appear"
dev=/dev/$(scsi_disk 0)
# Bound the wait of a guest that times the request out.
echo 10 >"/sys/block/$(scsi_disk 0)/device/timeout"
dd if=/dev/urandom of=/tmp/block bs=4k count=1 2>/dev/null
dd if=/tmp/block of="$dev" bs=4k seek=256 oflag=direct 2>/dev/null ||
	fail "writing the test block failed"

for kind in short wrong_op unknown_tid sense_len xfer_len in_band; do
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
	dmesg | grep -v "hv_sim: " | grep -q . || fail "$kind: the guest logged nothing"
	read_block /tmp/back || fail "$kind: the next read failed"
	cmp -s /tmp/block /tmp/back || fail "$kind: the next read returned wrong data"
	echo "malformed $kind: $got, next read fine"
done

unload_retry hv_storvsc
stop_sim
