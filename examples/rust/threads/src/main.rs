//! Threads and synchronisation on Astra through std: Mutex, Condvar, RwLock, Barrier, mpsc,
//! scoped threads, thread-locals with destructors, Once/OnceLock, atomics, parking, names
//! and stack sizes. Every result is exact.
use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Barrier, Condvar, Mutex, Once, OnceLock, RwLock};
use std::thread;

static DROPS: AtomicUsize = AtomicUsize::new(0);

struct CountsDrops(usize);
impl Drop for CountsDrops {
    fn drop(&mut self) {
        DROPS.fetch_add(self.0, Ordering::SeqCst);
    }
}

thread_local! {
    static LOCAL: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    static WITH_DROP: RefCell<Option<CountsDrops>> = const { RefCell::new(None) };
}

fn mutex_counter() {
    let counter = Arc::new(Mutex::new(0u64));
    let handles: Vec<_> = (0..16)
        .map(|_| {
            let c = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..10_000 {
                    *c.lock().unwrap() += 1;
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    println!("16 threads x 10000 increments under a Mutex: {}", *counter.lock().unwrap());
}

fn condvar_queue() {
    let shared = Arc::new((Mutex::new(VecDeque::new()), Condvar::new()));
    let consumer = {
        let shared = Arc::clone(&shared);
        thread::spawn(move || {
            let (queue, ready) = &*shared;
            let mut sum = 0u64;
            loop {
                let mut q = queue.lock().unwrap();
                while q.is_empty() {
                    q = ready.wait(q).unwrap();
                }
                match q.pop_front().unwrap() {
                    0 => return sum,
                    n => sum += n,
                }
            }
        })
    };
    for n in (1..=1000u64).chain([0]) {
        shared.0.lock().unwrap().push_back(n);
        shared.1.notify_one();
    }
    println!("Condvar producer/consumer sum of 1..=1000: {}", consumer.join().unwrap());
}

fn rwlock_readers_and_writer() {
    let data = Arc::new(RwLock::new(vec![1u32; 100]));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let d = Arc::clone(&data);
            thread::spawn(move || (0..500).map(|_| d.read().unwrap().iter().sum::<u32>() % 100).max().unwrap())
        })
        .collect();
    let writer = {
        let d = Arc::clone(&data);
        thread::spawn(move || {
            for _ in 0..100 {
                let mut v = d.write().unwrap();
                for x in v.iter_mut() {
                    *x += 1;
                }
            }
        })
    };
    writer.join().unwrap();
    let consistent = readers.into_iter().all(|r| r.join().unwrap() == 0);
    println!("RwLock readers always saw a whole write: {consistent}, final sum: {}", data.read().unwrap().iter().sum::<u32>());
}

fn barrier_phases() {
    let barrier = Arc::new(Barrier::new(8));
    let arrived = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let (b, a) = (Arc::clone(&barrier), Arc::clone(&arrived));
            thread::spawn(move || {
                let mut ok = true;
                for phase in 1..=3 {
                    a.fetch_add(1, Ordering::SeqCst);
                    let leader = b.wait().is_leader();
                    ok &= a.load(Ordering::SeqCst) >= phase * 8;
                    b.wait();
                    let _ = leader;
                }
                (ok, 0)
            })
        })
        .collect();
    let ok = handles.into_iter().all(|h| h.join().unwrap().0);
    println!("Barrier: 8 threads x 3 phases never ran ahead: {ok}");
}

fn channels() {
    let (tx, rx) = mpsc::channel();
    for id in 0..4u64 {
        let tx = tx.clone();
        thread::spawn(move || {
            for i in 0..250 {
                tx.send(id * 1000 + i).unwrap();
            }
        });
    }
    drop(tx);
    let received: Vec<u64> = rx.iter().collect();
    println!("mpsc: {} messages from 4 senders, sum {}", received.len(), received.iter().sum::<u64>());

    let (tx, rx) = mpsc::sync_channel(0);
    let echo = thread::spawn(move || rx.iter().map(|s: String| s.len()).sum::<usize>());
    for word in ["rendezvous", "channel", "of", "capacity", "zero"] {
        tx.send(word.to_string()).unwrap();
    }
    drop(tx);
    println!("sync_channel(0) carried {} bytes", echo.join().unwrap());
}

