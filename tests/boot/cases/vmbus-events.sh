#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The event path under a host that interrupts a CPU other than the
# channel's target, or two CPUs at once, after every packet during
# traffic, and that streams more packets than a callback reads in one go
# behind a single signal: the callback never runs concurrently with
# itself (hvg_echo counts overlaps) and no packet is left in the ring. A
# rescind then lands while callbacks run on both CPUs.
. /hvg/lib.sh

[ "$(nproc)" -ge 2 ] || { echo "needs two CPUs"; exit 77; }
sim=/sys/kernel/debug/hv_sim
params=/sys/module/hvg_echo/parameters

fault() {
	echo "$1" >"$sim/fault" || fail "hv_sim refused fault '$1'"
}

sim_stat() {
	sed -n "s/^$1 //p" "$sim/stats"
}

start_sim devices=echo
# A pause in every callback widens the window an overlapping call hits.
load hvg_echo cb_delay_us=500
wait_echo 1
dev=$(echo_devs)
id=$(cat "$dev/id")
target=$(cat "$dev/channels/$id/cpu")
other=$((1 - target))

# Each answer alone (the ring empty before it: a signal each), then 400
# with up to 32 in flight.
fault "signal_every $id"
for mask in $((1 << other)) 3; do
	fault "signal_vps $id $mask"
	spread=$(sim_stat signals_spread)
	i=0
	while [ $i -lt 100 ]; do
		echo "1 64" >"$dev/echo_test" ||
			fail "host signals VPs $mask, round $i: $(cat "$dev/echo_test")"
		i=$((i + 1))
	done
	echo "400 256" >"$dev/echo_test" ||
		fail "host signals VPs $mask: $(cat "$dev/echo_test")"
	n=$(($(sim_stat signals_spread) - spread))
	[ "$n" -gt 0 ] || fail "the host sent no signal to VPs $mask"
	echo "$n signals to VPs $mask (target $target): $(cat "$dev/echo_test")"
done
fault clear
echo 0 >"$params/cb_delay_us"

# A stream the host writes whole and then signals once (1000 packets of
# 40 bytes fit the 60 KiB ring): a callback reads 4 packets, so the core
# must call it again and again, not give up with packets in the ring.
# 5000 do not fit: the host waits for room (pending_send_size) as well.
echo 4 >"$params/cb_budget"
for count in 1000 5000; do
	signals=$(sim_stat signals_out)
	echo "$count 16" >"$dev/echo_burst" ||
		fail "a stream of $count packets: $(cat "$dev/echo_test")"
	n=$(($(sim_stat signals_out) - signals))
	[ "$count" = 5000 ] || [ "$n" = 1 ] ||
		fail "the host signalled $n times for a stream that fits the ring"
	echo "stream of $count packets, $n signals: $(cat "$dev/echo_test")"
done
echo 0 >"$params/cb_budget"

# A rescind while the host signals both CPUs after every packet and the
# callback pauses: the driver's close races with callbacks on two CPUs
# and must wait them out; the device comes back and works.
echo 500 >"$params/cb_delay_us"
fault "signal_every $id"
fault "signal_vps $id 3"
name=$(basename "$dev")
send() {
	echo "20000 256" >"$dev/echo_test"
}
run_bg /tmp/sent send
sender=$!
sleep 1
[ ! -s /tmp/sent ] || fail "traffic ended before the rescind: $(cat "$dev/echo_test")"
echo "$id" >"$sim/rescind" || fail "hv_sim refused to rescind relid $id"
wait_for 20 test ! -e "/sys/bus/vmbus/devices/$name" ||
	fail "device still present after the rescind"
wait_for 20 test -s /tmp/sent || fail "traffic hangs after the rescind"
wait "$sender"
[ "$(cat /tmp/sent)" != 0 ] || fail "traffic did not notice the rescind"
fault clear
echo "$id" >"$sim/reoffer" || fail "hv_sim refused to re-offer"
wait_for 20 test -e "/sys/bus/vmbus/devices/$name/echo_test" ||
	fail "re-offered device not bound"
echo "100 256" >"/sys/bus/vmbus/devices/$name/echo_test" ||
	fail "traffic after the re-offer: $(cat "/sys/bus/vmbus/devices/$name/echo_test")"
echo "rescind during double signals: device back, traffic ok"
unload hvg_echo
stop_sim
