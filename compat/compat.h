/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place that knows how supported kernels differ (Linux 6.1 to 7.x;
 * the top-level Makefile refuses other versions). Force-included
 * into every hvguest object by Kbuild. Differences are detected by the
 * feature probes in compat/probes/ (see compat/gen-compat.sh); each wrapper
 * ends in #error so that an unknown kernel fails to build loudly instead of
 * miscompiling.
 */
#ifndef HV_COMPAT_H
#define HV_COMPAT_H

#include <hv_compat_auto.h>

/* Every message of ours names its module, as upstream's drivers do. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

/*
 * Symbol namespace of hvguest's exported symbols, and the macros that export
 * into it and import from it.
 */
#if defined(HAVE_SYMBOL_NS_IDENTIFIER)
#define EXPORT_SYMBOL_HVG(sym)	EXPORT_SYMBOL_NS_GPL(sym, HVGUEST)
#define HVG_IMPORT_NS()		MODULE_IMPORT_NS(HVGUEST)
#elif defined(HAVE_SYMBOL_NS_STRING)
#define EXPORT_SYMBOL_HVG(sym)	EXPORT_SYMBOL_NS_GPL(sym, "HVGUEST")
#define HVG_IMPORT_NS()		MODULE_IMPORT_NS("HVGUEST")
#else
#error "unknown kernel: cannot tell how symbol namespaces are spelled"
#endif

/* The bus type: const where bus_register() and struct device_driver allow. */
#if defined(HAVE_BUS_REGISTER_CONST)
#define hvg_bus_type		const struct bus_type
#elif defined(HAVE_BUS_REGISTER_MUTABLE)
#define hvg_bus_type		struct bus_type
#else
#error "unknown kernel: cannot tell the signature of bus_register()"
#endif

/* Qualifier of the driver argument of bus_type.match. */
#if defined(HAVE_BUS_MATCH_CONST_DRV)
#define hvg_bus_match_drv_t	const struct device_driver
#elif defined(HAVE_BUS_MATCH_MUTABLE_DRV)
#define hvg_bus_match_drv_t	struct device_driver
#else
#error "unknown kernel: cannot tell the signature of bus_type.match"
#endif

/* Qualifier of the device argument of bus_type.uevent. */
#if defined(HAVE_BUS_UEVENT_CONST_DEV)
#define hvg_bus_uevent_dev_t	const struct device
#elif defined(HAVE_BUS_UEVENT_MUTABLE_DEV)
#define hvg_bus_uevent_dev_t	struct device
#else
#error "unknown kernel: cannot tell the signature of bus_type.uevent"
#endif

/*
 * Who keeps a device's driver_override and its sysfs file: the driver
 * core, for buses that set bus_type.driver_override, or each bus.
 */
#if defined(HAVE_BUS_DRIVER_OVERRIDE)
#define HVG_DRIVER_OVERRIDE_IN_CORE	1
#elif defined(HAVE_DRIVER_SET_OVERRIDE)
#define HVG_DRIVER_OVERRIDE_IN_CORE	0
#else
#error "unknown kernel: cannot tell how driver_override is kept"
#endif

/* 64-bit MSR access, x86 only (the probes fail to compile elsewhere). */
#if defined(HAVE_RDMSRQ)
#define hvg_rdmsr(msr, val)	rdmsrq(msr, val)
#define hvg_wrmsr(msr, val)	wrmsrq(msr, val)
#elif defined(HAVE_RDMSRL)
#define hvg_rdmsr(msr, val)	rdmsrl(msr, val)
#define hvg_wrmsr(msr, val)	wrmsrl(msr, val)
#elif defined(CONFIG_X86)
#error "unknown kernel: cannot tell how to read and write 64-bit MSRs"
#endif

/*
 * SCSI host templates (hv_storvsc): whether scsi_host_alloc() takes a
 * const template, what queuecommand and eh_timed_out return.
 */
#if defined(HAVE_SCSI_HOST_ALLOC_CONST)
#define hvg_scsi_host_template	const struct scsi_host_template
#elif defined(HAVE_SCSI_HOST_ALLOC_MUTABLE)
#define hvg_scsi_host_template	struct scsi_host_template
#elif IS_ENABLED(CONFIG_SCSI)
#error "unknown kernel: cannot tell the signature of scsi_host_alloc()"
#endif

