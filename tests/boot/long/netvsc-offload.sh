#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Offloads switched with ethtool -K, checked on the peer's side: with TSO
# the peer's port hands up frames longer than the MTU (tcpdump sees
# them) and the host counts large sends; without, neither. With
# transmit checksumming the host finishes the checksum; without, it never
# has to. Receive checksum and LRO decide whether the host verifies the
# peer's checksums for the guest and sends coalesced (RSC) frames or
# segments them itself.
. /hvg/lib.sh

need_netvsc iperf3 tcpdump

# big_frames_on_peer: tcpdump on the peer counts frames over 1600 bytes
# from the guest while iperf3 runs.
big_frames_on_peer() {
	peer timeout -s INT 8 tcpdump -l -Z root -i hvsw0 -nn -c 1000 \
		'src host 10.0.0.1 and greater 1600' >/tmp/tcpdump.log 2>/dev/null &
	dump=$!
	sleep 1
	iperf_run >/dev/null
	# tcpdump ends by itself: after 1000 frames or 8 s.
	wait "$dump" || true
	grep -c 'IP 10.0.0.1' /tmp/tcpdump.log
}

net_up
ethtool -K "$NIF" tso on tx on || fail "ethtool -K tso on"
lso=$(nvs_stat tx_lso)
big=$(big_frames_on_peer)
[ "$big" -gt 0 ] || fail "TSO on: the peer saw no frame over the MTU"
[ "$(nvs_stat tx_lso)" -gt "$lso" ] || fail "TSO on: the host did no large send"
echo "TSO on: $big large frames on the peer, $(($(nvs_stat tx_lso) - lso)) large sends"

ethtool -K "$NIF" tso off || fail "ethtool -K tso off"
lso=$(nvs_stat tx_lso)
big=$(big_frames_on_peer)
[ "$big" -eq 0 ] || fail "TSO off: the peer saw $big frames over the MTU"
[ "$(nvs_stat tx_lso)" -eq "$lso" ] || fail "TSO off: the host still did large sends"

csum=$(nvs_stat tx_csum)
iperf_run >/dev/null
[ "$(nvs_stat tx_csum)" -gt "$csum" ] || fail "tx checksumming on: the host finished no checksum"
ethtool -K "$NIF" tx off || fail "ethtool -K tx off"
csum=$(nvs_stat tx_csum)
iperf_run >/dev/null
[ "$(nvs_stat tx_csum)" -eq "$csum" ] || fail "tx checksumming off: the host still finished checksums"
ethtool -K "$NIF" tx on tso on

ethtool -K "$NIF" lro on rx on 2>/dev/null
if ethtool -k "$NIF" | grep -q '^large-receive-offload: on'; then
	rsc=$(nvs_stat rx_rsc)
	iperf_run -R >/dev/null
	[ "$(nvs_stat rx_rsc)" -gt "$rsc" ] || fail "LRO on: the host sent no coalesced frame"
	ethtool -K "$NIF" lro off || fail "ethtool -K lro off"
fi
rsc=$(nvs_stat rx_rsc)
seg=$(nvs_stat rx_segmented)
iperf_run -R >/dev/null
[ "$(nvs_stat rx_rsc)" -eq "$rsc" ] || fail "LRO off: the host still coalesced"
[ "$(nvs_stat rx_segmented)" -gt "$seg" ] || fail "LRO off: the host segmented nothing"

ethtool -K "$NIF" rx off || fail "ethtool -K rx off"
vrf=$(nvs_stat rx_csum)
iperf_run -R >/dev/null
[ "$(nvs_stat rx_csum)" -eq "$vrf" ] || fail "rx checksumming off: the host still vouched for checksums"
ethtool -K "$NIF" rx on
vrf=$(nvs_stat rx_csum)
iperf_run -R >/dev/null
[ "$(nvs_stat rx_csum)" -gt "$vrf" ] || fail "rx checksumming on: the host vouched for no checksum"
net_down
