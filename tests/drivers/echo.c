// SPDX-License-Identifier: GPL-2.0
/*
 * hvg_echo: a vmbus driver for the test echo device that hv_sim offers
 * (include/hv/proto/test_echo.h). It drives the core's channel path from
 * user space through one sysfs file per device:
 *
 *   echo "<count> <bytes>" > /sys/bus/vmbus/devices/<id>/echo_test
 *   cat /sys/bus/vmbus/devices/<id>/echo_test
 *
 * sends <count> echo requests of <bytes> payload each, waits for every
 * answer and checks its payload, then reports "ok <count>" or the error.
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <hv/proto/test_echo.h>
#include <hv/vmbus.h>

#define ECHO_RING_SIZE		(64 * 1024)
#define ECHO_MAX_PAYLOAD	(8 * 1024)
#define ECHO_MAX_INFLIGHT	32
#define ECHO_TIMEOUT		(10 * HZ)

static const struct hv_vmbus_device_id echo_ids[] = {
	{ .guid = GUID_INIT(0xa0038c4b, 0x396a, 0x4d73,
			    0x9a, 0xa0, 0xb1, 0xca, 0x77, 0xbe, 0xf8, 0x76) },
	{ },
};
MODULE_DEVICE_TABLE(vmbus, echo_ids);

struct echo_dev {
	struct hv_device *hdev;
	struct mutex test_lock;	/* one test at a time */
	wait_queue_head_t wait;
	atomic_t answered;
	atomic_t bad;
	u32 len;	/* payload bytes of the running test's requests */
	u8 *rx;
	u8 *tx;
	char result[64];
};

static u8 echo_byte(u32 seq, u32 i)
{
	return (u8)(seq * 31 + i);
}

static void echo_fill(u8 *buf, u32 seq, u32 len)
{
	struct hvg_echo_hdr hdr = { .op = HVG_ECHO_OP_ECHO, .seq = seq };
	u32 i;

	memcpy(buf, &hdr, sizeof(hdr));
	for (i = sizeof(hdr); i < len; i++)
		buf[i] = echo_byte(seq, i);
}

static bool echo_payload_ok(const u8 *p, u32 len, u32 seq)
{
	u32 i;

	for (i = sizeof(struct hvg_echo_hdr); i < len; i++)
		if (p[i] != echo_byte(seq, i))
			return false;
	return true;
}

/*
 * Check one answer: a completion for a request we sent, carrying our
 * payload. Ring packets are sized in 8-byte units, so the echo may carry
 * padding after the bytes we sent.
 */
static void echo_check(struct echo_dev *ed, const struct hv_ring_pkt *pkt)
{
	struct vmbus_channel *ch = ed->hdev->channel;
	const u8 *payload = ed->rx + pkt->payload_offset;
	u32 len = pkt->len - pkt->payload_offset;
	u32 sent = READ_ONCE(ed->len);
	struct hvg_echo_hdr hdr;
	u64 seq;

	if (pkt->desc.type != VMBUS_PKT_COMPLETION || len < sent ||
	    vmbus_request_take(ch, pkt->desc.trans_id, &seq)) {
		atomic_inc(&ed->bad);
		return;
	}
	memcpy(&hdr, payload, sizeof(hdr));
	if (hdr.seq != seq || !echo_payload_ok(payload, sent, hdr.seq))
		atomic_inc(&ed->bad);
	atomic_inc(&ed->answered);
}

static void echo_on_event(void *ctx)
{
	struct echo_dev *ed = ctx;
	struct vmbus_channel *ch = ed->hdev->channel;
	struct hv_ring_pkt pkt;
	int ret;

	while ((ret = vmbus_recv(ch, ed->rx, ECHO_MAX_PAYLOAD + 64, &pkt)) == 0)
		echo_check(ed, &pkt);
	if (ret != -EAGAIN) {
		dev_err_ratelimited(&ed->hdev->device, "receive failed: %d\n", ret);
		atomic_inc(&ed->bad);
	}
	vmbus_recv_done(ch);
	wake_up(&ed->wait);
}

static int echo_send_one(struct echo_dev *ed, u32 seq, u32 len)
{
	struct vmbus_channel *ch = ed->hdev->channel;
	u64 trans_id;
	int ret;

	ret = wait_event_timeout(ed->wait,
				 !vmbus_request_add(ch, seq, &trans_id) ||
				 vmbus_channel_rescinded(ch), ECHO_TIMEOUT);
	if (vmbus_channel_rescinded(ch))
		return -ENODEV;
	if (!ret)
		return -ETIMEDOUT;
	echo_fill(ed->tx, seq, len);
	for (;;) {
		ret = vmbus_send(ch, VMBUS_PKT_DATA_INBAND,
				 VMBUS_PKT_FLAG_COMPLETION_REQUESTED, trans_id,
				 ed->tx, len);
		if (ret != -EAGAIN)
			break;
		usleep_range(100, 200);
	}
	if (ret)
		vmbus_request_take(ch, trans_id, &trans_id);
	return ret;
}

