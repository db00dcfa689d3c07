//! signal-hook: flags, a counter, an iterator on a thread, and low-level raise.
use signal_hook::consts::{SIGUSR1, SIGUSR2, SIGTERM};
use signal_hook::iterator::Signals;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

fn main() {
    let flag = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGUSR1, Arc::clone(&flag)).unwrap();
    println!("flag before: {}", flag.load(Ordering::SeqCst));
    signal_hook::low_level::raise(SIGUSR1).unwrap();
    println!("flag after raise: {}", flag.load(Ordering::SeqCst));

    let count = Arc::new(AtomicUsize::new(0));
    let c = Arc::clone(&count);
    let id = unsafe { signal_hook::low_level::register(SIGUSR1, move || { c.fetch_add(1, Ordering::SeqCst); }) }.unwrap();
    for _ in 0..3 {
        signal_hook::low_level::raise(SIGUSR1).unwrap();
    }
    println!("counted: {}", count.load(Ordering::SeqCst));
    println!("unregistered: {}", signal_hook::low_level::unregister(id));
    signal_hook::low_level::raise(SIGUSR1).unwrap();
    println!("counted after unregister: {}", count.load(Ordering::SeqCst));

    // An iterator on a thread of its own.
    let mut signals = Signals::new([SIGUSR2, SIGTERM]).unwrap();
    let handle = signals.handle();
    let t = std::thread::spawn(move || {
        let mut got = Vec::new();
        for s in signals.forever() {
            got.push(s);
            if s == SIGTERM {
                break;
            }
        }
        got
    });
    signal_hook::low_level::raise(SIGUSR2).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
    signal_hook::low_level::raise(SIGTERM).unwrap();
    let got = t.join().unwrap();
    handle.close();
    println!("iterator got: {got:?}");
    println!("forbidden: {:?}", signal_hook::consts::FORBIDDEN);
    println!("signal name: {:?}", signal_hook::low_level::signal_name(SIGUSR2));
    println!("done");
}
