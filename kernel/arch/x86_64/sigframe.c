/* Signal frames, laid out as Linux x86_64 lays them out so that handlers written for Linux
 * (glibc's, musl's, newlib's) work: below the interrupted stack's red zone (or at the top of
 * the alternate stack), the FPU state (64-byte aligned), then struct astra_rt_sigframe with
 * the restorer as return address. With XSAVE the state is an XSAVE image whose FXSAVE part's
 * software bytes (464..511) hold Linux's struct _fpx_sw_bytes, followed by FP_XSTATE_MAGIC2;
 * without, an FXSAVE image. rt_sigreturn puts everything back, trusting nothing in it. */
#include <astra/abi.h>

#include "fpu.h"
#include "layout.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "trap.h"
#include "x86.h"

#define FXSAVE_SIZE 512
#define SW_BYTES 464 /* struct _fpx_sw_bytes in the FXSAVE image */
#define FP_XSTATE_MAGIC1 0x46505853U
#define FP_XSTATE_MAGIC2 0x46505845U
#define XSAVE_MIN_SIZE (XSAVE_HEADER + 64)

struct fpx_sw_bytes {
    uint32_t magic1;        /* FP_XSTATE_MAGIC1 when the image is an XSAVE image */
    uint32_t extended_size; /* the image and FP_XSTATE_MAGIC2 */
    uint64_t xfeatures;     /* the features in it */
    uint32_t xstate_size;   /* the image without FP_XSTATE_MAGIC2 */
    uint32_t padding[7];
};
_Static_assert(sizeof(struct fpx_sw_bytes) == FXSAVE_SIZE - SW_BYTES, "Linux's _fpx_sw_bytes");
#define RED_ZONE 128
/* The flags rt_sigreturn takes from the frame (Linux's FIX_EFLAGS); IF stays on. */
#define USER_FLAGS 0x50dd5UL /* AC OF DF TF SF ZF AF PF CF RF */
#define RFLAGS_TF_DF_RF ((1UL << 8) | (1UL << 10) | (1UL << 16))

static int on_altstack(const struct thread *t, uint64_t sp)
{
    return !(t->altstack.ss_flags & ASTRA_SS_DISABLE) && sp > t->altstack.ss_sp &&
           sp - t->altstack.ss_sp <= t->altstack.ss_size;
}

static void to_sigcontext(const struct trapframe *tf, struct astra_sigcontext *sc)
{
    sc->r8 = tf->r8, sc->r9 = tf->r9, sc->r10 = tf->r10, sc->r11 = tf->r11;
    sc->r12 = tf->r12, sc->r13 = tf->r13, sc->r14 = tf->r14, sc->r15 = tf->r15;
    sc->rdi = tf->rdi, sc->rsi = tf->rsi, sc->rbp = tf->rbp, sc->rbx = tf->rbx;
    sc->rdx = tf->rdx, sc->rax = tf->rax, sc->rcx = tf->rcx, sc->rsp = tf->rsp;
    sc->rip = tf->rip, sc->eflags = tf->rflags;
    sc->cs = (uint16_t)tf->cs, sc->ss = (uint16_t)tf->ss;
}

static void from_sigcontext(const struct astra_sigcontext *sc, struct trapframe *tf)
{
    tf->r8 = sc->r8, tf->r9 = sc->r9, tf->r10 = sc->r10, tf->r11 = sc->r11;
    tf->r12 = sc->r12, tf->r13 = sc->r13, tf->r14 = sc->r14, tf->r15 = sc->r15;
    tf->rdi = sc->rdi, tf->rsi = sc->rsi, tf->rbp = sc->rbp, tf->rbx = sc->rbx;
    tf->rdx = sc->rdx, tf->rax = sc->rax, tf->rcx = sc->rcx, tf->rsp = sc->rsp;
    tf->rip = sc->rip;
    tf->rflags = (tf->rflags & ~USER_FLAGS) | (sc->eflags & USER_FLAGS) | RFLAGS_IF;
    tf->cs = GDT_USER_CODE, tf->ss = GDT_USER_DATA; /* whatever the frame says */
}

