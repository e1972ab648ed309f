#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Link state from the host: MEDIA_DISCONNECT takes the carrier away (user
# space sees NO-CARRIER and the operstate go down), MEDIA_CONNECT brings it back and
# traffic resumes; NETWORK_CHANGE and a link-speed change are survived.
. /hvg/lib.sh

need_netvsc ping

operstate_is() {
	[ "$(cat "/sys/class/net/$NIF/operstate")" = "$1" ]
}

net_up
echo down >"$NVS_DBG/link" || fail "link down refused"
wait_for 20 carrier_is 0 || fail "carrier still up after MEDIA_DISCONNECT"
wait_for 10 operstate_is down || fail "operstate $(cat "/sys/class/net/$NIF/operstate")"
ip link show "$NIF" | grep -q 'NO-CARRIER.*state DOWN' ||
	fail "ip link: $(ip link show "$NIF" | head -1)"
echo up >"$NVS_DBG/link" || fail "link up refused"
wait_for 20 carrier_is 1 || fail "carrier still down after MEDIA_CONNECT"
wait_for 10 operstate_is up || fail "operstate $(cat "/sys/class/net/$NIF/operstate")"
ping_peer || fail "no ping after the link came back"
echo change >"$NVS_DBG/link" || fail "network change refused"
echo speed >"$NVS_DBG/link" || fail "speed change refused"
sleep 3
wait_for 20 carrier_is 1 || fail "no carrier after a network change"
ping_peer || fail "no ping after a network change"
ethtool "$NIF" | grep Speed
[ "$(nvs_stat indications)" -ge 4 ] || fail "host sent $(nvs_stat indications) indications"
net_down
