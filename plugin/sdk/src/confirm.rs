//! The yes a `delete` command needs before its request: `--force`, else the user's answer.
//!
//! The Go CLI asks `? Are you sure you want to delete: <entry> (y/N) ` on its terminal. A
//! plugin cannot ask (it does no I/O); asking is the host's, through the ABI's confirmation
//! step. Until a plugin speaks that step, [`confirmed`] holds every delete without `--force`
//! back with an error that says to pass it: nothing is ever deleted without a yes ([ours]: the
//! Go CLI without a terminal fails with `Error: EOF`, which says nothing of `--force`).

use atlas_plugin_api::Flags;

use crate::flags::bool_flag;
use crate::stop::Stop;

/// What the user is asked, and what the Go CLI prints when the answer is no.
pub struct Question<'a> {
    /// What would be deleted, as the question names it (`Are you sure you want to delete: X`).
    pub entry: &'a str,
    /// The Go CLI's text for a "no", e.g. `API Key not deleted`.
    pub declined: &'static str,
}

/// `Ok` when the delete may go ahead (`--force`); else why it may not.
pub fn confirmed(flags: &Flags, question: &Question) -> Result<(), Stop> {
    if bool_flag(flags, "force").unwrap_or(false) {
        return Ok(());
    }
    Err(Stop::User(format!(
        "not deleting {} without confirmation\nhelp: pass --force to delete it without a prompt",
        question.entry
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_plugin_api::FlagValue;

    #[test]
    fn only_force_lets_a_delete_through() {
        let question = Question {
            entry: "10.0.0.0/24",
            declined: "Access list entry not deleted",
        };
        let mut flags = Flags::new();
        let refused = Err(Stop::User(
            "not deleting 10.0.0.0/24 without confirmation\nhelp: pass --force to delete it \
             without a prompt"
                .into(),
        ));
        assert_eq!(confirmed(&flags, &question), refused);
        flags.insert("force".into(), FlagValue::Bool(false));
        assert_eq!(confirmed(&flags, &question), refused);
        flags.insert("force".into(), FlagValue::Bool(true));
        assert_eq!(confirmed(&flags, &question), Ok(()));
    }
}
