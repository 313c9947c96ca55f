// Command go-oracle says what the Go Atlas CLI prints for an `apiKeys create` or `apiKeys list`
// response, using Go's own encoding/json, text/template and text/tabwriter on mirror structs of
// the SDK models (package admin). The test tests/it/go_oracle.rs compares it byte for byte with
// the plugins' `render`.
//
//	go-oracle            cases on stdin, one JSON object a line; one verdict a line on stdout
//	go-oracle gen S N    N random cases from seed S, one a line (see gen.go)
//
// A case: {"name", "model": "create"|"list", "output": the -o value, "body": the response body,
// "compact": the list's -c, "files": {path: text} for go-template-file, "go": for json-path,
// the recorded {"stdout", "error"} of Go's PaesslerAG/jsonpath v0.1.1 (see corpus/jsonpath.jsonl)}.
// A verdict: {"name", "stdout_hex": the bytes written to stdout, "error": the error text the CLI
// prints after "Error: " (null for none), "unsupported": why the oracle cannot judge (json-path
// without a recording), "recorded": the verdict is the case's recording, "decode_error": the
// error came from decoding the body}.
package main

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"atlas-go-oracle/admin"
)

type testCase struct {
	Name    string `json:"name"`
	Model   string `json:"model"`
	Output  string `json:"output"`
	Body    string `json:"body"`
	Compact bool   `json:"compact,omitempty"`
	Files   files  `json:"files,omitempty"`
	// Go: what the CLI printed for this json-path case, recorded outside the oracle (the
	// oracle has only the standard library, not PaesslerAG/jsonpath).
	Go *recorded `json:"go,omitempty"`
}

type recorded struct {
	Stdout string  `json:"stdout"`
	Error  *string `json:"error"`
}

type verdict struct {
	Name        string  `json:"name"`
	StdoutHex   string  `json:"stdout_hex"`
	Error       *string `json:"error"`
	Unsupported *string `json:"unsupported"`
	Recorded    bool    `json:"recorded,omitempty"`
	// DecodeError: the error came from decoding the body, before any printing.
	DecodeError bool `json:"decode_error,omitempty"`
}

// decode is the SDK client's decode of a JSON response into *T: an empty body leaves the
// nil pointer, otherwise one value is read with UseNumber (trailing text is not looked at).
func decode[T any](body string) (*T, error) {
	var out *T
	if len(body) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	err := dec.Decode(&out)
	return out, err
}

func judge(c testCase) (v verdict) {
	v.Name = c.Name
	var stdout bytes.Buffer
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("oracle panic: %v", r)
			v.Error = &msg
		}
		v.StdoutHex = hex.EncodeToString(stdout.Bytes())
	}()
	var err error
	decoded := false
	switch c.Model {
	case "create":
		var r *admin.ApiKeyUserDetails
		if r, err = decode[admin.ApiKeyUserDetails](c.Body); err == nil {
			decoded = true
			err = outputPrint(&stdout, c.Output, createTemplate, c.Files, r)
		}
	case "list":
		var r *admin.PaginatedApiApiUser
		if r, err = decode[admin.PaginatedApiApiUser](c.Body); err == nil {
			decoded = true
			if c.Compact {
				err = outputPrintCompact(&stdout, c.Output, listTemplate, c.Files, r)
			} else {
				err = outputPrint(&stdout, c.Output, listTemplate, c.Files, r)
			}
		}
	default:
		err = fmt.Errorf("oracle: unknown model %q", c.Model)
	}
	if err == errUnsupported && c.Go != nil {
		// The body decoded and json-path was chosen: the rest is the library's, as recorded.
		stdout.WriteString(c.Go.Stdout)
		v.Error = c.Go.Error
		v.Recorded = true
	} else if err == errUnsupported {
		msg := err.Error()
		v.Unsupported = &msg
	} else if err != nil {
		msg := err.Error()
		v.Error = &msg
		v.DecodeError = !decoded
	}
	return v
}

func main() {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if len(os.Args) == 4 && os.Args[1] == "gen" {
		seed, err1 := strconv.ParseInt(os.Args[2], 10, 64)
		n, err2 := strconv.Atoi(os.Args[3])
		if err1 != nil || err2 != nil {
			fmt.Fprintln(os.Stderr, "usage: go-oracle gen SEED COUNT")
			os.Exit(2)
		}
		for _, c := range generate(seed, n) {
			if err := enc.Encode(c); err != nil {
				panic(err)
			}
		}
		return
	}
	if len(os.Args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: go-oracle < cases.jsonl | go-oracle gen SEED COUNT")
		os.Exit(2)
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; in.Scan(); line++ {
		text := strings.TrimSpace(in.Text())
		if text == "" || strings.HasPrefix(text, "//") {
			continue
		}
		var c testCase
		if err := json.Unmarshal([]byte(text), &c); err != nil {
			fmt.Fprintf(os.Stderr, "go-oracle: line %d: %v\n", line, err)
			os.Exit(2)
		}
		if err := enc.Encode(judge(c)); err != nil {
			panic(err)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "go-oracle:", err)
		os.Exit(2)
	}
}
