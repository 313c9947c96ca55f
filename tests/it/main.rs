//! The integration tests: one binary, a module per area. They run the real `atlas` binary and the
//! real `.wasm` plugins against the emulator on loopback (`tests/emulator`).

mod support;

mod abi;
mod auth;
mod cli;
mod completion;
mod create;
mod family;
mod go_oracle;
mod help;
mod hostile;
mod lifecycle;
mod list;
mod network;
mod output;
mod plugin_sources;
mod plugin_wasm;
mod plugins;
mod races;
mod runtimes;
mod settings;
mod startup;
mod vectors;
