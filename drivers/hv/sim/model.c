// SPDX-License-Identifier: GPL-2.0
/*
 * What every device model of hv_sim shares: reading its channel's
 * outbound ring, and the commands tests write to its debugfs files (and
 * to the "faults" parameter), split here for all models alike, so that
 * the syntax Documentation/sim.rst gives (commands separated by newlines,
 * ';' or ','; words by blanks, ':' or '=') holds for every one of them.
 * The models' KUnit suites build this file with their own channel layer.
 */

#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "host.h"

/**
 * sim_chan_drain() - read a channel's outbound ring for its device model
 * @h: the host, locked
 * @ch: an open channel
 * @budget: packets to read at most; the channel is then kicked to run
 *	again, so that other channels get a turn
 * @room: asked before each packet whether the model can take one (it may
 *	flush what it holds first); NULL: always
 * @handle: answers one packet, whose payload is in @ch->rxbuf
 *
 * Interrupts from the guest are masked while the host reads, as a host
 * polling its ring does; when the ring looks empty they are unmasked and
 * the ring looked at once more, for a packet written meanwhile.
 *
 * Return: -EAGAIN when the ring was emptied, 0 when @room or @budget
 * stopped the reading, another error when the ring is corrupt.
 */
int sim_chan_drain(struct sim_host *h, struct sim_channel *ch, u32 budget,
		   bool (*room)(struct sim_host *h, struct sim_channel *ch),
		   void (*handle)(struct sim_host *h, struct sim_channel *ch,
				  const struct hv_ring_pkt *pkt))
{
	struct hv_ring_pkt pkt;
	int ret;

	hv_ring_mask_interrupts(&ch->out);
	while (!ch->broken && (!room || room(h, ch))) {
		if (!budget--) {
			sim_kick_channel(h, ch);
			break;
		}
		ret = sim_chan_read(h, ch, &pkt);
		if (ret == -EAGAIN) {
			if (!hv_ring_unmask_interrupts(&ch->out))
				return ret;
			hv_ring_mask_interrupts(&ch->out);
			continue;
		}
		if (ret)
			return ret;
		handle(h, ch, &pkt);
	}
	if (!ch->broken)
		hv_ring_unmask_interrupts(&ch->out);
	return 0;
}

/**
 * sim_cmd_words() - split one command into its words
 * @cmd: the command; modified
 * @seps: the characters between words (runs of them count as one)
 * @w: receives the words; the slots after the last word are set to NULL
 * @max: slots in @w
 *
 * Return: the number of words, or -E2BIG when there are more than @max.
 */
int sim_cmd_words(char *cmd, const char *seps, char **w, int max)
{
	int n = 0;
	char *word;

	while ((word = strsep(&cmd, seps))) {
		if (!*word)
			continue;
		if (n == max)
			return -E2BIG;
		w[n++] = word;
	}
	memset(w + n, 0, (max - n) * sizeof(*w));
	return n;
}

/**
 * sim_cmd_list() - run each command of a list, in order
 * @h: the host, locked
 * @text: commands separated by newlines, ';' or ','; modified
 * @run: runs one command (an empty one included)
 * @who: the model, for the warning
 *
 * Return: 0, or the error of the first command that fails; the rest are
 * not run.
 */
int sim_cmd_list(struct sim_host *h, char *text, sim_cmd_fn run,
		 const char *who)
{
	char *cmd;
	int ret;

	lockdep_assert_held(&h->lock);
	while ((cmd = strsep(&text, "\n;,"))) {
		ret = run(h, cmd);
		if (ret) {
			pr_warn("%s: command '%s' failed: %d\n", who, cmd, ret);
			return ret;
		}
	}
	return 0;
}

/**
 * sim_cmd_copy() - a command written to a debugfs file, as a string
 * @ubuf: what user space wrote
 * @len: its length
 *
 * Return: a NUL-terminated copy to kfree(), or an ERR_PTR (-E2BIG past
 * %SIM_CMD_MAX bytes).
 */
char *sim_cmd_copy(const char __user *ubuf, size_t len)
{
	if (len > SIM_CMD_MAX)
		return ERR_PTR(-E2BIG);
	return memdup_user_nul(ubuf, len);
}

/**
 * sim_cmd_write() - run a command written to a debugfs file
 * @h: the host, not locked
 * @ubuf: what user space wrote
 * @len: its length
 * @run: runs it, without its leading and trailing blanks, under @h's lock
 *
 * Process context; sleeps.
 *
 * Return: @len, or the error of @run or of the copy.
 */
ssize_t sim_cmd_write(struct sim_host *h, const char __user *ubuf,
		      size_t len, sim_cmd_fn run)
{
	char *buf = sim_cmd_copy(ubuf, len);
	int ret;

	if (IS_ERR(buf))
		return PTR_ERR(buf);
	mutex_lock(&h->lock);
	ret = run(h, strim(buf));
	mutex_unlock(&h->lock);
	kfree(buf);
	return ret ? ret : len;
}
