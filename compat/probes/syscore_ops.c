// SPDX-License-Identifier: GPL-2.0
/* System core callbacks are registered as struct syscore_ops (before 6.18). */
#include <linux/syscore_ops.h>

static void probe_shutdown(void)
{
}

static struct syscore_ops probe_ops = { .shutdown = probe_shutdown };

void probe(void);
void probe(void)
{
	register_syscore_ops(&probe_ops);
}
