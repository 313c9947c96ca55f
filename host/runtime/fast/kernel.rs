//! The Extism "kernel" allocator: which blocks of the kernel memory are handed out, the output
//! and the error. The bytes live in a small wasm memory ([`super::kmem`]) so that the plugin's
//! loads and stores stay wasm-to-wasm calls; this table stays in Rust.
//!
//! It follows the semantics of Extism's own kernel (`extism:host/env`): a handle is the offset
//! of a block's data, offset 0 is null, `length` of anything that is not a live block is 0,
//! `free` of an unknown handle does nothing, freed blocks are reused, and every call starts from
//! an empty memory (`reset`). The numeric values of handles differ from Extism's; plugins treat
//! them as opaque.

/// The kernel memory starts with the input's offset and length (read by the wasm half), so
/// the first block, and every handle, is past them: 0 stays null.
pub const HEADER: u64 = 16;

/// One allocation: `size` bytes reserved at `offset`, of which `used` were asked for.
#[derive(Debug, Clone, Copy)]
struct Block {
    offset: u64,
    size: u64,
    used: u64,
    active: bool,
}

/// An allocation that does not fit: the memory must first grow to this many bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct NeedBytes(pub u64);

/// The block table of one plugin instance's kernel memory.
#[derive(Debug)]
pub struct Kernel {
    /// Sorted by offset: new blocks are only ever appended at the bump position.
    blocks: Vec<Block>,
    free_blocks: usize,
    position: u64,
    output: (u64, u64),
    error: u64,
}

impl Default for Kernel {
    fn default() -> Self {
        Self {
            blocks: Vec::new(),
            free_blocks: 0,
            position: HEADER,
            output: (0, 0),
            error: 0,
        }
    }
}

impl Kernel {
    /// Forgets every block, the output and the error (the memory keeps its size, as Extism's
    /// kernel memory does, so later calls do not grow it again).
    pub fn reset(&mut self) {
        self.blocks.clear();
        self.free_blocks = 0;
        self.position = HEADER;
        self.output = (0, 0);
        self.error = 0;
    }

    /// Allocates `n` bytes in a memory of `capacity` bytes and returns the handle (0 for
    /// `n == 0`); if they do not fit, nothing changes and the memory must grow first.
    pub fn alloc(&mut self, n: u64, capacity: u64) -> Result<u64, NeedBytes> {
        if n == 0 {
            return Ok(0);
        }
        if self.free_blocks > 0
            && let Some(block) = self.blocks.iter_mut().find(|b| !b.active && b.size >= n)
        {
            block.active = true;
            block.used = n;
            self.free_blocks -= 1;
            return Ok(block.offset);
        }
        let offset = self.position;
        let end = offset.saturating_add(n);
        if end > capacity {
            return Err(NeedBytes(end));
        }
        self.position = end;
        self.blocks.push(Block {
            offset,
            size: n,
            used: n,
            active: true,
        });
        Ok(offset)
    }

    /// The host memory the block table would add if it grew now (it is full), else `None`:
    /// charged to the plugin's memory cap before it grows ([`Kernel::grow_table`]), since a loop
    /// of tiny allocations costs the host a table entry each, far more than the kernel memory.
    pub fn table_growth(&self) -> Option<usize> {
        (self.blocks.len() == self.blocks.capacity())
            .then(|| self.blocks.capacity().max(8) * std::mem::size_of::<Block>())
    }

    /// Doubles the block table's room (at least 8 blocks), as [`Kernel::table_growth`] charged.
    pub fn grow_table(&mut self) {
        self.blocks.reserve_exact(self.blocks.capacity().max(8));
    }

    fn find(&self, handle: u64) -> Option<&Block> {
        let i = self
            .blocks
            .binary_search_by_key(&handle, |b| b.offset)
            .ok()?;
        Some(&self.blocks[i]).filter(|b| b.active)
    }

    /// Frees a live block (true); anything else is ignored, as Extism's kernel does (false).
    pub fn free(&mut self, handle: u64) -> bool {
        let Ok(i) = self.blocks.binary_search_by_key(&handle, |b| b.offset) else {
            return false;
        };
        let block = &mut self.blocks[i];
        if !block.active {
            return false;
        }
        block.active = false;
        self.free_blocks += 1;
        true
    }

    /// The length of a live block, else 0.
    pub fn length(&self, handle: u64) -> u64 {
        self.find(handle).map_or(0, |b| b.used)
    }

    pub fn set_output(&mut self, offset: u64, len: u64) {
        self.output = (offset, len);
    }

    pub fn output(&self) -> (u64, u64) {
        self.output
    }

    pub fn set_error(&mut self, handle: u64) {
        self.error = handle;
    }

    pub fn error(&self) -> u64 {
        self.error
    }
}

#[cfg(test)]
mod tests;
