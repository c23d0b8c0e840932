#!/bin/bash
# The series as one mbox with the cover letter from docs/cover-letter.txt
# (first line: subject; the rest: body), ready for git send-email or b4.
# The result is checked by applying it with git am onto a fresh base.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
out=$build/series.mbox
tmp=$(mktemp -d)
trap 'git -C "$src" worktree remove --force "$tmp/wt" 2>/dev/null; rm -rf "$tmp"' EXIT
n=$(git -C "$src" rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "the work tree has no commits on base: nothing to send"
git -C "$src" format-patch -q --cover-letter --thread --zero-commit --no-signature \
	--subject-prefix="PATCH" -o "$tmp/p" base..HEAD
cover=$(ls "$tmp"/p/0000-*)
subject=$(head -n 1 "$top/docs/cover-letter.txt")
tail -n +3 "$top/docs/cover-letter.txt" >"$tmp/blurb"
sed -i -e "s/\*\*\* SUBJECT HERE \*\*\*/$subject/" \
	-e "/\*\*\* BLURB HERE \*\*\*/{r $tmp/blurb
d}" "$cover"
mkdir -p "$build"
cat "$tmp"/p/*.patch >"$out"
git -C "$src" worktree add -q --detach "$tmp/wt" base
ls "$tmp"/p/*.patch | grep -v '/0000-' | xargs cat >"$tmp/check.mbox"
git -C "$tmp/wt" am -q "$tmp/check.mbox" || die "the mbox does not apply onto the base"
[ "$(git -C "$tmp/wt" rev-parse HEAD^{tree})" = "$(git -C "$src" rev-parse HEAD^{tree})" ] ||
	die "the mbox applied, but the result differs from the work tree"
say "wrote $out: cover letter + $n patches, checked with git am onto base"
