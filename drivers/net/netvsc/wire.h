/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_netvsc's parsing layer: every NVSP and RNDIS field the host sends
 * is checked by a function here before the driver uses it. Pure code:
 * no state but what the caller passes, every buffer a private copy the
 * host cannot change any more, every length from the caller. It builds
 * in user space too (tests/fuzz/fuzz_netvsc.c) and in the KUnit suite
 * (tests/kunit/netvsc_kunit.c). Each check that fails logs why
 * (rate-limited) and returns -EBADMSG; the caller drops the message and
 * counts it. Documentation/netvsc.rst lists the rules.
 */
#ifndef HV_NETVSC_WIRE_H
#define HV_NETVSC_WIRE_H

#include <hv/proto/nvsp.h>
#include <hv/proto/rndis.h>
#include <hv/xfer.h>

/* Smallest MTU, and largest frame (MTU 65521 + 14): upstream's limits. */
#define NETVSC_MTU_MIN		68
#define NETVSC_FRAME_MAX	65535
#define NETVSC_ETH_HLEN		14

/* Channels of one NIC: the primary and up to 63 sub-channels. */
#define NETVSC_CHANNELS_MAX	64

/*
 * The largest RNDIS control answer or indication copied out of the
 * receive buffer (a friendly name is 512 bytes), and the largest
 * per-packet-info area of a data message (a host sends four or five
 * 16-byte records).
 */
#define NETVSC_RNDIS_CTRL_MAX	4096
#define NETVSC_PPI_MAX		512

/* Largest coalesced (RSC) frame: an IPv4 datagram behind a tagged header. */
#define NETVSC_RSC_FRAME_MAX	(65535 + NETVSC_ETH_HLEN + 4)

/* ------------------------------------------------------------------ */
/* NVSP                                                                */
/* ------------------------------------------------------------------ */

int netvsc_nvsp_check(const void *msg, u32 len, u32 type);
int netvsc_recv_buf_check(const struct nvsp_msg *m, u32 buf_size,
			  u32 *section_size, u32 *section_count);
int netvsc_send_buf_check(const struct nvsp_msg *m, u32 buf_size,
			  u32 *section_size, u32 *section_count);
int netvsc_subchannel_check(const struct nvsp_msg *m, u32 asked,
			    u32 *granted);
int netvsc_send_table_parse(const void *msg, u32 len, u32 nvsp_version,
			    u32 table[NVSP_SEND_TABLE_SIZE]);
int netvsc_vf_assoc_parse(const void *msg, u32 len, u32 *allocated,
			  u32 *serial);
int netvsc_xfer_check(const struct vmbus_xfer_pages *xp, u32 section_size);

/* ------------------------------------------------------------------ */
/* RNDIS data                                                          */
/* ------------------------------------------------------------------ */

/**
 * struct netvsc_rx_layout - where a data message keeps its parts
 * @data_offset: of the frame, from the start of the RNDIS message
 * @data_len: bytes of the frame
 * @ppi_offset: of the per-packet info, from the start of the message
 * @ppi_len: bytes of per-packet info, 0 for none
 */
struct netvsc_rx_layout {
	u32 data_offset;
	u32 data_len;
	u32 ppi_offset;
	u32 ppi_len;
};

/* What the per-packet info said; NETVSC_RX_HAS_* in @present. */
struct netvsc_rx_info {
	u32 present;
	u32 csum;		/* NDIS_RXCSUM_* */
	u32 vlan;		/* NDIS_VLAN_* fields */
	u32 hash;
	u8 pkt_id_flags;	/* RNDIS_PKT_ID_* */
};

#define NETVSC_RX_HAS_CSUM	0x1
#define NETVSC_RX_HAS_VLAN	0x2
#define NETVSC_RX_HAS_HASH	0x4
#define NETVSC_RX_HAS_PKT_ID	0x8

int netvsc_rndis_hdr_check(const struct rndis_hdr *hdr, u32 range_len);
int netvsc_rx_packet_check(const struct rndis_packet_msg *msg,
			   u32 frame_max, struct netvsc_rx_layout *layout);
