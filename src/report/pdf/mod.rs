//! The print engine: each form of the campaign ([`Doc`]) is filled from the
//! ledger into a [`Layout`] (pages of positioned text, rules and tick boxes
//! on A4), which [`render::pdf`] writes as PDF and the 打印 screen previews.
//!
//! The layout is our own: the face's advances ([`font`]), Chinese line
//! breaking ([`text`]), tables that repeat their header row on every page
//! ([`table`]), the running header and footer ([`compose`]). krilla writes
//! the PDF and embeds the glyphs used as a font subset.

pub mod compose;
pub mod docs;
pub mod font;
pub mod layout;
pub mod render;
pub mod table;
pub mod text;

use std::path::{Path, PathBuf};

use crate::model::{Date, Ledger, MemberId, SessionId};
use crate::report::{OutputKind, OutputRefused, OutputRules, Replace};

pub use layout::{Item, Layout, Orientation, Page};

/// The forms the program prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Doc {
    /// 党员对照检查清单: members × requirements.
    Checklist,
    /// One checklist card per member, with signature lines.
    MemberCards,
    /// 学习签到表 of one study session.
    SignIn,
    /// 学时登记表: members × sessions.
    Hours,
    /// 谈心谈话记录卡.
    TalkCards,
    /// 征求意见反馈清单, per member.
    Opinions,
    /// 党性分析材料 of a member.
    Analysis,
    /// 民主评议党员测评表 (the anonymous ballot).
    AppraisalBallot,
    /// 群众满意度测评表.
    SurveyBallot,
    /// 整改承诺书 per member and the branch's 整改台账.
    Commitments,
}

impl Doc {
    /// Every document, in the order of the campaign.
    pub const ALL: [Doc; 10] = [
        Doc::Checklist,
        Doc::MemberCards,
        Doc::SignIn,
        Doc::Hours,
        Doc::TalkCards,
        Doc::Opinions,
        Doc::Analysis,
        Doc::AppraisalBallot,
        Doc::SurveyBallot,
        Doc::Commitments,
    ];

    /// The printed title.
    pub fn title(self) -> &'static str {
        match self {
            Doc::Checklist => "党员对照检查清单",
            Doc::MemberCards => "党员对照检查卡",
            Doc::SignIn => "学习签到表",
            Doc::Hours => "学时登记表",
            Doc::TalkCards => "谈心谈话记录卡",
            Doc::Opinions => "征求意见反馈清单",
            Doc::Analysis => "党性分析材料",
            Doc::AppraisalBallot => "民主评议党员测评表",
            Doc::SurveyBallot => "群众满意度测评表",
            Doc::Commitments => "整改承诺书和整改台账",
        }
    }

    /// The name on the command line (`zhibu print checklist …`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Doc::Checklist => "checklist",
            Doc::MemberCards => "member-cards",
            Doc::SignIn => "sign-in",
            Doc::Hours => "hours",
            Doc::TalkCards => "talk-cards",
            Doc::Opinions => "opinions",
            Doc::Analysis => "analysis",
            Doc::AppraisalBallot => "appraisal-ballot",
            Doc::SurveyBallot => "survey-ballot",
            Doc::Commitments => "commitments",
        }
    }

    /// The document named `name` on the command line.
    pub fn from_cli_name(name: &str) -> Option<Doc> {
        Doc::ALL.into_iter().find(|d| d.cli_name() == name)
    }

    /// Whether the document is about chosen members (the others cover the
    /// branch or a session).
    pub fn per_member(self) -> bool {
        matches!(
            self,
            Doc::MemberCards | Doc::TalkCards | Doc::Opinions | Doc::Analysis | Doc::Commitments
        )
    }

    /// Whether the document is about one study session.
    pub fn per_session(self) -> bool {
        self == Doc::SignIn
    }
}

/// What to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The form.
    pub doc: Doc,
    /// The members it covers; empty means every current member.
    pub members: Vec<MemberId>,
    /// The study session (for 签到表); `None` means the latest.
    pub session: Option<SessionId>,
    /// Blank, to fill by hand, instead of filled from the records.
    pub blank: bool,
    /// For 党性分析材料: the reviewer's comparison of the last two drafts
    /// (审阅对照) after each member's material, for the supervisory group.
    pub with_comparison: bool,
    /// The print date in the footer.
    pub today: Date,
}

