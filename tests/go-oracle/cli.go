// This file owns what the Atlas CLI (mongodb/mongodb-atlas-cli, internal/cli/output_opts.go,
// internal/templatewriter, internal/jsonwriter) does with a decoded response: the choice of
// format from the -o value, text/template with the CLI's two extra functions written through
// text/tabwriter(6, 4, 3, ' ', 0), and json.MarshalIndent plus a newline. Reimplemented here
// from the CLI's source as read, with the standard library only; JSONPath is not: a json-path
// case carries Go's recorded output instead (see main.go and corpus/jsonpath.jsonl).
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"text/tabwriter"
	"text/template"
)

// The default templates of `apiKeys create` and `apiKeys list`, as the CLI declares them.
const createTemplate = "API Key '{{.Id}}' created.\nPublic API Key {{.PublicKey}}\nPrivate API Key {{.PrivateKey}}\n"

const listTemplate = "ID\tDESCRIPTION\tPUBLIC KEY\tPRIVATE KEY{{range valueOrEmptySlice .Results}}\n{{.Id}}\t{{.Desc}}\t{{.PublicKey}}\t{{.PrivateKey}}{{end}}\n"

var errUnsupported = errors.New("json-path: github.com/PaesslerAG/jsonpath is not in Go's standard library and cannot be downloaded here, and the case has no recording of Go's output")

var funcMap = template.FuncMap{
	"valueOrEmptySlice": valueOrEmptySlice,
	"formatAliases":     formatAliases,
}

// valueOrEmptySlice: a nil interface, nil slice or nil pointer gives a nil interface; else v.
func valueOrEmptySlice(v any) (result any) {
	if v == nil {
		return result
	}
	k := reflect.TypeOf(v).Kind()
	if (k == reflect.Slice || k == reflect.Ptr) && reflect.ValueOf(v).IsNil() {
		return result
	}
	return v
}

// formatAliases: " [aliases: a, b]", or "" for none.
func formatAliases(aliases []string) string {
	if len(aliases) == 0 {
		return ""
	}
	return " [aliases: " + strings.Join(aliases, ", ") + "]"
}

// templatePrint is templatewriter.Print: parse as "output", execute into the tabwriter, and
// flush only when execution succeeded (what the tabwriter wrote before an error stays written).
func templatePrint(w io.Writer, t string, v any) error {
	tmpl, err := template.New("output").Funcs(funcMap).Parse(t)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 6, 4, 3, ' ', 0)
	if err := tmpl.Execute(tw, v); err != nil {
		return err
	}
	return tw.Flush()
}

// jsonPrint is jsonwriter.Print.
func jsonPrint(w io.Writer, v any) error {
	pretty, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, string(pretty))
	return err
}

// files stands in for the file system that go-template-file reads.
type files map[string]string

func (fs files) read(path string) (string, error) {
	if text, ok := fs[path]; ok {
		return text, nil
	}
	return "", &os.PathError{Op: "open", Path: path, Err: errors.New("no such file or directory")}
}

// outputTypeAndValue: the first of go-template=, go-template-file=, json-path= that prefixes
// the output value, and the rest; else no type and the command's own template.
func outputTypeAndValue(output, own string) (string, string) {
	for _, format := range []string{"go-template", "go-template-file", "json-path"} {
		if strings.HasPrefix(output, format+"=") {
			return format, output[len(format)+1:]
		}
	}
	return "", own
}

func templateText(outputType, value string, fs files) (string, error) {
	if outputType == "go-template-file" {
		data, err := fs.read(value)
		if err != nil {
			return "", fmt.Errorf("%w: %s, %v", errors.New("error loading template"), value, err)
		}
		return data, nil
	}
	return value, nil
}

func isNil(o any) bool {
	if o == nil {
		return true
	}
	switch reflect.TypeOf(o).Kind() {
	case reflect.Array, reflect.Slice, reflect.Map, reflect.Chan, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return reflect.ValueOf(o).IsNil()
	}
	return false
}

func isOrPtrToSliceOrArray(o any) bool {
	t := reflect.TypeOf(o)
	if t == nil {
		return false
	}
	switch t.Kind() {
	case reflect.Array, reflect.Slice:
		return true
	case reflect.Pointer:
		switch reflect.PointerTo(t).Kind() {
		case reflect.Array, reflect.Slice:
			return true
		}
	}
	return false
}

// outputPrint is OutputOpts.Print.
func outputPrint(w io.Writer, output, own string, fs files, o any) error {
	if output == "json" {
		return jsonPrint(w, o)
	}
	outputType, value := outputTypeAndValue(output, own)
	if outputType == "json-path" {
		return errUnsupported
	}
	t, err := templateText(outputType, value, fs)
	if err != nil {
		return err
	}
	if t != "" {
		if isNil(o) {
			if isOrPtrToSliceOrArray(o) {
				o = []map[string]any{}
			} else {
				o = map[string]any{}
			}
		}
		return templatePrint(w, t, o)
	}
	_, err = fmt.Fprintln(w, o)
	return err
}

// outputPrintCompact is OutputOpts.PrintForCompactResultsResponse. Its JSONPath lookup of the
// plain key "results" is done as a map lookup: json.Marshal of the page always writes that key
// (no omitempty), so the lookup cannot fail; json-path itself is left to the recording.
func outputPrintCompact(w io.Writer, output, own string, fs files, o any) error {
	if output == "json" {
		encoded, err := json.Marshal(o)
		if err == nil {
			var val any
			if err = json.Unmarshal(encoded, &val); err == nil {
				if m, ok := val.(map[string]any); ok {
					return jsonPrint(w, m["results"])
				}
			}
		}
	}
	outputType, value := outputTypeAndValue(output, own)
	if outputType == "json-path" {
		return errUnsupported
	}
	t, err := templateText(outputType, value, fs)
	if err != nil {
		return err
	}
	if t != "" {
		return templatePrint(w, t, o)
	}
	_, err = fmt.Fprintln(w, o)
	return err
}
