//! Processes on Astra: `Command` through libastra's `sys_spawn_process` (a vfork + exec with
//! file actions, as posix_spawn), `wait4`-style statuses encoded as Linux's, and pipes for a
//! child's piped stdio. Behaviour and messages follow `sys/process/unix`.

use super::env::{CommandEnv, CommandEnvs};
pub use crate::ffi::OsString as EnvKey;
use crate::ffi::{CString, OsStr, OsString, c_char};
use crate::num::NonZero;
use crate::os::hermit::ffi::OsStrExt;
use crate::os::hermit::io::{AsRawFd, FromRawFd};
use crate::path::Path;
use crate::process::StdioPipes;
use crate::sys::fd::FileDesc;
use crate::sys::fs::{File, OpenOptions};
use crate::sys::pipe::{self, Pipe};
use crate::sys::{astra, cvt};
use crate::{fmt, io, ptr};

////////////////////////////////////////////////////////////////////////////////
// Command
////////////////////////////////////////////////////////////////////////////////

pub struct Command {
    program: OsString,
    args: Vec<OsString>,
    env: CommandEnv,
    cwd: Option<OsString>,
    stdin: Option<Stdio>,
    stdout: Option<Stdio>,
    stderr: Option<Stdio>,
}

#[derive(Debug)]
pub enum Stdio {
    Inherit,
    Null,
    MakePipe,
    Fd(FileDesc),
}

/// What the child's descriptor `n` becomes: ours stays open in the parent until the child
/// has started (its end of a pipe is then dropped).
enum ChildFd {
    Inherit,
    Fd(FileDesc),
}

fn cstring(s: &OsStr) -> io::Result<CString> {
    CString::new(s.as_bytes()).map_err(|_| {
        io::const_error!(io::ErrorKind::InvalidInput, "nul byte found in provided data")
    })
}

impl Command {
    pub fn new(program: &OsStr) -> Command {
        Command {
            program: program.to_owned(),
            args: vec![program.to_owned()],
            env: Default::default(),
            cwd: None,
            stdin: None,
            stdout: None,
            stderr: None,
        }
    }

    pub fn arg(&mut self, arg: &OsStr) {
        self.args.push(arg.to_owned());
    }

    /// Sets argv[0], as `CommandExt::arg0` on Unix.
    pub fn set_arg_0(&mut self, arg: &OsStr) {
        self.args[0] = arg.to_owned();
    }

    pub fn env_mut(&mut self) -> &mut CommandEnv {
        &mut self.env
    }

    pub fn cwd(&mut self, dir: &OsStr) {
        self.cwd = Some(dir.to_owned());
    }

    pub fn stdin(&mut self, stdin: Stdio) {
        self.stdin = Some(stdin);
    }

    pub fn stdout(&mut self, stdout: Stdio) {
        self.stdout = Some(stdout);
    }

    pub fn stderr(&mut self, stderr: Stdio) {
        self.stderr = Some(stderr);
    }

    pub fn get_program(&self) -> &OsStr {
        &self.program
    }

