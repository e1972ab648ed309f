// SPDX-License-Identifier: GPL-2.0
/*
 * Polled receive, for drivers that read a channel from a poll loop of
 * their own (NAPI) instead of from its callback. The callback then only
 * masks the host's interrupts and schedules the poller; the poller reads
 * with a budget, gives the space back and unmasks when it is done.
 * Hosts signal only when the inbound ring turns non-empty while
 * interrupts are unmasked, so the last look after unmasking decides
 * whether the poller must run again.
 */
#include <linux/module.h>
#include "vmbus_private.h"

/**
 * vmbus_poll_begin() - stop the host's interrupts for a polled channel
 * @channel: an open channel
 *
 * Call from the channel's callback before scheduling the poller, so the
 * host does not signal while it runs. Any context.
 */
void vmbus_poll_begin(struct vmbus_channel *channel)
{
	hv_ring_mask_interrupts(&channel->in);
}
EXPORT_SYMBOL_HVG(vmbus_poll_begin);

/**
 * vmbus_poll_recv() - copy the next packet out of a polled channel's ring
 * @channel: an open channel
 * @buf: where the packet goes, descriptor included
 * @buf_len: bytes at @buf
 * @pkt: the packet's validated descriptor, length and payload offset
 *
 * As vmbus_recv(), for the poller. The driver serialises the poll-side
 * calls of a channel (vmbus_poll_recv(), vmbus_poll_skip(),
 * vmbus_poll_commit(), vmbus_poll_end()); NAPI does, one poller per
 * instance. Never mixed with vmbus_recv() on one channel, and never
 * after vmbus_close() started (disable the poller first). Softirq or
 * process context.
 *
 * Return: 0, -EAGAIN when the ring is empty, -ENOBUFS when the packet is
 * larger than @buf_len (@pkt says how large; vmbus_poll_skip() drops
 * it), -EIO when the host corrupted the ring.
 */
int vmbus_poll_recv(struct vmbus_channel *channel, void *buf, u32 buf_len,
		    struct hv_ring_pkt *pkt)
{
	return hv_ring_read(&channel->in, buf, buf_len, pkt);
}
EXPORT_SYMBOL_HVG(vmbus_poll_recv);

/**
 * vmbus_poll_skip() - drop the packet vmbus_poll_recv() found too large
 * @channel: the channel
 * @pkt: what vmbus_poll_recv() returned with -ENOBUFS
 *
 * Poll side, as vmbus_poll_recv().
 */
void vmbus_poll_skip(struct vmbus_channel *channel,
		     const struct hv_ring_pkt *pkt)
{
	hv_ring_skip(&channel->in, pkt);
}
EXPORT_SYMBOL_HVG(vmbus_poll_skip);

/**
 * vmbus_poll_commit() - give the space of the packets read back
 * @channel: the channel
 *
 * Signals the host if it waits for that space. Poll side, as
 * vmbus_poll_recv(); call at least once per poll that read something.
 */
void vmbus_poll_commit(struct vmbus_channel *channel)
{
	if (hv_ring_read_commit(&channel->in)) {
		channel->intr_in_full++;
		vmbus_signal_host(channel);
	}
}
EXPORT_SYMBOL_HVG(vmbus_poll_commit);

/**
 * vmbus_poll_end() - let the host interrupt again after a poll
 * @channel: the channel
 *
 * Gives the space back (vmbus_poll_commit()) and unmasks the host's
 * interrupts. Poll side, as vmbus_poll_recv().
 *
 * Return: true when packets are waiting that the host will not signal:
 * the driver must poll again (and may call vmbus_poll_begin() first).
 */
bool vmbus_poll_end(struct vmbus_channel *channel)
{
	vmbus_poll_commit(channel);
	return hv_ring_unmask_interrupts(&channel->in) != 0;
}
EXPORT_SYMBOL_HVG(vmbus_poll_end);
