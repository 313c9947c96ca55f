//! `atlas plugin update [name] [--sha256 <hex>]`: an installed plugin again from where it was
//! installed from. A file is read again; a URL is downloaded again and must match a pin: the
//! new one given with `--sha256`, else the recorded one (so a URL whose content changed is never
//! taken without the user pinning the new content). The new content is checked as at install,
//! then replaces the entry under the index's lock, only if the entry is still the one read.

use atlas_plugin_api::CommandSpec;

use super::{Download, ManageError, Mode, fetch};
use crate::index::{Entry, PluginsDir, Source};
use crate::runtime::Runtime;

/// What an update did to one plugin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Updated {
    /// The source has the installed content.
    Current(Entry),
    /// The new content is installed: the entry before, the entry now.
    Replaced(Box<(Entry, Entry)>),
}

/// One plugin's update: its name and what came of it.
pub type Outcome = (String, Result<Updated, ManageError>);

/// Updates the plugin `name`, or every installed plugin (`None`; then `pin` must be `None`).
/// Returns one result per plugin, in index order.
pub fn update(
    runtime: &Runtime,
    dir: &PluginsDir,
    name: Option<&str>,
    pin: Option<&str>,
    bundled: &[(&str, &CommandSpec)],
    download: Download<'_>,
) -> Result<Vec<Outcome>, ManageError> {
    let pin = pin.map(fetch::parse_pin).transpose()?;
    if name.is_none() && pin.is_some() {
        return Err(ManageError::PinWithoutName);
    }
    let index = dir.load()?;
    let chosen: Vec<&Entry> = match name {
        Some(name) => vec![
            index
                .plugins
                .iter()
                .find(|e| e.name == name)
                .ok_or_else(|| ManageError::NotInstalled(name.into()))?,
        ],
        None => index.plugins.iter().collect(),
    };
    Ok(chosen
        .into_iter()
        .map(|entry| {
            let result = one(runtime, dir, entry, pin.as_deref(), bundled, download);
            (entry.name.clone(), result)
        })
        .collect())
}

fn one(
    runtime: &Runtime,
    dir: &PluginsDir,
    entry: &Entry,
    pin: Option<&str>,
    bundled: &[(&str, &CommandSpec)],
    download: Download<'_>,
) -> Result<Updated, ManageError> {
    let source = entry
        .source
        .as_ref()
        .ok_or_else(|| ManageError::NoSource(entry.name.clone()))?;
    // A URL's content must match a pin; a file is the user's own, read again as it is now.
    let required = match source {
        Source::Url(_) => Some(pin.unwrap_or(&entry.sha256)),
        Source::File(_) => pin,
    };
    let fetched = fetch::fetch(source, required, download)?;
    if fetched.sha256 == entry.sha256 && dir.file(entry).is_file() {
        return Ok(Updated::Current(entry.clone()));
    }
    let mode = Mode::Update {
        name: &entry.name,
        previous: &entry.sha256,
    };
    let new = super::install_fetched(runtime, dir, fetched, mode, bundled)?;
    Ok(Updated::Replaced(Box::new((entry.clone(), new))))
}

#[cfg(test)]
mod tests {
    use atlas_plugin_api::DescribeOutput;

    use super::*;
    use crate::index::{Index, sha256_hex};
    use crate::runtime::Limits;

    fn entry(name: &str, source: Option<Source>) -> Entry {
        Entry {
            name: name.into(),
            file: format!("{name}.wasm"),
            sha256: sha256_hex(name.as_bytes()),
            describe: DescribeOutput {
                name: name.into(),
                ..Default::default()
            },
            source,
        }
    }

    #[test]
    fn what_cannot_be_updated_says_why_and_downloads_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = PluginsDir {
            dir: tmp.path().join("plugins"),
        };
        let locked = dir.lock().unwrap();
        let gone = Source::File(tmp.path().join("gone.wasm"));
        let index = Index {
            format: 0,
            plugins: vec![entry("old", None), entry("gone", Some(gone))],
        };
        dir.save(&locked, &index).unwrap();
        drop(locked);
        let runtime = Runtime::new(Limits::default(), None);
        let never = |url: &str| -> Result<Vec<u8>, ManageError> { panic!("downloaded {url}") };
        let pin = sha256_hex(b"x");
        let e = update(&runtime, &dir, None, Some(&pin), &[], &never).unwrap_err();
        assert!(matches!(e, ManageError::PinWithoutName), "{e}");
        let e = update(&runtime, &dir, Some("old"), Some("12"), &[], &never).unwrap_err();
        assert!(matches!(e, ManageError::BadPin { .. }), "{e}");
        let e = update(&runtime, &dir, Some("nope"), None, &[], &never).unwrap_err();
        assert!(matches!(e, ManageError::NotInstalled(_)), "{e}");
        let all = update(&runtime, &dir, None, None, &[], &never).unwrap();
        let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["old", "gone"], "index order");
        assert!(matches!(&all[0].1, Err(ManageError::NoSource(n)) if n == "old"));
        assert!(
            matches!(&all[1].1, Err(ManageError::Plugin(_))),
            "{:?}",
            all[1].1
        );
        assert_eq!(
            dir.load().unwrap().plugins,
            index.plugins,
            "nothing changed"
        );
    }
}
