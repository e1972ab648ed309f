#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Debian's hv_kvp_daemon, unchanged, serves the simulated host's KVP
# requests through /dev/vmbus/hv_kvp: enumerate of the pool it computes
# (KVP_POOL_AUTO, 2) and of a stored pool, set, get, delete, and the
# failures of a missing key and an index past the end. Then SETs of
# malformed UTF-16 (hv_sim "set16 KIND"): the daemon stores the host's
# characters as UTF-8, cut to the fields, unpaired surrogates dropped,
# odd byte counts rounded down; sizes beyond the fields are refused.
. /hvg/lib.sh

have_userland || { echo "no Debian userland (run-vm --userland)"; exit 77; }

ic=/sys/kernel/debug/hv_sim/ic
start_sim devices=kvp
load hv_utils
[ -w $ic/kvp ] || fail "no $ic/kvp"
wait_for 20 test -c /dev/vmbus/hv_kvp || fail "no /dev/vmbus/hv_kvp"

# Requests go out once the host has negotiated the channel.
start_kvp_daemon 60

kvp_send() { echo "$request" >$ic/kvp; }
kvp_answered() { grep -q '^pending=0 ' $ic/kvp; }

# kvp REQUEST...: send REQUEST from the host (retried while the host is
# busy) and wait for the guest's answer; $status, $key and $value are then
# its words.
kvp() {
	request="$*"
	wait_for 60 kvp_send || fail "host refused '$request': $(cat $ic/kvp)"
	wait_for 60 kvp_answered || fail "no answer to '$request': $(cat $ic/kvp)"
	answer=$(cat $ic/kvp)
	echo "$request -> $answer"
	status=$(echo "$answer" | sed -n 's/.* status=\([^ ]*\).*/\1/p')
	key=$(echo "$answer" | sed -n 's/.* key=\([^ ]*\).*/\1/p')
	value=$(echo "$answer" | sed -n 's/.* value=\(.*\)$/\1/p')
}

# expect_ok KEY VALUE: the last answer is a success carrying KEY and VALUE.
expect_ok() {
	[ "$status" = 0x00000000 ] || fail "'$request': status $status, want 0"
	[ "$key" = "$1" ] || fail "'$request': key '$key', want '$1'"
	[ "$value" = "$2" ] || fail "'$request': value '$value', want '$2'"
}

expect_failed() {
	[ "$status" != 0x00000000 ] || fail "'$request' succeeded: $answer"
}

# The daemon's own pool: index 1 is the version hv_utils registered it
# with, 4 the kernel release, 9 the machine.
kvp enum 2 1
expect_ok IntegrationServicesVersion 3.1
kvp enum 2 4
expect_ok OSBuildNumber "$(uname -r)"
kvp enum 2 9
expect_ok ProcessorArchitecture "$(uname -m)"
kvp enum 2 10
expect_failed

kvp set 0 HvgTestKey hvg-value-42
expect_ok HvgTestKey hvg-value-42
grep -q HvgTestKey /var/lib/hyperv/.kvp_pool_0 || fail "the daemon did not store the key"
kvp get 0 HvgTestKey
expect_ok HvgTestKey hvg-value-42
kvp enum 0 0
expect_ok HvgTestKey hvg-value-42
kvp enum 0 1
expect_failed
kvp get 0 NoSuchKey
expect_failed
kvp delete 0 HvgTestKey
[ "$status" = 0x00000000 ] || fail "'$request': status $status"
kvp get 0 HvgTestKey
expect_failed

# repeated N CHAR: CHAR N times.
repeated() { head -c "$1" /dev/zero | tr '\0' "$2"; }

# Key and value fill their fields without a NUL: 256 and 1024 units
# stored; an answer holds at most 255 and 1023 and their NULs.
kvp set16 unterminated
[ "$status" = 0x00000000 ] || fail "'$request': status $status"
kvp enum 0 0
expect_ok "$(repeated 255 U)" "$(repeated 1023 V)"
kvp set16 odd
[ "$status" = 0x00000000 ] || fail "'$request': status $status"
kvp get 0 Odd
expect_ok Odd vv
kvp set16 surrogates
[ "$status" = 0x00000000 ] || fail "'$request': status $status"
sur=$(printf 'Sur\360\237\230\200')
kvp get 0 "$sur"
expect_ok "$sur" sx
kvp set16 key_beyond
expect_failed
kvp set16 value_beyond
expect_failed
kvp enum 0 3
expect_failed

stop_kvp_daemon
sed 's/^/hv_kvp_daemon: /' /tmp/kvp.log
unload hv_utils
stop_sim
