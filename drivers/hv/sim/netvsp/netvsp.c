// SPDX-License-Identifier: GPL-2.0
/*
 * netvsp: hv_sim's synthetic NIC. This file holds the knobs, the NICs
 * (one per "net" device, by per-class index) and the sim_model hooks;
 * nvsp.c runs the NVSP handshake, rndis.c the RNDIS control path, data.c
 * the frames, port.c the switch port netdev. Written from the protocol
 * (proto.h, this model's own reading of it) and OpenVMM's host
 * (vm/devices/net/netvsp), not from the guest driver.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../host.h"
#include "netvsp.h"

static char net_max_version[8] = "6.1";
module_param_string(net_max_version, net_max_version,
		    sizeof(net_max_version), 0444);
MODULE_PARM_DESC(net_max_version,
		 "Newest NVSP version the host accepts: 1, 2, 4, 5, 6 or 6.1");

static unsigned int net_queues = 8;
module_param(net_queues, uint, 0644);
MODULE_PARM_DESC(net_queues,
		 "Receive queues the host offers (RSS capabilities), 1-64; sub-channels up to one less");

static unsigned int net_itab_size = 128;
module_param(net_itab_size, uint, 0644);
MODULE_PARM_DESC(net_itab_size,
		 "RSS indirection table entries the host reports, 1-1024 (guests use 1-256)");

static char net_send_table[16] = "openvmm";
module_param_string(net_send_table, net_send_table, sizeof(net_send_table),
		    0644);
MODULE_PARM_DESC(net_send_table,
		 "Send indirection table layout: openvmm (right after the body) or hyperv (after a 6.1-sized message, offset wrong before 6.1)");

static bool net_link = true;
module_param(net_link, bool, 0444);
MODULE_PARM_DESC(net_link, "Link state of the NICs at load");

static unsigned int net_max_frame = 65535;
module_param(net_max_frame, uint, 0444);
MODULE_PARM_DESC(net_max_frame,
		 "Largest frame (MTU + 14) the host takes in NDIS_CONFIG, 1514-65535; beyond, 1514");

static bool net_rsc = true;
module_param(net_rsc, bool, 0444);
MODULE_PARM_DESC(net_rsc, "Offer receive segment coalescing (NVSP 6.1)");

static char net_name[64] = "Network Adapter";
module_param_string(net_name, net_name, sizeof(net_name), 0444);
MODULE_PARM_DESC(net_name, "OID_GEN_FRIENDLY_NAME of the NICs");

static unsigned int net_speed_mbps = 10000;
module_param(net_speed_mbps, uint, 0444);
MODULE_PARM_DESC(net_speed_mbps, "OID_GEN_LINK_SPEED of the NICs, in Mbit/s");

static const u32 nvs_versions[] = {
	NVSP_VERSION_1, NVSP_VERSION_2, NVSP_VERSION_4, NVSP_VERSION_5,
	NVSP_VERSION_6, NVSP_VERSION_61,
};

static const char *const nvs_version_names[] = {
	"1", "2", "4", "5", "6", "6.1",
};

static struct {
	struct sim_host *h;
	u32 max_version;
	struct nvs_nic *nics[NVS_MAX_NICS];
} nvs;

u32 nvs_max_version(void)
{
	return nvs.max_version;
}

u32 nvs_max_queues(void)
{
	return clamp_t(u32, READ_ONCE(net_queues), 1, NVS_MAX_QUEUES);
}

u32 nvs_itab_size(void)
{
	return READ_ONCE(net_itab_size);
}

bool nvs_send_table_after_msg(void)
{
	return sysfs_streq(net_send_table, "hyperv");
}

bool nvs_rsc_offered(void)
{
	return net_rsc;
}

const char *nvs_friendly_name(void)
{
	return net_name;
}

u32 nvs_link_speed(void)
{
	return net_speed_mbps;
}

u32 nvs_frame_for(u32 mtu)
{
	if (mtu < NVS_DEFAULT_FRAME || mtu > net_max_frame)
		return NVS_DEFAULT_FRAME;
	return mtu;
}

bool nvs_version_known(u32 version)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nvs_versions); i++)
		if (nvs_versions[i] == version)
			return true;
	return false;
}

const char *nvs_version_name(u32 version)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nvs_versions); i++)
		if (nvs_versions[i] == version)
			return nvs_version_names[i];
	return "-";
}

struct nvs_nic *nvs_nic_get(u32 index)
{
	return index < NVS_MAX_NICS ? nvs.nics[index] : NULL;
}

/* A stable address per NIC: Hyper-V's 00:15:5d prefix, "SH", index. */
static void nvs_make_mac(u32 index, u8 *mac)
{
	static const u8 base[6] = { 0x00, 0x15, 0x5d, 0x53, 0x48, 0x00 };

	memcpy(mac, base, sizeof(base));
	mac[5] = index;
}

