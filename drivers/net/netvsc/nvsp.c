// SPDX-License-Identifier: GPL-2.0
/*
 * hv_netvsc, VMBus side: channels and their NAPI receive loop, NVSP
 * negotiation and control requests, the receive and send buffers, and
 * sending RNDIS messages to the host.
 *
 * Protocol: include/hv/proto/nvsp.h. Order of bring-up and teardown as
 * upstream's (Debian linux-source-6.12, drivers/net/hyperv/netvsc.c:
 * netvsc_connect_vsp(), netvsc_init_buf(), netvsc_device_remove()),
 * written here from those facts.
 */
#include <linux/bitmap.h>
#include <linux/delay.h>
#include <linux/filter.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "netvsc.h"

u32 netvsc_ring_bytes;

/* ------------------------------------------------------------------ */
/* Sending                                                             */
/* ------------------------------------------------------------------ */

static u64 netvsc_section_ctx(u32 section, u16 q)
{
	return (u64)section << 8 | (u64)q << 2 | NETVSC_CTX_SECTION;
}

/* A free send section, or NVSP_SECTION_NONE. Any context, lockless. */
static u32 netvsc_section_get(struct netvsc_dev *nvdev)
{
	u32 i;

	for (i = find_first_zero_bit(nvdev->send_map, nvdev->send_section_cnt);
	     i < nvdev->send_section_cnt;
	     i = find_next_zero_bit(nvdev->send_map, nvdev->send_section_cnt,
				    i + 1))
		if (!test_and_set_bit(i, nvdev->send_map))
			return i;
	return NVSP_SECTION_NONE;
}

static void netvsc_section_put(struct netvsc_dev *nvdev, u32 section)
{
	if (!WARN_ON_ONCE(section >= nvdev->send_section_cnt))
		clear_bit(section, nvdev->send_map);
}

/*
 * Send @msg (an NVSP message) on @c with a new transaction id standing
 * for @ctx; the id is given back if the send fails.
 */
static int netvsc_send_nvsp(struct netvsc_chan *c, u64 ctx,
			    const struct nvsp_msg *msg)
{
	u64 tid;
	int ret;

	ret = vmbus_request_add(c->channel, ctx, &tid);
	if (ret)
		return -EAGAIN;
	/* Counted first: the completion may come before vmbus_send() returns. */
	atomic_inc(&c->sends);
	ret = vmbus_send(c->channel, VMBUS_PKT_DATA_INBAND,
			 VMBUS_PKT_FLAG_COMPLETION_REQUESTED, tid, msg,
			 sizeof(*msg));
	if (ret) {
		vmbus_request_take(c->channel, tid, &ctx);
		atomic_dec(&c->sends);
	}
	return ret;
}

static void netvsc_rndis_pkt(struct nvsp_msg *msg, u32 channel_type,
			     u32 section, u32 size)
{
	memset(msg, 0, sizeof(*msg));
	msg->hdr.type = NVSP_MSG1_SEND_RNDIS_PKT;
	msg->rndis_pkt.channel_type = channel_type;
	msg->rndis_pkt.section_index = section;
	msg->rndis_pkt.section_size = size;
}

/**
 * netvsc_send_ctrl() - send an RNDIS control message to the host
 * @nvdev: the device
 * @msg: the message, header first, ready but for nothing
 * @len: its bytes
 *
 * Copies the message into a send section and sends it on the primary
 * channel; the section is freed when the host completes the packet.
 * Retries while the ring or the sections are full. Process context.
 *
 * Return: 0, -EMSGSIZE when the host's sections are smaller than the
 * message, -ETIMEDOUT, or -ENODEV.
 */
int netvsc_send_ctrl(struct netvsc_dev *nvdev, const void *msg, u32 len)
{
	struct netvsc_chan *c = &nvdev->chan[0];
	unsigned long end = jiffies + NETVSC_CTRL_TIMEOUT;
	struct nvsp_msg nvsp;
	u32 section;
	int ret;

	might_sleep();
	if (len > nvdev->send_section_size)
		return -EMSGSIZE;
	for (;;) {
		if (READ_ONCE(nvdev->destroy))
			return -ENODEV;
		section = netvsc_section_get(nvdev);
		if (section != NVSP_SECTION_NONE) {
			memcpy(nvdev->send_buf->data +
			       (size_t)section * nvdev->send_section_size,
			       msg, len);
			netvsc_rndis_pkt(&nvsp, NVSP_RNDIS_CHANNEL_CONTROL,
					 section, len);
			ret = netvsc_send_nvsp(c, netvsc_section_ctx(section, 0),
					       &nvsp);
			if (!ret)
				return 0;
			netvsc_section_put(nvdev, section);
			if (ret != -EAGAIN)
				return ret;
		}
		if (time_after(jiffies, end))
			return -ETIMEDOUT;
		usleep_range(1000, 2000);
	}
}

