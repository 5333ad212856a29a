//! Start-up only: the command line decides between the window and a
//! subcommand.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    zhibu::cli::main_with(zhibu::cli::Cli::parse())
}
