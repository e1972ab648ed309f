#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Storage sub-channels: the host advertises multi-channel, the guest asks
# for sub-channels (CREATE_SUB_CHANNELS) and opens them; I/O from every
# CPU spreads over the channels with the data intact; reloading the
# driver offers no duplicates; rescinding the primary takes its
# sub-channels too. Skips while the guest uses the primary channel only.
# Needs sd_mod.
. /hvg/lib.sh

dbg=/sys/kernel/debug/hv_sim
scsi=$dbg/scsi

# Lines of hv_sim's channel list for the SCSI controller.
scsi_channels() {
	grep " scsi " "$dbg/channels"
}

open_subs() {
	scsi_channels | awk '$4 != 0 && $5 == "open"' | wc -l
}

subs_offered() {
	[ "$(storvsp_stat subchannels)" -gt 0 ]
}

open_subs_are() {
	[ "$(open_subs)" -eq "$1" ]
}

no_open_scsi() {
	! grep -q " scsi .* open" "$dbg/channels"
}

no_scsi_devices() {
	[ -z "$(ls /sys/bus/scsi/devices)" ]
}

need_sd
start_sim devices=scsi scsi_luns=32 scsi_max_subchannels=4
load hv_storvsc
wait_scsi_disk 60 0 || fail "LUN 0 did not appear"
if ! wait_for 5 subs_offered; then
	echo "the guest asked for no sub-channels: skipped"
	unload_retry hv_storvsc
	stop_sim
	exit 77
fi
nsub=$(storvsp_stat subchannels)
wait_for 30 open_subs_are "$nsub" ||
	fail "$nsub sub-channels offered, $(open_subs) open: $(scsi_channels)"
guid=$(scsi_channels | awk '{ print $3 }' | sort -u)
[ "$(echo "$guid" | wc -l)" -eq 1 ] || fail "sub-channels with other GUIDs: $guid"
scsi_channels

# I/O from every CPU at once.
dev=/dev/$(scsi_disk 0)
dd if=/dev/urandom of=/tmp/pattern bs=64k count=16 2>/dev/null
ncpu=$(grep -c ^processor /proc/cpuinfo)
for _ in 1 2 3; do
	cpu=0
	while [ "$cpu" -lt "$ncpu" ]; do
		taskset -c "$cpu" dd if=/tmp/pattern of="$dev" bs=64k \
			seek=$((cpu * 16)) oflag=direct 2>/dev/null &
		cpu=$((cpu + 1))
	done
	wait
done
cpu=0
while [ "$cpu" -lt "$ncpu" ]; do
	dd if="$dev" of=/tmp/back bs=64k skip=$((cpu * 16)) count=16 \
		iflag=direct 2>/dev/null || fail "read back $cpu failed"
	cmp /tmp/pattern /tmp/back || fail "copy $cpu differs"
	cpu=$((cpu + 1))
done
cat "$scsi/channels"
busy=$(awk '{ split($5, a, "="); if (a[2] > 0) n++ } END { print n + 0 }' \
	"$scsi/channels")
[ "$busy" -ge 2 ] || fail "I/O used $busy channel(s): $(cat "$scsi/channels")"
echo "sub-channels: I/O over $busy channels, data intact"

# Reload: the guest asks again, the host offers nothing twice.
unload_retry hv_storvsc
load hv_storvsc
wait_scsi_disk 60 0 || fail "LUN 0 did not come back after a reload"
[ "$(scsi_channels | wc -l)" -le $((1 + 4)) ] ||
	fail "more than 4 sub-channels: $(scsi_channels)"

# Rescinding the primary rescinds its sub-channels.
primary=$(scsi_channels | awk '$4 == 0 { print $1 }')
echo "$primary" >"$dbg/rescind" || fail "rescind $primary refused"
wait_for 30 no_open_scsi ||
	fail "channels still open after the rescind: $(scsi_channels)"
wait_for 30 no_scsi_devices ||
	fail "disk still there after the rescind"
echo "rescind: primary and sub-channels gone"
unload_retry hv_storvsc
stop_sim
