/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transfer-page packets (VMBUS_PKT_DATA_XFER_PAGES, include/hv/proto/
 * ring.h): the host hands the guest data that already lies in a buffer
 * the guest shared with it (a "transfer page set", for netvsc the
 * receive buffer), as a list of byte ranges inside that buffer. The
 * checks here are the core's: a driver gets only ranges that lie inside
 * its buffer. Pure code on a private copy of the packet; it builds in
 * user space for the fuzzers.
 */
#ifndef HV_XFER_H
#define HV_XFER_H

#include <hv/ring.h>

/**
 * struct vmbus_xfer_pages - a validated transfer-page packet
 * @trans_id: the host's transaction id, for the driver's completion
 * @range_count: entries in @ranges
 * @ranges: the ranges, inside the caller's copy of the packet; each
 *	lies inside the transfer page set (byte_offset + byte_count <= the
 *	set's size, computed without overflow)
 * @payload: the driver's message behind the ranges (offset8 on), inside
 *	the caller's copy
 * @payload_len: its bytes, padding included
 */
struct vmbus_xfer_pages {
	u64 trans_id;
	u32 range_count;
	const struct vmbus_xfer_page_range *ranges;
	const void *payload;
	u32 payload_len;
};

int vmbus_xfer_pages_parse(const void *pkt, const struct hv_ring_pkt *rp,
			   u16 pageset_id, u32 set_size,
			   struct vmbus_xfer_pages *xp);

#endif /* HV_XFER_H */
