//! mio 0.8: a TCP echo through Poll (epoll on Linux), a Waker from another thread, timeouts.
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};
use std::io::{ErrorKind, Read, Write};
use std::sync::Arc;
use std::time::Duration;

const LISTENER: Token = Token(0);
const CLIENT: Token = Token(1);
const SERVER: Token = Token(2);
const WAKER: Token = Token(3);

fn main() {
    let mut poll = Poll::new().unwrap();
    let mut events = Events::with_capacity(64);
    let mut listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = listener.local_addr().unwrap();
    poll.registry().register(&mut listener, LISTENER, Interest::READABLE).unwrap();
    let mut client = TcpStream::connect(addr).unwrap();
    poll.registry().register(&mut client, CLIENT, Interest::READABLE | Interest::WRITABLE).unwrap();

    let mut server: Option<TcpStream> = None;
    let mut sent = false;
    let mut echoed = Vec::new();
    let mut log = Vec::new();
    let message = b"echo through mio";
    'outer: for _ in 0..200 {
        poll.poll(&mut events, Some(Duration::from_secs(5))).unwrap();
        for ev in events.iter() {
            match ev.token() {
                LISTENER => {
                    let (mut s, _) = listener.accept().unwrap();
                    poll.registry().register(&mut s, SERVER, Interest::READABLE).unwrap();
                    server = Some(s);
                    log.push("accepted");
                }
                CLIENT => {
                    if ev.is_writable() && !sent {
                        client.write_all(message).unwrap();
                        sent = true;
                        log.push("client wrote");
                    }
                    if ev.is_readable() {
                        let mut buf = [0u8; 64];
                        loop {
                            match client.read(&mut buf) {
                                Ok(0) => break,
                                Ok(n) => echoed.extend_from_slice(&buf[..n]),
                                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                                Err(e) => panic!("{e}"),
                            }
                        }
                        if echoed.len() == message.len() {
                            break 'outer;
                        }
                    }
                }
                SERVER => {
                    let s = server.as_mut().unwrap();
                    let mut buf = [0u8; 64];
                    loop {
                        match s.read(&mut buf) {
                            Ok(0) => break,
                            Ok(n) => s.write_all(&buf[..n]).unwrap(),
                            Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                            Err(e) => panic!("{e}"),
                        }
                    }
                }
                _ => {}
            }
        }
    }
    log.sort();
    log.dedup();
    println!("events: {log:?}");
    println!("echoed: {:?}", String::from_utf8(echoed).unwrap());

    // A poll with nothing ready times out.
    let t = std::time::Instant::now();
    let mut poll2 = Poll::new().unwrap();
    poll2.poll(&mut events, Some(Duration::from_millis(50))).unwrap();
    println!("timeout: {} events, waited >= 50 ms: {}", events.iter().count(), t.elapsed() >= Duration::from_millis(45));

    // A Waker (eventfd) from another thread.
    let waker = Arc::new(Waker::new(poll2.registry(), WAKER).unwrap());
    let w = Arc::clone(&waker);
    let th = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        w.wake().unwrap();
    });
    poll2.poll(&mut events, Some(Duration::from_secs(5))).unwrap();
    println!("woken: {:?}", events.iter().map(|e| e.token()).collect::<Vec<_>>());
    th.join().unwrap();
    println!("done");
}
