/* Pipes, with Linux's buffering: a ring of PIPE_PAGES page buffers, each with an offset and
 * a length. A write first tops up the last page when its odd part (length modulo the page
 * size) fits there, then fills new pages; so capacity, PIPE_BUF atomicity and partial
 * non-blocking writes come out as on Linux. Data goes straight between user memory and the
 * pages. */
#ifndef ASTRA_KERNEL_PIPE_H
#define ASTRA_KERNEL_PIPE_H

#include <stddef.h>
#include <stdint.h>

#define PIPE_PAGES 16 /* Linux's default pipe size: 16 pages, 64 KiB */

struct pipe;
struct mm;

/* A pipe with one reader and one writer (the two ends pipe2 opens); NULL without memory. */
struct pipe *pipe_new(void);
/* An end's open file went away: the other side sees end of file or EPIPE. */
void pipe_close_end(struct pipe *p, int writer);
/* Frees the pipe and its pages once neither end is open. */
void pipe_free(struct pipe *p);

/* Bytes read into user memory (0 at end of file), -EAGAIN, -EINTR or -EFAULT. May sleep. */
long pipe_read(struct pipe *p, struct mm *mm, uint64_t ubuf, size_t n, int nonblock);
/* Bytes written, -EAGAIN, -EINTR, -EFAULT, -ENOMEM, or -EPIPE (with SIGPIPE to the caller)
 * when no reader is left. May sleep. */
long pipe_write(struct pipe *p, struct mm *mm, uint64_t ubuf, size_t n, int nonblock);
/* The poll events of the read end (readable) or the write end. */
int pipe_poll(struct pipe *p, int writer);
/* What an open pipe end does (the inode's pipe is p). */
extern const struct file_ops pipe_file_ops;
/* The bytes it holds (FIONREAD). */
size_t pipe_bytes(const struct pipe *p);

#endif
