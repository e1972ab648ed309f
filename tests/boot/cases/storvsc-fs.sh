#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A filesystem on a disk of the simulated storvsp, with Debian's own tools:
# sfdisk writes a GPT with two partitions, mkfs.ext4 formats the first,
# files written with their checksums read back intact after the driver was
# unloaded and reloaded (so from the host, not the page cache), e2fsck
# finds the unmounted filesystem clean; then the same while the host
# delays and reorders its completions.
. /hvg/lib.sh

need_sd
need_tools sfdisk mkfs.ext4 e2fsck sha256sum
modprobe ext4 2>/dev/null || grep -qw ext4 /proc/filesystems ||
	{ echo "no ext4 in this kernel"; exit 77; }

mnt=/mnt/storvsc-fs

# attach: load the driver and wait for LUN 0; sets $disk.
attach() {
	load hv_storvsc
	wait_for 60 has_scsi_disk 0 || fail "LUN 0 did not appear"
	disk=$(scsi_disk 0)
}

part_ready() {
	[ -b "/dev/${disk}1" ] && [ -b "/dev/${disk}2" ]
}

# write_files N: N files of random sizes (up to 1 MiB) under $mnt and
# their checksums in /tmp/sums.
write_files() {
	mkdir -p "$mnt/d"
	i=0
	while [ "$i" -lt "$1" ]; do
		kb=$(($(od -An -N2 -tu2 /dev/urandom) % 1024 + 1))
		dd if=/dev/urandom of="$mnt/d/f$i" bs=1k count="$kb" 2>/dev/null ||
			fail "writing f$i ($kb KiB) failed"
		i=$((i + 1))
	done
	(cd "$mnt/d" && sha256sum f*) >/tmp/sums
	sync
}

check_files() {
	(cd "$mnt/d" && sha256sum -c -s /tmp/sums) || fail "$1: files differ"
}

# fs_round TAG: write, unmount, reload the driver, mount, check, unmount,
# fsck. The partition table and filesystem already exist.
fs_round() {
	mount -t ext4 "/dev/${disk}1" "$mnt" || fail "$1: mount failed"
	rm -rf "$mnt/d"
	write_files 40
	umount "$mnt" || fail "$1: umount failed"
	unload_retry hv_storvsc
	attach
	wait_for 30 part_ready || fail "$1: partitions gone after reload"
	mount -t ext4 -o ro "/dev/${disk}1" "$mnt" || fail "$1: remount failed"
	check_files "$1"
	umount "$mnt" || fail "$1: second umount failed"
	e2fsck -fn "/dev/${disk}1" >/tmp/fsck.log 2>&1 ||
		{ cat /tmp/fsck.log; fail "$1: e2fsck found errors"; }
	echo "$1: 40 files intact, e2fsck clean"
}

start_sim devices=scsi scsi_luns=128
attach
mkdir -p "$mnt"

printf 'label: gpt\nsize=64MiB\n,\n' | sfdisk -q "/dev/$disk" >/tmp/sfdisk.log 2>&1 ||
	{ cat /tmp/sfdisk.log; fail "sfdisk failed"; }
wait_for 30 part_ready || fail "no partitions ${disk}1 and ${disk}2 after sfdisk"
[ "$(cat "/sys/block/$disk/${disk}1/size")" -eq 131072 ] ||
	fail "partition 1: $(cat "/sys/block/$disk/${disk}1/size") sectors, want 131072"
mkfs.ext4 -q -F "/dev/${disk}1" || fail "mkfs.ext4 failed"

fs_round "plain"

storvsp_misbehaving 5 0.2 fs_round "delayed, reordered"

[ "$(storvsp_stat bad_packets)" -eq 0 ] || fail "host saw $(storvsp_stat bad_packets) bad packets"
unload_retry hv_storvsc
stop_sim
