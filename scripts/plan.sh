#!/bin/bash
# The one reader of tests/selftests.list: what a boot runs, in list order.
#   run|TEST|TIMEOUT|ARGS      the test runs
#   skip|TEST|REASON           the list skips it in this boot
# Tests the list runs only in other boots, or not named by ONLY (a comma
# list, from tests/boots.list or a rerun), are left out.
# usage: plan.sh BOOT [ONLY]      plan.sh --names   (every test, once)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
grep -v '^#' "$top/tests/selftests.list" | grep -v '^ *$' |
awk -F'|' -v boot="$1" -v only="${2:-}" '
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
# whether the comma list in "word(a,b): ..." names this boot
function names_boot(e,  l) { l = substr(e, index(e, "(") + 1); l = substr(l, 1, index(l, ")") - 1)
	return index("," l ",", "," boot ",") > 0 }
{
	t = trim($1); tmo = trim($2); args = trim($3); e = trim($4)
	if (boot == "--names") { print t; next }
	if (only != "" && !index("," only ",", "," t ",")) next
	if (e ~ /^only\(/ && !names_boot(e)) next
	if (e ~ /^skip:/ || (e ~ /^skip\(/ && names_boot(e))) {
		sub(/^skip[^:]*: */, "", e); print "skip|" t "|" e; next
	}
	print "run|" t "|" tmo "|" args
}'
