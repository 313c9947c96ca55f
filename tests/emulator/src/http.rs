//! The HTTP/1.1 wire, reading side: one request (head, then body) off a connection.
//!
//! Hand-rolled on purpose: the emulator must be able to misbehave at the byte level (answer late,
//! hang up after reading, …), which a framework would hide from us. Generic over `BufRead` /
//! `Write` so the parser is unit-tested on byte slices.

use std::io::{self, BufRead, Read};

/// Headers beyond this many bytes in total are refused: a runaway client must not eat memory.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Bodies beyond this are refused with 413; an API key request is a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// One parsed request. `target` is the request-target exactly as sent (path and query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub version: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// First value of a header, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, name)
    }

    /// The path without the query string.
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(p, _)| p)
    }

    /// The raw query string (without `?`), empty when there is none.
    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, q)| q)
    }

    /// Whether the client wants the connection closed after this exchange: HTTP/1.1 keeps it
    /// open unless told otherwise, HTTP/1.0 closes it unless asked to keep it.
    pub fn wants_close(&self) -> bool {
        let conn = self.header("connection").unwrap_or("").to_ascii_lowercase();
        let has = |t: &str| conn.split(',').any(|x| x.trim() == t);
        if self.version == "HTTP/1.0" {
            !has("keep-alive")
        } else {
            has("close")
        }
    }
}

/// Case-insensitive lookup in a header list.
pub fn header_value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Why a request could not be read. `Malformed` and `TooLarge` still deserve an answer; after
/// `Io` (peer gone, socket shut down) there is nobody to answer.
#[derive(Debug)]
pub enum ReadError {
    Io,
    Malformed(String),
    TooLarge,
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            // `read_line` reports bytes that are not UTF-8 this way: the client's fault.
            io::ErrorKind::InvalidData => ReadError::Malformed("request head is not UTF-8".into()),
            _ => ReadError::Io,
        }
    }
}

/// Reads the request head (request line + headers). `Ok(None)` means the peer closed the
/// connection cleanly between requests, which is how keep-alive connections normally end.
pub fn read_head(r: &mut impl BufRead) -> Result<Option<Request>, ReadError> {
    let mut total = 0;
    let mut line = String::new();
    // RFC 9112 §2.2: ignore empty lines before the request line.
    loop {
        line.clear();
        if read_line(r, &mut line, &mut total)? == 0 {
            return Ok(None);
        }
        if !line.trim_end().is_empty() {
            break;
        }
    }
    let mut req = parse_request_line(line.trim_end())?;
    loop {
        line.clear();
        if read_line(r, &mut line, &mut total)? == 0 {
            return Err(ReadError::Malformed(
                "connection closed inside the headers".into(),
            ));
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            return Ok(Some(req));
        }
        let Some((name, value)) = l.split_once(':') else {
            return Err(ReadError::Malformed(format!("bad header line {l:?}")));
        };
        req.headers
            .push((name.trim().to_owned(), value.trim().to_owned()));
    }
}

/// `METHOD /target HTTP/1.x`, exactly one space apart (RFC 9112 §3).
fn parse_request_line(line: &str) -> Result<Request, ReadError> {
    let bad = || ReadError::Malformed(format!("bad request line {line:?}"));
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || !target.starts_with('/') {
        return Err(bad());
    }
    Ok(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        version: version.to_owned(),
        headers: Vec::new(),
        body: Vec::new(),
    })
}

fn read_line(
    r: &mut impl BufRead,
    line: &mut String,
    total: &mut usize,
) -> Result<usize, ReadError> {
    let budget = (MAX_HEAD_BYTES - *total) as u64 + 1;
    let n = r.take(budget).read_line(line)?;
    *total += n;
    if *total > MAX_HEAD_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(n)
}

/// Reads the body announced by the head: `Transfer-Encoding: chunked` or `Content-Length`
/// (none of either means no body, RFC 9112 §6.3).
pub fn read_body(r: &mut impl BufRead, req: &mut Request) -> Result<(), ReadError> {
    let chunked = req
        .header("transfer-encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    if chunked {
        req.body = read_chunked(r)?;
        return Ok(());
    }
    let Some(len) = req.header("content-length") else {
        return Ok(());
    };
    let len: usize = len
        .parse()
        .map_err(|_| ReadError::Malformed(format!("bad Content-Length {len:?}")))?;
    if len > MAX_BODY_BYTES {
        return Err(ReadError::TooLarge);
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body)?;
    req.body = body;
    Ok(())
}

