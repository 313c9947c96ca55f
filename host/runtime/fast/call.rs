//! One plugin instance of the fast runtime and how a call runs: Extism's sequence (reset the
//! kernel, copy the input in, call the export under the time limit, then read the error or the
//! output), with failures described as Extism describes them, so that the host words both
//! runtimes' failures alike.

use std::time::{Duration, Instant};

use wasmtime::{Engine, Extern, Func, Linker, Module, Store, Trap};

use super::abi::{self, ENV, FUNCTIONS, HostState};
use super::{clock, kmem};
use crate::runtime::Failure;

/// A plugin instance: its store (kernel memory, vars, limits) and the wasm instance, created at
/// the first call and again after a call that trapped (a trap can leave the plugin's own heap
/// half-updated; Extism keeps using it, we start clean; vars survive).
pub struct Instance {
    engine: Engine,
    /// The host functions this module imports (boxed: a linker is large and rarely touched).
    linker: Box<Linker<HostState>>,
    module: Module,
    kernel: Module,
    store: Store<HostState>,
    instance: Option<wasmtime::Instance>,
    memory_cap: usize,
    timeout: Duration,
}

fn new_store(engine: &Engine, state: HostState) -> Store<HostState> {
    let mut store = Store::new(engine, state);
    store.limiter(|state| state);
    store.epoch_deadline_callback(|cx| clock::on_tick(cx.data().deadline));
    store
}

impl Instance {
    /// An instance of `module`, linked at its first call; fails now if it imports anything
    /// but the Extism ABI (the runtime refuses such a module earlier, naming the import:
    /// `limits::check`).
    pub(super) fn new(
        engine: &Engine,
        module: Module,
        kernel: Module,
        memory_cap: usize,
        timeout: Duration,
    ) -> Result<Self, String> {
        let store = new_store(engine, HostState::new(memory_cap));
        let mut host_functions = Vec::new();
        for import in module.imports() {
            let (m, name) = (import.module(), import.name());
            match m == ENV {
                true if kmem::EXPORTS.contains(&name) => {}
                true if FUNCTIONS.contains(&name) => host_functions.push(name),
                _ => {
                    return Err(format!(
                        "unknown import: `{m}::{name}` has not been defined"
                    ));
                }
            }
        }
        let wanted = |name: &str| host_functions.contains(&name);
        let linker = Box::new(abi::linker(engine, wanted).map_err(|e| format!("{e:#}"))?);
        Ok(Self {
            engine: engine.clone(),
            linker,
            module,
            kernel,
            store,
            instance: None,
            memory_cap,
            timeout,
        })
    }

    /// Starts the time limit: the deadline the clock checks, and a guard keeping the clock on.
    fn start_clock(&mut self) -> clock::Running {
        self.store.data_mut().deadline = Instant::now() + self.timeout;
        self.store.set_epoch_deadline(1);
        clock::Running::start(&self.engine)
    }

    /// The instance, instantiated (in a fresh store after a trap) if there is none: first the
    /// kernel's wasm half, whose memory functions the plugin imports, then the plugin.
    fn ready(&mut self) -> Result<wasmtime::Instance, Failure> {
        if let Some(instance) = self.instance {
            return Ok(instance);
        }
        let _running = self.start_clock();
        let instance = self.link().map_err(|e| Failure::from_wasmtime(&e))?;
        self.instance = Some(instance);
        Ok(instance)
    }

    fn link(&mut self) -> wasmtime::Result<wasmtime::Instance> {
        let store = &mut self.store;
        let kernel = wasmtime::Instance::new(&mut *store, &self.kernel, &[])?;
        store.data_mut().memory = kernel.get_memory(&mut *store, "memory");
        let mut imports: Vec<Extern> = Vec::new();
        for import in self.module.imports() {
            let name = import.name();
            let found = match kmem::EXPORTS.contains(&name) {
                true => kernel.get_export(&mut *store, name),
                false => self.linker.get(&mut *store, import.module(), name).ok(),
            };
            imports.push(
                found.ok_or_else(|| {
                    wasmtime::Error::msg(format!("unknown import: `{ENV}::{name}`"))
                })?,
            );
        }
        wasmtime::Instance::new(store, &self.module, &imports)
    }

    /// After a trap: a new store (the old one would keep the dead instance's memory), same vars.
    fn discard(&mut self) {
        let vars = std::mem::take(&mut self.store.data_mut().vars);
        let mut state = HostState::new(self.memory_cap);
        state.vars = vars;
        self.store = new_store(&self.engine, state);
        self.instance = None;
    }

    /// Calls `function` with `input`; its output borrows the kernel memory until the next call.
    pub fn call(&mut self, function: &str, input: &[u8]) -> Result<&[u8], Failure> {
        let instance = self.ready()?;
        kmem::reset(&mut self.store).map_err(|e| Failure::from_wasmtime(&e))?;
        kmem::set_input(&mut self.store, input).map_err(|e| Failure::from_wasmtime(&e))?;
        let func = instance
            .get_func(&mut self.store, function)
            .ok_or_else(|| Failure::plain(format!("Function not found: {function}")))?;
        let running = self.start_clock();
        let result = invoke(&mut self.store, func);
        drop(running);
        let failure = self.failure(result.as_ref());
        if result.is_err() {
            self.discard();
        }
        if let Some(failure) = failure {
            return Err(failure);
        }
        let (offset, len) = self.store.data().kernel.output();
        kmem::bytes(&self.store, offset, len).ok_or_else(|| {
            Failure::plain(format!(
                "the output ({len} bytes at {offset}) is outside the kernel memory"
            ))
        })
    }

    /// What went wrong, if anything: the plugin's error text first (as Extism does), then the
    /// trap, then a non-zero return code.
    fn failure(&self, result: Result<&i32, &wasmtime::Error>) -> Option<Failure> {
        let error = kmem::block(&self.store, self.store.data().kernel.error());
        match (error, result) {
            (Some(bytes), result) => Some(match std::str::from_utf8(bytes) {
                Ok(text) => Failure {
                    root: text.to_string(),
                    trapped: result.is_err(),
                    text: text.to_string(),
                },
                Err(e) => Failure::plain(format!("unable to load error message from memory: {e}")),
            }),
            (None, Err(e)) => Some(Failure::from_wasmtime(e)),
            (None, Ok(0)) => None,
            (None, Ok(rc)) => Some(Failure::plain(format!("Returned non-zero exit code: {rc}"))),
        }
    }
}

/// Calls an export typed as Extism allows: `() -> i32` (the return code) or `() -> ()`.
fn invoke(store: &mut Store<HostState>, func: Func) -> wasmtime::Result<i32> {
    if let Ok(typed) = func.typed::<(), i32>(&*store) {
        return typed.call(&mut *store, ());
    }
    func.typed::<(), ()>(&*store)?.call(store, ())?;
    Ok(0)
}

impl Failure {
    fn plain(text: String) -> Self {
        Self {
            root: text.clone(),
            trapped: false,
            text,
        }
    }

    fn from_wasmtime(e: &wasmtime::Error) -> Self {
        if e.downcast_ref::<Trap>() == Some(&Trap::Interrupt) {
            return Self::plain("timeout".into());
        }
        let chain = format!("{e:?}");
        Self {
            root: e.root_cause().to_string(),
            trapped: chain.contains("wasm trap") || chain.contains("wasm backtrace"),
            text: format!("{e:#}"),
        }
    }
}
