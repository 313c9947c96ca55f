//! The page of keys in the format the user chose, through the shared output crate
//! (`atlas-plugin-output`): `plan` calls [`check`] on a fully populated page so that an output
//! request that cannot work is refused before the request; `render` calls [`render_page`].
//!
//! `-c/--compact` is the Go CLI's `PrintForCompactResultsResponse`: `json` and `json-path`
//! see only the page's `results`; templates and the default table still see the whole page.

use atlas_plugin_api::RenderOutput;
use atlas_plugin_output::format::OutputFormat;
use atlas_plugin_output::gojson::Value;
use atlas_plugin_output::model::PaginatedApiApiUser;
use atlas_plugin_output::output::{self, Doc, Files, Readiness, Style, TValue, Ty, View};

/// The Go CLI's `listTemplate`.
pub const LIST_TEMPLATE: &str = "ID\tDESCRIPTION\tPUBLIC KEY\tPRIVATE KEY{{range \
valueOrEmptySlice .Results}}\n{{.Id}}\t{{.Desc}}\t{{.PublicKey}}\t{{.PrivateKey}}{{end}}\n";

const STYLE: Style = Style {
    text: LIST_TEMPLATE,
    template_example: "{{range .Results}}{{.Id}} {{end}}",
    json_path_examples: "json-path=$.totalCount or json-path=$.results[*].publicKey",
};

/// With `--compact` a JSONPath starts at the `results` array.
const COMPACT_STYLE: Style = Style {
    json_path_examples: "json-path=$[0].id or json-path=$[*].publicKey",
    ..STYLE
};

/// Prove the output request workable before the request.
pub fn check(format: &OutputFormat, compact: bool, files: &Files) -> Result<Readiness, String> {
    output::check(format, files, &Page(Doc(None), compact), style(compact))
}

/// Print the page, or say why we could not (the host then prints the raw body).
pub fn render_page(
    format: &OutputFormat,
    compact: bool,
    files: &Files,
    body: &str,
) -> RenderOutput {
    let page = match serde_json::from_str::<PaginatedApiApiUser>(body) {
        Ok(page) => page,
        Err(err) => {
            return RenderOutput::Error {
                message: format!(
                    "could not read the API keys from the response: {err}\nhelp: the raw \
                     response is printed on stdout"
                ),
            };
        }
    };
    match output::render(
        format,
        files,
        &Page(Doc(Some(&page)), compact),
        style(compact),
    ) {
        Ok(text) => RenderOutput::Stdout { text },
        Err(message) => RenderOutput::Error { message },
    }
}

fn style(compact: bool) -> &'static Style {
    if compact { &COMPACT_STYLE } else { &STYLE }
}

/// A page as each format sees it, with `--compact`'s `json` view: only the page's `results`.
struct Page<'a>(Doc<'a, PaginatedApiApiUser>, bool);

impl View for Page<'_> {
    fn json(&self) -> Value {
        match self.1 {
            true => (self.0).with(|p| p.results_value().unwrap_or(Value::Array(Vec::new()))),
            false => self.0.json(),
        }
    }
    fn template(&self) -> TValue {
        self.0.template()
    }
    fn template_type(&self) -> Ty {
        self.0.template_type()
    }
}

#[cfg(test)]
mod tests;
