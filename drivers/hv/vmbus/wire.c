// SPDX-License-Identifier: GPL-2.0
/*
 * Pure helpers that turn wire values into what user space sees. They touch
 * no shared state, so KUnit and the fuzzers can drive them directly.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <hv/vmbus.h>

/**
 * vmbus_format_modalias() - format the modalias of a vmbus device
 * @buf: destination
 * @size: size of @buf; at least VMBUS_MODALIAS_LEN
 * @class_id: the device's class GUID, in wire byte order
 *
 * The format, "vmbus:" and the 16 GUID bytes in wire order as 32 lowercase
 * hex digits, is what upstream's MODALIAS uevent and the aliases modpost
 * generates from MODULE_DEVICE_TABLE(vmbus, ...) use (Debian
 * linux-source-6.12, scripts/mod/file2alias.c, do_vmbus_entry()).
 *
 * Return: the length written, excluding the NUL, or -ENOSPC.
 */
int vmbus_format_modalias(char *buf, size_t size, const guid_t *class_id)
{
	if (size < VMBUS_MODALIAS_LEN)
		return -ENOSPC;

	return snprintf(buf, size, "vmbus:%*phN", UUID_SIZE, class_id->b);
}
EXPORT_SYMBOL_HVG(vmbus_format_modalias);
