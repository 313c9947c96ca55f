//! A local Atlas Admin API emulator on loopback: a real HTTP/1.1 server with Atlas's Digest
//! authentication (MD5 or SHA-256), OAuth bearer tokens (service-account token endpoint, user
//! token refresh, the device flow of `atlas auth login`), the organization API key endpoints, Atlas's error bodies, a log of every
//! request, and injectable faults (among them answers broken after the work was done:
//! [`Broken`]). It serves plain HTTP ([`Emulator::start`]) or HTTPS with a test CA made at start
//! ([`Emulator::start_tls`]). Integration tests start it in-process; the `atlas-emulator` binary
//! serves it to other processes.
//!
//! ```
//! use atlas_emulator::{Config, Emulator, Fault};
//!
//! let emu = Emulator::start(Config::default()).unwrap();
//! assert!(emu.base_url().starts_with("http://127.0.0.1:"));
//! emu.push_fault(Fault::rate_limited(1)); // the next authenticated request gets a 429
//! assert!(emu.requests().is_empty());
//! assert!(emu.api_keys("5a1b39eec902201990f12345").is_empty());
//! ```

mod access_list;
mod api;
mod broken;
pub mod cli;
mod config;
mod date;
mod device;
mod digest;
mod errors;
mod fault;
mod form;
mod http;
mod keys;
mod nonce;
mod oauth;
mod query;
mod random;
mod response;
mod server;
mod store;
mod tls;
mod tokens;
mod validate;

pub use broken::Broken;
pub use config::{Config, DigestAlgorithm};
pub use fault::Fault;
pub use oauth::{REFRESH_PATH, TOKEN_PATH};
pub use tls::unrelated_ca_pem;
pub use tokens::UserTokens;

use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use store::Store;
use tokens::Tokens;

/// One request as received, with the status sent back (`0`: the connection was dropped by a
/// [`Fault::DropAfterRead`] or [`Fault::DropAfterHandling`] without an answer). Unparseable
/// requests are not recorded.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The request target: path and query string.
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub status: u16,
    /// Whether the request carried valid credentials: Digest, a bearer token this emulator
    /// issued and that has not expired, or what an OAuth endpoint asks for.
    pub authenticated: bool,
}

impl Recorded {
    /// First value of a request header, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        http::header_value(&self.headers, name)
    }
}

type Logger = Box<dyn Fn(&str) + Send + Sync>;

/// State shared by the accept thread, the connection threads and the `Emulator` handle.
struct Shared {
    config: Config,
    base_url: String,
    store: Mutex<Store>,
    nonces: Mutex<digest::Nonces>,
    tokens: Mutex<Tokens>,
    log: Mutex<Vec<Recorded>>,
    faults: Mutex<VecDeque<Fault>>,
    rate_window: Mutex<(Instant, u32)>,
    observer: Mutex<Option<Logger>>,
    conns: Mutex<HashMap<usize, TcpStream>>,
    /// Connections accepted so far.
    accepted: AtomicUsize,
    /// How many of the next connections to close before reading anything.
    reset_next: AtomicUsize,
    /// How many of the next correct Digest answers to call stale.
    stale_next: AtomicUsize,
    /// Whether challenges offer Basic (in its own header) before Digest.
    basic_first: AtomicBool,
    shutdown: AtomicBool,
    /// The TLS setup, when serving HTTPS.
    tls: Option<Arc<rustls::ServerConfig>>,
    /// The test CA's certificate (PEM), when serving HTTPS.
    ca_pem: Option<String>,
    /// Files served without authentication under [`DOWNLOADS`], by path.
    downloads: Mutex<HashMap<String, Vec<u8>>>,
}

/// Where [`Emulator::serve_download`] files are served: outside the API, without authentication,
/// as a release server serves plugin files.
pub const DOWNLOADS: &str = "/downloads/";

/// Locks, ignoring poisoning: one panicking connection thread must not wedge the others.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running emulator. Dropping it stops the server and closes its connections.
pub struct Emulator {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Starts on a free port of 127.0.0.1.
    pub fn start(config: Config) -> io::Result<Emulator> {
        Emulator::start_on(config, 0)
    }

