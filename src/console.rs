//! The terminal: what the subcommands print, and the console of the
//! Windows program.
//!
//! Output goes through [`say!`] rather than `println!`. `println!` panics
//! when the reader of our output has gone away (`zhibu check FILE | head`):
//! on Unix Rust ignores SIGPIPE, on Windows the write fails with "the pipe
//! is being closed" (232) or "no process is on the other end" (233). Here a
//! closed pipe only ends the output: the command goes on to the end, so
//! `zhibu county … | head` still writes its workbook, and exits as it would
//! have, on every OS alike.
//!
//! The Windows program is built for the GUI subsystem (no black console
//! window beside the ledger); [`attach_parent_console`] lets it still print
//! when started from cmd or PowerShell.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the reader of standard output has gone away.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Prints one line to standard output, as `println!`, ending quietly when
/// the reader has gone away.
#[macro_export]
macro_rules! say {
    () => {
        $crate::console::line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::console::line(format_args!($($arg)*))
    };
}

/// Writes `args` and a line break to standard output (see [`say!`]).
pub fn line(args: fmt::Arguments<'_>) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = io::stdout().lock();
    let written = out.write_fmt(args).and_then(|()| out.write_all(b"\n"));
    if let Err(error) = written {
        // Nothing more is printed: the reader is gone, or the output
        // cannot be written (a full disk behind `> file`), said once.
        CLOSED.store(true, Ordering::Relaxed);
        if !is_closed_pipe(&error) {
            eprintln!("无法输出结果：{error}");
        }
    }
}

/// Whether standard output's reader went away during this run.
pub fn reader_gone() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

/// Whether `error` says the other end of a pipe has closed: `EPIPE` on
/// Unix; on Windows `ERROR_BROKEN_PIPE` (109), `ERROR_NO_DATA` (232, "the
/// pipe is being closed") and `ERROR_PIPE_NOT_CONNECTED` (233).
pub fn is_closed_pipe(error: &io::Error) -> bool {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    cfg!(windows) && matches!(error.raw_os_error(), Some(109 | 232 | 233))
}

/// Started from cmd or PowerShell, the Windows program (GUI subsystem)
/// has no console of its own: it takes its parent's, so that subcommands,
/// `--help` and error messages print there. Output already redirected to
/// a pipe or file is kept as it is. Started from Explorer there is no
/// parent console and nothing happens. Elsewhere a no-op.
pub fn attach_parent_console() {
    #[cfg(windows)]
    windows::attach_parent_console();
}

#[cfg(windows)]
mod windows {
    use windows_sys::Win32::Foundation::{GENERIC_READ, GENERIC_WRITE, HANDLE, INVALID_HANDLE_VALUE};
    use windows_sys::Win32::Storage::FileSystem::{
        CreateFileW, FILE_SHARE_READ, FILE_SHARE_WRITE, FILE_TYPE_UNKNOWN, GetFileType, OPEN_EXISTING,
    };
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_HANDLE, STD_OUTPUT_HANDLE,
        SetStdHandle,
    };

    pub(super) fn attach_parent_console() {
        // SAFETY: plain Win32 calls with constant arguments or handles the
        // calls themselves returned; nothing is freed.
        unsafe {
            let out_usable = usable(GetStdHandle(STD_OUTPUT_HANDLE));
            let err_usable = usable(GetStdHandle(STD_ERROR_HANDLE));
            if out_usable && err_usable {
                return;
            }
            if AttachConsole(ATTACH_PARENT_PROCESS) == 0 {
                return;
            }
            if !out_usable {
                point_at_console(STD_OUTPUT_HANDLE);
            }
            if !err_usable {
                point_at_console(STD_ERROR_HANDLE);
            }
        }
    }

    /// A standard handle that leads somewhere (a pipe, file or console).
    unsafe fn usable(handle: HANDLE) -> bool {
        // SAFETY: GetFileType accepts any handle value and fails on bad ones.
        !handle.is_null() && handle != INVALID_HANDLE_VALUE && unsafe { GetFileType(handle) } != FILE_TYPE_UNKNOWN
    }

    unsafe fn point_at_console(which: STD_HANDLE) {
        let name: Vec<u16> = "CONOUT$".encode_utf16().chain(std::iter::once(0)).collect();
        // SAFETY: `name` is a NUL-terminated UTF-16 string alive for the call.
        let handle = unsafe {
            CreateFileW(
                name.as_ptr(),
                GENERIC_READ | GENERIC_WRITE,
                FILE_SHARE_READ | FILE_SHARE_WRITE,
                std::ptr::null(),
                OPEN_EXISTING,
                0,
                std::ptr::null_mut(),
            )
        };
        if handle != INVALID_HANDLE_VALUE {
            // SAFETY: the handle was just opened and stays open for the run.
            unsafe { SetStdHandle(which, handle) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pipe_is_recognised_and_other_errors_are_not() {
        assert!(is_closed_pipe(&io::Error::from(io::ErrorKind::BrokenPipe)));
        assert!(!is_closed_pipe(&io::Error::from(io::ErrorKind::StorageFull)));
        assert!(!is_closed_pipe(&io::Error::from(io::ErrorKind::PermissionDenied)));
    }

    #[cfg(windows)]
    #[test]
    fn the_windows_pipe_errors_count_as_a_closed_pipe() {
        for code in [109, 232, 233] {
            assert!(is_closed_pipe(&io::Error::from_raw_os_error(code)), "{code}");
        }
        assert!(!is_closed_pipe(&io::Error::from_raw_os_error(5)));
    }
}
