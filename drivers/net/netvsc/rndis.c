// SPDX-License-Identifier: GPL-2.0
/*
 * hv_netvsc, RNDIS side: requests and their answers, the OIDs a device
 * is brought up with, indications, the receive dispatch of each range,
 * vRSS sub-channels, and bringing a device up and down.
 *
 * Protocol: include/hv/proto/rndis.h. The sequence of OIDs and the
 * feature mapping are upstream's (Debian linux-source-6.12,
 * drivers/net/hyperv/rndis_filter.c: rndis_filter_device_add(),
 * rndis_netdev_set_hwcaps(), rndis_set_subchannel()), written here from
 * those facts; Documentation/netvsc.rst lists them.
 */
#include <linux/ctype.h>
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <hv/proto/vmbus.h>
#include "netvsc.h"

/*
 * Default Toeplitz key: the verification key of Microsoft's RSS
 * specification ("Verifying the RSS Hash Calculation", Windows driver
 * documentation), which upstream netvsc also uses by default.
 */
static const u8 netvsc_msft_key[NDIS_RSS_KEY_SIZE] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

/* An OID request as the guest sends it. */
struct netvsc_oid_msg {
	struct rndis_hdr hdr;
	struct rndis_oid_req req;
	u8 info[];
} __packed;

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

/*
 * Send @req (header first, the request id the first body word) and
 * wait for the completion naming its id; it is in rndis_resp. Under
 * rndis_lock, process context.
 */
static int netvsc_rndis_request(struct netvsc_dev *nvdev, void *req, u32 len)
{
	struct rndis_hdr *hdr = req;
	u32 id;
	int ret;

	lockdep_assert_held(&nvdev->rndis_lock);
	hdr->len = len;
	spin_lock_bh(&nvdev->resp_lock);
	if (!++nvdev->rndis_id)
		++nvdev->rndis_id;
	id = nvdev->rndis_id;
	nvdev->rndis_waiting = true;
	nvdev->rndis_resp_len = 0;
	reinit_completion(&nvdev->rndis_done);
	spin_unlock_bh(&nvdev->resp_lock);
	memcpy(hdr + 1, &id, sizeof(id));

	ret = netvsc_send_ctrl(nvdev, req, len);
	if (!ret && !wait_for_completion_timeout(&nvdev->rndis_done,
						 NETVSC_CTRL_TIMEOUT))
		ret = -ETIMEDOUT;
	spin_lock_bh(&nvdev->resp_lock);
	if (nvdev->rndis_waiting && !ret)
		ret = -ETIMEDOUT;
	nvdev->rndis_waiting = false;
	spin_unlock_bh(&nvdev->resp_lock);
	if (ret == -ETIMEDOUT)
		netdev_err(nvdev->ctx->ndev, "host did not answer RNDIS message %#x\n",
			   hdr->type);
	return ret;
}

