#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Version negotiation falls back from the guest's highest version to what
# the host offers, and the guest refuses a host that speaks none of them.
. /hvg/lib.sh

for v in 6.0 5.3 5.2 5.0 4.1 4.0 3.0 2.4; do
	dmesg -c >/dev/null
	load hv_vmbus platform=sim
	load hv_sim max_version=$v devices=echo
	wait_for 20 dmesg_has "VMBus version $v\$" ||
		fail "host max $v: not negotiated ($(dmesg | grep 'VMBus version' | tail -n 1))"
	load hvg_echo
	wait_echo 1
	echo "20 100" >"$(echo_devs)/echo_test" ||
		fail "host max $v: traffic failed"
	unload hvg_echo
	stop_sim
	echo "version $v ok"
done
