//! The per-call arena of a plugin's allocator: bump allocation from one region, emptied when a
//! call ends with nothing of its own still alive.
//!
//! A plugin call decodes its JSON input, builds a few small trees and strings, encodes its
//! output and frees all of it before it returns: hundreds of small allocations, each costing
//! more in a general-purpose allocator than the work done with it. Here an allocation is a
//! pointer bump, a free only a count (or a pop when it is the last block), and
//! [`Bump::end_call`] empties the region. Nothing is ever moved or reused while it may be
//! alive:
//!
//! - a request the region cannot hold returns `None`: the caller allocates elsewhere (the
//!   plugin's general allocator), so a large document never fails for the arena's sake;
//! - a call that ends with some of its blocks still alive (a value kept in a `static`, say)
//!   leaves them where they are: the region below the bump position is frozen for good, and
//!   the next calls use what is above it.
//!
//! The wasm global allocator (`exports`) puts this in front of `talc`; this file is plain code,
//! tested natively on a buffer.

use std::alloc::Layout;
use std::cell::Cell;

/// The arena's state over the bytes `[base, base + size)`.
#[derive(Debug)]
pub struct Bump {
    base: *mut u8,
    size: usize,
    /// The offset of the first free byte.
    next: Cell<usize>,
    /// Where the current call's blocks start: below it, the frozen blocks of earlier calls.
    start: Cell<usize>,
    /// How many of the current call's blocks are alive.
    live: Cell<usize>,
}

impl Bump {
    /// An arena over `size` bytes at `base`, which it then owns.
    pub const fn new(base: *mut u8, size: usize) -> Self {
        Self {
            base,
            size,
            next: Cell::new(0),
            start: Cell::new(0),
            live: Cell::new(0),
        }
    }

    /// A block for `layout`, or `None` when the rest of the region cannot hold it.
    pub fn alloc(&self, layout: Layout) -> Option<*mut u8> {
        let base = self.base as usize;
        let at = (base + self.next.get()).checked_next_multiple_of(layout.align())? - base;
        let end = at.checked_add(layout.size())?;
        if end > self.size {
            return None;
        }
        self.next.set(end);
        self.live.set(self.live.get() + 1);
        // In bounds: `end <= size`.
        Some(self.base.wrapping_add(at))
    }

    /// Whether the arena holds `ptr` (and so must be the one to free it).
    pub fn owns(&self, ptr: *mut u8) -> bool {
        (ptr as usize).wrapping_sub(self.base as usize) < self.size
    }

    /// Frees a block this arena handed out ([`Bump::owns`]): the last block gives its bytes
    /// back at once, the others when the call ends.
    pub fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let at = self.offset(ptr);
        if at < self.start.get() {
            return; // a frozen block: its bytes stay where they are
        }
        self.live.set(self.live.get() - 1);
        if at + layout.size() == self.next.get() {
            self.next.set(at);
        }
    }

    /// Grows or shrinks the last block in place to `new_size` bytes; `false` when it is not
    /// the last block or the region has no room (the caller then moves it).
    pub fn resize_in_place(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> bool {
        let at = self.offset(ptr);
        if at < self.start.get() || at + layout.size() != self.next.get() {
            return false;
        }
        match at.checked_add(new_size) {
            Some(end) if end <= self.size => {
                self.next.set(end);
                true
            }
            _ => false,
        }
    }

    /// The call is over: with none of its blocks alive the region is empty again; otherwise
    /// its blocks (dead and alive) are frozen and the next call starts above them.
    pub fn end_call(&self) {
        if self.live.get() == 0 {
            self.next.set(self.start.get());
        } else {
            self.start.set(self.next.get());
            self.live.set(0);
        }
    }

    fn offset(&self, ptr: *mut u8) -> usize {
        ptr as usize - self.base as usize
    }

    /// The bytes in use (frozen ones included): for tests.
    pub fn used(&self) -> usize {
        self.next.get()
    }
}

#[cfg(test)]
mod tests;
