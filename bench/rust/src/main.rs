//! The workloads of bench/run.py, the same source for Astra and for linux-gnu. Each run
//! prints the nanoseconds its measured part took (process start and exit are not in it;
//! run.py times `noop` from the outside) and the process's peak RSS in KiB.
use std::collections::HashMap;
use std::hint::black_box;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Instant, SystemTime};
use std::{env, fs, thread};

fn spawn_join(n: usize) {
    for i in 0..n {
        thread::spawn(move || black_box(i)).join().unwrap();
    }
}

fn mutex_uncontended(n: usize) {
    let m = Mutex::new(0u64);
    for _ in 0..n {
        *black_box(&m).lock().unwrap() += 1;
    }
    assert_eq!(*m.lock().unwrap(), n as u64);
}

/// Both threads start together: otherwise the first one spawned does much of its share
/// before the second exists, and the faster spawn looks like the slower mutex.
fn mutex_contended(n: usize) {
    let m = Arc::new(Mutex::new(0u64));
    let start = Arc::new(std::sync::Barrier::new(2));
    let t: Vec<_> = (0..2)
        .map(|_| {
            let (m, start) = (Arc::clone(&m), Arc::clone(&start));
            thread::spawn(move || {
                start.wait();
                for _ in 0..n / 2 {
                    *m.lock().unwrap() += 1;
                }
            })
        })
        .collect();
    t.into_iter().for_each(|t| t.join().unwrap());
    assert_eq!(*m.lock().unwrap(), (n / 2 * 2) as u64);
}

fn condvar_ping_pong(n: usize) {
    let state = Arc::new((Mutex::new(0usize), Condvar::new()));
    let other = {
        let state = Arc::clone(&state);
        thread::spawn(move || {
            let (m, c) = &*state;
            let mut turn = m.lock().unwrap();
            while *turn < 2 * n {
                while *turn % 2 == 0 {
                    turn = c.wait(turn).unwrap();
                }
                *turn += 1;
                c.notify_one();
            }
        })
    };
    let (m, c) = &*state;
    let mut turn = m.lock().unwrap();
    while *turn < 2 * n {
        *turn += 1;
        c.notify_one();
        while *turn % 2 == 1 {
            turn = c.wait(turn).unwrap();
        }
    }
    drop(turn);
    other.join().unwrap();
}

/// Vec, Box and HashMap churn: many short-lived small blocks and growing vectors.
fn churn(rounds: usize) -> u64 {
    let mut check = 0u64;
    for r in 0..rounds {
        let boxes: Vec<Box<[u64; 4]>> = (0..1000).map(|i| Box::new([i as u64, r as u64, 0, 1])).collect();
        check += boxes.iter().map(|b| b[0]).sum::<u64>();
        drop(boxes);
        let mut bytes = Vec::new();
        for i in 0..20_000u32 {
            bytes.push(i as u8);
        }
        check += bytes.len() as u64;
        let mut map: HashMap<u64, String> = HashMap::new();
        for i in 0..1000u64 {
            map.insert(i * 7919, String::from("a small value string"));
        }
        for i in (0..1000u64).step_by(3) {
            map.remove(&(i * 7919));
        }
        check += map.len() as u64;
        let words: Vec<String> = (0..500).map(|i| "w".repeat(i % 40 + 1)).collect();
        check += words.iter().map(|w| w.len() as u64).sum::<u64>();
    }
    check
}

fn churn_threads(rounds: usize, threads: usize) {
    let t: Vec<_> = (0..threads).map(|_| thread::spawn(move || churn(rounds))).collect();
    let sums: Vec<u64> = t.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(sums.windows(2).all(|w| w[0] == w[1]));
}

fn file_io(mib: usize) {
    let path = env::temp_dir().join(format!("astra-bench-{}.dat", mib));
    let chunk = vec![0x5au8; 1 << 20];
    let mut f = fs::File::create(&path).unwrap();
    for _ in 0..mib {
        f.write_all(&chunk).unwrap();
    }
    drop(f);
    let mut f = fs::File::open(&path).unwrap();
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0;
    loop {
        let n = f.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        total += n;
    }
    assert_eq!(total, mib << 20);
    fs::remove_file(&path).unwrap();
}

fn tcp_loopback(mib: usize) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let sink = thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut buf = vec![0u8; 256 << 10];
        let mut total = 0;
        loop {
            let n = s.read(&mut buf).unwrap();
            if n == 0 {
                return total;
            }
            total += n;
        }
    });
    let mut s = TcpStream::connect(addr).unwrap();
    let chunk = vec![0xa5u8; 256 << 10];
    for _ in 0..mib * 4 {
        s.write_all(&chunk).unwrap();
    }
    drop(s);
    assert_eq!(sink.join().unwrap(), mib << 20);
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let what = args.get(1).map(String::as_str).unwrap_or("noop");
    let n: usize = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(0);
    let start = Instant::now();
    match what {
        "noop" => {}
        "spawn" => spawn_join(n),
        "mutex" => mutex_uncontended(n),
        "mutex2" => mutex_contended(n),
        "condvar" => condvar_ping_pong(n),
        "alloc1" => {
            black_box(churn(n));
        }
        "alloc2" => churn_threads(n, 2),
        "file" => file_io(n),
        "tcp" => tcp_loopback(n),
        "instant" => (0..n).for_each(|_| { black_box(Instant::now()); }),
        "systemtime" => (0..n).for_each(|_| { black_box(SystemTime::now()); }),
        // The parts of the churn, one at a time (for looking into a ratio, not in the table).
        "box-free" => (0..n).for_each(|i| drop(black_box(Box::new(black_box(i))))),
        "vec-grow" => (0..n).for_each(|_| drop(black_box((0..1000u64).fold(Vec::new(), |mut v, i| { v.push(i); v })))),
        "strings" => (0..n).for_each(|_| drop(black_box((0..500).map(|i| "w".repeat(i % 40 + 1)).collect::<Vec<_>>()))),
        "small-maps" => (0..n).for_each(|_| drop(black_box((0..16u32).map(|i| (i, i)).collect::<HashMap<_, _>>()))),
        _ => panic!("unknown workload {what}"),
    }
    let elapsed = start.elapsed().as_nanos();
    println!("{elapsed} {}", peak_rss_kib());
}

/// VmHWM from /proc/self/status (the bench runs on the Linux host), or 0.
fn peak_rss_kib() -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
