/* The PC's clocks: the TSC as the kernel's counter, calibrated against PIT channel 2, and
 * the CMOS real-time clock. */
#include "arch.h"

/* One window of ms milliseconds of PIT channel 2 (1.193182 MHz, one-shot: 11932 ticks for
 * 10 ms) against the TSC.
 * The window's start lies between two TSC reads around the gate's restart. Its end lies
 * after the last status read that said "not yet", so after the TSC read before that one,
 * and before the read after the status that said "expired"; *spread is the sum of both
 * uncertainties. A vCPU the host stops anywhere near either end widens its uncertainty.
 * (Bracketing the end by the TSC read just before the "expired" status instead missed a
 * stop between the last "not yet" and that read: seen at boot under load, 3117 MHz with a
 * spread of 10,000 ticks for a 2596 MHz TSC.) */
static uint64_t calibrate_tsc(uint32_t ms, uint64_t *spread)
{
    const uint32_t pit_hz = 1193182, count = pit_hz * ms / 1000;
    outb(0x61, (inb(0x61) & ~0x02) | 0x01); /* gate on, speaker off */
    outb(0x43, 0xb0);                       /* channel 2, lobyte/hibyte, mode 0 */
    outb(0x42, count & 0xff);
    outb(0x42, (count >> 8) & 0xff);
    uint8_t g = inb(0x61);
    outb(0x61, g & ~0x01); /* restart the count by toggling the gate */
    uint64_t before = rdtsc();
    outb(0x61, g | 0x01);
    uint64_t after = rdtsc(), prev = after, now = after, end;
    for (;;) {
        prev = now;
        now = rdtsc();
        if (inb(0x61) & 0x20)
            break;
    }
    end = rdtsc();
    *spread = (after - before) + (end - prev);
    return ((prev + end) / 2 - (before + after) / 2) * 1000 / ms;
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

/* A window counts as clean when its spread is within 1 ppm of a second (2,600 ticks at
 * 2.6 GHz; clean ones under QEMU: about 800). A 1 ms window first lets QEMU translate the
 * code (the first 10 ms window's spread was about 130,000: never clean). Calibration ends
 * at the second clean window that agrees with an earlier clean one within 50 ppm: 21 ms on
 * a quiet machine, instead of 70 for the seven windows it took before. From the ninth window on, one clean window will do; a
 * host too busy to give one in 30 windows (300 ms) gets the smallest spread. */
#define CALIBRATION_WINDOWS 30
#define CALIBRATION_ONE_CLEAN 9
static uint64_t counter_hz;

uint64_t arch_counter_calibrate(void)
{
    uint64_t best_spread = UINT64_MAX, hz = 0, clean[CALIBRATION_WINDOWS];
    unsigned n_clean = 0;
    uint64_t spread;
    calibrate_tsc(1, &spread);
    for (int i = 0; i < CALIBRATION_WINDOWS; i++) {
        uint64_t estimate = calibrate_tsc(10, &spread);
        if (spread < best_spread)
            best_spread = spread, hz = estimate;
        if (spread <= estimate / 1000000) {
            for (unsigned k = 0; k < n_clean; k++) {
                uint64_t diff = estimate > clean[k] ? estimate - clean[k] : clean[k] - estimate;
                if (diff <= estimate / 20000)
                    return counter_hz = estimate;
            }
            clean[n_clean++] = estimate;
        }
        if (n_clean && i + 1 >= CALIBRATION_ONE_CLEAN)
            break; /* hz is a clean window's: the clean ones have the smallest spreads */
    }
    return counter_hz = hz;
}

void arch_delay_ns(uint64_t ns)
{
    uint64_t start = rdtsc(), ticks = (uint64_t)((unsigned __int128)ns * counter_hz / 1000000000u);
    while (rdtsc() - start < ticks)
        __asm__ volatile("pause");
}