/* Build and send an OID request; the answer is left in rndis_resp. */
static int netvsc_oid(struct netvsc_dev *nvdev, u32 type, u32 oid,
		      const void *info, u32 info_len)
{
	struct netvsc_oid_msg *m;
	u32 len = sizeof(*m) + info_len;
	int ret;

	m = kzalloc(len, GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->hdr.type = type;
	m->req.oid = oid;
	m->req.info_len = info_len;
	m->req.info_offset = sizeof(m->req);
	if (info_len)
		memcpy(m->info, info, info_len);
	ret = netvsc_rndis_request(nvdev, m, len);
	kfree(m);
	return ret;
}

/*
 * Query @oid. @in (may be NULL) is sent as the information buffer (an
 * object header for structured answers); the answer, at most *@out_len
 * bytes, lands in @out and *@out_len says how much. Process context.
 */
static int netvsc_query(struct netvsc_dev *nvdev, u32 oid, const void *in,
			u32 in_len, void *out, u32 *out_len)
{
	const void *info;
	u32 len;
	int ret;

	mutex_lock(&nvdev->rndis_lock);
	ret = netvsc_oid(nvdev, RNDIS_MSG_QUERY, oid, in, in_len);
	if (!ret)
		ret = netvsc_query_complete_parse(nvdev->rndis_resp,
						  nvdev->rndis_resp_len,
						  *out_len, &info, &len);
	if (!ret) {
		memcpy(out, info, len);
		*out_len = len;
	}
	mutex_unlock(&nvdev->rndis_lock);
	if (ret == -EBADMSG)
		netvsc_host_error(nvdev->ctx);
	return ret;
}

/* Query a u32 OID; the answer must be exactly 4 bytes. */
static int netvsc_query_u32(struct netvsc_dev *nvdev, u32 oid, u32 *val)
{
	u32 len = sizeof(*val);
	int ret = netvsc_query(nvdev, oid, NULL, 0, val, &len);

	return ret ? ret : len == sizeof(*val) ? 0 : -EBADMSG;
}

/* Set @oid to @data. Process context. */
static int netvsc_set(struct netvsc_dev *nvdev, u32 oid, const void *data,
		      u32 len)
{
	int ret;

	mutex_lock(&nvdev->rndis_lock);
	ret = netvsc_oid(nvdev, RNDIS_MSG_SET, oid, data, len);
	if (!ret)
		ret = netvsc_set_complete_parse(nvdev->rndis_resp,
						nvdev->rndis_resp_len);
	mutex_unlock(&nvdev->rndis_lock);
	if (ret == -EBADMSG)
		netvsc_host_error(nvdev->ctx);
	if (ret)
		netdev_err(nvdev->ctx->ndev, "host refused OID %#x: %d\n",
			   oid, ret);
	return ret;
}

static int netvsc_rndis_init(struct netvsc_dev *nvdev)
{
	struct {
		struct rndis_hdr hdr;
		struct rndis_init_req req;
	} __packed m = {
		.hdr.type = RNDIS_MSG_INIT,
		.req.major = RNDIS_MAJOR_VERSION,
		.req.minor = RNDIS_MINOR_VERSION,
		.req.max_xfer_size = 0x4000,
	};
	int ret;

	mutex_lock(&nvdev->rndis_lock);
	ret = netvsc_rndis_request(nvdev, &m, sizeof(m));
	if (!ret)
		ret = netvsc_init_complete_parse(nvdev->rndis_resp,
						 nvdev->rndis_resp_len,
						 &nvdev->max_pkt,
						 &nvdev->pkt_align);
	if (!ret)
		nvdev->rndis_ready = true;
	mutex_unlock(&nvdev->rndis_lock);
	return ret;
}

/* HALT: no answer comes. */
static void netvsc_rndis_halt(struct netvsc_dev *nvdev)
{
	struct {
		struct rndis_hdr hdr;
		struct rndis_halt_req req;
	} __packed m = {
		.hdr.type = RNDIS_MSG_HALT,
		.hdr.len = sizeof(m),
	};

	if (!nvdev->rndis_ready ||
	    vmbus_channel_rescinded(nvdev->chan[0].channel))
		return;
	mutex_lock(&nvdev->rndis_lock);
	m.req.req_id = ++nvdev->rndis_id;
	netvsc_send_ctrl(nvdev, &m, sizeof(m));
	nvdev->rndis_ready = false;
	mutex_unlock(&nvdev->rndis_lock);
}

/* ------------------------------------------------------------------ */
/* Receiving                                                           */
/* ------------------------------------------------------------------ */

/* NAPI: an answer to the RNDIS request that waits, copied whole. */
static int netvsc_rndis_reply(struct netvsc_dev *nvdev, const u8 *data,
			      u32 len)
{
	u32 id;
	int ret = -EBADMSG;

	if (len > NETVSC_RNDIS_CTRL_MAX)
		return -EBADMSG;
	spin_lock_bh(&nvdev->resp_lock);
	if (nvdev->rndis_waiting) {
		memcpy(nvdev->rndis_resp, data, len);
		ret = netvsc_rndis_ctrl_check(nvdev->rndis_resp, len, &id);
		if (!ret && id != nvdev->rndis_id)
			ret = -EBADMSG;
	}
	if (!ret) {
		nvdev->rndis_resp_len = len;
		nvdev->rndis_waiting = false;
		complete(&nvdev->rndis_done);
	}
	spin_unlock_bh(&nvdev->resp_lock);
	if (ret)
		netvsc_err_rl(nvdev->ctx, "dropped RNDIS answer nobody waits for\n");
	return ret;
}

/* NAPI: a status indication; link events go to the link work. */
static int netvsc_indicate(struct netvsc_chan *c, const u8 *data, u32 len)
{
	struct netvsc_ctx *ctx = c->nvdev->ctx;
	u32 status, speed;
	u8 buf[256];

	len = min_t(u32, len, sizeof(buf));
	memcpy(buf, data, len);
	if (netvsc_indicate_parse(buf, len, &status, &speed))
		return -EBADMSG;
	if (status == RNDIS_STATUS_LINK_SPEED_CHANGE)
		WRITE_ONCE(ctx->speed, speed / 10000);
	else
		netvsc_link_event(ctx, status);
	return 0;
}

/* NAPI: a data message; a frame, or a fragment of a coalesced one. */
static int netvsc_rx_data(struct netvsc_chan *c, const struct rndis_hdr *hdr,
			  u32 off, bool last_range)
{
	struct netvsc_dev *nvdev = c->nvdev;
	const u8 *data = nvdev->recv_buf->data + off;
	struct netvsc_rx_info info = { 0 };
	struct netvsc_rx_layout lo;
	struct rndis_packet_msg msg;
	int ret;

	if (hdr->len < sizeof(msg))
		return -EBADMSG;
	memcpy(&msg, data, sizeof(msg));
	msg.hdr = *hdr;		/* the checked copy, not a second read */
	if (netvsc_rx_packet_check(&msg, NETVSC_RSC_FRAME_MAX, &lo))
		return -EBADMSG;
	if (lo.ppi_len) {
		memcpy(c->ppi, data + lo.ppi_offset, lo.ppi_len);
		if (netvsc_ppi_parse(c->ppi, lo.ppi_len, &info))
			return -EBADMSG;
	}
	switch (netvsc_rsc_add(c->rsc, &info, off + lo.data_offset,
			       lo.data_len, last_range)) {
	case NETVSC_RSC_MORE:
		return 0;
	case NETVSC_RSC_DELIVER:
		ret = netvsc_rx_frame(c, c->rsc);
		c->rsc->cnt = 0;
		return ret;
	default:
		return -EBADMSG;
	}
}

/**
 * netvsc_rndis_receive() - one range of a transfer-page packet
 * @c: the channel, from its NAPI poll
 * @off: the range's offset in the receive buffer (checked inside it)
 * @len: its bytes
 * @last_range: it is the packet's last range
 * @status: set to NVSP_STATUS_FAILURE if the range is dropped
 *
 * Every header is copied out of the receive buffer before it is looked
 * at; only frame bytes are read in place (into the skb). NAPI context.
 */
void netvsc_rndis_receive(struct netvsc_chan *c, u32 off, u32 len,
			  bool last_range, u32 *status)
{
	struct netvsc_dev *nvdev = c->nvdev;
	const u8 *data = nvdev->recv_buf->data + off;
	struct rndis_hdr hdr;
	int ret = -EBADMSG;

	if (len >= sizeof(hdr)) {
		memcpy(&hdr, data, sizeof(hdr));
		ret = netvsc_rndis_hdr_check(&hdr, len);
	}
	if (ret)
		goto out;
	switch (hdr.type) {
	case RNDIS_MSG_PACKET:
		ret = netvsc_rx_data(c, &hdr, off, last_range);
		break;
	case RNDIS_MSG_INIT_C:
	case RNDIS_MSG_QUERY_C:
	case RNDIS_MSG_SET_C:
	case RNDIS_MSG_KEEPALIVE_C:
		ret = netvsc_rndis_reply(nvdev, data, hdr.len);
		break;
	case RNDIS_MSG_INDICATE:
		ret = netvsc_indicate(c, data, len);
		break;
	default:
		netvsc_err_rl(nvdev->ctx, "dropped RNDIS message type %#x\n",
			      hdr.type);
		break;
	}
out:
	if (!ret)
		return;
	if (ret == -EBADMSG)
		netvsc_host_error(nvdev->ctx);
	c->rsc->cnt = 0;
	*status = NVSP_STATUS_FAILURE;
}

/* ------------------------------------------------------------------ */
/* OIDs                                                                */
/* ------------------------------------------------------------------ */

/* The features the host's offload capabilities decide. */
#define NETVSC_HW_FEATURES	(NETIF_F_RXCSUM | NETIF_F_IP_CSUM |	\
				 NETIF_F_TSO | NETIF_F_IPV6_CSUM |	\
				 NETIF_F_TSO6 | NETIF_F_LRO |		\
				 NETIF_F_SG | NETIF_F_RXHASH)

