//! Reading a `json-path=` expression as PaesslerAG/jsonpath v0.1.1 does: the whole text is a
//! `gval.Base()` expression (constants, `==`, `!=`, prefix `-`, parentheses, variables) in
//! which `$` and `@` start a path, tokenized as Go's `text/scanner` does ([`scan`](super::scan):
//! blanks between tokens are allowed, `.5` is a number and `'x'` is a one-rune string).
//!
//! [ours] A path Go refuses is refused here too, in our words (`at position N, ...`): Go's
//! messages (`parsing error: <path>\t:1:3 - 1:9 ...`) carry `text/scanner` line:column ranges
//! that we do not reproduce.

use super::scan::{SYMBOLS, Spanned, Tok, describe, tokenize};

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A constant: a number (Go's float64), a string, `true` or `false`.
    Num(f64),
    Str(String),
    Bool(bool),
    /// `a.b[0]`: a gval variable, looked up in the document.
    Var(Vec<Expr>),
    /// A path from the document (`$`) or from the element being selected from (`@`).
    Path {
        current: bool,
        steps: Vec<Step>,
    },
    /// `a == b` (`false`) or `a != b` (`true`).
    Equal(Box<Expr>, Box<Expr>, bool),
    /// `-a`.
    Neg(Box<Expr>),
}

/// One selector of a path.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// `.name`, `[key]`: one key or index; an error when missing.
    Direct(Expr),
    /// `(expr)` after a path: the expression's value.
    Script(Expr),
    /// `.*`, `[*]`, `[]`: every member or element.
    Star,
    /// `[a,b]`: each key that exists.
    Multi(Vec<Expr>),
    /// `[?(expr)]`: the members or elements for which the expression is true.
    Filter(Expr),
    /// `[min:max:step]` on a list.
    Range(Expr, Expr, Expr),
    /// `..`: the value and everything below it, before the next selector.
    Mapper,
}

struct Parser<'a> {
    text: &'a str,
    toks: Vec<Spanned>,
    at: usize,
}

/// Parse `text`, or say where and why it is not a PaesslerAG path.
pub fn parse(text: &str) -> Result<Expr, String> {
    let mut p = Parser {
        text,
        toks: tokenize(text, 0)?,
        at: 0,
    };
    let expr = p.expr()?;
    match p.peek() {
        Tok::End => Ok(expr),
        tok => Err(p.fail(format!(
            "unexpected {} after the expression",
            describe(&tok)
        ))),
    }
}

const MAX_INT32: f64 = 2_147_483_647.0;