static struct nvs_nic *nvs_nic_alloc(struct sim_host *h, u32 index)
{
	struct nvs_nic *nic = kzalloc(sizeof(*nic), GFP_KERNEL);

	if (!nic)
		return NULL;
	nic->ctrlq = kvcalloc(NVS_CTRL_QUEUE, sizeof(*nic->ctrlq), GFP_KERNEL);
	if (!nic->ctrlq) {
		kfree(nic);
		return NULL;
	}
	nic->h = h;
	nic->index = index;
	nvs_make_mac(index, nic->mac);
	memcpy(nic->cur_mac, nic->mac, sizeof(nic->mac));
	nic->link_up = net_link;
	nic->guest_link_up = net_link;
	skb_queue_head_init(&nic->backlog);
	INIT_WORK(&nic->rx_work, nvs_rx_work);
	INIT_DELAYED_WORK(&nic->cq_work, nvs_cq_work);
	nvs_nic_reset(nic);
	return nic;
}

static void nvs_nic_free(struct nvs_nic *nic)
{
	skb_queue_purge(&nic->backlog);
	kvfree(nic->ctrlq);
	kfree(nic);
}

/* The NIC of a channel's device, made when first needed. */
static struct nvs_nic *nvs_nic_of(struct sim_host *h, struct sim_channel *ch)
{
	u32 index = ch->primary ? ch->primary->index : ch->index;

	if (index >= NVS_MAX_NICS)
		return NULL;
	if (!nvs.nics[index])
		nvs.nics[index] = nvs_nic_alloc(h, index);
	return nvs.nics[index];
}

/* ---- the sim_model hooks ----------------------------------------------- */

static int nvs_open(struct sim_host *h, struct sim_channel *ch)
{
	struct nvs_nic *nic = nvs_nic_of(h, ch);
	struct nvs_queue *q;

	if (!nic) {
		pr_warn_ratelimited("netvsp: relid %u: no NIC for device %u\n",
				    ch->relid, ch->index);
		return -ENODEV;
	}
	if (ch->subidx >= NVS_MAX_QUEUES || nic->q[ch->subidx])
		return -EBUSY;
	/* A sub-channel carries data once the primary asked for it. */
	if (ch->primary && (nic->state != NVS_READY || !nic->q[0] ||
			    ch->subidx > nic->sub_granted)) {
		nvs_bad(nic, "relid %u: sub-channel %u opened before it was granted\n",
			ch->relid, ch->subidx);
		return -EINVAL;
	}
	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		return -ENOMEM;
	q->cq = kvcalloc(NVS_CQ_LEN, sizeof(*q->cq), GFP_KERNEL);
	if (!q->cq) {
		kfree(q);
		return -ENOMEM;
	}
	q->nic = nic;
	q->ch = ch;
	q->index = ch->subidx;
	__skb_queue_head_init(&q->rxq);
	if (!ch->primary)
		nvs_nic_reset(nic);
	nic->q[q->index] = q;
	ch->model_priv = q;
	if (ch->primary && nic->q[0])
		sim_kick_channel(h, nic->q[0]->ch);	/* send table */
	return 0;
}

static void nvs_run(struct sim_host *h, struct sim_channel *ch)
{
	struct nvs_queue *q = ch->model_priv;

	if (q)
		nvs_queue_run(h, q);
}

