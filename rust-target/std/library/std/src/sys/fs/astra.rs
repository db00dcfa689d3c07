//! The file system on Astra: Hermit's contract calls for open/read/stat, libastra's own
//! calls (`crate::sys::astra`) for what Hermit leaves out (rename, links, permissions,
//! times, locks, canonicalize). Semantics and errors follow `sys/fs/unix.rs`, so a
//! program behaves as on Linux.

use crate::ffi::{CStr, OsStr, OsString, c_char};
use crate::fs::TryLockError;
use crate::io::{self, BorrowedCursor, Error, IoSlice, IoSliceMut, SeekFrom};
use crate::os::hermit::ffi::OsStringExt;
use crate::os::hermit::hermit_abi::{
    self, DT_BLK, DT_CHR, DT_DIR, DT_FIFO, DT_LNK, DT_REG, DT_SOCK, O_APPEND, O_CREAT,
    O_DIRECTORY, O_EXCL, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO,
    S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK, dirent64, stat as stat_struct, timespec,
};
use crate::os::hermit::io::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, RawFd};
use crate::path::{Path, PathBuf};
use crate::sync::Arc;
use crate::sys::astra;
use crate::sys::fd::FileDesc;
pub use crate::sys::fs::common::{Dir, copy, exists, remove_dir_all};
use crate::sys::helpers::run_path_with_cstr;
use crate::sys::time::{SystemTime, UNIX_EPOCH};
use crate::sys::{AsInner, AsInnerMut, FromInner, IntoInner, cvt};
use crate::{fmt, mem};

const EINVAL: i32 = 22;
const EWOULDBLOCK: i32 = 11;
const O_ACCMODE: i32 = O_RDONLY | O_WRONLY | O_RDWR;

#[derive(Debug)]
pub struct File(FileDesc);

#[derive(Clone)]
pub struct FileAttr {
    stat: stat_struct,
}

pub struct ReadDir {
    root: Arc<PathBuf>,
    /// Every entry's dirent64 record, read when the directory was opened.
    records: Vec<u8>,
    offset: usize,
}

pub struct DirEntry {
    root: Arc<PathBuf>,
    ino: u64,
    d_type: u8,
    name: OsString,
}

#[derive(Clone, Debug)]
pub struct OpenOptions {
    read: bool,
    write: bool,
    append: bool,
    truncate: bool,
    create: bool,
    create_new: bool,
    custom_flags: i32,
    mode: u32,
}

#[derive(Copy, Clone, Debug, Default)]
pub struct FileTimes {
    accessed: Option<SystemTime>,
    modified: Option<SystemTime>,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FilePermissions {
    mode: u32,
}

/// The `S_IFMT` bits of a mode.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct FileType {
    mode: u32,
}

#[derive(Debug)]
pub struct DirBuilder {
    mode: u32,
}

fn system_time(t: &timespec) -> io::Result<SystemTime> {
    SystemTime::new(t.tv_sec, t.tv_nsec.into())
}

impl FileAttr {
    pub fn modified(&self) -> io::Result<SystemTime> {
        system_time(&self.stat.st_mtim)
    }

    pub fn accessed(&self) -> io::Result<SystemTime> {
        system_time(&self.stat.st_atim)
    }

    pub fn created(&self) -> io::Result<SystemTime> {
        // As on Linux without statx: the birth time is not recorded.
        Err(io::const_error!(
            io::ErrorKind::Unsupported,
            "creation time is not available on this platform currently",
        ))
    }

    pub fn size(&self) -> u64 {
        self.stat.st_size as u64
    }

    pub fn perm(&self) -> FilePermissions {
        FilePermissions { mode: self.stat.st_mode }
    }

    pub fn file_type(&self) -> FileType {
        FileType { mode: self.stat.st_mode & S_IFMT }
    }

    pub(crate) fn stat(&self) -> &stat_struct {
        &self.stat
    }
}

impl FilePermissions {
    pub fn readonly(&self) -> bool {
        self.mode & 0o222 == 0
    }

    pub fn set_readonly(&mut self, readonly: bool) {
        if readonly { self.mode &= !0o222 } else { self.mode |= 0o222 }
    }

    pub fn mode(&self) -> u32 {
        self.mode
    }
}

