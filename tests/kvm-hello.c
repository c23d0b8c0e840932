// SPDX-License-Identifier: GPL-2.0
/*
 * kvm-hello: a minimal KVM "virtual machine monitor" used by `make run`
 * to smoke-test the patched kernel's KVM (kvm_amd) inside the test guest.
 *
 * It creates a VM with 2 MiB of memory, runs a few bytes of hand-assembled
 * 16-bit real mode code that prints a string via port 0xE9, checksums a
 * page filled in by the host (reported via port 0xEA), writes 0xBEEF to
 * guest physical 0x20000 and halts.  The host then cross-checks both
 * directions of memory sharing.  "-n N" repeats the whole thing N times.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define MEM_SIZE	0x200000UL	/* 2 MiB of guest memory at GPA 0 */
#define CODE_GPA	0x1000UL	/* guest code (and string) */
#define DATA_GPA	0x10000UL	/* page filled by the host */
#define DATA_SIZE	0x1000UL
#define RESULT_GPA	0x20000UL	/* guest writes 0xBEEF here */
#define PORT_CHAR	0xe9
#define PORT_SUM	0xea
#define MAX_EXITS	100000

#define __noreturn	__attribute__((noreturn))
#define __printf(a, b)	__attribute__((format(printf, a, b)))

static long iter, iters = 1;	/* current run, number of runs (-n) */
static const char guest_msg[] = "Hello from a KVM guest\n";

/* 16-bit real mode code, loaded at 0000:1000, guest_msg follows at 0x1038 */
static const uint8_t guest_code[] = {
	0x31, 0xc0,		/* 0x00: xor ax, ax			*/
	0x8e, 0xd8,		/* 0x02: mov ds, ax			*/
	0xbe, 0x38, 0x10,	/* 0x04: mov si, 0x1038 (guest_msg)	*/
	0xba, 0xe9, 0x00,	/* 0x07: mov dx, 0xe9			*/
	0xfc,			/* 0x0a: cld				*/
	0xac,			/* 0x0b: 1: lodsb			*/
	0x84, 0xc0,		/* 0x0c: test al, al			*/
	0x74, 0x03,		/* 0x0e: jz 2f (0x13)			*/
	0xee,			/* 0x10: out dx, al			*/
	0xeb, 0xf8,		/* 0x11: jmp 1b (0x0b)			*/
	0xb8, 0x00, 0x10,	/* 0x13: 2: mov ax, 0x1000		*/
	0x8e, 0xd8,		/* 0x16: mov ds, ax			*/
	0x31, 0xf6,		/* 0x18: xor si, si			*/
	0x31, 0xdb,		/* 0x1a: xor bx, bx			*/
	0xb9, 0x00, 0x08,	/* 0x1c: mov cx, 2048 (words)		*/
	0xad,			/* 0x1f: 3: lodsw			*/
	0x01, 0xc3,		/* 0x20: add bx, ax			*/
	0xe2, 0xfb,		/* 0x22: loop 3b (0x1f)			*/
	0x89, 0xd8,		/* 0x24: mov ax, bx			*/
	0xba, 0xea, 0x00,	/* 0x26: mov dx, 0xea			*/
	0xef,			/* 0x29: out dx, ax			*/
	0xb8, 0x00, 0x20,	/* 0x2a: mov ax, 0x2000			*/
	0x8e, 0xd8,		/* 0x2d: mov ds, ax			*/
	0xc7, 0x06, 0x00, 0x00,	/* 0x2f: mov word [0x0000], 0xbeef	*/
	0xef, 0xbe,
	0xf4,			/* 0x35: 4: hlt				*/
	0xeb, 0xfd,		/* 0x36: jmp 4b (0x35)			*/
};

_Static_assert(sizeof(guest_code) == 0x38, "guest_msg offset in mov si");

