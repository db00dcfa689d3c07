/* The ELF checks exec runs on a program file (kernel/elf.c): hostile bytes must be refused
 * with a reason, and an accepted file must describe a loading plan that stays inside the file
 * and inside user space. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proc/elf.h"
#include "proc/exec.h"
#include "layout.h"

#define USER_LIMIT 0x7ffff7000000ULL
#define HEAD 4096 /* what exec reads of the file before deciding (struct exec_request.head) */

static void require(int ok)
{
    if (!ok)
        __builtin_trap();
}

/* What exec relies on for an accepted image: the headers and every PT_LOAD's data lie in the
 * file, every segment (moved by the image's base, for a static-pie) in [USER_MIN, USER_LIMIT),
 * in order, and the entry in one of them; only a static-pie (ET_DYN) has a PT_DYNAMIC. */
static void check_plan(const unsigned char *data, uint64_t file_size, const struct elf_image *img)
{
    const struct astra_elf64_ehdr *eh = (const void *)data;
    require(img->phnum == eh->e_phnum && img->phnum > 0 && img->phnum <= ELF_MAX_PHNUM);
    require((const unsigned char *)img->phdrs == data + eh->e_phoff);
    int entry_ok = 0;
    uint64_t prev_end = 0;
    for (unsigned i = 0; i < img->phnum; i++) {
        const struct astra_elf64_phdr *p = &img->phdrs[i];
        require(p->p_type != ASTRA_PT_INTERP);
        require(p->p_type != ASTRA_PT_DYNAMIC || eh->e_type == ASTRA_ET_DYN);
        if (p->p_type != ASTRA_PT_LOAD)
            continue;
        uint64_t vaddr = p->p_vaddr + img->base;
        require(p->p_filesz <= p->p_memsz && p->p_memsz <= ELF_MAX_SEGMENT);
        require(p->p_offset <= file_size && p->p_offset + p->p_filesz <= file_size);
        require(vaddr >= USER_MIN && vaddr + p->p_memsz <= USER_LIMIT);
        require(vaddr >= prev_end);
        /* The pages exec maps: whole pages around the segment, still in user space. */
        require(PAGE_ROUND_UP(vaddr + p->p_memsz) <= PAGE_ROUND_UP(USER_LIMIT));
        prev_end = vaddr + p->p_memsz;
        require(img->end >= prev_end);
        if ((p->p_flags & ASTRA_PF_X) && img->entry >= vaddr && img->entry - vaddr < p->p_memsz)
            entry_ok = 1;
    }
    require(entry_ok && img->end <= USER_LIMIT);
    require(eh->e_type == ASTRA_ET_DYN ? img->base != 0 : img->base == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy placed as exec's buffer is (struct exec_request.head in a page-aligned block)
     * and ending where the allocation ends: a misaligned header or reading past it is caught. */
    size_t at = offsetof(struct exec_request, head) % 16;
    unsigned char *block = malloc(at + size), *buf = block + at;
    memcpy(buf, data, size);
    struct elf_image img;
    char err[160];
    if (!elf_check(buf, size, USER_MIN, USER_LIMIT, &img, err, sizeof err))
        check_plan(buf, size, &img);
    else
        require(err[0] != 0 && strlen(err) < sizeof err);
    /* As exec does: only the head of the file is in memory, the file may be longer (its
     * segments are read later) or shorter than its headers claim. */
    size_t head = size < HEAD ? size : HEAD;
    uint64_t sizes[] = { size, size + 4096, UINT64_MAX / 4 };
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (!elf_check_head(buf, head, sizes[i], USER_MIN, USER_LIMIT, &img, err, sizeof err)) {
            require((const unsigned char *)(img.phdrs + img.phnum) <= buf + head);
            check_plan(buf, sizes[i], &img);
        }
    free(block);
    return 0;
}
