//! Go's `encoding/csv` reading the first record of a string, as `spf13/pflag` does for every
//! value of a `StringSlice` flag such as `--role` (`readAsCSV`: `csv.NewReader(...).Read()`).
//!
//! A port of `readLine` and `readRecord` from Go's `src/encoding/csv/reader.go` with the
//! default settings (comma `,`, no comment character, strict quotes, no space trimming), so
//! that both the fields and the error texts match: quotes group commas (`"A,B",C`), `""` is a
//! literal quote, a quoted field may span lines, empty lines before the record are skipped and
//! only the first record counts.

const ERR_BARE_QUOTE: &str = "bare \" in non-quoted-field";
const ERR_QUOTE: &str = "extraneous or missing \" in quoted-field";

/// The fields of the first record of `input`, or Go's error text (`EOF` when there is none).
pub fn read_record(input: &str) -> Result<Vec<String>, String> {
    let mut lines = Lines {
        rest: input.as_bytes(),
        num_line: 0,
    };
    let line = loop {
        match lines.read_line() {
            None => return Err("EOF".to_string()),
            Some(line) if line.len() == length_nl(&line) => continue, // an empty line
            Some(line) => break line,
        }
    };
    let mut record = Record {
        start_line: lines.num_line,
        pos_line: lines.num_line,
        col: 1,
        line,
        lines,
        fields: Vec::new(),
    };
    while record.field()? == More::Fields {}
    Ok(record
        .fields
        .into_iter()
        .map(|f| String::from_utf8_lossy(&f).into_owned())
        .collect())
}

#[derive(PartialEq)]
enum More {
    Fields,
    Done,
}

/// `readRecord`'s state: the rest of the current line and Go's position counters (`col` is a
/// 1-based byte column; `pos_line` follows a quoted field across lines).
struct Record<'a> {
    lines: Lines<'a>,
    line: Vec<u8>,
    start_line: usize,
    pos_line: usize,
    col: usize,
    fields: Vec<Vec<u8>>,
}

impl Record<'_> {
    fn field(&mut self) -> Result<More, String> {
        if self.line.first() == Some(&b'"') {
            self.quoted_field()
        } else {
            self.bare_field()
        }
    }

    fn bare_field(&mut self) -> Result<More, String> {
        let comma = self.line.iter().position(|&b| b == b',');
        let end = comma.unwrap_or(self.line.len() - length_nl(&self.line));
        if let Some(j) = self.line[..end].iter().position(|&b| b == b'"') {
            return Err(self.error(self.lines.num_line, self.col + j, ERR_BARE_QUOTE));
        }
        self.fields.push(self.line[..end].to_vec());
        let Some(i) = comma else {
            return Ok(More::Done);
        };
        self.advance(i + 1);
        Ok(More::Fields)
    }

    fn quoted_field(&mut self) -> Result<More, String> {
        self.advance(1);
        let mut field = Vec::new();
        loop {
            if let Some(i) = self.line.iter().position(|&b| b == b'"') {
                field.extend_from_slice(&self.line[..i]);
                self.advance(i + 1);
                match self.line.first() {
                    Some(b'"') => {
                        field.push(b'"'); // `""` is a literal quote
                        self.advance(1);
                    }
                    Some(b',') => {
                        self.advance(1);
                        self.fields.push(field);
                        return Ok(More::Fields);
                    }
                    _ if self.line.len() == length_nl(&self.line) => {
                        self.fields.push(field);
                        return Ok(More::Done);
                    }
                    _ => return Err(self.error(self.lines.num_line, self.col - 1, ERR_QUOTE)),
                }
            } else if !self.line.is_empty() {
                // The quoted field goes on past the end of this line.
                field.extend_from_slice(&self.line);
                self.col += self.line.len();
                self.line = self.lines.read_line().unwrap_or_default();
                if !self.line.is_empty() {
                    self.pos_line += 1;
                    self.col = 1;
                }
            } else {
                return Err(self.error(self.pos_line, self.col, ERR_QUOTE));
            }
        }
    }

    fn advance(&mut self, n: usize) {
        self.line.drain(..n);
        self.col += n;
    }

    /// Go's `ParseError.Error()`.
    fn error(&self, line: usize, column: usize, err: &str) -> String {
        let start = self.start_line;
        if start == line {
            format!("parse error on line {line}, column {column}: {err}")
        } else {
            format!("record on line {start}; parse error on line {line}, column {column}: {err}")
        }
    }
}

/// 1 when the line ends in `\n`, else 0 (Go's `lengthNL`).
fn length_nl(line: &[u8]) -> usize {
    usize::from(line.last() == Some(&b'\n'))
}

struct Lines<'a> {
    rest: &'a [u8],
    num_line: usize,
}

impl Lines<'_> {
    /// Go's `readLine`: the next line with its `\n`, `\r\n` turned into `\n`, a `\r` right
    /// before the end of input dropped; `None` at the end of input.
    fn read_line(&mut self) -> Option<Vec<u8>> {
        self.num_line += 1;
        if self.rest.is_empty() {
            return None;
        }
        let end = self
            .rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.rest.len(), |i| i + 1);
        let mut line = self.rest[..end].to_vec();
        self.rest = &self.rest[end..];
        if line.last() == Some(&b'\n') {
            if line.len() >= 2 && line[line.len() - 2] == b'\r' {
                line.remove(line.len() - 2);
            }
        } else if line.last() == Some(&b'\r') {
            line.pop();
        }
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_first_record_like_go_encoding_csv() {
        let table: [(&str, &[&str]); 12] = [
            ("ORG_OWNER", &["ORG_OWNER"]),
            ("A,B", &["A", "B"]),
            ("ORG_OWNER, ORG_MEMBER", &["ORG_OWNER", " ORG_MEMBER"]),
            ("X,", &["X", ""]),
            (",", &["", ""]),
            (r#""A,B",C"#, &["A,B", "C"]),
            (r#""a""b",c"#, &["a\"b", "c"]),
            ("\"a\nb\",c", &["a\nb", "c"]),
            ("A\nB", &["A"]),
            ("\n\nA", &["A"]),
            ("A\r\n", &["A"]),
            ("A\r", &["A"]),
        ];
        for (input, want) in table {
            assert_eq!(read_record(input).unwrap(), want, "input {input:?}");
        }
    }

    #[test]
    fn reports_go_csv_errors() {
        let table = [
            (
                "\"abc",
                "parse error on line 1, column 5: extraneous or missing \" in quoted-field",
            ),
            (
                "a\"b",
                "parse error on line 1, column 2: bare \" in non-quoted-field",
            ),
            (
                "a,b\"",
                "parse error on line 1, column 4: bare \" in non-quoted-field",
            ),
            (
                "\"a\"b",
                "parse error on line 1, column 3: extraneous or missing \" in quoted-field",
            ),
            (
                "a,\"b",
                "parse error on line 1, column 5: extraneous or missing \" in quoted-field",
            ),
            (
                "\"a\n",
                "parse error on line 1, column 4: extraneous or missing \" in quoted-field",
            ),
            (
                "\"a\nbc",
                "record on line 1; parse error on line 2, column 3: extraneous or missing \" in quoted-field",
            ),
            ("\n", "EOF"),
            ("\r", "EOF"),
        ];
        for (input, want) in table {
            assert_eq!(read_record(input).unwrap_err(), want, "input {input:?}");
        }
    }
}
