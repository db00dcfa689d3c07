/* The ELF64 structures and constants that crt0/libastra (PT_TLS, dl_iterate_phdr) and the
 * kernel's loader and fault symbolizer share. Values from the System V ABI. */
#ifndef ASTRA_ELF_H
#define ASTRA_ELF_H

#include <stdint.h>

struct astra_elf64_ehdr {
    unsigned char e_ident[16];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint64_t e_entry;
    uint64_t e_phoff;
    uint64_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize;
    uint16_t e_phnum;
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
};

struct astra_elf64_phdr {
    uint32_t p_type;
    uint32_t p_flags;
    uint64_t p_offset;
    uint64_t p_vaddr;
    uint64_t p_paddr;
    uint64_t p_filesz;
    uint64_t p_memsz;
    uint64_t p_align;
};

struct astra_elf64_shdr {
    uint32_t sh_name;
    uint32_t sh_type;
    uint64_t sh_flags;
    uint64_t sh_addr;
    uint64_t sh_offset;
    uint64_t sh_size;
    uint32_t sh_link;
    uint32_t sh_info;
    uint64_t sh_addralign;
    uint64_t sh_entsize;
};

struct astra_elf64_sym {
    uint32_t st_name;
    unsigned char st_info;
    unsigned char st_other;
    uint16_t st_shndx;
    uint64_t st_value;
    uint64_t st_size;
};

/* An entry of a PT_DYNAMIC segment (the vDSO's symbol lookup reads them). */
struct astra_elf64_dyn {
    int64_t d_tag;
    uint64_t d_val;
};

#define ASTRA_DT_NULL 0
#define ASTRA_DT_HASH 4
#define ASTRA_DT_STRTAB 5
#define ASTRA_DT_SYMTAB 6
#define ASTRA_DT_STRSZ 10
#define ASTRA_DT_SYMENT 11

#define ASTRA_SHN_UNDEF 0
#define ASTRA_STB_GLOBAL 1
#define ASTRA_STB_WEAK 2
#define ASTRA_ELF64_ST_BIND(info) ((info) >> 4)

#define ASTRA_SHT_SYMTAB 2
#define ASTRA_STT_FUNC 2
#define ASTRA_ELF64_ST_TYPE(info) ((info) & 0xf)

#define ASTRA_ELFCLASS64 2
#define ASTRA_ET_EXEC 2
#define ASTRA_ET_DYN 3
#define ASTRA_EM_X86_64 62
#define ASTRA_PT_NULL 0
#define ASTRA_PT_LOAD 1
#define ASTRA_PT_DYNAMIC 2
#define ASTRA_PT_INTERP 3
#define ASTRA_PT_PHDR 6
#define ASTRA_PT_TLS 7
#define ASTRA_PT_GNU_EH_FRAME 0x6474e550
#define ASTRA_PT_GNU_STACK 0x6474e551
#define ASTRA_PF_X 1
#define ASTRA_PF_W 2
#define ASTRA_PF_R 4

#endif
