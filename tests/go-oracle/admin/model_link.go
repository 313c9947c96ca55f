// This file owns the mirror of the SDK's Link: its exported fields, json tags and every
// method (GetX, GetXOk, HasX, SetX, SetXNil, MarshalJSON) with the SDK's receivers and results,
// since a template can call each of them and `%T` names the type.
package admin

// Link: One link of a resource.
type Link struct {
	Href *string `json:"href,omitempty"`
	Rel  *string `json:"rel,omitempty"`
	// NullFields names the fields to encode as an explicit null.
	NullFields []string `json:"-"`
}

// MarshalJSON encodes the struct's tags, then the NullFields as null (a pointer method, as in the SDK).
func (o *Link) MarshalJSON() ([]byte, error) {
	type plain Link
	return marshalWithNullFields(plain(*o), o.NullFields)
}

// GetHref returns the value, or the zero value when unset.
func (o *Link) GetHref() string {
	if o == nil || IsNil(o.Href) {
		var zero string
		return zero
	}
	return *o.Href
}

// GetHrefOk returns the pointer and whether it is set.
func (o *Link) GetHrefOk() (*string, bool) {
	if o == nil || IsNil(o.Href) {
		return nil, false
	}
	return o.Href, true
}

// HasHref is true when the field is set.
func (o *Link) HasHref() bool { return o != nil && !IsNil(o.Href) }

// SetHref stores a copy of v and forgets an explicit null.
func (o *Link) SetHref(v string) {
	o.Href = &v
	o.NullFields = removeNullField(o.NullFields, "Href")
}

// SetHrefNil clears the field and encodes it as an explicit null.
func (o *Link) SetHrefNil() {
	o.Href = nil
	o.NullFields = addNullField(o.NullFields, "Href")
}

// GetRel returns the value, or the zero value when unset.
func (o *Link) GetRel() string {
	if o == nil || IsNil(o.Rel) {
		var zero string
		return zero
	}
	return *o.Rel
}

// GetRelOk returns the pointer and whether it is set.
func (o *Link) GetRelOk() (*string, bool) {
	if o == nil || IsNil(o.Rel) {
		return nil, false
	}
	return o.Rel, true
}

// HasRel is true when the field is set.
func (o *Link) HasRel() bool { return o != nil && !IsNil(o.Rel) }

// SetRel stores a copy of v and forgets an explicit null.
func (o *Link) SetRel(v string) {
	o.Rel = &v
	o.NullFields = removeNullField(o.NullFields, "Rel")
}

// SetRelNil clears the field and encodes it as an explicit null.
func (o *Link) SetRelNil() {
	o.Rel = nil
	o.NullFields = addNullField(o.NullFields, "Rel")
}
