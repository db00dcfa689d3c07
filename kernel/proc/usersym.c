/* The program's functions by address, read from its ELF file in the RAM file system: the
 * section headers, the .symtab section and its string table, each read with offsets checked
 * against the file. Only used when a program faults, so nothing is cached. */
#include <astra/abi.h>
#include <astra/elf.h>

#include "fs/vfs.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "proc/proc.h"
#include "proc/usersym.h"

#define SYMS_PER_READ 64
#define NAME_MAX_SHOWN 96

static int read_exact(struct inode *ip, void *buf, size_t n, uint64_t off)
{
    return ramfs_read(ip, buf, n, off) == (long)n ? 0 : -1;
}

/* The symbol table's section header and its string table's, or -1. */
static int find_symtab(struct inode *ip, struct astra_elf64_shdr *symtab, struct astra_elf64_shdr *strtab)
{
    struct astra_elf64_ehdr eh;
    if (read_exact(ip, &eh, sizeof eh, 0) || memcmp(eh.e_ident, "\177ELF", 4) || eh.e_ident[4] != 2 ||
        eh.e_shentsize != sizeof(struct astra_elf64_shdr))
        return -1;
    for (unsigned i = 0; i < eh.e_shnum; i++) {
        if (read_exact(ip, symtab, sizeof *symtab, eh.e_shoff + (uint64_t)i * sizeof *symtab))
            return -1;
        if (symtab->sh_type != ASTRA_SHT_SYMTAB)
            continue;
        if (symtab->sh_link >= eh.e_shnum ||
            read_exact(ip, strtab, sizeof *strtab, eh.e_shoff + (uint64_t)symtab->sh_link * sizeof *strtab))
            return -1;
        return 0;
    }
    return -1;
}

int usersym_lookup(struct proc *p, uint64_t addr, char *buf, size_t cap)
{
    struct inode *ip;
    if (!p || !p->exe[0] || vfs_lookup(vfs_root(), p->exe, 1, &ip) || ip->ops ||
        (ip->mode & ASTRA_S_IFMT) != ASTRA_S_IFREG)
        return -1;
    struct astra_elf64_shdr symtab, strtab;
    struct astra_elf64_sym best = { 0 };
    int found = -1;
    if (find_symtab(ip, &symtab, &strtab) == 0) {
        uint64_t count = symtab.sh_size / sizeof(struct astra_elf64_sym);
        struct astra_elf64_sym syms[SYMS_PER_READ];
        for (uint64_t first = 0; first < count; first += SYMS_PER_READ) {
            uint64_t n = count - first < SYMS_PER_READ ? count - first : SYMS_PER_READ;
            if (read_exact(ip, syms, n * sizeof syms[0], symtab.sh_offset + first * sizeof syms[0]))
                break;
            for (uint64_t i = 0; i < n; i++) {
                const struct astra_elf64_sym *s = &syms[i];
                if (ASTRA_ELF64_ST_TYPE(s->st_info) == ASTRA_STT_FUNC && s->st_value <= addr &&
                    addr - s->st_value < (s->st_size ? s->st_size : 1)) {
                    best = *s;
                    found = 0;
                }
            }
        }
    }
    char name[NAME_MAX_SHOWN + 1];
    long len = found ? -1 : ramfs_read(ip, name, NAME_MAX_SHOWN, strtab.sh_offset + best.st_name);
    if (len <= 0 || best.st_name >= strtab.sh_size)
        return -1;
    name[len] = 0;
    ksnprintf(buf, cap, "%s+0x%lx", name, addr - best.st_value);
    return 0;
}

void usersym_report(struct proc *p, uint64_t rip)
{
    char where[NAME_MAX_SHOWN + 32];
    if (usersym_lookup(p, rip, where, sizeof where) == 0)
        kwarn("the fault is in %s (rip 0x%lx, %s)\n", where, rip, p->exe);
}
