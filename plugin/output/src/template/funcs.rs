//! Go's built-in template functions (`text/template/funcs.go`) and the Go CLI's two
//! (`valueOrEmptySlice`, `formatAliases`), over typed [`Value`]s, with Go's parameter types
//! (which decide how an argument is checked) and Go's error messages.

use std::rc::Rc;

use super::value::Value;
use crate::gofmt::printf;

/// A built-in function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    And,
    Or,
    Not,
    Len,
    Index,
    Slice,
    Call,
    Html,
    Js,
    Urlquery,
    Print,
    Printf,
    Println,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    ValueOrEmptySlice,
    FormatAliases,
}

/// A parameter's Go type, as far as the executor's checks of arguments go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// `reflect.Value`: any value, but not none.
    Value,
    /// `any`: any value, none included (a copy).
    Any,
    /// `string`.
    Str,
    /// `[]string`.
    Strings,
    /// No type (the receiver of a chain): taken as it is.
    Untyped,
}

impl Param {
    /// Its name in Go's messages.
    pub fn go_name(self) -> &'static str {
        match self {
            Param::Value => "reflect.Value",
            Param::Any | Param::Untyped => "interface {}",
            Param::Str => "string",
            Param::Strings => "[]string",
        }
    }

    /// Whether a constant is taken as it is (`reflect.Value` and `any` parameters).
    pub fn takes_constants(self) -> bool {
        matches!(self, Param::Value | Param::Any | Param::Untyped)
    }
}

/// A function's failure (Go's `error` result, or a recovered `reflect` panic).
pub struct CallError {
    pub message: String,
    pub index_range: bool,
}

fn fail<T>(message: impl Into<String>) -> Result<T, CallError> {
    Err(CallError {
        message: message.into(),
        index_range: false,
    })
}

/// The function called `name`.
pub fn lookup(name: &str) -> Option<Builtin> {
    use Builtin::*;
    Some(match name {
        "and" => And,
        "or" => Or,
        "not" => Not,
        "len" => Len,
        "index" => Index,
        "slice" => Slice,
        "call" => Call,
        "html" => Html,
        "js" => Js,
        "urlquery" => Urlquery,
        "print" => Print,
        "printf" => Printf,
        "println" => Println,
        "eq" => Eq,
        "ne" => Ne,
        "lt" => Lt,
        "le" => Le,
        "gt" => Gt,
        "ge" => Ge,
        "valueOrEmptySlice" => ValueOrEmptySlice,
        "formatAliases" => FormatAliases,
        _ => return None,
    })
}

impl Builtin {
    /// Its fixed parameters and the type of its variadic ones.
    pub fn params(self) -> (&'static [Param], Option<Param>) {
        use Builtin::*;
        use Param::*;
        match self {
            And | Or | Call | Index | Slice | Eq => (&[Value], Some(Value)),
            Html | Js | Urlquery | Print | Println => (&[], Some(Any)),
            Printf => (&[Str], Some(Any)),
            Not | Len => (&[Value], None),
            Ne | Lt | Le | Gt | Ge => (&[Value, Value], None),
            ValueOrEmptySlice => (&[Any], None),
            FormatAliases => (&[Strings], None),
        }
    }

