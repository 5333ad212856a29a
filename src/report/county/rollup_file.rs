//! The roll-up's own file (`<单位>-<日期>.zhibu-rollup.ron`): what a
//! township office hands the county, and the county the city. It is a
//! branch export's sibling ([`crate::report::export_file`]): a comment
//! line, one RON header line (format version, who made it and when, how
//! many branches, SHA-256 of the body, the office's public key and a
//! signature over header and body), then the body:
//!
//! ```text
//! // 县级汇总文件 zhibu-rollup — 供上级汇总，请勿手工修改
//! (format:1,program:"0.1.0",generated_at:"…",office:"中共青山镇委员会",branches:12,…,signature:Some("ed25519:…"))
//! (
//!   branches: [(branch:"…",superior:"…",…,source:"…",via:[],figures:(…)), …],
//!   records: None,
//! )
//! ```
//!
//! Each row is one branch as the office used it: who it is (branch,
//! 上级党委, campaign, batch, when it exported, its save counter, its public
//! key), its figures, the file it came from and the roll-up files it
//! passed through; and, when the branches sent their records and the
//! roll-up was made with them, the records (as the branch masked them),
//! after every row so that a roll-up of figures never parses them.
//!
//! The office signs with its own key, kept beside the roll-up file like a
//! ledger's key file (`<单位>-县级汇总.key`, made on first use); the next
//! office up remembers it as it remembers branches' keys
//! ([`super::super::known_keys`], under [`OFFICE_MARK`]).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::RollUp;
use crate::model::Ledger;
use crate::progress::figures::Figures;
use crate::report::export_file::{self, SignedHeader};
use crate::report::signature::{self, PublicKey, Seal, SigningKey};
use crate::report::{ExportError, OutputKind, OutputRules};

/// The version of the roll-up format this program writes; newer files are
/// refused with a request to upgrade.
pub const ROLLUP_FORMAT: u32 = 1;
/// How every roll-up file's name ends.
pub const ROLLUP_EXTENSION: &str = ".zhibu-rollup.ron";
/// The kind of file a roll-up is, in the signed message: a branch export's
/// signature never passes for a roll-up's.
pub const ROLLUP_KIND: &str = "zhibu-rollup";
/// The 上级党委 under which an office's key is remembered beside the
/// branches' keys: no branch's 上级党委 is written with these brackets.
pub const OFFICE_MARK: &str = "〔汇总单位〕";
// Not starting with 支部台账: the output check takes that for a ledger.
const COMMENT: &str = "// 县级汇总文件 zhibu-rollup — 供上级汇总，请勿手工修改";
/// How the office's key file's name ends after the office's name.
const KEY_STEM: &str = "-县级汇总";

/// The first line of a roll-up file after the comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RollupHeader {
    pub format: u32,
    /// The program version that wrote the file.
    pub program: String,
    pub generated_at: jiff::civil::DateTime,
    /// The office that made the roll-up (e.g. 中共青山镇委员会).
    pub office: String,
    /// How many branches it holds.
    pub branches: u32,
    /// Whether the rows carry the branches' records.
    pub includes_records: bool,
    /// `sha256:` and the lowercase hex SHA-256 of the body bytes.
    pub checksum: String,
    /// The office's public key (`ed25519:…`).
    #[serde(default)]
    pub public_key: Option<String>,
    /// The signature: the last field, as in an export.
    #[serde(default)]
    pub signature: Option<String>,
}

impl SignedHeader for RollupHeader {
    const KIND: &'static str = ROLLUP_KIND;
    const FORMAT: u32 = ROLLUP_FORMAT;
    fn checksum(&self) -> &str {
        &self.checksum
    }
    fn public_key(&self) -> Option<&str> {
        self.public_key.as_deref()
    }
    fn signature(&self) -> Option<&str> {
        self.signature.as_deref()
    }
    fn author(&self) -> &str {
        &self.office
    }
}

/// One branch as a roll-up used it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RolledBranch {
    /// 支部名称.
    pub branch: String,
    /// 上级党委.
    pub superior: String,
    /// 活动名称 and 批次.
    pub campaign: String,
    pub batch: String,
    /// When the branch exported the file used.
    pub generated_at: jiff::civil::DateTime,
    /// The ledger's save counter at that export, when the file has one.
    #[serde(default)]
    pub save_counter: Option<u64>,
    /// The key that signed the branch's file.
    pub public_key: PublicKey,
    /// The branch's export file, as the first office to roll it up named it.
    pub source: String,
    /// The roll-up files it came through, the first office's first.
    #[serde(default)]
    pub via: Vec<String>,
    pub figures: Figures,
}

