/* Functions that older hermit-abi releases linked under other names (see compat.h). */
#include "compat.h"


size_t sys_processor_count(void) { return sys_get_processor_count(); }

void sys_wakeup_task(hermit_tid_t tid) { sys_wakeup_taskt(tid); }

int32_t sys_pool(struct hermit_pollfd *fds, hermit_nfds_t nfds, int32_t timeout)
{
    return sys_poll(fds, nfds, timeout);
}

int32_t sys_timedwait(const void *sem, uint32_t ms)
{
    /* Today's sys_sem_timedwait takes the slot sys_sem_init filled, and an absolute
     * CLOCK_REALTIME deadline. */
    hermit_sem_t slot = sem;
    if (ms == 0)
        return sys_sem_timedwait(&slot, 0);
    struct hermit_timespec now;
    int r = sys_clock_gettime(HERMIT_CLOCK_REALTIME, &now);
    if (r < 0)
        return r;
    int64_t nsec = (int64_t)now.tv_nsec + (int64_t)(ms % 1000) * 1000000;
    struct hermit_timespec deadline = {
        .tv_sec = now.tv_sec + (hermit_time_t)(ms / 1000) + nsec / 1000000000,
        .tv_nsec = (int32_t)(nsec % 1000000000),
    };
    return sys_sem_timedwait(&slot, &deadline);
}
