//! The wire types as JSON: flag values by JSON type, defaults and unknown fields accepted, outputs
//! tagged by `kind`, and what ABI 2 added kept out of documents that do not use it.

use super::*;

#[test]
fn flag_values_are_plain_json() {
    let mut flags = Flags::new();
    flags.insert("desc".into(), FlagValue::String("d".into()));
    flags.insert("role".into(), FlagValue::Strings(vec!["A,B".into()]));
    flags.insert("compact".into(), FlagValue::Bool(true));
    flags.insert("limit".into(), FlagValue::Int(5));
    let json = serde_json::to_string(&flags).unwrap();
    assert_eq!(
        json,
        r#"{"compact":true,"desc":"d","limit":5,"role":["A,B"]}"#
    );
    assert_eq!(serde_json::from_str::<Flags>(&json).unwrap(), flags);
}

#[test]
fn flag_values_decode_by_json_type_and_refuse_anything_else() {
    let flags: Flags = serde_json::from_str(
        r#"{"a":false,"b":-3,"c":"","d":[],"e":["x","y"],"f":9223372036854775807}"#,
    )
    .unwrap();
    assert_eq!(flags["a"], FlagValue::Bool(false));
    assert_eq!(flags["b"], FlagValue::Int(-3));
    assert_eq!(flags["c"], FlagValue::String(String::new()));
    assert_eq!(flags["d"], FlagValue::Strings(Vec::new()));
    assert_eq!(flags["e"], FlagValue::Strings(vec!["x".into(), "y".into()]));
    assert_eq!(flags["f"], FlagValue::Int(i64::MAX));
    for bad in [
        r#"{"a":1.5}"#,
        r#"{"a":null}"#,
        r#"{"a":{}}"#,
        r#"{"a":[1]}"#,
        r#"{"a":9223372036854775808}"#,
    ] {
        let err = serde_json::from_str::<Flags>(bad).unwrap_err().to_string();
        assert!(err.contains("expected a"), "{bad}: {err}");
    }
}

#[test]
fn inputs_accept_missing_and_unknown_fields() {
    let input: Invocation =
        serde_json::from_str(r#"{"command":["a"],"future_field":{"x":1}}"#).unwrap();
    assert_eq!(input.command, vec!["a".to_string()]);
    assert!(input.flags.is_empty());
    assert_eq!(input.settings, Settings::default());
}

#[test]
fn outputs_are_tagged_by_kind() {
    let out = PlanOutput::UserError {
        message: "bad".into(),
    };
    assert_eq!(
        serde_json::to_string(&out).unwrap(),
        r#"{"kind":"user_error","message":"bad"}"#
    );
    let back: RenderOutput = serde_json::from_str(r#"{"kind":"stdout","text":"x"}"#).unwrap();
    assert_eq!(back, RenderOutput::Stdout { text: "x".into() });
}

#[test]
fn version_2_fields_stay_out_of_documents_that_do_not_use_them() {
    // A v1 plugin rebuilt on this crate describes itself, and a host invokes it, with the
    // very documents version 1 had: the new fields are absent unless used.
    let spec = CommandSpec {
        path: vec![PathSegment::new("list", &["ls"])],
        ..CommandSpec::default()
    };
    let text = serde_json::to_string(&spec).unwrap();
    assert!(!text.contains("args"), "{text}");
    let text = serde_json::to_string(&spec.path[0]).unwrap();
    assert_eq!(text, r#"{"name":"list","aliases":["ls"]}"#);
    let text = serde_json::to_string(&Invocation::default()).unwrap();
    assert!(!text.contains("confirmed"), "{text}");
    let confirmed = Invocation {
        confirmed: true,
        ..Invocation::default()
    };
    let text = serde_json::to_string(&confirmed).unwrap();
    assert!(text.ends_with(r#""confirmed":true}"#), "{text}");
    assert_eq!(
        serde_json::from_str::<Invocation>(&text).unwrap(),
        confirmed
    );
}

#[test]
fn confirm_is_a_plan_output_with_its_texts() {
    let out: PlanOutput = serde_json::from_str(
        r#"{"kind":"confirm","message":"Are you sure you want to delete: x","declined":"API Key not deleted\n","force_flag":"force"}"#,
    )
    .unwrap();
    assert_eq!(
        out,
        PlanOutput::Confirm {
            message: "Are you sure you want to delete: x".into(),
            declined: "API Key not deleted\n".into(),
            force_flag: Some("force".into()),
        }
    );
    let bare: PlanOutput = serde_json::from_str(r#"{"kind":"confirm","message":"m"}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&bare).unwrap(),
        r#"{"kind":"confirm","message":"m","declined":""}"#
    );
}

#[test]
fn groups_and_argument_counts_round_trip() {
    let spec = CommandSpec {
        path: vec![
            PathSegment::new("apiKeys", &["apikeys"])
                .group("Organization API Keys operations.", ""),
            PathSegment::new("describe", &["show"]),
        ],
        args: Some(ArgsSpec::exactly(1, "<ID>")),
        ..CommandSpec::default()
    };
    let text = serde_json::to_string(&spec).unwrap();
    assert!(
        text.contains(r#""short":"Organization API Keys operations.""#),
        "{text}"
    );
    assert!(
        text.contains(r#""args":{"min":1,"max":1,"usage":"<ID>"}"#),
        "{text}"
    );
    assert_eq!(serde_json::from_str::<CommandSpec>(&text).unwrap(), spec);
    assert_eq!(
        ArgsSpec::none(),
        ArgsSpec {
            min: 0,
            max: Some(0),
            usage: String::new()
        }
    );
}

#[test]
fn a_file_flag_is_opt_in_and_older_describes_still_decode() {
    let old: FlagSpec = serde_json::from_str(r#"{"name":"template","kind":"string"}"#).unwrap();
    assert!(!old.file, "a flag from before the field is not a file");
    let plain = FlagSpec::new("desc", None, FlagKind::String, "d");
    assert!(!serde_json::to_string(&plain).unwrap().contains("file"));
    let file = plain.file();
    let json = serde_json::to_string(&file).unwrap();
    assert!(json.ends_with(r#""file":true}"#), "{json}");
    assert_eq!(serde_json::from_str::<FlagSpec>(&json).unwrap(), file);
}
