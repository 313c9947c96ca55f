//! A port of Go's `text/tabwriter` for the one configuration the Go CLI uses on template output
//! (`internal/templatewriter`: minwidth 6, tabwidth 4, padding 3, pad ' ', flags 0), following
//! `src/text/tabwriter/tabwriter.go` step for step.
//!
//! Go's rules: text is cut into cells, each terminated by a horizontal or vertical tab, or by
//! the newline or form feed that ends its line. The last cell of a line is not a cell of any
//! column and is written as it is; at the end of the text (`Flush`) the unterminated last cell
//! is added only when it is not empty, so a text that ends in a tab (`id\t`) leaves `id` as the
//! last cell of its line, unpadded. A column block is a run of consecutive lines that all have
//! a cell in that column; within a block every cell is padded with spaces to the block's widest
//! cell plus the padding, and to at least the minimum width. Widths count runes, as Go's
//! `utf8.RuneCount` does. A form feed ends the line and every block, and is written as a
//! newline. Nothing is added at the end.
//!
//! Go's `format` recurses once per column; ours keeps the same frames on a heap stack, so that
//! a line of thousands of cells cannot exhaust the WebAssembly call stack.

/// `minwidth`: the narrowest a padded cell may be.
const MIN_WIDTH: usize = 6;
/// `padding`: added to the widest cell of a block.
const PADDING: usize = 3;

/// One cell: its text and its width in runes.
struct Cell<'a> {
    text: &'a str,
    width: usize,
}

impl<'a> Cell<'a> {
    fn new(text: &'a str) -> Self {
        Cell {
            text,
            width: text.chars().count(),
        }
    }
}

/// Align `text` as Go's `tabwriter.NewWriter(w, 6, 4, 3, ' ', 0)`, one `Write` of it and
/// `Flush` do.
pub fn align(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    // Go's buffered lines; the last is the one being written.
    let mut lines: Vec<Vec<Cell<'_>>> = vec![Vec::new()];
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '\t' | '\u{b}' | '\n' | '\u{c}') {
            continue;
        }
        let line = lines.last_mut().expect("one line at least");
        line.push(Cell::new(&text[start..i]));
        start = i + 1;
        let cells = line.len();
        if c == '\n' || c == '\u{c}' {
            lines.push(Vec::new());
            // A line of one cell has no bearing on the next lines' layout, and a form feed
            // ends every block: Go flushes there.
            if c == '\u{c}' || cells == 1 {
                flush(&mut out, &mut lines);
            }
        }
    }
    // `Flush` adds the current cell only when it is not empty.
    if start < text.len() {
        let line = lines.last_mut().expect("one line at least");
        line.push(Cell::new(&text[start..]));
    }
    flush(&mut out, &mut lines);
    out
}

/// Go's `flushNoDefers` after the current cell is settled: lay out and write every buffered
/// line, then start again with one empty line.
fn flush<'a>(out: &mut String, lines: &mut Vec<Vec<Cell<'a>>>) {
    format(out, lines);
    lines.clear();
    lines.push(Vec::new());
}

/// One call of Go's `Writer.format(pos, line0, line1)`: the lines `[line0, line1)` where the
/// columns left of this frame's depth are known; `this` is where its scan has got to.
struct Frame {
    line0: usize,
    this: usize,
    line1: usize,
}

/// Whether `line` has a cell in `column` that belongs to a column (its last cell does not).
fn has_column(line: &[Cell<'_>], column: usize) -> bool {
    column + 1 < line.len()
}

/// Go's `Writer.format(0, 0, len(lines))`, with its recursion on a stack: at each frame, find
/// the next block of the frame's column, write the lines before it, measure the block, and lay
/// the block out one column further right.
fn format(out: &mut String, lines: &[Vec<Cell<'_>>]) {
    let mut widths: Vec<usize> = Vec::new();
    let mut stack = vec![Frame {
        line0: 0,
        this: 0,
        line1: lines.len(),
    }];
    while let Some(frame) = stack.last_mut() {
        let column = widths.len();
        while frame.this < frame.line1 && !has_column(&lines[frame.this], column) {
            frame.this += 1;
        }
        if frame.this == frame.line1 {
            write_lines(out, lines, &widths, frame.line0, frame.line1);
            stack.pop();
            widths.pop();
            continue;
        }
        // A block of this column begins: print the lines before it as they are.
        write_lines(out, lines, &widths, frame.line0, frame.this);
        let block = frame.this;
        let mut end = block;
        let mut width = MIN_WIDTH;
        while end < frame.line1 && has_column(&lines[end], column) {
            width = width.max(lines[end][column].width + PADDING);
            end += 1;
        }
        // The frame goes on after the block once the block's frame is done.
        frame.line0 = end;
        frame.this = end;
        widths.push(width);
        stack.push(Frame {
            line0: block,
            this: block,
            line1: end,
        });
    }
}

/// Go's `Writer.writeLines`: every cell left-aligned and padded to its column's width when the
/// column is known; the last cell as it is; a newline after every buffered line but the last.
fn write_lines(
    out: &mut String,
    lines: &[Vec<Cell<'_>>],
    widths: &[usize],
    line0: usize,
    line1: usize,
) {
    for (i, line) in lines.iter().enumerate().take(line1).skip(line0) {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell.text);
            if let Some(&width) = widths.get(j) {
                out.extend(std::iter::repeat_n(' ', width.saturating_sub(cell.width)));
            }
        }
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests;
