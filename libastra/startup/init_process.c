#include <astra/abi.h>

#include "../internal/startup.h"
#include "../internal/syscall.h"
#include "../internal/thread.h"
#include "../internal/time.h"

static unsigned long *process_auxv;

unsigned long astra_getauxval(unsigned long type)
{
    for (unsigned long *a = process_auxv; a && a[0] != ASTRA_AT_NULL; a += 2)
        if (a[0] == type)
            return a[1];
    return 0;
}

void astra_tls_init_main(void);

void astra_init_process(long *sp, struct astra_startup *out)
{
    out->argc = (int)sp[0];
    out->argv = (char **)(sp + 1);
    out->envp = out->argv + out->argc + 1;
    char **e = out->envp;
    while (*e)
        e++;
    out->auxv = process_auxv = (unsigned long *)(e + 1);

    astra_tls_init_main();
    astra_vdso_init();

    /* The canary's low byte stays zero so that string functions cannot read past it. */
    const unsigned char *rnd = (const unsigned char *)astra_getauxval(ASTRA_AT_RANDOM);
    uintptr_t canary = 0;
    if (rnd)
        __builtin_memcpy(&canary, rnd, sizeof canary);
    astra_self()->stack_guard = canary & ~(uintptr_t)0xff;
}
