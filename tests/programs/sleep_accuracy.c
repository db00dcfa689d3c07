/* A 100 ms sleep must take 100 to 150 ms, measured on CLOCK_MONOTONIC; five times over, with
 * a spinning thread competing for the CPU during the last two. */
#include <stdio.h>

#include <astra/astra.h>

static volatile int stop;

static int64_t now_ns(void)
{
    struct hermit_timespec t;
    sys_clock_gettime(HERMIT_CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void spin(size_t unused)
{
    (void)unused;
    while (!stop)
        ;
}

int main(void)
{
    hermit_tid_t spinner = 0;
    int ok = 1;
    for (int i = 0; i < 5; i++) {
        if (i == 3)
            spinner = sys_spawn2(spin, 0, HERMIT_NORMAL_PRIO, 0, -1);
        int64_t t0 = now_ns();
        sys_usleep(100000);
        int64_t ms = (now_ns() - t0) / 1000000;
        if (ms < 100 || ms >= 150) {
            ok = 0;
            fprintf(stderr, "sleep %d took %lld ms\n", i, (long long)ms);
        }
    }
    stop = 1;
    sys_join(spinner);
    printf("100 ms sleeps took 100-150 ms: %s\n", ok ? "yes" : "no");
    return 0;
}