/* One page range record of @len bytes at physical address @pa. */
static bool netvsc_range_add(u8 *buf, u32 size, u32 *used, u32 *count,
			     phys_addr_t pa, u32 len)
{
	struct vmbus_gpa_range *r = (void *)(buf + *used);
	u32 off = pa & (HV_PAGE_SIZE - 1), n, i;

	n = DIV_ROUND_UP(off + len, HV_PAGE_SIZE);
	if (size - *used < struct_size(r, pfn, n))
		return false;
	r->byte_count = len;
	r->byte_offset = off;
	for (i = 0; i < n; i++)
		r->pfn[i] = (pa >> HV_PAGE_SHIFT) + i;
	*used += struct_size(r, pfn, n);
	(*count)++;
	return true;
}

/* The page ranges of @skb's data, or false when they do not fit. */
static bool netvsc_skb_ranges(struct sk_buff *skb, u8 *buf, u32 size,
			      u32 *used, u32 *count)
{
	u32 i;

	*used = 0;
	*count = 0;
	if (!netvsc_range_add(buf, size, used, count, virt_to_phys(skb->data),
			      skb_headlen(skb)))
		return false;
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];

		if (!skb_frag_size(f))
			continue;
		if (!netvsc_range_add(buf, size, used, count,
				      page_to_phys(skb_frag_page(f)) +
				      skb_frag_off(f), skb_frag_size(f)))
			return false;
	}
	return true;
}

/* Copy @skb behind its RNDIS header into a send section and send that. */
static int netvsc_send_copied(struct netvsc_dev *nvdev, struct netvsc_chan *c,
			      struct sk_buff *skb, u16 q, const void *hdr,
			      u32 hdr_len)
{
	u32 len = hdr_len + skb->len, section;
	struct nvsp_msg msg;
	u8 *dst;
	int ret;

	section = netvsc_section_get(nvdev);
	if (section == NVSP_SECTION_NONE) {
		nvdev->ctx->eth_stats.tx_send_full++;
		return -ENOSPC;
	}
	dst = nvdev->send_buf->data + (size_t)section * nvdev->send_section_size;
	memcpy(dst, hdr, hdr_len);
	skb_copy_bits(skb, 0, dst + hdr_len, skb->len);
	netvsc_rndis_pkt(&msg, NVSP_RNDIS_CHANNEL_DATA, section, len);
	ret = netvsc_send_nvsp(c, netvsc_section_ctx(section, q), &msg);
	if (ret) {
		netvsc_section_put(nvdev, section);
		return ret;
	}
	dev_consume_skb_any(skb);
	return 0;
}

/* Send @skb behind its RNDIS header, put in the headroom, where it lies. */
static int netvsc_send_in_place(struct netvsc_chan *c, struct sk_buff *skb,
				const void *hdr, u32 hdr_len)
{
	u32 used, count;
	struct nvsp_msg msg;
	u64 tid;
	int ret;

	memcpy(__skb_push(skb, hdr_len), hdr, hdr_len);
	if (!netvsc_skb_ranges(skb, c->ranges, NETVSC_TX_RANGES_SIZE, &used,
			       &count)) {
		__skb_pull(skb, hdr_len);
		return -EMSGSIZE;
	}
	netvsc_rndis_pkt(&msg, NVSP_RNDIS_CHANNEL_DATA, NVSP_SECTION_NONE, 0);
	ret = vmbus_request_add(c->channel, (u64)(uintptr_t)skb, &tid);
	if (ret) {
		__skb_pull(skb, hdr_len);
		return -EAGAIN;
	}
	atomic_inc(&c->sends);
	ret = vmbus_send_gpa_ranges(c->channel,
				    VMBUS_PKT_FLAG_COMPLETION_REQUESTED, tid,
				    c->ranges, used, count, &msg, sizeof(msg));
	if (ret) {
		u64 ctx;

		vmbus_request_take(c->channel, tid, &ctx);
		atomic_dec(&c->sends);
		__skb_pull(skb, hdr_len);
	}
	return ret;
}

/*
 * The channel queue @q sends on: its own, or the primary when the host
 * rescinded it (completions then come there too).
 */
static struct netvsc_chan *netvsc_tx_chan(struct netvsc_dev *nvdev, u16 q)
{
	struct netvsc_chan *c = &nvdev->chan[q];

	if (q >= nvdev->num_chn || !c->channel ||
	    vmbus_channel_rescinded(c->channel))
		c = &nvdev->chan[0];
	return c;
}

/**
 * netvsc_send_frame() - send a frame to the host
 * @nvdev: the device
 * @skb: the frame; headroom for @hdr_len bytes
 * @q: its queue
 * @hdr: its RNDIS header and per-packet info
 * @hdr_len: their bytes
 *
 * A frame that fits a send section with its header is copied there (and
 * @skb freed at once); others, and all when no section is free, are
 * sent in place as page ranges, and @skb is freed when the host
 * completes them. Under @q's transmit lock, RCU-bh held.
 *
 * Return: 0 when @skb was taken; -EAGAIN when the ring is full (@skb is
 * untouched, the caller stops the queue); -EMSGSIZE when its pieces need
 * more page ranges than a packet carries (the caller may linearize it);
 * another negative errno when it cannot be sent (the caller drops it).
 */