    pub fn get_args(&self) -> CommandArgs<'_> {
        let mut iter = self.args.iter();
        iter.next();
        CommandArgs { iter }
    }

    pub fn get_envs(&self) -> CommandEnvs<'_> {
        self.env.iter()
    }

    pub fn get_env_clear(&self) -> bool {
        self.env.does_clear()
    }

    pub fn get_current_dir(&self) -> Option<&Path> {
        self.cwd.as_ref().map(|cs| Path::new(cs))
    }

    /// The child's end of one standard stream, and our end when it is a pipe.
    fn setup(stdio: &Stdio, readable: bool) -> io::Result<(ChildFd, Option<Pipe>)> {
        Ok(match stdio {
            Stdio::Inherit => (ChildFd::Inherit, None),
            Stdio::Null => {
                let mut opts = OpenOptions::new();
                opts.read(readable);
                opts.write(!readable);
                let f = File::open(Path::new("/dev/null"), &opts)?;
                (ChildFd::Fd(crate::sys::IntoInner::into_inner(f)), None)
            }
            Stdio::MakePipe => {
                let (r, w) = pipe::pipe()?;
                let (theirs, ours) = if readable { (r, w) } else { (w, r) };
                (ChildFd::Fd(theirs.into_file_desc()), Some(ours))
            }
            Stdio::Fd(fd) => (ChildFd::Fd(astra::dup(fd)?), None),
        })
    }

    pub fn spawn(
        &mut self,
        default: Stdio,
        needs_stdin: bool,
    ) -> io::Result<(Process, StdioPipes)> {
        let default_stdin = if needs_stdin { &default } else { &Stdio::Null };
        let (child_in, our_in) = Self::setup(self.stdin.as_ref().unwrap_or(default_stdin), true)?;
        let (child_out, our_out) = Self::setup(self.stdout.as_ref().unwrap_or(&default), false)?;
        let (child_err, our_err) = Self::setup(self.stderr.as_ref().unwrap_or(&default), false)?;

        let program = cstring(&self.program)?;
        let args = self.args.iter().map(|a| cstring(a)).collect::<io::Result<Vec<_>>>()?;
        let mut argv: Vec<*const c_char> = args.iter().map(|a| a.as_ptr()).collect();
        argv.push(ptr::null());

        // The environment the child gets: ours, or the Command's changes applied to it.
        let env_map = self.env.capture();
        let env = env_map
            .iter()
            .map(|(k, v)| {
                let mut kv = k.clone();
                kv.push("=");
                kv.push(v);
                cstring(&kv)
            })
            .collect::<io::Result<Vec<_>>>()?;
        let mut envp: Vec<*const c_char> = env.iter().map(|e| e.as_ptr()).collect();
        envp.push(ptr::null());
        // A program name without '/' is looked up in the child's PATH, as on Unix.
        let search = env_map.get(OsStr::new("PATH")).map(|p| cstring(p)).transpose()?;
        let cwd = self.cwd.as_ref().map(|c| cstring(c)).transpose()?;

        let mut actions = Vec::new();
        for (n, child) in [(0, &child_in), (1, &child_out), (2, &child_err)] {
            if let ChildFd::Fd(fd) = child {
                actions.push(astra::SpawnAction {
                    op: astra::SPAWN_DUP2,
                    fd: fd.as_raw_fd(),
                    newfd: n,
                    flags: 0,
                    mode: 0,
                    path: ptr::null(),
                });
            }
        }
        if let Some(cwd) = &cwd {
            actions.push(astra::SpawnAction {
                op: astra::SPAWN_CHDIR,
                fd: -1,
                newfd: -1,
                flags: 0,
                mode: 0,
                path: cwd.as_ptr(),
            });
        }
        let pid = cvt(unsafe {
            astra::spawn_process(
                program.as_ptr(),
                search.as_ref().map_or(ptr::null(), |s| s.as_ptr()),
                argv.as_ptr(),
                envp.as_ptr(),
                actions.as_ptr(),
                actions.len(),
            )
        })?;
        drop((child_in, child_out, child_err));
        Ok((
            Process { pid, status: None },
            StdioPipes { stdin: our_in, stdout: our_out, stderr: our_err },
        ))
    }
}

pub fn output(cmd: &mut Command) -> io::Result<(ExitStatus, Vec<u8>, Vec<u8>)> {
    let (mut process, mut pipes) = cmd.spawn(Stdio::MakePipe, false)?;
    drop(pipes.stdin.take());
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    match (pipes.stdout.take(), pipes.stderr.take()) {
        (None, None) => {}
        (Some(out), None) => {
            out.read_to_end(&mut stdout)?;
        }
        (None, Some(err)) => {
            err.read_to_end(&mut stderr)?;
        }
        (Some(out), Some(err)) => read_output(out, &mut stdout, err, &mut stderr)?,
    }
    let status = process.wait()?;
    Ok((status, stdout, stderr))
}

impl From<ChildPipe> for Stdio {
    fn from(pipe: ChildPipe) -> Stdio {
        Stdio::Fd(pipe.into_file_desc())
    }
}

impl From<FileDesc> for Stdio {
    fn from(fd: FileDesc) -> Stdio {
        Stdio::Fd(fd)
    }
}

fn dup_raw(fd: i32) -> io::Result<FileDesc> {
    let new = cvt(unsafe { astra::dup_cloexec(fd) })?;
    Ok(unsafe { FileDesc::from_raw_fd(new) })
}

impl From<io::Stdout> for Stdio {
    fn from(_: io::Stdout) -> Stdio {
        Stdio::Fd(dup_raw(1).expect("dup of stdout"))
    }
}

impl From<io::Stderr> for Stdio {
    fn from(_: io::Stderr) -> Stdio {
        Stdio::Fd(dup_raw(2).expect("dup of stderr"))
    }
}

