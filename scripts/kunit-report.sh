#!/bin/bash
# The KUnit results of a check boot's console, read with the kernel's own
# parser (tools/testing/kunit/kunit.py parse), as result rows:
#   status|BOOT/kunit/SUITE/CASE|0|reason
# one per test case; a suite that runs twice (kvm.ko loaded again) gives
# its cases once, failed if either run failed. Every suite in
# tests/kunit.list must report. The parser's own report, with each failed
# case's diagnostics, goes to OUT (named by the failed rows).
# usage: kunit-report.sh BOOT LOG OUT
set -euo pipefail
. "$(dirname "$0")/lib.sh"
boot=$1 log=$2 out=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One KTAP document per "KTAP version" line that is not indented (after
# the timestamp): built-in suites print one at boot, each module load one.
awk -v dir="$tmp" '/^(\[ *[0-9.]+\] )?K?TAP version [0-9]+$/ { f = sprintf("%s/%03d.ktap", dir, ++n) }
	f != "" { print > f }' "$log"
: >"$out"
for k in "$tmp"/*.ktap; do
	[ -e "$k" ] || break
	python3 "$src/tools/testing/kunit/kunit.py" parse --json="$k.json" "$k" >>"$out" 2>&1 || true
done
python3 - "$boot" "${out#"$top"/}" "$tmp" $(grep -v '^#' "$top/tests/kunit.list") <<'PY'
import glob, json, sys
boot, out, tmp, want = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rank = {"PASS": 0, "SKIP": 1, "FAIL": 2, "ERROR": 2}
cases, order, suites = {}, [], set()
def walk(group, path):
    for c in group["test_cases"]:
        # A case the parser could not name (the suite crashed) or, at the
        # top, a suite without cases.
        name = path + [c["name"] or "(unnamed: crashed?)"]
        if not path:
            suites.add(c["name"])
        key = "/".join(name)
        if key not in cases:
            order.append(key)
            cases[key] = c["status"]
        elif rank.get(c["status"], 2) > rank.get(cases[key], 2):
            cases[key] = c["status"]
    for g in group["sub_groups"]:
        walk(g, path + [g["name"]])
for f in sorted(glob.glob(tmp + "/*.json")):
    with open(f) as fh:
        top = json.load(fh)
    walk(top, [])
    for g in top["sub_groups"]:
        suites.add(g["name"])
for key in order:
    st = cases[key]
    if st == "PASS":
        print(f"pass|{boot}/kunit/{key}|0|")
    elif st == "SKIP":
        print(f"skip|{boot}/kunit/{key}|0|KUnit case skipped")
    else:
        print(f"fail|{boot}/kunit/{key}|0|KUnit {st} (log: {out})")
for s in want:
    if s not in suites:
        print(f"fail|{boot}/kunit/{s}|0|KUnit suite did not run (log: {out})")
PY
