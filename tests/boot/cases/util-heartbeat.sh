#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Heartbeat against the simulated host: once hv_utils has negotiated,
# every request is answered with its sequence number plus one; the
# answers stop with hv_utils gone and resume when it is back; with
# ic_heartbeat_ms=0 the host stops asking.
. /hvg/lib.sh

ic=/sys/kernel/debug/hv_sim/ic

# ic_field FILE KEY: the value of KEY=... in ic/FILE (first line holding it)
ic_field() {
	tr ' ' '\n' <"$ic/$1" | sed -n "s/^$2=//p" | head -n 1
}

# ic_state SERVICE: the channel state ic/stats shows
ic_state() {
	sed -n "s/^$1 state=\([a-z]*\).*/\1/p" "$ic/stats"
}

answered_over() {
	[ "$(ic_field heartbeat answered)" -gt "$1" ]
}

start_sim devices=heartbeat ic_heartbeat_ms=100
[ "$(ic_state heartbeat)" = closed ] || fail "heartbeat open before hv_utils"
[ "$(ic_field heartbeat sent)" -eq 0 ] || fail "heartbeats sent before hv_utils"
echo sync >"$ic/heartbeat" 2>/dev/null && fail "heartbeat accepted a command"

load hv_utils
wait_for 20 answered_over 5 || fail "no heartbeat answers: $(cat "$ic/heartbeat")"
grep -q '^heartbeat state=ready framework=3.0 version=3.0 ' "$ic/stats" ||
	fail "negotiation: $(grep heartbeat "$ic/stats")"

# Stop asking, let the last answer come, then the counters must agree:
# all answered, none bad, and the last answer is the last request + 1.
echo 0 >/sys/module/hv_sim/parameters/ic_heartbeat_ms
sleep 1
sent=$(ic_field heartbeat sent)
sleep 1.5
[ "$(ic_field heartbeat sent)" -eq "$sent" ] || fail "heartbeats with ic_heartbeat_ms=0"
[ "$(ic_field heartbeat answered)" -eq "$sent" ] || fail "unanswered: $(cat "$ic/heartbeat")"
[ "$(ic_field heartbeat bad)" -eq 0 ] || fail "bad answers: $(cat "$ic/heartbeat")"
[ "$(ic_field heartbeat last_seq)" -eq $((sent + 1)) ] ||
	fail "last_seq is not the last request + 1: $(cat "$ic/heartbeat")"

# Without the guest driver the channel closes and nothing is answered.
echo 100 >/sys/module/hv_sim/parameters/ic_heartbeat_ms
unload hv_utils
wait_for 5 test "$(ic_state heartbeat)" = closed || fail "channel still open"
answered=$(ic_field heartbeat answered)
sleep 1
[ "$(ic_field heartbeat answered)" -eq "$answered" ] || fail "answers without hv_utils"

load hv_utils
wait_for 20 answered_over $((answered + 5)) || fail "no answers after reload: $(cat "$ic/heartbeat")"
grep -q '^heartbeat .* bad=0 lost=0$' "$ic/stats" || fail "stats: $(grep heartbeat "$ic/stats")"
unload hv_utils
stop_sim
