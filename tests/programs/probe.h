/* Helpers shared by the test probes (Astra programs whose output the tests compare). */
#ifndef ASTRA_TEST_PROBE_H
#define ASTRA_TEST_PROBE_H

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <astra/abi.h>

/* A raw syscall result as the probes print it: the value, or the Linux errno's name. */
static inline const char *probe_result(long r)
{
    static char buf[32];
    if (r >= 0) {
        snprintf(buf, sizeof buf, "%ld", r);
        return buf;
    }
    switch (-r) {
#define PROBE_NAME(e, n) case n: return #e;
        ASTRA_ERRNO_LIST(PROBE_NAME)
#undef PROBE_NAME
    }
    return "?";
}

/* Resident memory in KiB from /proc/self/statm (Linux's and Astra's), or -1. */
static inline long probe_resident_kib(void)
{
    char buf[128] = { 0 };
    int fd = open("/proc/self/statm", O_RDONLY);
    if (fd < 0 || read(fd, buf, sizeof buf - 1) <= 0)
        return -1;
    close(fd);
    long size, resident;
    sscanf(buf, "%ld %ld", &size, &resident);
    return resident * 4;
}

#endif
