#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hv_vmbus loads, registers the vmbus bus in sysfs and unloads cleanly.
. /hvg/lib.sh

load hv_vmbus
[ -d /sys/bus/vmbus/devices ] || fail "/sys/bus/vmbus/devices missing"
[ -d /sys/bus/vmbus/drivers ] || fail "/sys/bus/vmbus/drivers missing"
grep -q '^hv_vmbus ' /proc/modules || fail "hv_vmbus not in /proc/modules"
unload hv_vmbus
[ ! -e /sys/bus/vmbus ] || fail "/sys/bus/vmbus still present after rmmod"
echo "vmbus bus registered and removed"
