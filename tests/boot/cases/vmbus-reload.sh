#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Load and unload hv_vmbus with hv_sim, hv_storvsc and hv_utils 10 times
# each with devices present and I/O between cycles (lib.sh,
# reload_rounds); kmemleak and lockdep judge the result. The 100-round
# version is tests/boot/long/vmbus-reload-100.sh (make check-all).
. /hvg/lib.sh

reload_rounds 10
