//! JSONPath as PaesslerAG/jsonpath v0.1.1 (the Go CLI's pinned version) evaluates it; the
//! expected texts are what that version printed for the same path and document.

use super::*;
use crate::gojson::marshal;
use crate::gojson_parse;

const DOC: &str = r#"{"desc":"d","id":"i","links":[{"href":"h","rel":"self"}],"n":1.5,"roles":[{"orgId":"o","roleName":"ORG_OWNER"},{"groupId":"g","roleName":"GROUP_READ_ONLY"}]}"#;

const EXAMPLES: &str = "json-path=$.id";

/// Shadows the glob import: every test parses with the same examples.
fn parse(expr: &str) -> Result<Query, String> {
    super::parse(expr, EXAMPLES)
}

fn run(expr: &str) -> Result<String, String> {
    let doc = gojson_parse::parse(DOC).unwrap();
    evaluate(&parse(expr)?, &doc).map(|v| marshal(&v))
}

fn table(rows: &[(&str, &str)]) {
    for (expr, want) in rows {
        assert_eq!(run(expr).as_deref(), Ok(*want), "{expr}");
    }
}

#[test]
fn a_plain_path_yields_the_value_itself() {
    table(&[
        ("$.id", r#""i""#),
        ("$[\"desc\"]", r#""d""#),
        ("$[`desc`]", r#""d""#),
        ("$.roles[1].groupId", r#""g""#),
        ("$ .roles [ 1 ] . roleName", r#""GROUP_READ_ONLY""#),
        ("$.roles[0.9].roleName", r#""ORG_OWNER""#),
        ("$.roles[\"1\"].roleName", r#""GROUP_READ_ONLY""#),
        ("$.roles[-(-1)].roleName", r#""GROUP_READ_ONLY""#),
        ("$.roles[0](@.roleName)", r#""ORG_OWNER""#),
        ("$.links[0]", r#"{"href":"h","rel":"self"}"#),
        ("$.n", "1.5"),
    ]);
}

#[test]
fn an_index_past_the_end_or_negative_fails_as_in_v0_1_1() {
    assert_eq!(run("$.roles[5]"), Err("index 5 out of bounds".into()));
    assert_eq!(
        run("$.roles[2].roleName"),
        Err("index 2 out of bounds".into())
    );
    assert_eq!(run("$.roles[-1]"), Err("index -1 out of bounds".into()));
}

#[test]
fn a_failing_step_is_go_error_text() {
    assert_eq!(run("$.nope"), Err("unknown key nope".into()));
    assert_eq!(run("$.roles[0].groupId"), Err("unknown key groupId".into()));
    let unsupported = |t: &str| {
        format!(
            "unsupported value type {t} for select, expected map[string]interface{{}} or \
             []interface{{}}"
        )
    };
    assert_eq!(run("$.id.x"), Err(unsupported("string")));
    assert_eq!(run("@.id"), Err(unsupported("<nil>")));
    assert_eq!(
        run("$.roles.roleName"),
        Err(
            "could not select value, invalid key: expected number but got roleName (string)".into()
        )
    );
    assert_eq!(
        run("$.roles[true]"),
        Err("could not select value, invalid key: expected number but got true (bool)".into())
    );
    assert_eq!(
        run("-$.links[0]"),
        Err("unexpected map[href:h rel:self](map[string]interface {}) expected number".into())
    );
}

#[test]
fn an_ambiguous_path_yields_the_list_of_matches() {
    table(&[
        ("$.roles[*].roleName", r#"["ORG_OWNER","GROUP_READ_ONLY"]"#),
        ("$.roles[*].groupId", r#"["g"]"#),
        ("$.roles..roleName", r#"["ORG_OWNER","GROUP_READ_ONLY"]"#),
        ("$..href", r#"["h"]"#),
        ("$[\"id\",\"desc\"]", r#"["i","d"]"#),
        (
            "$.roles[1,0,7].roleName",
            r#"["GROUP_READ_ONLY","ORG_OWNER"]"#,
        ),
        ("$.roles[:1].roleName", r#"["ORG_OWNER"]"#),
        ("$.roles[-1:].roleName", r#"["GROUP_READ_ONLY"]"#),
        (
            "$.roles[::-1].roleName",
            r#"["GROUP_READ_ONLY","ORG_OWNER"]"#,
        ),
        ("$.links[0][0:1]", "[]"),
        ("$.nope[*]", "[]"),
    ]);
}

#[test]
fn a_filter_keeps_only_what_gval_reads_as_true() {
    table(&[
        ("$.roles[?(@.orgId)]", "[]"),
        ("$.roles[?(@.roleName)]", "[]"),
        (
            "$.roles[?(true)].roleName",
            r#"["ORG_OWNER","GROUP_READ_ONLY"]"#,
        ),
        ("$.roles[?(@.roleName == \"ORG_OWNER\")].orgId", r#"["o"]"#),
        (
            "$.roles[?(@.roleName != 'X')].roleName",
            r#"["ORG_OWNER","GROUP_READ_ONLY"]"#,
        ),
        (
            "$.roles[?($.id == \"i\")].roleName",
            r#"["ORG_OWNER","GROUP_READ_ONLY"]"#,
        ),
    ]);
}

#[test]
fn a_whole_expression_may_be_a_gval_constant_or_variable() {
    table(&[
        ("id", r#""i""#),
        ("roles[1].roleName", r#""GROUP_READ_ONLY""#),
        ("nope", "null"),
        ("\"text\"", r#""text""#),
        ("1.5e3", "1500"),
        ("1 == 1", "true"),
        ("--2", "2"),
        ("@", "null"),
    ]);
}

#[test]
fn refuses_what_v0_1_1_cannot_parse() {
    assert_eq!(run(""), Err("empty jsonpath".into()));
    let refused = [
        "$['desc']",
        "$.",
        "$[",
        "$.roles[0",
        "$.roles[].roleName",
        "$.roles[?(@.x ==]",
        "$.roles[?(@.orgId && @.roleName)]",
        "$.roles[?(@.x < 1)]",
        "$.roles[1-1]",
        "$..[0:1]",
        "$.roles[0,1:2]",
        "$.roles[0:1:1:1]",
        "$.id x",
        "$[\"id",
        // gval glues `n` to the operator before it: `==n` is no operator.
        "$.roles[?(@.roleName==nope)]",
    ];
    for expr in refused {
        let err = run(expr).unwrap_err();
        assert!(
            err.starts_with(&format!("invalid JSONPath {}: at position ", quote(expr))),
            "{expr}: {err}"
        );
        assert!(err.contains("\nhelp: the Go CLI reads paths such as json-path=$.id"));
    }
    assert_eq!(
        run("$.roles[?(@.roleName== \"ORG_OWNER\")].orgId").as_deref(),
        Ok(r#"["o"]"#)
    );
}

#[test]
fn comments_separate_tokens_as_in_go_scanner() {
    table(&[("$.roles/* a comment */[1].groupId", r#""g""#)]);
}

#[test]
fn numbers_print_as_go_encoding_json_writes_float64() {
    let doc = gojson_parse::parse(r#"{"a":[1e21,1e-7,0.000001,-0,123456789012,2.50]}"#).unwrap();
    let got = evaluate(&parse("$.a").unwrap(), &doc).map(|v| marshal(&v));
    assert_eq!(
        got.as_deref(),
        Ok("[1e+21,1e-7,0.000001,-0,123456789012,2.5]")
    );
}

#[test]
fn check_accepts_indexes_past_the_sample_but_not_unknown_keys_or_negative_indexes() {
    let sample = {
        use crate::output::Model;
        crate::model::fixtures::ApiKeyUserDetails::sample().json()
    };
    let check = |expr: &str| check(&parse(expr).unwrap(), &sample);
    assert_eq!(check("$.roles[9].roleName"), Ok(()));
    assert_eq!(check("$.roles[0].groupId"), Ok(()));
    assert_eq!(check("$.roles[0].nope"), Err("unknown key nope".into()));
    assert_eq!(check("$.roles[-1]"), Err("index -1 out of bounds".into()));
    assert_eq!(check("$.links[*].nope"), Ok(()));
}
