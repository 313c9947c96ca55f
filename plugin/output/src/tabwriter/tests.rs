//! The tab aligner against Go's `text/tabwriter` (minwidth 6, tabwidth 4, padding 3, ' ', 0):
//! each expectation follows the package's documented rules and the Go CLI's reference example.

use super::align;

#[test]
fn aligns_the_reference_example() {
    assert_eq!(align("A\tB\nlonger\tC\n"), "A        B\nlonger   C\n");
}

#[test]
fn leaves_text_without_tabs_unchanged() {
    for text in ["", "x", "a\nb\n", "no newline at the end", "\n\n"] {
        assert_eq!(align(text), text, "{text:?}");
    }
}

#[test]
fn pads_cells_to_the_minimum_width() {
    assert_eq!(align("a\tb\n"), "a     b\n");
    assert_eq!(align("abc\tb"), "abc   b");
}

#[test]
fn pads_the_widest_cell_of_a_block_by_three() {
    assert_eq!(align("abcdefg\tx\n"), "abcdefg   x\n");
}

#[test]
fn does_not_add_a_newline_at_the_end() {
    assert_eq!(align("ID\tNAME"), "ID    NAME");
}

#[test]
fn a_line_without_tabs_ends_the_block() {
    let text = "a\tb\nlonger\tc\nplain\nx\ty\n";
    let want = "a        b\nlonger   c\nplain\nx     y\n";
    assert_eq!(align(text), want);
}

#[test]
fn aligns_each_column_over_its_own_block() {
    // Column 1 exists only on the first two lines; the third line's cell in column 0 still
    // belongs to the column-0 block.
    let text = "a\tbb\tc\naaa\tb\tc\naaaaaaa\tz\n";
    let want = "a         bb    c\naaa       b     c\naaaaaaa   z\n";
    assert_eq!(align(text), want);
}

#[test]
fn counts_width_in_runes_not_bytes() {
    assert_eq!(align("é\tx\n😀😀\tz\n"), "é     x\n😀😀    z\n");
}

#[test]
fn treats_an_empty_cell_as_width_zero() {
    assert_eq!(align("\tx\nab\ty\n"), "      x\nab    y\n");
}

#[test]
fn treats_a_trailing_tab_as_a_terminated_cell() {
    assert_eq!(align("a\t\nbbbbbbb\t\n"), "a         \nbbbbbbb   \n");
}

#[test]
fn vertical_tab_terminates_a_cell_like_a_tab() {
    assert_eq!(align("a\u{b}b\n"), "a     b\n");
}

#[test]
fn form_feed_ends_the_line_and_every_block() {
    // Go writes a newline for the form feed.
    assert_eq!(align("a\tb\u{c}abcdefgh\tc\n"), "a     b\nabcdefgh   c\n");
}
