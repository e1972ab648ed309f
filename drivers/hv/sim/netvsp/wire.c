// SPDX-License-Identifier: GPL-2.0
/*
 * netvsp's pure helpers (wire.h): what the guest sends is untrusted, so
 * every offset and length is checked against the message it came in
 * before the host uses it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "wire.h"

/**
 * nvs_check_packet() - check a PACKET message's offsets
 * @msg_len: the RNDIS header's length field, already known to fit the
 *	buffer the message came in and to hold the header and @p
 * @p: the packet body, copied
 * @l: where frame and PPI lie, from the start of the RNDIS header
 *
 * Offsets in @p count from the start of the body. Out-of-band data and VC
 * handles are refused, as OpenVMM's host does (netvsp lib.rs
 * handle_rndis_packet_message(): UnsupportedRndisBehavior); so is an
 * empty frame.
 *
 * Return: NULL, or why the packet is refused.
 */
const char *nvs_check_packet(u32 msg_len, const struct rndis_packet *p,
			     struct nvs_pkt_layout *l)
{
	u32 body = msg_len - sizeof(struct rndis_hdr);

	if (p->num_oob_data_elements || p->oob_data_len ||
	    p->oob_data_offset || p->vc_handle)
		return "out-of-band data or a VC handle";
	if (!p->data_len || p->data_offset > body ||
	    p->data_len > body - p->data_offset)
		return "frame outside the message";
	if (p->data_offset < sizeof(*p))
		return "frame overlaps the packet header";
	if (p->per_pkt_info_len &&
	    (p->per_pkt_info_offset < sizeof(*p) ||
	     p->per_pkt_info_offset > body ||
	     p->per_pkt_info_len > body - p->per_pkt_info_offset))
		return "per-packet info outside the message";
	l->data_off = sizeof(struct rndis_hdr) + p->data_offset;
	l->data_len = p->data_len;
	l->ppi_off = sizeof(struct rndis_hdr) + p->per_pkt_info_offset;
	l->ppi_len = p->per_pkt_info_len;
	return NULL;
}

/**
 * nvs_parse_ppi() - read the offload requests of a guest packet
 * @ppi: the packet's PPI records, copied
 * @len: their total length
 * @m: what they ask for
 *
 * Each record must be at least a record header long, fit what is left,
 * and hold its 4-byte value inside itself. Unknown types are skipped, as
 * OpenVMM's host does.
 *
 * Return: NULL, or why the packet is refused.
 */
const char *nvs_parse_ppi(const u8 *ppi, u32 len, struct nvs_tx_meta *m)
{
	struct rndis_ppi r;
	u32 val;

	memset(m, 0, sizeof(*m));
	while (len) {
		if (len < sizeof(r))
			return "PPI record header cut short";
		memcpy(&r, ppi, sizeof(r));
		if (r.size < sizeof(r) || r.size > len)
			return "PPI record size out of bounds";
		if (r.ppi_offset < sizeof(r) || r.ppi_offset > r.size ||
		    r.size - r.ppi_offset < sizeof(val))
			return "PPI value outside its record";
		memcpy(&val, ppi + r.ppi_offset, sizeof(val));
		switch (r.type) {
		case RNDIS_PPI_CHECKSUM:
			m->csum = true;
			m->csum_info = val;
			break;
		case RNDIS_PPI_LSO:
			m->lso = true;
			m->lso_info = val;
			break;
		case RNDIS_PPI_VLAN:
			m->vlan = true;
			m->vlan_info = val;
			break;
		}
		ppi += r.size;
		len -= r.size;
	}
	return NULL;
}

/**
 * nvs_parse_rss() - check and expand OID_GEN_RECEIVE_SCALE_PARAMETERS
 * @buf: the SET's information buffer, copied
 * @len: its length
 * @max_queues: queues the host offers; table entries must be below
 * @host_entries: the host's table size (1-256)
 * @c: the result
 *
 * After OpenVMM's host (netvsp lib.rs oid_set_rss_parameters()): the
 * object header is not checked (nor by Hyper-V, it says); the disable
 * flag or a zero hash function turns RSS off; otherwise the key must be
 * 40 bytes and the table a non-zero multiple of 4 bytes, both inside the
 * buffer; a shorter table is repeated to the host's size, a longer one
 * cut.
 *
 * Return: NULL, or why the parameters are refused.
 */
