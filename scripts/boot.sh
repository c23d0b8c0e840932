#!/bin/bash
# Boot the test kernel under QEMU system emulation with the test initramfs.
# usage: boot.sh MODE LOG TIMEOUT [extra kernel command line...]
#   MODE: check | run | bench | shell. The console goes to LOG, and to
#   stdout for check and run (the terminal for shell). The VM is killed
#   after TIMEOUT seconds.
#   tests/cmdline holds what every boot needs on its command line.
# -cpu max gives the guest AMD SVM with nested paging, so kvm_amd runs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
mode=$1 log=$2 tmo=$3
shift 3
kernel=${KERNEL:-$build/kernel/arch/x86/boot/bzImage}
[ -f "$kernel" ] || die "no kernel at $kernel"
cmdline="console=ttyS0 panic=-1 $(grep -v '^#' "$top/tests/cmdline" | tr '\n' ' ')"
cmdline+=" harness.mode=$mode $*"
qemu=(qemu-system-x86_64 -machine q35 -cpu max -smp 2 -m 4096 -no-reboot
	-kernel "$kernel" -initrd "$build/initramfs.cpio.gz" -append "$cmdline"
	${QEMU_EXTRA:-})
mkdir -p "$(dirname "$log")"
if [ "$mode" = shell ]; then
	"${qemu[@]}" -nographic
else
	timeout --foreground -k 10 "$tmo" "${qemu[@]}" -display none -monitor none \
		-serial stdio </dev/null | sed -u 's/\r$//' | tee "$log" |
		if [ "$mode" = bench ]; then cat >/dev/null; else cat; fi
fi