impl From<File> for Stdio {
    fn from(file: File) -> Stdio {
        Stdio::Fd(crate::sys::IntoInner::into_inner(file))
    }
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            let mut debug_command = f.debug_struct("Command");
            debug_command.field("program", &self.program).field("args", &self.args);
            if !self.env.is_unchanged() {
                debug_command.field("env", &self.env);
            }
            if self.cwd.is_some() {
                debug_command.field("cwd", &self.cwd);
            }
            if self.stdin.is_some() {
                debug_command.field("stdin", &self.stdin);
            }
            if self.stdout.is_some() {
                debug_command.field("stdout", &self.stdout);
            }
            if self.stderr.is_some() {
                debug_command.field("stderr", &self.stderr);
            }
            debug_command.finish()
        } else {
            if let Some(ref cwd) = self.cwd {
                write!(f, "cd {cwd:?} && ")?;
            }
            if self.env.does_clear() {
                write!(f, "env -i ")?;
            } else {
                let mut any_removed = false;
                for (key, value_opt) in self.get_envs() {
                    if value_opt.is_none() {
                        if !any_removed {
                            write!(f, "env ")?;
                            any_removed = true;
                        }
                        write!(f, "-u {} ", key.to_string_lossy())?;
                    }
                }
            }
            for (key, value_opt) in self.get_envs() {
                if let Some(value) = value_opt {
                    write!(f, "{}={value:?} ", key.to_string_lossy())?;
                }
            }
            if self.program != self.args[0] {
                write!(f, "[{:?}] ", self.program)?;
            }
            write!(f, "{:?}", self.args[0])?;
            for arg in &self.args[1..] {
                write!(f, " {:?}", arg)?;
            }
            Ok(())
        }
    }
}

////////////////////////////////////////////////////////////////////////////////
// Exit statuses: Linux's wait status encoding
////////////////////////////////////////////////////////////////////////////////

#[derive(PartialEq, Eq, Clone, Copy, Default)]
pub struct ExitStatus(i32);

impl ExitStatus {
    pub fn from_raw(status: i32) -> ExitStatus {
        ExitStatus(status)
    }

    pub fn into_raw(&self) -> i32 {
        self.0
    }

    pub fn exit_ok(&self) -> Result<(), ExitStatusError> {
        match NonZero::new(self.0) {
            None => Ok(()),
            Some(e) => Err(ExitStatusError(e)),
        }
    }

    pub fn code(&self) -> Option<i32> {
        (self.0 & 0x7f == 0).then(|| (self.0 >> 8) & 0xff)
    }

    pub fn signal(&self) -> Option<i32> {
        let sig = self.0 & 0x7f;
        (sig != 0 && sig != 0x7f).then_some(sig)
    }

    pub fn core_dumped(&self) -> bool {
        self.signal().is_some() && self.0 & 0x80 != 0
    }

    pub fn stopped_signal(&self) -> Option<i32> {
        (self.0 & 0xff == 0x7f).then(|| (self.0 >> 8) & 0xff)
    }

    pub fn continued(&self) -> bool {
        self.0 == 0xffff
    }
}

fn signal_string(signal: i32) -> &'static str {
    match signal {
        1 => " (SIGHUP)",
        2 => " (SIGINT)",
        3 => " (SIGQUIT)",
        4 => " (SIGILL)",
        5 => " (SIGTRAP)",
        6 => " (SIGABRT)",
        7 => " (SIGBUS)",
        8 => " (SIGFPE)",
        9 => " (SIGKILL)",
        10 => " (SIGUSR1)",
        11 => " (SIGSEGV)",
        12 => " (SIGUSR2)",
        13 => " (SIGPIPE)",
        14 => " (SIGALRM)",
        15 => " (SIGTERM)",
        16 => " (SIGSTKFLT)",
        17 => " (SIGCHLD)",
        18 => " (SIGCONT)",
        19 => " (SIGSTOP)",
        20 => " (SIGTSTP)",
        21 => " (SIGTTIN)",
        22 => " (SIGTTOU)",
        23 => " (SIGURG)",
        24 => " (SIGXCPU)",
        25 => " (SIGXFSZ)",
        26 => " (SIGVTALRM)",
        27 => " (SIGPROF)",
        28 => " (SIGWINCH)",
        29 => " (SIGIO)",
        30 => " (SIGPWR)",
        31 => " (SIGSYS)",
        _ => "",
    }
}

impl fmt::Debug for ExitStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("unix_wait_status").field(&self.0).finish()
    }
}

impl fmt::Display for ExitStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(code) = self.code() {
            write!(f, "exit status: {code}")
        } else if let Some(signal) = self.signal() {
            let name = signal_string(signal);
            if self.core_dumped() {
                write!(f, "signal: {signal}{name} (core dumped)")
            } else {
                write!(f, "signal: {signal}{name}")
            }
        } else if let Some(signal) = self.stopped_signal() {
            write!(f, "stopped (not terminated) by signal: {signal}{}", signal_string(signal))
        } else if self.continued() {
            write!(f, "continued (WIFCONTINUED)")
        } else {
            write!(f, "unrecognised wait status: {} {:#x}", self.0, self.0)
        }
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
pub struct ExitStatusError(NonZero<i32>);

impl Into<ExitStatus> for ExitStatusError {
    fn into(self) -> ExitStatus {
        ExitStatus(self.0.into())
    }
}

