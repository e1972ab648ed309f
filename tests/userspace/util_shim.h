/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What drivers/hv/util/wire.c and kvp_wire.c use of the kernel beyond
 * kernel_shim.h, for the fuzz targets tests/fuzz/fuzz_ic.c and
 * fuzz_kvp.c: time constants, the marker for cases that run on, and the
 * UTF-8/UTF-16 conversions of <linux/nls.h>.
 *
 * The conversions are written here from what the kernel documents of
 * utf16s_to_utf8s() and utf8s_to_utf16s() (Debian linux-source-6.12,
 * include/linux/nls.h and fs/nls/nls_base.c): UTF-16 to UTF-8 stops at a
 * NUL or after the given units, skips unpaired surrogates and characters
 * that do not fit in the room left, and returns the bytes written; UTF-8
 * to UTF-16 stops at a NUL, the given bytes or the room, and fails with
 * -EINVAL on a malformed sequence (overlong, a surrogate, beyond
 * U+10FFFF, cut short). Code units are read and written with memcpy():
 * the kernel's callers may pass unaligned pointers into packed messages.
 */
#ifndef HV_UTIL_SHIM_H
#define HV_UTIL_SHIM_H

#include "vmbus_shim.h"

#define s64			long long
#define NSEC_PER_SEC		1000000000LL
#define KTIME_MAX		((s64)~((u64)1 << 63))
#define fallthrough		HV_SHIM_ATTR(__fallthrough__)

enum utf16_endian {
	UTF16_HOST_ENDIAN,
	UTF16_LITTLE_ENDIAN,
	UTF16_BIG_ENDIAN
};

#define HV_SHIM_SURROGATE(u)	(((u) & 0xf800) == 0xd800)
#define HV_SHIM_HIGH(u)		(((u) & 0xfc00) == 0xd800)
#define HV_SHIM_LOW(u)		(((u) & 0xfc00) == 0xdc00)

static inline u16 hv_shim_unit(const u16 *p)
{
	u16 u;

	memcpy(&u, p, sizeof(u));
	return u;
}

/* Code point @c as UTF-8 at @out if @room allows; bytes, or 0. */
static inline int hv_shim_put_utf8(u32 c, u8 *out, int room)
{
	int n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
	int i;

	if (n > room)
		return 0;
	if (n == 1) {
		out[0] = c;
		return 1;
	}
	for (i = n - 1; i > 0; i--, c >>= 6)
		out[i] = 0x80 | (c & 0x3f);
	out[0] = (u8)(0xf00 >> n) | c;
	return n;
}

static inline int utf16s_to_utf8s(const u16 *pwcs, int inlen,
				  enum utf16_endian endian, u8 *s, int maxout)
{
	int out = 0;
	u32 c, lo;

	while (inlen > 0 && maxout - out > 0) {
		c = hv_shim_unit(pwcs++);
		inlen--;
		if (!c)
			break;
		if (HV_SHIM_SURROGATE(c)) {
			if (!HV_SHIM_HIGH(c) || inlen <= 0)
				continue;
			lo = hv_shim_unit(pwcs);
			if (!HV_SHIM_LOW(lo))
				continue;
			pwcs++;
			inlen--;
			c = 0x10000 + ((c & 0x3ff) << 10) + (lo & 0x3ff);
		}
		out += hv_shim_put_utf8(c, s + out, maxout - out);
	}
	return out;
}

/* One UTF-8 sequence of at most @len bytes: its length, or -EINVAL. */
static inline int hv_shim_get_utf8(const u8 *s, int len, u32 *c)
{
	int n, i;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
	if (!n || n > len || s[0] >= 0xf8)
		return -EINVAL;
	*c = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -EINVAL;
		*c = *c << 6 | (s[i] & 0x3f);
	}
	if (*c < (n == 2 ? 0x80U : n == 3 ? 0x800U : 0x10000U) ||
	    *c > 0x10ffff || HV_SHIM_SURROGATE(*c))
		return -EINVAL;
	return n;
}

static inline int utf8s_to_utf16s(const u8 *s, int inlen,
				  enum utf16_endian endian, u16 *pwcs,
				  int maxout)
{
	int n, out = 0;
	u16 u[2];
	u32 c;

	while (inlen > 0 && out < maxout && *s) {
		n = hv_shim_get_utf8(s, inlen, &c);
		if (n < 0)
			return n;
		if (c >= 0x10000) {
			if (maxout - out < 2)
				break;
			c -= 0x10000;
			u[0] = 0xd800 | (c >> 10);
			u[1] = 0xdc00 | (c & 0x3ff);
			memcpy(pwcs + out, u, sizeof(u));
			out += 2;
		} else {
			u[0] = c;
			memcpy(pwcs + out, u, sizeof(u[0]));
			out++;
		}
		s += n;
		inlen -= n;
	}
	return out;
}

#endif /* HV_UTIL_SHIM_H */
