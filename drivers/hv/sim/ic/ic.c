// SPDX-License-Identifier: GPL-2.0
/*
 * The host side of the integration services (include/hv/proto/ic.h): one
 * device model for the heartbeat, shutdown, timesync and kvp classes.
 *
 * The host speaks first. Once a channel is open it sends NEGOTIATE with
 * its framework and message versions; the guest answers with one of each.
 * Afterwards the host sends requests (from the services' timers and from
 * debugfs commands) and checks every answer: an in-band packet holding
 * both headers, a pipe header of type data whose size fits the packet, an
 * IC body that fits the pipe message, the transaction and response
 * flags, and the packet and IC transaction ids and the type of a request
 * still waiting. Anything else is counted bad and dropped.
 *
 * One channel per class is served, the first opened; another channel of
 * the class is opened and left alone.
 *
 * debugfs: /sys/kernel/debug/hv_sim/ic/ (Documentation/sim.rst).
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ic.h"

/* Packets read per run before other channels get a turn. */
#define SIM_IC_BUDGET		64

/* An IC message type no service uses, and a version nobody speaks. */
#define SIM_IC_BAD_TYPE		200
#define SIM_IC_BAD_VERSION	IC_VER(99, 0)

static const u32 sim_ic_frameworks[] = { IC_FRAMEWORK_V3, IC_FRAMEWORK_V1 };

static const struct sim_ic_ops *const sim_ic_services[SIM_IC_COUNT] = {
	[SIM_IC_HEARTBEAT]	= &sim_ic_heartbeat_ops,
	[SIM_IC_SHUTDOWN]	= &sim_ic_shutdown_ops,
	[SIM_IC_TIMESYNC]	= &sim_ic_timesync_ops,
	[SIM_IC_KVP]		= &sim_ic_kvp_ops,
};

/* Malformed kinds every service has; the services' own follow. */
enum {
	SIM_MAL_SHORT,
	SIM_MAL_BAD_SIZE,
	SIM_MAL_BAD_TYPE,
	SIM_MAL_BAD_VERSION,
	SIM_MAL_NEG_COUNTS,
	SIM_MAL_NEG_SHORT,
	SIM_MAL_COMMON
};

static const char *const sim_ic_mal_names[SIM_MAL_COMMON] = {
	"short", "bad_size", "bad_type", "bad_version", "neg_counts",
	"neg_short",
};

static const char *const sim_ic_state_names[] = {
	[SIM_IC_NEW]		= "new",
	[SIM_IC_NEGOTIATING]	= "negotiating",
	[SIM_IC_READY]		= "ready",
	[SIM_IC_FAILED]		= "failed",
};

/* A guest answer the host drops: counted against the service, logged. */
static __printf(2, 3) void sim_ic_bad(struct sim_ic_svc *s, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	s->bad++;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_warn_ratelimited("ic %s: %pV", s->ops->name, &vaf);
	va_end(args);
}

/* ---- building and sending requests ------------------------------------ */

/**
 * sim_ic_body() - the request body being built, zeroed
 * @ic: the IC state
 * @len: body bytes needed, at most SIM_IC_MAX_REQ - IC_HDRS_LEN
 *
 * Return: where the body goes; the headers come in front when it is sent.
 */
u8 *sim_ic_body(struct sim_ic *ic, u32 len)
{
	memset(ic->buf + IC_HDRS_LEN, 0, len);
	return ic->buf + IC_HDRS_LEN;
}

/**
 * sim_ic_ready() - the service has a channel with negotiated versions
 * @s: the service
 *
 * Return: true when sim_ic_request() can send.
 */
bool sim_ic_ready(struct sim_ic_svc *s)
{
	return s->chan && s->chan->state == SIM_IC_READY;
}

/**
 * sim_ic_schedule() - run the service's tick after @ms milliseconds
 * @s: the service
 * @ms: delay
 */
void sim_ic_schedule(struct sim_ic_svc *s, unsigned int ms)
{
	mod_delayed_work(s->ic->h->wq, &s->work, msecs_to_jiffies(ms));
}

