#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Moving an open channel to another CPU through sysfs: the mapping follows
# and traffic keeps flowing, also while the channel moves back and forth
# during traffic (signals then keep coming to the old CPU for a while).
. /hvg/lib.sh

[ "$(grep -c ^processor /proc/cpuinfo)" -ge 2 ] || {
	echo "needs two CPUs"
	exit 77
}
start_sim devices=echo
load hvg_echo
wait_echo 1
dev=$(echo_devs | head -n 1)
id=$(cat "$dev/id")
for cpu in 1 0 1; do
	echo "$cpu" >"$dev/channels/$id/cpu" || fail "moving to CPU $cpu refused"
	[ "$(cat "$dev/channels/$id/cpu")" = "$cpu" ] || fail "cpu reads $(cat "$dev/channels/$id/cpu")"
	grep -qx "$id:$cpu" "$dev/channel_vp_mapping" || fail "channel_vp_mapping: $(cat "$dev/channel_vp_mapping")"
	echo "100 512" >"$dev/echo_test" || fail "traffic on CPU $cpu: $(cat "$dev/echo_test")"
done
! echo 4096 >"$dev/channels/$id/cpu" 2>/dev/null || fail "CPU 4096 accepted"

# A pause in every callback widens the window an overlapping call hits,
# and the host signals after every packet.
echo 500 >/sys/module/hvg_echo/parameters/cb_delay_us
echo "signal_every $id" >/sys/kernel/debug/hv_sim/fault
send() {
	echo "3000 256" >"$dev/echo_test"
}
run_bg /tmp/sent send
moves=0
while [ ! -e /tmp/sent ]; do
	echo $((moves % 2)) >"$dev/channels/$id/cpu" 2>/dev/null ||
		[ -e /tmp/sent ] || fail "move $moves during traffic refused"
	moves=$((moves + 1))
done
wait "$!"
[ "$(cat /tmp/sent)" = 0 ] || fail "traffic while moving: $(cat "$dev/echo_test")"
echo "$moves moves during traffic: $(cat "$dev/echo_test")"
unload hvg_echo
stop_sim
