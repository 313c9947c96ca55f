//! Evaluating a parsed path as PaesslerAG/jsonpath v0.1.1 with gval v1.0.0 does, on the
//! document as Go's `interface{}` holds it ([`J`]: float64 numbers, maps).
//!
//! - A path of plain selectors (`.name`, `[key]`, scripts) yields the value itself, and any
//!   failing step fails the whole path: `unknown key x`, `index 5 out of bounds` (an index past
//!   the end or negative; v0.1.1 does not count from the end), `unsupported value type …`.
//! - Once a path has an ambiguous selector (`*`, `..`, `[a,b]`, a range, a filter) it yields a
//!   list of every match, and a step that fails for one match just drops it.
//! - A filter keeps what its expression makes true by gval's `convertToBool`: `true`, `"true"`,
//!   a non-zero number; a string such as an id is not a boolean, so `[?(@.orgId)]` keeps none.
//! - [ours] Go visits a map's members in its random map order (`.*`, `..`, filters over a
//!   map); we visit them in key order.

use std::collections::BTreeMap;

use super::parse::{Expr, Step};
use crate::gofmt::format_float;

/// A JSON value as Go's `json.Unmarshal` into `interface{}` leaves it.
#[derive(Debug, Clone, PartialEq)]
pub enum J {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(BTreeMap<String, J>),
}

/// The document (`$`) and the element being selected from (`@`; nil at the top).
struct Scope<'a> {
    root: &'a J,
    current: &'a J,
}

/// Evaluate the whole expression against the document.
pub fn evaluate(expr: &Expr, root: &J) -> Result<J, String> {
    eval(
        expr,
        &Scope {
            root,
            current: &J::Null,
        },
    )
}

fn eval(expr: &Expr, scope: &Scope<'_>) -> Result<J, String> {
    match expr {
        Expr::Num(n) => Ok(J::Num(*n)),
        Expr::Str(s) => Ok(J::Str(s.clone())),
        Expr::Bool(b) => Ok(J::Bool(*b)),
        Expr::Neg(inner) => match eval(inner, scope).map(|v| (to_float(&v), v))? {
            (Some(f), _) => Ok(J::Num(-f)),
            (None, value) => Err(format!(
                "unexpected {}({}) expected number",
                go_string(&value),
                go_type(&value)
            )),
        },
        Expr::Equal(a, b, negated) => {
            let equal = eval(a, scope)? == eval(b, scope)?;
            Ok(J::Bool(equal != *negated))
        }
        Expr::Var(keys) => variable(keys, scope),
        Expr::Path { current, steps } => {
            let start = if *current { scope.current } else { scope.root };
            path(steps, scope.root, start)
        }
    }
}

