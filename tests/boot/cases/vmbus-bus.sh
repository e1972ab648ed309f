#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hv_vmbus refuses to load, with a clear message and no trace, when it has
# no host to talk to; with platform=sim it registers the vmbus bus, and it
# unloads cleanly.
. /hvg/lib.sh

for p in auto bogus; do
	dmesg -c >/dev/null
	if insmod "$HVG_MODULES/hv_vmbus.ko" platform=$p 2>/dev/null; then
		# Only a real Hyper-V guest may load with platform=auto.
		if [ $p != auto ] || ! dmesg_has "connected to hyperv"; then
			fail "platform=$p loaded"
		fi
		unload hv_vmbus
		continue
	fi
	dmesg | grep hv_vmbus | tail -n 1
	dmesg | grep -Eq "hv_vmbus: .*(platform|Hyper-V)" ||
		fail "platform=$p: no message saying why"
	[ ! -e /sys/bus/vmbus ] || fail "platform=$p left /sys/bus/vmbus behind"
done

load hv_vmbus platform=sim
[ -d /sys/bus/vmbus/devices ] || fail "/sys/bus/vmbus/devices missing"
[ -d /sys/bus/vmbus/drivers ] || fail "/sys/bus/vmbus/drivers missing"
[ "$(cat /sys/module/hv_vmbus/parameters/platform)" = sim ] ||
	fail "platform parameter reads $(cat /sys/module/hv_vmbus/parameters/platform)"
unload hv_vmbus
[ ! -e /sys/bus/vmbus ] || fail "/sys/bus/vmbus still present after rmmod"
echo "vmbus bus registered and removed"
