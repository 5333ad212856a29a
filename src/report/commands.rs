//! `zhibu export` and `zhibu county`: the same export and roll-up as the
//! 导出 screen, printed for a terminal. Errors come back as Chinese
//! sentences naming the file. Neither writes over a ledger or its input,
//! nor over an existing file without `--force` ([`super::output_path`]).
//!
//! Keys: `zhibu export` signs with the ledger's key (made at the first
//! export if missing) and prints its fingerprint; a damaged key file stops
//! it until `--new-key` is given. `zhibu county` checks every file against
//! the branches' keys remembered in `县级汇总-公钥.ron` (or `--keys FILE`)
//! and confirms a branch's new key with `--accept-key 支部名`.

use std::path::{Path, PathBuf};

use super::county::groups::Grouping;
use super::county::{self, Column, FileStatus, rollup_file};
use super::known_keys;
use super::privacy;
use super::sheet::Value;
use super::{ExportOptions, OutputKind, OutputRules, export_package_with};
use crate::model::Date;
use crate::say;
use crate::store;

/// `zhibu export FILE --out-dir DIR [--force]`: says what the export
/// will contain and which personal numbers it leaves out and masks
/// ([`privacy::preview`]), then writes the workbook and the export file of
/// the ledger `file` into `out_dir`; files of those names already there
/// are replaced only with `force`. The export file is signed with the
/// ledger's key; `new_key`: its key file is damaged and the secretary
/// chose a new key (the old file is kept under another name).
pub fn export_command(
    file: &Path,
    out_dir: &Path,
    options: ExportOptions,
    today: Date,
    force: bool,
    new_key: bool,
) -> Result<(), String> {
    let loaded = store::load(file).map_err(|e| e.to_string())?;
    // What will be in the files, and which numbers will not, before
    // anything is written.
    for line in options.describe() {
        say!("· {line}");
    }
    let withheld = privacy::preview(&loaded.ledger, today, options).map_err(|e| e.to_string())?;
    for line in withheld.lines() {
        say!("· {line}");
    }
    let rules = OutputRules::command_line(force).from_ledger(file);
    if new_key {
        new_key_lines(file)?;
    }
    let out = export_package_with(out_dir, &loaded.ledger, today, options, &rules).map_err(|e| {
        if e.needs_new_key() {
            format!("{e}。如确要生成新的密钥，请加 --new-key 再导出")
        } else {
            e.to_string()
        }
    })?;
    say!("已导出工作簿：{}", out.workbook.display());
    say!("已导出汇总文件：{}", out.export_file.display());
    if out.key_made {
        say!(
            "已为本台账生成签名密钥（{}）：请妥善保管，不要发送给任何人",
            store::key::key_path(file).display()
        );
    }
    say!(
        "导出文件已签名，本支部公钥指纹：{}（县先教办可凭此电话核对）",
        out.fingerprint
    );
    if !out.cuts.is_empty() {
        say!(
            "注意：工作簿中有 {} 处文字超出 Excel 单元格上限，只写入了前面部分，并在该单元格末尾注明：",
            out.cuts.len()
        );
        for cut in &out.cuts {
            say!("  - {cut}");
        }
    }
    Ok(())
}

/// `--new-key`: replaces a damaged key file (kept under another name) and
/// says what the county will see.
fn new_key_lines(ledger: &Path) -> Result<(), String> {
    let (key, aside) = store::key::replace_damaged_key(ledger).map_err(|e| e.to_string())?;
    if let Some(aside) = aside {
        say!(
            "已生成新的签名密钥，原来无法读取的密钥文件已改名保留（{}）。县先教办汇总时会看到本支部换了密钥：请把新指纹 {} 告诉他们，由他们确认",
            aside.display(),
            store::key::fingerprint(&key)
        );
    }
    Ok(())
}

