#include "lapic.h"
#include "layout.h"
#include "percpu.h"
#include "tlb.h"
#include "vm.h"
#include "x86.h"

/* Beyond this many pages a whole flush is cheaper than invlpg page by page. */
#define INVLPG_MAX 32
#define CR4_PGE (1u << 7)

static struct {
    uint64_t start, end;
    int global;
    uint64_t forget_cr3; /* nonzero: a tlb_forget of this address space, not a flush */
    volatile int remaining;
} request;

static void flush(uint64_t start, uint64_t end, int global)
{
    if ((end - start) / PAGE_SIZE <= INVLPG_MAX) {
        for (uint64_t a = start; a < end; a += PAGE_SIZE)
            invlpg(a);
    } else if (global && (read_cr4() & CR4_PGE)) {
        uint64_t cr4 = read_cr4();
        write_cr4(cr4 & ~(uint64_t)CR4_PGE); /* drops global entries too */
        write_cr4(cr4);
    } else {
        write_cr3(read_cr3()); /* without CR4.PGE, no entry is global: this drops them all */
    }
}

/* Whether CPU c must answer a request for cr3 (all CPUs, if global) now. An idle CPU that
 * merely kept a user address space loaded (lazy TLB) is passed by for a flush, as Linux does:
 * it touches no user address while idle, and it leaves the idle loop only through the BKL,
 * which the sender holds, so tlb_stale, set here, makes arch_thread_enter reload its page
 * tables before it runs a thread of that address space. Waking a halted vCPU only to flush
 * costs the sender tens of microseconds of spinning under QEMU. A forget (page tables about
 * to be freed) asks idle CPUs too. */
static int must_answer(struct percpu *c, uint64_t cr3, int global, int forget)
{
    if (!c->online || (!global && c->cr3 != cr3))
        return 0;
    if (global || forget || !__atomic_load_n(&c->idling, __ATOMIC_ACQUIRE))
        return 1;
    __atomic_store_n(&c->tlb_stale, 1, __ATOMIC_RELEASE);
    return 0;
}

/* Sends the request to every other CPU that must answer it and waits for their answers. */
static void send(uint64_t cr3, int global, int forget)
{
    struct percpu *me = this_cpu();
    unsigned targets[MAX_CPUS], n = 0;
    for (unsigned i = 0; i < cpu_count; i++)
        if (&cpus[i] != me && must_answer(&cpus[i], cr3, global, forget))
            targets[n++] = i;
    if (!n)
        return;
    __atomic_store_n(&request.remaining, (int)n, __ATOMIC_RELEASE);
    for (unsigned k = 0; k < n; k++) {
        __atomic_store_n(&cpus[targets[k]].tlb_pending, 1, __ATOMIC_RELEASE);
        lapic_send_ipi(cpus[targets[k]].apic_id, VECTOR_TLB);
    }
    while (__atomic_load_n(&request.remaining, __ATOMIC_ACQUIRE))
        __asm__ volatile("pause" ::: "memory");
}

void tlb_shootdown(uint64_t *pml4, uint64_t start, uint64_t end)
{
    start = PAGE_ROUND_DOWN(start);
    end = PAGE_ROUND_UP(end);
    int global = pml4 == kernel_pgtable;
    uint64_t cr3 = V2P(pml4);
    struct percpu *me = this_cpu();
    if (global || me->cr3 == cr3)
        flush(start, end, global);
    if (cpu_count == 1)
        return;
    request.start = start, request.end = end, request.global = global, request.forget_cr3 = 0;
    send(cr3, global, 0);
}

void tlb_forget(uint64_t *pml4)
{
    uint64_t cr3 = V2P(pml4), kernel = V2P(kernel_pgtable);
    if (this_cpu()->cr3 == cr3)
        cpu_load_cr3(kernel);
    if (cpu_count == 1)
        return;
    request.forget_cr3 = cr3;
    send(cr3, 0, 1);
}

void tlb_service(void)
{
    struct percpu *me = this_cpu();
    if (!__atomic_load_n(&me->tlb_pending, __ATOMIC_ACQUIRE))
        return;
    me->tlb_pending = 0;
    if (!request.forget_cr3)
        flush(request.start, request.end, request.global);
    else if (me->cr3 == request.forget_cr3)
        cpu_load_cr3(V2P(kernel_pgtable));
    __atomic_sub_fetch(&request.remaining, 1, __ATOMIC_ACQ_REL);
}
