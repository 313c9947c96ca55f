//! `-o go-template=TPL` and `-o go-template-file=PATH`, and the commands' default tables: the
//! Go CLI's `templatewriter` (Go `text/template` named `output`, its `valueOrEmptySlice` and
//! `formatAliases`, then a `tabwriter`) over the SDK struct of the response, whose Go type the
//! caller describes ([`Ty`]).
//!
//! Who does what: `gotmpl` lexes and parses the template (Go's syntax). Around its parser we
//! add Go's parse errors it misses ([`scan`]) and undefined functions, variables and fields the
//! schema lacks, worded as Go words them ([`check`]). Our own executor ([`exec`], with Go's
//! built-in functions in [`funcs`] and `fmt` in [`crate::gofmt::printf`]) runs the tree over
//! typed Go values ([`Value`]: the SDK's pointers, nil pointers, nil and empty slices, struct
//! values, its methods), with Go's rules for truth, comparison, calls and errors. Then the tab
//! alignment ([`crate::tabwriter`]).

mod check;
mod exec;
mod funcs;
mod node;
mod scan;
mod types;
mod value;

use std::collections::BTreeMap;

use gotmpl::TemplateError;
use gotmpl::parse::{ListNode, Parser};

pub use types::{FieldDesc, Method, NULL_FIELDS, STRING, Struct, Ty};
pub use value::Value;

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

/// A template that parsed and passed the schema checks: its trees by name (`output` and each
/// `{{define}}`), and the source their offsets point into.
pub struct Compiled {
    src: String,
    trees: BTreeMap<String, ListNode>,
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
    let (tree, defines) = match parsed {
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
    let mut trees = BTreeMap::new();
    trees.insert(NAME.to_string(), tree);
    for define in defines {
        trees.insert(define.name.to_string(), define.body);
    }
    Ok(Compiled {
        src: src.to_string(),
        trees,
    })
}

/// `plan`'s dry run on a fully populated `sample`: every error but an index past the sample's
/// lists (a real answer may have more) would happen on any answer.
pub fn check(compiled: &Compiled, sample: &Value) -> Result<(), String> {
    match run(compiled, sample) {
        Err(err) if err.index_range => Ok(()),
        Err(err) => Err(err.message),
        Ok(_) => Ok(()),
    }
}

/// Run the template on the document and align the result as the Go CLI's tabwriter does.
pub fn execute(compiled: &Compiled, doc: &Value) -> Result<String, String> {
    let bytes = run(compiled, doc).map_err(|err| err.message)?;
    // [ours] Go writes the bytes as they are; the plugin ABI carries text (JSON strings).
    let text = String::from_utf8(bytes).map_err(|_| {
        format!(
            "template: {NAME}: the output is not valid UTF-8 (a slice cut a multibyte \
             character), which cannot be printed"
        )
    })?;
    Ok(crate::tabwriter::align(&text))
}

fn run(compiled: &Compiled, doc: &Value) -> Result<Vec<u8>, exec::ExecError> {
    exec::run(&compiled.src, &compiled.trees, NAME, doc)
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

#[cfg(test)]
mod tests;
