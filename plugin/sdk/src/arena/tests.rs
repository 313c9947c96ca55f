//! The per-call arena on its own: bumps, frees, freezing, and what a call leaves behind.

use super::*;

/// An arena over a fresh 16-aligned buffer of `size` bytes (kept alive by the returned Vec).
fn arena(size: usize) -> (Vec<u128>, Bump) {
    let mut buffer = vec![0u128; size.div_ceil(16)];
    let bump = Bump::new(buffer.as_mut_ptr().cast(), size);
    (buffer, bump)
}

fn layout(size: usize, align: usize) -> Layout {
    Layout::from_size_align(size, align).unwrap()
}

#[test]
fn blocks_are_aligned_disjoint_and_inside_the_region() {
    let (buffer, bump) = arena(64);
    let base = buffer.as_ptr() as usize;
    let a = bump.alloc(layout(3, 1)).unwrap() as usize;
    let b = bump.alloc(layout(8, 8)).unwrap() as usize;
    let c = bump.alloc(layout(1, 16)).unwrap() as usize;
    assert_eq!((a - base, b - base, c - base), (0, 8, 16));
    assert!(bump.owns(c as *mut u8));
    assert!(!bump.owns((base + 64) as *mut u8));
    assert_eq!(bump.used(), 17);
}

#[test]
fn a_request_the_region_cannot_hold_is_refused_without_using_it() {
    let (_buffer, bump) = arena(32);
    assert!(bump.alloc(layout(33, 1)).is_none());
    assert_eq!(bump.used(), 0);
    bump.alloc(layout(20, 1)).unwrap();
    assert!(
        bump.alloc(layout(8, 16)).is_none(),
        "aligned to 32, it ends past the region"
    );
    assert!(
        bump.alloc(layout(12, 1)).is_some(),
        "the rest still serves what fits"
    );
}

#[test]
fn freeing_the_last_block_gives_its_bytes_back_and_others_wait_for_the_end_of_the_call() {
    let (_buffer, bump) = arena(64);
    let a = bump.alloc(layout(8, 8)).unwrap();
    let b = bump.alloc(layout(8, 8)).unwrap();
    bump.dealloc(a, layout(8, 8));
    assert_eq!(bump.used(), 16, "a is not the last block");
    bump.dealloc(b, layout(8, 8));
    assert_eq!(bump.used(), 8, "b was the last block");
    bump.end_call();
    assert_eq!(bump.used(), 0, "nothing of the call is alive");
}

#[test]
fn a_block_alive_at_the_end_of_a_call_is_never_reused() {
    let (_buffer, bump) = arena(64);
    let kept = bump.alloc(layout(8, 8)).unwrap();
    let dropped = bump.alloc(layout(8, 8)).unwrap();
    bump.dealloc(dropped, layout(8, 8));
    bump.end_call();
    assert_eq!(bump.used(), 8, "the kept block is frozen");

    let next = bump.alloc(layout(8, 8)).unwrap();
    assert_eq!(
        next as usize,
        kept as usize + 8,
        "the next call starts above it"
    );
    bump.dealloc(kept, layout(8, 8)); // freeing a frozen block later changes nothing
    bump.dealloc(next, layout(8, 8));
    bump.end_call();
    assert_eq!(
        bump.used(),
        8,
        "the arena empties down to the frozen block only"
    );
    assert!(!bump.resize_in_place(kept, layout(8, 8), 16));
}

#[test]
fn only_the_last_block_resizes_in_place_and_only_within_the_region() {
    let (_buffer, bump) = arena(32);
    let a = bump.alloc(layout(8, 1)).unwrap();
    let b = bump.alloc(layout(8, 1)).unwrap();
    assert!(!bump.resize_in_place(a, layout(8, 1), 16));
    assert!(bump.resize_in_place(b, layout(8, 1), 24));
    assert_eq!(bump.used(), 32);
    assert!(!bump.resize_in_place(b, layout(24, 1), 25));
    assert!(bump.resize_in_place(b, layout(24, 1), 4));
    assert_eq!(bump.used(), 12);
    bump.dealloc(b, layout(4, 1));
    bump.dealloc(a, layout(8, 1));
    bump.end_call();
    assert_eq!(bump.used(), 0);
}
