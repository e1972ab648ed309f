#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hv_storvsc against the simulated storage host's faults: data survives
# delayed and reordered completions, an injected medium error reaches the
# guest as an I/O error once, UNMAP zeroes what was discarded, and LUNs
# added or removed on the host appear and vanish in the guest after the
# host's ENUMERATE_BUS. Needs the kernel's SCSI disk driver (sd_mod).
. /hvg/lib.sh

scsi=/sys/kernel/debug/hv_sim/scsi

lun_field() {
	sed -n "s/.* lun=$1 .*$2=\([0-9]*\).*/\1/p" "$scsi/luns"
}

need_sd
start_sim devices=scsi scsi_luns=8
load hv_storvsc
wait_scsi_disk 60 0 || fail "LUN 0 did not appear"
dev=/dev/$(scsi_disk 0)
[ "$(cat /sys/block/"${dev#/dev/}"/size)" -eq 16384 ] ||
	fail "$dev: $(cat /sys/block/"${dev#/dev/}"/size) sectors, want 16384"

dd if=/dev/urandom of=/tmp/pattern bs=64k count=16 2>/dev/null
# write_read TAG: write the pattern at 1 MiB, read it back, compare.
write_read() {
	dd if=/tmp/pattern of="$dev" bs=64k seek=16 conv=fsync 2>/dev/null ||
		fail "$1: write failed"
	echo 3 >/proc/sys/vm/drop_caches
	dd if="$dev" of=/tmp/back bs=64k skip=16 count=16 2>/dev/null ||
		fail "$1: read failed"
	cmp /tmp/pattern /tmp/back || fail "$1: data differs"
}

write_read "plain"
[ "$(lun_field 0 writes)" -gt 0 ] || fail "host counted no writes"

# Direct I/O of the largest transfer the host offers (256 KiB, 64 pages).
dd if=/tmp/pattern of="$dev" bs=256k seek=1 count=4 oflag=direct 2>/dev/null ||
	fail "256 KiB direct writes failed"
dd if="$dev" of=/tmp/back bs=256k skip=1 count=4 iflag=direct 2>/dev/null ||
	fail "256 KiB direct reads failed"
cmp /tmp/pattern /tmp/back || fail "256 KiB transfers: data differs"
echo "256 KiB transfers: data intact"

# Delayed completions: slower, same data.
before=$(storvsp_stat delayed)
storvsp_fault "delay_ms 50"
write_read "delay_ms 50"
storvsp_fault "delay_ms 0"
[ "$(storvsp_stat delayed)" -gt "$before" ] || fail "no completion was delayed"
echo "delayed completions: data intact"

# Reordered completions: several requests in flight at once.
storvsp_fault "reorder"
tries=0
while [ "$(storvsp_stat reordered)" -eq 0 ]; do
	tries=$((tries + 1))
	[ "$tries" -le 20 ] || fail "no batch of two completions to reorder"
	for i in 0 1 2 3 4 5; do
		dd if=/tmp/pattern of="$dev" bs=64k seek=$((32 + i * 16)) \
			oflag=direct 2>/dev/null &
	done
	wait
done
echo 3 >/proc/sys/vm/drop_caches
for i in 0 1 2 3 4 5; do
	dd if="$dev" of=/tmp/back bs=64k skip=$((32 + i * 16)) count=16 2>/dev/null
	cmp /tmp/pattern /tmp/back || fail "reorder: copy $i differs"
done
echo "reordered completions: data intact"

# A medium error on the next command: one failed read, then normal.
dmesg -c >/dev/null
storvsp_fault "error 0 3 0x11 0"
echo 3 >/proc/sys/vm/drop_caches
if dd if="$dev" of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null; then
	fail "read with an injected medium error succeeded"
fi
! grep -q error-armed "$scsi/luns" || fail "injected error not consumed"
dd if="$dev" of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null ||
	fail "read after the injected error failed"
echo "medium error: reported once"

# UNMAP: the guest sees discard support and reads zeros afterwards.
[ "$(cat /sys/block/"${dev#/dev/}"/queue/discard_max_bytes)" -gt 0 ] ||
	fail "no discard support on $dev"
blkdiscard -o 1048576 -l 1048576 "$dev" || fail "blkdiscard failed"
[ "$(lun_field 0 unmaps)" -gt 0 ] || fail "host saw no UNMAP"
echo 3 >/proc/sys/vm/drop_caches
dd if="$dev" of=/tmp/back bs=64k skip=16 count=16 2>/dev/null
dd if=/dev/zero of=/tmp/zero bs=64k count=16 2>/dev/null
cmp /tmp/zero /tmp/back || fail "discarded range does not read as zeros"
echo "unmap: discarded range reads zeros"

# Unsolicited packets a careless host might send: a completion for no
# request (trans_id 0) and an unknown operation. The guest must drop
# them and keep working.
storvsp_fault "notify 1"
storvsp_fault "notify 99"
write_read "after bogus unsolicited packets"
echo "bogus unsolicited packets: survived"

# Hot-add and hot-remove: the guest rescans on ENUMERATE_BUS.
before=$(storvsp_stat rescans)
storvsp_fault "add 3 2"
wait_scsi_disk 30 3 || fail "added LUN 3 did not appear"
[ "$(storvsp_stat rescans)" -gt "$before" ] || fail "no ENUMERATE_BUS sent"
before=$(storvsp_stat rescans)
storvsp_fault "remove 3"
[ "$(storvsp_stat rescans)" -gt "$before" ] || fail "no ENUMERATE_BUS sent"
# The host now answers INVALID_LUN for LUN 3; the guest finds out by
# probing its LUNs on ENUMERATE_BUS (upstream: TEST UNIT READY on each).
wait_for 30 no_scsi_disk 3 ||
	fail "guest kept removed LUN 3 after ENUMERATE_BUS"
has_scsi_disk 0 || fail "LUN 0 vanished with LUN 3"
write_read "after rescans"
echo "hot add/remove: seen by the guest"

[ "$(storvsp_stat bad_packets)" -eq 0 ] || fail "host saw $(storvsp_stat bad_packets) bad packets"
unload_retry hv_storvsc
stop_sim
