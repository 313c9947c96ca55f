//! A port of Go's `text/tabwriter` for the one configuration the Go CLI uses on template output
//! (`internal/templatewriter`: minwidth 6, tabwidth 4, padding 3, pad ' ', flags 0).
//!
//! Go's rules, as its package documents them: text is cut into cells, each terminated by a
//! horizontal tab (or a vertical tab, `\v`); the text after the last tab of a line is not a
//! cell of any column and is written as it is. A column block is a run of consecutive lines
//! that all have a cell in that column; within a block every cell is padded with spaces to the
//! block's widest cell plus the padding, and to at least the minimum width. Widths count
//! runes (Unicode scalar values), as Go's `utf8.RuneCount` does. A form feed ends the line and
//! every block. Nothing is added at the end: a last line without a newline stays without one.
//!
//! We implement this ourselves (about 100 lines) rather than pull a crate: the Go CLI's output
//! is the contract, and the layout is small enough to check case by case against Go.

/// `minwidth`: the narrowest a padded cell may be.
const MIN_WIDTH: usize = 6;
/// `padding`: added to the widest cell of a block.
const PADDING: usize = 3;

/// One cell: its text and its width in runes.
struct Cell<'a> {
    text: &'a str,
    width: usize,
}

/// One line: its cells, the last being the text after the last tab; and whether a newline
/// (or form feed) ended it, which only the last line of the text may lack.
struct Line<'a> {
    cells: Vec<Cell<'a>>,
    ended: bool,
}

/// Align `text` as Go's `tabwriter.NewWriter(w, 6, 4, 3, ' ', 0)` followed by `Flush` does.
pub fn align(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    // A form feed flushes everything before it: each section is laid out on its own.
    let mut sections = text.split_inclusive('\u{c}').peekable();
    while let Some(section) = sections.next() {
        let lines = split_lines(section, sections.peek().is_none());
        let mut widths = Vec::new();
        format(&mut out, &lines, &mut widths, 0, lines.len());
    }
    out
}

fn split_lines(section: &str, last_section: bool) -> Vec<Line<'_>> {
    let mut lines: Vec<Line<'_>> = section
        .split_inclusive(['\n', '\u{c}'])
        .map(|raw| {
            let ended = raw.ends_with(['\n', '\u{c}']);
            let body = if ended { &raw[..raw.len() - 1] } else { raw };
            let cells = body
                .split(['\t', '\u{b}'])
                .map(|text| Cell {
                    text,
                    width: text.chars().count(),
                })
                .collect();
            Line { cells, ended }
        })
        .collect();
    // Go keeps an empty last line after a final newline; it writes nothing, so drop it, but
    // keep the section's own shape when it is empty.
    if lines.is_empty() && last_section {
        lines.push(Line {
            cells: Vec::new(),
            ended: false,
        });
    }
    lines
}

/// Go's `Writer.format`: lay out the lines `[line0, line1)` knowing the widths of the columns
/// left of `widths.len()`, recursing into each block of the next column.
fn format(
    out: &mut String,
    lines: &[Line<'_>],
    widths: &mut Vec<usize>,
    line0: usize,
    line1: usize,
) {
    let column = widths.len();
    let mut start = line0;
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].cells.len() {
            this += 1;
            continue;
        }
        // A block of this column begins: print the lines before it as they are.
        write_lines(out, lines, widths, start, this);
        start = this;
        let mut width = MIN_WIDTH;
        while this < line1 && column + 1 < lines[this].cells.len() {
            width = width.max(lines[this].cells[column].width + PADDING);
            this += 1;
        }
        widths.push(width);
        format(out, lines, widths, start, this);
        widths.pop();
        start = this;
    }
    write_lines(out, lines, widths, start, line1);
}

/// Go's `Writer.writeLines`: every cell left-aligned and padded to its column's width when the
/// column is known; the text after the last tab as it is.
fn write_lines(out: &mut String, lines: &[Line<'_>], widths: &[usize], line0: usize, line1: usize) {
    for line in &lines[line0..line1] {
        for (j, cell) in line.cells.iter().enumerate() {
            out.push_str(cell.text);
            if let Some(&width) = widths.get(j) {
                out.extend(std::iter::repeat_n(' ', width.saturating_sub(cell.width)));
            }
        }
        if line.ended {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests;
