//! One rule for every file the program writes other than the ledger itself
//! — PDFs, the export workbook and export file, the county table, the demo
//! ledger: **no output ever replaces a ledger, or a file the user did not
//! name as one to replace.** Every writer calls [`check_output`] (through
//! [`OutputRules::check`]) just before it writes; the window and the
//! command line call it once more before the work starts, to ask or to
//! stop early.
//!
//! Refused whatever the user said:
//! - a file that starts as a ledger does (its comment line or its header
//!   line, as [`crate::store::format`] writes them — so also its backups,
//!   and a damaged ledger), and a drafts file;
//! - the ledger the output is made from, even before it was first saved,
//!   and the files a roll-up reads;
//! - a lock file (`*.lock`) or a drafts file (`*.drafts`) by its name,
//!   and a ledger's signing key (`*.key`, and a damaged one set aside);
//! - anything inside a ledger's `backups/` folder;
//! - what is not a plain file: a folder, a FIFO, a device;
//! - an existing file that cannot be read (it might be a ledger).
//!
//! Refused unless [`Replace::Yes`]: any other existing file. `Yes` means the
//! user asked for it — in the window by confirming in a dialog (the system
//! save dialog's own overwrite question counts), on the command line with
//! `--force`.
//!
//! The check reads only the first few kilobytes of an existing file, and
//! nothing at all of a file that is not a plain file, so a FIFO never
//! blocks it.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::store;

/// Whether the user asked to replace an existing file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Replace {
    /// An existing file is refused.
    #[default]
    No,
    /// An existing file that is no ledger (nor any of the files above) is
    /// replaced.
    Yes,
}

impl From<bool> for Replace {
    fn from(yes: bool) -> Self {
        if yes { Replace::Yes } else { Replace::No }
    }
}

/// What is being written, for the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    Pdf,
    /// The branch's export workbook.
    Workbook,
    /// The branch's `*.zhibu-export.ron`.
    ExportFile,
    /// The county roll-up workbook.
    CountyTable,
    /// A roll-up's own signed file (`*.zhibu-rollup.ron`).
    RollUpFile,
    /// A new ledger (`zhibu demo --out`).
    DemoLedger,
}

impl OutputKind {
    /// The thing written, in words.
    pub fn words(self) -> &'static str {
        match self {
            OutputKind::Pdf => "PDF",
            OutputKind::Workbook => "工作簿",
            OutputKind::ExportFile => "导出文件",
            OutputKind::CountyTable => "县级汇总表",
            OutputKind::RollUpFile => "汇总文件",
            OutputKind::DemoLedger => "示例台账",
        }
    }
}

