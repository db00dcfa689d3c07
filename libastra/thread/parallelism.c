#include <astra/astra.h>

#include "../internal/syscall.h"

/* The CPUs this process may run on (its affinity mask), at least 1. */
size_t sys_available_parallelism(void)
{
    unsigned long mask[1024 / (8 * sizeof(unsigned long))] = { 0 };
    long r = astra_syscall3(ASTRA_NR_sched_getaffinity, 0, sizeof mask, (long)mask);
    if (astra_is_err(r))
        return 1;
    size_t n = 0;
    for (unsigned i = 0; i < sizeof mask / sizeof mask[0]; i++)
        n += (size_t)__builtin_popcountl(mask[i]);
    return n ? n : 1;
}

size_t sys_get_processor_count(void) { return sys_available_parallelism(); }
