#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The simulated host offers devices of several classes; every offer must
# appear under /sys/bus/vmbus/devices with upstream's attributes, formats
# and uevent, and nothing else may appear.
. /hvg/lib.sh

# class name in hv_sim's "devices" list, and its class GUID
classes="
echo a0038c4b-396a-4d73-9aa0-b1ca77bef876
net f8615163-df3e-46c5-913f-f2d2f965ed0e
scsi ba6163d9-04a1-4d29-b605-72e2ffb1dc7f
heartbeat 57164f39-9115-4e78-ab55-382f3bd5422d
shutdown 0e0b6031-5213-4934-818b-38d90ced39db
timesync 9527e630-d0ae-497b-adce-e80ab0175caf
kvp a9a0f4e7-5a45-4d96-b827-8a841e8c03e6
"
start_sim devices=echo,net,scsi,heartbeat,shutdown,timesync,kvp
wait_for 20 vmbus_count_is 7 ||
	fail "expected 7 devices, found: $(vmbus_devices | tr '\n' ' ')"

seen=""
for dev in $(vmbus_devices); do
	d=/sys/bus/vmbus/devices/$dev
	class=$(cat "$d/class_id")
	[ "$(cat "$d/device_id")" = "{$dev}" ] ||
		fail "$dev: device_id $(cat "$d/device_id")"
	name=$(echo "$classes" | awk -v g="$(echo "$class" | tr -d '{}')" '$2 == g { print $1 }')
	[ -n "$name" ] || fail "$dev: unexpected class $class"
	case " $seen " in *" $name "*) fail "$dev: class $name twice" ;; esac
	seen="$seen $name"
	alias=$(guid_to_modalias "$class")
	[ "$(cat "$d/modalias")" = "$alias" ] ||
		fail "$dev: modalias $(cat "$d/modalias"), expected $alias"
	grep -qx "MODALIAS=$alias" "$d/uevent" || fail "$dev: uevent lacks MODALIAS=$alias"
	[ "$(cat "$d/vendor")" = 0x1414 ] || fail "$dev: vendor $(cat "$d/vendor")"
	id=$(cat "$d/id")
	[ "$id" -gt 0 ] 2>/dev/null || fail "$dev: id '$id'"
	[ -d "$d/channels/$id" ] || fail "$dev: no channels/$id"
	head -n 1 "$d/channel_vp_mapping" | grep -qx "$id:[0-9]*" ||
		fail "$dev: channel_vp_mapping $(head -n 1 "$d/channel_vp_mapping")"
	[ "$(cat "$d/channels/$id/cpu")" = "$(head -n 1 "$d/channel_vp_mapping" | cut -d: -f2)" ] ||
		fail "$dev: channels/$id/cpu disagrees with channel_vp_mapping"
	[ "$(cat "$d/state")" = 0 ] || fail "$dev: state $(cat "$d/state") with no driver"
	# hv_sim's channels are not monitored: upstream hides these then.
	for a in monitor_id server_monitor_pending client_monitor_pending \
		 server_monitor_latency client_monitor_latency \
		 server_monitor_conn_id client_monitor_conn_id \
		 "channels/$id/monitor_id" "channels/$id/pending" \
		 "channels/$id/latency"; do
		[ ! -e "$d/$a" ] || fail "$dev: $a shown for an unmonitored channel"
	done
	for a in in_intr_mask in_read_index in_write_index \
		 in_read_bytes_avail in_write_bytes_avail out_intr_mask \
		 out_read_index out_write_index out_read_bytes_avail \
		 out_write_bytes_avail driver_override \
		 "channels/$id/cpu" "channels/$id/in_mask" \
		 "channels/$id/out_mask" "channels/$id/read_avail" \
		 "channels/$id/write_avail" "channels/$id/interrupts" \
		 "channels/$id/events" "channels/$id/subchannel_id"; do
		[ -e "$d/$a" ] || fail "$dev: no $a"
	done
	echo "$dev $name id=$id $alias ok"
done
stop_sim
[ -z "$(vmbus_devices)" ] || fail "devices left after unload"
