#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A host gone bad: every kind of malformed message netvsp can send (bad
# transfer-page packets, RNDIS messages, per-packet info, control
# answers, indications, completions, send tables, in-band messages) is
# dropped by the guest, which keeps passing traffic; a full receive
# buffer and dropped or delayed completions are survived. Then broken
# buffer answers at the next negotiation: the guest must refuse the
# device, not use it.
. /hvg/lib.sh

need_netvsc ping

net_up
sent=$(nvs_stat malformed)
for k in xfer_pageset xfer_range_oob xfer_len_oob xfer_count xfer_empty \
	xfer_type xfer_no_msg rndis_len rndis_short rndis_type \
	rndis_data_offset rndis_data_len ppi_offset ppi_size0 ppi_size_big \
	ppi_area rsc_orphan query_len query_offset unknown_req_id \
	indicate_len indicate_short unknown_tid completion_type \
	completion_empty send_table_count send_table_offset \
	send_table_entry inband_unknown vf_short; do
	nvs_fault "malformed $k"
	ping_peer || fail "no ping after a malformed $k"
done
echo "$(($(nvs_stat malformed) - sent)) malformed messages sent, traffic goes on"

nvs_fault "rx_full 2000"
ping -c 2 -W 1 10.0.0.2 >/dev/null 2>&1
sleep 2
ping_peer || fail "no ping after the receive buffer emptied"
[ "$(nvs_stat rx_dropped_full)" -gt 0 ] || echo "(nothing was dropped while full)"

nvs_fault "drop_completions 5"
ping_peer || fail "no ping with dropped completions"
ping_peer || fail "no ping after dropped completions"
[ "$(nvs_stat completions_dropped)" -eq 5 ] || fail "host dropped $(nvs_stat completions_dropped) completions"
nvs_fault "delay_ms 300"
ping_peer || fail "no ping with delayed completions"
nvs_fault "delay_ms 0"
nvs_fault clear
ping_peer || fail "no ping after the completion faults"

# The next negotiation gets a broken receive buffer answer each time.
for k in recv_buf_sections recv_buf_offset recv_buf_size0 recv_buf_overrun \
	send_buf_size0 send_buf_big; do
	unload_retry hv_netvsc
	nvs_fault "malformed $k"
	load hv_netvsc
	sleep 3
	echo "$k: NIC $(netvsc_if), NVSP state $(nvs_nic state)"
done
unload_retry hv_netvsc
nvs_fault clear
load hv_netvsc
wait_for 30 has_netvsc_if || fail "no interface after the faults"
NIF=$(netvsc_if)
ip addr add 10.0.0.1/24 dev "$NIF"
ip link set "$NIF" up
wait_for 20 carrier_is 1 || fail "no carrier after the faults"
ping_peer || fail "no ping after the faults"
net_down
