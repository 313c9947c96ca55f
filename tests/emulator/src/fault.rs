//! Faults the tests inject to see how a client copes with a misbehaving Atlas.
//!
//! Faults wait in a queue; each one is used up by the next request that would do work: one that
//! passed authentication (Digest or Bearer), or a request to an OAuth endpoint. The
//! unauthenticated first leg of Digest is never disturbed, so a fault hits the request that
//! would otherwise have done the work, and (but for `DropAfterHandling`) nothing is stored.

use crate::broken::Broken;
use crate::errors::ApiError;
use crate::response::Response;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Fault {
    /// No fault; `set_fault(Fault::None)` empties the queue.
    #[default]
    None,
    /// Answer with this status instead of doing the work. An empty `body` becomes the spec's
    /// example ApiError for the status; `retry_after` adds `Retry-After: <seconds>`.
    Status {
        status: u16,
        body: String,
        retry_after: Option<u32>,
    },
    /// Answer with this status, content type and body as is (an HTML page from a proxy, …).
    Body {
        status: u16,
        content_type: String,
        body: String,
    },
    /// Wait this long, then answer normally (for client timeouts).
    Delay(Duration),
    /// Read the whole request, then close the connection without a byte of answer.
    DropAfterRead,
    /// Do the work (a create stores its key), then close the connection without answering: the
    /// answer lost on the way back, when only a client that never resends stays correct.
    DropAfterHandling,
    /// Do the work (a create stores its key), then answer in one of the broken ways of
    /// [`Broken`] and close the connection: what reaches the client is all it will ever get.
    Broken(Broken),
}

impl Fault {
    /// `Status` with the default body, e.g. `Fault::status(500)`.
    pub fn status(status: u16) -> Fault {
        Fault::Status {
            status,
            body: String::new(),
            retry_after: None,
        }
    }

    /// `429 RATE_LIMITED` with `Retry-After`, the shape Atlas uses when throttling.
    pub fn rate_limited(retry_after: u32) -> Fault {
        Fault::Status {
            status: 429,
            body: String::new(),
            retry_after: Some(retry_after),
        }
    }
}

/// What a fault does to the exchange.
#[derive(Debug)]
pub enum Effect {
    Answer(Response),
    Drop,
    Proceed,
    ProceedThenDrop,
    ProceedThenBreak(Broken),
    /// The work's answer, to be sent broken.
    Broken(Broken, Response),
}

pub fn apply(fault: Fault) -> Effect {
    match fault {
        Fault::None => Effect::Proceed,
        Fault::Status {
            status,
            body,
            retry_after,
        } => {
            let mut resp = if body.is_empty() {
                ApiError::for_status(status).into_response()
            } else {
                Response::new(status).body("application/json", body)
            };
            if let Some(secs) = retry_after {
                resp = resp.header("Retry-After", secs.to_string());
            }
            Effect::Answer(resp)
        }
        Fault::Body {
            status,
            content_type,
            body,
        } => Effect::Answer(Response::new(status).body(&content_type, body)),
        Fault::Delay(d) => {
            std::thread::sleep(d);
            Effect::Proceed
        }
        Fault::DropAfterRead => Effect::Drop,
        Fault::DropAfterHandling => Effect::ProceedThenDrop,
        Fault::Broken(how) => Effect::ProceedThenBreak(how),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_fault_builds_an_api_error() {
        let Effect::Answer(r) = apply(Fault::rate_limited(7)) else {
            panic!("no answer")
        };
        assert_eq!(r.status, 429);
        assert!(r.headers.contains(&("Retry-After".into(), "7".into())));
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["errorCode"], "RATE_LIMITED");
        let custom = Fault::Status {
            status: 500,
            body: "{}".into(),
            retry_after: None,
        };
        let Effect::Answer(r) = apply(custom) else {
            panic!("no answer")
        };
        assert_eq!((r.status, r.body.as_slice()), (500, b"{}".as_slice()));
    }

    #[test]
    fn other_faults() {
        assert!(matches!(apply(Fault::DropAfterRead), Effect::Drop));
        assert!(matches!(
            apply(Fault::DropAfterHandling),
            Effect::ProceedThenDrop
        ));
        let html = Fault::Body {
            status: 502,
            content_type: "text/html".into(),
            body: "<html>bad gateway</html>".into(),
        };
        let Effect::Answer(r) = apply(html) else {
            panic!("no answer")
        };
        assert_eq!(r.status, 502);
        assert!(
            r.headers
                .contains(&("Content-Type".into(), "text/html".into()))
        );
        assert!(matches!(apply(Fault::None), Effect::Proceed));
        let start = std::time::Instant::now();
        assert!(matches!(
            apply(Fault::Delay(Duration::from_millis(30))),
            Effect::Proceed
        ));
        assert!(start.elapsed() >= Duration::from_millis(30));
    }
}
