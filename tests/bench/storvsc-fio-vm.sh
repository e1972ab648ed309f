#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the benchmark VM (tests/bench/storvsc-bench): the same fio
# jobs on a LUN of hv_sim's storvsp through hv_storvsc, on a null_blk disk
# (no data kept: the block layer's own cost) and on a memory-backed
# null_blk disk (data copied, as storvsp does), one after the other.
# Prints one line per job and device: "BENCH DEVICE JOB IOPS KiB/s".
. /hvg/lib.sh

need_sd
need_tools fio
# Seconds per job: hvg.bench_runtime=N on the kernel command line.
runtime=$(sed -n 's/.*hvg\.bench_runtime=\([0-9]*\).*/\1/p' /proc/cmdline)
runtime=${runtime:-10}
size_mb=256

start_sim devices=scsi scsi_luns=$size_mb
load hv_storvsc
wait_for 60 has_scsi_disk 0 || fail "LUN 0 did not appear"
sd=/dev/$(scsi_disk 0)

# bench LABEL DEV NAME FIO-ARGS...: one time-based job. Its terse v3 line
# has the read KiB/s and IOPS in fields 7 and 8, the write ones in 48, 49.
bench() {
	label=$1 dev=$2 name=$3
	shift 3
	line=$(fio --name="$name" --filename="$dev" --size=${size_mb}m \
		--ioengine=libaio --direct=1 --time_based --runtime="$runtime" \
		--ramp_time=2 --output-format=terse --terse-version=3 "$@") ||
		fail "fio $name on $dev failed"
	echo "$line" | awk -F';' -v j="$name" -v d="$label" '
		$5 != 0 { exit 1 }
		{ printf "BENCH %s %s %d %d\n", d, j, $8 + $49, $7 + $48 }' ||
		fail "fio $name on $dev reported an error"
}

# jobs LABEL DEV: the four jobs on DEV.
jobs() {
	bench "$1" "$2" randread-4k-qd1 --rw=randread --bs=4k --iodepth=1
	bench "$1" "$2" randread-4k-qd32 --rw=randread --bs=4k --iodepth=32
	bench "$1" "$2" seqread-1m-qd8 --rw=read --bs=1m --iodepth=8
	bench "$1" "$2" seqwrite-1m-qd8 --rw=write --bs=1m --iodepth=8
}

# null_blk_jobs LABEL MEMORY_BACKED: the jobs on a fresh null_blk disk.
null_blk_jobs() {
	modprobe null_blk nr_devices=1 queue_mode=2 irqmode=0 gb=1 bs=512 \
		memory_backed="$2" || { echo "no null_blk in this kernel"; exit 77; }
	[ -b /dev/nullb0 ] || fail "null_blk made no /dev/nullb0"
	jobs "$1" /dev/nullb0
	rmmod null_blk || fail "rmmod null_blk"
}

jobs storvsc "$sd"
unload_retry hv_storvsc
stop_sim
null_blk_jobs null_blk 0
null_blk_jobs null_blk-mem 1
