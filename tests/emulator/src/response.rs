//! The HTTP/1.1 wire, writing side: a response value and its bytes.

use std::io::{self, Write};

/// One response. `Content-Length` is added by [`write_response`], never by callers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
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

    #[test]
    fn writes_content_length_except_for_204() {
        let mut out = Vec::new();
        let resp = Response::new(204).header("X-A", "b");
        write_response(&mut out, &resp).unwrap();
        assert_eq!(out, b"HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n");
        let mut out = Vec::new();
        write_response(&mut out, &Response::new(200).body("text/plain", "hi")).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.ends_with("Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi"),
            "{text}"
        );
    }
}
