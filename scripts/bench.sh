#!/bin/bash
# Fault-path benchmarks (tests/bench.list) on the base and the patched
# kernel, interleaved in one run (base, patched, base, patched, ...), under
# QEMU with -icount so guest time follows the instructions executed.
# Prints, per benchmark, the mean time on each kernel and speed = base/patched
# (1.00: same; below 1: the series is slower). Fails below 0.97.
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

awk -v rounds="$rounds" '
	{ t[$1, $2] += $3; n[$1, $2]++; if (!($2 in seen)) { seen[$2] = 1; order[++m] = $2 } }
	END {
		printf "%-24s %10s %10s %8s\n", "benchmark", "base (s)", "patched (s)", "speed"
		bad = 0
		for (i = 1; i <= m; i++) {
			b = t["base", order[i]] / n["base", order[i]]
			p = t["patched", order[i]] / n["patched", order[i]]
			s = p > 0 ? b / p : 0
			printf "%-24s %10.2f %10.2f %8.3f%s\n", order[i], b, p, s, s < 0.97 ? "  SLOWER" : ""
			if (s < 0.97) bad = 1
		}
		printf "(%d rounds each, interleaved; speed = base time / patched time)\n", rounds
		exit bad
	}' "$results/bench.rows" | tee "$results/bench.txt"
