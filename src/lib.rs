//! zhibu (支部台账): an offline ledger that lets the secretary of one party
//! branch run an education campaign — preparation, 学习动员, 分析评议,
//! 整改提高 — and keep every record of it in one local RON file.
//!
//! The parts, in the order data flows:
//! - [`model`]: the records, no egui;
//! - [`progress`]: what is done and missing, derived from the records;
//! - [`store`]: the file — atomic saves, backups, the lock;
//! - [`report`]: what leaves the program — the export workbook and file, the county roll-up;
//! - [`import`]: reading a branch's existing roster sheet;
//! - [`report`]: the printed forms (PDF);
//! - [`demo`]: the demo branch;
//! - [`ui`]: the egui screens;
//! - [`cli`]: the command line, sharing all of the above.

pub mod cli;
pub mod demo;
pub mod import;
pub mod model;
pub mod progress;
pub mod report;
pub mod store;
pub mod ui;