/**
 * netvsc_hwcaps_apply() - query the host's offloads, set features and
 *	the host's offload parameters
 * @nvdev: the device
 *
 * RTNL held.
 *
 * Return: 0 or a negative errno.
 */
int netvsc_hwcaps_apply(struct netvsc_dev *nvdev)
{
	struct net_device *ndev = nvdev->ctx->ndev;
	struct netvsc_offloads plan;
	struct ndis_offload *caps;
	u32 len = sizeof(*caps);
	int ret;

	ASSERT_RTNL();
	caps = kzalloc(sizeof(*caps), GFP_KERNEL);
	if (!caps)
		return -ENOMEM;
	netvsc_hwcaps_query(nvdev->nvsp_version, &caps->header);
	ret = netvsc_query(nvdev, RNDIS_OID_TCP_OFFLOAD_HW_CAPS, caps,
			   caps->header.size, caps, &len);
	if (!ret && len < sizeof(*caps))
		memset((u8 *)caps + len, 0, sizeof(*caps) - len);
	if (!ret && netvsc_hwcaps_check(caps, len)) {
		netvsc_host_error(nvdev->ctx);
		ret = -EBADMSG;
	}
	if (ret)
		goto out;
	netvsc_offloads_plan(caps, nvdev->nvsp_version,
			     netvsc_feature_bits(ndev->features), &plan);
	ndev->hw_features &= ~NETVSC_HW_FEATURES;
	ndev->hw_features |= NETIF_F_RXCSUM | NETIF_F_SG | NETIF_F_RXHASH;
	if (plan.csum & NETVSC_CSUM_TCP4)
		ndev->hw_features |= NETIF_F_IP_CSUM;
	if (plan.csum & NETVSC_CSUM_TCP6)
		ndev->hw_features |= NETIF_F_IPV6_CSUM;
	if (plan.tso4)
		ndev->hw_features |= NETIF_F_TSO;
	if (plan.tso6)
		ndev->hw_features |= NETIF_F_TSO6;
	if (plan.lro)
		ndev->hw_features |= NETIF_F_LRO;
	ndev->features &= ~NETVSC_HW_FEATURES | ndev->hw_features;
	nvdev->ctx->tx_csum_mask = plan.csum;
	netif_set_tso_max_size(ndev, plan.gso_max);
	ret = netvsc_set(nvdev, RNDIS_OID_TCP_OFFLOAD_PARAMETERS, &plan.params,
			 plan.params_len);
out:
	kfree(caps);
	return ret;
}