/// The files named, with each folder replaced by the export files in it
/// and its subfolders; says how many each folder held, and which
/// subfolders could not be read.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let scan = county::scan_folder(path).map_err(|e| {
                format!(
                    "无法读取文件夹：{}（{}）",
                    crate::store::error::os_words(&e),
                    path.display()
                )
            })?;
            say!(
                "文件夹 {}：找到 {} 个导出文件或汇总文件",
                path.display(),
                scan.files.len()
            );
            if scan.per_folder.len() > 1 {
                for (folder, n) in &scan.per_folder {
                    say!("  {}：{n} 个", folder.display());
                }
            }
            for (folder, why) in &scan.unreadable {
                say!("  无法读取子文件夹：{why}（{}）", folder.display());
            }
            files.extend(scan.files);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// What `zhibu county` was told beyond the files and the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountyFlags {
    /// `--force`: replace an existing file at `--out`.
    pub force: bool,
    /// `--keys FILE`: where the branches' keys are remembered, instead of
    /// `县级汇总-公钥.ron` in the first folder given.
    pub keys: Option<PathBuf>,
    /// `--accept-key 支部名` (repeated): branches (or offices of roll-up
    /// files) whose new key the county confirmed.
    pub accept: Vec<String>,
    /// `--rollup FILE`: also write the roll-up's own file there (a folder:
    /// `<office>-<date>.zhibu-rollup.ron` inside it).
    pub rollup: Option<PathBuf>,
    /// `--office NAME`: whose roll-up it is (needed with `--rollup`).
    pub office: Option<String>,
    /// `--records`: read the branches' records and put them in the roll-up
    /// file.
    pub records: bool,
    /// `--report FILE`: also write the county report (汇总报告 PDF), with
    /// the opinions when `--records` is given.
    pub report: Option<PathBuf>,
}

/// `zhibu county EXPORTS_ROLLUPS_OR_FOLDERS... --out county.xlsx [--force]
/// [--keys FILE] [--accept-key 名称]... [--rollup FILE --office NAME
/// [--records]]`: checks every export and roll-up file (folders give the
/// files inside) and its signature, prints what became of each, the
/// county table and its subtotals, and writes the table as a workbook and,
/// with `--rollup`, the roll-up's own signed file (over an existing file
/// only with `force`, never over a file read).
pub fn county_command(paths: &[PathBuf], out: &Path, flags: &CountyFlags) -> Result<(), String> {
    let files = expand(paths)?;
    let rollup_out = rollup_target(flags)?;
    let keys_file = match (&flags.keys, paths.first()) {
        (Some(keys), _) => keys.clone(),
        (None, Some(first)) => known_keys::keys_path(first),
        (None, None) => return Err("没有找到导出文件（*.zhibu-export.ron）".to_owned()),
    };
    let rules = OutputRules::command_line(flags.force)
        .reading(&files)
        .reading(std::slice::from_ref(&keys_file));
    rules.check(out, OutputKind::CountyTable).map_err(|e| e.to_string())?;
    if let Some((path, _)) = &rollup_out {
        if same_name(path, out) {
            return Err(format!("汇总文件和汇总表不能是同一个文件（{}）", out.display()));
        }
        rules.check(path, OutputKind::RollUpFile).map_err(|e| e.to_string())?;
    }
    if let Some(report) = &flags.report {
        let other = [Some(out), rollup_out.as_ref().map(|(p, _)| p.as_path())];
        if other.into_iter().flatten().any(|o| same_name(report, o)) {
            return Err(format!(
                "汇总报告不能与汇总表或汇总文件是同一个文件（{}）",
                report.display()
            ));
        }
        rules.check(report, OutputKind::Pdf).map_err(|e| e.to_string())?;
    }
    if files.is_empty() {
        return Err("没有找到导出文件（*.zhibu-export.ron）或汇总文件（*.zhibu-rollup.ron）".to_owned());
    }
    let reading = if flags.records {
        county::Reading::WithRecords
    } else {
        county::Reading::Figures
    };
    let rollup = county::roll_up_remembering_reading(&files, (&keys_file, &flags.accept), reading, |_| {})
        .map_err(|e| e.to_string())?;
    for file in &rollup.files {
        let mark = match file.status {
            FileStatus::Used => "可用",
            FileStatus::Suspect(_) => "可能被改动",
            FileStatus::Replaced { .. } | FileStatus::NoneUsed | FileStatus::Rejected(_) => "未用",
        };
        say!("[{mark}] {}：{}", file.path.display(), file.status_text());
    }
    keys_lines(&rollup, &keys_file);
    if rollup.rows.is_empty() {
        return Err("没有可用的导出文件，未生成汇总表".to_owned());
    }
    say!();
    let titles: Vec<&str> = Column::ALL.iter().map(|c| c.title()).collect();
    say!("{}", titles.join("\t"));
    let mut lines: Vec<Vec<Value>> = rollup
        .rows
        .iter()
        .map(|r| Column::ALL.iter().map(|c| c.value(r)).collect())
        .collect();
    lines.push(rollup.totals());
    lines.push(rollup.averages());
    for line in lines {
        say!("{}", line.iter().map(Value::text).collect::<Vec<_>>().join("\t"));
    }
    subtotal_lines(&rollup);
    // The opinion ledgers, from the files used, read for names and opinions only.
    let opinions = flags.records.then(|| {
        let (ledgers, problems) = county::opinions::OpinionLedgers::read(&rollup);
        for problem in problems {
            say!("[意见记录未读] {problem}");
        }
        say!(
            "意见总账：{} 个支部报送了台账记录，{}",
            ledgers.units.len(),
            ledgers.total().sentence()
        );
        ledgers
    });
    rollup
        .write_with(out, &rules, opinions.as_ref())
        .map_err(|e| e.to_string())?;
    if let Some(path) = &flags.report {
        let report = crate::report::pdf::docs::county_report::Report {
            rollup: &rollup,
            opinions: opinions.as_ref(),
            office: flags.office.as_deref().unwrap_or_default(),
            today: crate::store::format::now().date(),
        };
        crate::report::pdf::docs::county_report::write(&report, path, &rules).map_err(|e| e.to_string())?;
        say!("已生成汇总报告：{} 个支部（{}）", rollup.rows.len(), path.display());
    }
    if let Some((path, office)) = &rollup_out {
        let (fingerprint, made) =
            rollup_file::write_signed(&rollup, path, (office, flags.records), &rules).map_err(|e| e.to_string())?;
        if made {
            say!(
                "已为「{office}」生成汇总文件的签名密钥（{}）：请妥善保管，不要发送给任何人",
                crate::store::key::key_path(&rollup_file::office_key_base(path, office)).display()
            );
        }
        say!(
            "已生成汇总文件：「{office}」汇总 {} 个支部，已签名，公钥指纹：{fingerprint}（上级可凭此电话核对）（{}）",
            rollup.rows.len(),
            path.display()
        );
    }
    let behind = rollup.rows.iter().filter(|r| !r.behind.is_empty()).count();
    say!();
    say!(
        "已生成县级汇总表：{} 个支部，{behind} 个未达要求（{}）",
        rollup.rows.len(),
        out.display()
    );
    let suspects = rollup.suspects();
    if suspects > 0 {
        say!("注意：{suspects} 个文件可能被改动，未计入汇总，原因和处理办法见上");
    }
    Ok(())
}

