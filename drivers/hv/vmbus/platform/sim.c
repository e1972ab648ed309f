// SPDX-License-Identifier: GPL-2.0
/*
 * The "sim" platform: the host is hv_sim, a module in the same kernel.
 * SynIC pages are ordinary per-CPU pages; a message or event from the host
 * lands in them exactly where Hyper-V would put it, followed by an
 * interrupt on the target CPU, which runs vmbus_isr() in hard IRQ context
 * as the real vector would: an IPI from other CPUs, a self-IPI (irq_work)
 * on the target itself, taken as soon as it enables interrupts. A host
 * that answers in the guest's signalling context (hv_sim's fast path)
 * thus interrupts the guest as Hyper-V does, not by a call up the
 * guest's stack, and the channel's tasklet runs on that interrupt's exit.
 */
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/irq_work.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <hv/sim.h>
#include "platform.h"
#include "../vmbus_private.h"

struct sim_cpu {
	struct vmbus_synic_pages pages;
	call_single_data_t csd;		/* raised from another CPU */
	struct irq_work self;		/* raised on this one */
	atomic_t raised;
	bool online;
};

struct sim_host {
	const struct vmbus_sim_host_ops *ops;
	void *ctx;
};

static DEFINE_PER_CPU(struct sim_cpu, sim_cpus);
static struct sim_host __rcu *sim_host;
static DEFINE_MUTEX(sim_attach_lock);

/*
 * The interrupt handler, hard IRQ context: runs until no new interrupt
 * was raised meanwhile.
 */
static void sim_irq(void *info)
{
	struct sim_cpu *sc = info;

	while (atomic_xchg(&sc->raised, 0))
		vmbus_isr();
}

static void sim_self_irq(struct irq_work *work)
{
	sim_irq(container_of(work, struct sim_cpu, self));
}

/*
 * Interrupt @cpu. If its handler is pending or running it sees the raised
 * flag. Only a call not yet started is busy: it will see the flag too,
 * but is waited for, as the slot is needed again.
 */
static void sim_raise(struct sim_cpu *sc, unsigned int cpu)
{
	if (atomic_xchg(&sc->raised, 1))
		return;
	preempt_disable();
	if (cpu == smp_processor_id())
		irq_work_queue(&sc->self);
	else
		while (smp_call_function_single_async(cpu, &sc->csd) == -EBUSY)
			cpu_relax();
	preempt_enable();
}

static int sim_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct sim_cpu *sc = &per_cpu(sim_cpus, cpu);

		INIT_CSD(&sc->csd, sim_irq, sc);
		sc->self = IRQ_WORK_INIT_HARD(sim_self_irq);
		atomic_set(&sc->raised, 0);
	}
	return 0;
}

static void sim_noop(void *info)
{
}

/* Interrupts still in flight run before a later call to the same CPU. */
static void sim_exit(void)
{
	unsigned int cpu;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		smp_call_function_single(cpu, sim_noop, NULL, 1);
		irq_work_sync(&per_cpu(sim_cpus, cpu).self);
	}
	cpus_read_unlock();
}

static int sim_cpu_online(unsigned int cpu, struct vmbus_synic_pages *pages)
{
	struct sim_cpu *sc = &per_cpu(sim_cpus, cpu);

	sc->pages.msg = (void *)get_zeroed_page(GFP_KERNEL);
	sc->pages.event_flags = (void *)get_zeroed_page(GFP_KERNEL);
	if (!sc->pages.msg || !sc->pages.event_flags) {
		free_page((unsigned long)sc->pages.msg);
		free_page((unsigned long)sc->pages.event_flags);
		return -ENOMEM;
	}
	*pages = sc->pages;
	WRITE_ONCE(sc->online, true);
	return 0;
}

static void sim_cpu_offline(unsigned int cpu)
{
	struct sim_cpu *sc = &per_cpu(sim_cpus, cpu);

	WRITE_ONCE(sc->online, false);
	/* A host call may still be raising an interrupt here: let it finish. */
	synchronize_rcu();
	irq_work_sync(&sc->self);
	free_page((unsigned long)sc->pages.msg);
	free_page((unsigned long)sc->pages.event_flags);
	sc->pages.msg = NULL;
	sc->pages.event_flags = NULL;
}

static int sim_post_msg(u32 conn_id, const void *msg, u32 len)
{
	struct sim_host *host;
	int ret = -ENODEV;

	rcu_read_lock();
	host = rcu_dereference(sim_host);
	if (host)
		ret = host->ops->post_msg(host->ctx, conn_id, msg, len);
	rcu_read_unlock();
	return ret;
}

static void sim_signal_event(u32 conn_id)
{
	struct sim_host *host;

	rcu_read_lock();
	host = rcu_dereference(sim_host);
	if (host)
		host->ops->signal_event(host->ctx, conn_id);
	rcu_read_unlock();
}

static void sim_eom(void)
{
	struct sim_host *host;

	rcu_read_lock();
	host = rcu_dereference(sim_host);
	if (host && host->ops->eom)
		host->ops->eom(host->ctx, smp_processor_id());
	rcu_read_unlock();
}

static u32 sim_vp_index(unsigned int cpu)
{
	return cpu;
}

const struct vmbus_platform_ops vmbus_platform_sim = {
	.name = "sim",
	.init = sim_init,
	.exit = sim_exit,
	.cpu_online = sim_cpu_online,
	.cpu_offline = sim_cpu_offline,
	.post_msg = sim_post_msg,
	.signal_event = sim_signal_event,
	.eom = sim_eom,
	.vp_index = sim_vp_index,
};

/* The CPU's SynIC state, or NULL when the sim platform does not drive it. */
static struct sim_cpu *sim_target(unsigned int cpu)
{
	struct sim_cpu *sc;

