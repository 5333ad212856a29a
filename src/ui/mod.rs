//! The window: the shell (top bar, navigation, save status) and the
//! screens. Screens read the ledger and push [`app::Action`]s; the app
//! applies them after drawing, through the edit core ([`crate::edit`]:
//! the commands, undo, autosave), so every change passes through the one
//! place the command line uses too.
//!
//! The only folder that knows egui. It may use every other folder; none of
//! them uses it (`tests/layers.rs`).

pub mod app;
pub mod drafts;
pub mod fonts;
pub mod prefs;
pub mod screens;
pub mod shell;
pub mod strings;
pub mod table;
pub mod widgets;
pub mod window;

pub use app::{AppConfig, Screen, ZhibuApp};

use std::path::PathBuf;

/// Opens the window. `smoke_frames` closes it after that many frames (for
/// CI's headless smoke run) and prints the time to the first frame. An
/// error before or while opening it is also shown in a message box: the
/// program a secretary double-clicks has no console to print it in.
pub fn run(path: Option<PathBuf>, smoke_frames: Option<u32>) -> Result<(), String> {
    if smoke_frames.is_none() {
        say_panics_in_a_message_box();
    }
    let result = open_window(path, smoke_frames);
    if let Err(message) = &result
        && smoke_frames.is_none()
    {
        message_box(&format!("{message}\n\n{}", strings::WINDOW_FAILED_HINT));
    }
    result
}

fn message_box(text: &str) {
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(strings::APP_TITLE)
        .set_description(text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// A program error in the window would otherwise end it without a word
/// where there is no console: it is printed as before, then shown.
fn say_panics_in_a_message_box() {
    let printed = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        printed(info);
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        message_box(&format!("{}\n\n{what}（{place}）", strings::PROGRAM_ERROR));
    }));
}

fn open_window(path: Option<PathBuf>, smoke_frames: Option<u32>) -> Result<(), String> {
    let started = std::time::Instant::now();
    let config = AppConfig::from_system()?;
    let remembered = config
        .prefs_path
        .as_deref()
        .map(prefs::Prefs::load)
        .and_then(|prefs| prefs.window);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(strings::APP_TITLE)
        .with_app_id("zhibu");
    if let Ok(icon) = eframe::icon_data::from_png_bytes(crate::assets::ICON_PNG) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport: window::opening(viewport, remembered.as_ref()),
        centered: remembered.is_none(),
        // The bundled font covers what we show; system fonts differ from
        // laptop to laptop and are not needed.
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        strings::APP_TITLE,
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let mut app = ZhibuApp::new(config, path);
            app.smoke = smoke_frames.map(|frames| app::Smoke { frames, started });
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| format!("无法打开窗口：{e}"))
}
