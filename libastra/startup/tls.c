#include <astra/abi.h>
#include <astra/elf.h>

#include "../internal/startup.h"
#include "../internal/syscall.h"
#include "../internal/thread.h"

struct astra_tls_image astra_tls;
struct astra_tcb *astra_main_thread;

/* Enough for the TCB and a few hundred bytes of thread-locals, so that most programs'
 * main thread needs no mmap before main. */
static _Alignas(64) unsigned char main_tls_area[1024];

static size_t round_up(size_t v, size_t a) { return (v + a - 1) & ~(a - 1); }

size_t astra_tls_block_size(void)
{
    return astra_tls.offset + sizeof(struct astra_tcb) + astra_tls.align;
}

struct astra_tcb *astra_tls_init_block(void *mem)
{
    uintptr_t tp = round_up((uintptr_t)mem + astra_tls.offset, astra_tls.align);
    unsigned char *data = (unsigned char *)(tp - astra_tls.offset);
    if (astra_tls.init_size)
        __builtin_memcpy(data, astra_tls.init, astra_tls.init_size);
    __builtin_memset(data + astra_tls.init_size, 0, astra_tls.offset - astra_tls.init_size);
    struct astra_tcb *tcb = (struct astra_tcb *)tp;
    __builtin_memset(tcb, 0, sizeof *tcb);
    tcb->self = tcb;
    return tcb;
}

int astra_set_thread_pointer(struct astra_tcb *tcb)
{
    return (int)astra_syscall2(ASTRA_NR_arch_prctl, ASTRA_ARCH_SET_FS, (long)tcb);
}

void astra_tls_init_main(void)
{
    const struct astra_elf64_phdr *ph = (const void *)astra_getauxval(ASTRA_AT_PHDR);
    size_t phnum = astra_getauxval(ASTRA_AT_PHNUM);
    const struct astra_elf64_phdr *tls = 0;
    uintptr_t load_bias = 0;

    for (size_t i = 0; ph && i < phnum; i++) {
        if (ph[i].p_type == ASTRA_PT_PHDR)
            load_bias = (uintptr_t)ph - ph[i].p_vaddr;
        else if (ph[i].p_type == ASTRA_PT_TLS)
            tls = &ph[i];
    }

    size_t seg_align = 1;
    if (tls) {
        astra_tls.init = (const void *)(load_bias + tls->p_vaddr);
        astra_tls.init_size = tls->p_filesz;
        astra_tls.mem_size = tls->p_memsz;
        if (tls->p_align > 1)
            seg_align = tls->p_align;
    }
    /* Variant II: the linker placed the data at tp - round_up(memsz, p_align), so the offset
     * uses the segment's own alignment; the thread pointer is aligned for both. */
    astra_tls.offset = round_up(astra_tls.mem_size, seg_align);
    astra_tls.align = seg_align > 16 ? seg_align : 16;

    void *mem = main_tls_area;
    size_t need = astra_tls_block_size();
    if (need > sizeof main_tls_area) {
        long m = astra_syscall6(ASTRA_NR_mmap, 0, (long)need, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                                ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
        if (astra_is_err(m))
            __builtin_trap();
        mem = (void *)m;
    }
    struct astra_tcb *tcb = astra_tls_init_block(mem);
    tcb->tid = tcb->id = (int)astra_syscall0(ASTRA_NR_gettid);
    tcb->core_id = -1;
    tcb->priority = 2; /* hermit-abi's NORMAL_PRIO, what std gives every thread */
    if (astra_set_thread_pointer(tcb) != 0)
        __builtin_trap(); /* without a thread pointer nothing else can work */
    astra_main_thread = tcb;
}
