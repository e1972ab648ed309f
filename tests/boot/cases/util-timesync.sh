#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Time sync from the simulated host: hv_utils negotiates version 4.0 and
# registers the "hyperv" PTP clock; after the guest clock is set an hour
# off, a SYNC brings it back within 5 s; a host clock two hours ahead
# moves the guest with it; samples flow at the set period.
. /hvg/lib.sh

ic=/sys/kernel/debug/hv_sim/ic

ic_field() {
	tr ' ' '\n' <"$ic/$1" | sed -n "s/^$2=//p" | head -n 1
}

ic_ready() {
	grep -q "^$1 state=ready " "$ic/stats"
}

# Host time in whole seconds, and the guest clock's distance from it.
host_sec() {
	echo $(($(ic_field timesync host_ns) / 1000000000))
}

skew() {
	d=$(($(date +%s) - $(host_sec)))
	[ $d -lt 0 ] && d=$((-d))
	echo $d
}

close_to_host() {
	[ "$(skew)" -le "$1" ]
}

answered_over() {
	[ "$(ic_field timesync answered)" -gt "$1" ]
}

start_sim devices=timesync
for bad in "" "offset_ms" "offset_ms x" "drift_ppm 2000000" "sample_ms -1" "sync now" "jump 1"; do
	echo "$bad" >"$ic/timesync" 2>/dev/null && fail "hv_sim accepted '$bad'"
done
close_to_host 2 || fail "host clock $(host_sec) is not the guest's $(date +%s)"
load hv_utils
wait_for 20 ic_ready timesync || fail "not negotiated: $(cat "$ic/stats")"
grep -q '^timesync state=ready framework=3.0 version=4.0 ' "$ic/stats" ||
	fail "negotiation: $(grep timesync "$ic/stats")"

found=''
for c in /sys/class/ptp/ptp*/clock_name; do
	[ "$(cat "$c" 2>/dev/null)" = hyperv ] && found=$c
done
[ -n "$found" ] || fail "no PTP clock named hyperv"

# An hour off, then one SYNC.
date -s "@$(($(date +%s) - 3600))" >/dev/null || fail "date -s"
[ "$(skew)" -ge 3500 ] || fail "the guest clock did not move"
echo sync >"$ic/timesync" || fail "sync refused"
wait_for 5 close_to_host 2 || fail "clock still $(skew) s off after SYNC"

# The host clock two hours ahead: the guest follows on the next SYNC.
echo "offset_ms 7200000" >"$ic/timesync" || fail "offset refused"
[ $(($(host_sec) - $(date +%s))) -ge 7190 ] || fail "host_ns did not move"
echo sync >"$ic/timesync" || fail "sync refused"
wait_for 5 close_to_host 2 || fail "clock $(skew) s off the shifted host"
echo "offset_ms 0" >"$ic/timesync"
echo sync >"$ic/timesync"
wait_for 5 close_to_host 2 || fail "clock $(skew) s off after the offset went"

# A fast host clock runs away from the guest's.
echo "drift_ppm 500000" >"$ic/timesync" || fail "drift refused"
sleep 2
[ $(($(host_sec) - $(date +%s))) -ge 1 ] || fail "host clock does not run fast"
echo "drift_ppm 0" >"$ic/timesync"

# Samples every 100 ms, then none.
echo "sample_ms 100" >"$ic/timesync" || fail "sample_ms refused"
n=$(ic_field timesync answered)
wait_for 10 answered_over $((n + 10)) || fail "samples not answered: $(cat "$ic/timesync")"
echo "sample_ms 0" >"$ic/timesync"
sleep 0.5
n=$(ic_field timesync sent)
sleep 1
[ "$(ic_field timesync sent)" -eq "$n" ] || fail "samples with sample_ms 0"
[ "$(ic_field timesync answered)" -eq "$n" ] || fail "unanswered: $(cat "$ic/timesync")"
grep -q '^timesync .* bad=0 lost=0$' "$ic/stats" || fail "stats: $(grep timesync "$ic/stats")"
unload hv_utils
stop_sim
