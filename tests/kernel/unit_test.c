/* The kernel's pure parts, on the host: tar reader, ELF checks, frame allocator, page-table
 * helpers, command line, printf. A heap buffer stands in for physical memory. */
#include <astra/abi.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cmdline.h"
#include "dev/console.h"
#include "proc/elf.h"
#include "mm/kmalloc.h"
#include "layout.h"
#include "mm/pmm.h"
#include "fs/tar.h"
#include "vm.h"

uint64_t host_test_direct_map;

/* ---- tar ---- */

static size_t tar_add(unsigned char *ar, size_t off, const char *name, char type, const char *data)
{
    unsigned char *h = ar + off;
    memset(h, 0, 512);
    size_t len = data ? strlen(data) : 0;
    strncpy((char *)h, name, 100);
    sprintf((char *)h + 100, "%07o", 0644);
    sprintf((char *)h + 124, "%011zo", len);
    h[156] = (unsigned char)type;
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; i++)
        sum += h[i];
    sprintf((char *)h + 148, "%06o", sum);
    if (len)
        memcpy(h + 512, data, len);
    return off + 512 + ((len + 511) & ~(size_t)511);
}

static unsigned char archive[16384];

static size_t sample_archive(void)
{
    memset(archive, 0, sizeof archive);
    size_t off = 0;
    off = tar_add(archive, off, "./", '5', NULL);
    off = tar_add(archive, off, "./hello", '0', "hello world\n");
    off = tar_add(archive, off, "etc/", '5', NULL);
    off = tar_add(archive, off, "etc/hosts", '0', "127.0.0.1 localhost\n");
    return off + 1024; /* two zero blocks end it */
}

Test(tar, finds_files_by_path_with_or_without_leading_slash_or_dot)
{
    size_t size = sample_archive();
    struct tar_entry e;
    cr_assert_eq(tar_find(archive, size, "/hello", &e), 0);
    cr_assert_eq(e.size, 12);
    cr_assert_eq(memcmp(e.data, "hello world\n", 12), 0);
    cr_assert_eq(tar_find(archive, size, "hello", &e), 0);
    cr_assert_eq(tar_find(archive, size, "./etc/hosts", &e), 0);
    cr_assert_str_eq(e.name, "etc/hosts");
    cr_assert_eq(e.mode, 0644);
}

Test(tar, missing_files_and_directories_are_not_found_as_files)
{
    size_t size = sample_archive();
    struct tar_entry e;
    cr_assert_eq(tar_find(archive, size, "/nope", &e), -1);
    cr_assert_eq(tar_find(archive, size, "/etc", &e), -1);
}

Test(tar, iterates_every_entry_then_stops_at_the_zero_blocks)
{
    size_t size = sample_archive(), off = 0;
    struct tar_entry e;
    const char *names[] = { "", "hello", "etc", "etc/hosts" };
    const char types[] = { '5', '0', '5', '0' };
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(tar_next(archive, size, &off, &e), 1);
        cr_assert_str_eq(e.name, names[i]);
        cr_assert_eq(e.type, types[i]);
    }
    cr_assert_eq(tar_next(archive, size, &off, &e), 0);
}

Test(tar, a_bad_checksum_is_corrupt)
{
    size_t size = sample_archive(), off = 0;
    archive[5] ^= 1;
    struct tar_entry e;
    cr_assert_eq(tar_next(archive, size, &off, &e), -1);
}

Test(tar, a_size_beyond_the_archive_is_corrupt)
{
    size_t off = 0, end = tar_add(archive, 0, "big", '0', "x");
    sprintf((char *)archive + 124, "%011o", 1u << 20);
    memset(archive + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; i++)
        sum += archive[i];
    sprintf((char *)archive + 148, "%06o", sum);
    struct tar_entry e;
    cr_assert_eq(tar_next(archive, end, &off, &e), -1);
}

Test(tar, an_archive_cut_inside_a_header_just_ends)
{
    size_t off = 0;
    struct tar_entry e;
    sample_archive();
    cr_assert_eq(tar_next(archive, 100, &off, &e), 0);
}

/* ---- ELF ---- */

static unsigned char *elf;
static size_t elf_size;

static void load_elf(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", getenv("ASTRA_TEST_BIN_DIR"), name);
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    elf_size = (size_t)ftell(f);
    rewind(f);
    free(elf);
    elf = malloc(elf_size);
    cr_assert_eq(fread(elf, 1, elf_size, f), elf_size);
    fclose(f);
}

