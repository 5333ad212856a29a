//! What leaves the program: [`pdf`] lays out the campaign's forms on A4
//! pages and writes them as PDF (the 打印 screen paints the same layout);
//! for the county office (县先教办) the export workbook ([`xlsx`]), the
//! verifiable export file ([`export_file`]) and, on the county's side, the
//! roll-up of many export files ([`county`]). Every one of them is written
//! only where [`output_path`] allows: never over a ledger, never over a
//! file the user did not ask to replace. No egui here: the screens and the
//! command line share all of it.

pub mod commands;
pub mod county;
pub mod export_file;
pub mod known_keys;
pub mod output_path;
pub mod pdf;
pub mod privacy;
pub mod sheet;
pub mod signature;
pub mod summary;
pub mod xlsx;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use crate::model::{Date, Ledger};
use crate::progress::figures::figures;
use crate::store::SaveError;
pub use output_path::{OutputKind, OutputRefused, OutputRules, Replace, check_output};

/// What the user chose to include in an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// The records themselves, not only the figures (export file only;
    /// the workbook always lists them).
    pub include_records: bool,
    /// Phone numbers, 身份证号 and mobile members' contacts included, and
    /// the numbers in texts left whole. Off by default: the fields are
    /// left out and the numbers masked ([`privacy`]).
    pub include_personal: bool,
}

impl ExportOptions {
    /// What an export with these options contains, in words for the screen.
    pub fn describe(self) -> Vec<&'static str> {
        let mut out = vec![
            "工作簿：汇总（各阶段统计数字）、党员情况、学习考勤、征求意见、谈心谈话、民主评议、整改台账",
            "导出文件：支部、上级党委、活动、统计数字和校验值",
        ];
        out.push(if self.include_records {
            "导出文件中包含全部台账记录"
        } else {
            "导出文件中不含台账记录，只有统计数字"
        });
        out.push(if self.include_personal {
            "包含党员的联系电话和身份证号（完整号码），以及流动党员的联系方式"
        } else {
            "不含联系电话和身份证号：党员的联系电话、身份证号和流动党员的联系方式都不导出；备注、谈话、意见等文字中写到的电话号码和身份证号隐去中间几位"
        });
        out
    }
}

/// Why an export could not be made or an export file could not be used.
/// Every message names the file last.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("无法读取导出文件：{detail}（{}）", .path.display())]
    Unreadable { path: PathBuf, detail: String },
    #[error("这不是支部台账导出文件（{}）", .path.display())]
    NotExport { path: PathBuf },
    #[error(
        "此文件由较新版本的程序导出（格式 {format}，本程序只认识到格式 {}），请升级程序后再汇总（{}）",
        export_file::EXPORT_FORMAT,
        .path.display()
    )]
    NewerFormat { path: PathBuf, format: u32 },
    #[error("导出文件不完整或已被改动（校验值不符），请「{branch}」重新导出（{}）", .path.display())]
    ChecksumMismatch { path: PathBuf, branch: String },
    #[error("导出文件内容已损坏，无法读取（{}）", .path.display())]
    BadBody { path: PathBuf, detail: String },
    #[error("无法生成导出内容：{0}")]
    Unserializable(String),
    #[error("无法生成工作簿：{detail}（{}）", .path.display())]
    Workbook { path: PathBuf, detail: String },
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(transparent)]
    Refused(#[from] OutputRefused),
    /// The ledger's signing key could not be read or made.
    #[error(transparent)]
    Key(#[from] crate::store::key::KeyError),
}

impl ExportError {
    /// Whether the export stopped only because a file exists that the
    /// user may choose to replace.
    pub fn needs_confirmation(&self) -> bool {
        matches!(self, ExportError::Refused(r) if r.needs_confirmation())
    }

    /// Whether the export stopped because the ledger's key file is there
    /// but unusable: the user may choose a new key
    /// ([`crate::store::key::replace_damaged_key`]) and export again.
    pub fn needs_new_key(&self) -> bool {
        matches!(self, ExportError::Key(k) if k.can_make_new())
    }
}

/// Writes `bytes` as the whole of `path` where `rules` allow `kind` there,
/// atomically (temp file, sync, rename): a failed export leaves the old
/// file as it was.
pub(crate) fn write_output(
    path: &Path,
    kind: OutputKind,
    rules: &OutputRules,
    bytes: &[u8],
) -> Result<(), ExportError> {
    rules.check(path, kind)?;
    crate::store::atomic::write_atomically(path, bytes)??;
    Ok(())
}

/// The two files an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub workbook: PathBuf,
    pub export_file: PathBuf,
    /// The texts too long for a workbook cell, cut there with a note (the
    /// ledger keeps them whole): tell the user which records.
    pub cuts: Vec<sheet::Cut>,
    /// The fingerprint of the key the export file was signed with, for the
    /// county to compare by telephone.
    pub fingerprint: String,
    /// Whether the ledger's signing key was made by this export.
    pub key_made: bool,
}

