/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <kunit/test.h>: see kunit_shim.h. */
#ifndef HV_SHIM_KUNIT_TEST_H
#define HV_SHIM_KUNIT_TEST_H
#include "kunit_shim.h"
#endif /* HV_SHIM_KUNIT_TEST_H */