static void load_test_elf(void) { load_elf("print_args"); }
/* A glibc static-pie (gcc -static-pie): ET_DYN, PT_DYNAMIC, no PT_INTERP, no PT_PHDR. */
static void load_static_pie(void) { load_elf("static_pie_probe"); }

static int check(char *err)
{
    struct elf_image img;
    return elf_check(elf, elf_size, USER_MIN, 0x7ffff7000000ULL, &img, err, 160);
}

static struct astra_elf64_phdr *first_load(void)
{
    struct astra_elf64_ehdr *eh = (void *)elf;
    struct astra_elf64_phdr *ph = (void *)(elf + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == ASTRA_PT_LOAD)
            return &ph[i];
    return NULL;
}

Test(elf, accepts_a_static_astra_program, .init = load_test_elf)
{
    struct elf_image img;
    char err[160] = "";
    cr_assert_eq(elf_check(elf, elf_size, USER_MIN, 0x7ffff7000000ULL, &img, err, sizeof err), 0, "%s", err);
    struct astra_elf64_ehdr *eh = (void *)elf;
    cr_assert_eq(img.entry, eh->e_entry);
    cr_assert_eq(img.phnum, eh->e_phnum);
    cr_assert_eq(img.phdr_vaddr, 0x400000 + eh->e_phoff);
    cr_assert_gt(img.end, img.entry);
}

Test(elf, every_truncation_is_refused_without_crashing, .init = load_test_elf)
{
    struct elf_image img;
    char err[160];
    /* Past the last segment's file data there is only section data the loader ignores. */
    size_t needed = 0;
    struct astra_elf64_ehdr *eh = (void *)elf;
    struct astra_elf64_phdr *ph = (void *)(elf + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == ASTRA_PT_LOAD && ph[i].p_offset + ph[i].p_filesz > needed)
            needed = ph[i].p_offset + ph[i].p_filesz;
    for (size_t len = 0; len < needed; len += (len < 4096 ? 1 : 509)) {
        unsigned char *copy = malloc(len ? len : 1);
        memcpy(copy, elf, len);
        cr_assert_eq(elf_check(copy, len, USER_MIN, 0x7ffff7000000ULL, &img, err, sizeof err), -1,
                     "truncated to %zu bytes was accepted", len);
        free(copy);
    }
}

Test(elf, wrong_machine_is_refused_with_a_clear_message, .init = load_test_elf)
{
    char err[160];
    ((struct astra_elf64_ehdr *)elf)->e_machine = 183; /* aarch64 */
    cr_assert_eq(check(err), -1);
    cr_assert_str_eq(err, "wrong machine 183: Astra runs x86_64 (62) programs");
}

Test(elf, a_segment_reaching_the_kernel_is_refused, .init = load_test_elf)
{
    char err[160];
    first_load()->p_vaddr = 0xffffffff80100000ULL;
    cr_assert_eq(check(err), -1);
    cr_assert(strstr(err, "outside user space (it would overlap the kernel)"), "%s", err);
}

Test(elf, a_segment_ending_past_user_space_is_refused, .init = load_test_elf)
{
    char err[160];
    first_load()->p_memsz = 0x7ffff7000000ULL - first_load()->p_vaddr + 4096;
    cr_assert_eq(check(err), -1);
}

Test(elf, absurd_memsz_is_refused, .init = load_test_elf)
{
    char err[160];
    first_load()->p_memsz = 1ULL << 40;
    cr_assert_eq(check(err), -1);
    cr_assert(strstr(err, "absurd memory size"), "%s", err);
}

Test(elf, filesz_larger_than_memsz_is_refused, .init = load_test_elf)
{
    char err[160];
    first_load()->p_filesz = first_load()->p_memsz + 1;
    cr_assert_eq(check(err), -1);
}

Test(elf, a_program_with_an_interpreter_is_refused_with_advice, .init = load_test_elf)
{
    char err[160];
    first_load()->p_type = ASTRA_PT_INTERP;
    cr_assert_eq(check(err), -1);
    cr_assert(strstr(err, "dynamically linked"), "%s", err);
    ((struct astra_elf64_ehdr *)elf)->e_type = ASTRA_ET_DYN;
    cr_assert_eq(check(err), -1);
    cr_assert(strstr(err, "PT_INTERP") && strstr(err, "-static-pie"), "%s", err);
}

