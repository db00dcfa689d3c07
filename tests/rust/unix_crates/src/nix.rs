//! nix: unistd, fcntl, signal and stat through the libc crate's linux/musl definitions.
use nix::errno::Errno;
use nix::fcntl::{fcntl, open, FcntlArg, FdFlag, OFlag};
use nix::sys::signal::{self, SigHandler, SigSet, SigmaskHow, Signal};
use nix::sys::stat::{fstat, lstat, stat, Mode, SFlag};
use nix::unistd::{self, close, dup, dup2, getpid, getppid, lseek, pipe, read, write, Whence};
use std::sync::atomic::{AtomicUsize, Ordering};

static USR1: AtomicUsize = AtomicUsize::new(0);

extern "C" fn on_usr1(_: nix::libc::c_int) {
    USR1.fetch_add(1, Ordering::SeqCst);
}

fn main() {
    // unistd
    println!("pid > 0: {}, ppid >= 0: {}", getpid().as_raw() > 0, getppid().as_raw() >= 0);
    let (r, w) = pipe().unwrap();
    println!("write: {:?}", write(w, b"through a pipe"));
    let mut buf = [0u8; 64];
    let n = read(r, &mut buf).unwrap();
    println!("read: {:?}", std::str::from_utf8(&buf[..n]).unwrap());
    let d = dup(w).unwrap();
    let d2 = dup2(w, 100).unwrap();
    println!("dup2 to 100: {d2}");
    close(d).unwrap();
    close(d2).unwrap();
    println!("close twice: {:?}", close(d2));
    close(w).unwrap();
    println!("read at end of pipe: {:?}", read(r, &mut buf));
    close(r).unwrap();
    let dir = std::env::temp_dir().join(format!("nix-probe-{}", getpid()));
    let _ = std::fs::remove_dir_all(&dir);
    nix::unistd::mkdir(&dir, Mode::from_bits_truncate(0o755)).unwrap();
    println!("mkdir again: {:?}", nix::unistd::mkdir(&dir, Mode::from_bits_truncate(0o755)));
    let old = unistd::getcwd().unwrap();
    unistd::chdir(&dir).unwrap();
    println!("cwd is dir: {}", unistd::getcwd().unwrap() == dir);
    unistd::chdir(&old).unwrap();

    // fcntl
    let file = dir.join("f.txt");
    let fd = open(&file, OFlag::O_CREAT | OFlag::O_RDWR | OFlag::O_CLOEXEC, Mode::from_bits_truncate(0o640)).unwrap();
    let fdflags = FdFlag::from_bits_truncate(fcntl(fd, FcntlArg::F_GETFD).unwrap());
    println!("FD_CLOEXEC: {}", fdflags.contains(FdFlag::FD_CLOEXEC));
    fcntl(fd, FcntlArg::F_SETFD(FdFlag::empty())).unwrap();
    println!("FD_CLOEXEC after clear: {}", fcntl(fd, FcntlArg::F_GETFD).unwrap() & 1);
    let fl = OFlag::from_bits_truncate(fcntl(fd, FcntlArg::F_GETFL).unwrap());
    println!("access mode O_RDWR: {}", fl & OFlag::O_ACCMODE == OFlag::O_RDWR);
    fcntl(fd, FcntlArg::F_SETFL(OFlag::O_APPEND)).unwrap();
    let fl = OFlag::from_bits_truncate(fcntl(fd, FcntlArg::F_GETFL).unwrap());
    println!("O_APPEND set: {}", fl.contains(OFlag::O_APPEND));
    write(fd, b"0123456789").unwrap();
    println!("lseek end: {:?}", lseek(fd, 0, Whence::SeekEnd));
    println!("lseek bad whence: {:?}", lseek(fd, -100, Whence::SeekSet));
    println!("open missing: {:?}", open(&dir.join("missing"), OFlag::O_RDONLY, Mode::empty()));
    println!("open O_EXCL existing: {:?}",
             open(&file, OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_WRONLY, Mode::from_bits_truncate(0o600)));
    println!("fcntl bad fd: {:?}", fcntl(9999, FcntlArg::F_GETFD));

    // stat
    let st = fstat(fd).unwrap();
    println!("fstat: size {}, regular {}, mode {:o}", st.st_size,
             SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFREG, st.st_mode & 0o777);
    nix::sys::stat::fchmod(fd, Mode::from_bits_truncate(0o600)).unwrap();
    let st = stat(&file).unwrap();
    println!("stat after fchmod: mode {:o}, nlink {}", st.st_mode & 0o777, st.st_nlink);
    std::os::unix::fs::symlink(&file, dir.join("link")).unwrap();
    let lst = lstat(&dir.join("link")).unwrap();
    println!("lstat symlink: is link {}", SFlag::from_bits_truncate(lst.st_mode) & SFlag::S_IFMT == SFlag::S_IFLNK);
    let dst = stat(&dir).unwrap();
    println!("stat dir: is dir {}", SFlag::from_bits_truncate(dst.st_mode) & SFlag::S_IFMT == SFlag::S_IFDIR);
    println!("stat missing: {:?}", stat(&dir.join("missing")));
    close(fd).unwrap();

    // signal: a handler, kill to self, masks and pending signals.
    let prev = unsafe { signal::signal(Signal::SIGUSR1, SigHandler::Handler(on_usr1)) }.unwrap();
    println!("previous SIGUSR1 handler default: {}", prev == SigHandler::SigDfl);
    signal::kill(getpid(), Signal::SIGUSR1).unwrap();
    println!("SIGUSR1 handled: {}", USR1.load(Ordering::SeqCst));
    let mut set = SigSet::empty();
    set.add(Signal::SIGUSR1);
    signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&set), None).unwrap();
    signal::kill(getpid(), Signal::SIGUSR1).unwrap();
    println!("while blocked: {}", USR1.load(Ordering::SeqCst));
    let mut cur = SigSet::empty();
    signal::sigprocmask(SigmaskHow::SIG_BLOCK, None, Some(&mut cur)).unwrap();
    println!("mask contains SIGUSR1: {}", cur.contains(Signal::SIGUSR1));
    signal::sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&set), None).unwrap();
    println!("after unblock: {}", USR1.load(Ordering::SeqCst));
    let ign = unsafe { signal::signal(Signal::SIGUSR1, SigHandler::SigIgn) }.unwrap();
    signal::kill(getpid(), Signal::SIGUSR1).unwrap();
    println!("ignored: {}, previous was a handler: {}", USR1.load(Ordering::SeqCst),
             matches!(ign, SigHandler::Handler(_)));
    println!("kill bad pid: {:?}", signal::kill(nix::unistd::Pid::from_raw(999_999), Signal::SIGUSR1));
    println!("Errno::ENOENT: {} {}", Errno::ENOENT as i32, Errno::ENOENT.desc());

    std::fs::remove_dir_all(&dir).unwrap();
    println!("done");
}
