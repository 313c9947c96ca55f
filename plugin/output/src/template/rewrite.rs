//! Rewrites of the parsed tree so that `gotmpl` prints and ranges as Go does over the SDK's
//! pointers: every printing action ends in `print` (which shows nil as `<nil>`, as Go shows a
//! nil pointer, where `gotmpl`'s action shows `<no value>`), and a `range` over a field or
//! variable first checks that it is not nil (Go: `range can't iterate over <nil>`).

use gotmpl::parse::{CommandNode, Expr, ListNode, Node, PipeNode};

use super::{NAME, RANGE_CHECK, line_col};

/// Rewrite one tree (the main one or a `{{define}}` body named `name`).
pub fn rewrite(src: &str, name: &str, list: &mut ListNode) {
    for node in &mut list.nodes {
        match node {
            Node::Action(action) if action.pipe.decl.is_empty() => {
                append(
                    &mut action.pipe,
                    vec![Expr::Identifier(action.pos, "print".into())],
                );
            }
            Node::Range(branch) => {
                if let Some(prefix) = range_prefix(src, name, &branch.pipe) {
                    let pos = branch.pos;
                    append(
                        &mut branch.pipe,
                        vec![
                            Expr::Identifier(pos, RANGE_CHECK.into()),
                            Expr::String(pos, prefix.into()),
                        ],
                    );
                }
                rewrite(src, name, &mut branch.body);
                branch
                    .else_body
                    .iter_mut()
                    .for_each(|b| rewrite(src, name, b));
            }
            Node::If(branch) | Node::With(branch) => {
                rewrite(src, name, &mut branch.body);
                branch
                    .else_body
                    .iter_mut()
                    .for_each(|b| rewrite(src, name, b));
            }
            Node::List(inner) => rewrite(src, name, inner),
            _ => {}
        }
    }
}

fn append(pipe: &mut PipeNode, args: Vec<Expr>) {
    let pos = pipe.pos;
    pipe.commands.push(CommandNode { pos, args });
}

/// Go's error prefix for `range` over the nil that this pipeline's last field or variable
/// may be; `None` when the pipeline ends in a function (whose nil Go ranges over quietly).
fn range_prefix(src: &str, name: &str, pipe: &PipeNode) -> Option<String> {
    let last = pipe.commands.last()?;
    let (at, context) = match last.args.as_slice() {
        [Expr::Field(pos, names)] => (
            if names.len() > 1 {
                pos.offset + 1 + names[0].len()
            } else {
                pos.offset
            },
            format!(".{}", names.join(".")),
        ),
        [Expr::Variable(pos, var, names)] => {
            let mut parts = vec![var.to_string()];
            parts.extend(names.iter().map(ToString::to_string));
            let at = if names.is_empty() {
                pos.offset
            } else {
                pos.offset + var.len()
            };
            (at, parts.join("."))
        }
        _ => return None,
    };
    let (line, col) = line_col(src, at);
    Some(format!(
        "template: {NAME}:{line}:{col}: executing {} at <{context}>: ",
        crate::gofmt::quote(name)
    ))
}
