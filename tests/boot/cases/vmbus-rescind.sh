#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The host rescinds a channel while a driver is pushing traffic through
# it: the traffic fails cleanly, the device goes away, nothing hangs or
# leaks, and the host can offer the channel again.
. /hvg/lib.sh

sim=/sys/kernel/debug/hv_sim
start_sim devices=echo
load hvg_echo
wait_echo 1
dev=$(echo_devs | head -n 1)
name=$(basename "$dev")
id=$(cat "$dev/id")

echo "20000 4096" >"$dev/echo_test" 2>/dev/null &
traffic=$!
sleep 0.5
echo "$id" >"$sim/rescind" || fail "hv_sim refused to rescind relid $id"
wait_for 20 test ! -e "/sys/bus/vmbus/devices/$name" ||
	fail "device still present after rescind"
wait "$traffic" && fail "traffic did not notice the rescind"

echo "$id" >"$sim/reoffer" || fail "hv_sim refused to re-offer"
wait_for 20 test -e "/sys/bus/vmbus/devices/$name/echo_test" ||
	fail "re-offered device not bound"
echo "100 256" >"/sys/bus/vmbus/devices/$name/echo_test" ||
	fail "traffic after re-offer: $(cat "/sys/bus/vmbus/devices/$name/echo_test")"
unload hvg_echo
stop_sim
