//! The county roll-up (县级汇总): many branches' export files checked and
//! added up into one table, one row per branch, totals and averages at the
//! bottom, branches behind the campaign's requirements marked with why.
//!
//! Every file is checked on its own (checksum, format version, which
//! branch, signature); a file that cannot be used is listed with the
//! reason, never silently dropped. A branch's files count only when signed
//! by the branch's key: the one remembered from the first file of the
//! branch ever rolled up ([`super::known_keys`]), or, at first sight, the
//! one key all its signed files share. A file unsigned, with a broken
//! signature or signed by another key is listed as 可能被改动 with why and
//! what to do, and never replaces a genuine file, whatever its date. Of
//! the genuine files of a branch (same 上级党委 and name) the one exported
//! later is used (on the same second, the one counted up to the later day,
//! then the later path by name) and each other one is listed as set aside,
//! naming the file used, its folder and its export time. A folder is
//! searched with its subfolders (a county keeps one folder per township or
//! per branch).
//!
//! Roll-ups roll up again (township → county → city): the roll-up can be
//! written as its own signed file ([`rollup_file`]), and a roll-up reads
//! those files beside branch exports, each row a branch as the office
//! used it. A branch present directly and inside a roll-up, or in two
//! roll-ups, is counted once, the newer export (then the one saved more
//! times), and the verdict of each file says which file was used and why.
//! The table is also added up per 上级党委 and per roll-up file
//! ([`groups`]).

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, XlsxError};

use super::export_file::{EXTENSION, ExportFigures as Export};
use super::known_keys::{self, KeysError, KnownBranch, KnownKeys};

pub mod groups;
pub mod opinions;
pub mod read;
pub mod rollup_file;
#[cfg(test)]
mod tests;
mod verdict;
use super::sheet::{Table, Value, write_table};
use super::signature::PublicKey;
use super::{OutputKind, OutputRules};
use crate::model::appraisal::Grade;
use crate::model::{Ledger, Stage};
use crate::progress::figures::Figures;
pub use read::Reading;
use read::{Entry, Loaded};
pub use rollup_file::ROLLUP_EXTENSION;
pub use verdict::roll_up_loaded;

/// What became of one file given to the roll-up.
#[derive(Debug, Clone, PartialEq)]
pub enum FileStatus {
    /// Checked and used.
    Used,
    /// Another file of the same branch is newer (or, exported in the same
    /// second, wins the tie: `tie`); this one is not used.
    Replaced {
        by: PathBuf,
        /// When the file used was exported.
        by_exported_at: jiff::civil::DateTime,
        tie: bool,
    },
    /// A roll-up file whose every branch is set aside: each has a newer
    /// (or preferred) file elsewhere, or may have been changed
    /// ([`FileReport::notes`] say which).
    NoneUsed,
    /// Cannot be used; the message says why and names the file.
    Rejected(String),
    /// Read, but not signed by the branch's key: 可能被改动, why and what
    /// to do. Never used, never replacing a genuine file.
    Suspect(String),
}

/// One file and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    pub path: PathBuf,
    /// The branch the file says it is from, when the header could be read.
    pub branch: Option<String>,
    /// When the file says it was exported, when the header could be read.
    pub exported_at: Option<jiff::civil::DateTime>,
    pub status: FileStatus,
    /// For a file used: how many other files of its branch were set
    /// aside; for a roll-up file, how many of its branches were.
    pub set_aside: usize,
    /// A branch export, or a roll-up file and whose.
    pub kind: FileKind,
    /// What the status leaves out: why a tie went the other way, where the
    /// figures used came from; for a roll-up file, each of its branches
    /// not used and why.
    pub notes: Vec<String>,
}

/// What kind of file was given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FileKind {
    /// A branch's export (or a file that could not be read).
    #[default]
    Export,
    /// A roll-up file of `office` holding `branches` branches.
    RollUp { office: String, branches: usize },
}

impl FileReport {
    /// The status in words for the list: 可用, or why not, with the notes.
    pub fn status_text(&self) -> String {
        let mut words = status_words(&self.status, self.set_aside, &self.kind);
        if !self.notes.is_empty() {
            words.push_str(&format!("（{}）", self.notes.join("；")));
        }
        words
    }
}

