/* The hermit-abi 0.5.2 side of the contract: the constants and layouts Rust std's Hermit
 * backend uses where they differ from the syscall ABI (library/vendor/hermit-abi-0.5.2).
 * Translation to the astra_ ABI happens in one place per kind. */
#ifndef ASTRA_INTERNAL_HERMIT_H
#define ASTRA_INTERNAL_HERMIT_H

#include <stdint.h>

typedef uint32_t hermit_tid_t;

struct hermit_timespec {
    int64_t tv_sec;
    int32_t tv_nsec; /* hermit-abi's timespec has an i32 nanosecond field */
};

#define HERMIT_FUTEX_RELATIVE_TIMEOUT 1u
#define HERMIT_CLOCK_REALTIME 1
#define HERMIT_CLOCK_MONOTONIC 4

#endif
