# SPDX-License-Identifier: GPL-2.0
# Helpers for test cases; sourced, not run. Cases run as root in the test
# VM with busybox, and exit 0 (pass), 77 (skip) or anything else (fail).

# fail MESSAGE: end the case. The message goes to stderr, which the log
# keeps also where the caller throws stdout away (iperf_run >/dev/null).
fail() {
	echo "FAIL: $*" >&2
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

# wait_for SECONDS COMMAND...: poll until COMMAND succeeds.
wait_for() {
	tries=$(($1 * 10))
	shift
	while ! "$@" 2>/dev/null; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		sleep 0.1
	done
}

# The modalias of a class GUID given in text form: "vmbus:" and the
# 16 bytes in wire order (first three fields byte-swapped).
guid_to_modalias() {
	echo "$1" | tr -d '{}' | tr 'A-F' 'a-f' | awk -F- '{
		a = ""; for (i = 7; i >= 1; i -= 2) a = a substr($1, i, 2)
		b = substr($2, 3, 2) substr($2, 1, 2)
		c = substr($3, 3, 2) substr($3, 1, 2)
		print "vmbus:" a b c $4 $5 }'
}

vmbus_devices() {
	ls /sys/bus/vmbus/devices 2>/dev/null
}

# start_kvp_daemon SECONDS: Debian's hv_kvp_daemon in the background (its
# pid in $daemon, killed when the case exits, its log in /tmp/kvp.log),
# then wait until the host negotiated the KVP channel, which the guest
# does only after the daemon registered (up to 55 s).
start_kvp_daemon() {
	mkdir -p /var/lib/hyperv
	hv_kvp_daemon -n >/tmp/kvp.log 2>&1 &
	daemon=$!
	trap 'kill "$daemon" 2>/dev/null' EXIT
	wait_for "$1" grep -q '^kvp state=ready ' /sys/kernel/debug/hv_sim/ic/stats ||
		fail "kvp channel not negotiated: $(cat /sys/kernel/debug/hv_sim/ic/stats)"
}

# stop_kvp_daemon: end what start_kvp_daemon started.
stop_kvp_daemon() {
	kill "$daemon"
	wait "$daemon" 2>/dev/null
	trap - EXIT
}

# The synthetic SCSI controller's class (include/hv/proto/guid.h);
# vmbus-sysfs.sh checks every class GUID against its textual form.
# shellcheck disable=SC2034 # for the cases that source this file
SCSI_CLASS=ba6163d9-04a1-4d29-b605-72e2ffb1dc7f

