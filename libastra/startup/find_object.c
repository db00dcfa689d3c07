#include <astra/abi.h>
#include <astra/dl.h>

#include "../internal/startup.h"

/* The program's program headers and load bias, from the auxiliary vector. */
static const struct astra_elf64_phdr *program_headers(size_t *phnum, uintptr_t *bias)
{
    const struct astra_elf64_phdr *ph = (const void *)astra_getauxval(ASTRA_AT_PHDR);
    *phnum = astra_getauxval(ASTRA_AT_PHNUM);
    *bias = 0;
    for (size_t i = 0; ph && i < *phnum; i++)
        if (ph[i].p_type == ASTRA_PT_PHDR)
            *bias = (uintptr_t)ph - ph[i].p_vaddr;
    return ph;
}

int _dl_find_object(void *address, struct dl_find_object *result)
{
    size_t phnum;
    uintptr_t bias, pc = (uintptr_t)address, lo = UINTPTR_MAX, hi = 0;
    const struct astra_elf64_phdr *ph = program_headers(&phnum, &bias);
    void *eh_frame = 0;
    if (!ph || !result)
        return -1;
    for (size_t i = 0; i < phnum; i++) {
        uintptr_t start = bias + ph[i].p_vaddr;
        if (ph[i].p_type == ASTRA_PT_LOAD) {
            if (start < lo)
                lo = start;
            if (start + ph[i].p_memsz > hi)
                hi = start + ph[i].p_memsz;
        } else if (ph[i].p_type == ASTRA_PT_GNU_EH_FRAME) {
            eh_frame = (void *)start;
        }
    }
    if (pc < lo || pc >= hi)
        return -1;
    __builtin_memset(result, 0, sizeof *result);
    result->dlfo_map_start = (void *)lo;
    result->dlfo_map_end = (void *)hi;
    result->dlfo_eh_frame = eh_frame;
    return 0;
}

int dl_iterate_phdr(int (*callback)(struct dl_phdr_info *info, size_t size, void *data), void *data)
{
    size_t phnum;
    uintptr_t bias;
    const struct astra_elf64_phdr *ph = program_headers(&phnum, &bias);
    if (!ph || !callback)
        return 0;
    struct dl_phdr_info info = {
        .dlpi_addr = bias, .dlpi_name = "", .dlpi_phdr = ph, .dlpi_phnum = (uint16_t)phnum,
        .dlpi_adds = 1,
    };
    return callback(&info, sizeof info, data);
}