    /// Calls it on arguments already checked against [`Builtin::params`].
    pub fn call(self, args: &[Value]) -> Result<Value, CallError> {
        use Builtin::*;
        let text = |bytes: Vec<u8>| Value::Str(bytes.into());
        Ok(match self {
            And | Or => args.last().cloned().unwrap_or(Value::Invalid),
            Not => Value::Bool(!args[0].truth()),
            Len => length(&args[0])?,
            Index => index(&args[0], &args[1..])?,
            Slice => slice(&args[0], &args[1..])?,
            Call => match &args[0] {
                Value::Invalid => return fail("call of nil"),
                other => return fail(format!("non-function of type {}", other.type_name())),
            },
            Html => text(gotmpl::html_escape(&escaper_text(args)).into_bytes()),
            Js => text(gotmpl::js_escape(&escaper_text(args)).into_bytes()),
            Urlquery => text(gotmpl::url_encode(&escaper_text(args)).into_bytes()),
            Print => text(printf::sprint(args)),
            Println => text(printf::sprintln(args)),
            Printf => match &args[0] {
                Value::Str(format) => text(printf::sprintf(format, &args[1..])),
                _ => text(printf::sprintf(b"", &args[1..])),
            },
            Eq => Value::Bool(eq(&args[0], &args[1..])?),
            Ne => Value::Bool(!eq(&args[0], &args[1..])?),
            Lt => Value::Bool(lt(&args[0], &args[1])?),
            Le => Value::Bool(lt(&args[0], &args[1])? || eq(&args[0], &args[1..])?),
            Gt => Value::Bool(!(lt(&args[0], &args[1])? || eq(&args[0], &args[1..])?)),
            Ge => Value::Bool(!lt(&args[0], &args[1])?),
            ValueOrEmptySlice => match &args[0] {
                Value::Ptr(_, None) | Value::Slice(_, None) => Value::Invalid,
                other => other.clone(),
            },
            FormatAliases => format_aliases(&args[0]),
        })
    }
}

/// Go's `evalArgs` of the escapers: a lone string as it is, else `fmt.Sprint` of the printable
/// values (through pointers; `<no value>` for none).
fn escaper_text(args: &[Value]) -> String {
    if let [Value::Str(s)] = args {
        return String::from_utf8_lossy(s).into_owned();
    }
    let printable: Vec<Value> = args
        .iter()
        .map(|arg| match arg {
            Value::Invalid => Value::str("<no value>"),
            Value::Ptr(_, Some(_)) => arg.indirect().0,
            other => other.clone(),
        })
        .collect();
    String::from_utf8_lossy(&printf::sprint(&printable)).into_owned()
}

fn length(item: &Value) -> Result<Value, CallError> {
    let (item, is_nil) = item.indirect();
    if is_nil {
        return fail("len of nil pointer");
    }
    match item.go_len() {
        Some(n) => Ok(Value::Int(n as i64)),
        None => fail(format!("len of type {}", item.type_name())),
    }
}

/// Go's `indexArg`: an int index at most `cap`.
fn index_arg(index: &Value, cap: usize) -> Result<usize, CallError> {
    match index {
        Value::Int(x) if *x < 0 || *x as u64 > cap as u64 => Err(CallError {
            message: format!("index out of range: {x}"),
            index_range: true,
        }),
        Value::Int(x) => Ok(*x as usize),
        Value::Invalid => fail("cannot index slice/array with nil"),
        other => fail(format!(
            "cannot index slice/array with type {}",
            other.type_name()
        )),
    }
}

fn index(item: &Value, indexes: &[Value]) -> Result<Value, CallError> {
    if matches!(item, Value::Invalid) {
        return fail("index of untyped nil");
    }
    let mut item = item.clone();
    for index in indexes {
        let (target, is_nil) = item.indirect();
        if is_nil {
            return fail("index of nil pointer");
        }
        let Some(len) = target.go_len() else {
            return fail(format!("can't index item of type {}", target.type_name()));
        };
        let x = index_arg(index, len)?;
        // Go 1.19 lets the index equal the length, and reflect panics.
        let past = |what: &str| CallError {
            message: format!("reflect: {what} index out of range"),
            index_range: true,
        };
        item = match &target {
            Value::Str(s) | Value::Bytes(s) => {
                Value::Int(i64::from(*s.get(x).ok_or_else(|| past("string"))?))
            }
            Value::Slice(_, items) => items
                .as_ref()
                .and_then(|items| items.get(x).cloned())
                .ok_or_else(|| past("slice"))?,
            _ => unreachable!("only strings and slices have a length"),
        };
    }
    Ok(item)
}

