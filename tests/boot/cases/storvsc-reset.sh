#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Error recovery against a host that stops answering. With a 2 s request
# timeout: a host that holds its answers gets a bus reset from the
# guest's error handling, flushes what it held and the read completes
# with the right data; a host that drops what it held on the reset fails
# the reset, the disk goes offline and the read fails instead of hanging;
# put back online, the disk works again.
. /hvg/lib.sh

need_sd
start_sim devices=scsi scsi_luns=16
load hv_storvsc
wait_scsi_disk 60 0 || fail "LUN 0 did not appear"
sd=$(scsi_disk 0)
state=/sys/block/$sd/device/state
dd if=/dev/urandom of=/tmp/pattern bs=64k count=8 2>/dev/null
dd if=/tmp/pattern of="/dev/$sd" bs=64k oflag=direct 2>/dev/null ||
	fail "writing the pattern failed"
echo 2 >"/sys/block/$sd/device/timeout"
dmesg -c >/dev/null

# read_back: a direct read of the pattern, compared.
read_back() {
	dd if="/dev/$sd" of=/tmp/back bs=64k count=8 iflag=direct 2>/dev/null &&
		cmp -s /tmp/pattern /tmp/back
}

resets=$(storvsp_stat resets)
storvsp_fault "hold"
read_back || fail "the held read failed or returned other data"
[ "$(storvsp_stat resets)" -gt "$resets" ] || fail "the guest did not reset the host"
dmesg_has "bus reset$" || fail "no bus reset logged"
[ "$(cat "$state")" = running ] || fail "disk $(cat "$state") after a good reset"
echo "held answers: the guest reset the bus, the read completed intact"

dmesg -c >/dev/null
storvsp_fault "reset_drop"
storvsp_fault "hold"
read_back && fail "a read the host never answers succeeded"
[ "$(storvsp_stat held_dropped)" -gt 0 ] || fail "the host dropped nothing"
dmesg_has "still holds 1 commands after a bus reset" ||
	fail "no message about the unanswered command"
[ "$(cat "$state")" = offline ] || fail "disk $(cat "$state"), want offline"
echo "answers dropped by the reset: reset failed, disk offline, read failed"

storvsp_fault "clear"
echo running >"$state"
read_back || fail "the disk does not work after it was put back online"
echo "back online: read intact"

unload_retry hv_storvsc
stop_sim