    /// Starts on 127.0.0.1:`port` (`0`: any free port).
    pub fn start_on(config: Config, port: u16) -> io::Result<Emulator> {
        Emulator::launch(config, port, None)
    }

    /// Starts serving HTTPS on a free port of 127.0.0.1, with a certificate for `127.0.0.1` and
    /// `localhost` signed by a test CA made now ([`Emulator::ca_pem`]).
    pub fn start_tls(config: Config) -> io::Result<Emulator> {
        Emulator::start_tls_on(config, 0)
    }

    /// [`Emulator::start_tls`] on 127.0.0.1:`port` (`0`: any free port).
    pub fn start_tls_on(config: Config, port: u16) -> io::Result<Emulator> {
        Emulator::launch(config, port, Some(tls::generate()?))
    }

    fn launch(config: Config, port: u16, tls: Option<tls::Tls>) -> io::Result<Emulator> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let scheme = if tls.is_some() { "https" } else { "http" };
        let (tls, ca_pem) = match tls {
            Some(t) => (Some(t.config), Some(t.ca_pem)),
            None => (None, None),
        };
        let shared = Arc::new(Shared {
            base_url: format!("{scheme}://{addr}"),
            tls,
            ca_pem,
            store: Mutex::new(Store::new(&config.orgs).reporting_ipv4(&config.current_ipv4)),
            config,
            nonces: Mutex::default(),
            tokens: Mutex::new(Tokens::new()),
            log: Mutex::default(),
            faults: Mutex::default(),
            rate_window: Mutex::new((Instant::now(), 0)),
            observer: Mutex::default(),
            conns: Mutex::default(),
            accepted: AtomicUsize::new(0),
            reset_next: AtomicUsize::new(0),
            stale_next: AtomicUsize::new(0),
            basic_first: AtomicBool::new(false),
            shutdown: AtomicBool::new(false),
            downloads: Mutex::default(),
        });
        let accept_shared = Arc::clone(&shared);
        let acceptor = std::thread::Builder::new()
            .name(format!("atlas-emulator-{}", addr.port()))
            .spawn(move || server::accept_loop(listener, accept_shared))?;
        Ok(Emulator {
            addr,
            shared,
            acceptor: Some(acceptor),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The test CA's certificate in PEM (for `SSL_CERT_FILE`), when serving HTTPS.
    pub fn ca_pem(&self) -> Option<&str> {
        self.shared.ca_pem.as_deref()
    }

    /// `http://127.0.0.1:PORT` (`https://` when serving HTTPS), no trailing slash.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// Every request received so far, in order, including unauthenticated Digest first legs.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.log).clone()
    }

    /// The keys stored for an org, in creation order, as create returned them (private key
    /// unmasked). Empty for an unknown org.
    pub fn api_keys(&self, org_id: &str) -> Vec<serde_json::Value> {
        let store = lock(&self.shared.store);
        store
            .keys(org_id)
            .iter()
            .map(|k| {
                serde_json::to_value(k.details(&self.shared.base_url, org_id, false))
                    .expect("details serialize")
            })
            .collect()
    }

    /// Replaces the fault queue with this one fault (`Fault::None` clears it).
    pub fn set_fault(&self, fault: Fault) {
        let mut faults = lock(&self.shared.faults);
        faults.clear();
        if fault != Fault::None {
            faults.push_back(fault);
        }
    }

    /// Queues a fault after those already waiting (e.g. two 429s, then success).
    pub fn push_fault(&self, fault: Fault) {
        if fault != Fault::None {
            lock(&self.shared.faults).push_back(fault);
        }
    }

    /// The next `n` correct Digest answers get a `stale=true` challenge, as if their nonce had
    /// just expired (a lifetime cannot expire one nonce of a run but not the next).
    pub fn make_next_answers_stale(&self, n: usize) {
        self.shared.stale_next.store(n, Ordering::SeqCst);
    }

    /// Challenges carry a `WWW-Authenticate: Basic` header before the Digest one, as some
    /// gateways add theirs: a client must read every `WWW-Authenticate`, not only the first.
    pub fn offer_basic_first(&self, yes: bool) {
        self.shared.basic_first.store(yes, Ordering::SeqCst);
    }

    /// Nonces older than this get `stale=true` challenges; `None` (the default): never.
    pub fn set_nonce_lifetime(&self, lifetime: Option<Duration>) {
        lock(&self.shared.nonces).lifetime = lifetime;
    }

    /// A user's token pair as `atlas auth login` saves it: the access token expires
    /// `expires_in` seconds from now (negative: already expired), the refresh token works once.
    pub fn issue_user_tokens(&self, expires_in: i64) -> UserTokens {
        let mut tokens = lock(&self.shared.tokens);
        UserTokens {
            access_token: tokens.issue_access("user@example.com", expires_in),
            refresh_token: tokens.issue_refresh("user@example.com"),
        }
    }

    /// The user codes of the `atlas auth login` device codes waiting for a person's decision,
    /// oldest first (what a person would type in the browser).
    pub fn waiting_device_codes(&self) -> Vec<String> {
        lock(&self.shared.tokens).devices.waiting()
    }

    /// Approves a waiting device code for `subject`, as a person signed in as `subject` would
    /// in the browser: its next poll gets a token pair. Whether the code was waiting.
    pub fn approve_device_code(&self, user_code: &str, subject: &str) -> bool {
        lock(&self.shared.tokens)
            .devices
            .decide(user_code, Some(subject))
    }

    /// Denies a waiting device code: its next poll gets `access_denied`.
    pub fn deny_device_code(&self, user_code: &str) -> bool {
        lock(&self.shared.tokens).devices.decide(user_code, None)
    }

    /// The `interval` (seconds) and lifetime of the device codes handed out from now on
    /// (default: 1 s and 15 minutes).
    pub fn set_device_flow(&self, interval: u64, lifetime: Duration) {
        let mut tokens = lock(&self.shared.tokens);
        tokens.devices.interval = interval;
        tokens.devices.lifetime = lifetime;
    }

    /// Makes every access token issued so far invalid (a 401 for its bearer).
    pub fn revoke_access_tokens(&self) {
        lock(&self.shared.tokens).revoke_access_tokens();
    }

    /// Makes every refresh token issued so far invalid (`INVALID_REFRESH_TOKEN`).
    pub fn revoke_refresh_tokens(&self) {
        lock(&self.shared.tokens).revoke_refresh_tokens();
    }

    /// How many connections were accepted, including those closed by
    /// [`Emulator::reset_next_connections`].
    pub fn connections(&self) -> usize {
        self.shared.accepted.load(Ordering::SeqCst)
    }

    /// Closes each of the next `n` connections as soon as it is accepted, before reading a
    /// byte: a request that never reached the server.
    pub fn reset_next_connections(&self, n: usize) {
        self.shared.reset_next.store(n, Ordering::SeqCst);
    }

    /// Serves `bytes` at `{base_url}/downloads/{name}` (a `GET` without credentials, as
    /// `application/octet-stream`); any other name there is a 404. Returns the URL.
    pub fn serve_download(&self, name: &str, bytes: Vec<u8>) -> String {
        lock(&self.shared.downloads).insert(format!("{DOWNLOADS}{name}"), bytes);
        format!("{}{DOWNLOADS}{name}", self.shared.base_url)
    }

    /// Receives one line per request and per rejected credential (the binary's `--verbose`).
    pub fn set_logger(&self, logger: impl Fn(&str) + Send + Sync + 'static) {
        *lock(&self.shared.observer) = Some(Box::new(logger));
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        // Wake the blocking accept; it sees the flag and returns.
        let woke = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)).is_ok();
        if let Some(acceptor) = self.acceptor.take()
            && woke
        {
            let _ = acceptor.join();
        }
        // Unblock every connection thread's read; they exit on their own (not joined: one may
        // be sleeping in a `Fault::Delay`).
        for (_, conn) in lock(&self.shared.conns).drain() {
            let _ = conn.shutdown(Shutdown::Both);
        }
    }
}
