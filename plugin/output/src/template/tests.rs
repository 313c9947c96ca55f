//! The template layer's own rules: Go's wording and positions for what `gotmpl` leaves out.

use super::*;
use crate::model::fixtures::ApiKeyUserDetails;
use crate::output::Model;

/// Shadows the glob import: these tests run on one key, as `apiKeys create` does.
fn compile(src: &str) -> Result<Compiled, String> {
    super::compile(src, ApiKeyUserDetails::template_type())
}

/// Shadows the glob import: the dry run on the fully populated key.
fn check(compiled: &Compiled) -> Result<(), String> {
    super::check(compiled, &ApiKeyUserDetails::sample().template())
}

fn compile_err(src: &str) -> String {
    compile(src)
        .err()
        .unwrap_or_else(|| panic!("{src:?} compiled"))
}

fn run_on(src: &str, body: &str) -> Result<String, String> {
    let key: ApiKeyUserDetails = serde_json::from_str(body).unwrap();
    execute(&compile(src)?, &key.template())
}

#[test]
fn reports_the_earliest_of_several_parse_errors() {
    assert_eq!(
        compile_err("{{end}}{{foo}}"),
        "template: output:1: unexpected {{end}}"
    );
    assert_eq!(
        compile_err("{{foo}}{{end}}"),
        "template: output:1: function \"foo\" not defined"
    );
    assert_eq!(
        compile_err("a\nb\n{{if .Id}}"),
        "template: output:3: unexpected EOF"
    );
}

#[test]
fn parse_errors_come_before_field_errors() {
    assert_eq!(
        compile_err("{{.Nope}}{{bar}}"),
        "template: output:1: function \"bar\" not defined"
    );
}

#[test]
fn break_and_else_need_their_enclosing_action() {
    assert_eq!(
        compile_err("{{break}}"),
        "template: output:1: {{break}} outside {{range}}"
    );
    assert_eq!(
        compile_err("{{else}}"),
        "template: output:1: unexpected {{else}}"
    );
    assert!(compile("{{range .Roles}}{{if .OrgId}}{{break}}{{end}}{{end}}").is_ok());
}

#[test]
fn quoted_braces_do_not_confuse_the_structure_scan() {
    assert!(compile("{{\"}}{{end}}\"}}{{`{{if`}}").is_ok());
}

#[test]
fn follows_dot_through_with_index_and_value_or_empty_slice() {
    let unknown_in_link = "can't evaluate field Nope in type admin.Link";
    for src in [
        "{{with index .Links 0}}{{.Nope}}{{end}}",
        "{{range valueOrEmptySlice .Links}}{{.Nope}}{{end}}",
        "{{range $l := .GetLinks}}{{$l.Nope}}{{end}}",
    ] {
        assert!(compile_err(src).ends_with(unknown_in_link), "{src}");
    }
    assert!(compile_err("{{with .Links}}{{.Nope}}{{end}}").ends_with("in type *[]admin.Link"));
    assert!(compile_err("{{.GetId.X}}").ends_with("in type string"));
    assert!(compile_err("{{.HasId.X}}").ends_with("in type bool"));
}

#[test]
fn leaves_fields_of_unknown_types_to_the_dry_run() {
    let compiled = compile("{{(index .Roles 0).Nope}}").unwrap();
    assert!(check(&compiled).unwrap_err().contains("Nope"));
}

#[test]
fn dry_run_forgives_indexes_past_the_sample() {
    assert!(check(&compile("{{index .Roles 5}}").unwrap()).is_ok());
    assert!(check(&compile("{{index .Id 1 2}}").unwrap()).is_err());
}

#[test]
fn defines_run_and_are_checked_with_their_own_name() {
    let src = "{{define \"k\"}}[{{.}}]{{end}}{{template \"k\" .Id}}";
    assert_eq!(run_on(src, r#"{"id":"x"}"#).as_deref(), Ok("[x]"));
    assert_eq!(
        compile_err("{{define \"k\"}}{{$y}}{{end}}"),
        "template: output:1: undefined variable \"$y\""
    );
}

#[test]
fn format_aliases_takes_a_string_list_and_refuses_other_types() {
    assert_eq!(
        run_on("{{formatAliases .NullFields}}|", "{}").as_deref(),
        Ok("|")
    );
    assert_eq!(
        run_on("{{formatAliases .GetDesc}}", r#"{"desc":"x"}"#).unwrap_err(),
        "template: output:1:16: executing \"output\" at <.GetDesc>: wrong type for value; \
         expected []string; got string"
    );
}

#[test]
fn an_error_at_render_keeps_go_frame() {
    let err = run_on("{{range .Links}}{{end}}", r#"{"id":"x"}"#).unwrap_err();
    assert_eq!(
        err,
        "template: output:1:8: executing \"output\" at <.Links>: range can't iterate over <nil>"
    );
    let err = run_on("{{index .Roles 3}}", r#"{"roles":[]}"#).unwrap_err();
    assert_eq!(
        err,
        "template: output:1:2: executing \"output\" at <index .Roles 3>: error calling index: \
         index out of range: 3"
    );
}
#[test]
fn an_action_without_the_pipeline_it_needs_is_refused_as_go_words_it() {
    for (src, context) in [
        ("{{if}}x{{end}}", "if"),
        ("{{with -}}{{end}}", "with"),
        ("{{range $i, $e := }}{{end}}", "range"),
        ("{{if 1}}{{else if}}{{end}}", "if"),
        ("{{block \"a\"}}{{end}}", "block clause"),
        ("{{ }}", "command"),
        ("{{$x :=}}", "command"),
    ] {
        assert_eq!(
            compile_err(src),
            format!("template: output:1: missing value for {context}"),
            "{src}"
        );
    }
    assert!(compile("{{/* c */}}{{- /* c */ -}}").is_ok());
}

#[test]
fn an_undefined_template_is_reported_at_its_name() {
    assert_eq!(
        run_on("{{template  \"nosuch\"}}", "{}").unwrap_err(),
        "template: output:1:12: executing \"output\" at <{{template \"nosuch\"}}>: template \
         \"nosuch\" not defined"
    );
}

#[test]
fn pointers_are_true_when_set_and_refused_where_go_refuses_them() {
    let body = r#"{"desc":"","id":"x"}"#;
    assert_eq!(
        run_on(
            "{{if .Desc}}set{{end}}|{{not .Desc}}|{{if .PublicKey}}{{else}}nil{{end}}",
            body
        )
        .as_deref(),
        Ok("set|false|nil")
    );
    assert_eq!(
        run_on("{{eq .Id \"x\"}}", body).unwrap_err(),
        "template: output:1:2: executing \"output\" at <eq .Id \"x\">: error calling eq: \
         incompatible types for comparison"
    );
    assert_eq!(run_on("{{eq .GetId \"x\"}}", body).as_deref(), Ok("true"));
}

#[test]
fn prints_go_types_and_joins_escaper_arguments() {
    let body = r#"{"id":"a<b","roles":[]}"#;
    assert_eq!(
        run_on("{{printf \"%T %T\" . .Roles}}", body).as_deref(),
        Ok("*admin.ApiKeyUserDetails *[]admin.CloudAccessRoleAssignment")
    );
    assert_eq!(
        run_on("{{html .GetId 1 2}}", body).as_deref(),
        Ok("a&lt;b1 2")
    );
    assert_eq!(run_on("{{html .Desc}}", body).as_deref(), Ok("&lt;nil&gt;"));
    assert_eq!(
        run_on("{{valueOrEmptySlice .Desc}}", body).as_deref(),
        Ok("<no value>")
    );
}