/// A status in words, without the notes.
fn status_words(status: &FileStatus, set_aside: usize, kind: &FileKind) -> String {
    let time = |t: &jiff::civil::DateTime| t.strftime("%Y-%m-%d %H:%M:%S").to_string();
    match (status, kind) {
        (FileStatus::Used, FileKind::RollUp { office, branches }) => format!(
            "可用：「{office}」的汇总文件，含 {branches} 个支部，采用 {} 个",
            branches.saturating_sub(set_aside)
        ),
        (FileStatus::Used, _) if set_aside > 0 => {
            format!("可用（同一支部另有 {set_aside} 份导出文件较早，未用）")
        }
        (FileStatus::Used, _) => "可用".to_owned(),
        (FileStatus::NoneUsed, _) => "未用：其中各支部都另有较新的文件，或可能被改动".to_owned(),
        (
            FileStatus::Replaced {
                by,
                by_exported_at,
                tie: false,
            },
            _,
        ) => format!(
            "未用：同一支部有较新的导出文件（导出于 {}），已改用 {}",
            time(by_exported_at),
            by.display()
        ),
        (FileStatus::Replaced { by, by_exported_at, .. }, _) => format!(
            "未用：同一支部的另一份导出文件也导出于 {}，取用 {}",
            time(by_exported_at),
            by.display()
        ),
        (FileStatus::Rejected(why) | FileStatus::Suspect(why), _) => why.clone(),
    }
}

/// One branch's row.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchRow {
    pub branch: String,
    pub superior: String,
    pub path: PathBuf,
    pub generated_at: jiff::civil::DateTime,
    pub figures: Figures,
    /// Why the branch is behind the campaign's requirements (empty: not behind).
    pub behind: Vec<String>,
}

/// Where one row came from, beside it in [`RollUp::sources`].
#[derive(Debug, Clone, PartialEq)]
pub struct RowSource {
    /// The branch's export file, as the first roll-up named it.
    pub source: String,
    /// The roll-up files the row came through, innermost first; empty for
    /// a branch export given directly ([`BranchRow::path`] is the file
    /// given either way).
    pub via: Vec<String>,
    /// 活动名称 and 批次.
    pub campaign: String,
    pub batch: String,
    /// The ledger's save counter at the export, when the file has one.
    pub save_counter: Option<u64>,
    /// The key that signed the branch's export.
    pub public_key: PublicKey,
    /// The branch's records (masked by the branch as it exported them),
    /// when it sent them and the roll-up read them ([`Reading::WithRecords`]).
    pub records: Option<std::sync::Arc<Ledger>>,
}

/// The roll-up of many export files.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RollUp {
    /// Every file given, in the order given.
    pub files: Vec<FileReport>,
    /// One row per branch, by 上级党委 then name.
    pub rows: Vec<BranchRow>,
    /// Where each row came from, in the order of `rows`.
    pub sources: Vec<RowSource>,
    /// Branches whose key was seen for the first time, or confirmed, in
    /// this roll-up: remembered by [`roll_up_remembering`].
    pub new_keys: Vec<KnownBranch>,
    /// Names given to confirm a new key that no signed file here is from.
    pub unmatched_accept: Vec<String>,
    /// Where the keys are remembered ([`roll_up_remembering`]).
    pub keys_file: Option<PathBuf>,
    /// Why the new keys could not be remembered; the roll-up stands.
    pub keys_warning: Option<String>,
}

impl RollUp {
    /// The records of the branch of row `row`, when it sent them and the
    /// roll-up read them ([`Reading::WithRecords`]).
    pub fn records(&self, row: usize) -> Option<&Ledger> {
        self.sources.get(row)?.records.as_deref()
    }

    /// The rules for writing an output of this roll-up: `rules`, and never
    /// over a file rolled up or the keys file (the next roll-up needs it).
    pub fn output_rules(&self, rules: &OutputRules) -> OutputRules {
        let inputs: Vec<PathBuf> = self
            .files
            .iter()
            .map(|f| f.path.clone())
            .chain(self.keys_file.clone())
            .collect();
        rules.clone().reading(&inputs)
    }

