// SPDX-License-Identifier: GPL-2.0
/*
 * KVP messages, pure: checks of the host's requests and the conversions
 * between the host's format (include/hv/proto/ic.h, UTF-16LE strings with
 * byte counts) and the one hv_kvp_daemon reads and writes on
 * /dev/vmbus/hv_kvp (struct hv_kvp_msg of include/uapi/linux/hyperv.h,
 * NUL-terminated UTF-8 strings whose sizes count the NUL).
 *
 * What the daemon expects, field by field, follows upstream Linux (Debian
 * linux-source-6.12 drivers/hv/hv_kvp.c, kvp_send_key() and
 * kvp_respond_to_host(); tools/hv/hv_kvp_daemon.c): the daemon trusts
 * the pool number (it indexes an array with it) and the sizes, so both are
 * checked here before a request reaches it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/nls.h>
#include <linux/string.h>
#include "util.h"

/*
 * The daemon ABI: the layout hv_kvp_daemon was compiled against. The
 * body union holds a struct with a u32 (hv_kvp_msg_delete), so it is
 * padded to 7428 bytes even inside the packed message: reads and writes
 * move 7432 bytes.
 */
static_assert(sizeof(struct hv_kvp_msg) == 7432);
static_assert(offsetof(struct hv_kvp_msg, body) == 4);
static_assert(sizeof(struct hv_kvp_exchg_msg_value) == 2572);
static_assert(offsetof(struct hv_kvp_msg_enumerate, data) == 4);
static_assert(sizeof(struct hv_kvp_ipaddr_value) == 7426);
static_assert(HV_KVP_EXCHANGE_MAX_KEY_SIZE == IC_KVP_MAX_KEY);
static_assert(HV_KVP_EXCHANGE_MAX_VALUE_SIZE == IC_KVP_MAX_VALUE);
static_assert((int)KVP_OP_COUNT == (int)IC_KVP_OP_COUNT);
static_assert((int)KVP_POOL_COUNT == (int)IC_KVP_POOL_COUNT);

/* Smallest body of each operation. */
static const u32 kvp_op_len[IC_KVP_OP_COUNT] = {
	[IC_KVP_OP_GET]		= sizeof(struct ic_kvp_msg_value),
	[IC_KVP_OP_SET]		= sizeof(struct ic_kvp_msg_value),
	[IC_KVP_OP_DELETE]	= sizeof(struct ic_kvp_msg_delete),
	[IC_KVP_OP_ENUMERATE]	= sizeof(struct ic_kvp_msg_enumerate),
	[IC_KVP_OP_GET_IP_INFO]	= sizeof(struct ic_kvp_msg_ip),
	[IC_KVP_OP_SET_IP_INFO]	= sizeof(struct ic_kvp_msg_ip),
};

static bool kvp_value_type_ok(u32 type)
{
	switch (type) {
	case IC_KVP_REG_SZ:
	case IC_KVP_REG_EXPAND_SZ:
	case IC_KVP_REG_DWORD:
	case IC_KVP_REG_U64_LINUX:
	case IC_KVP_REG_QWORD:
		return true;
	default:
		return false;
	}
}

/**
 * kvp_host_check() - validate a KVP request from the host
 * @body: the IC message body
 * @len: its length
 *
 * Return: the operation (IC_KVP_OP_*); -EBADMSG when @len is short for
 * it; -EINVAL for an unknown operation, pool or value type, or a key or
 * value size beyond the protocol's limits.
 */
int kvp_host_check(const void *body, u32 len)
{
	const struct ic_kvp_msg_value *mv = body;
	const struct ic_kvp_msg_delete *md = body;
	const u8 *p = body;
	u8 op, pool;

	if (len < 2)
		return -EBADMSG;
	op = p[0];
	pool = p[1];
	if (op >= IC_KVP_OP_COUNT || pool >= IC_KVP_POOL_COUNT)
		return -EINVAL;
	if (len < kvp_op_len[op])
		return -EBADMSG;
	switch (op) {
	case IC_KVP_OP_SET:
		if (mv->data.value_size > IC_KVP_MAX_VALUE ||
		    !kvp_value_type_ok(mv->data.value_type))
			return -EINVAL;
		fallthrough;
	case IC_KVP_OP_GET:
		if (mv->data.key_size > IC_KVP_MAX_KEY)
			return -EINVAL;
		break;
	case IC_KVP_OP_DELETE:
		if (md->key_size > IC_KVP_MAX_KEY)
			return -EINVAL;
		break;
	}
	return op;
}

/*
 * UTF-16LE (at most @units, ending early at a NUL) to a NUL-terminated
 * UTF-8 string in @dst. Characters that do not fit are cut; unpaired
 * surrogates are dropped. Return: bytes written, NUL excluded.
 */
