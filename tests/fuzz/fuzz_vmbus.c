// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the VMBus control plane's checks of what the host
 * sends (drivers/hv/vmbus/wire.c): the SynIC message header, every
 * channel message, offers, and the answers to the guest's requests.
 *
 * The input is a struct fuzz_in, zero-filled past the input's end: a
 * SynIC message slot as the host writes it, the version the guest
 * offered, the relid it waits on, and a raw length. The message goes the
 * way the core takes it: the header is copied and checked, then exactly
 * payload_size bytes are copied into a heap block of that size (so a
 * check that reads beyond the message trips ASan) and checked as a
 * channel message, then per type as an offer or an answer. Each result
 * is compared with the rules of Documentation/vmbus.rst, written out
 * here from include/hv/proto/vmbus.h: which types the host may send,
 * how long each is, which relids and monitor ids an offer may carry,
 * and what each answer must say to count as success.
 *
 * Built by tests/userspace/Makefile ("make fuzz-vmbus", "make test",
 * "make fuzz-seeds"), like the other targets.
 */
#include <linux/kernel.h>
#include <hv/vmbus.h>
#include "wire.h"
#include "fuzz.h"

struct fuzz_in {
	struct hv_synic_msg msg;	/* the slot, as the host wrote it */
	u32 version;			/* the version the guest offered */
	u32 relid;			/* the channel the guest waits on */
	u16 raw_len;			/* a length for vmbus_chmsg_check() */
} __packed;

/* Smallest length of each message the host may send, 0 for the others. */
static u32 host_msg_len(u32 type)
{
	switch (type) {
	case VMBUS_CHMSG_OFFER:
		return sizeof(struct vmbus_chmsg_offer);
	case VMBUS_CHMSG_RESCIND:
		return sizeof(struct vmbus_chmsg_rescind);
	case VMBUS_CHMSG_ALL_OFFERS_DELIVERED:
	case VMBUS_CHMSG_UNLOAD_RESPONSE:
		return sizeof(struct vmbus_chmsg_header);
	case VMBUS_CHMSG_OPEN_RESULT:
		return sizeof(struct vmbus_chmsg_open_result);
	case VMBUS_CHMSG_GPADL_CREATED:
		return sizeof(struct vmbus_chmsg_gpadl_created);
	case VMBUS_CHMSG_GPADL_TORNDOWN:
		return sizeof(struct vmbus_chmsg_gpadl_torndown);
	case VMBUS_CHMSG_VERSION_RESPONSE:
		return sizeof(struct vmbus_chmsg_version_response);
	case VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE:
		return sizeof(struct vmbus_chmsg_modify_channel_response);
	default:
		return 0;
	}
}

static void fuzz_offer(const struct vmbus_chmsg_offer *o)
{
	bool ok = o->child_relid >= 1 &&
		  o->child_relid < HV_SYNIC_EVENT_FLAGS_COUNT &&
		  (!(o->monitor_flags & VMBUS_OFFER_MONITOR_ALLOCATED) ||
		   o->monitor_id < VMBUS_MONITOR_ID_COUNT);

	CHECK(vmbus_offer_check(o) == (ok ? 0 : -EBADMSG));
}

static void fuzz_version(const struct vmbus_chmsg_version_response *r,
			 u32 version)
{
	u32 id = 0x5a5a5a5a;
	int ret = vmbus_version_answer(r, version, &id);

	if (!r->version_supported) {
		CHECK(ret == 0);
	} else if (r->connection_state != VMBUS_CONN_STATE_SUCCESS) {
		CHECK(ret == -ECONNREFUSED);
	} else if (version < VMBUS_VERSION_V5_0) {
		CHECK(ret == 1);
	} else if (r->msg_conn_id == 0 ||
		   r->msg_conn_id > HV_CONNECTION_ID_MASK) {
		CHECK(ret == -EPROTO);
	} else {
		CHECK(ret == 1 && id == r->msg_conn_id);
		return;
	}
	/* The connection id is taken only from an accepting 5.0+ answer. */
	CHECK(id == 0x5a5a5a5a);
}

