#include "newlib_layer.h"

/* newlib (for x86_64-elf) numbers signals as BSD does, Linux as System V did: only 1-6, 8, 9,
 * 11 and 13-15 agree. Each of newlib's 31 signals maps to one of Linux's 31 classic ones;
 * the two without a counterpart pair with the two left over on Linux's side: SIGEMT with
 * SIGSTKFLT (both obsolete hardware traps) and SIGLOST with SIGPWR (Linux once defined
 * SIGLOST as SIGPWR). Linux's real-time signals (32-64) keep their numbers. */
static const unsigned char linux_of_newlib[32] = {
    [1] = 1,   [2] = 2,   [3] = 3,   [4] = 4,   [5] = 5,   [6] = 6,   [7] = 16,  [8] = 8,
    [9] = 9,   [10] = 7,  [11] = 11, [12] = 31, [13] = 13, [14] = 14, [15] = 15, [16] = 23,
    [17] = 19, [18] = 20, [19] = 18, [20] = 17, [21] = 21, [22] = 22, [23] = 29, [24] = 24,
    [25] = 25, [26] = 26, [27] = 27, [28] = 28, [29] = 30, [30] = 10, [31] = 12,
};

int astra_newlib_signal_to_linux(int sig)
{
    return sig > 0 && sig < 32 ? linux_of_newlib[sig] : sig;
}

int astra_newlib_signal_from_linux(int sig)
{
    for (int s = 1; s < 32; s++)
        if (linux_of_newlib[s] == sig)
            return s;
    return sig;
}
