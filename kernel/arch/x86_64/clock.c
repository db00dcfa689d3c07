/* The PC's clocks: the TSC as the kernel's counter, calibrated against PIT channel 2, and
 * the CMOS real-time clock. */
#include "arch.h"

/* Counts TSC ticks during 10 ms measured by PIT channel 2 (1.193182 MHz) in one-shot mode:
 * 11932 PIT ticks, so the estimate is within about 0.01%. */
/* One 10 ms window of PIT channel 2 against the TSC. The window's start lies between two TSC
 * reads around the gate's restart, and its end between the last read before the expired
 * status and the read after it; *spread is the sum of both uncertainties. A vCPU the host
 * stops at the wrong moment widens one of them: the caller keeps the window with the
 * smallest spread (taking the smallest or largest estimate instead keeps an outlier). */
static uint64_t calibrate_tsc(uint64_t *spread)
{
    const uint32_t pit_hz = 1193182, ms = 10, count = pit_hz * ms / 1000;
    outb(0x61, (inb(0x61) & ~0x02) | 0x01); /* gate on, speaker off */
    outb(0x43, 0xb0);                       /* channel 2, lobyte/hibyte, mode 0 */
    outb(0x42, count & 0xff);
    outb(0x42, (count >> 8) & 0xff);
    uint8_t g = inb(0x61);
    outb(0x61, g & ~0x01); /* restart the count by toggling the gate */
    uint64_t before = rdtsc();
    outb(0x61, g | 0x01);
    uint64_t after = rdtsc(), last, end;
    do {
        last = rdtsc();
    } while (!(inb(0x61) & 0x20));
    end = rdtsc();
    *spread = (after - before) + (end - last);
    return ((last + end) / 2 - (before + after) / 2) * 1000 / ms;
}

static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

void arch_rtc_read(struct arch_date *date)
{
    uint8_t s, m, h, d, mo, y, c, again;
    do {
        while (cmos(0x0a) & 0x80) /* update in progress */
            ;
        s = cmos(0x00), m = cmos(0x02), h = cmos(0x04), d = cmos(0x07), mo = cmos(0x08);
        y = cmos(0x09), c = cmos(0x32);
        again = cmos(0x00) != s;
    } while (again);
    uint8_t b = cmos(0x0b);
    if (!(b & 0x04)) { /* BCD */
#define BCD(x) ((uint8_t)(((x) & 0x0f) + ((x) >> 4) * 10))
        s = BCD(s), m = BCD(m), h = (uint8_t)(BCD(h & 0x7f) | (h & 0x80)), d = BCD(d), mo = BCD(mo);
        y = BCD(y), c = BCD(c);
    }
    if (!(b & 0x02) && (h & 0x80)) /* 12-hour clock, PM */
        h = (uint8_t)(((h & 0x7f) + 12) % 24);
    *date = (struct arch_date){ .year = (c >= 19 && c <= 30 ? c : 20) * 100 + y, .month = mo, .day = d, .hour = h,
                                .minute = m, .second = s };
}

/* A guest CPU that the host deschedules during a window counts too many TSC ticks, never too
 * few: the window with the smallest spread is the closest. */
static uint64_t counter_hz;

uint64_t arch_counter_calibrate(void)
{
    uint64_t best_spread = UINT64_MAX, hz = 0;
    for (int i = 0; i < 7; i++) {
        uint64_t spread, estimate = calibrate_tsc(&spread);
        if (spread < best_spread)
            best_spread = spread, hz = estimate;
    }
    counter_hz = hz;
    return hz;
}

void arch_delay_ns(uint64_t ns)
{
    uint64_t start = rdtsc(), ticks = (uint64_t)((unsigned __int128)ns * counter_hz / 1000000000u);
    while (rdtsc() - start < ticks)
        __asm__ volatile("pause");
}