impl Request {
    /// Every current member, filled, the latest session.
    pub fn new(doc: Doc, today: Date) -> Self {
        Self {
            doc,
            members: Vec::new(),
            session: None,
            blank: false,
            with_comparison: false,
            today,
        }
    }
}

/// Why a document could not be made or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    /// The bundled font could not be read (a damaged program file).
    #[error("无法读取内置字体，程序文件可能已损坏")]
    Font,
    /// krilla refused the document.
    #[error("无法生成 PDF：{0}")]
    Pdf(String),
    /// There is nothing to print (no sessions, no talks, …).
    #[error("没有可打印的内容：{0}")]
    Nothing(String),
    /// The file could not be written.
    #[error("无法保存 PDF：{message}（{}）", path.display())]
    Write { message: String, path: PathBuf },
    /// The file is not one a PDF may be written to (a ledger, an existing
    /// file the user did not ask to replace).
    #[error(transparent)]
    Refused(#[from] OutputRefused),
}

impl PrintError {
    /// Whether the PDF was not written only because a file exists that the
    /// user may choose to replace.
    pub fn needs_confirmation(&self) -> bool {
        matches!(self, PrintError::Refused(r) if r.needs_confirmation())
    }
}

/// Lays out the requested document from the ledger. `progress` is told the
/// share done (0–1) as long documents are built.
pub fn layout(ledger: &Ledger, request: &Request, progress: &dyn Fn(f32)) -> Result<Layout, PrintError> {
    docs::build(ledger, request, progress)
}

/// The header text: the branch and the campaign.
pub fn branch_line(ledger: &Ledger) -> String {
    let branch = if ledger.branch.name.trim().is_empty() {
        "（支部名称未填写）"
    } else {
        ledger.branch.name.trim()
    };
    format!("{branch}　{}{}", ledger.campaign.name, ledger.campaign.batch)
}

/// The date as printed (2006年3月10日).
pub fn show_date(date: Date) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// The default file name: document and date (`党员对照检查清单-2006-03-10.pdf`).
pub fn file_name(doc: Doc, blank: bool, today: Date) -> String {
    let blank = if blank { "（空白）" } else { "" };
    format!("{}{blank}-{today}.pdf", doc.title())
}

/// The default folder: 打印 beside the data file.
pub fn default_folder(data_file: &Path) -> PathBuf {
    data_file.parent().unwrap_or(Path::new(".")).join("打印")
}

/// Writes `bytes` to `path`, replacing an earlier PDF but never a ledger:
/// for tests and tools that own the folder. The 打印 screen and `zhibu
/// print` use [`write_pdf`] with the user's answer.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), PrintError> {
    write_pdf(path, bytes, &OutputRules::new().replacing(Replace::Yes))
}

/// Writes `bytes` to `path` where `rules` allow a PDF, through a temporary
/// file in the same folder, so a failed write never leaves half a PDF in
/// place of a good one.
pub fn write_pdf(path: &Path, bytes: &[u8], rules: &OutputRules) -> Result<(), PrintError> {
    use std::io::Write;
    rules.check(path, OutputKind::Pdf)?;
    let fail = |e: std::io::Error| PrintError::Write {
        message: io_message(&e),
        path: path.to_owned(),
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder).map_err(fail)?;
    let mut tmp = tempfile_in(&folder).map_err(fail)?;
    tmp.1.write_all(bytes).map_err(fail)?;
    tmp.1.sync_all().map_err(fail)?;
    drop(tmp.1);
    if let Err(e) = std::fs::rename(&tmp.0, path) {
        // Best effort: the temporary file is ours and useless now.
        std::fs::remove_file(&tmp.0).ok();
        return Err(fail(e));
    }
    Ok(())
}

fn tempfile_in(folder: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    for n in 0..100u32 {
        let path = folder.join(format!(".打印-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("临时文件过多"))
}

fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => "没有写入权限，或文件正被其他程序（如 PDF 阅读器）打开".to_owned(),
        K::StorageFull => "磁盘已满".to_owned(),
        K::NotFound => "文件夹不存在".to_owned(),
        K::ReadOnlyFilesystem => "磁盘只读".to_owned(),
        _ => crate::store::error::os_words(e),
    }
}
