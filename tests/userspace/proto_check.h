/* SPDX-License-Identifier: GPL-2.0 */
/*
 * proto_check: hv_netvsc's wire headers (include/hv/proto/nvsp.h,
 * rndis.h) against netvsp's own (drivers/hv/sim/netvsp/proto.h). The two
 * were written apart and cannot share a translation unit (the names
 * overlap), so proto_check_guest.c and proto_check_sim.c each fill a
 * table of the same facts from their side, and proto_check.c compares
 * them. A fact is a value, a size or an offset, named the same on both
 * sides; each side spells it with its own names.
 */
#ifndef PROTO_CHECK_H
#define PROTO_CHECK_H

#include <stddef.h>

struct proto_fact {
	const char *name;
	unsigned long long val;
};

#define FACT(name, expr)	{ name, (unsigned long long)(expr) }
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

extern const struct proto_fact proto_guest[];
extern const size_t proto_guest_count;
extern const struct proto_fact proto_sim[];
extern const size_t proto_sim_count;

#endif /* PROTO_CHECK_H */
