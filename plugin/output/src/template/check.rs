//! Static checks of a parsed template against the response schema, worded as Go words them.
//!
//! Go's parser rejects an undefined function or variable; `gotmpl` finds those only when the
//! action runs, so we look for them here. Go's executor rejects a field the dot's type does not
//! have (`can't evaluate field X in type T`) only when it gets there, which for the Go CLI is
//! after the request (for `apiKeys create`, after the key was created); we follow the type of dot through `range`, `with`, variables,
//! `index` and `valueOrEmptySlice` and reject such a field wherever it is written, taken branch
//! or not. Where the type is not known (a chain on a parenthesised pipeline, a function's
//! result), we leave the field to the dry run and to the executor.

use gotmpl::parse::{CommandNode, Expr, ListNode, Node, PipeNode, SmolStr};

use super::types::Ty;
use super::{FUNCTIONS, Issue};

/// The first parse-time issue (undefined function or variable) and the first field issue.
#[derive(Default)]
pub struct Found {
    pub parse: Option<Issue>,
    pub field: Option<Issue>,
}

/// Walk one tree (the main one, or a `{{define}}` body named `name`) with dot of type `dot`.
pub fn walk(src: &str, name: &str, list: &ListNode, dot: Ty, found: &mut Found) {
    let mut walker = Walker {
        src,
        name,
        scopes: vec![vec![(SmolStr::new("$"), dot)]],
        found,
    };
    walker.list(list, dot);
}

struct Walker<'a> {
    src: &'a str,
    name: &'a str,
    scopes: Vec<Vec<(SmolStr, Ty)>>,
    found: &'a mut Found,
}

impl Walker<'_> {
    fn list(&mut self, list: &ListNode, dot: Ty) {
        for node in &list.nodes {
            self.node(node, dot);
        }
    }

    fn node(&mut self, node: &Node, dot: Ty) {
        match node {
            Node::Action(action) => {
                self.pipe(&action.pipe, dot);
            }
            Node::If(b) | Node::With(b) | Node::Range(b) => {
                self.scopes.push(Vec::new());
                let ty = self.pipe(&b.pipe, dot);
                let inner = match node {
                    Node::If(_) => dot,
                    Node::With(_) => ty,
                    _ => self.range_vars(&b.pipe, ty),
                };
                self.list(&b.body, inner);
                if let Some(else_body) = &b.else_body {
                    self.list(else_body, dot);
                }
                self.scopes.pop();
            }
            Node::Template(t) => {
                if let Some(pipe) = &t.pipe {
                    self.pipe(pipe, dot);
                }
            }
            Node::List(list) => self.list(list, dot),
            Node::Text(_) | Node::Define(_) | Node::Break(_) | Node::Continue(_) => {}
        }
    }

    /// `range $i, $v := X`: `$v` (or the only variable) is the element, as is dot.
    fn range_vars(&mut self, pipe: &PipeNode, ty: Ty) -> Ty {
        let elem = ty.element();
        if let Some(scope) = self.scopes.last_mut() {
            scope.retain(|(name, _)| !pipe.decl.contains(name));
            if let [index, _] = pipe.decl.as_slice() {
                scope.push((index.clone(), Ty::Unknown));
            }
            if let Some(value) = pipe.decl.last() {
                scope.push((value.clone(), elem));
            }
        }
        elem
    }

    fn pipe(&mut self, pipe: &PipeNode, dot: Ty) -> Ty {
        let mut ty = Ty::Unknown;
        for (i, command) in pipe.commands.iter().enumerate() {
            ty = self.command(command, dot, (i > 0).then_some(ty));
        }
        if let (false, Some(scope)) = (pipe.is_assign, self.scopes.last_mut()) {
            scope.extend(pipe.decl.iter().map(|name| (name.clone(), ty)));
        }
        ty
    }

    fn command(&mut self, command: &CommandNode, dot: Ty, piped: Option<Ty>) -> Ty {
        let types: Vec<Ty> = command.args.iter().map(|arg| self.expr(arg, dot)).collect();
        let Some(Expr::Identifier(_, function)) = command.args.first() else {
            return types.first().copied().unwrap_or(Ty::Unknown);
        };
        let mut args: Vec<Ty> = types[1..].to_vec();
        args.extend(piped);
        match (function.as_str(), args.as_slice()) {
            ("valueOrEmptySlice", [ty]) => *ty,
            ("index", [list, _]) => list.element(),
            _ => Ty::Unknown,
        }
    }

    fn expr(&mut self, expr: &Expr, dot: Ty) -> Ty {
        match expr {
            Expr::Dot(_) => dot,
            Expr::Field(pos, names) => {
                let at = field_position(pos.offset, names);
                let context = format!(".{}", names.join("."));
                self.fields(dot, names, at, &context)
            }
            Expr::Variable(pos, var, names) => {
                let base = self.variable(pos.offset, var);
                let context = std::iter::once(var.as_str())
                    .chain(names.iter().map(SmolStr::as_str))
                    .collect::<Vec<_>>()
                    .join(".");
                self.fields(base, names, pos.offset + var.len(), &context)
            }
            Expr::Identifier(pos, name) => {
                if !FUNCTIONS.contains(&name.as_str()) {
                    let message = format!("function {} not defined", crate::gofmt::quote(name));
                    self.parse_issue(pos.offset, message);
                }
                Ty::Unknown
            }
            Expr::Pipe(_, pipe) => {
                self.scopes.push(Vec::new());
                let ty = self.pipe(pipe, dot);
                self.scopes.pop();
                ty
            }
            Expr::Chain(_, inner, _) => {
                self.expr(inner, dot);
                Ty::Unknown
            }
            Expr::String(..) => Ty::Str(false),
            Expr::Number(..) | Expr::Bool(..) | Expr::Nil(_) => Ty::Unknown,
        }
    }

    fn variable(&mut self, offset: usize, name: &str) -> Ty {
        let found = self
            .scopes
            .iter()
            .rev()
            .flat_map(|s| s.iter().rev())
            .find(|(n, _)| n == name);
        match found {
            Some((_, ty)) => *ty,
            None => {
                self.parse_issue(
                    offset,
                    format!("undefined variable {}", crate::gofmt::quote(name)),
                );
                Ty::Unknown
            }
        }
    }

    /// Go's `evalFieldChain`: each name must be a field or method of the type before it.
    fn fields(&mut self, mut ty: Ty, names: &[SmolStr], at: usize, context: &str) -> Ty {
        for name in names {
            match ty.field(name) {
                Ok(next) => ty = next,
                Err(type_name) => {
                    if self.found.field.is_none() {
                        let message = format!(
                            "executing {} at <{context}>: can't evaluate field {name} in type \
                             {type_name}",
                            crate::gofmt::quote(self.name)
                        );
                        self.found.field = Some(Issue::exec(self.src, at, message));
                    }
                    return Ty::Unknown;
                }
            }
        }
        ty
    }

    fn parse_issue(&mut self, offset: usize, message: String) {
        let issue = Issue::parse(self.src, offset, message);
        match &self.found.parse {
            Some(first) if first.offset <= offset => {}
            _ => self.found.parse = Some(issue),
        }
    }
}

/// Go's parser folds `.A.B` into one field node placed at the second name (`operand` builds a
/// chain at the next token, then flattens it), so errors in a chain point there.
fn field_position(offset: usize, names: &[SmolStr]) -> usize {
    match names {
        [first, _, ..] => offset + 1 + first.len(),
        _ => offset,
    }
}