int netvsc_send_frame(struct netvsc_dev *nvdev, struct sk_buff *skb, u16 q,
		      const void *hdr, u32 hdr_len)
{
	struct netvsc_chan *c = netvsc_tx_chan(nvdev, q);
	int ret = -ENOSPC;

	if (READ_ONCE(nvdev->destroy) || vmbus_channel_rescinded(c->channel))
		return -ENODEV;
	if (hdr_len + skb->len <= nvdev->send_section_size)
		ret = netvsc_send_copied(nvdev, c, skb, q, hdr, hdr_len);
	if (ret == -ENOSPC)
		ret = netvsc_send_in_place(c, skb, hdr, hdr_len);
	return ret;
}

/* ------------------------------------------------------------------ */
/* NVSP control requests                                               */
/* ------------------------------------------------------------------ */

/* Send without a completion (NDIS config and version, revokes). */
static int netvsc_nvsp_post(struct netvsc_dev *nvdev, const struct nvsp_msg *m)
{
	unsigned long end = jiffies + NETVSC_CTRL_TIMEOUT;
	int ret;

	for (;;) {
		ret = vmbus_send(nvdev->chan[0].channel, VMBUS_PKT_DATA_INBAND,
				 0, 0, m, sizeof(*m));
		if (ret != -EAGAIN || time_after(jiffies, end))
			return ret;
		usleep_range(1000, 2000);
	}
}

/**
 * netvsc_nvsp_request() - send an NVSP request and wait for its answer
 * @nvdev: the device
 * @msg: the request; overwritten with the answer
 * @expect: the answer's NVSP type, or NVSP_MSG_NONE for a completion
 *	without payload (SWITCH_DATA_PATH)
 * @reply: whether the host answers at all; without, @msg is only sent
 *
 * On the primary channel, one request at a time. The answer is the
 * completion whose transaction id names this request, checked by the
 * parsing layer. Process context; sleeps up to NETVSC_CTRL_TIMEOUT.
 *
 * Return: 0, -ETIMEDOUT, -EBADMSG for a malformed answer, or the send's
 * error.
 */
int netvsc_nvsp_request(struct netvsc_dev *nvdev, struct nvsp_msg *msg,
			u32 expect, bool reply)
{
	struct netvsc_chan *c = &nvdev->chan[0];
	unsigned long end = jiffies + NETVSC_CTRL_TIMEOUT;
	u64 ctx;
	int ret;

	might_sleep();
	if (!reply)
		return netvsc_nvsp_post(nvdev, msg);
	mutex_lock(&nvdev->ctrl_lock);
	spin_lock_bh(&nvdev->resp_lock);
	nvdev->ctrl_gen++;
	ctx = (u64)nvdev->ctrl_gen << 2 | NETVSC_CTX_CTRL;
	nvdev->ctrl_waiting = true;
	nvdev->ctrl_resp_len = 0;
	reinit_completion(&nvdev->ctrl_done);
	spin_unlock_bh(&nvdev->resp_lock);
	while ((ret = netvsc_send_nvsp(c, ctx, msg)) == -EAGAIN &&
	       time_before(jiffies, end))
		usleep_range(1000, 2000);
	if (!ret && !wait_for_completion_timeout(&nvdev->ctrl_done,
						 NETVSC_CTRL_TIMEOUT))
		ret = -ETIMEDOUT;
	spin_lock_bh(&nvdev->resp_lock);
	if (nvdev->ctrl_waiting && !ret)
		ret = -ETIMEDOUT;
	nvdev->ctrl_waiting = false;
	if (!ret && expect != NVSP_MSG_NONE)
		ret = netvsc_nvsp_check(&nvdev->ctrl_resp,
					nvdev->ctrl_resp_len, expect);
	else if (!ret && nvdev->ctrl_resp_len)
		ret = -EBADMSG;
	if (!ret)
		memcpy(msg, &nvdev->ctrl_resp, sizeof(*msg));
	spin_unlock_bh(&nvdev->resp_lock);
	mutex_unlock(&nvdev->ctrl_lock);
	if (ret == -EBADMSG)
		netvsc_host_error(nvdev->ctx);
	if (ret == -ETIMEDOUT)
		netdev_err(nvdev->ctx->ndev, "host did not answer NVSP request %u\n",
			   msg->hdr.type);
	return ret;
}

/* NAPI: the completion of an NVSP request; wakes its waiter. */
static void netvsc_ctrl_complete(struct netvsc_dev *nvdev, u64 ctx,
				 const void *payload, u32 len)
{
	spin_lock_bh(&nvdev->resp_lock);
	if (nvdev->ctrl_waiting && ctx >> 2 == nvdev->ctrl_gen) {
		nvdev->ctrl_resp_len = min_t(u32, len, sizeof(nvdev->ctrl_resp));
		memset(&nvdev->ctrl_resp, 0, sizeof(nvdev->ctrl_resp));
		memcpy(&nvdev->ctrl_resp, payload, nvdev->ctrl_resp_len);
		nvdev->ctrl_waiting = false;
		complete(&nvdev->ctrl_done);
	}
	spin_unlock_bh(&nvdev->resp_lock);
}

