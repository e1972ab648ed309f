#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every vmbus device's and channel's sysfs attribute names must equal
# upstream 6.12's for this kernel's configuration: the list that
# scripts/vmbus-sysfs-upstream reads from Debian's linux-source on the
# host, passed in with run-vm --data. Devices of seven classes, one with
# two sub-channels, no driver bound (a driver's own files are not the
# bus's). The monitor attributes count when the channel shows monitor_id
# (hv_sim offers unmonitored channels; a monitored one must then show the
# whole monitored set).
. /hvg/lib.sh

list=/hvg/data/vmbus-sysfs-upstream.txt
[ -r $list ] || { echo "no $list: give run-vm --data the output of scripts/vmbus-sysfs-upstream"; exit 77; }

# expected device|channel MONITORED: upstream's names, sorted.
expected() {
	awk -v k="$1" -v mon="$2" \
		'$1 == k && ($3 != "monitored" || mon == 1) { print $2 }' $list | sort
}

# present DIR: the names in DIR but the driver core's own and channels/.
present() {
	for f in "$1"/*; do
		case ${f##*/} in
		uevent | subsystem | driver | power | channels) ;;
		*) echo "${f##*/}" ;;
		esac
	done | sort
}

# compare WHAT DIR KIND: DIR's names equal upstream's for KIND.
compare() {
	mon=0
	[ -e "$2/monitor_id" ] && mon=1
	expected "$3" $mon >/tmp/want
	present "$2" >/tmp/have
	[ -s /tmp/have ] || fail "$1: no attributes at all"
	missing=$(grep -vxFf /tmp/have /tmp/want | tr '\n' ' ')
	extra=$(grep -vxFf /tmp/want /tmp/have | tr '\n' ' ')
	[ -z "$missing$extra" ] ||
		fail "$1: missing from upstream's set: ${missing:-none}; not upstream's: ${extra:-none}"
	checked=$((checked + 1))
}

if [ "$(expected device 0 | wc -l)" -lt 10 ] || [ "$(expected channel 0 | wc -l)" -lt 10 ]; then
	fail "$list holds too few attributes: $(wc -l <$list) lines"
fi

start_sim devices=echo:2,net,scsi,heartbeat,shutdown,timesync,kvp
wait_for 20 vmbus_count_is 7 ||
	fail "expected 7 devices, found: $(vmbus_devices | tr '\n' ' ')"
nine_channels() {
	set -- /sys/bus/vmbus/devices/*/channels/*
	[ $# -eq 9 ]
}
wait_for 20 nine_channels || fail "expected 9 channel directories"

checked=0
for dev in $(vmbus_devices); do
	d=/sys/bus/vmbus/devices/$dev
	compare "$dev" "$d" device
	# numa_node: the node of the CPU the primary channel targets.
	if [ -e "$d/numa_node" ]; then
		cpu=$(sed -n 's/^[0-9]*:\([0-9]*\)$/\1/p;q' "$d/channel_vp_mapping")
		node=
		for n in /sys/devices/system/cpu/cpu"$cpu"/node*; do
			node=${n##*node}
		done
		[ "$(cat "$d/numa_node")" = "$node" ] ||
			fail "$dev: numa_node $(cat "$d/numa_node"), CPU $cpu is on node $node"
	fi
	for c in "$d"/channels/*; do
		compare "$dev channel $(basename "$c")" "$c" channel
	done
done
[ $checked -eq 16 ] || fail "compared $checked directories, want 16"
echo "7 devices and 9 channels have upstream's attributes ($(expected device 0 | wc -l) device, $(expected channel 0 | wc -l) channel names)"
stop_sim
