// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU SynIC state: the pages the platform hands us, the VMBus
 * interrupt, which hands channel signals to each channel's tasklet, and
 * CPU hotplug, which moves channels off a CPU before it goes.
 */
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/percpu.h>
#include "vmbus_private.h"

struct vmbus_cpu {
	struct vmbus_synic_pages pages;
	bool online;
};

static DEFINE_PER_CPU(struct vmbus_cpu, vmbus_cpus);
static enum cpuhp_state vmbus_cpuhp_state;
/* CPUs whose SynIC is up: channels may target them. */
static struct cpumask vmbus_cpus_ready;
/* The module is going: CPUs go down without moving channels. */
static bool vmbus_synic_exiting;

/* This CPU's event flags for VMBUS_MSG_SINT. */
static unsigned long *vmbus_event_flags(struct vmbus_cpu *vc)
{
	return vc->pages.event_flags +
	       VMBUS_MSG_SINT * HV_SYNIC_EVENT_FLAGS_SIZE / sizeof(unsigned long);
}

/* Take every flag set on this CPU (the host sets them atomically). */
static void vmbus_take_events(struct vmbus_cpu *vc)
{
	unsigned long *flags = vmbus_event_flags(vc), word;
	unsigned int i, bit;

	rcu_read_lock();
	for (i = 0; i < HV_SYNIC_EVENT_FLAGS_COUNT / BITS_PER_LONG; i++) {
		if (!READ_ONCE(flags[i]))
			continue;
		word = xchg(&flags[i], 0);
		for_each_set_bit(bit, &word, BITS_PER_LONG)
			vmbus_channel_signalled(i * BITS_PER_LONG + bit);
	}
	rcu_read_unlock();
}

/**
 * vmbus_isr() - the VMBus interrupt
 *
 * Called by the platform in hard IRQ context on the interrupted CPU.
 */
void vmbus_isr(void)
{
	struct vmbus_cpu *vc = this_cpu_ptr(&vmbus_cpus);
	struct hv_synic_msg *slot;

	if (!READ_ONCE(vc->online))
		return;
	vmbus_take_events(vc);

	slot = &vc->pages.msg[VMBUS_MSG_SINT];
	if (READ_ONCE(slot->header.type) == HV_SYNIC_MSG_TYPE_NONE)
		return;
	vmbus_msg_receive(slot);
	/* Free the slot, then ask for the next message if one waits. */
	WRITE_ONCE(slot->header.type, HV_SYNIC_MSG_TYPE_NONE);
	mb();	/* the host must see the free slot before our EOM */
	if (READ_ONCE(slot->header.flags) & HV_SYNIC_MSG_FLAG_PENDING)
		vmbus_platform->eom();
}

/**
 * vmbus_cpu_ready() - whether channels may target a CPU
 * @cpu: the CPU
 *
 * Stable while the caller holds the CPU hotplug lock.
 *
 * Return: true when @cpu's SynIC takes VMBus interrupts.
 */
bool vmbus_cpu_ready(unsigned int cpu)
{
	return cpu < nr_cpu_ids && cpumask_test_cpu(cpu, &vmbus_cpus_ready);
}

/**
 * vmbus_cpu_for() - the CPU a channel's interrupts should go to
 * @relid: the channel's relid: relids are spread over the ready CPUs
 *
 * Called under vmbus_conn.channels_lock, which orders it against a CPU
 * leaving the ready set (vmbus_cpu_leave()): a channel either gets a CPU
 * that stays, or is in the relid table when that CPU's channels move.
 *
 * Return: a ready CPU (the first online one while none is ready).
 */
u32 vmbus_cpu_for(u32 relid)
{
	unsigned int n = cpumask_weight(&vmbus_cpus_ready), cpu = nr_cpu_ids;

	lockdep_assert_held(&vmbus_conn.channels_lock);
	if (n)
		cpu = cpumask_nth(relid % n, &vmbus_cpus_ready);
	/* The set may have shrunk since it was counted. */
	if (cpu >= nr_cpu_ids)
		cpu = cpumask_first(&vmbus_cpus_ready);
	return cpu < nr_cpu_ids ? cpu : cpumask_first(cpu_online_mask);
}

static int vmbus_cpu_online(unsigned int cpu)
{
	struct vmbus_cpu *vc = per_cpu_ptr(&vmbus_cpus, cpu);
	int ret;

	ret = vmbus_platform->cpu_online(cpu, &vc->pages);
	if (ret)
		return ret;
	WRITE_ONCE(vc->online, true);
	cpumask_set_cpu(cpu, &vmbus_cpus_ready);
	return 0;
}

/*
 * Move every channel off @cpu before it goes. The CPU that receives the
 * host's messages cannot go while connected: nothing can move them.
 */
static int vmbus_cpu_leave(unsigned int cpu)
{
	int ret;

	if (READ_ONCE(vmbus_conn.connected) && !READ_ONCE(vmbus_conn.gone) &&
	    cpu == VMBUS_MSG_CPU) {
		pr_warn("CPU %u receives the host's VMBus messages: it stays online\n",
			cpu);
		return -EBUSY;
	}
	cpumask_clear_cpu(cpu, &vmbus_cpus_ready);
	/* Out of the set before the relid table is walked for its channels. */
	smp_mb__after_atomic();
	ret = vmbus_channels_leave_cpu(cpu);
	if (ret)
		cpumask_set_cpu(cpu, &vmbus_cpus_ready);
	return ret;
}

/*
 * CPU hotplug teardown, on @cpu in process context. Once its channels
 * moved, the SynIC goes down; signals that reached it or were on their
 * way (a host before 5.3 does not confirm a move) would be lost, so every
 * open channel's callback runs once more and finds what they announced.
 * Tasklets still queued on the CPU move to another one when it dies.
 */
static int vmbus_cpu_offline(unsigned int cpu)
{
	struct vmbus_cpu *vc = per_cpu_ptr(&vmbus_cpus, cpu);
	bool exiting = READ_ONCE(vmbus_synic_exiting);
	int ret;

	if (!exiting) {
		ret = vmbus_cpu_leave(cpu);
		if (ret)
			return ret;
	}
	WRITE_ONCE(vc->online, false);
	vmbus_platform->cpu_offline(cpu);
	if (!exiting)
		vmbus_channels_kick();
	return 0;
}

/**
 * vmbus_synic_init() - bring the SynIC up on every online CPU
 *
 * Return: 0 or a negative errno.
 */
int vmbus_synic_init(void)
{
	int ret;

	WRITE_ONCE(vmbus_synic_exiting, false);
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "hv/vmbus:online",
				vmbus_cpu_online, vmbus_cpu_offline);
	if (ret < 0)
		return ret;
	vmbus_cpuhp_state = ret;
	return 0;
}

/**
 * vmbus_synic_exit() - take the SynIC down on every CPU
 *
 * Teardown must not fail here, so channels are not moved: none is open.
 */
void vmbus_synic_exit(void)
{
	WRITE_ONCE(vmbus_synic_exiting, true);
	cpuhp_remove_state(vmbus_cpuhp_state);
}
