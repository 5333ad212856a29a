//! The export file for machines (`支部名-日期.zhibu-export.ron`): what a
//! branch sends the county office (县先教办) and what the county roll-up
//! reads.
//!
//! ```text
//! // 支部台账导出文件 zhibu-export — 供县先教办汇总，请勿手工修改
//! (format:1,program:"0.1.0",generated_at:"…",branch:"…",superior:"…",campaign:"…",…,checksum:"sha256:…",public_key:Some("ed25519:…"),signature:Some("ed25519:…"))
//! (
//!   figures: (…),
//!   records: None,
//! )
//! ```
//!
//! The header is one RON line that can be read without the body: the
//! county sees which branch a file is from even when its body is damaged.
//! The checksum is SHA-256 over the body bytes exactly as written, checked
//! before the body is parsed, so a truncated or damaged file is refused.
//!
//! The checksum proves nothing about who wrote the file: whoever edits it
//! can write the new checksum. So the header also carries the public key
//! of the ledger that made it and a signature made with that ledger's
//! secret key ([`crate::store::key`]) over the header and the body
//! ([`super::signature`]); reading a file checks it and says what it
//! found ([`Seal`]), and the county roll-up compares the key with the one
//! it remembers for the branch. Files of programs before signatures have
//! neither field and still read, as [`Seal::Unsigned`].
//! The name ends in `.zhibu-export.ron` rather than `.ron` so that nobody
//! opens it as a ledger, and starts with the branch and the date so that a
//! folder of them sorts by branch.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::signature::{self, EXPORT_KIND, PublicKey, Seal, SigningKey};
use super::{ExportError, ExportOptions, OutputKind, OutputRules, Replace};
use crate::model::{Date, Ledger};
use crate::progress::figures::Figures;

/// The version of the export format this program writes; newer files are
/// refused with a request to upgrade.
pub const EXPORT_FORMAT: u32 = 1;
/// How every export file's name ends.
pub const EXTENSION: &str = ".zhibu-export.ron";
const COMMENT: &str = "// 支部台账导出文件 zhibu-export — 供县先教办汇总，请勿手工修改";
const CHECKSUM_PREFIX: &str = "sha256:";
/// Export files larger than this are not read (a whole ledger of a big
/// general branch is a few MB).
const READ_LIMIT: u64 = 256 * 1024 * 1024;

/// The first line of an export file after the comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportHeader {
    pub format: u32,
    /// The program version that wrote the file.
    pub program: String,
    pub generated_at: jiff::civil::DateTime,
    /// 支部名称.
    pub branch: String,
    /// 上级党委.
    pub superior: String,
    /// 活动名称 and 批次.
    pub campaign: String,
    pub batch: String,
    /// The planned period of the whole campaign.
    pub period: Option<(Date, Date)>,
    /// Whether the body carries the records themselves.
    pub includes_records: bool,
    /// Whether phone numbers and 身份证号 are included unmasked.
    pub includes_personal: bool,
    /// `sha256:` and the lowercase hex SHA-256 of the body bytes.
    pub checksum: String,
    /// How many times the ledger file had been saved when the export was
    /// made (its header's counter): breaks the tie between two exports of
    /// one branch made in the same second. `None` in a file of a program
    /// before it, or of a ledger never saved.
    #[serde(default)]
    pub save_counter: Option<u64>,
    /// The public key of the ledger that made the file (`ed25519:…`);
    /// `None` in a file of a program before signatures.
    #[serde(default)]
    pub public_key: Option<String>,
    /// The signature ([`super::signature`]): the last field, so that the
    /// header can be checked as written.
    #[serde(default)]
    pub signature: Option<String>,
}

/// What follows the header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportBody {
    pub figures: Figures,
    /// The whole ledger, when the user ticked it; without phone numbers,
    /// 身份证号 and mobile contacts, and with the numbers in its texts
    /// masked, unless ticked too ([`super::privacy`]).
    pub records: Option<Ledger>,
}

/// An export file read and verified.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub header: ExportHeader,
    pub body: ExportBody,
    /// What the signature says.
    pub seal: Seal,
}

/// What the county roll-up needs of an export file: the header and the
/// figures. The records, when present, are checked by the checksum but
/// skipped by the parser, so a folder of full exports rolls up quickly.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportFigures {
    pub header: ExportHeader,
    pub figures: Figures,
    /// What the signature says.
    pub seal: Seal,
}

/// The body without the records.
#[derive(Deserialize)]
struct FiguresBody {
    figures: Figures,
}

/// Where the records begin in a body as [`render`] writes it.
const RECORDS_LINE: &str = "\n  records: ";

/// Only the format field, read first so that a newer header of another
/// shape is still recognised as newer.
#[derive(Deserialize)]
struct FormatProbe {
    format: u32,
}

/// The header's checksum of a body whose SHA-256 is `digest`.
pub(crate) fn checksum_of(digest: &[u8; 32]) -> String {
    format!("{CHECKSUM_PREFIX}{}", crate::store::key::hex(digest))
}

