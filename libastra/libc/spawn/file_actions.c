#include <astra/astra.h>

#include "../internal/libc.h"

/* The file actions are libastra's astra_spawn_action records (what the spawning child
 * applies): __pad0 holds their count and capacity, __actions the array; paths are copies. */
int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
    memset(fa, 0, sizeof *fa);
    return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
    struct astra_spawn_action *a = fa->__actions;
    for (int i = 0; i < fa->__pad0[0]; i++)
        free((void *)a[i].path);
    free(a);
    memset(fa, 0, sizeof *fa);
    return 0;
}

static int add(posix_spawn_file_actions_t *fa, struct astra_spawn_action action, const char *path)
{
    if (fa->__pad0[0] == fa->__pad0[1]) {
        int cap = fa->__pad0[1] ? fa->__pad0[1] * 2 : 4;
        struct astra_spawn_action *a = realloc(fa->__actions, (size_t)cap * sizeof *a);
        if (!a)
            return ENOMEM;
        fa->__actions = a;
        fa->__pad0[1] = cap;
    }
    if (path && !(action.path = strdup(path)))
        return ENOMEM;
    ((struct astra_spawn_action *)fa->__actions)[fa->__pad0[0]++] = action;
    return 0;
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
    if (fd < 0 || newfd < 0)
        return EBADF;
    return add(fa, (struct astra_spawn_action){ .op = ASTRA_SPAWN_DUP2, .fd = fd, .newfd = newfd }, 0);
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
    if (fd < 0)
        return EBADF;
    return add(fa, (struct astra_spawn_action){ .op = ASTRA_SPAWN_CLOSE, .fd = fd }, 0);
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa, int fd, const char *restrict path,
                                     int flags, mode_t mode)
{
    if (fd < 0)
        return EBADF;
    return add(fa, (struct astra_spawn_action){ .op = ASTRA_SPAWN_OPEN, .newfd = fd, .flags = flags, .mode = mode },
               path);
}

int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *restrict fa, const char *restrict path)
{
    return add(fa, (struct astra_spawn_action){ .op = ASTRA_SPAWN_CHDIR }, path);
}
