//! Answers broken on the way back, after the work was done (a created key is stored): the
//! bytes a [`Broken`] fault puts on the wire, so a client's promise that a created key is never
//! lost can be tested against each way an answer goes wrong.

use std::io::{self, Write};
use std::time::Duration;

use flate2::Compression;
use flate2::write::{GzEncoder, ZlibEncoder};

use crate::response::{Response, reason};

/// How the answer to a request that did its work is broken. The connection is closed (or
/// reset) after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// `Content-Length` announces the whole body; the connection closes just after the
    /// `privateKey` value.
    CutAfterKey,
    /// Chunked; the chunks stop just after the `privateKey` value (no last chunk), then close.
    ChunkedCutAfterKey,
    /// As [`Broken::CutAfterKey`], but the connection is reset (TCP RST) instead of closed.
    ResetAfterKey,
    /// The body up to just after the key at once, then one byte every this long, never ending.
    DripAfterKey(Duration),
    /// The key first, then a padding field up to this many bytes of body in all.
    Padded(usize),
    /// gzip-compressed with `Content-Encoding: gzip`, which no client asked for.
    Gzip,
    /// zlib-compressed with `Content-Encoding: deflate`, which no client asked for.
    Deflate,
    /// The body as it is, labelled with a `Content-Encoding` no client can undo (`br`): what
    /// arrives is still the key, in an encoding the client must name.
    Labelled(String),
    /// Two different `Content-Length` headers, the right one first.
    DuplicateLength,
    /// A status line that is not HTTP (`HTTP/1.1 2OO OK`).
    GarbageStatus,
    /// A header of this many bytes before the body.
    HugeHeader(usize),
}

/// How the connection ends after the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Close,
    Reset,
    /// Keep sending one byte per interval (until the peer goes away).
    Drip(Duration),
}

/// The bytes to send for `resp` broken as `how`, and how the connection ends.
pub fn wire(how: &Broken, resp: &Response) -> (Vec<u8>, End) {
    let body = &resp.body;
    let cut = after_private_key(body);
    let head = |status_line: &str, extra: &[(String, String)], length: Option<usize>| {
        let mut head = format!("{status_line}\r\n");
        for (name, value) in resp.headers.iter().chain(extra) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(len) = length {
            head.push_str(&format!("Content-Length: {len}\r\n"));
        }
        head.push_str("Connection: close\r\n\r\n");
        head.into_bytes()
    };
    let status = format!("HTTP/1.1 {} {}", resp.status, reason(resp.status));
    let mut out;
    let end = match how {
        Broken::CutAfterKey | Broken::ResetAfterKey => {
            out = head(&status, &[], Some(body.len()));
            out.extend_from_slice(&body[..cut]);
            if *how == Broken::ResetAfterKey {
                End::Reset
            } else {
                End::Close
            }
        }
        Broken::ChunkedCutAfterKey => {
            let te = [("Transfer-Encoding".to_string(), "chunked".to_string())];
            out = head(&status, &te, None);
            out.extend_from_slice(format!("{cut:x}\r\n").as_bytes());
            out.extend_from_slice(&body[..cut]);
            out.extend_from_slice(b"\r\n");
            End::Close
        }
        Broken::DripAfterKey(every) => {
            out = head(&status, &[], Some(body.len() + 1_000_000));
            out.extend_from_slice(&body[..cut]);
            End::Drip(*every)
        }
        Broken::Padded(total) => {
            let padded = padded(body, *total);
            out = head(&status, &[], Some(padded.len()));
            out.extend_from_slice(&padded);
            End::Close
        }
        Broken::Gzip | Broken::Deflate => {
            let (name, coded) = if *how == Broken::Gzip {
                let mut e = GzEncoder::new(Vec::new(), Compression::default());
                let _ = e.write_all(body);
                ("gzip", e.finish().unwrap_or_default())
            } else {
                let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
                let _ = e.write_all(body);
                ("deflate", e.finish().unwrap_or_default())
            };
            let ce = [("Content-Encoding".to_string(), name.to_string())];
            out = head(&status, &ce, Some(coded.len()));
            out.extend_from_slice(&coded);
            End::Close
        }
        Broken::Labelled(name) => {
            let ce = [("Content-Encoding".to_string(), name.clone())];
            out = head(&status, &ce, Some(body.len()));
            out.extend_from_slice(body);
            End::Close
        }
        Broken::DuplicateLength => {
            let second = [("Content-Length".to_string(), (body.len() + 7).to_string())];
            out = head(&status, &[], Some(body.len()));
            // The second Content-Length goes right after the first, before the blank line.
            let at = out.len() - "Connection: close\r\n\r\n".len();
            let line = format!("{}: {}\r\n", second[0].0, second[0].1);
            out.splice(at..at, line.into_bytes());
            out.extend_from_slice(body);
            End::Close
        }
        Broken::GarbageStatus => {
            out = head("HTTP/1.1 2OO OK", &[], Some(body.len()));
            out.extend_from_slice(body);
            End::Close
        }
        Broken::HugeHeader(size) => {
            let big = [("X-Padding".to_string(), "a".repeat(*size))];
            out = head(&status, &big, Some(body.len()));
            out.extend_from_slice(body);
            End::Close
        }
    };
    (out, end)
}