impl FromInner<u32> for FilePermissions {
    fn from_inner(mode: u32) -> FilePermissions {
        FilePermissions { mode }
    }
}

impl FileTimes {
    pub fn set_accessed(&mut self, t: SystemTime) {
        self.accessed = Some(t);
    }

    pub fn set_modified(&mut self, t: SystemTime) {
        self.modified = Some(t);
    }

    /// The `[access, modification]` pair for utimensat, UTIME_OMIT where unset.
    fn to_timespecs(&self) -> io::Result<[timespec; 2]> {
        let to_timespec = |t: Option<SystemTime>| -> io::Result<timespec> {
            let Some(t) = t else { return Ok(timespec { tv_sec: 0, tv_nsec: astra::UTIME_OMIT }) };
            match t.sub_time(&UNIX_EPOCH) {
                Ok(d) => Ok(timespec { tv_sec: d.as_secs() as i64, tv_nsec: d.subsec_nanos() as i32 }),
                Err(d) => {
                    let (mut sec, mut nsec) = (-(d.as_secs() as i64), -(d.subsec_nanos() as i32));
                    if nsec < 0 {
                        sec -= 1;
                        nsec += 1_000_000_000;
                    }
                    Ok(timespec { tv_sec: sec, tv_nsec: nsec })
                }
            }
        };
        Ok([to_timespec(self.accessed)?, to_timespec(self.modified)?])
    }
}

impl FileType {
    pub fn is_dir(&self) -> bool {
        self.mode == S_IFDIR
    }
    pub fn is_file(&self) -> bool {
        self.mode == S_IFREG
    }
    pub fn is_symlink(&self) -> bool {
        self.mode == S_IFLNK
    }
    pub fn is(&self, mode: u32) -> bool {
        self.mode == mode
    }

    fn from_d_type(d_type: u8) -> Option<FileType> {
        let mode = match d_type {
            DT_FIFO => S_IFIFO,
            DT_CHR => S_IFCHR,
            DT_DIR => S_IFDIR,
            DT_BLK => S_IFBLK,
            DT_REG => S_IFREG,
            DT_LNK => S_IFLNK,
            DT_SOCK => S_IFSOCK,
            _ => return None,
        };
        Some(FileType { mode })
    }
}

impl fmt::Debug for ReadDir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self.root, f)
    }
}

impl Iterator for ReadDir {
    type Item = io::Result<DirEntry>;

    fn next(&mut self) -> Option<io::Result<DirEntry>> {
        const NAME_OFFSET: usize = mem::offset_of!(dirent64, d_name);
        loop {
            if self.offset + NAME_OFFSET > self.records.len() {
                return None;
            }
            // The records are packed and may be unaligned inside the Vec<u8>.
            let record = unsafe {
                self.records.as_ptr().add(self.offset).cast::<dirent64>().read_unaligned()
            };
            let reclen = usize::from(record.d_reclen);
            let end = (self.offset + reclen).min(self.records.len());
            let name_bytes = &self.records[self.offset + NAME_OFFSET..end];
            let name_len = name_bytes.iter().position(|&b| b == 0).unwrap_or(name_bytes.len());
            let name = &name_bytes[..name_len];
            self.offset += reclen.max(NAME_OFFSET + 1);
            if name == b"." || name == b".." {
                continue;
            }
            return Some(Ok(DirEntry {
                root: self.root.clone(),
                ino: record.d_ino,
                d_type: record.d_type,
                name: OsString::from_vec(name.to_vec()),
            }));
        }
    }
}

impl DirEntry {
    pub fn path(&self) -> PathBuf {
        self.root.join(&self.name)
    }

    pub fn file_name(&self) -> OsString {
        self.name.clone()
    }

    pub fn metadata(&self) -> io::Result<FileAttr> {
        lstat(&self.path())
    }

    pub fn file_type(&self) -> io::Result<FileType> {
        match FileType::from_d_type(self.d_type) {
            Some(t) => Ok(t),
            None => self.metadata().map(|m| m.file_type()),
        }
    }

    pub fn ino(&self) -> u64 {
        self.ino
    }

    pub fn file_name_os_str(&self) -> &OsStr {
        self.name.as_os_str()
    }
}

