/* epoll sets. An item names an open file and the descriptor it was added with (Linux's key:
 * two descriptors of one file are two items); it holds no reference, and the file's last
 * put removes it from every set (epoll_forget_file), as Linux does. Readiness is asked of
 * the file each time (file_poll), so level-triggered items need nothing else. Edge-triggered
 * ones remember the count of vfs_events' wake-ups when they were last reported and report
 * again only after a later wake-up: a wake-up by anything re-arms them, so they may report
 * once more than Linux would, never less. Waiters sleep on vfs_events like poll's. */
#include "fs/epoll.h"

#include <astra/abi.h>

#include "mm/kmalloc.h"

/* The events an item may ask for besides what it watches. */
#define ALWAYS (ASTRA_POLLERR | ASTRA_POLLHUP)
#define FLAG_BITS (ASTRA_EPOLLET | ASTRA_EPOLLONESHOT | ASTRA_EPOLLEXCLUSIVE | ASTRA_EPOLLWAKEUP)
#define EXCLUSIVE_OK (ASTRA_POLLIN | ASTRA_POLLOUT | ALWAYS | ASTRA_EPOLLWAKEUP | ASTRA_EPOLLET | ASTRA_EPOLLEXCLUSIVE)
/* Linux's EP_MAX_NESTS: sets inside sets, at most this deep. */
#define MAX_NESTS 4

struct epoll_item {
    struct file *file;
    int fd;
    uint32_t events;            /* asked for, with the EPOLL* flags */
    uint64_t data;
    int disabled;               /* a one-shot item that reported, until MOD */
    uint64_t reported_wakes;    /* vfs_events.wakes when an edge-triggered item last reported */
    struct epoll_item *next;
};

struct epoll {
    struct epoll_item *items;   /* in order of addition; reported items move to the end */
    struct epoll *next, *prev;  /* every set, for epoll_forget_file */
};

static struct epoll *sets;

static int epoll_file_poll(struct file *f);
static void epoll_release(struct inode *ip);

const struct file_ops epoll_file_ops = {
    .poll = epoll_file_poll, .release = epoll_release, .anonymous = 1,
};

int file_is_epoll(const struct file *f) { return f->inode->ops == &epoll_file_ops; }

struct epoll *epoll_new(void)
{
    struct epoll *ep = kzalloc(sizeof *ep);
    if (!ep)
        return 0;
    ep->next = sets;
    if (sets)
        sets->prev = ep;
    sets = ep;
    return ep;
}

static void item_free(struct epoll_item *it)
{
    it->file->epoll_items--;
    kfree(it);
}

static void epoll_release(struct inode *ip)
{
    struct epoll *ep = ip->epoll;
    while (ep->items) {
        struct epoll_item *it = ep->items;
        ep->items = it->next;
        item_free(it);
    }
    if (ep->prev)
        ep->prev->next = ep->next;
    else
        sets = ep->next;
    if (ep->next)
        ep->next->prev = ep->prev;
    kfree(ep);
}

void epoll_forget_file(struct file *f)
{
    for (struct epoll *ep = sets; ep && f->epoll_items; ep = ep->next)
        for (struct epoll_item **pp = &ep->items; *pp;) {
            struct epoll_item *it = *pp;
            if (it->file == f) {
                *pp = it->next;
                item_free(it);
            } else {
                pp = &it->next;
            }
        }
}

/* The events it reports now: what the file is ready for, of what it asked. */
static uint32_t item_ready(struct epoll_item *it)
{
    if (it->disabled)
        return 0;
    uint32_t ready = (uint32_t)file_poll(it->file) & (it->events & ~FLAG_BITS);
    if (ready && (it->events & ASTRA_EPOLLET) && it->reported_wakes == vfs_events.wakes)
        return 0;
    return ready;
}

static int epoll_file_poll(struct file *f)
{
    for (struct epoll_item *it = f->inode->epoll->items; it; it = it->next)
        if (item_ready(it))
            return ASTRA_POLLIN | ASTRA_POLLRDNORM;
    return 0;
}

/* How deep the sets under ep go (1: no set inside), or MAX_NESTS + 1 when that is too deep
 * or target is among them. */
