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
fn treats_a_tab_before_a_newline_as_a_terminated_cell() {
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

#[test]
fn a_text_that_ends_in_a_tab_leaves_its_last_cell_unpadded() {
    // Go's `Flush` adds the current cell only when it is not empty (recorded from Go 1.19).
    assert_eq!(
        align("6a793f752c88faeba59bba49\t"),
        "6a793f752c88faeba59bba49"
    );
    assert_eq!(
        align("ORG_MEMBER\tGROUP_READ_ONLY\t"),
        "ORG_MEMBER   GROUP_READ_ONLY"
    );
    assert_eq!(align("a\tb\nc\t"), "a     b\nc");
}

#[test]
fn a_line_of_thousands_of_cells_is_laid_out_without_recursion() {
    let text = "x\t".repeat(2400) + "\n";
    let want = "x     ".repeat(2400) + "\n";
    assert_eq!(align(&text), want);
}

/// Inputs drawn at random from tabs, newlines, vertical tabs, form feeds and words, with what
/// Go 1.19's `tabwriter.NewWriter(w, 6, 4, 3, ' ', 0)`, `Write` and `Flush` printed.
const RECORDED: &[(&str, &str)] = &[
    (
        "\nxx\ta\tlonger text\u{b}\t\nbba\u{c}",
        "\nxx    a     longer text         \nbba\n",
    ),
    ("\nbbbb\u{b}a\n", "\nbbbb   a\n"),
    ("\txxé😀longer texté😀bb", "      xxé😀longer texté😀bb"),
    (
        "\n\u{b}bbé😀é😀\té😀\n\u{b}\tlonger texta",
        "\n      bbé😀é😀   é😀\n               longer texta",
    ),
    ("xxaé😀\t", "xxaé😀"),
    (
        "longer text\u{c}\nx\nbb\t\n\n\na\t",
        "longer text\n\nx\nbb    \n\n\na",
    ),
    (
        "\u{b}longer text\né😀\t\t\u{c}",
        "      longer text\né😀          \n",
    ),
    (
        "\n\u{b}abb\tbb\t\n\t\né😀bb",
        "\n      abb   bb    \n      \né😀bb",
    ),
    ("a\tbb\n\t\tx\t\na\n", "a     bb\n            x     \na\n"),
    ("\na\u{c}bbé😀\t\n\t\n", "\na\nbbé😀   \n       \n"),
    ("\tlonger text\n\t\n", "      longer text\n      \n"),
    (
        "x\u{b}\u{b}longer textxlonger text\nxlonger text\u{b}",
        "x           longer textxlonger text\nxlonger text",
    ),
    ("\u{b}\u{b}\u{c}bbé😀", "            \nbbé😀"),
    ("aa\na\t\n", "aa\na     \n"),
    ("aax\tlonger text\t\n\nx", "aax   longer text   \n\nx"),
    (
        "é😀\u{b}\nlonger text\na\tbb\u{c}\n\u{c}",
        "é😀    \nlonger text\na     bb\n\n\n",
    ),
    (
        "alonger textlonger texté😀\tx\t\nlonger textxa",
        "alonger textlonger texté😀   x     \nlonger textxa",
    ),
    ("\n\t\u{c}bb\u{c}é😀", "\n      \nbb\né😀"),
    ("\u{b}longer text\u{b}", "      longer text"),
    (
        "\t\né😀\u{c}\tlonger text",
        "      \né😀\n      longer text",
    ),
    (
        "\t\u{c}bbx\n\t\n\u{b}\tlonger text\tx",
        "      \nbbx\n      \n            longer text   x",
    ),
    (
        "\u{c}a\n\t\n\u{b}\n\u{b}\u{b}",
        "\na\n      \n      \n      ",
    ),
    (
        "aé😀\té😀alonger text\t\u{b}abb\u{c}bb\u{c}",
        "aé😀   é😀alonger text         abb\nbb\n",
    ),
    ("bblonger text\t\n\u{c}\n\nbb", "bblonger text   \n\n\n\nbb"),
    ("xlonger text\t\u{b}\u{c}\u{b}", "xlonger text         \n"),
    ("a\na\n\tx\t", "a\na\n      x"),
    ("bb\nbb\u{b}\t\t\t\t", "bb\nbb                      "),
    ("é😀\tbba\t\tbbé😀\né😀", "é😀    bba         bbé😀\né😀"),
    (
        "\té😀é😀longer texté😀a\t\n",
        "      é😀é😀longer texté😀a   \n",
    ),
    ("é😀longer text\t\n\u{c}", "é😀longer text   \n\n"),
    (
        "\u{b}a\naé😀longer text\tax\u{b}longer texté😀",
        "                 a\naé😀longer text   ax    longer texté😀",
    ),
    ("\té😀bbx\n\u{b}\té😀a", "      é😀bbx\n            é😀a"),
    ("\t\u{b}xbb\u{b}é😀", "            xbb   é😀"),
    ("\t\u{c}\né😀\n\u{c}bbbb\t", "      \n\né😀\n\nbbbb"),
    ("\n\n\u{c}\té😀bb", "\n\n\n      é😀bb"),
    ("aé😀bb\té😀\u{b}", "aé😀bb   é😀"),
    ("aé😀\u{b}é😀\u{b}", "aé😀   é😀"),
    (
        "\tx\u{c}aé😀\u{b}bblonger textx",
        "      x\naé😀   bblonger textx",
    ),
    (
        "x\tbb\t\u{b}longer text\n\n\n",
        "x     bb          longer text\n\n\n",
    ),
    ("\u{c}é😀\t\n\n\n\u{c}", "\né😀    \n\n\n\n"),
];

#[test]
fn lays_out_random_texts_as_go_does() {
    for (input, want) in RECORDED {
        assert_eq!(align(input), *want, "input {input:?}");
    }
}
