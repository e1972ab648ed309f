// SPDX-License-Identifier: GPL-2.0
/*
 * hvg_echo: a vmbus driver for the test echo device that hv_sim offers
 * (include/hv/proto/test_echo.h). It drives the core's channel path from
 * user space through one sysfs file per device:
 *
 *   echo "<count> <bytes>" > /sys/bus/vmbus/devices/<id>/echo_test
 *   cat /sys/bus/vmbus/devices/<id>/echo_test
 *
 * sends <count> echo requests of <bytes> payload each on every open
 * channel in turn (the primary, then the sub-channels the host offers,
 * which the driver opens as they come), waits for every answer and checks
 * its payload, then reports "ok <count>" or the error. echo_channels
 * reads the number of open channels.
 *
 *   echo "<count> <bytes>" > /sys/bus/vmbus/devices/<id>/echo_burst
 *
 * asks the host, on every open channel in turn, for a stream of <count>
 * packets of <bytes> payload each, written before the host signals once,
 * and checks that every one arrives in order.
 *
 * The callback checks the core's contract: it counts every time it is
 * entered while already running on the channel (the result then says
 * "overlaps"). Module parameters (writable under /sys/module/hvg_echo):
 * cb_budget, packets read per callback before it returns (the core must
 * call it again), and cb_delay_us, a pause at the start of each callback
 * that widens the window an overlapping call would hit.
 */
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <hv/proto/test_echo.h>
#include <hv/vmbus.h>

static unsigned int ring_size = 64 * 1024;
module_param(ring_size, uint, 0444);
MODULE_PARM_DESC(ring_size,
		 "Bytes of each ring, control page included (default 65536); checked by vmbus_open()");

#define ECHO_MAX_PAYLOAD	(8 * 1024)
#define ECHO_MAX_INFLIGHT	32
#define ECHO_TIMEOUT		(10 * HZ)
#define ECHO_MAX_CHANNELS	65	/* the primary and 64 sub-channels */
#define ECHO_MAX_CB_DELAY_US	1000

static unsigned int cb_budget;
module_param(cb_budget, uint, 0644);
MODULE_PARM_DESC(cb_budget, "Packets read per callback, 0: until the ring is empty");

static unsigned int cb_delay_us;
module_param(cb_delay_us, uint, 0644);
MODULE_PARM_DESC(cb_delay_us, "Microseconds each callback waits first (at most 1000)");

static const struct hv_vmbus_device_id echo_ids[] = {
	{ .guid = { .b = VMBUS_GUID_TEST_ECHO_BYTES } },
	{ },
};
MODULE_DEVICE_TABLE(vmbus, echo_ids);

/* One open channel and the state of the test running on it. */
struct echo_chan {
	struct echo_dev *ed;
	struct vmbus_channel *ch;
	wait_queue_head_t wait;
	atomic_t answered;
	atomic_t bad;
	atomic_t in_callback;	/* callbacks running now: 0 or 1 */
	atomic_t overlaps;	/* ... entered while one was running */
	u32 len;	/* payload bytes of the running test's requests */
	u32 burst_seq;	/* seq of the running burst test */
	u32 burst_got;	/* its packets received, in order (callback only) */
	u8 *rx;
	u8 *tx;
};