    /// How many files may have been changed ([`FileStatus::Suspect`]).
    pub fn suspects(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.status, FileStatus::Suspect(_)))
            .count()
    }
}

/// What a roll-up trusts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trust {
    /// The keys remembered from earlier roll-ups.
    pub known: KnownKeys,
    /// Branch names (支部名称) whose new key the county confirmed: the key
    /// of the newest signed file of that branch is trusted from now on.
    pub accept: Vec<String>,
}

/// How deep subfolders are searched: far deeper than county → township
/// → branch, and a bound for a folder that links into itself.
const MAX_DEPTH: usize = 16;

/// What a folder and its subfolders hold for the roll-up.
#[derive(Debug, Default)]
pub struct FolderScan {
    /// Every export and roll-up file found, sorted by path.
    pub files: Vec<PathBuf>,
    /// Each folder that holds export or roll-up files, with how many, by path.
    pub per_folder: Vec<(PathBuf, usize)>,
    /// Subfolders that could not be read, with the system's words.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// The export and roll-up files in `folder` and its subfolders (not through links to
/// folders, which may lead back up), sorted by path. An error only when
/// `folder` itself cannot be read.
pub fn scan_folder(folder: &Path) -> std::io::Result<FolderScan> {
    let mut scan = FolderScan::default();
    let mut pending = vec![(folder.to_owned(), 0)];
    let mut first = true;
    while let Some((dir, depth)) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if first => return Err(e),
            Err(e) => {
                scan.unreadable.push((dir, crate::store::error::os_words(&e)));
                continue;
            }
        };
        first = false;
        let mut here = 0;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && depth < MAX_DEPTH {
                pending.push((path, depth + 1));
            } else if path.is_file() && is_input(&path) {
                scan.files.push(path);
                here += 1;
            }
        }
        if here > 0 {
            scan.per_folder.push((dir, here));
        }
    }
    scan.files.sort();
    scan.per_folder.sort();
    scan.unreadable.sort();
    Ok(scan)
}

/// Whether a roll-up reads `path` found in a folder: its name ends as an
/// export's or a roll-up file's does.
fn is_input(path: &Path) -> bool {
    let name = path.to_string_lossy();
    name.ends_with(EXTENSION) || name.ends_with(ROLLUP_EXTENSION)
}

/// The export and roll-up files in `folder` and its subfolders, sorted by path.
pub fn export_files_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    scan_folder(folder).map(|scan| scan.files)
}

/// Reads, checks and adds up `paths` with no key remembered (every key is
/// at first sight), on every core. `progress` is called after each file
/// with the number done so far.
pub fn roll_up(paths: &[PathBuf], progress: impl Fn(usize) + Sync) -> RollUp {
    roll_up_with(paths, &Trust::default(), progress)
}

/// Rolls up `paths` as [`roll_up_with`] does, with the keys remembered in
/// `keys_file` (see [`known_keys::keys_path`]); remembers there the keys
/// seen for the first time or confirmed by `accept`. A keys file that
/// cannot be read stops the roll-up (it is never written over); one that
/// cannot be written leaves [`RollUp::keys_warning`].
pub fn roll_up_remembering(
    paths: &[PathBuf],
    keys_file: &Path,
    accept: &[String],
    progress: impl Fn(usize) + Sync,
) -> Result<RollUp, KeysError> {
    roll_up_remembering_reading(paths, (keys_file, accept), Reading::Figures, progress)
}

/// [`roll_up_remembering`], reading the branches' records when `reading`
/// says so ([`RollUp::records`]).
pub fn roll_up_remembering_reading(
    paths: &[PathBuf],
    (keys_file, accept): (&Path, &[String]),
    reading: Reading,
    progress: impl Fn(usize) + Sync,
) -> Result<RollUp, KeysError> {
    let trust = Trust {
        known: known_keys::load(keys_file)?,
        accept: accept.to_vec(),
    };
    let mut rollup = roll_up_loaded(read::load_all(paths, reading, progress), &trust);
    rollup.keys_file = Some(keys_file.to_owned());
    if !rollup.new_keys.is_empty() {
        let mut known = trust.known;
        for branch in &rollup.new_keys {
            known.remember(branch.clone());
        }
        if let Err(e) = known_keys::save(keys_file, &known) {
            rollup.keys_warning = Some(e.to_string());
        }
    }
    Ok(rollup)
}

