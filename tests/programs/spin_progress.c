/* Two threads spin without making a single system call; the main thread sleeps, then checks
 * that both made progress. Without a preemptive scheduler on one CPU it would never wake. */
#include <stdio.h>

#include <astra/astra.h>

static volatile unsigned long counters[2];
static volatile int stop;

static void spin(size_t i)
{
    while (!stop)
        counters[i]++;
}

int main(void)
{
    hermit_tid_t t[2];
    for (size_t i = 0; i < 2; i++)
        t[i] = sys_spawn2(spin, i, HERMIT_NORMAL_PRIO, 0, -1);
    sys_usleep(300000);
    unsigned long a = counters[0], b = counters[1];
    sys_usleep(100000);
    int still = counters[0] > a && counters[1] > b;
    stop = 1;
    sys_join(t[0]);
    sys_join(t[1]);
    printf("both threads progressed: %s\n", a && b && still ? "yes" : "no");
    return 0;
}
