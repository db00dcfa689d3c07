#!/usr/bin/env python3
"""tty_probe's `terminal` case on a terminal, on Linux and on Astra, must print the same: on
Linux in a pseudo-terminal whose session it leads, on Astra as pid 1 of `astra-run --tty` in a
pseudo-terminal of the same size (the console is then its session's controlling terminal).
It checks the terminal ioctls with their errors, raw reads by VMIN/VTIME, /dev/tty, and what
background process groups, a process giving its terminal up and a new session may do.

  terminal_test.py ASTRA_RUN TTY_PROBE"""
import fcntl
import os
import pty
import struct
import sys
import termios


def run_in_pty(argv, env):
    """Runs argv as the session leader of a new 30x90 pseudo-terminal: (output, exit code)."""
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 90, 0, 0))
        os.execve(argv[0], argv, env)
    out = b""
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return out.decode("utf-8", "replace"), os.waitstatus_to_exitcode(status)


def main():
    astra_run, probe = sys.argv[1], sys.argv[2]
    env = {k: v for k, v in os.environ.items() if k.startswith("ASTRA_")}
    env.update({"PATH": "/usr/bin:/bin", "LANG": "C"})
    host, host_status = run_in_pty([probe, "terminal"], env)
    astra, astra_status = run_in_pty([astra_run, "--tty", "--timeout", "120", "--argv0", "tty_probe", probe,
                                      "terminal"], env)
    if host_status != 0 or astra_status != 0 or host != astra:
        sys.stderr.write(f"FAIL: status {astra_status} on Astra, {host_status} on Linux; output on Astra:\n"
                         f"{astra}\non Linux:\n{host}\n")
        return 1
    print(host.replace("\r\n", "\n"), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
