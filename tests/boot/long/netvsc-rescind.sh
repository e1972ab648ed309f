#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The host takes the NIC away during an iperf3 run: the guest must not
# hang or crash, the interface goes, iperf3 can be ended, the driver unloads;
# offered again, the NIC comes back and carries traffic. A sub-channel
# rescinded alone is survived too.
. /hvg/lib.sh

need_netvsc ping iperf3

nic_relid() {
	awk '$2 == "net" && $4 == '"$1"' && $5 == "open" { print $1; exit }' \
		/sys/kernel/debug/hv_sim/channels
}

net_up net_queues=4
sub=$(nic_relid 1)
if [ -n "$sub" ]; then
	echo "$sub" >/sys/kernel/debug/hv_sim/rescind || fail "rescind of sub-channel $sub refused"
	sleep 1
	ping_peer || fail "no ping after a sub-channel was rescinded"
fi
relid=$(nic_relid 0)
[ -n "$relid" ] || fail "no open NIC channel: $(cat /sys/kernel/debug/hv_sim/channels)"
peer iperf3 -s -1 -D -B 10.0.0.2 >/dev/null 2>&1
sleep 0.5
iperf3 -c 10.0.0.2 -t 20 >/tmp/iperf.log 2>&1 &
perf=$!
sleep 2
echo "$relid" >/sys/kernel/debug/hv_sim/rescind || fail "rescind $relid refused"
wait_for 30 test -z "$(netvsc_if)" || fail "the interface stayed after the rescind"
# iperf3 itself may wait for its peer long after the route went: it must
# at least die when killed, i.e. hang in no driver call.
kill "$perf" 2>/dev/null
wait_for 10 ended "$perf" || fail "iperf3 did not end 10 s after a kill"
unload_retry hv_netvsc
load hv_netvsc
echo "$relid" >/sys/kernel/debug/hv_sim/reoffer || fail "reoffer refused"
wait_for 30 has_netvsc_if || fail "no interface after the reoffer"
NIF=$(netvsc_if)
ip addr add 10.0.0.1/24 dev "$NIF"
ip link set "$NIF" up
wait_for 20 carrier_is 1 || fail "no carrier after the reoffer"
ping_peer || fail "no ping after the reoffer"
net_down
