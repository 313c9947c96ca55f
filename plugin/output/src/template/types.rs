//! The Go types a template can reach from the document it runs on, with their fields and the
//! SDK's zero-argument methods (`GetX`, `HasX`), and the names Go's errors give them.
//!
//! A document describes its Go type as a tree of `'static` [`Struct`]s (see
//! [`crate::model`]), so the checker follows dot through any response the same way.

/// A Go struct of the Atlas SDK: its name for Go's errors and its exported fields, in order.
#[derive(Debug)]
pub struct Struct {
    /// The name `reflect.Type.String` gives, without the pointer star: `admin.Link`.
    pub go_name: &'static str,
    /// Each field's Go name and type.
    pub fields: &'static [(&'static str, Ty)],
}

/// The type of a value in a template, as far as the checker knows it. The `bool` says whether
/// it is a pointer (the SDK's optional fields are pointers; their `GetX` methods return the
/// value).
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
    /// `bool` (from `HasX`).
    Bool,
    /// Not known: nothing is checked below it.
    Unknown,
}

impl Ty {
    /// The type of `.name` on this type, or this type's Go name for the error.
    pub fn field(self, name: &str) -> Result<Ty, String> {
        let fields = match self {
            Ty::Unknown => return Ok(Ty::Unknown),
            Ty::Struct(s, _) => s.fields,
            _ => return Err(self.go_name()),
        };
        let lookup = |field: &str| fields.iter().find(|(n, _)| *n == field).map(|(_, t)| *t);
        if let Some(ty) = lookup(name) {
            return Ok(ty);
        }
        // The SDK's methods: `GetX` returns the value (not a pointer), `HasX` a bool.
        match (name.strip_prefix("Get"), name.strip_prefix("Has")) {
            (Some(field), _) if lookup(field).is_some() => {
                Ok(lookup(field).map_or(Ty::Unknown, Ty::deref))
            }
            (_, Some(field)) if lookup(field).is_some() => Ok(Ty::Bool),
            _ => Err(self.go_name()),
        }
    }

    /// The element of a list (what `range` and `index` give), else unknown.
    pub fn element(self) -> Ty {
        match self {
            Ty::List(element, _) => *element,
            _ => Ty::Unknown,
        }
    }

    fn deref(self) -> Ty {
        match self {
            Ty::Struct(s, _) => Ty::Struct(s, false),
            Ty::List(element, _) => Ty::List(element, false),
            Ty::Str(_) => Ty::Str(false),
            Ty::Int(_) => Ty::Int(false),
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
            Ty::Bool => "bool".to_string(),
            Ty::Unknown => "interface {}".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static LINK: Struct = Struct {
        go_name: "admin.Link",
        fields: &[("Href", Ty::Str(true))],
    };
    static LINK_TY: Ty = Ty::Struct(&LINK, false);
    static DOC: Struct = Struct {
        go_name: "admin.Doc",
        fields: &[
            ("Links", Ty::List(&LINK_TY, true)),
            ("Count", Ty::Int(true)),
        ],
    };

    #[test]
    fn names_types_as_go_reflect_does() {
        let doc = Ty::Struct(&DOC, true);
        assert_eq!(doc.go_name(), "*admin.Doc");
        assert_eq!(doc.field("Links").unwrap().go_name(), "*[]admin.Link");
        assert_eq!(doc.field("GetLinks").unwrap().go_name(), "[]admin.Link");
        assert_eq!(doc.field("Count").unwrap().go_name(), "*int");
        assert_eq!(doc.field("GetCount").unwrap().go_name(), "int");
        assert_eq!(doc.field("HasCount").unwrap().go_name(), "bool");
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
