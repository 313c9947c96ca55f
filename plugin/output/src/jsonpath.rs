//! `-o json-path=EXPR`: the Go CLI (`internal/jsonpathwriter`) marshals the response, unmarshals
//! it into `interface{}` (numbers become float64, objects maps), runs
//! `github.com/PaesslerAG/jsonpath` v0.1.1 (the version its `go.mod` pins, with gval v1.0.0)
//! over it, and prints the result with `json.MarshalIndent` + `\n` (maps with sorted keys).
//!
//! [`parse`](mod@parse) reads the expression, [`eval`] evaluates it; both follow v0.1.1's
//! source (not the library's later master, which differs: negative indexes, `&&`, quotes).
//! In short: `$.a.b`, `$["a"]`, `$.list[0]` yield the value itself or fail (`unknown key x`,
//! `index 5 out of bounds` for an index past the end or negative); `*`, `..`, `[a,b]`,
//! `[min:max:step]` and `[?(expr)]` yield the list of matches; filters know only `==`, `!=`,
//! `-`, parentheses and constants (`"…"`, `` `…` ``, one-rune `'x'`, numbers, `true`, `false`).

mod eval;
mod parse;
mod scan;

use std::collections::BTreeMap;

use crate::gofmt::quote;
use crate::gojson::Value;
use eval::J;
use parse::Expr;

/// A parsed `json-path=` expression.
#[derive(Debug)]
pub struct Query {
    expr: Expr,
}

/// Parse the expression; the error is the user's message, whose `help:` line shows the
/// command's `examples` (e.g. `json-path=$.id or json-path=$.roles[*].roleName`).
pub fn parse(expr: &str, examples: &str) -> Result<Query, String> {
    if expr.is_empty() {
        // `jsonpathwriter.ErrEmptyPath`.
        return Err("empty jsonpath".to_string());
    }
    let parsed = parse::parse(expr).map_err(|why| {
        format!(
            "invalid JSONPath {}: {why}\nhelp: the Go CLI reads paths such as {examples} \
             (PaesslerAG/jsonpath v0.1.1: double-quoted names, no negative indexes)",
            quote(expr),
        )
    })?;
    Ok(Query { expr: parsed })
}

/// Evaluate against a document: the value to print, or Go's error text.
pub fn evaluate(query: &Query, doc: &Value) -> Result<Value, String> {
    eval::evaluate(&query.expr, &to_go(doc)).map(|v| from_go(&v))
}

/// `plan`'s check against a fully populated sample: the same errors as [`evaluate`], except
/// that an index past the end of the sample's lists is not held against the path (a real
/// answer may have more items); a negative index fails on every answer, so it is refused.
pub fn check(query: &Query, sample: &Value) -> Result<(), String> {
    match eval::evaluate(&query.expr, &to_go(sample)) {
        Err(err) if err.starts_with("index ") && !err.starts_with("index -") => Ok(()),
        Err(err) => Err(err),
        Ok(_) => Ok(()),
    }
}

/// The document as Go's `json.Unmarshal` into `interface{}` leaves it.
fn to_go(value: &Value) -> J {
    match value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Number(raw) => raw.parse().map_or(J::Null, J::Num),
        Value::String(s) => J::Str(s.clone()),
        Value::Array(items) => J::Arr(items.iter().map(to_go).collect()),
        // A repeated key: the last wins, as in a Go map.
        Value::Object(members) => J::Obj(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_go(v)))
                .collect::<BTreeMap<_, _>>(),
        ),
    }
}

fn from_go(value: &J) -> Value {
    match value {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Num(n) => Value::Number(json_float(*n)),
        J::Str(s) => Value::String(s.clone()),
        J::Arr(items) => Value::Array(items.iter().map(from_go).collect()),
        J::Obj(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), from_go(v))).collect()),
    }
}

/// Go's `encoding/json` text of a float64: the shortest digits, in `%e` form below 1e-6 or
/// from 1e21 (`1e-7`, `1e+21`).
fn json_float(f: f64) -> String {
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let text = format!("{f:e}");
        match text.split_once('e') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
            _ => text,
        }
    } else if f == 0.0 {
        // Go writes -0 as `-0`.
        if f.is_sign_negative() { "-0" } else { "0" }.to_string()
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests;
