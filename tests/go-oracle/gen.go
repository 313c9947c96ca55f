// This file owns the seeded random cases: response bodies of every JSON shape the models meet
// (missing, null, empty and unicode strings, nil, empty and full lists, odd bodies Go accepts)
// and go-template texts built from the constructs a user writes (fields, getters, SDK methods,
// range/if/with/else, variables, len/index/slice/printf, comparisons, and/or/not, the escapers,
// the CLI's functions, tabs and newlines). The same seed gives the same cases.
package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
)

type gen struct{ r *rand.Rand }

func (g gen) pick(items ...string) string { return items[g.r.Intn(len(items))] }
func (g gen) chance(p float64) bool       { return g.r.Float64() < p }

var texts = []string{"", "x", "e2e-test-atlas-org", "Andrea's Keys", "Clé <ops> & \"prod\" 😀", "日本語", "a\tb", "line\nbreak", "  spaced  "}

// str sets key to a random string, or leaves it out, or null.
func (g gen) str(m map[string]any, key string, values ...string) {
	switch g.r.Intn(10) {
	case 0:
	case 1:
		m[key] = nil
	case 2:
		m[key] = ""
	case 3, 4:
		m[key] = texts[g.r.Intn(len(texts))]
	default:
		m[key] = values[g.r.Intn(len(values))]
	}
}

func (g gen) list(m map[string]any, key string, item func() any) {
	switch g.r.Intn(6) {
	case 0:
	case 1:
		m[key] = nil
	case 2:
		m[key] = []any{}
	default:
		n := 1 + g.r.Intn(3)
		items := make([]any, n)
		for i := range items {
			items[i] = item()
		}
		m[key] = items
	}
}

func (g gen) link() any {
	m := map[string]any{}
	g.str(m, "href", "https://cloud.mongodb.com/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys?pageNum=1&itemsPerPage=100")
	g.str(m, "rel", "self", "next")
	return m
}

func (g gen) role() any {
	m := map[string]any{}
	if g.chance(0.5) {
		g.str(m, "orgId", "a0123456789abcdef012345a")
	} else {
		g.str(m, "groupId", "b0123456789abcdef012345b")
	}
	g.str(m, "roleName", "ORG_OWNER", "ORG_READ_ONLY", "GROUP_READ_ONLY", "ORG_MEMBER")
	return m
}

func (g gen) key() any {
	m := map[string]any{}
	g.str(m, "desc", "ci key", "Andrea's Keys")
	g.str(m, "id", "6a793f752c88faeba59bba49", "664b5ab59a981a30544e3996")
	g.list(m, "links", g.link)
	g.str(m, "privateKey", "c8150efd-c7a0-4afd-8c4f-01bdd56c8977", "********-****-****-686587e6e7af")
	g.str(m, "publicKey", "gswvkocq", "laqkcexi")
	g.list(m, "roles", g.role)
	if g.chance(0.05) {
		m["extra"] = json.Number("123456789012345678901234567890")
	}
	return m
}

func (g gen) page() any {
	m := map[string]any{}
	g.list(m, "links", g.link)
	g.list(m, "results", g.key)
	switch g.r.Intn(4) {
	case 0:
	case 1:
		m["totalCount"] = nil
	default:
		m["totalCount"] = g.r.Intn(5)
	}
	return m
}

// body encodes v, now and then in a form only some decoders accept.
func (g gen) body(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	text := string(data)
	switch g.r.Intn(40) {
	case 0:
		return "null"
	case 1:
		return ""
	case 2:
		return text + " trailing"
	case 3:
		return strings.Replace(text, `"id":`, `"ID":`, 1)
	case 4:
		return strings.Replace(text, "{", `{"publicKey":"dupfirst",`, 1)
	case 5:
		// a list given twice: Go decodes the second into the first's elements
		return strings.Replace(text, "{", `{"roles":[{"orgId":"dup","roleName":"first"},null],"results":[{"id":"dup","desc":"first"}],`, 1)
	case 6:
		// Go folds the Kelvin sign to k and the long s to s; an exact key is preferred
		return strings.Replace(strings.Replace(text, `"publicKey":`, "\"public\u212aey\":", 1), `"desc":`, "\"de\u017fc\":", 1)
	case 7:
		return strings.Replace(text, `"privateKey":`, `"PRIVATEKEY":"upper","privateKey":`, 1)
	case 8:
		return strings.Replace(text, `"results":[`, `"results":[null,`, 1)
	}
	return text
}

// Expressions per kind of dot: scalars (pointers and strings), lists, and the SDK's methods.
type scope struct{ scalars, lists, methods []string }

var keyScope = scope{
	scalars: []string{".Desc", ".Id", ".PrivateKey", ".PublicKey", ".GetDesc", ".GetId", ".GetPublicKey", ".GetPrivateKey"},
	lists:   []string{".Roles", ".Links", ".GetRoles", ".GetLinks"},
	methods: []string{".HasDesc", ".HasRoles", ".HasLinks", ".GetDescOk", ".NullFields", ".MarshalJSON", ".SetDesc", ".HasResults"},
}

var roleScope = scope{
	scalars: []string{".RoleName", ".OrgId", ".GroupId", ".GetRoleName", ".GetOrgId", ".GetGroupId"},
	methods: []string{".HasGroupId", ".HasOrgId", ".GetGroupIdOk", ".NullFields"},
}