/* ------------------------------------------------------------------ */
/* Negotiation and buffers                                             */
/* ------------------------------------------------------------------ */

static const u32 netvsc_versions[] = {
	NVSP_VERSION_61, NVSP_VERSION_6, NVSP_VERSION_5, NVSP_VERSION_4,
	NVSP_VERSION_2, NVSP_VERSION_1,
};

/* INIT with one version; 0 when the host speaks it. */
static int netvsc_try_version(struct netvsc_dev *nvdev, u32 version)
{
	struct nvsp_msg m = { .hdr.type = NVSP_MSG_INIT };
	int ret;

	m.init.min_version = version;
	m.init.max_version = version;
	ret = netvsc_nvsp_request(nvdev, &m, NVSP_MSG_INIT_COMPLETE, true);
	if (ret)
		return ret;
	return m.init_complete.status == NVSP_STATUS_SUCCESS ? 0 : -EPROTO;
}

/* NDIS config (NVSP 2 and later) and NDIS version; no answers. */
static int netvsc_send_ndis(struct netvsc_dev *nvdev, u32 mtu)
{
	u32 v = nvdev->nvsp_version;
	u32 ndis = v <= NVSP_VERSION_4 ? NVSP_NDIS_VERSION_6_1 :
					 NVSP_NDIS_VERSION_6_30;
	struct nvsp_msg m = { .hdr.type = NVSP_MSG2_SEND_NDIS_CONFIG };
	int ret;

	if (v >= NVSP_VERSION_2) {
		m.ndis_config.mtu = mtu + NETVSC_ETH_HLEN;
		m.ndis_config.capabilities = NVSP_CAP_IEEE8021Q;
		if (v >= NVSP_VERSION_5)
			m.ndis_config.capabilities |= NVSP_CAP_SRIOV |
						      NVSP_CAP_TEAMING;
		if (v >= NVSP_VERSION_61)
			m.ndis_config.capabilities |= NVSP_CAP_RSC;
		ret = netvsc_nvsp_request(nvdev, &m, 0, false);
		if (ret)
			return ret;
	}
	memset(&m, 0, sizeof(m));
	m.hdr.type = NVSP_MSG1_SEND_NDIS_VERSION;
	m.ndis_version.major = NVSP_NDIS_VERSION_MAJOR(ndis);
	m.ndis_version.minor = NVSP_NDIS_VERSION_MINOR(ndis);
	return netvsc_nvsp_request(nvdev, &m, 0, false);
}

/* Allocate @size bytes and share them with the host. */
static struct vmbus_buffer *netvsc_buf_share(struct netvsc_dev *nvdev,
					     u32 size)
{
	struct vmbus_buffer *b;

	b = vmbus_buffer_alloc(nvdev->chan[0].channel, size);
	if (IS_ERR(b))
		netdev_err(nvdev->ctx->ndev, "sharing a %u-byte buffer failed: %ld\n",
			   size, PTR_ERR(b));
	return b;
}

static int netvsc_recv_buf_init(struct netvsc_dev *nvdev,
				const struct netvsc_info *info)
{
	u64 want = (u64)info->recv_sections * info->recv_section_size;
	u32 max = nvdev->nvsp_version <= NVSP_VERSION_2 ?
		  NETVSC_RECV_BUF_MAX_LEGACY : NETVSC_RECV_BUF_MAX;
	struct nvsp_msg m = { .hdr.type = NVSP_MSG1_SEND_RECV_BUF };
	struct vmbus_buffer *buf;
	int ret;

	buf = netvsc_buf_share(nvdev, PAGE_ALIGN(min_t(u64, want, max)));
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	nvdev->recv_buf = buf;
	m.send_buf.gpadl = buf->gpadl;
	m.send_buf.id = NVSP_RECV_BUF_ID;
	ret = netvsc_nvsp_request(nvdev, &m, NVSP_MSG1_SEND_RECV_BUF_COMPLETE,
				  true);
	if (ret)
		return ret;
	/* From here on a revoke is due, whatever the answer said. */
	nvdev->recv_section_cnt = 1;
	ret = netvsc_recv_buf_check(&m, buf->size,
				    &nvdev->recv_section_size,
				    &nvdev->recv_section_cnt);
	if (ret)
		netvsc_host_error(nvdev->ctx);
	return ret;
}

