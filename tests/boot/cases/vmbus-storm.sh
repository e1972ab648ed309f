#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hv_sim's storm fault sends a host message and signals 32 relids on every
# CPU each jiffy while the guest serves a device, and goes on through
# rmmod hv_sim (the guest drops every channel while the host keeps
# sending) for 50 rounds after the guest let go, sending offers once the
# connection is over. The guest must take none of them (no device
# appears after the host left), survive (KASAN, lockdep on the debug
# kernel), and connect to a new host and work again. First, an UNLOAD
# answer the guest did not ask for must not end the connection.
. /hvg/lib.sh

sim=/sys/kernel/debug/hv_sim
dmesg -c >/dev/null
start_sim devices=echo
load hvg_echo
wait_echo 1
echo "malformed unload_response" >$sim/fault || fail "host refused the UNLOAD answer"
wait_for 5 dmesg_has "dropped an UNLOAD answer of 8 bytes (unload not asked for)" ||
	fail "the guest did not drop an UNLOAD answer it never asked for"
# Opening needs the host's answers: the connection must still take them.
unload hvg_echo
load hvg_echo
wait_echo 1
echo "storm 1" >$sim/fault || fail "host refused 'storm 1'"
i=0
while [ $i -lt 5 ]; do
	echo "50 256" >"$(echo_devs)/echo_test" || fail "traffic $i failed during the storm"
	i=$((i + 1))
done
unload hvg_echo
unload hv_sim
dmesg_has "storm ended after .*, [1-9][0-9]* of them at the end" ||
	fail "the storm did not outlast the detach: $(dmesg | grep 'storm ended')"
sleep 1
vmbus_count_is 0 || fail "devices after the host left: $(vmbus_devices | tr '\n' ' ')"
dmesg_has "hv_vmbus: dropped a host message: not connected" ||
	fail "the guest saw no host message after the host left"

load hv_sim devices=echo
load hvg_echo
wait_echo 1
echo "50 256" >"$(echo_devs)/echo_test" || fail "traffic with the new host failed"
unload hvg_echo
stop_sim
echo "no device from the storm after the host left; a new host works"
