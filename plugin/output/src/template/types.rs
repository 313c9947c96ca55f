//! The Go types a template can reach from the document it runs on: the SDK's structs with their
//! fields, the `NullFields` every SDK model has, and the SDK's methods (`GetX`, `GetXOk`, `HasX`,
//! `SetX`, `SetXNil`, `MarshalJSON`), and the names Go's `reflect` gives them.
//!
//! A document describes its Go type as a tree of `'static` [`Struct`]s (see
//! [`crate::model`]), so the checker and the executor follow dot through any response the same
//! way.

/// A Go struct of the Atlas SDK: its name for Go's messages and its exported fields, in order.
/// Every SDK model also has `NullFields []string` last (not in `fields`).
#[derive(Debug)]
pub struct Struct {
    /// The name `reflect.Type.String` gives, without the pointer star: `admin.Link`.
    pub go_name: &'static str,
    /// Each field.
    pub fields: &'static [FieldDesc],
}

/// One field of a [`Struct`].
#[derive(Debug)]
pub struct FieldDesc {
    /// Its Go name: `Desc`.
    pub name: &'static str,
    /// Its JSON key (what `MarshalJSON` writes).
    pub json: &'static str,
    /// Its Go type.
    pub ty: Ty,
    /// A required field (no `omitempty`, not a pointer): the SDK gives it no `HasX`/`SetXNil`.
    pub required: bool,
}

/// The name of the field every SDK model ends with.
pub const NULL_FIELDS: &str = "NullFields";

/// `string`, the element of `NullFields`.
pub static STRING: Ty = Ty::Str(false);

/// The type of `NullFields`.
pub const NULL_FIELDS_TY: Ty = Ty::List(&STRING, false);

/// An SDK method of a struct, with the index of the field it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GetX() T`: the value, or its zero value when nil.
    Get(usize),
    /// `GetXOk() (*T, bool)`.
    GetOk(usize),
    /// `HasX() bool`.
    Has(usize),
    /// `SetX(v T)`.
    Set(usize),
    /// `SetXNil()`.
    SetNil(usize),
    /// `MarshalJSON() ([]byte, error)`.
    MarshalJson,
}

impl Method {
    /// How many arguments it takes, how many results it has, and whether a template may call
    /// it (Go's `goodFunc`: one result, or a result and an error).
    pub fn signature(self) -> (usize, usize, bool) {
        match self {
            Method::Get(_) | Method::Has(_) => (0, 1, true),
            Method::GetOk(_) => (0, 2, false),
            Method::Set(_) => (1, 0, false),
            Method::SetNil(_) => (0, 0, false),
            Method::MarshalJson => (0, 2, true),
        }
    }
}

impl Struct {
    /// The index of field `name`; `NullFields` is `fields.len()`.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        if name == NULL_FIELDS {
            return Some(self.fields.len());
        }
        self.fields.iter().position(|f| f.name == name)
    }

    /// The type of field `index` (see [`Struct::field_index`]).
    pub fn field_ty(&self, index: usize) -> Ty {
        self.fields.get(index).map_or(NULL_FIELDS_TY, |f| f.ty)
    }

    /// The SDK method `name` of `*T`.
    pub fn method(&self, name: &str) -> Option<Method> {
        if name == "MarshalJSON" {
            return Some(Method::MarshalJson);
        }
        let field = |rest: &str| self.fields.iter().position(|f| f.name == rest);
        let optional = |i: usize| !self.fields[i].required;
        if let Some(rest) = name.strip_prefix("Get") {
            if let Some(i) = rest.strip_suffix("Ok").and_then(field) {
                return Some(Method::GetOk(i));
            }
            return field(rest).map(Method::Get);
        }
        if let Some(rest) = name.strip_prefix("Has") {
            return field(rest).filter(|i| optional(*i)).map(Method::Has);
        }
        if let Some(rest) = name.strip_prefix("Set") {
            if let Some(i) = rest.strip_suffix("Nil").and_then(field) {
                return optional(i).then_some(Method::SetNil(i));
            }
            return field(rest).map(Method::Set);
        }
        None
    }
}

