#!/bin/bash
# sparse (C=2) and W=1 on virt/kvm, arch/x86/kvm and every other C file the
# series touches; fail on any warning the base does not already have.
# Warnings are compared without line numbers, so moved code is not "new".
set -euo pipefail
. "$(dirname "$0")/lib.sh"
basesrc=$top/work/base-src
[ -d "$basesrc" ] || git -C "$src" worktree add -q --detach "$basesrc" base

targets=(arch/x86/kvm/ virt/kvm/)
for f in $(git -C "$src" diff --name-only --diff-filter=AM base..HEAD -- '*.c'); do
	case "$f" in arch/x86/kvm/*|virt/kvm/*|tools/*|samples/*) ;; *) targets+=("${f%.c}.o") ;; esac
done

# usage: scan TREE OUTDIR: print normalized warnings of TREE
scan() {
	local tree=$1 out=$2 t list=()
	mkdir -p "$out"
	cp "$build/kernel/.config" "$out/.config"
	"$tree/scripts/config" --file "$out/.config" -d KVM_WERROR
	KSRC=$tree kmake -s O="$out" olddefconfig >/dev/null
	for t in "${targets[@]}"; do
		[ -e "$tree/${t%.o}.c" ] || [ -d "$tree/$t" ] && list+=("$t")
	done
	KSRC=$tree kmake -k O="$out" C=2 W=1 "${list[@]}" >"$out/build.log" 2>&1 || true
	grep -E ': (warning|error):' "$out/build.log" |
		sed -E "s|^$tree/||; s|^arch/x86/kvm/\.\./\.\./\.\./||; s|^([^:]+):[0-9]+:([0-9]+:)? |\1: |" | sort -u
}
mkdir -p "$build/static" "$build/static-base"
sum=$( (printf '%s\n' "${targets[@]}"; cat "$build/kernel/.config") | sha256sum | cut -c1-16)
basew=$build/static-base/warnings.$sum
if [ ! -f "$basew" ]; then
	say "sparse + W=1 on the base (once per target list and config)"
	scan "$basesrc" "$build/static-base" >"$basew.tmp"
	mv "$basew.tmp" "$basew"
fi
say "sparse + W=1 on the series: ${targets[*]}"
scan "$src" "$build/static" >"$build/static/warnings" || true
new=$(comm -13 "$basew" "$build/static/warnings")
if [ -n "$new" ]; then
	echo "$new"
	die "the series adds sparse/W=1 warnings (full log: $build/static/build.log)"
fi
say "sparse + W=1: no new warnings ($(wc -l <"$basew") on the base)"
