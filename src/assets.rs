//! What the program carries inside itself: the bundled CJK font and the
//! icon. It sits
//! below both the window ([`crate::ui::fonts`]) and the printed forms
//! ([`crate::report::pdf`]), so that the bytes are compiled in once and
//! neither has to reach into the other for them.

/// The subset of Noto Sans CJK SC (see `assets/fonts/tools/make_subset.py`,
/// licence in `assets/fonts/LICENSE-OFL.txt`): the window shows it and the
/// PDF forms embed it. The only `include_bytes!` of the font: one copy in
/// every binary.
pub static CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansCJKsc-Subset.otf");

/// The program's icon (`assets/icon/draw.sh`), for the window's title bar
/// and taskbar; the Windows exe carries the same picture as a resource
/// (`build.rs`).
pub static ICON_PNG: &[u8] = include_bytes!("../assets/icon/zhibu.png");
