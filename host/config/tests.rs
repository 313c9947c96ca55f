//! Tests of settings resolution: profile choice, the precedence of every key, base URLs,
//! credential inference, the keyring, and where refreshed tokens go.

use super::credentials::{CLOUD_CLIENT_ID, CLOUDGOV_CLIENT_ID};
use super::keyring::{self, MemoryKeyring};
use super::*;
use crate::secret::Secret;

type Vars<'a> = &'a [(&'a str, &'a str)];

fn file(text: &str) -> ConfigFile {
    ConfigFile::parse(text).unwrap()
}

fn no_keyring() -> Result<Loaded, Unavailable> {
    Err(Unavailable::Absent("no keyring in unit tests".into()))
}

fn resolve_text(env: Vars, text: &str, flag: Option<&str>) -> Result<Settings, ConfigError> {
    let env = Env::from_pairs(env.iter().copied());
    let file = file(text);
    let profile = choose_profile(&env, &file, flag)?;
    resolve_with(&env, &file, None, &profile, no_keyring())
}

fn settings(env: Vars, text: &str) -> Settings {
    resolve_text(env, text, None).unwrap()
}

#[test]
fn profile_choice_follows_flag_env_only_profile_default() {
    let two = "[a]\norg_id='1'\n[b]\norg_id='2'\n";
    let one = "version = 2\n[only]\norg_id='1'\n";
    let env = [("MONGODB_ATLAS_PROFILE", "B")];
    let cases: &[(Vars, &str, Option<&str>, &str)] = &[
        (&env, two, Some("A"), "a"),
        (&env, two, Some(""), "b"),
        (&env, two, None, "b"),
        (&[], one, None, "only"),
        (&[], two, None, "default"),
        (&[], "", None, "default"),
    ];
    for (env, text, flag, want) in cases {
        let got = resolve_text(env, text, *flag).unwrap().public.profile;
        assert_eq!(got, *want, "{text} {flag:?}");
    }
}

#[test]
fn a_missing_profile_is_empty_not_an_error() {
    let s = resolve_text(&[], "[a]\norg_id='1'\n[b]\n", Some("nope")).unwrap();
    assert_eq!((s.public.profile.as_str(), s.public.org_id), ("nope", None));
}

#[test]
fn rejects_profile_with_a_dot_unknown_service_and_unknown_auth_type() {
    let cases: &[(&str, Option<&str>, &str)] = &[
        ("", Some("a.b"), "profile should not contain '.': \"a.b\""),
        ("[default]\nservice='x'", None, "unsupported service: x"),
        (
            "service='cloudgov'\n[default]\nauth_type='magic'",
            None,
            "unsupported auth_type \"magic\"",
        ),
        ("http_timeout='soon'", None, "invalid http_timeout \"soon\""),
        (
            "http_connect_timeout='0'",
            None,
            "invalid http_connect_timeout \"0\"",
        ),
        (
            "[default]\naccount_url='ftp://x'",
            None,
            "invalid base URL \"ftp://x\"",
        ),
    ];
    for (text, flag, want) in cases {
        let err = resolve_text(&[], text, *flag).unwrap_err().to_string();
        assert!(err.starts_with(want), "{text}: {err}");
    }
}