static void __noreturn __printf(1, 2) fail(const char *fmt, ...)
{
	va_list ap;

	printf("kvm-hello: FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (iters > 1)
		printf(" (run %ld of %ld)", iter + 1, iters);
	printf("\n");
	exit(1);
}

/* perror-style failure for syscalls/ioctls */
static void __noreturn die(const char *what)
{
	fail("%s: %s (errno %d)", what, strerror(errno), errno);
}

/* Create a VM, run the guest to hlt, check results; returns # of exits. */
static int run_once(int kvm, int verbose)
{
	struct kvm_userspace_memory_region region = {
		.slot = 0,
		.guest_phys_addr = 0,
		.memory_size = MEM_SIZE,
	};
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	struct kvm_run *run;
	uint8_t *mem, *data;
	int vmfd, vcpufd, mmap_size, got_sum = 0, exits = 0, i;
	uint16_t w, host_sum = 0, guest_sum = 0;
	char said[128];
	size_t said_len = 0, line = 0;
	uint32_t n;

	vmfd = ioctl(kvm, KVM_CREATE_VM, 0UL);
	if (vmfd < 0)
		die("KVM_CREATE_VM");
	mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		die("mmap guest memory");

	memcpy(mem + CODE_GPA, guest_code, sizeof(guest_code));
	memcpy(mem + CODE_GPA + sizeof(guest_code), guest_msg,
	       sizeof(guest_msg));
	for (i = 0; i < (int)(DATA_SIZE / 2); i++) {
		w = (uint16_t)(i * 0x9e37 + 0x1234);
		memcpy(mem + DATA_GPA + 2 * i, &w, 2);
		host_sum += w;		/* 16-bit wraparound, like the guest */
	}

	region.userspace_addr = (uintptr_t)mem;
	if (ioctl(vmfd, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		die("KVM_SET_USER_MEMORY_REGION");
	vcpufd = ioctl(vmfd, KVM_CREATE_VCPU, 0UL);
	if (vcpufd < 0)
		die("KVM_CREATE_VCPU");
	mmap_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, NULL);
	if (mmap_size < 0)
		die("KVM_GET_VCPU_MMAP_SIZE");
	if ((size_t)mmap_size < sizeof(*run))
		fail("kvm_run mmap size %d too small", mmap_size);
	run = mmap(NULL, mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		   vcpufd, 0);
	if (run == MAP_FAILED)
		die("mmap kvm_run");

	/* Real mode: start at 0000:1000, other segments stay KVM defaults. */
	if (ioctl(vcpufd, KVM_GET_SREGS, &sregs) < 0)
		die("KVM_GET_SREGS");
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(vcpufd, KVM_SET_SREGS, &sregs) < 0)
		die("KVM_SET_SREGS");
	memset(&regs, 0, sizeof(regs));
	regs.rip = CODE_GPA;
	regs.rflags = 0x2;
	if (ioctl(vcpufd, KVM_SET_REGS, &regs) < 0)
		die("KVM_SET_REGS");

	for (;;) {
		if (++exits > MAX_EXITS)
			fail("more than %d exits without hlt", MAX_EXITS);
		if (ioctl(vcpufd, KVM_RUN, NULL) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die("KVM_RUN");
		}
		if (run->exit_reason == KVM_EXIT_HLT)
			break;
		if (run->exit_reason == KVM_EXIT_FAIL_ENTRY)
			fail("KVM_EXIT_FAIL_ENTRY, hardware reason 0x%llx",
			     (unsigned long long)run->fail_entry.hardware_entry_failure_reason);
		if (run->exit_reason == KVM_EXIT_INTERNAL_ERROR)
			fail("KVM_EXIT_INTERNAL_ERROR, suberror %u",
			     run->internal.suberror);
		if (run->exit_reason != KVM_EXIT_IO ||
		    run->io.direction != KVM_EXIT_IO_OUT)
			fail("unexpected exit reason %u", run->exit_reason);

		data = (uint8_t *)run + run->io.data_offset;
		for (n = 0; n < run->io.count; n++, data += run->io.size) {
			if (run->io.port == PORT_CHAR && run->io.size == 1) {
				if (said_len < sizeof(said) - 1)
					said[said_len++] = *data;
				if (*data != '\n' || !verbose)
					continue;
				/* echo guest output line by line */
				printf("kvm-hello: guest said: %.*s",
				       (int)(said_len - line), said + line);
				line = said_len;
			} else if (run->io.port == PORT_SUM &&
				   run->io.size == 2) {
				memcpy(&guest_sum, data, 2);
				got_sum = 1;
			} else {
				fail("unexpected out to port 0x%x, size %u",
				     run->io.port, run->io.size);
			}
		}
	}

	said[said_len] = '\0';
	if (strcmp(said, guest_msg))
		fail("unexpected guest output (%zu bytes): %s", said_len, said);
	if (!got_sum)
		fail("guest did not report a checksum on port 0x%x", PORT_SUM);
	if (guest_sum != host_sum)
		fail("guest checksum 0x%04x != host checksum 0x%04x",
		     guest_sum, host_sum);
	memcpy(&w, mem + RESULT_GPA, 2);
	if (w != 0xbeef)
		fail("host read 0x%04x at guest physical 0x%lx, expected 0xbeef",
		     w, RESULT_GPA);
	if (verbose) {
		printf("kvm-hello: guest read host memory: checksum 0x%04x matches\n",
		       guest_sum);
		printf("kvm-hello: host read guest memory: 0x%04x\n", w);
	}

	munmap(run, mmap_size);
	close(vcpufd);
	munmap(mem, MEM_SIZE);
	close(vmfd);
	return exits;
}

int main(int argc, char **argv)
{
	long exits = 0;
	char *end = "";
	int kvm, api;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "-n"))
		iters = strtol(argv[2], &end, 0);
	if ((argc != 1 && argc != 3) || (argc == 3 && strcmp(argv[1], "-n")) ||
	    *end || iters < 1) {
		fprintf(stderr, "usage: %s [-n N]\n", argv[0]);
		return 2;
	}

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die("open /dev/kvm");
	api = ioctl(kvm, KVM_GET_API_VERSION, NULL);
	if (api < 0)
		die("KVM_GET_API_VERSION");
	if (api != 12)
		fail("KVM API version %d, expected 12", api);

	for (iter = 0; iter < iters; iter++)
		exits += run_once(kvm, iter == iters - 1);
	close(kvm);

	if (iters > 1)
		printf("kvm-hello: PASS (%ld runs, %ld exits)\n", iters, exits);
	else
		printf("kvm-hello: PASS (%ld exits)\n", exits);
	return 0;
}
