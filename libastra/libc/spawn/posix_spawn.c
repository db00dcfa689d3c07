#include <astra/astra.h>

#include "../../internal/exec.h"
#include "../internal/libc.h"

_Static_assert(sizeof(posix_spawn_file_actions_t) == 80, "musl's posix_spawn_file_actions_t");
_Static_assert(sizeof(posix_spawnattr_t) == 336, "musl's posix_spawnattr_t");

struct setup {
    const posix_spawnattr_t *attr;
    uint64_t parent_mask;
};

/* In the child, every signal blocked: handlers live in the parent's memory, so caught
 * signals go back to their default action (and those of the SETSIGDEF set) before the mask
 * opens. Raw system calls only. */
static long child_setup(void *p)
{
    const struct setup *s = p;
    const posix_spawnattr_t *a = s->attr;
    int flags = a ? a->__flags : 0;
    for (int sig = 1; sig <= ASTRA_NSIG; sig++) {
        struct astra_sigaction old, dfl = { .handler = ASTRA_SIG_DFL };
        if (sig == SIGKILL || sig == SIGSTOP || SYS4(rt_sigaction, sig, 0, &old, sizeof old.mask) != 0)
            continue;
        int reset = (flags & POSIX_SPAWN_SETSIGDEF) && sigismember(&a->__def, sig) == 1;
        if (reset || old.handler > ASTRA_SIG_IGN)
            SYS4(rt_sigaction, sig, &dfl, 0, sizeof dfl.mask);
    }
    long r = 0;
    if (flags & POSIX_SPAWN_SETSID)
        r = SYS0(setsid);
    if (r >= 0 && (flags & POSIX_SPAWN_SETPGROUP))
        r = SYS2(setpgid, 0, a->__pgrp);
    if (r >= 0 && (flags & POSIX_SPAWN_RESETIDS)) {
        r = SYS1(setgid, SYS0(getgid));
        if (r >= 0)
            r = SYS1(setuid, SYS0(getuid));
    }
    uint64_t mask = flags & POSIX_SPAWN_SETSIGMASK ? a->__mask.__bits[0] : s->parent_mask;
    SYS4(rt_sigprocmask, SIG_SETMASK, &mask, 0, sizeof mask);
    return r < 0 ? r : 0;
}

/* On libastra's spawn (process/spawn.c: a vfork-style clone whose child applies the
 * attributes and file actions, then execs). The scheduling attributes have no effect: the
 * kernel has one policy. Returns the error number; an exec failure is reported here, not as
 * exit status 127. */
static int spawn(pid_t *restrict pid, const char *path, const char *search, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *restrict attr, char *const argv[], char *const envp[])
{
    struct setup s = { attr, 0 };
    astra_libc_block_all(&s.parent_mask);
    long r = astra_spawn(path, search, argv, envp ? envp : __environ, fa ? fa->__actions : 0,
                         fa ? (size_t)fa->__pad0[0] : 0, child_setup, &s);
    astra_libc_restore_mask(&s.parent_mask);
    if (r < 0)
        return (int)-r;
    if (pid)
        *pid = (pid_t)r;
    return 0;
}

int posix_spawn(pid_t *restrict pid, const char *restrict path, const posix_spawn_file_actions_t *fa,
                const posix_spawnattr_t *restrict attr, char *const argv[restrict], char *const envp[restrict])
{
    return spawn(pid, path, 0, fa, attr, argv, envp);
}

int posix_spawnp(pid_t *restrict pid, const char *restrict file, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *restrict attr, char *const argv[restrict], char *const envp[restrict])
{
    const char *search = getenv("PATH");
    return spawn(pid, file, search ? search : "/usr/local/bin:/bin:/usr/bin", fa, attr, argv, envp);
}