/// Every key, from each source; the winner is the highest source that has a non-empty value:
/// environment > top-level key > profile key.
#[test]
fn precedence_matrix_env_then_top_level_then_profile_for_every_key() {
    let keys = [
        "org_id",
        "project_id",
        "output",
        "http_timeout",
        "http_connect_timeout",
    ];
    // (env, top-level, profile) present?, and which wins.
    let layers: &[([bool; 3], Option<usize>)] = &[
        ([true, true, true], Some(0)),
        ([true, false, true], Some(0)),
        ([false, true, true], Some(1)),
        ([false, false, true], Some(2)),
        ([false, true, false], Some(1)),
        ([false, false, false], None),
    ];
    for key in keys {
        let value = |layer: usize| (layer + 1).to_string(); // numbers suit the timeouts too
        for (present, winner) in layers {
            let var = format!("MONGODB_ATLAS_{}", key.to_uppercase());
            let mut env: Vec<(&str, String)> = vec![];
            let mut text = String::new();
            if present[0] {
                env.push((&var, value(0)));
            }
            if present[1] {
                text.push_str(&format!("{key} = '{}'\n", value(1)));
            }
            text.push_str("[default]\n");
            if present[2] {
                text.push_str(&format!("{key} = '{}'\n", value(2)));
            }
            let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let s = settings(&pairs, &text);
            let got = match key {
                "org_id" => s.public.org_id,
                "project_id" => s.public.project_id,
                "output" => s.public.output,
                "http_timeout" => Some(s.network.timeout.as_secs().to_string()),
                _ => Some(s.network.connect_timeout.as_secs().to_string()),
            };
            let want = winner.map(value).or(match key {
                "http_timeout" => Some("120".into()),
                "http_connect_timeout" => Some("10".into()),
                _ => None,
            });
            assert_eq!(got, want, "{key} {present:?}");
        }
    }
}

#[test]
fn empty_values_do_not_count_at_any_level() {
    let text = "org_id = ''\n[default]\norg_id = 'prof'\n";
    let s = settings(&[("MONGODB_ATLAS_ORG_ID", "")], text);
    assert_eq!(s.public.org_id.as_deref(), Some("prof"));
}

#[test]
fn precedence_holds_for_the_secret_keys_too() {
    let text = "public_api_key='top'\nprivate_api_key='top-priv'\n[default]\npublic_api_key='prof'\nprivate_api_key='prof-priv'\n";
    let cases: &[(Vars, &str, &str)] = &[
        (&[], "top", "top-priv"),
        (
            &[("MONGODB_ATLAS_PUBLIC_API_KEY", "env")],
            "env",
            "top-priv",
        ),
        (
            &[("MONGODB_ATLAS_PRIVATE_API_KEY", "env-priv")],
            "top",
            "env-priv",
        ),
    ];
    for (env, public, private) in cases {
        let want = Credentials::ApiKeys {
            public: (*public).into(),
            private: Secret::new(*private),
        };
        assert_eq!(settings(env, text).credentials, want, "{env:?}");
    }
    let s = settings(&[], "[default]\npublic_api_key='p'\nprivate_api_key='s'\n");
    assert!(matches!(s.credentials, Credentials::ApiKeys { .. }));
}

#[test]
fn base_url_from_env_file_alias_service_or_default() {
    let cases: &[(Vars, &str, &str)] = &[
        (&[], "", CLOUD_URL),
        (&[], "[default]\nservice='cloudgov'", CLOUDGOV_URL),
        (&[("MONGODB_ATLAS_SERVICE", "cloudgov")], "", CLOUDGOV_URL),
        (&[], "[default]\nservice='cloud'", CLOUD_URL),
        (&[], "[default]\nbase_url='http://h:1/'", "http://h:1"),
        (&[], "[default]\nops_manager_url='http://o//'", "http://o/"),
        (
            &[],
            "ops_manager_url='http://top'\n[default]\nops_manager_url='http://p'",
            "http://top",
        ),
        (&[("MONGODB_ATLAS_BASE_URL", "http://b")], "", "http://b"),
        (
            &[
                ("MONGODB_ATLAS_BASE_URL", "http://b"),
                ("MONGODB_ATLAS_OPS_MANAGER_URL", "http://o"),
            ],
            "",
            "http://o",
        ),
    ];
    for (env, text, want) in cases {
        assert_eq!(settings(env, text).base_url, *want, "{env:?} {text}");
    }
    let err = resolve_text(&[("MONGODB_ATLAS_OPS_MANAGER_URL", "ftp://x")], "", None);
    assert!(matches!(err, Err(ConfigError::BaseUrl(_))));
}

