//! The allocator keeps Extism's handle semantics: null is 0, unknown handles have length 0,
//! freed blocks are reused, every call starts empty, and nothing is handed out past the memory.

use super::*;

const CAP: u64 = 1 << 16;

#[test]
fn handles_are_never_null_and_lengths_are_what_was_asked() {
    let mut k = Kernel::default();
    assert_eq!(k.alloc(0, CAP), Ok(0));
    let a = k.alloc(3, CAP).unwrap();
    let b = k.alloc(10, CAP).unwrap();
    assert!(a >= HEADER && b > a);
    assert_eq!((k.length(a), k.length(b)), (3, 10));
    assert_eq!(k.length(0), 0);
    assert_eq!(k.length(a + 1), 0, "inside a block is not a handle");
    assert_eq!(k.length(1 << 40), 0);
}

#[test]
fn freed_blocks_are_reused_and_unknown_frees_ignored() {
    let mut k = Kernel::default();
    let a = k.alloc(100, CAP).unwrap();
    assert!(k.free(a));
    assert!(!k.free(a), "a second free is ignored");
    assert!(!k.free(12345));
    assert_eq!(k.length(a), 0);
    let b = k.alloc(40, CAP).unwrap();
    assert_eq!((b, k.length(b)), (a, 40));
}

#[test]
fn an_allocation_past_the_memory_asks_for_growth_and_changes_nothing() {
    let mut k = Kernel::default();
    let a = k.alloc(CAP - HEADER, CAP).unwrap();
    assert_eq!(k.alloc(1, CAP), Err(NeedBytes(CAP + 1)));
    let b = k.alloc(1, 2 * CAP).unwrap();
    assert_eq!(b, a + CAP - HEADER);
    assert_eq!(k.alloc(u64::MAX, CAP), Err(NeedBytes(u64::MAX)));
}

#[test]
fn output_error_and_blocks_are_forgotten_by_reset() {
    let mut k = Kernel::default();
    let a = k.alloc(8, CAP).unwrap();
    k.set_output(a, 8);
    k.set_error(a);
    assert_eq!((k.output(), k.error()), ((a, 8), a));
    k.reset();
    assert_eq!((k.output(), k.error(), k.length(a)), ((0, 0), 0, 0));
    assert_eq!(
        k.alloc(8, CAP),
        Ok(a),
        "the memory is reused from the start"
    );
}

#[test]
fn the_block_table_says_what_growing_it_costs_before_it_grows() {
    let block = std::mem::size_of::<Block>();
    let mut k = Kernel::default();
    assert_eq!(k.table_growth(), Some(8 * block));
    k.grow_table();
    assert_eq!(k.table_growth(), None, "room for 8 blocks");
    for _ in 0..8 {
        k.alloc(1, CAP).unwrap();
    }
    assert_eq!(k.table_growth(), Some(8 * block), "full: doubling adds 8");
    k.grow_table();
    k.reset();
    assert_eq!(k.table_growth(), None, "a reset keeps the room it paid for");
}
