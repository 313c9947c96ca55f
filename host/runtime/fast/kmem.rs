//! The kernel memory: a tiny wasm module of our own (the text below) that owns the memory behind
//! Extism handles and exports the functions a plugin calls for every 8 bytes it moves
//! (`load_*`, `store_*`, `input_load_*`), so those stay wasm-to-wasm calls compiled by
//! Cranelift, as in Extism, instead of host calls. The host allocates ([`Kernel`]) and copies
//! input and output through the helpers here.
//!
//! Offsets are 64-bit in the ABI and the memory is 32-bit: anything past 4 GiB traps rather than
//! wrapping around. Bytes 0..16 hold the input's offset and length ([`HEADER`]).

use wasmtime::{AsContext, AsContextMut, Memory};

use super::abi::HostState;
use super::kernel::{HEADER, NeedBytes};

/// The wasm half of the kernel. Compiled once and cached like a plugin.
pub const WAT: &str = r#"(module
  (memory (export "memory") 1)
  (func (export "load_u8") (param $p i64) (result i32)
    (if (i64.gt_u (local.get $p) (i64.const 0xffffffff)) (then unreachable))
    (i32.load8_u (i32.wrap_i64 (local.get $p))))
  (func (export "load_u64") (param $p i64) (result i64)
    (if (i64.gt_u (local.get $p) (i64.const 0xffffffff)) (then unreachable))
    (i64.load (i32.wrap_i64 (local.get $p))))
  (func (export "store_u8") (param $p i64) (param $x i32)
    (if (i64.gt_u (local.get $p) (i64.const 0xffffffff)) (then unreachable))
    (i32.store8 (i32.wrap_i64 (local.get $p)) (local.get $x)))
  (func (export "store_u64") (param $p i64) (param $x i64)
    (if (i64.gt_u (local.get $p) (i64.const 0xffffffff)) (then unreachable))
    (i64.store (i32.wrap_i64 (local.get $p)) (local.get $x)))
  (func (export "input_offset") (result i64) (i64.load (i32.const 0)))
  (func (export "input_length") (result i64) (i64.load (i32.const 8)))
  (func (export "input_load_u8") (param $o i64) (result i32)
    (local $p i64)
    (local.set $p (i64.add (i64.load (i32.const 0)) (local.get $o)))
    (if (i64.gt_u (local.get $p) (i64.const 0xffffffff)) (then unreachable))
    (i32.load8_u (i32.wrap_i64 (local.get $p))))
  (func (export "input_load_u64") (param $o i64) (result i64)
    (local $p i64)
    (local.set $p (i64.add (i64.load (i32.const 0)) (local.get $o)))
    (if (i64.gt_u (local.get $p) (i64.const 0xffffffff)) (then unreachable))
    (i64.load (i32.wrap_i64 (local.get $p)))))
"#;

/// The names the wasm half provides; every other `extism:host/env` import is a host function.
pub const EXPORTS: &[&str] = &[
    "load_u8",
    "load_u64",
    "store_u8",
    "store_u64",
    "input_offset",
    "input_length",
    "input_load_u8",
    "input_load_u64",
];

const PAGE: u64 = 64 << 10;

fn memory(cx: &impl AsContext<Data = HostState>) -> wasmtime::Result<Memory> {
    cx.as_context()
        .data()
        .memory
        .ok_or_else(|| wasmtime::Error::msg("the kernel memory is not instantiated"))
}

/// Allocates `n` bytes, growing the memory (within the cap) when they do not fit; the block
/// table's growth is charged to the same cap.
pub fn alloc(mut cx: impl AsContextMut<Data = HostState>, n: u64) -> wasmtime::Result<u64> {
    let memory = memory(&cx)?;
    let mut store = cx.as_context_mut();
    let state = store.data_mut();
    if n != 0
        && let Some(bytes) = state.kernel.table_growth()
    {
        state.budget.charge(bytes)?;
        state.kernel.grow_table();
    }
    loop {
        let capacity = memory.data_size(&cx) as u64;
        match cx.as_context_mut().data_mut().kernel.alloc(n, capacity) {
            Ok(handle) => return Ok(handle),
            Err(NeedBytes(end)) => {
                memory.grow(&mut cx, (end - capacity).div_ceil(PAGE))?;
            }
        }
    }
}

/// Copies `data` into a new block and returns its handle (0 for no data).
pub fn alloc_bytes(
    mut cx: impl AsContextMut<Data = HostState>,
    data: &[u8],
) -> wasmtime::Result<u64> {
    let handle = alloc(&mut cx, data.len() as u64)?;
    if handle != 0 {
        let at = handle as usize;
        memory(&cx)?.data_mut(&mut cx)[at..at + data.len()].copy_from_slice(data);
    }
    Ok(handle)
}

/// `len` bytes at `offset`, if they are inside the memory.
pub fn bytes<'a, T: AsContext<Data = HostState> + 'a>(
    cx: &'a T,
    offset: u64,
    len: u64,
) -> Option<&'a [u8]> {
    let data = memory(cx).ok()?.data(cx);
    let end = offset.checked_add(len)?;
    data.get(usize::try_from(offset).ok()?..usize::try_from(end).ok()?)
}

/// The bytes of a live block, if `handle` is one.
pub fn block<'a, T: AsContext<Data = HostState> + 'a>(cx: &'a T, handle: u64) -> Option<&'a [u8]> {
    let len = cx.as_context().data().kernel.length(handle);
    if len == 0 {
        return None;
    }
    bytes(cx, handle, len)
}

/// Records the input range in the header, where the wasm half reads it.
pub fn set_input_range(
    mut cx: impl AsContextMut<Data = HostState>,
    handle: u64,
    len: u64,
) -> wasmtime::Result<()> {
    let data = memory(&cx)?.data_mut(&mut cx);
    data[..8].copy_from_slice(&handle.to_le_bytes());
    data[8..HEADER as usize].copy_from_slice(&len.to_le_bytes());
    Ok(())
}

/// Copies `data` in as the call's input.
pub fn set_input(mut cx: impl AsContextMut<Data = HostState>, data: &[u8]) -> wasmtime::Result<()> {
    let handle = alloc_bytes(&mut cx, data)?;
    set_input_range(cx, handle, data.len() as u64)
}

/// Frees a block; freeing the input also forgets its length, as Extism's kernel does.
pub fn free(mut cx: impl AsContextMut<Data = HostState>, handle: u64) -> wasmtime::Result<()> {
    if cx.as_context_mut().data_mut().kernel.free(handle) {
        let memory = memory(&cx)?;
        let data = memory.data_mut(&mut cx);
        if data[..8] == handle.to_le_bytes() {
            data[8..HEADER as usize].fill(0);
        }
    }
    Ok(())
}

/// Empties the kernel for the next call: no blocks, input, output or error.
pub fn reset(mut cx: impl AsContextMut<Data = HostState>) -> wasmtime::Result<()> {
    cx.as_context_mut().data_mut().kernel.reset();
    set_input_range(cx, 0, 0)
}
