//! An API key's `--role` (splitting each occurrence the way the Go CLI's flag library does,
//! then our own checks of the names) and `--desc`, checked before anything is sent.

use atlas_plugin_output::gofmt::quote;

/// `--role`'s help text (`create`'s; `assign` adds that the roles replace the key's own).
pub const ROLE_HELP: &str = "Role or roles that you want to assign to the API key. To assign more \
than one role, specify each role with a separate role flag or specify all of the roles as a \
comma-separated list using one role flag. For the full list of accepted values, see the Items \
Enum for the corresponding Atlas API endpoint: \
https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Programmatic-API-Keys/operation/createApiKey. \
To learn more about organization level user roles, see: https://dochub.mongodb.org/core/atlas-org-roles.";

/// The organization roles the API accepts for a new key (the `roles` items enum of
/// `CreateAtlasOrganizationApiKey` in the Atlas Admin API v2 spec), in the spec's order.
pub const VALID_ROLES: [&str; 7] = [
    "ORG_OWNER",
    "ORG_MEMBER",
    "ORG_GROUP_CREATOR",
    "ORG_BILLING_ADMIN",
    "ORG_BILLING_READ_ONLY",
    "ORG_STREAM_PROCESSING_ADMIN",
    "ORG_READ_ONLY",
];

/// Every item of every `--role` occurrence, as `spf13/pflag`'s `StringSlice` collects them
/// (see [`crate::flags::string_slice`]).
pub fn split(occurrences: &[String]) -> Result<Vec<String>, String> {
    crate::flags::split_csv(occurrences, "role")
}

/// [ours] The Go CLI sends items as they are and lets the server refuse them after the round
/// trip; we trim blanks, drop empty items, and refuse an empty list or a name outside the spec
/// before any request. Duplicates stay: the server decides what they mean.
pub fn validate(items: Vec<String>) -> Result<Vec<String>, String> {
    let roles: Vec<String> = items
        .into_iter()
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect();
    if roles.is_empty() {
        return Err(format!(
            "--role needs at least one role name\nhelp: valid roles: {}",
            valid_list()
        ));
    }
    if let Some(bad) = roles
        .iter()
        .find(|role| !VALID_ROLES.contains(&role.as_str()))
    {
        let hint = match suggest(bad) {
            Some(near) => format!("did you mean {}? ", quote(near)),
            None => String::new(),
        };
        return Err(format!(
            "invalid role {}\nhelp: {hint}valid roles: {}",
            quote(bad),
            valid_list()
        ));
    }
    Ok(roles)
}

/// The description limits of `desc` in the API spec (create and update alike).
const DESC_CHARS: std::ops::RangeInclusive<usize> = 1..=250;

/// [ours] The spec's 1 to 250 characters, checked here rather than by a server round trip.
pub fn check_desc(desc: &str) -> Result<&str, String> {
    let chars = desc.chars().count();
    if DESC_CHARS.contains(&chars) {
        return Ok(desc);
    }
    let (min, max) = (DESC_CHARS.start(), DESC_CHARS.end());
    Err(format!(
        "--desc is {chars} characters long\nhelp: give a description of {min} to {max} characters"
    ))
}

fn valid_list() -> String {
    VALID_ROLES.join(", ")
}

