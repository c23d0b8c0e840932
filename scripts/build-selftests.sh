#!/bin/bash
# Build the KVM selftests of the work tree, statically linked, plus the
# demo VMM, the guest_memfd benchmark and gmem-hold, into build/selftests.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
out=$build/selftests
hdr=$build/headers
mkdir -p "$out" "$hdr"
say "installing uapi headers"
make -C "$src" -s O="$build/headers-obj" INSTALL_HDR_PATH="$hdr" headers_install
say "building KVM selftests"
make -C "$src/tools/testing/selftests/kvm" -j"$jobs" -s OUTPUT="$out" \
	LDFLAGS=-static KHDR_INCLUDES="-isystem $hdr/include" >"$out.log" 2>&1 ||
	{ tail -n 30 "$out.log"; die "selftests build failed (log: $out.log)"; }
gcc -static -O2 -Wall -Wextra -Werror -isystem "$hdr/include" \
	-o "$out/kvm-hello" "$top/tests/kvm-hello.c"
gcc -static -O2 -Wall -Wextra -Werror -isystem "$hdr/include" \
	-o "$out/gmem-bench" "$top/tests/gmem-bench.c"
gcc -static -O2 -Wall -Wextra -Werror -isystem "$hdr/include" \
	-o "$out/gmem-hold" "$top/tests/gmem-hold.c"
install -m 755 "$top/tests/kvm-modules" "$out/kvm-modules"
