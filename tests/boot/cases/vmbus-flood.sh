#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A host that floods: 5000 channel messages back to back, and a
# channel rescinded and offered again hundreds of times without waiting
# for the guest. The guest's queue of host messages stays within its
# bound (the excess is dropped, counted and reported, rate-limited),
# traffic on an open channel keeps flowing meanwhile, and afterwards the
# control plane works and exactly the last offer of the churned device
# is there, usable, with every older relid released.
. /hvg/lib.sh

sim=/sys/kernel/debug/hv_sim
drv=/sys/bus/vmbus/drivers/hvg_echo
dev=/sys/bus/vmbus/devices
stats=/sys/kernel/debug/hv_vmbus/messages
param=/sys/module/hv_vmbus/parameters/msg_queue_max
A=a0038c4b-0000-5349-4d48-b1ca77bef876
B=a0038c4b-0001-5349-4d48-b1ca77bef876

stat() {
	sed -n "s/^$1 //p" "$stats"
}

sim_stat() {
	sed -n "s/^$1 //p" "$sim/stats"
}

# The host has delivered everything it queued: msgs_out stands still.
host_quiet() {
	a=$(sim_stat msgs_out)
	sleep 0.5
	[ "$(sim_stat msgs_out)" = "$a" ]
}

start_sim devices=echo,echo
load hvg_echo
wait_echo 2
[ -r "$stats" ] || fail "no $stats"
[ "$(cat "$param")" = 4096 ] || fail "msg_queue_max is $(cat "$param"), want 4096"
! echo 0 >"$param" 2>/dev/null || fail "msg_queue_max 0 accepted"
! echo 65537 >"$param" 2>/dev/null || fail "msg_queue_max 65537 accepted"

# A small bound, so that the flood overruns it.
echo 16 >"$param" || fail "msg_queue_max 16 refused"
dmesg -c >/dev/null
dropped0=$(stat dropped)
handled0=$(stat handled)
echo "3000 1024" >"$dev/$B/echo_test" &
traffic=$!
echo "flood 5000 torndown_unknown" >"$sim/fault" || fail "flood refused"
wait_for 120 host_quiet || fail "the host never finished flooding"
wait "$traffic" || fail "traffic during the flood: $(cat "$dev/$B/echo_test")"
dropped=$(($(stat dropped) - dropped0))
handled=$(($(stat handled) - handled0))
echo "flood: $handled handled, $dropped dropped, peak $(stat peak) of 16 queued"
[ "$((handled + dropped))" -ge 5000 ] || fail "only $((handled + dropped)) of 5000 messages seen"
[ "$(stat peak)" -le 16 ] || fail "queue peaked at $(stat peak), bound 16"
if [ "$dropped" -gt 0 ]; then
	dmesg | grep -q "host floods messages" || fail "drops not reported"
	lines=$(dmesg | grep -c "host floods messages")
	[ "$((lines * 10))" -le "$dropped" ] ||
		fail "the drop report is not rate-limited: $lines lines for $dropped drops"
fi
echo 4096 >"$param" || fail "restoring msg_queue_max"

# The control plane works: A closes and opens, both devices echo.
echo "$A" >"$drv/unbind" || fail "unbinding A after the flood"
echo "$A" >"$drv/bind" || fail "binding A after the flood"
echo "50 512" >"$dev/$A/echo_test" || fail "traffic on A after the flood"
echo "after the flood: A closed, opened and echoed"

# Offer churn: A rescinded and offered again 200 times in a row.
id=$(cat "$dev/$A/id")
echo "3000 1024" >"$dev/$B/echo_test" &
traffic=$!
echo "churn $id 200" >"$sim/fault" || fail "churn refused"
wait "$traffic" || fail "traffic during the churn: $(cat "$dev/$B/echo_test")"
wait_for 120 test -e "$drv/$A" || fail "A not bound after the churn"
# Relids the guest holds: A's and B's, every rescinded one released.
two_relids() {
	[ "$(sim_stat relids_held)" = 2 ]
}
wait_for 120 two_relids || fail "the guest holds $(sim_stat relids_held) relids, want 2"
[ "$(vmbus_devices | wc -l)" = 2 ] || fail "devices: $(vmbus_devices)"
new=$(cat "$dev/$A/id")
grep -q "^$new .* open " "$sim/channels" || fail "A's last offer ($new) is not open: $(grep " $A " "$sim/channels")"
echo "50 512" >"$dev/$A/echo_test" || fail "traffic on A after the churn"
echo "churn: relid $id to $new, A bound and echoing, every old relid released"
unload hvg_echo
stop_sim