impl OpenOptions {
    pub fn new() -> OpenOptions {
        OpenOptions {
            read: false,
            write: false,
            append: false,
            truncate: false,
            create: false,
            create_new: false,
            custom_flags: 0,
            mode: 0o666,
        }
    }

    pub fn read(&mut self, read: bool) {
        self.read = read;
    }
    pub fn write(&mut self, write: bool) {
        self.write = write;
    }
    pub fn append(&mut self, append: bool) {
        self.append = append;
    }
    pub fn truncate(&mut self, truncate: bool) {
        self.truncate = truncate;
    }
    pub fn create(&mut self, create: bool) {
        self.create = create;
    }
    pub fn create_new(&mut self, create_new: bool) {
        self.create_new = create_new;
    }
    pub fn custom_flags(&mut self, flags: i32) {
        self.custom_flags = flags;
    }
    pub fn mode(&mut self, mode: u32) {
        self.mode = mode;
    }

    fn get_access_mode(&self) -> io::Result<i32> {
        match (self.read, self.write, self.append) {
            (true, false, false) => Ok(O_RDONLY),
            (false, true, false) => Ok(O_WRONLY),
            (true, true, false) => Ok(O_RDWR),
            (false, _, true) => Ok(O_WRONLY | O_APPEND),
            (true, _, true) => Ok(O_RDWR | O_APPEND),
            (false, false, false) => Err(Error::from_raw_os_error(EINVAL)),
        }
    }

    fn get_creation_mode(&self) -> io::Result<i32> {
        match (self.write, self.append) {
            (true, false) => {}
            (false, false) => {
                if self.truncate || self.create || self.create_new {
                    return Err(Error::from_raw_os_error(EINVAL));
                }
            }
            (_, true) => {
                if self.truncate && !self.create_new {
                    return Err(Error::from_raw_os_error(EINVAL));
                }
            }
        }
        Ok(match (self.create, self.truncate, self.create_new) {
            (false, false, false) => 0,
            (true, false, false) => O_CREAT,
            (false, true, false) => O_TRUNC,
            (true, true, false) => O_CREAT | O_TRUNC,
            (_, _, true) => O_CREAT | O_EXCL,
        })
    }
}

impl File {
    pub fn open(path: &Path, opts: &OpenOptions) -> io::Result<File> {
        run_path_with_cstr(path, &|path| File::open_c(path, opts))
    }

    pub fn open_c(path: &CStr, opts: &OpenOptions) -> io::Result<File> {
        let flags = opts.get_access_mode()?
            | opts.get_creation_mode()?
            | (opts.custom_flags & !O_ACCMODE)
            | astra::O_CLOEXEC;
        let fd = cvt(unsafe { hermit_abi::open(path.as_ptr(), flags, opts.mode as i32) })?;
        Ok(File(unsafe { FileDesc::from_raw_fd(fd) }))
    }

    pub fn file_attr(&self) -> io::Result<FileAttr> {
        let mut stat: stat_struct = unsafe { mem::zeroed() };
        self.0.fstat(&mut stat)?;
        Ok(FileAttr { stat })
    }

    pub fn fsync(&self) -> io::Result<()> {
        cvt(unsafe { astra::fsync(self.as_raw_fd()) }).map(drop)
    }

    pub fn datasync(&self) -> io::Result<()> {
        cvt(unsafe { astra::fdatasync(self.as_raw_fd()) }).map(drop)
    }

    fn flock(&self, op: i32) -> io::Result<()> {
        cvt(unsafe { astra::flock(self.as_raw_fd(), op) }).map(drop)
    }

    fn try_flock(&self, op: i32) -> Result<(), TryLockError> {
        match self.flock(op | astra::LOCK_NB) {
            Ok(()) => Ok(()),
            Err(e) if e.raw_os_error() == Some(EWOULDBLOCK) => Err(TryLockError::WouldBlock),
            Err(e) => Err(TryLockError::Error(e)),
        }
    }

    pub fn lock(&self) -> io::Result<()> {
        self.flock(astra::LOCK_EX)
    }

    pub fn lock_shared(&self) -> io::Result<()> {
        self.flock(astra::LOCK_SH)
    }

    pub fn try_lock(&self) -> Result<(), TryLockError> {
        self.try_flock(astra::LOCK_EX)
    }

