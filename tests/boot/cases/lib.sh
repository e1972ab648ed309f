# SPDX-License-Identifier: GPL-2.0
# Helpers for test cases; sourced, not run. Cases run as root in the test
# VM with busybox, and exit 0 (pass), 77 (skip) or anything else (fail).

fail() {
	echo "FAIL: $*"
	exit 1
}

# Load one of our modules from the initramfs, with optional parameters.
load() {
	mod=$1
	shift
	insmod "$HVG_MODULES/$mod.ko" "$@" || fail "insmod $mod $*"
}

unload() {
	rmmod "$1" || fail "rmmod $1"
}