/* An answer of @type: its key, and whether it says success. */
static void fuzz_answer(u32 type, const void *msg, const struct fuzz_in *in)
{
	const struct vmbus_chmsg_open_result *open = msg;
	const struct vmbus_chmsg_gpadl_created *gpadl = msg;
	const struct vmbus_chmsg_gpadl_torndown *torn = msg;
	const struct vmbus_chmsg_modify_channel_response *mod = msg;
	u32 key = vmbus_chmsg_answer_key(type, msg);

	switch (type) {
	case VMBUS_CHMSG_OPEN_RESULT:
		CHECK(key == open->child_relid);
		CHECK(!vmbus_open_answer(open, in->relid) ==
		      (open->child_relid == in->relid &&
		       open->open_id == in->relid && !open->status));
		break;
	case VMBUS_CHMSG_GPADL_CREATED:
		CHECK(key == gpadl->gpadl);
		CHECK(!vmbus_gpadl_answer(gpadl, in->relid) ==
		      (gpadl->child_relid == in->relid && !gpadl->status));
		break;
	case VMBUS_CHMSG_GPADL_TORNDOWN:
		CHECK(key == torn->gpadl);
		break;
	case VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE:
		CHECK(key == mod->child_relid);
		CHECK(!vmbus_modify_answer(mod) == !mod->status);
		break;
	case VMBUS_CHMSG_VERSION_RESPONSE:
		CHECK(key == 0);
		fuzz_version(msg, in->version);
		break;
	default:
		CHECK(key == 0);
	}
}

int HV_FUZZ_ENTRY(const u8 *data, size_t size)
{
	struct fuzz_in in = { 0 };
	struct hv_synic_msg_header hdr;
	u32 type, min;
	int n, ret;
	u8 *msg;

	memcpy(&in, data, min(size, sizeof(in)));

	/* Any length: over the slot is refused before anything is read. */
	ret = vmbus_chmsg_check(in.msg.payload,
				min_t(u32, in.raw_len, HV_SYNIC_MSG_PAYLOAD_MAX));
	if (in.raw_len > HV_SYNIC_MSG_PAYLOAD_MAX)
		CHECK(vmbus_chmsg_check(in.msg.payload, in.raw_len) == -EBADMSG);
	CHECK(ret == -EBADMSG || ret < VMBUS_CHMSG_COUNT);

	memcpy(&hdr, &in.msg.header, sizeof(hdr));
	n = vmbus_synic_msg_check(&hdr);
	if (hdr.type != HV_SYNIC_MSG_TYPE_VMBUS ||
	    hdr.payload_size < sizeof(struct vmbus_chmsg_header) ||
	    hdr.payload_size > HV_SYNIC_MSG_PAYLOAD_MAX) {
		CHECK(n == -EBADMSG);
		return 0;
	}
	CHECK(n == hdr.payload_size);

	msg = malloc(n);
	CHECK(msg);
	memcpy(msg, in.msg.payload, n);
	type = ((struct vmbus_chmsg_header *)msg)->type;
	min = type < VMBUS_CHMSG_COUNT ? host_msg_len(type) : 0;
	ret = vmbus_chmsg_check(msg, n);
	if (!min || n < min) {
		CHECK(ret == -EBADMSG);
		goto out;
	}
	CHECK(ret == (int)type);
	if (type == VMBUS_CHMSG_OFFER)
		fuzz_offer((const void *)msg);
	else
		fuzz_answer(type, msg, &in);
out:
	free(msg);
	return 0;
}

#ifdef HV_FUZZ_SEEDS
/* Write a seed corpus: every message type, well-formed and not. */
struct seed {
	const char *name;
	u32 synic_type;
	u32 len;		/* payload_size */
	u32 type;		/* channel message type */
	u32 version;
	u32 relid;		/* the relid waited on */
	u32 w[4];		/* the first four words after the header */
};

#define SYNIC	HV_SYNIC_MSG_TYPE_VMBUS
#define OFFER_LEN	sizeof(struct vmbus_chmsg_offer)
#define V5_0	VMBUS_VERSION_V5_0
#define V4_1	VMBUS_VERSION_V4_1

