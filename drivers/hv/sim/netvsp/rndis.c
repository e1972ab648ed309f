// SPDX-License-Identifier: GPL-2.0
/*
 * netvsp's RNDIS control path: INIT, QUERY, SET, HALT, RESET and
 * KEEPALIVE from the guest (SEND_RNDIS_PKT with the control channel
 * type), answered in a receive-buffer section by a transfer-page packet,
 * and the host's status indications. Answers need one of the sections
 * kept for control; requests wait in a short queue for one, as in
 * OpenVMM's host (netvsp lib.rs handle_rndis_message(),
 * process_control_messages()). The OIDs and their values follow OpenVMM's
 * handle_oid_query()/handle_oid_set() and what Linux asks for (Debian
 * linux-source-6.12 rndis_filter.c).
 */
#include <linux/ctype.h>
#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "../host.h"
#include "../gpa.h"
#include "netvsp.h"
#include "wire.h"

/* Offloads the host can do: everything it emulates (data.c). */
#define NVS_OFF_SUPPORTED	(NVS_OFF_TX_TCP4 | NVS_OFF_TX_TCP6 | NVS_OFF_TX_UDP4 | \
				 NVS_OFF_TX_UDP6 | NVS_OFF_RX_TCP4 | NVS_OFF_RX_TCP6 | \
				 NVS_OFF_RX_UDP4 | NVS_OFF_RX_UDP6 | NVS_OFF_LSO4 | \
				 NVS_OFF_LSO6 | NVS_OFF_TX_IP4 | NVS_OFF_RX_IP4 | \
				 NVS_OFF_RSC4 | NVS_OFF_RSC6)

void nvs_rndis_reset(struct nvs_nic *nic)
{
	nic->rndis = NVS_RNDIS_UNINIT;
	nic->filter = 0;
	nic->offloads = 0;
	memset(&nic->rss, 0, sizeof(nic->rss));
	nic->ctrlq_head = 0;
	nic->ctrlq_count = 0;
	nic->pending_count = 0;
	memcpy(nic->cur_mac, nic->mac, ETH_ALEN);
}

static u32 nvs_supported(const struct nvs_nic *nic)
{
	u32 s = NVS_OFF_SUPPORTED;

	if (!nvs_rsc_offered() || nic->ndis_version < NDIS_VERSION_6_30)
		s &= ~(NVS_OFF_RSC4 | NVS_OFF_RSC6);
	return s;
}

/* ---- answers ---------------------------------------------------------- */

/*
 * Put an RNDIS message (header, @body, @extra) in a control section and
 * send it. The caller made sure a control section is free.
 */
static void nvs_ctrl_send(struct nvs_nic *nic, u32 type, const void *body,
			  u32 body_len, const void *extra, u32 extra_len)
{
	struct rndis_hdr hdr = {
		.type = type,
		.len = sizeof(hdr) + body_len + extra_len,
	};
	u32 sec, len = hdr.len;
	u8 *dst;

	if (nvs_rx_alloc(nic, true, &sec))
		return;
	dst = nic->rbuf + (size_t)sec * nic->rsec_size;
	memcpy(dst, &hdr, sizeof(hdr));
	memcpy(dst + sizeof(hdr), body, body_len);
	memcpy(dst + sizeof(hdr) + body_len, extra, extra_len);
	if (nvs_send_xfer(nic->q[0], NVSP_CHANNEL_CONTROL, &sec, &len, 1))
		nvs_rx_free_chain(nic, sec);
}

/* ---- OIDs ---------------------------------------------------------------- */

static void nvs_offload_obj(const struct nvs_nic *nic, u32 on,
			    struct ndis_offload *o)
{
	const u32 tcp = NDIS_CSUM_CAP_TCP_OPTIONS | NDIS_CSUM_CAP_TCP;

