/* A program without any thread-local variable: crt0 must still give it a thread pointer. */
#include <stdint.h>
#include <stdio.h>

#include <astra/abi.h>
#include <astra/elf.h>

#include "../../libastra/internal/startup.h"

int main(void)
{
    const struct astra_elf64_phdr *ph = (const void *)astra_getauxval(ASTRA_AT_PHDR);
    unsigned long n = astra_getauxval(ASTRA_AT_PHNUM);
    int has_tls = 0;
    for (unsigned long i = 0; i < n; i++)
        has_tls |= ph[i].p_type == ASTRA_PT_TLS;
    uintptr_t self;
    __asm__("mov %%fs:0, %0" : "=r"(self));
    printf("has_pt_tls=%d\n", has_tls);
    printf("thread_pointer_set=%d\n", self != 0);
    return 0;
}
