#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every NVSP version a host may cap at: the guest offers 6.1 down to 1,
# one per INIT, and must settle on the host's newest; traffic flows at
# each. Jumbo MTU needs version 2 (NDIS_CONFIG carries the MTU).
. /hvg/lib.sh

need_netvsc ping
for v in 1 2 4 5 6 6.1; do
	net_up net_max_version=$v
	[ "$(nvs_nic version)" = "$v" ] ||
		fail "host capped at $v, guest negotiated $(nvs_nic version)"
	[ "$(nvs_nic state)" = ready ] || fail "version $v: NVSP state $(nvs_nic state)"
	ping_peer || fail "version $v: no ping answer"
	refused=$(nvs_stat versions_refused)
	if [ "$v" = 1 ]; then
		ip link set "$NIF" mtu 9000 2>/dev/null &&
			fail "version 1 took MTU 9000"
	else
		ip link set "$NIF" mtu 9000 || fail "version $v: MTU 9000 refused"
		peer ip link set hvsw0 mtu 9000
		ping_peer -s 8000 || fail "version $v: no answer at MTU 9000"
	fi
	echo "NVSP $v: ok after $refused refused INIT(s)"
	net_down
done
