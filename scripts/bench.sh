#!/bin/bash
# Fault-path benchmarks (tests/bench.list) on the base and the patched
# kernel, interleaved in one run (base, patched, base, patched, ...), under
# QEMU with -icount so guest time follows the instructions executed.
# Each boot runs each benchmark three times. Prints, per benchmark, the
# median time on each kernel and speed = base/patched (1.00: same; below 1:
# the series is slower). Fails below 0.97, except for benchmarks marked
# "info" in tests/bench.list. Emulation is noisy even with
# -icount (vCPU threads, timers): look at the spread in results/bench.rows.
# Then the guest_memfd figures of tests/gmem-bench.c (once per patched boot;
# the base kernel has no mappable guest_memfd): medians, printed and appended
# to results/bench.txt. Not a gate, but a missing figure fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rounds=${ROUNDS:-2}
basesrc=$top/work/base-src
[ -d "$basesrc" ] || git -C "$src" worktree add -q --detach "$basesrc" base

say "building the base kernel (build/bench-base) and the patched kernel"
SRC=$basesrc "$top/scripts/build-kernel.sh" "$build/bench-base" "$top/configs/base.config" >/dev/null
"$top/scripts/build-kernel.sh" >/dev/null
"$top/scripts/build-selftests.sh"
"$top/scripts/build-initramfs.sh"

mkdir -p "$results"
rm -f "$results"/bench-*.log "$results/bench.rows"
for r in $(seq "$rounds"); do
	for k in base patched; do
		img=$build/kernel/arch/x86/boot/bzImage
		[ $k = patched ] || img=$build/bench-base/arch/x86/boot/bzImage
		say "round $r: $k kernel"
		KERNEL=$img QEMU_EXTRA="-icount shift=0,sleep=off" \
			"$top/scripts/boot.sh" bench "$results/bench-$k-$r.log" 1800
		grep -q '^@@@ DONE' "$results/bench-$k-$r.log" ||
			die "the $k kernel did not finish the benchmarks (results/bench-$k-$r.log)"
		grep '^@@@ BENCH' "$results/bench-$k-$r.log" | grep -v ' failed$' |
			awk -v k=$k '{ print k, $3, $4 }' >>"$results/bench.rows"
		! grep -q '^@@@ BENCH .* failed$' "$results/bench-$k-$r.log" ||
			die "a benchmark failed on the $k kernel (results/bench-$k-$r.log)"
	done
done

med() {		# median of the numbers on stdin
	sort -n | awk '{ v[NR] = $1 } END { printf "%.6f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
median() {	# median KERNEL BENCHMARK
	awk -v k="$1" -v b="$2" '$1 == k && $2 == b { print $3 }' "$results/bench.rows" | med
}
{
	printf "%-24s %10s %12s %8s\n" benchmark "base (s)" "patched (s)" speed
	for b in $(awk '{ print $2 }' "$results/bench.rows" | awk '!seen[$0]++'); do
		mb=$(median base "$b") mp=$(median patched "$b")
		s=$(awk -v b="$mb" -v p="$mp" 'BEGIN { printf "%.3f", (p > 0) ? b / p : 0 }')
		slow=$(awk -v s="$s" 'BEGIN { print (s < 0.97) ? "  SLOWER" : "" }')
		# tests/bench.list: an "info" benchmark is printed, not a gate.
		if grep -v '^#' "$top/tests/bench.list" | grep -q "^$b *|.*| *info *$"; then
			slow=${slow:+  (slower; info only, see tests/bench.list)}
		fi
		printf "%-24s %10.2f %12.2f %8s%s\n" "$b" "$mb" "$mp" "$s" "$slow"
	done
	echo "(medians of $((rounds * 3)) runs per kernel: $rounds boots each, interleaved, 3 runs per boot;"
	echo " speed = base time / patched time; below 0.97 fails unless the benchmark is info only)"
} | tee "$results/bench.txt"

gmem_figures="fault_gmem_pages_per_s fault_memfd_pages_per_s fault_ratio_gmem_memfd
	convert_4k_pages_per_s convert_4k_us_per_page convert_2m_pages_per_s
	convert_2m_us_per_page floor_4k_us_per_page floor_2m_us_per_page
	ratio_4k ratio_2m eagain_retries"
for log in "$results"/bench-patched-*.log; do
	for f in $gmem_figures; do
		grep -q "^@@@ GMEM $f [0-9.]*$" "$log" ||
			die "no guest_memfd figure $f from the patched kernel ($log)"
	done
done
{
	echo
	echo "guest_memfd conversion (patched kernel)"
	for f in $gmem_figures; do
		m=$(grep -h "^@@@ GMEM $f " "$results"/bench-patched-*.log | awk '{ print $4 }' | med)
		awk -v f="$f" -v m="$m" 'BEGIN { fmt = (f ~ /_per_s$|^eagain/) ? "%.0f" : "%.3f"
			printf "%-26s %12s%s\n", f, sprintf(fmt, m), (f ~ /^ratio_/ && m + 0 > 1.5) ? "  > 1.5" : "" }'
	done
	echo "(medians of $rounds boots; ratio = conversion round trip / floor (PUNCH_HOLE + refault),"
	echo " per page, aim <= 1.5; fault_ratio = guest_memfd / memfd first-touch fault rate)"
} | tee -a "$results/bench.txt"
grep -q SLOWER "$results/bench.txt" && exit 1
exit 0
