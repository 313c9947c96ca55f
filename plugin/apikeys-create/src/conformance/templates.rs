//! The go-template rows of the conformance table. Go prints pointer addresses for
//! `printf`/`html`/`js` of a `*string` field, so rows that pass a field to a function use the
//! SDK's `GetX` methods, as a Go template must to get the text.

use super::Case;
use super::Want::{PlanError, RenderError, Stdout};
use super::cases::{EMPTY, GROUP, MISSING, REAL, UNICODE, row};

/// Fields, nil values, control flow and variables.
pub fn values() -> Vec<Case> {
    vec![
        row(
            "template field, no newline added",
            "go-template={{.Id}}",
            REAL,
            Stdout("6a793f752c88faeba59bba49"),
        ),
        row(
            "template tabs aligned",
            "go-template={{.PublicKey}}\t{{.PrivateKey}}\n",
            REAL,
            Stdout("gswvkocq   c8150efd-c7a0-4afd-8c4f-01bdd56c8977\n"),
        ),
        row(
            "template header and row",
            "go-template=ID\tPUBLIC KEY\n{{.Id}}\t{{.PublicKey}}\n",
            REAL,
            Stdout("ID                         PUBLIC KEY\n6a793f752c88faeba59bba49   gswvkocq\n"),
        ),
        row(
            "template range",
            "go-template={{range .Roles}}{{.RoleName}} {{end}}",
            REAL,
            Stdout("ORG_READ_ONLY "),
        ),
        row(
            "template nil field prints <nil>",
            "go-template={{range .Roles}}{{.GroupId}},{{end}}",
            REAL,
            Stdout("<nil>,"),
        ),
        row(
            "template if/else on group roles",
            "go-template={{range .Roles}}{{if .GroupId}}project {{.GroupId}}{{else}}org {{.OrgId}}{{end}}\n{{end}}",
            GROUP,
            Stdout("org o1\nproject g1\n"),
        ),
        row(
            "template missing description",
            "go-template=[{{.Desc}}]",
            MISSING,
            Stdout("[<nil>]"),
        ),
        row(
            "template range over missing roles fails after the key",
            "go-template={{range .Roles}}x{{end}}",
            MISSING,
            RenderError(
                "template: output:1:8: executing \"output\" at <.Roles>: range can't iterate over <nil>",
            ),
        ),
        row(
            "template valueOrEmptySlice",
            "go-template={{range valueOrEmptySlice .Roles}}x{{end}}done",
            MISSING,
            Stdout("done"),
        ),
        row(
            "template len of empty roles",
            "go-template={{len .Roles}}",
            EMPTY,
            Stdout("0"),
        ),
        row(
            "template index",
            "go-template={{(index .Roles 1).RoleName}}",
            GROUP,
            Stdout("GROUP_READ_ONLY"),
        ),
    ]
}

