#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The simulated host asks the guest to reboot; hv_utils' orderly reboot runs
# /sbin/reboot, which signals PID 1 (tests/boot/init), and the kernel must
# restart within 5 s, after hv_vmbus unloaded the connection (the host
# logs the UNLOAD) so that the next kernel can connect. Must be the last
# case of its VM run.
. /hvg/lib.sh

ic=/sys/kernel/debug/hv_sim/ic
start_sim devices=shutdown
load hv_utils
[ -w $ic/shutdown ] || fail "no $ic/shutdown"
expect_down reboot 5
expect_line "hv_sim: guest unloaded"
echo reboot >$ic/shutdown || fail "host refused 'reboot'"
sleep 10
fail "still up 10 s after the host's reboot request: $(cat $ic/shutdown)"
