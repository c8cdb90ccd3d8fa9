//! How quickly `quire serve` shows an edit: starts serve on a copy of the example site,
//! saves one document several times, and measures from each save to the reload event
//! and to the changed page being served.
//!
//! ```sh
//! cargo build && cargo run --example serve_bench -- [path/to/quire] [edits]
//! ```
//!
//! The quire binary defaults to `target/debug/quire` (the build the tests use); pass
//! `target/release/quire` for a release build.

// A benchmark that copies the example site to a temporary folder and edits it.
#![allow(clippy::disallowed_methods)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOC: &str = "content/committees/cabinet/2021-10-13/residential-sufficiency.md";
const DOC_URL: &str = "/committees/cabinet/2021-10-13/residential-sufficiency/";

fn main() {
    let mut args = std::env::args().skip(1);
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let quire = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("target/debug/quire"));
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(9);

    let site = std::env::temp_dir().join(format!("quire-serve-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(&repo.join("content"), &site.join("content"));
    std::fs::copy(repo.join("site.toml"), site.join("site.toml")).expect("copy site.toml");

    let mut child = Command::new(&quire)
        .args(["serve", "--port", "0", "--as-of", "2021-10-20", "--root"])
        .arg(&site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("start {}: {e}", quire.display()));
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let port: u16 = loop {
        let line = lines
            .next()
            .expect("serve printed its address")
            .expect("line");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .split('/')
                .next()
                .and_then(|p| p.parse().ok())
                .expect("port");
        }
    };
    // Keep reading serve's output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});

    let mut events = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(events, "GET /__quire/events HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
    read_until(&mut events, ": quire serve");

    let doc = site.join(DOC);
    let original = std::fs::read_to_string(&doc).expect("read the document");
    let (mut to_reload, mut to_page) = (Vec::new(), Vec::new());
    for i in 0..edits {
        // Let the last edit's pack be laid out, as when an officer reads between saves.
        std::thread::sleep(Duration::from_millis(1500));
        read_available(&mut events);
        let marker = format!("Benchmark edit {i} of {edits}.");
        let saved = Instant::now();
        std::fs::write(&doc, format!("{original}\n{marker}\n")).expect("save");
        read_until(&mut events, "event: reload");
        to_reload.push(saved.elapsed());
        loop {
            if get(port, DOC_URL).contains(&marker) {
                break;
            }
            assert!(
                saved.elapsed() < Duration::from_secs(30),
                "the edit never showed"
            );
        }
        to_page.push(saved.elapsed());
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&site);

    println!(
        "quire serve on the example site, {edits} edits of one document ({}):",
        quire.display()
    );
    report("save to reload event", &mut to_reload);
    report("save to the changed page served", &mut to_page);
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {what}: median {:.0} ms (min {:.0}, max {:.0})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn read_until(stream: &mut TcpStream, what: &str) {
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    while !seen.contains(what) {
        let n = stream.read(&mut buf).expect("read the event stream");
        assert!(n > 0, "the event stream closed");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}

/// Drops whatever the stream has already sent (the reload after a pack is laid out).
fn read_available(stream: &mut TcpStream) {
    stream.set_nonblocking(true).expect("nonblocking");
    let mut buf = [0u8; 4096];
    while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
    stream.set_nonblocking(false).expect("blocking");
}

fn get(port: u16, target: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut body = String::new();
    let _ = stream.read_to_string(&mut body);
    body
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
