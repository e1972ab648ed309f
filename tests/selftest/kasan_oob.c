// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: reads one byte past a heap object on load, which
 * KASAN must report and the boot test harness must count as a failure.
 */
#include <linux/module.h>
#include <linux/slab.h>

static unsigned int oob_index = 16;
module_param(oob_index, uint, 0444);
MODULE_PARM_DESC(oob_index, "byte read from a 16-byte heap object (16: one past the end)");

static int __init kasan_oob_init(void)
{
	char *obj = kmalloc(16, GFP_KERNEL);
	char value;

	if (!obj)
		return -ENOMEM;
	OPTIMIZER_HIDE_VAR(obj);
	value = READ_ONCE(obj[oob_index]);
	pr_info("hvg_selftest_kasan: read %d at index %u of a 16-byte object\n",
		value, oob_index);
	kfree(obj);
	return 0;
}

static void __exit kasan_oob_exit(void)
{
}

module_init(kasan_oob_init);
module_exit(kasan_oob_exit);

MODULE_DESCRIPTION("hvguest harness self-test: a planted KASAN report");
MODULE_LICENSE("GPL");
