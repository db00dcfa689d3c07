/* epoll sets: a list of watched (open file, descriptor) pairs, asked for readiness through
 * file_poll when a waiter looks, as poll(2) does; no callbacks from the files. Everything
 * runs under the BKL (fs/vfs.h lists what protects what). */
#ifndef ASTRA_KERNEL_EPOLL_H
#define ASTRA_KERNEL_EPOLL_H

#include <astra/abi.h>

#include "fs/vfs.h"

/* A new, empty set; NULL when memory is exhausted. The inode's release frees it. */
struct epoll *epoll_new(void);
/* Whether f is an epoll set's open file. */
int file_is_epoll(const struct file *f);
/* epoll_ctl on the set of ep's file: op ASTRA_EPOLL_CTL_*, target tf (not ep's own file)
 * known by descriptor fd, ev for ADD and MOD. 0, -EEXIST, -ENOENT, -ELOOP, -EINVAL,
 * -ENOMEM. */
int epoll_ctl(struct file *ep, int op, struct file *tf, int fd, const struct astra_epoll_event *ev);
/* Takes up to max ready events into out (edge-triggered and one-shot items are consumed);
 * how many. Does not sleep. */
int epoll_collect(struct file *ep, struct astra_epoll_event *out, int max);

#endif
