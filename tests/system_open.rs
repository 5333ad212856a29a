//! Handing a printed PDF to the system viewer (`zhibu::ui::system::open`)
//! passes its path as one argument, whatever it holds: a fake `xdg-open`
//! first on PATH records what it was given. (On Windows the same function
//! calls ShellExecuteW, with no shell either.) Its own test binary: it
//! changes PATH for the process.

#![cfg(all(unix, not(target_os = "macos")))]

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

#[test]
fn a_file_name_with_shell_characters_reaches_the_viewer_as_one_argument() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let record = dir.path().join("given.txt");
    let fake = bin.join("xdg-open");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$1\" > '{}.part' && mv '{0}.part' '{0}'\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let pdf = dir.path().join("清单 & 名单 ^100% $HOME `x`.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin.clone()];
    paths.extend(std::env::split_paths(&path));
    // SAFETY: this test binary has no other thread reading the
    // environment while this one test runs.
    unsafe { std::env::set_var("PATH", std::env::join_paths(paths).unwrap()) };

    zhibu::ui::system::open(&pdf).expect("the viewer starts");

    let deadline = Instant::now() + Duration::from_secs(10);
    while !record.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let given = std::fs::read_to_string(&record).expect("the fake viewer ran");
    let mut lines = given.lines();
    assert_eq!(lines.next(), Some("1"), "one argument: {given}");
    assert_eq!(lines.next(), Some(pdf.to_str().unwrap()), "{given}");
}