fn slice(item: &Value, indexes: &[Value]) -> Result<Value, CallError> {
    if matches!(item, Value::Invalid) {
        return fail("slice of untyped nil");
    }
    if indexes.len() > 3 {
        return fail(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match item {
        Value::Str(_) if indexes.len() == 3 => return fail("cannot 3-index slice a string"),
        Value::Str(_) | Value::Bytes(_) | Value::Slice(..) => item.go_len().unwrap_or(0),
        other => return fail(format!("can't slice item of type {}", other.type_name())),
    };
    let mut idx = [0, len, len];
    for (i, index) in indexes.iter().enumerate() {
        idx[i] = index_arg(index, len)?;
    }
    if idx[0] > idx[1] {
        return fail(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return fail(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    let (from, to) = (idx[0], idx[1]);
    Ok(match item {
        Value::Str(s) => Value::Str(s[from..to].into()),
        Value::Bytes(s) => Value::Bytes(s[from..to].into()),
        Value::Slice(element, items) => Value::Slice(
            element,
            items.as_ref().map(|items| Rc::from(&items[from..to])),
        ),
        _ => unreachable!("checked above"),
    })
}

/// Go's `basicKind`: 1 bool, 2 int, 3 float, 4 string; `None` for the rest.
fn basic_kind(v: &Value) -> Option<u8> {
    match v {
        Value::Bool(_) => Some(1),
        Value::Int(_) => Some(2),
        Value::Float(_) => Some(3),
        Value::Str(_) => Some(4),
        _ => None,
    }
}

fn eq(arg1: &Value, rest: &[Value]) -> Result<bool, CallError> {
    if rest.is_empty() {
        return fail("missing argument for comparison");
    }
    let k1 = basic_kind(arg1);
    for arg in rest {
        let k2 = basic_kind(arg);
        let truth = if k1 != k2 {
            if !matches!(arg1, Value::Invalid) && !matches!(arg, Value::Invalid) {
                return fail("incompatible types for comparison");
            }
            false
        } else {
            match (arg1, arg) {
                (Value::Bool(a), Value::Bool(b)) => a == b,
                (Value::Int(a), Value::Int(b)) => a == b,
                (Value::Float(a), Value::Float(b)) => a == b,
                (Value::Str(a), Value::Str(b)) => a == b,
                _ => compare_other(arg1, arg)?,
            }
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `eq` of two values that are not of a basic kind: nil-ness, pointer identity, else Go's
/// refusal of the incomparable.
fn compare_other(a: &Value, b: &Value) -> Result<bool, CallError> {
    let show =
        |v: &Value| String::from_utf8_lossy(&printf::sprint(std::slice::from_ref(v))).into_owned();
    if std::mem::discriminant(a) != std::mem::discriminant(b)
        && !matches!(a, Value::Invalid)
        && !matches!(b, Value::Invalid)
    {
        return fail(format!(
            "non-comparable types {}: {}, {}: {}",
            show(a),
            a.type_name(),
            b.type_name(),
            show(b)
        ));
    }
    let is_nil = |v: &Value| {
        matches!(
            v,
            Value::Invalid | Value::Ptr(_, None) | Value::Slice(_, None)
        )
    };
    if is_nil(a) || is_nil(b) {
        return Ok(is_nil(a) == is_nil(b));
    }
    match (a, b) {
        (Value::Ptr(ta, Some(x)), Value::Ptr(tb, Some(y))) => {
            Ok(ta.go_name() == tb.go_name() && Rc::ptr_eq(x, y))
        }
        (Value::Time(x), Value::Time(y)) => Ok(x == y),
        _ => fail(format!(
            "non-comparable type {}: {}",
            show(b),
            b.type_name()
        )),
    }
}

fn lt(a: &Value, b: &Value) -> Result<bool, CallError> {
    let (Some(k1), Some(k2)) = (basic_kind(a), basic_kind(b)) else {
        return fail("invalid type for comparison");
    };
    if k1 != k2 {
        return fail("incompatible types for comparison");
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        (Value::Str(x), Value::Str(y)) => Ok(x < y),
        _ => fail("invalid type for comparison"),
    }
}

/// The Go CLI's `formatAliases([]string) string`: ` [aliases: a, b]`, or nothing.
fn format_aliases(list: &Value) -> Value {
    let items: Vec<String> = match list {
        Value::Slice(_, Some(items)) => items
            .iter()
            .map(|item| match item {
                Value::Str(s) => String::from_utf8_lossy(s).into_owned(),
                _ => String::new(),
            })
            .collect(),
        _ => Vec::new(),
    };
    if items.is_empty() {
        Value::str("")
    } else {
        Value::str(&format!(" [aliases: {}]", items.join(", ")))
    }
}
