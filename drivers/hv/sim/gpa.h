/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest memory named by Hyper-V PFNs in a GPA-direct packet: parsing the
 * page ranges and copying through them. The host reaches a guest's data
 * pages only this way, as a real host does. Any context that may sleep
 * is not needed: pages are mapped with kmap_local_page() one at a time.
 */
#ifndef HV_SIM_GPA_H
#define HV_SIM_GPA_H

#include <linux/types.h>

/* One validated range: len bytes from offset into the first PFN. */
struct sim_gpa_range {
	u32 offset;
	u32 len;
	const u64 *pfn;		/* Hyper-V PFNs, inside the packet copy */
};

bool sim_hvpfn_ok(u64 hvpfn);
const char *sim_gpa_parse(const void *pkt, u32 payload_offset,
			  struct sim_gpa_range *r, u32 max, u32 *nr,
			  u32 *total);
void sim_gpa_copy(const struct sim_gpa_range *r, u32 nr, u32 off, void *buf,
		  u32 len, bool to_guest);

#endif /* HV_SIM_GPA_H */
