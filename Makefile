# SPDX-License-Identifier: GPL-2.0
#
# Out-of-tree entry point. Kbuild (the file named Kbuild) does the real work;
# this file picks the kernel tree, checks that it is supported and offers
# the project's other targets. See README.md and Documentation/building.rst.

KDIR ?= /lib/modules/$(shell uname -r)/build
HVG_VERSION ?= $(shell git -C $(CURDIR) describe --always --dirty 2>/dev/null || echo unknown)

# Modules to build; tests and self-tests only when asked (make check does).
HVG_MODULES := CONFIG_HVG_VMBUS=m CONFIG_HVG_UTILS=m CONFIG_HVG_STORVSC=m \
	       CONFIG_HVG_NETVSC=m
ifeq ($(HVG_TESTS),1)
HVG_MODULES += CONFIG_HVG_KUNIT=m CONFIG_HVG_SELFTEST=m CONFIG_HVG_TESTDRV=m CONFIG_HVG_SIM=m
endif

KBUILD_ARGS := -C $(KDIR) M=$(CURDIR) HVG_VERSION=$(HVG_VERSION) $(HVG_MODULES)

KERNELRELEASE_FILE := $(KDIR)/include/config/kernel.release
KVER := $(shell cat $(KERNELRELEASE_FILE) 2>/dev/null)
KVER_MAJOR := $(word 1,$(subst ., ,$(KVER)))
KVER_MINOR := $(word 2,$(subst ., ,$(KVER)))

.PHONY: all modules clean install check check-all check-style matrix kernel-check help fuzz soak htmldocs

all: modules

modules: kernel-check
	$(MAKE) $(KBUILD_ARGS) modules

install: install-check
	$(MAKE) $(KBUILD_ARGS) modules_install

.PHONY: modules-list install-check dkms-build rpm

# The names of the modules packages ship (HVG_MODULES without the tests),
# from Kbuild's obj-m: the list dkms.conf and the modprobe.d file are
# generated from.
modules-list:
ifeq ($(HVG_TESTS),1)
	@$(MAKE) -s --no-print-directory HVG_TESTS=0 modules-list
else
	@$(MAKE) -s --no-print-directory -f $(CURDIR)/Kbuild obj=. $(HVG_MODULES) \
		--eval 'hvg-print: ; @echo $$(obj-m:.o=)' hvg-print
endif

# Refuses a kernel where installing would leave modules that cannot load
# (scripts/install-check). HVG_ALLOW_PARTIAL=1: test machines only.
install-check: kernel-check
	@$(CURDIR)/scripts/install-check --kdir $(KDIR) \
		--modules "$$($(MAKE) -s --no-print-directory modules-list)" \
		$(if $(filter 1,$(HVG_ALLOW_PARTIAL)),--allow-partial)

# DKMS's build command: the check, then the modules.
dkms-build: install-check
	$(MAKE) $(KBUILD_ARGS) modules

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf out

# One clear error for a missing or unsupported kernel tree.
kernel-check:
	@if [ -z "$(KVER)" ]; then \
		echo "error: no prepared kernel tree at KDIR=$(KDIR) (missing $(KERNELRELEASE_FILE));" \
		     "install the kernel headers or pass KDIR=" >&2; exit 1; fi
	@if [ "$(KVER_MAJOR)" -lt 6 ] || [ "$(KVER_MAJOR)" -gt 7 ] || \
	    { [ "$(KVER_MAJOR)" -eq 6 ] && [ "$(KVER_MINOR)" -lt 1 ]; }; then \
		echo "error: kernel $(KVER) at $(KDIR) is not supported: hvguest supports Linux 6.1 to 7.x" >&2; \
		exit 1; fi

# The kmod RPM for one target of the build matrix (scripts/build-rpm).
TARGET ?= x86_64-6.12
rpm:
	scripts/build-rpm $(if $(filter 1,$(HVG_ALLOW_PARTIAL)),--allow-partial) $(TARGET)

check-style:
	scripts/check-style

matrix:
	scripts/build-matrix

check:
	scripts/run-tests

# make check plus the long cases (tests/boot/long/): hours under TCG.
check-all:
	scripts/run-tests --all

# Documentation/ as HTML, the kernel-doc comments of the API included
# (Documentation/conf.py); any warning fails.
htmldocs:
	sphinx-build -W -q -b html Documentation $(CURDIR)/out/htmldocs

# The 10-minute soak on the debug kernel (SOAK_ARGS: --seconds, --seed,
# --target; see scripts/soak).
soak:
	scripts/soak $(SOAK_ARGS)

# Every libFuzzer target of tests/fuzz for FUZZ_SECONDS each, then one
# line per target (executions, coverage, crashes); needs clang.
FUZZ_SECONDS ?= 60
fuzz:
	$(MAKE) -C tests/userspace fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)

help:
	@echo "make [KDIR=<tree>] [ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-]  build the modules"
	@echo "make install        install them into /lib/modules of KDIR's kernel (after install-check)"
	@echo "make install-check  is it safe to replace KDIR's Hyper-V core? (HVG_ALLOW_PARTIAL=1: test machines)"
	@echo "make modules-list   the modules packages ship"
	@echo "make rpm [TARGET=x86_64-6.12]  the kmod RPM for a target of the build matrix"
	@echo "make check          build matrix, style, and the QEMU boot tests"
	@echo "make check-all      make check plus the long boot cases (tests/boot/long/) and the soak"
	@echo "make soak [SOAK_ARGS='--seconds N --seed S']  the fault soak on the debug kernel (600 s)"
	@echo "make check-style    checkpatch --strict, shellcheck, and make htmldocs without a warning"
	@echo "make htmldocs       Documentation/ as HTML in out/htmldocs (Sphinx, kernel-doc)"
	@echo "make fuzz [FUZZ_SECONDS=N]  each fuzz target N s (default 60), then executions and coverage"
	@echo "make matrix         build against every supported kernel tree"
