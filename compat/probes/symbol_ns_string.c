// SPDX-License-Identifier: GPL-2.0
/* Symbol namespaces are string literals (Linux 6.13+). */
#include <linux/module.h>

MODULE_IMPORT_NS("HVG_PROBE_NS");
