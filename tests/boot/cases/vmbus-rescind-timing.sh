#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Rescinds timed into a channel's open and close, for a primary channel
# and a sub-channel: hv_sim rescinds the channel when the guest's GPADL
# header, OPEN_CHANNEL, CLOSE_CHANNEL, GPADL teardown or MODIFY_CHANNEL
# arrives, before or instead of answering, or while refusing it as busy.
# Each time the channel goes away cleanly (the guest releases its relid),
# no ring page is leaked and no request waits for its timeout, another
# device closes and opens meanwhile without waiting for the rescind, and
# the channel comes back usable when the host offers it again.
. /hvg/lib.sh

sim=/sys/kernel/debug/hv_sim
drv=/sys/bus/vmbus/drivers/hvg_echo
dev=/sys/bus/vmbus/devices
# hv_sim's stable instance GUIDs: echo devices #0 (A) and #1 (B).
A=a0038c4b-0000-5349-4d48-b1ca77bef876
B=a0038c4b-0001-5349-4d48-b1ca77bef876

fault() {
	echo "$1" >"$sim/fault" || fail "hv_sim refused '$1'"
}

host_state_is() {
	[ "$(awk -v r="$1" '$1 == r { print $5 }' "$sim/channels")" = "$2" ]
}

channels_open() {
	[ "$(cat "$dev/$1/echo_channels" 2>/dev/null)" = "$2" ]
}

now_cs() {
	awk '{ printf "%d\n", $1 * 100 }' /proc/uptime
}

# Device B closes, opens and echoes: control messages of its own, which
# must not wait behind device A's rescind.
rebind_b() {
	t0=$(now_cs)
	echo "$B" >"$drv/unbind" || fail "unbinding B"
	echo "$B" >"$drv/bind" || fail "binding B"
	echo "20 256" >"$dev/$B/echo_test" || fail "traffic on B"
	t=$(($(now_cs) - t0))
	echo "  B rebound in $((t / 100)).$((t % 100 / 10)) s"
}

# round primary|sub MSG MODE open|close|cpu: arm the fault for A's primary
# or sub-channel, make A send MSG (bind A, unbind A, or move the channel),
# rebind B meanwhile, then check and restore.
round() {
	target=$1 msg=$2 mode=$3 action=$4
	dmesg -c >/dev/null
	wait_for 20 channels_open "$A" 2 ||
		fail "A has $(cat "$dev/$A/echo_channels" 2>/dev/null) channels open, want 2"
	prel=$(cat "$dev/$A/id")
	srel=$(awk -F: -v p="$prel" '$1 != p { print $1 }' "$dev/$A/channel_vp_mapping")
	rel=$prel
	[ "$target" = sub ] && rel=$srel
	[ "$action" = open ] && { echo "$A" >"$drv/unbind" || fail "unbinding A"; }
	fault "rescind_on $msg $rel $mode"
	case $action in
	open) echo "$A" >"$drv/bind" 2>/dev/null & ;;
	close) echo "$A" >"$drv/unbind" & ;;
	cpu)
		cpu=$((($(cat "$dev/$A/channels/$rel/cpu") + 1) % ncpu))
		echo "$cpu" >"$dev/$A/channels/$rel/cpu" 2>/dev/null &
		;;
	esac
	act=$!
	sleep 0.2
	rebind_b
	wait "$act"
	! grep -q rescind_on "$sim/fault" || fail "the guest sent no $msg for relid $rel"
	# The guest lets go of the relid, once its driver closed the channel.
	[ -e "$drv/$A" ] && { echo "$A" >"$drv/unbind" || fail "unbinding A"; }
	wait_for 20 host_state_is "$rel" released ||
		fail "relid $rel never released: $(grep "^$rel " "$sim/channels")"
	if dmesg | grep -q "leaking"; then
		fail "rings leaked: $(dmesg | grep leaking)"
	fi
	if dmesg | grep -q "host did not answer"; then
		fail "a request waited for its timeout: $(dmesg | grep 'did not answer')"
	fi
	echo "$rel" >"$sim/reoffer" || fail "re-offer of relid $rel refused"
	wait_for 20 test -e "$dev/$A" || fail "A not offered again"
	[ -e "$drv/$A" ] || echo "$A" >"$drv/bind" || fail "binding A again"
	wait_for 20 channels_open "$A" 2 ||
		fail "A has $(cat "$dev/$A/echo_channels" 2>/dev/null) channels open after the re-offer"
	echo "20 256" >"$dev/$A/echo_test" || fail "traffic on A: $(cat "$dev/$A/echo_test")"
	echo "rescind of the $target channel on $msg ($mode): ok"
}

ncpu=$(grep -c ^processor /proc/cpuinfo)
start_sim devices=echo:1,echo
load hvg_echo
wait_echo 2
for target in primary sub; do
	round "$target" gpadl_header instead open
	round "$target" gpadl_header before open
	round "$target" open_channel instead open
	round "$target" close_channel busy close
	round "$target" close_channel before close
	round "$target" gpadl_teardown instead close
	round "$target" gpadl_teardown before close
	[ "$ncpu" -ge 2 ] && round "$target" modify_channel instead cpu
done
unload hvg_echo
stop_sim
