//! The models' views as Go shows them: struct order, nil fields left out of the JSON and nil in
//! templates, the SDK's `GetX`/`HasX` methods, and Go type names.

use atlas_plugin_output::gojson::marshal;
use atlas_plugin_output::template;

use super::*;

fn key(body: &str) -> ApiKeyUserDetails {
    serde_json::from_str(body).unwrap()
}

#[test]
fn writes_a_key_in_go_struct_order_keeping_empty_values_and_dropping_nil_ones() {
    let key = key(r#"{"roles":[],"publicKey":"p","desc":"","id":null,"extra":1}"#);
    assert_eq!(
        marshal(&key.json()),
        r#"{"desc":"","publicKey":"p","roles":[]}"#
    );
}

#[test]
fn writes_the_page_in_go_struct_order_and_drops_nil_fields() {
    let page: PaginatedApiApiUser = serde_json::from_str(
        r#"{"totalCount":2,"results":[{"publicKey":"p","id":"i"}],"extra":1}"#,
    )
    .unwrap();
    assert_eq!(
        marshal(&page.json()),
        r#"{"results":[{"id":"i","publicKey":"p"}],"totalCount":2}"#
    );
}

fn page_template(src: &str, body: &str) -> Result<String, String> {
    let page: PaginatedApiApiUser = serde_json::from_str(body).unwrap();
    let compiled = template::compile(src, PaginatedApiApiUser::template_type())?;
    template::execute(&compiled, &page.template())
}

#[test]
fn templates_see_go_fields_and_methods() {
    let src = "{{.TotalCount}} {{.GetTotalCount}} {{.Links}} {{.GetLinks}} {{len .Results}} \
               {{printf \"%T %T\" .Results .Links}} {{.NullFields}}";
    assert_eq!(
        page_template(src, r#"{"results":[]}"#).as_deref(),
        Ok("<nil> 0 <nil> [] 0 []admin.ApiKeyUserDetails *[]admin.Link []")
    );
    let err = page_template("{{.HasResults}}", "{}").unwrap_err();
    assert!(err.ends_with("can't evaluate field HasResults in type *admin.PaginatedApiApiUser"));
    assert_eq!(
        PaginatedApiApiUser::template_type().go_name(),
        "*admin.PaginatedApiApiUser"
    );
}

#[test]
fn the_sample_has_every_field_of_every_struct() {
    let sample = marshal(&ApiKeyUserDetails::sample().json());
    for key in [
        "desc",
        "id",
        "links",
        "href",
        "rel",
        "privateKey",
        "publicKey",
    ] {
        assert!(sample.contains(&format!("\"{key}\":")), "{key}: {sample}");
    }
    for key in ["groupId", "orgId", "roleName"] {
        assert_eq!(
            sample.matches(&format!("\"{key}\":")).count(),
            2,
            "{sample}"
        );
    }
}

#[test]
fn access_list_times_print_as_go_prints_a_time_in_templates() {
    let entry: UserAccessListResponse = serde_json::from_str(
        r#"{"cidrBlock":"10.0.0.1/32","created":"2026-12-01T09:00:01Z","ipAddress":"10.0.0.1"}"#,
    )
    .unwrap();
    let src = "{{.Created}}|{{.LastUsed}}|{{.GetLastUsed}}|{{printf \"%T\" .Created}}";
    let compiled = template::compile(src, UserAccessListResponse::template_type()).unwrap();
    assert_eq!(
        template::execute(&compiled, &entry.template()).as_deref(),
        Ok("2026-12-01 09:00:01 +0000 UTC|<nil>|0001-01-01 00:00:00 +0000 UTC|*time.Time")
    );
    assert_eq!(
        marshal(&entry.json()),
        r#"{"cidrBlock":"10.0.0.1/32","created":"2026-12-01T09:00:01Z","ipAddress":"10.0.0.1"}"#
    );
}
