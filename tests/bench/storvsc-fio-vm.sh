#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the benchmark VM (tests/bench/storvsc-bench): the same fio
# jobs on a LUN of hv_sim's storvsp through hv_storvsc, on a null_blk disk
# (no data kept: the block layer's own cost) and on a memory-backed
# null_blk disk (data copied, as storvsp does), one after the other.
# Prints one line per job and device: "BENCH DEVICE JOB IOPS KiB/s", and
# where a traced queue-depth-1 4 KiB read on storvsc (and on null_blk)
# spends its time: "SPLIT DEVICE STAGE MEAN_NS MEDIAN_NS COUNT" lines.
. /hvg/lib.sh

need_sd
need_tools fio
# Seconds per job: hvg.bench_runtime=N on the kernel command line.
runtime=$(sed -n 's/.*hvg\.bench_runtime=\([0-9]*\).*/\1/p' /proc/cmdline)
runtime=${runtime:-10}
# Requests traced for the split: hvg.bench_trace_ios=N, 0 for none.
trace_ios=$(sed -n 's/.*hvg\.bench_trace_ios=\([0-9]*\).*/\1/p' /proc/cmdline)
trace_ios=${trace_ios:-2000}
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
	[ "$trace_ios" -eq 0 ] || [ "$2" -eq 1 ] ||
		trace_split "$1" /dev/nullb0 "$NULL_BLK_STAGES" ""
	jobs "$1" /dev/nullb0
	rmmod null_blk || fail "rmmod null_blk"
}

# The stages of one request on storvsc, in the order their events come,
# each named after the event that ends it (NAME=EVENT; a trace event
# ends in ":", the others are functions):
#   blk-mq      block_rq_issue to the driver's queuecommand
#   storvsc     building the SRB, to the ring write
#   ring        the ring write, to the signal (vmbus_setevent)
#   to-host     the signal reaching the host's channel run
#   host        storvsp's handling, to the signal back
#   interrupt   that signal reaching vmbus_isr (vmbus_chan_sched)
#   tasklet     the channel's tasklet running its callback
#   complete    storvsc's callback to blk-mq's completion
#   user        the completion to fio's next request (block_rq_issue)
# On null_blk (irqmode=0: completed in its queue_rq) two stages: the
# driver, and the same "user". The stages tile the request's cycle:
# their means add up to 1 / IOPS of the traced run (tracing slows it;
# the shares are the result).
STORVSC_STAGES="blk-mq=storvsc_queuecommand storvsc=hv_ring_write
ring=vmbus_setevent: to-host=sim_chan_run host=sim_signal_guest
interrupt=vmbus_chan_sched: tasklet=vmbus_on_event:
complete=block_rq_complete: user"
STORVSC_FUNCS="storvsc_queuecommand hv_ring_write sim_chan_run sim_signal_guest"
NULL_BLK_STAGES="driver=block_rq_complete: user"
SPLIT_EVENTS="block/block_rq_issue block/block_rq_complete hyperv/vmbus_setevent
hyperv/vmbus_chan_sched hyperv/vmbus_on_event"

# split_trace_setup FUNCS / split_trace_reset: the function tracer on
# FUNCS (none: no function tracer) and SPLIT_EVENTS, stamped by a clock
# that all CPUs share; back to none (which empties the buffer).
split_trace_setup() {
	t=/sys/kernel/tracing
	[ -d "$t/events" ] || mount -t tracefs tracefs "$t" ||
		fail "cannot mount tracefs"
	echo 0 >"$t/tracing_on"
	echo mono >"$t/trace_clock" || fail "no mono trace clock"
	echo 16384 >"$t/buffer_size_kb" || fail "cannot size the trace buffer"
	if [ -n "$1" ]; then
		echo "$1" | tr ' ' '\n' >"$t/set_ftrace_filter" ||
			fail "cannot trace $1"
		echo function >"$t/current_tracer" || fail "no function tracer"
	fi
	for e in $SPLIT_EVENTS; do
		[ -d "$t/events/$e" ] || continue
		echo 1 >"$t/events/$e/enable" || fail "cannot enable trace event $e"
	done
	: >"$t/trace"
	echo 1 >"$t/tracing_on"
}

split_trace_reset() {
	for e in $SPLIT_EVENTS; do
		[ -d "$t/events/$e" ] && echo 0 >"$t/events/$e/enable"
	done
	echo nop >"$t/current_tracer"
	: >"$t/set_ftrace_filter"
}

# trace_split LABEL DEV STAGES FUNCS: trace_ios requests at queue depth 1 on
# DEV, then one "SPLIT LABEL STAGE MEAN_NS MEDIAN_NS COUNT" line per
# stage. A request counts when its events came in the stages' order;
# events out of that order (the host's own ring writes, a second run of
# the host's channel worker) are skipped.
trace_split() {
	split_trace_setup "$4"
	fio --name=split --filename="$2" --size=${size_mb}m --ioengine=libaio \
		--direct=1 --rw=randread --bs=4k --iodepth=1 \
		--number_ios="$trace_ios" --output=/dev/null ||
		fail "traced fio on $2 failed"
	echo 0 >"$t/tracing_on"
	dev=$(tr : , <"/sys/class/block/${2#/dev/}/dev")
	awk -v dev="$dev" -v stages="$3" '
		BEGIN {
			n = split(stages, sp, " ")
			for (k = 1; k <= n; k++) {
				split(sp[k], a, "=")
				ends[k] = a[2]
			}
		}
		# Prints "STAGE-INDEX NS" lines. The timestamp (seconds, to
		# the microsecond) ends in ":"; the event or function follows.
		{
			for (i = 1; i <= NF && $i !~ /^[0-9]+\.[0-9]+:$/; i++)
				;
			if (i > NF)
				next
			ts = substr($i, 1, length($i) - 1) * 1e9
			ev = $(i + 1)
			if (ev ~ /^block_rq_/ && $(i + 2) != dev)
				next
		}
		ev == "block_rq_issue:" {
			if (st == n)
				print n, ts - last
			st = 1
			last = ts
			next
		}
		st && st < n && ev == ends[st] {
			d[st] = ts - last
			last = ts
			if (++st == n)
				for (k = 1; k < n; k++)
					print k, d[k]
		}' "$t/trace" >/tmp/split
	split_trace_reset
	sort -k1,1n -k2,2n /tmp/split | awk -v stages="$3" -v label="$1" '
		BEGIN {
			n = split(stages, sp, " ")
			for (k = 1; k <= n; k++) {
				split(sp[k], a, "=")
				name[k] = a[1]
			}
		}
		function out() {
			if (c)
				printf "SPLIT %s %s %.0f %.0f %d\n", label, name[s],
					sum / c, v[int((c + 1) / 2)], c
		}
		$1 != s { out(); s = $1; c = sum = 0 }
		{ v[++c] = $2; sum += $2 }
		END { out() }'
}

[ "$trace_ios" -eq 0 ] || trace_split storvsc "$sd" "$STORVSC_STAGES" "$STORVSC_FUNCS"
jobs storvsc "$sd"
unload_retry hv_storvsc
stop_sim
null_blk_jobs null_blk 0
null_blk_jobs null_blk-mem 1
