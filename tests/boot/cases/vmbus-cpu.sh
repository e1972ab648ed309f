#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Moving an open channel to another CPU through sysfs: the mapping follows
# and traffic keeps flowing.
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
unload hvg_echo
stop_sim
