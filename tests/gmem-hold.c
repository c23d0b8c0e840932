// SPDX-License-Identifier: GPL-2.0
/*
 * gmem-hold: leave a guest_memfd page waiting to become private, for the
 * module unload test (tests/kvm-modules).  Needs kvm.gmem_in_place_conversion=1.
 *
 * A KVM_X86_SW_PROTECTED_VM gets a two-page guest_memfd (GUEST_MEMFD_FLAG_MMAP
 * | GUEST_MEMFD_FLAG_INIT_SHARED); the host writes both pages, vmsplice()s
 * page 0 into a pipe, and converts both to private with
 * KVM_SET_MEMORY_ATTRIBUTES2_DEFER: page 1 converts, page 0 waits for the
 * pipe's reference.
 *
 *   gmem-hold open    keeps every KVM file open while the page waits
 *   gmem-hold closed  closes them all (the pipe alone holds the page)
 *
 * Then it prints "gmem-hold: ready" and waits for SIGUSR1, reads the page
 * back out of the pipe (its contents must be the host's), and, with "open",
 * checks that the wait has ended: a plain conversion of the range succeeds.
 * Exit status 0 when all of it held, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE	4096UL

static void fail(const char *what)
{
	printf("gmem-hold: FAIL: %s: %s (errno %d)\n", what, strerror(errno), errno);
	exit(1);
}

static int set_private(int gmemfd, uint64_t flags, uint64_t *error_offset)
{
	struct kvm_memory_attributes2 attr = {
		.offset = 0,
		.size = 2 * PAGE,
		.attributes = KVM_MEMORY_ATTRIBUTE_PRIVATE,
		.flags = flags,
	};
	int r = ioctl(gmemfd, KVM_SET_MEMORY_ATTRIBUTES2, &attr);

	*error_offset = attr.error_offset;
	return r;
}

int main(int argc, char **argv)
{
	struct kvm_create_guest_memfd cg = {
		.size = 2 * PAGE,
		.flags = GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED,
	};
	static uint8_t buf[PAGE];
	int kvm, vmfd, gmemfd, pipefd[2], sig;
	uint64_t error_offset;
	struct iovec iov;
	uint8_t *mem;
	sigset_t set;
	bool closed;
	ssize_t n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 2 || (strcmp(argv[1], "open") && strcmp(argv[1], "closed"))) {
		fprintf(stderr, "usage: %s open|closed\n", argv[0]);
		return 2;
	}
	closed = !strcmp(argv[1], "closed");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		fail("open /dev/kvm");
	vmfd = ioctl(kvm, KVM_CREATE_VM, (unsigned long)KVM_X86_SW_PROTECTED_VM);
	if (vmfd < 0)
		fail("KVM_CREATE_VM(KVM_X86_SW_PROTECTED_VM)");
	gmemfd = ioctl(vmfd, KVM_CREATE_GUEST_MEMFD, &cg);
	if (gmemfd < 0)
		fail("KVM_CREATE_GUEST_MEMFD(MMAP | INIT_SHARED)");
	mem = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, gmemfd, 0);
	if (mem == MAP_FAILED)
		fail("mmap guest_memfd");
	memset(mem, 0xa5, PAGE);
	memset(mem + PAGE, 0x5a, PAGE);

	if (pipe(pipefd) < 0)
		fail("pipe");
	iov.iov_base = mem;
	iov.iov_len = PAGE;
	if (vmsplice(pipefd[1], &iov, 1, 0) != PAGE)
		fail("vmsplice page 0");

	if (set_private(gmemfd, KVM_SET_MEMORY_ATTRIBUTES2_DEFER, &error_offset) < 0)
		fail("KVM_SET_MEMORY_ATTRIBUTES2(private, DEFER)");
	if (error_offset != 0) {
		errno = 0;
		printf("gmem-hold: FAIL: first waiting offset 0x%llx, expected 0\n",
		       (unsigned long long)error_offset);
		return 1;
	}

	if (closed) {
		munmap(mem, 2 * PAGE);
		close(gmemfd);
		close(vmfd);
		close(kvm);
	}
	printf("gmem-hold: ready, %s\n", closed ?
	       "KVM files closed while page 0 waited, the pipe holds it" :
	       "page 0 waits, KVM files open");

	if (sigwait(&set, &sig))
		fail("sigwait");

	n = read(pipefd[0], buf, PAGE);
	if (n != PAGE)
		fail("read the page out of the pipe");
	for (n = 0; n < (ssize_t)PAGE; n++) {
		if (buf[n] != 0xa5) {
			printf("gmem-hold: FAIL: byte %zd of the held page is 0x%x, not 0xa5\n",
			       n, buf[n]);
			return 1;
		}
	}
	printf("gmem-hold: the held page kept the host's bytes\n");

	if (!closed) {
		if (set_private(gmemfd, 0, &error_offset) < 0)
			fail("KVM_SET_MEMORY_ATTRIBUTES2(private) after the release");
		printf("gmem-hold: the wait ended with the pipe's reference\n");
	}
	return 0;
}