    pub fn try_lock_shared(&self) -> Result<(), TryLockError> {
        self.try_flock(astra::LOCK_SH)
    }

    pub fn unlock(&self) -> io::Result<()> {
        self.flock(astra::LOCK_UN)
    }

    pub fn truncate(&self, size: u64) -> io::Result<()> {
        let size = i64::try_from(size).map_err(|_| Error::from_raw_os_error(EINVAL))?;
        cvt(unsafe { astra::ftruncate(self.as_raw_fd(), size) }).map(drop)
    }

    pub fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }

    pub fn read_vectored(&self, bufs: &mut [IoSliceMut<'_>]) -> io::Result<usize> {
        self.0.read_vectored(bufs)
    }

    #[inline]
    pub fn is_read_vectored(&self) -> bool {
        self.0.is_read_vectored()
    }

    pub fn read_buf(&self, cursor: BorrowedCursor<'_>) -> io::Result<()> {
        self.0.read_buf(cursor)
    }

    pub fn write(&self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    pub fn write_vectored(&self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        self.0.write_vectored(bufs)
    }

    #[inline]
    pub fn is_write_vectored(&self) -> bool {
        self.0.is_write_vectored()
    }

    #[inline]
    pub fn flush(&self) -> io::Result<()> {
        Ok(())
    }

    pub fn seek(&self, pos: SeekFrom) -> io::Result<u64> {
        self.0.seek(pos)
    }

    pub fn size(&self) -> Option<io::Result<u64>> {
        None
    }

    pub fn tell(&self) -> io::Result<u64> {
        self.0.tell()
    }

    pub fn duplicate(&self) -> io::Result<File> {
        astra::dup(&self.0).map(File)
    }

    pub fn set_permissions(&self, perm: FilePermissions) -> io::Result<()> {
        cvt(unsafe { astra::fchmod(self.as_raw_fd(), perm.mode) }).map(drop)
    }

    pub fn set_times(&self, times: FileTimes) -> io::Result<()> {
        let ts = times.to_timespecs()?;
        cvt(unsafe { astra::futimens(self.as_raw_fd(), ts.as_ptr()) }).map(drop)
    }
}

impl DirBuilder {
    pub fn new() -> DirBuilder {
        DirBuilder { mode: 0o777 }
    }

    pub fn mkdir(&self, path: &Path) -> io::Result<()> {
        run_path_with_cstr(path, &|path| {
            cvt(unsafe { hermit_abi::mkdir(path.as_ptr().cast(), self.mode) }).map(drop)
        })
    }

    pub fn set_mode(&mut self, mode: u32) {
        self.mode = mode;
    }
}

impl AsInner<FileDesc> for File {
    #[inline]
    fn as_inner(&self) -> &FileDesc {
        &self.0
    }
}

impl AsInnerMut<FileDesc> for File {
    #[inline]
    fn as_inner_mut(&mut self) -> &mut FileDesc {
        &mut self.0
    }
}

impl IntoInner<FileDesc> for File {
    fn into_inner(self) -> FileDesc {
        self.0
    }
}

impl FromInner<FileDesc> for File {
    fn from_inner(file_desc: FileDesc) -> Self {
        Self(file_desc)
    }
}

impl AsFd for File {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.0.as_fd()
    }
}

impl AsRawFd for File {
    #[inline]
    fn as_raw_fd(&self) -> RawFd {
        self.0.as_raw_fd()
    }
}

impl IntoRawFd for File {
    fn into_raw_fd(self) -> RawFd {
        self.0.into_raw_fd()
    }
}

impl FromRawFd for File {
    unsafe fn from_raw_fd(raw_fd: RawFd) -> Self {
        Self(unsafe { FileDesc::from_raw_fd(raw_fd) })
    }
}

