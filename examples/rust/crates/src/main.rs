//! Crates from a registry on Astra: regex, serde_json with derive, rayon, crossbeam-channel and
//! tiny_http, as Debian packages them. The output is the same on every run and every system
//! (no thread counts, ports, dates or timings are printed), so Linux is its oracle.
use crossbeam_channel::{bounded, select, unbounded};
use rayon::prelude::*;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::thread;

const TEXT: &str = "Released 2023-01-15 by ada@example.org; patched 2023-02-03 by bob@example.net, \
                    final 2024-12-31 by ada@example.org.";

fn regex_checks() {
    let date = Regex::new(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})").unwrap();
    let caps = date.captures(TEXT).unwrap();
    println!("regex captures: y={} m={} d={}", &caps["y"], &caps["m"], &caps["d"]);
    let all: Vec<String> = date.captures_iter(TEXT).map(|c| format!("{}{}", &c["m"], &c["d"])).collect();
    println!("regex captures_iter: {}", all.join(","));
    println!("regex replace_all: {}", date.replace_all(TEXT, "$d/$m/$y"));
    let mail = Regex::new(r"\b(\w+)@(\w+)\.(org|net)\b").unwrap();
    let found: Vec<String> = mail.find_iter(TEXT).map(|m| format!("{}@{}", m.as_str(), m.start())).collect();
    println!("regex find_iter: {}", found.join(" "));
    println!("regex is_match: {} {}", mail.is_match("x@y.org"), mail.is_match("x@y.com"));
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Person {
    name: String,
    email: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Project {
    name: String,
    version: (u32, u32, u32),
    tags: Vec<String>,
    owner: Person,
    reviewer: Option<Person>,
    limits: BTreeMap<String, u64>,
    ratio: f64,
}

fn serde_checks() {
    let mut limits = BTreeMap::new();
    limits.insert("threads".to_string(), 64);
    limits.insert("memory_mib".to_string(), 512);
    limits.insert("files".to_string(), 1024);
    let project = Project {
        name: "astra".into(),
        version: (0, 1, 0),
        tags: vec!["rust".into(), "os".into(), "hermit".into()],
        owner: Person { name: "Ada".into(), email: Some("ada@example.org".into()) },
        reviewer: None,
        limits,
        ratio: 0.625,
    };
    let pretty = serde_json::to_string_pretty(&project).unwrap();
    for line in pretty.lines() {
        println!("serde_json pretty: {line}");
    }
    let back: Project = serde_json::from_str(&pretty).unwrap();
    println!("serde_json round-trip equal: {}", back == project);
    let compact = serde_json::to_string(&back).unwrap();
    println!("serde_json compact: {compact}");
    let value: serde_json::Value = serde_json::from_str(&compact).unwrap();
    println!("serde_json value: owner.email={} limits.files={}", value["owner"]["email"], value["limits"]["files"]);
    let bad = serde_json::from_str::<Project>("{\"name\": 5}").unwrap_err();
    println!("serde_json error: {bad}");
}

fn fib(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    let (a, b) = rayon::join(|| fib(n - 1), || fib(n - 2));
    a + b
}

fn rayon_checks() {
    let sum: u64 = (1..=100_000u64).into_par_iter().sum();
    let squares: u64 = (1..=100_000u64).into_par_iter().map(|x| x * x).sum();
    let sevens = (1..=100_000u64).into_par_iter().filter(|x| x % 7 == 0).count();
    println!("rayon sum: {sum} (expected 5000050000)");
    println!("rayon map sum of squares: {squares} (expected 333338333350000)");
    println!("rayon filter multiples of 7: {sevens} (expected 14285)");
    let mut seed = 12345u64;
    let mut v: Vec<u64> = (0..200_000)
        .map(|_| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            seed >> 40
        })
        .collect();
    let total: u64 = v.par_iter().sum();
    v.par_sort();
    let sorted = v.par_windows(2).all(|w| w[0] <= w[1]);
    println!("rayon par_sort: sorted={sorted} len={} min={} max={} sum={total}", v.len(), v[0], v[v.len() - 1]);
    let words: Vec<String> = TEXT.split_whitespace().collect::<Vec<_>>().par_iter().map(|w| w.to_uppercase()).collect();
    println!("rayon collect keeps order: {}", words[..3].join(" "));
    println!("rayon join fib(25): {} (expected 75025)", fib(25));
}

fn crossbeam_checks() {
    let (utx, urx) = unbounded::<u64>();
    let (btx, brx) = bounded::<u64>(4);
    let mut producers = Vec::new();
    for id in 0..4u64 {
        let utx = utx.clone();
        let btx = btx.clone();
        producers.push(thread::spawn(move || {
            for i in 0..250u64 {
                utx.send(id * 1000 + i).unwrap();
                btx.send(i * i).unwrap();
            }
        }));
    }
    drop((utx, btx));
    let (mut usum, mut ucount, mut bsum, mut bcount) = (0u64, 0, 0u64, 0);
    let (mut uopen, mut bopen) = (true, true);
    let closed = crossbeam_channel::never::<u64>();
    while uopen || bopen {
        select! {
            recv(if uopen { &urx } else { &closed }) -> m => match m {
                Ok(x) => { usum += x; ucount += 1; }
                Err(_) => uopen = false,
            },
            recv(if bopen { &brx } else { &closed }) -> m => match m {
                Ok(x) => { bsum += x; bcount += 1; }
                Err(_) => bopen = false,
            },
        }
    }
    for p in producers {
        p.join().unwrap();
    }
    println!("crossbeam unbounded: {ucount} messages, sum {usum} (expected 1000, 1624500)");
    println!("crossbeam bounded(4): {bcount} messages, sum {bsum} (expected 1000, 20708500)");
    let (tx, rx) = bounded::<&str>(0);
    let t = thread::spawn(move || tx.send("rendezvous").unwrap());
    println!("crossbeam bounded(0): {}", rx.recv().unwrap());
    t.join().unwrap();
    println!("crossbeam disconnected: {}", rx.recv().is_err());
}

fn http_request(addr: SocketAddr, method: &str, path: &str, body: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("receive");
    let (head, body) = response.split_once("\r\n\r\n").expect("header end");
    (head.lines().next().unwrap_or("").to_string(), body.to_string())
}

fn http_checks() {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("server"));
    let addr = server.server_addr().to_ip().expect("ip address");
    let handler = {
        let server = Arc::clone(&server);
        thread::spawn(move || {
            let mut served = 0;
            for mut request in server.incoming_requests() {
                let mut body = String::new();
                request.as_reader().read_to_string(&mut body).unwrap();
                let response = match (request.method().as_str(), request.url()) {
                    ("GET", "/hello") => tiny_http::Response::from_string("hello from tiny_http"),
                    ("POST", "/echo") => tiny_http::Response::from_string(body.to_uppercase()),
                    _ => tiny_http::Response::from_string("not found").with_status_code(404),
                };
                request.respond(response).unwrap();
                served += 1;
            }
            served
        })
    };
    for (method, path, body) in [("GET", "/hello", ""), ("POST", "/echo", "echo me"), ("GET", "/missing", "")] {
        let (status, body) = http_request(addr, method, path, body);
        println!("tiny_http {method} {path}: {status} | {body}");
    }
    server.unblock();
    println!("tiny_http requests served: {}", handler.join().unwrap());
    drop(server);
    println!("tiny_http server stopped");
}

fn main() {
    regex_checks();
    serde_checks();
    rayon_checks();
    crossbeam_checks();
    http_checks();
    println!("all crate checks done");
}
