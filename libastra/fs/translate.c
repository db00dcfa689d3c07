#include "../internal/translate.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct { int32_t hermit; int linux_flag; } open_flags[] = {
    { HERMIT_O_CREAT, ASTRA_O_CREAT },       { HERMIT_O_EXCL, ASTRA_O_EXCL },
    { HERMIT_O_TRUNC, ASTRA_O_TRUNC },       { HERMIT_O_APPEND, ASTRA_O_APPEND },
    { HERMIT_O_NONBLOCK, ASTRA_O_NONBLOCK }, { HERMIT_O_DIRECTORY, ASTRA_O_DIRECTORY },
};

static const struct { int32_t hermit; int linux_mode; } access_modes[] = {
    { HERMIT_O_RDONLY, ASTRA_O_RDONLY },
    { HERMIT_O_WRONLY, ASTRA_O_WRONLY },
    { HERMIT_O_RDWR, ASTRA_O_RDWR },
};

#define HERMIT_O_ACCMODE (HERMIT_O_RDONLY | HERMIT_O_WRONLY | HERMIT_O_RDWR)

int astra_open_flags_from_hermit(int32_t flags)
{
    int out = -1;
    for (unsigned i = 0; i < COUNT(access_modes); i++)
        if ((flags & HERMIT_O_ACCMODE) == access_modes[i].hermit)
            out = access_modes[i].linux_mode;
    if (out < 0)
        return -1;
    int32_t known = HERMIT_O_ACCMODE;
    for (unsigned i = 0; i < COUNT(open_flags); i++) {
        known |= open_flags[i].hermit;
        if (flags & open_flags[i].hermit)
            out |= open_flags[i].linux_flag;
    }
    return (flags & ~known) ? -1 : out;
}

int32_t astra_open_flags_to_hermit(int flags)
{
    int32_t out = 0;
    for (unsigned i = 0; i < COUNT(access_modes); i++)
        if ((flags & ASTRA_O_ACCMODE) == access_modes[i].linux_mode)
            out = access_modes[i].hermit;
    for (unsigned i = 0; i < COUNT(open_flags); i++)
        if (flags & open_flags[i].linux_flag)
            out |= open_flags[i].hermit;
    return out;
}

/* File type and permission bits have the same values on both sides (checked at build time
 * below and by the tests); only the timestamps' nanosecond fields narrow to 32 bits. */
_Static_assert(HERMIT_S_IFMT == ASTRA_S_IFMT && HERMIT_S_IFDIR == ASTRA_S_IFDIR &&
                   HERMIT_S_IFREG == ASTRA_S_IFREG && HERMIT_S_IFLNK == ASTRA_S_IFLNK &&
                   HERMIT_S_IFCHR == ASTRA_S_IFCHR && HERMIT_S_IFBLK == ASTRA_S_IFBLK &&
                   HERMIT_S_IFIFO == ASTRA_S_IFIFO && HERMIT_S_IFSOCK == ASTRA_S_IFSOCK,
               "stat mode bits");
_Static_assert(HERMIT_DT_UNKNOWN == ASTRA_DT_UNKNOWN && HERMIT_DT_FIFO == ASTRA_DT_FIFO &&
                   HERMIT_DT_CHR == ASTRA_DT_CHR && HERMIT_DT_DIR == ASTRA_DT_DIR &&
                   HERMIT_DT_BLK == ASTRA_DT_BLK && HERMIT_DT_REG == ASTRA_DT_REG &&
                   HERMIT_DT_LNK == ASTRA_DT_LNK && HERMIT_DT_SOCK == ASTRA_DT_SOCK,
               "dirent64 d_type values");

void astra_stat_to_hermit(const struct astra_stat *in, struct hermit_stat *out)
{
    *out = (struct hermit_stat){
        .st_dev = in->st_dev,
        .st_ino = in->st_ino,
        .st_nlink = in->st_nlink,
        .st_mode = in->st_mode,
        .st_uid = in->st_uid,
        .st_gid = in->st_gid,
        .st_rdev = in->st_rdev,
        .st_size = in->st_size,
        .st_blksize = in->st_blksize,
        .st_blocks = in->st_blocks,
    };
    astra_timespec_to_hermit(&in->st_atim, &out->st_atim);
    astra_timespec_to_hermit(&in->st_mtim, &out->st_mtim);
    astra_timespec_to_hermit(&in->st_ctim, &out->st_ctim);
}

int astra_whence_from_hermit(int32_t whence)
{
    switch (whence) {
    case HERMIT_SEEK_SET: return ASTRA_SEEK_SET;
    case HERMIT_SEEK_CUR: return ASTRA_SEEK_CUR;
    case HERMIT_SEEK_END: return ASTRA_SEEK_END;
    default: return -1;
    }
}

int astra_fcntl_cmd_from_hermit(int32_t cmd)
{
    switch (cmd) {
    case HERMIT_F_DUPFD: return ASTRA_F_DUPFD;
    case HERMIT_F_GETFD: return ASTRA_F_GETFD;
    case HERMIT_F_SETFD: return ASTRA_F_SETFD;
    case HERMIT_F_GETFL: return ASTRA_F_GETFL;
    case HERMIT_F_SETFL: return ASTRA_F_SETFL;
    default: return -1;
    }
}

int astra_eventfd_flags_from_hermit(int16_t flags)
{
    static const struct { int16_t hermit; int linux_flag; } map[] = {
        { HERMIT_EFD_SEMAPHORE, ASTRA_EFD_SEMAPHORE },
        { HERMIT_EFD_NONBLOCK, ASTRA_EFD_NONBLOCK },
        { HERMIT_EFD_CLOEXEC, ASTRA_EFD_CLOEXEC },
    };
    int out = 0, known = 0;
    for (unsigned i = 0; i < COUNT(map); i++) {
        known |= map[i].hermit;
        if (flags & map[i].hermit)
            out |= map[i].linux_flag;
    }
    return (flags & ~known) ? -1 : out;
}

unsigned long astra_ioctl_from_hermit(int32_t cmd)
{
    return cmd == HERMIT_FIONBIO ? ASTRA_FIONBIO : 0;
}
