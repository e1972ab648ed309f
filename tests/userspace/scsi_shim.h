/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The little of the kernel's page, scatterlist and SCSI headers that
 * drivers/scsi/storvsc/wire.c uses, for building it in user space
 * (tests/fuzz/fuzz_storvsc.c). A page is only its physical address and a
 * scatterlist a plain array (no chaining). DID_* and SAM_STAT_* have the
 * kernel's values (include/scsi/scsi_status.h, scsi_proto.h).
 */
#ifndef HV_SCSI_SHIM_H
#define HV_SCSI_SHIM_H

#include "kernel_shim.h"

typedef u64 phys_addr_t;

struct page {
	phys_addr_t phys;
};

static inline phys_addr_t page_to_phys(const struct page *page)
{
	return page->phys;
}

struct scatterlist {
	struct page *page;
	unsigned int offset;
	unsigned int length;
};

static inline struct page *sg_page(struct scatterlist *sg)
{
	return sg->page;
}

/* for_each_sg() on an array, each argument named once (checkpatch). */
struct hv_shim_sg_walk {
	struct scatterlist *sgl, **sg;
	unsigned int nents, *i;
	bool started;
};

static inline bool hv_shim_sg_step(struct hv_shim_sg_walk *w)
{
	if (w->started) {
		(*w->i)++;
		(*w->sg)++;
	} else {
		*w->i = 0;
		*w->sg = w->sgl;
		w->started = true;
	}
	return *w->i < w->nents;
}

#define for_each_sg(sgl, sg, nents, i)					\
	for (struct hv_shim_sg_walk hv_shim_w = { (sgl), &(sg), (nents),	\
						   &(i) };		\
	     hv_shim_sg_step(&hv_shim_w);)

#define SAM_STAT_CHECK_CONDITION	0x02

#define DID_OK			0x00
#define DID_NO_CONNECT		0x01
#define DID_BUS_BUSY		0x02
#define DID_ERROR		0x07
#define DID_RESET		0x08

#endif /* HV_SCSI_SHIM_H */
