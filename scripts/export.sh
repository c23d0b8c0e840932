#!/bin/bash
# Write the work tree's commits on top of "base" as format-patch files and a
# quilt series file. Deterministic: no commit ids, no version trailer.
# usage: export.sh [DIR]   (default: patches/)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
out=${1:-$top/patches}
[ -d "$src/.git" ] || die "no work tree: run 'make tree' first"
mkdir -p "$out"
rm -f "$out"/*.patch
git -C "$src" format-patch -q --zero-commit --no-signature --no-base \
	--no-cover-letter --no-numbered -o "$out" base..HEAD
(
	echo "# Apply in this order on $BASE_PKG $BASE_VERSION (see base.env)."
	cd "$out" && ls -1 -- *.patch 2>/dev/null || true
) >"$out/series"
