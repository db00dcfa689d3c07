//! libastra's C API beyond hermit-abi: the calls the Astra overlay modules need.
//! Every function returns its result (>= 0) or `-errno` with Linux's values, so
//! `crate::sys::cvt` turns it into an `io::Error` in one place.

#![allow(dead_code)]

use crate::ffi::c_char;
use crate::os::hermit::hermit_abi::timespec;

/// `timespec::tv_nsec` values that `utimens` understands (Linux's).
pub const UTIME_NOW: i32 = (1 << 30) - 1;
pub const UTIME_OMIT: i32 = (1 << 30) - 2;

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
