// SPDX-License-Identifier: GPL-2.0
/*
 * Key-value pair exchange, host side (include/hv/proto/ic.h): debugfs
 * commands become GET, SET, DELETE, ENUMERATE and GET_IP_INFO requests,
 * strings in UTF-16LE, one at a time; the answer's status, key and value
 * are kept for reading. A request written before negotiation (the guest
 * may hold NEGOTIATE back while it waits for its daemon) is sent right
 * after it; one lost with its channel is sent again on the next.
 */
#include <linux/kernel.h>
#include <linux/nls.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "ic.h"

/* GET, SET, DELETE and ENUMERATE bodies all take the union's size. */
#define SIM_KVP_BODY_LEN	sizeof(struct ic_kvp_msg_enumerate)

#define SIM_KVP_SAMPLE_KEY	"hvsim"
#define SIM_KVP_BAD_POOL	7
#define SIM_KVP_LONG_KEY	4096

/* @s as UTF-16LE with its NUL in @out; the size in bytes, or -EINVAL. */
static int sim_kvp_utf16(const char *s, u16 *out, u32 max_bytes)
{
	size_t len = strlen(s);
	int n;

	if (len >= max_bytes / 2)
		return -EINVAL;
	n = utf8s_to_utf16s(s, len, UTF16_LITTLE_ENDIAN, (wchar_t *)out,
			    max_bytes / 2 - 1);
	if (n < 0)
		return -EINVAL;
	out[n] = 0;
	return (n + 1) * 2;
}