/// Layout (tabs, newlines, Unicode), the built-in functions and the SDK methods.
pub fn layout_and_functions() -> Vec<Case> {
    vec![
        row(
            "template printf %q",
            "go-template={{printf \"%q\" .GetDesc}}",
            UNICODE,
            Stdout("\"Clé <ops> & \\\"prod\\\" 😀\""),
        ),
        row(
            "template html",
            "go-template={{.GetDesc | html}}",
            UNICODE,
            Stdout("Clé &lt;ops&gt; &amp; &#34;prod&#34; 😀"),
        ),
        row(
            "template js",
            "go-template={{js .GetDesc}}",
            UNICODE,
            Stdout("Clé \\u003Cops\\u003E \\u0026 \\\"prod\\\" 😀"),
        ),
        row(
            "template urlquery",
            "go-template={{urlquery .GetDesc}}",
            UNICODE,
            Stdout("Cl%C3%A9+%3Cops%3E+%26+%22prod%22+%F0%9F%98%80"),
        ),
        row(
            "template newline then tab",
            "go-template={{.Id}}\n\t{{.PublicKey}}",
            REAL,
            Stdout("6a793f752c88faeba59bba49\n      gswvkocq"),
        ),
        row(
            "template tab from a string literal",
            "go-template={{\"KEY\\t\"}}{{.PublicKey}}",
            REAL,
            Stdout("KEY   gswvkocq"),
        ),
        row(
            "template unicode widths",
            "go-template=é\t{{.PublicKey}}\nlonger\tx\n",
            REAL,
            Stdout("é        gswvkocq\nlonger   x\n"),
        ),
        row(
            "template SDK methods",
            "go-template={{.HasRoles}} {{.HasLinks}} {{.GetLinks | len}}",
            GROUP,
            Stdout("true false 0"),
        ),
        row(
            "template formatAliases",
            "go-template=[{{formatAliases nil}}]",
            REAL,
            Stdout("[]"),
        ),
        row(
            "template with/else",
            "go-template={{with .Desc}}{{.}}{{else}}none{{end}}",
            MISSING,
            Stdout("none"),
        ),
        row(
            "template variables",
            "go-template={{$k := .}}{{range .Roles}}{{$k.PublicKey}}:{{.RoleName}} {{end}}",
            GROUP,
            Stdout("abcdefgh:ORG_MEMBER abcdefgh:GROUP_READ_ONLY "),
        ),
        row(
            "template range variables",
            "go-template={{range $i, $r := .Roles}}{{$i}}={{$r.RoleName}};{{end}}",
            GROUP,
            Stdout("0=ORG_MEMBER;1=GROUP_READ_ONLY;"),
        ),
        row(
            "template trim markers and comments",
            "go-template=  {{- /* id */ -}}  {{- .Id -}}  ",
            REAL,
            Stdout("6a793f752c88faeba59bba49"),
        ),
        row(
            "template eq",
            "go-template={{if eq .GetPublicKey \"abcdefgh\"}}yes{{end}}",
            GROUP,
            Stdout("yes"),
        ),
    ]
}

/// Every template mistake `plan` refuses, with Go's wording and position.
pub fn errors() -> Vec<Case> {
    vec![
        row(
            "template unknown field",
            "go-template={{.NoSuchField}}",
            REAL,
            PlanError(
                "template: output:1:2: executing \"output\" at <.NoSuchField>: can't evaluate field NoSuchField in type *admin.ApiKeyUserDetails",
            ),
        ),
        row(
            "template unknown role field",
            "go-template={{range .Roles}}{{.Nope}}{{end}}",
            REAL,
            PlanError(
                "template: output:1:18: executing \"output\" at <.Nope>: can't evaluate field Nope in type admin.CloudAccessRoleAssignment",
            ),
        ),
        row(
            "template field of a string",
            "go-template={{.Id.Foo}}",
            REAL,
            PlanError(
                "template: output:1:5: executing \"output\" at <.Id.Foo>: can't evaluate field Foo in type *string",
            ),
        ),
        row(
            "template unknown field on line 2",
            "go-template=ok\n{{.Nope}}",
            REAL,
            PlanError(
                "template: output:2:2: executing \"output\" at <.Nope>: can't evaluate field Nope in type *admin.ApiKeyUserDetails",
            ),
        ),
        row(
            "template unknown field in an untaken branch [ours]",
            "go-template={{if false}}{{.Nope}}{{end}}",
            REAL,
            PlanError(
                "template: output:1:14: executing \"output\" at <.Nope>: can't evaluate field Nope in type *admin.ApiKeyUserDetails",
            ),
        ),
        row(
            "template unknown field through $",
            "go-template={{$.Nope}}",
            REAL,
            PlanError(
                "template: output:1:3: executing \"output\" at <$.Nope>: can't evaluate field Nope in type *admin.ApiKeyUserDetails",
            ),
        ),
        row(
            "template unclosed action",
            "go-template={{.Id",
            REAL,
            PlanError("template: output:1: unclosed action"),
        ),
        row(
            "template undefined function",
            "go-template={{foo .Id}}",
            REAL,
            PlanError("template: output:1: function \"foo\" not defined"),
        ),
        row(
            "template missing end",
            "go-template={{if .Id}}x",
            REAL,
            PlanError("template: output:1: unexpected EOF"),
        ),
        row(
            "template stray end",
            "go-template=x{{end}}",
            REAL,
            PlanError("template: output:1: unexpected {{end}}"),
        ),
        row(
            "template undefined variable",
            "go-template={{$x}}",
            REAL,
            PlanError("template: output:1: undefined variable \"$x\""),
        ),
        row(
            "template single closing brace",
            "go-template={{.Id}",
            REAL,
            PlanError("template: output:1: unexpected \"}\" in operand"),
        ),
    ]
}
