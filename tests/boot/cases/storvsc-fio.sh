#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fio with crc32c verification on three disks of the simulated storvsp at
# once: random writes with interleaved verify reads, queue depths 1 to 128,
# blocks of 512 B to 1 MiB (larger than one SRB, so split by the block
# layer), direct I/O through libaio. Run once as is and once while the host
# delays every completion and answers batches in reverse order: every job
# must end without an error and with every block verified.
. /hvg/lib.sh

need_sd
need_tools fio

three_disks() {
	has_scsi_disk 0 && has_scsi_disk 1 && has_scsi_disk 2
}

start_sim devices=scsi scsi_luns=64,64,64
load hv_storvsc
wait_for 60 three_disks || fail "LUNs 0-2 did not all appear"

# One section per job: disk, queue depth, block sizes, bytes. verify_backlog
# has fio read back and check blocks while it is still writing.
cat >/tmp/storvsc.fio <<EOF
[global]
ioengine=libaio
direct=1
rw=randwrite
verify=crc32c
verify_fatal=1
verify_backlog=64
do_verify=1
randrepeat=0

[qd1-512]
filename=/dev/$(scsi_disk 0)
iodepth=1
bs=512
size=1m

[qd8-4k-64k]
filename=/dev/$(scsi_disk 0)
offset=8m
iodepth=8
bsrange=4k-64k
size=8m

[qd32-mixed]
filename=/dev/$(scsi_disk 1)
iodepth=32
bssplit=512/10:4k/40:16k/20:128k/20:1m/10
size=24m

[qd128-1m]
filename=/dev/$(scsi_disk 2)
iodepth=128
bs=1m
size=32m
EOF

# run_fio TAG: run the jobs, fail unless all ended well.
run_fio() {
	fio --output=/tmp/fio.log /tmp/storvsc.fio
	rc=$?
	if [ "$rc" -ne 0 ] || grep -q 'err= *[1-9]' /tmp/fio.log ||
		grep -qi 'verify.*\(bad\|fail\)' /tmp/fio.log; then
		cat /tmp/fio.log
		fail "$1: fio exited $rc or reported errors"
	fi
	jobs=$(grep -c 'err= *0' /tmp/fio.log)
	[ "$jobs" -eq 4 ] || { cat /tmp/fio.log; fail "$1: $jobs of 4 jobs reported"; }
	echo "$1: 4 jobs, 0 errors, 0 verify failures"
}

run_fio "plain"

storvsp_misbehaving 2 0.1 run_fio "delayed, reordered"

[ "$(storvsp_stat bad_packets)" -eq 0 ] || fail "host saw $(storvsp_stat bad_packets) bad packets"
unload_retry hv_storvsc
stop_sim
