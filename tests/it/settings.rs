//! Settings through the real binary: the precedence of flags, environment, top-level keys and
//! profile keys; profile names; the `base_url` alias. Secrets in the OS keyring: [`keyring`];
//! what the file may be and the types of its values: [`values`]; the `atlas config` commands that
//! write it: [`commands`], [`init_cmd`].

pub(crate) mod commands;
mod init_cmd;
pub(crate) mod keyring;
mod values;

use crate::support::*;

const ORGS: [&str; 4] = [
    "aaaaaaaaaaaaaaaaaaaaaaaa",
    "bbbbbbbbbbbbbbbbbbbbbbbb",
    "cccccccccccccccccccccccc",
    "dddddddddddddddddddddddd",
];

fn create_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "organizations",
        "apiKeys",
        "create",
        "--role",
        "ORG_OWNER",
        "--desc",
        "My API Key",
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn org_id_comes_from_the_flag_then_env_then_top_level_then_profile() {
    let emulator = Emulator::start(EmulatorConfig {
        orgs: ORGS.iter().map(|o| o.to_string()).collect(),
        ..EmulatorConfig::default()
    })
    .unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let steps: [(&str, &str, Option<&str>, &[&str]); 4] = [
        ("", ORGS[3], None, &[]),
        (ORGS[2], ORGS[3], None, &[]),
        (ORGS[2], ORGS[3], Some(ORGS[1]), &[]),
        (ORGS[2], ORGS[3], Some(ORGS[1]), &["--orgId", ORGS[0]]),
    ];
    for (i, (top, profile, env, flag)) in steps.into_iter().enumerate() {
        let top = if top.is_empty() {
            String::new()
        } else {
            format!("org_id = \"{top}\"\n")
        };
        sandbox.config(&format!("{top}[default]\norg_id = \"{profile}\"\n"));
        if let Some(env) = env {
            sandbox.env("MONGODB_ATLAS_ORG_ID", env);
        }
        let run = sandbox.run(&create_args(flag));
        assert_eq!(run.code, 0, "step {i}: {run:?}");
        let path = emulator.requests().last().unwrap().path.clone();
        assert_eq!(
            path,
            format!("/api/atlas/v2/orgs/{}/apiKeys", ORGS[3 - i]),
            "step {i}"
        );
    }
}

#[test]
fn output_comes_from_the_flag_then_env_then_top_level_then_profile() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator).env("MONGODB_ATLAS_ORG_ID", ORG);
    let profile = "[default]\noutput = \"json\"\n";
    let top = "output = \"go-template=T:{{.Desc}}\"\n";
    sandbox.config(profile);
    assert!(sandbox.run(&create_args(&[])).stdout.starts_with("{\n"));
    sandbox.config(&format!("{top}{profile}"));
    assert_eq!(sandbox.run(&create_args(&[])).stdout, "T:My API Key");
    sandbox.env("MONGODB_ATLAS_OUTPUT", "json-path=$.desc");
    assert_eq!(sandbox.run(&create_args(&[])).stdout, "\"My API Key\"\n");
    let run = sandbox.run(&create_args(&["-o", "json"]));
    assert!(run.stdout.starts_with("{\n"), "{run:?}");
}

#[test]
fn the_profile_flag_beats_the_environment_and_names_are_lower_cased() {
    let emulator = Emulator::start(EmulatorConfig {
        orgs: ORGS.iter().map(|o| o.to_string()).collect(),
        ..EmulatorConfig::default()
    })
    .unwrap();
    let mut sandbox = Sandbox::new();
    sandbox
        .against(&emulator)
        .env("MONGODB_ATLAS_PROFILE", "Play");
    sandbox.config(&format!(
        "[work]\norg_id = \"{}\"\n[play]\norg_id = \"{}\"\n",
        ORGS[0], ORGS[1]
    ));
    for (args, org) in [
        (create_args(&[]), ORGS[1]),
        (create_args(&["-P", "WORK"]), ORGS[0]),
    ] {
        let run = sandbox.run(&args);
        assert_eq!(run.code, 0, "{run:?}");
        let path = emulator.requests().last().unwrap().path.clone();
        assert_eq!(path, format!("/api/atlas/v2/orgs/{org}/apiKeys"));
    }
}

#[test]
fn the_base_url_alias_in_the_file_is_the_server() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox
        .env("MONGODB_ATLAS_PUBLIC_API_KEY", PUBLIC_KEY)
        .env("MONGODB_ATLAS_PRIVATE_API_KEY", PRIVATE_KEY);
    sandbox.config(&format!(
        "[default]\nbase_url = \"{}/\"\n",
        emulator.base_url()
    ));
    assert_eq!(sandbox.run(SEED).code, 0);
    assert_eq!(emulator.requests().len(), 2);
}
