#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The soak: fio with crc32c verification on two storvsc disks, the echo
# device's traffic and the integration services (heartbeat, time samples,
# KVP through Debian's hv_kvp_daemon) run together for a while, while the
# simulated host injects faults chosen at random and channels move between
# CPUs and a CPU goes offline and online again. Every fault is one the
# guest must hide from its users: no I/O error, no verify failure, no lost
# echo, every IC request answered; the harness adds no splat, no leak
# (kmemleak) and no hang (the case timeout).
#
# /hvg/data/soak.conf sets "seconds=N seed=S" (default: 60 s, a seed from
# the clock); the seed is printed first, and the same seed with the same
# modules replays the same choice of faults. scripts/soak runs it.
. /hvg/lib.sh

need_sd
need_tools fio
have_userland || { echo "no Debian userland (run-vm --userland)"; exit 77; }

seconds=60
seed=$(($(date +%s) % 1000000))
[ -r /hvg/data/soak.conf ] && . /hvg/data/soak.conf
first_seed=$seed
echo "soak: seconds=$seconds seed=$seed"

ic=/sys/kernel/debug/hv_sim/ic
sim=/sys/kernel/debug/hv_sim
ncpu=$(grep -c ^processor /proc/cpuinfo)

# rand N: the next number of the seeded sequence (an LCG), 0 to N-1, in $r.
rand() {
	seed=$(((seed * 1103515245 + 12345) % 2147483648))
	r=$((seed / 65536 % $1))
}

# pick WORD...: one of the words, at random, in $w.
pick() {
	rand $#
	shift "$r"
	w=$1
}

two_disks() {
	has_scsi_disk 0 && has_scsi_disk 1
}

start_sim devices=scsi,echo,heartbeat,timesync,kvp scsi_luns=64,64 \
	scsi_max_subchannels=2
load hv_storvsc
load hv_utils
load hvg_echo
wait_for 60 two_disks || fail "LUNs 0 and 1 did not appear"
scsi_settle 0
wait_echo 1
echo_dev=$(echo_devs)
start_kvp_daemon 90
echo "sample_ms 200" >$ic/timesync || fail "timesync refused sample_ms"

# Random writes verified as they go, on both disks, for the whole soak.
cat >/tmp/soak.fio <<EOF
[global]
ioengine=libaio
direct=1
rw=randwrite
verify=crc32c
verify_fatal=1
verify_backlog=32
do_verify=1
randrepeat=0
time_based=1
runtime=$seconds

[qd4-4k-64k]
filename=/dev/$(scsi_disk 0)
iodepth=4
bsrange=4k-64k
size=32m

[qd16-mixed]
filename=/dev/$(scsi_disk 1)
iodepth=16
bssplit=4k/50:16k/30:128k/20
size=32m
EOF
fio --output=/tmp/fio.log /tmp/soak.fio &
fio=$!

# Echo traffic until the soak ends; each round must come back whole.
(
	n=0
	while [ ! -e /tmp/soak.end ]; do
		echo "50 256" >"$echo_dev/echo_test" ||
			{ echo "echo round $n failed: $(cat "$echo_dev/echo_test")"; exit 1; }
		n=$((n + 1))
	done
	echo "echo: $n rounds"
) >/tmp/echo.log 2>&1 &
echo_pid=$!

# KVP round trips through the daemon until the soak ends.
kvp_roundtrips() {
	n=0
	while [ ! -e /tmp/soak.end ]; do
		wait_for 60 sh -c "echo 'set 0 soak$n v$n' >$ic/kvp" || return 1
		wait_for 60 grep -q '^pending=0 ' $ic/kvp || return 1
		grep -q "status=0x00000000 key=soak$n value=v$n" $ic/kvp || return 1
		n=$((n + 1))
	done
	echo "kvp: $n sets answered"
}
(kvp_roundtrips || echo "kvp round $n: $(cat $ic/kvp)") >/tmp/kvp-rt.log 2>&1 &
kvp_pid=$!