	memset(o, 0, sizeof(*o));
	o->header.type = NDIS_OBJ_TYPE_OFFLOAD;
	if (nic->ndis_version >= NDIS_VERSION_6_30) {
		o->header.revision = 3;
		o->header.size = NDIS_OFFLOAD_SIZE_REV3;
	} else if (nic->ndis_version >= NDIS_VERSION_6_1) {
		o->header.revision = 2;
		o->header.size = NDIS_OFFLOAD_SIZE_REV2;
	} else {
		o->header.revision = 1;
		o->header.size = NDIS_OFFLOAD_SIZE_REV1;
	}
	o->csum.ip4_tx_encap = NDIS_ENCAP_IEEE_802_3;
	o->csum.ip4_rx_encap = NDIS_ENCAP_IEEE_802_3;
	o->csum.ip6_tx_encap = NDIS_ENCAP_IEEE_802_3;
	o->csum.ip6_rx_encap = NDIS_ENCAP_IEEE_802_3;
	if (on & (NVS_OFF_TX_TCP4 | NVS_OFF_TX_UDP4 | NVS_OFF_TX_IP4))
		o->csum.ip4_tx |= NDIS_CSUM_CAP_IP4_OPTIONS;
	if (on & NVS_OFF_TX_TCP4)
		o->csum.ip4_tx |= tcp;
	if (on & NVS_OFF_TX_UDP4)
		o->csum.ip4_tx |= NDIS_CSUM_CAP_UDP;
	if (on & NVS_OFF_TX_IP4)
		o->csum.ip4_tx |= NDIS_CSUM_CAP_IP4;
	if (on & (NVS_OFF_RX_TCP4 | NVS_OFF_RX_UDP4 | NVS_OFF_RX_IP4))
		o->csum.ip4_rx |= NDIS_CSUM_CAP_IP4_OPTIONS;
	if (on & NVS_OFF_RX_TCP4)
		o->csum.ip4_rx |= tcp;
	if (on & NVS_OFF_RX_UDP4)
		o->csum.ip4_rx |= NDIS_CSUM_CAP_UDP;
	if (on & NVS_OFF_RX_IP4)
		o->csum.ip4_rx |= NDIS_CSUM_CAP_IP4;
	if (on & (NVS_OFF_TX_TCP6 | NVS_OFF_TX_UDP6))
		o->csum.ip6_tx |= NDIS_CSUM_CAP_IP6_EXT;
	if (on & NVS_OFF_TX_TCP6)
		o->csum.ip6_tx |= tcp;
	if (on & NVS_OFF_TX_UDP6)
		o->csum.ip6_tx |= NDIS_CSUM_CAP_UDP;
	if (on & (NVS_OFF_RX_TCP6 | NVS_OFF_RX_UDP6))
		o->csum.ip6_rx |= NDIS_CSUM_CAP_IP6_EXT;
	if (on & NVS_OFF_RX_TCP6)
		o->csum.ip6_rx |= tcp;
	if (on & NVS_OFF_RX_UDP6)
		o->csum.ip6_rx |= NDIS_CSUM_CAP_UDP;
	if (on & NVS_OFF_LSO4) {
		o->lsov2.ip4_encap = NDIS_ENCAP_IEEE_802_3;
		o->lsov2.ip4_max_size = NDIS_LSO_MAX_SIZE;
		o->lsov2.ip4_min_segs = NDIS_LSO_MIN_SEGS;
	}
	if (on & NVS_OFF_LSO6) {
		o->lsov2.ip6_encap = NDIS_ENCAP_IEEE_802_3;
		o->lsov2.ip6_max_size = NDIS_LSO_MAX_SIZE;
		o->lsov2.ip6_min_segs = NDIS_LSO_MIN_SEGS;
		o->lsov2.ip6_opts = NDIS_LSOV2_IP6_EXT |
				    NDIS_LSOV2_IP6_TCP_OPTIONS;
	}
	if (o->header.revision >= 3) {
		o->rsc_ip4 = !!(on & NVS_OFF_RSC4);
		o->rsc_ip6 = !!(on & NVS_OFF_RSC6);
	}
}

static u32 nvs_put32(u8 *out, u32 v)
{
	memcpy(out, &v, sizeof(v));
	return sizeof(v);
}