Test(elf, a_static_pie_loads_at_the_pie_base_with_its_addresses_moved, .init = load_static_pie)
{
    struct elf_image img;
    char err[160] = "";
    cr_assert_eq(elf_check(elf, elf_size, USER_MIN, 0x7ffff7000000ULL, &img, err, sizeof err), 0, "%s", err);
    struct astra_elf64_ehdr *eh = (void *)elf;
    cr_assert_eq(eh->e_type, ASTRA_ET_DYN);
    cr_assert_eq(first_load()->p_vaddr, 0);
    cr_assert_eq(img.base, ELF_PIE_BASE);
    cr_assert_eq(img.entry, ELF_PIE_BASE + eh->e_entry);
    cr_assert_eq(img.phdr_vaddr, ELF_PIE_BASE + eh->e_phoff); /* from the segment holding them */
    cr_assert_gt(img.end, img.entry);
    cr_assert_lt(img.end, ELF_PIE_BASE + elf_size + (1 << 20));
}

Test(elf, a_static_pie_moved_past_user_space_or_with_an_interpreter_is_refused, .init = load_static_pie)
{
    char err[160];
    struct elf_image img;
    /* Its segments at 0 would fit below 64 KiB + 1 MiB; moved to the base they do not. */
    cr_assert_eq(elf_check(elf, elf_size, USER_MIN, ELF_PIE_BASE + 0x10000, &img, err, sizeof err), -1);
    cr_assert(strstr(err, "outside user space"), "%s", err);
    first_load()->p_vaddr = ELF_PIE_BASE;
    cr_assert_eq(check(err), -1);
    load_static_pie();
    struct astra_elf64_ehdr *eh = (void *)elf;
    struct astra_elf64_phdr *ph = (void *)(elf + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == ASTRA_PT_DYNAMIC)
            ph[i].p_type = ASTRA_PT_INTERP;
    cr_assert_eq(check(err), -1);
    cr_assert(strstr(err, "PT_INTERP"), "%s", err);
}

Test(elf, a_static_pie_entry_outside_its_code_is_refused, .init = load_static_pie)
{
    char err[160];
    ((struct astra_elf64_ehdr *)elf)->e_entry = ELF_PIE_BASE + 0x1000; /* already moved: wrong */
    cr_assert_eq(check(err), -1);
    cr_assert(strstr(err, "entry point"), "%s", err);
}

Test(elf, bad_magic_and_bad_entry_are_refused, .init = load_test_elf)
{
    char err[160];
    ((struct astra_elf64_ehdr *)elf)->e_entry = 0x10;
    cr_assert_eq(check(err), -1);
    cr_assert(strstr(err, "entry point"), "%s", err);
    elf[1] = 'X';
    cr_assert_eq(check(err), -1);
    cr_assert_str_eq(err, "not an ELF file (bad magic)");
}

Test(elf, absurd_program_header_counts_are_refused, .init = load_test_elf)
{
    char err[160];
    ((struct astra_elf64_ehdr *)elf)->e_phnum = 0;
    cr_assert_eq(check(err), -1);
    ((struct astra_elf64_ehdr *)elf)->e_phnum = 65535;
    cr_assert_eq(check(err), -1);
    ((struct astra_elf64_ehdr *)elf)->e_phnum = 1;
    ((struct astra_elf64_ehdr *)elf)->e_phoff = (uint64_t)-8;
    cr_assert_eq(check(err), -1);
}

/* ---- frame allocator and page tables ---- */

#define ARENA_FRAMES 512
#define ARENA_PHYS 0x200000ULL
static void *arena;

static void setup_memory(void)
{
    arena = aligned_alloc(4096, ARENA_FRAMES * 4096);
    host_test_direct_map = (uint64_t)arena - ARENA_PHYS;
    pmm_init();
    pmm_release_range(ARENA_PHYS, ARENA_FRAMES * 4096);
}

Test(pmm, hands_out_every_frame_once_then_zero, .init = setup_memory)
{
    static char seen[ARENA_FRAMES];
    cr_assert_eq(pmm_free_frames(), ARENA_FRAMES);
    for (int i = 0; i < ARENA_FRAMES; i++) {
        uint64_t pa = pmm_alloc();
        cr_assert(pa >= ARENA_PHYS && pa < ARENA_PHYS + ARENA_FRAMES * 4096 && pa % 4096 == 0);
        cr_assert_eq(seen[(pa - ARENA_PHYS) / 4096]++, 0, "frame handed out twice");
    }
    cr_assert_eq(pmm_alloc(), 0);
    cr_assert_eq(pmm_free_frames(), 0);
}