/// Where the body is cut: just past the closing quote of the `privateKey` value (or half-way
/// when there is none).
pub fn after_private_key(body: &[u8]) -> usize {
    let text = String::from_utf8_lossy(body);
    let Some(at) = text.find("\"privateKey\"") else {
        return body.len() / 2;
    };
    let value_start = text[at + 12..].find('"').map(|i| at + 12 + i + 1);
    value_start
        .and_then(|start| text[start..].find('"').map(|i| start + i + 1))
        .unwrap_or(body.len() / 2)
}

/// A JSON object body with a `"padding"` field added at its end, to `total` bytes in all.
fn padded(body: &[u8], total: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let open = text.trim_end().trim_end_matches('}');
    let fixed = open.len() + ",\"padding\":\"\"}".len();
    let mut out = String::with_capacity(total.max(fixed));
    out.push_str(open);
    out.push_str(",\"padding\":\"");
    out.push_str(&"x".repeat(total.saturating_sub(fixed)));
    out.push_str("\"}");
    out.into_bytes()
}

/// Writes `bytes`, then ends the connection as `end` says, on `stream` (whose TCP socket is
/// `tcp`, for the close or the reset).
pub fn send(
    stream: &mut impl Write,
    tcp: &std::net::TcpStream,
    bytes: &[u8],
    end: End,
) -> io::Result<()> {
    stream.write_all(bytes)?;
    stream.flush()?;
    match end {
        End::Close => tcp.shutdown(std::net::Shutdown::Both),
        End::Reset => {
            // Let the bytes reach the client first: a reset can discard what it has not read.
            std::thread::sleep(Duration::from_millis(200));
            // Linger 0: closing the socket (when the connection's thread ends) sends RST.
            socket2::SockRef::from(tcp).set_linger(Some(Duration::ZERO))
        }
        End::Drip(every) => loop {
            std::thread::sleep(every);
            stream.write_all(b" ")?;
            stream.flush()?;
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_response() -> Response {
        Response::new(201).body(
            "application/json",
            r#"{"id":"1","privateKey":"a1b2-c3d4","publicKey":"abcdefgh","roles":[]}"#,
        )
    }

    #[test]
    fn the_cut_falls_just_after_the_private_key() {
        let body = &key_response().body;
        let cut = after_private_key(body);
        assert!(String::from_utf8_lossy(&body[..cut]).ends_with(r#""privateKey":"a1b2-c3d4""#));
    }

    #[test]
    fn each_broken_answer_still_carries_the_key() {
        let resp = key_response();
        for how in [
            Broken::CutAfterKey,
            Broken::ChunkedCutAfterKey,
            Broken::ResetAfterKey,
            Broken::DripAfterKey(Duration::from_millis(1)),
            Broken::Padded(1000),
            Broken::Labelled("br".into()),
            Broken::DuplicateLength,
            Broken::GarbageStatus,
            Broken::HugeHeader(300),
        ] {
            let (bytes, _) = wire(&how, &resp);
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.contains("a1b2-c3d4"), "{how:?}: {text}");
        }
        let (bytes, end) = wire(&Broken::Padded(5000), &resp);
        assert_eq!(end, End::Close);
        let body_start = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        let json: serde_json::Value = serde_json::from_slice(&bytes[body_start..]).unwrap();
        assert_eq!(json["privateKey"], "a1b2-c3d4");
        assert_eq!(bytes.len() - body_start, 5000);
        let (bytes, _) = wire(&Broken::DuplicateLength, &resp);
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(text.matches("Content-Length:").count(), 2, "{text}");
    }
}
