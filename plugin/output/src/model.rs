//! The responses as the Go CLI holds them: `admin.ApiKeyUserDetails` from `mongodb/atlas-sdk-go`
//! (`admin/model_api_key_user_details.go`) and the page of them a list returns
//! ([`PaginatedApiApiUser`]), with the views our output formats need of each: the JSON value
//! Go's encoder sees (`to_value`), the value Go's `text/template` sees (`to_template_value`)
//! and its Go type (`template_type`), and a fully populated `sample` that `plan` checks an
//! output request against before anything is sent.

mod paginated;

use std::collections::BTreeMap;
use std::sync::Arc;

use gotmpl::Value as TValue;
use serde::Deserialize;

use crate::gojson::Value;
use crate::template::{Struct, Ty};

pub use paginated::PaginatedApiApiUser;

/// Every field an optional pointer in the SDK, in declaration order; unknown fields ignored.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyUserDetails {
    pub desc: Option<String>,
    pub id: Option<String>,
    pub links: Option<Vec<Link>>,
    pub private_key: Option<String>,
    pub public_key: Option<String>,
    pub roles: Option<Vec<RoleAssignment>>,
}

/// `admin.Link`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    pub href: Option<String>,
    pub rel: Option<String>,
}

/// `admin.CloudAccessRoleAssignment`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleAssignment {
    pub group_id: Option<String>,
    pub org_id: Option<String>,
    pub role_name: Option<String>,
}

static LINK: Struct = Struct {
    go_name: "admin.Link",
    fields: &[("Href", Ty::Str(true)), ("Rel", Ty::Str(true))],
};
static LINK_TY: Ty = Ty::Struct(&LINK, false);
static ROLE: Struct = Struct {
    go_name: "admin.CloudAccessRoleAssignment",
    fields: &[
        ("GroupId", Ty::Str(true)),
        ("OrgId", Ty::Str(true)),
        ("RoleName", Ty::Str(true)),
    ],
};
static ROLE_TY: Ty = Ty::Struct(&ROLE, false);
static API_KEY: Struct = Struct {
    go_name: "admin.ApiKeyUserDetails",
    fields: &[
        ("Desc", Ty::Str(true)),
        ("Id", Ty::Str(true)),
        ("Links", Ty::List(&LINK_TY, true)),
        ("PrivateKey", Ty::Str(true)),
        ("PublicKey", Ty::Str(true)),
        ("Roles", Ty::List(&ROLE_TY, true)),
    ],
};
/// `admin.ApiKeyUserDetails` as an element of a list (a value, not a pointer).
static API_KEY_TY: Ty = Ty::Struct(&API_KEY, false);

impl ApiKeyUserDetails {
    /// The Go type a template sees at dot when it runs on one key: `*admin.ApiKeyUserDetails`.
    pub fn template_type() -> Ty {
        Ty::Struct(&API_KEY, true)
    }

    /// A key with every field of the schema present (one link, an organization role and a
    /// project role, each with every field), so that an output request that fails on it
    /// would fail on any real answer.
    pub fn sample() -> Self {
        let s = |v: &str| Some(v.to_string());
        let role = |role: &str| RoleAssignment {
            group_id: s("b0123456789abcdef012345b"),
            org_id: s("a0123456789abcdef012345a"),
            role_name: s(role),
        };
        Self {
            desc: s("sample"),
            id: s("6a793f752c88faeba59bba49"),
            links: Some(vec![Link::sample(
                "https://cloud.mongodb.com/api/atlas/v2/orgs/a/apiKeys/6a79",
            )]),
            private_key: s("c8150efd-c7a0-4afd-8c4f-01bdd56c8977"),
            public_key: s("gswvkocq"),
            roles: Some(vec![role("ORG_READ_ONLY"), role("GROUP_READ_ONLY")]),
        }
    }

