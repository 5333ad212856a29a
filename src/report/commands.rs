//! `zhibu export` and `zhibu county`: the same export and roll-up as the
//! 导出 screen, printed for a terminal. Errors come back as Chinese
//! sentences naming the file. Neither writes over a ledger or its input,
//! nor over an existing file without `--force` ([`super::output_path`]).

use std::path::{Path, PathBuf};

use super::county::{self, Column, FileStatus};
use super::sheet::Value;
use super::{ExportOptions, OutputKind, OutputRules, export_package_with};
use crate::model::Date;
use crate::say;
use crate::store;

/// `zhibu export FILE --out-dir DIR [--force]`: writes the workbook and the
/// export file of the ledger `file` into `out_dir`; files of those names
/// already there are replaced only with `force`.
pub fn export_command(
    file: &Path,
    out_dir: &Path,
    options: ExportOptions,
    today: Date,
    force: bool,
) -> Result<(), String> {
    let loaded = store::load(file).map_err(|e| e.to_string())?;
    let rules = OutputRules::command_line(force).from_ledger(file);
    let out = export_package_with(out_dir, &loaded.ledger, today, options, &rules).map_err(|e| e.to_string())?;
    for line in options.describe() {
        say!("· {line}");
    }
    say!("已导出工作簿：{}", out.workbook.display());
    say!("已导出汇总文件：{}", out.export_file.display());
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
            say!("文件夹 {}：找到 {} 个导出文件", path.display(), scan.files.len());
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

/// `zhibu county EXPORT... --out county.xlsx [--force]`: checks every
/// export file (folders give the export files inside), prints what became
/// of each and the county table, and writes the table as a workbook (over
/// an existing file only with `force`).
pub fn county_command(paths: &[PathBuf], out: &Path, force: bool) -> Result<(), String> {
    let files = expand(paths)?;
    let rules = OutputRules::command_line(force).reading(&files);
    rules.check(out, OutputKind::CountyTable).map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err("没有找到导出文件（*.zhibu-export.ron）".to_owned());
    }
    let rollup = county::roll_up(&files, |_| {});
    for file in &rollup.files {
        let mark = if file.status == FileStatus::Used {
            "可用"
        } else {
            "未用"
        };
        say!("[{mark}] {}：{}", file.path.display(), file.status_text());
    }
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
    rollup.write(out, &rules).map_err(|e| e.to_string())?;
    let behind = rollup.rows.iter().filter(|r| !r.behind.is_empty()).count();
    say!();
    say!(
        "已生成县级汇总表：{} 个支部，{behind} 个未达要求（{}）",
        rollup.rows.len(),
        out.display()
    );
    Ok(())
}
