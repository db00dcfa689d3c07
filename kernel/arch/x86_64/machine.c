#include "lib/printf.h"
#include "machine.h"
#include "x86.h"

static _Noreturn void power_off(uint32_t code)
{
    cli();
    outl(0xf4, code);
    for (;;)
        hlt(); /* without the debug-exit device: stay halted */
}

_Noreturn void machine_exit(int status)
{
    kprintf("astra: exit status %d\n", status);
    power_off((uint32_t)status & 0x7f);
}

_Noreturn void machine_panic_exit(void) { power_off(0x7f); }
