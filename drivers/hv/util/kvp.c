// SPDX-License-Identifier: GPL-2.0
/*
 * Key-value pair exchange IC. The host reads and writes string pairs in
 * pools that a user-space daemon keeps (Debian's hyperv-daemons
 * hv_kvp_daemon), and asks for or sets a NIC's IP configuration. This
 * driver is the conduit: it checks each host request, converts it into
 * the daemon's message format, hands it over on /dev/vmbus/hv_kvp,
 * converts the daemon's reply back and answers the host.
 *
 * The character device behaves as upstream's (Debian linux-source-6.12,
 * drivers/hv/hv_utils_transport.c and hv_kvp.c), which is what the daemon
 * is written against:
 * - one opener at a time (-EBUSY otherwise);
 * - the daemon first writes a struct hv_kvp_msg whose operation is
 *   KVP_OP_REGISTER1 (or the legacy KVP_OP_REGISTER); the driver answers
 *   with a message of the same operation carrying the version string "3.1"
 *   in body.kvp_register.version, and takes the daemon as ready once it
 *   has read that answer;
 * - every read returns exactly one whole struct hv_kvp_msg (-EINVAL for
 *   a smaller buffer); reads block until one is queued; poll reports
 *   EPOLLIN then, and EPOLLERR | EPOLLHUP once the device is gone;
 * - every write must hold a whole struct hv_kvp_msg (-EINVAL otherwise)
 *   and answers the request last read; a write with no request
 *   outstanding gets -EINVAL (the daemon then reopens the device);
 * - closing the device fails the outstanding request and forgets the
 *   registration.
 *
 * One host request is handled at a time (the host sends one at a time; a
 * second one while the first is in hand is answered with a failure). A
 * request the daemon does not answer within 30 s is failed, as upstream
 * does (HV_UTIL_TIMEOUT). When the channel comes up before any daemon
 * registered, version negotiation and requests wait up to 55 s for one
 * (upstream's HV_UTIL_NEGO_TIMEOUT: it keeps the host from sending, for
 * instance, a failover IP address that nobody could apply); after that,
 * or once a daemon has come and gone, requests without a daemon fail at
 * once. The netlink (connector) transport of old daemons is not offered.
 */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <hv/vmbus.h>
#include "util.h"

#define KVP_REPLY_TIMEOUT	(30 * HZ)
#define KVP_REGISTER_WAIT	(55 * HZ)

/* Newest first. Source: include/hv/proto/ic.h (IC_KVP_V*). */
static const u32 kvp_versions[] = {
	IC_KVP_V4,
	IC_KVP_V3,
	IC_KVP_V1,
};

static void kvp_work_fn(struct work_struct *work);
static void kvp_reply_timeout_fn(struct work_struct *work);
static void kvp_register_wait_fn(struct work_struct *work);

/**
 * struct kvp_state - the one KVP device and its daemon
 * @stash_lock: hands host messages from the channel callback over
 * @accepting: a device is bound and the callback may stash
 * @stash_full: @stash holds a host message that is not answered yet
 * @stash: copy of that message's packet payload, owned by the callback
 *	while !@stash_full and by process context while @stash_full
 * @stash_cap: bytes at @stash
 * @stash_len: bytes of the message
 * @stash_trans_id: its packet transaction id
 * @tx: where a request is answered from once taken out of @stash (under
 *	@lock), @stash_cap bytes
 * @lock: protects everything below and process-context use of @stash
 * @icd: the bound device; NULL once it stops
 * @no_wait: stop waiting for a daemon (it came once, or the wait ran out)
 * @at_daemon: the stashed request went to the daemon
 * @deadline: when the daemon's answer to it is due (jiffies)
 * @open: the device file is open
 * @gone: the open file belongs to a device that went away
 * @reg_op: how the daemon registered (KVP_OP_REGISTER*), 0 before
 * @ready: the daemon read the registration answer
 * @out_full: @out waits for the daemon to read it
 * @out_reg: @out is the registration answer
 * @out: the next message for the daemon
 * @in: the daemon's last write
 * @wait: readers and pollers wait here
 * @work: processes the stashed message
 * @reply_timeout: fails a request the daemon does not answer
 * @register_wait: ends the wait for a daemon
 */
