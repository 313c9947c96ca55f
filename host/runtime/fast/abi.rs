//! The Extism host ABI (`extism:host/env`) that `extism-pdk` 1.4 plugins import, implemented on
//! the host-side [`Kernel`]: memory, input, output and error functions, config (always empty),
//! vars, logging (off) and HTTP (always refused: the host does every request itself).
//!
//! Each function keeps the semantics of Extism 1.41 (`extism/src/pdk.rs` and its kernel),
//! including what takes ownership of a handle. Errors end the call as a trap, as in Extism.

use std::collections::BTreeMap;
use std::time::Instant;

use wasmtime::{Caller, Engine, Linker, Memory};

use super::kernel::Kernel;
use super::kmem;
use super::limits::Budget;

/// The module plugins import the ABI from.
pub const ENV: &str = "extism:host/env";

/// The most all vars of one instance may hold: Extism's default (`max_var_bytes`).
const MAX_VAR_BYTES: usize = 1 << 20;

/// What every store of the fast runtime carries.
pub struct HostState {
    pub kernel: Kernel,
    /// The kernel memory (the wasm half's), once instantiated.
    pub memory: Option<Memory>,
    pub vars: BTreeMap<String, Vec<u8>>,
    /// When the running call must stop.
    pub deadline: Instant,
    /// The memory cap, which every memory, table and the kernel's block table draw on.
    pub budget: Budget,
}

impl HostState {
    pub fn new(memory_cap: usize) -> Self {
        Self {
            kernel: Kernel::default(),
            memory: None,
            vars: BTreeMap::new(),
            deadline: Instant::now(),
            budget: Budget::new(memory_cap),
        }
    }
}

type Cx<'a> = Caller<'a, HostState>;
type Res<T> = wasmtime::Result<T>;

/// Every `extism:host/env` function the host implements ([`linker`] defines them); the memory
/// functions come from the kernel's wasm half ([`kmem::EXPORTS`]), per instance.
pub const FUNCTIONS: &[&str] = &[
    "alloc",
    "free",
    "length",
    "length_unsafe",
    "memory_bytes",
    "reset",
    "input_set",
    "output_set",
    "output_offset",
    "output_length",
    "error_set",
    "error_get",
    "config_get",
    "var_get",
    "var_set",
    "http_request",
    "http_status_code",
    "http_headers",
    "log_info",
    "log_debug",
    "log_warn",
    "log_error",
    "log_trace",
    "get_log_level",
];

/// A linker with the functions of [`FUNCTIONS`] that `wanted` names: a plugin imports a few, and
/// defining a host function costs a type registration, so a start-up defines only those.
pub fn linker(
    engine: &Engine,
    wanted: impl Fn(&str) -> bool,
) -> wasmtime::Result<Linker<HostState>> {
    let mut defs = Defs {
        linker: Linker::new(engine),
        wanted: &wanted,
    };
    memory(&mut defs)?;
    io(&mut defs)?;
    state(&mut defs)?;
    refused(&mut defs)?;
    Ok(defs.linker)
}

/// A linker being built, with the filter of what to define.
struct Defs<'a> {
    linker: Linker<HostState>,
    wanted: &'a dyn Fn(&str) -> bool,
}

impl Defs<'_> {
    fn func_wrap<Params, Results>(
        &mut self,
        name: &str,
        func: impl wasmtime::IntoFunc<HostState, Params, Results>,
    ) -> wasmtime::Result<()> {
        if (self.wanted)(name) {
            self.linker.func_wrap(ENV, name, func)?;
        }
        Ok(())
    }
}

fn memory(l: &mut Defs) -> wasmtime::Result<()> {
    l.func_wrap("alloc", |cx: Cx, n: u64| kmem::alloc(cx, n))?;
    l.func_wrap("free", |cx: Cx, h: u64| kmem::free(cx, h))?;
    l.func_wrap("length", |cx: Cx, h: u64| cx.data().kernel.length(h))?;
    // Extism's `length_unsafe` skips its block walk; a lookup here is cheap, so both check.
    l.func_wrap("length_unsafe", |cx: Cx, h: u64| cx.data().kernel.length(h))?;
    l.func_wrap("memory_bytes", |cx: Cx| -> Res<u64> {
        let memory = cx.data().memory;
        Ok(memory.map_or(0, |m| m.data_size(&cx) as u64))
    })?;
    l.func_wrap("reset", |cx: Cx| kmem::reset(cx))?;
    Ok(())
}