/* The answer to a QUERY of @oid in @out; its length, or an error status. */
static u32 nvs_oid_query(struct nvs_nic *nic, u32 oid, u8 *out, u32 *len)
{
	struct ndis_offload o;
	const char *name;
	u32 i;

	switch (oid) {
	case RNDIS_OID_GEN_HARDWARE_STATUS:
	case RNDIS_OID_GEN_MEDIA_SUPPORTED:
	case RNDIS_OID_GEN_MEDIA_IN_USE:
	case RNDIS_OID_802_3_MAXIMUM_LIST_SIZE:
		*len = nvs_put32(out, 0);	/* ready, 802.3, no list */
		break;
	case RNDIS_OID_GEN_MAXIMUM_LOOKAHEAD:
	case RNDIS_OID_GEN_CURRENT_LOOKAHEAD:
	case RNDIS_OID_GEN_MAXIMUM_FRAME_SIZE:
		*len = nvs_put32(out, nic->frame - ETH_HLEN);
		break;
	case RNDIS_OID_GEN_MAXIMUM_TOTAL_SIZE:
	case RNDIS_OID_GEN_TRANSMIT_BLOCK_SIZE:
	case RNDIS_OID_GEN_RECEIVE_BLOCK_SIZE:
		*len = nvs_put32(out, nic->frame);
		break;
	case RNDIS_OID_GEN_LINK_SPEED:
		/* In units of 100 bit/s. */
		*len = nvs_put32(out, nvs_link_speed() * 10000);
		break;
	case RNDIS_OID_GEN_TRANSMIT_BUFFER_SPACE:
	case RNDIS_OID_GEN_RECEIVE_BUFFER_SPACE:
		*len = nvs_put32(out, 256 * 1024);
		break;
	case RNDIS_OID_GEN_VENDOR_ID:
		*len = nvs_put32(out, 0x0000155d);
		break;
	case RNDIS_OID_GEN_VENDOR_DESCRIPTION:
		*len = strlen("Microsoft Corporation");
		memcpy(out, "Microsoft Corporation", *len);
		break;
	case RNDIS_OID_GEN_VENDOR_DRIVER_VERSION:
	case RNDIS_OID_GEN_DRIVER_VERSION:
		*len = 2;
		out[0] = 0;
		out[1] = 1;
		break;
	case RNDIS_OID_GEN_CURRENT_PACKET_FILTER:
		*len = nvs_put32(out, nic->filter);
		break;
	case RNDIS_OID_GEN_MAC_OPTIONS:
		*len = nvs_put32(out, 0x1 | 0x4 | 0x8 | 0x40 | 0x200);
		break;
	case RNDIS_OID_GEN_MEDIA_CONNECT_STATUS:
		*len = nvs_put32(out, nic->link_up ? RNDIS_MEDIA_CONNECTED :
					RNDIS_MEDIA_DISCONNECTED);
		nic->guest_link_up = nic->link_up;
		break;
	case RNDIS_OID_GEN_MAXIMUM_SEND_PACKETS:
		*len = nvs_put32(out, U32_MAX);
		break;
	case RNDIS_OID_GEN_FRIENDLY_NAME:
		name = nvs_friendly_name();
		/* UTF-16LE of an ASCII module parameter, zero-filled. */
		memset(out, 0, RNDIS_FRIENDLY_NAME_CHARS * 2);
		for (i = 0; i + 1 < RNDIS_FRIENDLY_NAME_CHARS && name[i]; i++)
			out[2 * i] = name[i];
		*len = RNDIS_FRIENDLY_NAME_CHARS * 2;
		break;
	case RNDIS_OID_802_3_PERMANENT_ADDRESS:
		memcpy(out, nic->mac, ETH_ALEN);
		*len = ETH_ALEN;
		break;
	case RNDIS_OID_802_3_CURRENT_ADDRESS:
		memcpy(out, nic->cur_mac, ETH_ALEN);
		*len = ETH_ALEN;
		break;
	case RNDIS_OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES:
	case RNDIS_OID_TCP_OFFLOAD_CURRENT_CONFIG:
		nvs_offload_obj(nic, oid == RNDIS_OID_TCP_OFFLOAD_CURRENT_CONFIG ?
				nic->offloads : nvs_supported(nic), &o);
		memcpy(out, &o, o.header.size);
		*len = o.header.size;
		break;
	case RNDIS_OID_GEN_RECEIVE_SCALE_CAPABILITIES: {
		struct ndis_rss_caps c = {
			.header.type = NDIS_OBJ_TYPE_RSS_CAPABILITIES,
			.header.revision = NDIS_RSS_CAPS_REV2,
			.header.size = sizeof(c),
			.cap_flags = NDIS_RSS_CAPS_HASH_TCP_IPV4 |
				     NDIS_RSS_CAPS_HASH_TCP_IPV6 |
				     NDIS_HASH_FUNC_TOEPLITZ,
			.num_int_msg = 1,
			.num_recv_que = nvs_max_queues(),
			.num_indirect_tabent = nvs_itab_size(),
		};

		if (nic->ndis_version < NDIS_VERSION_6_30)
			return RNDIS_STATUS_NOT_SUPPORTED;
		memcpy(out, &c, sizeof(c));
		*len = sizeof(c);
		break;
	}
	default:
		pr_info_ratelimited("netvsp%u: query of unknown OID %#x\n",
				    nic->index, oid);
		return RNDIS_STATUS_NOT_SUPPORTED;
	}
	return RNDIS_STATUS_SUCCESS;
}

