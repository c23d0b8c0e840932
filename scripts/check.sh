#!/bin/bash
# The one test command: checkpatch, kernel build, sparse/W=1, the kernel with
# KVM as modules, the arm64 cross-build of the series (make check-series
# builds every patch, x86 and arm64), then KUnit and the KVM selftests in
# QEMU, once per boot configuration in tests/boots.list.
# Prints one line per test and "N passed, N failed, N skipped"; exits
# non-zero on any failure. Logs and timings go to results/.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
mkdir -p "$results"
rm -f "$results"/*.log "$results"/rows "$results"/times
times=$results/times

step() {	# step NAME COMMAND...: run and time one step; stop on failure
	local name=$1 t0=$SECONDS
	shift
	say "$name"
	if ! "$@"; then
		echo "$name|$((SECONDS - t0))" >>"$times"
		echo "not ok $name"
		echo "0 passed, 1 failed, 0 skipped"
		exit 1
	fi
	echo "$name|$((SECONDS - t0))" >>"$times"
}

step "setup" "$top/scripts/tree.sh"
step "checkpatch" "$top/scripts/checkpatch.sh"
step "quilt-check" "$top/scripts/quilt-check.sh"
step "kernel build" "$top/scripts/build-kernel.sh"
step "sparse and W=1" "$top/scripts/static-check.sh"
# Distros build KVM as modules: the series must link that way too (core mm
# may not call into kvm.ko, and kvm.ko may use only exported symbols).
step "KVM=m build" env TARGETS="bzImage modules" "$top/scripts/build-kernel.sh" \
	"$build/kernel-modular" "$top/configs/base.config" "$top/configs/series.config" \
	"$top/configs/modular.config" "$top/configs/modular-series.config"
step "arm64 build of the series" "$top/scripts/check-series.sh" arm64
step "selftests build" "$top/scripts/build-selftests.sh"
step "initramfs" "$top/scripts/build-initramfs.sh"

# One boot per configuration; a test hit by the emulator's int3 Oops is
# reported as an infrastructure failure and rerun once in a boot of its own.
while IFS='|' read -r boot extra only kernel; do
	boot=$(echo $boot) only=$(echo $only) kernel=$(echo $kernel)
	case "$boot" in ''|'#'*) continue ;; esac
	case "$kernel" in
	'') export KERNEL=$build/kernel/arch/x86/boot/bzImage ;;
	modular) export KERNEL=$build/kernel-modular/arch/x86/boot/bzImage ;;
	*) die "tests/boots.list: boot '$boot' has an unknown kernel '$kernel'" ;;
	esac
	t0=$SECONDS
	say "boot '$boot': KUnit and selftests (console: results/$boot.log)"
	"$top/scripts/boot.sh" check "$results/$boot.log" 2400 $extra harness.boot=$boot \
		${only:+harness.only=$only}
	ONLY=$only "$top/scripts/report.sh" "$boot" "$results/$boot.log" >"$results/$boot.rows"
	rerun=$(awk -F'|' '$1 == "infra" { inf = 1 }
		$1 == "infra" || $4 ~ /^not run:/ { sub(/^[^\/]*\//, "", $2); l = l (l ? "," : "") $2 }
		END { if (inf) print l }' "$results/$boot.rows")
	if [ -n "$rerun" ]; then
		say "emulator int3 Oops in '$boot' (infrastructure): rerunning $rerun once"
		"$top/scripts/boot.sh" check "$results/$boot.rerun.log" 2400 $extra \
			harness.boot=$boot harness.only=$rerun
		ONLY=$rerun "$top/scripts/report.sh" "$boot" "$results/$boot.rerun.log" |
			grep -v '/kunit/' | sed 's/^infra|/fail|/' >"$results/$boot.rerun.rows"
		awk -F'|' -v OFS='|' '$1 == "infra" { $1 = "rerun"; print; next }
			$4 ~ /^not run:/ || $2 ~ /\/vm$/ { next } { print }' \
			"$results/$boot.rows" >"$results/$boot.rows.new"
		cat "$results/$boot.rerun.rows" >>"$results/$boot.rows.new"
		mv "$results/$boot.rows.new" "$results/$boot.rows"
	fi
	cat "$results/$boot.rows" >>"$results/rows"
	echo "boot $boot|$((SECONDS - t0))" >>"$times"
done <"$top/tests/boots.list"

# Report.
n=0 pass=0 fail=0 skip=0
while IFS='|' read -r st name secs why; do
	case "$st" in
	pass) n=$((n + 1)); pass=$((pass + 1)); echo "ok $n $name${why:+ # $why}" ;;
	skip) n=$((n + 1)); skip=$((skip + 1)); echo "ok $n $name # SKIP $why" ;;
	rerun) echo "# infrastructure failure in $name, rerun once: $why" ;;
	*) n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n $name # $why" ;;
	esac
done <"$results/rows"
echo
echo "Per-test time (seconds):"
awk -F'|' '$1 != "skip" && $3 > 0 { printf "  %7.1f  %s\n", $3, $2 }' "$results/rows" | sort -rn | tee "$results/test-times"
echo "Where the time went (seconds):"
awk -F'|' '{ printf "  %6d  %s\n", $2, $1; s += $2 } END { printf "  %6d  total\n", s }' "$times"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail = 0 ] && [ $pass -gt 0 ]