struct kvp_state {
	spinlock_t stash_lock;		/* see above */
	bool accepting;
	bool stash_full;
	u8 *stash;
	u32 stash_cap;
	u32 stash_len;
	u64 stash_trans_id;
	u8 *tx;

	struct mutex lock;		/* see above */
	struct ic_dev *icd;
	bool no_wait;
	bool at_daemon;
	unsigned long deadline;
	bool open;
	bool gone;
	int reg_op;
	bool ready;
	bool out_full;
	bool out_reg;
	struct hv_kvp_msg out;
	struct hv_kvp_msg in;
	wait_queue_head_t wait;
	struct work_struct work;
	struct delayed_work reply_timeout;
	struct delayed_work register_wait;
};

static struct kvp_state kvp = {
	.stash_lock = __SPIN_LOCK_UNLOCKED(kvp.stash_lock),
	.lock = __MUTEX_INITIALIZER(kvp.lock),
	.wait = __WAIT_QUEUE_HEAD_INITIALIZER(kvp.wait),
	.work = __WORK_INITIALIZER(kvp.work, kvp_work_fn),
	.reply_timeout = __DELAYED_WORK_INITIALIZER(kvp.reply_timeout,
						    kvp_reply_timeout_fn, 0),
	.register_wait = __DELAYED_WORK_INITIALIZER(kvp.register_wait,
						    kvp_register_wait_fn, 0),
};

static struct device *kvp_dev(void)
{
	return &kvp.icd->hdev->device;
}

/* Channel callback: keep the message for process context. */
static bool kvp_stash(struct ic_msg *msg)
{
	u32 len = IC_HDRS_LEN + msg->body_len;
	bool taken = false;

	spin_lock(&kvp.stash_lock);
	if (kvp.accepting && !kvp.stash_full && len <= kvp.stash_cap) {
		memcpy(kvp.stash, msg->buf, len);
		kvp.stash_len = len;
		kvp.stash_trans_id = msg->trans_id;
		kvp.stash_full = true;
		taken = true;
	}
	spin_unlock(&kvp.stash_lock);
	if (taken)
		schedule_work(&kvp.work);
	return taken;
}

static bool kvp_on_negotiate(struct ic_dev *icd, struct ic_msg *msg)
{
	/* When the stash is busy the framework answers right away. */
	return kvp_stash(msg);
}

static int kvp_on_msg(struct ic_dev *icd, struct ic_msg *msg)
{
	if (kvp_stash(msg))
		return IC_DEFERRED;
	dev_err_ratelimited(&icd->hdev->device,
			    "kvp: request while another is in progress\n");
	msg->status = IC_STATUS_FAIL;
	return 0;
}

static bool kvp_stash_busy(void)
{
	bool full;

	spin_lock_bh(&kvp.stash_lock);
	full = kvp.stash_full;
	spin_unlock_bh(&kvp.stash_lock);
	return full;
}

static void kvp_stash_release(void)
{
	spin_lock_bh(&kvp.stash_lock);
	kvp.stash_full = false;
	spin_unlock_bh(&kvp.stash_lock);
}

/* Under kvp.lock, with the stash full: describe the stashed message. */
static void kvp_stash_msg(struct ic_msg *msg)
{
	ic_msg_from_buf(msg, kvp.stash, kvp.stash_len, kvp.stash_cap,
			kvp.stash_trans_id);
}

/*
 * Under kvp.lock, with the stash full: take the request out of the stash
 * into kvp.tx, where it is answered, and free the stash first: the host
 * may send its next request the moment it sees the answer.
 */
static void kvp_unstash(struct ic_msg *msg)
{
	memcpy(kvp.tx, kvp.stash, kvp.stash_len);
	ic_msg_from_buf(msg, kvp.tx, kvp.stash_len, kvp.stash_cap,
			kvp.stash_trans_id);
	kvp.at_daemon = false;
	kvp_stash_release();
}

