//! Anonymous pipes on Astra (`io::pipe`, and a child's piped stdio): libastra's pipe2, with
//! close-on-exec set atomically as on Linux.

use crate::io::{self, BorrowedCursor, IoSlice, IoSliceMut};
use crate::os::hermit::io::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use crate::sys::fd::FileDesc;
use crate::sys::{AsInner, FromInner, IntoInner, astra, cvt};

#[derive(Debug)]
pub struct Pipe(FileDesc);

pub fn pipe() -> io::Result<(Pipe, Pipe)> {
    let mut fds = [0i32; 2];
    cvt(unsafe { astra::pipe2(fds.as_mut_ptr(), astra::O_CLOEXEC) })?;
    unsafe { Ok((Pipe::from_raw_fd(fds[0]), Pipe::from_raw_fd(fds[1]))) }
}

impl Pipe {
    pub fn try_clone(&self) -> io::Result<Self> {
        astra::dup(&self.0).map(Pipe)
    }

    pub fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }

    pub fn read_buf(&self, buf: BorrowedCursor<'_>) -> io::Result<()> {
        self.0.read_buf(buf)
    }

    pub fn read_vectored(&self, bufs: &mut [IoSliceMut<'_>]) -> io::Result<usize> {
        self.0.read_vectored(bufs)
    }

    pub fn is_read_vectored(&self) -> bool {
        self.0.is_read_vectored()
    }

    pub fn read_to_end(&self, buf: &mut Vec<u8>) -> io::Result<usize> {
        self.0.read_to_end(buf)
    }

    pub fn write(&self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    pub fn write_vectored(&self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        self.0.write_vectored(bufs)
    }

    pub fn is_write_vectored(&self) -> bool {
        self.0.is_write_vectored()
    }
}

impl Pipe {
    pub(crate) fn into_file_desc(self) -> FileDesc {
        self.0
    }
}

impl AsInner<FileDesc> for Pipe {
    fn as_inner(&self) -> &FileDesc {
        &self.0
    }
}

impl IntoInner<OwnedFd> for Pipe {
    fn into_inner(self) -> OwnedFd {
        self.0.into_inner()
    }
}

impl FromInner<OwnedFd> for Pipe {
    fn from_inner(fd: OwnedFd) -> Pipe {
        Pipe(FileDesc::from_inner(fd))
    }
}

impl AsFd for Pipe {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.0.as_fd()
    }
}

impl AsRawFd for Pipe {
    fn as_raw_fd(&self) -> RawFd {
        self.0.as_raw_fd()
    }
}

impl IntoRawFd for Pipe {
    fn into_raw_fd(self) -> RawFd {
        self.0.into_raw_fd()
    }
}

impl FromRawFd for Pipe {
    unsafe fn from_raw_fd(fd: RawFd) -> Pipe {
        Pipe(unsafe { FileDesc::from_raw_fd(fd) })
    }
}
