// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol namespaces are bare identifiers that the macros stringify (before
 * 6.13); from 6.13 on they are string literals and this fails to compile.
 */
#include <linux/module.h>

MODULE_IMPORT_NS(HVG_PROBE_NS);