/* @units UTF-16LE units (up to a NUL) into @out, control bytes as '?'. */
static void sim_kvp_utf8(const u16 *in, u32 units, char *out, u32 out_len)
{
	int n = utf16s_to_utf8s((const wchar_t *)in, units, UTF16_LITTLE_ENDIAN,
				out, out_len - 1);
	int i;

	if (n < 0)
		n = 0;
	out[n] = '\0';
	for (i = 0; i < n; i++)
		if ((u8)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '?';
}

static struct ic_kvp_msg_value *sim_kvp_start(struct sim_ic *ic, u8 op, u8 pool)
{
	struct ic_kvp_msg_value *m;

	m = (struct ic_kvp_msg_value *)sim_ic_body(ic, SIM_KVP_BODY_LEN);
	m->hdr.operation = op;
	m->hdr.pool = pool;
	return m;
}

/* A GET of @key; the value asked for is a string. */
static int sim_kvp_build_get(struct sim_ic *ic, u8 pool, const char *key)
{
	struct ic_kvp_msg_value *m = sim_kvp_start(ic, IC_KVP_OP_GET, pool);
	int ksize = sim_kvp_utf16(key, m->data.key, sizeof(m->data.key));

	if (ksize < 0)
		return ksize;
	m->data.key_size = ksize;
	m->data.value_type = IC_KVP_REG_SZ;
	return SIM_KVP_BODY_LEN;
}

static int sim_kvp_build_ip(struct sim_ic *ic, const struct sim_kvp_request *r)
{
	struct ic_kvp_msg_ip *m;

	m = (struct ic_kvp_msg_ip *)sim_ic_body(ic, sizeof(*m));
	m->operation = r->op;
	m->pool = r->pool;
	if (sim_kvp_utf16(r->key, m->info.adapter_id,
			  sizeof(m->info.adapter_id)) < 0)
		return -EINVAL;
	return sizeof(*m);
}

/* "set16 KIND": a SET to pool 0 whose strings are malformed UTF-16. */
enum {
	SIM_KVP_U16_UNTERMINATED = 1,
	SIM_KVP_U16_ODD,
	SIM_KVP_U16_SURROGATES,
	SIM_KVP_U16_KEY_BEYOND,
	SIM_KVP_U16_VALUE_BEYOND,
};

/* Their names, from SIM_KVP_U16_UNTERMINATED on. */
static const char *const sim_kvp_u16_kinds[] = {
	"unterminated", "odd", "surrogates", "key_beyond", "value_beyond",
};

/*
 * unterminated: key and value fill their fields, no NUL (key_size 512,
 * value_size 2048); odd: odd byte counts, the last unit cut in half;
 * surrogates: unpaired low and high surrogates around a valid pair, the
 * key ending in a high one; key_beyond, value_beyond: a size 2 bytes
 * beyond the field.
 */
static int sim_kvp_build_u16(struct sim_ic *ic, u8 kind)
{
	static const u16 odd_key[] = { 'O', 'd', 'd', 'X' };
	static const u16 odd_value[] = { 'v', 'v', 'w' };
	static const u16 sur_key[] = {
		'S', 0xdc00, 'u', 0xd800, 'r', 0xd83d, 0xde00, 0xd800,
	};
	static const u16 sur_value[] = { 's', 0xde00, 0xd83d, 'x', 0 };
	struct ic_kvp_msg_value *m = sim_kvp_start(ic, IC_KVP_OP_SET, 0);
	u16 *value = (u16 *)m->data.value;
	unsigned int i;

	m->data.value_type = IC_KVP_REG_SZ;
	switch (kind) {
	case SIM_KVP_U16_UNTERMINATED:
		for (i = 0; i < ARRAY_SIZE(m->data.key); i++)
			m->data.key[i] = 'U';
		for (i = 0; i < IC_KVP_MAX_VALUE / 2; i++)
			value[i] = 'V';
		m->data.key_size = IC_KVP_MAX_KEY;
		m->data.value_size = IC_KVP_MAX_VALUE;
		break;
	case SIM_KVP_U16_ODD:
		memcpy(m->data.key, odd_key, sizeof(odd_key));
		memcpy(value, odd_value, sizeof(odd_value));
		m->data.key_size = sizeof(odd_key) - 1;
		m->data.value_size = sizeof(odd_value) - 1;
		break;
	case SIM_KVP_U16_SURROGATES:
		memcpy(m->data.key, sur_key, sizeof(sur_key));
		memcpy(value, sur_value, sizeof(sur_value));
		m->data.key_size = sizeof(sur_key);
		m->data.value_size = sizeof(sur_value);
		break;
	default:
		memcpy(m->data.key, odd_key, sizeof(odd_key));
		memcpy(value, odd_value, sizeof(odd_value));
		m->data.key_size = kind == SIM_KVP_U16_KEY_BEYOND ?
				   IC_KVP_MAX_KEY + 2 : sizeof(odd_key);
		m->data.value_size = kind == SIM_KVP_U16_VALUE_BEYOND ?
				     IC_KVP_MAX_VALUE + 2 : sizeof(odd_value);
	}
	return SIM_KVP_BODY_LEN;
}

/* The body of @r in the request buffer; its length or -EINVAL. */
static int sim_kvp_build(struct sim_ic *ic, const struct sim_kvp_request *r)
{
	struct ic_kvp_msg_enumerate *e;
	struct ic_kvp_msg_delete *d;
	struct ic_kvp_msg_value *m;
	int ksize, vsize;

	if (r->bad16)
		return sim_kvp_build_u16(ic, r->bad16);
	switch (r->op) {
	case IC_KVP_OP_GET:
		return sim_kvp_build_get(ic, r->pool, r->key);
	case IC_KVP_OP_SET:
		m = sim_kvp_start(ic, r->op, r->pool);
		ksize = sim_kvp_utf16(r->key, m->data.key, sizeof(m->data.key));
		vsize = sim_kvp_utf16(r->value, (u16 *)m->data.value,
				      sizeof(m->data.value));
		if (ksize < 0 || vsize < 0)
			return -EINVAL;
		m->data.value_type = IC_KVP_REG_SZ;
		m->data.key_size = ksize;
		m->data.value_size = vsize;
		return SIM_KVP_BODY_LEN;
	case IC_KVP_OP_DELETE:
		d = (struct ic_kvp_msg_delete *)sim_kvp_start(ic, r->op, r->pool);
		ksize = sim_kvp_utf16(r->key, d->key, sizeof(d->key));
		if (ksize < 0)
			return -EINVAL;
		d->key_size = ksize;
		return SIM_KVP_BODY_LEN;
	case IC_KVP_OP_ENUMERATE:
		e = (struct ic_kvp_msg_enumerate *)sim_kvp_start(ic, r->op, r->pool);
		e->index = r->index;
		e->data.value_type = IC_KVP_REG_SZ;
		return SIM_KVP_BODY_LEN;
	case IC_KVP_OP_GET_IP_INFO:
		return sim_kvp_build_ip(ic, r);
	}
	return -EINVAL;
}

static int sim_kvp_send(struct sim_ic *ic, struct sim_ic_svc *s)
{
	int len = sim_kvp_build(ic, &ic->kvp.req);
	int ret;

	if (len < 0)
		return len;
	ret = sim_ic_request(s, len, 0);
	if (!ret)
		ic->kvp.sent = true;
	return ret;
}

static void sim_kvp_ready(struct sim_ic *ic, struct sim_ic_svc *s)
{
	int ret;

	if (!ic->kvp.pending || ic->kvp.sent)
		return;
	ret = sim_kvp_send(ic, s);
	if (ret)
		pr_warn("ic kvp: held request not sent: %d\n", ret);
}

static void sim_kvp_closed(struct sim_ic *ic, struct sim_ic_svc *s)
{
	ic->kvp.sent = false;
}

/* Key and value of a GET or ENUMERATE answer, the value at @off. */
static bool sim_kvp_take_value(struct sim_ic *ic, const struct ic_hdr *hdr,
			       const u8 *body, u32 off)
{
	const u8 *v = body + off;
	u32 type, ksize, vsize;
	u64 num = 0;

	if (hdr->size < off + offsetof(struct ic_kvp_value, value))
		return false;
	memcpy(&type, v + offsetof(struct ic_kvp_value, value_type), sizeof(type));
	memcpy(&ksize, v + offsetof(struct ic_kvp_value, key_size), sizeof(ksize));
	memcpy(&vsize, v + offsetof(struct ic_kvp_value, value_size), sizeof(vsize));
	if (ksize > IC_KVP_MAX_KEY || vsize > IC_KVP_MAX_VALUE ||
	    hdr->size < off + offsetof(struct ic_kvp_value, value) + vsize)
		return false;
	sim_kvp_utf8((const u16 *)(v + offsetof(struct ic_kvp_value, key)),
		     ksize / 2, ic->kvp.key, sizeof(ic->kvp.key));
	v += offsetof(struct ic_kvp_value, value);
	switch (type) {
	case IC_KVP_REG_SZ:
	case IC_KVP_REG_EXPAND_SZ:
		sim_kvp_utf8((const u16 *)v, vsize / 2, ic->kvp.value,
			     sizeof(ic->kvp.value));
		return true;
	case IC_KVP_REG_DWORD:
		if (vsize < sizeof(u32))
			return false;
		memcpy(&num, v, sizeof(u32));
		break;
	case IC_KVP_REG_U64_LINUX:
	case IC_KVP_REG_QWORD:
		if (vsize < sizeof(u64))
			return false;
		memcpy(&num, v, sizeof(u64));
		break;
	default:
		return false;
	}
	snprintf(ic->kvp.value, sizeof(ic->kvp.value), "%llu", num);
	return true;
}

/* GET_IP_INFO: the adapter as key, its addresses as value. */
static bool sim_kvp_take_ip(struct sim_ic *ic, const struct ic_hdr *hdr,
			    const u8 *body)
{
	const struct ic_kvp_ip_info *info;

	if (hdr->size < sizeof(struct ic_kvp_msg_ip))
		return false;
	info = (const struct ic_kvp_ip_info *)(body + offsetof(struct ic_kvp_msg_ip, info));
	sim_kvp_utf8(info->adapter_id, IC_KVP_ADAPTER_ID_LEN, ic->kvp.key,
		     sizeof(ic->kvp.key));
	sim_kvp_utf8(info->ip_addr, IC_KVP_IP_ADDR_LEN, ic->kvp.value,
		     sizeof(ic->kvp.value));
	return true;
}

static bool sim_kvp_answer(struct sim_ic *ic, struct sim_ic_svc *s,
			   const struct sim_ic_req *req, const struct ic_hdr *hdr,
			   const u8 *body)
{
	const struct sim_kvp_request *r = &ic->kvp.req;
	bool good = true;

	if (!ic->kvp.pending || !ic->kvp.sent)
		return false;
	ic->kvp.pending = false;
	ic->kvp.sent = false;
	ic->kvp.status = hdr->status;
	ic->kvp.key[0] = '\0';
	ic->kvp.value[0] = '\0';
	if (hdr->status == IC_STATUS_OK && r->op == IC_KVP_OP_GET)
		good = sim_kvp_take_value(ic, hdr, body,
					  offsetof(struct ic_kvp_msg_value, data));
	else if (hdr->status == IC_STATUS_OK && r->op == IC_KVP_OP_ENUMERATE)
		good = sim_kvp_take_value(ic, hdr, body,
					  offsetof(struct ic_kvp_msg_enumerate, data));
	else if (hdr->status == IC_STATUS_OK && r->op == IC_KVP_OP_GET_IP_INFO)
		good = sim_kvp_take_ip(ic, hdr, body);
	else if (r->op != IC_KVP_OP_ENUMERATE && r->op != IC_KVP_OP_GET_IP_INFO)
		strscpy(ic->kvp.key, r->key, sizeof(ic->kvp.key));
	if (hdr->status == IC_STATUS_OK && r->op == IC_KVP_OP_SET)
		strscpy(ic->kvp.value, r->value, sizeof(ic->kvp.value));
	if (!good)
		pr_warn_ratelimited("ic kvp: invalid answer to operation %u\n",
				    r->op);
	return good;
}

static int sim_kvp_parse(struct sim_kvp_request *r, char **w, int n)
{
	static const char *const ops[] = {
		[IC_KVP_OP_GET] = "get",
		[IC_KVP_OP_SET] = "set",
		[IC_KVP_OP_DELETE] = "delete",
		[IC_KVP_OP_ENUMERATE] = "enum",
		[IC_KVP_OP_GET_IP_INFO] = "ipinfo",
	};
	int op = n > 0 ? match_string(ops, ARRAY_SIZE(ops), w[0]) : -EINVAL;
	int kind;

	memset(r, 0, sizeof(*r));
	if (n == 2 && !strcmp(w[0], "set16")) {
		kind = match_string(sim_kvp_u16_kinds,
				    ARRAY_SIZE(sim_kvp_u16_kinds), w[1]);
		if (kind < 0)
			return -EINVAL;
		r->op = IC_KVP_OP_SET;
		r->bad16 = SIM_KVP_U16_UNTERMINATED + kind;
		snprintf(r->key, sizeof(r->key), "set16:%s", w[1]);
		return 0;
	}
	if (op < 0)
		return -EINVAL;
	r->op = op;
	if (op == IC_KVP_OP_GET_IP_INFO) {
		if (n > 2)
			return -EINVAL;
		if (n == 2)
			strscpy(r->key, w[1], sizeof(r->key));
		return 0;
	}
	if (n != (op == IC_KVP_OP_SET ? 4 : 3) || kstrtou8(w[1], 0, &r->pool) ||
	    r->pool >= IC_KVP_POOL_COUNT)
		return -EINVAL;
	if (op == IC_KVP_OP_ENUMERATE)
		return kstrtou32(w[2], 0, &r->index) ? -EINVAL : 0;
	if (strscpy(r->key, w[2], sizeof(r->key)) < 0)
		return -EINVAL;
	if (op == IC_KVP_OP_SET && strscpy(r->value, w[3], sizeof(r->value)) < 0)
		return -EINVAL;
	return 0;
}

/* One request at a time: -EBUSY while the last one is unanswered. */
static int sim_kvp_cmd(struct sim_ic *ic, struct sim_ic_svc *s, char *args)
{
	char *w[4];
	int n, ret;

	if (ic->kvp.pending)
		return -EBUSY;
	/* Only blanks: a KVP key or value may hold ':' or '='. */
	n = sim_cmd_words(args, " \t", w, ARRAY_SIZE(w));
	if (n < 0 || sim_kvp_parse(&ic->kvp.req, w, n))
		return -EINVAL;
	/* Check the strings now, not when a held request goes out. */
	if (sim_kvp_build(ic, &ic->kvp.req) < 0)
		return -EINVAL;
	ic->kvp.sent = false;
	if (sim_ic_ready(s)) {
		ret = sim_kvp_send(ic, s);
		if (ret)
			return ret;
	}
	ic->kvp.pending = true;
	return 0;
}

static void sim_kvp_show(struct sim_ic *ic, struct sim_ic_svc *s,
			 struct seq_file *m)
{
	seq_printf(m, "pending=%d status=0x%08x key=%s value=%s\n",
		   ic->kvp.pending, ic->kvp.status, ic->kvp.key, ic->kvp.value);
}

static u32 sim_kvp_sample(struct sim_ic *ic)
{
	return sim_kvp_build_get(ic, IC_KVP_POOL_EXTERNAL, SIM_KVP_SAMPLE_KEY);
}

static const char *const sim_kvp_kinds[] = { "bad_pool", "long_key", NULL };

/* bad_pool: a GET from pool 7; long_key: a key_size of 4096 bytes. */
static int sim_kvp_malformed(struct sim_ic *ic, struct sim_ic_svc *s,
			     unsigned int kind)
{
	struct ic_kvp_msg_value *m;
	unsigned int i;

	if (!kind)
		return sim_ic_send_malformed(s, sim_kvp_build_get(ic, SIM_KVP_BAD_POOL,
								  SIM_KVP_SAMPLE_KEY));
	m = sim_kvp_start(ic, IC_KVP_OP_GET, IC_KVP_POOL_EXTERNAL);
	for (i = 0; i < ARRAY_SIZE(m->data.key); i++)
		m->data.key[i] = 'A';
	m->data.key_size = SIM_KVP_LONG_KEY;
	m->data.value_type = IC_KVP_REG_SZ;
	return sim_ic_send_malformed(s, SIM_KVP_BODY_LEN);
}

static const u32 sim_kvp_versions[] = { IC_KVP_V5, IC_KVP_V4, IC_KVP_V3 };

const struct sim_ic_ops sim_ic_kvp_ops = {
	.name = "kvp",
	.type = IC_MSG_KVP,
	.versions = sim_kvp_versions,
	.nversions = ARRAY_SIZE(sim_kvp_versions),
	.ready = sim_kvp_ready,
	.answer = sim_kvp_answer,
	.closed = sim_kvp_closed,
	.cmd = sim_kvp_cmd,
	.show = sim_kvp_show,
	.sample = sim_kvp_sample,
	.kinds = sim_kvp_kinds,
	.malformed = sim_kvp_malformed,
};
