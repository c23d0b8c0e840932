#!/bin/bash
# Turn the console of a check boot, read from stdin as it comes, into result
# rows on stdout, one as each test ends:
#   status|name|seconds|reason      status: pass fail skip infra
# and each test's console lines (its output and the kernel's) into
# LOGDIR/TEST.log ("/" in names becomes "_"); a failed row names that file.
# usage: report.sh BOOT LOGDIR CONSOLE   (ONLY=a,b: the tests the boot ran;
#   CONSOLE: the whole console as boot.sh keeps it, named by failed rows
#   that belong to no test)
# Kernel lines (anything not indented as test output) are scanned for
# splats; a splat fails the test that was running or had just ended, or
# "boot" when none was. KUnit results are kunit-report.sh's.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
boot=$1 logdir=$2 console=${3#"$top"/}
mkdir -p "$logdir"
rm -f "$logdir"/*.log
"$top/scripts/plan.sh" "$boot" "${ONLY:-}" >"$logdir/plan"
# mawk (Debian's awk) reads a pipe in 4 KiB blocks unless told otherwise.
awk=(awk); awk -W version 2>&1 | grep -q mawk && awk=(awk -W interactive)
"${awk[@]}" -v boot="$boot" -v console="$console" -v logdir="$logdir" -v rel="${logdir#"$top"/}" -v planf="$logdir/plan" '
function splat(line) {
	return line ~ /WARNING: |BUG: |kernel BUG at|Oops|Kernel panic|general protection fault|scheduling while atomic|possible recursive locking|possible circular locking|inconsistent lock state|suspicious RCU usage|INFO: |rcu: .*stall|blocked for more than|Call Trace:|UBSAN:|refcount_t: |Bad page |KFENCE: (use|out|invalid|memory)|KASAN/
}
function logof(t,  f) { f = t; gsub(/\//, "_", f); return f ".log" }
function row(st, t, secs, why) {
	if (st != "pass" && st != "skip") why = why " (log: " rel "/" logof(t) ")"
	printf "%s|%s/%s|%s|%s\n", st, boot, t, secs, why
	fflush()
	emitted[t] = 1
}
function emit(t,  b) {
	b = (("after " t) in bad) ? bad["after " t] : ""
	if (t in bad) row((t in infra) ? "infra" : "fail", t, secs[t], "kernel splat: " bad[t])
	else if (b != "") row("fail", t, secs[t], "kernel splat after the test: " b)
	else if (rc[t] == 0) row("pass", t, secs[t], "")
	else if (rc[t] == 4) row("fail", t, secs[t], "skipped, which our own config must not cause: " last[t])
	else if (rc[t] == 124 || rc[t] == 143) row("fail", t, secs[t], "timed out")
	else row("fail", t, secs[t], "exit " rc[t] ": " last[t])
}
BEGIN {
	FS = "|"
	while ((getline l < planf) > 0) {
		split(l, f, "|"); order[++n] = f[2]; kind[f[2]] = f[1]
		if (f[1] == "skip") { printf "skip|%s/%s|0|%s\n", boot, f[2], f[3]; emitted[f[2]] = 1 }
	}
	fflush()
	cur = "boot"; FS = "\n"
}
{
	line = $0
	# A row waits for the next test: a splat right after a test fails it.
	if (pending != "" && line ~ /^@@@ START /) { emit(pending); pending = "" }
	if (line ~ /^@@@ START /) {
		cur = substr(line, 11); started[cur] = 1; logf = logdir "/" logof(cur)
		print line > logf; next
	}
	if (logf != "") print line > logf
	if (line ~ /^    \| /) { if (cur != "boot") last[cur] = substr(line, 7); next }
	if (line ~ /^@@@ END /) {
		split(line, f, " "); t = f[3]
		rc[t] = substr(f[4], 4); secs[t] = substr(f[5], 6); cur = "after " t; pending = t; next
	}
	if (line ~ /^@@@ DONE/) { done = 1; close(logf); logf = ""; next }
	if (splat(line) && !(cur in bad)) { bad[cur] = line; sub(/^\[ *[0-9.]+\] /, "", bad[cur]) }
	if (cur in bad && line ~ /Oops: int3/) int3[cur] = 1
	if (cur in int3 && line ~ /__schedule/) infra[cur] = 1
}
END {
	if (pending != "") emit(pending)
	for (i = 1; i <= n; i++) {
		t = order[i]
		if (t in emitted) continue
		if (!(t in started)) { printf "fail|%s/%s|0|not run: the VM died or hung before it (log: %s)\n", boot, t, console; continue }
		row((t in infra) ? "infra" : "fail", t, 0,
		    (t in bad) ? "kernel splat: " bad[t] : "VM died or hung during the test")
	}
	if ("boot" in bad) printf "fail|%s/boot|0|kernel splat before the tests: %s (log: %s)\n", boot, bad["boot"], console
	if (!done) printf "fail|%s/vm|0|the VM did not finish the list (crash, hang or time-out) (log: %s)\n", boot, console
}'
