/* The extended CPU state the kernel enabled (cpu.c), for switches and signal frames. */
#ifndef ASTRA_KERNEL_FPU_H
#define ASTRA_KERNEL_FPU_H

#include <stdint.h>

#define XFEATURE_X87 0x1ULL
#define XFEATURE_SSE 0x2ULL
#define XFEATURE_AVX 0x4ULL
#define XFEATURE_AVX512 0xe0ULL /* opmask, ZMM_Hi256, Hi16_ZMM */
#define XSAVE_HEADER 512        /* XSTATE_BV, XCOMP_BV, reserved: 64 bytes */

/* fpu_xcr0: the features in XCR0, 0 on a CPU without XSAVE (FXSAVE then); fpu_size: the
 * bytes of an image (CPUID 0xD's EBX for fpu_xcr0, or 512); fpu_mxcsr_mask: the MXCSR bits
 * the CPU accepts. Set by fpu_init on the boot CPU, read-only after. */
extern uint64_t fpu_xcr0;
extern uint32_t fpu_size;
extern uint32_t fpu_mxcsr_mask;

/* The features of fpu_xcr0 whose state lies wholly within the first size bytes of an image. */
uint64_t fpu_features_within(uint32_t size);
/* Enables the chosen features on the calling CPU (CR4.OSXSAVE, XCR0); the other CPUs call it
 * as they start (smp.c). */
void fpu_cpu_enable(void);

#endif
