//! The output steps every command shares. `plan` calls [`check`] so that the user's `-o`
//! request is proven workable on the response model's fully populated sample before anything
//! is sent; `render` calls [`render`] (a response printed through its model) or [`message`] (a
//! fixed text, e.g. `delete`'s), each of which first turns an error status into the Go CLI's
//! error text.
//!
//! `-c/--compact` (list commands) is the Go CLI's `PrintForCompactResultsResponse`: `json` and
//! `json-path` see only the page's `results`; templates and the default table still see the
//! whole page.

use atlas_plugin_api::{Invocation, RenderInput, RenderOutput};
use atlas_plugin_output::api_error;
use atlas_plugin_output::decode::{GoDecode, decode};
use atlas_plugin_output::format::OutputFormat;
use atlas_plugin_output::gojson::Value;
use atlas_plugin_output::output::{self, Doc, Model, Readiness, Response, Style, TValue, Ty, View};

use crate::flags::bool_flag;
use crate::stop::Stop;

/// What is particular to one command's output.
pub struct Output {
    /// The default template and the `help:` examples.
    pub style: Style,
    /// For a command with `-c/--compact`: the examples to give when a JSONPath starts at the
    /// `results` array.
    pub compact_json_path_examples: Option<&'static str>,
    /// What the response holds, for the message when it cannot be read: `the API keys`.
    pub what: &'static str,
    /// Added to that message's `help:` line, e.g. a reminder to save a secret from the raw
    /// body the host prints.
    pub raw_help: &'static str,
}

impl Output {
    fn compact(&self, invocation: &Invocation) -> Option<Style> {
        let examples = self.compact_json_path_examples?;
        bool_flag(&invocation.flags, "compact")
            .unwrap_or(false)
            .then_some(Style {
                json_path_examples: examples,
                ..self.style
            })
    }
}

/// `plan`'s check of the output request on `M`'s sample: nothing to say when it is workable,
/// the user's mistake, or the template file the host must read first.
pub fn check<M: Model>(input: &Invocation, out: &Output) -> Result<(), Stop> {
    let format = OutputFormat::select(&input.flags, &input.settings)?;
    let compact = out.compact(input);
    let style = compact.as_ref().unwrap_or(&out.style);
    let sample = Compact(Doc::<M>(None), compact.is_some());
    match output::check(&format, &input.files, &sample, style)? {
        Readiness::Ready => Ok(()),
        Readiness::NeedFile(path) => Err(Stop::NeedFile(path)),
    }
}

/// `render`: the API error, else the response read as `M` in the format the user chose. When
/// the body cannot be read, the message says so (the host then prints the raw body).
pub fn render<M: Model + GoDecode>(input: &RenderInput, out: &Output) -> RenderOutput {
    if let Some(error) = api_error::for_error_status(input) {
        return error;
    }
    let invocation = &input.invocation;
    let format = match OutputFormat::select(&invocation.flags, &invocation.settings) {
        Ok(format) => format,
        // `plan` refused this format already; reaching here means the host skipped `plan`.
        Err(message) => return RenderOutput::Error { message },
    };
    let doc = match decode::<M>(&input.response.body) {
        Ok(doc) => doc,
        Err(err) => {
            let message = format!(
                "could not read {} from the response: {err}\nhelp: the raw response is printed \
                 on stdout{}",
                out.what, out.raw_help
            );
            return RenderOutput::Error { message };
        }
    };
    // An empty or `null` body is the SDK's nil pointer: for `null`, `json` and `json-path`
    // print `null` as Go does. Go's templates would print `<no value>` for every field, and
    // Go prints `null` for an empty body too: [ours] we say the response held nothing (the
    // host then says nothing arrived), since an empty answer to a create holds no key.
    let templated = !matches!(format, OutputFormat::Json | OutputFormat::JsonPath(_));
    if doc.is_none() && (templated || input.response.body.is_empty()) {
        let message = format!(
            "could not read {} from the response: its body is {}\nhelp: the raw response is \
             printed on stdout{}",
            out.what,
            if input.response.body.is_empty() {
                "empty"
            } else {
                "null"
            },
            out.raw_help
        );
        return RenderOutput::Error { message };
    }
    let compact = out.compact(invocation);
    let style = compact.as_ref().unwrap_or(&out.style);
    let view = Compact(Response(doc.as_ref()), compact.is_some());
    match output::render(&format, &invocation.files, &view, style) {
        Ok(text) => RenderOutput::Stdout { text },
        Err(message) => RenderOutput::Error { message },
    }
}

/// `render` for a command that prints a fixed text on success: the API error, else `text`.
pub fn message(input: &RenderInput, text: String) -> RenderOutput {
    api_error::for_error_status(input).unwrap_or(RenderOutput::Stdout { text })
}

/// A document as each format sees it; with `--compact`, `json` sees only its `results`.
struct Compact<V>(V, bool);

impl<V: View> View for Compact<V> {
    fn json(&self) -> Value {
        let whole = self.0.json();
        if !self.1 {
            return whole;
        }
        // A page always has `results` (`null` when nil). [ours] A nil page (a `null` body) gives
        // `null`, where Go's fallback to the default template fails on the nil pointer.
        let results = match whole {
            Value::Object(members) => members.into_iter().find(|(key, _)| key == "results"),
            _ => None,
        };
        results.map_or(Value::Null, |(_, value)| value)
    }
    fn template(&self) -> TValue {
        self.0.template()
    }
    fn template_type(&self) -> Ty {
        self.0.template_type()
    }
}
