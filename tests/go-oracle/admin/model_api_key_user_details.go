// This file owns the mirror of the SDK's ApiKeyUserDetails: its exported fields, json tags and every
// method (GetX, GetXOk, HasX, SetX, SetXNil, MarshalJSON) with the SDK's receivers and results,
// since a template can call each of them and `%T` names the type.
package admin

// ApiKeyUserDetails: Details of the Programmatic API Keys (the body of create, and each list result).
type ApiKeyUserDetails struct {
	Desc       *string                      `json:"desc,omitempty"`
	Id         *string                      `json:"id,omitempty"`
	Links      *[]Link                      `json:"links,omitempty"`
	PrivateKey *string                      `json:"privateKey,omitempty"`
	PublicKey  *string                      `json:"publicKey,omitempty"`
	Roles      *[]CloudAccessRoleAssignment `json:"roles,omitempty"`
	// NullFields names the fields to encode as an explicit null.
	NullFields []string `json:"-"`
}

// MarshalJSON encodes the struct's tags, then the NullFields as null (a pointer method, as in the SDK).
func (o *ApiKeyUserDetails) MarshalJSON() ([]byte, error) {
	type plain ApiKeyUserDetails
	return marshalWithNullFields(plain(*o), o.NullFields)
}

// GetDesc returns the value, or the zero value when unset.
func (o *ApiKeyUserDetails) GetDesc() string {
	if o == nil || IsNil(o.Desc) {
		var zero string
		return zero
	}
	return *o.Desc
}

// GetDescOk returns the pointer and whether it is set.
func (o *ApiKeyUserDetails) GetDescOk() (*string, bool) {
	if o == nil || IsNil(o.Desc) {
		return nil, false
	}
	return o.Desc, true
}

// HasDesc is true when the field is set.
func (o *ApiKeyUserDetails) HasDesc() bool { return o != nil && !IsNil(o.Desc) }

// SetDesc stores a copy of v and forgets an explicit null.
func (o *ApiKeyUserDetails) SetDesc(v string) {
	o.Desc = &v
	o.NullFields = removeNullField(o.NullFields, "Desc")
}

// SetDescNil clears the field and encodes it as an explicit null.
func (o *ApiKeyUserDetails) SetDescNil() {
	o.Desc = nil
	o.NullFields = addNullField(o.NullFields, "Desc")
}

// GetId returns the value, or the zero value when unset.
func (o *ApiKeyUserDetails) GetId() string {
	if o == nil || IsNil(o.Id) {
		var zero string
		return zero
	}
	return *o.Id
}

// GetIdOk returns the pointer and whether it is set.
func (o *ApiKeyUserDetails) GetIdOk() (*string, bool) {
	if o == nil || IsNil(o.Id) {
		return nil, false
	}
	return o.Id, true
}

// HasId is true when the field is set.
func (o *ApiKeyUserDetails) HasId() bool { return o != nil && !IsNil(o.Id) }

// SetId stores a copy of v and forgets an explicit null.
func (o *ApiKeyUserDetails) SetId(v string) {
	o.Id = &v
	o.NullFields = removeNullField(o.NullFields, "Id")
}

// SetIdNil clears the field and encodes it as an explicit null.
func (o *ApiKeyUserDetails) SetIdNil() {
	o.Id = nil
	o.NullFields = addNullField(o.NullFields, "Id")
}

// GetLinks returns the value, or the zero value when unset.
func (o *ApiKeyUserDetails) GetLinks() []Link {
	if o == nil || IsNil(o.Links) {
		var zero []Link
		return zero
	}
	return *o.Links
}

// GetLinksOk returns the pointer and whether it is set.
func (o *ApiKeyUserDetails) GetLinksOk() (*[]Link, bool) {
	if o == nil || IsNil(o.Links) {
		return nil, false
	}
	return o.Links, true
}

// HasLinks is true when the field is set.
func (o *ApiKeyUserDetails) HasLinks() bool { return o != nil && !IsNil(o.Links) }