struct echo_dev {
	struct hv_device *hdev;
	struct mutex test_lock;	/* one test at a time; protects chans */
	struct echo_chan *chans[ECHO_MAX_CHANNELS];
	unsigned int nchans;
	char result[96];
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
static void echo_check_completion(struct echo_chan *ec,
				  const struct hv_ring_pkt *pkt)
{
	const u8 *payload = ec->rx + pkt->payload_offset;
	u32 len = pkt->len - pkt->payload_offset;
	u32 sent = READ_ONCE(ec->len);
	struct hvg_echo_hdr hdr;
	u64 seq;

	if (pkt->desc.type != VMBUS_PKT_COMPLETION || len < sent ||
	    vmbus_request_take(ec->ch, pkt->desc.trans_id, &seq)) {
		atomic_inc(&ec->bad);
		return;
	}
	memcpy(&hdr, payload, sizeof(hdr));
	if (hdr.seq != seq || !echo_payload_ok(payload, sent, hdr.seq))
		atomic_inc(&ec->bad);
	atomic_inc(&ec->answered);
}

/*
 * A packet of a burst (include/hv/proto/test_echo.h): the next index of
 * the running burst, hdr.len payload bytes, byte i being (u8)(i + index).
 */
static void echo_check_burst(struct echo_chan *ec, const struct hv_ring_pkt *pkt)
{
	const u8 *payload = ec->rx + pkt->payload_offset;
	u32 len = pkt->len - pkt->payload_offset, i;
	struct hvg_echo_hdr hdr;

	if (len < sizeof(hdr))
		goto bad;
	memcpy(&hdr, payload, sizeof(hdr));
	if (hdr.op != HVG_ECHO_OP_BURST || hdr.seq != READ_ONCE(ec->burst_seq) ||
	    hdr.count != ec->burst_got || hdr.len > len)
		goto bad;
	for (i = sizeof(hdr); i < hdr.len; i++)
		if (payload[i] != (u8)(i + hdr.count))
			goto bad;
	WRITE_ONCE(ec->burst_got, ec->burst_got + 1);
	return;
bad:
	atomic_inc(&ec->bad);
}

static void echo_check(struct echo_chan *ec, const struct hv_ring_pkt *pkt)
{
	if (pkt->desc.type == VMBUS_PKT_DATA_INBAND)
		echo_check_burst(ec, pkt);
	else
		echo_check_completion(ec, pkt);
}

static void echo_on_event(void *ctx)
{
	struct echo_chan *ec = ctx;
	unsigned int budget = READ_ONCE(cb_budget), n;
	struct hv_ring_pkt pkt;
	int ret = 0;

	if (atomic_inc_return(&ec->in_callback) != 1) {
		atomic_inc(&ec->overlaps);
		dev_err_ratelimited(&ec->ed->hdev->device,
				    "relid %u: callback entered while it runs\n",
				    vmbus_channel_relid(ec->ch));
	}
	udelay(min_t(unsigned int, READ_ONCE(cb_delay_us), ECHO_MAX_CB_DELAY_US));
	for (n = 0; !budget || n < budget; n++) {
		ret = vmbus_recv(ec->ch, ec->rx, ECHO_MAX_PAYLOAD + 64, &pkt);
		if (ret)
			break;
		echo_check(ec, &pkt);
	}
	if (ret && ret != -EAGAIN) {
		dev_err_ratelimited(&ec->ed->hdev->device,
				    "relid %u: receive failed: %d\n",
				    vmbus_channel_relid(ec->ch), ret);
		atomic_inc(&ec->bad);
	}
	vmbus_recv_done(ec->ch);
	atomic_dec(&ec->in_callback);
	wake_up(&ec->wait);
}

/* Send one packet, waiting up to ECHO_TIMEOUT for room in the ring. */
static int echo_send(struct echo_chan *ec, u16 flags, u64 trans_id,
		     const void *data, u32 len)
{
	unsigned long end = jiffies + ECHO_TIMEOUT;
	int ret;

	for (;;) {
		ret = vmbus_send(ec->ch, VMBUS_PKT_DATA_INBAND, flags, trans_id,
				 data, len);
		if (ret != -EAGAIN)
			return ret;
		if (time_after(jiffies, end))
			return -ETIMEDOUT;
		usleep_range(100, 200);
	}
}

static int echo_send_one(struct echo_chan *ec, u32 seq, u32 len)
{
	struct vmbus_channel *ch = ec->ch;
	u64 trans_id;
	int ret;

	ret = wait_event_timeout(ec->wait,
				 !vmbus_request_add(ch, seq, &trans_id) ||
				 vmbus_channel_rescinded(ch), ECHO_TIMEOUT);
	if (vmbus_channel_rescinded(ch))
		return -ENODEV;
	if (!ret)
		return -ETIMEDOUT;
	echo_fill(ec->tx, seq, len);
	ret = echo_send(ec, VMBUS_PKT_FLAG_COMPLETION_REQUESTED, trans_id,
			ec->tx, len);
	if (ret)
		vmbus_request_take(ch, trans_id, &trans_id);
	return ret;
}

/* A test's verdict: its own error, else bad answers or overlaps. */
static int echo_verdict(struct echo_chan *ec, int ret)
{
	if (!ret && vmbus_channel_rescinded(ec->ch))
		ret = -ENODEV;
	if (!ret && (atomic_read(&ec->bad) || atomic_read(&ec->overlaps)))
		ret = -EIO;
	return ret;
}

static void echo_reset(struct echo_chan *ec)
{
	atomic_set(&ec->answered, 0);
	atomic_set(&ec->bad, 0);
	atomic_set(&ec->overlaps, 0);
}

static int echo_run(struct echo_chan *ec, u32 count, u32 len)
{
	struct vmbus_channel *ch = ec->ch;
	u32 seq;
	int ret = 0;

	echo_reset(ec);
	WRITE_ONCE(ec->len, len);
	for (seq = 0; seq < count && !ret; seq++)
		ret = echo_send_one(ec, seq, len);
	if (!ret && !wait_event_timeout(ec->wait,
					atomic_read(&ec->answered) == count ||
					vmbus_channel_rescinded(ch),
					ECHO_TIMEOUT))
		ret = -ETIMEDOUT;
	return echo_verdict(ec, ret);
}

static bool echo_burst_done(struct echo_chan *ec, u32 count)
{
	return READ_ONCE(ec->burst_got) == count || atomic_read(&ec->bad) ||
	       vmbus_channel_rescinded(ec->ch);
}

static int echo_burst(struct echo_chan *ec, u32 count, u32 len)
{
	struct hvg_echo_hdr hdr = {
		.op = HVG_ECHO_OP_BURST,
		.seq = READ_ONCE(ec->burst_seq) + 1,
		.count = count,
		.len = len,
	};
	int ret;

	echo_reset(ec);
	/* No packet of an earlier burst is left: each one waited for all. */
	WRITE_ONCE(ec->burst_seq, hdr.seq);
	WRITE_ONCE(ec->burst_got, 0);
	ret = echo_send(ec, 0, 0, &hdr, sizeof(hdr));
	if (!ret && !wait_event_timeout(ec->wait, echo_burst_done(ec, count),
					ECHO_TIMEOUT))
		ret = -ETIMEDOUT;
	atomic_set(&ec->answered, READ_ONCE(ec->burst_got));
	return echo_verdict(ec, ret);
}

/*
 * Parse "<count> <bytes>" (payloads the receive buffer holds either way)
 * and run @test with it on every open channel in turn; note the verdict.
 */
static ssize_t echo_run_all(struct device *dev, const char *buf, size_t size,
			    int (*test)(struct echo_chan *ec, u32 count, u32 len))
{
	struct echo_dev *ed = dev_get_drvdata(dev);
	struct echo_chan *ec = NULL;
	u32 count, len;
	unsigned int i;
	int ret = 0;

	if (sscanf(buf, "%u %u", &count, &len) != 2 || !count ||
	    len < sizeof(struct hvg_echo_hdr) || len > ECHO_MAX_PAYLOAD)
		return -EINVAL;
	mutex_lock(&ed->test_lock);
	for (i = 0; i < ed->nchans && !ret; i++) {
		ec = ed->chans[i];
		ret = test(ec, count, len);
	}
	if (ret)
		snprintf(ed->result, sizeof(ed->result),
			 "error %d on relid %u after %d answers, %d bad, %d overlaps\n",
			 ret, vmbus_channel_relid(ec->ch),
			 atomic_read(&ec->answered), atomic_read(&ec->bad),
			 atomic_read(&ec->overlaps));
	else
		snprintf(ed->result, sizeof(ed->result), "ok %u\n", count);
	mutex_unlock(&ed->test_lock);
	return ret ? ret : size;
}

static ssize_t echo_test_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t size)
{
	return echo_run_all(dev, buf, size, echo_run);
}