/// What follows the header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct RollupBody {
    branches: Vec<RolledBranch>,
    /// One entry per row when made with records (`None` where a branch
    /// sent none); `None` when made without.
    records: Option<Vec<Option<Ledger>>>,
}

/// The body without the records.
#[derive(Deserialize)]
struct RowsBody {
    branches: Vec<RolledBranch>,
}

/// A roll-up file read and verified.
#[derive(Debug, Clone, PartialEq)]
pub struct RollupFile {
    pub header: RollupHeader,
    pub branches: Vec<RolledBranch>,
    /// Beside `branches` when read with records and the file has them.
    pub records: Vec<Option<Ledger>>,
    /// What the office's signature says.
    pub seal: Seal,
}

/// Why a roll-up file could not be written or read; every message names
/// the file last.
#[derive(Debug, thiserror::Error)]
pub enum RollupError {
    #[error("这不是县级汇总文件（{}）", .path.display())]
    NotRollup { path: PathBuf },
    #[error(
        "此汇总文件由较新版本的程序生成（格式 {format}，本程序只认识到格式 {ROLLUP_FORMAT}），请升级程序后再汇总（{}）",
        .path.display()
    )]
    NewerFormat { path: PathBuf, format: u32 },
    #[error("汇总文件不完整或已被改动（校验值不符），请「{office}」重新生成（{}）", .path.display())]
    ChecksumMismatch { path: PathBuf, office: String },
    #[error("汇总文件内容已损坏，无法读取（{}）", .path.display())]
    BadBody { path: PathBuf },
    #[error("请用 --office 写明汇总单位的名称（如 中共青山镇委员会）")]
    NoOffice,
    #[error("没有可用的支部，不生成汇总文件")]
    Empty,
    #[error(transparent)]
    Export(#[from] ExportError),
}

impl RollupError {
    fn from_read(e: ExportError) -> Self {
        match e {
            ExportError::NotExport { path } => RollupError::NotRollup { path },
            ExportError::NewerFormat { path, format } => RollupError::NewerFormat { path, format },
            ExportError::ChecksumMismatch { path, branch } => RollupError::ChecksumMismatch { path, office: branch },
            ExportError::BadBody { path, .. } => RollupError::BadBody { path },
            other => RollupError::Export(other),
        }
    }
}

/// Whether `path` is named as a roll-up file.
pub fn is_rollup(path: &Path) -> bool {
    path.to_string_lossy().ends_with(ROLLUP_EXTENSION)
}

/// The file name for `office`'s roll-up made on `date`, cleaned as a
/// branch export's name is ([`export_file::file_name`]).
pub fn file_name(office: &str, date: crate::model::Date) -> String {
    let export = export_file::file_name(office, date);
    let stem = export.trim_end_matches(export_file::EXTENSION);
    format!("{stem}{ROLLUP_EXTENSION}")
}

/// Where `office`'s key is kept for a roll-up file at `rollup`: beside it,
/// `<单位>-县级汇总.key` ([`crate::store::key::key_path`] of the path
/// returned).
pub fn office_key_base(rollup: &Path, office: &str) -> PathBuf {
    let name = export_file::file_name(office, crate::model::Date::constant(2000, 1, 1));
    let stem = name
        .trim_end_matches(export_file::EXTENSION)
        .trim_end_matches("-20000101");
    crate::store::atomic::folder_of(rollup).join(format!("{stem}{KEY_STEM}"))
}

