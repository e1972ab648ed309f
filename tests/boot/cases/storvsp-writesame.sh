#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# WRITE SAME through hv_storvsc and sd to the simulated storvsp, proven by
# the host's per-LUN counters and by what the disk reads back:
# - discard stays UNMAP (VPD 0xb2 LBPU with UNMAP limits wins in sd);
# - with WRITE SAME on up to VPD 0xb0's MAXIMUM WRITE SAME LENGTH (sd
#   leaves it off for hosts whose template sets no_write_same, as
#   storvsc's does: the case turns it on through sysfs), sd's other
#   provisioning modes discard by WRITE SAME(16) or (10) with UNMAP, or
#   (10) writing zeros, split at that length; mkfs.ext4's zeroout
#   (fallocate ZERO_RANGE) becomes WRITE SAME;
# - fio's sg engine sends WRITE SAME with a patterned block, with NDOB,
#   and over the limit (refused).
# Needs the kernel's SCSI disk driver; fio and mkfs.ext4 parts need
# Debian's userland.
. /hvg/lib.sh

scsi=/sys/kernel/debug/hv_sim/scsi

lun_field() {
	sed -n "s/.* lun=0 .*$1=\([0-9]*\).*/\1/p" "$scsi/luns"
}

# VPD page byte range as one number: vpd_bytes PAGE OFFSET COUNT.
vpd_bytes() {
	echo $((0x$(od -An -tx1 -j"$2" -N"$3" "$sdev/vpd_$1" | tr -d ' \n')))
}

