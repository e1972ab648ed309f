#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A driver opens a channel to the simulated echo device and exchanges
# packets of many sizes through the rings; the channel's sysfs follows.
. /hvg/lib.sh

start_sim devices=echo,echo
load hvg_echo
wait_echo 2

for dev in $(echo_devs); do
	[ "$(cat "$dev/state")" = 3 ] || fail "$dev: state $(cat "$dev/state"), want 3 (opened)"
	for size in 16 17 64 1000 4096 8192; do
		echo "200 $size" >"$dev/echo_test" ||
			fail "$dev: 200 x $size bytes: $(cat "$dev/echo_test")"
	done
	echo "$(basename "$dev"): $(cat "$dev/echo_test")"
	id=$(cat "$dev/id")
	[ "$(cat "$dev/channels/$id/interrupts")" -gt 0 ] ||
		fail "$dev: no interrupts counted"
	[ "$(cat "$dev/channels/$id/read_avail")" = 0 ] ||
		fail "$dev: inbound ring not drained"
	# hvg_echo's rings: 64 KiB each, the control page included.
	for r in in out; do
		sum=$(($(cat "$dev/${r}_read_bytes_avail") + $(cat "$dev/${r}_write_bytes_avail")))
		[ "$sum" = 61440 ] || fail "$dev: $r ring avail bytes add up to $sum"
		for i in read write; do
			idx=$(cat "$dev/${r}_${i}_index")
			if [ "$idx" -ge 61440 ] || [ $((idx % 8)) != 0 ]; then
				fail "$dev: ${r}_${i}_index $idx"
			fi
		done
	done
	[ "$(cat "$dev/in_read_index")" = "$(cat "$dev/in_write_index")" ] ||
		fail "$dev: inbound indices differ on a drained ring"
done
unload hvg_echo
for dev in $(vmbus_devices); do
	[ "$(cat "/sys/bus/vmbus/devices/$dev/state")" = 2 ] ||
		fail "$dev: state $(cat "/sys/bus/vmbus/devices/$dev/state") after close, want 2"
done
stop_sim
