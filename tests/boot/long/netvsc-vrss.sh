#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vRSS: the host offers 4 queues, the guest opens one channel per CPU (2
# here) through sub-channels; the host's Toeplitz hash over the guest's
# key and indirection table spreads the peer's flows over them (host and
# ethtool -S per-queue counters agree), the host's send table spreads
# the guest's. ethtool -L changes the channel count, -X the table and the
# key, and the host follows; a host refusing sub-channels leaves the old
# count.
. /hvg/lib.sh

need_netvsc iperf3

queues_used() {
	n=0
	for q in 0 1; do
		[ "$(nvs_queue_stat $q rx_packets)" -gt 100 ] && n=$((n + 1))
	done
	echo "$n"
}

net_up net_queues=4
ncpu=$(grep -c ^processor /proc/cpuinfo)
want=$((ncpu < 4 ? ncpu : 4))
wait_for 20 test "$(ethtool -l "$NIF" | awk '/^Combined/ { v = $2 } END { print v }')" = "$want" ||
	fail "ethtool -l: $(ethtool -l "$NIF" | tr '\n' ' ')"
[ "$want" -ge 2 ] || { echo "one CPU: no vRSS to check"; net_down; exit 77; }
[ "$(nvs_nic granted)" -eq $((want - 1)) ] || fail "host granted $(nvs_nic granted) sub-channels"
[ "$(nvs_stat send_tables)" -ge 1 ] || fail "host sent no send table"
cat "$NVS_DBG/rss"
iperf_run -R -P 8 >/dev/null
cat "$NVS_DBG/queues"
[ "$(queues_used)" -ge 2 ] || fail "the peer's 8 flows used $(queues_used) queue(s)"
[ "$(netvsc_ethtool_stat rx_queue_1_packets)" -gt 0 ] ||
	fail "ethtool -S: nothing received on queue 1"
iperf_run -P 8 >/dev/null
[ "$(nvs_queue_stat 1 tx_packets)" -gt 0 ] || fail "the guest sent nothing on queue 1"

# -X: every table entry to queue 0, and a new key; the host follows.
ethtool -X "$NIF" equal 1 hkey \
	00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77 ||
	fail "ethtool -X"
grep -q 'key=00112233' "$NVS_DBG/rss" || fail "host key: $(cat "$NVS_DBG/rss")"
grep -q 'table=0,0,0' "$NVS_DBG/rss" || fail "host table: $(cat "$NVS_DBG/rss")"
before=$(nvs_queue_stat 1 rx_packets)
iperf_run -R -P 4 >/dev/null
[ "$(nvs_queue_stat 1 rx_packets)" -eq "$before" ] || fail "queue 1 still received after -X equal 1"
ethtool -X "$NIF" default

# -L: one channel, then back.
ethtool -L "$NIF" combined 1 || fail "ethtool -L combined 1"
wait_for 20 has_netvsc_if || fail "the interface went away"
ping_peer || fail "no ping with one channel"
ethtool -L "$NIF" combined "$want" || fail "ethtool -L combined $want"
ping_peer || fail "no ping after -L $want"

# A host that refuses sub-channels: the change fails, the old count stays.
nvs_fault "refuse_subchannels 1"
ethtool -L "$NIF" combined 1 || fail "ethtool -L combined 1"
ethtool -L "$NIF" combined "$want" 2>/dev/null
ping_peer || fail "no ping after a refused -L"
echo "refused -L: now $(ethtool -l "$NIF" | awk '/^Combined/ { v = $2 } END { print v }') channel(s)"
nvs_fault clear
net_down
