//! libastra's C API beyond hermit-abi: the calls the Astra overlay modules need.
//! Every function returns its result (>= 0) or `-errno` with Linux's values, so
//! `crate::sys::cvt` turns it into an `io::Error` in one place.

#![allow(dead_code)]

use crate::ffi::c_char;
use crate::os::hermit::hermit_abi::timespec;

/// `timespec::tv_nsec` values that `utimens` understands (Linux's).
pub const UTIME_NOW: i32 = (1 << 30) - 1;
pub const UTIME_OMIT: i32 = (1 << 30) - 2;

/// Open flags hermit-abi does not name (Linux's).
pub const O_CLOEXEC: i32 = 0o2000000;

/// `flock` operations (Linux's).
pub const LOCK_SH: i32 = 1;
pub const LOCK_EX: i32 = 2;
pub const LOCK_NB: i32 = 4;
pub const LOCK_UN: i32 = 8;

unsafe extern "C" {
    #[link_name = "sys_rename"]
    pub fn rename(oldpath: *const c_char, newpath: *const c_char) -> i32;
    #[link_name = "sys_link"]
    pub fn link(oldpath: *const c_char, newpath: *const c_char) -> i32;
    #[link_name = "sys_symlink"]
    pub fn symlink(target: *const c_char, linkpath: *const c_char) -> i32;
    #[link_name = "sys_readlink"]
    pub fn readlink(path: *const c_char, buf: *mut c_char, size: usize) -> isize;
    #[link_name = "sys_realpath"]
    pub fn realpath(path: *const c_char, buf: *mut c_char, size: usize) -> isize;
    #[link_name = "sys_current_exe"]
    pub fn current_exe(buf: *mut c_char, size: usize) -> isize;
    #[link_name = "sys_getcwd"]
    pub fn getcwd(buf: *mut c_char, size: usize) -> isize;
    #[link_name = "sys_chdir"]
    pub fn chdir(path: *const c_char) -> i32;
    #[link_name = "sys_chmod"]
    pub fn chmod(path: *const c_char, mode: u32) -> i32;
    #[link_name = "sys_fchmod"]
    pub fn fchmod(fd: i32, mode: u32) -> i32;
    #[link_name = "sys_utimens"]
    pub fn utimens(path: *const c_char, times: *const timespec, nofollow: i32) -> i32;
    #[link_name = "sys_futimens"]
    pub fn futimens(fd: i32, times: *const timespec) -> i32;
    #[link_name = "sys_flock"]
    pub fn flock(fd: i32, op: i32) -> i32;
    #[link_name = "sys_ftruncate"]
    pub fn ftruncate(fd: i32, length: i64) -> i32;
    #[link_name = "sys_fsync"]
    pub fn fsync(fd: i32) -> i32;
    #[link_name = "sys_fdatasync"]
    pub fn fdatasync(fd: i32) -> i32;
    #[link_name = "sys_dup_cloexec"]
    pub fn dup_cloexec(fd: i32) -> i32;
    #[link_name = "sys_pipe2"]
    pub fn pipe2(fds: *mut i32, flags: i32) -> i32;
    #[link_name = "sys_spawn_process"]
    pub fn spawn_process(
        path: *const c_char,
        search: *const c_char,
        argv: *const *const c_char,
        envp: *const *const c_char,
        actions: *const SpawnAction,
        nactions: usize,
    ) -> i32;
    #[link_name = "sys_waitpid"]
    pub fn waitpid(pid: i32, status: *mut i32, options: i32) -> i32;
    #[link_name = "sys_kill"]
    pub fn kill(pid: i32, sig: i32) -> i32;
}

/// One step the child takes before executing the program (libastra's
/// `struct astra_spawn_action`).
#[repr(C)]
pub struct SpawnAction {
    pub op: i32,
    pub fd: i32,
    pub newfd: i32,
    pub flags: i32,
    pub mode: u32,
    pub path: *const c_char,
}

pub const SPAWN_DUP2: i32 = 1;
pub const SPAWN_CLOSE: i32 = 2;
pub const SPAWN_OPEN: i32 = 3;
pub const SPAWN_CHDIR: i32 = 4;
pub const WNOHANG: i32 = 1;
pub const SIGKILL: i32 = 9;

/// A new descriptor for the same open file, closed on exec (std never lets one leak into a
/// child process).
pub fn dup(fd: &crate::sys::fd::FileDesc) -> crate::io::Result<crate::sys::fd::FileDesc> {
    use crate::os::hermit::io::{AsRawFd, FromRawFd};
    let new = crate::sys::cvt(unsafe { dup_cloexec(fd.as_raw_fd()) })?;
    Ok(unsafe { crate::sys::fd::FileDesc::from_raw_fd(new) })
}

/// Runs `f` with a buffer that grows until the C call's result fits: for calls that
/// return a length or `-ERANGE`/`-ENAMETOOLONG` when the buffer is too small.
pub fn with_growing_buffer(
    f: &dyn Fn(*mut c_char, usize) -> isize,
) -> crate::io::Result<crate::vec::Vec<u8>> {
    const ERANGE: isize = 34;
    let mut buf = crate::vec::Vec::<u8>::with_capacity(256);
    loop {
        let cap = buf.capacity();
        let n = f(buf.as_mut_ptr().cast(), cap);
        if n >= 0 && (n as usize) < cap {
            unsafe { buf.set_len(n as usize) };
            buf.shrink_to_fit();
            return Ok(buf);
        }
        if n < 0 && n != -ERANGE {
            return Err(crate::io::Error::from_raw_os_error(-n as i32));
        }
        buf.reserve(cap * 2);
    }
}
