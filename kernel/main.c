/* Boot: console, memory, CPU tables, then the program named on the command line. */
#include <stdint.h>

#include "bkl.h"
#include "cmdline.h"
#include "console.h"
#include "exec.h"
#include "irq.h"
#include "kstring.h"
#include "lapic.h"
#include "layout.h"
#include "machine.h"
#include "multiboot.h"
#include "net/inet.h"
#include "pmm.h"
#include "proc.h"
#include "random.h"
#include "percpu.h"
#include "sched.h"
#include "smp.h"
#include "strace.h"
#include "time.h"
#include "trap.h"
#include "tty.h"
#include "vfs.h"
#include "vm.h"
#include "x86.h"

extern char _bss_end_phys[];
void syscall_entry(void);

static char cmdline[CMDLINE_STRINGS];
static struct boot_args boot_args;
static uint64_t initrd_phys, initrd_size;

/* Copies what the kernel keeps from the multiboot information and gives usable RAM to the
 * frame allocator, keeping the kernel image, the initrd and the low 1 MiB reserved. */
static void read_boot_info(uint32_t info_phys)
{
    const struct multiboot_info *mb = P2V(info_phys);
    if ((mb->flags & MB_INFO_CMDLINE) && strlcpy(cmdline, P2V(mb->cmdline), sizeof cmdline) >= sizeof cmdline)
        panic("the kernel command line is longer than %lu bytes (a very large environment?)",
              (uint64_t)sizeof cmdline - 1);
    if ((mb->flags & MB_INFO_MODS) && mb->mods_count > 0) {
        const struct multiboot_module *m = P2V(mb->mods_addr);
        initrd_phys = m->start;
        initrd_size = m->end - m->start;
    }
    if (!(mb->flags & MB_INFO_MMAP))
        panic("boot loader gave no memory map");
    pmm_init();
    uint64_t total = 0;
    for (uint64_t off = 0; off < mb->mmap_length;) {
        const struct multiboot_mmap_entry *e = P2V(mb->mmap_addr + off);
        if (e->type == 1) {
            pmm_release_range(e->base, e->length);
            total += e->length;
        }
        off += e->size + sizeof e->size;
    }
    pmm_reserve_range(0, 0x100000);
    pmm_reserve_range(KERNEL_LOAD_PHYS, (uint64_t)_bss_end_phys - KERNEL_LOAD_PHYS);
    if (initrd_size)
        pmm_reserve_range(initrd_phys, initrd_size);
    kprintf("astra: %lu MiB of RAM, %lu frames free, initrd %lu bytes\n", total >> 20,
            pmm_free_frames(), initrd_size);
}

static void cpu_init(void)
{
    uint32_t r[4];
    cpuid(7, 0, r);
    uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
    int smep = (r[1] >> 7) & 1, smap = (r[1] >> 20) & 1;
    if (smep)
        cr4 |= CR4_SMEP;
    if (smap)
        cr4 |= CR4_SMAP;
    write_cr4(cr4);
    write_cr0((read_cr0() & ~(uint64_t)CR0_EM) | CR0_MP | CR0_WP);
    kprintf("astra: NX %s, SMEP %s, SMAP %s\n", vm_nx_enabled ? "on" : "absent", smep ? "on" : "absent",
            smap ? "on" : "absent");

    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    wrmsr(MSR_STAR, ((uint64_t)(GDT_USER_DATA - 8 - 3) << 48) | ((uint64_t)GDT_KERNEL_CODE << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    wrmsr(MSR_FMASK, RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_AC);
}

_Noreturn void kmain(uint32_t multiboot_info)
{
    console_init();
    kprintf("astra: booting\n");
    gdt_init(0);
    idt_init();
    percpu_init(0);
    bkl_lock(); /* held from here on whenever this CPU runs kernel code (bkl.h) */
    irq_init();
    read_boot_info(multiboot_info);
    vm_init();
    cpu_init();
    time_init();
    random_init();

    vfs_init();
    if (initrd_size) {
        int files = vfs_populate(P2V(initrd_phys), initrd_size);
        if (files < 0)
            panic("the initrd is not a valid USTAR archive, or memory ran out unpacking it");
        kprintf("astra: %d files from the initrd\n", files);
    }
    console_input_init();
    smp_start();

    char why[128];
    if (cmdline_parse(cmdline, &boot_args, why, sizeof why))
        panic("kernel command line: %s", why);
    if (!boot_args.init)
        panic("no program to run: give init=/path on the kernel command line");
    strace_enabled = boot_args.strace;
    net_init(boot_args.net);
    struct thread *t = exec_first(boot_args.init, boot_args.argv, boot_args.envp);
    if (!t)
        machine_exit(127); /* like a shell's "command not found / cannot execute" */
    tty_start(t->proc, boot_args.tty);
    /* The TSC counts from the machine's power-on (0 at reset), firmware included. */
    uint64_t since_power_on_us = rdtsc() / (time_tsc_hz() / 1000000);
    kprintf("astra: starting %s (pid %d), %lu us after power-on\n", boot_args.init, t->proc->pid,
            since_power_on_us);
    if (sched_init_cpu(0))
        panic("no memory for the idle thread");
    lapic_timer_start(TIMER_HZ);
    sched_start(t);
}
