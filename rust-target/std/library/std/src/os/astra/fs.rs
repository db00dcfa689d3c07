//! File-system extensions for Astra, with the names and meaning of `std::os::unix::fs`.

#![stable(feature = "astra_ext", since = "1.96.0")]

use crate::fs::{self, OpenOptions, Permissions};
use crate::io;
use crate::path::Path;
use crate::sys::{AsInner, AsInnerMut, FromInner};

/// Creates a new symbolic link at `link` that points to `original`.
#[stable(feature = "astra_ext", since = "1.96.0")]
pub fn symlink<P: AsRef<Path>, Q: AsRef<Path>>(original: P, link: Q) -> io::Result<()> {
    crate::sys::fs::symlink(original.as_ref(), link.as_ref())
}

/// Unix permission bits.
#[stable(feature = "astra_ext", since = "1.96.0")]
pub trait PermissionsExt {
    /// The mode bits, including the file type bits (as `st_mode`).
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn mode(&self) -> u32;
    /// Sets the permission bits.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn set_mode(&mut self, mode: u32);
    /// Permissions with the given mode bits.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn from_mode(mode: u32) -> Self;
}

#[stable(feature = "astra_ext", since = "1.96.0")]
impl PermissionsExt for Permissions {
    fn mode(&self) -> u32 {
        self.as_inner().mode()
    }

    fn set_mode(&mut self, mode: u32) {
        *self = Permissions::from_inner(FromInner::from_inner(mode));
    }

    fn from_mode(mode: u32) -> Permissions {
        Permissions::from_inner(FromInner::from_inner(mode))
    }
}

/// Mode and custom flags when opening a file.
#[stable(feature = "astra_ext", since = "1.96.0")]
pub trait OpenOptionsExt {
    /// The mode a created file gets (before the umask).
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn mode(&mut self, mode: u32) -> &mut Self;
    /// Extra `open` flags (Hermit's/Linux's `O_*` values).
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn custom_flags(&mut self, flags: i32) -> &mut Self;
}

#[stable(feature = "astra_ext", since = "1.96.0")]
impl OpenOptionsExt for OpenOptions {
    fn mode(&mut self, mode: u32) -> &mut OpenOptions {
        self.as_inner_mut().mode(mode);
        self
    }

    fn custom_flags(&mut self, flags: i32) -> &mut OpenOptions {
        self.as_inner_mut().custom_flags(flags);
        self
    }
}

/// The mode of directories that `DirBuilder` creates.
#[stable(feature = "astra_ext", since = "1.96.0")]
pub trait DirBuilderExt {
    /// Sets the mode of created directories (before the umask).
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn mode(&mut self, mode: u32) -> &mut Self;
}

#[stable(feature = "astra_ext", since = "1.96.0")]
impl DirBuilderExt for fs::DirBuilder {
    fn mode(&mut self, mode: u32) -> &mut fs::DirBuilder {
        self.as_inner_mut().set_mode(mode);
        self
    }
}

/// The fields of `stat` that `Metadata` does not expose on every platform.
#[stable(feature = "astra_ext", since = "1.96.0")]
pub trait MetadataExt {
    /// Device of the file system.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn dev(&self) -> u64;
    /// Inode number.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn ino(&self) -> u64;
    /// Type and permission bits.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn mode(&self) -> u32;
    /// Number of hard links.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn nlink(&self) -> u64;
    /// Owner's user id.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn uid(&self) -> u32;
    /// Owner's group id.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn gid(&self) -> u32;
    /// Size in bytes.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn size(&self) -> u64;
    /// Last access, seconds since the epoch.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn atime(&self) -> i64;
    /// Last modification, seconds since the epoch.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn mtime(&self) -> i64;
    /// Last status change, seconds since the epoch.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn ctime(&self) -> i64;
    /// Preferred I/O block size.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn blksize(&self) -> u64;
    /// Allocated 512-byte blocks.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn blocks(&self) -> u64;
}

#[stable(feature = "astra_ext", since = "1.96.0")]
impl MetadataExt for fs::Metadata {
    fn dev(&self) -> u64 {
        self.as_inner().stat().st_dev
    }
    fn ino(&self) -> u64 {
        self.as_inner().stat().st_ino
    }
    fn mode(&self) -> u32 {
        self.as_inner().stat().st_mode
    }
    fn nlink(&self) -> u64 {
        self.as_inner().stat().st_nlink
    }
    fn uid(&self) -> u32 {
        self.as_inner().stat().st_uid
    }
    fn gid(&self) -> u32 {
        self.as_inner().stat().st_gid
    }
    fn size(&self) -> u64 {
        self.as_inner().stat().st_size as u64
    }
    fn atime(&self) -> i64 {
        self.as_inner().stat().st_atim.tv_sec
    }
    fn mtime(&self) -> i64 {
        self.as_inner().stat().st_mtim.tv_sec
    }
    fn ctime(&self) -> i64 {
        self.as_inner().stat().st_ctim.tv_sec
    }
    fn blksize(&self) -> u64 {
        self.as_inner().stat().st_blksize as u64
    }
    fn blocks(&self) -> u64 {
        self.as_inner().stat().st_blocks as u64
    }
}
