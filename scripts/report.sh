#!/bin/bash
# Turn one console log of a check boot into result rows:
#   status|name|seconds|reason      status: pass fail skip infra
# usage: report.sh BOOTNAME LOG
# The selftest list gives the order and the expected skips. Kernel lines
# (anything not indented as test output) are scanned for splats; a splat
# fails the test that was running, or "boot" when none was.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
boot=$1 log=$2
grep -v '^#' "$top/tests/selftests.list" | grep -v '^ *$' |
awk -v boot="$boot" -v logf="$log" -v only="${ONLY:-}" \
	-v suites="$(grep -v '^#' "$top/tests/kunit.list" | tr '\n' ' ')" -F'|' '
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
function splat(line) {
	return line ~ /WARNING: |BUG: |kernel BUG at|Oops|Kernel panic|general protection fault|scheduling while atomic|possible recursive locking|possible circular locking|inconsistent lock state|suspicious RCU usage|INFO: |rcu: .*stall|blocked for more than|Call Trace:|UBSAN:|refcount_t: |Bad page |KFENCE: (use|out|invalid|memory)|KASAN/
}
{ name = trim($1); order[++n] = name; expect[name] = trim($4) }
END {
	cur = "boot"
	while ((getline line < logf) > 0) {
		if (line ~ /^    \| /) { if (cur != "boot") last[cur] = substr(line, 7); continue }
		if (line ~ /^@@@ START /) { cur = substr(line, 11); started[cur] = 1; continue }
		if (line ~ /^@@@ END /) {
			split(line, f, " "); t = f[3]
			rc[t] = substr(f[4], 4); secs[t] = substr(f[5], 6); cur = "after " t; continue
		}
		if (line ~ /^@@@ DONE/) { done = 1; continue }
		# KUnit: top-level KTAP result lines (suites)
		if (match(line, /^\[ *[0-9.]+\] (not )?ok [0-9]+ [A-Za-z0-9_]+/)) {
			s = substr(line, RSTART, RLENGTH); sub(/^\[[^]]*\] /, "", s)
			st = (s ~ /^not ok/) ? "fail" : "pass"
			sub(/^(not )?ok [0-9]+ /, "", s)
			if (line ~ /# SKIP/) st = "skip"
			# A suite that runs twice (a module loaded again) is one row,
			# failed if either run failed.
			if (!(s in kst)) ku[++nk] = s
			if (kst[s] != "fail") kst[s] = st
			continue
		}
		if (splat(line) && !(cur in bad)) {
			bad[cur] = line
			sub(/^\[ *[0-9.]+\] /, "", bad[cur])
		}
		if (cur in bad && line ~ /Oops: int3/) int3[cur] = 1
		if (cur in int3 && line ~ /__schedule/) infra[cur] = 1
	}
	for (i = 1; i <= nk; i++)
		printf "%s|%s/kunit/%s|0|%s\n", kst[ku[i]], boot, ku[i], kst[ku[i]] == "skip" ? "KUnit suite skipped" : ""
	ns = split(suites, want, " ")
	for (i = 1; i <= ns; i++)
		if (!(want[i] in kst))
			printf "fail|%s/kunit/%s|0|KUnit suite did not run\n", boot, want[i]
	if ("boot" in bad) printf "fail|%s/boot|0|kernel splat before the tests: %s\n", boot, bad["boot"]
	for (i = 1; i <= n; i++) {
		t = order[i]; nm = boot "/" t
		if (only != "" && index("," only ",", "," t ",") == 0) continue
		e = expect[t]; inboots = substr(e, 6, index(e, ")") - 6)
		if (e ~ /^only\(/ && !index("," inboots ",", "," boot ",")) continue
		if (e ~ /^skip:/ || (e ~ /^skip\(/ && index("," inboots ",", "," boot ","))) {
			r = expect[t]; sub(/^skip[^:]*: */, "", r); printf "skip|%s|0|%s\n", nm, r; continue
		}
		if (("after " t) in bad) { b = bad["after " t] } else b = ""
		if (!(t in started)) {
			printf "fail|%s|0|not run: the VM died or hung before it\n", nm; continue
		}
		if (!(t in rc)) {
			why = (t in bad) ? "kernel splat: " bad[t] : "VM died or hung during the test"
			printf "%s|%s|0|%s\n", (t in infra) ? "infra" : "fail", nm, why; continue
		}
		if (t in bad) { printf "%s|%s|%s|kernel splat: %s\n", (t in infra) ? "infra" : "fail", nm, secs[t], bad[t]; continue }
		if (b != "") { printf "fail|%s|%s|kernel splat after the test: %s\n", nm, secs[t], b; continue }
		if (rc[t] == 0) { printf "pass|%s|%s|\n", nm, secs[t]; continue }
		if (rc[t] == 4) { printf "fail|%s|%s|skipped, which our own config must not cause: %s\n", nm, secs[t], last[t]; continue }
		if (rc[t] == 124 || rc[t] == 143) { printf "fail|%s|%s|timed out\n", nm, secs[t]; continue }
		printf "fail|%s|%s|exit %s: %s\n", nm, secs[t], rc[t], last[t]
	}
	if (!done) printf "fail|%s/vm|0|the VM did not finish the list (crash, hang or time-out)\n", boot
}'
