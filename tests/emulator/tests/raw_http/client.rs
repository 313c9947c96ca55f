//! A deliberately dumb HTTP/1.1 client for the tests: it writes requests byte by byte and reads
//! replies by `Content-Length`, so nothing between the test and the emulator is clever.

use atlas_emulator::Emulator;
use md5::{Digest, Md5};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub const ORG: &str = "5a1b39eec902201990f12345";
pub const ACCEPT: &str = "application/vnd.atlas.2023-01-01+json";

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One keep-alive connection.
pub struct Conn {
    reader: BufReader<TcpStream>,
    pub writer: TcpStream,
}

impl Conn {
    pub fn open(emu: &Emulator) -> Conn {
        let stream = TcpStream::connect(emu.addr()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Conn {
            reader: BufReader::new(stream.try_clone().unwrap()),
            writer: stream,
        }
    }

    pub fn send(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Reply {
        let mut raw = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (n, v) in headers {
            raw.push_str(&format!("{n}: {v}\r\n"));
        }
        raw.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        self.writer.write_all(raw.as_bytes()).unwrap();
        self.read_reply().expect("a reply")
    }

    pub fn read_reply(&mut self) -> Option<Reply> {
        let mut line = String::new();
        if self.reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        assert!(line.starts_with("HTTP/1.1 "), "{line:?}");
        let status = line[9..12].parse().unwrap();
        let mut headers = Vec::new();
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let (n, v) = l.split_once(": ").unwrap();
            headers.push((n.to_owned(), v.to_owned()));
        }
        let len: usize = headers
            .iter()
            .find(|(n, _)| n == "Content-Length")
            .map_or(0, |(_, v)| v.parse().unwrap());
        let mut body = vec![0; len];
        self.reader.read_exact(&mut body).unwrap();
        Some(Reply {
            status,
            headers,
            body: String::from_utf8(body).unwrap(),
        })
    }

    /// The two legs of Digest: unauthenticated, then answered with `password`.
    pub fn digest(&mut self, method: &str, target: &str, password: &str, body: &str) -> Reply {
        let headers = [("Accept", ACCEPT), ("Content-Type", ACCEPT)];
        let first = self.send(method, target, &headers, body);
        assert_eq!(first.status, 401, "{}", first.body);
        let auth = authorization(
            first.header("WWW-Authenticate").unwrap(),
            "abcdefgh",
            password,
            method,
            target,
        );
        self.send(
            method,
            target,
            &[headers[0], headers[1], ("Authorization", &auth)],
            body,
        )
    }
}

pub fn md5_hex(s: &str) -> String {
    Md5::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn authorization(
    challenge: &str,
    user: &str,
    password: &str,
    method: &str,
    uri: &str,
) -> String {
    let nonce = challenge
        .split("nonce=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let realm = "MMS Public API";
    let ha1 = md5_hex(&format!("{user}:{realm}:{password}"));
    let ha2 = md5_hex(&format!("{method}:{uri}"));
    let response = md5_hex(&format!("{ha1}:{nonce}:00000001:deadbeef:auth:{ha2}"));
    format!(
        r#"Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{uri}", response="{response}", qop=auth, nc=00000001, cnonce="deadbeef", algorithm=MD5"#
    )
}

pub fn create_path() -> String {
    format!("/api/atlas/v2/orgs/{ORG}/apiKeys")
}

/// The object keys of a JSON text in the order they appear (a `Value` would sort them).
pub fn json_keys(json: &str) -> Vec<&str> {
    json.split("\":")
        .map(|s| s.rsplit('"').next().unwrap())
        .collect()
}