Test(pmm, freed_frames_return_and_double_frees_are_reported, .init = setup_memory)
{
    uint64_t a = pmm_alloc(), b = pmm_alloc();
    cr_assert_eq(pmm_free_frames(), ARENA_FRAMES - 2);
    cr_assert_eq(pmm_free(a), 0);
    cr_assert_eq(pmm_free(a), -1);
    cr_assert_eq(pmm_free(b + 1), -1);
    cr_assert_eq(pmm_free(b), 0);
    cr_assert_eq(pmm_free_frames(), ARENA_FRAMES);
    cr_assert_eq(pmm_top(), ARENA_PHYS + ARENA_FRAMES * 4096);
}

Test(pmm, partial_frames_are_not_released_and_reserved_ranges_are_kept, .init = setup_memory)
{
    pmm_init();
    pmm_release_range(ARENA_PHYS + 100, 3 * 4096); /* covers only two whole frames */
    cr_assert_eq(pmm_free_frames(), 2);
    pmm_reserve_range(ARENA_PHYS + 4096, 1);
    cr_assert_eq(pmm_free_frames(), 1);
    cr_assert_eq(pmm_alloc(), ARENA_PHYS + 2 * 4096);
}

Test(vm, maps_translates_and_unmaps_pages, .init = setup_memory)
{
    uint64_t *pml4 = P2V(pmm_alloc());
    memset(pml4, 0, 4096);
    uint64_t frame = pmm_alloc();
    cr_assert_eq(vm_map(pml4, 0x400000, frame, PTE_P | PTE_U), 0);
    cr_assert_eq(vm_translate(pml4, 0x400123), frame + 0x123);
    cr_assert_eq(vm_translate(pml4, 0x401000), 0);
    uint64_t *pte = vm_walk(pml4, 0x400000, 0);
    cr_assert(pte && (*pte & PTE_U));
    cr_assert_eq(vm_unmap(pml4, 0x400000), frame);
    cr_assert_eq(vm_unmap(pml4, 0x400000), 0);
    cr_assert_eq(vm_translate(pml4, 0x400000), 0);
}

Test(vm, intermediate_tables_of_user_addresses_carry_the_user_bit, .init = setup_memory)
{
    uint64_t *pml4 = P2V(pmm_alloc());
    memset(pml4, 0, 4096);
    cr_assert_eq(vm_map(pml4, 0x7fff0000f000ULL, pmm_alloc(), PTE_P | PTE_W | PTE_U), 0);
    cr_assert(pml4[PML4_INDEX(0x7fff0000f000ULL)] & PTE_U);
    cr_assert_null(vm_walk(pml4, 0x1000, 0)); /* nothing created by a lookup */
}

Test(vm, freeing_an_address_space_returns_every_frame, .init = setup_memory)
{
    size_t before = pmm_free_frames();
    uint64_t *pml4 = P2V(pmm_alloc());
    memset(pml4, 0, 4096);
    uint64_t addrs[] = { 0x400000, 0x401000, 0x600000, 0x7f0000000000ULL, 0x7ffffffff000ULL };
    for (int i = 0; i < 5; i++)
        cr_assert_eq(vm_map(pml4, addrs[i], pmm_alloc(), PTE_P | PTE_W | PTE_U), 0);
    cr_assert_lt(pmm_free_frames(), before - 5);
    vm_free_user(pml4);
    cr_assert_eq(pmm_free_frames(), before);
}

Test(vm, running_out_of_frames_gives_enomem, .init = setup_memory)
{
    uint64_t *pml4 = P2V(pmm_alloc());
    memset(pml4, 0, 4096);
    while (pmm_alloc())
        ;
    cr_assert_eq(vm_map(pml4, 0x400000, 0x1000, PTE_P), -ASTRA_ENOMEM);
}

