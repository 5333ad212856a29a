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

pub use app::{AppConfig, Screen, ZhibuApp};

use std::path::PathBuf;

/// Opens the window. `smoke_frames` closes it after that many frames (for
/// CI's headless smoke run) and prints the time to the first frame.
pub fn run(path: Option<PathBuf>, smoke_frames: Option<u32>) -> Result<(), String> {
    let started = std::time::Instant::now();
    let config = AppConfig::from_system()?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(strings::APP_TITLE)
            .with_app_id("zhibu")
            .with_inner_size([1280.0, 720.0])
            .with_min_inner_size([960.0, 600.0]),
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
