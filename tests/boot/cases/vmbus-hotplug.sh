#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Taking a CPU offline while its channels carry traffic: they move to
# another CPU (MODIFY_CHANNEL) and keep working, for the echo device and
# for storvsc with reads in flight; the CPU comes back and takes channels
# again. A host too old to move channels (VMBus 4.0) makes the guest
# refuse the offline with the reason, and so does the CPU that receives
# the host's messages.
. /hvg/lib.sh

[ "$(nproc)" -ge 2 ] || { echo "needs two CPUs"; exit 77; }
cpu1=/sys/devices/system/cpu/cpu1/online
[ -w "$cpu1" ] || { echo "CPU 1 cannot go offline in this kernel"; exit 77; }
trap 'echo 1 >"$cpu1" 2>/dev/null' EXIT

# channels_on CPU DEVICE...: the channel directories that target CPU.
channels_on() {
	cpu=$1
	shift
	for d; do
		for c in "$d"/channels/*; do
			[ "$(cat "$c/cpu")" = "$cpu" ] && echo "$c"
		done
	done
}

set_cpu1() {
	echo "$1" >"$cpu1"
}

# offline_cpu1: take CPU 1 offline, failing if that does not end in 30 s.
offline_cpu1() {
	run_bg /tmp/offline set_cpu1 0
	wait_for 30 test -s /tmp/offline || fail "taking CPU 1 offline hangs"
	wait "$!"
	[ "$(cat /tmp/offline)" = 0 ] || fail "CPU 1 refused to go offline: $(dmesg | tail -3)"
}

rounds() {
	while [ ! -e /tmp/stop ]; do
		"$@" || return 1
	done
}

# across_offline WHAT COMMAND...: COMMAND in rounds from before CPU 1
# goes offline until 2 s after; fail if a round fails or they hang.
across_offline() {
	what=$1
	shift
	rm -f /tmp/stop
	run_bg /tmp/rounds rounds "$@"
	pid=$!
	sleep 1
	offline_cpu1
	sleep 2
	touch /tmp/stop
	wait_for 60 test -s /tmp/rounds || fail "$what hangs after CPU 1 went offline"
	wait "$pid"
	[ "$(cat /tmp/rounds)" = 0 ] || fail "$what across the offline failed"
}

dmesg -c >/dev/null
start_sim devices=echo:1,scsi scsi_luns=16 scsi_max_subchannels=2
load hvg_echo
wait_echo 1
dev=$(echo_devs)
[ "$(cat "$dev/echo_channels")" = 2 ] || fail "echo has $(cat "$dev/echo_channels") channels, want 2"
for c in "$dev"/channels/*; do
	echo 1 >"$c/cpu" || fail "moving $c to CPU 1"
done

# Echo traffic across the offline: both channels were on CPU 1.
echo_round() {
	echo "200 512" >"$dev/echo_test" ||
		{ echo "echo: $(cat "$dev/echo_test")"; return 1; }
}
across_offline "echo traffic" echo_round
[ -z "$(channels_on 1 "$dev")" ] || fail "channels still on CPU 1: $(channels_on 1 "$dev")"
echo "echo across the offline: $(cat "$dev/echo_test")"
echo 1 >"$cpu1" || fail "CPU 1 refused to come back"
for c in "$dev"/channels/*; do
	echo 1 >"$c/cpu" || fail "moving $c back to CPU 1"
done
echo "500 512" >"$dev/echo_test" || fail "echo on CPU 1 again: $(cat "$dev/echo_test")"
unload hvg_echo

# storvsc: reads pinned to CPU 0 whose completions come on CPU 1.
if modprobe sd_mod 2>/dev/null || [ -d /sys/bus/scsi/drivers/sd ]; then
	load hv_storvsc
	wait_for 30 has_scsi_disk 0 || fail "no disk"
	disk=$(scsi_disk 0)
	scsi=/sys/bus/vmbus/devices/$(class_devices "$SCSI_CLASS")
	for c in "$scsi"/channels/*; do
		echo 1 >"$c/cpu" || fail "moving $c to CPU 1"
	done
	read_round() {
		taskset -c 0 dd if="/dev/$disk" of=/dev/null bs=64k \
			iflag=direct 2>/dev/null
	}
	across_offline "storvsc reads" read_round
	[ -z "$(channels_on 1 "$scsi")" ] || fail "storvsc channels still on CPU 1"
	echo 1 >"$cpu1" || fail "CPU 1 refused to come back"
	echo "storvsc: $(find "$scsi/channels" -mindepth 1 -maxdepth 1 | wc -l) channels moved, reads went on"
	unload_retry hv_storvsc
else
	echo "no SCSI disk driver in this kernel: storvsc part skipped"
fi
stop_sim

# VMBus 4.0 cannot move an open channel: the offline is refused, saying so.
start_sim devices=echo max_version=4.0
load hvg_echo
wait_echo 1
dev=$(echo_devs)
id=$(cat "$dev/id")
# Relids spread over the CPUs: relid 1 lands on CPU 1.
[ "$(cat "$dev/channels/$id/cpu")" = 1 ] ||
	fail "echo channel on CPU $(cat "$dev/channels/$id/cpu"), want 1"
dmesg -c >/dev/null
! echo 0 >"$cpu1" 2>/dev/null || fail "CPU 1 went offline under an open channel on VMBus 4.0"
dmesg_has "cannot move" || fail "no reason logged for the refused offline"
echo "4.0: offline refused: $(dmesg | grep 'cannot move' | head -1)"
echo "50 512" >"$dev/echo_test" || fail "echo after the refused offline: $(cat "$dev/echo_test")"
# Closed channels need no message: the offline goes through.
unload hvg_echo
offline_cpu1
echo 1 >"$cpu1" || fail "CPU 1 refused to come back"
stop_sim

# The CPU that receives the host's messages stays (where it can go).
cpu0=/sys/devices/system/cpu/cpu0/online
if [ -w "$cpu0" ]; then
	start_sim devices=echo
	! echo 0 >"$cpu0" 2>/dev/null || {
		echo 1 >"$cpu0"
		fail "CPU 0 went offline while connected"
	}
	echo "CPU 0: offline refused while connected"
	stop_sim
fi
