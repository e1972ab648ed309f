#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hv_sim's netvsp without a guest driver: each "net" device gets a switch
# port (hvsw0, hvsw1) with a stable address, the NICs are offered, bad
# knobs are refused at load, the port survives a trip through a network
# namespace and the host's unload, and the debugfs files answer.
. /hvg/lib.sh

need_tools ip
load hv_vmbus platform=sim
insmod "$HVG_MODULES/hv_sim.ko" net_max_version=3 2>/dev/null &&
	fail "hv_sim took net_max_version=3"
insmod "$HVG_MODULES/hv_sim.ko" net_send_table=bogus 2>/dev/null &&
	fail "hv_sim took net_send_table=bogus"
insmod "$HVG_MODULES/hv_sim.ko" net_queues=65 2>/dev/null &&
	fail "hv_sim took net_queues=65"
load hv_sim devices=net,net,echo net_queues=4
for i in 0 1; do
	[ -e /sys/class/net/hvsw$i ] || fail "no switch port hvsw$i"
	[ "$(cat /sys/class/net/hvsw$i/address)" = "02:15:5d:53:57:0$i" ] ||
		fail "hvsw$i has address $(cat /sys/class/net/hvsw$i/address)"
done
wait_for 20 test "$(grep -c ' net .* offered ' /sys/kernel/debug/hv_sim/channels)" -eq 2 ||
	fail "NICs not offered: $(cat /sys/kernel/debug/hv_sim/channels)"
grep -q 'nic=0 port=hvsw0 mac=00:15:5d:53:48:00 .* state=init ' "$NVS_DBG/nics" ||
	fail "nics: $(cat "$NVS_DBG/nics")"
cat "$NVS_DBG/stats" "$NVS_DBG/queues" "$NVS_DBG/rss" "$NVS_DBG/fault" >/dev/null ||
	fail "netvsp debugfs files do not read"
echo bogus >"$NVS_DBG/fault" 2>/dev/null && fail "fault took 'bogus'"
echo "malformed xfer_count" >"$NVS_DBG/fault" 2>/dev/null &&
	fail "a malformed packet was sent to no guest"
nvs_fault "drop_completions 3"
grep -q '^drop_completions 3$' "$NVS_DBG/fault" || fail "fault: $(cat "$NVS_DBG/fault")"
nvs_fault clear
echo down >"$NVS_DBG/link" || fail "link down refused"
grep -q 'nic=0 .* link=down' "$NVS_DBG/nics" || fail "link state not kept"
echo up >"$NVS_DBG/link" || fail "link up refused"
# The port in a namespace, the namespace gone, the host unloaded.
mkdir -p /run
if ip netns add peer 2>/dev/null; then
	ip link set hvsw0 netns peer || fail "cannot move hvsw0"
	ip netns exec peer ip link set hvsw0 up
	ip netns del peer
	wait_for 10 test -e /sys/class/net/hvsw0 || fail "hvsw0 did not come back from the namespace"
fi
stop_sim
[ -e /sys/class/net/hvsw0 ] && fail "hvsw0 stayed after hv_sim unloaded"
echo "netvsp host: ports, offers, knobs and faults as documented"
