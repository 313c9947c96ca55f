//! The wall-clock limit for the fast runtime, by epoch interruption: one ticker thread per
//! process bumps the epoch of each engine in use while any call is running, and each store's deadline callback
//! compares the time with its own call's deadline.
//!
//! Why not a thread or a timer message per call (as Extism does): a call takes microseconds, and
//! a message to a timer thread costs about as much as the call. Here entering a call is two
//! atomic operations (and an unpark when the ticker had gone to sleep); the ticker only wakes
//! every [`TICK`] while calls run, and parks when none does.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::Thread;
use std::time::{Duration, Instant};

use wasmtime::{Engine, Trap, UpdateDeadline};

/// How often a running call looks at the clock: the precision of the time limit.
pub const TICK: Duration = Duration::from_millis(5);

struct Ticker {
    running: Arc<AtomicUsize>,
    thread: Thread,
    /// The engines whose epochs it bumps (one per compiler a run has used, so at most two).
    engines: Arc<Mutex<Vec<Engine>>>,
}

static TICKER: OnceLock<Ticker> = OnceLock::new();

fn ticker(engine: &Engine) -> &'static Ticker {
    let ticker = TICKER.get_or_init(|| {
        let running = Arc::new(AtomicUsize::new(0));
        let engines: Arc<Mutex<Vec<Engine>>> = Arc::default();
        let ticked = Arc::clone(&engines);
        let seen = Arc::clone(&running);
        let thread = std::thread::Builder::new()
            .name("atlas-plugin-clock".into())
            // It only sleeps and bumps a counter: a small stack is a cheaper thread to start.
            .stack_size(64 << 10)
            .spawn(move || {
                loop {
                    if seen.load(Ordering::Acquire) == 0 {
                        std::thread::park();
                        continue;
                    }
                    std::thread::sleep(TICK);
                    let engines = ticked.lock().unwrap_or_else(|e| e.into_inner());
                    engines.iter().for_each(Engine::increment_epoch);
                }
            })
            .expect("the OS can start the plugin clock thread");
        Ticker {
            running,
            thread: thread.thread().clone(),
            engines,
        }
    });
    let mut engines = ticker.engines.lock().unwrap_or_else(|e| e.into_inner());
    if !engines.iter().any(|e| Engine::same(e, engine)) {
        engines.push(engine.clone());
    }
    drop(engines);
    ticker
}

/// A call in progress: the ticker keeps ticking until every guard is dropped.
pub struct Running(&'static Ticker);

impl Running {
    /// Marks a call as running on `engine` (one of the fast runtime's engines).
    pub fn start(engine: &Engine) -> Self {
        let ticker = ticker(engine);
        if ticker.running.fetch_add(1, Ordering::AcqRel) == 0 {
            ticker.thread.unpark();
        }
        Self(ticker)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::AcqRel);
    }
}

/// What a store's epoch callback does: trap once the call's deadline has passed, else look again
/// at the next tick. The trap is `Trap::Interrupt`, which the runtime reports as the time limit.
pub fn on_tick(deadline: Instant) -> wasmtime::Result<UpdateDeadline> {
    if Instant::now() >= deadline {
        Err(Trap::Interrupt.into())
    } else {
        Ok(UpdateDeadline::Continue(1))
    }
}