/// Where `--rollup` writes, and whose roll-up it is: a folder gets
/// `<office>-<today>.zhibu-rollup.ron` inside it.
fn rollup_target(flags: &CountyFlags) -> Result<Option<(PathBuf, String)>, String> {
    let Some(path) = &flags.rollup else {
        if flags.office.is_some() && flags.report.is_none() {
            return Err("--office 只与 --rollup 一起使用：请用 --rollup 文件名 写明汇总文件存到哪里".to_owned());
        }
        return Ok(None);
    };
    let office = flags.office.as_deref().map(str::trim).unwrap_or_default();
    if office.is_empty() {
        return Err(rollup_file::RollupError::NoOffice.to_string());
    }
    let path = if path.is_dir() {
        path.join(rollup_file::file_name(office, crate::store::format::now().date()))
    } else if rollup_file::is_rollup(path) {
        path.clone()
    } else {
        return Err(format!(
            "汇总文件的文件名应以 {} 结尾，上级汇总时才认得它（{}）",
            rollup_file::ROLLUP_EXTENSION,
            path.display()
        ));
    };
    Ok(Some((path, office.to_owned())))
}

/// Whether two paths name one file as written (the output check catches
/// links and the rest once the first is written).
fn same_name(a: &Path, b: &Path) -> bool {
    std::path::absolute(a).ok() == std::path::absolute(b).ok()
}

/// The subtotals per 上级党委, and per roll-up file when rows came from one.
fn subtotal_lines(rollup: &county::RollUp) {
    let mut by = vec![Grouping::Superior];
    if rollup.has_rolled_rows() {
        by.push(Grouping::RollUpFile);
    }
    for by in by {
        say!();
        say!("{}小计：", by.title());
        for (_, lines) in rollup.subtotals(by) {
            for line in lines {
                say!("{}", line.iter().map(Value::text).collect::<Vec<_>>().join("\t"));
            }
        }
    }
}

/// What the roll-up did with the branches' keys.
fn keys_lines(rollup: &county::RollUp, keys_file: &Path) {
    for known in &rollup.new_keys {
        let whose = if known.superior == rollup_file::OFFICE_MARK {
            "该单位的汇总文件"
        } else {
            "该支部的导出文件"
        };
        say!(
            "记下「{}」的公钥（指纹 {}），以后{whose}须由此密钥签名（{}）",
            known.branch,
            known.public_key.fingerprint(),
            keys_file.display()
        );
    }
    for name in &rollup.unmatched_accept {
        say!("警告：没有「{name}」签名有效的导出文件，未确认任何密钥");
    }
    if let Some(warning) = &rollup.keys_warning {
        say!("警告：{warning}");
    }
}
