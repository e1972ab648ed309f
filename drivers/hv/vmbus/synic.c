// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU SynIC state: the pages the platform hands us, the VMBus
 * interrupt, and the event tasklet that turns channel signals into driver
 * callbacks.
 */
#include <linux/cpuhotplug.h>
#include <linux/interrupt.h>
#include <linux/percpu.h>
#include "trace.h"
#include "vmbus_private.h"

struct vmbus_cpu {
	struct vmbus_synic_pages pages;
	struct tasklet_struct event_tasklet;
	bool online;
};

static DEFINE_PER_CPU(struct vmbus_cpu, vmbus_cpus);
static enum cpuhp_state vmbus_cpuhp_state;

/* This CPU's event flags for VMBUS_MSG_SINT. */
static unsigned long *vmbus_event_flags(struct vmbus_cpu *vc)
{
	return vc->pages.event_flags +
	       VMBUS_MSG_SINT * HV_SYNIC_EVENT_FLAGS_SIZE / sizeof(unsigned long);
}

static void vmbus_run_channel(u32 relid)
{
	struct vmbus_channel *channel;

	channel = rcu_dereference(vmbus_conn.channels[relid]);
	if (!channel)
		return;
	trace_vmbus_chan_sched(relid);
	vmbus_channel_on_event(channel);
}

/* Softirq: take every set flag (the host sets them atomically) and serve it. */
static void vmbus_event_tasklet(struct tasklet_struct *t)
{
	struct vmbus_cpu *vc = container_of(t, struct vmbus_cpu, event_tasklet);
	unsigned long *flags = vmbus_event_flags(vc), word;
	unsigned int i, bit;

	rcu_read_lock();
	for (i = 0; i < HV_SYNIC_EVENT_FLAGS_COUNT / BITS_PER_LONG; i++) {
		if (!READ_ONCE(flags[i]))
			continue;
		word = xchg(&flags[i], 0);
		for_each_set_bit(bit, &word, BITS_PER_LONG)
			vmbus_run_channel(i * BITS_PER_LONG + bit);
	}
	rcu_read_unlock();
}

/* Take the message in @vc's slot, if any; @eom: @vc is this CPU's. */
static void vmbus_take_msg(struct vmbus_cpu *vc, bool eom)
{
	struct hv_synic_msg *slot = &vc->pages.msg[VMBUS_MSG_SINT];

	if (READ_ONCE(slot->header.type) == HV_SYNIC_MSG_TYPE_NONE)
		return;
	vmbus_msg_receive(slot);
	/* Free the slot, then ask for the next message if one waits. */
	WRITE_ONCE(slot->header.type, HV_SYNIC_MSG_TYPE_NONE);
	mb();	/* the host must see the free slot before our EOM */
	if (eom && READ_ONCE(slot->header.flags) & HV_SYNIC_MSG_FLAG_PENDING)
		vmbus_platform->eom();
}

/**
 * vmbus_isr() - the VMBus interrupt
 *
 * Called by the platform in hard IRQ context on the interrupted CPU.
 */
void vmbus_isr(void)
{
	struct vmbus_cpu *vc = this_cpu_ptr(&vmbus_cpus);

	if (!READ_ONCE(vc->online))
		return;
	tasklet_schedule(&vc->event_tasklet);
	vmbus_take_msg(vc, true);
}

/**
 * vmbus_synic_poll() - take the messages waiting in every CPU's slot
 *
 * For a panic: interrupts may be off and the other CPUs stopped. Only
 * the calling CPU's slot is followed by an EOM, which a CPU can send only
 * for itself; the host's answer to UNLOAD needs no more.
 */
void vmbus_synic_poll(void)
{
	unsigned int cpu, self = raw_smp_processor_id();
	struct vmbus_cpu *vc;

	for_each_online_cpu(cpu) {
		vc = per_cpu_ptr(&vmbus_cpus, cpu);
		if (READ_ONCE(vc->online))
			vmbus_take_msg(vc, cpu == self);
	}
}

static int vmbus_cpu_online(unsigned int cpu)
{
	struct vmbus_cpu *vc = per_cpu_ptr(&vmbus_cpus, cpu);
	int ret;

	ret = vmbus_platform->cpu_online(cpu, &vc->pages);
	if (ret)
		return ret;
	WRITE_ONCE(vc->online, true);
	return 0;
}

static int vmbus_cpu_offline(unsigned int cpu)
{
	struct vmbus_cpu *vc = per_cpu_ptr(&vmbus_cpus, cpu);

	WRITE_ONCE(vc->online, false);
	vmbus_platform->cpu_offline(cpu);
	tasklet_kill(&vc->event_tasklet);
	return 0;
}

/**
 * vmbus_synic_init() - bring the SynIC up on every online CPU
 *
 * Return: 0 or a negative errno.
 */
int vmbus_synic_init(void)
{
	unsigned int cpu;
	int ret;

	for_each_possible_cpu(cpu)
		tasklet_setup(&per_cpu_ptr(&vmbus_cpus, cpu)->event_tasklet,
			      vmbus_event_tasklet);
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "hv/vmbus:online",
				vmbus_cpu_online, vmbus_cpu_offline);
	if (ret < 0)
		return ret;
	vmbus_cpuhp_state = ret;
	return 0;
}

/**
 * vmbus_synic_exit() - take the SynIC down on every CPU
 */
void vmbus_synic_exit(void)
{
	cpuhp_remove_state(vmbus_cpuhp_state);
}
