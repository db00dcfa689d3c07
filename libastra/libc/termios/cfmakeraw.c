#include "../internal/libc.h"

/* The flags of raw mode, as glibc and musl set them. */
void cfmakeraw(struct termios *t)
{
    t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~(tcflag_t)OPOST;
    t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t->c_cflag |= CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

/* The line speed lives in c_cflag's CBAUD bits (Linux's termios has no separate input
 * speed: B0 input means "same as output"). */
speed_t cfgetospeed(const struct termios *t) { return t->c_cflag & CBAUD; }

speed_t cfgetispeed(const struct termios *t) { return cfgetospeed(t); }

int cfsetospeed(struct termios *t, speed_t speed)
{
    if (speed & ~(speed_t)CBAUD)
        return (int)astra_libc_ret(-EINVAL);
    t->c_cflag = (t->c_cflag & ~(tcflag_t)CBAUD) | speed;
    return 0;
}

int cfsetispeed(struct termios *t, speed_t speed) { return speed ? cfsetospeed(t, speed) : 0; }

int cfsetspeed(struct termios *t, speed_t speed) { return cfsetospeed(t, speed); }