static int netvsc_send_buf_init(struct netvsc_dev *nvdev,
				const struct netvsc_info *info)
{
	u64 want = (u64)info->send_sections * info->send_section_size;
	struct nvsp_msg m = { .hdr.type = NVSP_MSG1_SEND_SEND_BUF };
	struct vmbus_buffer *buf;
	int ret;

	buf = netvsc_buf_share(nvdev, PAGE_ALIGN(min_t(u64, want,
						       NETVSC_SEND_BUF_MAX)));
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	nvdev->send_buf = buf;
	m.send_buf.gpadl = buf->gpadl;
	m.send_buf.id = NVSP_SEND_BUF_ID;
	ret = netvsc_nvsp_request(nvdev, &m, NVSP_MSG1_SEND_SEND_BUF_COMPLETE,
				  true);
	if (ret)
		return ret;
	nvdev->send_section_cnt = 1;
	ret = netvsc_send_buf_check(&m, buf->size,
				    &nvdev->send_section_size,
				    &nvdev->send_section_cnt);
	if (ret) {
		netvsc_host_error(nvdev->ctx);
		return ret;
	}
	nvdev->send_map = bitmap_zalloc(nvdev->send_section_cnt, GFP_KERNEL);
	return nvdev->send_map ? 0 : -ENOMEM;
}

/* The primary channel's receive completion queue, once sections are known. */
static int netvsc_comp_alloc(struct netvsc_chan *c)
{
	c->comp_size = c->nvdev->recv_section_cnt + 1;
	c->comp = kvcalloc(c->comp_size, sizeof(*c->comp), GFP_KERNEL);
	return c->comp ? 0 : -ENOMEM;
}

/**
 * netvsc_nvsp_connect() - negotiate NVSP and share the buffers
 * @nvdev: the device, its primary channel open
 * @info: the buffer sizes wanted
 * @mtu: the MTU to announce
 *
 * One INIT per version, 6.1 down to 1; then NDIS config and version,
 * receive buffer, send buffer. On failure the caller revokes and frees
 * what was set up (netvsc_nvsp_revoke(), netvsc_buffers_free()).
 * Process context.
 *
 * Return: 0 or a negative errno.
 */
int netvsc_nvsp_connect(struct netvsc_dev *nvdev, const struct netvsc_info *info,
			u32 mtu)
{
	int ret = -EPROTO;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(netvsc_versions); i++) {
		ret = netvsc_try_version(nvdev, netvsc_versions[i]);
		if (!ret) {
			nvdev->nvsp_version = netvsc_versions[i];
			break;
		}
		/* Refused, or answered with nonsense: try the next one. */
		if (ret != -EPROTO && ret != -EBADMSG)
			return ret;
	}
	if (ret) {
		netdev_err(nvdev->ctx->ndev, "host speaks no NVSP version\n");
		return ret;
	}
	ret = netvsc_send_ndis(nvdev, mtu);
	if (!ret)
		ret = netvsc_recv_buf_init(nvdev, info);
	if (!ret)
		ret = netvsc_comp_alloc(&nvdev->chan[0]);
	if (!ret)
		ret = netvsc_send_buf_init(nvdev, info);
	return ret;
}

/**
 * netvsc_nvsp_revoke() - tell the host to stop using the buffers
 * @nvdev: the device, its primary channel open
 *
 * No answer comes; the GPADL teardown after the close confirms it.
 * Process context.
 */
void netvsc_nvsp_revoke(struct netvsc_dev *nvdev)
{
	struct nvsp_msg m = { .hdr.type = NVSP_MSG1_REVOKE_RECV_BUF };

	if (vmbus_channel_rescinded(nvdev->chan[0].channel))
		return;
	if (nvdev->recv_section_cnt) {
		m.revoke_buf.id = NVSP_RECV_BUF_ID;
		netvsc_nvsp_request(nvdev, &m, 0, false);
	}
	if (nvdev->send_section_cnt) {
		memset(&m, 0, sizeof(m));
		m.hdr.type = NVSP_MSG1_REVOKE_SEND_BUF;
		m.revoke_buf.id = NVSP_SEND_BUF_ID;
		netvsc_nvsp_request(nvdev, &m, 0, false);
	}
}

/**
 * netvsc_buffers_free() - tear down and free the receive and send buffers
 * @nvdev: the device; every channel closed (the order of VMBus 4.0 and
 *	later hosts; the GPADLs go before the close on older ones, which
 *	netvsc_dev_remove() arranges)
 *
 * Process context.
 */
void netvsc_buffers_free(struct netvsc_dev *nvdev)
{
	struct vmbus_channel *primary = nvdev->ctx->hdev->channel;

	vmbus_buffer_free(primary, nvdev->recv_buf);
	vmbus_buffer_free(primary, nvdev->send_buf);
	nvdev->recv_buf = NULL;
	nvdev->send_buf = NULL;
	bitmap_free(nvdev->send_map);
	nvdev->send_map = NULL;
}

/* ------------------------------------------------------------------ */
/* Receiving                                                           */
/* ------------------------------------------------------------------ */

/* Queue the completion of a transfer-page packet for the host. */
static void netvsc_comp_queue(struct netvsc_chan *c, u64 tid, u32 status)
{
	u32 next;

	/* Before the receive buffer exists the host has nothing to send. */
	if (!c->comp) {
		netvsc_host_error(c->nvdev->ctx);
		return;
	}
	next = (c->comp_tail + 1) % c->comp_size;
	if (next == c->comp_head) {
		/* More packets outstanding than sections: a host bug. */
		netdev_err_once(c->nvdev->ctx->ndev,
				"receive completions overflow; host packet %llu not completed\n",
				tid);
		netvsc_host_error(c->nvdev->ctx);
		return;
	}
	c->comp[c->comp_tail].trans_id = tid;
	c->comp[c->comp_tail].status = status;
	c->comp_tail = next;
}

