//! Go's `evalCall`, `evalArg` and `validateType` for the executor ([`super`]): a built-in
//! function's arguments checked against its parameter types, then the call, with Go's errors.

use gotmpl::parse::Expr;

use super::super::funcs::{Builtin, Param};
use super::super::node::{self, At};
use super::super::types::NULL_FIELDS_TY;
use super::super::value::Value;
use super::{R, State};

impl<'t> State<'t, '_> {
    /// Go's `evalCall` for a built-in function.
    pub(super) fn call(
        &mut self,
        dot: &Value,
        f: Builtin,
        node: At<'t>,
        name: &str,
        args: &'t [Expr],
        fin: Option<Value>,
    ) -> R<Value> {
        let (fixed, variadic) = f.params();
        let given = args.len() + usize::from(fin.is_some());
        match variadic {
            Some(_) if given < fixed.len() => {
                return Err(self.error(format!(
                    "wrong number of args for {name}: want at least {} got {}",
                    fixed.len(),
                    args.len()
                )));
            }
            None if given != fixed.len() => {
                return Err(self.error(format!(
                    "wrong number of args for {name}: want {} got {given}",
                    fixed.len()
                )));
            }
            _ => {}
        }
        if matches!(f, Builtin::And | Builtin::Or) {
            let or = f == Builtin::Or;
            let mut value = Value::Invalid;
            for arg in args {
                value = self.arg(dot, Param::Value, arg)?;
                if value.truth() == or {
                    return Ok(value);
                }
            }
            if let Some(fin) = fin {
                value = self.validate(fin, Param::Value)?;
            }
            return Ok(value);
        }
        let param = |i: usize| fixed.get(i).copied().or(variadic).unwrap_or(Param::Value);
        let mut argv = Vec::with_capacity(given);
        for (i, arg) in args.iter().enumerate() {
            argv.push(self.arg(dot, param(i), arg)?);
        }
        if let Some(fin) = fin {
            argv.push(self.validate(fin, param(given - 1))?);
        }
        f.call(&argv).map_err(|err| {
            self.at = node;
            let mut error = self.error(format!("error calling {name}: {}", err.message));
            error.index_range = err.index_range;
            error
        })
    }

    /// Go's `evalArg`: an argument of the parameter type.
    pub(super) fn arg(&mut self, dot: &Value, param: Param, e: &'t Expr) -> R<Value> {
        self.at = At::Expr(e);
        let value = match e {
            Expr::Dot(_) => dot.clone(),
            Expr::Nil(_) => {
                return match param {
                    Param::Any | Param::Untyped => Ok(Value::Invalid),
                    Param::Strings => Ok(Value::zero(NULL_FIELDS_TY)),
                    _ => Err(self.error(format!("cannot assign nil to {}", param.go_name()))),
                };
            }
            Expr::Field(..) => self.reach(dot, e, Some(std::slice::from_ref(e)), None)?,
            Expr::Variable(..) | Expr::Chain(..) => self.reach(dot, e, None, None)?,
            Expr::Pipe(_, pipe) => self.pipeline(dot, pipe)?,
            Expr::Identifier(..) => self.function(dot, e, At::Expr(e), None, None)?,
            Expr::Bool(_, b) if param.takes_constants() => Value::Bool(*b),
            Expr::Number(..) if param.takes_constants() => self.constant(e)?,
            Expr::String(_, text) if param.takes_constants() || param == Param::Str => {
                Value::str(text)
            }
            _ => {
                let shown = node::expr(self.src, e);
                return Err(self.error(match param {
                    Param::Str => format!("expected string; found {shown}"),
                    _ => format!("can't handle {shown} for arg of type {}", param.go_name()),
                }));
            }
        };
        self.validate(value, param)
    }

    /// Go's `validateType`.
    pub(super) fn validate(&self, value: Value, param: Param) -> R<Value> {
        match (param, value) {
            (Param::Untyped, value) => Ok(value),
            (Param::Any, value) => Ok(value.unaddressed()),
            (Param::Strings, Value::Invalid) => Ok(Value::zero(NULL_FIELDS_TY)),
            (_, Value::Invalid) => {
                Err(self.error(format!("invalid value; expected {}", param.go_name())))
            }
            (Param::Value, value) => Ok(value),
            (Param::Str, value @ Value::Str(_)) => Ok(value),
            (Param::Str, Value::Ptr(crate::template::Ty::Str(true), target)) => match target {
                Some(v) => Ok((*v).clone()),
                None => Err(self.error("dereference of nil pointer of type string")),
            },
            (Param::Strings, value @ Value::Slice(crate::template::Ty::Str(false), _)) => Ok(value),
            (param, value) => Err(self.error(format!(
                "wrong type for value; expected {}; got {}",
                param.go_name(),
                value.type_name()
            ))),
        }
    }
}
