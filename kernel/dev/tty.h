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

/* The console's files are /dev/stdin, /dev/stdout, /dev/stderr, /dev/tty and /dev/console
 * (their operations are at the end of tty.c, their names in dev/devtab.h). */
/* A session leader ends: its session loses the terminal (SIGHUP to the foreground group). */
void tty_leader_exit(struct proc *p);

#endif
