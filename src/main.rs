//! Start-up only: the command line decides between the window and a
//! subcommand.
//!
//! On Windows this is the program a secretary double-clicks (支部台账.exe
//! in the package): built for the GUI subsystem, so no console window
//! opens beside it, and closing one cannot kill the program unsaved.
//! Started from cmd with a subcommand it prints into that console; the
//! command line's own program (`zhibu.exe` in the package, a small console
//! program that cmd waits for and whose exit code scripts can test, which
//! runs this one) is `src/bin/zhibu-console.rs`.

#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

zhibu::program_allocator!();

fn main() -> ExitCode {
    zhibu::tune_allocator();
    zhibu::console::attach_parent_console();
    zhibu::cli::main_with(zhibu::cli::Cli::read())
}
