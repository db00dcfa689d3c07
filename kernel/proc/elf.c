#include "lib/printf.h"
#include "proc/elf.h"

#define FAIL(...) return ksnprintf(err, errlen, __VA_ARGS__), -1

int elf_check(const void *data, size_t size, uint64_t user_min, uint64_t user_top,
              struct elf_image *out, char *err, size_t errlen)
{
    return elf_check_head(data, size, size, user_min, user_top, out, err, errlen);
}

int elf_check_head(const void *data, size_t head_len, uint64_t size, uint64_t user_min,
                   uint64_t user_top, struct elf_image *out, char *err, size_t errlen)
{
    const struct astra_elf64_ehdr *eh = data;
    const unsigned char *id = data;
    if (size < sizeof *eh || head_len < sizeof *eh)
        FAIL("file is too short for an ELF header (%lu bytes)", (uint64_t)size);
    if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
        FAIL("not an ELF file (bad magic)");
    if (id[4] != 2 || id[5] != 1)
        FAIL("not a 64-bit little-endian ELF file");
    if (eh->e_machine != ASTRA_EM_X86_64)
        FAIL("wrong machine %u: Astra runs x86_64 (62) programs", eh->e_machine);
    int pie = eh->e_type == ASTRA_ET_DYN;
    if (!pie && eh->e_type != ASTRA_ET_EXEC)
        FAIL("not an executable (ELF type %u)", eh->e_type);
    if (eh->e_phentsize != sizeof(struct astra_elf64_phdr))
        FAIL("unexpected program header size %u", eh->e_phentsize);
    if (eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHNUM)
        FAIL("unreasonable program header count %u", eh->e_phnum);
    if (eh->e_phoff > size || (uint64_t)eh->e_phnum * eh->e_phentsize > size - eh->e_phoff)
        FAIL("program headers lie beyond the end of the file (truncated?)");
    if (eh->e_phoff + (uint64_t)eh->e_phnum * eh->e_phentsize > head_len)
        FAIL("program headers lie beyond the first %lu bytes of the file", (uint64_t)head_len);
    if (eh->e_phoff % 8)
        FAIL("misaligned program headers");

    const struct astra_elf64_phdr *ph = (const void *)((const char *)data + eh->e_phoff);
    /* A static-pie's segments move by base, which puts the lowest one at ELF_PIE_BASE. */
    uint64_t base = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == ASTRA_PT_INTERP)
            FAIL("dynamically linked programs (with an interpreter, PT_INTERP) are not supported: "
                 "link with -static or -static-pie");
        if (ph[i].p_type == ASTRA_PT_DYNAMIC && !pie)
            FAIL("dynamically linked programs are not supported: link with -static");
        if (pie && ph[i].p_type == ASTRA_PT_LOAD && !base) {
            if (ph[i].p_vaddr >= ELF_PIE_BASE)
                FAIL("position-independent executable with its first segment at 0x%lx", ph[i].p_vaddr);
            base = ELF_PIE_BASE - (ph[i].p_vaddr & ~4095ULL);
        }
    }
    uint64_t phdr_vaddr = 0, end = 0, prev_end = 0;
    int loads = 0, entry_ok = 0;
    uint64_t entry = eh->e_entry + base;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        struct astra_elf64_phdr moved = ph[i];
        const struct astra_elf64_phdr *p = &moved;
        moved.p_vaddr += base;
        if (p->p_type == ASTRA_PT_PHDR)
            phdr_vaddr = p->p_vaddr;
        if (p->p_type != ASTRA_PT_LOAD)
            continue;
        if (p->p_filesz > p->p_memsz)
            FAIL("segment %u: file size 0x%lx exceeds memory size 0x%lx", i, p->p_filesz, p->p_memsz);
        if (p->p_memsz > ELF_MAX_SEGMENT)
            FAIL("segment %u: absurd memory size 0x%lx", i, p->p_memsz);
        if (p->p_offset > size || p->p_filesz > size - p->p_offset)
            FAIL("segment %u: data lies beyond the end of the file (truncated?)", i);
        if (p->p_vaddr < user_min || p->p_vaddr >= user_top || p->p_memsz > user_top - p->p_vaddr)
            FAIL("segment %u at 0x%lx-0x%lx is outside user space (it would overlap the kernel)", i,
                 p->p_vaddr, p->p_vaddr + p->p_memsz);
        if ((p->p_vaddr - p->p_offset) % 4096)
            FAIL("segment %u: address and file offset disagree modulo the page size", i);
        if (p->p_vaddr < prev_end)
            FAIL("segment %u overlaps the previous one or is out of order", i);
        prev_end = p->p_vaddr + p->p_memsz;
        if (!phdr_vaddr && eh->e_phoff >= p->p_offset && eh->e_phoff - p->p_offset < p->p_filesz)
            phdr_vaddr = p->p_vaddr + (eh->e_phoff - p->p_offset);
        if ((p->p_flags & ASTRA_PF_X) && entry >= p->p_vaddr && entry < p->p_vaddr + p->p_memsz)
            entry_ok = 1;
        if (prev_end > end)
            end = prev_end;
        loads++;
    }
    if (!loads)
        FAIL("no loadable segment");
    if (!entry_ok)
        FAIL("entry point 0x%lx is not in an executable segment", eh->e_entry);
    out->base = base;
    out->entry = entry;
    out->phdr_vaddr = phdr_vaddr;
    out->phnum = eh->e_phnum;
    out->phdrs = ph;
    out->end = end;
    return 0;
}