/// The file name for a branch's export made on `date`. Characters that
/// file systems refuse are replaced; control characters and the marks
/// that turn text right to left ([`is_bidi_mark`]) are left out, so that
/// a name never shows in a folder as something it is not; leading dots
/// and spaces are left out, so that the file is never hidden.
pub fn file_name(branch: &str, date: Date) -> String {
    let clean: String = branch
        .chars()
        .filter(|&c| !c.is_control() && !is_bidi_mark(c))
        .map(|c| if r#"\/:*?"<>|"#.contains(c) { '_' } else { c })
        .collect();
    let clean = clean
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .trim_end();
    let clean = if clean.is_empty() { "支部" } else { clean };
    format!("{clean}-{}{EXTENSION}", date.strftime("%Y%m%d"))
}

/// The invisible marks that change the direction of the text after them:
/// LRM, RLM, ALM, the embeddings and overrides (U+202A–U+202E) and the
/// isolates (U+2066–U+2069).
pub fn is_bidi_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The whole text of the export file, signed with `key`.
pub fn render(
    ledger: &Ledger,
    figures: &Figures,
    options: ExportOptions,
    generated_at: jiff::civil::DateTime,
    key: &SigningKey,
) -> Result<String, ExportError> {
    render_counted(ledger, figures, (options, generated_at, None), key)
}

/// The whole text of the export file, signed with `key`, of a ledger
/// saved `save_counter` times.
pub fn render_counted(
    ledger: &Ledger,
    figures: &Figures,
    (options, generated_at, save_counter): (ExportOptions, jiff::civil::DateTime, Option<u64>),
    key: &SigningKey,
) -> Result<String, ExportError> {
    let body = ExportBody {
        figures: figures.clone(),
        records: if options.include_records {
            Some(super::privacy::outgoing_ledger(ledger, options.include_personal)?.0)
        } else {
            None
        },
    };
    let mut body_text =
        ron::ser::to_string_pretty(&body, pretty()).map_err(|e| ExportError::Unserializable(e.to_string()))?;
    body_text.push('\n');
    let digest = signature::body_digest(body_text.as_bytes());
    let period = ledger.campaign.plan.span();
    let header = ExportHeader {
        format: EXPORT_FORMAT,
        program: env!("CARGO_PKG_VERSION").to_owned(),
        generated_at,
        branch: ledger.branch.name.clone(),
        superior: ledger.branch.superior.clone(),
        campaign: ledger.campaign.name.clone(),
        batch: ledger.campaign.batch.clone(),
        period,
        includes_records: options.include_records,
        includes_personal: options.include_personal && options.include_records,
        checksum: checksum_of(&digest),
        save_counter,
        public_key: Some(PublicKey::of(key).as_str().to_owned()),
        signature: None,
    };
    let header_line = signed_header(&header, EXPORT_KIND, &digest, key)?;
    Ok(format!("{COMMENT}\n{header_line}\n{body_text}"))
}

/// How bodies are written: strings escaped, so that no line break inside
/// a text can look like [`RECORDS_LINE`].
pub(crate) fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("  ")
        .escape_strings(true)
}

/// The header line of a file of `kind` with the signature written in:
/// `header` must end in `signature: None` ([`signature::signed_line`]).
pub(crate) fn signed_header<H: Serialize>(
    header: &H,
    kind: &str,
    digest: &[u8; 32],
    key: &SigningKey,
) -> Result<String, ExportError> {
    let unsigned = ron::to_string(header).map_err(|e| ExportError::Unserializable(e.to_string()))?;
    let signed = signature::sign(key, kind, &unsigned, digest);
    signature::signed_line(&unsigned, &signed)
        .ok_or_else(|| ExportError::Unserializable("文件头的格式与签名不符".to_owned()))
}

/// What the shared reader ([`verified`]) needs of a signed header: the
/// export's and the roll-up file's.
pub(crate) trait SignedHeader: serde::de::DeserializeOwned {
    /// The kind of file in the signed message.
    const KIND: &'static str;
    /// The newest format this program reads.
    const FORMAT: u32;
    fn checksum(&self) -> &str;
    fn public_key(&self) -> Option<&str>;
    fn signature(&self) -> Option<&str>;
    /// Who made the file (the branch, the office), for the messages.
    fn author(&self) -> &str;
}

impl SignedHeader for ExportHeader {
    const KIND: &'static str = EXPORT_KIND;
    const FORMAT: u32 = EXPORT_FORMAT;
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
        &self.branch
    }
}

/// Reads and verifies an export file.
pub fn read(path: &Path) -> Result<Export, ExportError> {
    let bytes = read_bytes(path)?;
    parse(&bytes, path)
}

/// Reads and verifies an export file, skipping its records.
pub fn read_figures(path: &Path) -> Result<ExportFigures, ExportError> {
    let bytes = read_bytes(path)?;
    let (header, body, seal) = verified(&bytes, path)?;
    let body: FiguresBody = parse_body(&without_records(&body), path)?;
    Ok(ExportFigures {
        header,
        figures: body.figures,
        seal,
    })
}