/* Send the queued completions; false if the ring filled up first. */
static bool netvsc_comp_flush(struct netvsc_chan *c)
{
	struct nvsp_rndis_pkt_complete_msg m = {
		.hdr.type = NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE,
	};
	struct netvsc_rx_comp *rc;

	while (c->comp_head != c->comp_tail) {
		rc = &c->comp[c->comp_head];
		m.complete.status = rc->status;
		if (vmbus_send(c->channel, VMBUS_PKT_COMPLETION, 0, rc->trans_id,
			       &m, sizeof(m))) {
			c->nvdev->ctx->eth_stats.rx_comp_busy++;
			return false;
		}
		c->comp_head = (c->comp_head + 1) % c->comp_size;
	}
	if (unlikely(READ_ONCE(c->nvdev->destroy)))
		wake_up(&c->nvdev->wait_drain);
	return true;
}

/* A transfer-page packet: each range one RNDIS message. */
static int netvsc_on_receive(struct netvsc_chan *c,
			     const struct hv_ring_pkt *rp)
{
	struct netvsc_dev *nvdev = c->nvdev;
	struct vmbus_xfer_pages xp;
	u32 status = NVSP_STATUS_SUCCESS, i;

	if (vmbus_xfer_pages_parse(c->rx_pkt, rp, NVSP_RECV_BUF_ID,
				   nvdev->recv_buf->size, &xp) ||
	    netvsc_xfer_check(&xp, nvdev->recv_section_size)) {
		netvsc_host_error(nvdev->ctx);
		status = NVSP_STATUS_FAILURE;
		xp.range_count = 0;
	}
	for (i = 0; i < xp.range_count; i++)
		netvsc_rndis_receive(c, xp.ranges[i].byte_offset,
				     xp.ranges[i].byte_count,
				     i + 1 == xp.range_count, &status);
	c->rsc->cnt = 0;
	netvsc_comp_queue(c, xp.trans_id, status);
	return max_t(u32, xp.range_count, 1);
}

/* The host completed a packet of ours: free what it held. */
static void netvsc_tx_done(struct netvsc_chan *c, u64 ctx, int budget)
{
	struct netvsc_dev *nvdev = c->nvdev;
	struct sk_buff *skb;
	u16 q = 0;

	switch (NETVSC_CTX_TAG(ctx)) {
	case NETVSC_CTX_SKB:
		skb = (struct sk_buff *)(uintptr_t)ctx;
		q = skb_get_queue_mapping(skb);
		napi_consume_skb(skb, budget);
		break;
	case NETVSC_CTX_SECTION:
		q = (ctx >> 2) & 0x3f;
		netvsc_section_put(nvdev, ctx >> 8);
		break;
	default:
		WARN_ON_ONCE(1);
		return;
	}
	if (atomic_dec_return(&c->sends) == 0 && READ_ONCE(nvdev->destroy))
		wake_up(&nvdev->wait_drain);
	netvsc_tx_complete(nvdev, q);
}

/* A completion from the host: of a send or of an NVSP request. */
static void netvsc_on_completion(struct netvsc_chan *c,
				 const struct hv_ring_pkt *rp, int budget)
{
	const void *payload = c->rx_pkt + rp->payload_offset;
	u32 len = rp->len - rp->payload_offset;
	const struct nvsp_msg *m = payload;
	u64 ctx;

	if (vmbus_request_take(c->channel, rp->desc.trans_id, &ctx)) {
		netvsc_host_error(c->nvdev->ctx);
		return;
	}
	if (NETVSC_CTX_TAG(ctx) == NETVSC_CTX_CTRL) {
		atomic_dec(&c->sends);
		netvsc_ctrl_complete(c->nvdev, ctx, payload, len);
		return;
	}
	/* Whatever the host says, the packet is done with. */
	if (netvsc_nvsp_check(payload, len, NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE))
		netvsc_host_error(c->nvdev->ctx);
	else if (m->rndis_pkt_complete.status != NVSP_STATUS_SUCCESS)
		netvsc_err_rl(c->nvdev->ctx, "host failed a sent packet: status %u\n",
			      m->rndis_pkt_complete.status);
	netvsc_tx_done(c, ctx, budget);
}

