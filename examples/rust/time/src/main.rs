//! Time on Astra through std: Instant, SystemTime, sleeps and timed waits. Prints only facts
//! that hold on every run ("slept at least 100 ms: true"), never the times themselves.
use std::sync::{mpsc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn main() {
    let a = Instant::now();
    let b = Instant::now();
    println!("Instant never goes back: {}", b >= a);
    println!("earlier.duration_since(later) saturates to zero: {}", a.duration_since(b) == Duration::ZERO);
    println!("checked_sub of an earlier instant: {:?}", a.checked_duration_since(b).map(|d| d.is_zero()));
    let later = a + Duration::from_secs(3600);
    println!("an hour later minus now is about an hour: {}", later.duration_since(a) == Duration::from_secs(3600));

    let now = SystemTime::now();
    let since = now.duration_since(UNIX_EPOCH).expect("after 1970");
    println!("SystemTime is after 2024-01-01: {}", since.as_secs() > 1_704_067_200);
    println!("and before 2100: {}", since.as_secs() < 4_102_444_800);
    let day = UNIX_EPOCH + Duration::from_secs(86_400);
    println!("epoch + 1 day: {:?}", day.duration_since(UNIX_EPOCH).unwrap());
    println!("an earlier time is an error: {}", UNIX_EPOCH.duration_since(day).is_err());
    println!("durations print: {:?} {:?} {:?}", Duration::from_millis(1500), Duration::from_micros(42), Duration::from_nanos(7));

    for ms in [1u64, 10, 100, 250] {
        let start = Instant::now();
        thread::sleep(Duration::from_millis(ms));
        let slept = start.elapsed();
        println!("slept at least {ms} ms: {}, less than {} ms: {}", slept >= Duration::from_millis(ms), ms + 1000, slept < Duration::from_millis(ms + 1000));
    }
    let start = Instant::now();
    thread::sleep(Duration::ZERO);
    thread::sleep(Duration::from_nanos(1));
    println!("zero and 1 ns sleeps return promptly: {}", start.elapsed() < Duration::from_millis(100));

    let pair = (Mutex::new(false), Condvar::new());
    let start = Instant::now();
    let guard = pair.0.lock().unwrap();
    let (_guard, result) = pair.1.wait_timeout(guard, Duration::from_millis(50)).unwrap();
    println!("Condvar::wait_timeout(50 ms) timed out: {} after at least 50 ms: {}", result.timed_out(), start.elapsed() >= Duration::from_millis(50));

    let (_tx, rx) = mpsc::channel::<u32>();
    let start = Instant::now();
    println!("recv_timeout(30 ms): {:?} after at least 30 ms: {}", rx.recv_timeout(Duration::from_millis(30)), start.elapsed() >= Duration::from_millis(30));

    let start = Instant::now();
    thread::park_timeout(Duration::from_millis(20));
    println!("park_timeout(20 ms) returned after at least 20 ms: {}", start.elapsed() >= Duration::from_millis(20));

    // The worker may start late on a busy host, even after the unpark (park then returns at
    // once, as documented): what holds on every run is that park returns only after it.
    let unparked = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen = unparked.clone();
    let worker = thread::spawn(move || {
        thread::park();
        seen.load(std::sync::atomic::Ordering::SeqCst)
    });
    thread::sleep(Duration::from_millis(30));
    unparked.store(true, std::sync::atomic::Ordering::SeqCst);
    worker.thread().unpark();
    println!("a parked thread waited for unpark: {}", worker.join().unwrap());
}
