#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Load every KUnit suite module; the suites run at load and print KTAP to
# the kernel log, which the host harness judges (tests/boot/judge-log.py).
. /hvg/lib.sh

[ -d /sys/kernel/debug/kunit ] || [ -e /sys/module/kunit ] || {
	echo "this kernel has no KUnit"
	exit 77
}
load hv_vmbus platform=sim
found=0
for ko in "$HVG_MODULES"/*_kunit.ko; do
	[ -e "$ko" ] || continue
	found=$((found + 1))
	insmod "$ko" || fail "insmod $ko"
done
[ "$found" -gt 0 ] || fail "no KUnit module in the initramfs"
echo "$found KUnit module(s) loaded"
