/* The boot CPU's and every CPU's set-up: control registers, the system-call entry, the FPU
 * state of a new program, and the CPU's random-number instructions. */
#include <stdint.h>

#include "arch.h"
#include "lib/kstring.h"
#include "lib/printf.h"

void syscall_entry(void);

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
}

/* An FXSAVE image of the state after FNINIT: x87 control word 0x37f, MXCSR 0x1f80. */
void arch_fpu_init_state(uint8_t *fpu)
{
    memset(fpu, 0, 512);
    fpu[0] = 0x7f, fpu[1] = 0x03;
    fpu[24] = 0x80, fpu[25] = 0x1f;
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

