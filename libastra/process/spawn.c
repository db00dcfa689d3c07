#include <astra/astra.h>

#include "../internal/exec.h"
#include "../internal/spawn.h"
#include "../internal/syscall.h"

#define CHILD_STACK (64 * 1024)

struct spawn_request {
    const char *path, *search;
    char *const *argv, *const *envp;
    const struct astra_spawn_action *actions;
    size_t nactions;
    long (*setup)(void *);
    void *setup_arg;
    volatile long error; /* written by the child, which shares our memory until it execs */
};

static long apply_action(const struct astra_spawn_action *a)
{
    long r;
    switch (a->op) {
    case ASTRA_SPAWN_DUP2:
        if (a->fd == a->newfd) {
            r = astra_syscall3(ASTRA_NR_fcntl, a->fd, ASTRA_F_GETFD, 0);
            if (r >= 0)
                r = astra_syscall3(ASTRA_NR_fcntl, a->fd, ASTRA_F_SETFD, r & ~ASTRA_FD_CLOEXEC);
            return r;
        }
        return astra_syscall2(ASTRA_NR_dup2, a->fd, a->newfd);
    case ASTRA_SPAWN_CLOSE:
        r = astra_syscall1(ASTRA_NR_close, a->fd);
        return r == -ASTRA_EBADF ? 0 : r; /* closing what is not open is no error, as in posix_spawn */
    case ASTRA_SPAWN_OPEN:
        r = astra_syscall3(ASTRA_NR_open, (long)a->path, a->flags, a->mode);
        if (r < 0 || r == a->newfd)
            return r;
        {
            long d = astra_syscall2(ASTRA_NR_dup2, r, a->newfd);
            astra_syscall1(ASTRA_NR_close, r);
            return d;
        }
    case ASTRA_SPAWN_CHDIR:
        return astra_syscall1(ASTRA_NR_chdir, (long)a->path);
    default:
        return -ASTRA_EINVAL;
    }
}

/* Runs in the child, on its own stack but in the parent's memory: only raw system calls
 * (no errno, no allocation, no locks). */
static void spawn_child(void *arg)
{
    struct spawn_request *req = arg;
    long r = req->setup ? req->setup(req->setup_arg) : 0;
    for (size_t i = 0; i < req->nactions && r >= 0; i++)
        r = apply_action(&req->actions[i]);
    if (r >= 0)
        r = astra_exec_search(req->path, req->search, req->argv, req->envp, 0);
    req->error = r < 0 ? r : -ASTRA_EINVAL;
    astra_syscall1(ASTRA_NR_exit_group, 127);
}

long astra_spawn(const char *path, const char *search, char *const argv[], char *const envp[],
                 const struct astra_spawn_action *actions, size_t nactions, long (*setup)(void *),
                 void *setup_arg)
{
    if (!path || !argv || !envp || (nactions && !actions))
        return -ASTRA_EFAULT;
    if (!*path)
        return -ASTRA_ENOENT;
    long m = astra_syscall6(ASTRA_NR_mmap, 0, CHILD_STACK, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                            ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
    if (astra_is_err(m))
        return m;
    struct spawn_request req = { path, search, argv, envp, actions, nactions, setup, setup_arg, 0 };
    /* CLONE_VFORK: we resume once the child has executed the program or exited. */
    long pid = astra_clone(ASTRA_CLONE_VM | ASTRA_CLONE_VFORK | ASTRA_SIGCHLD, (char *)m + CHILD_STACK,
                           0, 0, 0, spawn_child, &req);
    astra_syscall2(ASTRA_NR_munmap, m, CHILD_STACK);
    if (pid < 0)
        return pid;
    if (req.error) {
        int status;
        while (astra_syscall4(ASTRA_NR_wait4, pid, (long)&status, 0, 0) == -ASTRA_EINTR)
            ;
        return req.error;
    }
    return pid;
}

int32_t sys_spawn_process(const char *path, const char *search, char *const argv[], char *const envp[],
                          const struct astra_spawn_action *actions, size_t nactions)
{
    return (int32_t)astra_ret(astra_spawn(path, search, argv, envp, actions, nactions, 0, 0));
}
