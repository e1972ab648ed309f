#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Sub-channel offers with bad indexes: a second sub-channel of an index
# the primary has, a sub-channel without a primary, one whose primary the
# host has just rescinded (all dropped by the core, with an error, the
# device unharmed); and one of index 65535, which the core hands to the
# driver to judge (hvg_echo takes any index).
. /hvg/lib.sh

sim=/sys/kernel/debug/hv_sim

fault() {
	echo "$1" >"$sim/fault" || fail "hv_sim refused '$1'"
}

channels_are() {
	[ "$(cat "$dev/echo_channels" 2>/dev/null)" = "$1" ] &&
		[ "$(wc -l <"$dev/channel_vp_mapping")" = "$1" ]
}

# dropped WHAT PATTERN: the core dropped the offer, saying PATTERN.
dropped() {
	wait_for 10 dmesg_has "$2" || fail "$1: no error '$2'"
	sleep 0.5
	channels_are 3 || fail "$1: $(cat "$dev/echo_channels") channels open, mapping $(tr '\n' ' ' <"$dev/channel_vp_mapping")"
	echo "50 512" >"$dev/echo_test" || fail "$1: traffic: $(cat "$dev/echo_test")"
	echo "$1: dropped ($(dmesg | grep "$2" | tail -1 | sed 's/^\[[^]]*\] //'))"
}

start_sim devices=echo:2
load hvg_echo
wait_echo 1
dev=$(echo_devs)
name=$(basename "$dev")
id=$(cat "$dev/id")
wait_for 20 channels_are 3 || fail "$(cat "$dev/echo_channels") channels open, want 3"

dmesg -c >/dev/null
fault "malformed sub_dup $id"
dropped "a second sub-channel of a taken index" "has a sub-channel"
dmesg -c >/dev/null
fault "malformed sub_orphan"
dropped "a sub-channel without a primary" "no primary channel"

fault "malformed sub_big $id"
wait_for 20 channels_are 4 || fail "index 65535: $(cat "$dev/echo_channels") channels open"
big=$(grep -l '^65535$' "$dev"/channels/*/subchannel_id) || fail "no channel shows index 65535"
echo "50 512" >"$dev/echo_test" || fail "traffic with index 65535: $(cat "$dev/echo_test")"
echo "index 65535: handed to the driver, $(dirname "$big" | xargs basename) opened and echoing"

dmesg -c >/dev/null
fault "malformed sub_rescinded $id"
wait_for 20 test ! -e "/sys/bus/vmbus/devices/$name" || fail "rescinded device still present"
wait_for 10 dmesg_has "no primary channel" || fail "a sub-channel of a rescinded primary: no error"
held_none() {
	[ "$(sed -n 's/^relids_held //p' "$sim/stats")" = 0 ]
}
wait_for 20 held_none || fail "the guest holds $(sed -n 's/^relids_held //p' "$sim/stats") relids"
echo "a sub-channel of a rescinded primary: dropped, every relid released"
echo "$id" >"$sim/reoffer" || fail "re-offer refused"
wait_for 20 test -e "/sys/bus/vmbus/devices/$name/echo_test" || fail "re-offered device not bound"
wait_for 20 channels_are 4 || fail "after the re-offer: $(cat "$dev/echo_channels") channels open"
echo "50 512" >"$dev/echo_test" || fail "traffic after the re-offer: $(cat "$dev/echo_test")"
echo "re-offered: 4 channels, echoing"
unload hvg_echo
stop_sim
