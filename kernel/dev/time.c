/* Time from the architecture's counter (arch_counter, calibrated at boot) and its
 * battery-backed clock, read once at boot. */
#include "arch.h"
#include "dev/time.h"
#include "lib/printf.h"

static uint64_t tsc_hz, tsc_at_boot;
static int64_t realtime_at_boot_ns;

int64_t time_from_date(int year, int month, int day, int hour, int minute, int second)
{
    /* Days from civil (Howard Hinnant's algorithm). */
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t yoe = year - era * 400;
    int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return days * 86400 + hour * 3600 + minute * 60 + second;
}

void time_init(void)
{
    tsc_hz = arch_counter_calibrate();
    if (tsc_hz < 1000000)
        panic("time_init: TSC calibration gave %lu Hz", tsc_hz);
    tsc_at_boot = arch_counter();
    struct arch_date d;
    arch_rtc_read(&d);
    realtime_at_boot_ns = time_from_date(d.year, d.month, d.day, d.hour, d.minute, d.second) * 1000000000LL;
    kprintf("astra: TSC %lu.%03lu MHz\n", tsc_hz / 1000000, tsc_hz / 1000 % 1000);
}

uint64_t time_monotonic_ns(void)
{
    uint64_t t = arch_counter() - tsc_at_boot;
    return (uint64_t)((unsigned __int128)t * 1000000000u / tsc_hz);
}

int64_t time_realtime_ns(void) { return realtime_at_boot_ns + (int64_t)time_monotonic_ns(); }

uint64_t time_tsc_hz(void) { return tsc_hz; }