need_sd
start_sim devices=scsi scsi_luns=16
load hv_storvsc
wait_scsi_disk 60 0 || fail "LUN 0 did not appear"
disk=$(scsi_disk 0)
dev=/dev/$disk
q=/sys/block/$disk/queue
sdev=/sys/block/$disk/device
sd=$(echo "$sdev"/scsi_disk/*)

lbp=$(vpd_bytes pgb2 5 1)
[ $((lbp & 0xe4)) -eq $((0xe4)) ] ||
	fail "VPD 0xb2 byte 5 is $lbp: want LBPU, LBPWS, LBPWS10, LBPRZ"
wsmax=$(vpd_bytes pgb0 36 8)
[ "$wsmax" -gt 0 ] || fail "no MAXIMUM WRITE SAME LENGTH in VPD 0xb0"
echo "VPD: LBP byte 5 $lbp, MAXIMUM WRITE SAME LENGTH $wsmax blocks"
echo "sd as probed: provisioning_mode $(cat "$sd/provisioning_mode")," \
	"zeroing_mode $(cat "$sd/zeroing_mode"), max_write_same_blocks" \
	"$(cat "$sd/max_write_same_blocks"), write_zeroes_max_bytes" \
	"$(cat "$q/write_zeroes_max_bytes")"
[ "$(cat "$sd/provisioning_mode")" = unmap ] ||
	fail "discard by $(cat "$sd/provisioning_mode"), want unmap"

# 2 MiB of pattern at the start of the disk; each step zeroes part of it.
dd if=/dev/urandom of=/tmp/pattern bs=64k count=32 2>/dev/null
put_pattern() {
	dd if=/tmp/pattern of="$dev" bs=64k oflag=direct 2>/dev/null ||
		fail "writing the pattern failed"
}

# expect_zeroed OFF_KB LEN_KB TAG: that range reads zeros, the rest of
# the 2 MiB still the pattern.
expect_zeroed() {
	cp /tmp/pattern /tmp/expect
	dd if=/dev/zero of=/tmp/expect bs=1k seek="$1" count="$2" \
		conv=notrunc 2>/dev/null
	dd if="$dev" of=/tmp/back bs=64k count=32 iflag=direct 2>/dev/null ||
		fail "$3: read back failed"
	cmp /tmp/expect /tmp/back || fail "$3: not zeros just in ${1}K+${2}K"
}

# discard_by MODE OFF_KB LEN_KB COUNTER N: blkdiscard in that sd
# provisioning mode makes the host count N more of COUNTER and nothing
# more of the other (unmaps or write_sames).
discard_by() {
	echo "$1" >"$sd/provisioning_mode" || fail "provisioning_mode $1 refused"
	put_pattern
	other=write_sames
	[ "$4" = write_sames ] && other=unmaps
	n=$(lun_field "$4")
	o=$(lun_field $other)
	blkdiscard -o $(($2 * 1024)) -l $(($3 * 1024)) "$dev" ||
		fail "$1: blkdiscard failed"
	[ "$(lun_field "$4")" -eq $((n + $5)) ] ||
		fail "$1: host counted $(($(lun_field "$4") - n)) $4, want $5"
	[ "$(lun_field $other)" -eq "$o" ] || fail "$1: host counted $other"
	expect_zeroed "$2" "$3" "$1"
	echo "discard as $1: $5 command(s) counted in $4, ${3}K zeroed"
}

# blocks KB: commands for KB KiB at wsmax blocks each.
blocks() {
	echo $(((($1 * 2) + wsmax - 1) / wsmax))
}

discard_by unmap 256 256 unmaps 1

# WRITE SAME on, as far as VPD 0xb0 allows: zeroing then uses it, with
# UNMAP where sd may (LBPRZ and LBPWS).
echo "$wsmax" >"$sd/max_write_same_blocks" ||
	fail "max_write_same_blocks $wsmax refused"
[ "$(cat "$q/write_zeroes_max_bytes")" -eq $((wsmax * 512)) ] ||
	fail "write_zeroes_max_bytes $(cat "$q/write_zeroes_max_bytes"), want $((wsmax * 512))"
[ "$(cat "$sd/zeroing_mode")" = writesame_16_unmap ] ||
	fail "zeroing_mode $(cat "$sd/zeroing_mode"), want writesame_16_unmap"

discard_by writesame_16 512 512 write_sames "$(blocks 512)"
discard_by writesame_10 1024 256 write_sames "$(blocks 256)"
discard_by writesame_zero 1536 128 write_sames "$(blocks 128)"
discard_by unmap 1792 64 unmaps 1

if command -v fio >/dev/null; then
	# fio --ioengine=sg: SG_IO straight to the disk, past sd's choices.
	sgfio() {
		fio --name=ws --filename="$dev" --ioengine=sg --rw=write \
			--scramble_buffers=0 "$@" >/tmp/fio.log 2>&1
	}
	put_pattern
	n=$(lun_field write_sames)
	sgfio --sg_write_mode=write_same --bs=64k --offset=1M --size=256k \
		--buffer_pattern=0xdeadbeef ||
		{ cat /tmp/fio.log; fail "fio write_same failed"; }
	[ "$(lun_field write_sames)" -eq $((n + 4)) ] ||
		fail "host counted $(($(lun_field write_sames) - n)) WRITE SAMEs from fio, want 4"
	printf '\336\255\276\357' >/tmp/ws
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		cat /tmp/ws /tmp/ws >/tmp/ws2 && mv /tmp/ws2 /tmp/ws
	done
	cp /tmp/pattern /tmp/expect
	dd if=/tmp/ws of=/tmp/expect bs=64k seek=16 conv=notrunc 2>/dev/null
	dd if="$dev" of=/tmp/back bs=64k count=32 iflag=direct 2>/dev/null
	cmp /tmp/expect /tmp/back ||
		fail "fio write_same: 256K at 1M do not all hold its block"
	echo "fio write_same: 4 commands, every block holds the pattern"

	sgfio --sg_write_mode=write_same_ndob --bs=64k --offset=1M --size=64k ||
		{ cat /tmp/fio.log; fail "fio write_same_ndob failed"; }
	[ "$(lun_field write_sames)" -eq $((n + 5)) ] ||
		fail "host did not count fio's NDOB WRITE SAME"
	dd if=/dev/zero of=/tmp/expect bs=64k seek=16 count=1 conv=notrunc 2>/dev/null
	dd if="$dev" of=/tmp/back bs=64k count=32 iflag=direct 2>/dev/null
	cmp /tmp/expect /tmp/back || fail "fio write_same_ndob: not zeros"
	echo "fio write_same_ndob: 64K zeroed"

	# One command over MAXIMUM WRITE SAME LENGTH: refused, nothing written.
	sgfio --sg_write_mode=write_same --bs=$(((wsmax + 1) * 512)) \
		--size=$(((wsmax + 1) * 512)) --buffer_pattern=0x00 &&
		fail "WRITE SAME of $((wsmax + 1)) blocks succeeded"
	[ "$(lun_field write_sames)" -eq $((n + 5)) ] ||
		fail "host counted a WRITE SAME over its limit"
	dd if="$dev" of=/tmp/back bs=64k count=32 iflag=direct 2>/dev/null
	cmp /tmp/expect /tmp/back || fail "a refused WRITE SAME changed the disk"
	echo "fio write_same of $((wsmax + 1)) blocks: refused"
else
	echo "no fio in the initramfs: SG_IO WRITE SAME not tried"
fi

if command -v mkfs.ext4 >/dev/null; then
	# mke2fs zeroes inode tables and journal with fallocate(ZERO_RANGE):
	# BLKDEV_ZERO_NOUNMAP, so WRITE SAME without UNMAP.
	n=$(lun_field write_sames)
	u=$(lun_field unmaps)
	mkfs.ext4 -q -F -E nodiscard,lazy_itable_init=0,lazy_journal_init=0 \
		"$dev" || fail "mkfs.ext4 failed"
	[ "$(lun_field write_sames)" -gt "$n" ] ||
		fail "mkfs.ext4 zeroed without WRITE SAME"
	[ "$(lun_field unmaps)" -eq "$u" ] || fail "mkfs.ext4 sent UNMAP"
	e2fsck -fn "$dev" >/tmp/fsck.log 2>&1 ||
		{ cat /tmp/fsck.log; fail "e2fsck after mkfs.ext4"; }
	echo "mkfs.ext4: $(($(lun_field write_sames) - n)) WRITE SAMEs, e2fsck clean"
else
	echo "no mkfs.ext4 in the initramfs: zeroout not tried"
fi

[ "$(sed -n 's/^bad_packets //p' "$scsi/stats")" -eq 0 ] ||
	fail "host saw bad packets"
unload_retry hv_storvsc
stop_sim
