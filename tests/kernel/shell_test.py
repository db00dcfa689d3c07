#!/usr/bin/env python3
"""A person at a terminal, typing into `astra-run --shell` (Debian's static busybox sh on the
Astra kernel), through a pseudo-terminal: commands, a pipeline, ^C of a running command (the
shell lives on, $? is 130), ^Z of one (the shell reports it stopped; jobs lists it; fg
continues it), background jobs stopped by reading the terminal or writing to it with tostop,
line editing in canonical mode, ^S/^Q, the window size, and `exit 3` ending the machine with
status 3.

  shell_test.py ASTRA_RUN [BUSYBOX]

Skipped (status 77) when busybox-static is not installed."""
import os
import pty
import re
import select
import sys
import time

PROMPT = "tty-test$ "
STEP_TIMEOUT = 60.0
# How long a command gets to be running before a key acts on it (a loaded host runs QEMU slowly).
SETTLE = 3.0
START = time.monotonic()


class Terminal:
    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, env)
        self.text = ""  # everything the terminal showed
        self.seen = 0   # how much of it earlier steps consumed

    def read_some(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:
            data = b""
        if not data:
            raise EOFError
        self.text += data.decode("utf-8", "replace")
        return True

    def expect(self, pattern, what):
        """Waits until pattern shows up after what earlier steps consumed; returns the match."""
        deadline = time.monotonic() + STEP_TIMEOUT
        rx = re.compile(pattern)
        while True:
            m = rx.search(self.text, self.seen)
            if m:
                self.seen = m.end()
                if os.environ.get("SHELL_TEST_VERBOSE"):
                    sys.stderr.write(f"{time.monotonic() - START:7.2f} s  {what}\n")
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                self.read_some(min(left, 1.0))
            except EOFError:
                break
        fail(f"{what}: {pattern!r} never showed; the terminal showed after the last step:\n"
             f"{self.text[self.seen:]!r}")

    def drain(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                self.read_some(max(0.0, end - time.monotonic()))
            except EOFError:
                return

    def type(self, keys):
        os.write(self.fd, keys.encode())

    def command(self, line):
        self.type(line + "\r")
        self.expect(re.escape(line) + r"\r\n", f"the echo of {line!r}")

    def wait_exit(self):
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline:
            try:
                self.read_some(0.2)
            except EOFError:
                pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
        fail("astra-run did not end after exit")


def fail(message):
    sys.stderr.write("FAIL: " + message + "\n")
    sys.exit(1)


def main():
    astra_run = sys.argv[1]
    busybox = sys.argv[2] if len(sys.argv) > 2 else "/bin/busybox"
    if not os.access(busybox, os.X_OK):
        print(f"SKIP: {busybox} (Debian's busybox-static) is not installed")
        return 77
    env = {k: v for k, v in os.environ.items() if k.startswith("ASTRA_")}
    env.update({"PATH": "/usr/bin:/bin", "PS1": PROMPT, "TERM": "vt100", "HOME": "/"})
    t = Terminal([astra_run, "--shell", "--timeout", "600", busybox], env)
    os.set_blocking(t.fd, True)
    import fcntl
    import struct
    import termios
    fcntl.ioctl(t.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 33, 101, 0, 0))

    t.expect(re.escape(PROMPT), "the first prompt")
    t.command("echo hello from astra")
    t.expect(r"hello from astra\r\n" + re.escape(PROMPT), "echo")

    t.command("echo one two three | wc -w")
    t.expect(r"\b3\r\n" + re.escape(PROMPT), "a pipeline")

    t.command("stty size")
    t.expect(r"33 101\r\n" + re.escape(PROMPT), "the window size of the host terminal")
    fcntl.ioctl(t.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # astra-run gets SIGWINCH
    t.drain(1.0)
    t.command("stty size")
    t.expect(r"40 120\r\n" + re.escape(PROMPT), "the window size after the host terminal changed")

    # ^C: SIGINT to the foreground job; the shell survives and reports 128 + 2.
    t.command("echo started; sleep 100")
    t.expect(r"started\r\n", "the command before sleep")
    t.drain(SETTLE)
    t.type("\x03")
    t.expect(re.escape(PROMPT), "the prompt after ^C")
    t.command("echo status=$?")
    t.expect(r"status=130\r\n" + re.escape(PROMPT), "$? after ^C")

    # ^Z: SIGTSTP stops the foreground job; jobs lists it; fg continues it in the foreground.
    t.command("echo started; sleep 100")
    t.expect(r"started\r\n", "the command before sleep")
    t.drain(SETTLE)
    t.type("\x1a")
    t.expect(r"Stopped\s+sleep 100\r\n" + re.escape(PROMPT), "the report of the stopped job")
    t.command("echo status=$?")
    t.expect(r"status=148\r\n" + re.escape(PROMPT), "$? after ^Z")
    t.command("jobs")
    t.expect(r"\[1\]\+?\s+Stopped\s+sleep 100\r\n" + re.escape(PROMPT), "jobs")
    t.command("fg")
    t.expect(r"sleep 100\r\n", "fg naming the job")
    t.drain(1.0)
    t.type("\x03")
    t.expect(re.escape(PROMPT), "the prompt after ^C of the continued job")
    t.command("echo status=$?")
    t.expect(r"status=130\r\n" + re.escape(PROMPT), "$? after fg and ^C")

    # Line editing of the terminal itself (cat reads in canonical mode): erase, then ^D.
    t.command("cat")
    t.drain(2.0)  # typed before cat runs, it would meet the shell's raw mode
    t.type("abx\x7fc\r")
    t.expect(r"abc\r\n", "cat echoing the edited line")
    t.type("\x04")
    t.expect(re.escape(PROMPT), "the prompt after ^D")

    # A background job that reads the terminal stops (SIGTTIN); one that writes stops too
    # once `stty tostop` asks for it (SIGTTOU); fg brings each back.
    t.command("cat &")
    t.expect(re.escape(PROMPT), "the prompt after starting a background job")
    t.drain(SETTLE)
    t.command("jobs")
    t.expect(r"Stopped \(tty input\)\s+cat\r\n" + re.escape(PROMPT), "a background reader stopped")
    t.command("fg")
    t.expect(r"cat\r\n", "fg naming the job")
    t.drain(1.0)
    t.type("typed\r")
    t.expect(r"typed\r\ntyped\r\n", "the continued reader reading")
    t.type("\x04")
    t.expect(re.escape(PROMPT), "the prompt after ^D")
    t.command("stty tostop; echo background output &")
    t.expect(re.escape(PROMPT), "the prompt after starting a background writer")
    t.drain(SETTLE)
    t.command("jobs")
    t.expect(r"Stopped \(tty output\)\s+echo background output\r\n" + re.escape(PROMPT), "a background writer stopped")
    t.command("stty -tostop; fg")
    t.expect(r"background output\r\n" + re.escape(PROMPT), "the writer's output after fg")

    # ^S stops the terminal's output (IXON): even the shell's echo waits, until ^Q.
    t.type("\x13")
    t.drain(0.5)
    t.type("echo held back\r")
    t.drain(SETTLE)
    if "held back" in t.text[t.seen:]:
        fail(f"output went on after ^S: {t.text[t.seen:]!r}")
    t.type("\x11")
    t.expect(r"held back\r\n" + re.escape(PROMPT), "the output after ^Q")

    t.command("exit 3")
    status = t.wait_exit()
    if status != 3:
        fail(f"exit 3 ended astra-run with status {status}")
    print("ok: echo, pipeline, window size, ^C, ^Z/jobs/fg, line editing, SIGTTIN/SIGTTOU, exit status")
    return 0


if __name__ == "__main__":
    sys.exit(main())
