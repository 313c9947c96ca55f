//! Go's `parse.Node.String()` for the nodes an execution error names (`executing "output" at
//! <index .GetRoles 3>`). Numbers and strings are shown as written, as Go keeps their source
//! text; we read it back from the template at the node's offset.

use gotmpl::parse::{CommandNode, Expr, Node, PipeNode};

/// Where the executor is, as Go's `state.at` records it.
#[derive(Clone, Copy)]
pub enum At<'t> {
    /// Nothing yet (Go's `s.node == nil`).
    None,
    /// An action, `if`, `range`, `with` or `template`.
    Node(&'t Node),
    /// A pipeline.
    Pipe(&'t PipeNode),
    /// A command.
    Command(&'t CommandNode),
    /// An operand.
    Expr(&'t Expr),
}

impl At<'_> {
    /// The node's byte offset in the source (Go places `{{template "x"}}` at its name).
    pub fn offset(&self, src: &str) -> Option<usize> {
        Some(match self {
            At::None => return None,
            At::Node(node) => match node {
                Node::Action(a) => a.pos.offset,
                Node::If(b) | Node::Range(b) | Node::With(b) => b.pos.offset,
                Node::Template(t) => {
                    let after = t.pos.offset + "template".len();
                    let rest = src.get(after..).unwrap_or_default();
                    after + rest.len() - rest.trim_start().len()
                }
                Node::List(l) => l.pos.offset,
                Node::Text(t) => t.pos.offset,
                Node::Define(d) => d.pos.offset,
                Node::Break(p) | Node::Continue(p) => p.offset,
            },
            At::Pipe(p) => p.pos.offset,
            At::Command(c) => c.pos.offset,
            At::Expr(e) => field_offset(e),
        })
    }

    /// Go's `String()` of the node.
    pub fn context(&self, src: &str) -> String {
        match self {
            At::None => String::new(),
            At::Node(node) => node_string(src, node),
            At::Pipe(p) => pipe(src, p),
            At::Command(c) => command(src, c),
            At::Expr(e) => expr(src, e),
        }
    }
}

/// Go's parser folds `.A.B` into one field node placed at the second name.
fn field_offset(e: &Expr) -> usize {
    match e {
        Expr::Field(pos, names) if names.len() > 1 => pos.offset + 1 + names[0].len(),
        other => other.pos().offset,
    }
}

fn node_string(src: &str, node: &Node) -> String {
    match node {
        Node::Action(a) => format!("{{{{{}}}}}", pipe(src, &a.pipe)),
        Node::Template(t) => {
            let name = crate::gofmt::quote(&t.name);
            match &t.pipe {
                Some(p) => format!("{{{{template {name} {}}}}}", pipe(src, p)),
                None => format!("{{{{template {name}}}}}"),
            }
        }
        Node::If(b) => format!("{{{{if {}}}}}", pipe(src, &b.pipe)),
        Node::Range(b) => format!("{{{{range {}}}}}", pipe(src, &b.pipe)),
        Node::With(b) => format!("{{{{with {}}}}}", pipe(src, &b.pipe)),
        _ => String::new(),
    }
}

/// `$a, $b := cmd | cmd`.
pub fn pipe(src: &str, p: &PipeNode) -> String {
    let mut out = String::new();
    if !p.decl.is_empty() {
        let names: Vec<&str> = p.decl.iter().map(|d| d.as_str()).collect();
        out.push_str(&names.join(", "));
        out.push_str(" := ");
    }
    let commands: Vec<String> = p.commands.iter().map(|c| command(src, c)).collect();
    out.push_str(&commands.join(" | "));
    out
}

/// The arguments, space-separated; a pipeline in parentheses.
pub fn command(src: &str, c: &CommandNode) -> String {
    let args: Vec<String> = c
        .args
        .iter()
        .map(|arg| match arg {
            Expr::Pipe(_, p) => format!("({})", pipe(src, p)),
            other => expr(src, other),
        })
        .collect();
    args.join(" ")
}

/// One operand.
pub fn expr(src: &str, e: &Expr) -> String {
    match e {
        Expr::Dot(_) => ".".to_string(),
        Expr::Nil(_) => "nil".to_string(),
        Expr::Bool(_, b) => b.to_string(),
        Expr::Field(_, names) => names.iter().map(|n| format!(".{n}")).collect(),
        Expr::Variable(_, var, names) => {
            let mut out = var.to_string();
            for n in names {
                out.push('.');
                out.push_str(n);
            }
            out
        }
        Expr::Identifier(_, name) => name.to_string(),
        Expr::String(pos, text) => {
            source_literal(src, pos.offset).unwrap_or_else(|| crate::gofmt::quote(text))
        }
        Expr::Number(pos, n) => source_literal(src, pos.offset).unwrap_or_else(|| match n {
            gotmpl::parse::Number::Int(i) => i.to_string(),
            gotmpl::parse::Number::Uint(u) => u.to_string(),
            gotmpl::parse::Number::Float(f) => crate::gofmt::format_float(*f),
        }),
        Expr::Pipe(_, p) => format!("({})", pipe(src, p)),
        Expr::Chain(_, inner, names) => {
            let mut out = match &**inner {
                Expr::Pipe(_, p) => format!("({})", pipe(src, p)),
                other => expr(src, other),
            };
            for n in names {
                out.push('.');
                out.push_str(n);
            }
            out
        }
    }
}

/// The literal written at `offset`: a quoted or raw string, a character, or a number.
fn source_literal(src: &str, offset: usize) -> Option<String> {
    let rest = src.get(offset..)?;
    let first = rest.chars().next()?;
    let end = match first {
        '"' | '\'' => {
            let mut escaped = false;
            rest.char_indices()
                .skip(1)
                .find(|&(_, c)| {
                    let close = c == first && !escaped;
                    escaped = c == '\\' && !escaped;
                    close
                })?
                .0
                + 1
        }
        '`' => rest[1..].find('`')? + 2,
        _ => {
            let mut prev = ' ';
            rest.char_indices()
                .find(|&(i, c)| {
                    let sign = (c == '+' || c == '-') && (i == 0 || "eEpP".contains(prev));
                    prev = c;
                    !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || sign)
                })
                .map_or(rest.len(), |(i, _)| i)
        }
    };
    (end > 0).then(|| rest[..end].to_string())
}
