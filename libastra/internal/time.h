/* Time helpers shared by sleeping and timed waits. */
#ifndef ASTRA_INTERNAL_TIME_H
#define ASTRA_INTERNAL_TIME_H

#include <astra/abi.h>

/* Finds the kernel's vDSO clock and getcpu (AT_SYSINFO_EHDR) once, at process start-up. */
void astra_vdso_init(void);

/* clock_gettime for a timespec of libastra's own (never a caller's unchecked pointer):
 * through the vDSO when the kernel maps one, else the system call. 0 or -errno. */
long astra_clock_gettime(int clock, struct astra_timespec *ts);

/* The vDSO's getcpu (Linux's __vdso_getcpu: cpu and node may be null; 0 or -errno), or null
 * when the kernel maps no vDSO or one without it; the caller then makes the system call
 * (libc/linux/sched_getcpu.c). */
typedef long (*astra_vdso_getcpu_fn)(unsigned *cpu, unsigned *node, void *cache);
astra_vdso_getcpu_fn astra_vdso_getcpu(void);

/* now(clock) + rel, saturating at the largest representable time. */
struct astra_timespec astra_deadline_after(int clock, const struct astra_timespec *rel);

/* Sleeps until the absolute CLOCK_MONOTONIC time (restarting after interruptions). */
int astra_sleep_until(const struct astra_timespec *deadline);

#endif
