//! What the Astra std overlay adds to Hermit's backend, case by case. Linux is the oracle:
//! built for x86_64-unknown-linux-gnu and for Astra, every case prints the same on Linux, on
//! the Linux host (Astra build) and on the Astra kernel, and ends with the same status.
//!
//!   std_overlay CASE [SCRATCH_DIR]
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use std::{env, panic, process, thread};

struct Noisy(&'static str);
impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn quiet_panics() {
    panic::set_hook(Box::new(|info| {
        let msg = info.payload().downcast_ref::<&str>().copied()
            .or_else(|| info.payload().downcast_ref::<String>().map(|s| s.as_str()))
            .unwrap_or("?");
        println!("panic hook: {msg}");
    }));
}

fn err(e: io::Error) -> String {
    format!("{:?} (os {:?})", e.kind(), e.raw_os_error())
}

fn show<T: std::fmt::Debug>(what: &str, r: io::Result<T>) {
    match r {
        Ok(v) => println!("{what}: Ok({v:?})"),
        Err(e) => println!("{what}: Err({})", err(e)),
    }
}

fn unwind() {
    quiet_panics();
    let r = panic::catch_unwind(|| {
        let _a = Noisy("a");
        let _b = Noisy("b");
        panic!("first");
    });
    println!("catch_unwind: is_err = {}", r.is_err());
    let r = panic::catch_unwind(|| -> i32 {
        let inner = panic::catch_unwind(|| panic!("nested {}", 2));
        println!("nested caught: {}", inner.is_err());
        7
    });
    println!("outer: {:?}", r.ok());
    let payload = panic::catch_unwind(|| panic::panic_any(42u32)).unwrap_err();
    println!("payload u32: {:?}", payload.downcast_ref::<u32>());
    let h = thread::spawn(|| {
        let _t = Noisy("thread");
        panic!("thread says {}", "bye");
    });
    let e = h.join().unwrap_err();
    println!("join: Err({:?})", e.downcast_ref::<String>());
    let r = panic::catch_unwind(|| {
        let v: Vec<u8> = Vec::new();
        v[1]
    });
    println!("index panic caught: {}", r.is_err());
    let m = std::sync::Arc::new(std::sync::Mutex::new(0));
    let m2 = m.clone();
    let _ = thread::spawn(move || {
        let _g = m2.lock().unwrap();
        panic!("poison");
    })
    .join();
    println!("mutex poisoned: {}", m.is_poisoned());
    println!("resume_unwind caught: {}", panic::catch_unwind(|| panic::resume_unwind(Box::new("r"))).is_err());
}

fn main_panics() {
    let _n = Noisy("main local");
    println!("about to panic");
    io::stdout().flush().unwrap();
    let empty: Option<u8> = None;
    empty.expect("nothing here");
}

fn double_panic() {
    struct PanicsInDrop;
    impl Drop for PanicsInDrop {
        fn drop(&mut self) {
            panic!("second panic, in drop");
        }
    }
    println!("panicking twice");
    io::stdout().flush().unwrap();
    let _p = PanicsInDrop;
    panic!("first panic");
}

fn fs_case(dir: &Path) {
    let d = dir.join("std-overlay");
    let _ = fs::remove_dir_all(&d);
    fs::create_dir(&d).unwrap();
    env::set_current_dir(&d).unwrap();

    // read_dir of an empty directory, then names in order.
    show("read_dir(empty) count", fs::read_dir(".").map(|r| r.count()));
    for n in ["b", "a", "c"] {
        fs::write(n, n).unwrap();
    }
    let mut names: Vec<String> =
        fs::read_dir(".").unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    println!("read_dir: {names:?}");

    // rename: files, over a file, directories, Linux's errors.
    show("rename a -> x", fs::rename("a", "x"));
    show("rename missing", fs::rename("a", "y"));
    show("rename b over x", fs::rename("b", "x"));
    println!("x holds {:?}", fs::read_to_string("x").ok());
    fs::create_dir_all("d1/sub").unwrap();
    fs::create_dir("d2").unwrap();
    fs::write("d2/f", "").unwrap();
    show("rename dir over non-empty dir", fs::rename("d1", "d2"));
    show("rename dir over file", fs::rename("d1", "x"));
    show("rename file over dir", fs::rename("x", "d1"));
    show("rename dir into itself", fs::rename("d1", "d1/sub/inner"));
    fs::remove_file("d2/f").unwrap();
    show("rename dir over empty dir", fs::rename("d1", "d2"));
    show("d2/sub is dir", fs::metadata("d2/sub").map(|m| m.is_dir()));

    // copy keeps the content and the permissions.
    fs::write("src", "copied bytes").unwrap();
    show("copy", fs::copy("src", "dst"));
    show("copy missing", fs::copy("nope", "dst2"));
    show("copy a directory", fs::copy("d2", "dst3"));

    // hard links.
    show("hard_link", fs::hard_link("src", "src-link"));
    show("hard_link exists", fs::hard_link("src", "src-link"));
    show("hard_link missing", fs::hard_link("nope", "l2"));
    show("hard_link dir", fs::hard_link("d2", "d2-link"));
    fs::write("src-link", "via the link").unwrap();
    println!("src now {:?}", fs::read_to_string("src").ok());

    // symlinks, read_link, symlink_metadata, canonicalize.
    show("symlink", symlink("src", "sym"));
    show("symlink exists", symlink("src", "sym"));
    show("read_link", fs::read_link("sym"));
    show("read_link of a file", fs::read_link("src"));
    show("symlink_metadata is_symlink", fs::symlink_metadata("sym").map(|m| m.file_type().is_symlink()));
    show("metadata via link is_file", fs::metadata("sym").map(|m| m.is_file()));
    println!("read via link: {:?}", fs::read_to_string("sym").ok());
    show("dangling", symlink("missing-target", "dangling"));
    show("metadata(dangling)", fs::metadata("dangling").map(|_| ()));
    show("symlink_metadata(dangling)", fs::symlink_metadata("dangling").map(|m| m.len()));
    symlink("loop1", "loop2").unwrap();
    symlink("loop2", "loop1").unwrap();
    show("open(loop)", File::open("loop1").map(|_| ()));
    show("canonicalize(loop)", fs::canonicalize("loop1"));
    show("canonicalize(missing)", fs::canonicalize("d2/missing"));
    show("canonicalize(through a file)", fs::canonicalize("src/x"));
    symlink("d2/sub", "dirlink").unwrap();
    let canon = fs::canonicalize("dirlink/../sub/./").unwrap();
    println!("canonicalize(dirlink/../sub/.) relative to scratch: {:?}", canon.strip_prefix(fs::canonicalize(&d).unwrap()).ok());
    symlink(d.join("src"), "abs-sym").unwrap();
    println!("canonicalize(abs-sym) == canonicalize(src): {}", fs::canonicalize("abs-sym").unwrap() == fs::canonicalize("src").unwrap());

    // permissions.
    let mut perm = fs::metadata("src").unwrap().permissions();
    println!("readonly before: {}", perm.readonly());
    perm.set_readonly(true);
    show("set_permissions(readonly)", fs::set_permissions("src", perm.clone()));
    println!("readonly after: {}", fs::metadata("src").unwrap().permissions().readonly());
    show("set_permissions(missing)", fs::set_permissions("nope", perm));
    show("copy keeps readonly", fs::copy("src", "dst4").map(|_| fs::metadata("dst4").unwrap().permissions().readonly()));
    #[cfg(any(unix, target_vendor = "astra"))] // Astra: std::os::astra on the Hermit target, std::os::unix on the unix target
    {
        #[cfg(unix)]
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        #[cfg(all(target_vendor = "astra", not(unix)))]
        use std::os::astra::fs::{MetadataExt, PermissionsExt};
        fs::set_permissions("dst", fs::Permissions::from_mode(0o640)).unwrap();
        println!("mode of dst: {:o}", fs::metadata("dst").unwrap().mode() & 0o7777);
        println!("nlink of src: {}", fs::metadata("src").unwrap().nlink());
        #[cfg(unix)]
        use std::os::unix::fs::OpenOptionsExt;
        #[cfg(all(target_vendor = "astra", not(unix)))]
        use std::os::astra::fs::OpenOptionsExt;
        const O_NOFOLLOW: i32 = 0o400000; // Linux's value, which Astra takes too
        let r = OpenOptions::new().read(true).custom_flags(O_NOFOLLOW).open("sym");
        show("open(symlink, O_NOFOLLOW)", r.map(|_| ()));
        let f = OpenOptions::new().write(true).create_new(true).mode(0o604).open("made-0604");
        show("create with mode 0604", f.map(|_| fs::metadata("made-0604").unwrap().mode() & 0o777));
    }

    // times.
    let t = SystemTime::UNIX_EPOCH + Duration::new(1_000_000_000, 123_456_789);
    let f = OpenOptions::new().write(true).open("dst").unwrap();
    show("File::set_modified", f.set_modified(t));
    println!("modified: {:?}", fs::metadata("dst").unwrap().modified().unwrap().duration_since(SystemTime::UNIX_EPOCH).ok());
    let times = fs::FileTimes::new().set_accessed(t + Duration::from_secs(5));
    show("File::set_times(accessed only)", f.set_times(times));
    let m = fs::metadata("dst").unwrap();
    println!("accessed: {:?}", m.accessed().unwrap().duration_since(SystemTime::UNIX_EPOCH).ok());
    println!("modified kept: {:?}", m.modified().unwrap().duration_since(SystemTime::UNIX_EPOCH).ok());
    drop(f);

    // locks: a second open file description is refused while the first holds the lock.
    let a = File::create("lockfile").unwrap();
    let b = File::open("lockfile").unwrap();
    show("lock", a.lock());
    println!("try_lock (other): {:?}", b.try_lock().map_err(|e| e.to_string()));
    println!("try_lock_shared (other): {:?}", b.try_lock_shared().map_err(|e| e.to_string()));
    show("unlock", a.unlock());
    println!("try_lock_shared (other) now: {:?}", b.try_lock_shared().map_err(|e| e.to_string()));
    println!("try_lock_shared (first) too: {:?}", a.try_lock_shared().map_err(|e| e.to_string()));
    println!("try_lock (first) while shared: {:?}", a.try_lock().map_err(|e| e.to_string()));
    drop(b);
    println!("try_lock after the other closed: {:?}", a.try_lock().map_err(|e| e.to_string()));
    drop(a);

    // truncate, sync, duplicate.
    let mut f = OpenOptions::new().read(true).write(true).open("dst").unwrap();
    show("set_len(4)", f.set_len(4));
    show("sync_all", f.sync_all());
    show("sync_data", f.sync_data());
    let mut dup = f.try_clone().unwrap();
    let mut s = String::new();
    dup.read_to_string(&mut s).unwrap();
    println!("read through the clone: {s:?}");
    show("write at the shared offset", f.write(b"!"));
    println!("dst: {:?}", fs::read_to_string("dst").ok());

    // remove_dir_all: a tree with read-only files and links.
    fs::create_dir_all("tree/a/b").unwrap();
    fs::write("tree/a/b/ro", "x").unwrap();
    let mut p = fs::metadata("tree/a/b/ro").unwrap().permissions();
    p.set_readonly(true);
    fs::set_permissions("tree/a/b/ro", p).unwrap();
    symlink("../../src", "tree/a/link-out").unwrap();
    show("remove_dir_all(tree)", fs::remove_dir_all("tree"));
    println!("tree exists: {}", Path::new("tree").exists());
    println!("src survives the link: {}", Path::new("src").exists());
    show("remove_dir_all(missing)", fs::remove_dir_all("tree"));
    show("remove_dir_all(file)", fs::remove_dir_all("src"));

    env::set_current_dir(dir).unwrap();
    show("remove_dir_all(scratch)", fs::remove_dir_all(&d));
}

#[cfg(unix)]
fn symlink(a: impl AsRef<Path>, b: impl AsRef<Path>) -> io::Result<()> {
    std::os::unix::fs::symlink(a, b)
}
#[cfg(all(target_vendor = "astra", not(unix)))]
fn symlink(a: impl AsRef<Path>, b: impl AsRef<Path>) -> io::Result<()> {
    std::os::astra::fs::symlink(a, b)
}

fn process_env() {
    println!("process::id() > 0: {}", process::id() > 0);
    let exe = env::current_exe().unwrap();
    println!("current_exe is absolute: {}", exe.is_absolute());
    println!("current_exe exists: {}", exe.exists());
    println!("current_exe names this program: {}", exe.file_name().unwrap().to_string_lossy().starts_with("std-overlay"));
    #[allow(deprecated)]
    let home = env::home_dir();
    println!("home_dir: {:?}", home);
    println!("temp_dir: {:?}", env::temp_dir());
    env::set_var("TMPDIR", "/var/tmp");
    println!("temp_dir with TMPDIR: {:?}", env::temp_dir());
    let paths: Vec<PathBuf> = env::split_paths("/usr/local/bin:/usr/bin::/bin").collect();
    println!("split_paths: {paths:?}");
    println!("join_paths: {:?}", env::join_paths(paths.iter()).ok());
    println!("join_paths(bad): {}", env::join_paths(["a:b", "c"]).map_err(|e| e.to_string()).unwrap_err());
    show("set_current_dir(/)", env::set_current_dir("/"));
    show("current_dir", env::current_dir());
    show("set_current_dir(missing)", env::set_current_dir("/no/such"));
    show("current_dir unchanged", env::current_dir());
    println!("exit code 3 next");
    process::exit(3);
}

/// `Command` and `io::pipe`: the program runs copies of itself as children.
fn processes(dir: &Path) {
    use std::process::{Command, Stdio};
    let me = env::current_exe().unwrap();
    let out = Command::new(&me)
        .args(["child", "exit-7"])
        .env("X", "42")
        .env_remove("HOME")
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    println!("output: {} code {:?}", out.status, out.status.code());
    println!("  stdout {:?}", String::from_utf8_lossy(&out.stdout));
    println!("  stderr {:?}", String::from_utf8_lossy(&out.stderr));
    let mut child = Command::new(&me)
        .args(["child", "echo"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"through a pipe").unwrap();
    let mut s = String::new();
    child.stdout.take().unwrap().read_to_string(&mut s).unwrap();
    println!("piped: {:?} then {}", s, child.wait().unwrap());
    let st = Command::new(&me).args(["child", "abort"]).stderr(Stdio::null()).status().unwrap();
    println!("abort: {} code {:?} success {}", st, st.code(), st.success());
    let st = Command::new(&me).args(["child", "panic"]).stderr(Stdio::null()).status().unwrap();
    println!("panic: {} code {:?}", st, st.code());
    let e = Command::new("/no/such/program").spawn().map(|_| ()).unwrap_err();
    println!("missing program: {:?} {:?}", e.kind(), e.raw_os_error());
    let e = Command::new("no-such-program-in-path").env("PATH", "/nowhere:/also/not").spawn().map(|_| ()).unwrap_err();
    println!("missing in PATH: {:?}", e.kind());
    let mut c = Command::new(&me)
        .args(["child", "echo"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    println!("try_wait while running: {:?}", c.try_wait().unwrap());
    c.kill().unwrap();
    let st = c.wait().unwrap();
    println!("killed: {} code {:?}", st, st.code());
    println!("kill after wait: {:?}", c.kill().map_err(|e| e.kind()));
    let (mut r, mut w) = io::pipe().unwrap();
    let w2 = w.try_clone().unwrap();
    w.write_all(b"io::pipe ").unwrap();
    drop(w);
    let mut out = Command::new(&me).args(["child", "say"]).stdout(w2).spawn().unwrap();
    let mut s = String::new();
    r.read_to_string(&mut s).unwrap();
    println!("{s:?} then {}", out.wait().unwrap());
    #[cfg(unix)]
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    #[cfg(all(target_vendor = "astra", not(unix)))]
    use std::os::astra::process::{CommandExt, ExitStatusExt};
    let out = Command::new(&me).arg0("renamed").args(["child", "argv0"]).output().unwrap();
    println!("arg0: {:?}", String::from_utf8_lossy(&out.stdout));
    let st = Command::new(&me).args(["child", "abort"]).stderr(Stdio::null()).status().unwrap();
    println!("ExitStatusExt: signal {:?} raw {:#x}", st.signal(), st.into_raw() & 0x7f);
    println!("from_raw(0x0300): {}", std::process::ExitStatus::from_raw(0x0300));
}

/// `Command` with bad input: programs that cannot run, and a pipe whose reader is gone.
fn process_errors(dir: &Path) {
    use std::process::{Command, Stdio};
    #[cfg(unix)]
    use std::os::unix::fs::PermissionsExt;
    #[cfg(all(target_vendor = "astra", not(unix)))]
    use std::os::astra::fs::PermissionsExt;
    let me = env::current_exe().unwrap();
    let elf = fs::read(&me).unwrap();
    let files: [(&str, &[u8], u32); 4] =
        [("text", b"hello\n", 0o755), ("empty", b"", 0o755), ("stub", &elf[..40], 0o755), ("no-x", &elf, 0o644)];
    for (name, data, mode) in files {
        fs::write(dir.join(name), data).unwrap();
        fs::set_permissions(dir.join(name), fs::Permissions::from_mode(mode)).unwrap();
    }
    let spawn = |what: &str, c: &mut Command| match c.stdout(Stdio::null()).spawn() {
        Ok(mut child) => println!("{what}: spawned, then {}", child.wait().unwrap()),
        Err(e) => println!("{what}: Err({})", err(e)),
    };
    spawn("a text file without #!", &mut Command::new(dir.join("text")));
    spawn("an empty file", &mut Command::new(dir.join("empty")));
    spawn("the first 40 bytes of an ELF", &mut Command::new(dir.join("stub")));
    spawn("a file without execute permission", &mut Command::new(dir.join("no-x")));
    spawn("a directory", &mut Command::new(dir));
    spawn("an empty program name", &mut Command::new(""));
    spawn("a path through a file", &mut Command::new(dir.join("text").join("x")));
    spawn("a name in PATH without execute permission", Command::new("no-x").env("PATH", dir));
    spawn("a missing current_dir", Command::new(&me).args(["child", "say"]).current_dir(dir.join("missing")));
    for (name, _, _) in files {
        fs::remove_file(dir.join(name)).unwrap();
    }

    // Its stdout ends when it exits (a loaded machine may take longer than any fixed sleep to
    // start it); the sleep then lets it become a zombie.
    let mut c = Command::new(&me).args(["child", "exit-7"]).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    io::copy(&mut c.stdout.take().unwrap(), &mut io::sink()).unwrap();
    thread::sleep(Duration::from_millis(300));
    println!("kill of a child that exited but was not waited for: {:?}", c.kill().map_err(|e| e.kind()));
    println!("then wait: {}", c.wait().unwrap());
    println!("wait again: {}", c.wait().unwrap());
    println!("try_wait after wait: {:?}", c.try_wait().unwrap());

    let (r, mut w) = io::pipe().unwrap();
    drop(r);
    show("write to a pipe whose reader is gone", w.write(b"x"));
    // The child writes only once its stdin ends, which is after its stdout's reader is gone.
    let mut c = Command::new(&me).args(["child", "after-eof"]).stdin(Stdio::piped()).stdout(Stdio::piped())
        .stderr(Stdio::null()).spawn().unwrap();
    drop(c.stdout.take());
    drop(c.stdin.take());
    println!("a child writing to a closed stdout pipe: {}", c.wait().unwrap());
}

fn child(what: &str) {
    match what {
        "after-eof" => {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).unwrap();
            println!("child: stdin ended");
            process::exit(7);
        }
        "exit-7" => {
            println!("child: X={:?} HOME={:?} cwd ends with std-overlay-cwd: {}", env::var("X").ok(), env::var("HOME").ok(),
                env::current_dir().unwrap().ends_with("std-overlay-cwd"));
            eprintln!("child: to stderr");
            process::exit(7);
        }
        "echo" => {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).unwrap();
            print!("child read {s:?}");
        }
        "abort" => process::abort(),
        "panic" => panic!("child panics"),
        "say" => print!("and a child's stdout"),
        "argv0" => print!("{}", env::args().next().unwrap()),
        _ => process::exit(2),
    }
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let case = args.get(1).map(String::as_str).unwrap_or("");
    let dir = PathBuf::from(args.get(2).map(String::as_str).unwrap_or("/tmp"));
    match case {
        "unwind" => unwind(),
        "main-panics" => main_panics(),
        "double-panic" => double_panic(),
        "fs" => fs_case(&dir),
        "process-env" => process_env(),
        "processes" => {
            let d = dir.join("std-overlay-cwd");
            let _ = fs::create_dir(&d);
            processes(&d);
            let _ = fs::remove_dir(&d);
        }
        "process-errors" => {
            let d = dir.join("std-overlay-errors");
            let _ = fs::create_dir(&d);
            process_errors(&d);
            let _ = fs::remove_dir(&d);
        }
        "child" => child(args.get(2).map(String::as_str).unwrap_or("")),
        _ => {
            eprintln!("usage: std_overlay unwind|main-panics|double-panic|fs|process-env [DIR]");
            process::exit(2);
        }
    }
}
