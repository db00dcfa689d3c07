//! os_pipe: anonymous pipes, cloned ends, and a child process's stdin and stdout through them.
use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("child") {
        // The child: uppercase stdin to stdout, a note to stderr.
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).unwrap();
        print!("{}", s.to_uppercase());
        eprintln!("child read {} bytes", s.len());
        std::process::exit(7);
    }
    let (mut r, mut w) = os_pipe::pipe().unwrap();
    w.write_all(b"first").unwrap();
    let mut w2 = w.try_clone().unwrap();
    w2.write_all(b" second").unwrap();
    drop(w);
    drop(w2);
    let mut s = String::new();
    r.read_to_string(&mut s).unwrap();
    println!("pipe: {s:?}");

    // A child with its stdin, stdout and stderr on pipes.
    let (in_r, mut in_w) = os_pipe::pipe().unwrap();
    let (mut out_r, out_w) = os_pipe::pipe().unwrap();
    let err_w = out_w.try_clone().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(&exe)
        .arg("child")
        .stdin(Stdio::from(in_r))
        .stdout(Stdio::from(out_w))
        .stderr(Stdio::from(err_w))
        .spawn()
        .unwrap();
    in_w.write_all(b"hello from the parent\n").unwrap();
    drop(in_w);
    let status = child.wait().unwrap();
    let mut out = String::new();
    out_r.read_to_string(&mut out).unwrap();
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort();
    println!("child said: {lines:?}");
    println!("child status: {:?}", status.code());
    // dup of the standard streams.
    let mut so = os_pipe::dup_stdout().unwrap();
    writeln!(so, "through a duplicated stdout").unwrap();
    println!("done");
}
