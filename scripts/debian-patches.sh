#!/bin/bash
# Write patches/ as Debian kernel patches: DEP-3 headers added to each file,
# under one directory of debian/patches, and a series fragment to append to
# the end of Debian's debian/patches/series (the base has Debian's own
# patches applied already).
# usage: debian-patches.sh [DIR]   (default: build/debian-patches)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
out=${1:-$build/debian-patches}
dir=features/x86/kvm-safe-guest-memory
rm -rf "$out"
mkdir -p "$out/$dir"
grep -v '^#' "$top/patches/series" | while read -r p; do
	[ -n "$p" ] || continue
	# Last-Update: the patch's own Date:, so the output is deterministic.
	day=$(date -u -d "$(sed -n 's/^Date: //p;/^$/q' "$top/patches/$p")" +%F)
	awk -v p="$p" -v day="$day" '
		!done && /^$/ {
			print "Origin: other, kvm-safe-guest-memory series, patches/" p
			print "Forwarded: not-yet"
			print "Last-Update: " day
			done = 1
		}
		{ print }' "$top/patches/$p" >"$out/$dir/$p"
	echo "$dir/$p"
done >"$out/series"
say "Debian patches: $out/$dir ($(grep -c . "$out/series") files), series fragment: $out/series"
