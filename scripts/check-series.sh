#!/bin/bash
# Build every patch of the series on its own, as the KVM x86 maintainer
# guide asks: virt/kvm and arch/x86/kvm with KVM as modules and -Werror,
# and virt/kvm and arch/arm64/kvm cross-built for arm64. Reports the first
# patch that breaks. The x86 builds use the base's options, so the series'
# own default-off option (KVM_GMEM_IN_PLACE_CONVERSION, not yet upstream) is
# off there: what a distribution gets without it; make check builds it on.
# usage: check-series.sh [arm64]   (arm64: only the arm64 build of the whole
#   series, no per-patch builds: what make check runs)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$top/scripts/deps.sh" gcc-aarch64-linux-gnu
wt=$top/work/series-src
[ -d "$wt" ] || git -C "$src" worktree add -q --detach "$wt" base
x86=$build/series-x86 arm=$build/series-arm64
only=${1:-}
mkdir -p "$x86" "$arm"

git -C "$wt" checkout -q --detach base
[ "$only" = arm64 ] ||
	CONFIG_ONLY=1 SRC=$wt "$top/scripts/build-kernel.sh" "$x86" \
		"$top/configs/base.config" "$top/configs/modular.config"
if [ ! -f "$arm/.config" ]; then
	ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- KSRC=$wt kmake -s O="$arm" defconfig
	ARCH=arm64 "$wt/scripts/kconfig/merge_config.sh" -m -O "$arm" "$arm/.config" \
		"$top/configs/arm64.config" >/dev/null
	ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- KSRC=$wt kmake -s O="$arm" olddefconfig
fi

commits="base $(git -C "$src" rev-list --reverse base..HEAD)"
[ "$only" != arm64 ] || commits=$(git -C "$src" rev-parse HEAD)
for c in $commits; do
	git -C "$wt" checkout -q --detach "$c"
	title=$(git -C "$wt" log -1 --format='%h %s')
	say "building: $title"
	[ "$only" = arm64 ] ||
	KSRC=$wt kmake -s O="$x86" arch/x86/kvm/ virt/kvm/ >"$x86.log" 2>&1 ||
		{ tail -n 40 "$x86.log"; die "x86 (KVM=m) build breaks at: $title"; }
	ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- KSRC=$wt kmake -s O="$arm" \
		arch/arm64/kvm/ virt/kvm/ >"$arm.log" 2>&1 ||
		{ tail -n 40 "$arm.log"; die "arm64 build breaks at: $title"; }
done
if [ "$only" = arm64 ]; then
	say "the series builds for arm64"
else
	say "every patch builds: x86 (KVM=m, -Werror) and arm64"
fi
