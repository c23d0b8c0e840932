// SPDX-License-Identifier: GPL-2.0
/*
 * gmem-bench: host faults and in-place shared<->private conversions of a
 * mappable guest_memfd (GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED),
 * run by `make bench` on the patched kernel with kvm.gmem_in_place_conversion=1.  No vCPU: a KVM_X86_SW_PROTECTED_VM with one memslot that
 * is backed by the guest_memfd and whose userspace_addr is the guest_memfd's
 * own host mapping.
 *
 *  1. first-touch host faults (allocate + zero + map), one byte written per
 *     4 KiB page, on the guest_memfd and on a memfd of the same size;
 *  2. conversion round trip in 4 KiB steps: every page to private, one
 *     KVM_SET_MEMORY_ATTRIBUTES2 (on the guest_memfd) per page, then every
 *     page back to shared
 *     (the ioctls only; the range is re-touched from the host beforehand);
 *  3. the same in 2 MiB steps;
 *  4. the floor, in 4 KiB and 2 MiB steps: FALLOC_FL_PUNCH_HOLE per step
 *     over the whole range, then the host touches (refaults) it again;
 *  5. conversion / floor ratios.
 *
 * Every figure is one line "@@@ GMEM name value" on stdout.  Exit status:
 * 0 done, 1 failure, 2 usage, 4 KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES missing
 * (a kernel without the series, or with in-place conversion off).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#ifndef KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES
#error "needs the series' uapi headers (KVM_SET_MEMORY_ATTRIBUTES2)"
#endif

#define PAGE		4096UL
#define STEP_2M		(2UL << 20)
#define GPA		(4UL << 30)	/* the memslot at 4 GiB */
#define EAGAIN_TRIES	10		/* per ioctl */
#define EXIT_UNSUPPORTED 4

#define __noreturn	__attribute__((noreturn))
#define __printf(a, b)	__attribute__((format(printf, a, b)))

static int vmfd, gmemfd;
static uint8_t *gmem;
static size_t size, npages;
static long eagain_retries;

