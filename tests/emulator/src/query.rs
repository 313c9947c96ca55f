//! The pagination query parameters of list endpoints (`pageNum`, `itemsPerPage`,
//! `includeCount`) and the `links` Atlas builds from them.

use crate::errors::ApiError;
use crate::store::Link;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    pub page_num: usize,
    pub items_per_page: usize,
    pub include_count: bool,
}

impl Default for Pagination {
    /// The spec's defaults.
    fn default() -> Self {
        Pagination {
            page_num: 1,
            items_per_page: 100,
            include_count: true,
        }
    }
}

impl Pagination {
    /// Parses a raw query string; unknown parameters (`envelope`, `pretty`, …) are ignored.
    pub fn parse(query: &str) -> Result<Pagination, ApiError> {
        let mut p = Pagination::default();
        for pair in query.split('&').filter(|s| !s.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let bad = || ApiError::invalid_query_parameter(name, value);
            match name {
                "pageNum" => p.page_num = value.parse().ok().filter(|n| *n >= 1).ok_or_else(bad)?,
                "itemsPerPage" => {
                    p.items_per_page = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=500).contains(n))
                        .ok_or_else(bad)?;
                }
                "includeCount" => p.include_count = value.parse().map_err(|_| bad())?,
                _ => {}
            }
        }
        Ok(p)
    }

    /// `self` always (normalized, in the order of `list-200.http`), plus `previous` / `next`
    /// when there are such pages, so a client can page without counting.
    pub fn links(&self, url: &str, total: usize) -> Vec<Link> {
        let href = |page: usize| {
            format!(
                "{url}?includeCount={}&pageNum={page}&itemsPerPage={}",
                self.include_count, self.items_per_page
            )
        };
        let mut links = vec![Link {
            href: href(self.page_num),
            rel: "self".into(),
        }];
        if self.page_num > 1 {
            links.push(Link {
                href: href(self.page_num - 1),
                rel: "previous".into(),
            });
        }
        if self.page_num.saturating_mul(self.items_per_page) < total {
            links.push(Link {
                href: href(self.page_num + 1),
                rel: "next".into(),
            });
        }
        links
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let table = [
            ("", Some((1, 100, true))),
            (
                "pageNum=2&itemsPerPage=5&includeCount=false",
                Some((2, 5, false)),
            ),
            ("pretty=true&envelope=false", Some((1, 100, true))),
            ("itemsPerPage=500", Some((1, 500, true))),
            ("itemsPerPage=501", None),
            ("itemsPerPage=0", None),
            ("pageNum=0", None),
            ("pageNum=x", None),
            ("includeCount=yes", None),
        ];
        for (q, want) in table {
            let got = Pagination::parse(q)
                .ok()
                .map(|p| (p.page_num, p.items_per_page, p.include_count));
            assert_eq!(got, want, "{q}");
        }
    }

    #[test]
    fn links_like_the_fixture() {
        let rels = |p: Pagination, total| {
            p.links("u", total)
                .into_iter()
                .map(|l| l.rel)
                .collect::<Vec<_>>()
        };
        let first = Pagination::default();
        assert_eq!(
            first.links("u", 14)[0].href,
            "u?includeCount=true&pageNum=1&itemsPerPage=100"
        );
        assert_eq!(rels(first, 14), ["self"]);
        let middle = Pagination {
            page_num: 2,
            items_per_page: 5,
            include_count: true,
        };
        assert_eq!(rels(middle, 14), ["self", "previous", "next"]);
        assert_eq!(rels(middle, 10), ["self", "previous"]);
    }
}
