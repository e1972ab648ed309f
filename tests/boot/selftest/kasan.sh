#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Harness self-test: load a module that reads past a heap object. The case
# itself passes; the KASAN report it causes must fail the run.
. /hvg/lib.sh

load hvg_selftest_kasan
echo "planted out-of-bounds read done"
