//! Process extensions for Astra, with the names and meaning of `std::os::unix::process`.

#![stable(feature = "astra_ext", since = "1.96.0")]

use crate::ffi::OsStr;
use crate::process;
use crate::sys::{AsInner, AsInnerMut, FromInner};

/// Unix-like additions to `Command`.
#[stable(feature = "astra_ext", since = "1.96.0")]
pub trait CommandExt {
    /// Sets the child's `argv[0]` instead of the program path.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn arg0<S: AsRef<OsStr>>(&mut self, arg: S) -> &mut process::Command;
}

#[stable(feature = "astra_ext", since = "1.96.0")]
impl CommandExt for process::Command {
    fn arg0<S: AsRef<OsStr>>(&mut self, arg: S) -> &mut process::Command {
        self.as_inner_mut().set_arg_0(arg.as_ref());
        self
    }
}

/// The wait status behind an `ExitStatus`, as on Unix.
#[stable(feature = "astra_ext", since = "1.96.0")]
pub trait ExitStatusExt {
    /// An `ExitStatus` from a raw wait status (Linux's encoding).
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn from_raw(raw: i32) -> Self;
    /// The signal that ended the process, if one did.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn signal(&self) -> Option<i32>;
    /// Whether the process dumped core.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn core_dumped(&self) -> bool;
    /// The raw wait status.
    #[stable(feature = "astra_ext", since = "1.96.0")]
    fn into_raw(self) -> i32;
}

#[stable(feature = "astra_ext", since = "1.96.0")]
impl ExitStatusExt for process::ExitStatus {
    fn from_raw(raw: i32) -> Self {
        process::ExitStatus::from_inner(crate::sys::process::ExitStatus::from_raw(raw))
    }
    fn signal(&self) -> Option<i32> {
        self.as_inner().signal()
    }
    fn core_dumped(&self) -> bool {
        self.as_inner().core_dumped()
    }
    fn into_raw(self) -> i32 {
        self.as_inner().into_raw()
    }
}
