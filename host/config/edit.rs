//! The changes `atlas config` and `atlas auth` make to config.toml: properties set or removed, a
//! profile made, renamed or deleted. Each happens under the file's lock ([`super::lock`], the lock every writer of the
//! file takes), from reading the file to renaming the new one into place (`fsutil`: a 0600
//! temporary file beside it, fsynced, renamed), and through toml_edit, so that everything the
//! change does not touch (comments, order, spacing, other profiles) stays byte for byte.
//!
//! The checks that depend on the file (does the profile exist? is the new name taken?) are made
//! on the text read under the lock, so two commands at once cannot both pass them.

use std::path::{Path, PathBuf};

use super::file::{MAX_BYTES, Place, SaveError};
use crate::fsutil;

/// A value to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// A TOML string.
    Text(&'a str),
    /// A TOML boolean (the Go CLI's boolean properties).
    Bool(bool),
}

/// One change to the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change<'a> {
    /// Sets `key` at `place` (a profile's table is created if missing).
    Set {
        place: Place,
        key: &'a str,
        value: Value<'a>,
    },
    /// Removes `key` at `place`, with the comment lines above it; a missing key or profile is
    /// nothing to remove.
    Remove { place: Place, key: &'a str },
    /// Creates the profile's table if there is none (its secrets went to the keyring, and a
    /// profile is listed from the file).
    Touch(&'a str),
    /// Renames the profile `from` to `to`; `replace` lets it take the place of an existing `to`.
    Rename {
        from: &'a str,
        to: &'a str,
        replace: bool,
    },
    /// Removes the profile's table.
    Delete(&'a str),
}

impl<'a> Change<'a> {
    /// A [`Change::Set`] of each text value at `place`.
    pub fn set_texts(place: &Place, values: &'a [(&'a str, &'a str)]) -> Vec<Self> {
        values
            .iter()
            .map(|(key, value)| Change::Set {
                place: place.clone(),
                key,
                value: Value::Text(value),
            })
            .collect()
    }
}

/// Why the file was not changed.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The lock could not be taken, or the file read or written.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The file is not TOML: it is left as it is rather than rewritten.
    #[error("could not parse the config file {}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
    /// The Go CLI's wording.
    #[error("profile {0} does not exist")]
    NoProfile(String),
    /// The new name of a rename is another profile's.
    #[error("there is already a profile called {0}")]
    Taken(String),
    /// A key at the top of the file has the profile's name but is not a table.
    #[error("\"{0}\" in the config file is a value, not a profile table")]
    NotTable(String),
}

/// Makes `changes`, in order, to the file at `path` (created with `version = 2` if missing) and
/// writes it once, holding `locked`, the file's lock, which the caller took before anything it
/// read to decide on them. On any error nothing is written.
pub fn apply_locked(
    path: &Path,
    _locked: &fsutil::Lock,
    changes: &[Change<'_>],
) -> Result<(), EditError> {
    let fail = |message: String| SaveError {
        path: path.into(),
        message,
    };
    let bytes = fsutil::read_bounded(path, MAX_BYTES).map_err(|e| fail(e.to_string()))?;
    let text = match bytes {
        Some(bytes) => String::from_utf8(bytes).map_err(|_| fail("it is not UTF-8 text".into()))?,
        None => "version = 2\n".to_string(),
    };
    let updated = edit_all(&text, changes).map_err(|e| match e {
        Edited::Parse(message) => EditError::Parse {
            path: path.into(),
            message,
        },
        Edited::Refused(e) => e,
    })?;
    if updated != text || !path.exists() {
        fsutil::write_atomic(path, updated.as_bytes()).map_err(|e| fail(e.to_string()))?;
    }
    Ok(())
}

/// Why [`edit`] made no text.
#[derive(Debug)]
enum Edited {
    Parse(String),
    Refused(EditError),
}

/// The profiles of a parsed file: its top-level tables (inline ones too, as the reader has it).
fn is_profile(item: &toml_edit::Item) -> bool {
    item.is_table_like()
}

/// The names of the profiles in `text`, in file order.
#[cfg(test)]
fn profile_names(text: &str) -> Result<Vec<String>, String> {
    let doc = parse(text)?;
    Ok(doc
        .iter()
        .filter(|(_, item)| is_profile(item))
        .map(|(name, _)| name.to_string())
        .collect())
}

fn parse(text: &str) -> Result<toml_edit::DocumentMut, String> {
    text.parse::<toml_edit::DocumentMut>()
        .map_err(|e| e.message().to_string())
}

/// The text with `changes` made.
fn edit_all(text: &str, changes: &[Change<'_>]) -> Result<String, Edited> {
    let mut doc = parse(text).map_err(Edited::Parse)?;
    for change in changes {
        change_doc(&mut doc, change).map_err(Edited::Refused)?;
    }
    Ok(doc.to_string())
}

#[cfg(test)]
fn edit(text: &str, change: &Change<'_>) -> Result<String, Edited> {
    edit_all(text, std::slice::from_ref(change))
}

fn change_doc(doc: &mut toml_edit::DocumentMut, change: &Change<'_>) -> Result<(), EditError> {
    match change {
        Change::Set { place, key, value } => {
            let table = match place {
                Place::TopLevel => doc.as_table_mut(),
                Place::Profile(name) => profile_table(doc, name)?,
            };
            set(table, key, *value);
        }
        Change::Remove { place, key } => {
            let table = match place {
                Place::TopLevel => Some(doc.as_table_mut() as &mut dyn toml_edit::TableLike),
                Place::Profile(name) => match doc.get_mut(name) {
                    None => None,
                    Some(item) => Some(
                        item.as_table_like_mut()
                            .ok_or_else(|| EditError::NotTable(name.clone()))?,
                    ),
                },
            };
            if let Some(table) = table {
                table.remove(key);
            }
        }
        Change::Touch(name) => {
            profile_table(doc, name)?;
        }
        Change::Rename { from, to, replace } => {
            if !doc.get(from).is_some_and(is_profile) {
                return Err(EditError::NoProfile(from.to_string()));
            }
            if from == to {
                return Ok(());
            }
            match doc.get(to) {
                Some(item) if is_profile(item) && !replace => {
                    return Err(EditError::Taken(to.to_string()));
                }
                Some(item) if !is_profile(item) => {
                    return Err(EditError::NotTable(to.to_string()));
                }
                _ => {}
            }
            doc.remove(to);
            let item = doc.remove(from).expect("checked above");
            // A table keeps its place in the file (its position), and its comments with it.
            doc.insert(to, item);
        }
        Change::Delete(name) => {
            if !doc.get(name).is_some_and(is_profile) {
                return Err(EditError::NoProfile(name.to_string()));
            }
            doc.remove(name);
        }
    }
    Ok(())
}

/// The profile's table, created at the end of the file if missing.
fn profile_table<'d>(
    doc: &'d mut toml_edit::DocumentMut,
    name: &str,
) -> Result<&'d mut dyn toml_edit::TableLike, EditError> {
    doc.entry(name)
        .or_insert_with(toml_edit::table)
        .as_table_like_mut()
        .ok_or_else(|| EditError::NotTable(name.to_string()))
}

/// Sets `key` in `table`: an existing key keeps its place and comments, only its value changes.
fn set(table: &mut dyn toml_edit::TableLike, key: &str, value: Value<'_>) {
    let new = match value {
        Value::Text(text) => toml_edit::Value::from(text),
        Value::Bool(b) => toml_edit::Value::from(b),
    };
    match table.get_mut(key).and_then(|item| item.as_value_mut()) {
        Some(existing) => {
            let decor = existing.decor().clone();
            *existing = new;
            *existing.decor_mut() = decor;
        }
        None => {
            table.insert(key, toml_edit::Item::Value(new));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# my settings\nversion = 2\n\n# work account\n[work] # inline note\n  # the org\n  org_id = \"5a1b39eec902201990f12345\" # keep me\n  output = 'json'\n\n# play\n[play]\nservice = \"cloud\"\n";

    fn edited(change: Change<'_>) -> String {
        edit(FILE, &change).unwrap()
    }

    fn refused(text: &str, change: Change<'_>) -> String {
        match edit(text, &change) {
            Err(Edited::Refused(e)) => e.to_string(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn setting_a_value_changes_only_that_value() {
        let place = Place::Profile("work".into());
        let out = edited(Change::Set {
            place: place.clone(),
            key: "org_id",
            value: Value::Text("000000000000000000000001"),
        });
        assert_eq!(
            out,
            FILE.replace("5a1b39eec902201990f12345", "000000000000000000000001")
        );
        let out = edited(Change::Set {
            place,
            key: "project_id",
            value: Value::Text("p"),
        });
        assert_eq!(
            out,
            FILE.replace("'json'\n", "'json'\nproject_id = \"p\"\n")
        );
    }

    #[test]
    fn a_global_boolean_goes_above_the_profiles() {
        let out = edited(Change::Set {
            place: Place::TopLevel,
            key: "skip_update_check",
            value: Value::Bool(true),
        });
        assert_eq!(
            out,
            FILE.replace("version = 2\n", "version = 2\nskip_update_check = true\n")
        );
    }

    #[test]
    fn renaming_keeps_the_table_in_place_with_its_comments() {
        let out = edited(Change::Rename {
            from: "work",
            to: "job",
            replace: false,
        });
        assert_eq!(out, FILE.replace("[work]", "[job]"));
        assert_eq!(profile_names(&out).unwrap(), ["job", "play"]);
    }

    #[test]
    fn renaming_onto_a_profile_is_refused_unless_replacing() {
        let change = |replace| Change::Rename {
            from: "work",
            to: "play",
            replace,
        };
        assert_eq!(
            refused(FILE, change(false)),
            "there is already a profile called play"
        );
        let out = edited(change(true));
        assert_eq!(profile_names(&out).unwrap(), ["play"]);
        assert!(out.contains("[play] # inline note\n  # the org\n"), "{out}");
        assert!(!out.contains("service"), "{out}");
        let missing = Change::Rename {
            from: "nope",
            to: "x",
            replace: false,
        };
        assert_eq!(refused(FILE, missing), "profile nope does not exist");
        let onto_value = Change::Rename {
            from: "work",
            to: "version",
            replace: true,
        };
        assert_eq!(
            refused(FILE, onto_value),
            "\"version\" in the config file is a value, not a profile table"
        );
    }

    #[test]
    fn deleting_removes_only_that_table() {
        let out = edited(Change::Delete("play"));
        assert_eq!(
            out,
            FILE.replace("\n\n# play\n[play]\nservice = \"cloud\"\n", "\n")
        );
        assert_eq!(
            refused(FILE, Change::Delete("version")),
            "profile version does not exist"
        );
        assert_eq!(
            refused(FILE, Change::Delete("nope")),
            "profile nope does not exist"
        );
    }

    #[test]
    fn removing_a_key_takes_its_comment_and_nothing_else() {
        let remove = |name: &str, key| Change::Remove {
            place: Place::Profile(name.into()),
            key,
        };
        assert_eq!(
            edited(remove("work", "org_id")),
            FILE.replace(
                "  # the org\n  org_id = \"5a1b39eec902201990f12345\" # keep me\n",
                ""
            )
        );
        assert_eq!(edited(remove("work", "nope")), FILE);
        assert_eq!(edited(remove("nope", "org_id")), FILE, "no table is made");
        assert_eq!(
            refused(FILE, remove("version", "x")),
            "\"version\" in the config file is a value, not a profile table"
        );
        let top = Change::Remove {
            place: Place::TopLevel,
            key: "version",
        };
        // The comment lines above a key are its own, even the file's first one.
        assert_eq!(
            edited(top),
            FILE.replace("# my settings\nversion = 2\n", "")
        );
    }

    #[test]
    fn touching_adds_a_missing_profile_only() {
        assert_eq!(edited(Change::Touch("work")), FILE);
        assert_eq!(edited(Change::Touch("new")), format!("{FILE}\n[new]\n"));
        assert_eq!(
            refused(FILE, Change::Touch("version")),
            "\"version\" in the config file is a value, not a profile table"
        );
    }

    /// Seeded random files and changes: an edit either refuses or yields TOML that still parses,
    /// and never panics.
    #[test]
    fn random_edits_never_panic_and_always_leave_toml() {
        use rand::{RngExt, SeedableRng};
        const PIECES: &[&str] = &[
            "version = 2\n",
            "# c\n",
            "\n",
            "[work]\n",
            "[play] # p\n",
            "org_id = \"1\"\n",
            "a = { b = 1 }\n",
            "[\"q.r\"]\n",
            "x = [1, 2]\n",
            "[work.sub]\n",
            "[[arr]]\n",
            "output = 'json' # o\n",
            "work.k = 1\n",
            "é = \"ü\"\n",
            "version = 3\n",
        ];
        const NAMES: &[&str] = &["work", "play", "new", "version", "a", "q.r", "arr", "é", ""];
        let seed: u64 = rand::random();
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        for _ in 0..3000 {
            let text: String = (0..rng.random_range(0..8))
                .map(|_| PIECES[rng.random_range(0..PIECES.len())])
                .collect();
            let name = |rng: &mut rand::rngs::StdRng| NAMES[rng.random_range(0..NAMES.len())];
            let (from, to) = (name(&mut rng), name(&mut rng));
            let change = match rng.random_range(0..6) {
                0 => Change::Set {
                    place: Place::Profile(from.into()),
                    key: to,
                    value: Value::Text("v"),
                },
                1 => Change::Set {
                    place: Place::TopLevel,
                    key: to,
                    value: Value::Bool(true),
                },
                2 => Change::Touch(from),
                5 => Change::Remove {
                    place: Place::Profile(from.into()),
                    key: to,
                },
                3 => Change::Rename {
                    from,
                    to,
                    replace: rng.random_bool(0.5),
                },
                _ => Change::Delete(from),
            };
            if let Ok(out) = edit(&text, &change) {
                assert!(
                    out.parse::<toml::Table>().is_ok(),
                    "seed {seed}: {change:?} on {text:?} made {out:?}"
                );
            }
        }
    }

    #[test]
    fn inline_table_profiles_count_as_profiles() {
        let text = "a = { org_id = \"1\" }\n";
        assert_eq!(profile_names(text).unwrap(), ["a"]);
        let out = edit(
            text,
            &Change::Set {
                place: Place::Profile("a".into()),
                key: "output",
                value: Value::Text("json"),
            },
        )
        .unwrap();
        // toml_edit's spacing for a key added to an inline table.
        assert_eq!(out, "a = { org_id = \"1\" , output = \"json\" }\n");
    }
}
