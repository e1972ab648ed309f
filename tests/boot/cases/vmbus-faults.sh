#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A hostile or broken host: hv_sim sends malformed channel messages,
# corrupts a ring, delays, duplicates and refuses messages and stops
# serving a channel. Each must be noticed (a message in the log), must
# change nothing it should not, and the guest must keep working; the
# harness fails the run on any oops, KASAN, lockdep or kmemleak report.
. /hvg/lib.sh

sim=/sys/kernel/debug/hv_sim

fault() {
	echo "$1" >"$sim/fault" || fail "hv_sim refused fault '$1'"
}

# expect_log PATTERN WHAT: the guest logged PATTERN after the last clear.
expect_log() {
	wait_for 10 dmesg_has "$1" || fail "$2: guest did not log '$1'"
}

traffic() {
	echo "$1" >"$dev/echo_test" || fail "$2: traffic failed: $(cat "$dev/echo_test")"
}

start_sim devices=echo
load hvg_echo
wait_echo 1
dev=$(echo_devs)
id=$(cat "$dev/id")
ndev=$(vmbus_devices | wc -l)

# Malformed channel messages: each dropped with a message, no new device.
for kind in short_offer:"dropped host message type 1" \
	    offer_relid0:"dropped offer with relid 0 out of range" \
	    offer_relid_big:"dropped offer with relid 2048 out of range" \
	    offer_relid_dup:"dropped offer for relid $id: relid in use" \
	    unknown_type:"dropped host message of unexpected type 200" \
	    gpadl_created_unknown:"dropped unsolicited message type" \
	    open_result_unknown:"dropped unsolicited message type" \
	    torndown_unknown:"dropped unsolicited message type" \
	    rescind_unknown:"dropped rescind of unknown relid"; do
	dmesg -c >/dev/null
	fault "malformed ${kind%%:*}"
	expect_log "${kind#*:}" "malformed ${kind%%:*}"
	[ "$(vmbus_devices | wc -l)" -eq "$ndev" ] ||
		fail "malformed ${kind%%:*}: devices now $(vmbus_devices | tr '\n' ' ')"
	echo "malformed ${kind%%:*}: dropped"
done
# The seam itself refuses a SynIC payload over 240 bytes.
! echo "malformed oversize" >"$sim/fault" 2>/dev/null ||
	fail "an oversize SynIC message was delivered"
traffic "50 512" "after malformed messages"

# Slow, busy and duplicating host: traffic and reopening still work.
fault "delay_ms 20"
fault "busy_post 5"
fault "dup open_result"
unload hvg_echo
load hvg_echo
wait_echo 1
traffic "50 1024" "delayed, busy, duplicated host"
fault clear

# A host that stops reading: the outbound ring fills, the driver waits,
# and everything sent arrives once the host reads again.
fault "stall $id"
echo "2000 4096" >"$dev/echo_test" &
sender=$!
sleep 2
kill -0 "$sender" 2>/dev/null || fail "traffic finished on a stalled channel"
fault "unstall $id"
wait "$sender" || fail "traffic after unstall: $(cat "$dev/echo_test")"
c=$dev/channels/$id
first=$(cat "$c/out_full_first") total=$(cat "$c/out_full_total")
if [ "$first" -lt 1 ] || [ "$total" -lt "$first" ]; then
	fail "full outbound ring not counted: out_full_first $first, out_full_total $total"
fi
empty=$(cat "$c/intr_out_empty") events=$(cat "$c/events")
if [ "$empty" -lt 1 ] || [ "$empty" -gt "$events" ]; then
	fail "intr_out_empty $empty, events $events"
fi
echo "stall: ring filled ($first times, $total sends refused), traffic resumed"

# Corrupted rings: the guest disables the ring and fails I/O on it rather
# than reading or writing out of bounds; the device can still be unbound.
# Inbound: indices and descriptors (payload inside the descriptor, a
# length beyond the ring); outbound: the read index the host owns, out of
# bounds, unaligned, or claiming the ring full for good (sends then time
# out instead of waiting forever).
reopen() {
	unload hvg_echo
	load hvg_echo
	wait_echo 1
	dev=$(echo_devs)
	traffic "20 256" "reopen after $1"
}
for what in write_index_oob write_index_unaligned len_lt_offset \
	    offset_in_desc len_beyond_ring; do
	dmesg -c >/dev/null
	fault "corrupt_ring $id $what"
	expect_log "ring disabled" "corrupt_ring $what"
	[ "$what" = offset_in_desc ] || [ "$what" = len_beyond_ring ] ||
		! echo "5 64" >"$dev/echo_test" 2>/dev/null ||
		fail "corrupt_ring $what: traffic on a broken ring succeeded"
	echo "corrupt_ring $what: ring disabled"
	reopen "corrupt_ring $what"
done
for what in out_read_index_oob:"ring disabled" \
	    out_read_index_unaligned:"ring disabled" \
	    out_read_index_ahead:"error -110"; do
	dmesg -c >/dev/null
	fault "corrupt_ring $id ${what%%:*}"
	! echo "5 64" >"$dev/echo_test" 2>/dev/null ||
		fail "corrupt_ring ${what%%:*}: traffic on a broken ring succeeded"
	{ dmesg; cat "$dev/echo_test"; } | grep -q "${what#*:}" ||
		fail "corrupt_ring ${what%%:*}: want '${what#*:}', got $(cat "$dev/echo_test")"
	echo "corrupt_ring ${what%%:*}: $(cat "$dev/echo_test")"
	reopen "corrupt_ring ${what%%:*}"
done
# pending_send_size only says when to signal: a huge one in either ring
# must not stop the guest.
for what in pending_send_huge out_pending_send_huge; do
	fault "corrupt_ring $id $what"
	traffic "100 4096" "corrupt_ring $what"
	echo "corrupt_ring $what: traffic goes on"
done
unload hvg_echo
stop_sim

# A truncated VERSION_RESPONSE during the first negotiation: dropped, and
# the guest still connects (it times out that version and tries again) or
# gives up cleanly; either way unloading must work.
dmesg -c >/dev/null
load hv_vmbus platform=sim
load hv_sim devices=echo faults=malformed:short_version_response
expect_log "dropped host message type 15" "short VERSION_RESPONSE"
stop_sim
echo "short version response: dropped"
