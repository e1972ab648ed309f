#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Load and unload the core and the simulated host 50 times, with a driver
# bound and traffic each time; kmemleak and lockdep judge the result.
. /hvg/lib.sh

i=0
while [ $i -lt 50 ]; do
	start_sim devices=echo,net
	load hvg_echo
	wait_echo 1
	echo "10 128" >"$(echo_devs)/echo_test" ||
		fail "round $i: traffic failed"
	unload hvg_echo
	stop_sim
	i=$((i + 1))
done
echo "50 rounds"