fn read_chunked(r: &mut impl BufRead) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    let mut total = 0;
    let mut line = String::new();
    loop {
        line.clear();
        read_line(r, &mut line, &mut total)?;
        let size = line.trim_end().split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size, 16)
            .map_err(|_| ReadError::Malformed(format!("bad chunk size {size:?}")))?;
        if size == 0 {
            break;
        }
        if body.len() + size > MAX_BODY_BYTES {
            return Err(ReadError::TooLarge);
        }
        let start = body.len();
        body.resize(start + size, 0);
        r.read_exact(&mut body[start..])?;
        let mut crlf = [0; 2];
        r.read_exact(&mut crlf)?;
        if &crlf != b"\r\n" {
            return Err(ReadError::Malformed("chunk not followed by CRLF".into()));
        }
    }
    // Trailers (ignored) up to the empty line.
    loop {
        line.clear();
        if read_line(r, &mut line, &mut total)? == 0 || line.trim_end().is_empty() {
            return Ok(body);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Option<Request>, ReadError> {
        let mut r = raw.as_bytes();
        let Some(mut req) = read_head(&mut r)? else {
            return Ok(None);
        };
        read_body(&mut r, &mut req)?;
        Ok(Some(req))
    }

    #[test]
    fn parses_a_post_with_content_length() {
        let raw = "POST /api/x?a=1 HTTP/1.1\r\nHost: h\r\ncontent-length: 4\r\n\r\nbodyEXTRA";
        let req = parse(raw).unwrap().unwrap();
        assert_eq!(req.method, "POST");
        assert_eq!(req.path(), "/api/x");
        assert_eq!(req.query(), "a=1");
        assert_eq!(req.header("Content-Length"), Some("4"));
        assert_eq!(req.body, b"body");
        assert!(!req.wants_close());
    }

    #[test]
    fn parses_a_chunked_body_with_trailers() {
        let raw = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\nA\r\n0123456789\r\n0\r\nT: v\r\n\r\n";
        assert_eq!(parse(raw).unwrap().unwrap().body, b"abc0123456789");
    }

    #[test]
    fn clean_eof_between_requests_is_not_an_error() {
        assert!(parse("").unwrap().is_none());
        assert!(parse("\r\n").unwrap().is_none());
    }

    #[test]
    fn connection_close_rules() {
        let table = [
            ("HTTP/1.1", "", false),
            ("HTTP/1.1", "Connection: close\r\n", true),
            ("HTTP/1.1", "Connection: Keep-Alive, Close\r\n", true),
            ("HTTP/1.0", "", true),
            ("HTTP/1.0", "Connection: keep-alive\r\n", false),
        ];
        for (version, header, close) in table {
            let req = parse(&format!("GET / {version}\r\n{header}\r\n"))
                .unwrap()
                .unwrap();
            assert_eq!(req.wants_close(), close, "{version} {header:?}");
        }
    }

    #[test]
    fn rejects_garbage() {
        for raw in [
            "GARBAGE\r\n\r\n",
            "GET / HTTP/2.0\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\n",
            "POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
        ] {
            assert!(
                matches!(parse(raw), Err(ReadError::Malformed(_))),
                "{raw:?}"
            );
        }
        let mut not_utf8: &[u8] = b"GET / HTTP/1.1\r\nX: \xff\r\n\r\n";
        assert!(matches!(
            read_head(&mut not_utf8),
            Err(ReadError::Malformed(_))
        ));
        let huge = format!(
            "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            MAX_BODY_BYTES + 1
        );
        assert!(matches!(parse(&huge), Err(ReadError::TooLarge)));
        let long_header = format!(
            "GET / HTTP/1.1\r\nX: {}\r\n\r\n",
            "a".repeat(MAX_HEAD_BYTES)
        );
        assert!(matches!(parse(&long_header), Err(ReadError::TooLarge)));
    }
}