pub fn readdir(path: &Path) -> io::Result<ReadDir> {
    let fd = run_path_with_cstr(path, &|path| {
        cvt(unsafe { hermit_abi::open(path.as_ptr(), O_RDONLY | O_DIRECTORY | astra::O_CLOEXEC, 0) })
    })?;
    let fd = unsafe { FileDesc::from_raw_fd(fd) };
    // libastra returns every entry at once (0 bytes for an empty directory), or EINVAL
    // when they do not fit: then the buffer grows.
    let mut records: Vec<u8> = Vec::new();
    let mut size = 4096;
    loop {
        records.resize(size, 0);
        let n = unsafe {
            hermit_abi::getdents64(fd.as_raw_fd(), records.as_mut_ptr().cast(), records.len())
        };
        if n >= 0 {
            records.truncate(n as usize);
            break;
        }
        if n != -i64::from(EINVAL) || size >= 1 << 26 {
            return Err(Error::from_raw_os_error(-n as i32));
        }
        size *= 2;
    }
    Ok(ReadDir { root: Arc::new(path.to_path_buf()), records, offset: 0 })
}

fn with_two_paths(a: &Path, b: &Path, f: &dyn Fn(&CStr, &CStr) -> i32) -> io::Result<()> {
    run_path_with_cstr(a, &|a| run_path_with_cstr(b, &|b| cvt(f(a, b)).map(drop)))
}

pub fn unlink(path: &Path) -> io::Result<()> {
    run_path_with_cstr(path, &|path| cvt(unsafe { hermit_abi::unlink(path.as_ptr()) }).map(drop))
}

pub fn rename(old: &Path, new: &Path) -> io::Result<()> {
    with_two_paths(old, new, &|old, new| unsafe { astra::rename(old.as_ptr(), new.as_ptr()) })
}

pub fn set_perm(path: &Path, perm: FilePermissions) -> io::Result<()> {
    run_path_with_cstr(path, &|path| {
        cvt(unsafe { astra::chmod(path.as_ptr(), perm.mode) }).map(drop)
    })
}

fn set_times_impl(path: &Path, times: FileTimes, nofollow: i32) -> io::Result<()> {
    let ts = times.to_timespecs()?;
    run_path_with_cstr(path, &|path| {
        cvt(unsafe { astra::utimens(path.as_ptr(), ts.as_ptr(), nofollow) }).map(drop)
    })
}

pub fn set_times(path: &Path, times: FileTimes) -> io::Result<()> {
    set_times_impl(path, times, 0)
}

pub fn set_times_nofollow(path: &Path, times: FileTimes) -> io::Result<()> {
    set_times_impl(path, times, 1)
}

pub fn rmdir(path: &Path) -> io::Result<()> {
    run_path_with_cstr(path, &|path| cvt(unsafe { hermit_abi::rmdir(path.as_ptr()) }).map(drop))
}

pub fn readlink(path: &Path) -> io::Result<PathBuf> {
    run_path_with_cstr(path, &|path| {
        let bytes = astra::with_growing_buffer(&|buf: *mut c_char, size| unsafe {
            astra::readlink(path.as_ptr(), buf, size)
        })?;
        Ok(PathBuf::from(OsString::from_vec(bytes)))
    })
}

pub fn symlink(original: &Path, link: &Path) -> io::Result<()> {
    with_two_paths(original, link, &|o, l| unsafe { astra::symlink(o.as_ptr(), l.as_ptr()) })
}

pub fn link(original: &Path, link: &Path) -> io::Result<()> {
    with_two_paths(original, link, &|o, l| unsafe { astra::link(o.as_ptr(), l.as_ptr()) })
}

pub fn stat(path: &Path) -> io::Result<FileAttr> {
    run_path_with_cstr(path, &|path| {
        let mut stat: stat_struct = unsafe { mem::zeroed() };
        cvt(unsafe { hermit_abi::stat(path.as_ptr(), &mut stat) })?;
        Ok(FileAttr { stat })
    })
}

pub fn lstat(path: &Path) -> io::Result<FileAttr> {
    run_path_with_cstr(path, &|path| {
        let mut stat: stat_struct = unsafe { mem::zeroed() };
        cvt(unsafe { hermit_abi::lstat(path.as_ptr(), &mut stat) })?;
        Ok(FileAttr { stat })
    })
}

pub fn canonicalize(path: &Path) -> io::Result<PathBuf> {
    run_path_with_cstr(path, &|path| {
        let bytes = astra::with_growing_buffer(&|buf: *mut c_char, size| unsafe {
            astra::realpath(path.as_ptr(), buf, size)
        })?;
        Ok(PathBuf::from(OsString::from_vec(bytes)))
    })
}
