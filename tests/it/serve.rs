//! `quire serve` end to end: the real binary on a copy of the example site, spoken to
//! over plain TCP. Every wait has a timeout, so a broken server fails the test instead
//! of hanging it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use crate::common;

const AS_OF: &str = "2021-10-20";
const DOC: &str = "content/committees/cabinet/2021-10-13/residential-sufficiency.md";
const DOC_URL: &str = "/committees/cabinet/2021-10-13/residential-sufficiency/";
const MEETING: &str = "content/committees/cabinet/2021-10-13/meeting.yaml";
const WAIT: Duration = Duration::from_secs(60);

/// A running `quire serve`, stopped (and waited for) when dropped.
struct Serve {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Serve {
    fn start(root: &Path, extra: &[&str]) -> Serve {
        let mut child = common::quire()
            .args(["serve", "--port", "0", "--as-of", AS_OF, "--root"])
            .arg(root)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start quire serve");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        collect(child.stdout.take().expect("stdout"), &stdout, Some(tx));
        collect(child.stderr.take().expect("stderr"), &stderr, None);
        let deadline = Instant::now() + WAIT;
        let port = loop {
            let line: String = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| {
                    let _ = child.kill();
                    panic!(
                        "quire serve printed no address:\n{}",
                        stderr.lock().unwrap()
                    )
                });
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest
                    .split('/')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("a port in the address");
            }
        };
        Serve {
            child,
            port,
            stdout,
            stderr,
        }
    }

    fn get(&self, target: &str) -> (u16, String) {
        get(self.port, target)
    }

    /// Sends Ctrl-C (SIGINT) and waits for quire to stop.
    fn stop(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let _ = std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("quire serve did not stop on Ctrl-C");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(
    pipe: impl Read + Send + 'static,
    into: &Arc<Mutex<String>>,
    lines: Option<mpsc::Sender<String>>,
) {
    let into = Arc::clone(into);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { return };
            into.lock().unwrap().push_str(&format!("{line}\n"));
            if let Some(tx) = &lines {
                let _ = tx.send(line);
            }
        }
    });
}

/// One request, with the target sent exactly as given (no normalising of `..`).
fn get(port: u16, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(150)))
        .expect("timeout");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// The reload events, read as a browser's EventSource would.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(port: u16, since: u64) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        write!(
            stream,
            "GET /__quire/events?since={since} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .expect("send");
        let mut events = Events {
            stream,
            seen: String::new(),
        };
        events.wait_for("text/event-stream");
        events
    }

    /// Reads until `what` has come, and drops everything up to it.
    fn wait_for(&mut self, what: &str) {
        let deadline = Instant::now() + WAIT;
        let mut buf = [0u8; 4096];
        while !self.seen.contains(what) {
            assert!(
                Instant::now() < deadline,
                "no {what:?} from the event stream; got {:?}",
                self.seen
            );
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("the event stream closed; got {:?}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {} // a read timeout: keep waiting until the deadline
            }
        }
        let at = self.seen.find(what).unwrap_or(0) + what.len();
        self.seen.drain(..at);
    }
}

/// The build a served page says it comes from (the reload script's `since`).
fn generation(page: &str) -> u64 {
    page.split("/__quire/events?since=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no reload script in the page:\n{page}"))
}

