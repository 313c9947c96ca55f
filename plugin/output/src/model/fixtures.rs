//! Test models with the shape of the Atlas SDK's API key and its page (the real ones are in
//! `atlas-plugin-models`, which depends on this crate), for the formats' own tests.

use crate::model::{Slice, some};

crate::go_model! {
    pub struct Link as "admin.Link" {
        href: Option<String> = "href" / "Href", sample some("https://cloud.mongodb.com/x");
        rel: Option<String> = "rel" / "Rel", sample some("self");
    }

    pub struct RoleAssignment as "admin.CloudAccessRoleAssignment" {
        group_id: Option<String> = "groupId" / "GroupId", sample some("b0123456789abcdef012345b");
        org_id: Option<String> = "orgId" / "OrgId", sample some("a0123456789abcdef012345a");
        role_name: Option<String> = "roleName" / "RoleName", sample some("ORG_READ_ONLY");
    }

    pub struct ApiKeyUserDetails as "admin.ApiKeyUserDetails" {
        desc: Option<String> = "desc" / "Desc", sample some("sample");
        id: Option<String> = "id" / "Id", sample some("6a793f752c88faeba59bba49");
        links: Option<Vec<Link>> = "links" / "Links", sample Some(vec![Link::sample()]);
        private_key: Option<String> = "privateKey" / "PrivateKey", sample some("c8150efd-c7a0-4afd-8c4f-01bdd56c8977");
        public_key: Option<String> = "publicKey" / "PublicKey", sample some("gswvkocq");
        roles: Option<Vec<RoleAssignment>> = "roles" / "Roles", sample Some(vec![RoleAssignment::sample(), RoleAssignment { role_name: some("GROUP_READ_ONLY"), ..RoleAssignment::sample() }]);
    }

    pub struct PaginatedApiApiUser as "admin.PaginatedApiApiUser" {
        links: Option<Vec<Link>> = "links" / "Links", sample Some(vec![Link::sample()]);
        results: Slice<ApiKeyUserDetails> = "results" / "Results", sample Slice(Some(vec![ApiKeyUserDetails::sample()]));
        total_count: Option<i64> = "totalCount" / "TotalCount", sample Some(1);
    }
}
