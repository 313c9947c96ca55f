//! Which proxy a URL goes through, decided as Go's `http.ProxyFromEnvironment` (the Go Atlas
//! CLI's transport) decides: `HTTPS_PROXY` for https URLs, `HTTP_PROXY` for http ones, never for
//! `localhost` or a loopback address, and not for hosts `NO_PROXY` names (`*`, IPs, CIDRs,
//! `example.com` = the domain and its subdomains, `.example.com`/`*.example.com` = subdomains
//! only, each with an optional `:port`). ureq reads the variables itself but treats them
//! differently (`ALL_PROXY` first, one proxy for every scheme, exact host matches only), so the
//! host decides and hands ureq the answer.

use std::net::IpAddr;

use crate::config::ProxyEnv;

/// The proxy URL for requests to `url`, or `None` to connect directly.
pub fn choose(proxy: &ProxyEnv, url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let chosen = match scheme.to_ascii_lowercase().as_str() {
        "https" => proxy.https.as_deref()?,
        "http" => proxy.http.as_deref()?,
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (host, port) = split_host_port(authority, if scheme == "https" { "443" } else { "80" });
    if host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback()) {
        return None;
    }
    let exempt = proxy
        .no_proxy
        .as_deref()
        .is_some_and(|list| no_proxy_matches(list, &host, &port));
    if exempt {
        return None;
    }
    Some(if chosen.contains("://") {
        chosen.to_string()
    } else {
        format!("http://{chosen}")
    })
}

/// `host[:port]` or `[v6][:port]` → (lower-case host without brackets, port or `default`).
fn split_host_port(authority: &str, default: &str) -> (String, String) {
    let authority = authority.rsplit('@').next().unwrap_or_default();
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((host, rest)) => (host, rest.strip_prefix(':')),
            None => (v6, None),
        },
        None => match authority.rsplit_once(':') {
            Some((host, port)) if !host.contains(':') => (host, Some(port)),
            _ => (authority, None),
        },
    };
    let port = port.filter(|p| !p.is_empty()).unwrap_or(default);
    (host.to_ascii_lowercase(), port.to_string())
}

/// Whether `NO_PROXY` exempts `host:port`.
fn no_proxy_matches(list: &str, host: &str, port: &str) -> bool {
    let ip = host.parse::<IpAddr>().ok();
    list.split(',')
        .map(|entry| entry.trim().to_ascii_lowercase())
        .filter(|entry| !entry.is_empty())
        .any(|entry| entry_matches(&entry, host, port, ip))
}

fn entry_matches(entry: &str, host: &str, port: &str, ip: Option<IpAddr>) -> bool {
    if entry == "*" {
        return true;
    }
    if let Some((net, bits)) = entry.split_once('/') {
        return match (net.parse::<IpAddr>(), bits.parse::<u32>(), ip) {
            (Ok(net), Ok(bits), Some(ip)) => in_cidr(ip, net, bits),
            _ => false,
        };
    }
    let (pattern, entry_port) = match entry.starts_with('[') || entry.matches(':').count() == 1 {
        true => {
            let (h, p) = split_host_port(entry, "");
            (h, Some(p).filter(|p| !p.is_empty()))
        }
        false => (entry.to_string(), None),
    };
    let port_ok = entry_port.as_deref().is_none_or(|p| p == port);
    if let Ok(pattern_ip) = pattern.parse::<IpAddr>() {
        return ip == Some(pattern_ip) && port_ok;
    }
    let pattern = pattern.strip_prefix('*').unwrap_or(&pattern);
    let domain_match = match pattern.strip_prefix('.') {
        Some(_) => host.ends_with(pattern),
        None => host == pattern || host.ends_with(&format!(".{pattern}")),
    };
    domain_match && port_ok
}

fn in_cidr(ip: IpAddr, net: IpAddr, bits: u32) -> bool {
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(https: &str, http: &str, no_proxy: &str) -> ProxyEnv {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        ProxyEnv {
            https: some(https),
            http: some(http),
            no_proxy: some(no_proxy),
        }
    }

    #[test]
    fn the_scheme_picks_the_variable_and_loopback_is_never_proxied() {
        let p = env("http://sp:3128", "hp:8080", "");
        let table = [
            ("https://cloud.mongodb.com/api", Some("http://sp:3128")),
            ("http://atlas.internal:8080/api", Some("http://hp:8080")),
            ("http://localhost:9/api", None),
            ("http://127.0.0.1:9/api", None),
            ("http://127.8.9.10/api", None),
            ("http://[::1]:9/api", None),
            ("ftp://x/", None),
        ];
        for (url, want) in table {
            assert_eq!(choose(&p, url).as_deref(), want, "{url}");
        }
        assert_eq!(choose(&env("", "http://hp", ""), "https://h/"), None);
    }

    #[test]
    fn no_proxy_matches_like_go() {
        let table = [
            ("*", "https://cloud.mongodb.com/", true),
            ("mongodb.com", "https://cloud.mongodb.com/", true),
            ("mongodb.com", "https://mongodb.com/", true),
            ("mongodb.com", "https://notmongodb.com/", false),
            (".mongodb.com", "https://mongodb.com/", false),
            (".mongodb.com", "https://cloud.mongodb.com/", true),
            ("*.mongodb.com", "https://cloud.mongodb.com/", true),
            ("cloud.mongodb.com:443", "https://cloud.mongodb.com/", true),
            (
                "cloud.mongodb.com:8443",
                "https://cloud.mongodb.com/",
                false,
            ),
            ("CLOUD.MongoDB.com", "https://cloud.mongodb.com/", true),
            ("10.0.0.0/8", "http://10.1.2.3:8080/", true),
            ("10.0.0.0/8", "http://11.1.2.3:8080/", false),
            ("192.0.2.7", "http://192.0.2.7/", true),
            ("192.0.2.7:80", "http://192.0.2.7/", true),
            ("2001:db8::/32", "http://[2001:db8::1]/", true),
            ("[2001:db8::1]:80", "http://[2001:db8::1]/", true),
            (
                " other.com , ,mongodb.com ",
                "https://cloud.mongodb.com/",
                true,
            ),
        ];
        for (no_proxy, url, exempt) in table {
            let p = env("http://sp:1", "http://hp:1", no_proxy);
            assert_eq!(
                choose(&p, url).is_none(),
                exempt,
                "NO_PROXY={no_proxy} {url}"
            );
        }
    }
}