# class_devices CLASS-GUID: the vmbus devices of that class, one a line.
class_devices() {
	for d in /sys/bus/vmbus/devices/*; do
		[ "$(cat "$d/class_id" 2>/dev/null)" = "{$1}" ] && basename "$d"
	done
}

vmbus_count_is() {
	[ "$(vmbus_devices | wc -l)" -eq "$1" ]
}

# Load the core on the simulated host with the given hv_sim parameters.
start_sim() {
	load hv_vmbus platform=sim
	load hv_sim "$@"
}

# unload_retry MODULE: rmmod, retrying while a user (a SCSI scan) holds it.
unload_retry() {
	wait_for 20 rmmod "$1" || fail "rmmod $1"
}

stop_sim() {
	unload hv_sim
	unload hv_vmbus
}

# dmesg_has PATTERN: the kernel log buffer matches (the harness reads the
# console, so cases may clear the buffer with dmesg -c).
dmesg_has() {
	dmesg | grep -q "$1"
}

# Devices bound to hvg_echo, one sysfs path a line.
echo_devs() {
	for d in /sys/bus/vmbus/drivers/hvg_echo/*-*; do
		[ -e "$d/echo_test" ] && echo "$d"
	done
}

echo_count_is() {
	[ "$(echo_devs | wc -l)" -eq "$1" ]
}

# wait_echo N: wait until hvg_echo has bound N devices.
wait_echo() {
	wait_for 20 echo_count_is "$1" ||
		fail "hvg_echo bound $(echo_devs | wc -l) devices, want $1"
}

# expect_down poweroff|reboot SECONDS: announce that the VM goes down within
# SECONDS from now; tests/boot/judge-log.py then passes this case on the
# kernel's own power-down or restart message instead of a verdict. Only the
# last case of a run may do this. The marker goes through /dev/kmsg so that
# it carries the kernel's timestamp, as that message does.
expect_down() {
	echo "HVG-EXPECT-$(echo "$1" | tr '[:lower:]' '[:upper:]') $2 $(basename "$0")" \
		>/dev/kmsg
}

# expect_line TEXT: after expect_down, the kernel must log a line holding
# TEXT before it goes down (judged by tests/boot/judge-log.py).
expect_line() {
	echo "HVG-EXPECT-LINE $1" >/dev/kmsg
}

# fake_shutdown MARKFILE: /sbin/poweroff and /sbin/reboot only note their
# call in MARKFILE, so that a case sees whether the guest acted on a
# shutdown request; with -f (the harness's own final poweroff) the real
# one runs. real_shutdown puts busybox's back.
fake_shutdown() {
	for c in poweroff reboot; do
		rm -f /sbin/$c
		# shellcheck disable=SC2016 # $1 belongs to the script written
		printf '#!/bin/sh\n[ "$1" = -f ] && exec /bin/busybox %s -f\necho %s >>%s\n' \
			$c $c "$1" >/sbin/$c
		chmod 755 /sbin/$c
	done
}

real_shutdown() {
	for c in poweroff reboot; do
		rm -f /sbin/$c
		ln -s /bin/busybox /sbin/$c
	done
}

# have_userland: Debian's daemons from scripts/fetch-userland are in the
# initramfs (tests/boot/run-vm --userland).
have_userland() {
	[ -x /usr/sbin/chronyd ] && [ -x /usr/bin/chronyc ] && [ -x /usr/sbin/hv_kvp_daemon ]
}

# need_sd: skip the case unless the kernel's SCSI disk driver is there
# (a module the initramfs has only with run-vm --kmods).
need_sd() {
	modprobe sd_mod 2>/dev/null || [ -d /sys/bus/scsi/drivers/sd ] ||
		{ echo "no SCSI disk driver in this kernel"; exit 77; }
}

# need_tools TOOL...: skip the case unless every TOOL is on the PATH
# (Debian's from scripts/fetch-userland, run-vm --userland).
need_tools() {
	for t; do
		command -v "$t" >/dev/null || { echo "no $t in the initramfs"; exit 77; }
	done
}

# scsi_disk LUN: the block device (sdX) of that LUN of target 0 of any
# SCSI host; nothing while there is none.
scsi_disk() {
	for b in /sys/bus/scsi/devices/*:0:0:"$1"/block/*; do
		[ -e "$b" ] && basename "$b"
	done
}

# has_scsi_disk LUN: the LUN's block device exists, node included.
has_scsi_disk() {
	[ -n "$(scsi_disk "$1")" ] && [ -b "/dev/$(scsi_disk "$1")" ]
}

no_scsi_disk() {
	[ -z "$(scsi_disk "$1")" ]
}

# scsi_settle LUN: return once the scan that found LUN (path 0, target 0)
# has ended. A manual scan of that LUN waits for the host's scan mutex,
# which a scan in progress holds, and sends nothing for a LUN that is
# there. Where the kernel scans synchronously (the debug kernel) a LUN
# appears while the scan still probes the other paths and targets, and a
# storvsp fault armed for "the next command" would hit such a probe.
scsi_settle() {
	for d in /sys/bus/scsi/devices/*:0:0:"$1"; do
		[ -e "$d" ] || continue
		h=${d##*/}
		echo "0 0 $1" >"/sys/class/scsi_host/host${h%%:*}/scan"
	done
}

# wait_scsi_disk SECONDS LUN: wait until the LUN's disk exists and the
# scan that found it has ended.
wait_scsi_disk() {
	wait_for "$1" has_scsi_disk "$2" && scsi_settle "$2"
}

# storvsp_fault COMMAND: one command to hv_sim's storvsp (see sim.rst).
storvsp_fault() {
	echo "$1" >/sys/kernel/debug/hv_sim/scsi/fault ||
		fail "storvsp refused '$1'"
}