Test(vm, protection_bits_become_pte_flags)
{
    vm_nx_enabled = 1;
    cr_assert_eq(vm_pte_flags(ASTRA_PROT_READ, 1), PTE_P | PTE_U | PTE_NX);
    cr_assert_eq(vm_pte_flags(ASTRA_PROT_READ | ASTRA_PROT_WRITE, 1), PTE_P | PTE_W | PTE_U | PTE_NX);
    cr_assert_eq(vm_pte_flags(ASTRA_PROT_READ | ASTRA_PROT_EXEC, 1), PTE_P | PTE_U);
    cr_assert_eq(vm_pte_flags(ASTRA_PROT_WRITE, 0), PTE_P | PTE_W | PTE_NX);
    /* PROT_NONE keeps the frame but is no user page: any access from user mode faults. */
    cr_assert_eq(vm_pte_flags(0, 1), PTE_P | PTE_NX);
    vm_nx_enabled = 0;
    cr_assert_eq(vm_pte_flags(ASTRA_PROT_READ, 1), PTE_P | PTE_U);
}

/* ---- command line ---- */

Test(cmdline, gives_program_arguments_and_environment_in_order)
{
    static struct boot_args a;
    char err[128];
    cr_assert_eq(cmdline_parse("console=ttyS0 init=/hello arg=one arg= arg=two%20words "
                               "env=A=1 env=B=%25x arg=%00x quiet", &a, err, sizeof err), 0);
    cr_assert_str_eq(a.init, "/hello");
    cr_assert_eq(a.argc, 5);
    cr_assert_str_eq(a.argv[0], "/hello");
    cr_assert_str_eq(a.argv[1], "one");
    cr_assert_str_eq(a.argv[2], "");
    cr_assert_str_eq(a.argv[3], "two words");
    cr_assert_str_eq(a.argv[4], ""); /* %00 ends the C string */
    cr_assert_null(a.argv[5]);
    cr_assert_eq(a.envc, 2);
    cr_assert_str_eq(a.envp[0], "A=1");
    cr_assert_str_eq(a.envp[1], "B=%x");
    cr_assert_null(a.envp[2]);
}

Test(cmdline, tty_asks_for_an_interactive_terminal_and_is_no_argument)
{
    static struct boot_args a;
    char err[128];
    cr_assert_eq(cmdline_parse("init=/sh arg=-c tty=24x80 arg=x", &a, err, sizeof err), 0);
    cr_assert_str_eq(a.tty, "24x80");
    cr_assert_eq(a.argc, 3);
    cr_assert_str_eq(a.argv[1], "-c");
    cr_assert_str_eq(a.argv[2], "x");
    cr_assert_eq(cmdline_parse("init=/sh", &a, err, sizeof err), 0);
    cr_assert_null(a.tty);
}

Test(cmdline, argv0_can_be_chosen)
{
    static struct boot_args a;
    char err[128];
    cr_assert_eq(cmdline_parse("argv0=prog init=/bin/x", &a, err, sizeof err), 0);
    cr_assert_str_eq(a.argv[0], "prog");
    cr_assert_str_eq(a.init, "/bin/x");
}

Test(cmdline, bad_escapes_and_too_many_arguments_are_errors)
{
    static struct boot_args a;
    char err[128];
    cr_assert_eq(cmdline_parse("init=/x arg=%zz", &a, err, sizeof err), -1);
    cr_assert_str_eq(err, "bad %-escape in the kernel command line");
    static char big[CMDLINE_MAX_ARGS * 8];
    size_t n = 0;
    for (int i = 0; i < CMDLINE_MAX_ARGS; i++)
        n += (size_t)sprintf(big + n, "arg=%d ", i % 10);
    cr_assert_eq(cmdline_parse(big, &a, err, sizeof err), -1);
}

/* Found by fuzz/cmdline_fuzz.c: an empty value after the string space was full wrote its NUL
 * one byte past the end of boot_args. */
Test(cmdline, an_empty_value_after_the_string_space_is_full_is_an_error)
{
    static struct {
        struct boot_args a;
        unsigned char guard[16];
    } g;
    memset(g.guard, 0x5a, sizeof g.guard);
    char err[128];
    static char line[CMDLINE_STRINGS + 16];
    memcpy(line, "a=", 2);
    memset(line + 2, 'x', CMDLINE_STRINGS - 1); /* fills the space, with its NUL */
    strcpy(line + 2 + CMDLINE_STRINGS - 1, " b=");
    cr_assert_eq(cmdline_parse(line, &g.a, err, sizeof err), -1);
    cr_assert_str_eq(err, "kernel command line strings exceed 65536 bytes");
    for (size_t i = 0; i < sizeof g.guard; i++)
        cr_assert_eq(g.guard[i], 0x5a);
    line[2 + CMDLINE_STRINGS - 2] = 0; /* one byte less: fits */
    cr_assert_eq(cmdline_parse(line, &g.a, err, sizeof err), 0);
}

