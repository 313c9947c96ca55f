//! The in-memory organizations and their API keys (with their access lists), shared by every
//! route so that list, get, update, delete and the access-list routes see what create made.

use crate::access_list::AccessEntry;
use crate::random;
use serde::Serialize;
use std::collections::BTreeMap;

/// One stored key. Roles keep their org because Atlas allows project roles (`groupId`) too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub id: String,
    pub desc: String,
    pub public_key: String,
    pub private_key: String,
    pub roles: Vec<RoleAssignment>,
    /// The IP access list, in the order entries were added.
    pub access_list: Vec<AccessEntry>,
}

/// `CloudAccessRoleAssignment`; fields in Atlas's (alphabetical) wire order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleAssignment {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    pub role_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub href: String,
    pub rel: String,
}

/// `ApiKeyUserDetails` as Atlas writes it: `desc,id,links,privateKey,publicKey,roles`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyUserDetails {
    pub desc: String,
    pub id: String,
    pub links: Vec<Link>,
    pub private_key: String,
    pub public_key: String,
    pub roles: Vec<RoleAssignment>,
}

impl ApiKey {
    /// The wire form. Atlas shows the private key only in the create response; everywhere
    /// else it is masked to its last 12 characters (see `fixtures/atlas/list-200.http`).
    pub fn details(&self, base_url: &str, org: &str, masked: bool) -> ApiKeyUserDetails {
        let private_key = if masked {
            mask(&self.private_key)
        } else {
            self.private_key.clone()
        };
        ApiKeyUserDetails {
            desc: self.desc.clone(),
            id: self.id.clone(),
            links: vec![Link {
                href: format!("{base_url}/api/atlas/v2/orgs/{org}/apiKeys/{}", self.id),
                rel: "self".into(),
            }],
            private_key,
            public_key: self.public_key.clone(),
            roles: self.roles.clone(),
        }
    }
}

/// `********-****-****-<last 12>`, Atlas's redaction of a private key.
pub fn mask(private_key: &str) -> String {
    let tail: String = private_key
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("********-****-****-{tail}")
}

/// Keys per organization; an org exists iff it has an entry (possibly empty).
#[derive(Debug, Default)]
pub struct Store {
    orgs: BTreeMap<String, Vec<ApiKey>>,
    /// What `GET /api/private/ipinfo` tells every caller its public IPv4 address is.
    pub current_ipv4: String,
}

impl Store {
    pub fn new(orgs: &[String]) -> Self {
        Store {
            orgs: orgs.iter().map(|o| (o.clone(), Vec::new())).collect(),
            current_ipv4: crate::config::DEFAULT_CURRENT_IPV4.into(),
        }
    }

    /// The same store, with ipinfo reporting `ip`.
    pub fn reporting_ipv4(self, ip: &str) -> Self {
        Store {
            current_ipv4: ip.to_owned(),
            ..self
        }
    }

    /// One key of an org.
    pub fn get(&self, org: &str, id: &str) -> Option<&ApiKey> {
        self.orgs.get(org)?.iter().find(|k| k.id == id)
    }

    /// One key of an org, to change it.
    pub fn get_mut(&mut self, org: &str, id: &str) -> Option<&mut ApiKey> {
        self.orgs.get_mut(org)?.iter_mut().find(|k| k.id == id)
    }

    /// Changes a key's description and roles; `None` leaves one as it is.
    pub fn update(
        &mut self,
        org: &str,
        id: &str,
        desc: Option<&str>,
        roles: Option<&[String]>,
    ) -> Option<ApiKey> {
        let key = self.get_mut(org, id)?;
        if let Some(desc) = desc {
            key.desc = desc.to_owned();
        }
        if let Some(roles) = roles {
            key.roles = org_roles(org, roles);
        }
        Some(key.clone())
    }

    /// Removes a key (and its access list); `false` when there was no such key.
    pub fn delete(&mut self, org: &str, id: &str) -> bool {
        let Some(keys) = self.orgs.get_mut(org) else {
            return false;
        };
        let before = keys.len();
        keys.retain(|k| k.id != id);
        keys.len() != before
    }

    pub fn has_org(&self, org: &str) -> bool {
        self.orgs.contains_key(org)
    }