int sigframe_setup(struct thread *t, struct trapframe *tf, int sig, const struct astra_sigaction *a,
                   const struct astra_siginfo *info, uint64_t saved_mask)
{
    struct mm *mm = t->proc->mm;
    if (!(a->flags & ASTRA_SA_RESTORER))
        return -ASTRA_EFAULT; /* as Linux x86_64: nothing to return through */
    int was_on_alt = on_altstack(t, tf->rsp);
    uint64_t sp = tf->rsp - RED_ZONE;
    if ((a->flags & ASTRA_SA_ONSTACK) && !(t->altstack.ss_flags & ASTRA_SS_DISABLE) && !was_on_alt)
        sp = t->altstack.ss_sp + t->altstack.ss_size;
    uint32_t fp_size = fpu_xcr0 ? fpu_size + sizeof(uint32_t) : FXSAVE_SIZE;
    uint64_t fpstate = (sp - fp_size) & ~63ULL;
    uint64_t frame = ((fpstate - sizeof(struct astra_rt_sigframe)) & ~15ULL) - 8;
    if (was_on_alt && !on_altstack(t, frame))
        return -ASTRA_EFAULT; /* the alternate stack overflowed */

    struct astra_rt_sigframe f;
    memset(&f, 0, sizeof f);
    f.pretcode = a->restorer;
    f.uc.uc_flags = ASTRA_UC_SIGCONTEXT_SS | ASTRA_UC_STRICT_RESTORE_SS;
    f.uc.uc_stack = t->altstack;
    if (was_on_alt)
        f.uc.uc_stack.ss_flags = ASTRA_SS_ONSTACK;
    to_sigcontext(tf, &f.uc.uc_mcontext);
    f.uc.uc_mcontext.err = t->fault_err;
    f.uc.uc_mcontext.trapno = t->fault_trapno;
    f.uc.uc_mcontext.cr2 = t->fault_addr;
    f.uc.uc_mcontext.oldmask = saved_mask;
    f.uc.uc_mcontext.fpstate = fpstate;
    f.uc.uc_sigmask = saved_mask;
    f.info = *info;
    /* The thread's registers are live; its FPU buffer is free until it is switched out. */
    uint8_t *img = t->fpu;
    uint32_t magic2 = FP_XSTATE_MAGIC2;
    if (fpu_xcr0) {
        /* XSAVE, not XSAVEOPT: every feature's bytes are written, in use or not. */
        __asm__ volatile("xsave64 %0" : "+m"(*(uint8_t(*)[ARCH_FPU_STATE_MAX])img)
                         : "a"((uint32_t)fpu_xcr0), "d"((uint32_t)(fpu_xcr0 >> 32)));
        img[XSAVE_HEADER] |= XFEATURE_X87 | XFEATURE_SSE; /* as Linux: a handler may edit them */
        struct fpx_sw_bytes sw = { .magic1 = FP_XSTATE_MAGIC1, .extended_size = fp_size,
                                   .xfeatures = fpu_xcr0, .xstate_size = fpu_size };
        memcpy(img + SW_BYTES, &sw, sizeof sw);
        f.uc.uc_flags |= ASTRA_UC_FP_XSTATE;
    } else {
        __asm__ volatile("fxsave64 %0" : "=m"(*(uint8_t(*)[FXSAVE_SIZE])img));
    }
    if (uvm_copy_out(mm, fpstate, img, fpu_xcr0 ? fpu_size : FXSAVE_SIZE) ||
        (fpu_xcr0 && uvm_copy_out(mm, fpstate + fpu_size, &magic2, sizeof magic2)) ||
        uvm_copy_out(mm, frame, &f, sizeof f))
        return -ASTRA_EFAULT;

    tf->rdi = (uint64_t)sig;
    tf->rsi = frame + offsetof(struct astra_rt_sigframe, info);
    tf->rdx = frame + offsetof(struct astra_rt_sigframe, uc);
    tf->rax = 0;
    tf->rip = a->handler;
    tf->rsp = frame;
    tf->rflags &= ~RFLAGS_TF_DF_RF;
    thread_fpu_reset(t); /* a handler starts with a clean FPU, as on Linux */
    return 0;
}