impl fmt::Debug for ExitStatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("unix_wait_status").field(&self.0).finish()
    }
}

impl ExitStatusError {
    pub fn code(self) -> Option<NonZero<i32>> {
        ExitStatus(self.0.into()).code().map(|st| st.try_into().unwrap())
    }
}

#[derive(PartialEq, Eq, Clone, Copy, Debug)]
pub struct ExitCode(u8);

impl ExitCode {
    pub const SUCCESS: ExitCode = ExitCode(0);
    pub const FAILURE: ExitCode = ExitCode(1);

    pub fn as_i32(&self) -> i32 {
        self.0 as i32
    }
}

impl From<u8> for ExitCode {
    fn from(code: u8) -> Self {
        Self(code)
    }
}

////////////////////////////////////////////////////////////////////////////////
// Processes
////////////////////////////////////////////////////////////////////////////////

pub struct Process {
    pid: i32,
    status: Option<ExitStatus>,
}

impl Process {
    pub fn id(&self) -> u32 {
        self.pid as u32
    }

    pub fn kill(&mut self) -> io::Result<()> {
        // A reaped child's pid may belong to another process by now: do nothing, as on Unix.
        if self.status.is_some() {
            return Ok(());
        }
        cvt(unsafe { astra::kill(self.pid, astra::SIGKILL) }).map(drop)
    }

    pub fn wait(&mut self) -> io::Result<ExitStatus> {
        if let Some(status) = self.status {
            return Ok(status);
        }
        let mut status = 0;
        loop {
            match cvt(unsafe { astra::waitpid(self.pid, &mut status, 0) }) {
                Ok(_) => break,
                Err(e) if e.is_interrupted() => continue,
                Err(e) => return Err(e),
            }
        }
        self.status = Some(ExitStatus(status));
        Ok(ExitStatus(status))
    }

    pub fn try_wait(&mut self) -> io::Result<Option<ExitStatus>> {
        if let Some(status) = self.status {
            return Ok(Some(status));
        }
        let mut status = 0;
        let pid = cvt(unsafe { astra::waitpid(self.pid, &mut status, astra::WNOHANG) })?;
        if pid == 0 {
            return Ok(None);
        }
        self.status = Some(ExitStatus(status));
        Ok(Some(ExitStatus(status)))
    }
}

pub struct CommandArgs<'a> {
    iter: crate::slice::Iter<'a, OsString>,
}

impl<'a> Iterator for CommandArgs<'a> {
    type Item = &'a OsStr;
    fn next(&mut self) -> Option<&'a OsStr> {
        self.iter.next().map(|os| &**os)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<'a> ExactSizeIterator for CommandArgs<'a> {
    fn len(&self) -> usize {
        self.iter.len()
    }
    fn is_empty(&self) -> bool {
        self.iter.is_empty()
    }
}

impl<'a> fmt::Debug for CommandArgs<'a> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter.clone()).finish()
    }
}

pub type ChildPipe = Pipe;

/// Reads a child's stdout and stderr to their ends together, so that neither fills up while
/// the other is read.
pub fn read_output(
    out: ChildPipe,
    stdout: &mut Vec<u8>,
    err: ChildPipe,
    stderr: &mut Vec<u8>,
) -> io::Result<()> {
    use crate::os::hermit::hermit_abi::{POLLIN, POLLHUP, pollfd};
    let mut fds = [
        pollfd { fd: out.as_raw_fd(), events: POLLIN, revents: 0 },
        pollfd { fd: err.as_raw_fd(), events: POLLIN, revents: 0 },
    ];
    let pipes = [&out, &err];
    let mut open = [true, true];
    let mut buf = [0u8; 8192];
    while open[0] || open[1] {
        for (i, o) in open.iter().enumerate() {
            fds[i].fd = if *o { pipes[i].as_raw_fd() } else { -1 };
            fds[i].revents = 0;
        }
        let n = unsafe { crate::os::hermit::hermit_abi::poll(fds.as_mut_ptr(), 2, -1) };
        if n < 0 {
            let e = io::Error::from_raw_os_error(-n);
            if e.is_interrupted() {
                continue;
            }
            return Err(e);
        }
        for i in 0..2 {
            if open[i] && fds[i].revents & (POLLIN | POLLHUP) != 0 {
                let got = pipes[i].read(&mut buf)?;
                if got == 0 {
                    open[i] = false;
                } else if i == 0 {
                    stdout.extend_from_slice(&buf[..got]);
                } else {
                    stderr.extend_from_slice(&buf[..got]);
                }
            } else if open[i] && fds[i].revents != 0 {
                open[i] = false;
            }
        }
    }
    Ok(())
}

pub fn getpid() -> u32 {
    unsafe { crate::os::hermit::hermit_abi::getpid() as u32 }
}