static void sim_ic_fill(struct sim_ic *ic, const struct ic_hdr *hdr,
			u32 pipe_size)
{
	struct ic_pipe_hdr pipe = {
		.type = IC_PIPE_TYPE_DATA,
		.size = pipe_size,
	};

	memcpy(ic->buf, &pipe, sizeof(pipe));
	memcpy(ic->buf + sizeof(pipe), hdr, sizeof(*hdr));
}

static void sim_ic_set_versions(struct ic_hdr *hdr, u32 framework, u32 version)
{
	hdr->framework.major = IC_VER_MAJOR(framework);
	hdr->framework.minor = IC_VER_MINOR(framework);
	hdr->msg_version.major = IC_VER_MAJOR(version);
	hdr->msg_version.minor = IC_VER_MINOR(version);
}

/* Send @total bytes of ic->buf; a packet held for ring space counts sent. */
static int sim_ic_push(struct sim_ic_chan *c, u32 total, u64 tid)
{
	struct sim_host *h = c->svc->ic->h;
	int ret;

	if (c->ch->stalled)
		return -EAGAIN;
	ret = sim_chan_send(h, c->ch, VMBUS_PKT_DATA_INBAND, 0, tid,
			    c->svc->ic->buf, total);
	if (ret == -EAGAIN)
		ret = 0;
	if (!ret)
		sim_chan_notify(h, c->ch);
	return ret;
}

/* A free inflight slot, else the oldest one, which the caller drops. */
static struct sim_ic_req *sim_ic_slot(struct sim_ic_chan *c)
{
	struct sim_ic_req *oldest = &c->inflight[0];
	unsigned int i;

	for (i = 0; i < SIM_IC_INFLIGHT; i++) {
		if (!c->inflight[i].tid)
			return &c->inflight[i];
		if (c->inflight[i].tid < oldest->tid)
			oldest = &c->inflight[i];
	}
	return oldest;
}

/* Send the body in ic->buf as a request and remember it. */
static int sim_ic_xmit(struct sim_ic_chan *c, u16 type, u32 framework,
		       u32 version, u32 len, u64 cookie)
{
	struct sim_ic_svc *s = c->svc;
	struct sim_ic_req *r = sim_ic_slot(c);
	u64 tid = c->next_tid + 1;
	struct ic_hdr hdr = {
		.type = type,
		.size = len,
		.trans_id = (u8)tid,
		.flags = IC_FLAG_TRANSACTION | IC_FLAG_REQUEST,
	};
	int ret;

	sim_ic_set_versions(&hdr, framework, version);
	sim_ic_fill(s->ic, &hdr, sizeof(hdr) + len);
	ret = sim_ic_push(c, IC_HDRS_LEN + len, tid);
	if (ret)
		return ret;
	c->next_tid = tid;
	if (r->tid) {
		s->lost++;
		pr_warn_ratelimited("ic %s: request %llu never answered\n",
				    s->ops->name, r->tid);
	}
	r->tid = tid;
	r->cookie = cookie;
	r->type = type;
	r->ic_tid = hdr.trans_id;
	return 0;
}

/**
 * sim_ic_request() - send the body built with sim_ic_body() as a request
 * @s: the service, sim_ic_ready()
 * @len: body bytes
 * @cookie: kept with the request for the service's answer check
 *
 * The request carries the negotiated versions and the service's type.
 *
 * Return: 0 when sent (or held for ring space), -EAGAIN when the service
 * is not ready, another error when the channel cannot take it now.
 */
int sim_ic_request(struct sim_ic_svc *s, u32 len, u64 cookie)
{
	struct sim_ic_chan *c = s->chan;
	int ret;

	if (!sim_ic_ready(s))
		return -EAGAIN;
	ret = sim_ic_xmit(c, s->ops->type, c->framework, c->version, len,
			  cookie);
	if (!ret)
		s->sent++;
	return ret;
}

/* ---- negotiation ------------------------------------------------------- */

/*
 * Build a NEGOTIATE body listing our framework versions, then the
 * service's message versions, behind counts @nfw and @nmsg (the real
 * ones, or what a malformed request claims). Return: its length.
 */