/* ---- printf ---- */

Test(printf, formats_like_the_c_library)
{
    char buf[128], want[128];
    ksnprintf(buf, sizeof buf, "%d|%5d|%-5d|%05d|%u|%x|%lx|%lu|%ld|%s|%c|%%|%3s|%p", -42, 7, 7, -7,
              4000000000u, 0xbeefu, 0xffffffff80100000UL, 18446744073709551615UL, -9223372036854775807L,
              "str", 'c', "ab", (void *)0x1234);
    snprintf(want, sizeof want, "%d|%5d|%-5d|%05d|%u|%x|%lx|%lu|%ld|%s|%c|%%|%3s|%p", -42, 7, 7, -7,
             4000000000u, 0xbeefu, 0xffffffff80100000UL, 18446744073709551615UL, -9223372036854775807L,
             "str", 'c', "ab", (void *)0x1234);
    cr_assert_str_eq(buf, want);
    cr_assert_eq(ksnprintf(buf, 4, "abcdef"), 6);
    cr_assert_str_eq(buf, "abc");
}

/* ---- kmalloc ---- */

/* Objects of every size are zeroed and do not overlap; once all are freed, the frames go back
 * but for one spare per size class. */
Test(kmalloc, objects_are_zeroed_distinct_and_their_frames_return, .init = setup_memory)
{
    static const size_t sizes[] = { 1, 16, 17, 48, 100, 240, 500, 1000, 2000, 4000, KMALLOC_MAX };
    enum { PER = 100 };
    static unsigned char *obj[sizeof sizes / sizeof sizes[0]][PER];
    size_t before = pmm_free_frames();
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (int i = 0; i < PER; i++) {
            unsigned char *p = obj[s][i] = kzalloc(sizes[s]);
            cr_assert(p, "size %zu, object %d", sizes[s], i);
            for (size_t b = 0; b < sizes[s]; b++)
                cr_assert_eq(p[b], 0, "size %zu: byte %zu not zeroed", sizes[s], b);
            memset(p, (int)(s * PER + i) & 0xff, sizes[s]);
        }
    cr_assert_lt(pmm_free_frames(), before);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (int i = 0; i < PER; i++)
            for (size_t b = 0; b < sizes[s]; b++)
                cr_assert_eq(obj[s][i][b], (s * PER + i) & 0xff, "size %zu object %d overwritten", sizes[s], i);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (int i = 0; i < PER; i++)
            kfree(obj[s][i]);
    cr_assert_leq(kmalloc_cached_frames(), 8);
    cr_assert_eq(pmm_free_frames() + kmalloc_cached_frames(), before, "frames kept after every object was freed");
    cr_assert_null(kzalloc(KMALLOC_MAX + 1));
}

/* A random mix of allocations and frees against a record of what each object holds; memory
 * running out gives NULL, and everything comes back afterwards. */
Test(kmalloc, random_allocations_and_frees_keep_contents_until_memory_runs_out, .init = setup_memory)
{
    enum { SLOTS = 2000 };
    static unsigned char *obj[SLOTS];
    static size_t len[SLOTS];
    size_t before = pmm_free_frames();
    uint64_t seed = 12345;
    int nulls = 0;
    for (int step = 0; step < 200000; step++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        int i = (int)((seed >> 33) % SLOTS);
        if (obj[i]) {
            for (size_t b = 0; b < len[i]; b++)
                cr_assert_eq(obj[i][b], (unsigned char)(i + len[i]), "slot %d changed", i);
            kfree(obj[i]);
            obj[i] = 0;
        } else {
            len[i] = 1 + (size_t)((seed >> 13) % KMALLOC_MAX);
            obj[i] = kzalloc(len[i]);
            if (!obj[i]) {
                nulls++;
                continue;
            }
            memset(obj[i], (unsigned char)(i + len[i]), len[i]);
        }
    }
    cr_assert_gt(nulls, 0, "the arena (%d frames) should run out", ARENA_FRAMES);
    for (int i = 0; i < SLOTS; i++)
        kfree(obj[i]);
    cr_assert_eq(pmm_free_frames() + kmalloc_cached_frames(), before);
}
