/* Reads the clocks through libastra's contract N times (argv[1]) and checks what it reads:
 * CLOCK_MONOTONIC never goes back, CLOCK_REALTIME is within 60 s of argv[2] (the caller's
 * time in seconds), a bad clock is EINVAL, a bad pointer EFAULT (never a crash), also after
 * good calls. tests/vdso_test.py counts its clock_gettime system calls. */
#include <astra/astra.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    long n = atol(argv[1]), host_now = atol(argv[2]);
    struct hermit_timespec prev = { 0, 0 }, t;
    for (long i = 0; i < n; i++) {
        if (sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &t) != 0)
            return printf("monotonic failed\n"), 1;
        if (t.tv_nsec < 0 || t.tv_nsec >= 1000000000 || t.tv_sec < prev.tv_sec ||
            (t.tv_sec == prev.tv_sec && t.tv_nsec < prev.tv_nsec))
            return printf("monotonic went back\n"), 1;
        prev = t;
    }
    struct hermit_timespec real;
    for (long i = 0; i < n; i++)
        if (sys_clock_gettime(HERMIT_CLOCK_REALTIME, &real) != 0)
            return printf("realtime failed\n"), 1;
    long skew = real.tv_sec - host_now;
    printf("realtime within 60 s: %s\n", skew > -60 && skew < 60 ? "yes" : "no");
    printf("bad clock: %d\n", sys_clock_gettime(77, &t));
    printf("null pointer: %d\n", sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, NULL));
    printf("kernel pointer: %d\n",
           sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, (void *)0xffffffff80000000UL));
    printf("good again: %d\n", sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &t));
    return 0;
}
