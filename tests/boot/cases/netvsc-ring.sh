#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ethtool -G: the receive and send buffers are renegotiated with the new
# section counts (the host sees smaller buffers), traffic goes on, and
# counts below the minimum are refused.
. /hvg/lib.sh

need_netvsc ping iperf3
net_up
ethtool -g "$NIF"
rsec=$(nvs_nic rsec)
ethtool -G "$NIF" rx 1000 tx 100 || fail "ethtool -G rx 1000 tx 100"
ethtool -g "$NIF" | grep -A4 '^Current' | grep -q 'RX:[[:space:]]*1000' ||
	fail "ethtool -g after -G: $(ethtool -g "$NIF" | tr '\n' ' ')"
[ "$(nvs_nic rsec)" != "$rsec" ] || fail "host still has a receive buffer of $rsec"
echo "receive sections: $rsec -> $(nvs_nic rsec)"
ping_peer || fail "no ping after -G"
iperf_run -R >/dev/null
ethtool -G "$NIF" rx 5 2>/dev/null && fail "ethtool -G rx 5 (below the minimum) taken"
ping_peer || fail "no ping after a refused -G"
net_down