/* Under kvp.lock: answer the stashed request with @status and let it go. */
static void kvp_fail_stashed(u32 status)
{
	struct ic_msg msg;

	kvp_unstash(&msg);
	msg.status = status;
	ic_send_answer(kvp.icd, &msg);
}

/* Under kvp.lock: move the stashed host message forward. */
static void kvp_process(void)
{
	struct ic_msg msg;
	int ret;

	if (!kvp.icd || kvp.at_daemon || !kvp_stash_busy())
		return;
	kvp_stash_msg(&msg);
	if (!kvp.ready && !kvp.no_wait) {
		schedule_delayed_work(&kvp.register_wait, KVP_REGISTER_WAIT);
		return;
	}
	if (msg.hdr.type == IC_MSG_NEGOTIATE) {
		kvp_unstash(&msg);
		ic_answer_negotiate(kvp.icd, &msg);
		return;
	}
	if (!kvp.ready) {
		dev_warn_ratelimited(kvp_dev(), "kvp: no daemon, request failed\n");
		kvp_fail_stashed(IC_STATUS_FAIL);
		return;
	}
	ret = kvp_host_to_daemon(msg.body, msg.body_len, &kvp.out);
	if (ret) {
		dev_err_ratelimited(kvp_dev(), "kvp: bad request (%u bytes, operation %u, pool %u): %d\n",
				    msg.body_len, msg.body_len ? msg.body[0] : 0,
				    msg.body_len > 1 ? msg.body[1] : 0, ret);
		kvp_fail_stashed(IC_STATUS_FAIL);
		return;
	}
	kvp.out_full = true;
	kvp.out_reg = false;
	kvp.at_daemon = true;
	kvp.deadline = jiffies + KVP_REPLY_TIMEOUT;
	schedule_delayed_work(&kvp.reply_timeout, KVP_REPLY_TIMEOUT);
	wake_up_interruptible(&kvp.wait);
}

static void kvp_work_fn(struct work_struct *work)
{
	mutex_lock(&kvp.lock);
	kvp_process();
	mutex_unlock(&kvp.lock);
}

static void kvp_reply_timeout_fn(struct work_struct *work)
{
	mutex_lock(&kvp.lock);
	/* This run may belong to an earlier request: check the deadline. */
	if (kvp.icd && kvp.at_daemon && time_before(jiffies, kvp.deadline)) {
		schedule_delayed_work(&kvp.reply_timeout, kvp.deadline - jiffies);
	} else if (kvp.icd && kvp.at_daemon) {
		dev_warn_ratelimited(kvp_dev(), "kvp: daemon did not answer in time\n");
		kvp.out_full = false;
		kvp_fail_stashed(IC_STATUS_FAIL);
	}
	mutex_unlock(&kvp.lock);
}

static void kvp_register_wait_fn(struct work_struct *work)
{
	mutex_lock(&kvp.lock);
	if (kvp.icd && !kvp.ready)
		dev_info(kvp_dev(), "kvp: no daemon registered, going on without\n");
	kvp.no_wait = true;
	kvp_process();
	mutex_unlock(&kvp.lock);
}

/* ------------------------------------------------------------------ */
/* /dev/vmbus/hv_kvp                                                   */
/* ------------------------------------------------------------------ */

static int kvp_open(struct inode *inode, struct file *file)
{
	int ret = 0;

	mutex_lock(&kvp.lock);
	if (kvp.open)
		ret = -EBUSY;
	else if (!kvp.icd)
		ret = -ENODEV;
	else
		kvp.open = true;
	mutex_unlock(&kvp.lock);
	return ret ? ret : stream_open(inode, file);
}

static int kvp_release(struct inode *inode, struct file *file)
{
	mutex_lock(&kvp.lock);
	kvp.open = false;
	kvp.gone = false;
	kvp.reg_op = 0;
	kvp.ready = false;
	kvp.out_full = false;
	cancel_delayed_work(&kvp.reply_timeout);
	if (kvp.icd && kvp.at_daemon)
		kvp_fail_stashed(IC_STATUS_FAIL);
	mutex_unlock(&kvp.lock);
	return 0;
}

