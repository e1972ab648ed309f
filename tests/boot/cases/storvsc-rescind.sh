#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The host rescinds the SCSI controller while reads are in flight and
# held back by the host: hv_storvsc fails them instead of hanging, the
# disk and the controller go away, and a re-offered controller works.
# Then the same right after the re-offered disk appears, while the
# driver may still be scanning the bus (a kernel scanning synchronously
# scans in probe): the rescind must not wait for the reads' timeout.
. /hvg/lib.sh

# Without sd (a module the initramfs lacks, unless run-vm got --kmods)
# there is nothing to test.
need_sd

sim=/sys/kernel/debug/hv_sim

start_sim devices=scsi scsi_luns=16
load hv_storvsc

# rescind_reading SECONDS: start reads that the host holds 3 s, rescind
# the controller after SECONDS, and see the reads fail and it go.
rescind_reading() {
	wait_for 30 has_scsi_disk 0 || fail "no disk"
	name=$(class_devices "$SCSI_CLASS")
	[ -n "$name" ] || fail "no controller"
	id=$(cat "/sys/bus/vmbus/devices/$name/id")
	echo "delay_ms 3000" >"$sim/scsi/fault" || fail "hv_sim refused the delay"
	(
		while dd if=/dev/sda of=/dev/null bs=64k count=64 2>/dev/null; do
			echo 1 >/proc/sys/vm/drop_caches
		done
	) &
	reader=$!
	sleep "$1"
	echo "$id" >"$sim/rescind" || fail "hv_sim refused to rescind relid $id"
	wait_for 30 test ! -e "/sys/bus/vmbus/devices/$name" ||
		fail "controller still present 30 s after the rescind ($1 s)"
	wait_for 10 test ! -e /sys/block/sda || fail "disk still present ($1 s)"
	wait_for 10 test ! -d "/proc/$reader" || fail "reads still blocked ($1 s)"
	wait "$reader"
	echo "delay_ms 0" >"$sim/scsi/fault"
	echo "$id" >"$sim/reoffer" || fail "hv_sim refused to re-offer"
}

rescind_reading 1
echo "rescind with reads in flight: ok"
rescind_reading 0.1
rescind_reading 0.1
rescind_reading 0.1
echo "rescind right after the disk appeared, 3 times: ok"

wait_for 30 has_scsi_disk 0 || fail "no disk after re-offer"
dd if=/dev/sda of=/dev/null bs=64k count=16 2>/dev/null ||
	fail "reading the re-offered disk failed"
unload_retry hv_storvsc
stop_sim
echo "re-offered controller: ok"
