/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of hv_vmbus, in the "hyperv" trace system with the event
 * names upstream's hv_vmbus uses (Debian linux-source-6.12,
 * drivers/hv/hv_trace.h), so that "trace-cmd record -e hyperv" and perf
 * scripts keep working. The fields are this driver's own.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM hyperv

#if !defined(HV_VMBUS_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define HV_VMBUS_TRACE_H

#include <linux/tracepoint.h>
#include <hv/proto/vmbus.h>

/* Every channel message from the host, once validated. */
TRACE_EVENT(vmbus_on_message,
	TP_PROTO(u32 type, u32 len),
	TP_ARGS(type, len),
	TP_STRUCT__entry(
		__field(u32, type)
		__field(u32, len)
	),
	TP_fast_assign(
		__entry->type = type;
		__entry->len = len;
	),
	TP_printk("msgtype=%u len=%u", __entry->type, __entry->len)
);

/* Every channel message to the host, with HvPostMessage's result. */
TRACE_EVENT(vmbus_post_message,
	TP_PROTO(u32 type, u32 len, int ret),
	TP_ARGS(type, len, ret),
	TP_STRUCT__entry(
		__field(u32, type)
		__field(u32, len)
		__field(int, ret)
	),
	TP_fast_assign(
		__entry->type = type;
		__entry->len = len;
		__entry->ret = ret;
	),
	TP_printk("msgtype=%u len=%u ret=%d", __entry->type, __entry->len,
		  __entry->ret)
);

TRACE_EVENT(vmbus_onoffer,
	TP_PROTO(const struct vmbus_chmsg_offer *offer),
	TP_ARGS(offer),
	TP_STRUCT__entry(
		__field(u32, relid)
		__field(u32, connection_id)
		__field(u16, sub_idx)
		__field(u8, monitor_id)
		__field(u8, monitor_flags)
		__field(u16, interrupt_flags)
		__array(u8, if_type, 16)
		__array(u8, if_instance, 16)
	),
	TP_fast_assign(
		__entry->relid = offer->child_relid;
		__entry->connection_id = offer->connection_id;
		__entry->sub_idx = offer->sub_channel_index;
		__entry->monitor_id = offer->monitor_id;
		__entry->monitor_flags = offer->monitor_flags;
		__entry->interrupt_flags = offer->interrupt_flags;
		memcpy(__entry->if_type, &offer->if_type, 16);
		memcpy(__entry->if_instance, &offer->if_instance, 16);
	),
	TP_printk("relid=%u class=%pUl instance=%pUl sub_channel_index=%u connection_id=%#x monitor_id=%u monitor_flags=%#x interrupt_flags=%#x",
		  __entry->relid, __entry->if_type, __entry->if_instance,
		  __entry->sub_idx, __entry->connection_id, __entry->monitor_id,
		  __entry->monitor_flags, __entry->interrupt_flags)
);

/* Events about one relid. */
DECLARE_EVENT_CLASS(vmbus_relid,
	TP_PROTO(u32 relid),
	TP_ARGS(relid),
	TP_STRUCT__entry(__field(u32, relid)),
	TP_fast_assign(__entry->relid = relid;),
	TP_printk("relid=%u", __entry->relid)
);

DEFINE_EVENT(vmbus_relid, vmbus_onoffer_rescind,
	TP_PROTO(u32 relid), TP_ARGS(relid));
DEFINE_EVENT(vmbus_relid, vmbus_release_relid,
	TP_PROTO(u32 relid), TP_ARGS(relid));
DEFINE_EVENT(vmbus_relid, vmbus_close_internal,
	TP_PROTO(u32 relid), TP_ARGS(relid));
/* The guest signals the host about a channel. */
DEFINE_EVENT(vmbus_relid, vmbus_setevent,
	TP_PROTO(u32 relid), TP_ARGS(relid));
/* The host's signal for a channel was seen; its callback is scheduled. */
DEFINE_EVENT(vmbus_relid, vmbus_chan_sched,
	TP_PROTO(u32 relid), TP_ARGS(relid));
/* The driver's callback runs. */
DEFINE_EVENT(vmbus_relid, vmbus_on_event,
	TP_PROTO(u32 relid), TP_ARGS(relid));

/* The host's answers, with the key they are matched on and a status. */
DECLARE_EVENT_CLASS(vmbus_answer,
	TP_PROTO(u32 relid, u32 key, u32 status),
	TP_ARGS(relid, key, status),
	TP_STRUCT__entry(
		__field(u32, relid)
		__field(u32, key)
		__field(u32, status)
	),
	TP_fast_assign(
		__entry->relid = relid;
		__entry->key = key;
		__entry->status = status;
	),
	TP_printk("relid=%u key=%#x status=%#x", __entry->relid, __entry->key,
		  __entry->status)
);

