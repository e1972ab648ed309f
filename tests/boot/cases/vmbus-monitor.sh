#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Monitored notification end to end: hv_sim offers every channel with a
# monitor id and fills in the monitor pages; the guest shows the monitor
# attributes upstream shows for such channels, with the host's values,
# and signals the host only through the monitor page (no HvSignalEvent)
# while traffic flows on a primary channel and its sub-channel.
. /hvg/lib.sh

sim=/sys/kernel/debug/hv_sim

sim_stat() {
	sed -n "s/^$1 //p" "$sim/stats"
}

# host_mon RELID: the monitor id hv_sim gave that channel.
host_mon() {
	awk -v r="$1" '$1 == r { for (i = 6; i <= NF; i++) if ($i ~ /^mon=/) print substr($i, 5) }' \
		"$sim/channels"
}

# is FILE VALUE: the attribute reads VALUE.
is() {
	[ -r "$1" ] || fail "no $1"
	[ "$(cat "$1")" = "$2" ] || fail "$1 reads '$(cat "$1")', want '$2'"
}

start_sim devices=echo:1,echo monitor=1
load hvg_echo
wait_echo 2
for d in $(echo_devs); do
	id=$(cat "$d/id")
	mon=$(host_mon "$id")
	[ -n "$mon" ] || fail "hv_sim gave relid $id no monitor id"
	is "$d/monitor_id" "$mon"
	for side in server client; do
		is "$d/${side}_monitor_conn_id" $((0x2000 + id))
		is "$d/${side}_monitor_latency" 100
		grep -qx '[0-9][0-9]*' "$d/${side}_monitor_pending" ||
			fail "$d/${side}_monitor_pending reads '$(cat "$d/${side}_monitor_pending")'"
	done
	while IFS=: read -r relid _; do
		c=$d/channels/$relid
		is "$c/monitor_id" "$(host_mon "$relid")"
		is "$c/latency" 100
		grep -qx '[0-9][0-9]*' "$c/pending" || fail "$c/pending reads '$(cat "$c/pending" 2>&1)'"
	done <"$d/channel_vp_mapping"
	echo "$(basename "$d"): monitor id $mon, attributes as the host set them"
done

signals=$(sim_stat signals_in)
monitored=$(sim_stat monitor_signals)
for d in $(echo_devs); do
	echo "100 2048" >"$d/echo_test" || fail "traffic: $(cat "$d/echo_test")"
done
[ "$(sim_stat signals_in)" = "$signals" ] ||
	fail "the guest signalled $(($(sim_stat signals_in) - signals)) times by HvSignalEvent"
[ "$(sim_stat monitor_signals)" -gt "$monitored" ] ||
	fail "the host saw no signal on the monitor page"
echo "traffic on 3 channels: $(($(sim_stat monitor_signals) - monitored)) signals through the monitor page, none by HvSignalEvent"
unload hvg_echo
stop_sim