/* NO_CHANGE, off, tx only, rx only, both: the bits @tx and @rx. */
static void nvs_csum_param(u32 *on, u8 v, u32 tx, u32 rx)
{
	switch (v) {
	case NDIS_OFFLOAD_PARAM_TX_RX_OFF:
		*on &= ~(tx | rx);
		break;
	case NDIS_OFFLOAD_PARAM_TX_ON_RX_OFF:
		*on = (*on | tx) & ~rx;
		break;
	case NDIS_OFFLOAD_PARAM_RX_ON_TX_OFF:
		*on = (*on | rx) & ~tx;
		break;
	case NDIS_OFFLOAD_PARAM_TX_RX_ON:
		*on |= tx | rx;
		break;
	}
}

static void nvs_simple_param(u32 *on, u8 v, u32 bit)
{
	if (v == NDIS_OFFLOAD_PARAM_OFF)
		*on &= ~bit;
	else if (v == NDIS_OFFLOAD_PARAM_ON)
		*on |= bit;
}

/* OID_TCP_OFFLOAD_PARAMETERS, checked as OpenVMM's read_ndis_object(). */
static u32 nvs_set_offloads(struct nvs_nic *nic, const u8 *buf, u32 len)
{
	struct ndis_offload_params p = {};
	u32 on = nic->offloads;

	memcpy(&p, buf, min_t(u32, len, sizeof(p)));
	if (len < NDIS_OFFLOAD_PARAMS_SIZE_REV1 ||
	    p.header.type != NDIS_OBJ_TYPE_DEFAULT || !p.header.revision ||
	    p.header.size > len || p.header.size < NDIS_OFFLOAD_PARAMS_SIZE_REV1)
		return RNDIS_STATUS_INVALID_DATA;
	if (p.lsov1 == NDIS_OFFLOAD_PARAM_ON)
		return RNDIS_STATUS_NOT_SUPPORTED;
	nvs_csum_param(&on, p.ip4_csum, NVS_OFF_TX_IP4, NVS_OFF_RX_IP4);
	nvs_csum_param(&on, p.tcp4_csum, NVS_OFF_TX_TCP4, NVS_OFF_RX_TCP4);
	nvs_csum_param(&on, p.udp4_csum, NVS_OFF_TX_UDP4, NVS_OFF_RX_UDP4);
	nvs_csum_param(&on, p.tcp6_csum, NVS_OFF_TX_TCP6, NVS_OFF_RX_TCP6);
	nvs_csum_param(&on, p.udp6_csum, NVS_OFF_TX_UDP6, NVS_OFF_RX_UDP6);
	nvs_simple_param(&on, p.lsov2_ip4, NVS_OFF_LSO4);
	nvs_simple_param(&on, p.lsov2_ip6, NVS_OFF_LSO6);
	if (p.header.revision >= 3 &&
	    p.header.size >= NDIS_OFFLOAD_PARAMS_SIZE_REV3) {
		nvs_simple_param(&on, p.rsc_ip4, NVS_OFF_RSC4);
		nvs_simple_param(&on, p.rsc_ip6, NVS_OFF_RSC6);
	}
	nic->offloads = on & nvs_supported(nic);
	return RNDIS_STATUS_SUCCESS;
}

static u32 nvs_set_rss(struct nvs_nic *nic, const u8 *buf, u32 len)
{
	struct nvs_rss_conf c;
	const char *why;

	if (nic->ndis_version < NDIS_VERSION_6_30)
		return RNDIS_STATUS_NOT_SUPPORTED;
	why = nvs_parse_rss(buf, len, nvs_max_queues(),
			    clamp_t(u32, nvs_itab_size(), 1, 256), &c);
	if (why) {
		nvs_bad(nic, "RSS parameters refused: %s\n", why);
		return RNDIS_STATUS_INVALID_DATA;
	}
	nic->rss.enabled = c.enabled;
	nic->rss.hash_info = c.hash_info;
	nic->rss.table_size = c.entries;
	memcpy(nic->rss.key, c.key, sizeof(c.key));
	memcpy(nic->rss.table, c.table, sizeof(c.table));
	return RNDIS_STATUS_SUCCESS;
}

