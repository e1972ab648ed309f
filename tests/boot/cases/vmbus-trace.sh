#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The "hyperv" tracepoints, under upstream's event names, record the
# control plane (negotiation, offers, GPADLs, open, close, rescind) and
# the data path's signals of a session with the simulated host.
. /hvg/lib.sh

t=/sys/kernel/tracing
[ -d "$t/events" ] || mount -t tracefs tracefs "$t" 2>/dev/null
[ -d "$t/events" ] || { echo "no tracefs in this kernel"; exit 77; }

load hv_vmbus platform=sim
[ -d "$t/events/hyperv" ] || fail "no hyperv trace events"
# Recording command names patches the scheduler's sched_switch
# tracepoint in and out, which QEMU's TCG has been seen to trip over
# (an int3 oops in __schedule); these tests need no command names.
echo 0 >"$t/options/record-cmd"
echo 1 >"$t/events/hyperv/enable" || fail "cannot enable hyperv events"
echo >"$t/trace"
load hv_sim devices=echo
load hvg_echo
wait_echo 1
dev=$(echo_devs)
echo "20 64" >"$dev/echo_test" || fail "traffic"
id=$(cat "$dev/id")
echo "$id" >/sys/kernel/debug/hv_sim/rescind || fail "rescind refused"
wait_for 20 test ! -e "$dev" || fail "device still present after rescind"
unload hvg_echo
echo 0 >"$t/events/hyperv/enable"

for ev in vmbus_negotiate_version vmbus_onversion_response \
	  vmbus_post_message vmbus_on_message vmbus_onoffer \
	  vmbus_establish_gpadl_header vmbus_ongpadl_created vmbus_open \
	  vmbus_onopen_result vmbus_setevent vmbus_chan_sched vmbus_on_event \
	  vmbus_onoffer_rescind vmbus_release_relid; do
	grep -q " $ev: " "$t/trace" || fail "no $ev event recorded"
done
grep -q "vmbus_onoffer: relid=$id class=a0038c4b-396a-4d73-9aa0-b1ca77bef876 " "$t/trace" ||
	fail "offer event lacks relid or class: $(grep vmbus_onoffer: "$t/trace" | head -n 1)"
grep -q "vmbus_onoffer_rescind: relid=$id\$" "$t/trace" || fail "rescind event lacks relid $id"
echo "$(grep -c ' vmbus_' "$t/trace") hyperv events recorded"
unload hv_sim
unload hv_vmbus