/**
 * netvsc_set_params() - switch host offloads the guest's features decide
 * @nvdev: the device
 * @change: NETVSC_PARAM_* that change
 * @on: NETVSC_PARAM_* to be on
 *
 * Process context.
 *
 * Return: 0, or a negative errno when the host refused.
 */
int netvsc_set_params(struct netvsc_dev *nvdev, u32 change, u32 on)
{
	struct ndis_offload_params params;
	u32 len;

	netvsc_feature_params(nvdev->nvsp_version, nvdev->ctx->tx_csum_mask,
			      change, on, &params, &len);
	return netvsc_set(nvdev, RNDIS_OID_TCP_OFFLOAD_PARAMETERS, &params,
			  len);
}

/* One RSS parameters set: the table and @key, with @flags. */
static int netvsc_rss_msg(struct netvsc_ctx *ctx, struct netvsc_dev *nvdev,
			  const u8 *key, u16 flags)
{
	u32 tab = ctx->rx_table_sz * sizeof(u32), i;
	u32 len = sizeof(struct ndis_rss_params) + tab + NDIS_RSS_KEY_SIZE;
	struct ndis_rss_params *p;
	u32 *entry;
	int ret;

	p = kzalloc(len, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->header.type = NDIS_OBJECT_TYPE_RSS_PARAMS;
	p->header.revision = NDIS_RSS_PARAMS_REVISION_2;
	p->header.size = sizeof(*p);
	p->flags = flags;
	p->hash_info = NDIS_HASH_FUNC_TOEPLITZ | NDIS_HASH_IPV4 |
		       NDIS_HASH_TCP_IPV4 | NDIS_HASH_IPV6 | NDIS_HASH_TCP_IPV6;
	p->table_size = tab;
	p->table_offset = sizeof(*p);
	p->key_size = NDIS_RSS_KEY_SIZE;
	p->key_offset = sizeof(*p) + tab;
	entry = (u32 *)(p + 1);
	for (i = 0; i < ctx->rx_table_sz; i++)
		entry[i] = ctx->rx_table[i];
	memcpy((u8 *)p + p->key_offset, key, NDIS_RSS_KEY_SIZE);
	ret = netvsc_set(nvdev, RNDIS_OID_GEN_RSS_PARAMETERS, p, len);
	kfree(p);
	return ret;
}

/**
 * netvsc_set_rss() - send the indirection table and Toeplitz key
 * @ctx: the NIC (table in ctx->rx_table)
 * @nvdev: the device
 * @key: the key
 *
 * Disables RSS, then sets it with the new values, as upstream does.
 * RTNL held.
 *
 * Return: 0, or a negative errno (the host keeps what it had).
 */
int netvsc_set_rss(struct netvsc_ctx *ctx, struct netvsc_dev *nvdev,
		   const u8 *key)
{
	int ret;

	ASSERT_RTNL();
	if (!ctx->rx_table_sz)
		return -EOPNOTSUPP;
	netvsc_rss_msg(ctx, nvdev, key, NDIS_RSS_PARAM_FLAG_DISABLE);
	ret = netvsc_rss_msg(ctx, nvdev, key, 0);
	if (!ret && key != ctx->rss_key)
		memcpy(ctx->rss_key, key, NDIS_RSS_KEY_SIZE);
	return ret;
}

/**
 * netvsc_set_mac() - ask the host to use another MAC
 * @nvdev: the device
 * @mac: the address
 *
 * As the string parameter "NetworkAddress" of RNDIS_CONFIG_PARAMETER:
 * UTF-16, 12 uppercase hex digits. RTNL held.
 *
 * Return: 0, or a negative errno when the host refused.
 */
int netvsc_set_mac(struct netvsc_dev *nvdev, const u8 *mac)
{
	static const char name[] = RNDIS_CONFIG_NETWORK_ADDRESS;
	const u32 name_len = 2 * (sizeof(name) - 1), val_len = 4 * ETH_ALEN;
	struct rndis_config_param *p;
	char hex[2 * ETH_ALEN + 1];
	u32 len = sizeof(*p) + name_len + val_len, i;
	__le16 *s;
	int ret;

	p = kzalloc(len, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->type = RNDIS_CONFIG_PARAM_STRING;
	p->name_offset = sizeof(*p);
	p->name_len = name_len;
	p->value_offset = sizeof(*p) + name_len;
	p->value_len = val_len;
	s = (__le16 *)(p + 1);
	for (i = 0; i < sizeof(name) - 1; i++)
		*s++ = cpu_to_le16(name[i]);
	snprintf(hex, sizeof(hex), "%pmR", mac);
	for (i = 0; i < 2 * ETH_ALEN; i++)
		*s++ = cpu_to_le16(toupper(hex[i]));
	ret = netvsc_set(nvdev, RNDIS_OID_GEN_RNDIS_CONFIG_PARAMETER, p, len);
	kfree(p);
	return ret;
}

static int netvsc_set_filter(struct netvsc_dev *nvdev, u32 filter)
{
	int ret;

	if (nvdev->filter == filter)
		return 0;
	ret = netvsc_set(nvdev, RNDIS_OID_GEN_CURRENT_PACKET_FILTER, &filter,
			 sizeof(filter));
	if (!ret)
		nvdev->filter = filter;
	return ret;
}

/* The packet filter for the net_device's flags (process context). */
static void netvsc_mcast_work(struct work_struct *w)
{
	struct netvsc_dev *nvdev = container_of(w, struct netvsc_dev,
						mcast_work);
	struct net_device *ndev = nvdev->ctx->ndev;
	unsigned int flags = READ_ONCE(ndev->flags);
	u32 filter = NDIS_PACKET_TYPE_DIRECTED;

	if (flags & IFF_PROMISC) {
		filter = NDIS_PACKET_TYPE_PROMISCUOUS;
	} else {
		if (!netdev_mc_empty(ndev) || (flags & IFF_ALLMULTI))
			filter |= NDIS_PACKET_TYPE_ALL_MULTICAST;
		if (flags & IFF_BROADCAST)
			filter |= NDIS_PACKET_TYPE_BROADCAST;
	}
	netvsc_set_filter(nvdev, filter);
}

/**
 * netvsc_rndis_open() - let the host deliver frames (packet filter)
 * @nvdev: the device
 *
 * RTNL held.
 *
 * Return: 0 or a negative errno.
 */
int netvsc_rndis_open(struct netvsc_dev *nvdev)
{
	return netvsc_set_filter(nvdev, NDIS_PACKET_TYPE_BROADCAST |
				 NDIS_PACKET_TYPE_ALL_MULTICAST |
				 NDIS_PACKET_TYPE_DIRECTED);
}

/**
 * netvsc_rndis_close() - stop the host delivering frames
 * @nvdev: the device
 *
 * RTNL held.
 *
 * Return: 0 or a negative errno (none for a rescinded channel).
 */
int netvsc_rndis_close(struct netvsc_dev *nvdev)
{
	cancel_work_sync(&nvdev->mcast_work);
	if (vmbus_channel_rescinded(nvdev->chan[0].channel))
		return 0;
	return netvsc_set_filter(nvdev, 0);
}

/* The friendly name as ifalias, unless it is the host's default. */
static void netvsc_friendly_name(struct netvsc_dev *nvdev)
{
	struct net_device *ndev = nvdev->ctx->ndev;
	u32 len = RNDIS_FRIENDLY_NAME_SIZE;
	char alias[IFALIASZ];
	size_t n;
	u8 *name;

	name = kzalloc(len, GFP_KERNEL);
	if (!name)
		return;
	if (!netvsc_query(nvdev, RNDIS_OID_GEN_FRIENDLY_NAME, NULL, 0, name,
			  &len)) {
		n = netvsc_ucs2_to_utf8(name, len, alias, sizeof(alias));
		if (n && strcmp(alias, RNDIS_DEFAULT_FRIENDLY_NAME))
			dev_set_alias(ndev, alias, n);
	}
	kfree(name);
}

/* The host's MAC, which must be a unicast address. */
static int netvsc_query_mac(struct netvsc_dev *nvdev)
{
	u32 len = ETH_ALEN;
	int ret;

	ret = netvsc_query(nvdev, RNDIS_OID_802_3_PERMANENT_ADDRESS, NULL, 0,
			   nvdev->mac, &len);
	if (ret)
		return ret;
	if (len != ETH_ALEN || !is_valid_ether_addr(nvdev->mac)) {
		netdev_err(nvdev->ctx->ndev, "host gave no usable MAC (%u bytes, %pM)\n",
			   len, nvdev->mac);
		netvsc_host_error(nvdev->ctx);
		return -EBADMSG;
	}
	return 0;
}

/* Receive-side scaling: channels and indirection table, NVSP 5 and later. */
static int netvsc_query_rss(struct netvsc_dev *nvdev, u32 want)
{
	struct netvsc_ctx *ctx = nvdev->ctx;
	struct ndis_rss_caps caps = { 0 };
	u32 len = sizeof(caps), queues, size;
	u16 *table;

	netvsc_rss_caps_query(&caps.header);
	if (netvsc_query(nvdev, RNDIS_OID_GEN_RSS_CAPABILITIES, &caps,
			 sizeof(caps), &caps, &len))
		return 0;
	if (netvsc_rss_caps_parse(&caps, len, &queues, &size)) {
		netvsc_host_error(ctx);
		return 0;
	}
	if (queues < 2)
		return 0;
	if (size != ctx->rx_table_sz) {
		table = kcalloc(size, sizeof(*table), GFP_KERNEL);
		if (!table)
			return -ENOMEM;
		kfree(ctx->rx_table);
		ctx->rx_table = table;
		ctx->rx_table_sz = size;
	}
	nvdev->max_chn = netvsc_channels_max(queues, num_online_cpus());
	nvdev->num_chn = min(nvdev->max_chn, max_t(u32, want, 1));
	return 0;
}

/* ------------------------------------------------------------------ */
/* Sub-channels                                                        */
/* ------------------------------------------------------------------ */

/**
 * netvsc_set_queues() - as many real queues as the device has channels
 * @ndev: the NIC
 * @nvdev: its device
 *
 * RTNL held.
 */
void netvsc_set_queues(struct net_device *ndev, struct netvsc_dev *nvdev)
{
	netif_set_real_num_tx_queues(ndev, nvdev->num_chn);
	netif_set_real_num_rx_queues(ndev, nvdev->num_chn);
}

/* The core's sub-channel handler: open the sub-channel as its queue. */
static void netvsc_sc_open(struct vmbus_channel *sub, void *arg)
{
	struct netvsc_ctx *ctx = arg;
	u16 idx = vmbus_channel_subindex(sub);
	struct netvsc_dev *nvdev;

	mutex_lock(&ctx->sub_lock);
	nvdev = ctx->sub_nvdev;
	if (nvdev && idx && idx < nvdev->num_chn &&
	    !nvdev->chan[idx].channel &&
	    !netvsc_chan_open(nvdev, sub, idx)) {
		WRITE_ONCE(nvdev->open_chn, nvdev->open_chn + 1);
		wake_up(&nvdev->subchan_wait);
	}
	mutex_unlock(&ctx->sub_lock);
}

/**
 * netvsc_subchannels_request() - ask the host for the sub-channels
 * @ctx: the NIC
 * @nvdev: the device; nvdev->num_chn channels wanted
 *
 * The host answers how many it grants, then offers them; the handler
 * opens each as its queue. RTNL held.
 *
 * Return: 0, or a negative errno (the host refused).
 */
int netvsc_subchannels_request(struct netvsc_ctx *ctx,
			       struct netvsc_dev *nvdev)
{
	struct nvsp_msg m = { .hdr.type = NVSP_MSG5_SUBCHANNEL };
	u32 granted;
	int ret;

	ASSERT_RTNL();
	m.subchannel_req.op = NVSP_SUBCHANNEL_ALLOCATE;
	m.subchannel_req.num_subchannels = nvdev->num_chn - 1;
	ret = netvsc_nvsp_request(nvdev, &m, NVSP_MSG5_SUBCHANNEL, true);
	if (!ret && netvsc_subchannel_check(&m, nvdev->num_chn - 1, &granted))
		ret = -EIO;
	if (ret) {
		netdev_err(ctx->ndev, "host refused %u sub-channels: %d\n",
			   nvdev->num_chn - 1, ret);
		return ret;
	}
	mutex_lock(&ctx->sub_lock);
	WRITE_ONCE(nvdev->num_chn, 1 + granted);
	WRITE_ONCE(nvdev->open_chn, 1);
	ctx->sub_nvdev = nvdev;
	mutex_unlock(&ctx->sub_lock);
	vmbus_set_subchannel_handler(ctx->hdev->channel, netvsc_sc_open, ctx);
	return 0;
}

static bool netvsc_subchannels_open(struct netvsc_dev *nvdev)
{
	return READ_ONCE(nvdev->open_chn) == READ_ONCE(nvdev->num_chn);
}

/**
 * netvsc_subchannels_wait() - wait for the granted sub-channels to open
 * @nvdev: the device
 *
 * Their offers come through the bus's workqueue: the caller must not
 * hold a lock that work needs. A rescind of the NIC ends the wait (its
 * removal may be what the workqueue runs). Process context; sleeps up to
 * NETVSC_CTRL_TIMEOUT.
 */
void netvsc_subchannels_wait(struct netvsc_dev *nvdev)
{
	struct vmbus_channel *primary = nvdev->ctx->hdev->channel;
	unsigned long end = jiffies + NETVSC_CTRL_TIMEOUT;

	while (!netvsc_subchannels_open(nvdev) && time_before(jiffies, end) &&
	       !vmbus_channel_rescinded(primary))
		wait_event_timeout(nvdev->subchan_wait,
				   netvsc_subchannels_open(nvdev), HZ / 10);
}

/* Stop opening sub-channels for @nvdev; true if all granted are open. */
static bool netvsc_subchannels_stop(struct netvsc_ctx *ctx,
				    struct netvsc_dev *nvdev)
{
	bool all;

	vmbus_set_subchannel_handler(ctx->hdev->channel, NULL, NULL);
	mutex_lock(&ctx->sub_lock);
	if (ctx->sub_nvdev == nvdev)
		ctx->sub_nvdev = NULL;
	all = nvdev->open_chn == nvdev->num_chn;
	mutex_unlock(&ctx->sub_lock);
	return all;
}

/* Close the sub-channels and free what the host never completed. */
static void netvsc_subchannels_close(struct netvsc_dev *nvdev)
{
	struct sk_buff_head orphans;
	u32 i;

	__skb_queue_head_init(&orphans);
	for (i = 1; i < NETVSC_CHANNELS_MAX; i++)
		netvsc_chan_close(&nvdev->chan[i], &orphans);
	__skb_queue_purge(&orphans);
}

/**
 * netvsc_subchannels_finish() - put the open sub-channels to use
 * @ctx: the NIC
 * @nvdev: the device
 *
 * With all granted channels open: the send table round-robin until the
 * host sends its own, the receive table (default unless configured and
 * still valid), RSS parameters, and the real queue counts. Otherwise
 * the device falls back to its primary channel. RTNL held.
 *
 * Return: 0, or -ETIMEDOUT when sub-channels failed to open.
 */
int netvsc_subchannels_finish(struct netvsc_ctx *ctx, struct netvsc_dev *nvdev)
{
	struct net_device *ndev = ctx->ndev;
	bool reset = !netif_is_rxfh_configured(ndev);
	u32 i;

	ASSERT_RTNL();
	if (!netvsc_subchannels_stop(ctx, nvdev)) {
		netdev_err(ndev, "%u of %u channels opened; using one\n",
			   nvdev->open_chn, nvdev->num_chn);
		netvsc_subchannels_close(nvdev);
		nvdev->num_chn = 1;
		netvsc_set_queues(ndev, nvdev);
		return -ETIMEDOUT;
	}
	for (i = 0; i < NETVSC_SEND_TABLE; i++)
		WRITE_ONCE(ctx->tx_table[i], i % nvdev->num_chn);
	for (i = 0; i < ctx->rx_table_sz && !reset; i++)
		reset = ctx->rx_table[i] >= nvdev->num_chn;
	for (i = 0; reset && i < ctx->rx_table_sz; i++)
		ctx->rx_table[i] = ethtool_rxfh_indir_default(i, nvdev->num_chn);
	/* The channels work without; upstream goes on as well. */
	netvsc_set_rss(ctx, nvdev, ctx->rss_key);
	netvsc_set_queues(ndev, nvdev);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Bringing a device up and down                                       */
/* ------------------------------------------------------------------ */

static struct netvsc_dev *netvsc_dev_alloc(struct netvsc_ctx *ctx)
{
	struct netvsc_dev *nvdev = kvzalloc(sizeof(*nvdev), GFP_KERNEL);
	u32 i;

	if (!nvdev)
		return NULL;
	nvdev->rndis_resp = kmalloc(NETVSC_RNDIS_CTRL_MAX, GFP_KERNEL);
	if (!nvdev->rndis_resp) {
		kvfree(nvdev);
		return NULL;
	}
	nvdev->ctx = ctx;
	nvdev->num_chn = 1;
	nvdev->max_chn = 1;
	nvdev->max_pkt = 8;
	nvdev->pkt_align = 8;
	init_waitqueue_head(&nvdev->subchan_wait);
	init_waitqueue_head(&nvdev->wait_drain);
	mutex_init(&nvdev->ctrl_lock);
	mutex_init(&nvdev->rndis_lock);
	spin_lock_init(&nvdev->resp_lock);
	init_completion(&nvdev->ctrl_done);
	init_completion(&nvdev->rndis_done);
	INIT_WORK(&nvdev->mcast_work, netvsc_mcast_work);
	for (i = 0; i < NETVSC_CHANNELS_MAX; i++) {
		u64_stats_init(&nvdev->chan[i].tx.syncp);
		u64_stats_init(&nvdev->chan[i].rx.syncp);
	}
	return nvdev;
}

/* The RNDIS bring-up: INIT and upstream's OID queries and sets, in order. */
static int netvsc_rndis_up(struct netvsc_dev *nvdev, u32 want_chn)
{
	struct netvsc_ctx *ctx = nvdev->ctx;
	u32 val;
	int ret;

	ret = netvsc_rndis_init(nvdev);
	if (ret)
		return ret;
	if (!netvsc_query_u32(nvdev, RNDIS_OID_GEN_MAXIMUM_FRAME_SIZE, &val))
		nvdev->host_frame = val;
	ret = netvsc_query_mac(nvdev);
	if (ret)
		return ret;
	if (!ctx->ndev->ifalias)
		netvsc_friendly_name(nvdev);
	ret = netvsc_hwcaps_apply(nvdev);
	if (ret)
		return ret;
	if (!netvsc_query_u32(nvdev, RNDIS_OID_GEN_MEDIA_CONNECT_STATUS, &val))
		nvdev->link_down = val != RNDIS_MEDIA_CONNECTED;
	if (nvdev->nvsp_version < NVSP_VERSION_5)
		return 0;
	if (!netvsc_query_u32(nvdev, RNDIS_OID_GEN_LINK_SPEED, &val))
		WRITE_ONCE(ctx->speed, val / 10000);
	return netvsc_query_rss(nvdev, want_chn);
}

/* Close the channels, take the buffers back; free what is left. */
static void netvsc_dev_down(struct netvsc_dev *nvdev)
{
	bool old_host = vmbus_negotiated_version() < VMBUS_VERSION_WIN10;
	struct sk_buff_head orphans;
	int i;

	netvsc_nvsp_revoke(nvdev);
	/* Hosts before Windows Server 2016 want the GPADLs back first. */
	if (old_host)
		netvsc_buffers_free(nvdev);
	__skb_queue_head_init(&orphans);
	for (i = NETVSC_CHANNELS_MAX - 1; i >= 0; i--)
		netvsc_chan_close(&nvdev->chan[i], &orphans);
	if (!old_host)
		netvsc_buffers_free(nvdev);
	__skb_queue_purge(&orphans);
	kfree(nvdev->rndis_resp);
	kvfree(nvdev);
}

/**
 * netvsc_dev_add() - bring the device up as @info says
 * @ctx: the NIC
 * @info: what to set up; info->num_chn channels wanted
 *
 * Opens the primary channel, negotiates NVSP, shares the buffers, runs
 * RNDIS INIT and the OID sequence, and publishes the device. Sub-channels
 * are asked for separately (netvsc_subchannels_request()). RTNL held.
 *
 * Return: the device, or an ERR_PTR().
 */
struct netvsc_dev *netvsc_dev_add(struct netvsc_ctx *ctx,
				  struct netvsc_info *info)
{
	struct netvsc_dev *nvdev;
	int ret;

	ASSERT_RTNL();
	nvdev = netvsc_dev_alloc(ctx);
	if (!nvdev)
		return ERR_PTR(-ENOMEM);
	memset(ctx->tx_table, 0, sizeof(ctx->tx_table));
	ret = netvsc_chan_open(nvdev, ctx->hdev->channel, 0);
	if (ret) {
		kfree(nvdev->rndis_resp);
		kvfree(nvdev);
		return ERR_PTR(ret);
	}
	ret = netvsc_nvsp_connect(nvdev, info, ctx->ndev->mtu);
	if (!ret)
		ret = netvsc_rndis_up(nvdev, info->num_chn);
	if (ret) {
		netvsc_rndis_halt(nvdev);
		WRITE_ONCE(nvdev->destroy, true);
		netvsc_dev_down(nvdev);
		return ERR_PTR(ret);
	}
	rcu_assign_pointer(ctx->nvdev, nvdev);
	return nvdev;
}

/**
 * netvsc_dev_remove() - bring the device down
 * @ctx: the NIC
 * @nvdev: the published device; transmit stopped, sub-channel work
 *	cancelled
 *
 * Unpublishes the device and waits for its readers; HALT; waits (a
 * while) for the host to complete what was sent; revokes the buffers,
 * closes the channels and takes the buffers back in the order the host's
 * VMBus version wants; frees the device. Skbs the host never completed
 * are freed after the close. RTNL held.
 */
void netvsc_dev_remove(struct netvsc_ctx *ctx, struct netvsc_dev *nvdev)
{
	ASSERT_RTNL();
	netvsc_subchannels_stop(ctx, nvdev);
	RCU_INIT_POINTER(ctx->nvdev, NULL);
	synchronize_net();
	cancel_work_sync(&nvdev->mcast_work);
	netvsc_rndis_halt(nvdev);
	WRITE_ONCE(nvdev->destroy, true);
	if (!vmbus_channel_rescinded(nvdev->chan[0].channel) &&
	    !wait_event_timeout(nvdev->wait_drain, netvsc_drained(nvdev),
				NETVSC_DRAIN_TIMEOUT))
		netdev_err(ctx->ndev, "host did not complete every packet\n");
	netvsc_dev_down(nvdev);
}

/**
 * netvsc_default_key() - the Toeplitz key a new NIC starts with
 *
 * Return: NDIS_RSS_KEY_SIZE bytes.
 */
const u8 *netvsc_default_key(void)
{
	return netvsc_msft_key;
}
