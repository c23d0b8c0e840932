#!/bin/bash
# Fault-path benchmarks (tests/bench.list) on the base and the patched
# kernel, both built from the same fragments without debug options
# (configs/base.config + configs/bench.config; the patched one adds the
# series' features, configs/bench-series.config, none of its tests).
# Boots are interleaved (base, patched, base, patched, ...), once per MMU
# (tdp; shadow: kvm_amd.npt=0), under QEMU with -icount so that guest time
# follows the instructions executed. Each boot runs each of its benchmarks
# three times. Prints, per benchmark and MMU, the median time on each kernel,
# speed = base/patched (1.00: same; below 1: the series is slower) and the
# spread of each kernel between its boots ((max - min) / median of the
# per-boot medians). A gated benchmark fails if its speed is below 1.00
# minus the larger of the two spreads.
# Then the guest_memfd figures of tests/gmem-bench.c (once per patched tdp
# boot; the base kernel has no mappable guest_memfd): medians, printed and
# appended to results/bench.txt. Not a gate, but a missing figure fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rounds=${ROUNDS:-3}
mmus="tdp shadow"
basesrc=$top/work/base-src
[ -d "$basesrc" ] || git -C "$src" worktree add -q --detach "$basesrc" base
frags=("$top/configs/base.config" "$top/configs/bench.config")

say "building the base kernel (build/bench-base) and the patched kernel (build/bench-patched)"
SRC=$basesrc "$top/scripts/build-kernel.sh" "$build/bench-base" "${frags[@]}" >/dev/null
"$top/scripts/build-kernel.sh" "$build/bench-patched" "${frags[@]}" \
	"$top/configs/bench-series.config" >/dev/null
"$top/scripts/build-selftests.sh"
"$top/scripts/build-initramfs.sh"

mkdir -p "$results"
rm -f "$results"/bench-*.log "$results/bench.rows"
for r in $(seq "$rounds"); do
	for mmu in $mmus; do
		cmdline=harness.boot=$mmu
		# tdp boots also run gmem-bench, whose conversions need the
		# parameter; the base kernel ignores it, the patched one pays
		# for it in the other benchmarks too.
		if [ $mmu = tdp ]; then cmdline+=" kvm.gmem_in_place_conversion=1"
		else cmdline+=" kvm_amd.npt=0"; fi
		for k in base patched; do
			log=$results/bench-$k-$mmu-$r.log
			say "round $r: $k kernel, $mmu"
			KERNEL=$build/bench-$k/arch/x86/boot/bzImage \
			QEMU_EXTRA="-icount shift=0,sleep=off" \
				"$top/scripts/boot.sh" bench "$log" 1800 $cmdline
			grep -q '^@@@ DONE' "$log" ||
				die "the $k kernel did not finish the benchmarks ($log)"
			! grep -q '^@@@ BENCH .* failed$' "$log" ||
				die "a benchmark failed on the $k kernel ($log)"
			grep '^@@@ BENCH' "$log" | awk -v k=$k -v r=$r '{ print k, $3, $4, r }' \
				>>"$results/bench.rows"
		done
	done
done

med() {		# median of the numbers on stdin
	sort -n | awk '{ v[NR] = $1 } END { printf "%.6f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
run_times() {	# run_times KERNEL BENCHMARK@MMU
	awk -v k="$1" -v b="$2" '$1 == k && $2 == b { print $3 }' "$results/bench.rows"
}
boot_medians() {	# boot_medians KERNEL BENCHMARK@MMU: one median per boot
	for r in $(seq "$rounds"); do
		awk -v k="$1" -v b="$2" -v r="$r" '$1 == k && $2 == b && $4 == r { print $3 }' \
			"$results/bench.rows" | med
	done
}
spread() {	# (max - min) / median of the numbers on stdin
	sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f\n", (m > 0) ? (v[NR] - v[1]) / m : 0 }'
}
{
	printf "%-18s %10s %12s %7s %8s %8s\n" benchmark "base (s)" "patched (s)" speed \
		"spread b" "spread p"
	for b in $(awk '{ print $2 }' "$results/bench.rows" | awk '!seen[$0]++'); do
		mb=$(run_times base "$b" | med) mp=$(run_times patched "$b" | med)
		sb=$(boot_medians base "$b" | spread) sp=$(boot_medians patched "$b" | spread)
		s=$(awk -v b="$mb" -v p="$mp" 'BEGIN { printf "%.3f", (p > 0) ? b / p : 0 }')
		slow=$(awk -v s="$s" -v x="$sb" -v y="$sp" \
			'BEGIN { print (s < 1 - ((x > y) ? x : y)) ? "  SLOWER" : "" }')
		# tests/bench.list: an "info" benchmark is printed, not a gate.
		if grep -v '^#' "$top/tests/bench.list" | grep -q "^${b%@*} *|.*| *info *$"; then
			slow=${slow:+  (slower; info only, see tests/bench.list)}
		fi
		printf "%-18s %10.3f %12.3f %7s %8s %8s%s\n" "$b" "$mb" "$mp" "$s" "$sb" "$sp" "$slow"
	done
	echo "(medians of $((rounds * 3)) runs per kernel and MMU: $rounds boots each, interleaved,"
	echo " 3 runs per boot; speed = base time / patched time; spread = (max - min) / median"
	echo " of one kernel's per-boot medians; a gated benchmark fails below 1.00 - the larger spread)"
} | tee "$results/bench.txt"

gmem_figures="fault_gmem_pages_per_s fault_memfd_pages_per_s fault_ratio_gmem_memfd
	convert_4k_pages_per_s convert_4k_us_per_page convert_2m_pages_per_s
	convert_2m_us_per_page floor_4k_us_per_page floor_2m_us_per_page
	ratio_4k ratio_2m eagain_retries"
for log in "$results"/bench-patched-tdp-*.log; do
	for f in $gmem_figures; do
		grep -q "^@@@ GMEM $f [0-9.]*$" "$log" ||
			die "no guest_memfd figure $f from the patched kernel ($log)"
	done
done
{
	echo
	echo "guest_memfd conversion (patched kernel)"
	for f in $gmem_figures; do
		m=$(grep -h "^@@@ GMEM $f " "$results"/bench-patched-tdp-*.log | awk '{ print $4 }' | med)
		awk -v f="$f" -v m="$m" 'BEGIN { fmt = (f ~ /_per_s$|^eagain/) ? "%.0f" : "%.3f"
			printf "%-26s %12s%s\n", f, sprintf(fmt, m), (f ~ /^ratio_/ && m + 0 > 1.5) ? "  > 1.5" : "" }'
	done
	echo "(medians of $rounds boots; ratio = conversion round trip / floor (PUNCH_HOLE + refault),"
	echo " per page, aim <= 1.5; fault_ratio = guest_memfd / memfd first-touch fault rate)"
} | tee -a "$results/bench.txt"
! grep -q '  SLOWER$' "$results/bench.txt"
