//! Rust std threads on several CPUs: the same output on Linux and on Astra
//! (tests/smp_test.py; bench/kernel.py times `work`).
//!   smp parallelism      std::thread::available_parallelism()
//!   smp mutex T N        T threads each add 1 N times under a std Mutex: the exact sum
//!   smp spawn N          N threads spawned and joined
//!   smp work T N         N rounds of integer hashing split over T threads (CPU-bound)
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

fn arg(i: usize) -> u64 {
    std::env::args().nth(i).and_then(|a| a.parse().ok()).unwrap_or(0)
}

fn hash_rounds(seed: u64, rounds: u64) -> u64 {
    let mut x = seed | 1;
    for _ in 0..rounds {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    x
}

fn main() {
    let what = std::env::args().nth(1).unwrap_or_default();
    match what.as_str() {
        "parallelism" => {
            let n = thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
            println!("available_parallelism: {n}");
        }
        "mutex" => {
            let (threads, n) = (arg(2), arg(3));
            let total = Arc::new(Mutex::new(0u64));
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    let total = Arc::clone(&total);
                    thread::spawn(move || {
                        for _ in 0..n {
                            *total.lock().unwrap() += 1;
                        }
                    })
                })
                .collect();
            for h in handles {
                h.join().unwrap();
            }
            println!("mutex: {threads} threads x {n} = {} (expected {})", *total.lock().unwrap(), threads * n);
        }
        "spawn" => {
            let n = arg(2);
            let mut sum = 0;
            for i in 0..n {
                sum += thread::spawn(move || i % 7).join().unwrap();
            }
            println!("spawn: {n} threads joined, results sum to {sum}");
        }
        "work" => {
            let (threads, n) = (arg(2).max(1), arg(3));
            let start = Instant::now();
            let handles: Vec<_> = (0..threads)
                .map(|t| thread::spawn(move || hash_rounds(t + 1, n / threads)))
                .collect();
            let x = handles.into_iter().fold(0, |acc, h| acc ^ h.join().unwrap());
            eprintln!("work: {} ms", start.elapsed().as_millis());
            println!("work: {threads} threads, {n} rounds, result {x:016x}");
        }
        _ => {
            eprintln!("usage: smp parallelism | mutex T N | spawn N | work T N");
            std::process::exit(2);
        }
    }
}