/// gval's `variable`: keys looked up from the document; a missing map key is nil.
fn variable(keys: &[Expr], scope: &Scope<'_>) -> Result<J, String> {
    let names = keys
        .iter()
        .map(|k| eval(k, scope).map(|v| go_string(&v)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut value = scope.root.clone();
    for (i, name) in names.iter().enumerate() {
        value = match value {
            J::Obj(map) => map.get(name).cloned().unwrap_or(J::Null),
            J::Arr(items) => match name.parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(item) => item.clone(),
                None => J::Arr(items),
            },
            _ => return Err(format!("unknown parameter {}", names[..=i].join("."))),
        };
    }
    Ok(value)
}

fn path(steps: &[Step], root: &J, start: &J) -> Result<J, String> {
    let Some(first) = steps.iter().position(|s| !is_plain(s)) else {
        let mut value = start.clone();
        for step in steps {
            value = plain(step, root, &value)?;
        }
        return Ok(value);
    };
    let mut matches = Vec::new();
    let mut value = start.clone();
    for step in &steps[..first] {
        match plain(step, root, &value) {
            Ok(next) => value = next,
            // The plain part before the first ambiguous selector fails: no match at all.
            Err(_) => return Ok(J::Arr(matches)),
        }
    }
    visit(&steps[first..], root, value, &mut matches);
    Ok(J::Arr(matches))
}

fn is_plain(step: &Step) -> bool {
    matches!(step, Step::Direct(_) | Step::Script(_))
}

/// Every match of the remaining selectors below `value`, in order; failures drop the match.
/// The recursion is bounded by the path's length and the document's depth.
fn visit(steps: &[Step], root: &J, value: J, out: &mut Vec<J>) {
    let Some((step, rest)) = steps.split_first() else {
        out.push(value);
        return;
    };
    let scope = Scope {
        root,
        current: &value,
    };
    match step {
        Step::Direct(_) | Step::Script(_) => {
            if let Ok(next) = plain(step, root, &value) {
                visit(rest, root, next, out);
            }
        }
        Step::Star => {
            for child in children(&value) {
                visit(rest, root, child, out);
            }
        }
        Step::Multi(keys) => {
            for key in keys {
                if let Ok(next) = select(key, &scope, &value) {
                    visit(rest, root, next, out);
                }
            }
        }
        Step::Filter(filter) => {
            for child in children(&value) {
                let scope = Scope {
                    root,
                    current: &child,
                };
                let keep = eval(filter, &scope).ok().and_then(|v| to_bool(&v));
                if keep == Some(true) {
                    visit(rest, root, child, out);
                }
            }
        }
        Step::Range(min, max, step) => {
            for child in range(&value, (min, max, step), &scope) {
                visit(rest, root, child, out);
            }
        }
        Step::Mapper => mapper(rest, root, value, out),
    }
}

/// `..`: the value itself, then each child's `..`, depth first.
fn mapper(rest: &[Step], root: &J, value: J, out: &mut Vec<J>) {
    let kids = children(&value);
    visit(rest, root, value, out);
    for child in kids {
        mapper(rest, root, child, out);
    }
}

fn children(value: &J) -> Vec<J> {
    match value {
        J::Arr(items) => items.clone(),
        J::Obj(map) => map.values().cloned().collect(),
        _ => Vec::new(),
    }
}

fn range(value: &J, (min, max, step): (&Expr, &Expr, &Expr), scope: &Scope<'_>) -> Vec<J> {
    let J::Arr(items) = value else {
        return Vec::new();
    };
    let int = |e: &Expr| eval(e, scope).ok().as_ref().and_then(to_float).map(go_int);
    let (Some(min), Some(max), Some(step)) = (int(min), int(max), int(step)) else {
        return Vec::new();
    };
    if min > max {
        return Vec::new();
    }
    let n = items.len() as i64;
    let clamp = |i: i64| if i < 0 { (n + i).max(0) } else { i.min(n) };
    let (min, max) = (clamp(min), clamp(max));
    let step = if step == 0 { 1 } else { step };
    let mut picked = Vec::new();
    if step > 0 {
        let mut i = min;
        while i < max {
            picked.push(items[i as usize].clone());
            i += step;
        }
    } else {
        let mut i = max - 1;
        while i >= min {
            picked.push(items[i as usize].clone());
            i += step;
        }
    }
    picked
}

fn plain(step: &Step, root: &J, value: &J) -> Result<J, String> {
    let scope = Scope {
        root,
        current: value,
    };
    match step {
        Step::Direct(key) => select(key, &scope, value),
        Step::Script(script) => eval(script, &scope),
        _ => unreachable!("only plain selectors"),
    }
}

/// jsonpath's `selectValue`: an index into a list, a key into a map.
fn select(key: &Expr, scope: &Scope<'_>, value: &J) -> Result<J, String> {
    let invalid = |why: String| format!("could not select value, invalid key: {why}");
    match value {
        J::Arr(items) => {
            let key = eval(key, scope).map_err(invalid)?;
            let i = to_float(&key).map(go_int).ok_or_else(|| {
                invalid(format!(
                    "expected number but got {} ({})",
                    go_string(&key),
                    go_type(&key)
                ))
            })?;
            usize::try_from(i)
                .ok()
                .and_then(|at| items.get(at))
                .cloned()
                .ok_or_else(|| format!("index {i} out of bounds"))
        }
        J::Obj(map) => {
            let key = go_string(&eval(key, scope).map_err(invalid)?);
            map.get(&key)
                .cloned()
                .ok_or_else(|| format!("unknown key {key}"))
        }
        other => Err(format!(
            "unsupported value type {} for select, expected map[string]interface{{}} or \
             []interface{{}}",
            go_type(other)
        )),
    }
}

/// Go's `int(f)` of a float64 (truncation; out of range saturates here).
fn go_int(f: f64) -> i64 {
    f as i64
}

/// gval's `convertToFloat`: a number, or a string `strconv.ParseFloat` reads.
fn to_float(value: &J) -> Option<f64> {
    match value {
        J::Num(n) => Some(*n),
        J::Str(s) => parse_go_float(s),
        _ => None,
    }
}

fn parse_go_float(s: &str) -> Option<f64> {
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    let named = ["inf", "infinity", "nan"].contains(&t.to_ascii_lowercase().as_str());
    let digits = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || "._eE+-".contains(c))
        && t.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '.');
    if named || digits {
        s.replace('_', "").parse().ok()
    } else {
        None
    }
}

/// gval's `convertToBool`.
fn to_bool(value: &J) -> Option<bool> {
    match value {
        J::Bool(b) => Some(*b),
        J::Null => Some(false),
        J::Str(s) if s == "false" || s == "FALSE" => Some(false),
        J::Str(s) if s == "true" || s == "TRUE" => Some(true),
        other => to_float(other).map(|f| f != 0.0),
    }
}

/// Go's `%T` of an `interface{}` holding a decoded JSON value.
fn go_type(value: &J) -> &'static str {
    match value {
        J::Null => "<nil>",
        J::Bool(_) => "bool",
        J::Num(_) => "float64",
        J::Str(_) => "string",
        J::Arr(_) => "[]interface {}",
        J::Obj(_) => "map[string]interface {}",
    }
}

/// Go's `fmt.Sprintf("%v", v)` for the keys gval turns into strings.
fn go_string(value: &J) -> String {
    match value {
        J::Null => "<nil>".into(),
        J::Bool(b) => b.to_string(),
        J::Num(n) => format_float(*n),
        J::Str(s) => s.clone(),
        J::Arr(items) => {
            let inner: Vec<String> = items.iter().map(go_string).collect();
            format!("[{}]", inner.join(" "))
        }
        J::Obj(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}:{}", go_string(v)))
                .collect();
            format!("map[{}]", inner.join(" "))
        }
    }
}
