//! Paths of the process on Astra: the working directory, the executable, `PATH`-style
//! lists (`:`-separated, as on Unix), the home and temporary directories.

use crate::ffi::{OsStr, OsString, c_char};
use crate::os::hermit::ffi::{OsStrExt, OsStringExt};
use crate::path::{self, Path, PathBuf};
use crate::sys::astra;
use crate::sys::helpers::run_path_with_cstr;
use crate::sys::cvt;
use crate::{env, fmt, io, iter, slice};

const PATH_SEPARATOR: u8 = b':';

pub fn getcwd() -> io::Result<PathBuf> {
    // libastra's getcwd counts the terminating NUL in its result.
    let mut bytes = astra::with_growing_buffer(&|buf: *mut c_char, size| unsafe {
        let n = astra::getcwd(buf, size);
        if n > 0 { n - 1 } else { n }
    })?;
    bytes.truncate(bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len()));
    Ok(PathBuf::from(OsString::from_vec(bytes)))
}

pub fn chdir(p: &path::Path) -> io::Result<()> {
    run_path_with_cstr(p, &|p| cvt(unsafe { astra::chdir(p.as_ptr()) }).map(drop))
}

pub struct SplitPaths<'a> {
    iter: iter::Map<slice::Split<'a, u8, fn(&u8) -> bool>, fn(&'a [u8]) -> PathBuf>,
}

pub fn split_paths(unparsed: &OsStr) -> SplitPaths<'_> {
    fn bytes_to_path(b: &[u8]) -> PathBuf {
        PathBuf::from(<OsStr as OsStrExt>::from_bytes(b))
    }
    fn is_separator(b: &u8) -> bool {
        *b == PATH_SEPARATOR
    }
    let unparsed = unparsed.as_bytes();
    SplitPaths {
        iter: unparsed
            .split(is_separator as fn(&u8) -> bool)
            .map(bytes_to_path as fn(&[u8]) -> PathBuf),
    }
}

impl<'a> Iterator for SplitPaths<'a> {
    type Item = PathBuf;
    fn next(&mut self) -> Option<PathBuf> {
        self.iter.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

#[derive(Debug)]
pub struct JoinPathsError;

pub fn join_paths<I, T>(paths: I) -> Result<OsString, JoinPathsError>
where
    I: Iterator<Item = T>,
    T: AsRef<OsStr>,
{
    let mut joined = Vec::new();
    for (i, path) in paths.enumerate() {
        let path = path.as_ref().as_bytes();
        if i > 0 {
            joined.push(PATH_SEPARATOR);
        }
        if path.contains(&PATH_SEPARATOR) {
            return Err(JoinPathsError);
        }
        joined.extend_from_slice(path);
    }
    Ok(OsString::from_vec(joined))
}

impl fmt::Display for JoinPathsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "path segment contains separator `{}`", char::from(PATH_SEPARATOR))
    }
}

impl crate::error::Error for JoinPathsError {}

/// The running program's absolute path (Linux's and Astra's `/proc/self/exe`).
pub fn current_exe() -> io::Result<PathBuf> {
    let bytes = astra::with_growing_buffer(&|buf: *mut c_char, size| unsafe {
        astra::current_exe(buf, size)
    })?;
    Ok(PathBuf::from(OsString::from_vec(bytes)))
}

pub fn temp_dir() -> PathBuf {
    env::var_os("TMPDIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/tmp"))
}

/// `$HOME`, else the home directory of uid 0 in `/etc/passwd` (Astra programs run as root).
pub fn home_dir() -> Option<PathBuf> {
    if let Some(home) = env::var_os("HOME") {
        return Some(PathBuf::from(home));
    }
    let passwd = crate::fs::read(Path::new("/etc/passwd")).ok()?;
    passwd.split(|&b| b == b'\n').find_map(|line| {
        let fields: Vec<&[u8]> = line.split(|&b| b == b':').collect();
        (fields.len() >= 6 && fields[2] == b"0" && !fields[5].is_empty())
            .then(|| PathBuf::from(OsString::from_vec(fields[5].to_vec())))
    })
}