static ssize_t kvp_read(struct file *file, char __user *buf, size_t count,
			loff_t *ppos)
{
	ssize_t ret;

	if (count < sizeof(kvp.out))
		return -EINVAL;
	mutex_lock(&kvp.lock);
	while (!kvp.out_full && !kvp.gone) {
		mutex_unlock(&kvp.lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(kvp.wait, READ_ONCE(kvp.out_full) ||
					     READ_ONCE(kvp.gone)))
			return -EINTR;
		mutex_lock(&kvp.lock);
	}
	if (kvp.gone) {
		ret = -EBADF;
		goto out;
	}
	if (copy_to_user(buf, &kvp.out, sizeof(kvp.out))) {
		ret = -EFAULT;
		goto out;
	}
	ret = sizeof(kvp.out);
	kvp.out_full = false;
	if (kvp.out_reg) {
		kvp.out_reg = false;
		kvp.ready = true;
		kvp.no_wait = true;
		cancel_delayed_work(&kvp.register_wait);
		kvp_process();
	}
out:
	mutex_unlock(&kvp.lock);
	return ret;
}

/* Under kvp.lock: the daemon's first message. */
static int kvp_register(void)
{
	int op = kvp.in.kvp_hdr.operation;

	if (op != KVP_OP_REGISTER1 && op != KVP_OP_REGISTER) {
		dev_info_ratelimited(kvp_dev(), "kvp: incompatible daemon (registers with %d, not %d)\n",
				     op, KVP_OP_REGISTER1);
		return -EINVAL;
	}
	if (kvp.out_full)
		return -EBUSY;
	if (op == KVP_OP_REGISTER)
		dev_info(kvp_dev(), "kvp: legacy daemon, IP injection unavailable\n");
	kvp.reg_op = op;
	memset(&kvp.out, 0, sizeof(kvp.out));
	kvp.out.kvp_hdr.operation = op;
	strscpy((char *)kvp.out.body.kvp_register.version, KVP_DRV_VERSION,
		sizeof(kvp.out.body.kvp_register.version));
	kvp.out_full = true;
	kvp.out_reg = true;
	wake_up_interruptible(&kvp.wait);
	return 0;
}

/* Under kvp.lock: the daemon answers the request it read. */
static int kvp_reply(void)
{
	struct ic_msg msg;

	if (!kvp.at_daemon || kvp.out_full)
		return -EINVAL;
	cancel_delayed_work(&kvp.reply_timeout);
	kvp_unstash(&msg);
	msg.status = kvp_daemon_to_host(&kvp.in,
					kvp_daemon_status(&kvp.in, kvp.reg_op),
					msg.body, msg.body_len);
	ic_send_answer(kvp.icd, &msg);
	return 0;
}

static ssize_t kvp_write(struct file *file, const char __user *buf,
			 size_t count, loff_t *ppos)
{
	int ret;

	if (count < sizeof(kvp.in))
		return -EINVAL;
	mutex_lock(&kvp.lock);
	if (kvp.gone || !kvp.icd)
		ret = -EBADF;
	else if (copy_from_user(&kvp.in, buf, sizeof(kvp.in)))
		ret = -EFAULT;
	else if (!kvp.reg_op)
		ret = kvp_register();
	else
		ret = kvp_reply();
	mutex_unlock(&kvp.lock);
	return ret ? ret : count;
}

static __poll_t kvp_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, &kvp.wait, wait);
	if (READ_ONCE(kvp.gone))
		return EPOLLERR | EPOLLHUP;
	if (READ_ONCE(kvp.out_full))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

static const struct file_operations kvp_fops = {
	.owner = THIS_MODULE,
	.open = kvp_open,
	.release = kvp_release,
	.read = kvp_read,
	.write = kvp_write,
	.poll = kvp_poll,
};

