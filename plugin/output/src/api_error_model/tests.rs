//! Tests of filling `ApiError` with Go's `json.Unmarshal` semantics.

use super::*;
use crate::gojson::marshal;
use crate::gojson_parse::parse;

fn decode(json: &str) -> Result<ApiError, String> {
    ApiError::decode(&parse(json).unwrap())
}

#[test]
fn fills_every_field() {
    let got = decode(
        r#"{"detail":"d","error":400,"errorCode":"E","parameters":["p",1],"reason":"r",
           "badRequestDetail":{"fields":[{"description":"too long","field":"desc"}]},"other":1}"#,
    )
    .unwrap();
    let want = ApiError {
        bad_request_detail: Some(BadRequestDetail {
            fields: Some(vec![FieldViolation {
                description: "too long".into(),
                field: "desc".into(),
            }]),
        }),
        detail: Some("d".into()),
        error: 400,
        error_code: "E".into(),
        parameters: Some(vec![Value::String("p".into()), Value::Number("1".into())]),
        reason: Some("r".into()),
    };
    assert_eq!(got, want);
}

#[test]
fn null_or_empty_body_object_gives_the_zero_value() {
    assert_eq!(decode("null").unwrap(), ApiError::default());
    assert_eq!(decode("{}").unwrap(), ApiError::default());
}

#[test]
fn matches_keys_case_insensitively_and_lets_later_duplicates_win() {
    assert_eq!(decode(r#"{"ERRORCODE":"A"}"#).unwrap().error_code, "A");
    assert_eq!(
        decode(r#"{"errorCode":"A","errorcode":"B"}"#)
            .unwrap()
            .error_code,
        "B"
    );
    assert_eq!(
        decode("{\"rea\u{17F}on\":\"long s\"}")
            .unwrap()
            .reason
            .as_deref(),
        Some("long s")
    );
}

#[test]
fn null_clears_pointer_fields_only() {
    let got = decode(
        r#"{"detail":"x","error":401,"errorCode":"E","detail":null,"error":null,"errorCode":null}"#,
    )
    .unwrap();
    assert_eq!(
        (got.detail, got.error, got.error_code.as_str()),
        (None, 401, "E")
    );
}

#[test]
fn reports_the_first_type_mismatch_as_go_does() {
    let field = "json: cannot unmarshal";
    let table = [
        (
            r#""x""#,
            format!("{field} string into Go value of type admin.ApiError"),
        ),
        (
            "[1]",
            format!("{field} array into Go value of type admin.ApiError"),
        ),
        (
            r#"{"error":"401"}"#,
            format!("{field} string into Go struct field ApiError.error of type int"),
        ),
        (
            r#"{"error":401.0}"#,
            format!("{field} number 401.0 into Go struct field ApiError.error of type int"),
        ),
        (
            r#"{"errorCode":1}"#,
            format!("{field} number into Go struct field ApiError.errorCode of type string"),
        ),
        (
            r#"{"detail":true}"#,
            format!("{field} bool into Go struct field ApiError.detail of type string"),
        ),
        (
            r#"{"parameters":"x"}"#,
            format!(
                "{field} string into Go struct field ApiError.parameters of type []interface {{}}"
            ),
        ),
        (
            r#"{"parameters":[[1e999]]}"#,
            format!(
                "{field} number 1e999 into Go struct field ApiError.parameters of type float64"
            ),
        ),
        (
            r#"{"badRequestDetail":[]}"#,
            format!(
                "{field} array into Go struct field ApiError.badRequestDetail of type admin.BadRequestDetail"
            ),
        ),
        (
            r#"{"badRequestDetail":{"fields":{}}}"#,
            format!(
                "{field} object into Go struct field BadRequestDetail.badRequestDetail.fields of type []admin.FieldViolation"
            ),
        ),
        (
            r#"{"badRequestDetail":{"fields":["x"]}}"#,
            format!(
                "{field} string into Go struct field BadRequestDetail.badRequestDetail.fields of type admin.FieldViolation"
            ),
        ),
        (
            r#"{"badRequestDetail":{"fields":[{"field":2}]}}"#,
            format!(
                "{field} number into Go struct field FieldViolation.badRequestDetail.fields.field of type string"
            ),
        ),
        (
            r#"{"detail":1,"error":"x"}"#,
            format!("{field} number into Go struct field ApiError.detail of type string"),
        ),
    ];
    for (input, want) in table {
        assert_eq!(decode(input).unwrap_err(), want, "input {input}");
    }
}

#[test]
fn merges_repeated_bad_request_details_like_go() {
    let got = decode(
        r#"{"badRequestDetail":{"fields":[{"description":"a","field":"x"},{"field":"y"}]},
           "badRequestDetail":{"fields":[{"field":"z"}]}}"#,
    )
    .unwrap();
    let fields = got.bad_request_detail.unwrap().fields.unwrap();
    assert_eq!(
        fields,
        [FieldViolation {
            description: "a".into(),
            field: "z".into()
        }]
    );
}

#[test]
fn marshals_bad_request_detail_like_go_json_marshal() {
    let detail =
        |json: &str| marshal(&decode(json).unwrap().bad_request_detail.unwrap().to_value());
    assert_eq!(detail(r#"{"badRequestDetail":{}}"#), "{}");
    assert_eq!(
        detail(r#"{"badRequestDetail":{"fields":[]}}"#),
        r#"{"fields":[]}"#
    );
    assert_eq!(
        detail(r#"{"badRequestDetail":{"fields":[{"field":"desc","description":"<1>"},{}]}}"#),
        r#"{"fields":[{"description":"\u003c1\u003e","field":"desc"},{"description":"","field":""}]}"#
    );
}
