#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the benchmark VM (tests/bench/netvsc-bench): the same iperf3
# runs from the root namespace to the "peer" namespace over two paths,
# one after the other: hv_netvsc through hv_sim's netvsp and its switch
# port, and a veth pair. For each: TCP throughput, the 64-byte UDP
# packet rate the receiver saw, and the VM's busy CPU time per packet
# (from /proc/stat, all CPUs, guest and simulated host alike, over the
# packets the sending interface counted both ways).
# Prints "BENCH PATH TEST VALUE" lines: tcp in Mbit/s, udp64 in packets/s,
# and tcp_cpu, udp64_cpu in microseconds per packet.
. /hvg/lib.sh

need_netvsc iperf3
modprobe veth 2>/dev/null || [ -d /sys/module/veth ] ||
	{ echo "no veth in this kernel"; exit 77; }
runtime=$(sed -n 's/.*hvg\.bench_runtime=\([0-9]*\).*/\1/p' /proc/cmdline)
runtime=${runtime:-10}

# busy_jiffies: user+nice+system+irq+softirq of all CPUs.
busy_jiffies() {
	awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 }' /proc/stat
}

# packets IF: frames the interface sent and received.
packets() {
	echo $(($(cat "/sys/class/net/$1/statistics/tx_packets") +
		$(cat "/sys/class/net/$1/statistics/rx_packets")))
}

# measure PATH IF SERVER TEST IPERF-ARGS...: one run; prints its result
# and its CPU time per packet.
measure() {
	path=$1 ifc=$2 server=$3 test=$4
	shift 4
	peer iperf3 -s -1 -D -B "$server" >/dev/null 2>&1 || fail "iperf3 server"
	sleep 0.5
	j0=$(busy_jiffies)
	p0=$(packets "$ifc")
	iperf3 -c "$server" -t "$runtime" -f m "$@" >/tmp/bench.log 2>&1 ||
		{ cat /tmp/bench.log; fail "iperf3 $test on $path"; }
	j1=$(busy_jiffies)
	p1=$(packets "$ifc")
	if [ "$test" = tcp ]; then
		awk '/receiver/ { v = $7 } END { printf "BENCH %s tcp %s\n", p, v }' \
			p="$path" /tmp/bench.log
	else
		# "... 0.019 ms  120/5000 (2.4%)  receiver": delivered per second.
		awk -v p="$path" -v t="$runtime" '/receiver/ {
			split($(NF - 2), a, "/"); v = (a[2] - a[1]) / t }
			END { printf "BENCH %s udp64 %d\n", p, v }' /tmp/bench.log
	fi
	awk -v p="$path" -v t="$test" -v j=$((j1 - j0)) -v n=$((p1 - p0)) 'BEGIN {
		printf "BENCH %s %s_cpu %.2f\n", p, t, n ? j * 10000 / n : 0 }'
}

net_up
ip link add vguest type veth peer name vpeer || fail "no veth pair"
ip link set vpeer netns peer
ip addr add 10.1.0.1/24 dev vguest
ip link set vguest up
peer ip addr add 10.1.0.2/24 dev vpeer
peer ip link set vpeer up
ping -c 1 -W 5 10.1.0.2 >/dev/null || fail "no ping over veth"
ping_peer || fail "no ping over netvsc"
for p in netvsc veth; do
	if [ $p = netvsc ]; then ifc=$NIF srv=10.0.0.2; else ifc=vguest srv=10.1.0.2; fi
	measure $p "$ifc" $srv tcp
	measure $p "$ifc" $srv udp64 -u -l 64 -b 0
done
ip link del vguest
net_down
