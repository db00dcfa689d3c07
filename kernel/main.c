/* Boot: console, memory, CPU tables, then the program named on the command line. */
#include <stdint.h>

#include "arch.h"
#include "dev/console.h"
#include "dev/random.h"
#include "dev/time.h"
#include "dev/tty.h"
#include "fs/vfs.h"
#include "lib/cmdline.h"
#include "lib/kstring.h"
#include "mm/pmm.h"
#include "net/inet.h"
#include "proc/bkl.h"
#include "proc/exec.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "syscall/strace.h"

static char cmdline[CMDLINE_STRINGS];
static struct boot_args boot_args;
static uint64_t initrd_phys, initrd_size;

_Noreturn void kmain(uint32_t boot_info)
{
    console_init();
    kprintf("astra: booting\n");
    gdt_init(0);
    idt_init();
    percpu_init(0);
    bkl_lock(); /* held from here on whenever this CPU runs kernel code (bkl.h) */
    arch_boot_info(boot_info, cmdline, sizeof cmdline, &initrd_phys, &initrd_size);
    vm_init();
    irq_init(); /* maps the I/O APIC: after vm_init */
    arch_cpu_init();
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
    uint64_t since_power_on_us = arch_counter() / (time_tsc_hz() / 1000000);
    kprintf("astra: starting %s (pid %d), %lu us after power-on\n", boot_args.init, t->proc->pid,
            since_power_on_us);
    if (sched_init_cpu(0))
        panic("no memory for the idle thread");
    lapic_timer_start(TIMER_HZ);
    sched_start(t);
}