uint64_t sigframe_max_size(void)
{
    uint32_t fp_size = fpu_xcr0 ? fpu_size + sizeof(uint32_t) : FXSAVE_SIZE;
    return fp_size + 64 + sizeof(struct astra_rt_sigframe) + 16;
}

/* Reads the FPU state of a signal frame at fpstate into img so that restoring it cannot
 * fault: 0, or -1 when user memory cannot be read or the state is one the CPU would refuse,
 * which Linux answers with SIGSEGV (a reserved MXCSR bit, an XSAVE header with a feature not
 * enabled or a nonzero XCOMP_BV). As Linux, an image whose software bytes or trailing magic
 * do not check out counts as an FXSAVE image (x87 and SSE from it, the rest initial), and
 * features the software bytes leave out, or that lie past its size, start initial. */
static int fpstate_from_user(struct mm *mm, uint64_t fpstate, uint8_t *img)
{
    if (uvm_copy_in(mm, img, fpstate, FXSAVE_SIZE))
        return -1;
    uint32_t mxcsr;
    memcpy(&mxcsr, img + 24, sizeof mxcsr);
    if (mxcsr & ~fpu_mxcsr_mask)
        return -1;
    if (!fpu_xcr0)
        return 0;
    struct fpx_sw_bytes sw;
    memcpy(&sw, img + SW_BYTES, sizeof sw);
    uint64_t header[8] = { XFEATURE_X87 | XFEATURE_SSE };
    if (sw.magic1 == FP_XSTATE_MAGIC1 && sw.xstate_size >= XSAVE_MIN_SIZE && sw.xstate_size <= fpu_size &&
        sw.xstate_size <= sw.extended_size) {
        uint32_t magic2;
        if (uvm_copy_in(mm, img + FXSAVE_SIZE, fpstate + FXSAVE_SIZE, sw.xstate_size - FXSAVE_SIZE) ||
            uvm_copy_in(mm, &magic2, fpstate + sw.xstate_size, sizeof magic2))
            return -1;
        if (magic2 == FP_XSTATE_MAGIC2) {
            memcpy(header, img + XSAVE_HEADER, 24);
            if ((header[0] & ~fpu_xcr0) || header[1] || header[2])
                return -1;
            header[0] &= sw.xfeatures & fpu_features_within(sw.xstate_size);
        }
    }
    memcpy(img + XSAVE_HEADER, header, sizeof header);
    return 0;
}

/* Returns from a handler: registers, mask and FPU state from the frame below the stack
 * pointer (the handler's return popped pretcode). Leaves through iretq, since the frame may
 * hold any rcx and r11 (sysret would lose them). A bad frame ends the process with SIGSEGV. */
long ksys_rt_sigreturn(void)
{
    struct thread *t = current_thread();
    struct trapframe *tf = t->tf;
    struct mm *mm = t->proc->mm;
    struct astra_rt_sigframe f;
    if (uvm_copy_in(mm, &f, tf->rsp - 8, sizeof f) ||
        (f.uc.uc_mcontext.fpstate && fpstate_from_user(mm, f.uc.uc_mcontext.fpstate, t->fpu))) {
        kwarn("rt_sigreturn: the signal frame at 0x%lx cannot be read or is bad: the process ends\n", tf->rsp - 8);
        proc_exit_group(ASTRA_SIGSEGV);
    }
    t->sig_blocked = f.uc.uc_sigmask & ~SIG_UNBLOCKABLE;
    from_sigcontext(&f.uc.uc_mcontext, tf);
    if (f.uc.uc_mcontext.fpstate) {
        arch_fpu_restore(t->fpu);
    } else {
        thread_fpu_reset(t);
    }
    if (tf->rip >= USER_TOP) {
        kwarn("rt_sigreturn to non-canonical address 0x%lx: the process ends\n", tf->rip);
        proc_exit_group(ASTRA_SIGSEGV);
    }
    signal_deliver(tf, -1);
    trap_return(tf);
}
