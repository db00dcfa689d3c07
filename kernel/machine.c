#include "console.h"
#include "machine.h"
#include "x86.h"

_Noreturn void machine_exit(int status)
{
    cli();
    if (status != MACHINE_EXIT_PANIC)
        kprintf("astra: exit status %d\n", status);
    outl(0xf4, (uint32_t)status & 0x7f);
    for (;;)
        hlt(); /* without the debug-exit device: stay halted */
}
