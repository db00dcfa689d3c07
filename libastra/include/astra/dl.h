/*
 * The two glibc calls through which unwinders find a program's unwind tables, answered for
 * a static executable from its own program headers (AT_PHDR): gcc's libgcc_eh asks
 * _dl_find_object, LLVM's libunwind and backtrace code use dl_iterate_phdr. Layouts are
 * glibc's (x86_64).
 */
#ifndef ASTRA_DL_H
#define ASTRA_DL_H

#include <stddef.h>
#include <stdint.h>

#include <astra/elf.h>

struct dl_find_object {
    unsigned long long dlfo_flags;
    void *dlfo_map_start; /* lowest address of the object's PT_LOAD segments */
    void *dlfo_map_end;   /* end of the highest one */
    void *dlfo_link_map;  /* NULL: a static program has no link map */
    void *dlfo_eh_frame;  /* PT_GNU_EH_FRAME's address (the .eh_frame_hdr section) */
    unsigned long long dlfo_reserved[7];
};

struct dl_phdr_info {
    uintptr_t dlpi_addr; /* load bias: 0 for a non-PIE program */
    const char *dlpi_name;
    const struct astra_elf64_phdr *dlpi_phdr;
    uint16_t dlpi_phnum;
    unsigned long long dlpi_adds;
    unsigned long long dlpi_subs;
    size_t dlpi_tls_modid;
    void *dlpi_tls_data;
};

/* 0 with *result filled when address lies in the program, -1 otherwise. */
int _dl_find_object(void *address, struct dl_find_object *result);
/* Calls callback once, for the program itself; returns what callback returned. */
int dl_iterate_phdr(int (*callback)(struct dl_phdr_info *info, size_t size, void *data), void *data);

#endif