/// Fetches `target` until its body contains `what` (a rebuild may still be running).
fn until_contains(serve: &Serve, target: &str, what: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let (status, body) = serve.get(target);
        if status == 200 && body.contains(what) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{target} never showed {what:?}; last answer {status}:\n{body}\nstderr:\n{}",
            serve.stderr.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The first line the terminal shows that `wanted` accepts, waiting for it: the page
/// with the message may be served before the line is read from the terminal.
fn until_in_terminal(serve: &Serve, wanted: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let stderr = serve.stderr.lock().unwrap().clone();
        if let Some(line) = stderr.lines().find(|l| wanted(l)) {
            return line.to_string();
        }
        assert!(
            Instant::now() < deadline,
            "the terminal never showed the problem:\n{stderr}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_shows_edits_and_errors_and_serves_nothing_outside_the_build() {
    let site = common::example_site();
    let root = site.path();
    let mut serve = Serve::start(root, &[]);

    // A page of the build, with the reload script added to what was built.
    let (status, page) = serve.get(DOC_URL);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<h1"), "{page}");
    assert!(!page.contains("quire-overlay"));
    let since = generation(&page);
    let mut events = Events::open(serve.port, since);

    // An edit: a reload event, then the page shows it.
    let doc = root.join(DOC);
    let original = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(
        &doc,
        format!("{original}\nA sentence the serve test added.\n"),
    )
    .unwrap();
    events.wait_for("event: reload");
    until_contains(&serve, DOC_URL, "A sentence the serve test added.");

    // A half-written file: the overlay, over the last good page, with the message the
    // terminal printed.
    let meeting = root.join(MEETING);
    let yaml = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(&meeting, &yaml[..yaml.len() / 2]).unwrap();
    events.wait_for("event: reload");
    let page = until_contains(&serve, DOC_URL, "role=\"alert\"");
    assert!(
        page.contains("A sentence the serve test added."),
        "the last good page stays served"
    );
    let message = until_in_terminal(&serve, |l| {
        l.starts_with("error: ") && l.contains("meeting.yaml")
    });
    let escaped = message
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;");
    assert!(
        page.contains(&escaped),
        "overlay shows {message:?}:\n{page}"
    );
    // Other files of the last good build are still served, untouched.
    let (status, css) = serve.get("/static/quire.css");
    assert_eq!(status, 200);
    assert!(!css.contains("quire-overlay") && !css.contains("EventSource"));

    // Nothing outside the build: not the sources, not by any spelling of `..`.
    let secret = std::fs::read_to_string(root.join("site.toml")).unwrap();
    for target in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2e%2e/",
        "/%2E%2E%2Fsite.toml",
        "/committees/../../site.toml",
        "/..%5csite.toml",
        "/content/committees/cabinet/committee.yaml",
        "/site.toml",
        "/no-such-page/",
    ] {
        let (status, body) = serve.get(target);
        assert_eq!(status, 404, "{target} must be 404:\n{body}");
        assert!(!body.contains(secret.trim()), "{target} served site.toml");
        assert!(body.contains("Page not found"), "{target}: {body}");
    }

    // Fixed: the overlay goes.
    std::fs::write(&meeting, &yaml).unwrap();
    events.wait_for("event: reload");
    let deadline = Instant::now() + WAIT;
    while serve.get(DOC_URL).1.contains("role=\"alert\"") {
        assert!(Instant::now() < deadline, "the overlay stays after the fix");
        std::thread::sleep(Duration::from_millis(50));
    }

    // Ctrl-C stops it cleanly, and it wrote no site anywhere.
    let status = serve.stop();
    assert!(
        status.success(),
        "{status}: {}",
        serve.stderr.lock().unwrap()
    );
    assert!(serve.stdout.lock().unwrap().contains("Stopped."));
    assert!(!root.join("output").exists(), "serve wrote output/");
    assert!(
        !root.join("confidential").exists(),
        "serve wrote confidential/"
    );
}

#[test]
fn serve_confidential_marks_every_page_not_for_publication() {
    let site = common::example_site();
    let mut serve = Serve::start(site.path(), &["--confidential"]);
    for target in ["/", "/committees/cabinet/", DOC_URL, "/no-such-page/"] {
        let (_, body) = serve.get(target);
        assert!(
            body.contains("NOT FOR PUBLICATION"),
            "{target} has no banner:\n{body}"
        );
    }
    assert!(serve.stop().success());
    assert!(!site.path().join("confidential").exists());
    assert!(!site.path().join("output").exists());
}

/// Round 38: an appendix saved over while serve runs is not served from the last good
/// build. The exempt Appendix 3 copied over the public Appendix 2 was refused by the
/// leak gate, and the public address then served the exempt file, read from disk at
/// the request. A copied file is served only while it is the file the build checked.
#[test]
fn an_appendix_saved_over_is_not_served_from_the_last_good_build() {
    let site = common::example_site();
    let root = site.path();
    let files = root.join("content/committees/corporate-parenting-panel/2021-09-24/files");
    let public = "/committees/corporate-parenting-panel/2021-09-24/files/placement-data.pdf";
    let exempt = "/committees/corporate-parenting-panel/2021-09-24/files/ifa-placement-costs.pdf";
    let serve = Serve::start(root, &[]);
    let (status, body) = serve.get(public);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("%PDF-"));
    assert_eq!(serve.get(exempt).0, 404);
    let mut events = Events::open(serve.port, generation(&serve.get(DOC_URL).1));

    let original = std::fs::read(files.join("placement-data.pdf")).unwrap();
    std::fs::copy(
        files.join("ifa-placement-costs.pdf"),
        files.join("placement-data.pdf"),
    )
    .unwrap();
    events.wait_for("event: reload");
    until_in_terminal(&serve, |l| {
        l.starts_with("error: ") && l.contains("placement-data.pdf")
    });
    let (status, body) = serve.get(public);
    assert_eq!(status, 503, "{body}");
    assert!(!body.contains("%PDF-"), "the exempt appendix was served");
    assert!(
        body.contains("placement-data.pdf changed after the build began"),
        "{body}"
    );

    // Put back, it passes the checks and is served again.
    std::fs::write(files.join("placement-data.pdf"), &original).unwrap();
    let deadline = Instant::now() + WAIT;
    loop {
        let (status, body) = serve.get(public);
        if status == 200 {
            assert!(body.contains("%PDF-"));
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never served again: {status} {body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
