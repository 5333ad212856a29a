//! The window: the shell (top bar, navigation, save status) and the
//! screens. Screens read the ledger and push [`app::Action`]s; the app
//! applies them after drawing, through the edit core ([`crate::edit`]:
//! the commands, undo, autosave), so every change passes through the one
//! place the command line uses too.
//!
//! The only folder that knows egui. It may use every other folder; none of
//! them uses it (`tests/layers.rs`).
//!
//! Interface text (Simplified Chinese) has three homes, one for each kind:
//!
//! - **Domain words** — stage names, member categories and statuses,
//!   study forms, attendance marks, opinion channels, sources and aspects,
//!   talk kinds, reflection kinds, analysis statuses, appraisal grades and
//!   dispositions, commitment statuses, survey answers, … — are
//!   `label(self) -> &'static str` (and `ALL`, in picker order) on the
//!   model's enum in `model/`; a stage's is `Stage::title()`. Screens, the
//!   printed forms (`report/pdf/`), the workbook (`report/xlsx.rs`) and the
//!   rules' messages call it, so a word is spelled once; no other layer
//!   writes it as a literal. The labels are `const fn`, so a table's
//!   constant headings can use them too.
//! - **A sentence of one screen** stays inline, next to its widget.
//! - **[`strings`]** keeps only texts used in more than one place and the
//!   long help texts. A help text that quotes a setting is a function of
//!   the settings (`strings::talks_help(&settings)`), so that changing
//!   the setting changes what the window says.

pub mod app;
pub mod cache;
pub mod drafts;
pub mod fonts;
pub mod prefs;
pub mod screens;
pub mod shell;
pub mod strings;
pub mod system;
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
    let options = |renderer, backends: Option<eframe::wgpu::Backends>| {
        let mut wgpu_options = eframe::WgpuConfiguration::default();
        if let (Some(backends), eframe::egui_wgpu::WgpuSetup::CreateNew(new)) = (backends, &mut wgpu_options.wgpu_setup)
        {
            new.instance_descriptor.backends = backends;
        }
        eframe::NativeOptions {
            viewport: window::opening(viewport.clone(), remembered.as_ref()),
            centered: remembered.is_none(),
            renderer,
            wgpu_options,
            // The bundled font covers what we show; system fonts differ
            // from laptop to laptop and are not needed.
            system_font_fallback: false,
            ..Default::default()
        }
    };
    let app = |renderer: &'static str| -> eframe::AppCreator<'static> {
        let (config, path) = (config.clone(), path.clone());
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let mut app = ZhibuApp::new(config, path);
            app.smoke = smoke_frames.map(|frames| app::Smoke {
                frames,
                started,
                renderer,
            });
            Ok(Box::new(app))
        })
    };
    // OpenGL first: quicker to start. Where it is missing or older than
    // 2.0 (no graphics driver, a virtual machine, Remote Desktop) wgpu:
    // first as it chooses (Direct3D 12 on Windows — with its WARP software
    // adapter on a PC without a driver — or Vulkan), then Vulkan alone,
    // then its own OpenGL path; the first that opens a window is used.
    // ZHIBU_RENDERER=wgpu skips OpenGL.
    let wgpu_first = std::env::var("ZHIBU_RENDERER").is_ok_and(|r| r.eq_ignore_ascii_case("wgpu"));
    let mut failures = Vec::new();
    if !wgpu_first {
        match eframe::run_native(strings::APP_TITLE, options(eframe::Renderer::Glow, None), app("glow")) {
            Ok(()) => return Ok(()),
            Err(e @ (eframe::Error::Glutin(_) | eframe::Error::NoGlutinConfigs(..) | eframe::Error::OpenGL(_))) => {
                eprintln!("OpenGL 无法使用（{e}），改用 wgpu");
                failures.push(format!("OpenGL：{e}"));
            }
            Err(e) => return Err(format!("无法打开窗口：{e}")),
        }
    }
    let tries = [
        ("wgpu", None),
        ("wgpu Vulkan", Some(eframe::wgpu::Backends::VULKAN)),
        ("wgpu OpenGL", Some(eframe::wgpu::Backends::GL)),
    ];
    for (name, backends) in tries {
        match eframe::run_native(strings::APP_TITLE, options(eframe::Renderer::Wgpu, backends), app(name)) {
            Ok(()) => return Ok(()),
            Err(e @ eframe::Error::Wgpu(_)) => {
                eprintln!("{name} 无法使用（{e}）");
                failures.push(format!("{name}：{e}"));
            }
            Err(e) => return Err(format!("无法打开窗口：{e}")),
        }
    }
    Err(format!("无法打开窗口：{}", failures.join("；")))
}