impl Parser<'_> {
    fn peek(&self) -> Tok {
        self.toks[self.at].0.clone()
    }

    fn next(&mut self) -> Tok {
        let tok = self.peek();
        if tok != Tok::End {
            self.at += 1;
        }
        tok
    }

    fn fail(&self, why: String) -> String {
        format!("at position {}, {why}", self.toks[self.at].1)
    }

    /// gval's `parseOperator` at the next token (a character of [`SYMBOLS`]): that character
    /// and every character of `SYMBOLS` right after it in the raw text, and the byte where
    /// the operator ends.
    fn operator(&self) -> (String, usize) {
        let (start, first_end) = (self.toks[self.at].1, self.toks[self.at].2);
        let glued = self.text[first_end..]
            .chars()
            .take_while(|c| SYMBOLS.contains(*c))
            .map(char::len_utf8)
            .sum::<usize>();
        let end = first_end + glued;
        (self.text[start..end].to_string(), end)
    }

    /// Read on from byte `from`: the text after an operator is scanned again, since the
    /// operator may have taken the start of a token (`==nope` leaves `ope`).
    fn resume(&mut self, from: usize) -> Result<(), String> {
        self.toks.truncate(self.at);
        let rest = tokenize(self.text, from)?;
        self.toks.extend(rest);
        Ok(())
    }

    fn expect(&mut self, want: char, context: &str) -> Result<(), String> {
        match self.peek() {
            Tok::Char(c) if c == want => {
                self.next();
                Ok(())
            }
            tok => Err(self.fail(format!(
                "expected {want:?} {context}, found {}",
                describe(&tok)
            ))),
        }
    }

    /// gval: operands joined by `==` and `!=` (Base's only infix operators), left to right.
    fn expr(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        loop {
            match self.peek() {
                Tok::Char(c) if SYMBOLS.contains(c) => {
                    let (op, end) = self.operator();
                    if op == "==" || op == "!=" {
                        self.resume(end)?;
                        let right = self.unary()?;
                        left = Expr::Equal(Box::new(left), Box::new(right), op == "!=");
                    } else if op.chars().count() > 1 {
                        return Err(self.fail(format!("unknown operator {op}")));
                    } else {
                        // One character that is no infix operator of Base (`<`, `*`, `?`):
                        // the expression ends before it, as gval's `Camouflage` leaves it.
                        return Ok(left);
                    }
                }
                Tok::Ident(_) | Tok::Num(_) | Tok::Str(_) | Tok::BadStr => {
                    let tok = self.peek();
                    return Err(self.fail(format!("unexpected {}", describe(&tok))));
                }
                _ => return Ok(left),
            }
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.peek() == Tok::Char('-') {
            self.next();
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        match self.next() {
            Tok::Num(text) => text
                .parse::<f64>()
                .map(Expr::Num)
                .map_err(|_| self.fail(format!("bad number {text}"))),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::BadStr => {
                self.at -= 1;
                Err(self.fail("could not parse string: invalid syntax".into()))
            }
            Tok::Ident(name) if name == "true" => Ok(Expr::Bool(true)),
            Tok::Ident(name) if name == "false" => Ok(Expr::Bool(false)),
            Tok::Ident(name) => self.variable(name),
            Tok::Char('(') => {
                let inner = self.expr()?;
                self.expect(')', "to close the parenthesis")?;
                Ok(inner)
            }
            Tok::Char('$') => self.path(false),
            Tok::Char('@') => self.path(true),
            tok => {
                self.at -= usize::from(tok != Tok::End);
                Err(self.fail(format!("unexpected {}", describe(&tok))))
            }
        }
    }

    /// A gval variable: a name, then `.name` or `[expr]` accessors.
    fn variable(&mut self, name: String) -> Result<Expr, String> {
        let mut keys = vec![Expr::Str(name)];
        loop {
            match self.peek() {
                Tok::Char('.') => {
                    self.next();
                    match self.next() {
                        Tok::Ident(name) => keys.push(Expr::Str(name)),
                        _ => return Err(self.fail("expected a name after '.'".into())),
                    }
                }
                Tok::Char('[') => {
                    self.next();
                    keys.push(self.expr()?);
                    self.expect(']', "after the key")?;
                }
                _ => return Ok(Expr::Var(keys)),
            }
        }
    }

    /// jsonpath's `parsePath`: selectors while the next token is `.`, `[` or `(`.
    fn path(&mut self, current: bool) -> Result<Expr, String> {
        let mut steps = Vec::new();
        loop {
            match self.peek() {
                Tok::Char('.') => {
                    self.next();
                    match self.next() {
                        Tok::Ident(name) => steps.push(Step::Direct(Expr::Str(name))),
                        Tok::Char('*') => steps.push(Step::Star),
                        Tok::Char('.') => {
                            steps.push(Step::Mapper);
                            self.mapper(&mut steps)?;
                        }
                        _ => {
                            self.at -= 1;
                            return Err(self.fail("expected a name, '.' or '*' after '.'".into()));
                        }
                    }
                }
                Tok::Char('[') => {
                    self.next();
                    let step = self.bracket(false)?;
                    steps.push(step);
                }
                Tok::Char('(') => {
                    self.next();
                    let script = self.expr()?;
                    self.expect(')', "to close the script")?;
                    steps.push(Step::Script(script));
                }
                _ => return Ok(Expr::Path { current, steps }),
            }
        }
    }

    /// What follows `..`: a name, a bracket (no range), `*` or a script.
    fn mapper(&mut self, steps: &mut Vec<Step>) -> Result<(), String> {
        match self.next() {
            Tok::Ident(name) => steps.push(Step::Direct(Expr::Str(name))),
            Tok::Char('*') => steps.push(Step::Star),
            Tok::Char('[') => {
                let step = self.bracket(true)?;
                steps.push(step);
            }
            Tok::Char('(') => {
                let script = self.expr()?;
                self.expect(')', "to close the script")?;
                steps.push(Step::Script(script));
            }
            _ => {
                self.at -= 1;
                return Err(self.fail("expected '[', a name or '*' after '..'".into()));
            }
        }
        Ok(())
    }

    /// jsonpath's `parseBracket` after `[`: keys separated by one kind of separator.
    fn bracket(&mut self, after_mapper: bool) -> Result<Step, String> {
        let mut keys: Vec<Expr> = Vec::new();
        let mut separator: Option<char> = None;
        loop {
            let mut scanned = None;
            match self.peek() {
                Tok::Char('?') => {
                    self.next();
                    scanned = Some('?');
                }
                Tok::Char(':') => {
                    self.next();
                    let fill = if keys.len() == 1 { MAX_INT32 } else { 0.0 };
                    keys.push(Expr::Num(fill));
                    scanned = Some(':');
                }
                Tok::Char('*') => {
                    self.next();
                    self.expect(']', "after '*' in brackets")?;
                    return Ok(Step::Star);
                }
                Tok::Char(']') if separator == Some(':') => {
                    self.next();
                    scanned = Some(']');
                }
                _ => keys.push(self.expr()?),
            }
            let scan = match scanned {
                Some(c) => c,
                None => match self.next() {
                    Tok::Char(c @ (':' | ',' | ']' | '?')) => c,
                    tok => {
                        self.at -= usize::from(tok != Tok::End);
                        return Err(self.fail(format!(
                            "expected ':', ',' or ']' in brackets, found {}",
                            describe(&tok)
                        )));
                    }
                },
            };
            let separator = *separator.get_or_insert(scan);
            match scan {
                ']' => return self.selector(keys, separator, after_mapper),
                '?' if !keys.is_empty() => return Err(self.fail("expected ']'".into())),
                _ => {}
            }
            if separator != scan {
                return Err(self.fail(format!("mixed {separator:?} and {scan:?} in brackets")));
            }
        }
    }

    fn selector(
        &self,
        mut keys: Vec<Expr>,
        separator: char,
        after_mapper: bool,
    ) -> Result<Step, String> {
        match separator {
            ':' if after_mapper => Err(self.fail("'..' cannot be followed by a range".into())),
            ':' => {
                if keys.len() > 3 {
                    return Err(self.fail("a range has at most [min:max:step]".into()));
                }
                let defaults = [Expr::Num(0.0), Expr::Num(MAX_INT32), Expr::Num(1.0)];
                keys.extend(defaults.into_iter().skip(keys.len()));
                match <[Expr; 3]>::try_from(keys) {
                    Ok([min, max, step]) => Ok(Step::Range(min, max, step)),
                    Err(_) => unreachable!("filled up to three"),
                }
            }
            '?' => match <[Expr; 1]>::try_from(keys) {
                Ok([filter]) => Ok(Step::Filter(filter)),
                Err(_) => Err(self.fail("a filter needs exactly one expression".into())),
            },
            _ if keys.len() == 1 && !after_mapper => Ok(Step::Direct(keys.remove(0))),
            _ if keys.is_empty() => Ok(Step::Star),
            _ => Ok(Step::Multi(keys)),
        }
    }
}
