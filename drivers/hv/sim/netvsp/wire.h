/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netvsp's pure helpers: checks of what the guest sends (RNDIS packet
 * messages, their per-packet information, RSS parameters) and the RSS
 * hash. No host state, every length from the caller, so that
 * tests/kunit/sim_netvsp_kunit.c drives them directly.
 */
#ifndef HV_SIM_NETVSP_WIRE_H
#define HV_SIM_NETVSP_WIRE_H

#include "proto.h"

/* Offload requests found in a guest packet's PPI. */
struct nvs_tx_meta {
	bool csum;
	bool lso;
	bool vlan;
	u32 csum_info;
	u32 lso_info;
	u32 vlan_info;
};

/* Where a PACKET message's frame and PPI lie, from the message start. */
struct nvs_pkt_layout {
	u32 data_off;
	u32 data_len;
	u32 ppi_off;
	u32 ppi_len;
};

const char *nvs_check_packet(u32 msg_len, const struct rndis_packet *p,
			     struct nvs_pkt_layout *l);
const char *nvs_parse_ppi(const u8 *ppi, u32 len, struct nvs_tx_meta *m);

/* RSS: the guest's parameters, validated and expanded. */
struct nvs_rss_conf {
	bool enabled;
	u32 hash_info;
	u8 key[NDIS_RSS_KEY_SIZE];
	u32 entries;		/* as many as the host's table */
	u16 table[256];
};

const char *nvs_parse_rss(const u8 *buf, u32 len, u32 max_queues,
			  u32 host_entries, struct nvs_rss_conf *c);

/* The hash input of a frame: up to 36 bytes (IPv6 addresses and ports). */
#define NVS_RSS_INPUT_MAX	36
u32 nvs_rss_input(const u8 *frame, u32 len, u32 hash_info, u8 *in);
u32 nvs_toeplitz(const u8 *key, const u8 *in, u32 n);

#endif /* HV_SIM_NETVSP_WIRE_H */
