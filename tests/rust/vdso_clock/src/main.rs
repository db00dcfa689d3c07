//! Reads the clocks through Rust std N times (args[1]) in each of two threads, for
//! tests/vdso_rust_test.py, which counts the clock_gettime system calls it makes (through
//! the vDSO: a handful) on Linux and on the Astra kernel. Instant never goes back, also across
//! threads (a reading is never older than one another thread finished before it), and
//! SystemTime is within 60 s of args[2], the caller's time in seconds.
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args[1].parse().unwrap();
    let host_now: u64 = args[2].parse().unwrap();
    let start = Instant::now();
    // Nanoseconds since start of the newest reading any thread finished.
    let latest = Arc::new(AtomicU64::new(0));
    let back = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (latest, back) = (latest.clone(), back.clone());
            thread::spawn(move || {
                for _ in 0..n {
                    let before = latest.load(Ordering::SeqCst);
                    let now = start.elapsed().as_nanos() as u64;
                    if now < before {
                        back.store(true, Ordering::SeqCst);
                    }
                    latest.fetch_max(now, Ordering::SeqCst);
                }
            })
        })
        .collect();
    for r in readers {
        r.join().unwrap();
    }
    println!("Instant monotonic across threads: {}", if back.load(Ordering::SeqCst) { "no" } else { "yes" });
    let mut real = 0;
    for _ in 0..n {
        real = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    }
    let skew = real as i64 - host_now as i64;
    println!("SystemTime within 60 s: {}", if skew.abs() < 60 { "yes" } else { "no" });
}