/* An in-band message from the host: the send table, VF association. */
static void netvsc_on_inband(struct netvsc_chan *c,
			     const struct hv_ring_pkt *rp)
{
	struct netvsc_ctx *ctx = c->nvdev->ctx;
	const void *msg = c->rx_pkt + rp->payload_offset;
	u32 len = rp->len - rp->payload_offset, table[NETVSC_SEND_TABLE];
	const struct nvsp_hdr *hdr = msg;
	u32 alloc, serial, i;

	if (len < sizeof(*hdr)) {
		netvsc_host_error(ctx);
		return;
	}
	switch (hdr->type) {
	case NVSP_MSG5_SEND_INDIRECTION_TABLE:
		if (netvsc_send_table_parse(msg, len, c->nvdev->nvsp_version,
					    table)) {
			netvsc_host_error(ctx);
			return;
		}
		for (i = 0; i < NETVSC_SEND_TABLE; i++)
			WRITE_ONCE(ctx->tx_table[i], table[i]);
		break;
	case NVSP_MSG4_SEND_VF_ASSOCIATION:
		if (netvsc_vf_assoc_parse(msg, len, &alloc, &serial)) {
			netvsc_host_error(ctx);
			return;
		}
		WRITE_ONCE(ctx->vf_serial, serial);
		WRITE_ONCE(ctx->vf_alloc, alloc);
		if (alloc)
			complete(&ctx->vf_add);
		netdev_info(ctx->ndev, "VF slot %u %s\n", serial,
			    alloc ? "added" : "removed");
		break;
	default:
		/* Upstream ignores the rest and completes nothing. */
		break;
	}
}

/*
 * Handle one packet; returns the work it counts for NAPI: a receive its
 * ranges, anything else one, so that a stream of completions cannot
 * keep the poll from yielding.
 */
static int netvsc_on_packet(struct netvsc_chan *c,
			    const struct hv_ring_pkt *rp, int budget)
{
	switch (rp->desc.type) {
	case VMBUS_PKT_COMPLETION:
		netvsc_on_completion(c, rp, budget);
		return 1;
	case VMBUS_PKT_DATA_XFER_PAGES:
		return netvsc_on_receive(c, rp);
	case VMBUS_PKT_DATA_INBAND:
		netvsc_on_inband(c, rp);
		return 1;
	default:
		netvsc_err_rl(c->nvdev->ctx, "dropped packet of type %u\n",
			      rp->desc.type);
		netvsc_host_error(c->nvdev->ctx);
		return 1;
	}
}

/**
 * netvsc_poll() - NAPI: read the channel's ring
 * @napi: the channel's NAPI instance
 * @budget: packets allowed
 *
 * The only reader of the channel's inbound ring (vmbus_poll_*()). Sends
 * the receive completions it queued, then, with budget left, lets the
 * host interrupt again and polls on if packets arrived meanwhile.
 * Softirq context.
 *
 * Return: work done, at most @budget.
 */
int netvsc_poll(struct napi_struct *napi, int budget)
{
	struct netvsc_chan *c = container_of(napi, struct netvsc_chan, napi);
	struct hv_ring_pkt rp;
	bool flushed;
	int work = 0, ret = 0;

	c->xdp_flush = false;
	while (work < budget) {
		ret = vmbus_poll_recv(c->channel, c->rx_pkt, NETVSC_RX_PKT_MAX,
				      &rp);
		if (ret == -ENOBUFS) {
			netvsc_err_rl(c->nvdev->ctx, "dropped packet of %u bytes\n",
				      rp.len);
			netvsc_host_error(c->nvdev->ctx);
			vmbus_poll_skip(c->channel, &rp);
			work++;
			continue;
		}
		if (ret)
			break;
		work += netvsc_on_packet(c, &rp, budget);
	}
	if (c->xdp_flush)
		xdp_do_flush();
	flushed = netvsc_comp_flush(c);
	work = min(work, budget);
	if (work < budget && napi_complete_done(napi, work)) {
		if ((vmbus_poll_end(c->channel) || !flushed) &&
		    napi_schedule_prep(napi)) {
			vmbus_poll_begin(c->channel);
			__napi_schedule(napi);
		}
	} else {
		vmbus_poll_commit(c->channel);
	}
	return work;
}

/* The channel's callback: the host signalled; NAPI reads. Softirq. */
static void netvsc_on_event(void *arg)
{
	struct netvsc_chan *c = arg;

	if (napi_schedule_prep(&c->napi)) {
		vmbus_poll_begin(c->channel);
		__napi_schedule(&c->napi);
	}
}

/* ------------------------------------------------------------------ */
/* Channels                                                            */
/* ------------------------------------------------------------------ */

static void netvsc_chan_free(struct netvsc_chan *c)
{
	kfree(c->rx_pkt);
	kfree(c->ppi);
	kfree(c->rsc);
	kfree(c->ranges);
	kvfree(c->comp);
	c->rx_pkt = NULL;
	c->ppi = NULL;
	c->rsc = NULL;
	c->ranges = NULL;
	c->comp = NULL;
}

static int netvsc_chan_alloc(struct netvsc_chan *c)
{
	c->rx_pkt = kmalloc(NETVSC_RX_PKT_MAX, GFP_KERNEL);
	c->ppi = kmalloc(NETVSC_PPI_MAX, GFP_KERNEL);
	c->rsc = kzalloc(sizeof(*c->rsc), GFP_KERNEL);
	c->ranges = kmalloc(NETVSC_TX_RANGES_SIZE, GFP_KERNEL);
	if (c->rx_pkt && c->ppi && c->rsc && c->ranges &&
	    (!c->idx || !netvsc_comp_alloc(c)))
		return 0;
	netvsc_chan_free(c);
	return -ENOMEM;
}