const char *nvs_parse_rss(const u8 *buf, u32 len, u32 max_queues,
			  u32 host_entries, struct nvs_rss_conf *c)
{
	struct ndis_rss_params p = {};
	u32 i, n, e;

	memset(c, 0, sizeof(*c));
	if (len < offsetof(struct ndis_rss_params, proc_masks_offset))
		return "parameters cut short";
	memcpy(&p, buf, min_t(u32, len, sizeof(p)));
	if ((p.flags & NDIS_RSS_PARAM_FLAG_DISABLE) ||
	    !(p.hash_info & NDIS_HASH_FUNC_MASK))
		return NULL;
	if ((p.hash_info & NDIS_HASH_FUNC_MASK) != NDIS_HASH_FUNC_TOEPLITZ)
		return "hash function is not Toeplitz";
	if (p.key_size != NDIS_RSS_KEY_SIZE || p.key_offset > len ||
	    len - p.key_offset < NDIS_RSS_KEY_SIZE)
		return "key size or offset out of bounds";
	if (!p.table_size || p.table_size % sizeof(u32) ||
	    p.table_offset > len || len - p.table_offset < p.table_size)
		return "table size or offset out of bounds";
	if (!host_entries || host_entries > ARRAY_SIZE(c->table))
		return "host table size out of bounds";
	n = min_t(u32, p.table_size / sizeof(u32), host_entries);
	for (i = 0; i < n; i++) {
		memcpy(&e, buf + p.table_offset + i * sizeof(u32), sizeof(e));
		if (e >= max_queues)
			return "table entry names no queue";
		c->table[i] = e;
	}
	for (; i < host_entries; i++)
		c->table[i] = c->table[i % n];
	memcpy(c->key, buf + p.key_offset, NDIS_RSS_KEY_SIZE);
	c->entries = host_entries;
	c->hash_info = p.hash_info;
	c->enabled = true;
	return NULL;
}

static u16 nvs_get16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

/*
 * Hash input by NDIS's RSS rules (Microsoft, "RSS hashing functions"):
 * source then destination address, then source and destination port when
 * the transport's hash type is enabled and the packet is not a fragment;
 * IPv6 extension headers are not walked (no _EX types).
 */
static u32 nvs_rss_l4(const u8 *l4, u32 left, u8 proto, bool frag,
		      u32 hash_info, u32 tcp, u32 udp, u8 *in, u32 n)
{
	bool want = (proto == 6 && (hash_info & tcp)) ||
		    (proto == 17 && (hash_info & udp));

	if (!want || frag || left < 4)
		return n;
	memcpy(in + n, l4, 4);
	return n + 4;
}

/**
 * nvs_rss_input() - the Toeplitz input of an Ethernet frame
 * @frame: the frame, from its Ethernet header (no VLAN tag in it)
 * @len: its length
 * @hash_info: the guest's hash types (NDIS_HASH_*)
 * @in: room for NVS_RSS_INPUT_MAX bytes
 *
 * Return: the input's length; 0 when the frame is not hashed (not IP, or
 * its IP version's types not enabled).
 */
u32 nvs_rss_input(const u8 *frame, u32 len, u32 hash_info, u8 *in)
{
	const u8 *ip = frame + 14;
	u32 left = len > 14 ? len - 14 : 0, ihl;
	bool frag;

	if (len < 14)
		return 0;
	switch (nvs_get16(frame + 12)) {
	case 0x0800:
		if (!(hash_info & (NDIS_HASH_IPV4 | NDIS_HASH_TCP_IPV4 |
				   NDIS_HASH_UDP_IPV4)) || left < 20 ||
		    (ip[0] >> 4) != 4)
			return 0;
		ihl = (ip[0] & 0xf) * 4;
		if (ihl < 20 || ihl > left)
			return 0;
		memcpy(in, ip + 12, 8);
		frag = nvs_get16(ip + 6) & 0x3fff;
		return nvs_rss_l4(ip + ihl, left - ihl, ip[9], frag, hash_info,
				  NDIS_HASH_TCP_IPV4, NDIS_HASH_UDP_IPV4, in, 8);
	case 0x86dd:
		if (!(hash_info & (NDIS_HASH_IPV6 | NDIS_HASH_TCP_IPV6 |
				   NDIS_HASH_UDP_IPV6)) || left < 40 ||
		    (ip[0] >> 4) != 6)
			return 0;
		memcpy(in, ip + 8, 32);
		return nvs_rss_l4(ip + 40, left - 40, ip[6], false, hash_info,
				  NDIS_HASH_TCP_IPV6, NDIS_HASH_UDP_IPV6, in,
				  32);
	}
	return 0;
}

/**
 * nvs_toeplitz() - the Toeplitz hash of @n input bytes under @key
 * @key: 40 bytes
 * @in: the input, at most NVS_RSS_INPUT_MAX bytes
 * @n: its length
 *
 * For each input bit from the most significant of the first byte, when
 * set, XOR the 32 key bits starting at that bit position into the result
 * (Microsoft, "RSS hashing functions", ComputeHash).
 */
u32 nvs_toeplitz(const u8 *key, const u8 *in, u32 n)
{
	u32 result = 0, window, i;
	int b;

	window = (u32)key[0] << 24 | (u32)key[1] << 16 | (u32)key[2] << 8 |
		 key[3];
	for (i = 0; i < n; i++) {
		for (b = 7; b >= 0; b--) {
			if (in[i] & (1 << b))
				result ^= window;
			window <<= 1;
			if (i + 4 < NDIS_RSS_KEY_SIZE &&
			    key[i + 4] & (1 << b))
				window |= 1;
		}
	}
	return result;
}
