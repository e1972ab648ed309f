#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# MTU 68, 9000 and 65521, each carrying traffic the peer answers; a host
# that refuses the new MTU (its receive buffer answer fails) leaves the
# old one in place, and traffic goes on.
. /hvg/lib.sh

need_netvsc ping
net_up
peer ip link set hvsw0 mtu 65521
for mtu in 9000 65521 1500 68; do
	ip link set "$NIF" mtu "$mtu" || fail "MTU $mtu refused"
	[ "$(cat "/sys/class/net/$NIF/mtu")" = "$mtu" ] || fail "MTU $mtu not set"
	wait_for 20 carrier_is 1 || fail "MTU $mtu: no carrier"
	if [ "$mtu" -ge 1280 ]; then
		ping_peer -s $((mtu - 28)) -M "do" || fail "MTU $mtu: no full-size ping"
	else
		ping_peer -s 20 || fail "MTU $mtu: no ping"
	fi
	echo "MTU $mtu: host frame $(nvs_nic frame)"
done
ip link set "$NIF" mtu 1500
nvs_fault "refuse_mtu 1514"
refused=$(nvs_stat refused)
ip link set "$NIF" mtu 9000 2>/dev/null && echo "the driver reported success"
[ "$(nvs_stat refused)" -gt "$refused" ] || fail "the host refused nothing"
[ "$(cat "/sys/class/net/$NIF/mtu")" = 1500 ] ||
	fail "MTU $(cat "/sys/class/net/$NIF/mtu") after a refused change, want 1500"
nvs_fault clear
wait_for 20 carrier_is 1 || fail "no carrier after the rollback"
ping_peer || fail "no ping after the rollback"
net_down