/**
 * netvsc_chan_open() - open a channel as queue @idx
 * @nvdev: the device
 * @channel: the primary channel (@idx 0) or a sub-channel
 * @idx: the queue index
 *
 * NAPI is ready before the host can signal. Process context.
 *
 * Return: 0 or a negative errno.
 */
int netvsc_chan_open(struct netvsc_dev *nvdev, struct vmbus_channel *channel,
		     u16 idx)
{
	struct net_device *ndev = nvdev->ctx->ndev;
	struct netvsc_chan *c = &nvdev->chan[idx];
	struct vmbus_open_params p = {
		.send_ring_size = netvsc_ring_bytes,
		.recv_ring_size = netvsc_ring_bytes,
		.max_requests = NETVSC_MAX_REQUESTS,
		.on_event = netvsc_on_event,
		.ctx = c,
	};
	int ret;

	c->idx = idx;
	c->nvdev = nvdev;
	atomic_set(&c->sends, 0);
	c->comp_head = 0;
	c->comp_tail = 0;
	ret = netvsc_chan_alloc(c);
	if (ret)
		return ret;
	ret = xdp_rxq_info_reg(&c->xdp_rxq, ndev, idx, 0);
	if (!ret)
		ret = xdp_rxq_info_reg_mem_model(&c->xdp_rxq,
						 MEM_TYPE_PAGE_SHARED, NULL);
	if (ret)
		goto free;
	netif_napi_add(ndev, &c->napi, netvsc_poll);
	napi_enable(&c->napi);
	c->channel = channel;
	ret = vmbus_open(channel, &p);
	if (!ret)
		return 0;
	c->channel = NULL;
	napi_disable(&c->napi);
	netif_napi_del(&c->napi);
free:
	if (xdp_rxq_info_is_reg(&c->xdp_rxq))
		xdp_rxq_info_unreg(&c->xdp_rxq);
	netvsc_chan_free(c);
	netdev_err(ndev, "opening channel %u failed: %d\n", idx, ret);
	return ret;
}

/* vmbus_request_reclaim() callback: keep skbs to free after the close. */
static void netvsc_reclaim(void *arg, u64 ctx)
{
	if (NETVSC_CTX_TAG(ctx) == NETVSC_CTX_SKB)
		__skb_queue_tail(arg, (struct sk_buff *)(uintptr_t)ctx);
}

/**
 * netvsc_chan_close() - stop a channel's NAPI and close it
 * @c: an open channel
 * @orphans: gets the skbs the host never completed, for the caller to
 *	free once every channel is closed and the host cannot read them
 *
 * Process context.
 */
void netvsc_chan_close(struct netvsc_chan *c, struct sk_buff_head *orphans)
{
	if (!c->channel)
		return;
	napi_disable(&c->napi);
	vmbus_request_reclaim(c->channel, netvsc_reclaim, orphans);
	vmbus_close(c->channel);
	netif_napi_del(&c->napi);
	xdp_rxq_info_unreg(&c->xdp_rxq);
	netvsc_chan_free(c);
	c->channel = NULL;
}

/**
 * netvsc_drained() - has the host completed everything?
 * @nvdev: the device
 *
 * Return: true when no send is outstanding and no receive completion
 * waits to be sent on any channel.
 */
bool netvsc_drained(struct netvsc_dev *nvdev)
{
	u32 i;

	for (i = 0; i < NETVSC_CHANNELS_MAX; i++) {
		const struct netvsc_chan *c = &nvdev->chan[i];

		if (c->channel && (atomic_read(&c->sends) ||
				   READ_ONCE(c->comp_head) !=
				   READ_ONCE(c->comp_tail)))
			return false;
	}
	return true;
}

/**
 * netvsc_switch_datapath() - tell the host which path the guest sends on
 * @ctx: the NIC
 * @vf: the VF's (true) or the synthetic one
 *
 * For the VF data path (issue 15): waits for the host's completion,
 * which has no payload. RTNL held.
 *
 * Return: 0 or a negative errno; the data path stays synthetic on error.
 */
int netvsc_switch_datapath(struct netvsc_ctx *ctx, bool vf)
{
	struct netvsc_dev *nvdev = rtnl_dereference(ctx->nvdev);
	struct nvsp_msg m = { .hdr.type = NVSP_MSG4_SWITCH_DATA_PATH };
	int ret;

	if (!nvdev)
		return -ENODEV;
	if (!vf)
		WRITE_ONCE(ctx->data_path_is_vf, false);
	m.switch_data_path.active_data_path = vf ? NVSP_DATA_PATH_VF :
						   NVSP_DATA_PATH_SYNTHETIC;
	ret = netvsc_nvsp_request(nvdev, &m, NVSP_MSG_NONE, true);
	if (!ret)
		WRITE_ONCE(ctx->data_path_is_vf, vf);
	return ret;
}