# storvsp_stat NAME: one of storvsp's counters.
storvsp_stat() {
	sed -n "s/^$1 //p" /sys/kernel/debug/hv_sim/scsi/stats
}

# run_bg FILE COMMAND...: run COMMAND (a function may redirect) in the
# background (its pid is then in $!); FILE receives its exit status when it
# ends, so that a case can bound the wait with wait_for SECONDS test -s
# FILE, then wait for $!.
run_bg() {
	status=$1
	shift
	rm -f "$status"
	("$@"; rc=$?; echo "$rc" >"$status") &
}

# ended PID: that background process is gone.
ended() {
	! kill -0 "$1" 2>/dev/null
}

# storvsp_misbehaving DELAY_MS PERIOD COMMAND...: run COMMAND while storvsp
# holds every completion DELAY_MS and answers batches in reverse order (the
# one-shot reorder fault re-armed every PERIOD seconds); fail unless the
# host did both.
storvsp_misbehaving() {
	ms=$1 period=$2
	shift 2
	delayed=$(storvsp_stat delayed)
	reordered=$(storvsp_stat reordered)
	storvsp_fault "delay_ms $ms"
	(while :; do storvsp_fault reorder; sleep "$period"; done) &
	rearm=$!
	"$@"
	kill "$rearm"
	wait "$rearm" 2>/dev/null
	storvsp_fault clear
	[ "$(storvsp_stat delayed)" -gt "$delayed" ] || fail "the host delayed no completion"
	[ "$(storvsp_stat reordered)" -gt "$reordered" ] || fail "the host reordered no batch"
	echo "faults: $(($(storvsp_stat delayed) - delayed)) completions delayed, $(($(storvsp_stat reordered) - reordered)) batches reordered"
}

# disk_io_start: an ext4 on a storvsc disk, mounted on /mnt/io, with dd
# writing to it (conv=fsync) in the background while the host holds each
# completion 20 ms; returns once I/O reached the host. Loads hv_vmbus,
# hv_sim (scsi and shutdown devices), hv_storvsc and hv_utils.
disk_io_start() {
	need_sd
	start_sim devices=scsi,shutdown scsi_luns=64
	load hv_storvsc
	load hv_utils
	wait_for 60 has_scsi_disk 0 || fail "LUN 0 did not appear"
	dev=/dev/$(scsi_disk 0)
	if command -v mkfs.ext4 >/dev/null; then
		mkfs.ext4 -q -F "$dev" || fail "mkfs.ext4 $dev failed"
	else
		mke2fs -q "$dev" >/dev/null || fail "mke2fs $dev failed"
	fi
	mkdir -p /mnt/io
	mount -t ext4 "$dev" /mnt/io || fail "mount $dev failed"
	storvsp_fault "delay_ms 20"
	(
		i=0
		while :; do
			dd if=/dev/urandom of=/mnt/io/f$((i % 4)) bs=64k count=32 \
				conv=fsync 2>/dev/null
			i=$((i + 1))
		done
	) &
	srbs=$(storvsp_stat srbs)
	sleep 3
	[ "$(storvsp_stat srbs)" -gt "$srbs" ] || fail "no I/O reached the host"
}

# still_up WHAT: after asking the VM to go down, fail if it did not within
# 60 s (through /dev/kmsg too: PID 1, which prints the case's log, is
# busy going down).
still_up() {
	sleep 60
	echo "HVG: still up 60 s after asking for $1" >/dev/kmsg
	fail "still up 60 s after asking for $1"
}

# down_with_io poweroff|reboot host|guest: go down with disk_io_start's
# writes in flight, asked by the host (hv_utils' shutdown service) or by
# the guest's /sbin/poweroff or /sbin/reboot. The devices shut down while
# the connection is still up, so sd's cache flush completes: the kernel
# says "Synchronizing SCSI cache", then powers off or restarts within
# 30 s. Only the last case of a run may call this.
down_with_io() {
	disk_io_start
	expect_down "$1" 30
	expect_line "Synchronizing SCSI cache"
	if [ "$2" = host ]; then
		echo "$1" >/sys/kernel/debug/hv_sim/ic/shutdown ||
			fail "host refused '$1'"
	else
		"$1" || fail "$1 failed"
	fi
	still_up "$1"
}

