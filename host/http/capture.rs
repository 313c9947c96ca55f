//! What went over the wire for the request under way, seen from inside ureq's connector chain:
//! whether a byte of the request was handed to a connection (if not, nothing was sent: a DNS,
//! connect or TLS failure), and the answer's bytes as they came off the connection (after TLS).
//!
//! ureq throws away what it read when an answer's head is malformed (a garbage status line,
//! duplicate Content-Lengths, a head over its limit). [`Tee`] keeps a bounded copy of those
//! bytes, and when ureq drops a connection in the middle of an answer, takes the connection over
//! so that [`salvage`] can read the rest of the answer itself.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};

/// How much of an answer is copied while ureq reads it: more than any head ureq accepts and its
/// read buffer (the copy only matters when ureq gave up on the head).
const COPY_LIMIT: usize = 1024 * 1024;
/// How long [`salvage`] waits for the next byte of an answer ureq gave up on.
const IDLE: Duration = Duration::from_secs(2);

/// The wire-level record of one request.
#[derive(Debug, Default)]
struct Wire {
    /// Set by [`Capture::start`], cleared by [`Capture::finish`].
    armed: bool,
    /// A byte of the request was handed to a connection.
    sent: bool,
    /// The answer's bytes, as received (at most [`COPY_LIMIT`]).
    received: Vec<u8>,
    /// A connection ureq dropped while the request was under way.
    orphan: Option<Box<dyn Transport>>,
}

/// The shared record; the client holds one, every connection it opens reports to it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Capture(Arc<Mutex<Wire>>);

/// What [`Capture::finish`] hands back.
#[derive(Debug, Default)]
pub(crate) struct Record {
    /// The answer's bytes as received, up to the copy limit.
    pub received: Vec<u8>,
    /// The connection the answer was coming on, when ureq dropped it half-way.
    orphan: Option<Box<dyn Transport>>,
}

impl Capture {
    fn lock(&self) -> MutexGuard<'_, Wire> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new request starts: forget the last one.
    pub fn start(&self) {
        *self.lock() = Wire {
            armed: true,
            ..Wire::default()
        };
    }

    /// Whether a byte of the request under way was handed to a connection.
    pub fn sent(&self) -> bool {
        self.lock().sent
    }

    /// The request is over (answered or failed): what the wire saw.
    pub fn finish(&self) -> Record {
        let wire = std::mem::take(&mut *self.lock());
        Record {
            received: wire.received,
            orphan: wire.orphan,
        }
    }

    /// The connector to put last in ureq's chain (after TLS, so it sees plaintext).
    pub fn connector(&self) -> TeeConnector {
        TeeConnector(self.clone())
    }
}

/// Wraps every connection ureq opens in a [`Tee`].
#[derive(Debug)]
pub(crate) struct TeeConnector(Capture);

impl Connector<Box<dyn Transport>> for TeeConnector {
    type Out = Tee;

    fn connect(
        &self,
        _details: &ConnectionDetails,
        chained: Option<Box<dyn Transport>>,
    ) -> Result<Option<Tee>, ureq::Error> {
        Ok(chained.map(|inner| Tee {
            inner: Some(inner),
            capture: self.0.clone(),
        }))
    }
}

/// A connection that reports what it sends and receives.
#[derive(Debug)]
pub(crate) struct Tee {
    /// Always `Some` until dropped.
    inner: Option<Box<dyn Transport>>,
    capture: Capture,
}

impl Tee {
    fn inner(&mut self) -> &mut Box<dyn Transport> {
        self.inner
            .as_mut()
            .expect("a Tee's transport is only taken on drop")
    }
}

impl Transport for Tee {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner().buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.capture.lock().sent = true;
        self.inner().transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let before = self.inner().buffers().input().len();
        let result = self.inner().await_input(timeout);
        let Tee { inner, capture } = self;
        let Some(inner) = inner.as_mut() else {
            return result;
        };
        let input = inner.buffers().input();
        if let Some(new) = input.get(before..).filter(|n| !n.is_empty()) {
            let mut wire = capture.lock();
            let room = COPY_LIMIT.saturating_sub(wire.received.len());
            wire.received.extend_from_slice(&new[..new.len().min(room)]);
        }
        result
    }

    fn is_open(&mut self) -> bool {
        self.inner().is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.as_ref().is_some_and(|t| t.is_tls())
    }
}

impl Drop for Tee {
    fn drop(&mut self) {
        // The last connection dropped is the one the failure was on (a stale pooled one that
        // ureq discards first is replaced).
        let mut wire = self.capture.lock();
        if wire.armed {
            wire.orphan = self.inner.take();
        }
    }
}

/// An answer whose head ureq could not take, rebuilt from the bytes the wire saw.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Salvaged {
    /// The status, when the first line has one.
    pub status: Option<u16>,
    /// The head's fields, as far as they could be read.
    pub headers: Vec<(String, String)>,
    /// What followed the head (or everything, when no end of head was found), de-chunked when
    /// the head said chunked.
    pub body: Vec<u8>,
    /// More was coming than the host reads.
    pub truncated: bool,
}

