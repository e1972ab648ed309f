#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# KVP without hv_kvp_daemon: hv_utils holds negotiation back waiting for
# a daemon (55 s), then negotiates; the request the host had queued and
# every later one is answered with a failure status, at once, and
# nothing breaks. One request at a time: a second one while the first
# is pending is refused.
. /hvg/lib.sh

ic=/sys/kernel/debug/hv_sim/ic
E_FAIL=0x80004005

ic_field() {
	tr ' ' '\n' <"$ic/$1" | sed -n "s/^$2=//p" | head -n 1
}

not_pending() {
	[ "$(ic_field kvp pending)" = 0 ]
}

# request COMMAND SECONDS: send, wait for the answer, it must fail.
request() {
	echo "$1" >"$ic/kvp" || fail "hv_sim refused '$1'"
	wait_for "$2" not_pending || fail "'$1' not answered: $(cat "$ic/kvp")"
	[ "$(ic_field kvp status)" = $E_FAIL ] || fail "'$1' answered: $(cat "$ic/kvp")"
}

start_sim devices=kvp
for bad in "" "get" "get 0" "get 5 key" "get x key" "set 0 key" "enum 0 x" \
	"delete 0 a b" "ipinfo a b" "put 0 key"; do
	echo "$bad" >"$ic/kvp" 2>/dev/null && fail "hv_sim accepted '$bad'"
done
[ "$(cat "$ic/kvp")" = "pending=0 status=0x00000000 key= value=" ] ||
	fail "initial state: $(cat "$ic/kvp")"

load hv_utils
[ -c /dev/vmbus/hv_kvp ] || wait_for 5 test -c /dev/vmbus/hv_kvp ||
	fail "no /dev/vmbus/hv_kvp"
echo "get 0 HostName" >"$ic/kvp" || fail "get refused"
[ "$(ic_field kvp pending)" = 1 ] || fail "not pending: $(cat "$ic/kvp")"
echo "get 0 Other" >"$ic/kvp" 2>/dev/null && fail "second request while one is pending"
wait_for 80 not_pending || fail "no answer within 80 s: $(cat "$ic/kvp") $(grep kvp "$ic/stats")"
[ "$(ic_field kvp status)" = $E_FAIL ] || fail "answered: $(cat "$ic/kvp")"
[ "$(ic_field kvp key)" = HostName ] || fail "key: $(cat "$ic/kvp")"
grep -q '^kvp state=ready framework=3.0 version=4.0 ' "$ic/stats" ||
	fail "negotiation: $(grep kvp "$ic/stats")"

# The wait is over: no daemon means failure at once.
request "set 0 Key Value" 5
request "delete 1 Key" 5
request "enum 2 0" 5
request "get 3 Key" 5
request "ipinfo" 5
grep -q '^kvp .* sent=6 answered=6 bad=0 lost=0$' "$ic/stats" ||
	fail "stats: $(grep kvp "$ic/stats")"
unload hv_utils
stop_sim
