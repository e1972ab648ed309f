#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Sub-channels: the host offers three with the device; the driver is told
# of each and opens it, each gets channels/<relid> and a line in
# channel_vp_mapping, traffic flows on all four, and a rescind of the
# device takes all of them away. Also for a driver loaded after the offers.
. /hvg/lib.sh

sim=/sys/kernel/debug/hv_sim

echo_channels_are() {
	[ "$(cat "$1/echo_channels" 2>/dev/null)" = "$2" ]
}

# check_subs DEV: four channels open, with consistent sysfs.
check_subs() {
	d=$1
	wait_for 20 echo_channels_are "$d" 4 ||
		fail "$(basename "$d"): $(cat "$d/echo_channels") channels open, want 4"
	[ "$(wc -l <"$d/channel_vp_mapping")" = 4 ] ||
		fail "channel_vp_mapping: $(cat "$d/channel_vp_mapping")"
	subids=""
	while IFS=: read -r relid cpu; do
		c=$d/channels/$relid
		[ -d "$c" ] || fail "no channels/$relid"
		[ "$(cat "$c/cpu")" = "$cpu" ] || fail "channels/$relid/cpu disagrees"
		subids="$subids $(cat "$c/subchannel_id")"
	done <"$d/channel_vp_mapping"
	[ "$(echo "$subids" | tr ' ' '\n' | sort -n | tr '\n' ' ')" = " 0 1 2 3 " ] ||
		fail "subchannel ids:$subids"
	[ "$(find "$d/channels" -mindepth 1 -maxdepth 1 | wc -l)" = 4 ] ||
		fail "channels/ holds: $(ls "$d/channels")"
	echo "200 1024" >"$d/echo_test" || fail "traffic: $(cat "$d/echo_test")"
}

# Driver first, then the offers.
start_sim devices=echo:3
load hvg_echo
wait_echo 1
dev=$(echo_devs)
name=$(basename "$dev")
check_subs "$dev"
echo "driver before offers: 4 channels, traffic on each"

# The host withdraws the device: every channel goes, then it comes back.
id=$(cat "$dev/id")
echo "$id" >"$sim/rescind" || fail "rescind refused"
wait_for 20 test ! -e "/sys/bus/vmbus/devices/$name" ||
	fail "device still present after rescind"
echo "$id" >"$sim/reoffer" || fail "re-offer refused"
wait_for 20 test -e "/sys/bus/vmbus/devices/$name/echo_test" ||
	fail "re-offered device not bound"
check_subs "/sys/bus/vmbus/devices/$name"
echo "rescind and re-offer: 4 channels again"
unload hvg_echo
# Closed sub-channels keep their sysfs directories, as upstream's do.
[ "$(find "/sys/bus/vmbus/devices/$name/channels" -mindepth 1 -maxdepth 1 | wc -l)" = 4 ] ||
	fail "channels/ after unbinding: $(ls "/sys/bus/vmbus/devices/$name/channels")"

# Offers first, then the driver: it is told of the sub-channels at once.
load hvg_echo
wait_echo 1
check_subs "$(echo_devs)"
echo "driver after offers: 4 channels, traffic on each"

# Sub-channels offered at run time to an open device, as a device model
# does when the guest asks: only the missing ones, never beyond.
dev=$(echo_devs)
id=$(cat "$dev/id")
guid=$(basename "$dev")
subs_are() {
	[ "$(grep -c " $guid [1-9][0-9]* " "$sim/channels")" -eq "$1" ]
}
echo "$id 5" >"$sim/subchannels" || fail "5 sub-channels refused"
wait_for 20 subs_are 5 || fail "host lists: $(grep "$guid" "$sim/channels")"
echo "$id 5" >"$sim/subchannels" || fail "asking again refused"
echo "$id 2" >"$sim/subchannels" || fail "asking for fewer refused"
subs_are 5 || fail "sub-channels offered twice: $(grep "$guid" "$sim/channels")"
! echo "$id 65" >"$sim/subchannels" 2>/dev/null || fail "65 sub-channels accepted"
wait_for 20 echo_channels_are "$dev" 6 ||
	fail "$(cat "$dev/echo_channels") channels open after run-time offers, want 6"
echo "200 1024" >"$dev/echo_test" || fail "traffic: $(cat "$dev/echo_test")"
echo "run-time sub-channel offers: 6 channels, no duplicates"
unload hvg_echo
stop_sim
