//! Astra-specific extensions: what `std::os::unix` offers on Unix, for the parts of std
//! that Astra implements beyond Hermit's backend. `target_os` is `"hermit"` on Astra, so
//! `std::os::hermit` (raw fds, `OsStrExt`) is available as well.

#![stable(feature = "astra_ext", since = "1.96.0")]

pub mod fs;

pub mod process;