/* key: the open id. */
DEFINE_EVENT(vmbus_answer, vmbus_onopen_result,
	TP_PROTO(u32 relid, u32 key, u32 status), TP_ARGS(relid, key, status));
/* key: the GPADL handle. */
DEFINE_EVENT(vmbus_answer, vmbus_ongpadl_created,
	TP_PROTO(u32 relid, u32 key, u32 status), TP_ARGS(relid, key, status));
DEFINE_EVENT(vmbus_answer, vmbus_ongpadl_torndown,
	TP_PROTO(u32 relid, u32 key, u32 status), TP_ARGS(relid, key, status));
/* key: 0; status: the new target VP's result. */
DEFINE_EVENT(vmbus_answer, vmbus_onmodifychannel_response,
	TP_PROTO(u32 relid, u32 key, u32 status), TP_ARGS(relid, key, status));
/* relid 0; key: version_supported; status: connection_state. */
DEFINE_EVENT(vmbus_answer, vmbus_onversion_response,
	TP_PROTO(u32 relid, u32 key, u32 status), TP_ARGS(relid, key, status));

TRACE_EVENT(vmbus_negotiate_version,
	TP_PROTO(u32 version, u32 target_vp, int ret),
	TP_ARGS(version, target_vp, ret),
	TP_STRUCT__entry(
		__field(u32, version)
		__field(u32, target_vp)
		__field(int, ret)
	),
	TP_fast_assign(
		__entry->version = version;
		__entry->target_vp = target_vp;
		__entry->ret = ret;
	),
	TP_printk("version=%u.%u target_vp=%u ret=%d",
		  __entry->version >> 16, __entry->version & 0xffff,
		  __entry->target_vp, __entry->ret)
);

TRACE_EVENT(vmbus_open,
	TP_PROTO(u32 relid, u32 gpadl, u32 send_size, u32 recv_size,
		 u32 target_vp, int ret),
	TP_ARGS(relid, gpadl, send_size, recv_size, target_vp, ret),
	TP_STRUCT__entry(
		__field(u32, relid)
		__field(u32, gpadl)
		__field(u32, send_size)
		__field(u32, recv_size)
		__field(u32, target_vp)
		__field(int, ret)
	),
	TP_fast_assign(
		__entry->relid = relid;
		__entry->gpadl = gpadl;
		__entry->send_size = send_size;
		__entry->recv_size = recv_size;
		__entry->target_vp = target_vp;
		__entry->ret = ret;
	),
	TP_printk("relid=%u gpadl=%#x send_ring=%u recv_ring=%u target_vp=%u ret=%d",
		  __entry->relid, __entry->gpadl, __entry->send_size,
		  __entry->recv_size, __entry->target_vp, __entry->ret)
);

TRACE_EVENT(vmbus_establish_gpadl_header,
	TP_PROTO(u32 relid, u32 gpadl, u32 pages, int ret),
	TP_ARGS(relid, gpadl, pages, ret),
	TP_STRUCT__entry(
		__field(u32, relid)
		__field(u32, gpadl)
		__field(u32, pages)
		__field(int, ret)
	),
	TP_fast_assign(
		__entry->relid = relid;
		__entry->gpadl = gpadl;
		__entry->pages = pages;
		__entry->ret = ret;
	),
	TP_printk("relid=%u gpadl=%#x pages=%u ret=%d", __entry->relid,
		  __entry->gpadl, __entry->pages, __entry->ret)
);

TRACE_EVENT(vmbus_teardown_gpadl,
	TP_PROTO(u32 relid, u32 gpadl, int ret),
	TP_ARGS(relid, gpadl, ret),
	TP_STRUCT__entry(
		__field(u32, relid)
		__field(u32, gpadl)
		__field(int, ret)
	),
	TP_fast_assign(
		__entry->relid = relid;
		__entry->gpadl = gpadl;
		__entry->ret = ret;
	),
	TP_printk("relid=%u gpadl=%#x ret=%d", __entry->relid, __entry->gpadl,
		  __entry->ret)
);

TRACE_EVENT(vmbus_send_modifychannel,
	TP_PROTO(u32 relid, u32 target_vp, int ret),
	TP_ARGS(relid, target_vp, ret),
	TP_STRUCT__entry(
		__field(u32, relid)
		__field(u32, target_vp)
		__field(int, ret)
	),
	TP_fast_assign(
		__entry->relid = relid;
		__entry->target_vp = target_vp;
		__entry->ret = ret;
	),
	TP_printk("relid=%u target_vp=%u ret=%d", __entry->relid,
		  __entry->target_vp, __entry->ret)
);

#endif /* HV_VMBUS_TRACE_H */

/* Outside the guard: define_trace.h includes this file again. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
