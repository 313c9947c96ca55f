//! The socket side: the accept loop, one thread per connection with keep-alive (over TLS when
//! the emulator serves HTTPS), and the exchange of one request (authentication → injected
//! fault → route → request log).

use crate::broken;
use crate::digest::{self, Verdict};
use crate::errors::ApiError;
use crate::fault::{self, Effect};
use crate::http::{self, ReadError, Request};
use crate::response::{self, Response};
use crate::tokens::TokenState;
use crate::{Recorded, Shared, api, date, oauth};
use std::io::{BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::SystemTime;

/// Accepts until `shared.shutdown` is set (the `Emulator`'s `Drop` then connects once to wake
/// the blocking `accept`).
pub fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for (id, stream) in listener.incoming().enumerate() {
        if shared.shutdown.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else {
            // Out of file descriptors and the like: back off instead of spinning.
            std::thread::sleep(std::time::Duration::from_millis(10));
            continue;
        };
        shared.accepted.fetch_add(1, Ordering::SeqCst);
        let reset = shared
            .reset_next
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        if reset.is_ok() {
            let _ = stream.shutdown(Shutdown::Both);
            continue;
        }
        // Kept so `Drop` can shut the socket down and unblock the connection's read.
        let Ok(handle) = stream.try_clone() else {
            continue;
        };
        crate::lock(&shared.conns).insert(id, handle);
        let conn_shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name(format!("atlas-emulator-conn-{id}"))
            .spawn(move || {
                match conn_shared.tls.as_ref().map(crate::tls::accept) {
                    // The handshake happens on the first read.
                    Some(Ok(conn)) => serve_connection(
                        &conn_shared,
                        Wire::Tls(Box::new(rustls::StreamOwned::new(conn, stream))),
                    ),
                    Some(Err(_)) => {}
                    None => serve_connection(&conn_shared, Wire::Plain(stream)),
                }
                crate::lock(&conn_shared.conns).remove(&id);
            });
        if spawned.is_err() {
            crate::lock(&shared.conns).remove(&id);
        }
    }
}

/// One connection: plain TCP, or TLS over it.
enum Wire {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ServerConnection, TcpStream>>),
}

impl Wire {
    fn tcp(&self) -> &TcpStream {
        match self {
            Wire::Plain(s) => s,
            Wire::Tls(s) => &s.sock,
        }
    }
}

impl Read for Wire {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Wire::Plain(s) => s.read(buf),
            Wire::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Wire::Plain(s) => s.write(buf),
            Wire::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Wire::Plain(s) => s.flush(),
            Wire::Tls(s) => s.flush(),
        }
    }
}

/// Serves requests on one connection until the peer closes it, asks to, or breaks protocol.
fn serve_connection(shared: &Shared, stream: Wire) {
    let _ = stream.tcp().set_nodelay(true);
    let mut reader = BufReader::new(stream);
    while !shared.shutdown.load(Ordering::SeqCst) {
        let req = match read_request(&mut reader) {
            Ok(Some(req)) => req,
            Ok(None) => return,
            Err(resp) => {
                // The stream is out of sync after a bad request: answer, then hang up.
                let _ = response::write_response(
                    reader.get_mut(),
                    &with_common_headers(resp).header("Connection", "close"),
                );
                return;
            }
        };
        let (effect, authenticated) = exchange(shared, &req);
        if let Effect::Broken(how, resp) = effect {
            let resp = with_common_headers(resp);
            shared.record(&req, resp.status, authenticated);
            let (bytes, end) = broken::wire(&how, &resp);
            let wire = reader.get_mut();
            let tcp = wire.tcp().try_clone();
            if let Ok(tcp) = tcp {
                let _ = broken::send(wire, &tcp, &bytes, end);
            }
            return;
        }
        let Effect::Answer(mut resp) = effect else {
            shared.record(&req, 0, authenticated);
            let _ = reader.get_ref().tcp().shutdown(Shutdown::Both);
            return;
        };
        let close = req.wants_close();
        resp = with_common_headers(resp);
        if close {
            resp = resp.header("Connection", "close");
        }
        // Logged before the answer leaves, so a client that just got it sees it in the log.
        shared.record(&req, resp.status, authenticated);
        if response::write_response(reader.get_mut(), &resp).is_err() || close {
            return;
        }
    }
}

