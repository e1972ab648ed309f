# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Downloads from Debian's archive outside apt, each checked against a signed index. Sourced by
# scripts/fetch-kernels and scripts/fetch-userland (bash, set -e), which provide log, die and
# the variables HVG_CACHE (index cache under it) and WORK (scratch directory).

KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# fetch_verified URL SHA256 DEST
fetch_verified() {
	[[ -n $2 ]] || die "no SHA256 known for $1"
	curl -fsSL --retry 3 -o "$3" "$1"
	echo "$2  $3" | sha256sum -c --quiet - >/dev/null 2>&1 ||
		die "SHA256 mismatch for $1"
}

# fetch_index BASE SUITE COMPONENT ARCH: fetch dists/SUITE/InRelease (checked with gpgv against
# debian-archive-keyring) and the Packages.xz it lists (kept in $HVG_CACHE/indexes/); print the
# path of a decompressed copy.
fetch_index() {
	local base=$1 suite=$2 comp=$3 arch=$4
	local rel=$comp/binary-$arch/Packages.xz name sha
	name=$(printf '%s' "${base#http://}/dists/$suite/$rel" | tr / _)
	log "fetching $base/dists/$suite/$rel"
	mkdir -p "$HVG_CACHE/indexes"
	curl -fsSL --retry 3 -o "$WORK/InRelease" "$base/dists/$suite/InRelease"
	gpgv --keyring "$KEYRING" --output "$WORK/Release" "$WORK/InRelease" 2>"$WORK/gpgv.log" ||
		{ cat "$WORK/gpgv.log" >&2; die "bad signature on $base/dists/$suite/InRelease"; }
	sha=$(awk -v f="$rel" '/^SHA256:/ { s = 1; next } /^[^ ]/ { s = 0 } s && $3 == f { print $1 }' \
		"$WORK/Release")
	fetch_verified "$base/dists/$suite/$rel" "$sha" "$HVG_CACHE/indexes/$name"
	xz -dc "$HVG_CACHE/indexes/$name" >"$WORK/$name.txt"
	printf '%s\n' "$WORK/$name.txt"
}

# index_field INDEX PKG FIELD [VERSION]: FIELD of PKG's stanza (of that VERSION) in INDEX.
index_field() {
	awk -v p="Package: $2" -v f="$3: " -v v="${4:+Version: $4}" '
		BEGIN { RS = ""; FS = "\n" }
		{
			hp = 0; hv = (v == ""); val = ""
			for (i = 1; i <= NF; i++) {
				if ($i == p) hp = 1
				else if ($i == v) hv = 1
				else if (index($i, f) == 1) val = substr($i, length(f) + 1)
			}
			if (hp && hv) { print val; exit }
		}' "$1"
}

# url_fetch BASE INDEX PKG [VERSION]: download PKG from BASE by its Filename in INDEX, check its
# SHA256 from INDEX; print its path.
url_fetch() {
	local base=$1 index=$2 pkg=$3 ver=${4:-} file dest
	file=$(index_field "$index" "$pkg" Filename "$ver")
	[[ -n $file ]] || die "$pkg ${ver:-(any version)} not in $index"
	dest=$WORK/${file##*/}
	log "downloading $base/$file"
	fetch_verified "$base/$file" "$(index_field "$index" "$pkg" SHA256 "$ver")" "$dest"
	printf '%s\n' "$dest"
}
