#include "../../internal/lock.h"
#include "../internal/libc.h"

/* Local time from a TZif file (zoneinfo): TZ=":path", TZ="Area/City" under
 * /usr/share/zoneinfo, TZ="UTC", or /etc/localtime when TZ is unset; UTC when none can be
 * read. Times after the file's last transition keep its last offset (the POSIX-TZ footer
 * rule is not applied). Loaded once, and again by tzset(). */
struct tm *astra_libc_fill_tm(time_t t, long offset, struct tm *tm);

#define MAX_TRANSITIONS 2048
#define MAX_TYPES 64

static struct {
    int loaded;
    int count, ntypes;
    int64_t when[MAX_TRANSITIONS];
    unsigned char type[MAX_TRANSITIONS];
    struct { int32_t offset; unsigned char isdst, abbr; } types[MAX_TYPES];
    char abbrs[256];
} zone;
static astra_lock_t zone_lock = ASTRA_LOCK_INIT;

char *tzname[2] = { "UTC", "UTC" };
long timezone;
int daylight;

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static int64_t be64(const unsigned char *p) { return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4)); }

/* Parses the v2 (64-bit) block when there is one, else v1. 0 on success. */
static int parse(const unsigned char *d, size_t n)
{
    if (n < 44 || memcmp(d, "TZif", 4))
        return -1;
    int wide = d[4] >= '2';
    const unsigned char *h = d;
    for (int pass = 0; pass < 1 + wide; pass++) {
        if ((size_t)(h - d) + 44 > n)
            return -1;
        uint32_t isut = be32(h + 20), isstd = be32(h + 24), leap = be32(h + 28);
        uint32_t timecnt = be32(h + 32), typecnt = be32(h + 36), charcnt = be32(h + 40);
        size_t tsize = pass == wide ? (wide ? 8 : 4) : 4;
        size_t len = timecnt * tsize + timecnt + typecnt * 6 + charcnt + leap * (tsize + 4) + isstd + isut;
        const unsigned char *p = h + 44;
        if ((size_t)(p - d) + len > n)
            return -1;
        if (pass < wide) {
            h = p + len;
            continue;
        }
        if (timecnt > MAX_TRANSITIONS || typecnt == 0 || typecnt > MAX_TYPES || charcnt > sizeof zone.abbrs - 1)
            return -1;
        zone.count = (int)timecnt;
        zone.ntypes = (int)typecnt;
        for (uint32_t i = 0; i < timecnt; i++)
            zone.when[i] = tsize == 8 ? be64(p + i * 8) : (int32_t)be32(p + i * 4);
        p += timecnt * tsize;
        for (uint32_t i = 0; i < timecnt; i++)
            zone.type[i] = p[i] < typecnt ? p[i] : 0;
        p += timecnt;
        for (uint32_t i = 0; i < typecnt; i++, p += 6) {
            zone.types[i].offset = (int32_t)be32(p);
            zone.types[i].isdst = p[4];
            zone.types[i].abbr = p[5] < charcnt ? p[5] : 0;
        }
        memcpy(zone.abbrs, p, charcnt);
        zone.abbrs[charcnt] = 0;
        return 0;
    }
    return -1;
}

static void load(void)
{
    zone.count = 0;
    zone.ntypes = 1;
    zone.types[0].offset = 0;
    zone.types[0].isdst = 0;
    zone.types[0].abbr = 0;
    strcpy(zone.abbrs, "UTC");
    const char *tz = getenv("TZ");
    char path[PATH_MAX] = "/etc/localtime";
    if (tz && *tz == ':')
        tz++;
    if (tz && *tz) {
        if (!strcmp(tz, "UTC") || !strcmp(tz, "GMT") || strstr(tz, ".."))
            tz = 0, path[0] = 0;
        else if (*tz == '/')
            strncpy(path, tz, sizeof path - 1);
        else if (strlen(tz) < sizeof path - 32)
            strcat(strcpy(path, "/usr/share/zoneinfo/"), tz);
    }
    static unsigned char data[65536];
    long fd = path[0] ? SYS3(open, path, O_RDONLY | O_CLOEXEC, 0) : -1;
    size_t n = 0;
    if (fd >= 0) {
        long r;
        while (n < sizeof data && (r = SYS3(read, fd, data + n, sizeof data - n)) > 0)
            n += (size_t)r;
        SYS1(close, fd);
        if (parse(data, n) != 0) {
            zone.count = 0;
            zone.ntypes = 1;
            zone.types[0].offset = 0;
            zone.types[0].abbr = 0;
            strcpy(zone.abbrs, "UTC");
        }
    }
    /* tzname and timezone: the standard and daylight types the latest transitions use. */
    int std_type = -1, dst_type = -1;
    for (int i = zone.count - 1; i >= 0 && (std_type < 0 || dst_type < 0); i--) {
        int ty = zone.type[i];
        if (zone.types[ty].isdst && dst_type < 0)
            dst_type = ty;
        if (!zone.types[ty].isdst && std_type < 0)
            std_type = ty;
    }
    for (int i = 0; i < zone.ntypes && std_type < 0; i++)
        if (!zone.types[i].isdst)
            std_type = i;
    if (std_type < 0)
        std_type = 0;
    tzname[0] = zone.abbrs + zone.types[std_type].abbr;
    tzname[1] = dst_type >= 0 ? zone.abbrs + zone.types[dst_type].abbr : tzname[0];
    timezone = -zone.types[std_type].offset;
    daylight = dst_type >= 0;
    zone.loaded = 1;
}

void tzset(void)
{
    astra_lock(&zone_lock);
    load();
    astra_unlock(&zone_lock);
}

/* The type in force at t: the last transition at or before it, else the first standard
 * type (as zic's readers do). */
static int type_at(time_t t)
{
    int lo = 0, hi = zone.count;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (zone.when[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0)
        return zone.type[lo - 1];
    for (int i = 0; i < zone.ntypes; i++)
        if (!zone.types[i].isdst)
            return i;
    return 0;
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
    astra_lock(&zone_lock);
    if (!zone.loaded)
        load();
    int ty = type_at(*t);
    long offset = zone.types[ty].offset;
    int isdst = zone.types[ty].isdst;
    const char *abbr = zone.abbrs + zone.types[ty].abbr;
    astra_unlock(&zone_lock);
    if (!astra_libc_fill_tm(*t, offset, tm))
        return 0;
    tm->tm_isdst = isdst;
    tm->tm_zone = abbr;
    return tm;
}

/* The local time tm names: its UTC reading minus the offset in force then (tried twice, for
 * times near a transition). tm is normalized as localtime_r would fill it. */
time_t mktime(struct tm *tm)
{
    struct tm copy = *tm;
    time_t utc = timegm(&copy), t = utc;
    for (int i = 0; i < 2; i++) {
        struct tm local;
        if (!localtime_r(&t, &local))
            return -1;
        t = utc - local.tm_gmtoff;
    }
    localtime_r(&t, tm);
    return t;
}