# slab_kb: the kernel's slab memory (/proc/meminfo Slab) in kB, after
# dropping the page, dentry and inode caches.
slab_kb() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sed -n 's/^Slab: *\([0-9]*\) kB$/\1/p' /proc/meminfo
}

# reload_rounds ROUNDS: load and unload each module ROUNDS times with its
# devices present and I/O between cycles: hv_vmbus with hv_sim (echo
# traffic through hvg_echo), hv_storvsc (each round writes 256 KiB at its
# own offset of a 64 MiB disk, cycling after 256 rounds, and reads back
# the previous round's, through the new driver instance) and hv_utils (heartbeats answered). Prints Slab before and
# after each module's rounds; kmemleak and the harness judge the rest.
reload_rounds() {
	n=$1
	s0=$(slab_kb)
	i=0
	while [ $i -lt "$n" ]; do
		start_sim devices=echo,scsi,heartbeat,shutdown,timesync,kvp
		load hvg_echo
		wait_echo 1
		echo "10 128" >"$(echo_devs)/echo_test" ||
			fail "hv_vmbus round $i: traffic failed"
		unload hvg_echo
		stop_sim
		i=$((i + 1))
	done
	echo "reload hv_vmbus+hv_sim: $n rounds, Slab $s0 kB before, $(slab_kb) kB after"

	need_sd
	start_sim devices=scsi,heartbeat scsi_luns=64 ic_heartbeat_ms=20
	s0=$(slab_kb)
	i=0
	while [ $i -lt "$n" ]; do
		load hv_storvsc
		wait_for 60 has_scsi_disk 0 || fail "hv_storvsc round $i: LUN 0 did not appear"
		dev=/dev/$(scsi_disk 0)
		if [ $i -gt 0 ]; then
			dd if="$dev" of=/tmp/back bs=64k skip=$((4 * ((i - 1) % 256))) \
				count=4 2>/dev/null
			cmp -s /tmp/back /tmp/blk ||
				fail "hv_storvsc round $i: round $((i - 1))'s block read back differs"
		fi
		dd if=/dev/urandom of=/tmp/blk bs=64k count=4 2>/dev/null
		dd if=/tmp/blk of="$dev" bs=64k seek=$((4 * (i % 256))) conv=fsync \
			2>/dev/null ||
			fail "hv_storvsc round $i: write failed"
		unload_retry hv_storvsc
		i=$((i + 1))
	done
	echo "reload hv_storvsc: $n rounds, Slab $s0 kB before, $(slab_kb) kB after"

	ic=/sys/kernel/debug/hv_sim/ic
	s0=$(slab_kb)
	i=0
	while [ $i -lt "$n" ]; do
		answered=$(tr ' ' '\n' <$ic/heartbeat | sed -n 's/^answered=//p')
		load hv_utils
		wait_for 20 heartbeats_over "$((answered + 2))" ||
			fail "hv_utils round $i: no heartbeat answered: $(cat $ic/heartbeat)"
		unload hv_utils
		i=$((i + 1))
	done
	echo "reload hv_utils: $n rounds, Slab $s0 kB before, $(slab_kb) kB after"
	stop_sim
}

heartbeats_over() {
	[ "$(tr ' ' '\n' </sys/kernel/debug/hv_sim/ic/heartbeat | sed -n 's/^answered=//p')" -gt "$1" ]
}

# ---- synthetic NIC (hv_netvsc against hv_sim's netvsp) --------------------

NVS_DBG=/sys/kernel/debug/hv_sim/net

# Debian's ip and ping (scripts/fetch-userland), not busybox's applets of
# the same name, which its shell would run first: only Debian's have
# network namespaces, XDP and the options the cases use.
[ -x /bin/ip ] && ip() { /bin/ip "$@"; }
[ -x /bin/ping ] && ping() { /bin/ping "$@"; }

# need_netvsc [TOOL...]: skip unless the guest driver, ip, ethtool and the
# TOOLs are in the initramfs.
need_netvsc() {
	[ -e "$HVG_MODULES/hv_netvsc.ko" ] ||
		{ echo "no hv_netvsc.ko in the initramfs"; exit 77; }
	need_tools ip ethtool "$@"
}

