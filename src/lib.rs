//! zhibu (支部台账): an offline ledger that lets the secretary of one party
//! branch run an education campaign — preparation, 学习动员, 分析评议,
//! 整改提高 — and keep every record of it in one local RON file.
//!
//! The parts, in the order data flows:
//! - [`model`]: the records and the rules each record keeps, no egui;
//! - [`progress`]: what is done and missing, derived from the records;
//! - [`store`]: the file — atomic saves, backups, the lock;
//! - [`edit`]: the one way to change the records — the commands, their
//!   `apply`, undo and autosave ([`edit::Document`]);
//! - [`import`]: reading a branch's existing roster sheet;
//! - [`report`]: what leaves the program — the printed forms (PDF), the
//!   export workbook and file, the county roll-up;
//! - [`assets`]: the bundled font, shared by the window and the PDF;
//! - [`demo`]: the demo branch;
//! - [`ui`]: the egui window and its screens;
//! - [`cli`]: the command line;
//! - [`console`]: printing to the terminal (a closed pipe ends quietly),
//!   the Windows program's console.
//!
//! Which folder may use which (`tests/layers.rs` fails on a forbidden
//! `use`): `ui` → `edit` → `model`, `progress`, `store`; `cli` → `edit`
//! for every change it writes; `report` → `model`, `progress`. Only `ui`
//! (and `cli`, to open the window) knows egui. `model`, `progress` and
//! `store` use neither `edit` nor `report`; nothing below `ui` uses `ui`.
//!
//! The `app` feature (on by default) adds everything that draws, prints or
//! parses a command line; without it only the records, the store and the
//! import are built (the fuzz targets in `fuzz/`).

#[cfg(feature = "app")]
pub mod assets;
#[cfg(feature = "app")]
pub mod cli;
#[cfg(feature = "app")]
pub mod console;
pub mod demo;
pub mod edit;
pub mod import;
pub mod job;
pub mod model;
pub mod progress;
#[cfg(feature = "app")]
pub mod report;
pub mod store;
#[cfg(feature = "app")]
pub mod ui;

/// The program's allocator, mimalloc (Cargo.toml says why and what it
/// measured): what the program (`src/main.rs`) and the speed benchmarks
/// allocate with, each declaring it with [`program_allocator!`]. The tests
/// keep the system's, and `benches/undo.rs` its counting one.
#[cfg(feature = "app")]
pub use mimalloc::MiMalloc as ProgramAllocator;

/// Sets the program's allocator to give memory back to the system as soon
/// as it is free, and to commit its arenas as they are used: with
/// mimalloc's defaults (purging after 10 ms, arenas committed eagerly) the
/// window's peak memory with the 600-member ledger was 217–223 MB against
/// 171 MB with the system's allocator (goal ≤ 200 MB); with these, 172 MB.
/// Called first thing in `main`.
#[cfg(feature = "app")]
pub fn tune_allocator() {
    // mimalloc's `mi_option_e` (include/mimalloc.h of the bundled v3):
    // `mi_option_arena_eager_commit` is 4, `mi_option_purge_delay` 15.
    const ARENA_EAGER_COMMIT: std::ffi::c_int = 4;
    const PURGE_DELAY: std::ffi::c_int = 15;
    unsafe extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    // SAFETY: mimalloc's documented way to change an option, with option
    // numbers of the version linked; it takes effect for what is
    // allocated after it.
    unsafe {
        mi_option_set(ARENA_EAGER_COMMIT, 0);
        mi_option_set(PURGE_DELAY, 0);
    }
}

/// Declares [`ProgramAllocator`] the global allocator of the binary it is
/// written in.
#[cfg(feature = "app")]
#[macro_export]
macro_rules! program_allocator {
    () => {
        #[global_allocator]
        static ALLOCATOR: $crate::ProgramAllocator = $crate::ProgramAllocator;
    };
}
