#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hv_storvsc with sub-channels: after CREATE_SUB_CHANNELS the host offers
# them, the SCSI host gets one hardware queue per channel, I/O from each
# CPU goes out on its own channel, data written through every queue comes
# back intact (also after reloading the driver), a sub-channel rescinded
# alone leaves its queue on the primary, and a rescind of the controller
# with reads held on all channels fails them cleanly.
. /hvg/lib.sh

need_sd
cpus=$(nproc)
[ "$cpus" -ge 2 ] || { echo "one CPU: no sub-channels to ask for"; exit 77; }

sim=/sys/kernel/debug/hv_sim
dmesg -c >/dev/null

# scsi_max_subchannels: the max_channel_count storvsp announces, with the
# multi-channel flag.
start_sim devices=scsi scsi_luns=16 scsi_max_subchannels=8
load hv_storvsc

wait_scsi_disk 30 0 || fail "no disk"
name=$(class_devices "$SCSI_CLASS")
[ -n "$name" ] || fail "no controller"
dev=/sys/bus/vmbus/devices/$name
id=$(cat "$dev/id")

# The sub-channels come after the answer to CREATE_SUB_CHANNELS.
want=$cpus
[ "$want" -gt 9 ] && want=9
nchan() {
	find "$dev/channels" -mindepth 1 -maxdepth 1 | wc -l
}
nchan_is() {
	[ "$(nchan)" -eq "$1" ]
}
wait_for 10 nchan_is "$want" || fail "$(nchan) channels, want $want"
queues=$(find /sys/block/sda/mq -mindepth 1 -maxdepth 1 | wc -l)
[ "$queues" -eq "$want" ] || fail "$queues hardware queues, $want channels"
echo "$want channels, $queues hardware queues"

# events: the guest's signals to the host on each channel.
events() {
	for c in "$dev"/channels/*; do
		echo "$(basename "$c") $(cat "$c/events")"
	done
}
# busiest BEFORE AFTER: the relid whose count grew most.
busiest() {
	echo "$1" >/tmp/ev-before
	echo "$2" | while read -r relid n; do
		b=$(awk -v r="$relid" '$1 == r { print $2 }' /tmp/ev-before)
		echo "$((n - b)) $relid"
	done | sort -n | tail -1 | awk '{ print $2 }'
}
used=
cpu=0
while [ "$cpu" -lt "$want" ]; do
	before=$(events)
	taskset -c "$cpu" dd if=/dev/sda of=/dev/null bs=4k count=200 \
		iflag=direct 2>/dev/null || fail "reads on CPU $cpu failed"
	relid=$(busiest "$before" "$(events)")
	case " $used " in
	*" $relid "*) fail "CPU $cpu used relid $relid, as another CPU did" ;;
	esac
	used="$used $relid"
	cpu=$((cpu + 1))
done
echo "CPUs 0-$((want - 1)) sent on relids$used"

# Each CPU writes its own MiB with O_DIRECT, the next CPU reads it back.
dd if=/dev/urandom of=/tmp/pattern bs=64k count=16 2>/dev/null ||
	fail "cannot make a pattern"
sum=$(md5sum </tmp/pattern)
check_data() {
	cpu=0
	while [ "$cpu" -lt "$want" ]; do
		if [ "$1" = write ]; then
			taskset -c "$cpu" dd if=/tmp/pattern of=/dev/sda bs=64k \
				seek=$((cpu * 16)) oflag=direct 2>/dev/null ||
				fail "direct write on CPU $cpu failed"
		fi
		got=$(taskset -c $(((cpu + 1) % want)) dd if=/dev/sda bs=64k \
			skip=$((cpu * 16)) count=16 iflag=direct 2>/dev/null | md5sum)
		[ "$got" = "$sum" ] || fail "MiB $cpu read back $got, wrote $sum ($1)"
		cpu=$((cpu + 1))
	done
}
check_data write

unload_retry hv_storvsc
wait_for 20 test ! -e /sys/block/sda || fail "disk still present after unload"
load hv_storvsc
wait_scsi_disk 30 0 || fail "no disk after reload"
wait_for 10 nchan_is "$want" || fail "$(nchan) channels after reload"
check_data reload
echo "data through all queues ok, also after reload"

# A sub-channel rescinded alone: its queue goes on the primary.
sub=$(for c in "$dev"/channels/*; do
	[ "$(cat "$c/subchannel_id")" = 1 ] && basename "$c"
done)
[ -n "$sub" ] || fail "no sub-channel 1"
echo "$sub" >"$sim/rescind" || fail "hv_sim refused to rescind relid $sub"
taskset -c 1 dd if=/dev/sda of=/dev/null bs=4k count=100 iflag=direct \
	2>/dev/null || fail "reads on CPU 1 failed after its sub-channel went"
wait_for 10 dmesg_has "sub-channel 1 rescinded" ||
	fail "no message about the rescinded sub-channel"
check_data rescinded-sub
echo "sub-channel rescinded alone: ok"

# Completions wait 3 s in the host, so reads are outstanding on every
# channel when the controller goes.
echo "delay_ms 3000" >"$sim/scsi/fault" || fail "hv_sim refused the delay"
readers=
cpu=0
while [ "$cpu" -lt "$want" ]; do
	taskset -c "$cpu" sh -c 'while dd if=/dev/sda of=/dev/null bs=4k \
		count=64 iflag=direct 2>/dev/null; do :; done' &
	readers="$readers $!"
	cpu=$((cpu + 1))
done
sleep 1
echo "$id" >"$sim/rescind" || fail "hv_sim refused to rescind relid $id"
wait_for 30 test ! -e "$dev" || fail "controller still present after the rescind"
wait_for 10 test ! -e /sys/block/sda || fail "disk still present"
for r in $readers; do
	wait_for 10 test ! -d "/proc/$r" || fail "reader $r still blocked"
done
echo "rescind with reads on all channels: ok"

echo "delay_ms 0" >"$sim/scsi/fault"
echo "$id" >"$sim/reoffer" || fail "hv_sim refused to re-offer"
wait_scsi_disk 30 0 || fail "no disk after re-offer"
dd if=/dev/sda of=/dev/null bs=64k count=16 2>/dev/null ||
	fail "reading the re-offered disk failed"
dmesg | grep -i storvsc | grep -i -e "bad " -e "cannot" -e "failed" &&
	fail "hv_storvsc complained"
unload_retry hv_storvsc
stop_sim
echo "storvsc multi-queue ok"
