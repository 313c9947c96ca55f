// This file owns the mirror of the SDK's CloudAccessRoleAssignment: its exported fields, json tags and every
// method (GetX, GetXOk, HasX, SetX, SetXNil, MarshalJSON) with the SDK's receivers and results,
// since a template can call each of them and `%T` names the type.
package admin

// CloudAccessRoleAssignment: One role of a key, on an organization or a project.
type CloudAccessRoleAssignment struct {
	GroupId  *string `json:"groupId,omitempty"`
	OrgId    *string `json:"orgId,omitempty"`
	RoleName *string `json:"roleName,omitempty"`
	// NullFields names the fields to encode as an explicit null.
	NullFields []string `json:"-"`
}

// MarshalJSON encodes the struct's tags, then the NullFields as null (a pointer method, as in the SDK).
func (o *CloudAccessRoleAssignment) MarshalJSON() ([]byte, error) {
	type plain CloudAccessRoleAssignment
	return marshalWithNullFields(plain(*o), o.NullFields)
}

// GetGroupId returns the value, or the zero value when unset.
func (o *CloudAccessRoleAssignment) GetGroupId() string {
	if o == nil || IsNil(o.GroupId) {
		var zero string
		return zero
	}
	return *o.GroupId
}

// GetGroupIdOk returns the pointer and whether it is set.
func (o *CloudAccessRoleAssignment) GetGroupIdOk() (*string, bool) {
	if o == nil || IsNil(o.GroupId) {
		return nil, false
	}
	return o.GroupId, true
}

// HasGroupId is true when the field is set.
func (o *CloudAccessRoleAssignment) HasGroupId() bool { return o != nil && !IsNil(o.GroupId) }

// SetGroupId stores a copy of v and forgets an explicit null.
func (o *CloudAccessRoleAssignment) SetGroupId(v string) {
	o.GroupId = &v
	o.NullFields = removeNullField(o.NullFields, "GroupId")
}

// SetGroupIdNil clears the field and encodes it as an explicit null.
func (o *CloudAccessRoleAssignment) SetGroupIdNil() {
	o.GroupId = nil
	o.NullFields = addNullField(o.NullFields, "GroupId")
}

// GetOrgId returns the value, or the zero value when unset.
func (o *CloudAccessRoleAssignment) GetOrgId() string {
	if o == nil || IsNil(o.OrgId) {
		var zero string
		return zero
	}
	return *o.OrgId
}

// GetOrgIdOk returns the pointer and whether it is set.
func (o *CloudAccessRoleAssignment) GetOrgIdOk() (*string, bool) {
	if o == nil || IsNil(o.OrgId) {
		return nil, false
	}
	return o.OrgId, true
}

// HasOrgId is true when the field is set.
func (o *CloudAccessRoleAssignment) HasOrgId() bool { return o != nil && !IsNil(o.OrgId) }

// SetOrgId stores a copy of v and forgets an explicit null.
func (o *CloudAccessRoleAssignment) SetOrgId(v string) {
	o.OrgId = &v
	o.NullFields = removeNullField(o.NullFields, "OrgId")
}

// SetOrgIdNil clears the field and encodes it as an explicit null.
func (o *CloudAccessRoleAssignment) SetOrgIdNil() {
	o.OrgId = nil
	o.NullFields = addNullField(o.NullFields, "OrgId")
}

// GetRoleName returns the value, or the zero value when unset.
func (o *CloudAccessRoleAssignment) GetRoleName() string {
	if o == nil || IsNil(o.RoleName) {
		var zero string
		return zero
	}
	return *o.RoleName
}

// GetRoleNameOk returns the pointer and whether it is set.
func (o *CloudAccessRoleAssignment) GetRoleNameOk() (*string, bool) {
	if o == nil || IsNil(o.RoleName) {
		return nil, false
	}
	return o.RoleName, true
}

// HasRoleName is true when the field is set.
func (o *CloudAccessRoleAssignment) HasRoleName() bool { return o != nil && !IsNil(o.RoleName) }

// SetRoleName stores a copy of v and forgets an explicit null.
func (o *CloudAccessRoleAssignment) SetRoleName(v string) {
	o.RoleName = &v
	o.NullFields = removeNullField(o.NullFields, "RoleName")
}

// SetRoleNameNil clears the field and encodes it as an explicit null.
func (o *CloudAccessRoleAssignment) SetRoleNameNil() {
	o.RoleName = nil
	o.NullFields = addNullField(o.NullFields, "RoleName")
}
