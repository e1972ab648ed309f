// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: KVP in both directions (drivers/hv/util/kvp_wire.c),
 * the host's requests into hv_kvp_daemon's messages and the daemon's
 * answers back into the host's.
 *
 * The input is a struct fuzz_in, zero-filled past the input's end: a host
 * request body of any length up to the largest (an IP message), the
 * daemon's answer (a whole struct hv_kvp_msg) and how the daemon
 * registered. The request sits in a heap block of exactly its length, so
 * that reading or writing beyond what the host sent trips ASan. Checked,
 * from Documentation/hv_utils.rst and include/hv/proto/ic.h:
 *
 * - kvp_host_check() accepts exactly the requests with a known operation
 *   and pool, long enough for their operation, keys of at most 512 bytes,
 *   values of at most 2048 bytes of a known type;
 * - every string handed to the daemon is NUL-terminated inside its field,
 *   zero after the NUL, valid UTF-8, and made of the characters of the
 *   host's UTF-16 in order (unpaired surrogates dropped, the string cut
 *   where it does not fit, odd byte counts rounded down), all of them
 *   when they fit; sizes count the NUL; numbers are printed in decimal;
 * - the answer to the host carries the daemon's strings as NUL-terminated
 *   UTF-16 inside their fields, the characters of the daemon's UTF-8 in
 *   order, or fails (IC_STATUS_FAIL) only for invalid UTF-8; nothing else
 *   of the request changes, and a failed request is not touched.
 *
 * Built by tests/userspace/Makefile ("make fuzz-kvp", "make test", "make
 * fuzz-seeds"), like the other targets.
 */
#include <linux/kernel.h>
#include <linux/nls.h>
#include "util.h"
#include "fuzz.h"

#define FUZZ_KVP_MAX	sizeof(struct ic_kvp_msg_ip)

struct fuzz_in {
	u16 len;		/* request bytes, modulo FUZZ_KVP_MAX + 1 */
	u8 reg1;		/* bit 0: the daemon registered with REGISTER1 */
	u8 align;		/* puts @body at 4, aligned for its structs */
	u8 body[FUZZ_KVP_MAX];	/* the host's request */
	struct hv_kvp_msg daemon;	/* the daemon's answer */
} __packed;

/* Code points of a string, and how many. */
struct cps {
	u32 c[2100];
	u32 n;
};

/* UTF-16LE @units (until a NUL), unpaired surrogates dropped. */
static void from_utf16(const void *p, u32 units, struct cps *o)
{
	const u8 *b = p;
	u32 i, u, lo;

	o->n = 0;
	for (i = 0; i < units; i++) {
		u = b[2 * i] | b[2 * i + 1] << 8;
		if (!u)
			break;
		if (u >= 0xd800 && u < 0xe000) {
			if (u >= 0xdc00 || i + 1 == units)
				continue;
			lo = b[2 * i + 2] | b[2 * i + 3] << 8;
			if (lo < 0xdc00 || lo >= 0xe000)
				continue;
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			i++;
		}
		o->c[o->n++] = u;
	}
}

/*
 * Strict UTF-8 of @len bytes (until a NUL) into code points. Return:
 * bytes consumed, or -1 at the first malformed sequence (@o holds the
 * characters before it).
 */
static int from_utf8(const u8 *s, u32 len, struct cps *o)
{
	u32 i = 0, n, k, c, lo;

	o->n = 0;
	while (i < len && s[i]) {
		n = s[i] < 0x80 ? 1 : s[i] < 0xc2 ? 0 : s[i] < 0xe0 ? 2 :
		    s[i] < 0xf0 ? 3 : s[i] < 0xf5 ? 4 : 0;
		if (!n || i + n > len)
			return -1;
		c = n == 1 ? s[i] : s[i] & (0x3f >> (n - 1));
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return -1;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		lo = n == 3 ? 0x800 : n == 4 ? 0x10000 : 0;
		if (c < lo || c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
			return -1;
		o->c[o->n++] = c;
		i += n;
	}
	return i;
}

static u32 utf8_len(u32 c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* @sub's characters appear in @all, in order. */
static bool subsequence(const struct cps *sub, const struct cps *all)
{
	u32 i, j = 0;

	for (i = 0; i < sub->n; i++) {
		while (j < all->n && all->c[j] != sub->c[i])
			j++;
		if (j++ == all->n)
			return false;
	}
	return true;
}

/*
 * A string for the daemon in a @size-byte field, from @units of the
 * host's UTF-16 at @src: NUL-terminated, zeros after, valid UTF-8, the
 * host's characters in order, all of them when they fit. Return: its
 * length, NUL excluded.
 */
static u32 check_to_daemon(const u8 *field, u32 size, const void *src,
			   u32 units)
{
	static struct cps host, got;
	u32 len = strnlen((const char *)field, size), i, need = 0;

	CHECK(len < size);
	for (i = len; i < size; i++)
		CHECK(field[i] == 0);
	CHECK(from_utf8(field, len, &got) == (int)len);
	from_utf16(src, units, &host);
	CHECK(subsequence(&got, &host));
	for (i = 0; i < host.n; i++)
		need += utf8_len(host.c[i]);
	if (need < size)
		CHECK(got.n == host.n);
	return len;
}

/*
 * A string for the host in a field of @units UTF-16 units, from the
 * daemon's UTF-8 at @src (@size bytes): NUL-terminated, zeros after,
 * no unpaired surrogate, the daemon's characters in order. Return: its
 * length in units, NUL excluded.
 */
static u32 check_to_host(const void *field, u32 units, const u8 *src,
			 u32 size)
{
	static struct cps daemon, got;
	const u8 *f = field;
	u32 n, i;

	for (n = 0; n < units && (f[2 * n] | f[2 * n + 1]); n++)
		;
	CHECK(n < units);
	for (i = 2 * n; i < 2 * units; i++)
		CHECK(f[i] == 0);
	from_utf16(field, n, &got);
	for (i = 0; i < got.n; i++)
		n -= got.c[i] >= 0x10000 ? 2 : 1;
	CHECK(n == 0);		/* every unit was part of a character */
	from_utf8(src, strnlen((const char *)src, size), &daemon);
	CHECK(got.n <= daemon.n);
	for (i = 0; i < got.n; i++)
		CHECK(got.c[i] == daemon.c[i]);
	for (i = n = 0; i < got.n; i++)
		n += got.c[i] >= 0x10000 ? 2 : 1;
	return n;
}

/* The daemon's UTF-8 at @src is valid as far as it reaches. */
static bool utf8_ok(const u8 *src, u32 size)
{
	struct cps *c = malloc(sizeof(*c));
	u32 len = strnlen((const char *)src, size);
	bool ok;

	CHECK(c);
	ok = from_utf8(src, len, c) == (int)len;
	free(c);
	return ok;
}

static int expected_check(const u8 *b, u32 len)
{
	const struct ic_kvp_msg_value *mv = (const void *)b;
	const struct ic_kvp_msg_delete *md = (const void *)b;
	static const u32 min_len[] = {
		sizeof(struct ic_kvp_msg_value), sizeof(struct ic_kvp_msg_value),
		sizeof(struct ic_kvp_msg_delete),
		sizeof(struct ic_kvp_msg_enumerate),
		sizeof(struct ic_kvp_msg_ip), sizeof(struct ic_kvp_msg_ip),
	};
	u32 t;

	if (len < 2)
		return -EBADMSG;
	if (b[0] >= IC_KVP_OP_COUNT || b[1] >= IC_KVP_POOL_COUNT)
		return -EINVAL;
	if (len < min_len[b[0]])
		return -EBADMSG;
	if (b[0] == IC_KVP_OP_DELETE)
		return md->key_size > IC_KVP_MAX_KEY ? -EINVAL : b[0];
	if (b[0] > IC_KVP_OP_SET)
		return b[0];
	t = mv->data.value_type;
	if (b[0] == IC_KVP_OP_SET &&
	    (mv->data.value_size > IC_KVP_MAX_VALUE ||
	     (t != IC_KVP_REG_SZ && t != IC_KVP_REG_EXPAND_SZ &&
	      t != IC_KVP_REG_DWORD && t != IC_KVP_REG_U64_LINUX &&
	      t != IC_KVP_REG_QWORD)))
		return -EINVAL;
	return mv->data.key_size > IC_KVP_MAX_KEY ? -EINVAL : b[0];
}

static void check_key(const u8 *key, u32 key_size, const u16 *src,
		      u32 src_size)
{
	u32 n = check_to_daemon(key, HV_KVP_EXCHANGE_MAX_KEY_SIZE, src,
				src_size / 2);

	CHECK(key_size == n + 1);
}

static void check_value(const struct ic_kvp_value *v,
			const struct hv_kvp_exchg_msg_value *d)
{
	char num[32];
	u32 v32;
	u64 v64;

	switch (v->value_type) {
	case IC_KVP_REG_SZ:
	case IC_KVP_REG_EXPAND_SZ:
		CHECK(d->value_size ==
		      check_to_daemon(d->value, sizeof(d->value), v->value,
				      v->value_size / 2) + 1);
		return;
	case IC_KVP_REG_DWORD:
		memcpy(&v32, v->value, sizeof(v32));
		snprintf(num, sizeof(num), "%u", v32);
		break;
	default:
		memcpy(&v64, v->value, sizeof(v64));
		snprintf(num, sizeof(num), "%llu", v64);
	}
	CHECK(!strcmp((const char *)d->value, num));
	CHECK(d->value_size == strlen(num) + 1);
}

static void check_ip_to_daemon(const struct ic_kvp_msg_ip *mi,
			       const struct hv_kvp_ipaddr_value *ip, bool set)
{
	const struct ic_kvp_ip_info *in = &mi->info;

	check_to_daemon((const u8 *)ip->adapter_id, sizeof(ip->adapter_id),
			in->adapter_id, IC_KVP_ADAPTER_ID_LEN);
	CHECK(ip->addr_family == in->addr_family);
	if (!set)
		return;
	check_to_daemon((const u8 *)ip->ip_addr, sizeof(ip->ip_addr),
			in->ip_addr, IC_KVP_IP_ADDR_LEN);
	check_to_daemon((const u8 *)ip->sub_net, sizeof(ip->sub_net),
			in->subnet, IC_KVP_IP_ADDR_LEN);
	check_to_daemon((const u8 *)ip->gate_way, sizeof(ip->gate_way),
			in->gateway, IC_KVP_GATEWAY_LEN);
	check_to_daemon((const u8 *)ip->dns_addr, sizeof(ip->dns_addr),
			in->dns_addr, IC_KVP_IP_ADDR_LEN);
	CHECK(ip->dhcp_enabled == in->dhcp_enabled);
}

/* The host's request into the daemon's message. */
static void fuzz_to_daemon(const u8 *b, u32 len, int op)
{
	const struct ic_kvp_msg_enumerate *me = (const void *)b;
	const struct ic_kvp_msg_delete *md = (const void *)b;
	const struct ic_kvp_msg_value *mv = (const void *)b;
	struct hv_kvp_msg *out = malloc(sizeof(*out));
	int ret;

	CHECK(out);
	memset(out, 0xa5, sizeof(*out));
	ret = kvp_host_to_daemon(b, len, out);
	CHECK(ret == (op < 0 ? op : 0));
	if (ret)
		goto out;
	CHECK(out->kvp_hdr.operation == op && out->kvp_hdr.pool == b[1]);
	switch (op) {
	case IC_KVP_OP_GET:
		check_key(out->body.kvp_get.data.key,
			  out->body.kvp_get.data.key_size, mv->data.key,
			  mv->data.key_size);
		CHECK(out->body.kvp_get.data.value_size ==
		      HV_KVP_EXCHANGE_MAX_VALUE_SIZE);
		break;
	case IC_KVP_OP_SET:
		check_key(out->body.kvp_set.data.key,
			  out->body.kvp_set.data.key_size, mv->data.key,
			  mv->data.key_size);
		check_value(&mv->data, &out->body.kvp_set.data);
		break;
	case IC_KVP_OP_DELETE:
		check_key(out->body.kvp_delete.key,
			  out->body.kvp_delete.key_size, md->key, md->key_size);
		break;
	case IC_KVP_OP_ENUMERATE:
		CHECK(out->body.kvp_enum_data.index == me->index);
		break;
	default:
		check_ip_to_daemon((const void *)b, &out->body.kvp_ip_val,
				   op == IC_KVP_OP_SET_IP_INFO);
	}
out:
	free(out);
}

/* A daemon's value string into the host's ic_kvp_value. */
static void check_value_to_host(const struct ic_kvp_value *v, const u8 *src)
{
	u32 n = check_to_host(v->value, IC_KVP_MAX_VALUE / 2, src,
			      HV_KVP_EXCHANGE_MAX_VALUE_SIZE);

	CHECK(v->value_size == (n + 1) * 2);
	CHECK(v->value_type == IC_KVP_REG_SZ);
}

static bool ip_utf8_ok(const struct hv_kvp_ipaddr_value *ip)
{
	return utf8_ok((const u8 *)ip->adapter_id, sizeof(ip->adapter_id)) &&
	       utf8_ok((const u8 *)ip->ip_addr, sizeof(ip->ip_addr)) &&
	       utf8_ok((const u8 *)ip->sub_net, sizeof(ip->sub_net)) &&
	       utf8_ok((const u8 *)ip->gate_way, sizeof(ip->gate_way)) &&
	       utf8_ok((const u8 *)ip->dns_addr, sizeof(ip->dns_addr));
}

/* The daemon's answer into the host's: in place, in the request. */
static void fuzz_to_host(const struct fuzz_in *in, const u8 *b, u32 len,
			 int op)
{
	const struct hv_kvp_exchg_msg_value *d = &in->daemon.body.kvp_enum_data.data;
	const struct hv_kvp_ipaddr_value *ip = &in->daemon.body.kvp_ip_val;
	int reg = in->reg1 & 1 ? KVP_OP_REGISTER1 : KVP_OP_REGISTER;
	u8 *a = malloc(len ? len : 1);
	struct ic_kvp_msg_enumerate *me = (void *)a;
	struct ic_kvp_msg_value *mv = (void *)a;
	struct ic_kvp_msg_ip *mi = (void *)a;
	u32 status, ret;
	bool ok = true;

	CHECK(a);
	memcpy(a, b, len);
	status = kvp_daemon_status(&in->daemon, reg);
	if (reg == KVP_OP_REGISTER1)
		CHECK(status == (u32)in->daemon.error);
	else
		CHECK(status == (d->key[0] ? IC_STATUS_OK :
				 IC_STATUS_NO_MORE_ITEMS));
	ret = kvp_daemon_to_host(&in->daemon, status, a, len);
	if (op < 0 || status != IC_STATUS_OK) {
		CHECK(ret == (op < 0 ? IC_STATUS_FAIL : status));
		CHECK(!memcmp(a, b, len));
		goto out;
	}
	switch (op) {
	case IC_KVP_OP_GET:
		ok = utf8_ok(in->daemon.body.kvp_get.data.value,
			     HV_KVP_EXCHANGE_MAX_VALUE_SIZE);
		if (ret == IC_STATUS_OK)
			check_value_to_host(&mv->data,
					    in->daemon.body.kvp_get.data.value);
		break;
	case IC_KVP_OP_ENUMERATE:
		ok = utf8_ok(d->key, sizeof(d->key)) &&
		     utf8_ok(d->value, sizeof(d->value));
		if (ret != IC_STATUS_OK)
			break;
		CHECK(me->data.key_size ==
		      (check_to_host(me->data.key, IC_KVP_MAX_KEY / 2, d->key,
				     sizeof(d->key)) + 1) * 2);
		check_value_to_host(&me->data, d->value);
		break;
	case IC_KVP_OP_GET_IP_INFO:
		ok = ip_utf8_ok(ip);
		if (ret != IC_STATUS_OK)
			break;
		check_to_host(mi->info.adapter_id, IC_KVP_ADAPTER_ID_LEN,
			      (const u8 *)ip->adapter_id, sizeof(ip->adapter_id));
		check_to_host(mi->info.ip_addr, IC_KVP_IP_ADDR_LEN,
			      (const u8 *)ip->ip_addr, sizeof(ip->ip_addr));
		check_to_host(mi->info.subnet, IC_KVP_IP_ADDR_LEN,
			      (const u8 *)ip->sub_net, sizeof(ip->sub_net));
		check_to_host(mi->info.gateway, IC_KVP_GATEWAY_LEN,
			      (const u8 *)ip->gate_way, sizeof(ip->gate_way));
		check_to_host(mi->info.dns_addr, IC_KVP_IP_ADDR_LEN,
			      (const u8 *)ip->dns_addr, sizeof(ip->dns_addr));
		CHECK(mi->info.addr_family == ip->addr_family);
		CHECK(mi->info.dhcp_enabled == ip->dhcp_enabled);
		break;
	default:
		/* SET, DELETE, SET_IP_INFO carry only the status. */
		CHECK(!memcmp(a, b, len));
	}
	/*
	 * Valid UTF-8 always converts; a failure only for a string that is
	 * not, somewhere (a conversion cut short may not have read that far).
	 */
	if (ok)
		CHECK(ret == IC_STATUS_OK);
	else
		CHECK(ret == IC_STATUS_OK || ret == IC_STATUS_FAIL);
	CHECK(!memcmp(a, b, 2));	/* operation and pool */
out:
	free(a);
}

int HV_FUZZ_ENTRY(const u8 *data, size_t size)
{
	struct fuzz_in *in = calloc(1, sizeof(*in));
	u32 len;
	u8 *b;
	int op;

	CHECK(in);
	memcpy(in, data, min(size, sizeof(*in)));
	len = in->len % (FUZZ_KVP_MAX + 1);
	b = calloc(1, len ? len : 1);
	CHECK(b);
	memcpy(b, in->body, len);
	op = kvp_host_check(b, len);
	CHECK(op == expected_check(b, len));
	fuzz_to_daemon(b, len, op);
	fuzz_to_host(in, b, len, op);
	free(b);
	free(in);
	return 0;
}

#ifdef HV_FUZZ_SEEDS
/* Write a seed corpus: each operation, well-formed and malformed. */
static unsigned int seeds;

static void seed_file(const struct fuzz_in *in, const char *dir,
		      const char *name)
{
	fuzz_seed_write(dir, name, in, sizeof(*in));
	seeds++;
}

/* A daemon string: @str and its NUL at @dst. */
static void put8(void *dst, const char *str)
{
	memcpy(dst, str, strlen(str) + 1);
}

/* @n UTF-16 units at @dst from @src (each a unit). */
static void put16(u16 *dst, const u16 *src, u32 n)
{
	memcpy(dst, src, n * sizeof(*src));
}

static struct fuzz_in *seed_start(u8 op, u8 pool, u32 len)
{
	static struct fuzz_in in;

	memset(&in, 0, sizeof(in));
	in.body[0] = op;
	in.body[1] = pool;
	in.len = len;
	in.reg1 = 1;
	return &in;
}

int main(int argc, char **argv)
{
	static const u16 key[] = { 'H', 'o', 's', 't', 0 };
	static const u16 odd[] = { 'a', 'b', 'c' };
	static const u16 pair[] = { 0xd83d, 0xde00, 'x', 0 };
	static const u16 lone[] = { 0xdc00, 'a', 0xd800, 'b', 0xd800, 0 };
	const u32 vlen = sizeof(struct ic_kvp_msg_value);
	const char *dir = argv[1];
	struct ic_kvp_msg_value *mv;
	struct ic_kvp_msg_ip *mi;
	struct fuzz_in *in;
	u32 i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	in = seed_start(IC_KVP_OP_GET, 0, vlen);
	mv = (void *)in->body;
	put16(mv->data.key, key, 5);
	mv->data.key_size = 10;
	put8(in->daemon.body.kvp_get.data.value, "value \xc3\xa9");
	seed_file(in, dir, "get");
	put8(in->daemon.body.kvp_get.data.value, "bad \xc3(");
	seed_file(in, dir, "get-daemon-bad-utf8");
	in->daemon.error = IC_STATUS_FAIL;
	seed_file(in, dir, "get-daemon-failed");

	/* Keys as a host may send them. */
	in = seed_start(IC_KVP_OP_SET, 2, vlen);
	mv = (void *)in->body;
	mv->data.value_type = IC_KVP_REG_SZ;
	put16(mv->data.key, odd, 3);
	mv->data.key_size = 5;			/* odd: 2.5 units */
	put16((u16 *)mv->data.value, pair, 4);
	mv->data.value_size = 8;
	seed_file(in, dir, "set-odd-size-surrogate-pair");
	put16(mv->data.key, lone, 6);
	mv->data.key_size = 12;
	seed_file(in, dir, "set-lone-surrogates");
	for (i = 0; i < IC_KVP_MAX_KEY / 2; i++)
		mv->data.key[i] = 0x20ac;	/* unterminated, 3 bytes each */
	mv->data.key_size = IC_KVP_MAX_KEY;
	seed_file(in, dir, "set-unterminated-key");
	mv->data.key_size = IC_KVP_MAX_KEY + 2;
	seed_file(in, dir, "set-key-beyond-buffer");
	mv->data.key_size = 2;
	mv->data.value_size = IC_KVP_MAX_VALUE + 2;
	seed_file(in, dir, "set-value-beyond-buffer");
	mv->data.value_size = 8;
	mv->data.value_type = IC_KVP_REG_DWORD;
	memset(mv->data.value, 0xff, 8);
	seed_file(in, dir, "set-dword");
	mv->data.value_type = IC_KVP_REG_QWORD;
	seed_file(in, dir, "set-qword");
	mv->data.value_type = 3;
	seed_file(in, dir, "set-bad-type");
	in->len = vlen - 1;
	seed_file(in, dir, "set-short");

	in = seed_start(IC_KVP_OP_DELETE, 4, sizeof(struct ic_kvp_msg_delete));
	((struct ic_kvp_msg_delete *)in->body)->key_size = 10;
	put16(((struct ic_kvp_msg_delete *)in->body)->key, key, 5);
	seed_file(in, dir, "delete");
	in->body[1] = IC_KVP_POOL_COUNT;
	seed_file(in, dir, "delete-bad-pool");

	in = seed_start(IC_KVP_OP_ENUMERATE, 1,
			sizeof(struct ic_kvp_msg_enumerate));
	put8(in->daemon.body.kvp_enum_data.data.key, "K\xf0\x9f\x98\x80");
	put8(in->daemon.body.kvp_enum_data.data.value, "V");
	seed_file(in, dir, "enumerate");
	in->reg1 = 0;
	seed_file(in, dir, "enumerate-legacy-daemon");
	memset(in->daemon.body.kvp_enum_data.data.value, 'v',
	       HV_KVP_EXCHANGE_MAX_VALUE_SIZE);
	seed_file(in, dir, "enumerate-daemon-unterminated");

	in = seed_start(IC_KVP_OP_GET_IP_INFO, 0, sizeof(struct ic_kvp_msg_ip));
	mi = (void *)in->body;
	put16(mi->info.adapter_id, key, 5);
	put8(in->daemon.body.kvp_ip_val.ip_addr, "10.0.0.4;fe80::1");
	in->daemon.body.kvp_ip_val.addr_family = 2;
	seed_file(in, dir, "get-ip");
	in = seed_start(IC_KVP_OP_SET_IP_INFO, 0, sizeof(struct ic_kvp_msg_ip));
	mi = (void *)in->body;
	for (i = 0; i < IC_KVP_IP_ADDR_LEN; i++)
		mi->info.dns_addr[i] = '1';	/* unterminated */
	put16(mi->info.gateway, lone, 6);
	mi->info.dhcp_enabled = 1;
	seed_file(in, dir, "set-ip-unterminated");

	in = seed_start(IC_KVP_OP_COUNT, 0, vlen);
	seed_file(in, dir, "bad-op");
	in->len = 1;
	seed_file(in, dir, "one-byte");
	printf("%u seeds in %s\n", seeds, dir);
	return 0;
}
#endif /* HV_FUZZ_SEEDS */
