#include <astra/astra.h>

#include "../internal/libc.h"

/* Linux's values (what glibc and musl report there); limits the kernel sets come from it. */
long sysconf(int name)
{
    struct rlimit rl;
    switch (name) {
    case _SC_ARG_MAX: return 131072;
    case _SC_CHILD_MAX:
        return getrlimit(ASTRA_RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY ? (long)rl.rlim_cur : -1;
    case _SC_CLK_TCK: return 100;
    case _SC_NGROUPS_MAX: return 65536;
    case _SC_OPEN_MAX:
        return getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY ? (long)rl.rlim_cur : -1;
    case _SC_PAGESIZE: return (long)ASTRA_PAGE_SIZE;
    case _SC_IOV_MAX: return ASTRA_IOV_MAX;
    case _SC_GETGR_R_SIZE_MAX:
    case _SC_GETPW_R_SIZE_MAX: return -1;
    case _SC_LOGIN_NAME_MAX: return 256;
    case _SC_HOST_NAME_MAX: return 64;
    case _SC_SYMLOOP_MAX: return -1;
    case _SC_THREAD_STACK_MIN: return PTHREAD_STACK_MIN;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN: return (long)sys_available_parallelism();
    case _SC_MINSIGSTKSZ:
    case _SC_SIGSTKSZ: {
        unsigned long min = getauxval(51); /* AT_MINSIGSTKSZ */
        if (min < MINSIGSTKSZ)
            min = MINSIGSTKSZ;
        return name == _SC_MINSIGSTKSZ ? (long)min : (long)(min + SIGSTKSZ - MINSIGSTKSZ);
    }
    default: return astra_libc_ret(-EINVAL);
    }
}

int getpagesize(void) { return (int)ASTRA_PAGE_SIZE; }