static ssize_t echo_burst_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t size)
{
	return echo_run_all(dev, buf, size, echo_burst);
}
static DEVICE_ATTR_WO(echo_burst);

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

static ssize_t echo_channels_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	struct echo_dev *ed = dev_get_drvdata(dev);
	ssize_t len;

	mutex_lock(&ed->test_lock);
	len = sysfs_emit(buf, "%u\n", ed->nchans);
	mutex_unlock(&ed->test_lock);
	return len;
}
static DEVICE_ATTR_RO(echo_channels);

static struct attribute *echo_attrs[] = {
	&dev_attr_echo_test.attr,
	&dev_attr_echo_burst.attr,
	&dev_attr_echo_channels.attr,
	NULL,
};

/*
 * Added by probe and removed by remove, not through the driver's
 * dev_groups: those go before remove, and removing them waits for a
 * running test, which only remove's wake-up ends quickly after a rescind.
 */
static const struct attribute_group echo_group = {
	.attrs = echo_attrs,
};

static void echo_chan_free(struct echo_chan *ec)
{
	kfree(ec->rx);
	kfree(ec->tx);
	kfree(ec);
}

/* Open @ch and add it to the device's channels. */
static int echo_chan_open(struct echo_dev *ed, struct vmbus_channel *ch)
{
	struct vmbus_open_params params = {
		.send_ring_size = ring_size,
		.recv_ring_size = ring_size,
		.max_requests = ECHO_MAX_INFLIGHT,
		.on_event = echo_on_event,
	};
	struct echo_chan *ec;
	int ret;

	ec = kzalloc(sizeof(*ec), GFP_KERNEL);
	if (!ec)
		return -ENOMEM;
	ec->rx = kzalloc(ECHO_MAX_PAYLOAD + 64, GFP_KERNEL);
	ec->tx = kzalloc(ECHO_MAX_PAYLOAD, GFP_KERNEL);
	if (!ec->rx || !ec->tx) {
		echo_chan_free(ec);
		return -ENOMEM;
	}
	ec->ed = ed;
	ec->ch = ch;
	init_waitqueue_head(&ec->wait);
	params.ctx = ec;
	ret = vmbus_open(ch, &params);
	if (ret) {
		echo_chan_free(ec);
		return ret;
	}
	mutex_lock(&ed->test_lock);
	if (ed->nchans < ECHO_MAX_CHANNELS) {
		ed->chans[ed->nchans++] = ec;
		ec = NULL;
	}
	mutex_unlock(&ed->test_lock);
	if (ec) {
		vmbus_close(ch);
		echo_chan_free(ec);
		return -ENOSPC;
	}
	return 0;
}

