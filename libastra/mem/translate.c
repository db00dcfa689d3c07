#include "../internal/translate.h"

int astra_prot_from_hermit(uint32_t prot)
{
    static const struct { uint32_t hermit; int linux_prot; } map[] = {
        { HERMIT_PROT_READ, ASTRA_PROT_READ },
        { HERMIT_PROT_WRITE, ASTRA_PROT_WRITE },
        { HERMIT_PROT_EXEC, ASTRA_PROT_EXEC },
    };
    int out = ASTRA_PROT_NONE;
    uint32_t known = HERMIT_PROT_NONE;
    for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++) {
        known |= map[i].hermit;
        if (prot & map[i].hermit)
            out |= map[i].linux_prot;
    }
    return (prot & ~known) ? -1 : out;
}
