//! `check` and `render` for any command: a command's style reaches its messages, every format
//! reads the right view, and template files are asked for before they are used.

use super::*;
use crate::model::fixtures::PaginatedApiApiUser;

const STYLE: Style = Style {
    text: "COUNT\t{{.TotalCount}}\n",
    template_example: "{{.TotalCount}}",
    json_path_examples: "json-path=$.totalCount",
};

fn page(body: &str) -> PaginatedApiApiUser {
    serde_json::from_str(body).unwrap()
}

fn sample() -> Doc<'static, PaginatedApiApiUser> {
    Doc(None)
}

fn render_as(output: &str, body: &str) -> Result<String, String> {
    render(
        &OutputFormat::parse(output)?,
        &Files::new(),
        &Doc(Some(&page(body))),
        &STYLE,
    )
}

fn check_as(output: &str, files: &Files) -> Result<Readiness, String> {
    check(&OutputFormat::parse(output)?, files, &sample(), &STYLE)
}

#[test]
fn the_default_text_is_the_command_template_through_the_tabwriter() {
    assert_eq!(
        render_as("", r#"{"totalCount":3}"#).as_deref(),
        Ok("COUNT   3\n")
    );
    assert_eq!(
        render_as("plaintext", "{}").as_deref(),
        Ok("COUNT   <nil>\n")
    );
}

#[test]
fn json_and_json_path_read_the_json_view() {
    let body = r#"{"results":[{"id":"a"}],"totalCount":1}"#;
    assert_eq!(
        render_as("json", body).as_deref(),
        Ok(
            "{\n  \"results\": [\n    {\n      \"id\": \"a\"\n    }\n  ],\n  \"totalCount\": 1\n}\n"
        )
    );
    assert_eq!(
        render_as("json-path=$.results[0].id", body).as_deref(),
        Ok("\"a\"\n")
    );
}

#[test]
fn messages_carry_the_command_examples() {
    assert_eq!(
        check_as("go-template=", &Files::new()),
        Err(
            "go-template= needs a template\nhelp: for example -o 'go-template={{.TotalCount}}'"
                .into()
        )
    );
    let err = check_as("json-path=$[", &Files::new()).unwrap_err();
    assert!(
        err.contains("help: the Go CLI reads paths such as json-path=$.totalCount"),
        "{err}"
    );
}

#[test]
fn checks_fields_and_keys_against_the_sample_type() {
    assert_eq!(
        check_as("go-template={{range .Results}}{{.Nope}}{{end}}", &Files::new()),
        Err("template: output:1:20: executing \"output\" at <.Nope>: can't evaluate field Nope in type admin.ApiKeyUserDetails".into())
    );
    assert_eq!(
        check_as("go-template={{.Id}}", &Files::new()),
        Err("template: output:1:2: executing \"output\" at <.Id>: can't evaluate field Id in type *admin.PaginatedApiApiUser".into())
    );
    assert_eq!(
        check_as("json-path=$.results[5].privateKey", &Files::new()),
        Ok(Readiness::Ready)
    );
    assert_eq!(
        check_as("json-path=$.results[0].nope", &Files::new()),
        Err("unknown key nope".into())
    );
}

#[test]
fn a_template_file_is_asked_for_then_checked_then_used() {
    let output = "go-template-file=page.tmpl";
    assert_eq!(
        check_as(output, &Files::new()),
        Ok(Readiness::NeedFile("page.tmpl".into()))
    );
    let mut files = Files::new();
    let read = |text: &str| FileContent {
        content: Some(text.into()),
        error: None,
    };
    files.insert("page.tmpl".into(), read("{{len .GetResults}}"));
    assert_eq!(check_as(output, &files), Ok(Readiness::Ready));
    let format = OutputFormat::parse(output).unwrap();
    let doc = page(r#"{"results":[{},{}]}"#);
    assert_eq!(
        render(&format, &files, &Doc(Some(&doc)), &STYLE).as_deref(),
        Ok("2")
    );
    files.insert("page.tmpl".into(), read("{{.Nope}}"));
    assert!(check_as(output, &files).unwrap_err().contains("field Nope"));
}

#[test]
fn an_unread_template_file_is_an_error_in_render() {
    let format = OutputFormat::parse("go-template-file=x.tmpl").unwrap();
    assert_eq!(
        render(&format, &Files::new(), &Doc(Some(&page("{}"))), &STYLE),
        Err("the template file was not read before the request".into())
    );
}

#[test]
fn a_nil_response_prints_null_as_json_and_is_a_nil_pointer_to_templates() {
    let nil = Response::<PaginatedApiApiUser>(None);
    let json = render(&OutputFormat::Json, &Files::new(), &nil, &STYLE);
    assert_eq!(json.as_deref(), Ok("null\n"));
    let format = OutputFormat::parse("go-template={{.TotalCount}}").unwrap();
    assert_eq!(
        render(&format, &Files::new(), &nil, &STYLE).unwrap_err(),
        "template: output:1:2: executing \"output\" at <.TotalCount>: nil pointer evaluating \
         *admin.PaginatedApiApiUser.TotalCount"
    );
    assert_eq!(nil.template_type().go_name(), "*admin.PaginatedApiApiUser");
}