/* A UTF-16LE string of the config parameter as ASCII; false if not. */
static bool nvs_utf16(const u8 *buf, u32 len, u32 off, u32 n, char *out,
		      u32 room)
{
	u32 i;

	if (n % 2 || n / 2 >= room || off > len || n > len - off)
		return false;
	for (i = 0; i < n / 2; i++) {
		if (buf[off + 2 * i + 1] || !isprint(buf[off + 2 * i]))
			return false;
		out[i] = buf[off + 2 * i];
	}
	out[i] = '\0';
	return true;
}

/* 12 hex digits as an Ethernet address. */
static bool nvs_parse_mac(const char *hex, u8 *mac)
{
	char pair[3] = {};
	u32 i;

	if (strlen(hex) != 2 * ETH_ALEN)
		return false;
	for (i = 0; i < ETH_ALEN; i++) {
		memcpy(pair, hex + 2 * i, 2);
		if (kstrtou8(pair, 16, &mac[i]))
			return false;
	}
	return true;
}

/* RNDIS_CONFIG_PARAMETER: "NetworkAddress" changes the MAC address. */
static u32 nvs_set_config_param(struct nvs_nic *nic, const u8 *buf, u32 len)
{
	struct rndis_config_param p;
	char name[64], value[64];
	u8 mac[ETH_ALEN];

	if (len < sizeof(p))
		return RNDIS_STATUS_INVALID_LENGTH;
	memcpy(&p, buf, sizeof(p));
	if (!nvs_utf16(buf, len, p.name_offset, p.name_len, name, sizeof(name)))
		return RNDIS_STATUS_INVALID_DATA;
	if (strcmp(name, "NetworkAddress"))
		return RNDIS_STATUS_SUCCESS;
	if (p.type != RNDIS_CONFIG_PARAM_STRING ||
	    !nvs_utf16(buf, len, p.value_offset, p.value_len, value,
		       sizeof(value)) ||
	    !nvs_parse_mac(value, mac) || !is_valid_ether_addr(mac))
		return RNDIS_STATUS_INVALID_DATA;
	memcpy(nic->cur_mac, mac, ETH_ALEN);
	return RNDIS_STATUS_SUCCESS;
}

static u32 nvs_oid_set(struct nvs_nic *nic, u32 oid, const u8 *buf, u32 len)
{
	switch (oid) {
	case RNDIS_OID_GEN_CURRENT_PACKET_FILTER:
		if (len < sizeof(u32))
			return RNDIS_STATUS_INVALID_LENGTH;
		memcpy(&nic->filter, buf, sizeof(u32));
		return RNDIS_STATUS_SUCCESS;
	case RNDIS_OID_TCP_OFFLOAD_PARAMETERS:
		return nvs_set_offloads(nic, buf, len);
	case RNDIS_OID_GEN_RECEIVE_SCALE_PARAMETERS:
		return nvs_set_rss(nic, buf, len);
	case RNDIS_OID_GEN_RNDIS_CONFIG_PARAMETER:
		return nvs_set_config_param(nic, buf, len);
	case RNDIS_OID_OFFLOAD_ENCAPSULATION:
	case RNDIS_OID_GEN_NETWORK_LAYER_ADDRESSES:
	case RNDIS_OID_802_3_MULTICAST_LIST:
		return RNDIS_STATUS_SUCCESS;
	}
	pr_info_ratelimited("netvsp%u: set of unknown OID %#x\n", nic->index,
			    oid);
	return RNDIS_STATUS_NOT_SUPPORTED;
}

/* ---- requests -------------------------------------------------------------- */

/*
 * The information buffer of a QUERY or SET: at info_buf_offset from the
 * body's start, inside the message; an empty one may name any offset.
 */
static const u8 *nvs_info_buf(const u8 *body, u32 body_len,
			      const struct rndis_query *r)
{
	if (!r->info_buflen)
		return body;
	if (r->info_buf_offset < sizeof(*r) || r->info_buf_offset > body_len ||
	    r->info_buflen > body_len - r->info_buf_offset)
		return NULL;
	return body + r->info_buf_offset;
}

