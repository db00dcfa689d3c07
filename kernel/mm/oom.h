/* The out-of-memory killer, as Linux's: when no frame is left for a page a user program
 * needs (a page fault, or a system call's copy to or from user memory), the process with the
 * largest resident set ends by SIGKILL, and its pages come back at once (the OOM reaper). */
#ifndef ASTRA_KERNEL_OOM_H
#define ASTRA_KERNEL_OOM_H

/* Chooses and kills a victim for the calling thread, which found no frame left: the process
 * with the most resident pages and page tables (struct uvm_usage), never pid 1 unless it is
 * the only candidate, never one already ending, and never a vfork child (its memory is its
 * parent's). Every process sharing the victim's address space ends with it; unless one of
 * them is pid 1 or the caller, the address space's pages are freed at once. The console
 * says which process ended and what came back. 1 when memory may have come back (the caller
 * tries again), 0 when the calling process is ending (it was the choice, or was already
 * ending): the caller gives up, and the thread ends on its way back to user mode. */
int oom_kill(void);

#endif
