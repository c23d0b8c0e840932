#!/bin/bash
# checkpatch --strict on every patch of the series. A remaining warning
# must be listed, with its justification, in tests/checkpatch-allow.txt as
#   PATCH-FILE-WITHOUT-NUMBER | CHECKPATCH-TYPE | why
# (keyed without the NNNN- prefix so that inserting a patch renumbers nothing).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
allow=$top/tests/checkpatch-allow.txt
bad=0 n=0
for p in $(grep -v '^#' "$top/patches/series"); do
	n=$((n + 1))
	# Debian's python3 (with python3-ply) for spdxcheck.py, whatever else is on PATH.
	out=$(PATH=/usr/bin:$PATH "$src/scripts/checkpatch.pl" --strict --show-types --terse --no-summary \
		--root="$src" "$top/patches/$p" 2>&1 || true)
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		type=$(echo "$line" | sed -n 's/.*: \(ERROR\|WARNING\|CHECK\):\([A-Z_0-9]*\):.*/\2/p')
		if [ -n "$type" ] && grep -q "^${p#[0-9][0-9][0-9][0-9]-} *| *$type *|" "$allow" 2>/dev/null; then
			continue
		fi
		echo "checkpatch: $line"
		bad=1
	done <<<"$out"
done
[ $bad = 0 ] || die "checkpatch --strict found problems (fix, or justify in $allow)"
say "checkpatch --strict: $n patches clean"