static void nvs_init_request(struct nvs_nic *nic, const struct rndis_init *r)
{
	struct rndis_init_c c = {
		.req_id = r->req_id,
		.status = RNDIS_STATUS_SUCCESS,
		.major = RNDIS_MAJOR_VERSION,
		.minor = RNDIS_MINOR_VERSION,
		.dev_flags = RNDIS_DF_CONNECTIONLESS,
		.medium = RNDIS_MEDIUM_802_3,
		.max_pkt_per_msg = 8,
		.max_xfer_size = 0xefffffff,
		.pkt_align_factor = 3,
	};

	if (nic->rndis != NVS_RNDIS_UNINIT) {
		nic->stats.out_of_order++;
		c.status = RNDIS_STATUS_FAILURE;
	} else {
		nic->rndis = NVS_RNDIS_READY;
	}
	nvs_ctrl_send(nic, RNDIS_MSG_INIT_C, &c, sizeof(c), NULL, 0);
}

/* One control request, its header checked; a control section is free. */
static void nvs_ctrl_request(struct nvs_nic *nic, const u8 *msg, u32 len)
{
	const u8 *body = msg + sizeof(struct rndis_hdr), *info;
	u32 body_len = len - sizeof(struct rndis_hdr), status, out_len = 0;
	struct rndis_hdr hdr;
	struct rndis_query r;
	u8 *out = nic->answer;

	memcpy(&hdr, msg, sizeof(hdr));
	memset(&r, 0, sizeof(r));
	memcpy(&r, body, min_t(u32, body_len, sizeof(r)));
	nic->stats.ctrl_requests++;
	switch (hdr.type) {
	case RNDIS_MSG_INIT:
		if (body_len < sizeof(struct rndis_init))
			break;
		nvs_init_request(nic, (const void *)&r);
		return;
	case RNDIS_MSG_HALT:
		nic->rndis = NVS_RNDIS_HALTED;
		return;
	case RNDIS_MSG_KEEPALIVE: {
		struct rndis_keepalive_c c = { .req_id = r.req_id };

		nvs_ctrl_send(nic, RNDIS_MSG_KEEPALIVE_C, &c, sizeof(c), NULL, 0);
		return;
	}
	case RNDIS_MSG_RESET: {
		struct rndis_reset_c c = { .status = RNDIS_STATUS_NOT_SUPPORTED };

		nvs_ctrl_send(nic, RNDIS_MSG_RESET_C, &c, sizeof(c), NULL, 0);
		return;
	}
	case RNDIS_MSG_QUERY:
	case RNDIS_MSG_SET:
		if (body_len < sizeof(r))
			break;
		info = nvs_info_buf(body, body_len, &r);
		if (!info) {
			status = RNDIS_STATUS_INVALID_LENGTH;
			nvs_bad(nic, "OID %#x: information buffer outside the message\n",
				r.oid);
		} else if (nic->rndis != NVS_RNDIS_READY) {
			status = RNDIS_STATUS_FAILURE;
			nic->stats.out_of_order++;
		} else if (hdr.type == RNDIS_MSG_QUERY) {
			status = nvs_oid_query(nic, r.oid, out, &out_len);
		} else {
			status = nvs_oid_set(nic, r.oid, info, r.info_buflen);
		}
		if (hdr.type == RNDIS_MSG_QUERY) {
			struct rndis_query_c c = {
				.req_id = r.req_id,
				.status = status,
				.info_buflen = status ? 0 : out_len,
				.info_buf_offset = sizeof(c),
			};

			nvs_ctrl_send(nic, RNDIS_MSG_QUERY_C, &c, sizeof(c), out,
				      c.info_buflen);
		} else {
			struct rndis_set_c c = {
				.req_id = r.req_id,
				.status = status,
			};

			nvs_ctrl_send(nic, RNDIS_MSG_SET_C, &c, sizeof(c), NULL, 0);
		}
		return;
	}
	nvs_bad(nic, "RNDIS control message %#x of %u bytes refused\n",
		hdr.type, len);
}

/**
 * nvs_rndis_request() - take a control message from the guest
 * @nic: the NIC, ready
 * @src: the message, in a send section or the guest's pages
 *
 * The message is copied into the request queue and answered as soon as
 * a control section is free.
 *
 * Return: the NVSP status of the guest's SEND_RNDIS_PKT.
 */
