//! The tokens of a `json-path=` expression as gval v1.0.0 reads them with Go's `text/scanner`
//! (default Go tokens): names, numbers, the three kinds of quoted literal, and every other
//! character on its own. Blanks (space, tab, newline, return) and `/* */`, `//` comments
//! separate tokens. Operators are not tokens: gval glues the characters that follow an
//! operator's first one itself, reading raw text (see [`SYMBOLS`]).

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Num(String),
    Str(String),
    /// A quoted literal Go's `strconv.Unquote` refuses (e.g. `'ab'`).
    BadStr,
    Char(char),
    End,
}

/// A token with the byte offsets where it starts and ends.
pub type Spanned = (Tok, usize, usize);

/// The characters of gval's operator names (`base`'s precedences: `??`, `||`, `&&`, `==`, `in`,
/// `<<`, `**`, …): once an operator's first character is read, gval appends every following
/// character of this set, spaces not skipped, so `==nope` reads the operator `==n`.
pub const SYMBOLS: &str = "?|&=!<>~in^+-*/%";

/// The tokens of `text` from byte `from` on, ending with [`Tok::End`].
pub fn tokenize(text: &str, from: usize) -> Result<Vec<Spanned>, String> {
    let chars: Vec<(usize, char)> = text[from..]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let start = i;
        let tok = if matches!(c, ' ' | '\t' | '\n' | '\r') {
            i += 1;
            continue;
        } else if c == '/' && at(i + 1) == Some('/') {
            while at(i).is_some_and(|c| c != '\n') {
                i += 1;
            }
            continue;
        } else if c == '/' && at(i + 1) == Some('*') {
            i += 2;
            while at(i).is_some() && !(at(i) == Some('*') && at(i + 1) == Some('/')) {
                i += 1;
            }
            if at(i).is_none() {
                return Err(format!("at position {pos}, the comment is not closed"));
            }
            i += 2;
            continue;
        } else if c.is_alphabetic() || c == '_' {
            while at(i).is_some_and(|c| c.is_alphanumeric() || c == '_') {
                i += 1;
            }
            Tok::Ident(chars[start..i].iter().map(|&(_, c)| c).collect())
        } else if c.is_ascii_digit() || (c == '.' && at(i + 1).is_some_and(|c| c.is_ascii_digit()))
        {
            while at(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            if at(i) == Some('.') {
                i += 1;
                while at(i).is_some_and(|c| c.is_ascii_digit()) {
                    i += 1;
                }
            }
            if matches!(at(i), Some('e' | 'E')) {
                i += 1;
                if matches!(at(i), Some('+' | '-')) {
                    i += 1;
                }
                while at(i).is_some_and(|c| c.is_ascii_digit()) {
                    i += 1;
                }
            }
            Tok::Num(chars[start..i].iter().map(|&(_, c)| c).collect())
        } else if matches!(c, '"' | '\'' | '`') {
            i += 1;
            let mut escaped = false;
            loop {
                match at(i) {
                    None => return Err(format!("at position {pos}, the string is not closed")),
                    Some(q) if q == c && !escaped => break,
                    Some('\\') if c != '`' && !escaped => escaped = true,
                    Some(_) => escaped = false,
                }
                i += 1;
            }
            i += 1;
            let literal: String = chars[start..i].iter().map(|&(_, c)| c).collect();
            unquote(&literal).map_or(Tok::BadStr, Tok::Str)
        } else {
            i += 1;
            Tok::Char(c)
        };
        toks.push((tok, pos, offset(i)));
    }
    toks.push((Tok::End, text.len(), text.len()));
    Ok(toks)
}

/// Go's `strconv.Unquote` for the literals gval reads: `"…"` with Go's escapes, `` `…` `` as
/// it is, and `'…'` holding exactly one rune.
fn unquote(literal: &str) -> Option<String> {
    let quote = literal.chars().next()?;
    let inner = &literal[1..literal.len() - 1];
    if quote == '`' {
        return Some(inner.replace('\r', ""));
    }
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            if c == '\n' {
                return None;
            }
            out.push(c);
            continue;
        }
        let e = chars.next()?;
        let hex = |chars: &mut std::str::Chars<'_>, n: usize| {
            let digits: String = chars.take(n).collect();
            (digits.len() == n)
                .then(|| u32::from_str_radix(&digits, 16).ok())
                .flatten()
        };
        out.push(match e {
            'a' => '\u{7}',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            '\\' => '\\',
            '"' if quote == '"' => '"',
            '\'' if quote == '\'' => '\'',
            'x' => char::from_u32(hex(&mut chars, 2)?)?,
            'u' => char::from_u32(hex(&mut chars, 4)?)?,
            'U' => char::from_u32(hex(&mut chars, 8)?)?,
            '0'..='7' => {
                let rest: String = chars.by_ref().take(2).collect();
                char::from_u32(u32::from_str_radix(&format!("{e}{rest}"), 8).ok()?)?
            }
            _ => return None,
        });
    }
    (quote == '"' || out.chars().count() == 1).then_some(out)
}

/// A token in an error message.
pub fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Ident(name) => format!("name {name}"),
        Tok::Num(n) => format!("number {n}"),
        Tok::Str(_) | Tok::BadStr => "string".into(),
        Tok::Char(c) => format!("{c:?}"),
        Tok::End => "end".into(),
    }
}
