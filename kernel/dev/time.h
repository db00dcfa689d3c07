/* Time: CLOCK_MONOTONIC from the architecture's counter (on x86_64 the TSC, calibrated
 * against the PIT at boot), CLOCK_REALTIME from the battery-backed clock (the CMOS RTC) read
 * at boot plus the monotonic time since, or as clock_settime last set it. The vDSO reads
 * the same clock in user mode (vdso/vvar.h). */
#ifndef ASTRA_KERNEL_TIME_H
#define ASTRA_KERNEL_TIME_H

#include <stdint.h>

void time_init(void);
uint64_t time_monotonic_ns(void);
int64_t time_realtime_ns(void);
/* Sets CLOCK_REALTIME to ns (caller holds the BKL): 0, or -EINVAL for a time before boot. */
long time_set_realtime_ns(int64_t ns);
/* Converts a calendar date (UTC) to seconds since 1970 (pure). */
int64_t time_from_date(int year, int month, int day, int hour, int minute, int second);
uint64_t time_tsc_hz(void);

#endif