/// The two files an export of `ledger` on `today` writes into `folder`:
/// the workbook `支部名-日期.xlsx` and the export file
/// `支部名-日期.zhibu-export.ron`.
pub fn package_paths(folder: &Path, ledger: &Ledger, today: Date) -> Exported {
    let name = export_file::file_name(&ledger.branch.name, today);
    let stem = name.trim_end_matches(export_file::EXTENSION);
    Exported {
        workbook: folder.join(format!("{stem}.xlsx")),
        export_file: folder.join(name),
        cuts: Vec::new(),
        fingerprint: String::new(),
        key_made: false,
    }
}

/// Writes the export package of `ledger` on `today` into `folder` (see
/// [`package_paths`]), replacing an earlier export of the same names but
/// never a ledger: for tests and tools that own the folder. The window and
/// the command line use [`export_package_with`] and the user's answer.
pub fn export_package(
    folder: &Path,
    ledger: &Ledger,
    today: Date,
    options: ExportOptions,
) -> Result<Exported, ExportError> {
    export_package_with(
        folder,
        ledger,
        today,
        options,
        &OutputRules::new().replacing(Replace::Yes),
    )
}

/// Writes the export package where `rules` allow both files; neither is
/// written when either is refused. The export file is signed with the key
/// of the ledger at `rules.ledger` ([`crate::store::key`]; made now if the
/// ledger has none, and an error when its key file is damaged); without a
/// ledger file (tests, tools), with a key made for this export alone.
pub fn export_package_with(
    folder: &Path,
    ledger: &Ledger,
    today: Date,
    options: ExportOptions,
    rules: &OutputRules,
) -> Result<Exported, ExportError> {
    let paths = package_paths(folder, ledger, today);
    rules.check(&paths.workbook, OutputKind::Workbook)?;
    rules.check(&paths.export_file, OutputKind::ExportFile)?;
    let (key, key_made) = match &rules.ledger {
        Some(path) => crate::store::key::ensure_key(path)?,
        None => (
            signature::new_key().map_err(|e| crate::store::key::KeyError::NoRandom { detail: e.to_string() })?,
            false,
        ),
    };
    let figures = figures(ledger, today);
    let book = xlsx::workbook(ledger, &figures, options).map_err(|e| ExportError::Workbook {
        path: paths.workbook.clone(),
        detail: e.to_string(),
    })?;
    write_output(&paths.workbook, OutputKind::Workbook, rules, &book.bytes)?;
    let made = (options, crate::store::format::now());
    let export_file = export_file::write_with(folder, ledger, &figures, made, &key, rules)?;
    debug_assert_eq!(export_file, paths.export_file);
    Ok(Exported {
        cuts: book.cuts,
        fingerprint: crate::store::key::fingerprint(&key),
        key_made,
        ..paths
    })
}
