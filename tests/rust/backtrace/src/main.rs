//! Backtraces must name this program's functions (tests/backtrace_test.py).
//!
//!   backtrace_names          panics in `innermost_panics` (run with RUST_BACKTRACE=1 or full)
//!   backtrace_names thread   the same panic in a spawned thread; prints whether join() is Err
//!   backtrace_names capture  prints `Backtrace::force_capture()` with {} from the same place

use std::backtrace::Backtrace;
use std::hint::black_box;

#[inline(never)]
fn innermost_panics(mode: &str) {
    if mode == "capture" {
        println!("{}", Backtrace::force_capture()); // the capture line
        return;
    }
    panic!("deliberate panic for the backtrace"); // the panic line
}

#[inline(never)]
fn middle_calls(mode: &str) {
    innermost_panics(black_box(mode));
    black_box(());
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    if mode == "thread" {
        let joined = std::thread::spawn(|| middle_calls("panic")).join();
        println!("join: {}", if joined.is_err() { "Err" } else { "Ok" });
        return;
    }
    middle_calls(&mode);
}
