#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Ring sizes at the edge of what vmbus_open() accepts: two Hyper-V pages
# per ring (the control page and one data page) open and carry the
# largest packet such a ring takes, both ways; three pages too; one page,
# or a size that is not a multiple of the page size, is refused at once
# with an error that says why.
. /hvg/lib.sh

sim=/sys/kernel/debug/hv_sim
page=$(getconf PAGESIZE 2>/dev/null || echo 4096)
start_sim devices=echo

# opens SIZE PAYLOAD: hvg_echo with SIZE-byte rings binds and echoes.
opens() {
	dmesg -c >/dev/null
	load hvg_echo ring_size="$1"
	wait_for 20 echo_count_is 1 ||
		fail "ring_size=$1: not bound: $(dmesg | grep -i -e ring -e hvg_echo | tail -3)"
	dev=$(echo_devs)
	echo "50 $2" >"$dev/echo_test" || fail "ring_size=$1: traffic: $(cat "$dev/echo_test")"
	grep -q " open .* vp=" "$sim/channels" || fail "ring_size=$1: host sees no open channel"
	unload hvg_echo
	echo "ring_size=$1: opened, 50 echoes of $2 bytes"
}

# refused SIZE: probe fails with -EINVAL and the core says why.
refused() {
	dmesg -c >/dev/null
	load hvg_echo ring_size="$1"
	wait_for 10 dmesg_has "ring sizes $1/$1" ||
		fail "ring_size=$1: no error naming the sizes: $(dmesg | tail -3)"
	echo_count_is 0 || fail "ring_size=$1 accepted"
	unload hvg_echo
	echo "ring_size=$1: refused: $(dmesg | grep "ring sizes" | head -1 | sed 's/^\[[^]]*\] //')"
}

if [ "$page" -eq 4096 ]; then
	# The largest packet one data page takes: 16-byte descriptor + 4064.
	opens 8192 4064
	opens 12288 2048
	refused 4096
	refused 6144
else
	# 64 KiB pages: a ring is at least one kernel page.
	opens "$page" 1024
	refused $((page / 2))
fi
stop_sim
