//! The HTTP/1.1 wire: reading one request off a connection and writing one response.
//!
//! Hand-rolled on purpose: the emulator must be able to misbehave at the byte level (answer late,
//! hang up after reading, …), which a framework would hide from us. Generic over `BufRead` /
//! `Write` so the parser is unit-tested on byte slices.

use std::io::{self, BufRead, Read, Write};

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
    let mut parts = line.trim_end().split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Malformed(format!("bad request line {:?}", line.trim_end())));
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || !target.starts_with('/') {
        return Err(ReadError::Malformed(format!("bad request line {:?}", line.trim_end())));
    }
    let mut req = Request {
        method: method.to_owned(),
        target: target.to_owned(),
        version: version.to_owned(),
        headers: Vec::new(),
        body: Vec::new(),
    };
    loop {
        line.clear();
        if read_line(r, &mut line, &mut total)? == 0 {
            return Err(ReadError::Malformed("connection closed inside the headers".into()));
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            return Ok(Some(req));
        }
        let Some((name, value)) = l.split_once(':') else {
            return Err(ReadError::Malformed(format!("bad header line {l:?}")));
        };
        req.headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
}

fn read_line(r: &mut impl BufRead, line: &mut String, total: &mut usize) -> Result<usize, ReadError> {
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

/// One response. `Content-Length` is added by [`write_response`], never by callers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16) -> Self {
        Response { status, headers: Vec::new(), body: Vec::new() }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    pub fn body(mut self, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self.header("Content-Type", content_type)
    }
}

/// Writes status line, headers, `Content-Length` and body, then flushes. A 204 carries no
/// `Content-Length` (RFC 9110 §8.6 forbids it; Atlas's delete fixture has none either).
pub fn write_response(w: &mut impl Write, resp: &Response) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (name, value) in &resp.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if resp.status != 204 {
        head.push_str(&format!("Content-Length: {}\r\n", resp.body.len()));
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes())?;
    w.write_all(&resp.body)?;
    w.flush()
}

/// The standard reason phrase; Atlas also puts it in the ApiError `reason` field.
pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Option<Request>, ReadError> {
        let mut r = raw.as_bytes();
        let Some(mut req) = read_head(&mut r)? else { return Ok(None) };
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
            let req = parse(&format!("GET / {version}\r\n{header}\r\n")).unwrap().unwrap();
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
            assert!(matches!(parse(raw), Err(ReadError::Malformed(_))), "{raw:?}");
        }
        let mut not_utf8: &[u8] = b"GET / HTTP/1.1\r\nX: \xff\r\n\r\n";
        assert!(matches!(read_head(&mut not_utf8), Err(ReadError::Malformed(_))));
        let huge = format!("POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n", MAX_BODY_BYTES + 1);
        assert!(matches!(parse(&huge), Err(ReadError::TooLarge)));
        let long_header = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD_BYTES));
        assert!(matches!(parse(&long_header), Err(ReadError::TooLarge)));
    }

    #[test]
    fn writes_content_length_except_for_204() {
        let mut out = Vec::new();
        let resp = Response::new(204).header("X-A", "b");
        write_response(&mut out, &resp).unwrap();
        assert_eq!(out, b"HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n");
        let mut out = Vec::new();
        write_response(&mut out, &Response::new(200).body("text/plain", "hi")).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi"), "{text}");
    }
}
