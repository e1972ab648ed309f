// SPDX-License-Identifier: GPL-2.0
/*
 * GPADLs on the host side: assembling the page list from GPADL_HEADER and
 * GPADL_BODY messages, checking it (the guest is untrusted input to a
 * host too), tearing it down, and mapping a ring GPADL. Guest memory is
 * reached only through these page lists, as on a real host.
 */
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "host.h"

/* Hyper-V pages per kernel page: 16 on arm64 with 64 KiB pages. */
#define SIM_HV_PER_PAGE		(PAGE_SIZE / HV_PAGE_SIZE)

struct sim_gpadl *sim_gpadl_find(struct sim_host *h, u32 id)
{
	struct sim_gpadl *g;

	list_for_each_entry(g, &h->gpadls, node)
		if (g->id == id)
			return g;
	return NULL;
}

static void sim_gpadl_free(struct sim_host *h, struct sim_gpadl *g)
{
	list_del(&g->node);
	kfree(g->buf);
	kfree(g);
	h->ngpadls--;
}

static void sim_gpadl_created(struct sim_host *h, u32 relid, u32 id,
			      u32 status)
{
	struct vmbus_chmsg_gpadl_created r = {
		.header.type = VMBUS_CHMSG_GPADL_CREATED,
		.child_relid = relid,
		.gpadl = id,
		.status = status,
	};

	if (status)
		h->stats.gpadls_refused++;
	else
		h->stats.gpadls_created++;
	sim_send(h, &r, sizeof(r));
}

static void sim_gpadl_refuse(struct sim_host *h, u32 relid, u32 id,
			     const char *why)
{
	sim_bad(h, "GPADL %#x for relid %u refused: %s\n", id, relid, why);
	sim_gpadl_created(h, relid, id, SIM_STATUS_UNSUCCESSFUL);
}

/* A Hyper-V PFN the host can map: inside the kernel's memory map. */
static bool sim_pfn_ok(u64 hvpfn)
{
	u64 kpfn = hvpfn / SIM_HV_PER_PAGE;

	if (hvpfn > (U64_MAX >> HV_PAGE_SHIFT) || kpfn != (unsigned long)kpfn)
		return false;
	return pfn_valid((unsigned long)kpfn);
}

/* Walk the range records: each well formed, all PFNs mappable, no slack. */
static const char *sim_gpadl_check(const struct sim_gpadl *g)
{
	const struct vmbus_gpa_range *rng;
	u32 off = 0, r, i;
	u64 npfn;

	for (r = 0; r < g->range_count; r++) {
		if (g->buflen - off < sizeof(*rng))
			return "range records overrun the buffer";
		rng = (const void *)(g->buf + off);
		off += sizeof(*rng);
		if (!rng->byte_count || rng->byte_offset >= HV_PAGE_SIZE)
			return "empty range or offset beyond a page";
		npfn = DIV_ROUND_UP_ULL((u64)rng->byte_offset + rng->byte_count,
					HV_PAGE_SIZE);
		if ((g->buflen - off) / sizeof(u64) < npfn)
			return "range longer than its PFN list";
		for (i = 0; i < npfn; i++)
			if (!sim_pfn_ok(rng->pfn[i]))
				return "PFN outside guest memory";
		off += npfn * sizeof(u64);
	}
	return off == g->buflen ? NULL : "bytes after the last range";
}

static void sim_gpadl_finish(struct sim_host *h, struct sim_gpadl *g)
{
	struct sim_channel *ch = sim_live_channel(h, g->relid);
	const char *why = sim_gpadl_check(g);

	if (!why && (!ch || ch->state == SIM_CH_RESCINDED))
		why = "channel gone";
	if (why) {
		sim_gpadl_refuse(h, g->relid, g->id, why);
		sim_gpadl_free(h, g);
		return;
	}
	g->complete = true;
	sim_gpadl_created(h, g->relid, g->id, 0);
}

static const char *sim_gpadl_header_check(struct sim_host *h,
					  const struct vmbus_chmsg_gpadl_header *gh,
					  u32 chunk)
{
	struct sim_channel *ch = sim_live_channel(h, gh->child_relid);

	if (!ch || ch->state == SIM_CH_RESCINDED)
		return "no such channel";
	if (sim_gpadl_find(h, gh->gpadl))
		return "handle in use";
	if (h->ngpadls >= SIM_MAX_GPADLS)
		return "too many GPADLs";
	if (!gh->range_count || gh->range_buflen % sizeof(u64) ||
	    gh->range_buflen < gh->range_count *
			       (sizeof(struct vmbus_gpa_range) + sizeof(u64)) ||
	    chunk % sizeof(u64) || chunk > gh->range_buflen)
		return "bad range count or sizes";
	return NULL;
}

void sim_on_gpadl_header(struct sim_host *h, const void *msg, u32 len)
{
	const struct vmbus_chmsg_gpadl_header *gh = msg;
	u32 chunk = len - sizeof(*gh);
	const char *why = sim_gpadl_header_check(h, gh, chunk);
	struct sim_gpadl *g = NULL;

	if (!why) {
		g = kzalloc(sizeof(*g), GFP_KERNEL);
		if (g)
			g->buf = kmalloc(gh->range_buflen, GFP_KERNEL);
		if (!g || !g->buf)
			why = "out of memory";
	}
	if (why) {
		if (g)
			kfree(g->buf);
		kfree(g);
		sim_gpadl_refuse(h, gh->child_relid, gh->gpadl, why);
		return;
	}
	g->id = gh->gpadl;
	g->relid = gh->child_relid;
	g->buflen = gh->range_buflen;
	g->range_count = gh->range_count;
	memcpy(g->buf, gh->ranges, chunk);
	g->got = chunk;
	list_add_tail(&g->node, &h->gpadls);
	h->ngpadls++;
	if (g->got == g->buflen)
		sim_gpadl_finish(h, g);
}

