//! Windows only: the program's icon and version information, compiled into
//! the exe with the toolchain's resource compiler (`windres` of mingw-w64
//! when cross-building, `rc.exe` with MSVC) through `embed-resource`, the
//! crate that finds whichever is there. Explorer and the taskbar show the
//! icon; the file's properties say 支部台账 and the version in
//! Cargo.toml. Elsewhere nothing is done.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/zhibu.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets the version");
    let mut numbers: Vec<u16> = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|part| part.parse().unwrap_or(0))
        .collect();
    numbers.resize(4, 0);
    let numeric = numbers.iter().map(u16::to_string).collect::<Vec<_>>().join(",");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets the folder"));
    let icon = root.join("assets/icon/zhibu.ico");
    let icon = icon.to_string_lossy().replace('\\', "/");
    let rc = format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEFLAGSMASK 0x3f
FILEFLAGS 0x0
FILEOS 0x40004
FILETYPE 0x1
FILESUBTYPE 0x0
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404b0"
    BEGIN
      VALUE "CompanyName", "支部台账"
      VALUE "FileDescription", "支部台账"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "zhibu"
      VALUE "LegalCopyright", "MIT OR Apache-2.0"
      VALUE "OriginalFilename", "支部台账.exe"
      VALUE "ProductName", "支部台账"
      VALUE "ProductVersion", "{version}"
      VALUE "Comments", "党支部先进性教育活动台账（离线）"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x804, 1200
  END
END
"#
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("zhibu.rc");
    std::fs::write(&out, rc).expect("write the resource script");
    embed_resource::compile(&out, embed_resource::NONE)
        .manifest_optional()
        .expect("compile the Windows resources (icon, version)");
}
