#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hv_storvsc against a busy storage host (hv_sim scsi/fault "busy N
# KIND"): SRBs refused with SRB_STATUS_BUSY, SCSI BUSY or TASK SET FULL
# are retried and the data arrives intact. Then completions held by the
# host ("hold") are either recovered by the guest's own error handling
# (a reset makes the host send them) or sent on "release": no data lost
# either way. Needs sd_mod.
. /hvg/lib.sh

scsi=/sys/kernel/debug/hv_sim/scsi

# write_read TAG: write the pattern, read it back with direct I/O, compare.
write_read() {
	dd if=/tmp/pattern of="$dev" bs=64k seek=4 oflag=direct 2>/dev/null ||
		fail "$1: write failed"
	dd if="$dev" of=/tmp/back bs=64k skip=4 count=8 iflag=direct 2>/dev/null ||
		fail "$1: read failed"
	cmp /tmp/pattern /tmp/back || fail "$1: data differs"
}

need_sd
start_sim devices=scsi scsi_luns=16
load hv_storvsc
wait_scsi_disk 60 0 || fail "LUN 0 did not appear"
dev=/dev/$(scsi_disk 0)
dd if=/dev/urandom of=/tmp/pattern bs=64k count=8 2>/dev/null

for kind in srb scsi qfull; do
	before=$(storvsp_stat busy)
	storvsp_fault "busy 3 $kind"
	write_read "busy $kind"
	[ "$(storvsp_stat busy)" -eq $((before + 3)) ] ||
		fail "busy $kind: $(($(storvsp_stat busy) - before)) SRBs refused, want 3"
	echo "busy host ($kind): retried, data intact"
done

# Held completions: the guest times the request out and resets, or
# waits; either way the data must come back.
echo 5 >"/sys/block/$(scsi_disk 0)/device/timeout"
resets=$(storvsp_stat resets)
storvsp_fault "hold"
dd if="$dev" of=/tmp/back bs=64k skip=4 count=8 iflag=direct 2>/dev/null &
pid=$!
if wait_for 30 ended "$pid"; then
	how="the guest reset the host ($(($(storvsp_stat resets) - resets)) resets)"
	[ "$(storvsp_stat resets)" -gt "$resets" ] ||
		fail "held read completed without a reset or release"
	storvsp_fault "release"
else
	how="released by the host"
	storvsp_fault "release"
	wait_for 30 ended "$pid" || fail "held read did not finish after release"
fi
wait "$pid" || fail "held read failed ($how)"
cmp /tmp/pattern /tmp/back || fail "held read: data differs ($how)"
echo "held completions: data intact, $how"
write_read "after hold"

grep -q "^bad_packets 0$" "$scsi/stats" || fail "host saw bad packets: $(cat "$scsi/stats")"
unload_retry hv_storvsc
stop_sim
