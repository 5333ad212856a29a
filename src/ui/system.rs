//! Handing a file to the system: a PDF to its viewer, a folder to the file
//! manager.
//!
//! On Windows through `ShellExecuteW`, as Explorer's double-click does: no
//! `cmd /C start`, which opens a console window for a moment and reads
//! `&`, `^` and `%` in a file name as its own syntax. Elsewhere `open`
//! (macOS) or `xdg-open`, with the path as one argument, never through a
//! shell.

use std::path::Path;

/// Opens `path` (a file or a folder) with the program the system has for it.
pub fn open(path: &Path) -> std::io::Result<()> {
    #[cfg(windows)]
    {
        shell_execute(path)
    }
    #[cfg(not(windows))]
    {
        let program = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
        std::process::Command::new(program)
            .arg(path)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map(|_| ())
    }
}

#[cfg(windows)]
fn shell_execute(path: &Path) -> std::io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::UI::Shell::ShellExecuteW;
    use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWNORMAL;

    let wide = |s: &std::ffi::OsStr| -> Vec<u16> { s.encode_wide().chain(std::iter::once(0)).collect() };
    let verb = wide(std::ffi::OsStr::new("open"));
    let file = wide(path.as_os_str());
    // SAFETY: the strings are NUL-terminated UTF-16 buffers alive for the
    // call; the window, parameters and folder may be null.
    let result = unsafe {
        ShellExecuteW(
            std::ptr::null_mut(),
            verb.as_ptr(),
            file.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            SW_SHOWNORMAL,
        )
    };
    // Values above 32 mean success (the function's documented contract).
    if result as usize > 32 {
        Ok(())
    } else {
        Err(std::io::Error::other(format!("ShellExecuteW 返回 {}", result as usize)))
    }
}
