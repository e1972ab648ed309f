// SPDX-License-Identifier: GPL-2.0
/*
 * Validation of transfer-page packets (include/hv/xfer.h). Pure code on
 * the caller's private copy of a packet, so that it also builds in user
 * space (tests/fuzz/fuzz_netvsc.c drives it).
 *
 * Layout: Debian linux-source-6.12, include/linux/hyperv.h (struct
 * vmtransfer_page_packet_header, struct vmtransfer_page_range); OpenVMM
 * vm/devices/vmbus/vmbus_ring/src/lib.rs (TransferPageHeader,
 * TransferPageRange); see include/hv/proto/ring.h.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <hv/xfer.h>

/**
 * vmbus_xfer_pages_parse() - validate a transfer-page packet
 * @pkt: the packet as vmbus_recv() copied it, descriptor first
 * @rp: its validated descriptor, length and payload offset
 * @pageset_id: the id the driver gave its transfer page set (for netvsc,
 *	the receive buffer's id)
 * @set_size: bytes of that set as shared with the host
 * @xp: filled with the packet's ranges and payload on success
 *
 * The packet must be of type VMBUS_PKT_DATA_XFER_PAGES, hold the header
 * before its payload offset, name @pageset_id, and carry no more ranges
 * than fit between the header and the payload offset; every range must
 * lie inside the set. Only the copy is read, so what the host writes to
 * the ring meanwhile cannot change the verdict. Any context.
 *
 * Return: 0, or -EBADMSG (logged, rate-limited) for a packet that must
 * be dropped. A dropped packet still carries a valid transaction id
 * (@xp->trans_id is set either way) for the driver's completion.
 */
int vmbus_xfer_pages_parse(const void *pkt, const struct hv_ring_pkt *rp,
			   u16 pageset_id, u32 set_size,
			   struct vmbus_xfer_pages *xp)
{
	const struct vmbus_pkt_xfer_pages *hdr = pkt;
	const struct vmbus_xfer_page_range *r;
	u32 i, room;

	xp->trans_id = rp->desc.trans_id;
	if (rp->desc.type != VMBUS_PKT_DATA_XFER_PAGES ||
	    rp->payload_offset < sizeof(*hdr) ||
	    rp->payload_offset > rp->len) {
		pr_err_ratelimited("transfer-page packet: type %u, payload at %u of %u bytes\n",
				   rp->desc.type, rp->payload_offset, rp->len);
		return -EBADMSG;
	}
	if (hdr->xfer_pageset_id != pageset_id) {
		pr_err_ratelimited("transfer-page packet for page set %#x, not %#x\n",
				   hdr->xfer_pageset_id, pageset_id);
		return -EBADMSG;
	}
	room = (rp->payload_offset - sizeof(*hdr)) / sizeof(*r);
	if (hdr->range_count > room) {
		pr_err_ratelimited("transfer-page packet: %u ranges, room for %u\n",
				   hdr->range_count, room);
		return -EBADMSG;
	}
	for (i = 0; i < hdr->range_count; i++) {
		r = &hdr->ranges[i];
		if (r->byte_offset > set_size ||
		    r->byte_count > set_size - r->byte_offset) {
			pr_err_ratelimited("transfer-page range %u: %u bytes at %u, page set holds %u\n",
					   i, r->byte_count, r->byte_offset,
					   set_size);
			return -EBADMSG;
		}
	}
	xp->range_count = hdr->range_count;
	xp->ranges = hdr->ranges;
	xp->payload = (const u8 *)pkt + rp->payload_offset;
	xp->payload_len = rp->len - rp->payload_offset;
	return 0;
}
EXPORT_SYMBOL_HVG(vmbus_xfer_pages_parse);
