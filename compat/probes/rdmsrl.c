// SPDX-License-Identifier: GPL-2.0
/* The 64-bit MSR accessors are rdmsrl()/wrmsrl() (before 6.16). */
#include <asm/msr.h>

u64 probe(void);
u64 probe(void)
{
	u64 v;

	rdmsrl(0x40000083, v);
	wrmsrl(0x40000083, v);
	return v;
}
