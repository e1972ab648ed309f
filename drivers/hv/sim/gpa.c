// SPDX-License-Identifier: GPL-2.0
/*
 * GPA-direct packets on the host side: the page ranges between the
 * packet's header and its payload (include/hv/proto/ring.h, struct
 * vmbus_pkt_gpa_direct and struct vmbus_gpa_range), and copies to and
 * from the guest pages they name.
 */
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>

#include <hv/proto/ring.h>
#include <hv/proto/vmbus.h>

#include "gpa.h"

/* Hyper-V pages per kernel page: 16 on arm64 with 64 KiB pages. */
#define SIM_GPA_HV_PER_PAGE	(PAGE_SIZE / HV_PAGE_SIZE)

/**
 * sim_hvpfn_ok() - a Hyper-V PFN inside the kernel's memory map
 * @hvpfn: the PFN, in 4 KiB units
 */
bool sim_hvpfn_ok(u64 hvpfn)
{
	u64 kpfn = hvpfn / SIM_GPA_HV_PER_PAGE;

	if (hvpfn > (U64_MAX >> HV_PAGE_SHIFT) || kpfn != (unsigned long)kpfn)
		return false;
	return pfn_valid((unsigned long)kpfn);
}

/**
 * sim_gpa_parse() - check the ranges of a GPA-direct packet
 * @pkt: the packet as copied out of the ring, descriptor first
 * @payload_offset: where its payload starts (the descriptor's offset8)
 * @r: ranges found, at most @max
 * @max: room in @r
 * @nr: ranges found
 * @total: bytes they cover
 *
 * Every range must be non-empty, start inside its first page, name only
 * PFNs in guest memory, and the ranges must fill the space before the
 * payload exactly. @r points into @pkt, which must outlive it.
 *
 * Return: NULL, or why the packet is refused.
 */
const char *sim_gpa_parse(const void *pkt, u32 payload_offset,
			  struct sim_gpa_range *r, u32 max, u32 *nr,
			  u32 *total)
{
	const struct vmbus_pkt_gpa_direct *gd = pkt;
	const struct vmbus_gpa_range *rng;
	u32 off = sizeof(*gd), i, j, npfn;
	u64 sum = 0;

	if (payload_offset < sizeof(*gd))
		return "header overlaps the payload";
	if (!gd->range_count || gd->range_count > max)
		return "range count out of bounds";
	for (i = 0; i < gd->range_count; i++) {
		if (payload_offset - off < sizeof(*rng))
			return "ranges overrun the payload";
		rng = pkt + off;
		if (!rng->byte_count || rng->byte_offset >= HV_PAGE_SIZE)
			return "empty range or offset beyond a page";
		npfn = DIV_ROUND_UP(rng->byte_offset + (u64)rng->byte_count,
				    HV_PAGE_SIZE);
		off += sizeof(*rng);
		if ((payload_offset - off) / sizeof(u64) < npfn)
			return "range longer than its PFN list";
		for (j = 0; j < npfn; j++)
			if (!sim_hvpfn_ok(rng->pfn[j]))
				return "PFN outside guest memory";
		off += npfn * sizeof(u64);
		r[i].offset = rng->byte_offset;
		r[i].len = rng->byte_count;
		r[i].pfn = rng->pfn;
		sum += rng->byte_count;
	}
	if (off != payload_offset)
		return "bytes between the ranges and the payload";
	if (sum > U32_MAX)
		return "ranges too long";
	*nr = gd->range_count;
	*total = sum;
	return NULL;
}

static void sim_gpa_copy_range(const struct sim_gpa_range *r, u32 off,
			       u8 *buf, u32 len, bool to_guest)
{
	u64 pos = (u64)r->offset + off;
	u32 chunk, inpage;
	u64 hvpfn;
	u8 *va;

	while (len) {
		hvpfn = r->pfn[pos >> HV_PAGE_SHIFT];
		inpage = pos & (HV_PAGE_SIZE - 1);
		chunk = min_t(u32, len, HV_PAGE_SIZE - inpage);
		va = kmap_local_page(pfn_to_page(hvpfn / SIM_GPA_HV_PER_PAGE));
		if (to_guest)
			memcpy(va + (hvpfn % SIM_GPA_HV_PER_PAGE) * HV_PAGE_SIZE +
			       inpage, buf, chunk);
		else
			memcpy(buf, va + (hvpfn % SIM_GPA_HV_PER_PAGE) *
			       HV_PAGE_SIZE + inpage, chunk);
		kunmap_local(va);
		buf += chunk;
		pos += chunk;
		len -= chunk;
	}
}

/**
 * sim_gpa_copy() - copy between a buffer and the bytes the ranges name
 * @r: ranges from sim_gpa_parse()
 * @nr: how many
 * @off: offset into the concatenated ranges
 * @buf: the host's buffer
 * @len: bytes; @off + @len must not exceed what the ranges cover
 * @to_guest: direction
 */
void sim_gpa_copy(const struct sim_gpa_range *r, u32 nr, u32 off, void *buf,
		  u32 len, bool to_guest)
{
	u8 *p = buf;
	u32 i, n;

	for (i = 0; i < nr && len; i++) {
		if (off >= r[i].len) {
			off -= r[i].len;
			continue;
		}
		n = min(len, r[i].len - off);
		sim_gpa_copy_range(&r[i], off, p, n, to_guest);
		p += n;
		len -= n;
		off = 0;
	}
	WARN_ON_ONCE(len);
}
