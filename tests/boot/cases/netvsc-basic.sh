#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The synthetic NIC end to end: hv_netvsc binds the offer, negotiates
# NVSP 6.1 with hv_sim's netvsp, takes the host's MAC address and link;
# ping and 2-second iperf3 TCP runs both ways cross the simulated host to
# the peer namespace, and the host counts the frames.
. /hvg/lib.sh

need_netvsc ping iperf3
net_up
ethtool -i "$NIF" | grep -q '^driver: hv_netvsc$' ||
	fail "ethtool -i: $(ethtool -i "$NIF" | head -1)"
mac=$(cat "/sys/class/net/$NIF/address")
[ "$mac" = 00:15:5d:53:48:00 ] || fail "MAC $mac, the host gave 00:15:5d:53:48:00"
[ "$(nvs_nic version)" = 6.1 ] || fail "NVSP $(nvs_nic version), want 6.1"
[ "$(nvs_nic rndis)" = ready ] || fail "RNDIS $(nvs_nic rndis)"
ip -d link show "$NIF"
ping_peer || fail "no ping answer from the peer"
peer ping -c 3 -i 0.2 -W 5 10.0.0.1 >/dev/null || fail "the peer cannot ping the guest"
ping -6 -c 2 -W 5 fd00::2 >/dev/null || fail "no IPv6 ping answer"
tx=$(nvs_stat tx_packets)
rx=$(nvs_stat rx_packets)
echo "guest -> peer: $(iperf_run)"
echo "peer -> guest: $(iperf_run -R)"
[ "$(nvs_stat tx_packets)" -gt $((tx + 100)) ] || fail "host saw $(nvs_stat tx_packets) frames from the guest"
[ "$(nvs_stat rx_packets)" -gt $((rx + 100)) ] || fail "host sent $(nvs_stat rx_packets) frames to the guest"
[ "$(nvs_stat bad_packets)" -eq 0 ] || fail "host refused $(nvs_stat bad_packets) guest messages"
# One completion per request: a second one is dropped by the core.
! dmesg_has "dropped completion for unknown transaction" ||
	fail "$(dmesg | grep -m1 'dropped completion')"
net_down