static void echo_on_subchannel(struct vmbus_channel *sub, void *ctx)
{
	struct echo_dev *ed = ctx;
	int ret = echo_chan_open(ed, sub);

	if (ret)
		dev_err(&ed->hdev->device, "sub-channel %u: open failed: %d\n",
			vmbus_channel_relid(sub), ret);
}

static void echo_close_all(struct echo_dev *ed)
{
	mutex_lock(&ed->test_lock);
	while (ed->nchans) {
		struct echo_chan *ec = ed->chans[--ed->nchans];

		vmbus_close(ec->ch);
		echo_chan_free(ec);
	}
	mutex_unlock(&ed->test_lock);
}

static int echo_probe(struct hv_device *hdev, const struct hv_vmbus_device_id *id)
{
	struct echo_dev *ed;
	int ret;

	ed = devm_kzalloc(&hdev->device, sizeof(*ed), GFP_KERNEL);
	if (!ed)
		return -ENOMEM;
	ed->hdev = hdev;
	mutex_init(&ed->test_lock);
	strscpy(ed->result, "none\n", sizeof(ed->result));
	dev_set_drvdata(&hdev->device, ed);

	ret = echo_chan_open(ed, hdev->channel);
	if (ret)
		return ret;
	ret = sysfs_create_group(&hdev->device.kobj, &echo_group);
	if (ret) {
		echo_close_all(ed);
		return ret;
	}
	/* The echo host offers its sub-channels without being asked. */
	vmbus_set_subchannel_handler(hdev->channel, echo_on_subchannel, ed);
	return 0;
}

static void echo_remove(struct hv_device *hdev)
{
	struct echo_dev *ed = dev_get_drvdata(&hdev->device);
	unsigned int i;

	/*
	 * A running test sees the rescind once woken and lets go of the
	 * sysfs file. chans[] only grows, and no sub-channel is added now.
	 */
	for (i = 0; i < READ_ONCE(ed->nchans); i++)
		wake_up_all(&ed->chans[i]->wait);
	sysfs_remove_group(&hdev->device.kobj, &echo_group);
	echo_close_all(ed);
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
