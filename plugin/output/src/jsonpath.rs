//! `-o json-path=EXPR`: the Go CLI runs `github.com/PaesslerAG/jsonpath` over the response
//! round-tripped through `interface{}` and prints the result with `json.MarshalIndent` + `\n`.
//!
//! Who does what: `serde_json_path` (RFC 9535) parses every expression and evaluates the
//! ambiguous ones (wildcards, `..`, filters, unions, slices), whose result is always an array,
//! as in Go. A plain path (`$`, `.name`, `['name']`, `[index]` only) we evaluate ourselves with
//! PaesslerAG's rules, because they differ from RFC 9535 where users notice: the result is the
//! value itself (not a one-element list), a missing key is the error `unknown key <name>`, an
//! index past the end yields `null`, a negative index counts from the end, and selecting
//! inside a string is `unsupported value type string for select, ...`. Objects print with
//! their keys sorted, as Go's encoder writes the `map[string]interface{}` they became.

use serde_json::Value as Json;
use serde_json_path::JsonPath;

use crate::gofmt::quote;
use crate::gojson::Value;

/// A parsed `json-path=` expression.
#[derive(Debug)]
pub struct Query {
    path: JsonPath,
    /// The steps of a plain path, `None` when the path is ambiguous.
    plain: Option<Vec<Step>>,
}

/// One step of a plain path.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Name(String),
    Index(i64),
}

/// Parse the expression; the error is the user's message, whose `help:` line shows the
/// command's `examples` (e.g. `json-path=$.id or json-path=$.roles[*].roleName`).
pub fn parse(expr: &str, examples: &str) -> Result<Query, String> {
    if expr.is_empty() {
        // `jsonpathwriter.ErrEmptyPath`.
        return Err("empty jsonpath".to_string());
    }
    let path = JsonPath::parse(expr).map_err(|err| {
        format!(
            "invalid JSONPath {}: at position {}, {}\nhelp: write an RFC 9535 path such as \
             {examples}",
            quote(expr),
            err.position(),
            err.message()
        )
    })?;
    let plain = if is_ambiguous(expr) {
        None
    } else {
        plain_steps(expr)
    };
    Ok(Query { path, plain })
}

/// Evaluate against a document: the value to print, or Go's error text.
pub fn evaluate(query: &Query, doc: &Value) -> Result<Value, String> {
    let json = to_json(doc);
    match &query.plain {
        Some(steps) => select(&json, steps, false).map(|v| from_json(v.unwrap_or(&Json::Null))),
        None => Ok(Value::Array(
            query
                .path
                .query(&json)
                .all()
                .into_iter()
                .map(from_json)
                .collect(),
        )),
    }
}

/// `plan`'s check against a fully populated sample: the same errors as [`evaluate`], except
/// that an index past the end of the sample's lists is not held against the path (a real
/// answer may have more items).
pub fn check(query: &Query, sample: &Value) -> Result<(), String> {
    match &query.plain {
        Some(steps) => select(&to_json(sample), steps, true).map(|_| ()),
        None => Ok(()),
    }
}

/// PaesslerAG's plain selectors. `None` is an index past the end (Go's nil) when `lenient`.
fn select<'a>(root: &'a Json, steps: &[Step], lenient: bool) -> Result<Option<&'a Json>, String> {
    let mut value = root;
    for step in steps {
        let next = match (value, step) {
            (Json::Object(map), Step::Name(name)) => map.get(name),
            (Json::Object(map), Step::Index(i)) => map.get(&i.to_string()),
            (Json::Array(items), Step::Index(i)) => {
                let at = if *i < 0 { items.len() as i64 + i } else { *i };
                match usize::try_from(at).ok().and_then(|at| items.get(at)) {
                    Some(item) => Some(item),
                    None if lenient => return Ok(None),
                    None => Some(&Json::Null),
                }
            }
            (Json::Array(_), Step::Name(name)) => {
                return Err(format!("could not select value, invalid key: {name}"));
            }
            (other, _) => return Err(unsupported(other)),
        };
        value = next.ok_or_else(|| match step {
            Step::Name(name) => format!("unknown key {name}"),
            Step::Index(i) => format!("unknown key {i}"),
        })?;
    }
    Ok(Some(value))
}

/// Go's `%T` of the decoded value in PaesslerAG's message.
fn unsupported(value: &Json) -> String {
    let type_name = match value {
        Json::Null => "<nil>",
        Json::Bool(_) => "bool",
        Json::Number(_) => "float64",
        Json::String(_) => "string",
        Json::Array(_) | Json::Object(_) => "interface {}",
    };
    format!(
        "unsupported value type {type_name} for select, expected map[string]interface{{}}, \
         []interface{{}} or Array"
    )
}

/// PaesslerAG lists every match when the path has a wildcard, `..`, a filter, a union or a
/// slice: outside quoted names, those are `*`, `..`, `?`, `,` and `:`.
fn is_ambiguous(expr: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut previous = ' ';
    for c in expr.chars() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' => quote = Some(c),
                '*' | '?' | ',' | ':' => return true,
                '.' if previous == '.' => return true,
                _ => {}
            },
        }
        previous = c;
    }
    false
}

/// The steps of a path `serde_json_path` accepted and that has no ambiguous part; `None` if
/// it has a form we do not read (it is then evaluated as an ambiguous path).
fn plain_steps(expr: &str) -> Option<Vec<Step>> {
    let mut rest = expr.strip_prefix('$')?.trim_start();
    let mut steps = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after
                .find(|c: char| c == '.' || c == '[' || c.is_whitespace())
                .unwrap_or(after.len());
            steps.push(Step::Name(after[..end].to_string()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let (step, after) = bracket(after.trim_start())?;
            steps.push(step);
            rest = after.trim_start().strip_prefix(']')?;
        } else {
            return None;
        }
        rest = rest.trim_start();
    }
    Some(steps)
}

/// A bracketed index or quoted name, and the text after it.
fn bracket(text: &str) -> Option<(Step, &str)> {
    let first = text.chars().next()?;
    if first == '\'' || first == '"' {
        let json = if first == '"' {
            text.to_string()
        } else {
            // A single-quoted name: the same escapes, plus `\'`.
            let end = closing(text, '\'')?;
            let inner = text[1..end].replace("\\'", "'").replace('"', "\\\"");
            return Some((
                Step::Name(unescape(&format!("\"{inner}\""))?),
                &text[end + 1..],
            ));
        };
        let end = closing(&json, '"')?;
        return Some((Step::Name(unescape(&text[..=end])?), &text[end + 1..]));
    }
    let end = text
        .find(|c: char| !(c == '-' || c.is_ascii_digit()))
        .unwrap_or(text.len());
    Some((Step::Index(text[..end].parse().ok()?), &text[end..]))
}

/// The byte index of the quote that closes the string opening `text`.
fn closing(text: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == quote => return Some(i),
            _ => {}
        }
    }
    None
}

fn unescape(json_string: &str) -> Option<String> {
    serde_json::from_str(json_string).ok()
}

/// The document as `serde_json` sees it: objects sorted by key, as Go's maps are written.
fn to_json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(raw) => serde_json::from_str(raw).unwrap_or(Json::Null),
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Object(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
    }
}

fn from_json(value: &Json) -> Value {
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => Value::Number(n.to_string()),
        Json::String(s) => Value::String(s.clone()),
        Json::Array(items) => Value::Array(items.iter().map(from_json).collect()),
        Json::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests;
