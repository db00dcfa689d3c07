/* A program without any thread-local variable: crt0 must still give it a thread pointer.
 * Built on the bare crt0 (it defines runtime_entry itself) without newlib, whose exit path
 * brings in malloc and, with it, the allocator's thread-local caches. */
#include <stdint.h>

#include <astra/abi.h>
#include <astra/elf.h>

#include "../../libastra/internal/startup.h"
#include "../../libastra/internal/syscall.h"

static void say(const char *s, int v)
{
    char line[64];
    long n = 0;
    while (*s)
        line[n++] = *s++;
    line[n++] = (char)('0' + v);
    line[n++] = '\n';
    astra_syscall3(ASTRA_NR_write, 1, (long)line, n);
}

_Noreturn void runtime_entry(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    const struct astra_elf64_phdr *ph = (const void *)astra_getauxval(ASTRA_AT_PHDR);
    unsigned long n = astra_getauxval(ASTRA_AT_PHNUM);
    int has_tls = 0;
    for (unsigned long i = 0; i < n; i++)
        has_tls |= ph[i].p_type == ASTRA_PT_TLS;
    uintptr_t self;
    __asm__("mov %%fs:0, %0" : "=r"(self));
    say("has_pt_tls=", has_tls);
    say("thread_pointer_set=", self != 0);
    for (;;)
        astra_syscall1(ASTRA_NR_exit_group, 0);
}