// SetLinks stores a copy of v and forgets an explicit null.
func (o *ApiKeyUserDetails) SetLinks(v []Link) {
	o.Links = &v
	o.NullFields = removeNullField(o.NullFields, "Links")
}

// SetLinksNil clears the field and encodes it as an explicit null.
func (o *ApiKeyUserDetails) SetLinksNil() {
	o.Links = nil
	o.NullFields = addNullField(o.NullFields, "Links")
}

// GetPrivateKey returns the value, or the zero value when unset.
func (o *ApiKeyUserDetails) GetPrivateKey() string {
	if o == nil || IsNil(o.PrivateKey) {
		var zero string
		return zero
	}
	return *o.PrivateKey
}

// GetPrivateKeyOk returns the pointer and whether it is set.
func (o *ApiKeyUserDetails) GetPrivateKeyOk() (*string, bool) {
	if o == nil || IsNil(o.PrivateKey) {
		return nil, false
	}
	return o.PrivateKey, true
}

// HasPrivateKey is true when the field is set.
func (o *ApiKeyUserDetails) HasPrivateKey() bool { return o != nil && !IsNil(o.PrivateKey) }

// SetPrivateKey stores a copy of v and forgets an explicit null.
func (o *ApiKeyUserDetails) SetPrivateKey(v string) {
	o.PrivateKey = &v
	o.NullFields = removeNullField(o.NullFields, "PrivateKey")
}

// SetPrivateKeyNil clears the field and encodes it as an explicit null.
func (o *ApiKeyUserDetails) SetPrivateKeyNil() {
	o.PrivateKey = nil
	o.NullFields = addNullField(o.NullFields, "PrivateKey")
}

// GetPublicKey returns the value, or the zero value when unset.
func (o *ApiKeyUserDetails) GetPublicKey() string {
	if o == nil || IsNil(o.PublicKey) {
		var zero string
		return zero
	}
	return *o.PublicKey
}

// GetPublicKeyOk returns the pointer and whether it is set.
func (o *ApiKeyUserDetails) GetPublicKeyOk() (*string, bool) {
	if o == nil || IsNil(o.PublicKey) {
		return nil, false
	}
	return o.PublicKey, true
}

// HasPublicKey is true when the field is set.
func (o *ApiKeyUserDetails) HasPublicKey() bool { return o != nil && !IsNil(o.PublicKey) }

// SetPublicKey stores a copy of v and forgets an explicit null.
func (o *ApiKeyUserDetails) SetPublicKey(v string) {
	o.PublicKey = &v
	o.NullFields = removeNullField(o.NullFields, "PublicKey")
}

// SetPublicKeyNil clears the field and encodes it as an explicit null.
func (o *ApiKeyUserDetails) SetPublicKeyNil() {
	o.PublicKey = nil
	o.NullFields = addNullField(o.NullFields, "PublicKey")
}

// GetRoles returns the value, or the zero value when unset.
func (o *ApiKeyUserDetails) GetRoles() []CloudAccessRoleAssignment {
	if o == nil || IsNil(o.Roles) {
		var zero []CloudAccessRoleAssignment
		return zero
	}
	return *o.Roles
}

// GetRolesOk returns the pointer and whether it is set.
func (o *ApiKeyUserDetails) GetRolesOk() (*[]CloudAccessRoleAssignment, bool) {
	if o == nil || IsNil(o.Roles) {
		return nil, false
	}
	return o.Roles, true
}

// HasRoles is true when the field is set.
func (o *ApiKeyUserDetails) HasRoles() bool { return o != nil && !IsNil(o.Roles) }

// SetRoles stores a copy of v and forgets an explicit null.
func (o *ApiKeyUserDetails) SetRoles(v []CloudAccessRoleAssignment) {
	o.Roles = &v
	o.NullFields = removeNullField(o.NullFields, "Roles")
}

// SetRolesNil clears the field and encodes it as an explicit null.
func (o *ApiKeyUserDetails) SetRolesNil() {
	o.Roles = nil
	o.NullFields = addNullField(o.NullFields, "Roles")
}
