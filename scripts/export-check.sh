#!/bin/bash
# Fail, showing the difference, when patches/ does not match the work tree.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$top/scripts/export.sh" "$tmp"
if ! diff -ru "$top/patches" "$tmp" >"$tmp.diff"; then
	cat "$tmp.diff"
	rm -f "$tmp.diff"
	die "patches/ differs from the work tree: run 'make export' and commit"
fi
rm -f "$tmp.diff"
say "patches/ matches the work tree"