/// Reads an export file's bytes; `path` only goes into the errors.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Export, ExportError> {
    let (header, body, seal) = verified(bytes, path)?;
    let body: ExportBody = parse_body(&body, path)?;
    Ok(Export { header, body, seal })
}

/// The body cut where the records begin. What comes before them holds no
/// line break inside a text (strings are escaped, [`pretty`]), so the cut
/// is always at the records' own field: a full body is not parsed at all.
pub(crate) fn without_records(body: &str) -> std::borrow::Cow<'_, str> {
    match body.find(RECORDS_LINE) {
        Some(cut) => std::borrow::Cow::Owned(format!("{}\n)", &body[..cut])),
        None => std::borrow::Cow::Borrowed(body),
    }
}

pub(crate) fn parse_body<T: serde::de::DeserializeOwned>(body: &str, path: &Path) -> Result<T, ExportError> {
    ron::from_str(body).map_err(|e| ExportError::BadBody {
        path: path.to_owned(),
        detail: e.to_string(),
    })
}

pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, ExportError> {
    let at = || path.to_owned();
    let bytes = match crate::store::ops::read(path, READ_LIMIT) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(ExportError::NotExport { path: at() }),
        Err(e) => {
            return Err(ExportError::Unreadable {
                path: at(),
                detail: crate::store::error::os_words(&e),
            });
        }
    };
    Ok(bytes)
}

/// The header and the body text, once the checksum matches, and what the
/// signature says.
pub(crate) fn verified<'a, H: SignedHeader>(
    bytes: &'a [u8],
    path: &Path,
) -> Result<(H, std::borrow::Cow<'a, str>, Seal), ExportError> {
    let at = || path.to_owned();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(ExportError::NotExport { path: at() });
    };
    // Comment lines first; the header is the first other line.
    let mut rest = text;
    let header_line = loop {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let trimmed = line.trim_end_matches('\r').trim();
        rest = after;
        if trimmed.is_empty() || trimmed.starts_with("//") {
            if rest.is_empty() {
                return Err(ExportError::NotExport { path: at() });
            }
            continue;
        }
        break trimmed;
    };
    let Ok(probe) = ron::from_str::<FormatProbe>(header_line) else {
        return Err(ExportError::NotExport { path: at() });
    };
    if probe.format > H::FORMAT {
        return Err(ExportError::NewerFormat {
            path: at(),
            format: probe.format,
        });
    }
    let header: H = ron::from_str(header_line).map_err(|_| ExportError::NotExport { path: at() })?;
    let digest = signature::body_digest(rest.as_bytes());
    let (body, digest) = if header.checksum() == checksum_of(&digest) {
        (std::borrow::Cow::Borrowed(rest), digest)
    } else {
        // An editor may have turned the line ends into \r\n; the body is
        // written with \n only, so turning them back restores it exactly.
        let unix = rest.replace("\r\n", "\n");
        let digest = signature::body_digest(unix.as_bytes());
        if header.checksum() != checksum_of(&digest) {
            return Err(ExportError::ChecksumMismatch {
                path: at(),
                branch: header.author().to_owned(),
            });
        }
        (std::borrow::Cow::Owned(unix), digest)
    };
    let seal = signature::check(H::KIND, header_line, header.public_key(), header.signature(), &digest);
    Ok((header, body, seal))
}

/// Writes the export file, signed with `key`, into `folder` (atomically)
/// and returns its path, replacing an earlier export of the same name but
/// never a ledger (for tests and benchmarks; writers for a user call
/// [`write_with`]).
pub fn write(
    folder: &Path,
    ledger: &Ledger,
    figures: &Figures,
    options: ExportOptions,
    generated_at: jiff::civil::DateTime,
    key: &SigningKey,
) -> Result<PathBuf, ExportError> {
    let rules = OutputRules::new().replacing(Replace::Yes);
    write_with(folder, ledger, figures, (options, generated_at), key, &rules)
}

/// Writes the export file, made with `options` at `generated_at` and
/// signed with `key`, into `folder` where `rules` allow it.
pub fn write_with(
    folder: &Path,
    ledger: &Ledger,
    figures: &Figures,
    (options, generated_at): (ExportOptions, jiff::civil::DateTime),
    key: &SigningKey,
    rules: &OutputRules,
) -> Result<PathBuf, ExportError> {
    let path = folder.join(file_name(&ledger.branch.name, figures.date));
    // The ledger as last saved: an export made before the first save, or
    // by a tool without a ledger file, has no count.
    let counter = rules
        .ledger
        .as_deref()
        .and_then(crate::store::format::read_header)
        .map(|header| header.counter);
    let text = render_counted(ledger, figures, (options, generated_at, counter), key)?;
    super::write_output(&path, OutputKind::ExportFile, rules, text.as_bytes())?;
    Ok(path)
}
