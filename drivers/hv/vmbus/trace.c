// SPDX-License-Identifier: GPL-2.0
/* hv_vmbus's tracepoints (trace.h) are instantiated here, once. */
#define CREATE_TRACE_POINTS
#include "trace.h"
