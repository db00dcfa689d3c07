//! socket2: TCP and UDP on loopback, options, non-blocking accept, errors.
use socket2::{Domain, Protocol, SockAddr, Socket, Type};
use std::io::{ErrorKind, Read, Write};
use std::mem::MaybeUninit;
use std::net::SocketAddr;

fn main() {
    let listener = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).unwrap();
    listener.set_reuse_address(true).unwrap();
    println!("SO_REUSEADDR: {}", listener.reuse_address().unwrap());
    let any: SocketAddr = "127.0.0.1:0".parse().unwrap();
    listener.bind(&any.into()).unwrap();
    listener.listen(16).unwrap();
    let addr = listener.local_addr().unwrap().as_socket().unwrap();
    println!("bound to loopback: {}, port nonzero: {}", addr.ip(), addr.port() != 0);
    println!("SO_TYPE: {:?}", listener.r#type().unwrap());

    listener.set_nonblocking(true).unwrap();
    match listener.accept() {
        Ok(_) => println!("accept without client: a connection (wrong)"),
        Err(e) => println!("accept without client: {:?}", e.kind()),
    }
    listener.set_nonblocking(false).unwrap();

    let mut client = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    client.set_nodelay(true).unwrap();
    println!("TCP_NODELAY: {}", client.nodelay().unwrap());
    client.connect(&addr.into()).unwrap();
    let (mut server, peer) = listener.accept().unwrap();
    println!("peer is client: {}", peer.as_socket() == client.local_addr().unwrap().as_socket());
    client.write_all(b"ping over socket2").unwrap();
    let mut buf = [0u8; 64];
    let n = server.read(&mut buf).unwrap();
    println!("server got: {:?}", std::str::from_utf8(&buf[..n]).unwrap());
    server.send(b"pong").unwrap();
    let mut ubuf = [MaybeUninit::<u8>::uninit(); 16];
    let n = client.recv(&mut ubuf).unwrap();
    let got: Vec<u8> = ubuf[..n].iter().map(|b| unsafe { b.assume_init() }).collect();
    println!("client got: {:?}", String::from_utf8(got).unwrap());
    server.shutdown(std::net::Shutdown::Write).unwrap();
    println!("read after peer shutdown: {:?}", client.read(&mut buf).unwrap());
    client.set_keepalive(true).unwrap();
    println!("SO_KEEPALIVE: {}", client.keepalive().unwrap());
    println!("SO_ERROR: {:?}", client.take_error().unwrap().map(|e| e.kind()));

    // UDP
    let a = Socket::new(Domain::IPV4, Type::DGRAM, None).unwrap();
    let b = Socket::new(Domain::IPV4, Type::DGRAM, None).unwrap();
    a.bind(&any.into()).unwrap();
    b.bind(&any.into()).unwrap();
    let b_addr = b.local_addr().unwrap();
    a.send_to(b"datagram", &b_addr).unwrap();
    let mut ubuf = [MaybeUninit::<u8>::uninit(); 32];
    let (n, from) = b.recv_from(&mut ubuf).unwrap();
    let got: Vec<u8> = ubuf[..n].iter().map(|b| unsafe { b.assume_init() }).collect();
    println!("udp got {:?} from a: {}", String::from_utf8(got).unwrap(),
             from.as_socket() == a.local_addr().unwrap().as_socket());

    // Errors
    let refused = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    let closed: SocketAddr = format!("127.0.0.1:{}", addr.port()).parse().unwrap();
    drop(listener);
    let e = refused.connect(&SockAddr::from(closed)).unwrap_err();
    println!("connect to a closed port: {:?}", e.kind() == ErrorKind::ConnectionRefused);
    println!("done");
}