#[test]
fn account_url_defaults_to_the_base_url() {
    let s = settings(&[("MONGODB_ATLAS_OPS_MANAGER_URL", "http://o/")], "");
    assert_eq!(s.account_url, "http://o");
    let s = settings(&[("MONGODB_ATLAS_ACCOUNT_URL", "https://acct/")], "");
    assert_eq!(
        (s.account_url.as_str(), s.base_url.as_str()),
        ("https://acct", CLOUD_URL)
    );
}

#[test]
fn auth_type_is_inferred_like_the_go_cli() {
    let sa = "client_id='id'\nclient_secret='cs'\n";
    let keys = "public_api_key='pub'\nprivate_api_key='priv'\n";
    let user = "access_token='at'\nrefresh_token='rt'\n";
    let kind = |text: String| match settings(&[], &format!("[default]\n{text}")).credentials {
        Credentials::None => "none",
        Credentials::ApiKeys { .. } => "api_keys",
        Credentials::UserAccount { .. } => "user_account",
        Credentials::ServiceAccount { .. } => "service_account",
    };
    let cases = [
        (format!("{sa}{keys}auth_type='api_keys'"), "service_account"),
        (
            format!("{keys}auth_type='user_account'\n{user}"),
            "api_keys",
        ),
        (format!("{user}auth_type='user_account'"), "user_account"),
        (user.to_string(), "none"),
        (format!("{user}auth_type='no_auth'"), "none"),
        (
            "auth_type='api_keys'\npublic_api_key='only-half'".to_string(),
            "none",
        ),
        (format!("{sa}auth_type='no_auth'"), "service_account"),
        ("client_id='only-half'".to_string(), "none"),
    ];
    for (text, want) in cases {
        assert_eq!(kind(text.clone()), want, "{text}");
    }
}

#[test]
fn user_accounts_refresh_with_the_go_cli_client_id_unless_one_is_set() {
    let user = "[default]\nauth_type='user_account'\naccess_token='at'\n";
    let client_id = |text: &str| match settings(&[], text).credentials {
        Credentials::UserAccount {
            client_id, refresh, ..
        } => (client_id, refresh),
        other => panic!("{other:?}"),
    };
    assert_eq!(client_id(user), (CLOUD_CLIENT_ID.to_string(), None));
    let gov = format!("service='cloudgov'\n{user}refresh_token='rt'\n");
    assert_eq!(
        client_id(&gov),
        (CLOUDGOV_CLIENT_ID.to_string(), Some(Secret::new("rt")))
    );
    assert_eq!(client_id(&format!("{user}client_id='mine'\n")).0, "mine");
}

#[test]
fn secrets_never_show_in_debug_output() {
    let text = "[default]\npublic_api_key='pub'\nprivate_api_key='hunter2-private'\n";
    let s = settings(&[], text);
    assert!(!format!("{s:?}").contains("hunter2-private"));
}

#[test]
fn keyring_secrets_come_after_the_environment_and_before_the_file() {
    let env = Env::from_pairs([("MONGODB_ATLAS_PRIVATE_API_KEY", "env-priv")]);
    let text = "[work]\npublic_api_key='file-pub'\nprivate_api_key='file-priv'\norg_id='o'\n";
    let keyring: Arc<dyn SecretStore> = Arc::new(MemoryKeyring::with(&[
        ("work", "public_api_key", "ring-pub"),
        ("work", "private_api_key", "ring-priv"),
        ("work", "org_id", "not-a-secret"),
        ("other", "public_api_key", "other-profile"),
    ]));
    let loaded = keyring::read(keyring, "work", keyring::TIMEOUT);
    let s = resolve_with(&env, &file(text), None, "work", loaded).unwrap();
    let want = Credentials::ApiKeys {
        public: "ring-pub".into(),
        private: Secret::new("env-priv"),
    };
    assert_eq!(s.credentials, want);
    assert_eq!(
        s.public.org_id.as_deref(),
        Some("o"),
        "only secrets live in the keyring"
    );
    assert!(s.keyring_note.is_none());
    assert!(matches!(s.token_home, TokenHome::Keyring { .. }));
}

