/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for the kernel's <uapi/linux/hyperv.h>: the same
 * header as the C library installs it (Debian's linux-libc-dev), the
 * daemon ABI hv_kvp_daemon is built against.
 */
#ifndef HV_SHIM_UAPI_LINUX_HYPERV_H
#define HV_SHIM_UAPI_LINUX_HYPERV_H
#include <linux/hyperv.h>
#endif /* HV_SHIM_UAPI_LINUX_HYPERV_H */
