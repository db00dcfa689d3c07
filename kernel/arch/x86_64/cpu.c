/* The boot CPU's and every CPU's set-up: control registers, the system-call entry, the
 * extended state (XSAVE) and the FPU state of a new program, and the CPU's random-number
 * instructions. */
#include <stdint.h>

#include "arch.h"
#include "emulated.h"
#include "fpu.h"
#include "lib/kstring.h"
#include "lib/printf.h"

void syscall_entry(void);

uint64_t fpu_xcr0;
uint32_t fpu_size = 512;
uint32_t fpu_mxcsr_mask = 0xffbf;
static int have_xsaveopt;
static uint32_t feature_end[8]; /* by feature bit: where its state ends in an image */

/* Chooses the features to enable from CPUID: x87 and SSE always, AVX, and AVX-512 with AVX.
 * None when kernel mode is emulated (emulated.c): that emulator has FXSAVE but no XSAVE. */
static void fpu_init(void)
{
    uint32_t r[4];
    uint8_t fx[512] __attribute__((aligned(16)));
    __asm__ volatile("fxsave64 %0" : "=m"(fx));
    memcpy(&fpu_mxcsr_mask, fx + 28, sizeof fpu_mxcsr_mask);
    if (!fpu_mxcsr_mask)
        fpu_mxcsr_mask = 0xffbf;
    cpuid(0, 0, r);
    uint32_t max_leaf = r[0];
    cpuid(1, 0, r);
    if (max_leaf < 0xd || !((r[2] >> 26) & 1) || kernel_emulated)
        return; /* no XSAVE (or an emulator without it): FXSAVE images */
    int avx = (r[2] >> 28) & 1;
    cpuid(0xd, 0, r);
    uint64_t supported = r[0] | (uint64_t)r[3] << 32;
    uint64_t want = XFEATURE_X87 | XFEATURE_SSE;
    if (avx && (supported & XFEATURE_AVX)) {
        want |= XFEATURE_AVX;
        if ((supported & XFEATURE_AVX512) == XFEATURE_AVX512)
            want |= XFEATURE_AVX512;
    }
    cpuid(0xd, 1, r);
    have_xsaveopt = r[0] & 1;
    feature_end[0] = 160, feature_end[1] = 416;
    for (int i = 2; i < 8; i++)
        if (want & (1ULL << i)) {
            cpuid(0xd, (uint32_t)i, r);
            feature_end[i] = r[1] + r[0]; /* offset + size */
        }
    fpu_xcr0 = want;
    fpu_cpu_enable();
    cpuid(0xd, 0, r);
    fpu_size = r[1];
    if (fpu_size > ARCH_FPU_STATE_MAX)
        panic("fpu_init: an XSAVE image of %u bytes does not fit", fpu_size);
}

void fpu_cpu_enable(void)
{
    if (!fpu_xcr0)
        return;
    write_cr4(read_cr4() | CR4_OSXSAVE);
    xsetbv(0, fpu_xcr0);
}

uint64_t fpu_features_within(uint32_t size)
{
    uint64_t in = 0;
    for (int i = 0; i < 8; i++)
        if ((fpu_xcr0 & (1ULL << i)) && feature_end[i] <= size)
            in |= 1ULL << i;
    return in;
}

size_t arch_fpu_state_size(void) { return fpu_size; }

void arch_fpu_save(uint8_t *state)
{
    uint32_t lo = (uint32_t)fpu_xcr0, hi = (uint32_t)(fpu_xcr0 >> 32);
    if (have_xsaveopt)
        __asm__ volatile("xsaveopt64 %0" : "+m"(*(uint8_t(*)[ARCH_FPU_STATE_MAX])state) : "a"(lo), "d"(hi));
    else if (fpu_xcr0)
        __asm__ volatile("xsave64 %0" : "+m"(*(uint8_t(*)[ARCH_FPU_STATE_MAX])state) : "a"(lo), "d"(hi));
    else
        __asm__ volatile("fxsave64 %0" : "=m"(*(uint8_t(*)[512])state));
}

void arch_fpu_restore(const uint8_t *state)
{
    uint32_t lo = (uint32_t)fpu_xcr0, hi = (uint32_t)(fpu_xcr0 >> 32);
    if (fpu_xcr0)
        __asm__ volatile("xrstor64 %0" ::"m"(*(const uint8_t(*)[ARCH_FPU_STATE_MAX])state), "a"(lo), "d"(hi));
    else
        __asm__ volatile("fxrstor64 %0" ::"m"(*(const uint8_t(*)[512])state));
}

void arch_cpu_init(void)
{
    uint32_t r[4];
    cpuid(7, 0, r);
    uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
    int smep = (r[1] >> 7) & 1, smap = (r[1] >> 20) & 1;
    if (smep)
        cr4 |= CR4_SMEP;
    if (smap)
        cr4 |= CR4_SMAP;
    write_cr4(cr4);
    write_cr0((read_cr0() & ~(uint64_t)CR0_EM) | CR0_MP | CR0_WP);
    kprintf("astra: NX %s, SMEP %s, SMAP %s\n", vm_nx_enabled ? "on" : "absent", smep ? "on" : "absent",
            smap ? "on" : "absent");

    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    wrmsr(MSR_STAR, ((uint64_t)(GDT_USER_DATA - 8 - 3) << 48) | ((uint64_t)GDT_KERNEL_CODE << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    wrmsr(MSR_FMASK, RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_AC);
    emulated_detect();
    fpu_init();
    kprintf("astra: FPU state %s, XCR0 0x%lx, %u bytes\n", !fpu_xcr0 ? "FXSAVE" : have_xsaveopt ? "XSAVEOPT" : "XSAVE",
            fpu_xcr0, fpu_size);
}

/* The state after FNINIT: x87 control word 0x37f, MXCSR 0x1f80; with XSAVE, x87 and SSE
 * marked as given (XSTATE_BV), the rest in its initial state. */
void arch_fpu_init_state(uint8_t *fpu)
{
    memset(fpu, 0, fpu_size);
    fpu[0] = 0x7f, fpu[1] = 0x03;
    fpu[24] = 0x80, fpu[25] = 0x1f;
    if (fpu_xcr0)
        fpu[XSAVE_HEADER] = XFEATURE_X87 | XFEATURE_SSE;
}

static int have_rdrand, have_rdseed;

int arch_random_init(void)
{
    uint32_t r[4];
    cpuid(1, 0, r);
    have_rdrand = (r[2] >> 30) & 1;
    cpuid(7, 0, r);
    have_rdseed = (r[1] >> 18) & 1;
    return have_rdrand || have_rdseed;
}

int arch_random_u64(uint64_t *v)
{
    for (int tries = 0; tries < 16; tries++) {
        unsigned char ok;
        if (have_rdseed)
            __asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
        else if (have_rdrand)
            __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
        else
            return 0;
        if (ok)
            return 1;
    }
    return 0;
}

