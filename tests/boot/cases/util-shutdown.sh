#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Shutdown requests from the simulated host. With shutdown_dry_run=1:
# power off, reboot and the force variants are answered S_OK, unknown
# flag bits and restart with hibernate E_FAIL, hibernation is answered
# either way, and nothing runs. Without dry run, power off and reboot
# run /sbin/poweroff and /sbin/reboot (the kernel's orderly_poweroff()
# and orderly_reboot()), which this case replaces with scripts that only
# leave a mark.
. /hvg/lib.sh

ic=/sys/kernel/debug/hv_sim/ic
S_OK=0x00000000
E_FAIL=0x80004005
mark=/tmp/hvg-shutdown-ran

ic_field() {
	tr ' ' '\n' <"$ic/$1" | sed -n "s/^$2=//p" | head -n 1
}

ic_ready() {
	grep -q "^$1 state=ready " "$ic/stats"
}

answered_over() {
	[ "$(ic_field shutdown answered)" -gt "$1" ]
}

# request COMMAND [STATUS]: send, wait for the answer, check its status.
request() {
	n=$(ic_field shutdown answered)
	echo "$1" >"$ic/shutdown" || fail "hv_sim refused '$1'"
	wait_for 10 answered_over "$n" || fail "'$1' not answered: $(cat "$ic/shutdown")"
	status=$(ic_field shutdown last_status)
	[ -z "$2" ] || [ "$status" = "$2" ] || fail "'$1' answered $status, want $2"
}

ran() {
	grep -qx "$1" $mark 2>/dev/null
}

trap real_shutdown EXIT
fake_shutdown $mark
rm -f $mark

start_sim devices=shutdown
for bad in "" "halt" "flags" "flags x" "flags 1 2" "poweroff now"; do
	echo "$bad" >"$ic/shutdown" 2>/dev/null && fail "hv_sim accepted '$bad'"
done

# A request written before the guest negotiates goes out after it.
echo "flags 0x8" >"$ic/shutdown" || fail "held request refused"
load hv_utils shutdown_dry_run=1
wait_for 20 ic_ready shutdown || fail "not negotiated: $(cat "$ic/stats")"
grep -q '^shutdown state=ready framework=3.0 version=3.2 ' "$ic/stats" ||
	fail "negotiation: $(grep shutdown "$ic/stats")"
wait_for 10 answered_over 0 || fail "held request not answered"
[ "$(ic_field shutdown last_status)" = $E_FAIL ] || fail "flags 0x8: $(cat "$ic/shutdown")"

request poweroff $S_OK
request reboot $S_OK
request "flags 1" $S_OK
request "flags 3" $S_OK
request "flags 0x10" $E_FAIL
request "flags 6" $E_FAIL
request "flags 0xffffffff" $E_FAIL
request hibernate
echo "hibernate answered $status"
case $status in "$S_OK" | "$E_FAIL") ;; *) fail "hibernate answered $status" ;; esac
sleep 2
[ -e $mark ] && fail "dry run, yet the guest ran: $(cat $mark)"
[ "$(ic_field shutdown sent)" -eq "$(ic_field shutdown answered)" ] ||
	fail "sent and answered differ: $(cat "$ic/shutdown")"
unload hv_utils

# For real: refused flags still do nothing, the others run.
load hv_utils
wait_for 20 ic_ready shutdown || fail "not negotiated again: $(cat "$ic/stats")"
request "flags 0x12" $E_FAIL
sleep 2
[ -e $mark ] && fail "the guest acted on refused flags: $(cat $mark)"
request poweroff $S_OK
wait_for 10 ran poweroff || fail "power off did not run /sbin/poweroff"
request reboot $S_OK
wait_for 10 ran reboot || fail "reboot did not run /sbin/reboot"
grep -q '^shutdown .* bad=0 lost=0$' "$ic/stats" || fail "stats: $(grep shutdown "$ic/stats")"
unload hv_utils
stop_sim
