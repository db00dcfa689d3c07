#include "../internal/libc.h"

static struct astra_pthread_attr *attr_of(pthread_attr_t *a) { return (struct astra_pthread_attr *)a; }
static const struct astra_pthread_attr *cattr_of(const pthread_attr_t *a)
{
    return (const struct astra_pthread_attr *)a;
}

int pthread_attr_init(pthread_attr_t *a)
{
    memset(a, 0, sizeof *a);
    attr_of(a)->guard_size = ASTRA_PAGE_SIZE;
    return 0;
}

int pthread_attr_destroy(pthread_attr_t *a)
{
    (void)a;
    return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *a, size_t size)
{
    if (size < PTHREAD_STACK_MIN || size > SIZE_MAX / 4)
        return EINVAL;
    attr_of(a)->stack_addr = 0;
    attr_of(a)->stack_size = size;
    return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *restrict a, size_t *restrict size)
{
    *size = cattr_of(a)->stack_size ? cattr_of(a)->stack_size : 128 * 1024;
    return 0;
}

/* Known only for attributes from pthread_getattr_np. */
int pthread_attr_getstack(const pthread_attr_t *restrict a, void **restrict addr, size_t *restrict size)
{
    if (!cattr_of(a)->stack_addr)
        return EINVAL;
    *addr = cattr_of(a)->stack_addr;
    *size = cattr_of(a)->stack_size;
    return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *a, size_t size)
{
    if (size > SIZE_MAX / 8)
        return EINVAL;
    attr_of(a)->guard_size = size;
    return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *restrict a, size_t *restrict size)
{
    *size = cattr_of(a)->guard_size;
    return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *a, int state)
{
    if ((unsigned)state > PTHREAD_CREATE_DETACHED)
        return EINVAL;
    attr_of(a)->detached = state;
    return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *a, int *state)
{
    *state = cattr_of(a)->detached;
    return 0;
}
