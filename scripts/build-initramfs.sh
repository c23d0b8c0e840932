#!/bin/bash
# Pack busybox, tests/init, the test lists, the built selftests and KVM's
# modules (if built) into build/initramfs.cpio.gz.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
root=$build/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,dev,proc,sys,tmp,tests}
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$top/tests/init" "$root/init"
cp "$top/tests/bench.list" "$root/tests/"
# What each boot of tests/boots.list runs (tests/init reads it).
for b in $(grep -v '^#' "$top/tests/boots.list" | cut -d'|' -f1); do
	"$top/scripts/plan.sh" "$b" >"$root/tests/plan-$b"
done
cp "$build/selftests/kvm-hello" "$build/selftests/gmem-bench" \
	"$build/selftests/gmem-hold" "$root/tests/"
# KVM's modules from the KVM=m link check, for the 'modular' boot (and
# tests/kvm-modules); a build without that kernel packs none.
mkdir -p "$root/lib/modules"
for m in virt/lib/irqbypass.ko arch/x86/kvm/kvm.ko arch/x86/kvm/kvm-amd.ko; do
	[ ! -f "$build/kernel-modular/$m" ] || cp "$build/kernel-modular/$m" "$root/lib/modules/"
done
# The tests: every test of selftests.list, the first word of bench.list's
# command column.
{ "$top/scripts/plan.sh" --names
  grep -v '^#' "$top/tests/bench.list" | cut -d'|' -f2 | awk '{ print $1 }'; } |
while read -r t; do
	[ -n "$t" ] || continue
	[ -x "$build/selftests/$t" ] || die "selftest $t was not built"
	mkdir -p "$root/tests/$(dirname "$t")"
	cp "$build/selftests/$t" "$root/tests/$t"
done
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$build/initramfs.cpio.gz"
