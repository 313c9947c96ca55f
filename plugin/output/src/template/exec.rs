//! Our executor of a parsed template (`gotmpl` parses; this runs), written after Go's
//! `text/template/exec.go`: the same walk over the tree, the same rules for fields, the SDK's
//! methods, variables, pipelines, `if`/`with`/`range`/`template`, and the same error frames
//! (`template: output:1:2: executing "output" at <len .Roles>: error calling len: …`), over
//! typed Go [`Value`]s. The built-in functions are in [`super::funcs`].

use std::collections::BTreeMap;

use gotmpl::parse::{CommandNode, Expr, ListNode, Node, Number, PipeNode};

use super::funcs::{self, Param};
use super::node::{self, At};
use super::value::Value;
use super::{NAME, line_col};

/// Go's limit is 100,000 nested `{{template}}` calls; the wasm stack holds fewer, so we stop
/// earlier, with Go's message. [ours] The `if`, `with` and `range` a call is nested in count
/// too: each takes the same stack as a call (a recursion through them trapped at fewer calls).
const MAX_DEPTH: usize = 1000;

/// An execution error: the message in Go's frame, and whether it is an index past a list's end
/// (which `plan`'s dry run on a sample forgives: a real answer may be longer).
#[derive(Debug)]
pub struct ExecError {
    pub message: String,
    pub index_range: bool,
}

type R<T> = Result<T, ExecError>;

/// How a walk ended: normally, or at `{{break}}`/`{{continue}}`.
#[derive(PartialEq, Eq)]
enum Flow {
    Normal,
    Break,
    Continue,
}

/// Runs template `name` of `templates` (parsed from `src`) with `dot`; the bytes it prints.
pub fn run(
    src: &str,
    templates: &BTreeMap<String, ListNode>,
    name: &str,
    dot: &Value,
) -> R<Vec<u8>> {
    let mut out = Vec::new();
    let root = templates.get(name).ok_or_else(|| ExecError {
        message: format!(
            "template: {NAME}: no template {}",
            crate::gofmt::quote(name)
        ),
        index_range: false,
    })?;
    let mut state = State {
        src,
        templates,
        name,
        at: At::None,
        vars: vec![("$".to_string(), dot.clone())],
        out: &mut out,
        depth: 0,
    };
    state.list(dot, root)?;
    Ok(out)
}

struct State<'t, 'o> {
    src: &'t str,
    templates: &'t BTreeMap<String, ListNode>,
    name: &'t str,
    at: At<'t>,
    vars: Vec<(String, Value)>,
    out: &'o mut Vec<u8>,
    depth: usize,
}

