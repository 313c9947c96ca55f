//! What one plugin instance may hold, and the check of a module against it before it runs.
//!
//! One budget (the memory cap) pays for everything an instance makes the host allocate: the
//! plugin's memories, the kernel memory, every table slot (a table is host memory too: 64 M
//! slots of 8 bytes are 512 MiB), and the kernel's block table (a loop of tiny `alloc`s costs
//! the host a table entry each). The number of instances, memories and tables in a store is
//! bounded too. At load, a module that imports what no atlas host provides, or whose declared
//! memories or tables could never fit, is refused before it is instantiated.

use wasmtime::{Module, ResourceLimiter};

use super::abi::{ENV, FUNCTIONS, HostState};
use super::kmem;

/// A store holds the kernel's wasm half and the plugin: two instances.
const MAX_INSTANCES: usize = 2;
/// Memories a plugin may define (the kernel's is one more): Rust plugins define one.
pub const MAX_PLUGIN_MEMORIES: u32 = 4;
/// Tables a plugin may define: Rust plugins define one.
pub const MAX_PLUGIN_TABLES: u32 = 4;
/// What the host pays per table slot: wasmtime stores a pointer per element.
pub const TABLE_ELEMENT_BYTES: usize = 8;
/// The kernel memory's first page, taken from the same cap.
const KERNEL_BYTES: usize = 64 << 10;

/// The bytes an instance may hold and what it holds now.
#[derive(Debug)]
pub struct Budget {
    cap: usize,
    used: usize,
}

/// Extism's wording for the cap, so that both runtimes report it alike.
fn oom() -> wasmtime::Error {
    wasmtime::Error::msg("oom")
}

impl Budget {
    pub fn new(cap: usize) -> Self {
        Self { cap, used: 0 }
    }

    /// Takes `bytes` more from the budget, or fails with `oom` and takes nothing.
    pub fn charge(&mut self, bytes: usize) -> wasmtime::Result<()> {
        let used = self.used.checked_add(bytes).ok_or_else(oom)?;
        if used > self.cap {
            return Err(oom());
        }
        self.used = used;
        Ok(())
    }

    /// One resource grows from `current` to `desired` bytes.
    fn resize(&mut self, current: usize, desired: usize) -> wasmtime::Result<()> {
        let used = self
            .used
            .saturating_sub(current)
            .checked_add(desired)
            .ok_or_else(oom)?;
        if used > self.cap {
            return Err(oom());
        }
        self.used = used;
        Ok(())
    }
}

impl ResourceLimiter for HostState {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if maximum.is_some_and(|max| desired > max) {
            return Err(oom());
        }
        self.budget.resize(current, desired)?;
        Ok(true)
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if maximum.is_some_and(|max| desired > max) {
            return Ok(false);
        }
        let bytes = |n: usize| n.saturating_mul(TABLE_ELEMENT_BYTES);
        self.budget.resize(bytes(current), bytes(desired))?;
        Ok(true)
    }

    fn instances(&self) -> usize {
        MAX_INSTANCES
    }

    fn memories(&self) -> usize {
        MAX_PLUGIN_MEMORIES as usize + 1
    }

    fn tables(&self) -> usize {
        MAX_PLUGIN_TABLES as usize
    }
}

/// Why a module is refused before it runs.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It imports `module::name`, which no atlas host provides.
    Import(String),
    /// What it declares does not fit the cap or the counts (a sentence).
    Declares(String),
}

/// Checks what `module` imports and declares against a memory cap of `cap` bytes.
pub fn check(module: &Module, cap: usize) -> Result<(), Refusal> {
    for import in module.imports() {
        let (m, name) = (import.module(), import.name());
        let provided = m == ENV && (kmem::EXPORTS.contains(&name) || FUNCTIONS.contains(&name));
        if !provided {
            return Err(Refusal::Import(format!("{m}::{name}")));
        }
    }
    let need = module.resources_required();
    let mib = |bytes: u128| bytes.div_ceil(1 << 20);
    let cap_mib = cap >> 20;
    if need.num_memories > MAX_PLUGIN_MEMORIES {
        return Err(Refusal::Declares(format!(
            "it declares {} memories, more than the {MAX_PLUGIN_MEMORIES} a plugin may have",
            need.num_memories
        )));
    }
    if need.num_tables > MAX_PLUGIN_TABLES {
        return Err(Refusal::Declares(format!(
            "it declares {} tables, more than the {MAX_PLUGIN_TABLES} a plugin may have",
            need.num_tables
        )));
    }
    let room = cap.saturating_sub(KERNEL_BYTES) as u128;
    if let Some(pages) = need.max_initial_memory_size {
        let bytes = u128::from(pages) * (64 << 10);
        if bytes > room {
            return Err(Refusal::Declares(format!(
                "it declares a memory of {pages} pages ({} MiB), more than its memory limit of {cap_mib} MiB",
                mib(bytes)
            )));
        }
    }
    if let Some(elements) = need.max_initial_table_size {
        let bytes = u128::from(elements) * TABLE_ELEMENT_BYTES as u128;
        if bytes > room {
            return Err(Refusal::Declares(format!(
                "it declares a table of {elements} slots ({} MiB), more than its memory limit of {cap_mib} MiB",
                mib(bytes)
            )));
        }
    }
    Ok(())
}