static void nvs_close(struct sim_host *h, struct sim_channel *ch)
{
	struct nvs_queue *q = ch->model_priv;
	struct nvs_nic *nic;

	if (!q)
		return;
	nic = q->nic;
	nvs_queue_drop_rx(q);
	nic->q[q->index] = NULL;
	if (!q->index)
		nvs_nic_reset(nic);
	kvfree(q->cq);
	kfree(q);
	ch->model_priv = NULL;
	nvs_port_wake(nic);
}

/* ---- module ------------------------------------------------------------- */

static int nvs_parse_params(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nvs_versions); i++)
		if (sysfs_streq(net_max_version, nvs_version_names[i]))
			nvs.max_version = nvs_versions[i];
	if (!nvs.max_version) {
		pr_err("net_max_version: '%s' is not an NVSP version (1, 2, 4, 5, 6, 6.1)\n",
		       net_max_version);
		return -EINVAL;
	}
	if (!sysfs_streq(net_send_table, "openvmm") &&
	    !sysfs_streq(net_send_table, "hyperv")) {
		pr_err("net_send_table: '%s' is neither openvmm nor hyperv\n",
		       net_send_table);
		return -EINVAL;
	}
	if (!net_queues || net_queues > NVS_MAX_QUEUES) {
		pr_err("net_queues: %u is not in 1-%u\n", net_queues,
		       NVS_MAX_QUEUES);
		return -EINVAL;
	}
	if (!net_itab_size || net_itab_size > 1024) {
		pr_err("net_itab_size: %u is not in 1-1024\n", net_itab_size);
		return -EINVAL;
	}
	if (net_max_frame < NVS_DEFAULT_FRAME || net_max_frame > 65535) {
		pr_err("net_max_frame: %u is not in 1514-65535\n", net_max_frame);
		return -EINVAL;
	}
	return 0;
}

/**
 * nvs_model_init() - set up the NICs of the configured "net" devices
 * @h: the host, its channels configured and its debugfs directory made,
 *	not attached to the guest yet
 *
 * Each NIC gets its switch port now, so that a test can move the port
 * into a network namespace before the guest driver loads. Takes the RTNL
 * (register_netdev()), so it must not run under the host's lock.
 *
 * Return: 0 or a negative error; nvs_model_exit() frees what was made.
 */
static int nvs_model_init(struct sim_host *h)
{
	struct sim_channel *ch;
	unsigned int i;
	int ret;

	ret = nvs_parse_params();
	if (ret)
		return ret;
	nvs.h = h;
	mutex_lock(&h->lock);
	list_for_each_entry(ch, &h->channels, node) {
		if (ch->cls->model != &sim_netvsp_model || ch->primary ||
		    ch->index >= NVS_MAX_NICS || nvs.nics[ch->index])
			continue;
		nvs.nics[ch->index] = nvs_nic_alloc(h, ch->index);
		if (!nvs.nics[ch->index])
			ret = -ENOMEM;
	}
	mutex_unlock(&h->lock);
	for (i = 0; !ret && i < NVS_MAX_NICS; i++)
		if (nvs.nics[i])
			ret = nvs_port_create(nvs.nics[i]);
	if (ret)
		return ret;
	nvs_debugfs_init(h);
	return 0;
}

/**
 * nvs_model_exit() - free the NICs and their switch ports
 * @h: the host, its data plane stopped (no channel open) and its debugfs
 *	directory removed
 */
static void nvs_model_exit(struct sim_host *h)
{
	unsigned int i;

	for (i = 0; i < NVS_MAX_NICS; i++) {
		if (!nvs.nics[i])
			continue;
		nvs_port_destroy(nvs.nics[i]);
		cancel_work_sync(&nvs.nics[i]->rx_work);
		cancel_delayed_work_sync(&nvs.nics[i]->cq_work);
		nvs_nic_free(nvs.nics[i]);
		nvs.nics[i] = NULL;
	}
	nvs.h = NULL;
}

const struct sim_model sim_netvsp_model = {
	.init = nvs_model_init,
	.exit = nvs_model_exit,
	.open = nvs_open,
	.run = nvs_run,
	.close = nvs_close,
	.close_revokes_subchannels = true,
};
