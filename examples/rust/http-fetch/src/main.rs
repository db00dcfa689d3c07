//! An HTTP/1.1 client in Rust's std: fetches one URL and prints its status, its length and
//! the CRC-32 of its body (zlib's), so a caller can check what arrived.
//!
//!   http-fetch http://HOST[:PORT]/PATH
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::exit;

fn crc32(mut crc: u32, data: &[u8]) -> u32 {
    crc = !crc;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { 0xedb8_8320 ^ (crc >> 1) } else { crc >> 1 };
        }
    }
    !crc
}

fn main() {
    let url = std::env::args().nth(1).unwrap_or_default();
    let Some(rest) = url.strip_prefix("http://") else {
        eprintln!("usage: http-fetch http://HOST[:PORT]/PATH");
        exit(2);
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let address = if authority.contains(':') { authority.to_string() } else { format!("{authority}:80") };
    let stream = TcpStream::connect(&address).unwrap_or_else(|e| {
        eprintln!("http-fetch: {address}: {e}");
        exit(1);
    });
    let request = format!("GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n");
    (&stream).write_all(request.as_bytes()).expect("send");
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).expect("status line");
    let mut length: Option<usize> = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).expect("header") == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let (mut total, mut crc, mut buf) = (0usize, 0u32, vec![0u8; 64 * 1024]);
    loop {
        let n = reader.read(&mut buf).expect("body");
        if n == 0 {
            break;
        }
        crc = crc32(crc, &buf[..n]);
        total += n;
    }
    println!("{}", status.trim_end());
    println!("{total} bytes, CRC-32 {crc:08x}");
    if length.is_some_and(|l| l != total) {
        eprintln!("http-fetch: Content-Length said {} bytes", length.unwrap());
        exit(1);
    }
}
