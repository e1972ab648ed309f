// SPDX-License-Identifier: GPL-2.0
/*
 * Heartbeat, host side: every ic_heartbeat_ms the host sends a sequence
 * number and expects it back plus one (include/hv/proto/ic.h).
 */
#include <linux/moduleparam.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "ic.h"

static unsigned int ic_heartbeat_ms = 1000;
module_param(ic_heartbeat_ms, uint, 0644);
MODULE_PARM_DESC(ic_heartbeat_ms,
		 "Heartbeat request period in ms once negotiated (0: none)");

/* While heartbeats are off, look at the parameter this often. */
#define SIM_HB_IDLE_MS		1000

/* Host sends 8 bytes of sequence number and the reserved rest, zero. */
static u32 sim_hb_build(struct sim_ic *ic, u64 seq)
{
	struct ic_heartbeat hb = { .seq_num = seq };

	memcpy(sim_ic_body(ic, sizeof(hb)), &hb, sizeof(hb));
	return sizeof(hb);
}

static void sim_hb_tick(struct sim_ic *ic, struct sim_ic_svc *s)
{
	unsigned int ms = READ_ONCE(ic_heartbeat_ms);

	if (ms && sim_ic_ready(s)) {
		if (!sim_ic_request(s, sim_hb_build(ic, ic->hb.seq + 1),
				    ic->hb.seq + 1))
			ic->hb.seq++;
	}
	sim_ic_schedule(s, ms ? ms : SIM_HB_IDLE_MS);
}

static void sim_hb_ready(struct sim_ic *ic, struct sim_ic_svc *s)
{
	sim_ic_schedule(s, 0);
}

static bool sim_hb_answer(struct sim_ic *ic, struct sim_ic_svc *s,
			  const struct sim_ic_req *req, const struct ic_hdr *hdr,
			  const u8 *body)
{
	u64 seq;

	if (hdr->size < IC_HEARTBEAT_MIN_LEN || hdr->status != IC_STATUS_OK) {
		pr_warn_ratelimited("ic heartbeat: answer of %u bytes, status %#x\n",
				    hdr->size, hdr->status);
		return false;
	}
	memcpy(&seq, body, sizeof(seq));
	if (seq != req->cookie + 1) {
		pr_warn_ratelimited("ic heartbeat: sent %llu, got %llu back\n",
				    req->cookie, seq);
		return false;
	}
	ic->hb.last_seq = seq;
	return true;
}

static void sim_hb_show(struct sim_ic *ic, struct sim_ic_svc *s,
			struct seq_file *m)
{
	seq_printf(m, "sent=%llu answered=%llu bad=%llu last_seq=%llu\n",
		   s->sent, s->answered, s->bad, ic->hb.last_seq);
}

/* For the malformed kinds: a heartbeat whose answer nobody checks. */
static u32 sim_hb_sample(struct sim_ic *ic)
{
	return sim_hb_build(ic, 0x4d414c);
}

static const u32 sim_hb_versions[] = { IC_HEARTBEAT_V3, IC_HEARTBEAT_V1 };

const struct sim_ic_ops sim_ic_heartbeat_ops = {
	.name = "heartbeat",
	.type = IC_MSG_HEARTBEAT,
	.versions = sim_hb_versions,
	.nversions = ARRAY_SIZE(sim_hb_versions),
	.ready = sim_hb_ready,
	.tick = sim_hb_tick,
	.answer = sim_hb_answer,
	.show = sim_hb_show,
	.sample = sim_hb_sample,
};
