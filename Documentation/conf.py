# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration for `make htmldocs` out of tree. The kernel-doc
# directive comes from a kernel source tree's own Sphinx extension and
# script (HVG_KSRC, default: the linux-source tree scripts/fetch-kernels
# extracts), so that comments render as they do in the kernel's docs.

import os
import sys

ksrc = os.environ.get('HVG_KSRC', '/var/cache/hvguest/src/linux-6.12')
sys.path.insert(0, os.path.join(ksrc, 'Documentation', 'sphinx'))

project = 'hvguest'
copyright = 'The hvguest authors; GPL-2.0'
extensions = ['kerneldoc']
kerneldoc_bin = os.path.join(ksrc, 'scripts', 'kernel-doc')
kerneldoc_srctree = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
kerneldoc_verbosity = 1
master_doc = 'index'
exclude_patterns = []
primary_domain = 'c'
highlight_language = 'none'
html_theme = 'alabaster'
