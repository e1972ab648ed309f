#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The simulated host asks the guest to poweroff; hv_utils' orderly poweroff runs
# /sbin/poweroff, which signals PID 1 (tests/boot/init), and the kernel must
# power off within 5 s, after hv_vmbus unloaded the connection (the host
# logs the UNLOAD). Must be the last case of its VM run.
. /hvg/lib.sh

ic=/sys/kernel/debug/hv_sim/ic
start_sim devices=shutdown
load hv_utils
[ -w $ic/shutdown ] || fail "no $ic/shutdown"
expect_down poweroff 5
expect_line "hv_sim: guest unloaded"
echo poweroff >$ic/shutdown || fail "host refused 'poweroff'"
sleep 10
fail "still up 10 s after the host's poweroff request: $(cat $ic/shutdown)"