/// Why an output was not written. Every message names the file last.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputRefused {
    #[error("这是支部台账文件（或台账的备份），不能用{what}替换它，请换一个文件名（{}）", .path.display())]
    Ledger { what: &'static str, path: PathBuf },
    #[error("这是台账未保存的输入（草稿文件），不能用{what}替换它，请换一个文件名（{}）", .path.display())]
    Drafts { what: &'static str, path: PathBuf },
    #[error("这是正在使用的台账文件，不能用{what}替换它，请换一个文件名（{}）", .path.display())]
    OpenLedger { what: &'static str, path: PathBuf },
    #[error("这是汇总所读的导出文件，不能用{what}替换它，请换一个文件名（{}）", .path.display())]
    Input { what: &'static str, path: PathBuf },
    #[error("这是台账的锁文件，不能用{what}替换它，请换一个文件名（{}）", .path.display())]
    LockFile { what: &'static str, path: PathBuf },
    #[error("这是台账的签名密钥文件，不能用{what}替换它，请换一个文件名（{}）", .path.display())]
    KeyFile { what: &'static str, path: PathBuf },
    #[error("不能把{what}保存到台账的备份文件夹（backups）中，请换一个文件夹（{}）", .path.display())]
    InBackups { what: &'static str, path: PathBuf },
    #[error("这是一个文件夹，不能作为{what}的文件名（{}）", .path.display())]
    Folder { what: &'static str, path: PathBuf },
    #[error("这不是普通文件（可能是设备或管道），不能写入{what}（{}）", .path.display())]
    Special { what: &'static str, path: PathBuf },
    #[error("文件已存在但无法读取，不能确定它不是台账，不会覆盖（{}）", .path.display())]
    Unreadable { path: PathBuf },
    #[error("文件已存在，不会覆盖{hint}（{}）", .path.display())]
    Exists { path: PathBuf, hint: &'static str },
}

impl OutputRefused {
    /// The file refused.
    pub fn path(&self) -> &Path {
        match self {
            OutputRefused::Ledger { path, .. }
            | OutputRefused::Drafts { path, .. }
            | OutputRefused::OpenLedger { path, .. }
            | OutputRefused::Input { path, .. }
            | OutputRefused::LockFile { path, .. }
            | OutputRefused::KeyFile { path, .. }
            | OutputRefused::InBackups { path, .. }
            | OutputRefused::Folder { path, .. }
            | OutputRefused::Special { path, .. }
            | OutputRefused::Unreadable { path }
            | OutputRefused::Exists { path, .. } => path,
        }
    }

    /// Whether only the user's word is missing: the file exists and could
    /// be replaced once they confirm (or add `--force`).
    pub fn needs_confirmation(&self) -> bool {
        matches!(self, OutputRefused::Exists { .. })
    }
}

/// What the user allowed for an output, and what it must never replace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputRules {
    /// Whether an existing file may be replaced.
    pub replace: Replace,
    /// The ledger the output is made from (the open ledger, the command's
    /// FILE): never replaced, even when it is not on the disk yet.
    pub ledger: Option<PathBuf>,
    /// Files the output is made from (a roll-up's export files).
    pub inputs: Vec<PathBuf>,
    /// Whether the message for an existing file says to add `--force`.
    pub force_hint: bool,
}

impl OutputRules {
    /// A new file only, as when nobody was asked.
    pub fn new() -> Self {
        Self::default()
    }

    /// For a command: replacing only with `--force`, which the message for
    /// an existing file mentions.
    pub fn command_line(force: bool) -> Self {
        Self {
            replace: force.into(),
            force_hint: true,
            ..Self::default()
        }
    }

    /// With `replace` as the user answered.
    pub fn replacing(mut self, replace: Replace) -> Self {
        self.replace = replace;
        self
    }

    /// Made from the ledger at `ledger`.
    pub fn from_ledger(mut self, ledger: &Path) -> Self {
        self.ledger = Some(ledger.to_owned());
        self
    }

    /// Made from these files too.
    pub fn reading(mut self, inputs: &[PathBuf]) -> Self {
        self.inputs.extend_from_slice(inputs);
        self
    }

    /// Whether `kind` may be written at `path`; see the module documentation.
    pub fn check(&self, path: &Path, kind: OutputKind) -> Result<(), OutputRefused> {
        check_output(path, kind, self)
    }
}

/// How a lock file's name ends ([`store::lock_path`]).
const LOCK_ENDING: &str = ".lock";
/// How a drafts file's name ends ([`store::drafts_path`]).
const DRAFTS_ENDING: &str = ".drafts";

/// The one check every writer makes before it writes `kind` at `path`.
pub fn check_output(path: &Path, kind: OutputKind, rules: &OutputRules) -> Result<(), OutputRefused> {
    let what = kind.words();
    let owned = || path.to_owned();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.ends_with(LOCK_ENDING) {
        return Err(OutputRefused::LockFile { what, path: owned() });
    }
    if name.ends_with(DRAFTS_ENDING) {
        return Err(OutputRefused::Drafts { what, path: owned() });
    }
    if name.ends_with(store::key::KEY_ENDING) || name.contains(store::key::ASIDE_MARK) {
        return Err(OutputRefused::KeyFile { what, path: owned() });
    }
    let full = absolute(path);
    if let Some(ledger) = &rules.ledger
        && same_file(&full, &absolute(ledger))
    {
        return Err(OutputRefused::OpenLedger { what, path: owned() });
    }
    if rules.inputs.iter().any(|input| same_file(&full, &absolute(input))) {
        return Err(OutputRefused::Input { what, path: owned() });
    }
    if inside_backups(&full, rules.ledger.as_deref()) {
        return Err(OutputRefused::InBackups { what, path: owned() });
    }
    // Following links: a link to a ledger is a ledger; to a device, a device.
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(_) if std::fs::symlink_metadata(path).is_ok() => {
            // A link to nothing: writing would replace the link itself.
            return exists(path, rules);
        }
        Err(_) => return Ok(()),
    };
    if meta.is_dir() {
        return Err(OutputRefused::Folder { what, path: owned() });
    }
    if !meta.is_file() {
        return Err(OutputRefused::Special { what, path: owned() });
    }
    match sniff_file(path) {
        Err(_) => return Err(OutputRefused::Unreadable { path: owned() }),
        Ok(Sniffed::Ledger) => return Err(OutputRefused::Ledger { what, path: owned() }),
        Ok(Sniffed::Drafts) => return Err(OutputRefused::Drafts { what, path: owned() }),
        Ok(Sniffed::Other) => {}
    }
    if kind == OutputKind::DemoLedger {
        // A new ledger never replaces anything; the store refuses too.
        return Err(OutputRefused::Exists {
            path: owned(),
            hint: "",
        });
    }
    exists(path, rules)
}

/// An existing file that is none of ours: replaced only when asked.
fn exists(path: &Path, rules: &OutputRules) -> Result<(), OutputRefused> {
    match rules.replace {
        Replace::Yes => Ok(()),
        Replace::No => Err(OutputRefused::Exists {
            path: path.to_owned(),
            hint: if rules.force_hint {
                "；如确要替换，请加 --force"
            } else {
                ""
            },
        }),
    }
}

/// What the start of a file says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A ledger, a backup of one, or a damaged one.
    Ledger,
    /// A drafts file.
    Drafts,
    Other,
}

/// Enough of a file for its comment and header lines, BOM and blank
/// lines included.
const PEEK: u64 = 4096;

/// How a ledger's, a drafts file's and an export file's comment lines
/// start (see `store::format`, `store::drafts` and [`super::export_file`]).
const OUR_COMMENT: &str = "// 支部台账";
const EXPORT_COMMENT: &str = "// 支部台账导出文件";

fn sniff_file(path: &Path) -> std::io::Result<Sniffed> {
    let mut start = Vec::with_capacity(PEEK as usize);
    std::fs::File::open(path)?.take(PEEK).read_to_end(&mut start)?;
    Ok(sniff(&start))
}

/// Whether `bytes`, the start of a file, begin as a ledger or drafts file
/// does: our comment line (not the export file's), or a header line
/// `(format:…` that is not an export file's, or `(kind:"drafts"…`, as the
/// first line that is neither blank nor a `//` comment — the loader skips
/// those too, so a ledger without its comment line is still a ledger.
pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let mut ours = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("//") {
            ours |= line.starts_with(OUR_COMMENT) && !line.starts_with(EXPORT_COMMENT);
            continue;
        }
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.starts_with("(kind:\"drafts\"") {
            return Sniffed::Drafts;
        }
        if compact.starts_with("(format:") && !compact.contains("generated_at:") {
            return Sniffed::Ledger;
        }
        break;
    }
    if ours { Sniffed::Ledger } else { Sniffed::Other }
}

/// `path` from the root, links in the part that exists resolved, `.` and
/// `..` in the part that does not exist yet taken away.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let base = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let parts: Vec<Component> = base.components().collect();
    // The longest beginning that exists, resolved by the OS; the rest as
    // written.
    for split in (1..parts.len()).rev() {
        let head: PathBuf = parts[..split].iter().collect();
        if let Ok(real) = std::fs::canonicalize(&head) {
            let mut out = real;
            for part in &parts[split..] {
                match part {
                    Component::CurDir => {}
                    Component::ParentDir => {
                        out.pop();
                    }
                    other => out.push(other),
                }
            }
            return out;
        }
    }
    base
}

/// Whether two absolute paths are one file: the same name, or (on Unix)
/// the same file under two names (a hard link).
fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// How many entries of a folder are looked at for ledgers.
const FOLDER_PEEK: usize = 256;

/// Whether `full` is inside a ledger's `backups/` folder: the backups
/// folder of `ledger`, or a folder of that name beside a ledger or holding
/// ledger copies.
fn inside_backups(full: &Path, ledger: Option<&Path>) -> bool {
    let open = ledger.map(|l| absolute(&store::backup_folder(l)));
    let name = store::backup_folder(Path::new("x.ron"));
    let Some(name) = name.file_name() else { return false };
    full.ancestors().skip(1).any(|folder| {
        open.as_deref() == Some(folder)
            || (folder.file_name() == Some(name) && (holds_ledger(folder) || folder.parent().is_some_and(holds_ledger)))
    })
}

/// Whether one of the first files of `folder` is a ledger.
fn holds_ledger(folder: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return false;
    };
    entries.flatten().take(FOLDER_PEEK).any(|entry| {
        let path = entry.path();
        let is_ron = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        is_ron && entry.file_type().is_ok_and(|t| t.is_file()) && sniff_file(&path).is_ok_and(|s| s == Sniffed::Ledger)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger_text() -> String {
        let mut ledger = crate::model::Ledger::default();
        ledger.branch.name = "红星村党支部".to_owned();
        store::to_text(&ledger, 3).expect("text")
    }

    #[test]
    fn a_ledger_is_known_by_its_start_in_every_shape_the_loader_takes() {
        let text = ledger_text();
        let without_comment: String = text.lines().skip(1).collect::<Vec<_>>().join("\n");
        let header_only = text.lines().take(2).collect::<Vec<_>>().join("\n");
        let damaged_header = format!("{}\n(format:\n", text.lines().next().expect("comment"));
        let shapes = [
            text.clone(),
            format!("\u{feff}{text}"),
            text.replace('\n', "\r\n"),
            format!("\n\n  {without_comment}"),
            header_only,
            damaged_header,
        ];
        for shape in &shapes {
            assert_eq!(sniff(shape.as_bytes()), Sniffed::Ledger, "{shape:.120}");
        }
        let drafts = store::drafts::drafts_text("(text:\"x\")", Some(3)).expect("drafts");
        assert_eq!(sniff(drafts.as_bytes()), Sniffed::Drafts);
    }

    #[test]
    fn an_export_file_a_pdf_and_other_text_are_not_ledgers() {
        let ledger = crate::model::Ledger::default();
        let date = crate::model::Date::constant(2006, 3, 10);
        let figures = crate::progress::figures(&ledger, date);
        let export = super::super::export_file::render(
            &ledger,
            &figures,
            super::super::ExportOptions::default(),
            crate::store::format::now(),
            &crate::report::signature::SigningKey::from_bytes(&[1; 32]),
        )
        .expect("export");
        for other in [
            export.as_str(),
            "%PDF-1.7\n",
            "",
            "// 一个注释\n(name:1)",
            "PK\u{3}\u{4}",
        ] {
            assert_eq!(sniff(other.as_bytes()), Sniffed::Other, "{other:.80}");
        }
    }

    #[test]
    fn a_path_with_dots_is_the_same_file_as_without() {
        let dir = tempfile::tempdir().expect("dir");
        let ledger = dir.path().join("台账.ron");
        let roundabout = dir.path().join("新文件夹").join("..").join(".").join("台账.ron");
        assert_eq!(absolute(&roundabout), absolute(&ledger));
        let rules = OutputRules::new().from_ledger(&ledger);
        let refused = rules.check(&roundabout, OutputKind::Pdf).expect_err("refused");
        assert!(matches!(refused, OutputRefused::OpenLedger { .. }), "{refused}");
        assert!(rules.check(&dir.path().join("清单.pdf"), OutputKind::Pdf).is_ok());
    }

    #[test]
    fn the_endings_are_the_stores() {
        let ledger = Path::new("支部台账.ron");
        assert!(store::lock_path(ledger).to_string_lossy().ends_with(LOCK_ENDING));
        assert!(store::drafts_path(ledger).to_string_lossy().ends_with(DRAFTS_ENDING));
    }

    #[test]
    fn lock_and_drafts_names_are_refused_even_when_missing() {
        let dir = tempfile::tempdir().expect("dir");
        let rules = OutputRules::new().replacing(Replace::Yes);
        for name in [
            "台账.ron.lock",
            "台账.ron.drafts",
            "X.LOCK",
            "台账.ron.key",
            "台账.ron.key-损坏-20060301-090000",
        ] {
            let err = rules.check(&dir.path().join(name), OutputKind::Pdf).expect_err(name);
            assert!(err.to_string().contains(name), "{err}");
        }
    }
}
