// SPDX-License-Identifier: GPL-2.0
/* System core callbacks are registered as struct syscore, with data (6.18+). */
#include <linux/syscore_ops.h>

static void probe_shutdown(void *data)
{
}

static const struct syscore_ops probe_ops = { .shutdown = probe_shutdown };
static struct syscore probe_syscore = { .ops = &probe_ops };

void probe(void);
void probe(void)
{
	register_syscore(&probe_syscore);
}