u32 nvs_rndis_request(struct nvs_nic *nic, const struct nvs_src *src)
{
	struct nvs_ctrl_req *req;
	struct rndis_hdr hdr;

	if (src->len < sizeof(hdr) || src->len > NVS_CTRL_MAX) {
		nvs_bad(nic, "control message of %u bytes\n", src->len);
		return NVSP_STATUS_INVALID_RNDIS_PKT;
	}
	if (nic->ctrlq_count == NVS_CTRL_QUEUE) {
		nvs_bad(nic, "more than %u control messages waiting\n",
			NVS_CTRL_QUEUE);
		return NVSP_STATUS_BUSY;
	}
	req = &nic->ctrlq[(nic->ctrlq_head + nic->ctrlq_count) % NVS_CTRL_QUEUE];
	nvs_src_copy(src, 0, req->data, src->len);
	memcpy(&hdr, req->data, sizeof(hdr));
	if (hdr.len < sizeof(hdr) || hdr.len > src->len) {
		nvs_bad(nic, "control message length %u in %u bytes\n", hdr.len,
			src->len);
		return NVSP_STATUS_INVALID_RNDIS_PKT;
	}
	req->len = hdr.len;
	nic->ctrlq_count++;
	if (nic->ctrlq_count > 1 || !nic->rfree_ctrl)
		nic->stats.ctrl_queued++;
	nvs_rndis_drain(nic);
	return NVSP_STATUS_SUCCESS;
}

static void nvs_send_indication(struct nvs_nic *nic, u32 status)
{
	struct rndis_indicate ind = { .status = status };
	u32 speed = nvs_link_speed() * 10000;

	nic->stats.indications++;
	if (status == RNDIS_STATUS_LINK_SPEED_CHANGE) {
		ind.status_buflen = sizeof(speed);
		ind.status_buf_offset = sizeof(ind);
		nvs_ctrl_send(nic, RNDIS_MSG_INDICATE, &ind, sizeof(ind), &speed,
			      sizeof(speed));
		return;
	}
	nvs_ctrl_send(nic, RNDIS_MSG_INDICATE, &ind, sizeof(ind), NULL, 0);
}

/**
 * nvs_rndis_drain() - answer waiting requests and send waiting
 *	indications while control sections are free
 * @nic: the NIC
 */
void nvs_rndis_drain(struct nvs_nic *nic)
{
	struct nvs_ctrl_req *req;

	while (nic->q[0] && !nic->q[0]->ch->held_len && nic->rfree_ctrl) {
		if (nic->ctrlq_count) {
			req = &nic->ctrlq[nic->ctrlq_head];
			nic->ctrlq_head = (nic->ctrlq_head + 1) % NVS_CTRL_QUEUE;
			nic->ctrlq_count--;
			nvs_ctrl_request(nic, req->data, req->len);
		} else if (nic->pending_count) {
			nvs_send_indication(nic, nic->pending_status[0]);
			nic->pending_count--;
			memmove(nic->pending_status, nic->pending_status + 1,
				nic->pending_count * sizeof(u32));
		} else {
			break;
		}
	}
}

/**
 * nvs_indicate() - send the guest a status indication
 * @nic: the NIC
 * @status: RNDIS_STATUS_MEDIA_CONNECT, _MEDIA_DISCONNECT, _NETWORK_CHANGE
 *	or _LINK_SPEED_CHANGE
 *
 * Only to an initialized RNDIS device; it waits for a free control
 * section, behind the requests. Return: 0, or -EAGAIN when the guest has
 * no RNDIS device to tell.
 */
int nvs_indicate(struct nvs_nic *nic, u32 status)
{
	if (!nic->q[0] || nic->rndis != NVS_RNDIS_READY)
		return -EAGAIN;
	if (nic->pending_count == ARRAY_SIZE(nic->pending_status))
		return -EBUSY;
	nic->pending_status[nic->pending_count++] = status;
	if (status == RNDIS_STATUS_MEDIA_CONNECT)
		nic->guest_link_up = true;
	else if (status == RNDIS_STATUS_MEDIA_DISCONNECT)
		nic->guest_link_up = false;
	nvs_rndis_drain(nic);
	sim_chan_notify(nic->h, nic->q[0]->ch);
	return 0;
}
