#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest's own /sbin/poweroff while an ext4 on a storvsc disk is mounted
# and being written: the kernel must power off within 30 s, after sd's cache
# flush reached the host (lib.sh, down_with_io). Runs alone: the VM goes
# down.
. /hvg/lib.sh

down_with_io poweroff guest