/// The whole text of the roll-up file of `rollup`'s rows under `office`,
/// signed with `key`; with the rows' records when `with_records` and the
/// roll-up read them.
pub fn render(
    rollup: &RollUp,
    office: &str,
    (generated_at, with_records): (jiff::civil::DateTime, bool),
    key: &SigningKey,
) -> Result<String, RollupError> {
    let office = office.trim();
    if office.is_empty() {
        return Err(RollupError::NoOffice);
    }
    if rollup.rows.is_empty() {
        return Err(RollupError::Empty);
    }
    let branches: Vec<RolledBranch> = rollup
        .rows
        .iter()
        .zip(&rollup.sources)
        .map(|(row, source)| RolledBranch {
            branch: row.branch.clone(),
            superior: row.superior.clone(),
            campaign: source.campaign.clone(),
            batch: source.batch.clone(),
            generated_at: row.generated_at,
            save_counter: source.save_counter,
            public_key: source.public_key.clone(),
            source: source.source.clone(),
            via: source.via.clone(),
            figures: row.figures.clone(),
        })
        .collect();
    let records = with_records.then(|| rollup.sources.iter().map(|s| s.records.as_deref().cloned()).collect());
    let body = RollupBody { branches, records };
    let unserializable = |e: ron::Error| RollupError::Export(ExportError::Unserializable(e.to_string()));
    let mut body_text = ron::ser::to_string_pretty(&body, export_file::pretty()).map_err(unserializable)?;
    body_text.push('\n');
    let digest = signature::body_digest(body_text.as_bytes());
    let header = RollupHeader {
        format: ROLLUP_FORMAT,
        program: env!("CARGO_PKG_VERSION").to_owned(),
        generated_at,
        office: office.to_owned(),
        branches: u32::try_from(rollup.rows.len()).unwrap_or(u32::MAX),
        includes_records: body.records.is_some(),
        checksum: export_file::checksum_of(&digest),
        public_key: Some(PublicKey::of(key).as_str().to_owned()),
        signature: None,
    };
    let header_line = export_file::signed_header(&header, ROLLUP_KIND, &digest, key)?;
    Ok(format!("{COMMENT}\n{header_line}\n{body_text}"))
}

/// Writes the roll-up file at `path` where `rules` allow it (never over a
/// file rolled up, nor over an existing file unless allowed), signed with
/// `key`.
pub fn write(
    rollup: &RollUp,
    path: &Path,
    (office, with_records): (&str, bool),
    key: &SigningKey,
    rules: &OutputRules,
) -> Result<(), RollupError> {
    let rules = rollup.output_rules(rules);
    rules.check(path, OutputKind::RollUpFile).map_err(ExportError::from)?;
    let text = render(rollup, office, (crate::store::format::now(), with_records), key)?;
    crate::report::write_output(path, OutputKind::RollUpFile, &rules, text.as_bytes())?;
    Ok(())
}

/// Writes the roll-up file at `path` signed with `office`'s own key, kept
/// beside it (made now when there is none); returns the key's fingerprint
/// and whether it was made.
pub fn write_signed(
    rollup: &RollUp,
    path: &Path,
    (office, with_records): (&str, bool),
    rules: &OutputRules,
) -> Result<(String, bool), RollupError> {
    if office.trim().is_empty() {
        return Err(RollupError::NoOffice);
    }
    let (key, made) =
        crate::store::key::ensure_key(&office_key_base(path, office.trim())).map_err(ExportError::from)?;
    write(rollup, path, (office, with_records), &key, rules)?;
    Ok((crate::store::key::fingerprint(&key), made))
}

/// Reads and verifies a roll-up file; its records only when `with_records`.
pub fn read(path: &Path, with_records: bool) -> Result<RollupFile, RollupError> {
    let bytes = export_file::read_bytes(path).map_err(RollupError::from_read)?;
    parse(&bytes, path, with_records)
}

/// Reads a roll-up file's bytes; `path` only goes into the errors.
pub fn parse(bytes: &[u8], path: &Path, with_records: bool) -> Result<RollupFile, RollupError> {
    let (header, body, seal) = export_file::verified::<RollupHeader>(bytes, path).map_err(RollupError::from_read)?;
    let bad = |_| RollupError::BadBody { path: path.to_owned() };
    let (branches, records) = if with_records {
        let body: RollupBody = export_file::parse_body(&body, path).map_err(bad)?;
        (body.branches, body.records.unwrap_or_default())
    } else {
        let body: RowsBody = export_file::parse_body(&export_file::without_records(&body), path).map_err(bad)?;
        (body.branches, Vec::new())
    };
    if !records.is_empty() && records.len() != branches.len() {
        return Err(RollupError::BadBody { path: path.to_owned() });
    }
    Ok(RollupFile {
        header,
        branches,
        records,
        seal,
    })
}
