//! Why a command's `plan` sends nothing yet, shared by every plugin: the user must fix
//! something, the host must first read a file the user named, or ask the user a question.

use atlas_plugin_api::{PlanOutput, RequestSpec};

/// Why `plan` stops before a request.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// The user's input is wrong: the message, without `Error: `.
    User(String),
    /// The host must read this path (one the user named) and call `plan` again.
    NeedFile(String),
    /// The host must send this `GET` first and call `plan` again with its answer (ABI 2
    /// `fetch`).
    Fetch(RequestSpec),
    /// The host must ask the user this first (ABI 2 `confirm`).
    Confirm {
        /// The question, e.g. `Are you sure you want to delete: X`.
        message: String,
        /// What is printed when the answer is no.
        declined: String,
        /// The flag that skips the question.
        force_flag: Option<String>,
    },
}

impl From<String> for Stop {
    fn from(message: String) -> Self {
        Stop::User(message)
    }
}

/// The ABI's answer for a planned request or the reason there is none.
pub fn plan_output(planned: Result<RequestSpec, Stop>) -> PlanOutput {
    match planned {
        Ok(request) => PlanOutput::Request { request },
        Err(Stop::User(message)) => PlanOutput::UserError { message },
        Err(Stop::NeedFile(path)) => PlanOutput::NeedFiles { paths: vec![path] },
        Err(Stop::Fetch(request)) => PlanOutput::Fetch { request },
        Err(Stop::Confirm {
            message,
            declined,
            force_flag,
        }) => PlanOutput::Confirm {
            message,
            declined,
            force_flag,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stop_maps_to_its_plan_output() {
        assert_eq!(
            plan_output(Err("bad".to_string().into())),
            PlanOutput::UserError {
                message: "bad".into()
            }
        );
        assert_eq!(
            plan_output(Err(Stop::NeedFile("t.tmpl".into()))),
            PlanOutput::NeedFiles {
                paths: vec!["t.tmpl".into()]
            }
        );
        let request = RequestSpec {
            method: "GET".into(),
            ..Default::default()
        };
        assert_eq!(
            plan_output(Ok(request.clone())),
            PlanOutput::Request { request }
        );
    }
}
