//! The `yinyu` command on fixtures the project owns: a fresh clone runs
//! these with `cargo test`.

mod cli;
#[path = "../common/command.rs"]
mod command;
#[path = "../common/fixtures.rs"]
pub mod fixtures;
mod render;
