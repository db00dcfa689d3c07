//! Networking on Astra through std: a TCP echo server and its clients in one process, a large
//! transfer, UDP ping-pong, timeouts, non-blocking accept, a refused connection and name
//! lookup of localhost. Ports are chosen by the kernel and never printed.
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs, UdpSocket};
use std::thread;
use std::time::{Duration, Instant};

fn echo_server(listener: TcpListener, clients: usize) -> thread::JoinHandle<usize> {
    thread::spawn(move || {
        let mut served = 0;
        for stream in listener.incoming().take(clients) {
            let mut stream = stream.expect("accept");
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = stream.read(&mut buf).expect("read");
                if n == 0 {
                    break;
                }
                stream.write_all(&buf[..n]).expect("write");
            }
            served += 1;
        }
        served
    })
}

fn tcp() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().unwrap();
    println!("listening on 127.0.0.1: {}", addr.ip().to_string() == "127.0.0.1");
    let server = echo_server(listener, 3);

    let mut client = TcpStream::connect(addr).expect("connect");
    client.set_nodelay(true).unwrap();
    client.set_ttl(64).unwrap();
    println!("nodelay: {}, ttl: {}", client.nodelay().unwrap(), client.ttl().unwrap());
    println!("peer is the server: {}", client.peer_addr().unwrap() == addr);
    let mut reader = BufReader::new(client.try_clone().expect("clone"));
    for line in ["hello\n", "astra\n", "echo\n"] {
        client.write_all(line.as_bytes()).unwrap();
        let mut back = String::new();
        reader.read_line(&mut back).unwrap();
        print!("echoed: {back}");
    }
    client.shutdown(Shutdown::Write).unwrap();
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    println!("after shutdown the server closed: {}", rest.is_empty());

    let data: Vec<u8> = (0..4 << 20).map(|i: u32| (i * 2654435761u32 >> 24) as u8).collect();
    let mut big = TcpStream::connect(addr).unwrap();
    let mut reader = big.try_clone().unwrap();
    let expected = data.clone();
    let collector = thread::spawn(move || {
        let mut got = Vec::with_capacity(expected.len());
        reader.read_to_end(&mut got).unwrap();
        got == expected
    });
    big.write_all(&data).unwrap();
    big.shutdown(Shutdown::Write).unwrap();
    println!("4 MiB echoed intact: {}", collector.join().unwrap());

    let port = addr.port();
    let via_name = TcpStream::connect(("localhost", port));
    println!("connect via \"localhost\": {}", via_name.is_ok());
    drop(via_name);
    println!("server served {} clients", server.join().unwrap());
}

fn udp() {
    let a = UdpSocket::bind("127.0.0.1:0").unwrap();
    let b = UdpSocket::bind("127.0.0.1:0").unwrap();
    let (a_addr, b_addr) = (a.local_addr().unwrap(), b.local_addr().unwrap());
    let pong = thread::spawn(move || {
        let mut buf = [0u8; 64];
        for _ in 0..5 {
            let (n, from) = b.recv_from(&mut buf).unwrap();
            assert_eq!(from, a_addr);
            let reply = format!("pong {}", std::str::from_utf8(&buf[..n]).unwrap());
            b.send_to(reply.as_bytes(), from).unwrap();
        }
    });
    let mut buf = [0u8; 64];
    for i in 0..5 {
        a.send_to(format!("ping {i}").as_bytes(), b_addr).unwrap();
        let (n, from) = a.recv_from(&mut buf).unwrap();
        println!("udp: {} (from the peer: {})", std::str::from_utf8(&buf[..n]).unwrap(), from == b_addr);
    }
    pong.join().unwrap();

    let c = UdpSocket::bind("127.0.0.1:0").unwrap();
    c.connect(a_addr).unwrap();
    c.send(b"connected datagram").unwrap();
    let (n, _) = a.peek_from(&mut buf).unwrap();
    let m = a.recv(&mut buf).unwrap();
    println!("peek then recv: {n} == {m}: {:?}", std::str::from_utf8(&buf[..m]).unwrap());
}

fn timeouts_and_errors() {
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
    println!("read timeout reads back: {:?}", sock.read_timeout().unwrap());
    let start = Instant::now();
    let err = sock.recv(&mut [0u8; 8]).unwrap_err();
    println!("recv with a 100 ms timeout: {:?} after at least 100 ms: {}", err.kind(), start.elapsed() >= Duration::from_millis(100));
    println!("zero timeout is refused: {:?}", sock.set_read_timeout(Some(Duration::ZERO)).unwrap_err().kind());

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    println!("non-blocking accept with nobody waiting: {:?}", listener.accept().map(|_| ()).unwrap_err().kind());
    let addr = listener.local_addr().unwrap();
    let _client = TcpStream::connect(addr).unwrap();
    let mut accepted = None;
    for _ in 0..1000 {
        match listener.accept() {
            Ok((s, _)) => {
                accepted = Some(s);
                break;
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => thread::sleep(Duration::from_millis(1)),
            Err(e) => panic!("{e}"),
        }
    }
    println!("non-blocking accept once a client connected: {}", accepted.is_some());

    let closed: SocketAddr = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    println!("connect to a closed port: {:?}", TcpStream::connect(closed).unwrap_err().kind());
    println!("connect_timeout to a closed port: {:?}", TcpStream::connect_timeout(&closed, Duration::from_secs(2)).unwrap_err().kind());

    let resolved: Vec<SocketAddr> = ("localhost", 8080).to_socket_addrs().unwrap().collect();
    println!("localhost:8080 resolves to 127.0.0.1:8080: {}", resolved.iter().any(|a| a.to_string() == "127.0.0.1:8080"));
    println!("numeric lookup: {:?}", "10.1.2.3:99".to_socket_addrs().unwrap().next());
    println!("unknown host fails: {}", ("no-such-host.invalid", 1).to_socket_addrs().is_err());
}

fn main() {
    tcp();
    udp();
    timeouts_and_errors();
}