void sim_on_gpadl_body(struct sim_host *h, const void *msg, u32 len)
{
	const struct vmbus_chmsg_gpadl_body *gb = msg;
	struct sim_gpadl *g = sim_gpadl_find(h, gb->gpadl);
	u32 chunk = len - sizeof(*gb);

	/* Without a GPADL there is no relid to answer to. */
	if (!g || g->complete) {
		sim_bad(h, "GPADL_BODY for unknown GPADL %#x\n", gb->gpadl);
		return;
	}
	if (!chunk || chunk % sizeof(u64) || chunk > g->buflen - g->got) {
		sim_gpadl_refuse(h, g->relid, g->id, "body overruns the ranges");
		sim_gpadl_free(h, g);
		return;
	}
	memcpy(g->buf + g->got, gb->pfn, chunk);
	g->got += chunk;
	if (g->got == g->buflen)
		sim_gpadl_finish(h, g);
}

static void sim_gpadl_torndown(struct sim_host *h, struct sim_gpadl *g)
{
	struct vmbus_chmsg_gpadl_torndown r = {
		.header.type = VMBUS_CHMSG_GPADL_TORNDOWN,
		.gpadl = g->id,
	};

	sim_gpadl_free(h, g);
	h->stats.gpadls_torn_down++;
	sim_send(h, &r, sizeof(r));
}

void sim_on_gpadl_teardown(struct sim_host *h, const void *msg, u32 len)
{
	const struct vmbus_chmsg_gpadl_teardown *td = msg;
	struct sim_gpadl *g = sim_gpadl_find(h, td->gpadl);

	if (!g || !g->complete || g->teardown_pending) {
		sim_bad(h, "GPADL_TEARDOWN of unknown GPADL %#x\n", td->gpadl);
		return;
	}
	if (g->relid != td->child_relid) {
		sim_bad(h, "GPADL_TEARDOWN of GPADL %#x with relid %u, not %u\n",
			td->gpadl, td->child_relid, g->relid);
		return;
	}
	/* Rings still in use: answer once the channel is closed. */
	if (g->in_use) {
		g->teardown_pending = true;
		return;
	}
	sim_gpadl_torndown(h, g);
}

/* The channel using @g as its rings let go of it. */
void sim_gpadl_release(struct sim_host *h, struct sim_gpadl *g)
{
	g->in_use = false;
	if (g->teardown_pending)
		sim_gpadl_torndown(h, g);
}

/* The guest released @relid: its GPADLs go without a teardown. */
void sim_gpadls_drop_relid(struct sim_host *h, u32 relid)
{
	struct sim_gpadl *g, *tmp;

	list_for_each_entry_safe(g, tmp, &h->gpadls, node)
		if (g->relid == relid && !g->in_use)
			sim_gpadl_free(h, g);
}

void sim_gpadls_free(struct sim_host *h)
{
	struct sim_gpadl *g, *tmp;

	list_for_each_entry_safe(g, tmp, &h->gpadls, node)
		sim_gpadl_free(h, g);
}

/*
 * Hyper-V pages must be consecutive inside each kernel page, so that one
 * vmap() of the kernel pages shows them in GPADL order.
 */
static bool sim_gpadl_mappable(const u64 *pfn, u32 n)
{
	u32 i;

	for (i = 1; i < n; i++) {
		if ((pfn[i - 1] + 1) % SIM_HV_PER_PAGE) {
			if (pfn[i] != pfn[i - 1] + 1)
				return false;
		} else if (pfn[i] % SIM_HV_PER_PAGE) {
			return false;
		}
	}
	return true;
}

/**
 * sim_gpadl_map() - map a single-range, whole-page GPADL
 * @g: a complete GPADL
 * @npages: its size in Hyper-V pages
 * @offset: where the GPADL starts in the mapping
 *
 * Return: the vmap() address (for vunmap()) or an ERR_PTR().
 */
void *sim_gpadl_map(const struct sim_gpadl *g, u32 *npages, size_t *offset)
{
	const struct vmbus_gpa_range *rng = (const void *)g->buf;
	struct page **pages;
	u32 n, i, k = 0, nk;
	size_t off;
	void *va;

	if (g->range_count != 1 || rng->byte_offset ||
	    rng->byte_count % HV_PAGE_SIZE)
		return ERR_PTR(-EINVAL);
	n = rng->byte_count / HV_PAGE_SIZE;
	if (!sim_gpadl_mappable(rng->pfn, n))
		return ERR_PTR(-EINVAL);
	off = (rng->pfn[0] % SIM_HV_PER_PAGE) * HV_PAGE_SIZE;
	nk = DIV_ROUND_UP(off + (size_t)n * HV_PAGE_SIZE, PAGE_SIZE);
	pages = kvmalloc_array(nk, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < n && k < nk; i++)
		if (i == 0 || rng->pfn[i] % SIM_HV_PER_PAGE == 0)
			pages[k++] = pfn_to_page(rng->pfn[i] / SIM_HV_PER_PAGE);
	va = k == nk ? vmap(pages, nk, VM_MAP, PAGE_KERNEL) : NULL;
	kvfree(pages);
	if (!va)
		return ERR_PTR(-ENOMEM);
	*npages = n;
	*offset = off;
	return va;
}