# nvs_fault COMMAND: one command to netvsp's fault file (see sim.rst).
nvs_fault() {
	echo "$1" >"$NVS_DBG/fault" || fail "netvsp refused '$1'"
}

# nvs_stat NAME: a counter of NIC 0.
nvs_stat() {
	awk -v n="$1" '$1 == "nic" { nic = $2 } nic == 0 && $1 == n { print $2; exit }' \
		"$NVS_DBG/stats"
}

# nvs_nic FIELD: a field of NIC 0 in netvsp's nics file (state=, version=...).
nvs_nic() {
	sed -n "s/^nic=0 .* $1=\([^ ]*\).*/\1/p" "$NVS_DBG/nics"
}

# nvs_queue_stat QUEUE NAME: a counter of one of NIC 0's queues.
nvs_queue_stat() {
	sed -n "s/^nic=0 queue=$1 .* $2=\([0-9]*\).*/\1/p" "$NVS_DBG/queues"
}

# netvsc_if: the interface hv_netvsc drives, nothing while there is none.
netvsc_if() {
	for d in /sys/class/net/*; do
		[ "$(basename "$(readlink "$d/device/driver" 2>/dev/null)")" = hv_netvsc ] &&
			basename "$d"
	done
}

has_netvsc_if() {
	[ -n "$(netvsc_if)" ]
}

carrier_is() {
	[ "$(cat "/sys/class/net/$NIF/carrier" 2>/dev/null)" = "$1" ]
}

# netvsc_ethtool_stat NAME: one of hv_netvsc's ethtool -S counters.
netvsc_ethtool_stat() {
	ethtool -S "$NIF" | awk -v n="$1:" '$1 == n { print $2; exit }'
}

# peer CMD...: run CMD in the peer's network namespace.
peer() {
	ip netns exec peer "$@"
}

# net_up [HV_SIM_PARAM...]: hv_sim with one NIC whose switch port hvsw0
# sits in netns "peer" as 10.0.0.2 and fd00::2; hv_netvsc's interface
# (NIF) up as 10.0.0.1 and fd00::1.
net_up() {
	start_sim devices=net "$@"
	[ -e /sys/class/net/hvsw0 ] || fail "hv_sim made no switch port"
	mkdir -p /run
	# A case that failed before its net_down left its peer behind.
	ip netns del peer 2>/dev/null
	ip netns add peer || fail "ip netns add peer"
	ip link set hvsw0 netns peer || fail "cannot move hvsw0 into the peer"
	peer ip link set lo up
	peer ip addr add 10.0.0.2/24 dev hvsw0
	peer ip addr add fd00::2/64 dev hvsw0 nodad
	peer ip link set hvsw0 up
	load hv_netvsc
	wait_for 30 has_netvsc_if || fail "hv_netvsc made no interface"
	NIF=$(netvsc_if)
	ip addr add 10.0.0.1/24 dev "$NIF"
	ip addr add fd00::1/64 dev "$NIF" nodad
	ip link set "$NIF" up
	wait_for 20 carrier_is 1 || fail "$NIF has no carrier"
}

# net_down: unload the driver and the host, drop the peer.
net_down() {
	peer pkill iperf3 2>/dev/null
	unload_retry hv_netvsc
	ip netns del peer
	stop_sim
}

# ping_peer [ARGS...]: a few pings from the guest to the peer must answer.
ping_peer() {
	ping -c 3 -i 0.2 -W 5 "$@" 10.0.0.2 >/tmp/ping.log 2>&1 ||
		{ cat /tmp/ping.log; return 1; }
}

# iperf_run ARGS...: an iperf3 of IPERF_T seconds (default 2: enough for
# every counter the cases read) from the guest to the peer's server;
# prints the receiver's line, fails if iperf3 does.
iperf_run() {
	peer iperf3 -s -1 -D -B 10.0.0.2 >/dev/null 2>&1 ||
		fail "iperf3 server did not start"
	sleep 0.5
	iperf3 -c 10.0.0.2 -t "${IPERF_T:-2}" -f m "$@" >/tmp/iperf.log 2>&1 ||
		{ cat /tmp/iperf.log >&2; fail "iperf3 $* failed"; }
	grep receiver /tmp/iperf.log | tail -1
}
