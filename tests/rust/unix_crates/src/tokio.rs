//! tokio 1.24 (rt-multi-thread, net, time, io-util, macros): a TCP echo server and clients
//! through the runtime, timers and timeouts, and many spawned tasks.
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // Echo server: one task per connection.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        for _ in 0..8 {
            let (mut sock, _) = listener.accept().await.unwrap();
            tokio::spawn(async move {
                let (r, mut w) = sock.split();
                let mut lines = BufReader::new(r).lines();
                while let Some(line) = lines.next_line().await.unwrap() {
                    w.write_all(format!("echo: {line}\n").as_bytes()).await.unwrap();
                }
            });
        }
    });
    let mut clients = Vec::new();
    for i in 0..8 {
        clients.push(tokio::spawn(async move {
            let mut s = TcpStream::connect(addr).await.unwrap();
            s.set_nodelay(true).unwrap();
            for j in 0..3 {
                s.write_all(format!("client {i} line {j}\n").as_bytes()).await.unwrap();
            }
            s.shutdown().await.unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).await.unwrap();
            out
        }));
    }
    for c in clients {
        print!("{}", c.await.unwrap());
    }
    server.await.unwrap();

    // Timers.
    let t = tokio::time::Instant::now();
    tokio::time::sleep(Duration::from_millis(100)).await;
    println!("slept >= 100 ms: {}", t.elapsed() >= Duration::from_millis(100));
    let r = tokio::time::timeout(Duration::from_millis(50), tokio::time::sleep(Duration::from_secs(10))).await;
    println!("timeout fired: {}", r.is_err());
    let mut interval = tokio::time::interval(Duration::from_millis(10));
    for _ in 0..5 {
        interval.tick().await;
    }
    println!("interval ticked 5 times, >= 40 ms: {}", t.elapsed() >= Duration::from_millis(140));

    // Many tasks.
    let tasks: Vec<_> = (0..10_000u64).map(|i| tokio::spawn(async move {
        if i % 1000 == 0 {
            tokio::task::yield_now().await;
        }
        i * 2
    })).collect();
    let mut sum = 0;
    for t in tasks {
        sum += t.await.unwrap();
    }
    println!("10000 tasks, sum {sum}");
    let blocking = tokio::task::spawn_blocking(|| (1..=10u64).product::<u64>()).await.unwrap();
    println!("spawn_blocking: {blocking}");
    let (a, b) = tokio::join!(async { 1 }, async { tokio::time::sleep(Duration::from_millis(5)).await; 2 });
    println!("join: {a} {b}");
    tokio::select! {
        _ = tokio::time::sleep(Duration::from_millis(10)) => println!("select: sleep first"),
        _ = tokio::time::sleep(Duration::from_secs(10)) => println!("select: wrong branch"),
    }
    println!("done");
}
