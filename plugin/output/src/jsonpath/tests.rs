//! JSONPath against PaesslerAG/jsonpath's behaviour (the Go CLI's library), on the SDK's shape.

use super::*;
use crate::gojson::marshal;
use crate::gojson_parse;

const DOC: &str = r#"{"desc":"d","id":"i","links":[{"href":"h","rel":"self"}],"roles":[{"orgId":"o","roleName":"ORG_OWNER"},{"groupId":"g","roleName":"GROUP_READ_ONLY"}]}"#;

const EXAMPLES: &str = "json-path=$.id";

/// Shadows the glob import: every test parses with the same examples.
fn parse(expr: &str) -> Result<Query, String> {
    super::parse(expr, EXAMPLES)
}

fn run(expr: &str) -> Result<String, String> {
    let doc = gojson_parse::parse(DOC).unwrap();
    evaluate(&parse(expr)?, &doc).map(|v| marshal(&v))
}

#[test]
fn a_plain_path_yields_the_value_itself() {
    let table = [
        ("$.id", r#""i""#),
        ("$['desc']", r#""d""#),
        ("$[\"desc\"]", r#""d""#),
        ("$.roles[1].groupId", r#""g""#),
        ("$.roles[-1].roleName", r#""GROUP_READ_ONLY""#),
        ("$.links[0]", r#"{"href":"h","rel":"self"}"#),
        (
            "$",
            r#"{"desc":"d","id":"i","links":[{"href":"h","rel":"self"}],"roles":[{"orgId":"o","roleName":"ORG_OWNER"},{"groupId":"g","roleName":"GROUP_READ_ONLY"}]}"#,
        ),
    ];
    for (expr, want) in table {
        assert_eq!(run(expr).as_deref(), Ok(want), "{expr}");
    }
}

#[test]
fn an_ambiguous_path_yields_a_list() {
    let table = [
        ("$.roles[*].roleName", r#"["ORG_OWNER","GROUP_READ_ONLY"]"#),
        ("$..href", r#"["h"]"#),
        ("$.roles[?@.groupId].roleName", r#"["GROUP_READ_ONLY"]"#),
        ("$.roles[?(@.roleName == 'ORG_OWNER')].orgId", r#"["o"]"#),
        ("$['id','desc']", r#"["i","d"]"#),
        ("$.roles[0:1].roleName", r#"["ORG_OWNER"]"#),
        ("$.roles[*].nope", "[]"),
        ("$.nope[*]", "[]"),
        (
            "$.roles[?length(@.roleName) > 9].roleName",
            r#"["GROUP_READ_ONLY"]"#,
        ),
    ];
    for (expr, want) in table {
        assert_eq!(run(expr).as_deref(), Ok(want), "{expr}");
    }
}

#[test]
fn a_missing_key_on_a_plain_path_is_go_unknown_key() {
    assert_eq!(run("$.nope"), Err("unknown key nope".into()));
    assert_eq!(run("$.roles[0].groupId"), Err("unknown key groupId".into()));
}

#[test]
fn an_index_past_the_end_is_null_as_in_go() {
    assert_eq!(run("$.roles[7]").as_deref(), Ok("null"));
}

#[test]
fn selecting_inside_a_string_is_go_unsupported_value_type() {
    assert_eq!(
        run("$.id.x"),
        Err("unsupported value type string for select, expected map[string]interface{}, []interface{} or Array".into())
    );
}

#[test]
fn rejects_syntax_errors_and_empty_paths() {
    assert_eq!(run(""), Err("empty jsonpath".into()));
    for expr in ["id", "$.", "$[", "$.roles[?(@.x ==]"] {
        let err = run(expr).unwrap_err();
        assert!(
            err.starts_with(&format!("invalid JSONPath \"{expr}\": at position ")),
            "{err}"
        );
        assert!(
            err.ends_with("\nhelp: write an RFC 9535 path such as json-path=$.id"),
            "{err}"
        );
    }
}

#[test]
fn check_accepts_indexes_past_the_sample_but_not_unknown_keys() {
    let sample = {
        use crate::output::Model;
        crate::model::fixtures::ApiKeyUserDetails::sample().json()
    };
    let check = |expr: &str| check(&parse(expr).unwrap(), &sample);
    assert_eq!(check("$.roles[9].roleName"), Ok(()));
    assert_eq!(check("$.roles[0].groupId"), Ok(()));
    assert_eq!(check("$.roles[0].nope"), Err("unknown key nope".into()));
    assert_eq!(check("$.links[*].nope"), Ok(()));
}

#[test]
fn tells_plain_paths_from_ambiguous_ones() {
    let plain = [
        "$",
        "$.a",
        "$['a.b']",
        "$['x*y']",
        "$[0]",
        "$[ -1 ]",
        "$.a['b'][2]",
    ];
    for expr in plain {
        assert!(parse(expr).unwrap().plain.is_some(), "{expr}");
    }
    let ambiguous = ["$.*", "$..a", "$[0,1]", "$[0:2]", "$[?@.a]", "$['a','b']"];
    for expr in ambiguous {
        assert!(parse(expr).unwrap().plain.is_none(), "{expr}");
    }
    assert_eq!(
        parse("$['a.b'][ 'c\\'d' ][\"e\"]").unwrap().plain,
        Some(vec![
            Step::Name("a.b".into()),
            Step::Name("c'd".into()),
            Step::Name("e".into())
        ])
    );
}
