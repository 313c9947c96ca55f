// This file owns the mirror of the SDK's PaginatedApiApiUser: its exported fields, json tags and every
// method (GetX, GetXOk, HasX, SetX, SetXNil, MarshalJSON) with the SDK's receivers and results,
// since a template can call each of them and `%T` names the type.
package admin

// PaginatedApiApiUser: One page of list results.
type PaginatedApiApiUser struct {
	Links      *[]Link             `json:"links,omitempty"`
	Results    []ApiKeyUserDetails `json:"results"`
	TotalCount *int                `json:"totalCount,omitempty"`
	// NullFields names the fields to encode as an explicit null.
	NullFields []string `json:"-"`
}

// MarshalJSON encodes the struct's tags, then the NullFields as null (a pointer method, as in the SDK).
func (o *PaginatedApiApiUser) MarshalJSON() ([]byte, error) {
	type plain PaginatedApiApiUser
	return marshalWithNullFields(plain(*o), o.NullFields)
}

// GetLinks returns the value, or the zero value when unset.
func (o *PaginatedApiApiUser) GetLinks() []Link {
	if o == nil || IsNil(o.Links) {
		var zero []Link
		return zero
	}
	return *o.Links
}

// GetLinksOk returns the pointer and whether it is set.
func (o *PaginatedApiApiUser) GetLinksOk() (*[]Link, bool) {
	if o == nil || IsNil(o.Links) {
		return nil, false
	}
	return o.Links, true
}

// HasLinks is true when the field is set.
func (o *PaginatedApiApiUser) HasLinks() bool { return o != nil && !IsNil(o.Links) }

// SetLinks stores a copy of v and forgets an explicit null.
func (o *PaginatedApiApiUser) SetLinks(v []Link) {
	o.Links = &v
	o.NullFields = removeNullField(o.NullFields, "Links")
}

// SetLinksNil clears the field and encodes it as an explicit null.
func (o *PaginatedApiApiUser) SetLinksNil() {
	o.Links = nil
	o.NullFields = addNullField(o.NullFields, "Links")
}

// GetResults returns the required field (nil on a nil receiver).
func (o *PaginatedApiApiUser) GetResults() []ApiKeyUserDetails {
	if o == nil {
		return nil
	}
	return o.Results
}

// GetResultsOk returns a pointer to the field and true, or nil and false on a nil receiver.
func (o *PaginatedApiApiUser) GetResultsOk() (*[]ApiKeyUserDetails, bool) {
	if o == nil {
		return nil, false
	}
	return &o.Results, true
}

// SetResults replaces the field.
func (o *PaginatedApiApiUser) SetResults(v []ApiKeyUserDetails) { o.Results = v }

// GetTotalCount returns the value, or the zero value when unset.
func (o *PaginatedApiApiUser) GetTotalCount() int {
	if o == nil || IsNil(o.TotalCount) {
		var zero int
		return zero
	}
	return *o.TotalCount
}

// GetTotalCountOk returns the pointer and whether it is set.
func (o *PaginatedApiApiUser) GetTotalCountOk() (*int, bool) {
	if o == nil || IsNil(o.TotalCount) {
		return nil, false
	}
	return o.TotalCount, true
}

// HasTotalCount is true when the field is set.
func (o *PaginatedApiApiUser) HasTotalCount() bool { return o != nil && !IsNil(o.TotalCount) }

// SetTotalCount stores a copy of v and forgets an explicit null.
func (o *PaginatedApiApiUser) SetTotalCount(v int) {
	o.TotalCount = &v
	o.NullFields = removeNullField(o.NullFields, "TotalCount")
}

// SetTotalCountNil clears the field and encodes it as an explicit null.
func (o *PaginatedApiApiUser) SetTotalCountNil() {
	o.TotalCount = nil
	o.NullFields = addNullField(o.NullFields, "TotalCount")
}
