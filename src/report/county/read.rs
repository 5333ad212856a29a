//! Reading the files given to a roll-up, on every core: branch exports
//! (`*.zhibu-export.ron`) and other roll-ups' files (`*.zhibu-rollup.ron`),
//! each checked (checksum, format, signature) and turned into one entry
//! per branch for the verdict ([`super::verdict`]). The records are parsed
//! only when asked for ([`Reading::WithRecords`]); otherwise the parser
//! stops where they begin.

use std::path::{Path, PathBuf};

use super::rollup_file::{self, RollupHeader, is_rollup};
use crate::model::Ledger;
use crate::progress::figures::Figures;
use crate::report::export_file::{self, ExportFigures};
use crate::report::signature::Seal;

/// Whether a roll-up reads the branches' records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Reading {
    /// Figures only: the records in a file are checked by its checksum
    /// but never parsed.
    #[default]
    Figures,
    /// The records too, where a branch sent them: each used row hands them
    /// out ([`super::RollUp::records`]).
    WithRecords,
}

/// One branch's figures as one file gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub branch: String,
    pub superior: String,
    pub campaign: String,
    pub batch: String,
    /// When the branch exported them.
    pub generated_at: jiff::civil::DateTime,
    pub save_counter: Option<u64>,
    pub figures: Figures,
    /// The branch's signature: as checked on its export, or, in a row of a
    /// roll-up file, the key the office recorded (trusted as far as the
    /// office's own signature is).
    pub seal: Seal,
    /// The branch's export file.
    pub source: String,
    /// The roll-up files it came through, innermost first.
    pub via: Vec<String>,
    pub records: Option<Ledger>,
}

/// A file read and verified.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// A branch's export.
    Export(Box<Entry>),
    /// A roll-up file, with what its office's signature says.
    RollUp {
        header: RollupHeader,
        seal: Seal,
        entries: Vec<Entry>,
    },
}

impl Entry {
    /// The entry of a branch export read from `path` (without records).
    pub fn of_export(path: &Path, export: ExportFigures) -> Self {
        let h = export.header;
        Entry {
            branch: h.branch,
            superior: h.superior,
            campaign: h.campaign,
            batch: h.batch,
            generated_at: h.generated_at,
            save_counter: h.save_counter,
            figures: export.figures,
            seal: export.seal,
            source: path.display().to_string(),
            via: Vec::new(),
            records: None,
        }
    }
}

/// Reads, checks and turns into entries the file at `path`: a roll-up
/// file by its name, any other as a branch export.
pub fn load(path: &Path, reading: Reading) -> Result<Loaded, String> {
    if is_rollup(path) {
        let file = rollup_file::read(path, reading == Reading::WithRecords).map_err(|e| e.to_string())?;
        let mut records = file.records.into_iter();
        let entries = file
            .branches
            .into_iter()
            .map(|row| {
                let mut via = row.via;
                via.push(path.display().to_string());
                Entry {
                    branch: row.branch,
                    superior: row.superior,
                    campaign: row.campaign,
                    batch: row.batch,
                    generated_at: row.generated_at,
                    save_counter: row.save_counter,
                    figures: row.figures,
                    seal: Seal::Signed(row.public_key),
                    source: row.source,
                    via,
                    records: records.next().flatten(),
                }
            })
            .collect();
        return Ok(Loaded::RollUp {
            header: file.header,
            seal: file.seal,
            entries,
        });
    }
    let entry = match reading {
        Reading::Figures => Entry::of_export(path, export_file::read_figures(path).map_err(|e| e.to_string())?),
        Reading::WithRecords => {
            let export = export_file::read(path).map_err(|e| e.to_string())?;
            let mut entry = Entry::of_export(
                path,
                ExportFigures {
                    header: export.header,
                    figures: export.body.figures,
                    seal: export.seal,
                },
            );
            entry.records = export.body.records;
            entry
        }
    };
    Ok(Loaded::Export(Box::new(entry)))
}

/// Reads every one of `paths` on every core (up to 8 threads), in the
/// order given; `progress` is called after each file with the number done.
pub fn load_all(
    paths: &[PathBuf],
    reading: Reading,
    progress: impl Fn(usize) + Sync,
) -> Vec<(PathBuf, Result<Loaded, String>)> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = paths.len().div_ceil(threads).max(1);
    let read_chunk = |chunk: &[PathBuf]| -> Vec<(PathBuf, Result<Loaded, String>)> {
        chunk
            .iter()
            .map(|path| {
                let result = load(path, reading);
                progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
                (path.clone(), result)
            })
            .collect()
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|c| (c, scope.spawn(|| read_chunk(c))))
            .collect();
        handles
            .into_iter()
            .flat_map(|(c, h)| {
                // A checker that failed never drops its files: each is listed.
                h.join().unwrap_or_else(|_| {
                    c.iter()
                        .map(|p| (p.clone(), Err(format!("检查此文件时程序出错（{}）", p.display()))))
                        .collect()
                })
            })
            .collect()
    })
}
