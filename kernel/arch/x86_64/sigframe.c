/* Signal frames, laid out as Linux x86_64 lays them out so that handlers written for Linux
 * (glibc's, musl's, newlib's) work: below the interrupted stack's red zone (or at the top of
 * the alternate stack), the FXSAVE image, then struct astra_rt_sigframe with the restorer as
 * return address. rt_sigreturn puts everything back. */
#include <astra/abi.h>

#include "layout.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "trap.h"
#include "x86.h"

#define FXSAVE_SIZE 512
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
    uint64_t fpstate = (sp - FXSAVE_SIZE) & ~63ULL;
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
    uint8_t fx[FXSAVE_SIZE] __attribute__((aligned(16)));
    __asm__ volatile("fxsave64 %0" : "=m"(fx));
    if (uvm_copy_out(mm, fpstate, fx, sizeof fx) || uvm_copy_out(mm, frame, &f, sizeof f))
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

/* MXCSR bits fxrstor accepts on this CPU (a reserved one would fault in the kernel). */
static uint32_t mxcsr_mask(void)
{
    uint8_t fx[FXSAVE_SIZE] __attribute__((aligned(16)));
    __asm__ volatile("fxsave64 %0" : "=m"(fx));
    uint32_t mask;
    memcpy(&mask, fx + 28, sizeof mask);
    return mask ? mask : 0xffbf;
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
    uint8_t fx[FXSAVE_SIZE] __attribute__((aligned(16)));
    if (uvm_copy_in(mm, &f, tf->rsp - 8, sizeof f) ||
        (f.uc.uc_mcontext.fpstate && uvm_copy_in(mm, fx, f.uc.uc_mcontext.fpstate, sizeof fx))) {
        kwarn("rt_sigreturn: the signal frame at 0x%lx cannot be read: the process ends\n", tf->rsp - 8);
        proc_exit_group(ASTRA_SIGSEGV);
    }
    t->sig_blocked = f.uc.uc_sigmask & ~SIG_UNBLOCKABLE;
    from_sigcontext(&f.uc.uc_mcontext, tf);
    if (f.uc.uc_mcontext.fpstate) {
        uint32_t mxcsr;
        memcpy(&mxcsr, fx + 24, sizeof mxcsr);
        mxcsr &= mxcsr_mask();
        memcpy(fx + 24, &mxcsr, sizeof mxcsr);
        __asm__ volatile("fxrstor64 %0" ::"m"(fx));
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
