#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# XDP on the synthetic NIC with Debian's ip (libbpf) and tiny programs
# built by tests/boot/xdp/build-xdp: drop (the peer's pings die, the
# per-queue xdp_drop counter rises), pass, tx (frames bounce back to the
# peer, whose port sees its own requests again) and redirect to the same
# interface (xdp_redirect and xdp_xmit counters); no program with LRO on.
. /hvg/lib.sh

need_netvsc ping
xdp=$HVG_MODULES
[ -e "$xdp/hvg_xdp_drop.o" ] || { echo "no XDP objects (no clang at build time)"; exit 77; }

# sum_stat PATTERN: the sum of the ethtool -S counters matching PATTERN.
sum_stat() {
	ethtool -S "$NIF" | awk -v p="$1" '$1 ~ p { s += $2 } END { print s + 0 }'
}

xdp_on() {
	ip link set dev "$NIF" xdp obj "$xdp/hvg_xdp_$1.o" sec xdp ||
		fail "cannot attach XDP $1"
}

peer_pings() {
	peer ping -c 5 -i 0.2 -W 1 10.0.0.1 >/dev/null 2>&1
}

net_up
ping_peer || fail "no ping before XDP"
ethtool -K "$NIF" lro off 2>/dev/null

xdp_on drop
d=$(sum_stat '_xdp_drop:$')
peer_pings && fail "pings answered through an XDP drop program"
[ "$(sum_stat '_xdp_drop:$')" -gt "$d" ] || fail "xdp_drop did not count"
ip link set dev "$NIF" xdp off

xdp_on pass
ping_peer || fail "no ping through an XDP pass program"
ip link set dev "$NIF" xdp off

xdp_on tx
t=$(sum_stat '_xdp_tx:$')
peer tcpdump -Z root -i hvsw0 -nn -c 4 'icmp and src host 10.0.0.2' \
	>/tmp/xdp-tx.log 2>/dev/null &
dump=$!
sleep 1
peer_pings
sleep 0.5
kill "$dump" 2>/dev/null
wait "$dump" 2>/dev/null
[ "$(sum_stat '_xdp_tx:$')" -gt "$t" ] || fail "xdp_tx did not count"
ip link set dev "$NIF" xdp off

xdp_on redirect
r=$(sum_stat '_xdp_redirect:$')
x=$(sum_stat '_xdp_xmit:$')
peer_pings
[ "$(sum_stat '_xdp_redirect:$')" -gt "$r" ] || fail "xdp_redirect did not count"
[ "$(sum_stat '_xdp_xmit:$')" -gt "$x" ] || fail "xdp_xmit did not count"
ip link set dev "$NIF" xdp off

if ethtool -K "$NIF" lro on 2>/dev/null &&
	ethtool -k "$NIF" | grep -q '^large-receive-offload: on'; then
	ip link set dev "$NIF" xdp obj "$xdp/hvg_xdp_pass.o" sec xdp 2>/dev/null &&
		fail "an XDP program was taken with LRO on"
	ethtool -K "$NIF" lro off
fi
ping_peer || fail "no ping after XDP"
net_down
