#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# LUNs coming and going on the simulated storvsp while the guest does I/O
# on them: fio with crc32c verification runs on LUN 0 throughout; a LUN
# the host adds meanwhile appears as a new disk and works; the LUN the
# host removes while fio writes to it fails that fio with I/O errors
# within seconds (no hang) and disappears, and LUN 0's fio still ends
# with every block verified.
. /hvg/lib.sh

need_sd
need_tools fio

two_disks() {
	has_scsi_disk 0 && has_scsi_disk 1
}

running() {
	kill -0 "$1" 2>/dev/null
}

doomed_done() {
	! running "$doomed_pid"
}

# fio_bg NAME LOG FIO-ARGS...: start a libaio job in the background,
# everything it prints to LOG.
fio_bg() {
	name=$1 log=$2
	shift 2
	fio --name="$name" --ioengine=libaio --direct=1 "$@" >"$log" 2>&1 &
}

start_sim devices=scsi scsi_luns=64,64
load hv_storvsc
wait_for 60 two_disks || fail "LUNs 0 and 1 did not appear"
keep=/dev/$(scsi_disk 0)
doomed=/dev/$(scsi_disk 1)

# LUN 0: random writes, every block read back and checked while writing.
fio_bg keep /tmp/keep.log --filename="$keep" --rw=randwrite --bs=4k \
	--iodepth=16 --size=48m --verify=crc32c --verify_fatal=1 \
	--verify_backlog=32 --do_verify=1
keep_pid=$!
# LUN 1: writes until it goes away (time-based, far longer than the case).
fio_bg doomed /tmp/doomed.log --filename="$doomed" --rw=randwrite --bs=16k \
	--iodepth=32 --size=64m --time_based --runtime=600
doomed_pid=$!
sleep 2
running "$keep_pid" || { cat /tmp/keep.log; fail "LUN 0's fio ended early"; }
running "$doomed_pid" || { cat /tmp/doomed.log; fail "LUN 1's fio ended early"; }

storvsp_fault "add 2 16"
wait_for 30 has_scsi_disk 2 || fail "LUN 2, added during I/O, did not appear"
added=/dev/$(scsi_disk 2)
dd if=/dev/urandom of=/tmp/pattern bs=64k count=16 2>/dev/null
dd if=/tmp/pattern of="$added" bs=64k oflag=direct 2>/dev/null ||
	fail "writing the added LUN failed"
dd if="$added" of=/tmp/back bs=64k count=16 iflag=direct 2>/dev/null ||
	fail "reading the added LUN failed"
cmp /tmp/pattern /tmp/back || fail "the added LUN returned other data"
echo "LUN 2 added during I/O: $added, data intact"

running "$doomed_pid" || { cat /tmp/doomed.log; fail "LUN 1's fio ended early"; }
storvsp_fault "remove 1"
wait_for 60 no_scsi_disk 1 || fail "LUN 1, removed during I/O, is still there"
wait_for 60 doomed_done ||
	fail "LUN 1's fio still runs after its LUN was removed"
wait "$doomed_pid" && { cat /tmp/doomed.log; fail "fio on the removed LUN succeeded"; }
grep -q 'err=' /tmp/doomed.log || { cat /tmp/doomed.log; fail "no error reported for LUN 1"; }
echo "LUN 1 removed during I/O: its fio failed with $(grep -o 'err= *[0-9]*' /tmp/doomed.log | head -1)"

wait "$keep_pid" || { cat /tmp/keep.log; fail "LUN 0's fio failed"; }
grep -q 'err= *0' /tmp/keep.log || { cat /tmp/keep.log; fail "LUN 0's fio reported errors"; }
echo "LUN 0: fio ended with every block verified"
has_scsi_disk 0 || fail "LUN 0 vanished"

unload_retry hv_storvsc
stop_sim
