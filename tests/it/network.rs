//! Network failures and refusals, one by one, through the real binary: what the user sees and
//! how many requests the server received. The rule under test: a request is sent again only
//! after the server refused it without acting (a Digest challenge, a stale nonce, a 429 with a
//! short `Retry-After`); a POST that may have reached the server is never sent twice. Submodules:
//! `broken` (answers broken after the key was created), `tls` (HTTPS end to end).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use atlas_emulator::Fault;

use crate::support::*;

mod broken;
mod tls;

/// Waits (bounded) until the emulator logged `n` requests, for faults that log late.
fn wait_for_requests(emulator: &Emulator, n: usize) {
    let start = Instant::now();
    while emulator.requests().len() < n && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn statuses(emulator: &Emulator) -> Vec<u16> {
    emulator.requests().iter().map(|r| r.status).collect()
}

const MAY_HAVE_REACHED: &str = "The request may have reached the server and been acted on; it was not sent again.\nhelp: check whether it took effect before running the command again.\n";

fn url() -> String {
    create_path()
}

#[test]
fn a_slow_answer_times_out_and_is_not_sent_again() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.set_fault(Fault::Delay(Duration::from_millis(2500)));
    let mut sandbox = Sandbox::new();
    sandbox
        .against(&emulator)
        .env("MONGODB_ATLAS_HTTP_TIMEOUT", "0.5");
    let start = Instant::now();
    let run = sandbox.run(SEED);
    assert!(
        start.elapsed() < Duration::from_millis(2400),
        "it waited for the slow answer"
    );
    assert_eq!(run.code, 1);
    let want = format!(
        "Error: POST {}{}: no complete answer within 0.5 s (http_timeout)\n{MAY_HAVE_REACHED}",
        emulator.base_url(),
        url()
    );
    assert_eq!(run.stderr, want);
    wait_for_requests(&emulator, 2);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        statuses(&emulator),
        [401, 200],
        "the server got the POST once, and acted on it"
    );
    assert_eq!(emulator.api_keys(ORG).len(), 1);
}

#[test]
fn a_connection_closed_before_the_request_was_read_is_not_retried() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.reset_next_connections(1);
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!(run.code, 1);
    let prefix = format!("Error: POST {}{}: ", emulator.base_url(), url());
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    assert_eq!(emulator.connections(), 1, "no second connection");
    assert!(emulator.requests().is_empty());
}

#[test]
fn an_answer_lost_after_the_server_acted_is_not_retried_and_the_user_is_warned() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.set_fault(Fault::DropAfterHandling);
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    let prefix = format!("Error: POST {}{}: ", emulator.base_url(), url());
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    assert!(run.stderr.ends_with(MAY_HAVE_REACHED), "{}", run.stderr);
    assert_eq!(statuses(&emulator), [401, 0]);
    assert_eq!(
        emulator.api_keys(ORG).len(),
        1,
        "exactly one key, no duplicate"
    );
}

#[test]
fn a_429_with_retry_after_is_sent_again_once_with_the_next_nonce_count() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.set_fault(Fault::rate_limited(1));
    let start = Instant::now();
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "it waited as asked"
    );
    let want = format!(
        "warning: POST {}{}: the server answered 429 Too Many Requests; sending it again in 1 s, as its Retry-After asks (retry 1 of 2)\n",
        emulator.base_url(),
        url()
    );
    assert_eq!(run.stderr, want);
    assert_eq!(statuses(&emulator), [401, 429, 200]);
    let nc = |i: usize| {
        emulator.requests()[i]
            .header("authorization")
            .unwrap()
            .split("nc=")
            .nth(1)
            .unwrap()[..8]
            .to_string()
    };
    assert_eq!((nc(1), nc(2)), ("00000001".into(), "00000002".into()));
    assert_eq!(emulator.api_keys(ORG).len(), 1);
}

#[test]
fn a_429_is_retried_at_most_twice() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    for _ in 0..3 {
        emulator.push_fault(Fault::rate_limited(0));
    }
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!(run.code, 1);
    assert_eq!(statuses(&emulator), [401, 429, 429, 429]);
    assert_eq!(run.stderr.matches("warning: ").count(), 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("POST: HTTP 429 Too Many Requests (Error code: \"RATE_LIMITED\")"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_429_asking_for_a_long_wait_is_shown_not_waited_for() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.set_fault(Fault::rate_limited(120));
    let start = Instant::now();
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert!(start.elapsed() < Duration::from_secs(20));
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
    assert_eq!(statuses(&emulator), [401, 429]);
}

#[test]
fn a_5xx_is_not_retried() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.set_fault(Fault::status(503));
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!(run.code, 1);
    let prefix = format!(
        "Error: {}{} POST: HTTP 503 Service Unavailable (Error code: \"UNEXPECTED_ERROR\")",
        emulator.base_url(),
        url()
    );
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    let advice = "\nThe server failed (HTTP 503) after receiving the POST: it may have been acted on; it was not sent again.\nhelp: check whether it took effect before running the command again.\n";
    assert!(run.stderr.ends_with(advice), "{}", run.stderr);
    assert_eq!(statuses(&emulator), [401, 503]);
}

