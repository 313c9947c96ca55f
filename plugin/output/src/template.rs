//! `-o go-template=TPL` and `-o go-template-file=PATH`, and the commands' default tables: the
//! Go CLI's `templatewriter` (Go `text/template` named `output`, its `valueOrEmptySlice` and
//! `formatAliases`, then a `tabwriter`) over the SDK struct of the response, whose Go type the
//! caller describes ([`Ty`]).
//!
//! Who does what: `gotmpl` lexes, parses and executes the template (Go's syntax, pipelines,
//! control flow and built-in functions). Around it we add what Go's CLI does that `gotmpl`
//! does not: Go's parse errors it misses ([`scan`]), undefined functions and variables and
//! fields the schema lacks, worded as Go words them ([`check`]); a nil field printing `<nil>`
//! (Go prints a nil pointer so; `gotmpl` prints `<no value>` for nil) and `range` over a nil
//! list failing, both by rewriting the parsed tree; and the tab alignment
//! ([`crate::tabwriter`]).

mod check;
mod rewrite;
mod scan;
mod types;

use gotmpl::parse::Parser;
use gotmpl::{Template, TemplateError, Value};

pub use types::{Struct, Ty};

/// The Go CLI names its template `output`; Go's messages quote it.
const NAME: &str = "output";

/// Go's built-in functions and the Go CLI's two; anything else is `not defined`.
const FUNCTIONS: [&str; 21] = [
    "and",
    "call",
    "html",
    "index",
    "slice",
    "js",
    "len",
    "not",
    "or",
    "print",
    "printf",
    "println",
    "urlquery",
    "eq",
    "ge",
    "gt",
    "le",
    "lt",
    "ne",
    "valueOrEmptySlice",
    "formatAliases",
];

/// Our check that `range` got a list; its first argument is Go's error prefix.
pub(crate) const RANGE_CHECK: &str = "_atlasRangeCheck";

/// A template that parsed and passed the schema checks.
pub struct Compiled {
    template: Template,
}

/// A problem at a place in the source, worded as Go words it.
#[derive(Debug)]
pub struct Issue {
    offset: usize,
    message: String,
}

impl Issue {
    /// A parse error: Go's parser gives the line only.
    fn parse(src: &str, offset: usize, message: String) -> Self {
        let (line, _) = line_col(src, offset);
        let message = format!("template: {NAME}:{line}: {message}");
        Self { offset, message }
    }

    /// An execution error: Go's `ErrorContext` gives the line and the byte column.
    fn exec(src: &str, offset: usize, message: String) -> Self {
        let (line, col) = line_col(src, offset);
        let message = format!("template: {NAME}:{line}:{col}: {message}");
        Self { offset, message }
    }
}

/// Parse and check a template whose dot is of type `root`; the error is the message to show.
pub fn compile(src: &str, root: Ty) -> Result<Compiled, String> {
    let parsed = Parser::with_name(Some(NAME), src, "{{", "}}").and_then(Parser::parse);
    let structural = scan::structure(src);
    let (mut tree, defines) = match parsed {
        Err(err) => {
            let issue = earliest(structural, Some(gotmpl_parse_issue(src, &err)));
            return Err(issue.map_or_else(|| err.to_string(), |issue| issue.message));
        }
        Ok(parsed) => parsed,
    };
    let mut found = check::Found::default();
    check::walk(src, NAME, &tree, root, &mut found);
    for define in &defines {
        check::walk(src, &define.name, &define.body, Ty::Unknown, &mut found);
    }
    // Go's parser stops at the first parse error; its executor meets field errors later.
    if let Some(issue) = earliest(structural, found.parse).or(found.field) {
        return Err(issue.message);
    }
    rewrite::rewrite(src, NAME, &mut tree);
    // A field the checker could not type and the document lacks is an error, as in Go.
    let mut template = functions(Template::new(NAME))
        .missing_key(gotmpl::MissingKey::Error)
        .add_parse_tree(NAME, tree);
    for mut define in defines {
        rewrite::rewrite(src, &define.name.clone(), &mut define.body);
        template = template.add_parse_tree(&define.name, define.body);
    }
    Ok(Compiled { template })
}

/// `plan`'s dry run on a fully populated `sample`: every error but an index past the sample's
/// lists (a real answer may have more) would happen on any answer.
pub fn check(compiled: &Compiled, sample: &Value) -> Result<(), String> {
    match run(compiled, sample) {
        Err(TemplateError::IndexOutOfRange { .. }) => Ok(()),
        Err(err) => Err(exec_message(&err)),
        Ok(_) => Ok(()),
    }
}

