//! A page of organization API keys: `admin.PaginatedApiApiUser` from `mongodb/atlas-sdk-go`
//! (`admin/model_paginated_api_api_user.go`), what `GET /orgs/{orgId}/apiKeys` returns and what
//! the Go CLI's `organizations apiKeys list` prints.

use std::collections::BTreeMap;
use std::sync::Arc;

use gotmpl::Value as TValue;
use serde::Deserialize;

use super::{API_KEY_TY, ApiKeyUserDetails, LINK_TY, Link, go_field, go_list, list, object};
use crate::gojson::Value;
use crate::template::{Struct, Ty};

/// Every field an optional pointer in the SDK, in declaration order; unknown fields ignored.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaginatedApiApiUser {
    pub links: Option<Vec<Link>>,
    pub results: Option<Vec<ApiKeyUserDetails>>,
    pub total_count: Option<i64>,
}

static PAGE: Struct = Struct {
    go_name: "admin.PaginatedApiApiUser",
    fields: &[
        ("Links", Ty::List(&LINK_TY, true)),
        ("Results", Ty::List(&API_KEY_TY, true)),
        ("TotalCount", Ty::Int(true)),
    ],
};

impl PaginatedApiApiUser {
    /// The Go type a template sees at dot: `*admin.PaginatedApiApiUser`.
    pub fn template_type() -> Ty {
        Ty::Struct(&PAGE, true)
    }

    /// A page with every field present and one fully populated key in it.
    pub fn sample() -> Self {
        Self {
            links: Some(vec![Link::sample(
                "https://cloud.mongodb.com/api/atlas/v2/orgs/a/apiKeys?pageNum=1",
            )]),
            results: Some(vec![ApiKeyUserDetails::sample()]),
            total_count: Some(1),
        }
    }

    /// The value Go's encoder sees: nil pointers left out, struct order.
    pub fn to_value(&self) -> Value {
        object([
            ("links", list(&self.links, Link::to_value)),
            ("results", self.results_value()),
            (
                "totalCount",
                self.total_count.map(|n| Value::Number(n.to_string())),
            ),
        ])
    }

    /// `results` alone, as the Go CLI's `--compact` prints it (`jsonpath.Get("results", …)` on
    /// the marshalled page). [ours] A page without `results` gives `[]`, where Go would print
    /// the struct's pointer addresses.
    pub fn results_value(&self) -> Option<Value> {
        list(&self.results, ApiKeyUserDetails::to_value)
    }

    /// The value Go's `text/template` sees, with the SDK's `GetX` and `HasX` methods.
    pub fn to_template_value(&self) -> TValue {
        let links = self
            .links
            .as_ref()
            .map(|l| l.iter().map(Link::to_template_value).collect());
        let results = self
            .results
            .as_ref()
            .map(|r| r.iter().map(ApiKeyUserDetails::to_template_value).collect());
        let mut map = BTreeMap::new();
        go_list(&mut map, "Links", links);
        go_list(&mut map, "Results", results);
        let count = self.total_count.map(TValue::Int);
        go_field(&mut map, "TotalCount", count, TValue::Int(0));
        TValue::Map(Arc::new(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gojson::marshal;

    #[test]
    fn writes_the_page_in_go_struct_order_and_drops_nil_fields() {
        let page: PaginatedApiApiUser = serde_json::from_str(
            r#"{"totalCount":2,"results":[{"publicKey":"p","id":"i"}],"extra":1}"#,
        )
        .unwrap();
        assert_eq!(
            marshal(&page.to_value()),
            r#"{"results":[{"id":"i","publicKey":"p"}],"totalCount":2}"#
        );
        assert_eq!(
            marshal(&page.results_value().unwrap()),
            r#"[{"id":"i","publicKey":"p"}]"#
        );
    }

    #[test]
    fn templates_see_go_fields_and_methods() {
        let page: PaginatedApiApiUser = serde_json::from_str(r#"{"results":[]}"#).unwrap();
        let TValue::Map(map) = page.to_template_value() else {
            panic!("not a map")
        };
        assert_eq!(map.get("TotalCount"), Some(&TValue::Nil));
        assert_eq!(map.get("GetTotalCount"), Some(&TValue::Int(0)));
        assert_eq!(map.get("HasResults"), Some(&TValue::Bool(true)));
        assert_eq!(map.get("Links"), Some(&TValue::Nil));
        assert_eq!(
            PaginatedApiApiUser::template_type().go_name(),
            "*admin.PaginatedApiApiUser"
        );
    }
}
