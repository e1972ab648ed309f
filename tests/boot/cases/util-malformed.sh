#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Malformed requests from the simulated host to every service, before
# negotiation (armed while no channel is open) and after: no crash and
# no action. Shutdown is not in dry-run mode and its malformed requests
# are power-off requests (bad_flags: reserved bits only); /sbin/poweroff
# and /sbin/reboot are replaced by scripts that leave a mark. Malformed
# time syncs carry 2001 (bad_time: 1969), so acting on one shows in the
# clock. Every request that has an IC header gets an answer; the
# services still answer real requests afterwards. Among the kinds, two
# NEGOTIATE requests: counts over the limit of 100 (neg_counts) and a
# body cut inside its last version (neg_short); refusing one must not
# undo the versions the service negotiated.
. /hvg/lib.sh

ic=/sys/kernel/debug/hv_sim/ic
E_FAIL=0x80004005
mark=/tmp/hvg-shutdown-ran

ic_field() {
	tr ' ' '\n' <"$ic/$1" | sed -n "s/^$2=//p" | head -n 1
}

ic_ready() {
	grep -q "^$1 state=ready " "$ic/stats"
}

clock_ok() {
	d=$(($(date +%s) - $(ic_field timesync host_ns) / 1000000000))
	[ $d -le 5 ] && [ $d -ge -5 ]
}

answered_over() {
	[ "$(ic_field "$1" answered)" -gt "$2" ]
}

not_pending() {
	[ "$(ic_field kvp pending)" = 0 ]
}

# No action: nothing ran, the clock is the host's.
check() {
	[ -e $mark ] && fail "$1: the guest ran $(cat $mark)"
	clock_ok || fail "$1: the clock moved to $(date)"
}

# send SERVICE [KIND...]: the common kinds and each KIND, one at a time;
# with a channel open each is checked for action after a moment.
expect=0
shorts=0
send() {
	svc=$1
	shift
	for k in short bad_size bad_type bad_version neg_counts neg_short "$@"; do
		echo "$svc $k" >"$ic/malformed" || fail "hv_sim refused '$svc $k'"
		expect=$((expect + 1))
		[ "$k" = short ] && shorts=$((shorts + 1))
		[ -z "$armed" ] || continue
		sleep 0.3
		check "$svc $k"
	done
}

trap real_shutdown EXIT
fake_shutdown $mark
rm -f $mark

start_sim devices=heartbeat,shutdown,timesync,kvp ic_heartbeat_ms=200
for bad in "" "heartbeat" "heartbeat bad_flags" "shutdown bad_time" \
	"kvp bad_flags" "vss short" "timesync long_key"; do
	echo "$bad" >"$ic/malformed" 2>/dev/null && fail "hv_sim accepted '$bad'"
done

# Armed now, sent right after each channel opens, before NEGOTIATE.
armed=1
send heartbeat
send shutdown bad_flags
send timesync bad_time
armed=
[ "$(ic_field malformed sent)" -eq 0 ] || fail "sent with no channel open"
load hv_utils
for s in heartbeat shutdown timesync; do
	wait_for 20 ic_ready $s || fail "$s not negotiated: $(cat "$ic/stats")"
done
sleep 1
[ "$(ic_field malformed sent)" -eq $expect ] || fail "armed: $(cat "$ic/malformed")"
check "armed requests"

# After negotiation; kvp is still waiting for a daemon, so its requests
# reach a guest that has not negotiated.
send heartbeat
send shutdown bad_flags
send timesync bad_time
send kvp bad_pool long_key
[ "$(ic_field malformed sent)" -eq $expect ] || fail "sent: $(cat "$ic/malformed")"
echo "malformed: $(cat "$ic/malformed")"
[ "$(ic_field malformed answers)" -eq $((expect - shorts)) ] ||
	fail "answered: $(cat "$ic/malformed"), $shorts short ones"

# The services still work.
n=$(ic_field heartbeat answered)
wait_for 10 answered_over heartbeat $((n + 3)) || fail "heartbeat stopped"
n=$(ic_field shutdown answered)
echo "flags 0x8" >"$ic/shutdown"
wait_for 10 answered_over shutdown "$n" || fail "shutdown stopped"
[ "$(ic_field shutdown last_status)" = $E_FAIL ] || fail "shutdown: $(cat "$ic/shutdown")"
date -s "@$(($(date +%s) - 600))" >/dev/null
echo sync >"$ic/timesync"
wait_for 5 clock_ok || fail "SYNC after malformed ones not applied"

# kvp after its negotiation: the kinds again, then a real request.
echo "get 0 Key" >"$ic/kvp" || fail "kvp get refused"
wait_for 80 ic_ready kvp || fail "kvp not negotiated: $(grep kvp "$ic/stats")"
wait_for 10 not_pending || fail "kvp get not answered: $(cat "$ic/kvp")"
send kvp bad_pool long_key
echo "enum 0 0" >"$ic/kvp" || fail "kvp enum refused"
wait_for 10 not_pending || fail "kvp enum not answered: $(cat "$ic/kvp")"
[ "$(ic_field kvp status)" = $E_FAIL ] || fail "kvp: $(cat "$ic/kvp")"
sleep 1
echo "malformed: $(cat "$ic/malformed")"
[ "$(ic_field malformed sent)" -eq $expect ] || fail "sent: $(cat "$ic/malformed")"
[ "$(ic_field malformed answers)" -eq $((expect - shorts)) ] ||
	fail "answered: $(cat "$ic/malformed"), $shorts short ones"
grep -v ' bad=0 lost=0$' "$ic/stats" && fail "bad answers to real requests"
unload hv_utils
stop_sim
