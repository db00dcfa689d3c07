/* The kernel's vDSO: Linux maps a small ELF image into every process (AT_SYSINFO_EHDR) whose
 * __vdso_clock_gettime reads the clock without entering the kernel (~25 ns against ~1 us for
 * the system call), and whose __vdso_getcpu reads the CPU number. Its functions are found
 * once, at start-up, in its dynamic symbol table; without a vDSO (or with one that does not
 * look right) the system calls are used. */
#include <astra/abi.h>
#include <astra/elf.h>

#include "../internal/startup.h"
#include "../internal/syscall.h"
#include "../internal/time.h"

typedef int (*vdso_clock_gettime_fn)(long clock, struct astra_timespec *ts);

/* Written once by astra_vdso_init, before any thread exists. */
static vdso_clock_gettime_fn vdso_clock_gettime;
static astra_vdso_getcpu_fn vdso_getcpu;

static int same_name(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* The address of the defined global function `name` in the ELF image at `base`, or 0. */
static void *vdso_lookup(uintptr_t base, const char *name)
{
    const struct astra_elf64_ehdr *eh = (const void *)base;
    const unsigned char *id = eh->e_ident;
    if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F' ||
        id[4] != ASTRA_ELFCLASS64 || eh->e_type != ASTRA_ET_DYN ||
        eh->e_machine != ASTRA_EM_X86_64 || eh->e_phentsize != sizeof(struct astra_elf64_phdr))
        return 0;
    const struct astra_elf64_phdr *ph = (const void *)(base + eh->e_phoff);
    const struct astra_elf64_dyn *dyn = 0;
    uintptr_t bias = 0;
    int loaded = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == ASTRA_PT_LOAD && !loaded) {
            bias = base + ph[i].p_offset - ph[i].p_vaddr;
            loaded = 1;
        } else if (ph[i].p_type == ASTRA_PT_DYNAMIC) {
            dyn = (const void *)(base + ph[i].p_offset);
        }
    }
    if (!loaded || !dyn)
        return 0;
    const struct astra_elf64_sym *symtab = 0;
    const char *strtab = 0;
    const uint32_t *hash = 0;
    uint64_t strsz = 0;
    for (; dyn->d_tag != ASTRA_DT_NULL; dyn++) {
        switch (dyn->d_tag) {
        case ASTRA_DT_SYMTAB: symtab = (const void *)(bias + dyn->d_val); break;
        case ASTRA_DT_STRTAB: strtab = (const void *)(bias + dyn->d_val); break;
        case ASTRA_DT_HASH: hash = (const void *)(bias + dyn->d_val); break;
        case ASTRA_DT_STRSZ: strsz = dyn->d_val; break;
        case ASTRA_DT_SYMENT:
            if (dyn->d_val != sizeof(struct astra_elf64_sym))
                return 0;
            break;
        }
    }
    /* The SysV hash table's second word (nchain) is the number of symbols. */
    if (!symtab || !strtab || !hash)
        return 0;
    for (uint32_t i = 0; i < hash[1]; i++) {
        const struct astra_elf64_sym *s = &symtab[i];
        unsigned bind = ASTRA_ELF64_ST_BIND(s->st_info);
        if (ASTRA_ELF64_ST_TYPE(s->st_info) != ASTRA_STT_FUNC || s->st_shndx == ASTRA_SHN_UNDEF ||
            (bind != ASTRA_STB_GLOBAL && bind != ASTRA_STB_WEAK) || s->st_name >= strsz)
            continue;
        if (same_name(strtab + s->st_name, name))
            return (void *)(bias + s->st_value);
    }
    return 0;
}

void astra_vdso_init(void)
{
    uintptr_t base = astra_getauxval(ASTRA_AT_SYSINFO_EHDR);
    if (!base)
        return;
    vdso_clock_gettime = (vdso_clock_gettime_fn)vdso_lookup(base, "__vdso_clock_gettime");
    vdso_getcpu = (astra_vdso_getcpu_fn)vdso_lookup(base, "__vdso_getcpu");
}

long astra_clock_gettime(int clock, struct astra_timespec *ts)
{
    if (vdso_clock_gettime)
        return vdso_clock_gettime(clock, ts);
    return astra_syscall2(ASTRA_NR_clock_gettime, clock, (long)ts);
}

astra_vdso_getcpu_fn astra_vdso_getcpu(void) { return vdso_getcpu; }
