# Front door of the KVM series workspace. See README.md.
S := scripts

.PHONY: help deps tree export export-check kernel selftests initramfs check \
	run shell mbox check-series bench debian-patches quilt-check clean

help:
	@echo "make run           build, boot the patched kernel in QEMU, run a KVM guest"
	@echo "make check         all tests: checkpatch, build, sparse/W=1, KUnit, selftests"
	@echo "make tree          unpack the base into work/linux and apply patches/"
	@echo "make export        write work/linux's commits into patches/"
	@echo "make export-check  fail if patches/ and work/linux disagree"
	@echo "make bench         fault-path benchmarks, base vs patched kernel, with ratios"
	@echo "make debian-patches  patches/ with DEP-3 headers, as debian/patches files"
	@echo "make quilt-check   quilt push -a of those onto a fresh base: identical?"
	@echo "make kernel | selftests | shell | mbox | check-series"

deps:
	@$(S)/deps.sh
tree:
	@$(S)/tree.sh
export: tree
	@$(S)/export.sh
export-check: tree
	@$(S)/export-check.sh
kernel: tree
	@$(S)/build-kernel.sh
selftests: tree
	@$(S)/build-selftests.sh
initramfs: kernel selftests
	@$(S)/build-initramfs.sh
check:
	@$(S)/check.sh
run: initramfs
	@$(S)/run.sh
shell: initramfs
	@$(S)/boot.sh shell /dev/null 0
mbox: tree
	@$(S)/mbox.sh
check-series: tree
	@$(S)/check-series.sh
bench: tree
	@$(S)/bench.sh
debian-patches:
	@$(S)/debian-patches.sh
quilt-check: tree
	@$(S)/quilt-check.sh
clean:
	rm -rf build results
