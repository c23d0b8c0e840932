#!/bin/bash
# The main job: boot the patched kernel in QEMU and run a KVM guest in it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
log=$results/run.log
say "booting $BASE_PKG $BASE_VERSION + $(git -C "$src" rev-list --count base..HEAD) patches in QEMU; KVM runs a small guest inside"
"$top/scripts/boot.sh" run "$log" 300 quiet |
	sed -n 's/^\(kvm-hello: .*\)/  \1/p; s/^@@@ END kvm-hello rc=\(.*\)/  exit status: \1/p'
grep -q '^@@@ END kvm-hello rc=0' "$log" || die "the guest did not run (console: $log)"
echo "KVM ran its guest on the patched kernel (full console: $log)"
