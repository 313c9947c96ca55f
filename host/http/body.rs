//! Reading an answer's body so that nothing that arrived is lost: into memory up to [`CAP`],
//! keeping what was read when the read fails (a connection cut, a timeout), and handing back the
//! rest of a body over the cap as a reader (its caller streams it out instead of dropping it).
//! A `Content-Encoding` the host never asked for (gzip, deflate) is decoded when possible;
//! otherwise the bytes stay as they came and the encoding is named.

use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// The most of a body kept in memory (and handed to a plugin).
pub const CAP: usize = 16 * 1024 * 1024;

const CHUNK: usize = 64 * 1024;

/// What reading a body came to.
pub(crate) enum Outcome<R> {
    /// The whole body arrived.
    Complete,
    /// The read failed after the bytes read so far.
    Failed(std::io::Error),
    /// The body is longer than [`CAP`]: the first `CAP` bytes are read; `rest` holds the bytes
    /// read past the cap and the reader with whatever is still coming.
    OverCap { next: Vec<u8>, rest: R },
}

/// Reads `reader` to its end, to [`CAP`], or to a failure; the bytes read are kept in every case.
pub(crate) fn read<R: Read>(mut reader: R) -> (Vec<u8>, Outcome<R>) {
    let mut bytes = Vec::new();
    let mut buf = vec![0; CHUNK];
    loop {
        let want = CHUNK.min(CAP - bytes.len());
        if want == 0 {
            return match reader.read(&mut buf) {
                Ok(0) => (bytes, Outcome::Complete),
                Ok(n) => {
                    let next = buf[..n].to_vec();
                    (bytes, Outcome::OverCap { next, rest: reader })
                }
                Err(e) => (bytes, Outcome::Failed(e)),
            };
        }
        match reader.read(&mut buf[..want]) {
            Ok(0) => return (bytes, Outcome::Complete),
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return (bytes, Outcome::Failed(e)),
        }
    }
}

/// A body after its content encoding was dealt with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The bytes: decoded, or as they came when they could not be.
    pub bytes: Vec<u8>,
    /// The encoding the bytes are still in, when they could not be decoded.
    pub still: Option<String>,
}

/// Undoes `Content-Encoding: gzip` or `deflate` (also on a body that was cut short: as far as
/// it goes). Anything else, or a body that does not decode, stays as it came, named.
pub(crate) fn decode(encoding: Option<&str>, bytes: Vec<u8>) -> Decoded {
    let name = encoding.map(|e| e.trim().to_ascii_lowercase());
    let decoded = match name.as_deref() {
        None | Some("" | "identity") => return Decoded { bytes, still: None },
        Some("gzip" | "x-gzip") => inflate(MultiGzDecoder::new(bytes.as_slice())),
        Some("deflate") => inflate(ZlibDecoder::new(bytes.as_slice()))
            .or_else(|| inflate(DeflateDecoder::new(bytes.as_slice()))),
        Some(_) => None,
    };
    match decoded {
        Some(plain) => Decoded {
            bytes: plain,
            still: None,
        },
        None => Decoded {
            bytes,
            still: encoding.map(|e| e.trim().to_string()),
        },
    }
}

/// The decoder's output up to an error (a body cut short decodes as far as it arrived); `None`
/// when nothing decodes or the output would pass [`CAP`] (a decompression bomb).
fn inflate(decoder: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut limited = decoder.take(CAP as u64 + 1);
    let mut buf = vec![0; CHUNK];
    loop {
        match limited.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => break,
        }
    }
    (!out.is_empty() && out.len() <= CAP).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::{GzEncoder, ZlibEncoder};
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_and_deflate_are_decoded_and_unknown_encodings_named() {
        let key = br#"{"privateKey":"k"}"#;
        assert_eq!(decode(Some("gzip"), gzip(key)).bytes, key);
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(key).unwrap();
        assert_eq!(decode(Some("Deflate"), z.finish().unwrap()).bytes, key);
        let br = decode(Some("br"), b"\x0b\x02".to_vec());
        assert_eq!(
            (br.bytes.as_slice(), br.still.as_deref()),
            (b"\x0b\x02".as_slice(), Some("br"))
        );
        let broken = decode(Some("gzip"), b"not gzip".to_vec());
        assert_eq!(broken.still.as_deref(), Some("gzip"));
        assert_eq!(decode(None, key.to_vec()).bytes, key);
    }

    #[test]
    fn a_gzip_body_cut_short_decodes_as_far_as_it_arrived() {
        let data: Vec<u8> = (0..20_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let mut zipped = gzip(&data);
        zipped.truncate(zipped.len() / 2);
        let got = decode(Some("gzip"), zipped);
        assert!(got.still.is_none() && !got.bytes.is_empty());
        assert!(data.starts_with(&got.bytes));
    }

    struct Failing(Vec<u8>);
    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::ErrorKind::ConnectionReset.into());
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0.drain(..n);
            Ok(n)
        }
    }

    #[test]
    fn a_failed_read_keeps_what_arrived_and_an_over_cap_body_keeps_its_rest() {
        let (bytes, outcome) = read(Failing(b"{\"privateKey\":".to_vec()));
        assert_eq!(bytes, b"{\"privateKey\":");
        assert!(matches!(outcome, Outcome::Failed(_)));
        let (bytes, outcome) = read(std::io::Cursor::new(vec![7u8; CAP + 3]));
        assert_eq!(bytes.len(), CAP);
        let Outcome::OverCap { next, mut rest } = outcome else {
            panic!("not over the cap")
        };
        let mut tail = next;
        rest.read_to_end(&mut tail).unwrap();
        assert_eq!(tail, [7, 7, 7]);
    }
}