#if defined(HAVE_SCSI_QC_STATUS_ENUM)
#define hvg_scsi_qc_t		enum scsi_qc_status
#elif defined(HAVE_SCSI_QC_STATUS_INT)
#define hvg_scsi_qc_t		int
#elif IS_ENABLED(CONFIG_SCSI)
#error "unknown kernel: cannot tell what queuecommand returns"
#endif

#if defined(HAVE_SCSI_TIMEOUT_ACTION)
#define hvg_scsi_timeout_t	enum scsi_timeout_action
#define HVG_SCSI_EH_DONE	SCSI_EH_DONE
#define HVG_SCSI_EH_RESET_TIMER	SCSI_EH_RESET_TIMER
#elif defined(HAVE_SCSI_TIMEOUT_BLK_EH)
#define hvg_scsi_timeout_t	enum blk_eh_timer_return
#define HVG_SCSI_EH_DONE	BLK_EH_DONE
#define HVG_SCSI_EH_RESET_TIMER	BLK_EH_RESET_TIMER
#elif IS_ENABLED(CONFIG_SCSI)
#error "unknown kernel: cannot tell what eh_timed_out returns"
#endif

/* What eh_timed_out returns to let the midlayer's error handling run. */
#if defined(HAVE_SCSI_TIMEOUT_ACTION)
#define HVG_SCSI_EH_NOT_HANDLED	SCSI_EH_NOT_HANDLED
#elif defined(HAVE_SCSI_TIMEOUT_BLK_EH)
#define HVG_SCSI_EH_NOT_HANDLED	BLK_EH_DONE
#endif

/*
 * The template's per-device hooks (before the first command, after the
 * INQUIRY): sdev_init/sdev_configure, the latter with the queue limits,
 * or slave_alloc/slave_configure. Drivers declare the configure hook
 * with hvg_sdev_configure_args and name both with HVG_SDEV_INIT and
 * HVG_SDEV_CONFIGURE.
 */
#if defined(HAVE_SCSI_SDEV_CONFIGURE)
#define hvg_sdev_configure_args	struct scsi_device *sdev, struct queue_limits *lim
#define HVG_SDEV_INIT		sdev_init
#define HVG_SDEV_CONFIGURE	sdev_configure
#elif defined(HAVE_SCSI_SLAVE_CONFIGURE)
#define hvg_sdev_configure_args	struct scsi_device *sdev
#define HVG_SDEV_INIT		slave_alloc
#define HVG_SDEV_CONFIGURE	slave_configure
#elif IS_ENABLED(CONFIG_SCSI)
#error "unknown kernel: cannot tell the scsi_device hooks of host templates"
#endif

/*
 * System core callbacks (run after every device's shutdown, on one CPU,
 * process context): registered as struct syscore with a data argument
 * (6.18+, and stable kernels that took it) or as struct syscore_ops.
 * HVG_SYSCORE_SHUTDOWN(name, fn) defines name for a void fn(void);
 * hvg_register_syscore(&name) and hvg_unregister_syscore(&name) use it.
 */
#if defined(HAVE_SYSCORE_DATA)
#define HVG_SYSCORE_SHUTDOWN(name, fn)					\
static void name##_cb(void *data)					\
{									\
	fn();								\
}									\
static const struct syscore_ops name##_ops = {				\
	.shutdown = name##_cb,					\
};									\
static struct syscore name = { .ops = &name##_ops }
#define hvg_register_syscore(s)		register_syscore(s)
#define hvg_unregister_syscore(s)	unregister_syscore(s)
#elif defined(HAVE_SYSCORE_OPS)
#define HVG_SYSCORE_SHUTDOWN(name, fn)					\
static struct syscore_ops name = { .shutdown = fn }
#define hvg_register_syscore(s)		register_syscore_ops(s)
#define hvg_unregister_syscore(s)	unregister_syscore_ops(s)
#else
#error "unknown kernel: cannot tell how system core callbacks are registered"
#endif

/*
 * ethtool RSS table and key ops (hv_netvsc). HVG_ETHTOOL_RXFH_OPS(p)
 * defines p##_get_rxfh and p##_set_rxfh on top of the driver's
 * p##_rxfh_get(dev, indir, key, &hfunc) and p##_rxfh_set(dev, indir,
 * key, hfunc): the kernel passes struct ethtool_rxfh_param (6.8 on) or
 * the three as arguments (6.1).
 */
#if defined(HAVE_ETHTOOL_RXFH_PARAM)
#define HVG_ETHTOOL_RXFH_OPS(p)						\
static int p##_get_rxfh(struct net_device *dev,				\
			struct ethtool_rxfh_param *rxfh)		\
{									\
	return p##_rxfh_get(dev, rxfh->indir, rxfh->key, &rxfh->hfunc);	\
}									\
									\
