// SPDX-License-Identifier: GPL-2.0
/* skb_gso_segment() is declared in <net/gso.h> (Linux 6.4+). */
#include <net/gso.h>

struct sk_buff *probe(struct sk_buff *skb);
struct sk_buff *probe(struct sk_buff *skb)
{
	return skb_gso_segment(skb, 0);
}
