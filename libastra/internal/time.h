/* Time helpers shared by sleeping and timed waits. */
#ifndef ASTRA_INTERNAL_TIME_H
#define ASTRA_INTERNAL_TIME_H

#include <astra/abi.h>

/* now(clock) + rel, saturating at the largest representable time. */
struct astra_timespec astra_deadline_after(int clock, const struct astra_timespec *rel);

/* Sleeps until the absolute CLOCK_MONOTONIC time (restarting after interruptions). */
int astra_sleep_until(const struct astra_timespec *deadline);

#endif