var linkScope = scope{
	scalars: []string{".Href", ".Rel", ".GetHref", ".GetRel"},
	methods: []string{".HasRel"},
}

var pageScope = scope{
	scalars: []string{".TotalCount", ".GetTotalCount"},
	lists:   []string{".Results", ".GetResults", ".Links", ".GetLinks"},
	methods: []string{".HasTotalCount", ".HasLinks", ".GetResultsOk", ".HasResults", ".NullFields"},
}

func inner(list string) scope {
	switch {
	case strings.HasSuffix(list, "Roles"):
		return roleScope
	case strings.HasSuffix(list, "Links"):
		return linkScope
	}
	return keyScope
}

func (g gen) scalar(s scope) string { return s.scalars[g.r.Intn(len(s.scalars))] }

func (g gen) value(s scope) string {
	switch g.r.Intn(12) {
	case 0:
		return s.methods[g.r.Intn(len(s.methods))]
	case 1:
		if len(s.lists) > 0 {
			return "(len " + s.lists[g.r.Intn(len(s.lists))] + ")"
		}
	case 2:
		return fmt.Sprintf("(printf %q %s)", g.pick("%v", "%s", "%q", "%d", "%T", "%-10v|"), g.scalar(s))
	case 3:
		return fmt.Sprintf("(%s %s)", g.pick("html", "js", "urlquery", "print", "println"), g.scalar(s))
	case 4:
		return fmt.Sprintf("(%s %s %s)", g.pick("html", "js", "urlquery", "print"), g.scalar(s), g.scalar(s))
	case 5:
		return fmt.Sprintf("(slice %s %d)", g.scalar(s), g.r.Intn(3))
	case 6:
		return fmt.Sprintf("(%s %s %q)", g.pick("eq", "ne", "lt", "le", "gt", "ge"), g.scalar(s), g.pick("", "x", "gswvkocq", "ORG_OWNER"))
	case 7:
		return fmt.Sprintf("(%s %s %s)", g.pick("and", "or"), g.scalar(s), g.scalar(s))
	case 8:
		return "(not " + g.scalar(s) + ")"
	case 9:
		if len(s.lists) > 0 {
			return fmt.Sprintf("(valueOrEmptySlice %s)", g.pick(append(s.lists, s.scalars...)...))
		}
	}
	return g.scalar(s)
}

func (g gen) sep() string {
	return g.pick("", " ", "\t", "\t", "\n", ",", "\t|\t", "\t\n", "\v", "\f")
}

func (g gen) action(s scope, depth int) string {
	n := g.r.Intn(10)
	if depth > 1 {
		n = 0
	}
	switch n {
	case 0, 1, 2:
		return "{{" + g.value(s) + "}}"
	case 3:
		return fmt.Sprintf("{{if %s}}%s{{else}}%s{{end}}", g.value(s), g.block(s, depth+1), g.pick("-", "none", "<{{.}}>"))
	case 4:
		return fmt.Sprintf("{{with %s}}{{.}}{{else}}%s{{end}}", g.scalar(s), g.pick("", "none"))
	case 5, 6:
		if len(s.lists) > 0 {
			l := s.lists[g.r.Intn(len(s.lists))]
			if g.chance(0.3) {
				l = "(valueOrEmptySlice " + l + ")"
			}
			if g.chance(0.3) {
				return fmt.Sprintf("{{range $i, $e := %s}}{{$i}}%s{{$e%s}}%s{{end}}", l, g.sep(), g.scalar(inner(l)), g.sep())
			}
			return fmt.Sprintf("{{range %s}}%s{{else}}empty{{end}}", l, g.block(inner(l), depth+1))
		}
	case 7:
		if len(s.lists) > 0 {
			l := s.lists[g.r.Intn(len(s.lists))]
			return fmt.Sprintf("{{with index %s %d}}%s{{end}}", l, g.r.Intn(3), g.block(inner(l), depth+1))
		}
	case 8:
		return fmt.Sprintf("{{$v := %s}}{{$v}}", g.value(s))
	case 9:
		return fmt.Sprintf("{{%s | %s}}", g.scalar(s), g.pick("printf \"%v\"", "html", "len", "print"))
	}
	return "{{" + g.scalar(s) + "}}"
}

func (g gen) block(s scope, depth int) string {
	var b strings.Builder
	for i, n := 0, 1+g.r.Intn(3); i < n; i++ {
		if g.chance(0.3) {
			b.WriteString(g.pick("ID", "KEY", "é", "x"))
		}
		b.WriteString(g.action(s, depth))
		b.WriteString(g.sep())
	}
	return b.String()
}

func (g gen) output(s scope) string {
	switch g.r.Intn(10) {
	case 0:
		return ""
	case 1:
		return "json"
	}
	return "go-template=" + g.block(s, 0)
}

func generate(seed int64, n int) []testCase {
	g := gen{rand.New(rand.NewSource(seed))}
	cases := make([]testCase, n)
	for i := range cases {
		c := testCase{Name: fmt.Sprintf("random %d of seed %d", i, seed)}
		if g.chance(0.5) {
			c.Model, c.Body, c.Output = "create", g.body(g.key()), g.output(keyScope)
		} else {
			c.Model, c.Body, c.Output = "list", g.body(g.page()), g.output(pageScope)
			c.Compact = g.chance(0.1)
		}
		cases[i] = c
	}
	return cases
}
