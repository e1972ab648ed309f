// SPDX-License-Identifier: GPL-2.0
/*
 * Compares the facts of proto_check_guest.c and proto_check_sim.c: every
 * name must be in both tables with the same value. Prints each
 * disagreement and each name found on one side only; exits 1 if any.
 */
#include <stdio.h>
#include <string.h>

#include "proto_check.h"

static const struct proto_fact *find(const struct proto_fact *t, size_t n,
				     const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(t[i].name, name))
			return &t[i];
	return NULL;
}

/* Names of a on b's side: 1 for each missing, value checked on a's pass. */
static int compare(const struct proto_fact *a, size_t na, const char *an,
		   const struct proto_fact *b, size_t nb, const char *bn,
		   int values)
{
	const struct proto_fact *o;
	int bad = 0;
	size_t i;

	for (i = 0; i < na; i++) {
		o = find(b, nb, a[i].name);
		if (!o) {
			printf("proto_check: %s only in %s\n", a[i].name, an);
			bad++;
		} else if (values && o->val != a[i].val) {
			printf("proto_check: %s: %s 0x%llx (%llu), %s 0x%llx (%llu)\n",
			       a[i].name, an, a[i].val, a[i].val, bn, o->val,
			       o->val);
			bad++;
		}
		if (find(a, i, a[i].name)) {
			printf("proto_check: %s twice in %s\n", a[i].name, an);
			bad++;
		}
	}
	return bad;
}

int main(void)
{
	int bad;

	bad = compare(proto_guest, proto_guest_count, "hv_netvsc",
		      proto_sim, proto_sim_count, "netvsp", 1);
	bad += compare(proto_sim, proto_sim_count, "netvsp",
		       proto_guest, proto_guest_count, "hv_netvsc", 0);
	printf("proto_check: %zu facts, %d disagreements\n",
	       proto_guest_count, bad);
	return bad != 0;
}
