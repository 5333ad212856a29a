//! The command line's program on Windows (`zhibu.exe` in the package):
//! the same as the window's program (`src/main.rs`), built for the console
//! subsystem, so that cmd and PowerShell wait for it, print what it says
//! as it says it, and see its exit code. Elsewhere it is the same program
//! under a second name.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    zhibu::cli::main_with(zhibu::cli::Cli::parse())
}
