// SPDX-License-Identifier: GPL-2.0
/* The 64-bit MSR accessors are rdmsrq()/wrmsrq() (Linux 6.16+). */
#include <asm/msr.h>

u64 probe(void);
u64 probe(void)
{
	u64 v;

	rdmsrq(0x40000083, v);
	wrmsrq(0x40000083, v);
	return v;
}