static u32 kvp_to_utf8(const u16 *src, u32 units, void *dst, u32 dst_size)
{
	int n;

	memset(dst, 0, dst_size);
	n = utf16s_to_utf8s(src, units, UTF16_LITTLE_ENDIAN, dst, dst_size - 1);
	return n > 0 ? n : 0;
}

/*
 * A UTF-8 string of at most @src_size bytes (ending early at a NUL) to a
 * NUL-terminated UTF-16LE string of at most @units units in @dst.
 * Return: units written, NUL excluded, or -EINVAL for invalid UTF-8.
 */
static int kvp_to_utf16(const void *src, u32 src_size, u16 *dst, u32 units)
{
	memset(dst, 0, units * sizeof(*dst));
	return utf8s_to_utf16s(src, strnlen(src, src_size), UTF16_LITTLE_ENDIAN,
			       dst, units - 1);
}

/* Host key (@size bytes of UTF-16) to the daemon's key; its size counts the NUL. */
static u32 kvp_key_to_utf8(const u16 *key, u32 size, u8 *dst)
{
	return kvp_to_utf8(key, size / 2, dst, HV_KVP_EXCHANGE_MAX_KEY_SIZE) + 1;
}

static void kvp_set_value(const struct ic_kvp_value *v,
			  struct hv_kvp_exchg_msg_value *out)
{
	u64 v64 = 0;
	u32 v32;

	switch (v->value_type) {
	case IC_KVP_REG_SZ:
	case IC_KVP_REG_EXPAND_SZ:
		out->value_size = kvp_to_utf8((const u16 *)v->value,
					      v->value_size / 2, out->value,
					      sizeof(out->value)) + 1;
		break;
	case IC_KVP_REG_DWORD:
		memcpy(&v32, v->value, sizeof(v32));
		out->value_size = snprintf((char *)out->value, sizeof(out->value),
					   "%u", v32) + 1;
		break;
	default:	/* the two 64-bit types, see kvp_value_type_ok() */
		memcpy(&v64, v->value, sizeof(v64));
		out->value_size = snprintf((char *)out->value, sizeof(out->value),
					   "%llu", v64) + 1;
		break;
	}
}

/**
 * kvp_host_to_daemon() - build the daemon's message for a host request
 * @body: the IC message body, checked by kvp_host_check()
 * @len: its length
 * @out: the message for the daemon
 *
 * Return: 0, or what kvp_host_check() returns for a bad request.
 */
int kvp_host_to_daemon(const void *body, u32 len, struct hv_kvp_msg *out)
{
	const struct ic_kvp_msg_enumerate *me = body;
	const struct ic_kvp_msg_delete *md = body;
	const struct ic_kvp_msg_value *mv = body;
	const struct ic_kvp_msg_ip *mi = body;
	struct hv_kvp_ipaddr_value *ip = &out->body.kvp_ip_val;
	int op = kvp_host_check(body, len);

	if (op < 0)
		return op;
	memset(out, 0, sizeof(*out));
	out->kvp_hdr.operation = op;
	out->kvp_hdr.pool = ((const u8 *)body)[1];
	switch (op) {
	case IC_KVP_OP_GET:
		out->body.kvp_get.data.key_size =
			kvp_key_to_utf8(mv->data.key, mv->data.key_size,
					out->body.kvp_get.data.key);
		/* The daemon copies this many bytes of the value it finds. */
		out->body.kvp_get.data.value_size =
			sizeof(out->body.kvp_get.data.value);
		break;
	case IC_KVP_OP_SET:
		out->body.kvp_set.data.key_size =
			kvp_key_to_utf8(mv->data.key, mv->data.key_size,
					out->body.kvp_set.data.key);
		kvp_set_value(&mv->data, &out->body.kvp_set.data);
		break;
	case IC_KVP_OP_DELETE:
		out->body.kvp_delete.key_size =
			kvp_key_to_utf8(md->key, md->key_size,
					out->body.kvp_delete.key);
		break;
	case IC_KVP_OP_ENUMERATE:
		out->body.kvp_enum_data.index = me->index;
		break;
	case IC_KVP_OP_SET_IP_INFO:
		/* The daemon reads every field as a UTF-8 C string. */
		kvp_to_utf8(mi->info.ip_addr, IC_KVP_IP_ADDR_LEN, ip->ip_addr,
			    sizeof(ip->ip_addr));
		kvp_to_utf8(mi->info.subnet, IC_KVP_IP_ADDR_LEN, ip->sub_net,
			    sizeof(ip->sub_net));
		kvp_to_utf8(mi->info.gateway, IC_KVP_GATEWAY_LEN, ip->gate_way,
			    sizeof(ip->gate_way));
		kvp_to_utf8(mi->info.dns_addr, IC_KVP_IP_ADDR_LEN, ip->dns_addr,
			    sizeof(ip->dns_addr));
		ip->dhcp_enabled = mi->info.dhcp_enabled;
		fallthrough;
	case IC_KVP_OP_GET_IP_INFO:
		kvp_to_utf8(mi->info.adapter_id, IC_KVP_ADAPTER_ID_LEN,
			    ip->adapter_id, sizeof(ip->adapter_id));
		ip->addr_family = mi->info.addr_family;
		break;
	}
	return 0;
}

