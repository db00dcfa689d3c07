//! Rust std on Astra: args, environment, collections, a thread with a thread-local.
use std::cell::Cell;
use std::collections::HashMap;
use std::thread;

thread_local! {
    static COUNTER: Cell<u64> = const { Cell::new(0) };
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let system = if cfg!(target_vendor = "astra") { "Astra" } else { "another system" };
    println!("Hello from Rust std on {system}!");
    println!("{} argument(s): {:?}", args.len(), args);

    match std::env::var("ASTRA_GREETING") {
        Ok(v) => println!("ASTRA_GREETING = {v:?}"),
        Err(_) => println!("ASTRA_GREETING is not set"),
    }

    let squares: Vec<u64> = (1..=10).map(|i| i * i).collect();
    println!("squares: {:?} (sum {})", squares, squares.iter().sum::<u64>());

    let text = "the quick brown fox jumps over the lazy dog the end";
    let mut words: HashMap<&str, usize> = HashMap::new();
    for w in text.split_whitespace() {
        *words.entry(w).or_default() += 1;
    }
    let mut counts: Vec<_> = words.into_iter().collect();
    counts.sort();
    println!("word counts: {counts:?}");

    COUNTER.with(|c| c.set(1));
    let worker = thread::Builder::new()
        .name("worker".into())
        .spawn(|| {
            // A fresh thread sees its own, zero-initialised copy of the thread-local.
            let start = COUNTER.with(|c| c.get());
            for i in 1..=100 {
                COUNTER.with(|c| c.set(c.get() + i));
            }
            let name = thread::current().name().unwrap_or("?").to_string();
            (name, start, COUNTER.with(|c| c.get()))
        })
        .expect("spawn");
    let (name, start, total) = worker.join().expect("join");
    println!("thread {name:?} started with counter {start}, returned {total}");
    println!("main thread's counter is still {}", COUNTER.with(|c| c.get()));
}