/// The valid role nearest to `name`, compared case-insensitively with both the full name and
/// the name without its `ORG_` prefix (so `owner` finds `ORG_OWNER`); `None` when even the
/// nearest is more than a third of the compared name away (cargo's did-you-mean threshold).
fn suggest(name: &str) -> Option<&'static str> {
    let name = name.to_ascii_uppercase();
    VALID_ROLES
        .iter()
        .filter_map(|&role| {
            let short = role.trim_start_matches("ORG_");
            [role, short]
                .into_iter()
                .map(|candidate| (edit_distance(&name, candidate), candidate.len()))
                .filter(|&(distance, len)| distance <= len.max(3) / 3)
                .map(|(distance, _)| distance)
                .min()
                .map(|distance| (distance, role))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, role)| role)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn parse(occurrences: &[&str]) -> Result<Vec<String>, String> {
        validate(split(&strings(occurrences))?)
    }

    #[test]
    fn splits_each_occurrence_as_csv_and_trims_blanks() {
        let table: [(&[&str], &[&str]); 7] = [
            (&["ORG_OWNER"], &["ORG_OWNER"]),
            (&["ORG_OWNER, ORG_MEMBER"], &["ORG_OWNER", "ORG_MEMBER"]),
            (&["ORG_OWNER,"], &["ORG_OWNER"]),
            (
                &["ORG_OWNER", "ORG_MEMBER,ORG_READ_ONLY"],
                &["ORG_OWNER", "ORG_MEMBER", "ORG_READ_ONLY"],
            ),
            (
                &["\" ORG_OWNER \",ORG_MEMBER"],
                &["ORG_OWNER", "ORG_MEMBER"],
            ),
            (&["ORG_OWNER", "", " , "], &["ORG_OWNER"]),
            (&["ORG_OWNER,ORG_OWNER"], &["ORG_OWNER", "ORG_OWNER"]),
        ];
        for (input, want) in table {
            assert_eq!(parse(input).unwrap(), want, "input {input:?}");
        }
    }

    #[test]
    fn keeps_commas_inside_quotes_together() {
        assert_eq!(split(&strings(&[r#""A,B",C"#])).unwrap(), ["A,B", "C"]);
    }

    #[test]
    fn rejects_a_csv_syntax_error_in_go_flag_words() {
        let err = split(&strings(&["ORG_OWNER", "\"ORG_MEMBER"])).unwrap_err();
        assert_eq!(
            err,
            r#"invalid argument "\"ORG_MEMBER" for "--role" flag: parse error on line 1, column 12: extraneous or missing " in quoted-field"#
        );
    }

    #[test]
    fn rejects_an_empty_role_list() {
        let want = "--role needs at least one role name\nhelp: valid roles: ORG_OWNER, ORG_MEMBER, \
                    ORG_GROUP_CREATOR, ORG_BILLING_ADMIN, ORG_BILLING_READ_ONLY, \
                    ORG_STREAM_PROCESSING_ADMIN, ORG_READ_ONLY";
        for input in [&[""][..], &[" , ", ","][..]] {
            assert_eq!(parse(input).unwrap_err(), want, "input {input:?}");
        }
    }

    #[test]
    fn rejects_an_unknown_role_and_suggests_the_nearest() {
        let valid = "valid roles: ORG_OWNER, ORG_MEMBER, ORG_GROUP_CREATOR, ORG_BILLING_ADMIN, \
                     ORG_BILLING_READ_ONLY, ORG_STREAM_PROCESSING_ADMIN, ORG_READ_ONLY";
        let table = [
            ("ORG_OWNR", Some("ORG_OWNER")),
            ("org_owner", Some("ORG_OWNER")),
            ("owner", Some("ORG_OWNER")),
            ("ORG_READONLY", Some("ORG_READ_ONLY")),
            ("billing_admin", Some("ORG_BILLING_ADMIN")),
            ("ORG_BILLING_READ_ONLI", Some("ORG_BILLING_READ_ONLY")),
            ("GROUP_OWNER", None),
            ("X", None),
        ];
        for (input, near) in table {
            let hint = near
                .map(|n| format!("did you mean \"{n}\"? "))
                .unwrap_or_default();
            let want = format!("invalid role \"{input}\"\nhelp: {hint}{valid}");
            assert_eq!(
                parse(&["ORG_MEMBER", input]).unwrap_err(),
                want,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn quotes_an_unknown_role_with_control_characters() {
        assert!(
            parse(&["ORG\tX"])
                .unwrap_err()
                .starts_with("invalid role \"ORG\\tX\"\n")
        );
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        let table = [
            ("", "", 0),
            ("abc", "abc", 0),
            ("abc", "abd", 1),
            ("ab", "abc", 1),
            ("kitten", "sitting", 3),
        ];
        for (a, b, want) in table {
            assert_eq!(edit_distance(a, b), want, "{a} vs {b}");
        }
    }
}