int netvsc_ppi_parse(const u8 *ppi, u32 len, struct netvsc_rx_info *info);

/**
 * struct netvsc_rsc - a frame being put together from the ranges of one
 *	transfer-page packet (receive segment coalescing)
 * @cnt: fragments so far, 0 when no frame is open
 * @len: their bytes
 * @info: the first fragment's per-packet info, which the frame keeps
 * @off: each fragment's offset in the receive buffer
 * @frag_len: each fragment's bytes
 */
struct netvsc_rsc {
	u32 cnt;
	u32 len;
	struct netvsc_rx_info info;
	u32 off[NVSP_MAX_RANGES_RSC];
	u32 frag_len[NVSP_MAX_RANGES_RSC];
};

/* What to do after netvsc_rsc_add(). */
enum netvsc_rsc_verdict {
	NETVSC_RSC_DELIVER,	/* @cnt fragments make a frame */
	NETVSC_RSC_MORE,	/* wait for the next range */
	NETVSC_RSC_DROP,	/* a broken sequence: frame dropped */
};

enum netvsc_rsc_verdict netvsc_rsc_add(struct netvsc_rsc *rsc,
				       const struct netvsc_rx_info *info,
				       u32 off, u32 len, bool last_range);

/* ------------------------------------------------------------------ */
/* RNDIS control                                                       */
/* ------------------------------------------------------------------ */

int netvsc_rndis_ctrl_check(const void *msg, u32 len, u32 *req_id);
int netvsc_init_complete_parse(const void *msg, u32 len, u32 *max_pkts,
			       u32 *align);
int netvsc_query_complete_parse(const void *msg, u32 len, u32 max_info,
				const void **info, u32 *info_len);
int netvsc_set_complete_parse(const void *msg, u32 len);
int netvsc_indicate_parse(const void *msg, u32 len, u32 *status,
			  u32 *speed_100bps);

/* ------------------------------------------------------------------ */
/* OID answers                                                         */
/* ------------------------------------------------------------------ */

/**
 * struct netvsc_offloads - what the host's offload capabilities allow
 * @csum: NETVSC_CSUM_* the host computes on transmit
 * @tso4: LSO v2 for TCP over IPv4
 * @tso6: LSO v2 for TCP over IPv6
 * @lro: the host coalesces received TCP segments (RSC) for both IPs
 * @gso_max: largest LSO packet, bytes
 * @params: the OID_TCP_OFFLOAD_PARAMETERS to set
 * @params_len: bytes of @params to send (by NVSP version)
 */
struct netvsc_offloads {
	u32 csum;
	bool tso4;
	bool tso6;
	bool lro;
	u32 gso_max;
	struct ndis_offload_params params;
	u32 params_len;
};

#define NETVSC_CSUM_TCP4	0x1
#define NETVSC_CSUM_UDP4	0x2
#define NETVSC_CSUM_TCP6	0x4
#define NETVSC_CSUM_UDP6	0x8

/* Smallest LSO size a host may announce for LSO to be used at all. */
#define NETVSC_GSO_MIN		4096

void netvsc_hwcaps_query(u32 nvsp_version, struct ndis_object_header *hdr);
int netvsc_hwcaps_check(const struct ndis_offload *caps, u32 len);
/* Host offloads the guest's features switch (ethtool -K lro, rx). */
#define NETVSC_PARAM_RSC	0x1
#define NETVSC_PARAM_RXCSUM	0x2

void netvsc_offloads_plan(const struct ndis_offload *caps, u32 nvsp_version,
			  u32 wanted, struct netvsc_offloads *plan);
void netvsc_feature_params(u32 nvsp_version, u32 csum, u32 change, u32 on,
			   struct ndis_offload_params *params, u32 *len);
void netvsc_rss_caps_query(struct ndis_object_header *hdr);
int netvsc_rss_caps_parse(const struct ndis_rss_caps *caps, u32 len,
			  u32 *queues, u32 *table_size);
u32 netvsc_channels_max(u32 host_queues, u32 cpus);
size_t netvsc_ucs2_to_utf8(const u8 *in, u32 len, char *out, size_t size);

#endif /* HV_NETVSC_WIRE_H */
