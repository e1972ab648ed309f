# SPDX-License-Identifier: GPL-2.0
# Build targets of the matrix: where each kernel tree lives and how to
# build against it. Sourced by scripts/build-matrix and scripts/run-tests.

HVG_CACHE=${HVG_CACHE:-/var/cache/hvguest}
HVG_ROOT=${HVG_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
HVG_OUT=${HVG_OUT:-$HVG_ROOT/out}

# Every target, in the order the matrix builds them.
HVG_TARGETS="x86_64-6.1 x86_64-6.12 x86_64-7.x arm64-6.12 x86_64-debug"

# The headers tree Debian's metapackage for a series points at, e.g.
# "cloud-amd64" and "6.12-" -> /usr/src/linux-headers-6.12.117+deb12-cloud-amd64.
debian_headers() {
	local meta=linux-headers-$1cloud-amd64 dep
	dep=$(apt-cache depends "$meta" 2>/dev/null |
	      awk '/Depends: linux-headers-[0-9]/ { print $2; exit }')
	[ -n "$dep" ] && echo "/usr/src/$dep"
}

# kdir TARGET: the prepared tree to build TARGET against.
kdir() {
	case $1 in
	x86_64-6.1) debian_headers "" ;;
	x86_64-6.12) debian_headers 6.12- ;;
	x86_64-7.x) echo "$HVG_CACHE/trees/x86_64-7.x" ;;
	arm64-6.12) echo "$HVG_CACHE/trees/arm64-6.12" ;;
	x86_64-debug) echo "$HVG_CACHE/debug/x86_64" ;;
	*) return 1 ;;
	esac
}

# kbuild_args TARGET: extra make arguments. Test modules (hv_sim, test
# drivers, KUnit suites where the kernel has KUnit) are built everywhere.
kbuild_args() {
	echo HVG_TESTS=1
	case $1 in
	arm64-*) echo "ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-" ;;
	# No 7.x kernel is built, so no Module.symvers: compile and link
	# only. Debian 12's sparse (0.6.4) is too old for 7.x headers.
	x86_64-7.x) echo "KBUILD_MODPOST_WARN=1 C=0" ;;
	esac
}

# build_target TARGET [make args...]: build into $HVG_OUT/TARGET/src with
# warnings as errors and sparse, logging to $HVG_OUT/TARGET/build.log.
# Fails if the build fails or the log shows a warning in our sources.
build_target() {
	local t=$1 dir=$HVG_OUT/$1 k
	shift
	k=$(kdir "$t") || { echo "unknown target $t" >&2; return 2; }
	[ -e "$k/include/config/kernel.release" ] ||
		{ echo "$t: no prepared tree at '$k'" >&2; return 1; }
	mkdir -p "$dir/src"
	# Build products in the copy are excluded, so --delete keeps them.
	rsync -a --delete --exclude=/out --exclude=/.git --exclude='*.o' \
		--exclude='*.ko' --exclude='*.cmd' --exclude='*.mod*' \
		--exclude=/compat/generated --exclude=Module.symvers \
		--exclude=modules.order "$HVG_ROOT/" "$dir/src/"
	# shellcheck disable=SC2046 # kbuild_args is a list of words
	make -C "$dir/src" KDIR="$k" W=1 C=2 KCFLAGS=-Werror \
		HVG_VERSION="$(git -C "$HVG_ROOT" describe --always --dirty 2>/dev/null || echo unknown)" \
		$(kbuild_args "$t") "$@" modules >"$dir/build.log" 2>&1 || {
		tail -40 "$dir/build.log" >&2
		return 1
	}
	if grep -E "^$dir/src/.*(warning|error):" "$dir/build.log" >&2; then
		echo "$t: warnings in our sources (see $dir/build.log)" >&2
		return 1
	fi
}