/// Reads one request; `Err` carries the answer to a request we could not read (400 / 413).
fn read_request(reader: &mut BufReader<Wire>) -> Result<Option<Request>, Response> {
    let protocol_error = |e: ReadError| match e {
        ReadError::Io => None,
        ReadError::TooLarge => Some(Response::new(413)),
        ReadError::Malformed(why) => Some(Response::new(400).body("text/plain", why)),
    };
    let mut req = match http::read_head(reader) {
        Ok(Some(req)) => req,
        Ok(None) => return Ok(None),
        Err(e) => return protocol_error(e).map_or(Ok(None), Err),
    };
    // curl and others wait for this before sending a large body.
    if req
        .header("expect")
        .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
    {
        let _ = reader.get_mut().write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    match http::read_body(reader, &mut req) {
        Ok(()) => Ok(Some(req)),
        Err(e) => protocol_error(e).map_or(Ok(None), Err),
    }
}

/// Authenticates, lets a queued fault act, then routes. Returns the effect and whether the
/// request carried valid credentials. Authentication comes first for every API path, as at
/// Atlas: without credentials even an unknown path gets the 401 challenge, not a 404. The
/// OAuth endpoints check their own credentials.
fn exchange(shared: &Shared, req: &Request) -> (Effect, bool) {
    if let Some(path) = req.path().strip_prefix(crate::DOWNLOADS) {
        return (Effect::Answer(download(shared, req, path)), true);
    }
    if !oauth::is_oauth(req)
        && let Some(refusal) = authenticate(shared, req)
    {
        return (Effect::Answer(refusal), false);
    }
    let queued = crate::lock(&shared.faults).pop_front();
    match queued.map_or(Effect::Proceed, fault::apply) {
        Effect::Proceed => {
            let (resp, ok) = work(shared, req);
            (Effect::Answer(resp), ok)
        }
        Effect::ProceedThenDrop => (Effect::Drop, work(shared, req).1),
        Effect::ProceedThenBreak(how) => {
            let (resp, ok) = work(shared, req);
            (Effect::Broken(how, resp), ok)
        }
        other => (other, true),
    }
}

/// A file of [`crate::Emulator::serve_download`], or a 404.
fn download(shared: &Shared, req: &Request, name: &str) -> Response {
    if req.method != "GET" {
        return Response::new(405).header("Allow", "GET");
    }
    let path = format!("{}{name}", crate::DOWNLOADS);
    match crate::lock(&shared.downloads).get(&path) {
        Some(bytes) => Response::new(200).body("application/octet-stream", bytes.clone()),
        None => Response::new(404).body("text/plain", "404 page not found\n"),
    }
}

/// The route's answer, and whether the request's credentials were good.
fn work(shared: &Shared, req: &Request) -> (Response, bool) {
    if oauth::is_oauth(req) {
        return oauth::handle(req, &shared.config, &shared.tokens);
    }
    let resp = api::handle(req, &shared.store, &shared.base_url);
    (with_rate_limit(shared, resp), true)
}

/// `None` when the request may proceed; otherwise the 401 to send.
fn authenticate(shared: &Shared, req: &Request) -> Option<Response> {
    let header = req.header("authorization");
    if let Some(token) = header.and_then(|h| h.strip_prefix("Bearer ")) {
        let state = crate::lock(&shared.tokens).check(token.trim());
        if state == TokenState::Valid {
            return None;
        }
        shared.note(&format!(
            "{} {}: bearer token rejected: {state:?}",
            req.method, req.target
        ));
        return Some(ApiError::unauthorized().into_response());
    }
    let mut verdict = {
        let mut nonces = crate::lock(&shared.nonces);
        digest::verify(
            header,
            &req.method,
            &req.target,
            &shared.config,
            &mut nonces,
        )
    };
    let forced_stale = || {
        let next = &shared.stale_next;
        next.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    };
    if verdict == Verdict::Accepted && forced_stale() {
        verdict = Verdict::Stale;
    }
    if let Verdict::Rejected(why) = &verdict {
        shared.note(&format!(
            "{} {}: digest rejected: {why}",
            req.method, req.target
        ));
    }
    (verdict != Verdict::Accepted).then(|| challenge(shared, verdict == Verdict::Stale))
}

/// 401 with a fresh nonce, as Atlas answers both the first leg and bad credentials.
fn challenge(shared: &Shared, stale: bool) -> Response {
    let nonce = crate::lock(&shared.nonces).issue();
    let mut resp = ApiError::unauthorized().into_response();
    if shared.basic_first.load(Ordering::SeqCst) {
        resp = resp.header("WWW-Authenticate", "Basic realm=\"gateway\"");
    }
    resp.header(
        "WWW-Authenticate",
        digest::challenge(&nonce, &shared.config, stale),
    )
}

/// Atlas's window is 500 requests per minute per key; we count authenticated requests.
fn with_rate_limit(shared: &Shared, resp: Response) -> Response {
    let remaining = {
        let mut window = crate::lock(&shared.rate_window);
        if window.0.elapsed().as_secs() >= 60 {
            *window = (std::time::Instant::now(), 0);
        }
        window.1 += 1;
        500u32.saturating_sub(window.1)
    };
    resp.header("Ratelimit-Limit", "500")
        .header("Ratelimit-Remaining", remaining.to_string())
}

/// The headers every Atlas response carries (from the recorded fixtures), minus the ones
/// about HTTPS and Atlas's proxy, which mean nothing on plain loopback HTTP.
fn with_common_headers(resp: Response) -> Response {
    resp.header("Date", date::http_date(SystemTime::now()))
        .header("Referrer-Policy", "strict-origin-when-cross-origin")
        .header("Server", "mdbws")
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header(
            "X-Mongodb-Service-Version",
            "gitHash=atlas-emulator; versionString=emulator",
        )
        .header("X-Permitted-Cross-Domain-Policies", "none")
}

impl Shared {
    fn record(&self, req: &Request, status: u16, authenticated: bool) {
        let entry = Recorded {
            method: req.method.clone(),
            path: req.target.clone(),
            headers: req.headers.clone(),
            body: String::from_utf8_lossy(&req.body).into_owned(),
            status,
            authenticated,
        };
        self.note(&format!("{} {} -> {status}", entry.method, entry.path));
        crate::lock(&self.log).push(entry);
    }

    /// Hands a line to the observer (the binary's `--verbose`), if any.
    fn note(&self, line: &str) {
        if let Some(observer) = crate::lock(&self.observer).as_ref() {
            observer(line);
        }
    }
}