static u32 sim_ic_negotiate_body(struct sim_ic_svc *s, u16 nfw, u16 nmsg)
{
	const struct sim_ic_ops *ops = s->ops;
	u32 n = ARRAY_SIZE(sim_ic_frameworks) + ops->nversions;
	struct ic_negotiate neg = {
		.framework_count = nfw,
		.message_count = nmsg,
	};
	u32 len = sizeof(neg) + n * sizeof(struct ic_version);
	struct ic_version v;
	unsigned int i;
	u8 *body;

	body = sim_ic_body(s->ic, len);
	memcpy(body, &neg, sizeof(neg));
	body += sizeof(neg);
	for (i = 0; i < n; i++) {
		u32 ver = i < ARRAY_SIZE(sim_ic_frameworks) ? sim_ic_frameworks[i] :
			  ops->versions[i - ARRAY_SIZE(sim_ic_frameworks)];

		v.major = IC_VER_MAJOR(ver);
		v.minor = IC_VER_MINOR(ver);
		memcpy(body + i * sizeof(v), &v, sizeof(v));
	}
	return len;
}

static int sim_ic_negotiate(struct sim_ic_chan *c)
{
	u32 len = sim_ic_negotiate_body(c->svc, ARRAY_SIZE(sim_ic_frameworks),
					c->svc->ops->nversions);

	/* The versions in the header mean nothing yet: zero, as OpenVMM. */
	return sim_ic_xmit(c, IC_MSG_NEGOTIATE, 0, 0, len, 0);
}

static bool sim_ic_offered(const u32 *list, unsigned int n, struct ic_version v)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (list[i] == IC_VER(v.major, v.minor))
			return true;
	return false;
}

/* The guest's choice: counts 1 and 1, one framework and one message version. */
static void sim_ic_on_negotiate(struct sim_ic_chan *c, const struct ic_hdr *hdr,
				const u8 *body)
{
	struct sim_ic_svc *s = c->svc;
	struct ic_version v[2];
	struct ic_negotiate neg;

	c->state = SIM_IC_FAILED;
	if (hdr->size < sizeof(neg)) {
		sim_ic_bad(s, "NEGOTIATE answer of %u bytes\n", hdr->size);
		return;
	}
	memcpy(&neg, body, sizeof(neg));
	if (!neg.framework_count && !neg.message_count) {
		pr_info("ic %s: the guest supports none of our versions\n",
			s->ops->name);
		return;
	}
	if (neg.framework_count != 1 || neg.message_count != 1 ||
	    hdr->size < IC_NEGOTIATE_ANSWER_LEN || hdr->status != IC_STATUS_OK) {
		sim_ic_bad(s, "NEGOTIATE answer: counts %u/%u, %u bytes, status %#x\n",
			   neg.framework_count, neg.message_count, hdr->size,
			   hdr->status);
		return;
	}
	memcpy(v, body + sizeof(neg), sizeof(v));
	if (!sim_ic_offered(sim_ic_frameworks, ARRAY_SIZE(sim_ic_frameworks), v[0]) ||
	    !sim_ic_offered(s->ops->versions, s->ops->nversions, v[1])) {
		sim_ic_bad(s, "NEGOTIATE answer chose %u.%u/%u.%u, never offered\n",
			   v[0].major, v[0].minor, v[1].major, v[1].minor);
		return;
	}
	c->framework = IC_VER(v[0].major, v[0].minor);
	c->version = IC_VER(v[1].major, v[1].minor);
	c->state = SIM_IC_READY;
	pr_info("ic %s: framework %u.%u, message version %u.%u\n",
		s->ops->name, v[0].major, v[0].minor, v[1].major, v[1].minor);
	s->ops->ready(s->ic, s);
}

/* ---- malformed requests ------------------------------------------------ */

/* Versions for a malformed request: the negotiated ones, or our newest. */
static void sim_ic_mal_versions(struct sim_ic_svc *s, struct ic_hdr *hdr)
{
	struct sim_ic_chan *c = s->chan;

	if (c->state == SIM_IC_READY)
		sim_ic_set_versions(hdr, c->framework, c->version);
	else
		sim_ic_set_versions(hdr, sim_ic_frameworks[0], s->ops->versions[0]);
}