/* Upstream's name: the node is /dev/vmbus/hv_kvp. */
static struct miscdevice kvp_misc = {
	.name = "vmbus/hv_kvp",
	.fops = &kvp_fops,
};

/* ------------------------------------------------------------------ */
/* Service hooks                                                       */
/* ------------------------------------------------------------------ */

static int kvp_init(struct ic_dev *icd)
{
	u8 *stash, *tx;
	int ret;

	stash = kzalloc(icd->rx_size, GFP_KERNEL);
	tx = kzalloc(icd->rx_size, GFP_KERNEL);
	if (!stash || !tx) {
		kfree(stash);
		kfree(tx);
		return -ENOMEM;
	}
	mutex_lock(&kvp.lock);
	if (kvp.icd) {
		mutex_unlock(&kvp.lock);
		kfree(stash);
		kfree(tx);
		dev_err(&icd->hdev->device, "kvp: a KVP device is already bound\n");
		return -EBUSY;
	}
	kvp.icd = icd;
	kvp.tx = tx;
	kvp.no_wait = false;
	kvp.at_daemon = false;
	mutex_unlock(&kvp.lock);

	spin_lock_bh(&kvp.stash_lock);
	kvp.stash = stash;
	kvp.stash_cap = icd->rx_size;
	kvp.stash_full = false;
	kvp.accepting = true;
	spin_unlock_bh(&kvp.stash_lock);

	kvp_misc.minor = MISC_DYNAMIC_MINOR;
	ret = misc_register(&kvp_misc);
	if (ret) {
		dev_err(&icd->hdev->device, "kvp: cannot register /dev/%s: %d\n",
			kvp_misc.name, ret);
		spin_lock_bh(&kvp.stash_lock);
		kvp.accepting = false;
		kvp.stash = NULL;
		spin_unlock_bh(&kvp.stash_lock);
		mutex_lock(&kvp.lock);
		kvp.icd = NULL;
		kvp.tx = NULL;
		mutex_unlock(&kvp.lock);
		kfree(stash);
		kfree(tx);
	}
	return ret;
}

/* Before the channel closes: no more answers from process context. */
static void kvp_stop(struct ic_dev *icd)
{
	spin_lock_bh(&kvp.stash_lock);
	kvp.accepting = false;
	spin_unlock_bh(&kvp.stash_lock);

	mutex_lock(&kvp.lock);
	kvp.icd = NULL;
	kvp.at_daemon = false;
	kvp.out_full = false;
	kvp.out_reg = false;
	if (kvp.open) {
		/* The open file is dead; its owner must close it. */
		kvp.gone = true;
		kvp.reg_op = 0;
		kvp.ready = false;
	}
	mutex_unlock(&kvp.lock);
	wake_up_interruptible_all(&kvp.wait);
}

/* After the channel closed. */
static void kvp_teardown(struct ic_dev *icd)
{
	u8 *stash;

	cancel_work_sync(&kvp.work);
	cancel_delayed_work_sync(&kvp.reply_timeout);
	cancel_delayed_work_sync(&kvp.register_wait);
	misc_deregister(&kvp_misc);

	spin_lock_bh(&kvp.stash_lock);
	stash = kvp.stash;
	kvp.stash = NULL;
	kvp.stash_cap = 0;
	kvp.stash_full = false;
	spin_unlock_bh(&kvp.stash_lock);
	kfree(stash);
	mutex_lock(&kvp.lock);
	kfree(kvp.tx);
	kvp.tx = NULL;
	mutex_unlock(&kvp.lock);
}

const struct ic_service ic_kvp_service = {
	.name = "kvp",
	.class_id = IC_GUID_KVP,
	.msg_type = IC_MSG_KVP,
	.versions = kvp_versions,
	.n_versions = ARRAY_SIZE(kvp_versions),
	.init = kvp_init,
	.on_negotiate = kvp_on_negotiate,
	.on_msg = kvp_on_msg,
	.stop = kvp_stop,
	.teardown = kvp_teardown,
};
