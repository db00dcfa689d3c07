#include "../internal/libc.h"

/* From sysinfo's loads, fixed-point with 16 fraction bits. */
int getloadavg(double *loads, int n)
{
    struct sysinfo si;
    if (n <= 0)
        return n ? -1 : 0;
    if (sysinfo(&si) < 0)
        return -1;
    if (n > 3)
        n = 3;
    for (int i = 0; i < n; i++)
        loads[i] = (double)si.loads[i] / 65536.0;
    return n;
}
