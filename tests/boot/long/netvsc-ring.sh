#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ethtool -G: the receive and send buffers are renegotiated with the new
# section counts (the host sees smaller buffers), traffic goes on, and
# counts below the minimum of 10 are raised to it (upstream clamps too).
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
ethtool -G "$NIF" rx 5 || fail "ethtool -G rx 5"
# 10 sections of the guest's size; the host carves the buffer in its own.
rx=$(ethtool -g "$NIF" | grep -A4 '^Current' | sed -n 's/^RX:[[:space:]]*//p')
if [ "$rx" -lt 10 ] || [ "$rx" -gt 12 ]; then
	fail "rx 5 not raised to 10: $(ethtool -g "$NIF" | tr '\n' ' ')"
fi
ping_peer || fail "no ping after -G rx 5"
net_down
