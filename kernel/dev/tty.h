/* The console as a terminal: a line discipline between the serial line and the programs
 * (canonical lines with echo and erase, or raw bytes by VMIN/VTIME; ^C, ^\ and ^Z signal the
 * foreground process group), termios, the window size, and the controlling terminal of one
 * session with its foreground group, as Linux's n_tty and tty_jobctrl do it.
 *
 * The console starts raw and controls no session: a program then reads the serial bytes as
 * they come and writes its output byte for byte. With `tty=ROWSxCOLS` on the kernel command
 * line (astra-run --shell) it starts as Linux's default terminal (cooked, echo, signals) and
 * is the controlling terminal of pid 1, which leads session 1. */
#ifndef ASTRA_KERNEL_TTY_H
#define ASTRA_KERNEL_TTY_H

#include <stddef.h>
#include <stdint.h>

struct file;
struct proc;

/* Sets the console up for the first program p: interactive when spec ("ROWSxCOLS") is given. */
void tty_start(struct proc *first, const char *spec);

/* From the serial line (interrupt time): whether another byte can be taken, a byte, the end
 * of the host's input, and the host terminal's new size. */
int tty_input_room(void);
void tty_input(unsigned char c);
void tty_input_eof(void);
void tty_host_resized(unsigned rows, unsigned cols);

/* A read or write of the console through an open file (kernel buffers): bytes or -errno.
 * err_channel: the write is the program's standard error. */
long tty_read(struct file *f, void *buf, size_t n);
long tty_write(struct file *f, const void *buf, size_t n, int err_channel);
/* The poll events the console is ready for. */
int tty_poll(void);
/* A terminal ioctl on the console's open file f (descriptor fd): result or -errno. */
long tty_ioctl(struct file *f, unsigned long request, uint64_t arg);
/* open of /dev/tty: 0, or -ENXIO when the caller has no controlling terminal. */
int tty_open_controlling(void);
/* A session leader ends: its session loses the terminal (SIGHUP to the foreground group). */
void tty_leader_exit(struct proc *p);

#endif