    /// Creates a key with fresh identifiers; `None` when the org is unknown.
    pub fn create(&mut self, org: &str, desc: &str, roles: &[String]) -> Option<ApiKey> {
        let keys = self.orgs.get_mut(org)?;
        let key = ApiKey {
            id: random::object_id(),
            desc: desc.to_owned(),
            public_key: random::lower_letters(8),
            private_key: random::uuid_v4(),
            roles: org_roles(org, roles),
            access_list: Vec::new(),
        };
        keys.push(key.clone());
        Some(key)
    }

    /// The org's keys in Atlas's list order (by public key, as in `list-200.http`).
    pub fn list(&self, org: &str) -> Option<Vec<ApiKey>> {
        let mut keys = self.orgs.get(org)?.clone();
        keys.sort_by(|a, b| a.public_key.cmp(&b.public_key));
        Some(keys)
    }

    /// Keys in creation order, for tests that inspect what was stored.
    pub fn keys(&self, org: &str) -> &[ApiKey] {
        self.orgs.get(org).map_or(&[], Vec::as_slice)
    }
}

/// Organization roles as Atlas stores them: each one bound to the org.
fn org_roles(org: &str, roles: &[String]) -> Vec<RoleAssignment> {
    roles
        .iter()
        .map(|r| RoleAssignment {
            group_id: None,
            org_id: Some(org.to_owned()),
            role_name: r.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_like_atlas() {
        assert_eq!(
            mask("c8150efd-c7a0-4afd-8c4f-01bdd56c8977"),
            "********-****-****-01bdd56c8977"
        );
    }

    #[test]
    fn details_serialize_in_fixture_order() {
        let key = ApiKey {
            id: "6a793f752c88faeba59bba49".into(),
            desc: "e2e-test-atlas-org".into(),
            public_key: "gswvkocq".into(),
            private_key: "c8150efd-c7a0-4afd-8c4f-01bdd56c8977".into(),
            roles: vec![RoleAssignment {
                group_id: None,
                org_id: Some("a0123456789abcdef012345a".into()),
                role_name: "ORG_READ_ONLY".into(),
            }],
            access_list: Vec::new(),
        };
        let json = serde_json::to_string(&key.details(
            "http://localhost:8080",
            "a0123456789abcdef012345a",
            false,
        ))
        .unwrap();
        // The body of the recorded `fixtures/atlas/create-200.http`, byte for byte.
        let fixture = r#"{"desc":"e2e-test-atlas-org","id":"6a793f752c88faeba59bba49","links":[{"href":"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys/6a793f752c88faeba59bba49","rel":"self"}],"privateKey":"c8150efd-c7a0-4afd-8c4f-01bdd56c8977","publicKey":"gswvkocq","roles":[{"orgId":"a0123456789abcdef012345a","roleName":"ORG_READ_ONLY"}]}"#;
        assert_eq!(json, fixture);
    }

    #[test]
    fn create_and_list() {
        let mut s = Store::new(&["o".into()]);
        assert!(s.create("nope", "d", &[]).is_none());
        for _ in 0..5 {
            s.create("o", "d", &["ORG_MEMBER".into()]).unwrap();
        }
        let listed = s.list("o").unwrap();
        assert_eq!(listed.len(), 5);
        assert!(
            listed
                .windows(2)
                .all(|w| w[0].public_key <= w[1].public_key)
        );
        assert_eq!(s.keys("o").len(), 5);
        assert_eq!(s.keys("o")[0].roles[0].org_id.as_deref(), Some("o"));
        assert!(s.list("nope").is_none());
    }

    #[test]
    fn get_update_and_delete_see_what_create_made() {
        let mut s = Store::new(&["o".into()]);
        let key = s.create("o", "d", &["ORG_MEMBER".into()]).unwrap();
        assert_eq!(s.get("o", &key.id), Some(&key));
        assert!(s.get("other", &key.id).is_none());
        let updated = s
            .update("o", &key.id, Some("new"), Some(&["ORG_OWNER".into()]))
            .unwrap();
        assert_eq!((updated.desc.as_str(), updated.roles.len()), ("new", 1));
        assert_eq!(updated.roles[0].role_name, "ORG_OWNER");
        let kept = s.update("o", &key.id, None, None).unwrap();
        assert_eq!(kept, updated);
        assert!(s.update("o", "nope", None, None).is_none());
        assert!(s.delete("o", &key.id));
        assert!(!s.delete("o", &key.id));
        assert!(s.get("o", &key.id).is_none());
    }
}