fn scoped() {
    let numbers: Vec<u64> = (1..=10_000).collect();
    let mut partial = [0u64; 4];
    thread::scope(|s| {
        for (chunk, out) in numbers.chunks(2500).zip(partial.iter_mut()) {
            s.spawn(move || *out = chunk.iter().sum());
        }
    });
    println!("scoped threads summed borrowed chunks: {:?} = {}", partial, partial.iter().sum::<u64>());
}

fn thread_locals() {
    LOCAL.with(|l| l.borrow_mut().push(1));
    let lens: Vec<usize> = (0..4)
        .map(|i| {
            thread::spawn(move || {
                WITH_DROP.with(|w| *w.borrow_mut() = Some(CountsDrops(10 + i)));
                LOCAL.with(|l| {
                    l.borrow_mut().extend(0..i as u32);
                    l.borrow().len()
                })
            })
            .join()
            .unwrap()
        })
        .collect();
    println!("each thread has its own thread-local: {:?}, main still has {}", lens, LOCAL.with(|l| l.borrow().len()));
    println!("thread-local destructors ran at thread exit: {}", DROPS.load(Ordering::SeqCst) == 10 + 11 + 12 + 13);
}

fn once_and_atomics() {
    static INIT: Once = Once::new();
    static VALUE: OnceLock<String> = OnceLock::new();
    let runs = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let runs = Arc::clone(&runs);
            thread::spawn(move || {
                INIT.call_once(|| {
                    runs.fetch_add(1, Ordering::SeqCst);
                });
                VALUE.get_or_init(|| format!("set by one of the threads ({})", i < 8)).len()
            })
        })
        .collect();
    let lens: Vec<usize> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    println!("Once ran {} time(s); OnceLock value seen by all: {}", runs.load(Ordering::SeqCst), lens.iter().all(|&l| l == lens[0]));
    let hits = Arc::new(AtomicUsize::new(0));
    thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                for _ in 0..100_000 {
                    hits.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    println!("atomic fetch_add from 8 threads: {}", hits.load(Ordering::SeqCst));
}

fn names_stacks_parking() {
    let named = thread::Builder::new()
        .name("astra-worker".into())
        .spawn(|| thread::current().name().map(str::to_owned))
        .unwrap();
    println!("thread name: {:?}", named.join().unwrap());
    fn depth(n: u64) -> u64 {
        let pad = [n; 64];
        if n == 0 { 0 } else { pad[(n % 64) as usize] / n + depth(n - 1) }
    }
    let deep = thread::Builder::new().stack_size(8 << 20).spawn(|| depth(10_000)).unwrap();
    println!("8 MiB stack ran 10000 nested calls: {}", deep.join().unwrap());
    let flag = Arc::new(AtomicUsize::new(0));
    let parked = {
        let flag = Arc::clone(&flag);
        thread::spawn(move || {
            while flag.load(Ordering::Acquire) == 0 {
                thread::park();
            }
            "unparked"
        })
    };
    flag.store(1, Ordering::Release);
    parked.thread().unpark();
    println!("park/unpark: {}", parked.join().unwrap());
    let handle = thread::spawn(|| thread::yield_now());
    handle.join().unwrap();
    println!("available_parallelism >= 1: {}", thread::available_parallelism().map(|n| n.get() >= 1).unwrap_or(false));
    let value = thread::spawn(|| 6 * 7).join();
    println!("join returns the thread's value: {:?}", value.ok());
}

fn main() {
    mutex_counter();
    condvar_queue();
    rwlock_readers_and_writer();
    barrier_phases();
    channels();
    scoped();
    thread_locals();
    once_and_atomics();
    names_stacks_parking();
}
