//! Bodies read as Go's `encoding/json` reads them into the SDK's structs; each expectation was
//! printed by Go 1.19 (`json.NewDecoder(body).Decode(&out)` with `UseNumber`, then
//! `json.Marshal`) on mirror structs of the models.

use super::*;
use crate::gojson::marshal;
use crate::model::fixtures::{ApiKeyUserDetails, PaginatedApiApiUser};
use crate::output::Model;

fn key(body: &str) -> Result<Option<String>, String> {
    decode::<ApiKeyUserDetails>(body).map(|doc| doc.map(|doc| marshal(&doc.json())))
}

fn page(body: &str) -> Result<Option<String>, String> {
    decode::<PaginatedApiApiUser>(body).map(|doc| doc.map(|doc| marshal(&doc.json())))
}

fn some(json: &str) -> Result<Option<String>, String> {
    Ok(Some(json.to_string()))
}

#[test]
fn an_empty_body_and_null_are_the_nil_pointer() {
    assert_eq!(key(""), Ok(None));
    assert_eq!(key("null"), Ok(None));
    assert_eq!(key(" null trailing"), Ok(None));
}

#[test]
fn reads_the_first_value_and_leaves_the_rest_unread() {
    assert_eq!(key(r#"{"id":"x"} trailing"#), some(r#"{"id":"x"}"#));
    assert_eq!(key(r#"   {"id":"x"}{"id":"y"}"#), some(r#"{"id":"x"}"#));
    assert_eq!(key(r#"{"id":"x"} {"#), some(r#"{"id":"x"}"#));
}

#[test]
fn the_last_of_repeated_keys_wins_and_null_clears_a_field() {
    assert_eq!(
        key(r#"{"id":"first","id":"second","publicKey":"p"}"#),
        some(r#"{"id":"second","publicKey":"p"}"#)
    );
    assert_eq!(key(r#"{"id":"a","id":null}"#), some("{}"));
}

#[test]
fn a_key_in_another_case_fills_the_field_and_an_exact_one_is_preferred() {
    assert_eq!(
        key(r#"{"ID":"upper","PublicKey":"p","privatekey":"k"}"#),
        some(r#"{"id":"upper","privateKey":"k","publicKey":"p"}"#)
    );
    assert_eq!(
        key(r#"{"PUBLICKEY":"P","publicKey":"q"}"#),
        some(r#"{"publicKey":"q"}"#)
    );
    // Go folds the long s and the Kelvin sign too, and nothing else beyond ASCII.
    assert_eq!(
        key("{\"de\u{17f}c\":\"d\",\"public\u{212a}ey\":\"p\",\"\u{130}d\":\"x\"}"),
        some(r#"{"desc":"d","publicKey":"p"}"#)
    );
}

#[test]
fn unknown_fields_are_skipped_whatever_they_hold() {
    assert_eq!(
        key(r#"{"id":"i","extra":123456789012345678901234567890,"nested":{"a":[1,2]}}"#),
        some(r#"{"id":"i"}"#)
    );
}

#[test]
fn a_list_decoded_again_reuses_its_elements() {
    assert_eq!(
        key(r#"{"roles":[{"orgId":"a","roleName":"X"}],"roles":[{"roleName":"Y"},null]}"#),
        some(r#"{"roles":[{"orgId":"a","roleName":"Y"},{}]}"#)
    );
    assert_eq!(
        key(r#"{"roles":[{"orgId":"a","roleName":"X"}],"roles":[null]}"#),
        some(r#"{"roles":[{"orgId":"a","roleName":"X"}]}"#)
    );
}

#[test]
fn a_page_always_has_results_null_when_nil() {
    assert_eq!(
        page(r#"{"links":[],"totalCount":0}"#),
        some(r#"{"links":[],"results":null,"totalCount":0}"#)
    );
    assert_eq!(page(r#"{"results":null}"#), some(r#"{"results":null}"#));
    assert_eq!(
        page(r#"{"results":[null,{"id":"x"}],"totalCount":-0}"#),
        some(r#"{"results":[{},{"id":"x"}],"totalCount":0}"#)
    );
}

#[test]
fn a_value_of_the_wrong_kind_fails_the_decode_as_go_says() {
    assert_eq!(
        page(r#"{"totalCount":1.0}"#),
        Err("json: cannot unmarshal number 1.0 into Go struct field \
             PaginatedApiApiUser.totalCount of type int"
            .into())
    );
    assert_eq!(
        key(r#"{"id":5}"#),
        Err("json: cannot unmarshal number into Go struct field ApiKeyUserDetails.id of type string"
            .into())
    );
    assert_eq!(
        key("[]"),
        Err("json: cannot unmarshal array into Go value of type admin.ApiKeyUserDetails".into())
    );
    assert!(page(r#"{"results":{}}"#).is_err());
    assert!(page(r#"{"totalCount":123456789012345678901234567890}"#).is_err());
}

#[test]
fn text_without_a_whole_value_is_go_s_eof_error() {
    assert_eq!(key("  \n"), Err("EOF".into()));
    assert_eq!(key(r#"{"id":"x","#), Err("unexpected EOF".into()));
    assert_eq!(key("tru"), Err("unexpected EOF".into()));
    assert_eq!(
        key("<html>"),
        Err("invalid character '<' looking for beginning of value".into())
    );
    assert_eq!(
        key(r#"{"id"x"#),
        Err("invalid character 'x' after object key".into())
    );
}
