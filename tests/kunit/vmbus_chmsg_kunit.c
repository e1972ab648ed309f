// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: validation of channel messages from the host. Every message type
 * at every length around its minimum, types the host must not send, and
 * offers with out-of-range fields. Part of hv_vmbus_kunit, whose module
 * information is in vmbus_wire_kunit.c.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include "../../drivers/hv/vmbus/vmbus_private.h"

/* What the host may send and the size of each (include/hv/proto/vmbus.h). */
static const struct {
	u32 type;
	u32 size;
} host_msgs[] = {
	{ VMBUS_CHMSG_OFFER, sizeof(struct vmbus_chmsg_offer) },
	{ VMBUS_CHMSG_RESCIND, sizeof(struct vmbus_chmsg_rescind) },
	{ VMBUS_CHMSG_ALL_OFFERS_DELIVERED, 8 },
	{ VMBUS_CHMSG_OPEN_RESULT, sizeof(struct vmbus_chmsg_open_result) },
	{ VMBUS_CHMSG_GPADL_CREATED, sizeof(struct vmbus_chmsg_gpadl_created) },
	{ VMBUS_CHMSG_GPADL_TORNDOWN, sizeof(struct vmbus_chmsg_gpadl_torndown) },
	{ VMBUS_CHMSG_VERSION_RESPONSE, sizeof(struct vmbus_chmsg_version_response) },
	{ VMBUS_CHMSG_UNLOAD_RESPONSE, 8 },
	{ VMBUS_CHMSG_MODIFY_CHANNEL_RESPONSE,
	  sizeof(struct vmbus_chmsg_modify_channel_response) },
};

static int check(u32 type, u32 len)
{
	u8 buf[HV_SYNIC_MSG_PAYLOAD_MAX + 8] = {};

	((struct vmbus_chmsg_header *)buf)->type = type;
	return vmbus_chmsg_check(buf, len);
}

static void host_messages_by_length(struct kunit *test)
{
	unsigned int i;
	u32 len;

	for (i = 0; i < ARRAY_SIZE(host_msgs); i++) {
		u32 type = host_msgs[i].type, size = host_msgs[i].size;

		for (len = 0; len < size; len++)
			KUNIT_EXPECT_EQ_MSG(test, check(type, len), -EBADMSG,
					    "type %u, %u bytes", type, len);
		for (len = size; len <= HV_SYNIC_MSG_PAYLOAD_MAX; len++)
			KUNIT_EXPECT_EQ_MSG(test, check(type, len), (int)type,
					    "type %u, %u bytes", type, len);
		KUNIT_EXPECT_EQ(test, check(type, HV_SYNIC_MSG_PAYLOAD_MAX + 1),
				-EBADMSG);
	}
}

static void guest_messages_refused(struct kunit *test)
{
	static const u32 guest_only[] = {
		VMBUS_CHMSG_INVALID, VMBUS_CHMSG_REQUEST_OFFERS,
		VMBUS_CHMSG_OPEN_CHANNEL, VMBUS_CHMSG_CLOSE_CHANNEL,
		VMBUS_CHMSG_GPADL_HEADER, VMBUS_CHMSG_GPADL_BODY,
		VMBUS_CHMSG_GPADL_TEARDOWN, VMBUS_CHMSG_RELID_RELEASED,
		VMBUS_CHMSG_INITIATE_CONTACT, VMBUS_CHMSG_UNLOAD,
		VMBUS_CHMSG_MODIFY_CHANNEL, VMBUS_CHMSG_COUNT, 200, U32_MAX,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(guest_only); i++)
		KUNIT_EXPECT_EQ_MSG(test, check(guest_only[i],
						HV_SYNIC_MSG_PAYLOAD_MAX),
				    -EBADMSG, "type %u", guest_only[i]);
}

static int offer(u32 relid, u8 monitor_flags, u8 monitor_id)
{
	struct vmbus_chmsg_offer o = {
		.header.type = VMBUS_CHMSG_OFFER,
		.child_relid = relid,
		.monitor_flags = monitor_flags,
		.monitor_id = monitor_id,
	};

	return vmbus_offer_check(&o);
}

static void offer_fields(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, offer(0, 0, 0), -EBADMSG);
	KUNIT_EXPECT_EQ(test, offer(1, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, offer(VMBUS_MAX_RELID - 1, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, offer(VMBUS_MAX_RELID, 0, 0), -EBADMSG);
	KUNIT_EXPECT_EQ(test, offer(U32_MAX, 0, 0), -EBADMSG);
	KUNIT_EXPECT_EQ(test, offer(5, VMBUS_OFFER_MONITOR_ALLOCATED,
				    VMBUS_MONITOR_ID_COUNT - 1), 0);
	KUNIT_EXPECT_EQ(test, offer(5, VMBUS_OFFER_MONITOR_ALLOCATED,
				    VMBUS_MONITOR_ID_COUNT), -EBADMSG);
	KUNIT_EXPECT_EQ(test, offer(5, VMBUS_OFFER_MONITOR_ALLOCATED, 255),
			-EBADMSG);
	/* Without a monitor the id is not used, whatever it says. */
	KUNIT_EXPECT_EQ(test, offer(5, 0, 255), 0);
}

static struct kunit_case vmbus_chmsg_cases[] = {
	KUNIT_CASE(host_messages_by_length),
	KUNIT_CASE(guest_messages_refused),
	KUNIT_CASE(offer_fields),
	{}
};

static struct kunit_suite vmbus_chmsg_suite = {
	.name = "hv_vmbus_chmsg",
	.test_cases = vmbus_chmsg_cases,
};

kunit_test_suite(vmbus_chmsg_suite);
