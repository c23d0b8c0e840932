#!/bin/bash
# The one test command: checkpatch, the Debian patches, kernel build,
# sparse/W=1, the kernel with KVM as modules, the arm64 cross-build of the
# series (make check-series builds every patch, x86 and arm64), the mails,
# then KUnit and the KVM selftests in QEMU, once per boot configuration in
# tests/boots.list.
# Prints each step and each test as it ends, then "N passed, N failed,
# N skipped"; exits non-zero on any failure. In results/: check.tap (TAP
# version 13), each step's log, each boot's console, each test's log
# (results/BOOT/TEST.log), and where the time went.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
mkdir -p "$results"
rm -rf "$results"/*.log "$results"/*.rows "$results"/rows "$results"/times "$results"/check.tap
for b in $(grep -v '^#' "$top/tests/boots.list" | cut -d'|' -f1); do
	rm -rf "${results:?}/$b" "$results/$b.rerun"
done
rm -f "$results"/step-*.log
times=$results/times rows=$results/rows

# show: print result rows as a person reads them, as they come.
show() {
	local LC_ALL=C
	while IFS='|' read -r st name secs why; do
		case "$st" in
		pass) printf '  ok      %-58s %6.1f s\n' "$name" "$secs" ;;
		skip) printf '  skip    %s: %s\n' "$name" "$why" ;;
		infra) printf '  INFRA   %s: %s\n' "$name" "$why" ;;
		*) printf '  FAIL    %s: %s\n' "$name" "$why" ;;
		esac
	done
}

# tap: results/check.tap from the rows.
tap() {
	{
		echo "TAP version 13"
		echo "1..$(grep -vc '^rerun|' "$rows" || true)"
		awk -F'|' '
			{ why = $0; sub(/^([^|]*\|){3}/, "", why) }
			$1 == "rerun" { print "# infrastructure failure in " $2 ", rerun once: " why; next }
			{ n++ }
			$1 == "pass" { print "ok " n " " $2; next }
			$1 == "skip" { print "ok " n " " $2 " # SKIP " why; next }
			{ print "not ok " n " " $2 " # " why }' "$rows"
	} >"$results/check.tap"
}

# step NAME COMMAND...: run one step, its output also in
# results/step-NAME.log; stop on failure.
step() {
	local name=$1 t0=$SECONDS log
	log=$results/step-$(echo "$1" | tr -c 'A-Za-z0-9\n' '-').log
	shift
	say "$name"
	if ! "$@" 2>&1 | tee "$log"; then
		echo "$name|$((SECONDS - t0))" >>"$times"
		echo "fail|step/$name|$((SECONDS - t0))|failed (log: ${log#"$top"/})" >>"$rows"
		tap
		echo "error: step '$name' failed; its log: ${log#"$top"/}" >&2
		exit 1
	fi
	echo "$name|$((SECONDS - t0))" >>"$times"
}

step "setup" "$top/scripts/tree.sh"
step "checkpatch" "$top/scripts/checkpatch.sh"
step "quilt-check" "$top/scripts/quilt-check.sh"
step "mbox" "$top/scripts/mbox.sh"
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

# run_boot BOOT ONLY NAME EXTRA...: boot once (console: results/NAME.log,
# per-test logs: results/NAME/), print the rows of its tests as they end,
# then those of its KUnit cases. A reporter that fails is a failed row.
run_boot() {
	local boot=$1 only=$2 name=$3 log=$results/$3.log
	shift 3
	"$top/scripts/boot.sh" check "$log" 2400 "$@" harness.boot="$boot" ${only:+harness.only=$only} |
		ONLY=$only "$top/scripts/report.sh" "$boot" "$results/$name" "$log"
	[ "${PIPESTATUS[1]}" = 0 ] ||
		echo "fail|$boot/report|0|scripts/report.sh failed: this boot's rows are incomplete (log: ${log#"$top"/})"
	"$top/scripts/kunit-report.sh" "$boot" "$log" "${log%.log}.kunit.txt" ||
		echo "fail|$boot/kunit|0|scripts/kunit-report.sh failed (log: ${log#"$top"/})"
}

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
	say "boot '$boot' (console: results/$boot.log)"
	run_boot "$boot" "$only" "$boot" $extra | tee "$results/$boot.rows" | show
	rerun=$(awk -F'|' '$1 == "infra" { inf = 1 }
		$1 == "infra" || $4 ~ /^not run:/ { sub(/^[^\/]*\//, "", $2); l = l (l ? "," : "") $2 }
		END { if (inf) print l }' "$results/$boot.rows")
	if [ -n "$rerun" ]; then
		say "emulator int3 Oops in '$boot' (infrastructure): rerunning $rerun once"
		run_boot "$boot" "$rerun" "$boot.rerun" $extra | grep --line-buffered -v '/kunit/' |
			sed -u 's/^infra|/fail|/' | tee "$results/$boot.rerun.rows" | show
		awk -F'|' -v OFS='|' '$1 == "infra" { $1 = "rerun"; print; next }
			$4 ~ /^not run:/ || $2 ~ /\/vm$/ { next } { print }' \
			"$results/$boot.rows" >"$results/$boot.rows.new"
		cat "$results/$boot.rerun.rows" >>"$results/$boot.rows.new"
		mv "$results/$boot.rows.new" "$results/$boot.rows"
	fi
	cat "$results/$boot.rows" >>"$rows"
	echo "boot $boot|$((SECONDS - t0))" >>"$times"
	say "boot '$boot' done in $((SECONDS - t0)) s"
done <"$top/tests/boots.list"

tap
pass=$(grep -c '^pass|' "$rows") fail=$(grep -vc '^\(pass\|skip\|rerun\)|' "$rows")
skip=$(grep -c '^skip|' "$rows")
echo
echo "Failed:"
grep -v '^\(pass\|skip\|rerun\)|' "$rows" | show || echo "  none"
echo "Per-test time (seconds):"
awk -F'|' '$1 != "skip" && $3 > 0 { printf "  %7.1f  %s\n", $3, $2 }' "$rows" | sort -rn | tee "$results/test-times" | head -n 15
echo "Where the time went (seconds):"
awk -F'|' '{ printf "  %6d  %s\n", $2, $1; s += $2 } END { printf "  %6d  total\n", s }' "$times"
echo "$pass passed, $fail failed, $skip skipped (results/check.tap)"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
