//! The Atlas Admin API responses as the Go CLI holds them (the structs of `mongodb/atlas-sdk-go`,
//! `admin/model_*.go`), each declared once with `go_model!`: the struct, its Go type, its fully
//! populated sample and its JSON and template views (see `atlas_plugin_output::model`).
//!
//! A command that brings a new response type adds it here; fields are in the SDK's
//! declaration order, which is the order Go's encoder writes them in.

use atlas_plugin_output::go_model;
use atlas_plugin_output::model::{GoTime, Slice, some};
use atlas_plugin_output::output::Model;

go_model! {
    /// `admin.Link`.
    pub struct Link as "admin.Link" {
        href: Option<String> = "href" / "Href",
            sample some("https://cloud.mongodb.com/api/atlas/v2/orgs/a/apiKeys/6a79");
        rel: Option<String> = "rel" / "Rel", sample some("self");
    }

    /// `admin.CloudAccessRoleAssignment`.
    pub struct RoleAssignment as "admin.CloudAccessRoleAssignment" {
        group_id: Option<String> = "groupId" / "GroupId", sample some("b0123456789abcdef012345b");
        org_id: Option<String> = "orgId" / "OrgId", sample some("a0123456789abcdef012345a");
        role_name: Option<String> = "roleName" / "RoleName", sample some("ORG_READ_ONLY");
    }

    /// `admin.ApiKeyUserDetails`: one organization API key. Its sample has an organization role
    /// and a project role, each with every field.
    pub struct ApiKeyUserDetails as "admin.ApiKeyUserDetails" {
        desc: Option<String> = "desc" / "Desc", sample some("sample");
        id: Option<String> = "id" / "Id", sample some("6a793f752c88faeba59bba49");
        links: Option<Vec<Link>> = "links" / "Links", sample Some(vec![Link::sample()]);
        private_key: Option<String> = "privateKey" / "PrivateKey",
            sample some("c8150efd-c7a0-4afd-8c4f-01bdd56c8977");
        public_key: Option<String> = "publicKey" / "PublicKey", sample some("gswvkocq");
        roles: Option<Vec<RoleAssignment>> = "roles" / "Roles",
            sample Some(vec![RoleAssignment::sample(), RoleAssignment::project("GROUP_READ_ONLY")]);
    }

    /// `admin.PaginatedApiApiUser`: a page of organization API keys (`GET /orgs/{orgId}/apiKeys`).
    pub struct PaginatedApiApiUser as "admin.PaginatedApiApiUser" {
        links: Option<Vec<Link>> = "links" / "Links", sample Some(vec![Link::sample()]);
        results: Slice<ApiKeyUserDetails> = "results" / "Results",
            sample Slice(Some(vec![ApiKeyUserDetails::sample()]));
        total_count: Option<i64> = "totalCount" / "TotalCount", sample Some(1);
    }

    /// `admin.UserAccessListResponse`: one IP access list entry of an API key (an IP address
    /// comes back with its `/32` or `/128` block beside it).
    pub struct UserAccessListResponse as "admin.UserAccessListResponse" {
        cidr_block: Option<String> = "cidrBlock" / "CidrBlock", sample some("203.0.113.10/32");
        count: Option<i64> = "count" / "Count", sample Some(1);
        created: Option<GoTime> = "created" / "Created", sample some("2026-12-01T09:00:01Z");
        ip_address: Option<String> = "ipAddress" / "IpAddress", sample some("203.0.113.10");
        last_used: Option<GoTime> = "lastUsed" / "LastUsed", sample some("2026-12-01T09:00:02Z");
        last_used_address: Option<String> = "lastUsedAddress" / "LastUsedAddress",
            sample some("203.0.113.10");
        links: Option<Vec<Link>> = "links" / "Links", sample Some(vec![Link::sample()]);
    }

    /// `admin.PaginatedApiUserAccessListResponse`: a page of access list entries (what listing
    /// them returns, and what adding some returns: the whole list).
    pub struct PaginatedApiUserAccessListResponse as "admin.PaginatedApiUserAccessListResponse" {
        links: Option<Vec<Link>> = "links" / "Links", sample Some(vec![Link::sample()]);
        results: Slice<UserAccessListResponse> = "results" / "Results",
            sample Slice(Some(vec![UserAccessListResponse::sample()]));
        total_count: Option<i64> = "totalCount" / "TotalCount", sample Some(1);
    }
}

impl RoleAssignment {
    /// A role of the sample's project, with every field.
    fn project(role: &'static str) -> Self {
        Self {
            role_name: some(role),
            ..Self::sample()
        }
    }
}

#[cfg(test)]
mod tests;
