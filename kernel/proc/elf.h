/* Checking a static ELF64 executable (ET_EXEC, or a static-pie ET_DYN without PT_INTERP)
 * before loading it (pure: no kernel state). */
#ifndef ASTRA_KERNEL_ELF_H
#define ASTRA_KERNEL_ELF_H

#include <stddef.h>
#include <stdint.h>

#include <astra/elf.h>

#define ELF_MAX_PHNUM 64
#define ELF_MAX_SEGMENT (1ULL << 30) /* a larger p_memsz is refused as absurd */
#define ELF_PIE_BASE 0x555555554000ULL /* where a static-pie's lowest segment goes, as Linux's */

/* Addresses are where the program runs: a static-pie's include base. */
struct elf_image {
    uint64_t base;       /* added to each p_vaddr: 0 for ET_EXEC */
    uint64_t entry;
    uint64_t phdr_vaddr; /* where the program headers are in memory, for AT_PHDR */
    uint16_t phnum;
    const struct astra_elf64_phdr *phdrs;
    uint64_t end;        /* the end of the highest PT_LOAD: the heap starts above */
};

/* 0 when data[0..size) is a static x86_64 executable Astra can run, filling *out; else -1
 * with a one-line reason in err. Addresses must lie in [user_min, user_top). */
int elf_check(const void *data, size_t size, uint64_t user_min, uint64_t user_top,
              struct elf_image *out, char *err, size_t errlen);
/* The same for a file of file_size bytes of which head holds the first head_len: its program
 * headers must lie within head (out->phdrs points there). */
int elf_check_head(const void *head, size_t head_len, uint64_t file_size, uint64_t user_min,
                   uint64_t user_top, struct elf_image *out, char *err, size_t errlen);

#endif
