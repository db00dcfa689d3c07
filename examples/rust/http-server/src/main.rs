//! A small HTTP/1.1 server in Rust's std: one thread per connection, keep-alive, GET only.
//!
//!   http-server [PORT] [--requests N]
//!
//! `/` answers a page naming the system it runs on, `/bytes/N` answers N bytes (for
//! throughput), anything else 404. With `--requests N` it exits after answering N requests.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;

const PAGE: &str = "<!doctype html>\n<title>Astra</title>\n<h1>Hello from Astra</h1>\n\
<p>This page was served by a Rust std program on the Astra kernel.</p>\n";

/// Serves one connection until the client closes it or asks to; counts answered requests.
fn serve(stream: TcpStream, answered: &AtomicUsize, limit: usize) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request)? == 0 {
            return Ok(());
        }
        let mut keep_alive = request.trim_end().ends_with("HTTP/1.1");
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
                break;
            }
            let lower = header.to_ascii_lowercase();
            if lower.starts_with("connection:") {
                keep_alive = lower.contains("keep-alive");
            }
        }
        let path = request.split_whitespace().nth(1).unwrap_or("/");
        let (status, body): (&str, Vec<u8>) = match path {
            "/" => ("200 OK", PAGE.as_bytes().to_vec()),
            p if p.starts_with("/bytes/") => match p[7..].parse::<usize>() {
                Ok(n) if n <= 64 << 20 => ("200 OK", (0..n).map(|i| b'a' + (i % 26) as u8).collect()),
                _ => ("400 Bad Request", b"bad size\n".to_vec()),
            },
            _ => ("404 Not Found", b"not found\n".to_vec()),
        };
        // Head and body in one write: two would leave the body to Nagle's algorithm, waiting
        // for the client's acknowledgement of the head.
        let mut response = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nContent-Type: text/html\r\nConnection: {}\r\n\r\n",
            body.len(),
            if keep_alive { "keep-alive" } else { "close" }
        )
        .into_bytes();
        response.extend_from_slice(&body);
        out.write_all(&response)?;
        let n = answered.fetch_add(1, Ordering::SeqCst) + 1;
        if limit != 0 && n >= limit {
            // The machine ends with this program: let the client take every byte first.
            out.shutdown(std::net::Shutdown::Write)?;
            let mut rest = Vec::new();
            let _ = reader.read_to_end(&mut rest);
            std::process::exit(0);
        }
        if !keep_alive {
            return Ok(());
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut port = 8080u16;
    let mut limit = 0usize;
    while let Some(a) = args.next() {
        if a == "--requests" {
            limit = args.next().and_then(|n| n.parse().ok()).expect("--requests N");
        } else {
            port = a.parse().expect("PORT");
        }
    }
    let listener = TcpListener::bind(("0.0.0.0", port)).expect("bind");
    println!("http-server: listening on port {port}");
    let answered = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let answered = Arc::clone(&answered);
        thread::spawn(move || {
            let _ = serve(stream, &answered, limit);
        });
    }
}