static int sim_ic_mal_push(struct sim_ic_svc *s, u32 total)
{
	struct sim_ic *ic = s->ic;
	int ret;

	ret = sim_ic_push(s->chan, total, SIM_IC_TID_MALFORMED | (ic->mal_sent + 1));
	if (!ret) {
		ic->mal_sent++;
		ic->h->stats.malformed++;
	}
	return ret;
}

/**
 * sim_ic_send_malformed() - send a service's invalid body, framed correctly
 * @s: the service, with an open channel
 * @len: body bytes built with sim_ic_body()
 *
 * Return: 0 when sent, else the channel's error.
 */
int sim_ic_send_malformed(struct sim_ic_svc *s, u32 len)
{
	struct ic_hdr hdr = {
		.type = s->ops->type,
		.size = len,
		.flags = IC_FLAG_TRANSACTION | IC_FLAG_REQUEST,
	};

	sim_ic_mal_versions(s, &hdr);
	sim_ic_fill(s->ic, &hdr, sizeof(hdr) + len);
	return sim_ic_mal_push(s, IC_HDRS_LEN + len);
}

static int sim_ic_send_kind(struct sim_ic_svc *s, unsigned int kind)
{
	struct sim_ic *ic = s->ic;
	struct ic_hdr hdr = {
		.type = s->ops->type,
		.flags = IC_FLAG_TRANSACTION | IC_FLAG_REQUEST,
	};
	u32 len, total;

	if (kind >= SIM_MAL_COMMON)
		return s->ops->malformed(ic, s, kind - SIM_MAL_COMMON);
	len = s->ops->sample(ic);
	hdr.size = len;
	total = IC_HDRS_LEN + len;
	sim_ic_mal_versions(s, &hdr);
	switch (kind) {
	case SIM_MAL_SHORT:
		/* The pipe header and half the IC header. */
		total = sizeof(struct ic_pipe_hdr) + sizeof(struct ic_hdr) / 2;
		sim_ic_fill(ic, &hdr, sizeof(struct ic_hdr) / 2);
		return sim_ic_mal_push(s, total);
	case SIM_MAL_BAD_SIZE:
		hdr.size = len + 256;
		break;
	case SIM_MAL_BAD_TYPE:
		hdr.type = SIM_IC_BAD_TYPE;
		break;
	case SIM_MAL_BAD_VERSION:
		if (s->chan->state == SIM_IC_READY)
			sim_ic_set_versions(&hdr, s->chan->framework,
					    SIM_IC_BAD_VERSION);
		break;
	case SIM_MAL_NEG_COUNTS:
	case SIM_MAL_NEG_SHORT:
		/*
		 * NEGOTIATE claiming more versions than the limit (the body
		 * holds the real ones), or the real counts with the body cut
		 * inside the last version.
		 */
		hdr.type = IC_MSG_NEGOTIATE;
		sim_ic_set_versions(&hdr, 0, 0);
		if (kind == SIM_MAL_NEG_COUNTS)
			len = sim_ic_negotiate_body(s, IC_NEGOTIATE_MAX_COUNT + 1,
						    U16_MAX);
		else
			len = sim_ic_negotiate_body(s, ARRAY_SIZE(sim_ic_frameworks),
						    s->ops->nversions) - 2;
		hdr.size = len;
		total = IC_HDRS_LEN + len;
		break;
	}
	sim_ic_fill(ic, &hdr, sizeof(hdr) + len);
	return sim_ic_mal_push(s, total);
}

/* Kinds armed while no channel was open go out before NEGOTIATE. */
static void sim_ic_send_armed(struct sim_ic_svc *s)
{
	unsigned long kinds = s->armed;
	unsigned int k;
	int ret;

	s->armed = 0;
	for_each_set_bit(k, &kinds, BITS_PER_LONG) {
		ret = sim_ic_send_kind(s, k);
		if (ret)
			pr_warn("ic %s: armed malformed request not sent: %d\n",
				s->ops->name, ret);
	}
}