/**
 * kvp_daemon_status() - the status a daemon's answer carries
 * @in: the daemon's answer
 * @reg_op: how the daemon registered (KVP_OP_REGISTER1, or the legacy
 *	KVP_OP_REGISTER whose daemons signal "no such entry" with an empty
 *	key)
 *
 * Return: IC_STATUS_* (or another HRESULT the daemon chose).
 */
u32 kvp_daemon_status(const struct hv_kvp_msg *in, int reg_op)
{
	if (reg_op == KVP_OP_REGISTER1)
		return (u32)in->error;
	return in->body.kvp_enum_data.data.key[0] ? IC_STATUS_OK :
						    IC_STATUS_NO_MORE_ITEMS;
}

/* The daemon's value string into the host's value; Return: 0 or -EINVAL. */
static int kvp_value_to_host(const u8 *value, struct ic_kvp_value *v)
{
	int n = kvp_to_utf16(value, HV_KVP_EXCHANGE_MAX_VALUE_SIZE,
			     (u16 *)v->value, IC_KVP_MAX_VALUE / 2);

	if (n < 0)
		return n;
	v->value_size = (n + 1) * 2;
	v->value_type = IC_KVP_REG_SZ;
	return 0;
}

/* The daemon's address strings into the host's IP message. */
static int kvp_ip_to_host(const struct hv_kvp_ipaddr_value *ip,
			  struct ic_kvp_ip_info *info)
{
	/* The daemon writes UTF-8 C strings into its u16 arrays. */
	if (kvp_to_utf16(ip->adapter_id, sizeof(ip->adapter_id),
			 info->adapter_id, IC_KVP_ADAPTER_ID_LEN) < 0 ||
	    kvp_to_utf16(ip->ip_addr, sizeof(ip->ip_addr), info->ip_addr,
			 IC_KVP_IP_ADDR_LEN) < 0 ||
	    kvp_to_utf16(ip->sub_net, sizeof(ip->sub_net), info->subnet,
			 IC_KVP_IP_ADDR_LEN) < 0 ||
	    kvp_to_utf16(ip->gate_way, sizeof(ip->gate_way), info->gateway,
			 IC_KVP_GATEWAY_LEN) < 0 ||
	    kvp_to_utf16(ip->dns_addr, sizeof(ip->dns_addr), info->dns_addr,
			 IC_KVP_IP_ADDR_LEN) < 0)
		return -EINVAL;
	info->addr_family = ip->addr_family;
	info->dhcp_enabled = ip->dhcp_enabled;
	return 0;
}

/**
 * kvp_daemon_to_host() - turn the host's request into its answer
 * @in: the daemon's answer
 * @status: its status, from kvp_daemon_status()
 * @body: the host's request body, checked by kvp_host_check(); rewritten
 *	in place
 * @len: its length
 *
 * GET answers carry the value, ENUMERATE answers key and value, and
 * GET_IP_INFO answers the adapter's addresses, all as UTF-16LE strings;
 * the other operations and failed ones carry only the status.
 *
 * Return: the status for the answer: @status, or IC_STATUS_FAIL when the
 * daemon's strings are not valid UTF-8.
 */
u32 kvp_daemon_to_host(const struct hv_kvp_msg *in, u32 status, void *body,
		       u32 len)
{
	struct ic_kvp_msg_enumerate *me = body;
	struct ic_kvp_msg_value *mv = body;
	struct ic_kvp_msg_ip *mi = body;
	const struct hv_kvp_exchg_msg_value *d = &in->body.kvp_enum_data.data;
	int op = kvp_host_check(body, len);
	int n;

	if (op < 0)
		return IC_STATUS_FAIL;
	if (status != IC_STATUS_OK)
		return status;
	switch (op) {
	case IC_KVP_OP_GET:
		/* The daemon answers in the layout it was asked in. */
		if (kvp_value_to_host(in->body.kvp_get.data.value, &mv->data))
			return IC_STATUS_FAIL;
		break;
	case IC_KVP_OP_ENUMERATE:
		n = kvp_to_utf16(d->key, sizeof(d->key), me->data.key,
				 ARRAY_SIZE(me->data.key));
		if (n < 0 || kvp_value_to_host(d->value, &me->data))
			return IC_STATUS_FAIL;
		me->data.key_size = (n + 1) * 2;
		break;
	case IC_KVP_OP_GET_IP_INFO:
		if (kvp_ip_to_host(&in->body.kvp_ip_val, &mi->info))
			return IC_STATUS_FAIL;
		break;
	}
	return IC_STATUS_OK;
}
