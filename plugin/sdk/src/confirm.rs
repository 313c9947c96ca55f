//! The yes a `delete` command needs before its request: `--force`, else the user's answer.
//!
//! The Go CLI asks `? Are you sure you want to delete: <entry> (y/N) ` on its terminal; "no" prints
//! its fail message (`API Key not deleted`) and exits 0. A plugin cannot ask (it does no I/O):
//! [`confirmed`] hands the question to the host through the ABI's `confirm` step, and the host
//! calls `plan` again with `confirmed` set once the user said yes. Without a terminal the host
//! deletes nothing and says to pass `--force` ([ours]: the Go CLI fails with `Error: EOF`).

use atlas_plugin_api::Invocation;

use crate::flags::bool_flag;
use crate::stop::Stop;

/// What the user is asked, and what the Go CLI prints when the answer is no.
pub struct Question<'a> {
    /// What would be deleted, as the question names it (`Are you sure you want to delete: X`).
    pub entry: &'a str,
    /// The Go CLI's text for a "no", e.g. `API Key not deleted`.
    pub declined: &'static str,
}

/// `Ok` when the delete may go ahead (`--force`, or the user said yes); else the question.
pub fn confirmed(input: &Invocation, question: &Question) -> Result<(), Stop> {
    if input.confirmed || bool_flag(&input.flags, "force").unwrap_or(false) {
        return Ok(());
    }
    Err(Stop::Confirm {
        message: format!("Are you sure you want to delete: {}", question.entry),
        declined: format!("{}\n", question.declined),
        force_flag: Some("force".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_plugin_api::FlagValue;

    #[test]
    fn only_force_or_a_yes_lets_a_delete_through() {
        let question = Question {
            entry: "10.0.0.0/24",
            declined: "Access list entry not deleted",
        };
        let mut input = Invocation::default();
        let asked = Err(Stop::Confirm {
            message: "Are you sure you want to delete: 10.0.0.0/24".into(),
            declined: "Access list entry not deleted\n".into(),
            force_flag: Some("force".into()),
        });
        assert_eq!(confirmed(&input, &question), asked);
        input.flags.insert("force".into(), FlagValue::Bool(false));
        assert_eq!(confirmed(&input, &question), asked);
        input.confirmed = true;
        assert_eq!(confirmed(&input, &question), Ok(()));
        input.confirmed = false;
        input.flags.insert("force".into(), FlagValue::Bool(true));
        assert_eq!(confirmed(&input, &question), Ok(()));
    }
}
