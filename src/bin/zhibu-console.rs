//! The command line's program on Windows (`zhibu.exe` in the package): a
//! small console program that runs the window's program beside it
//! (`支部台账.exe`, built for the GUI subsystem: see `src/main.rs`) with
//! the same arguments, passes its output through and ends with its exit
//! code. cmd and PowerShell wait for a console program and show what it
//! prints as it prints it, and scripts can test its exit code; none of
//! that holds for a GUI program. It links nothing but the standard library
//! (a few hundred kilobytes), so the package does not carry the program
//! twice.
//!
//! Output goes through pipes, not the console handles themselves, so that
//! the window's program writes to something it can always use; the pipe
//! closing (`zhibu check … | more` quit early) ends the copying and the
//! program beside it sees a closed pipe, as it would alone.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

/// The names the window's program has beside this one: in the package,
/// and in cargo's target folder (`zhibu` and `zhibu-console`).
const PROGRAM: [&str; 3] = ["支部台账.exe", "zhibu.exe", "zhibu"];

fn main() -> ExitCode {
    let Some(program) = beside_me() else {
        eprintln!("错误：找不到“支部台账.exe”，请把 zhibu.exe 和它放在同一个文件夹中。");
        return ExitCode::from(2);
    };
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let child = Command::new(&program)
        .args(&args)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            eprintln!("错误：无法运行 {}：{e}", program.display());
            return ExitCode::from(2);
        }
    };
    let (Some(out), Some(err)) = (child.stdout.take(), child.stderr.take()) else {
        return ExitCode::from(2);
    };
    #[expect(clippy::disallowed_methods, reason = "a std-only launcher: it cannot use zhibu::job")]
    let errors = std::thread::spawn(move || copy(err, io::stderr()));
    copy(out, io::stdout());
    let _ = errors.join();
    match child.wait() {
        Ok(status) => match status.code() {
            Some(0) => ExitCode::SUCCESS,
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            None => ExitCode::FAILURE,
        },
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::FAILURE
        }
    }
}

/// The window's program in this program's folder (not this program).
fn beside_me() -> Option<PathBuf> {
    let me = std::env::current_exe().ok()?;
    let folder = me.parent()?;
    PROGRAM
        .iter()
        .map(|name| folder.join(name))
        .find(|path| path.is_file() && !same_file(path, &me))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Copies until the end; when our own reader has gone, stops, and
/// dropping `from` closes the pipe for the program writing into it.
fn copy(mut from: impl Read, mut to: impl Write) {
    let mut buffer = [0u8; 16 * 1024];
    loop {
        match from.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                if to.write_all(&buffer[..n]).and_then(|()| to.flush()).is_err() {
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
}
