//! The `atlas-emulator` binary's command line, parsed by hand (no clap for a test tool).

use crate::{Config, DigestAlgorithm};

pub const USAGE: &str = "Usage: atlas-emulator [--port N] [--public-key K] [--private-key S] [--org ID]... [--digest-algorithm MD5|SHA-256] [--client-id ID] [--client-secret S] [--tls-ca-file PATH] [--exit-on-stdin-eof] [--verbose]

Serves the Atlas Admin API organization API key endpoints on http://127.0.0.1:PORT with Digest
authentication or OAuth bearer tokens (POST /api/oauth/token for the service account, and the
user token refresh). Prints `listening on http://127.0.0.1:PORT` once ready.

  --port N              port to bind (default 0: any free port)
  --public-key K        the Digest username to accept (default abcdefgh)
  --private-key S       the Digest password to accept
  --org ID              an organization to host; repeatable (default 5a1b39eec902201990f12345)
  --digest-algorithm A  the hash Digest challenges name: MD5 (default, as Atlas) or SHA-256
  --client-id ID        the service account's client id the token endpoint accepts
  --client-secret S     its secret
  --tls-ca-file PATH    serve HTTPS (https://127.0.0.1:PORT) with a certificate from a test CA
                        made at start, and write that CA's certificate (PEM) to PATH, for
                        clients' SSL_CERT_FILE
  --exit-on-stdin-eof   exit when standard input reaches end of file (so a test harness that
                        dies takes the emulator with it)
  --verbose             log every request to standard error";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub config: Config,
    pub port: u16,
    /// Serve HTTPS and write the test CA here.
    pub tls_ca_file: Option<String>,
    pub exit_on_stdin_eof: bool,
    pub verbose: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Run(Box<Args>),
    Help,
}

/// Parses the arguments after the program name. Accepts `--flag value` and `--flag=value`.
/// The first `--org` replaces the default org; later ones add to it.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut out = Args {
        config: Config::default(),
        port: 0,
        tls_ca_file: None,
        exit_on_stdin_eof: false,
        verbose: false,
    };
    let mut orgs: Vec<String> = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("flag needs an argument: {flag}"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--port" => {
                let v = value()?;
                out.port = v
                    .parse()
                    .map_err(|_| format!("invalid port {v:?}: expected 0-65535"))?;
            }
            "--public-key" => out.config.public_key = value()?,
            "--private-key" => out.config.private_key = value()?,
            "--org" => orgs.push(value()?),
            "--digest-algorithm" => {
                let v = value()?;
                out.config.digest_algorithm =
                    DigestAlgorithm::parse(Some(&v)).ok_or_else(|| {
                        format!("invalid digest algorithm {v:?}: expected MD5 or SHA-256")
                    })?;
            }
            "--client-id" => out.config.client_id = value()?,
            "--client-secret" => out.config.client_secret = value()?,
            "--tls-ca-file" => out.tls_ca_file = Some(value()?),
            "--exit-on-stdin-eof" => out.exit_on_stdin_eof = true,
            "--verbose" => out.verbose = true,
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    if !orgs.is_empty() {
        out.config.orgs = orgs;
    }
    Ok(Parsed::Run(Box::new(out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Parsed, String> {
        parse(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn defaults() {
        let Ok(Parsed::Run(a)) = run(&[]) else {
            panic!()
        };
        assert_eq!(a.config, Config::default());
        assert_eq!((a.port, a.exit_on_stdin_eof, a.verbose), (0, false, false));
    }

    #[test]
    fn flags() {
        let Ok(Parsed::Run(a)) = run(&[
            "--port=8080",
            "--public-key",
            "k",
            "--private-key",
            "s",
            "--org",
            "a",
            "--org=b",
            "--digest-algorithm=sha-256",
            "--client-id",
            "cid",
            "--client-secret=cs",
            "--tls-ca-file=/tmp/ca.pem",
            "--exit-on-stdin-eof",
            "--verbose",
        ]) else {
            panic!()
        };
        assert_eq!(a.port, 8080);
        assert_eq!(
            (a.config.public_key.as_str(), a.config.private_key.as_str()),
            ("k", "s")
        );
        assert_eq!(a.config.orgs, ["a", "b"]);
        assert_eq!(a.config.digest_algorithm, DigestAlgorithm::Sha256);
        assert_eq!(
            (a.config.client_id.as_str(), a.config.client_secret.as_str()),
            ("cid", "cs")
        );
        assert!(a.exit_on_stdin_eof && a.verbose);
        assert_eq!(a.tls_ca_file.as_deref(), Some("/tmp/ca.pem"));
        assert_eq!(run(&["--help"]), Ok(Parsed::Help));
    }

    #[test]
    fn errors() {
        assert_eq!(
            run(&["--port"]),
            Err("flag needs an argument: --port".into())
        );
        assert!(
            run(&["--port", "70000"])
                .unwrap_err()
                .contains("invalid port")
        );
        assert!(run(&["--nope"]).unwrap_err().contains("unknown argument"));
        let bad = run(&["--digest-algorithm", "SHA-512"]).unwrap_err();
        assert!(bad.contains("invalid digest algorithm"), "{bad}");
        assert!(run(&["extra"]).is_err());
    }
}