/// Reads, checks and adds up `paths`, trusting what `trust` says, on every
/// core. `progress` is called after each file with the number done so far.
pub fn roll_up_with(paths: &[PathBuf], trust: &Trust, progress: impl Fn(usize) + Sync) -> RollUp {
    roll_up_loaded(read::load_all(paths, Reading::Figures, progress), trust)
}

/// [`roll_up`] with the branches' records read too, where they sent them:
/// [`RollUp::records`] hands them out by row.
pub fn roll_up_with_records(paths: &[PathBuf], trust: &Trust, progress: impl Fn(usize) + Sync) -> RollUp {
    roll_up_loaded(read::load_all(paths, Reading::WithRecords, progress), trust)
}

/// Adds up export files already read, with no key remembered (for tests
/// and the benchmark).
pub fn roll_up_read(read: Vec<(PathBuf, Result<Export, String>)>) -> RollUp {
    roll_up_read_with(read, &Trust::default())
}

/// Adds up export files already read, trusting what `trust` says.
pub fn roll_up_read_with(read: Vec<(PathBuf, Result<Export, String>)>, trust: &Trust) -> RollUp {
    let loaded = read
        .into_iter()
        .map(|(path, result)| {
            let loaded = result.map(|export| Loaded::Export(Box::new(Entry::of_export(&path, export))));
            (path, loaded)
        })
        .collect();
    roll_up_loaded(loaded, trust)
}

/// Why a branch is behind the requirements of the stages it has passed.
pub fn behind(f: &Figures) -> Vec<String> {
    let mut why = Vec::new();
    let past = |stage: Stage| f.stage > stage;
    if let Some(l) = &f.learning
        && past(Stage::Learning)
        && let Some(avg) = l.average_hours
        && avg < l.required_hours
    {
        why.push(format!("人均学时 {avg:.1}，不足 {}", l.required_hours));
    }
    if let Some(a) = &f.appraisal {
        if a.feedback_overdue > 0 {
            why.push(format!("{} 条意见逾期未反馈", a.feedback_overdue));
        }
        if past(Stage::Appraisal) && a.members_talks_below > 0 {
            why.push(format!("{} 人谈心次数不足", a.members_talks_below));
        }
        if past(Stage::Appraisal) && a.analyses_final < f.members.total {
            why.push(format!("党性分析定稿 {}/{}", a.analyses_final, f.members.total));
        }
    }
    if let Some(r) = &f.rectification
        && f.stage >= Stage::Rectification
    {
        if r.commitments_overdue > 0 {
            why.push(format!("{} 条整改承诺逾期", r.commitments_overdue));
        }
        if r.branch_items_overdue > 0 {
            why.push(format!("{} 项整改台账事项逾期", r.branch_items_overdue));
        }
        if let Some(rate) = r.latest_rate()
            && rate < r.satisfaction_threshold
        {
            why.push(format!("满意率 {rate:.1}%，低于 {}%", r.satisfaction_threshold));
        }
    }
    why
}

/// A column of the county table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Branch,
    Superior,
    Stage,
    Members,
    AverageHours,
    HoursMet,
    MadeUp,
    Opinions,
    Merged,
    FedBack,
    Talks,
    TalksAverage,
    AnalysesFinal,
    Excellent,
    Qualified,
    Basic,
    Unqualified,
    Commitments,
    CommitmentsDone,
    CommitmentsOverdue,
    BranchItemsOverdue,
    HotSolved,
    Satisfaction,
    Behind,
}

