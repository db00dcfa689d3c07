/* Reports the main thread's static TLS as crt0 built it: .tdata initialised, .tbss zeroed,
 * alignment honoured, %fs:0 pointing to itself, and the stack-protector canary. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static _Thread_local int tdata_int = 0x12345678;
static _Thread_local char tdata_str[16] = "astra-tls";
static _Thread_local long tbss_words[64];
static _Thread_local _Alignas(64) unsigned char aligned64[64] = { 0xab };

int main(void)
{
    int tbss_zero = 1;
    for (unsigned i = 0; i < sizeof tbss_words / sizeof tbss_words[0]; i++)
        tbss_zero &= tbss_words[i] == 0;
    uintptr_t self, canary;
    __asm__("mov %%fs:0, %0" : "=r"(self));
    __asm__("mov %%fs:0x28, %0" : "=r"(canary));

    printf("tdata_int=0x%x\n", tdata_int);
    printf("tdata_str=%s\n", tdata_str);
    printf("tbss_zero=%d\n", tbss_zero);
    printf("aligned64_mod=%u\n", (unsigned)((uintptr_t)aligned64 % 64));
    printf("aligned64_first=0x%x\n", aligned64[0]);
    printf("tls_below_tp=%d\n", (uintptr_t)&tdata_int < self && (uintptr_t)aligned64 < self);
    printf("canary_low_byte=%u\n", (unsigned)(canary & 0xff));
    printf("canary_nonzero=%d\n", canary != 0);
    printf("canary=%016lx\n", (unsigned long)canary);

    tdata_int++;
    tbss_words[3] = 7;
    printf("writable=%d\n", tdata_int == 0x12345679 && tbss_words[3] == 7);
    return 0;
}