static int p##_set_rxfh(struct net_device *dev,				\
			struct ethtool_rxfh_param *rxfh,		\
			struct netlink_ext_ack *extack)			\
{									\
	return p##_rxfh_set(dev, rxfh->indir, rxfh->key, rxfh->hfunc);	\
}
#elif defined(HAVE_ETHTOOL_RXFH_ARGS)
#define HVG_ETHTOOL_RXFH_OPS(p)						\
static int p##_get_rxfh(struct net_device *dev, u32 *indir, u8 *key,	\
			u8 *hfunc)					\
{									\
	return p##_rxfh_get(dev, indir, key, hfunc);			\
}									\
									\
static int p##_set_rxfh(struct net_device *dev, const u32 *indir,	\
			const u8 *key, const u8 hfunc)			\
{									\
	return p##_rxfh_set(dev, indir, key, hfunc);			\
}
#elif IS_ENABLED(CONFIG_NET)
#error "unknown kernel: cannot tell the signature of ethtool's get_rxfh"
#endif

/*
 * ethtool ops that moved out of get_rxnfc/set_rxnfc: the flow-hash
 * fields (-N rx-flow-hash; get/set_rxfh_fields from 6.17, before
 * ETHTOOL_GRXFH/SRXFH) and the RX ring count (get_rx_ring_count from
 * 6.19, before ETHTOOL_GRXRINGS). Each exists in every kernel in one of
 * the two forms, so the older form needs no probe of its own.
 */
#if defined(HAVE_ETHTOOL_RXFH_FIELDS)
#define HVG_ETHTOOL_RXFH_FIELDS		1
#else
#define HVG_ETHTOOL_RXFH_FIELDS		0
#endif
#if defined(HAVE_ETHTOOL_RX_RING_COUNT)
#define HVG_ETHTOOL_RX_RING_COUNT	1
#else
#define HVG_ETHTOOL_RX_RING_COUNT	0
#endif

/*
 * The address ndo_set_mac_address gets and dev_set_mac_address() takes:
 * a struct sockaddr_storage (7.x) or a struct sockaddr, and its bytes.
 */
#if defined(HAVE_DEV_SET_MAC_ADDRESS_SS)
#define hvg_sockaddr		struct sockaddr_storage
#define HVG_SOCKADDR_DATA(a)	((a)->__data)
#elif defined(HAVE_DEV_SET_MAC_ADDRESS_SA)
#define hvg_sockaddr		struct sockaddr
#define HVG_SOCKADDR_DATA(a)	((a)->sa_data)
#elif IS_ENABLED(CONFIG_NET)
#error "unknown kernel: cannot tell what dev_set_mac_address() takes"
#endif

/*
 * The XDP features a net_device announces (6.3 on); older kernels have
 * no such field and nothing to set.
 */
#if defined(HAVE_NETDEV_XDP_FEATURES)
#define hvg_netdev_set_xdp_features(dev)				\
	((dev)->xdp_features = NETDEV_XDP_ACT_BASIC |			\
			       NETDEV_XDP_ACT_REDIRECT |		\
			       NETDEV_XDP_ACT_NDO_XMIT)
#else
#define hvg_netdev_set_xdp_features(dev)	((void)(dev))
#endif

#endif /* HV_COMPAT_H */
