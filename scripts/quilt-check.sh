#!/bin/bash
# The Debian patches as a packager would use them: apply them with quilt,
# without fuzz, onto a freshly unpacked base tarball, and check that the
# result is the work tree's HEAD, file for file.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$top/scripts/deps.sh" quilt
gitdir=$(git -C "$src" rev-parse --absolute-git-dir 2>/dev/null) ||
	die "no work tree: run 'make tree' first"
tmp=$build/quilt-check
rm -rf "$tmp"
mkdir -p "$tmp/linux"
"$top/scripts/debian-patches.sh" "$tmp/patches"
tar -xf "$BASE_TARBALL" -C "$tmp/linux" --strip-components=1
cd "$tmp/linux"
QUILT_PATCHES=$tmp/patches quilt push -a -q --fuzz=0 >"$tmp/quilt.log" 2>&1 ||
	{ tail -n 20 "$tmp/quilt.log"; die "quilt push -a failed (log: $tmp/quilt.log)"; }
rm -rf .pc
# The same import as tree.sh: Debian's .gitignore would hide top-level paths.
sed -i '/^# Debian packaging/,$d' .gitignore
export GIT_INDEX_FILE=$tmp/index
git --git-dir="$gitdir" --work-tree=. add -A .
got=$(git --git-dir="$gitdir" write-tree)
want=$(git -C "$src" rev-parse 'HEAD^{tree}')
if [ "$got" != "$want" ]; then
	git --git-dir="$gitdir" diff --stat "$want" "$got" | tail -n 20
	die "quilt's result differs from the work tree's HEAD"
fi
cd "$top"
rm -rf "$tmp"
say "quilt push -a: $(grep -vc "^#" "$top/patches/series") patches, no fuzz, identical to the work tree"