static void __noreturn __printf(1, 2) fail(const char *fmt, ...)
{
	va_list ap;

	printf("gmem-bench: FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(1);
}

static void __noreturn die(const char *what)
{
	fail("%s: %s (errno %d)", what, strerror(errno), errno);
}

static void on_sigbus(int sig)
{
	static const char msg[] =
		"gmem-bench: FAIL: SIGBUS: host access to a page that is not shared\n";

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	_exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Write one byte per page: faults in whatever is not mapped. */
static void touch(uint8_t *p)
{
	size_t i;

	for (i = 0; i < size; i += PAGE)
		((volatile uint8_t *)p)[i] = 1;
}

/* KVM_SET_MEMORY_ATTRIBUTES2 on [off, off + len) of the guest_memfd. */
static void set_attributes(uint64_t off, uint64_t len, uint64_t attributes)
{
	struct kvm_memory_attributes2 attr = {
		.offset = off,
		.size = len,
		.attributes = attributes,
	};
	int tries = 0;

	/* All or nothing: on EAGAIN (a transient reference), retry it all. */
	while (ioctl(gmemfd, KVM_SET_MEMORY_ATTRIBUTES2, &attr) < 0) {
		if (errno != EAGAIN || ++tries > EAGAIN_TRIES)
			fail("KVM_SET_MEMORY_ATTRIBUTES2(0x%llx, 0x%llx, %s): %s (errno %d)",
			     (unsigned long long)off, (unsigned long long)len,
			     attributes ? "private" : "shared",
			     strerror(errno), errno);
		eagain_retries++;
		usleep(1000);
	}
}

/* Round trip shared -> private -> shared in steps; returns us per page. */
static double convert(size_t step)
{
	double t0, t1;
	size_t off;

	touch(gmem);	/* all pages present and mapped; not counted */
	t0 = now();
	for (off = 0; off < size; off += step)
		set_attributes(off, step, KVM_MEMORY_ATTRIBUTE_PRIVATE);
	for (off = 0; off < size; off += step)
		set_attributes(off, step, 0);
	t1 = now();
	return (t1 - t0) * 1e6 / npages;
}

/* PUNCH_HOLE in steps, then refault everything; returns us per page. */
static double floor_run(size_t step)
{
	double t0, t1;
	size_t off;

	touch(gmem);	/* not counted */
	t0 = now();
	for (off = 0; off < size; off += step)
		if (fallocate(gmemfd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			      off, step) < 0)
			die("fallocate(PUNCH_HOLE) on the guest_memfd");
	touch(gmem);
	t1 = now();
	return (t1 - t0) * 1e6 / npages;
}

static void figure(const char *name, const char *fmt, double v)
{
	printf("@@@ GMEM %s ", name);
	printf(fmt, v);
	printf("\n");
}

int main(int argc, char **argv)
{
	struct kvm_userspace_memory_region2 region = {
		.slot = 0,
		.flags = KVM_MEM_GUEST_MEMFD,
		.guest_phys_addr = GPA,
	};
	struct kvm_create_guest_memfd cg = {
		.flags = GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED,
	};
	double t0, gmem_rate, memfd_rate, c4k, c2m, f4k, f2m;
	long mib = 128;
	char *end = "";
	uint8_t *mem;
	int kvm, memfd, r;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "-m"))
		mib = strtol(argv[2], &end, 0);
	if ((argc != 1 && argc != 3) || (argc == 3 && strcmp(argv[1], "-m")) ||
	    *end || mib < 2 || mib % 2) {
		fprintf(stderr, "usage: %s [-m MiB] (even, default 128)\n", argv[0]);
		return 2;
	}
	size = (size_t)mib << 20;
	npages = size / PAGE;
	signal(SIGBUS, on_sigbus);

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die("open /dev/kvm");
	if (ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES) <= 0) {
		printf("gmem-bench: KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES missing: not supported on this kernel\n");
		return EXIT_UNSUPPORTED;
	}
	r = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_VM_TYPES);
	if (r < 0 || !(r & (1 << KVM_X86_SW_PROTECTED_VM)))
		fail("KVM_X86_SW_PROTECTED_VM not supported (KVM_CAP_VM_TYPES 0x%x)", r);
	vmfd = ioctl(kvm, KVM_CREATE_VM, (unsigned long)KVM_X86_SW_PROTECTED_VM);
	if (vmfd < 0)
		die("KVM_CREATE_VM(KVM_X86_SW_PROTECTED_VM)");
	r = ioctl(vmfd, KVM_CHECK_EXTENSION, KVM_CAP_GUEST_MEMFD_FLAGS);
	if (r < 0 || !(r & GUEST_MEMFD_FLAG_INIT_SHARED))
		fail("GUEST_MEMFD_FLAG_INIT_SHARED not accepted (0x%x)", r);
	r = ioctl(vmfd, KVM_CHECK_EXTENSION, KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES);
	if (r < 0 || !(r & KVM_MEMORY_ATTRIBUTE_PRIVATE))
		fail("KVM_MEMORY_ATTRIBUTE_PRIVATE not supported (0x%x)", r);

	cg.size = size;
	gmemfd = ioctl(vmfd, KVM_CREATE_GUEST_MEMFD, &cg);
	if (gmemfd < 0)
		die("KVM_CREATE_GUEST_MEMFD(GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED)");
	gmem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, gmemfd, 0);
	if (gmem == MAP_FAILED)
		die("mmap guest_memfd");
	region.memory_size = size;
	region.userspace_addr = (uintptr_t)gmem;
	region.guest_memfd = gmemfd;
	region.guest_memfd_offset = 0;
	if (ioctl(vmfd, KVM_SET_USER_MEMORY_REGION2, &region) < 0)
		die("KVM_SET_USER_MEMORY_REGION2");
	printf("gmem-bench: %ld MiB, %zu pages of %lu bytes\n", mib, npages, PAGE);

	/* 1. first-touch host faults: guest_memfd, then a memfd */
	t0 = now();
	touch(gmem);
	gmem_rate = npages / (now() - t0);

	memfd = memfd_create("gmem-bench", MFD_CLOEXEC);
	if (memfd < 0)
		die("memfd_create");
	if (ftruncate(memfd, size) < 0)
		die("ftruncate memfd");
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
	if (mem == MAP_FAILED)
		die("mmap memfd");
	t0 = now();
	touch(mem);
	memfd_rate = npages / (now() - t0);
	munmap(mem, size);
	close(memfd);

	/* 2.-4. */
	c4k = convert(PAGE);
	c2m = convert(STEP_2M);
	f4k = floor_run(PAGE);
	f2m = floor_run(STEP_2M);

	figure("fault_gmem_pages_per_s", "%.0f", gmem_rate);
	figure("fault_memfd_pages_per_s", "%.0f", memfd_rate);
	figure("fault_ratio_gmem_memfd", "%.2f", gmem_rate / memfd_rate);
	figure("convert_4k_pages_per_s", "%.0f", 1e6 / c4k);
	figure("convert_4k_us_per_page", "%.2f", c4k);
	figure("convert_2m_pages_per_s", "%.0f", 1e6 / c2m);
	figure("convert_2m_us_per_page", "%.3f", c2m);
	figure("floor_4k_us_per_page", "%.2f", f4k);
	figure("floor_2m_us_per_page", "%.3f", f2m);
	figure("ratio_4k", "%.2f", c4k / f4k);
	figure("ratio_2m", "%.2f", c2m / f2m);
	figure("eagain_retries", "%.0f", eagain_retries);

	munmap(gmem, size);
	close(gmemfd);
	close(vmfd);
	close(kvm);
	return 0;
}
