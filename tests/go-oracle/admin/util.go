// Package admin mirrors the few models of go.mongodb.org/atlas-sdk (admin) that the Atlas CLI's
// `organizations apiKeys create|list` print, so that the Go standard library itself can decide
// what the Go CLI prints. The package is named `admin` on purpose: `printf "%T"` and template
// errors name Go types (`*admin.ApiKeyUserDetails`).
//
// This file owns the SDK's helpers: IsNil and the NullFields bookkeeping behind MarshalJSON.
// Written from the SDK's documented behaviour (v20250312023), not copied.
package admin

import (
	"encoding/json"
	"reflect"
	"strings"
)

// IsNil is true for a nil interface, a nil pointer/slice/map/chan/func and a zero array.
func IsNil(i any) bool {
	if i == nil {
		return true
	}
	v := reflect.ValueOf(i)
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Map, reflect.Ptr, reflect.UnsafePointer, reflect.Interface, reflect.Slice:
		return v.IsNil()
	case reflect.Array:
		return v.IsZero()
	}
	return false
}

func addNullField(fields []string, name string) []string {
	for _, f := range fields {
		if f == name {
			return fields
		}
	}
	return append(fields, name)
}

func removeNullField(fields []string, name string) []string {
	for i, f := range fields {
		if f == name {
			return append(fields[:i], fields[i+1:]...)
		}
	}
	return fields
}

// marshalWithNullFields encodes v (a method-less copy of a model) and then writes an explicit
// null for each Go field named in nullFields, as the SDK does.
func marshalWithNullFields(v any, nullFields []string) ([]byte, error) {
	base, err := json.Marshal(v)
	if err != nil || len(nullFields) == 0 {
		return base, err
	}
	var out map[string]json.RawMessage
	if err := json.Unmarshal(base, &out); err != nil {
		return nil, err
	}
	t := reflect.TypeOf(v)
	for _, name := range nullFields {
		if f, ok := t.FieldByName(name); ok {
			tag := f.Tag.Get("json")
			if tag == "" || tag == "-" {
				continue
			}
			key, _, _ := strings.Cut(tag, ",")
			out[key] = json.RawMessage("null")
		}
	}
	return json.Marshal(out)
}