    /// The value Go's encoder sees. The SDK's fields are pointers tagged `omitempty`, so a
    /// field is left out only when it is nil (absent or `null` in the response): an empty
    /// string stays `""` and an empty list stays `[]` (a non-nil pointer to an empty slice).
    pub fn to_value(&self) -> Value {
        let links = list(&self.links, Link::to_value);
        let roles = list(&self.roles, RoleAssignment::to_value);
        object([
            ("desc", string(&self.desc)),
            ("id", string(&self.id)),
            ("links", links),
            ("privateKey", string(&self.private_key)),
            ("publicKey", string(&self.public_key)),
            ("roles", roles),
        ])
    }

    /// The value Go's `text/template` sees: the Go field names, a nil pointer as nil, and the
    /// SDK's zero-argument methods `GetX` (the value, or its zero value when nil) and `HasX`.
    pub fn to_template_value(&self) -> TValue {
        let links = self
            .links
            .as_ref()
            .map(|l| l.iter().map(Link::to_template_value).collect());
        let roles = self
            .roles
            .as_ref()
            .map(|r| r.iter().map(RoleAssignment::to_template_value).collect());
        let mut map = BTreeMap::new();
        go_string(&mut map, "Desc", &self.desc);
        go_string(&mut map, "Id", &self.id);
        go_list(&mut map, "Links", links);
        go_string(&mut map, "PrivateKey", &self.private_key);
        go_string(&mut map, "PublicKey", &self.public_key);
        go_list(&mut map, "Roles", roles);
        TValue::Map(Arc::new(map))
    }
}

impl Link {
    /// A link with both fields.
    fn sample(href: &str) -> Self {
        Link {
            href: Some(href.to_string()),
            rel: Some("self".to_string()),
        }
    }

    fn to_value(&self) -> Value {
        object([("href", string(&self.href)), ("rel", string(&self.rel))])
    }

    fn to_template_value(&self) -> TValue {
        let mut map = BTreeMap::new();
        go_string(&mut map, "Href", &self.href);
        go_string(&mut map, "Rel", &self.rel);
        TValue::Map(Arc::new(map))
    }
}

impl RoleAssignment {
    fn to_value(&self) -> Value {
        object([
            ("groupId", string(&self.group_id)),
            ("orgId", string(&self.org_id)),
            ("roleName", string(&self.role_name)),
        ])
    }

    fn to_template_value(&self) -> TValue {
        let mut map = BTreeMap::new();
        go_string(&mut map, "GroupId", &self.group_id);
        go_string(&mut map, "OrgId", &self.org_id);
        go_string(&mut map, "RoleName", &self.role_name);
        TValue::Map(Arc::new(map))
    }
}

type TMap = BTreeMap<Arc<str>, TValue>;

/// A `*string` field with its `GetX` and `HasX` methods.
fn go_string(map: &mut TMap, name: &str, field: &Option<String>) {
    let value = field.as_deref().map(|s| TValue::String(s.into()));
    go_field(map, name, value, TValue::String("".into()));
}

/// A `*[]T` field with its `GetX` and `HasX` methods.
fn go_list(map: &mut TMap, name: &str, items: Option<Vec<TValue>>) {
    let value = items.map(|items| TValue::List(items.into()));
    go_field(map, name, value, TValue::List(Vec::new().into()));
}

fn go_field(map: &mut TMap, name: &str, value: Option<TValue>, zero: TValue) {
    map.insert(format!("Has{name}").into(), TValue::Bool(value.is_some()));
    map.insert(format!("Get{name}").into(), value.clone().unwrap_or(zero));
    map.insert(name.into(), value.unwrap_or(TValue::Nil));
}

fn list<T>(items: &Option<Vec<T>>, to_value: fn(&T) -> Value) -> Option<Value> {
    items
        .as_ref()
        .map(|items| Value::Array(items.iter().map(to_value).collect()))
}

fn string(field: &Option<String>) -> Option<Value> {
    field.clone().map(Value::String)
}

/// An object of the fields that are present, in the given order.
fn object<const N: usize>(fields: [(&str, Option<Value>); N]) -> Value {
    Value::object(
        fields
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?)))
            .collect(),
    )
}