#[test]
fn a_200_that_is_empty_or_not_json_is_described_as_what_arrived() {
    let table = [
        (
            "",
            "",
            "The server answered HTTP 200 with an empty body: nothing arrived that could be printed.",
        ),
        (
            "<p>created</p>",
            "<p>created</p>\n",
            "The 14 bytes of the server's answer were printed to stdout as received.",
        ),
    ];
    for (body, stdout, note) in table {
        let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
        emulator.set_fault(Fault::Body {
            status: 200,
            content_type: "text/html".into(),
            body: body.into(),
        });
        let run = Sandbox::new().against(&emulator).run(SEED);
        assert_eq!(run.code, 1, "{run:?}");
        assert_eq!(run.stdout, stdout);
        let tail = format!(
            "\n{note}\nhelp: check whether it took effect before running the command again.\n"
        );
        assert!(run.stderr.ends_with(&tail), "{}", run.stderr);
        assert!(
            !run.stderr.contains("nothing it created is lost"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_body_that_is_not_json_is_named_with_its_url() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.set_fault(Fault::Body {
        status: 502,
        content_type: "text/html".into(),
        body: "<html>\n<h1>502 Bad Gateway</h1>\n</html>".into(),
    });
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!(run.code, 1);
    let want = format!(
        "Error: (502 Bad Gateway) failed to decode response body: undefined response type\nPOST {}{} answered HTTP 502 with a body that is not JSON (text/html): <html> <h1>502 Bad Gateway</h1> </html>\nThe server failed (HTTP 502) after receiving the POST: it may have been acted on; it was not sent again.\nhelp: check whether it took effect before running the command again.\n",
        emulator.base_url(),
        url()
    );
    assert_eq!(run.stderr, want);
}

#[test]
fn connect_timeout_and_overall_timeout_are_checked_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox
        .against(&emulator)
        .env("MONGODB_ATLAS_HTTP_CONNECT_TIMEOUT", "soon");
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("Error: invalid http_connect_timeout \"soon\"\nhelp: "),
        "{}",
        run.stderr
    );
    assert!(emulator.requests().is_empty());
}

/// A CONNECT proxy on loopback that tunnels every connection to `target`, recording the
/// CONNECT lines it was asked for.
fn tunnel_proxy(target: std::net::SocketAddr) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for client in listener.incoming().take(4).flatten() {
            let log = Arc::clone(&log);
            std::thread::spawn(move || tunnel(client, target, &log));
        }
    });
    (format!("http://{addr}"), seen)
}

fn tunnel(client: TcpStream, target: std::net::SocketAddr, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    log.lock().unwrap().push(line.trim_end().to_string());
    while reader.read_line(&mut String::new()).unwrap_or(0) > 2 {}
    let mut client_w = client.try_clone().unwrap();
    client_w
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .unwrap();
    let upstream = TcpStream::connect(target).unwrap();
    let mut up_w = upstream.try_clone().unwrap();
    let mut up_r = upstream;
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut up_r, &mut client_w);
    });
    let _ = std::io::copy(&mut reader, &mut up_w);
}

#[test]
fn http_proxy_is_used_for_a_named_host_and_never_for_loopback() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let (proxy, seen) = tunnel_proxy(emulator.addr());
    let port = emulator.addr().port();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator).env("HTTP_PROXY", &proxy).env(
        "MONGODB_ATLAS_OPS_MANAGER_URL",
        &format!("http://atlas.example.test:{port}"),
    );
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        seen.lock().unwrap()[0],
        format!("CONNECT atlas.example.test:{port} HTTP/1.1")
    );
    assert_eq!(statuses(&emulator), [401, 200]);

    let before = seen.lock().unwrap().len();
    sandbox.env("MONGODB_ATLAS_OPS_MANAGER_URL", &emulator.base_url());
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        seen.lock().unwrap().len(),
        before,
        "127.0.0.1 is reached directly"
    );
}

#[test]
fn a_base_url_with_a_user_and_password_is_refused_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let with_password = emulator
        .base_url()
        .replace("http://", "http://someone:hunter2pw@");
    let from_env = {
        let mut s = Sandbox::new();
        s.against(&emulator)
            .env("MONGODB_ATLAS_OPS_MANAGER_URL", &with_password);
        s
    };
    let from_file = {
        let mut s = Sandbox::new();
        s.against(&emulator)
            .env("MONGODB_ATLAS_OPS_MANAGER_URL", "");
        s.config(&format!("[default]\nops_manager_url = '{with_password}'\n"));
        s
    };
    for sandbox in [from_env, from_file] {
        let mut args = SEED.to_vec();
        args.push("-D");
        let run = sandbox.run(&args);
        assert_eq!(run.code, 1, "{run:?}");
        let shown = emulator.base_url().replace("http://", "http://***@");
        let want = format!(
            "Error: the base URL \"{shown}\" has a user name or password in it; it was not used\nhelp: remove `user:password@` from the URL"
        );
        assert!(run.stderr.starts_with(&want), "{}", run.stderr);
        assert_hidden(&run, &["hunter2pw"]);
    }
    assert!(emulator.requests().is_empty(), "nothing was sent");
    assert_eq!(emulator.connections(), 0);
}

#[test]
fn a_digest_challenge_after_a_basic_one_is_answered() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.offer_basic_first(true);
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(statuses(&emulator), [401, 200]);
    let answer = emulator.requests()[1]
        .header("authorization")
        .unwrap()
        .to_string();
    assert!(answer.starts_with("Digest "), "{answer}");
}

#[test]
fn unresolvable_hosts_and_refused_connections_are_said_to_have_sent_nothing() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let refused = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    for base in ["http://atlas.invalid", refused.as_str()] {
        let mut sandbox = Sandbox::new();
        sandbox
            .against(&emulator)
            .env("MONGODB_ATLAS_OPS_MANAGER_URL", base)
            .env("MONGODB_ATLAS_HTTP_CONNECT_TIMEOUT", "5");
        let run = sandbox.run(SEED);
        assert_eq!(run.code, 1, "{run:?}");
        let prefix = format!("Error: POST {base}{}: ", url());
        assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
        let tail = "\nNothing was sent: the request never left this machine.\n";
        assert!(run.stderr.ends_with(tail), "{}", run.stderr);
    }
}