static int sim_ic_kind_index(const struct sim_ic_ops *ops, const char *kind)
{
	int i = match_string(sim_ic_mal_names, SIM_MAL_COMMON, kind);

	if (i >= 0 || !ops->kinds)
		return i;
	i = match_string(ops->kinds, -1, kind);
	return i < 0 ? i : SIM_MAL_COMMON + i;
}

/* "SERVICE KIND": send now, or arm for the service's next open. */
static int sim_ic_cmd_malformed(struct sim_ic *ic, char *buf)
{
	struct sim_ic_svc *s = NULL;
	unsigned int i;
	char *w[2];
	int k;

	if (sim_cmd_words(buf, " \t", w, ARRAY_SIZE(w)) != 2)
		return -EINVAL;
	for (i = 0; i < SIM_IC_COUNT; i++)
		if (!strcmp(w[0], ic->svc[i].ops->name))
			s = &ic->svc[i];
	if (!s)
		return -EINVAL;
	k = sim_ic_kind_index(s->ops, w[1]);
	if (k < 0)
		return -EINVAL;
	if (!s->chan) {
		s->armed |= BIT(k);
		return 0;
	}
	return sim_ic_send_kind(s, k);
}

/* ---- answers ----------------------------------------------------------- */

static struct sim_ic_req *sim_ic_find(struct sim_ic_chan *c, u64 tid)
{
	unsigned int i;

	for (i = 0; i < SIM_IC_INFLIGHT; i++)
		if (c->inflight[i].tid == tid)
			return &c->inflight[i];
	return NULL;
}

static void sim_ic_on_packet(struct sim_host *h, struct sim_channel *ch,
			     const struct hv_ring_pkt *pkt)
{
	struct sim_ic_chan *c = ch->model_priv;
	const u8 *p = ch->rxbuf + pkt->payload_offset;
	u32 plen = pkt->len - pkt->payload_offset;
	struct sim_ic_svc *s = c->svc;
	struct ic_pipe_hdr pipe;
	struct sim_ic_req req, *slot;
	struct ic_hdr hdr;

	if (pkt->desc.type != VMBUS_PKT_DATA_INBAND) {
		sim_ic_bad(s, "packet type %u\n", pkt->desc.type);
		return;
	}
	if (pkt->desc.trans_id & SIM_IC_TID_MALFORMED) {
		s->ic->mal_answers++;
		return;
	}
	if (plen < IC_HDRS_LEN) {
		sim_ic_bad(s, "answer of %u bytes\n", plen);
		return;
	}
	memcpy(&pipe, p, sizeof(pipe));
	memcpy(&hdr, p + sizeof(pipe), sizeof(hdr));
	slot = sim_ic_find(c, pkt->desc.trans_id);
	if (!slot) {
		sim_ic_bad(s, "answer to unknown transaction %llu\n",
			   pkt->desc.trans_id);
		return;
	}
	req = *slot;
	slot->tid = 0;
	if (pipe.type != IC_PIPE_TYPE_DATA || pipe.size > plen - sizeof(pipe) ||
	    sizeof(hdr) + hdr.size > pipe.size) {
		sim_ic_bad(s, "pipe type %u size %u, IC size %u in %u bytes\n",
			   pipe.type, pipe.size, hdr.size, plen);
		return;
	}
	if (!(hdr.flags & IC_FLAG_TRANSACTION) || !(hdr.flags & IC_FLAG_RESPONSE) ||
	    hdr.trans_id != req.ic_tid || hdr.type != req.type) {
		sim_ic_bad(s, "answer flags %#x, IC id %u type %u for id %u type %u\n",
			   hdr.flags, hdr.trans_id, hdr.type, req.ic_tid, req.type);
		return;
	}
	if (req.type == IC_MSG_NEGOTIATE) {
		sim_ic_on_negotiate(c, &hdr, p + IC_HDRS_LEN);
		return;
	}
	if (s->ops->answer(s->ic, s, &req, &hdr, p + IC_HDRS_LEN))
		s->answered++;
	else
		s->bad++;
}

/* ---- the device model -------------------------------------------------- */

static struct sim_ic_svc *sim_ic_svc_of(struct sim_ic *ic,
					const struct sim_class *cls)
{
	unsigned int i;

	for (i = 0; i < SIM_IC_COUNT; i++)
		if (!strcmp(cls->name, ic->svc[i].ops->name))
			return &ic->svc[i];
	return NULL;
}