impl Column {
    pub const ALL: [Column; 24] = [
        Column::Branch,
        Column::Superior,
        Column::Stage,
        Column::Members,
        Column::AverageHours,
        Column::HoursMet,
        Column::MadeUp,
        Column::Opinions,
        Column::Merged,
        Column::FedBack,
        Column::Talks,
        Column::TalksAverage,
        Column::AnalysesFinal,
        Column::Excellent,
        Column::Qualified,
        Column::Basic,
        Column::Unqualified,
        Column::Commitments,
        Column::CommitmentsDone,
        Column::CommitmentsOverdue,
        Column::BranchItemsOverdue,
        Column::HotSolved,
        Column::Satisfaction,
        Column::Behind,
    ];

    /// The heading.
    pub fn title(self) -> &'static str {
        match self {
            Column::Branch => "支部",
            Column::Superior => "上级党委",
            Column::Stage => "当前阶段",
            Column::Members => "党员数",
            Column::AverageHours => "人均学时",
            Column::HoursMet => "学时达标人数",
            Column::MadeUp => "补学人数",
            Column::Opinions => "征求意见",
            Column::Merged => "梳理为",
            Column::FedBack => "已反馈",
            Column::Talks => "谈心次数",
            Column::TalksAverage => "人均谈心",
            Column::AnalysesFinal => "党性分析定稿",
            Column::Excellent => Grade::Excellent.label(),
            Column::Qualified => Grade::Qualified.label(),
            Column::Basic => Grade::Basic.label(),
            Column::Unqualified => Grade::Unqualified.label(),
            Column::Commitments => "整改承诺",
            Column::CommitmentsDone => "承诺已完成",
            Column::CommitmentsOverdue => "整改承诺逾期",
            Column::BranchItemsOverdue => "整改台账逾期",
            Column::HotSolved => "热盼问题已解决",
            Column::Satisfaction => "满意率%",
            Column::Behind => "未达要求",
        }
    }

    /// Whether the column is an average or rate, not a count: its total
    /// row stays empty and its average is over branches that have it.
    pub fn is_average(self) -> bool {
        matches!(self, Column::AverageHours | Column::TalksAverage | Column::Satisfaction)
    }

    /// Whether the column holds words rather than numbers.
    pub fn is_text(self) -> bool {
        matches!(self, Column::Branch | Column::Superior | Column::Stage | Column::Behind)
    }

    /// The cell of one branch; empty where the stage has no records.
    pub fn value(self, row: &BranchRow) -> Value {
        let f = &row.figures;
        let l = f.learning.as_ref();
        let a = f.appraisal.as_ref();
        let r = f.rectification.as_ref();
        let n = |v: Option<u32>| v.map_or(Value::Empty, Value::from);
        let grade = |g: Grade| n(a.and_then(|a| a.grades.iter().find(|(k, _)| *k == g).map(|(_, c)| *c)));
        match self {
            Column::Branch => row.branch.as_str().into(),
            Column::Superior => row.superior.as_str().into(),
            Column::Stage => f.stage.title().into(),
            Column::Members => f.members.total.into(),
            Column::AverageHours => l.and_then(|l| l.average_hours).into(),
            Column::HoursMet => n(l.map(|l| l.members_met)),
            Column::MadeUp => n(l.map(|l| l.members_made_up)),
            Column::Opinions => n(a.map(|a| a.opinions_raw)),
            Column::Merged => n(a.map(|a| a.opinions_merged)),
            Column::FedBack => n(a.map(|a| a.fed_back)),
            Column::Talks => n(a.map(|a| a.talk_cards)),
            Column::TalksAverage => a.and_then(|a| a.talks_average).into(),
            Column::AnalysesFinal => n(a.map(|a| a.analyses_final)),
            Column::Excellent => grade(Grade::Excellent),
            Column::Qualified => grade(Grade::Qualified),
            Column::Basic => grade(Grade::Basic),
            Column::Unqualified => grade(Grade::Unqualified),
            Column::Commitments => n(r.map(|r| r.commitments)),
            Column::CommitmentsDone => n(r.map(|r| r.commitments_done)),
            Column::CommitmentsOverdue => n(r.map(|r| r.commitments_overdue)),
            Column::BranchItemsOverdue => n(r.map(|r| r.branch_items_overdue)),
            Column::HotSolved => n(r.map(|r| r.hot_problems_solved)),
            Column::Satisfaction => r.and_then(|r| r.latest_rate()).into(),
            Column::Behind => row.behind.join("；").into(),
        }
    }
}