static int echo_run(struct echo_dev *ed, u32 count, u32 len)
{
	struct vmbus_channel *ch = ed->hdev->channel;
	u32 seq;
	int ret = 0;

	atomic_set(&ed->answered, 0);
	atomic_set(&ed->bad, 0);
	WRITE_ONCE(ed->len, len);
	for (seq = 0; seq < count && !ret; seq++)
		ret = echo_send_one(ed, seq, len);
	if (ret)
		return ret;
	if (!wait_event_timeout(ed->wait,
				atomic_read(&ed->answered) == count ||
				vmbus_channel_rescinded(ch), ECHO_TIMEOUT))
		return -ETIMEDOUT;
	if (vmbus_channel_rescinded(ch))
		return -ENODEV;
	return atomic_read(&ed->bad) ? -EIO : 0;
}

static ssize_t echo_test_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t size)
{
	struct echo_dev *ed = dev_get_drvdata(dev);
	u32 count, len;
	int ret;

	if (sscanf(buf, "%u %u", &count, &len) != 2 ||
	    len < sizeof(struct hvg_echo_hdr) || len > ECHO_MAX_PAYLOAD)
		return -EINVAL;
	mutex_lock(&ed->test_lock);
	ret = echo_run(ed, count, len);
	if (ret)
		snprintf(ed->result, sizeof(ed->result), "error %d after %d answers, %d bad\n",
			 ret, atomic_read(&ed->answered), atomic_read(&ed->bad));
	else
		snprintf(ed->result, sizeof(ed->result), "ok %u\n", count);
	mutex_unlock(&ed->test_lock);
	return ret ? ret : size;
}

static ssize_t echo_test_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	struct echo_dev *ed = dev_get_drvdata(dev);
	ssize_t len;

	mutex_lock(&ed->test_lock);
	len = sysfs_emit(buf, "%s", ed->result);
	mutex_unlock(&ed->test_lock);
	return len;
}
static DEVICE_ATTR_RW(echo_test);

static int echo_probe(struct hv_device *hdev, const struct hv_vmbus_device_id *id)
{
	struct vmbus_open_params params = {
		.send_ring_size = ECHO_RING_SIZE,
		.recv_ring_size = ECHO_RING_SIZE,
		.max_requests = ECHO_MAX_INFLIGHT,
		.on_event = echo_on_event,
	};
	struct echo_dev *ed;
	int ret;

	ed = devm_kzalloc(&hdev->device, sizeof(*ed), GFP_KERNEL);
	if (!ed)
		return -ENOMEM;
	ed->rx = devm_kzalloc(&hdev->device, ECHO_MAX_PAYLOAD + 64, GFP_KERNEL);
	ed->tx = devm_kzalloc(&hdev->device, ECHO_MAX_PAYLOAD, GFP_KERNEL);
	if (!ed->rx || !ed->tx)
		return -ENOMEM;
	ed->hdev = hdev;
	mutex_init(&ed->test_lock);
	init_waitqueue_head(&ed->wait);
	strscpy(ed->result, "none\n", sizeof(ed->result));
	dev_set_drvdata(&hdev->device, ed);
	params.ctx = ed;

	ret = vmbus_open(hdev->channel, &params);
	if (ret)
		return ret;
	ret = device_create_file(&hdev->device, &dev_attr_echo_test);
	if (ret)
		vmbus_close(hdev->channel);
	return ret;
}

static void echo_remove(struct hv_device *hdev)
{
	struct echo_dev *ed = dev_get_drvdata(&hdev->device);

	/* A running test sees the rescind once woken; let it finish. */
	wake_up_all(&ed->wait);
	device_remove_file(&hdev->device, &dev_attr_echo_test);
	vmbus_close(hdev->channel);
}

static struct hv_driver echo_driver = {
	.name = "hvg_echo",
	.id_table = echo_ids,
	.probe = echo_probe,
	.remove = echo_remove,
};

static int __init echo_init(void)
{
	return vmbus_driver_register(&echo_driver);
}

static void __exit echo_exit(void)
{
	vmbus_driver_unregister(&echo_driver);
}

module_init(echo_init);
module_exit(echo_exit);

MODULE_DESCRIPTION("hvguest test driver for hv_sim's echo device");
MODULE_LICENSE("GPL");
HVG_IMPORT_NS();