static int sim_ic_open(struct sim_host *h, struct sim_channel *ch)
{
	struct sim_ic_svc *s = sim_ic_svc_of(h->ic, ch->cls);
	struct sim_ic_chan *c;

	if (!s)
		return -ENODEV;
	if (s->chan) {
		pr_info("ic %s: relid %u left alone, relid %u is served\n",
			s->ops->name, ch->relid, s->chan->ch->relid);
		return 0;
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->svc = s;
	c->ch = ch;
	ch->model_priv = c;
	s->chan = c;
	return 0;
}

/*
 * The first run comes right after the open: once OPEN_RESULT has left
 * (as on a real host, the device starts after answering the open), send
 * what was armed, then NEGOTIATE. Then drain the guest's answers,
 * interrupts masked meanwhile.
 */
static void sim_ic_run(struct sim_host *h, struct sim_channel *ch)
{
	struct sim_ic_chan *c = ch->model_priv;

	if (!c)
		return;
	if (c->state == SIM_IC_NEW) {
		if (!list_empty(&h->txq)) {
			sim_ic_schedule(c->svc, 1);
			return;
		}
		sim_ic_send_armed(c->svc);
		if (!sim_ic_negotiate(c))
			c->state = SIM_IC_NEGOTIATING;
	}
	sim_chan_drain(h, ch, SIM_IC_BUDGET, NULL, sim_ic_on_packet);
}

static void sim_ic_close(struct sim_host *h, struct sim_channel *ch)
{
	struct sim_ic_chan *c = ch->model_priv;
	struct sim_ic_svc *s;

	if (!c)
		return;
	s = c->svc;
	s->chan = NULL;
	/* Not _sync: the work takes the lock we hold, and finds no channel. */
	cancel_delayed_work(&s->work);
	if (s->ops->closed)
		s->ops->closed(s->ic, s);
	kfree(c);
}

static void sim_ic_work(struct work_struct *work)
{
	struct sim_ic_svc *s = container_of(to_delayed_work(work),
					    struct sim_ic_svc, work);
	struct sim_host *h = s->ic->h;
	struct sim_ic_chan *c;

	mutex_lock(&h->lock);
	c = h->stopping ? NULL : s->chan;
	if (c && c->state == SIM_IC_NEW)
		sim_kick_channel(h, c->ch);	/* OPEN_RESULT has left? */
	else if (c && s->ops->tick)
		s->ops->tick(s->ic, s);
	mutex_unlock(&h->lock);
}

/* ---- debugfs ----------------------------------------------------------- */

static int sim_ic_svc_show(struct seq_file *m, void *unused)
{
	struct sim_ic_svc *s = m->private;
	struct sim_host *h = s->ic->h;

	mutex_lock(&h->lock);
	s->ops->show(s->ic, s, m);
	mutex_unlock(&h->lock);
	return 0;
}

static int sim_ic_malformed_show(struct seq_file *m, void *unused)
{
	struct sim_ic *ic = m->private;

	mutex_lock(&ic->h->lock);
	seq_printf(m, "sent=%llu answers=%llu\n", ic->mal_sent, ic->mal_answers);
	mutex_unlock(&ic->h->lock);
	return 0;
}

/* One line per service: channel state, versions and every counter. */
static int sim_ic_stats_show(struct seq_file *m, void *unused)
{
	struct sim_ic *ic = m->private;
	struct sim_ic_chan *c;
	struct sim_ic_svc *s;
	unsigned int i;

	mutex_lock(&ic->h->lock);
	for (i = 0; i < SIM_IC_COUNT; i++) {
		s = &ic->svc[i];
		c = s->chan;
		seq_printf(m, "%s state=%s framework=%u.%u version=%u.%u sent=%llu answered=%llu bad=%llu lost=%llu\n",
			   s->ops->name, c ? sim_ic_state_names[c->state] : "closed",
			   c ? IC_VER_MAJOR(c->framework) : 0,
			   c ? IC_VER_MINOR(c->framework) : 0,
			   c ? IC_VER_MAJOR(c->version) : 0,
			   c ? IC_VER_MINOR(c->version) : 0,
			   s->sent, s->answered, s->bad, s->lost);
	}
	mutex_unlock(&ic->h->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_ic_stats);

static ssize_t sim_ic_svc_write(struct file *file, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	struct sim_ic_svc *s = file_inode(file)->i_private;
	struct sim_host *h = s->ic->h;
	char *buf;
	int ret;

	if (!s->ops->cmd)
		return -EINVAL;
	buf = sim_cmd_copy(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	mutex_lock(&h->lock);
	ret = s->ops->cmd(s->ic, s, strim(buf));
	mutex_unlock(&h->lock);
	kfree(buf);
	return ret ? ret : len;
}

static int sim_ic_malformed_cmd(struct sim_host *h, char *buf)
{
	return sim_ic_cmd_malformed(h->ic, buf);
}

static ssize_t sim_ic_malformed_write(struct file *file,
				      const char __user *ubuf, size_t len,
				      loff_t *ppos)
{
	struct sim_ic *ic = file_inode(file)->i_private;

	return sim_cmd_write(ic->h, ubuf, len, sim_ic_malformed_cmd);
}

static int sim_ic_svc_open(struct inode *inode, struct file *file)
{
	return single_open(file, sim_ic_svc_show, inode->i_private);
}

static int sim_ic_malformed_open(struct inode *inode, struct file *file)
{
	return single_open(file, sim_ic_malformed_show, inode->i_private);
}

static const struct file_operations sim_ic_svc_fops = {
	.owner = THIS_MODULE,
	.open = sim_ic_svc_open,
	.read = seq_read,
	.write = sim_ic_svc_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static const struct file_operations sim_ic_malformed_fops = {
	.owner = THIS_MODULE,
	.open = sim_ic_malformed_open,
	.read = seq_read,
	.write = sim_ic_malformed_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/**
 * sim_ic_init() - set up the integration services and debugfs "ic/"
 * @h: the host, before it attaches to the guest
 *
 * Return: 0 or -ENOMEM.
 */
static int sim_ic_init(struct sim_host *h)
{
	struct sim_ic *ic;
	struct sim_ic_svc *s;
	unsigned int i;

	ic = kzalloc(sizeof(*ic), GFP_KERNEL);
	if (!ic)
		return -ENOMEM;
	ic->buf = kzalloc(SIM_IC_MAX_REQ, GFP_KERNEL);
	if (!ic->buf) {
		kfree(ic);
		return -ENOMEM;
	}
	ic->h = h;
	for (i = 0; i < SIM_IC_COUNT; i++) {
		s = &ic->svc[i];
		s->ops = sim_ic_services[i];
		s->ic = ic;
		INIT_DELAYED_WORK(&s->work, sim_ic_work);
	}
	sim_ic_timesync_init(ic);
	h->ic = ic;

	ic->dir = debugfs_create_dir("ic", h->debugfs);
	for (i = 0; i < SIM_IC_COUNT; i++) {
		s = &ic->svc[i];
		debugfs_create_file(s->ops->name, s->ops->cmd ? 0644 : 0444,
				    ic->dir, s, &sim_ic_svc_fops);
	}
	debugfs_create_file("malformed", 0644, ic->dir, ic,
			    &sim_ic_malformed_fops);
	debugfs_create_file("stats", 0444, ic->dir, ic, &sim_ic_stats_fops);
	return 0;
}

/**
 * sim_ic_exit() - free the integration services' state
 * @h: the host, its channels stopped and debugfs removed
 */
static void sim_ic_exit(struct sim_host *h)
{
	struct sim_ic *ic = h->ic;
	unsigned int i;

	if (!ic)
		return;
	for (i = 0; i < SIM_IC_COUNT; i++)
		cancel_delayed_work_sync(&ic->svc[i].work);
	h->ic = NULL;
	kfree(ic->buf);
	kfree(ic);
}

const struct sim_model sim_ic_model = {
	.init = sim_ic_init,
	.exit = sim_ic_exit,
	.open = sim_ic_open,
	.run = sim_ic_run,
	.close = sim_ic_close,
};
