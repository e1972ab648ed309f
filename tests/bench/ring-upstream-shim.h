/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel, as far as upstream Linux's drivers/hv/ring_buffer.c uses it,
 * in user space, for tests/bench/ring-bench. That file is taken from
 * Debian's linux-source-6.12 tarball when the benchmark runs; every
 * header it includes (<linux/hyperv.h>, "hyperv_vmbus.h", ...) is a stub
 * that leads here. Nothing in this file comes from Linux: the structures
 * carry the names and fields that ring_buffer.c uses, with the ring
 * layout of include/hv/proto/ring.h (Documentation/ring-buffer.rst), and
 * only those fields.
 *
 * What both rings share at run time comes from the same place for both:
 * READ_ONCE(), the barriers and pr_err from tests/userspace/kernel_shim.h
 * (which hvguest's ring builds on in user space), the lock and the signal
 * from ring-bench.h, and the ring's memory from ring-bench-upstream.c,
 * where vmap() maps memfd pages as the kernel's vmap() maps struct pages.
 */
#ifndef HV_RING_UPSTREAM_SHIM_H
#define HV_RING_UPSTREAM_SHIM_H

#include "kernel_shim.h"
#include "ring-bench.h"

#define KBUILD_MODNAME		"hv_vmbus"
/* A harmless declaration, so that "EXPORT_SYMBOL_GPL(f);" stays valid C. */
#define EXPORT_SYMBOL_GPL(sym)	extern int bench_export_##sym
#define BUILD_BUG_ON(cond)	static_assert(!(cond), #cond)

#define PAGE_SHIFT		12
#define PAGE_SIZE		4096UL
#define HV_HYP_PAGE_SIZE	4096
#define U64_MAX			(~0ULL)

static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return calloc(n, size);
}

/* One page of the ring's memfd: its file and its page offset in it. */
struct page {
	int fd;
	u32 pgoff;
};

#define VM_MAP			0
#define PAGE_KERNEL		0
#define pgprot_decrypted(prot)	(prot)

void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   int prot);
void vunmap(const void *addr);

/* Only hv_ringbuffer_init() stores it; nothing built here reads it. */
struct reciprocal_value {
	u32 divisor;
};

static inline struct reciprocal_value reciprocal_value(u32 divisor)
{
	return (struct reciprocal_value){ .divisor = divisor };
}

/* Debug info and cleanup take it; the benchmark's threads never do. */
struct mutex {
	int unused;
};

#define mutex_init(m)		((void)(m))
#define mutex_lock(m)		((void)(m))
#define mutex_unlock(m)		((void)(m))

#define spin_lock_init(l)	bench_unlock(l)
#define spin_is_locked		bench_is_locked
#define spin_lock_irqsave(l, flags) \
	do { bench_lock(l); (flags) = 0; } while (0)
#define spin_unlock_irqrestore(l, flags) \
	do { bench_unlock(l); (void)(flags); } while (0)

struct kvec {
	void *iov_base;
	size_t iov_len;
};

/* Wire structures: see include/hv/proto/ring.h for the layout. */
struct hv_ring_buffer {
	u32 write_index;
	u32 read_index;
	u32 interrupt_mask;
	u32 pending_send_sz;
	u32 reserved1[12];
	union {
		struct {
			u32 feat_pending_send_sz:1;
		};
		u32 value;
	} feature_bits;
	u8 reserved2[PAGE_SIZE - 68];
	u8 buffer[];
};

static_assert(sizeof(struct hv_ring_buffer) == PAGE_SIZE, "control page");

struct vmpacket_descriptor {
	u16 type;
	u16 offset8;
	u16 len8;
	u16 flags;
	u64 trans_id;
};

static_assert(sizeof(struct vmpacket_descriptor) == 16, "descriptor");

#define VMBUS_DATA_PACKET_FLAG_COMPLETION_REQUESTED	1
#define VM_PKT_DATA_INBAND				6

/* Request ids: a channel without a request table uses the caller's. */
#define VMBUS_NO_RQSTOR		U64_MAX
#define VMBUS_RQST_ERROR	(U64_MAX - 1)

struct hv_ring_buffer_info {
	struct hv_ring_buffer *ring_buffer;
	u32 ring_size;
	struct reciprocal_value ring_size_div10_reciprocal;
	struct bench_lock ring_lock;
	struct mutex ring_buffer_mutex;	/* for debug info and cleanup */
	u32 ring_datasize;
	u32 priv_read_index;
	void *pkt_buffer;
	u32 pkt_buffer_size;
};

struct hv_ring_buffer_debug_info {
	u32 current_interrupt_mask;
	u32 current_read_index;
	u32 current_write_index;
	u32 bytes_avail_toread;
	u32 bytes_avail_towrite;
};

struct vmbus_channel {
	struct {
		u32 child_relid;
	} offermsg;
	bool rescind;
	bool out_full_flag;
	u64 out_full_first;
	u64 out_full_total;
	u64 intr_out_empty;
	u64 intr_in_full;
	u64 (*next_request_id_callback)(struct vmbus_channel *channel,
					u64 rqst_addr);
	u64 (*request_addr_callback)(struct vmbus_channel *channel, u64 rqst_id);
	struct hv_ring_buffer_info outbound;
	struct hv_ring_buffer_info inbound;
};

static inline void *hv_get_ring_buffer(const struct hv_ring_buffer_info *rbi)
{
	return rbi->ring_buffer->buffer;
}

/* Free bytes for the producer, from one read of each index. */
static inline u32 hv_get_bytes_to_write(const struct hv_ring_buffer_info *rbi)
{
	u32 read = READ_ONCE(rbi->ring_buffer->read_index);
	u32 write = READ_ONCE(rbi->ring_buffer->write_index);

	return read > write ? read - write :
	       rbi->ring_datasize - (write - read);
}

/* The fuzz-testing delays of CONFIG_HYPERV_TESTING, which is off. */
enum delay {
	INTERRUPT_DELAY,
	MESSAGE_DELAY,
};

static inline void hv_debug_delay_test(struct vmbus_channel *channel,
				       enum delay delay_type)
{
}

static inline void vmbus_setevent(struct vmbus_channel *channel)
{
	bench_signal();
}

/* What ring_buffer.c defines, as the benchmark calls it. */
void hv_ringbuffer_pre_init(struct vmbus_channel *channel);
int hv_ringbuffer_init(struct hv_ring_buffer_info *ring_info,
		       struct page *pages, u32 page_cnt, u32 max_pkt_size);
void hv_ringbuffer_cleanup(struct hv_ring_buffer_info *ring_info);
int hv_ringbuffer_write(struct vmbus_channel *channel,
			const struct kvec *kv_list, u32 kv_count,
			u64 requestid, u64 *trans_id);
int hv_ringbuffer_read(struct vmbus_channel *channel,
		       void *buffer, u32 buflen, u32 *buffer_actual_len,
		       u64 *requestid, bool raw);
int hv_ringbuffer_get_debuginfo(struct hv_ring_buffer_info *ring_info,
				struct hv_ring_buffer_debug_info *debug_info);
bool hv_ringbuffer_spinlock_busy(struct vmbus_channel *channel);
struct vmpacket_descriptor *hv_pkt_iter_first(struct vmbus_channel *channel);
struct vmpacket_descriptor *
__hv_pkt_iter_next(struct vmbus_channel *channel,
		   const struct vmpacket_descriptor *desc);
void hv_pkt_iter_close(struct vmbus_channel *channel);

#endif /* HV_RING_UPSTREAM_SHIM_H */
