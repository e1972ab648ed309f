#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# 20 unloads and loads of hv_netvsc, traffic each time: every load
# renegotiates (INIT, buffers, RNDIS, sub-channels again), every unload
# tears down in order (HALT, revokes, GPADLs), nothing leaks on the host.
. /hvg/lib.sh

need_netvsc ping
net_up net_queues=4
i=1
while [ "$i" -le 20 ]; do
	unload_retry hv_netvsc
	[ "$(nvs_nic state)" = init ] || fail "reload $i: host still in state $(nvs_nic state)"
	load hv_netvsc
	wait_for 30 has_netvsc_if || fail "reload $i: no interface"
	NIF=$(netvsc_if)
	ip addr add 10.0.0.1/24 dev "$NIF"
	ip link set "$NIF" up
	wait_for 20 carrier_is 1 || fail "reload $i: no carrier"
	ping -c 1 -W 5 10.0.0.2 >/dev/null || fail "reload $i: no ping"
	i=$((i + 1))
done
grep -c ' net ' /sys/kernel/debug/hv_sim/channels
[ "$(grep -c ' net ' /sys/kernel/debug/hv_sim/channels)" -le 4 ] ||
	fail "channels pile up: $(cat /sys/kernel/debug/hv_sim/channels)"
[ "$(nvs_stat bad_packets)" -eq 0 ] || fail "host refused $(nvs_stat bad_packets) guest messages"
net_down
