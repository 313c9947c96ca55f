//! The global allocator of every plugin built with this crate: the per-call [`Bump`] arena in
//! front of `talc`, which serves what the arena cannot hold. [`end_call`] is the arena's end of
//! a call; the export shells call it once everything the call allocated has been dropped.
//!
//! Measured (BENCHMARKS.md): plan + render pairs spend a fifth of their time in allocation with
//! a general-purpose allocator alone; `talc` is also ~7 KB smaller than std's dlmalloc.

// A global allocator is unsafe code by definition.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};

use crate::arena::Bump;

/// The arena's size: a call of the create plugin uses a few KiB; a large `apiKeys list` page
/// overflows into `talc`. Zero-initialised, it costs the `.wasm` nothing and the instance only
/// the pages it touches.
const ARENA_BYTES: usize = 256 << 10;

#[repr(C, align(16))]
struct Region([u8; ARENA_BYTES]);

static mut REGION: Region = Region([0; ARENA_BYTES]);

struct PluginAllocator {
    arena: Bump,
    general: talc::wasm::WasmDynamicTalc,
}

// SAFETY: `wasm32-unknown-unknown` without the `atomics` target feature has one thread.
#[cfg(not(target_feature = "atomics"))]
unsafe impl Sync for PluginAllocator {}

#[global_allocator]
static ALLOCATOR: PluginAllocator = PluginAllocator {
    // SAFETY: only the arena ever touches REGION.
    arena: Bump::new((&raw mut REGION).cast(), ARENA_BYTES),
    general: talc::wasm::new_wasm_dynamic_allocator(),
};

// SAFETY: the arena's blocks are disjoint parts of REGION, never handed out twice while alive
// (`Bump`); every block is freed by whichever of the two allocators made it (`Bump::owns`).
unsafe impl GlobalAlloc for PluginAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match self.arena.alloc(layout) {
            Some(ptr) => ptr,
            // SAFETY: the caller's contract, passed on.
            None => unsafe { self.general.alloc(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if self.arena.owns(ptr) {
            self.arena.dealloc(ptr, layout);
        } else {
            // SAFETY: `ptr` came from `general` with `layout`.
            unsafe { self.general.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !self.arena.owns(ptr) {
            // SAFETY: `ptr` came from `general` with `layout`.
            return unsafe { self.general.realloc(ptr, layout, new_size) };
        }
        // The last block grows or shrinks in place; any other block can shrink where it is (its
        // tail stays unused until the arena empties).
        if self.arena.resize_in_place(ptr, layout, new_size) || new_size <= layout.size() {
            return ptr;
        }
        // SAFETY: `realloc`'s contract makes `new_size` with `layout`'s alignment a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a non-zero size, as `realloc`'s contract requires.
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks hold at least the smaller size and are distinct allocations.
            unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
            self.arena.dealloc(ptr, layout);
        }
        new
    }
}

/// A call is over and everything it allocated that is not meant to outlive it is dropped.
pub fn end_call() {
    ALLOCATOR.arena.end_call();
}