channels() {
	ls -d /sys/bus/vmbus/devices/*/channels/* 2>/dev/null
}

# pick_channel: one open channel's sysfs directory, at random, in $w.
pick_channel() {
	# shellcheck disable=SC2046 # sysfs paths, without blanks
	pick $(channels)
}

# One fault, chosen at random and noted in /tmp/soak.log; the round's
# "clear" undoes it.
inject() {
	rand 12
	case $r in
	0)
		pick unknown_tid zero_tid in_band twice other_chan short wrong_op
		storvsp_fault "malformed $w"
		w="storvsp malformed $w"
		;;
	1)
		pick srb scsi qfull
		rand 4
		storvsp_fault "busy $((r + 1)) $w"
		w="storvsp busy $w"
		;;
	2)
		rand 50
		storvsp_fault "delay_ms $((r + 1))"
		w="storvsp delay"
		;;
	3)
		storvsp_fault reorder
		w="storvsp reorder"
		;;
	4)
		storvsp_fault hold
		sleep 0.2
		storvsp_fault release
		w="storvsp hold"
		;;
	5)
		pick_channel
		rand "$ncpu"
		# A refusal (the channel is closing) is an answer too.
		echo "$r" >"$w/cpu" 2>/dev/null
		w="channel move"
		;;
	6)
		if [ "$ncpu" -ge 2 ]; then
			echo 0 >/sys/devices/system/cpu/cpu1/online 2>/dev/null
			sleep 0.3
			echo 1 >/sys/devices/system/cpu/cpu1/online ||
				fail "CPU 1 did not come back online"
		fi
		w="cpu1 offline/online"
		;;
	7)
		pick_channel
		echo "signal_vps $(basename "$w") 3" >$sim/fault
		w="signal_vps"
		;;
	8)
		pick_channel
		echo "signal_every $(basename "$w")" >$sim/fault
		w="signal_every"
		;;
	9)
		rand 30
		echo "delay_ms $((r + 1))" >$sim/fault
		w="message delay"
		;;
	10)
		pick "heartbeat short" "timesync bad_time" "kvp bad_pool" \
			"kvp long_key" "timesync bad_size" "heartbeat bad_type"
		# Needs the service's channel open; otherwise it is armed.
		echo "$w" >$ic/malformed 2>/dev/null
		w="ic $w"
		;;
	11)
		echo sync >$ic/timesync
		w="timesync sync"
		;;
	esac
	echo "$w" >>/tmp/soak.log
}

end=$(($(date +%s) + seconds))
rounds=0
while [ "$(date +%s)" -lt "$end" ]; do
	inject
	rand 5
	sleep "0.$((r * 2 + 1))"
	storvsp_fault clear
	echo clear >$sim/fault
	rounds=$((rounds + 1))
done
touch /tmp/soak.end
echo "soak: $rounds rounds of faults; by kind:"
sort /tmp/soak.log | uniq -c | sort -rn

wait_for 120 ended "$fio" || fail "fio still running 120 s after the soak"
wait "$fio"
rc=$?
if [ "$rc" -ne 0 ] || grep -q 'err= *[1-9]' /tmp/fio.log ||
	grep -qi 'verify.*\(bad\|fail\)' /tmp/fio.log; then
	cat /tmp/fio.log
	fail "fio exited $rc or reported errors (seed in the first line)"
fi
[ "$(grep -c 'err= *0' /tmp/fio.log)" -eq 2 ] || { cat /tmp/fio.log; fail "not every fio job reported"; }
grep -E '^ *(write|read):' /tmp/fio.log

wait_for 60 ended "$echo_pid" || fail "echo traffic hung: $(cat "$echo_dev/echo_test")"
wait "$echo_pid" || { cat /tmp/echo.log; fail "echo traffic failed"; }
cat /tmp/echo.log
wait_for 130 ended "$kvp_pid" || fail "KVP round trip hung: $(cat $ic/kvp)"
wait "$kvp_pid"
grep -q '^kvp: ' /tmp/kvp-rt.log || { cat /tmp/kvp-rt.log; fail "a KVP round trip failed"; }
cat /tmp/kvp-rt.log

cat $ic/stats
grep -q '^heartbeat state=ready ' $ic/stats || fail "heartbeat not ready at the end"
grep -q '^timesync state=ready ' $ic/stats || fail "timesync not ready at the end"
[ "$(storvsp_stat bad_packets)" -eq 0 ] || fail "the host saw $(storvsp_stat bad_packets) bad packets from the guest"

stop_kvp_daemon
unload hvg_echo
unload hv_utils
unload_retry hv_storvsc
stop_sim
echo "soak: passed, seconds=$seconds seed=$first_seed"
