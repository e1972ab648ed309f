// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: hv_vmbus wire helpers. The expected modaliases are those of
 * Debian's in-tree hv_netvsc and hv_storvsc modules (`modinfo -F alias`),
 * so a byte-order mistake here breaks module autoloading in real images.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <hv/proto/guid.h>
#include <hv/vmbus.h>

/* The class GUIDs hv_netvsc's and hv_storvsc's id tables use. */
static const guid_t net_class = { .b = VMBUS_GUID_NETWORK_BYTES };
static const guid_t scsi_class = { .b = VMBUS_GUID_SCSI_BYTES };

static void modalias_network(struct kunit *test)
{
	char buf[VMBUS_MODALIAS_LEN];

	KUNIT_EXPECT_EQ(test, vmbus_format_modalias(buf, sizeof(buf), &net_class),
			VMBUS_MODALIAS_LEN - 1);
	KUNIT_EXPECT_STREQ(test, buf, "vmbus:635161f83edfc546913ff2d2f965ed0e");
}

static void modalias_scsi(struct kunit *test)
{
	char buf[VMBUS_MODALIAS_LEN];

	vmbus_format_modalias(buf, sizeof(buf), &scsi_class);
	KUNIT_EXPECT_STREQ(test, buf, "vmbus:d96361baa104294db60572e2ffb1dc7f");
}

static void modalias_short_buffer(struct kunit *test)
{
	char buf[VMBUS_MODALIAS_LEN];

	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test,
			vmbus_format_modalias(buf, sizeof(buf) - 1, &net_class),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, buf[0], 'x');
}

static struct kunit_case vmbus_wire_cases[] = {
	KUNIT_CASE(modalias_network),
	KUNIT_CASE(modalias_scsi),
	KUNIT_CASE(modalias_short_buffer),
	{}
};

static struct kunit_suite vmbus_wire_suite = {
	.name = "hv_vmbus_wire",
	.test_cases = vmbus_wire_cases,
};

kunit_test_suite(vmbus_wire_suite);

MODULE_DESCRIPTION("KUnit tests for hv_vmbus");
MODULE_LICENSE("GPL");
HVG_IMPORT_NS();
