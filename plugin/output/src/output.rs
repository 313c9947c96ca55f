//! A response in the format the user chose, for any command. `plan` calls [`check`] on a fully
//! populated sample so that every output request is proven workable before anything is sent;
//! `render` calls [`render`] on the real answer.
//!
//! Which module does what: [`crate::gojson`] writes Go's JSON (`json`, and `json-path`
//! results), [`crate::jsonpath`] evaluates `json-path=`, [`crate::template`] runs
//! `go-template=` and `go-template-file=` (through [`crate::tabwriter`]). The default text is
//! the command's own Go template, run the same way, as the Go CLI runs it.

use std::collections::BTreeMap;

pub use crate::template::Value as TValue;
use atlas_plugin_api::FileContent;

use crate::format::OutputFormat;
use crate::gojson::Value;
use crate::jsonpath;
use crate::template;
pub use crate::template::Ty;

/// The files the host read for us, by the path the user wrote.
pub type Files = BTreeMap<String, FileContent>;

/// What `plan` still needs before it may send the request.
#[derive(Debug, PartialEq, Eq)]
pub enum Readiness {
    /// The output request is workable.
    Ready,
    /// The host must read this template file first.
    NeedFile(String),
}

/// A document as each format sees it. Each view is built only when the chosen format reads it
/// (`json` needs no template value; `plan`'s check of `json` needs no sample at all).
pub trait View {
    /// What `json` and `json-path` print from: Go's encoder's view (for a `--compact` list,
    /// only its `results`).
    fn json(&self) -> Value;
    /// What templates see at dot.
    fn template(&self) -> TValue;
    /// The Go type of [`View::template`], for the checks that name fields.
    fn template_type(&self) -> Ty;
}

/// A response model the formats can show, with the fully populated sample `plan` checks
/// output requests against.
pub trait Model: Sized {
    /// Every field of the schema present, so that an output request that fails on it would fail
    /// on any real answer.
    fn sample() -> Self;
    /// See [`View::json`].
    fn json(&self) -> Value;
    /// See [`View::template`].
    fn template(&self) -> TValue;
    /// See [`View::template_type`].
    fn template_type() -> Ty;
}

/// A response as each format sees it; `Doc(None)` is the model's sample, built only if the
/// format reads it.
pub struct Doc<'a, M>(pub Option<&'a M>);

impl<M: Model> Doc<'_, M> {
    /// Runs `f` on the response, or on a sample made for the occasion.
    pub fn with<R>(&self, f: impl FnOnce(&M) -> R) -> R {
        match self.0 {
            Some(doc) => f(doc),
            None => f(&M::sample()),
        }
    }
}

impl<M: Model> View for Doc<'_, M> {
    fn json(&self) -> Value {
        self.with(M::json)
    }
    fn template(&self) -> TValue {
        self.with(M::template)
    }
    fn template_type(&self) -> Ty {
        M::template_type()
    }
}

/// A response as the SDK decoded it ([`crate::decode::decode`]): `Response(None)` is the nil
/// pointer an empty or `null` body leaves, which `json` prints as `null` and templates see as
/// that nil pointer (`nil pointer evaluating *admin.ApiKeyUserDetails.Id`, as the Go oracle
/// says).
pub struct Response<'a, M>(pub Option<&'a M>);

impl<M: Model> View for Response<'_, M> {
    fn json(&self) -> Value {
        self.0.map_or(Value::Null, M::json)
    }
    fn template(&self) -> TValue {
        self.0
            .map_or_else(|| TValue::ptr(M::template_type(), None), M::template)
    }
    fn template_type(&self) -> Ty {
        M::template_type()
    }
}

/// What is particular to one command's output.
pub struct Style {
    /// The Go CLI's template for the default text (and `plaintext`).
    pub text: &'static str,
    /// A template worth showing when `go-template=` is empty, e.g. `{{.PrivateKey}}`.
    pub template_example: &'static str,
    /// JSONPath examples for the `help:` line of a bad path, e.g. `json-path=$.id`.
    pub json_path_examples: &'static str,
}

/// Prove the output request workable on `sample`, a fully populated document: the template
/// parses and uses only fields the schema has, the JSONPath parses and names only keys the
/// schema has.
pub fn check(
    format: &OutputFormat,
    files: &Files,
    sample: &dyn View,
    style: &Style,
) -> Result<Readiness, String> {
    match format {
        OutputFormat::Text | OutputFormat::Json => Ok(Readiness::Ready),
        OutputFormat::JsonPath(expr) => {
            let query = jsonpath::parse(expr, style.json_path_examples)?;
            jsonpath::check(&query, &sample.json())?;
            Ok(Readiness::Ready)
        }
        OutputFormat::GoTemplate(_) | OutputFormat::GoTemplateFile(_) => {
            match template_source(format, files, style)? {
                None => match format {
                    OutputFormat::GoTemplateFile(path) => Ok(Readiness::NeedFile(path.clone())),
                    _ => Ok(Readiness::Ready),
                },
                Some(src) => {
                    let compiled = template::compile(src, sample.template_type())?;
                    template::check(&compiled, &sample.template())?;
                    Ok(Readiness::Ready)
                }
            }
        }
    }
}

/// The text to print for `doc`, or the message to show instead.
pub fn render(
    format: &OutputFormat,
    files: &Files,
    doc: &dyn View,
    style: &Style,
) -> Result<String, String> {
    match format {
        OutputFormat::Text => run_template(style.text, doc),
        OutputFormat::Json => Ok(crate::gojson::marshal_indent(&doc.json(), "  ") + "\n"),
        OutputFormat::JsonPath(expr) => {
            let query = jsonpath::parse(expr, style.json_path_examples)?;
            let value = jsonpath::evaluate(&query, &doc.json())?;
            Ok(crate::gojson::marshal_indent(&value, "  ") + "\n")
        }
        OutputFormat::GoTemplate(_) | OutputFormat::GoTemplateFile(_) => {
            let src = template_source(format, files, style)?
                .ok_or("the template file was not read before the request")?;
            run_template(src, doc)
        }
    }
}

fn run_template(src: &str, doc: &dyn View) -> Result<String, String> {
    template::execute(
        &template::compile(src, doc.template_type())?,
        &doc.template(),
    )
}

/// The template's text; `None` when the file has not been read yet.
fn template_source<'a>(
    format: &'a OutputFormat,
    files: &'a Files,
    style: &Style,
) -> Result<Option<&'a str>, String> {
    match format {
        // [ours] Go would print the struct with `%v` (pointer addresses); we ask for a template.
        OutputFormat::GoTemplate(src) if src.is_empty() => Err(format!(
            "go-template= needs a template\nhelp: for example -o 'go-template={}'",
            style.template_example
        )),
        OutputFormat::GoTemplate(src) => Ok(Some(src)),
        // The host reads no empty path; Go's `os.ReadFile("")` fails so.
        OutputFormat::GoTemplateFile(path) if path.is_empty() => {
            Err("error loading template: , open : no such file or directory".to_string())
        }
        OutputFormat::GoTemplateFile(path) => match files.get(path) {
            None => Ok(None),
            Some(FileContent {
                content: Some(src), ..
            }) => Ok(Some(src)),
            Some(FileContent { error, .. }) => Err(format!(
                "error loading template: {path}, {}",
                error
                    .as_deref()
                    .unwrap_or("the host could not read the file")
            )),
        },
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests;
