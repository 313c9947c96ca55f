//! The integration tests: one binary, a module per area. They run the real `atlas` binary and the
//! real `.wasm` plugins against the emulator on loopback (`tests/emulator`).

mod support;

mod cli;
mod create;
mod plugin_wasm;