fn io(l: &mut Defs) -> wasmtime::Result<()> {
    l.func_wrap("input_set", |cx: Cx, h: u64, len: u64| {
        kmem::set_input_range(cx, h, len)
    })?;
    l.func_wrap("output_set", |mut cx: Cx, p: u64, len: u64| {
        cx.data_mut().kernel.set_output(p, len)
    })?;
    l.func_wrap("output_offset", |cx: Cx| cx.data().kernel.output().0)?;
    l.func_wrap("output_length", |cx: Cx| cx.data().kernel.output().1)?;
    l.func_wrap("error_set", |mut cx: Cx, h: u64| {
        cx.data_mut().kernel.set_error(h)
    })?;
    l.func_wrap("error_get", |cx: Cx| cx.data().kernel.error())?;
    Ok(())
}

/// The text of the block at `handle`, which the call takes ownership of (and frees); `what`
/// names it in the error for a handle that is not a live block. Handle 0 is the empty text.
fn take_text(cx: &mut Cx, handle: u64, what: &str) -> Res<String> {
    if handle == 0 {
        return Ok(String::new());
    }
    let bytes = kmem::block(cx, handle).ok_or_else(|| {
        wasmtime::Error::msg(format!("invalid handle offset for {what}: {handle}"))
    })?;
    let text = std::str::from_utf8(bytes)?.to_string();
    kmem::free(cx, handle)?;
    Ok(text)
}

fn state(l: &mut Defs) -> wasmtime::Result<()> {
    // The host gives plugins no config: every key is absent.
    l.func_wrap("config_get", |mut cx: Cx, key: u64| -> Res<u64> {
        take_text(&mut cx, key, "config key").map(|_| 0u64)
    })?;
    l.func_wrap("var_get", |mut cx: Cx, key: u64| -> Res<u64> {
        let key = take_text(&mut cx, key, "var key")?;
        match cx.data().vars.get(&key).cloned() {
            Some(value) => kmem::alloc_bytes(cx, &value),
            None => Ok(0),
        }
    })?;
    l.func_wrap("var_set", var_set)?;
    Ok(())
}

/// Sets (or, for value handle 0, removes) a var; both handles are the call's to free.
fn var_set(mut cx: Cx, key: u64, value: u64) -> Res<()> {
    let name = match kmem::block(&cx, key) {
        Some(bytes) => std::str::from_utf8(bytes)?.to_string(),
        None if key == 0 => String::new(),
        None => wasmtime::bail!("invalid handle offset for var key: {key}"),
    };
    if value == 0 {
        cx.data_mut().vars.remove(&name);
        return kmem::free(cx, key);
    }
    let Some(bytes) = kmem::block(&cx, value).map(<[u8]>::to_vec) else {
        wasmtime::bail!("invalid handle offset for var value: {value}");
    };
    // Extism's accounting: every entry costs its bytes plus a String and a Vec header.
    let entry = std::mem::size_of::<String>() + std::mem::size_of::<Vec<u8>>();
    let vars = &cx.data().vars;
    let size = vars
        .iter()
        .map(|(k, v)| k.len() + v.len() + entry)
        .sum::<usize>()
        + name.len()
        + bytes.len()
        + entry;
    if size > MAX_VAR_BYTES {
        wasmtime::bail!("Variable store is full");
    }
    kmem::free(&mut cx, value)?;
    kmem::free(&mut cx, key)?;
    cx.data_mut().vars.insert(name, bytes);
    Ok(())
}

/// HTTP from a plugin is always refused (Extism's wording, as when it is built without HTTP);
/// logging is off, so log messages are freed unread, as Extism does below its log level.
fn refused(l: &mut Defs) -> wasmtime::Result<()> {
    l.func_wrap("http_request", http_request)?;
    l.func_wrap("http_status_code", || 0i32)?;
    l.func_wrap("http_headers", || 0u64)?;
    for name in [
        "log_info",
        "log_debug",
        "log_warn",
        "log_error",
        "log_trace",
    ] {
        l.func_wrap(name, |cx: Cx, h: u64| kmem::free(cx, h))?;
    }
    // Extism's answer when no log level is enabled: nothing is worth sending.
    l.func_wrap("get_log_level", || i32::MAX)?;
    Ok(())
}

fn http_request(mut cx: Cx, req: u64, _body: u64) -> Res<u64> {
    if req != 0 && kmem::block(&cx, req).is_none() {
        wasmtime::bail!("http_request input is invalid: {req}");
    }
    let text = take_text(&mut cx, req, "http request")?;
    let url = serde_json::from_str::<serde_json::Value>(&text)?
        .get("url")
        .and_then(|u| u.as_str().map(str::to_string))
        .unwrap_or_default();
    wasmtime::bail!("http_request is not enabled, request to {url} is not allowed")
}
