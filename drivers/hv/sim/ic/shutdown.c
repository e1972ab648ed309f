// SPDX-License-Identifier: GPL-2.0
/*
 * Shutdown, host side: on a debugfs command the host asks the guest to
 * power off, reboot or hibernate (include/hv/proto/ic.h) and records the
 * status the guest answers. A command written before the channel is
 * negotiated is sent right after negotiation.
 */
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "ic.h"

/* Reserved bits only: no guest may act on these. */
#define SIM_SD_BAD_FLAGS	0xf0

/* The whole message, text empty, as OpenVMM's host sends it. */
static u32 sim_sd_build(struct sim_ic *ic, u32 flags)
{
	struct ic_shutdown *msg;

	msg = (struct ic_shutdown *)sim_ic_body(ic, sizeof(*msg));
	msg->flags = flags;
	return sizeof(*msg);
}

static int sim_sd_send(struct sim_ic *ic, struct sim_ic_svc *s, u32 flags)
{
	return sim_ic_request(s, sim_sd_build(ic, flags), flags);
}

static void sim_sd_ready(struct sim_ic *ic, struct sim_ic_svc *s)
{
	int ret;

	if (!ic->sd.held)
		return;
	ic->sd.held = false;
	ret = sim_sd_send(ic, s, ic->sd.held_flags);
	if (ret)
		pr_warn("ic shutdown: held request not sent: %d\n", ret);
}

static bool sim_sd_answer(struct sim_ic *ic, struct sim_ic_svc *s,
			  const struct sim_ic_req *req, const struct ic_hdr *hdr,
			  const u8 *body)
{
	ic->sd.last_status = hdr->status;
	return true;
}

/* "poweroff" | "reboot" | "hibernate" | "flags N" */
static int sim_sd_parse(const char *args, u32 *flags)
{
	if (!strcmp(args, "poweroff"))
		*flags = 0;
	else if (!strcmp(args, "reboot"))
		*flags = IC_SHUTDOWN_RESTART;
	else if (!strcmp(args, "hibernate"))
		*flags = IC_SHUTDOWN_HIBERNATE;
	else if (!strncmp(args, "flags", 5) && isspace(args[5]))
		return kstrtou32(skip_spaces(args + 5), 0, flags) ? -EINVAL : 0;
	else
		return -EINVAL;
	return 0;
}

static int sim_sd_cmd(struct sim_ic *ic, struct sim_ic_svc *s, char *args)
{
	u32 flags;

	if (sim_sd_parse(args, &flags))
		return -EINVAL;
	if (sim_ic_ready(s))
		return sim_sd_send(ic, s, flags);
	ic->sd.held = true;
	ic->sd.held_flags = flags;
	return 0;
}

static void sim_sd_show(struct sim_ic *ic, struct sim_ic_svc *s,
			struct seq_file *m)
{
	seq_printf(m, "sent=%llu answered=%llu last_status=0x%08x\n",
		   s->sent, s->answered, ic->sd.last_status);
}

/*
 * For the malformed kinds: a power-off request, so that a guest acting on
 * a request it should have refused takes the test VM down.
 */
static u32 sim_sd_sample(struct sim_ic *ic)
{
	return sim_sd_build(ic, 0);
}

static const char *const sim_sd_kinds[] = { "bad_flags", NULL };

static int sim_sd_malformed(struct sim_ic *ic, struct sim_ic_svc *s,
			    unsigned int kind)
{
	return sim_ic_send_malformed(s, sim_sd_build(ic, SIM_SD_BAD_FLAGS));
}

static const u32 sim_sd_versions[] = {
	IC_SHUTDOWN_V3_2, IC_SHUTDOWN_V3_1, IC_SHUTDOWN_V3, IC_SHUTDOWN_V1,
};

const struct sim_ic_ops sim_ic_shutdown_ops = {
	.name = "shutdown",
	.type = IC_MSG_SHUTDOWN,
	.versions = sim_sd_versions,
	.nversions = ARRAY_SIZE(sim_sd_versions),
	.ready = sim_sd_ready,
	.answer = sim_sd_answer,
	.cmd = sim_sd_cmd,
	.show = sim_sd_show,
	.sample = sim_sd_sample,
	.kinds = sim_sd_kinds,
	.malformed = sim_sd_malformed,
};
