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

# The host stops answering first, so that the rescind lands while
# requests are in flight however fast the machine is.
echo "stall $id" >"$sim/fault" || fail "hv_sim refused to stall relid $id"
echo "20000 4096" >"$dev/echo_test" 2>/dev/null &
traffic=$!
sleep 0.5
kill -0 "$traffic" 2>/dev/null || fail "traffic ended on a stalled channel"
echo "$id" >"$sim/rescind" || fail "hv_sim refused to rescind relid $id"
wait_for 20 test ! -e "/sys/bus/vmbus/devices/$name" ||
	fail "device still present after rescind"
wait "$traffic" && fail "traffic did not notice the rescind"
echo clear >"$sim/fault"

echo "$id" >"$sim/reoffer" || fail "hv_sim refused to re-offer"
wait_for 20 test -e "/sys/bus/vmbus/devices/$name/echo_test" ||
	fail "re-offered device not bound"
echo "100 256" >"/sys/bus/vmbus/devices/$name/echo_test" ||
	fail "traffic after re-offer: $(cat "/sys/bus/vmbus/devices/$name/echo_test")"
unload hvg_echo

# Rescind racing with the driver's probe and open: whatever point the
# open reached, the device goes away cleanly and comes back usable.
for delay in 0 0.01 0.03 0.1 0.3; do
	wait_for 20 test -e "/sys/bus/vmbus/devices/$name" ||
		fail "delay $delay: device missing before the round"
	id=$(cat "/sys/bus/vmbus/devices/$name/id")
	load hvg_echo &
	loader=$!
	sleep "$delay"
	echo "$id" >"$sim/rescind" || fail "delay $delay: rescind refused"
	wait "$loader" || fail "delay $delay: insmod hvg_echo failed"
	wait_for 20 test ! -e "/sys/bus/vmbus/devices/$name" ||
		fail "delay $delay: device still present after rescind"
	echo "$id" >"$sim/reoffer" || fail "delay $delay: re-offer refused"
	wait_for 20 test -e "/sys/bus/vmbus/devices/$name/echo_test" ||
		fail "delay $delay: re-offered device not bound"
	echo "20 256" >"/sys/bus/vmbus/devices/$name/echo_test" ||
		fail "delay $delay: traffic after re-offer"
	unload hvg_echo
	echo "rescind during probe (after ${delay}s): ok"
done
stop_sim