static const struct seed seeds[] = {
	{ "synic-other-type", 2, 16, VMBUS_CHMSG_RESCIND },
	{ "synic-empty", SYNIC, 0, 0 },
	{ "synic-too-big", SYNIC, 241, VMBUS_CHMSG_RESCIND },
	{ "guest-type", SYNIC, 16, VMBUS_CHMSG_OPEN_CHANNEL },
	{ "unknown-type", SYNIC, 16, 99 },
	{ "rescind", SYNIC, 12, VMBUS_CHMSG_RESCIND, 0, 0, { 5 } },
	{ "rescind-short", SYNIC, 11, VMBUS_CHMSG_RESCIND, 0, 0, { 5 } },
	{ "all-offers", SYNIC, 8, VMBUS_CHMSG_ALL_OFFERS_DELIVERED },
	{ "unload-response", SYNIC, 8, VMBUS_CHMSG_UNLOAD_RESPONSE },
	{ "open-ok", SYNIC, 20, VMBUS_CHMSG_OPEN_RESULT, 0, 7, { 7, 7, 0 } },
	{ "open-other-id", SYNIC, 20, VMBUS_CHMSG_OPEN_RESULT, 0, 7,
	  { 7, 8, 0 } },
	{ "open-failed", SYNIC, 20, VMBUS_CHMSG_OPEN_RESULT, 0, 7,
	  { 7, 7, 0xc0000001 } },
	{ "open-short", SYNIC, 19, VMBUS_CHMSG_OPEN_RESULT, 0, 7, { 7, 7 } },
	{ "gpadl-ok", SYNIC, 20, VMBUS_CHMSG_GPADL_CREATED, 0, 3,
	  { 3, 0x1234, 0 } },
	{ "gpadl-other-relid", SYNIC, 20, VMBUS_CHMSG_GPADL_CREATED, 0, 3,
	  { 4, 0x1234, 0 } },
	{ "gpadl-failed", SYNIC, 20, VMBUS_CHMSG_GPADL_CREATED, 0, 3,
	  { 3, 0x1234, 0xc0000001 } },
	{ "gpadl-torndown", SYNIC, 12, VMBUS_CHMSG_GPADL_TORNDOWN, 0, 0,
	  { 0x1234 } },
	{ "version-refused", SYNIC, 16, VMBUS_CHMSG_VERSION_RESPONSE, V5_0 },
	{ "version-4.1", SYNIC, 16, VMBUS_CHMSG_VERSION_RESPONSE, V4_1, 0,
	  { 1 } },
	{ "version-5.0", SYNIC, 16, VMBUS_CHMSG_VERSION_RESPONSE, V5_0, 0,
	  { 1, 4 } },
	{ "version-conn-refused", SYNIC, 16, VMBUS_CHMSG_VERSION_RESPONSE,
	  V5_0, 0, { 0x101, 4 } },
	{ "version-no-conn-id", SYNIC, 16, VMBUS_CHMSG_VERSION_RESPONSE, V5_0,
	  0, { 1, 0 } },
	{ "version-big-conn-id", SYNIC, 16, VMBUS_CHMSG_VERSION_RESPONSE, V5_0,
	  0, { 1, 0x01000004 } },
	{ "modify-ok", SYNIC, 16, VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE, 0, 9,
	  { 9, 0 } },
	{ "modify-failed", SYNIC, 16, VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE, 0,
	  9, { 9, 1 } },
	{ "modify-short", SYNIC, 15, VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE, 0,
	  9, { 9, 0 } },
};

/* Offers: relid and monitor fields. */
struct offer_seed {
	const char *name;
	u32 len;
	u32 relid;
	u8 monitor_id;
	u8 monitor_flags;
};

static const struct offer_seed offer_seeds[] = {
	{ "offer", OFFER_LEN, 1, 0, 0 },
	{ "offer-monitored", OFFER_LEN, 2047, 127,
	  VMBUS_OFFER_MONITOR_ALLOCATED },
	{ "offer-relid-0", OFFER_LEN, 0, 0, 0 },
	{ "offer-relid-2048", OFFER_LEN, 2048, 0, 0 },
	{ "offer-monitor-128", OFFER_LEN, 3, 128,
	  VMBUS_OFFER_MONITOR_ALLOCATED },
	{ "offer-short", OFFER_LEN - 1, 3, 0, 0 },
};

static void seed_file(const struct fuzz_in *in, const char *dir,
		      const char *name)
{
	fuzz_seed_write(dir, name, in, sizeof(*in));
}

static void seed_write(const struct seed *s, const char *dir)
{
	struct fuzz_in in = {
		.msg.header.type = s->synic_type,
		.msg.header.payload_size = s->len,
		.version = s->version,
		.relid = s->relid,
		.raw_len = s->len,
	};
	struct vmbus_chmsg_header h = { .type = s->type };

	memcpy(in.msg.payload, &h, sizeof(h));
	memcpy(in.msg.payload + sizeof(h), s->w, sizeof(s->w));
	seed_file(&in, dir, s->name);
}

static void offer_seed_write(const struct offer_seed *s, const char *dir)
{
	struct vmbus_chmsg_offer o = {
		.header.type = VMBUS_CHMSG_OFFER,
		.child_relid = s->relid,
		.monitor_id = s->monitor_id,
		.monitor_flags = s->monitor_flags,
	};
	struct fuzz_in in = {
		.msg.header.type = SYNIC,
		.msg.header.payload_size = s->len,
		.raw_len = 300,
	};

	memcpy(in.msg.payload, &o, sizeof(o));
	seed_file(&in, dir, s->name);
}

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(seeds); i++)
		seed_write(&seeds[i], argv[1]);
	for (i = 0; i < ARRAY_SIZE(offer_seeds); i++)
		offer_seed_write(&offer_seeds[i], argv[1]);
	printf("%zu seeds in %s\n", ARRAY_SIZE(seeds) + ARRAY_SIZE(offer_seeds),
	       argv[1]);
	return 0;
}
#endif /* HV_FUZZ_SEEDS */