/// A Go type a template value can have. The `bool` says whether it is a pointer (the SDK's
/// optional fields are pointers; their `GetX` methods return the value).
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A struct, or a pointer to one.
    Struct(&'static Struct, bool),
    /// A slice of the element type, or a pointer to one.
    List(&'static Ty, bool),
    /// `*string` (`true`) or `string`.
    Str(bool),
    /// `*int` (`true`) or `int`.
    Int(bool),
    /// `*time.Time` (`true`) or `time.Time`.
    Time(bool),
    /// `bool` (from `HasX`, comparisons, constants).
    Bool,
    /// `float64` (a constant such as `1.5`).
    Float,
    /// `[]uint8` (what `MarshalJSON` returns).
    Bytes,
    /// Not known: nothing is checked below it.
    Unknown,
}

impl Ty {
    /// The type of `.name` on this type, or this type's Go name for the error.
    pub fn field(self, name: &str) -> Result<Ty, String> {
        let s = match self {
            Ty::Unknown => return Ok(Ty::Unknown),
            Ty::Struct(s, _) => s,
            _ => return Err(self.go_name()),
        };
        if let Some(i) = s.field_index(name) {
            return Ok(s.field_ty(i));
        }
        match s.method(name) {
            Some(Method::Get(i)) => Ok(s.field_ty(i).deref()),
            Some(Method::Has(_)) => Ok(Ty::Bool),
            Some(Method::MarshalJson) => Ok(Ty::Bytes),
            // Go refuses to call these in a template, when it gets there.
            Some(_) => Ok(Ty::Unknown),
            None => Err(self.go_name()),
        }
    }

    /// The element of a list (what `range` and `index` give), else unknown.
    pub fn element(self) -> Ty {
        match self {
            Ty::List(element, _) => *element,
            _ => Ty::Unknown,
        }
    }

    /// Whether it is a pointer type.
    pub fn is_pointer(self) -> bool {
        matches!(
            self,
            Ty::Struct(_, true)
                | Ty::List(_, true)
                | Ty::Str(true)
                | Ty::Int(true)
                | Ty::Time(true)
        )
    }

    /// The type a pointer points to (itself for other types).
    pub const fn deref(self) -> Ty {
        match self {
            Ty::Struct(s, _) => Ty::Struct(s, false),
            Ty::List(element, _) => Ty::List(element, false),
            Ty::Str(_) => Ty::Str(false),
            Ty::Int(_) => Ty::Int(false),
            Ty::Time(_) => Ty::Time(false),
            other => other,
        }
    }

    /// The name Go's `reflect.Type.String` gives.
    pub fn go_name(self) -> String {
        let star = |pointer: bool| if pointer { "*" } else { "" };
        match self {
            Ty::Struct(s, pointer) => format!("{}{}", star(pointer), s.go_name),
            Ty::List(element, pointer) => format!("{}[]{}", star(pointer), element.go_name()),
            Ty::Str(pointer) => format!("{}string", star(pointer)),
            Ty::Int(pointer) => format!("{}int", star(pointer)),
            Ty::Time(pointer) => format!("{}time.Time", star(pointer)),
            Ty::Bool => "bool".to_string(),
            Ty::Float => "float64".to_string(),
            Ty::Bytes => "[]uint8".to_string(),
            Ty::Unknown => "interface {}".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static LINK: Struct = Struct {
        go_name: "admin.Link",
        fields: &[FieldDesc {
            name: "Href",
            json: "href",
            ty: Ty::Str(true),
            required: false,
        }],
    };
    static LINK_TY: Ty = Ty::Struct(&LINK, false);
    static DOC: Struct = Struct {
        go_name: "admin.Doc",
        fields: &[
            FieldDesc {
                name: "Links",
                json: "links",
                ty: Ty::List(&LINK_TY, false),
                required: true,
            },
            FieldDesc {
                name: "Count",
                json: "count",
                ty: Ty::Int(true),
                required: false,
            },
        ],
    };

    #[test]
    fn names_types_as_go_reflect_does() {
        let doc = Ty::Struct(&DOC, true);
        assert_eq!(doc.go_name(), "*admin.Doc");
        assert_eq!(doc.field("Links").unwrap().go_name(), "[]admin.Link");
        assert_eq!(doc.field("GetLinks").unwrap().go_name(), "[]admin.Link");
        assert_eq!(doc.field("Count").unwrap().go_name(), "*int");
        assert_eq!(doc.field("GetCount").unwrap().go_name(), "int");
        assert_eq!(doc.field("HasCount").unwrap().go_name(), "bool");
        assert_eq!(doc.field("NullFields").unwrap().go_name(), "[]string");
        assert_eq!(doc.field("MarshalJSON").unwrap().go_name(), "[]uint8");
    }

    #[test]
    fn a_required_field_has_no_has_or_set_nil_method() {
        assert_eq!(DOC.method("HasLinks"), None);
        assert_eq!(DOC.method("SetLinksNil"), None);
        assert_eq!(DOC.method("GetLinksOk"), Some(Method::GetOk(0)));
        assert_eq!(DOC.method("SetCountNil"), Some(Method::SetNil(1)));
        assert_eq!(DOC.method("SetCount"), Some(Method::Set(1)));
        assert!(Ty::Struct(&DOC, true).field("HasLinks").is_err());
    }

    #[test]
    fn follows_lists_to_their_elements_and_refuses_unknown_fields() {
        let doc = Ty::Struct(&DOC, true);
        let link = doc.field("Links").unwrap().element();
        assert_eq!(link.go_name(), "admin.Link");
        assert_eq!(link.field("Nope").unwrap_err(), "admin.Link");
        assert_eq!(doc.field("GetNope").unwrap_err(), "*admin.Doc");
        assert_eq!(Ty::Str(true).field("X").unwrap_err(), "*string");
        assert_eq!(Ty::Unknown.field("X").unwrap().go_name(), "interface {}");
    }
}
