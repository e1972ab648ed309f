/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Type shim for the Hyper-V wire-format headers in include/hv/proto/.
 *
 * The same headers build inside the kernel and in user space (fuzzers,
 * unit tests), so everything they need from the environment comes from
 * here: fixed-width integers, __packed, offsetof and static_assert.
 *
 * Wire fields use plain u8/u16/u32/u64: Hyper-V runs only little-endian
 * guests (x86-64, arm64), so __le annotations would add casts, not safety.
 */
#ifndef _HV_PROTO_TYPES_H
#define _HV_PROTO_TYPES_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/build_bug.h>

#else /* !__KERNEL__ */

/* assert.h supplies static_assert before C23; stdint.h is for our users. */
#include <stdint.h>
#include <stddef.h>
#include <assert.h>

/* Same base types as the kernel's, so u64 is unsigned long long here too. */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef int s32;

#ifndef __packed
#define HV_PROTO_GNU_ATTR(a) __attribute__((a))
#define __packed HV_PROTO_GNU_ATTR(__packed__)
#endif

#endif /* __KERNEL__ */

static_assert(sizeof(u8) == 1 && sizeof(u16) == 2, "u8/u16 width");
static_assert(sizeof(u32) == 4 && sizeof(u64) == 8 && sizeof(s32) == 4, "u32/u64 width");

/*
 * Compile-time layout checks. Both expand to the two-argument
 * static_assert, which C11, C++11 and the kernel all accept.
 */
#define HV_ASSERT_SIZE(type, size) \
	static_assert(sizeof(type) == (size), "sizeof(" #type ") != " #size)
#define HV_ASSERT_OFFSET(type, field, off) \
	static_assert(offsetof(type, field) == (off), #type "." #field " is not at " #off)

#endif /* _HV_PROTO_TYPES_H */
