#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The simulated host asks the guest to poweroff (hv_utils' shutdown service,
# which runs /sbin/poweroff) while an ext4 on a storvsc disk is mounted and
# being written: sd's cache flush at device shutdown must reach the host,
# so hv_vmbus must not unload the connection first (lib.sh, down_with_io).
# Runs alone: the VM goes down.
. /hvg/lib.sh

down_with_io poweroff host
