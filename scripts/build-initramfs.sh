#!/bin/bash
# Pack busybox, tests/init, the test lists and the built selftests into
# build/initramfs.cpio.gz.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
root=$build/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,dev,proc,sys,tmp,tests}
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$top/tests/init" "$root/init"
cp "$top/tests/selftests.list" "$top/tests/bench.list" "$root/tests/"
cp "$build/selftests/kvm-hello" "$build/selftests/gmem-bench" "$root/tests/"
cat "$top/tests/selftests.list" "$top/tests/bench.list" | grep -v '^#' | cut -d'|' -f1 |
while read -r t; do
	[ -n "$t" ] || continue
	[ -x "$build/selftests/$t" ] || die "selftest $t was not built"
	mkdir -p "$root/tests/$(dirname "$t")"
	cp "$build/selftests/$t" "$root/tests/$t"
done
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$build/initramfs.cpio.gz"