	if (vmbus_platform != &vmbus_platform_sim || cpu >= nr_cpu_ids ||
	    !cpu_online(cpu))
		return NULL;
	sc = &per_cpu(sim_cpus, cpu);
	return READ_ONCE(sc->online) ? sc : NULL;
}

/**
 * vmbus_sim_deliver_msg() - the host writes a SynIC message for the guest
 * @cpu: the CPU (VP index) whose VMBus message slot receives it
 * @type: SynIC message type, HV_SYNIC_MSG_TYPE_VMBUS for channel messages
 * @payload: the message
 * @len: its length, at most HV_SYNIC_MSG_PAYLOAD_MAX
 *
 * Like Hyper-V, delivers only into a free slot. If the slot is busy the
 * host must wait for its eom callback, which the guest makes once it frees
 * the slot. Any context.
 *
 * Return: 0 when delivered, -EBUSY when the slot is busy, -ENODEV when no
 * guest CPU @cpu runs the sim platform, -EINVAL for a bad length.
 */
int vmbus_sim_deliver_msg(unsigned int cpu, u32 type, const void *payload,
			  u32 len)
{
	struct hv_synic_msg *slot;
	struct sim_cpu *sc;
	int ret = 0;

	if (len > HV_SYNIC_MSG_PAYLOAD_MAX || type == HV_SYNIC_MSG_TYPE_NONE)
		return -EINVAL;
	rcu_read_lock();
	sc = sim_target(cpu);
	if (!sc) {
		ret = -ENODEV;
		goto out;
	}
	slot = &sc->pages.msg[VMBUS_MSG_SINT];
	if (READ_ONCE(slot->header.type) != HV_SYNIC_MSG_TYPE_NONE) {
		/*
		 * Ask for an EOM, then look again: the guest may have freed
		 * the slot before it could see the flag.
		 */
		WRITE_ONCE(slot->header.flags, HV_SYNIC_MSG_FLAG_PENDING);
		smp_mb(); /* flag visible before the re-check; pairs with vmbus_isr() */
		if (READ_ONCE(slot->header.type) != HV_SYNIC_MSG_TYPE_NONE) {
			ret = -EBUSY;
			goto out;
		}
	}
	memcpy(slot->payload, payload, len);
	memset(slot->payload + len, 0, HV_SYNIC_MSG_PAYLOAD_MAX - len);
	slot->header.payload_size = len;
	slot->header.flags = 0;
	slot->header.sender = 0;
	/* Publish the message body before its type marks the slot full. */
	smp_store_release(&slot->header.type, type);
	sim_raise(sc, cpu);
out:
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_HVG(vmbus_sim_deliver_msg);

/**
 * vmbus_sim_signal_guest() - the host signals a channel to the guest
 * @cpu: the CPU (VP index) the channel's interrupts go to
 * @relid: the channel's relid: the event flag to set
 *
 * Any context.
 *
 * Return: 0, -EINVAL for a relid beyond the event flags, or -ENODEV.
 */
int vmbus_sim_signal_guest(unsigned int cpu, u32 relid)
{
	struct sim_cpu *sc;
	int ret = 0;

	if (relid >= HV_SYNIC_EVENT_FLAGS_COUNT)
		return -EINVAL;
	rcu_read_lock();
	sc = sim_target(cpu);
	if (sc) {
		set_bit(relid, sc->pages.event_flags +
			VMBUS_MSG_SINT * HV_SYNIC_EVENT_FLAGS_SIZE /
			sizeof(unsigned long));
		sim_raise(sc, cpu);
	} else {
		ret = -ENODEV;
	}
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_HVG(vmbus_sim_signal_guest);

/**
 * vmbus_sim_attach() - a simulated host comes up
 * @ops: its callbacks
 * @ctx: passed back to them
 *
 * hv_vmbus, loaded with platform=sim, connects to it from now on.
 *
 * Return: 0, -EBUSY when a host is attached already, -ENODEV when hv_vmbus
 * does not run the sim platform.
 */
int vmbus_sim_attach(const struct vmbus_sim_host_ops *ops, void *ctx)
{
	struct sim_host *host;
	int ret = 0;

	if (vmbus_platform != &vmbus_platform_sim)
		return -ENODEV;
	host = kzalloc(sizeof(*host), GFP_KERNEL);
	if (!host)
		return -ENOMEM;
	host->ops = ops;
	host->ctx = ctx;

	mutex_lock(&sim_attach_lock);
	if (rcu_access_pointer(sim_host)) {
		ret = -EBUSY;
		kfree(host);
	} else {
		rcu_assign_pointer(sim_host, host);
	}
	mutex_unlock(&sim_attach_lock);
	if (!ret)
		vmbus_host_ready();
	return ret;
}
EXPORT_SYMBOL_HVG(vmbus_sim_attach);

/**
 * vmbus_sim_detach() - the simulated host goes away
 * @ctx: the context it attached with
 *
 * The guest drops every channel first, as after a host reset, without
 * messaging the host. Process context; may sleep. On return no guest code
 * calls the host's callbacks any more.
 */
void vmbus_sim_detach(void *ctx)
{
	struct sim_host *host;

	mutex_lock(&sim_attach_lock);
	host = rcu_dereference_protected(sim_host,
					 lockdep_is_held(&sim_attach_lock));
	if (!host || host->ctx != ctx) {
		mutex_unlock(&sim_attach_lock);
		return;
	}
	vmbus_host_reset();
	RCU_INIT_POINTER(sim_host, NULL);
	mutex_unlock(&sim_attach_lock);
	synchronize_rcu();
	kfree(host);
}
EXPORT_SYMBOL_HVG(vmbus_sim_detach);