static int depth_below(struct epoll *ep, struct epoll *target, int level)
{
    if (ep == target || level > MAX_NESTS)
        return MAX_NESTS + 1;
    int deepest = 1;
    for (struct epoll_item *it = ep->items; it; it = it->next)
        if (file_is_epoll(it->file)) {
            int d = 1 + depth_below(it->file->inode->epoll, target, level + 1);
            if (d > deepest)
                deepest = d;
        }
    return deepest;
}

/* Only when someone sleeps: a wake-up re-arms every edge-triggered item. */
static void wake_waiters(void)
{
    if (vfs_events.head)
        waitq_wake_all(&vfs_events);
}

/* How deep the sets holding ep go (1: no set holds it), or MAX_NESTS + 1 when too deep. */
static int depth_above(struct epoll *ep, int level)
{
    if (level > MAX_NESTS)
        return MAX_NESTS + 1;
    int deepest = 1;
    for (struct epoll *s = sets; s; s = s->next)
        for (struct epoll_item *it = s->items; it; it = it->next)
            if (file_is_epoll(it->file) && it->file->inode->epoll == ep) {
                int d = 1 + depth_above(s, level + 1);
                if (d > deepest)
                    deepest = d;
            }
    return deepest;
}

static void item_arm(struct epoll_item *it, const struct astra_epoll_event *ev)
{
    it->events = ev->events | ALWAYS;
    it->data = ev->data;
    it->disabled = 0;
    it->reported_wakes = vfs_events.wakes - 1;
}

int epoll_ctl(struct file *epf, int op, struct file *tf, int fd, const struct astra_epoll_event *ev)
{
    struct epoll *ep = epf->inode->epoll;
    if (op != ASTRA_EPOLL_CTL_DEL && (ev->events & ASTRA_EPOLLEXCLUSIVE) &&
        (op == ASTRA_EPOLL_CTL_MOD || file_is_epoll(tf) || (ev->events & ~EXCLUSIVE_OK)))
        return -ASTRA_EINVAL;
    /* No cycles, and no path of sets longer than Linux allows: polling a set polls the sets
     * in it, on the kernel stack. */
    if (op == ASTRA_EPOLL_CTL_ADD && file_is_epoll(tf) &&
        depth_below(tf->inode->epoll, ep, 1) + depth_above(ep, 1) > MAX_NESTS + 1)
        return -ASTRA_ELOOP;
    struct epoll_item **pp = &ep->items;
    while (*pp && ((*pp)->file != tf || (*pp)->fd != fd))
        pp = &(*pp)->next;
    struct epoll_item *it = *pp;
    switch (op) {
    case ASTRA_EPOLL_CTL_ADD:
        if (it)
            return -ASTRA_EEXIST;
        if (!(it = kzalloc(sizeof *it)))
            return -ASTRA_ENOMEM;
        it->file = tf;
        it->fd = fd;
        tf->epoll_items++;
        item_arm(it, ev);
        *pp = it; /* the end of the list */
        wake_waiters(); /* a set containing this one may be ready now */
        return 0;
    case ASTRA_EPOLL_CTL_DEL:
        if (!it)
            return -ASTRA_ENOENT;
        *pp = it->next;
        item_free(it);
        return 0;
    case ASTRA_EPOLL_CTL_MOD:
        if (!it)
            return -ASTRA_ENOENT;
        if (it->events & ASTRA_EPOLLEXCLUSIVE)
            return -ASTRA_EINVAL;
        item_arm(it, ev);
        wake_waiters();
        return 0;
    }
    return -ASTRA_EINVAL;
}

int epoll_collect(struct file *epf, struct astra_epoll_event *out, int max)
{
    struct epoll *ep = epf->inode->epoll;
    struct epoll_item *stay = 0, **stay_end = &stay, *moved = 0, **moved_end = &moved;
    int n = 0;
    for (struct epoll_item *it = ep->items, *next; it; it = next) {
        next = it->next;
        uint32_t ready = n < max ? item_ready(it) : 0;
        if (ready) {
            out[n].events = ready;
            out[n].data = it->data;
            n++;
            if (it->events & ASTRA_EPOLLONESHOT)
                it->disabled = 1;
            it->reported_wakes = vfs_events.wakes;
            *moved_end = it; /* reported items go last: the others' turn comes first */
            moved_end = &it->next;
        } else {
            *stay_end = it;
            stay_end = &it->next;
        }
    }
    *moved_end = 0;
    *stay_end = moved;
    ep->items = stay;
    return n;
}
