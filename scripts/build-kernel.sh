#!/bin/bash
# Build the test kernel: tinyconfig + configs/*.config fragments.
# usage: build-kernel.sh [OUTDIR] [fragment...]
#   (defaults: build/kernel, configs/base.config configs/series.config)
# With CONFIG_ONLY=1 it stops after writing and verifying the .config;
# TARGETS (default bzImage) says what to build.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
out=${1:-$build/kernel}
shift || true
frags=("$@")
[ ${#frags[@]} -gt 0 ] || frags=("$top/configs/base.config" "$top/configs/series.config")
[ -f "$src/Makefile" ] || die "no work tree at $src: run 'make tree' first"
mkdir -p "$out"

# Regenerate .config only when a fragment or the Kconfig files changed.
stamp=$( (cat "${frags[@]}"; git -C "$src" ls-files -s -- '*Kconfig*'
	git -C "$src" diff HEAD -- '*Kconfig*') | sha256sum | cut -c1-16)
if [ "$(cat "$out/.fragments" 2>/dev/null)" != "$stamp" ] || [ ! -f "$out/.config" ]; then
	say "configuring $out"
	kmake O="$out" tinyconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "${frags[@]}" >/dev/null
	kmake O="$out" olddefconfig >/dev/null
	echo "$stamp" >"$out/.fragments"
fi
kmake O="$out" olddefconfig >/dev/null

# Every option the fragments ask for (the last fragment wins) must be in
# the result.
declare -A want=()
for f in "${frags[@]}"; do
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=*) want[${line%%=*}]=$line ;;
		"# CONFIG_"*" is not set") o=${line#\# }; want[${o%% *}]=$line ;;
		esac
	done <"$f"
done
missing=0
for opt in "${!want[@]}"; do
	line=${want[$opt]}
	case "$line" in
	"# "*) ! grep -q "^$opt=" "$out/.config" ;;
	*) grep -qxF "$line" "$out/.config" ;;
	esac || { echo "config: $line did not stick" >&2; missing=1; }
done
[ $missing = 0 ] || die "kernel config is missing options (see above)"

[ -z "${CONFIG_ONLY:-}" ] || exit 0
say "building kernel in $out: ${TARGETS:-bzImage}"
kmake O="$out" ${TARGETS:-bzImage}
