#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The simulated storage host on its own, no guest driver: module
# parameters build the LUN set or are refused, and the debugfs LUN and
# fault files change exactly what they say. The harness fails the run on
# any oops, KASAN or kmemleak report (the LUNs are freed on unload).
. /hvg/lib.sh

scsi=/sys/kernel/debug/hv_sim/scsi

refused() {
	! echo "$1" >"$scsi/fault" 2>/dev/null || fail "storvsp accepted '$1'"
}

luns_are() {
	got=$(sed 's/ reads=.*//' "$scsi/luns" | tr '\n' ' ')
	[ "$got" = "$1" ] || fail "luns: got '$got', want '$1'"
}

# Bad parameters fail the load and leave nothing behind.
load hv_vmbus platform=sim
for p in scsi_max_version=3.0 scsi_max_version=6 scsi_luns=abc \
	 scsi_luns=513 scsi_luns=400,400 scsi_luns=0 \
	 scsi_max_transfer=1000 scsi_max_transfer=0 scsi_layout=gen1 \
	 scsi_max_subchannels=65; do
	! insmod "$HVG_MODULES/hv_sim.ko" devices=scsi "$p" 2>/dev/null ||
		fail "hv_sim loaded with $p"
	echo "refused $p"
done

# An empty list: a controller without LUNs.
load hv_sim devices=scsi scsi_luns=
[ -z "$(cat $scsi/luns)" ] || fail "scsi_luns= made LUNs: $(cat $scsi/luns)"
unload hv_sim

load hv_sim devices=scsi scsi_luns=4,2 scsi_max_version=5.1
luns_are "ctrl=0 lun=0 size_mb=4 ctrl=0 lun=1 size_mb=2 "
grep -q "lun=0 size_mb=4 reads=0 writes=0 unmaps=0 write_sames=0$" "$scsi/luns" ||
	fail "counters not zero: $(cat $scsi/luns)"

storvsp_fault "add 7 1"
luns_are "ctrl=0 lun=0 size_mb=4 ctrl=0 lun=1 size_mb=2 ctrl=0 lun=7 size_mb=1 "
refused "add 7 1"
refused "add 64 1"
refused "add 8 0"
refused "add 8 513"
storvsp_fault "remove 1"
luns_are "ctrl=0 lun=0 size_mb=4 ctrl=0 lun=7 size_mb=1 "
refused "remove 1"
refused "remove 300"

storvsp_fault "error 7 3 0x11 0"
grep -q "lun=7 .* error-armed" "$scsi/luns" || fail "error not armed"
refused "error 1 3 0x11 0"
refused "error 7 0 0x11 0"
refused "error 7 3 0x100 0"
storvsp_fault "delay_ms 30"
storvsp_fault "reorder"
[ "$(cat $scsi/fault | tr '\n' ' ')" = "delay_ms 30 reorder " ] ||
	fail "fault shows '$(cat $scsi/fault)'"
refused "delay_ms 60001"
refused "bogus"
refused "reorder 1"
storvsp_fault "notify 2"
refused "notify"
storvsp_fault "clear"
[ -z "$(cat $scsi/fault)" ] || fail "clear left '$(cat $scsi/fault)'"
! grep -q error-armed "$scsi/luns" || fail "clear left an error armed"
# Several commands in one write.
printf 'add 2 1\nadd 3 1;remove 2\n' >"$scsi/fault" || fail "multi-command write"
luns_are "ctrl=0 lun=0 size_mb=4 ctrl=0 lun=3 size_mb=1 ctrl=0 lun=7 size_mb=1 "
grep -q "^bad_packets 0$" "$scsi/stats" || fail "stats: $(cat $scsi/stats)"

# The faults of a busy or careless host, shown until cleared.
storvsp_fault "busy 2 qfull"
storvsp_fault "malformed xfer_len"
storvsp_fault "hold"
storvsp_fault "reset_drop"
[ "$(cat $scsi/fault | tr '\n' ' ')" = "busy 2 qfull malformed xfer_len hold reset_drop " ] ||
	fail "fault shows '$(cat $scsi/fault)'"
refused "busy 1 bogus"
refused "busy"
refused "malformed bogus"
refused "hold 1"
storvsp_fault "clear"
[ -z "$(cat $scsi/fault)" ] || fail "clear left '$(cat $scsi/fault)'"
unload hv_sim

# Azure's Gen2 layout: OS and resource disk on the first controller,
# data disks on a second one hv_sim adds; LUN commands name a controller.
load hv_sim devices=scsi scsi_layout=azure scsi_os_mb=4 scsi_resource_mb=2 \
	scsi_luns=1,3
luns_are "ctrl=0 lun=0 size_mb=4 ctrl=0 lun=1 size_mb=2 ctrl=1 lun=0 size_mb=1 ctrl=1 lun=1 size_mb=3 "
ids=$(awk '$2 == "scsi" { print $3 }' /sys/kernel/debug/hv_sim/channels | tr '\n' ' ')
[ "$ids" = "f8b3781a-1e82-4818-a1c3-63d806ec15bb f8b3781b-1e82-4818-a1c3-63d806ec15bb " ] ||
	fail "azure controllers: $ids"
storvsp_fault "add 5 1 1"
storvsp_fault "remove 0 1"
luns_are "ctrl=0 lun=0 size_mb=4 ctrl=0 lun=1 size_mb=2 ctrl=1 lun=1 size_mb=3 ctrl=1 lun=5 size_mb=1 "
refused "add 6 1 8"
stop_sim
echo "storvsp host: parameters and debugfs behave"
