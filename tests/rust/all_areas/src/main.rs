//! The link test: one program that uses every area of std that reaches libastra (fs, io,
//! time, threads, sync, net, env, args, random, alloc, process exit and abort). Linking it
//! statically proves no contract symbol is missing; running it checks each area once.
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};
use std::{env, fs, thread};

fn main() {
    let args: Vec<String> = env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("abort") => std::process::abort(),
        Some("exit") => std::process::exit(args[2].parse().unwrap()),
        _ => {}
    }
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    println!("stdin: {} bytes", input.len());
    eprintln!("stderr works");

    let dir = env::temp_dir().join(format!("astra-all-areas-{}", input.trim()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("f"), b"data").unwrap();
    let listed = fs::read_dir(&dir).unwrap().count();
    let meta = fs::symlink_metadata(dir.join("f")).unwrap();
    fs::remove_file(dir.join("f")).unwrap();
    fs::remove_dir(&dir).unwrap();
    println!("fs: listed {listed}, size {}", meta.len());

    let start = Instant::now();
    thread::sleep(Duration::from_millis(5));
    println!("time: {} {}", start.elapsed() >= Duration::from_millis(5), SystemTime::now() > SystemTime::UNIX_EPOCH);

    let shared = Arc::new((Mutex::new(0), Condvar::new(), RwLock::new(0)));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let s = Arc::clone(&shared);
            thread::Builder::new().stack_size(128 * 1024).spawn(move || {
                *s.0.lock().unwrap() += 1;
                *s.2.write().unwrap() += 1;
                s.1.notify_all();
            }).unwrap()
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    println!("threads: {} {} {}", *shared.0.lock().unwrap(), *shared.2.read().unwrap(), thread::available_parallelism().is_ok());

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut b = [0u8; 4];
        s.read_exact(&mut b).unwrap();
        s.write_all(&b).unwrap();
    });
    let mut c = TcpStream::connect(("localhost", addr.port())).unwrap();
    c.write_all(b"ping").unwrap();
    let mut b = [0u8; 4];
    c.read_exact(&mut b).unwrap();
    server.join().unwrap();
    let u = UdpSocket::bind("127.0.0.1:0").unwrap();
    u.send_to(b"x", u.local_addr().unwrap()).unwrap();
    let n = u.recv(&mut [0u8; 8]).unwrap();
    println!("net: {} {}", std::str::from_utf8(&b[..4]).unwrap_or("?"), n);

    env::set_var("ALL_AREAS", "1");
    let mut m: HashMap<String, usize> = HashMap::new();
    m.insert(env::var("ALL_AREAS").unwrap(), args.len());
    let v: Vec<u64> = (0..100_000).collect();
    println!("env+random+alloc: {:?} {}", m.get("1"), v.iter().sum::<u64>());
}