impl RollUp {
    /// The 合计 row: the sum of every count column, and how many branches
    /// are behind.
    pub fn totals(&self) -> Vec<Value> {
        let all: Vec<usize> = (0..self.rows.len()).collect();
        self.sum_over(&all, format!("合计（{} 个支部）", self.rows.len()))
    }

    /// The 平均 row: the mean over the branches that have the figure.
    pub fn averages(&self) -> Vec<Value> {
        let all: Vec<usize> = (0..self.rows.len()).collect();
        self.mean_over(&all, "平均（每个支部）".to_owned())
    }

    /// The county table as written to the workbook: one row per branch,
    /// then the totals and averages.
    pub fn table(&self) -> Table {
        let titles: Vec<&str> = Column::ALL.iter().map(|c| c.title()).collect();
        let mut table = Table::new(&titles);
        for (i, row) in self.rows.iter().enumerate() {
            if !row.behind.is_empty() {
                table.highlighted.push(i);
            }
            table.push(Column::ALL.iter().map(|c| c.value(row)).collect());
        }
        table.bold.extend([self.rows.len(), self.rows.len() + 1]);
        table.push(self.totals());
        table.push(self.averages());
        table
    }

    /// The workbook: 县级汇总, the subtotals 按上级党委 (and 按汇总文件
    /// when rows came from roll-up files, [`groups`]) and 文件检查.
    pub fn workbook(&self) -> Result<Vec<u8>, XlsxError> {
        self.workbook_with(None)
    }

    /// [`RollUp::workbook`] with the opinion ledgers' sheets (意见总账,
    /// 意见分账, 意见统计, [`opinions`]) before 文件检查: of `opinions`
    /// when given, else of the records the roll-up read, if any.
    pub fn workbook_with(&self, opinions: Option<&opinions::OpinionLedgers>) -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        write_table(book.add_worksheet(), "县级汇总", &self.table())?;
        let by = [groups::Grouping::Superior, groups::Grouping::RollUpFile];
        for by in by
            .into_iter()
            .filter(|&by| by == groups::Grouping::Superior || self.has_rolled_rows())
        {
            write_table(book.add_worksheet(), by.title(), &self.group_table(by))?;
        }
        let mut files = Table::new(&["文件", "支部（或汇总单位）", "导出时间", "检查结果"]);
        for (i, file) in self.files.iter().enumerate() {
            if file.status != FileStatus::Used {
                files.highlighted.push(i);
            }
            files.push(vec![
                file.path.display().to_string().into(),
                file.branch.clone().unwrap_or_default().into(),
                file.exported_at
                    .map_or_else(String::new, |t| t.strftime("%Y-%m-%d %H:%M:%S").to_string())
                    .into(),
                file.status_text().into(),
            ]);
        }
        let read;
        let opinions = match opinions {
            Some(given) => given,
            None => {
                read = opinions::OpinionLedgers::of_rollup(self, |_| false);
                &read
            }
        };
        if !opinions.units.is_empty() {
            opinions.write_sheets(&mut book)?;
        }
        write_table(book.add_worksheet(), "文件检查", &files)?;
        book.save_to_buffer()
    }

    /// Writes the workbook to `path` atomically where `rules` allow it;
    /// the files rolled up and the keys file are never replaced.
    pub fn write(&self, path: &Path, rules: &OutputRules) -> Result<(), super::ExportError> {
        self.write_with(path, rules, None)
    }

    /// [`RollUp::write`] of [`RollUp::workbook_with`] `opinions`.
    pub fn write_with(
        &self,
        path: &Path,
        rules: &OutputRules,
        opinions: Option<&opinions::OpinionLedgers>,
    ) -> Result<(), super::ExportError> {
        let rules = self.output_rules(rules);
        rules.check(path, OutputKind::CountyTable)?;
        let bytes = self.workbook_with(opinions).map_err(|e| super::ExportError::Workbook {
            path: path.to_owned(),
            detail: e.to_string(),
        })?;
        super::write_output(path, OutputKind::CountyTable, &rules, &bytes)
    }
}
