#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmbus-reload with 100 rounds of each module (make check-all): the
# figures in Documentation/testing.rst come from it.
. /hvg/lib.sh

reload_rounds 100