#[test]
fn without_a_keyring_secrets_come_from_the_file_and_tokens_go_back_there() {
    let path = PathBuf::from("/cfg/atlascli/config.toml");
    let cases = [
        (
            "[p]\nauth_type='user_account'\naccess_token='a'\n",
            Place::Profile("p".into()),
        ),
        (
            "access_token='a'\n[p]\nauth_type='user_account'\n",
            Place::TopLevel,
        ),
    ];
    for (text, place) in cases {
        let s = resolve_with(
            &Env::default(),
            &file(text),
            Some(path.clone()),
            "p",
            no_keyring(),
        )
        .unwrap();
        assert!(matches!(s.credentials, Credentials::UserAccount { .. }));
        let TokenHome::File {
            path: p,
            place: got,
        } = s.token_home
        else {
            panic!("{:?}", s.token_home)
        };
        assert_eq!((p, got), (path.clone(), place), "{text}");
        assert_eq!(s.keyring_note, no_keyring().err());
    }
}

/// viper's reading of non-string values: an integer is its decimal digits for a string setting,
/// a number (integer or float) is a number of seconds; anything else is an error naming the key,
/// the file and the table, never the value.
#[test]
fn integers_and_floats_are_read_as_viper_reads_them() {
    let s = settings(
        &[],
        "http_timeout = 2\n[default]\norg_id = 123\nproject_id = -7\nhttp_connect_timeout = 2.5\n",
    );
    assert_eq!(s.public.org_id.as_deref(), Some("123"));
    assert_eq!(s.public.project_id.as_deref(), Some("-7"));
    assert_eq!(s.network.timeout, std::time::Duration::from_secs(2));
    assert_eq!(
        s.network.connect_timeout,
        std::time::Duration::from_millis(2500)
    );
    let zero = resolve_text(&[], "http_timeout = 0\n", None).unwrap_err();
    assert!(
        zero.to_string().starts_with("invalid http_timeout \"0\""),
        "{zero}"
    );
}

#[test]
fn values_of_a_type_a_setting_cannot_take_are_errors_that_name_the_key_not_the_value() {
    let path = PathBuf::from("/cfg/atlascli/config.toml");
    let cases = [
        (
            "[default]\norg_id = true\n",
            "invalid org_id in the config file /cfg/atlascli/config.toml (profile \"default\"): it is a boolean, not a string",
            "write it as a string, such as org_id = \"...\"",
        ),
        (
            "private_api_key = [\"s3cret\"]\n",
            "invalid private_api_key in the config file /cfg/atlascli/config.toml (top level): it is an array, not a string",
            "write it as a string, such as private_api_key = \"...\"",
        ),
        (
            "[default]\norg_id = 1.5\n",
            "invalid org_id in the config file /cfg/atlascli/config.toml (profile \"default\"): it is a float, not a string",
            "write it as a string, such as org_id = \"...\"",
        ),
        (
            "[default]\nhttp_timeout = { s = 1 }\n",
            "invalid http_timeout in the config file /cfg/atlascli/config.toml (profile \"default\"): it is a table, not a number of seconds",
            "write it as a number of seconds, such as http_timeout = 30",
        ),
        (
            "http_timeout = 1979-05-27\n",
            "invalid http_timeout in the config file /cfg/atlascli/config.toml (top level): it is a date-time, not a number of seconds",
            "write it as a number of seconds, such as http_timeout = 30",
        ),
    ];
    for (text, message, help) in cases {
        let err = resolve_with(
            &Env::default(),
            &file(text),
            Some(path.clone()),
            "default",
            no_keyring(),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), message, "{text}");
        assert_eq!(err.help().as_deref(), Some(help), "{text}");
        assert!(!err.to_string().contains("s3cret"));
    }
}

#[test]
fn other_profiles_unknown_keys_and_top_level_tables_are_not_checked() {
    let text = "version = 2\nmystery = [1]\n[other]\norg_id = true\n[default]\nflag = false\norg_id = '1'\n";
    let s = settings(&[], text);
    assert_eq!(s.public.org_id.as_deref(), Some("1"));
}
