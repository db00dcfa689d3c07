//! Processes on Astra. The process id is real; spawning arrives with the kernel's
//! processes, and until then `Command` reports `Unsupported` as std's generic backend does.

pub use super::unsupported::{
    ChildPipe, Command, CommandArgs, EnvKey, ExitCode, ExitStatus, ExitStatusError, Process,
    Stdio, output, read_output,
};

pub fn getpid() -> u32 {
    unsafe { crate::os::hermit::hermit_abi::getpid() as u32 }
}