impl<'t> State<'t, '_> {
    /// Go's `state.errorf`: the message framed with the current node's place and text.
    fn error(&self, message: impl Into<String>) -> ExecError {
        let message = message.into();
        let name = crate::gofmt::quote(self.name);
        let message = match self.at.offset(self.src) {
            None => format!("template: {}: {message}", self.name),
            Some(offset) => {
                let (line, col) = line_col(self.src, offset);
                let context = self.at.context(self.src);
                format!("template: {NAME}:{line}:{col}: executing {name} at <{context}>: {message}")
            }
        };
        ExecError {
            message,
            index_range: false,
        }
    }

    fn list(&mut self, dot: &Value, list: &'t ListNode) -> R<Flow> {
        for node in &list.nodes {
            let flow = self.walk(dot, node)?;
            if flow != Flow::Normal {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    fn walk(&mut self, dot: &Value, node: &'t Node) -> R<Flow> {
        self.at = At::Node(node);
        match node {
            Node::Text(text) => self.out.extend_from_slice(text.text.as_bytes()),
            Node::Action(action) => {
                let value = self.pipeline(dot, &action.pipe)?;
                if action.pipe.decl.is_empty() {
                    self.at = At::Node(node);
                    self.print(&value);
                }
            }
            Node::If(b) | Node::With(b) => {
                let mark = self.vars.len();
                let value = self.pipeline(dot, &b.pipe)?;
                self.enter(node)?;
                let flow = if value.truth() {
                    let inner = if matches!(node, Node::With(_)) {
                        &value
                    } else {
                        dot
                    };
                    self.list(inner, &b.body)?
                } else if let Some(else_body) = &b.else_body {
                    self.list(dot, else_body)?
                } else {
                    Flow::Normal
                };
                self.depth -= 1;
                self.vars.truncate(mark);
                return Ok(flow);
            }
            Node::Range(b) => {
                let mark = self.vars.len();
                let (value, _) = self.pipeline(dot, &b.pipe)?.indirect();
                let items = match &value {
                    Value::Slice(_, items) => items.clone().unwrap_or_else(|| Vec::new().into()),
                    Value::Invalid => Vec::new().into(),
                    other => {
                        let shown = crate::gofmt::printf::sprint(std::slice::from_ref(other));
                        let shown = String::from_utf8_lossy(&shown).into_owned();
                        return Err(self.error(format!("range can't iterate over {shown}")));
                    }
                };
                self.enter(node)?;
                let top = self.vars.len();
                for (i, item) in items.iter().enumerate() {
                    if !b.pipe.decl.is_empty() {
                        self.vars[top - 1].1 = item.clone();
                    }
                    if b.pipe.decl.len() > 1 {
                        self.vars[top - 2].1 = Value::Int(i as i64);
                    }
                    let flow = self.list(item, &b.body)?;
                    self.vars.truncate(top);
                    if flow == Flow::Break {
                        break;
                    }
                }
                if items.is_empty()
                    && let Some(else_body) = &b.else_body
                {
                    self.list(dot, else_body)?;
                }
                self.depth -= 1;
                self.vars.truncate(mark);
            }
            Node::Template(t) => {
                let Some(tree) = self.templates.get(t.name.as_str()) else {
                    return Err(self.error(format!(
                        "template {} not defined",
                        crate::gofmt::quote(&t.name)
                    )));
                };
                if self.depth >= MAX_DEPTH {
                    return Err(self.too_deep(node));
                }
                let dot = match &t.pipe {
                    Some(pipe) => self.pipeline(dot, pipe)?,
                    None => Value::Invalid,
                };
                let (name, _) = self
                    .templates
                    .get_key_value(t.name.as_str())
                    .expect("looked up above");
                let mut inner = State {
                    src: self.src,
                    templates: self.templates,
                    name,
                    at: At::None,
                    vars: vec![("$".to_string(), dot.clone())],
                    out: &mut *self.out,
                    depth: self.depth + 1,
                };
                inner.list(&dot, tree)?;
            }
            Node::List(list) => return self.list(dot, list),
            Node::Break(_) => return Ok(Flow::Break),
            Node::Continue(_) => return Ok(Flow::Continue),
            Node::Define(_) => {}
        }
        Ok(Flow::Normal)
    }

    /// One level deeper into `node`'s body, or Go's error past [`MAX_DEPTH`].
    fn enter(&mut self, node: &'t Node) -> R<()> {
        if self.depth >= MAX_DEPTH {
            return Err(self.too_deep(node));
        }
        self.depth += 1;
        Ok(())
    }

    fn too_deep(&mut self, node: &'t Node) -> ExecError {
        self.at = At::Node(node);
        self.error(format!("exceeded maximum template depth ({MAX_DEPTH})"))
    }

    /// Go's `printValue`: through pointers (a nil one prints `<nil>`), `<no value>` for none.
    fn print(&mut self, value: &Value) {
        let value = match value {
            Value::Ptr(_, Some(_)) => value.indirect().0,
            Value::Invalid => {
                self.out.extend_from_slice(b"<no value>");
                return;
            }
            other => other.clone(),
        };
        let text = crate::gofmt::printf::sprint(std::slice::from_ref(&value));
        self.out.extend_from_slice(&text);
    }

    fn pipeline(&mut self, dot: &Value, pipe: &'t PipeNode) -> R<Value> {
        self.at = At::Pipe(pipe);
        let mut value = None;
        for command in &pipe.commands {
            value = Some(self.command(dot, command, value)?);
        }
        let value = value.unwrap_or(Value::Invalid);
        for name in &pipe.decl {
            let found = pipe
                .is_assign
                .then(|| self.vars.iter_mut().rev().find(|(n, _)| n == name.as_str()))
                .flatten();
            match found {
                Some(var) => var.1 = value.clone(),
                None => self.vars.push((name.to_string(), value.clone())),
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: &[Expr], fin: &Option<Value>) -> R<()> {
        if args.len() > 1 || fin.is_some() {
            let first = node::expr(self.src, &args[0]);
            return Err(self.error(format!("can't give argument to non-function {first}")));
        }
        Ok(())
    }

    fn command(&mut self, dot: &Value, cmd: &'t CommandNode, fin: Option<Value>) -> R<Value> {
        let first = &cmd.args[0];
        match first {
            Expr::Field(..) | Expr::Chain(..) | Expr::Variable(..) => {
                return self.reach(dot, first, Some(&cmd.args), fin);
            }
            Expr::Identifier(..) => {
                return self.function(dot, first, At::Command(cmd), Some(&cmd.args), fin);
            }
            Expr::Pipe(_, pipe) => {
                self.not_a_function(&cmd.args, &fin)?;
                return self.pipeline(dot, pipe);
            }
            _ => {}
        }
        self.at = At::Expr(first);
        self.not_a_function(&cmd.args, &fin)?;
        match first {
            Expr::Bool(_, b) => Ok(Value::Bool(*b)),
            Expr::Dot(_) => Ok(dot.clone()),
            Expr::Nil(_) => Err(self.error("nil is not a command")),
            Expr::Number(..) => self.constant(first),
            Expr::String(_, text) => Ok(Value::str(text)),
            _ => Err(self.error(format!(
                "can't evaluate command {}",
                crate::gofmt::quote(&node::expr(self.src, first))
            ))),
        }
    }

    /// Go's `idealConstant`.
    fn constant(&mut self, e: &'t Expr) -> R<Value> {
        self.at = At::Expr(e);
        match e {
            Expr::Number(_, Number::Int(n)) => Ok(Value::Int(*n)),
            Expr::Number(_, Number::Float(f)) => Ok(Value::Float(*f)),
            _ => Err(self.error(format!("{} overflows int", node::expr(self.src, e)))),
        }
    }

    /// Go's `evalFieldNode`, `evalChainNode` and `evalVariableNode`: the receiver (dot, the
    /// chained operand or the variable), then its fields.
    pub(super) fn reach(
        &mut self,
        dot: &Value,
        e: &'t Expr,
        args: Option<&'t [Expr]>,
        fin: Option<Value>,
    ) -> R<Value> {
        self.at = At::Expr(e);
        let (receiver, names) = match e {
            Expr::Field(_, names) => (dot.clone(), names),
            Expr::Chain(_, inner, _) if matches!(**inner, Expr::Nil(_)) => {
                let shown = node::expr(self.src, e);
                return Err(self.error(format!("indirection through explicit nil in {shown}")));
            }
            Expr::Chain(_, inner, names) => (self.arg(dot, Param::Untyped, inner)?, names),
            Expr::Variable(_, var, names) => {
                let value = self
                    .vars
                    .iter()
                    .rev()
                    .find(|(n, _)| n == var.as_str())
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| self.error(format!("undefined variable: {var}")))?;
                if names.is_empty() {
                    self.not_a_function(args.unwrap_or(&[]), &fin)?;
                    return Ok(value);
                }
                (value, names)
            }
            _ => unreachable!("only fields, chains and variables reach fields"),
        };
        self.field_chain(dot, receiver, names, args, fin)
    }

    fn field_chain(
        &mut self,
        dot: &Value,
        mut receiver: Value,
        names: &'t [gotmpl::parse::SmolStr],
        args: Option<&'t [Expr]>,
        fin: Option<Value>,
    ) -> R<Value> {
        let (last, init) = names.split_last().expect("a field has a name");
        for name in init {
            receiver = self.field(dot, name, None, None, receiver)?;
        }
        self.field(dot, last, args, fin, receiver)
    }

    /// Go's `evalField`: an SDK method of `*T`, else a field, else Go's error.
    fn field(
        &mut self,
        _dot: &Value,
        name: &str,
        args: Option<&'t [Expr]>,
        fin: Option<Value>,
        receiver: Value,
    ) -> R<Value> {
        let Some(ty) = receiver.ty() else {
            return Ok(Value::Invalid);
        };
        let (target, is_nil) = receiver.indirect();
        let through_pointer = matches!(receiver, Value::Ptr(..));
        let methods_of = match (&target, ty) {
            (Value::Struct(s, _, addressable), _) if *addressable || through_pointer => Some(*s),
            (Value::Ptr(..), crate::template::Ty::Struct(s, true)) => Some(s),
            _ => None,
        };
        if let Some(s) = methods_of
            && let Some(method) = s.method(name)
        {
            let given = args.map_or(0, |a| a.len().saturating_sub(1)) + usize::from(fin.is_some());
            let (want, results, good) = method.signature();
            if given != want {
                return Err(self.error(format!(
                    "wrong number of args for {name}: want {want} got {given}"
                )));
            }
            if !good {
                return Err(self.error(format!(
                    "can't call method/function {} with {results} results",
                    crate::gofmt::quote(name)
                )));
            }
            let target = if is_nil {
                Value::zero(crate::template::Ty::Struct(s, false))
            } else {
                target
            };
            return Ok(target.call(method));
        }
        let has_args = args.is_some_and(|a| a.len() > 1) || fin.is_some();
        match &target {
            Value::Struct(s, fields, _) => {
                if let Some(i) = s.field_index(name) {
                    if has_args {
                        return Err(self.error(format!(
                            "{name} has arguments but cannot be invoked as function"
                        )));
                    }
                    return Ok(fields[i].clone());
                }
            }
            Value::Ptr(pointer, None) => {
                let no_such_field = match pointer {
                    crate::template::Ty::Struct(s, _) => s.field_index(name).is_none(),
                    _ => false,
                };
                if !no_such_field {
                    return Err(
                        self.error(format!("nil pointer evaluating {}.{name}", ty.go_name()))
                    );
                }
            }
            _ => {}
        }
        Err(self.error(format!(
            "can't evaluate field {name} in type {}",
            ty.go_name()
        )))
    }

    fn function(
        &mut self,
        dot: &Value,
        e: &'t Expr,
        node: At<'t>,
        args: Option<&'t [Expr]>,
        fin: Option<Value>,
    ) -> R<Value> {
        self.at = At::Expr(e);
        let Expr::Identifier(_, name) = e else {
            unreachable!()
        };
        let Some(builtin) = funcs::lookup(name) else {
            return Err(self.error(format!(
                "{} is not a defined function",
                crate::gofmt::quote(name)
            )));
        };
        let args = args.map_or(&[][..], |a| &a[1..]);
        self.call(dot, builtin, node, name, args, fin)
    }
}

mod call;