/// Reads what is left of the answer on the orphaned connection (until its length is reached,
/// the peer closes, nothing comes for [`IDLE`], `deadline`, or `limit` bytes), then splits the
/// bytes into head and body.
pub(crate) fn salvage(mut record: Record, deadline: Instant, limit: usize) -> Salvaged {
    let mut raw = std::mem::take(&mut record.received);
    if let Some(conn) = record.orphan.as_mut() {
        // What ureq had read but not consumed is already in `raw`; skip it in the buffer.
        let buffered = conn.buffers().input().len();
        conn.buffers().input_consume(buffered);
        while !complete(&raw) && raw.len() < limit {
            let left = deadline.saturating_duration_since(Instant::now()).min(IDLE);
            if left.is_zero() {
                break;
            }
            let timeout = NextTimeout {
                after: UreqDuration::Exact(left),
                ..NextTimeout::default()
            };
            match conn.await_input(timeout) {
                Ok(true) => {
                    let input = conn.buffers().input();
                    raw.extend_from_slice(input);
                    let n = input.len();
                    conn.buffers().input_consume(n);
                }
                _ => break,
            }
        }
    }
    let truncated = raw.len() >= limit;
    raw.truncate(limit);
    split(&raw, truncated)
}

/// Whether `raw` holds a whole answer by its own head's account.
fn complete(raw: &[u8]) -> bool {
    let Some(end) = head_end(raw) else {
        return false;
    };
    let headers = fields(&raw[..end]);
    let body = &raw[end..];
    if chunked(&headers) {
        return body.windows(5).any(|w| w == b"0\r\n\r\n");
    }
    let longest = headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .filter_map(|(_, v)| v.trim().parse::<usize>().ok())
        .max();
    longest.is_some_and(|len| body.len() >= len)
}

/// The offset just past the blank line that ends a head (`\r\n\r\n`, or bare `\n\n`).
fn head_end(raw: &[u8]) -> Option<usize> {
    let crlf = raw.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
    let lf = raw.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The `Name: value` lines of a head (after its first line).
fn fields(head: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(head)
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn chunked(headers: &[(String, String)]) -> bool {
    headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked")
    })
}

fn split(raw: &[u8], truncated: bool) -> Salvaged {
    let Some(end) = head_end(raw) else {
        return Salvaged {
            body: raw.to_vec(),
            truncated,
            ..Salvaged::default()
        };
    };
    let head = &raw[..end];
    let first = String::from_utf8_lossy(head.split(|b| *b == b'\n').next().unwrap_or_default())
        .into_owned();
    let status = first
        .strip_prefix("HTTP/")
        .and_then(|rest| rest.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .filter(|code| (100..600).contains(code));
    let headers = fields(head);
    let body = if chunked(&headers) {
        dechunk(&raw[end..])
    } else {
        raw[end..].to_vec()
    };
    Salvaged {
        status,
        headers,
        body,
        truncated,
    }
}

/// The data of as many chunks as are whole, then whatever follows a chunk that is not (so that
/// nothing is dropped when the framing is broken).
fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&rest[..eol]);
        let size = size_text.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size, 16) else {
            break;
        };
        if size == 0 {
            return out;
        }
        let data = &rest[eol + 2..];
        if data.len() < size {
            out.extend_from_slice(data);
            return out;
        }
        out.extend_from_slice(&data[..size]);
        rest = data[size..].strip_prefix(b"\r\n").unwrap_or(&data[size..]);
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_garbage_status_line_keeps_its_body() {
        let got = split(b"HTTP/1.1 2OO OK\r\nContent-Length: 2\r\n\r\n{}", false);
        assert_eq!((got.status, got.body.as_slice()), (None, b"{}".as_slice()));
        let got = split(b"HTTP/1.1 201 Created\r\nX: y\r\n\r\n{\"a\":1}", false);
        assert_eq!(got.status, Some(201));
        assert_eq!(got.headers, [("X".to_string(), "y".to_string())]);
        let got = split(b"no head at all", false);
        assert_eq!(got.body, b"no head at all");
    }

    #[test]
    fn chunks_are_joined_and_a_broken_one_kept_as_is() {
        assert_eq!(dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"), b"abcde");
        assert_eq!(dechunk(b"3\r\nabc\r\n10\r\nde"), b"abcde");
        assert_eq!(dechunk(b"3\r\nabc\r\nzz\r\nrest"), b"abczz\r\nrest");
    }

    #[test]
    fn an_answer_is_complete_by_its_longest_length_or_last_chunk() {
        let table: [(&[u8], bool); 5] = [
            (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", true),
            (
                b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 4\r\n\r\n{}",
                false,
            ),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n",
                false,
            ),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                true,
            ),
            (b"HTTP/1.1 200 OK\r\nX: y", false),
        ];
        for (raw, want) in table {
            assert_eq!(complete(raw), want, "{}", String::from_utf8_lossy(raw));
        }
    }
}
