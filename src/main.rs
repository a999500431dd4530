//! The `hocvu` command: a thin layer over the workspace crates (no business logic here).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