/// Run the template on the document and align the result as the Go CLI's tabwriter does.
pub fn execute(compiled: &Compiled, doc: &Value) -> Result<String, String> {
    run(compiled, doc)
        .map(|text| crate::tabwriter::align(&text))
        .map_err(|err| exec_message(&err))
}

fn run(compiled: &Compiled, doc: &Value) -> Result<String, TemplateError> {
    compiled.template.execute_template_to_string(NAME, doc)
}

fn functions(template: Template) -> Template {
    template
        .func("valueOrEmptySlice", |args| {
            Ok(args.last().cloned().unwrap_or(Value::Nil))
        })
        .func("formatAliases", format_aliases)
        .func(RANGE_CHECK, |args| match args {
            [Value::String(prefix), Value::Nil] => Err(TemplateError::Exec(format!(
                "{prefix}range can't iterate over <nil>"
            ))),
            [_, value] => Ok(value.clone()),
            _ => Ok(Value::Nil),
        })
}

/// The Go CLI's `formatAliases([]string) string`: ` [aliases: a, b]`, or nothing.
fn format_aliases(args: &[Value]) -> gotmpl::Result<Value> {
    let aliases: Vec<&str> = match args {
        [Value::Nil] => Vec::new(),
        [Value::List(items)] => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(&**s),
                _ => Err(TemplateError::Exec(
                    "wrong type for value; expected []string; got []interface {}".into(),
                )),
            })
            .collect::<Result<_, _>>()?,
        [other] => {
            return Err(TemplateError::Exec(format!(
                "wrong type for value; expected []string; got {}",
                go_type(other)
            )));
        }
        _ => {
            return Err(TemplateError::Exec(format!(
                "wrong number of args for formatAliases: want 1 got {}",
                args.len()
            )));
        }
    };
    Ok(Value::String(if aliases.is_empty() {
        "".into()
    } else {
        format!(" [aliases: {}]", aliases.join(", ")).into()
    }))
}

fn go_type(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "string",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Float(_) => "float64",
        _ => "interface {}",
    }
}

/// Go's line (1-based) and byte column (0-based, from the line's start).
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = 1 + before.matches('\n').count();
    let col = before.rfind('\n').map_or(offset, |nl| offset - nl - 1);
    (line, col)
}

/// The issue that comes first in the source.
fn earliest(a: Option<Issue>, b: Option<Issue>) -> Option<Issue> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if a.offset < b.offset { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// A `gotmpl` parse or lex error in Go's frame (`template: output:LINE: ...`), with Go's
/// wording for the messages that differ.
fn gotmpl_parse_issue(src: &str, err: &TemplateError) -> Issue {
    let (line, col, message) = match err {
        TemplateError::Parse {
            line, col, message, ..
        }
        | TemplateError::Lex {
            line, col, message, ..
        } => (*line, *col, message.as_str()),
        other => {
            return Issue {
                offset: src.len(),
                message: format!("template: {NAME}: {other}"),
            };
        }
    };
    let offset = src
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + col.saturating_sub(1);
    let message = go_parse_message(message);
    Issue {
        offset,
        message: format!("template: {NAME}:{line}: {message}"),
    }
}

fn go_parse_message(message: &str) -> String {
    if let Some(c) = message
        .strip_prefix("unexpected character: '")
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return format!("unexpected {} in operand", crate::gofmt::quote(c));
    }
    if let Some(number) = message.strip_prefix("invalid number: ") {
        return format!("bad number syntax: {}", crate::gofmt::quote(number));
    }
    match message {
        "unterminated string" => "unterminated quoted string".to_string(),
        m if m.starts_with("expected RightParen") => "unclosed left paren".to_string(),
        m => m.to_string(),
    }
}

/// An execution error as the user sees it: ours already carry Go's frame.
fn exec_message(err: &TemplateError) -> String {
    match err {
        TemplateError::Exec(message) if message.starts_with("template: ") => message.clone(),
        TemplateError::Exec(message) => format!("template: {NAME}: {message}"),
        TemplateError::MissingKey { key } => {
            format!("template: {NAME}: can't evaluate field {key}")
        }
        other => format!("template: {NAME}: {other}"),
    }
}

#[cfg(test)]
mod tests;
