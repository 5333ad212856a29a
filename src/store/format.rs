//! The text of a ledger file, without touching the disk.
//!
//! A file is one comment line, one header line and the body:
//!
//! ```text
//! // 支部台账 zhibu — 请勿手工修改：程序会校验内容，改动过的文件将无法打开
//! (format:1,program:"0.1.0",saved_at:"2026-11-24T14:32:00",counter:17,checksum:"sha256:…")
//! (
//!   branch: (
//!     name: "城关镇东街社区党支部",
//! …
//! ```
//!
//! The header is a RON struct on one line; the body is the pretty-printed
//! [`Ledger`]. The checksum is SHA-256 over the body bytes exactly as
//! stored. The body is always written with `\n` line ends and with every
//! control character inside a string escaped (`\r`, `\t`, `\u{0}`), so it
//! never contains a raw carriage return: when an editor has turned the line
//! ends into `\r\n`, the body with `\r\n` turned back into `\n` is byte for
//! byte what was written, and such a file is accepted. Any other change
//! (even one space) is a checksum error. A UTF-8 byte-order mark before the
//! first line is ignored. Lines starting with `//` and blank lines before the
//! header are skipped, so the comment is optional for a reader.
//!
//! Non-ASCII text stays as it is (only `\\`, `"` and control characters
//! are escaped, by [`super::escape`]), so the Chinese in the file is
//! readable in any editor.

use std::borrow::Cow;
use std::path::Path;

use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::error::{LoadError, SaveError};
use super::render::Pieces;
use crate::model::Ledger;

/// The largest ledger file the store saves or loads: 1 GiB. A branch of
/// several hundred members with long texts is tens of megabytes, a
/// 20,000-member stress case about half a gigabyte; a file far bigger is
/// not read into memory. One limit for both directions, so that nothing
/// is ever saved that could not be opened again: a save that would be
/// larger is refused before anything is written
/// ([`SaveError::TooLarge`]), a file that is larger is refused on load
/// with its size ([`LoadError::TooLarge`]).
pub const MAX_LEDGER_BYTES: u64 = 1 << 30;

/// The limit lowered in this process by [`lower_ledger_limit`].
static LOWERED_LIMIT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(u64::MAX);

/// The environment variable that lowers the limit of a whole process
/// (the command line's tests), in bytes. It can only lower it.
pub const LIMIT_VARIABLE: &str = "ZHIBU_LEDGER_LIMIT_BYTES";

/// The limit in force: [`MAX_LEDGER_BYTES`], unless a test lowered it
/// (by [`lower_ledger_limit`], or for a whole process by the environment
/// variable [`LIMIT_VARIABLE`]) so as not to write a gigabyte. Nothing
/// can raise it.
pub fn ledger_limit() -> u64 {
    static FROM_ENVIRONMENT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let from_environment = *FROM_ENVIRONMENT.get_or_init(|| {
        std::env::var(LIMIT_VARIABLE)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(u64::MAX)
    });
    let limit = MAX_LEDGER_BYTES
        .min(from_environment)
        .min(LOWERED_LIMIT.load(std::sync::atomic::Ordering::Relaxed));
    #[cfg(test)]
    let limit = limit.min(THREAD_LIMIT.get());
    limit
}

#[cfg(test)]
thread_local! {
    /// The limit in this thread only, for the crate's own tests, which run
    /// in parallel in one process ([`lower_ledger_limit`] would lower it
    /// for all of them).
    pub(crate) static THREAD_LIMIT: std::cell::Cell<u64> = const { std::cell::Cell::new(u64::MAX) };
}

/// Lowers [`ledger_limit`] for the rest of this process (never raises
/// it). A test seam, for the tests of the limit without gigabyte files.
#[doc(hidden)]
pub fn lower_ledger_limit(bytes: u64) {
    LOWERED_LIMIT.fetch_min(bytes, std::sync::atomic::Ordering::Relaxed);
}

/// A file size as messages say it: bytes up to 10 KB, then KB, MB or GB
/// with one or two decimals (1,024 as the step, as file managers count).
pub fn size_words(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 10 * 1024 {
        format!("{bytes} 字节")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.2} GB", b / (KB * KB * KB))
    }
}

/// A size and the limit it exceeds, said so that the two never read the
/// same (1.00 GB over 1.00 GB): then in bytes too.
pub(crate) fn over_limit_words(size: u64, limit: u64) -> String {
    let (said, limit_said) = (size_words(size), size_words(limit));
    if said == limit_said {
        format!("{said}（{size} 字节），上限 {limit_said}（{limit} 字节）")
    } else {
        format!("{said}，上限 {limit_said}")
    }
}

/// The version of the file format this program writes. Files of older
/// formats are upgraded on load ([`upgrade`]); newer ones are refused.
pub const FORMAT_VERSION: u32 = 1;

/// The first line of every file, for a person who opens it in an editor.
const COMMENT: &str = "// 支部台账 zhibu — 请勿手工修改：程序会校验内容，改动过的文件将无法打开";
/// How our comment line starts, to tell a damaged header from a foreign file.
const COMMENT_START: &str = "// 支部台账";
const CHECKSUM_PREFIX: &str = "sha256:";
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The first line of a ledger file: what wrote it, when, and the checksum
/// of the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The file format ([`FORMAT_VERSION`] when written by this program).
    pub format: u32,
    /// The program version that wrote the file.
    pub program: String,
    /// When it was saved, in local civil time, to the second.
    pub saved_at: jiff::civil::DateTime,
    /// How many times this ledger has been saved; grows by one each save.
    pub counter: u64,
    /// `sha256:` and the lowercase hex SHA-256 of the body bytes.
    pub checksum: String,
}

/// Only the format field, read before anything else so that a newer
/// header of another shape is still recognised as newer.
#[derive(Deserialize)]
struct FormatProbe {
    format: u32,
}

/// A ledger read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub ledger: Ledger,
    pub header: Header,
    /// The format the file was in when it was older than this program's.
    /// The caller then keeps a copy first
    /// ([`super::backup_before_upgrade`]) before saving over it.
    pub upgraded_from: Option<u32>,
}

/// The pretty-printer settings of the body.
pub(crate) fn pretty() -> PrettyConfig {
    // Strings are escaped by `super::escape`, much faster than ron's own.
    PrettyConfig::new().new_line("\n").indentor("  ").escape_strings(false)
}

/// The local time now, to the second.
pub(crate) fn now() -> jiff::civil::DateTime {
    let now = jiff::Zoned::now().datetime();
    now.with().subsec_nanosecond(0).build().unwrap_or(now)
}

pub(crate) fn checksum_of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let mut text = String::with_capacity(CHECKSUM_PREFIX.len() + 64);
    text.push_str(CHECKSUM_PREFIX);
    for byte in digest {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

/// The header of a ledger's next save and the file's first two lines (the
/// comment and the header, each ending in a line break); the body follows
/// them, left in `pieces.body`, whose memory serves the next save. Every
/// part of the body written afresh is read back and compared with the
/// records before anything is returned; parts unchanged since the save
/// that filled `pieces` are reused ([`super::render`]).
pub(crate) fn render(ledger: &Ledger, counter: u64, pieces: &mut Pieces) -> Result<(Header, String), SaveError> {
    super::render::write_body(ledger, pieces)?;
    head(counter, now(), checksum_of(pieces.body.as_bytes()))
}

/// The header of the `counter`-th save, made at `saved_at`, of a body with
/// this checksum, and the file's first two lines that hold it.
pub(crate) fn head(
    counter: u64,
    saved_at: jiff::civil::DateTime,
    checksum: String,
) -> Result<(Header, String), SaveError> {
    let header = Header {
        format: FORMAT_VERSION,
        program: env!("CARGO_PKG_VERSION").to_owned(),
        saved_at,
        counter,
        checksum,
    };
    let header_line = ron::to_string(&header).map_err(|e| SaveError::Unserializable {
        path: std::path::PathBuf::new(),
        detail: e.to_string(),
    })?;
    let head = format!("{COMMENT}\n{header_line}\n");
    Ok((header, head))
}

/// A checksum as long as every real one, for the first two lines of a file
/// whose body is written before its checksum is known.
pub(crate) fn placeholder_checksum() -> String {
    format!("{CHECKSUM_PREFIX}{}", "0".repeat(64))
}

/// The whole file text of a ledger saved for the `counter`-th time, as
/// [`super::save`] would write it. For benchmarks and tests.
pub fn to_text(ledger: &Ledger, counter: u64) -> Result<String, SaveError> {
    let mut pieces = Pieces::default();
    let (_, mut text) = render(ledger, counter, &mut pieces)?;
    text.push_str(&pieces.body);
    Ok(text)
}

/// The body as ron's pretty printer and [`super::escape`] write the whole
/// ledger in one go: what [`super::render::body`] must equal.
#[cfg(test)]
pub(crate) fn whole_body(ledger: &Ledger) -> String {
    let raw = ron::ser::to_string_pretty(ledger, pretty()).expect("serialise");
    let mut body = super::escape::escape_strings(&raw).expect("escape");
    body.push('\n');
    body
}

/// Reads a ledger from the text of a file; `path_for_messages` only goes
/// into the errors. For benchmarks and tests.
pub fn from_text(text: &str, path_for_messages: &Path) -> Result<Loaded, LoadError> {
    parse(text.as_bytes(), path_for_messages, Verify::Checksum)
}

/// Whether to insist on the checksum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verify {
    Checksum,
    /// Only on the secretary's explicit choice to open a changed file.
    Nothing,
    /// The checksum, and a file of a newer format taken as it is (for
    /// reading only: see [`super::load_newer`]).
    ChecksumOfNewer,
}

/// A file split into its header and body, checksum checked.
struct Parts<'a> {
    header: Header,
    body: &'a [u8],
    /// The file line on which the body starts (1-based).
    body_line: usize,
}

/// Reads a whole file's bytes.
pub(crate) fn parse(bytes: &[u8], path: &Path, verify: Verify) -> Result<Loaded, LoadError> {
    parse_remembering(bytes, path, verify, None)
}

/// Reads a whole file's bytes as [`parse`] does; when the file is in this
/// program's format and its checksum is checked, on every core
/// ([`super::open`]), and then `pieces`, if given, is filled with the text
/// each part was read from, for the first save.
pub(crate) fn parse_remembering(
    bytes: &[u8],
    path: &Path,
    verify: Verify,
    pieces: Option<&mut Pieces>,
) -> Result<Loaded, LoadError> {
    if verify == Verify::Checksum
        && let Some(loaded) = parse_on_every_core(bytes, path, pieces)
    {
        return Ok(loaded);
    }
    parse_slowly(bytes, path, verify)
}

/// The fast path of [`parse_remembering`]: `None` whenever anything is
/// not as this program writes it, and then the slow path gives the answer
/// (or the error, with its place) as before.
fn parse_on_every_core(bytes: &[u8], path: &Path, pieces: Option<&mut Pieces>) -> Option<Loaded> {
    // The header without its checksum check: that runs beside the parse.
    let parts = split(bytes, path, Verify::Nothing).ok()?;
    if parts.header.format != FORMAT_VERSION {
        return None;
    }
    let layout = super::open::layout(parts.body)?;
    let (expected, body) = (&parts.header.checksum, parts.body);
    let ledger = super::open::parse(&layout, || checksum_matches(expected, body))?;
    if let Some(pieces) = pieces {
        super::open::remember(&layout, &ledger, pieces);
    }
    Some(Loaded {
        ledger,
        header: parts.header,
        upgraded_from: None,
    })
}

/// Reads a whole file's bytes in one thread, every error with its place.
pub(crate) fn parse_slowly(bytes: &[u8], path: &Path, verify: Verify) -> Result<Loaded, LoadError> {
    let parts = split(bytes, path, verify)?;
    let body = body_text(parts.body, parts.body_line, path)?;
    let format = parts.header.format;
    let body = if format > FORMAT_VERSION && verify == Verify::ChecksumOfNewer {
        Cow::Borrowed(body)
    } else {
        upgrade(format, body, path)?
    };
    let ledger = parse_body(&body, parts.body_line, path)?;
    let upgraded_from = (format < FORMAT_VERSION).then_some(format);
    Ok(Loaded {
        ledger,
        header: parts.header,
        upgraded_from,
    })
}

/// The header of the file at `path`, read from its first few hundred
/// bytes only (no checksum check); `None` if it has none there.
pub(crate) fn read_header(path: &Path) -> Option<Header> {
    use std::io::Read;
    let mut start = Vec::with_capacity(HEADER_PEEK as usize);
    std::fs::File::open(path)
        .ok()?
        .take(HEADER_PEEK)
        .read_to_end(&mut start)
        .ok()?;
    let start = start.strip_prefix(BOM).unwrap_or(&start);
    std::str::from_utf8(start.split(|&b| b == b'\n').nth(1)?)
        .ok()
        .and_then(|line| ron::from_str(line.trim()).ok())
}

/// Enough bytes for our comment line and header line.
const HEADER_PEEK: u64 = 1024;

/// Reads a file's header and checks its checksum, without reading the
/// records: enough to know whether the file is the one we last saw.
pub(crate) fn inspect(bytes: &[u8], path: &Path) -> Result<Header, LoadError> {
    split(bytes, path, Verify::Checksum).map(|parts| parts.header)
}

fn split<'a>(bytes: &'a [u8], path: &Path, verify: Verify) -> Result<Parts<'a>, LoadError> {
    let owned = || path.to_owned();
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty { path: owned() });
    }
    let (header_line, line_number, rest) = match search_header(bytes) {
        HeaderSearch::Found {
            line,
            number,
            rest,
            ours,
        } => {
            if !opens_header(line) {
                return Err(unrecognised(ours, path, "文件信息行格式不对"));
            }
            (line, number, rest)
        }
        HeaderSearch::Missing { ours } => return Err(unrecognised(ours, path, "没有文件信息行")),
        HeaderSearch::NotText { ours } => return Err(unrecognised(ours, path, "不是 UTF-8 文本")),
    };
    let bad_header = |e: ron::error::SpannedError| LoadError::BadHeader {
        path: owned(),
        detail: e.to_string(),
    };
    let probe: FormatProbe = ron::from_str(header_line).map_err(bad_header)?;
    if probe.format > FORMAT_VERSION && verify != Verify::ChecksumOfNewer {
        return Err(LoadError::NewerFormat {
            path: owned(),
            format: probe.format,
        });
    }
    if probe.format == 0 {
        return Err(LoadError::UnknownFormat {
            path: owned(),
            format: probe.format,
        });
    }
    let header: Header = ron::from_str(header_line).map_err(bad_header)?;
    let body_line = line_number + 1;
    if verify != Verify::Nothing && !checksum_matches(&header.checksum, rest) {
        // A readable position is more use than "changed" when the body is
        // also broken (cut short, edited by hand).
        parse_body(body_text(rest, body_line, path)?, body_line, path)?;
        return Err(LoadError::ChecksumMismatch { path: owned() });
    }
    Ok(Parts {
        header,
        body: rest,
        body_line,
    })
}

/// Where the header line of a file would be: the first line that is
/// neither blank nor a `//` comment.
enum HeaderSearch<'a> {
    /// That line (trimmed), its number (from 1) and the bytes after it;
    /// `ours`: our comment line came before it.
    Found {
        line: &'a str,
        number: usize,
        rest: &'a [u8],
        ours: bool,
    },
    /// Only blank and comment lines, up to the end.
    Missing { ours: bool },
    /// A line up to there is not UTF-8 text.
    NotText { ours: bool },
}

/// Looks for the header line, as [`split`] and [`judge_start`] both read
/// a file (a byte-order mark already taken off).
fn search_header(bytes: &[u8]) -> HeaderSearch<'_> {
    let mut rest = bytes;
    let mut number = 0;
    let mut ours = false;
    loop {
        if rest.is_empty() {
            return HeaderSearch::Missing { ours };
        }
        let (line, after) = split_line(rest);
        rest = after;
        number += 1;
        let Ok(line) = std::str::from_utf8(line) else {
            return HeaderSearch::NotText { ours };
        };
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            ours |= line.starts_with(COMMENT_START);
            continue;
        }
        return HeaderSearch::Found {
            line,
            number,
            rest,
            ours,
        };
    }
}

/// Whether a header line starts as ours does, `(format:`, spaces aside.
fn opens_header(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).take(8).collect();
    compact == "(format:"
}

/// Judges a file from its first bytes as [`parse`] would judge the whole
/// file, but only as far as telling a ledger of ours (even a damaged one)
/// from anything else: [`LoadError::Empty`] or [`LoadError::NotLedger`]
/// when the file is surely one of those, `Ok` otherwise. `whole` says
/// whether `start` is the whole file; when it is not, a start that settles
/// nothing counts as ours (the whole load then says what it is).
pub(crate) fn judge_start(start: &[u8], whole: bool, path: &Path) -> Result<(), LoadError> {
    let start = start.strip_prefix(BOM).unwrap_or(start);
    if start.iter().all(u8::is_ascii_whitespace) {
        return if whole {
            Err(LoadError::Empty { path: path.to_owned() })
        } else {
            Ok(())
        };
    }
    // Of a part, the last line may go on past it.
    let complete = if whole {
        start.len()
    } else {
        start.iter().rposition(|&b| b == b'\n').map_or(0, |end| end + 1)
    };
    let (lines, rest) = start.split_at(complete);
    let foreign = match search_header(lines) {
        HeaderSearch::Found { line, ours, .. } => !ours && !opens_header(line),
        HeaderSearch::NotText { ours } => !ours,
        HeaderSearch::Missing { ours } => !ours && (whole || cannot_open_header(rest)),
    };
    if foreign {
        Err(LoadError::NotLedger { path: path.to_owned() })
    } else {
        Ok(())
    }
}

/// Whether the start of a line, which may go on, already shows that the
/// line is neither a comment nor our header: not UTF-8 text, or other
/// characters than `(format:` begins with.
fn cannot_open_header(line_start: &[u8]) -> bool {
    let text = match std::str::from_utf8(line_start) {
        Ok(text) => text,
        // Cut inside a character: what came before it is judged.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&line_start[..e.valid_up_to()]).unwrap_or_default(),
        Err(_) => return true,
    };
    let text = text.trim_start();
    if text.starts_with("//") || "//".starts_with(text) {
        return false;
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).take(8).collect();
    !"(format:".starts_with(&compact)
}

/// A file that does not start as ours: damaged if it had our comment line,
/// otherwise another program's file.
fn unrecognised(ours: bool, path: &Path, detail: &str) -> LoadError {
    let path = path.to_owned();
    if ours {
        LoadError::BadHeader {
            path,
            detail: detail.to_owned(),
        }
    } else {
        LoadError::NotLedger { path }
    }
}

/// One line without its line end, and what follows it.
fn split_line(bytes: &[u8]) -> (&[u8], &[u8]) {
    match bytes.iter().position(|&b| b == b'\n') {
        Some(end) => (&bytes[..end], &bytes[end + 1..]),
        None => (bytes, &[]),
    }
}

/// Whether the body is what the checksum was computed over, either as
/// stored or with `\r\n` line ends turned back into `\n` (see the module
/// documentation for why that is safe).
fn checksum_matches(expected: &str, body: &[u8]) -> bool {
    if checksum_of(body) == expected {
        return true;
    }
    if !body.contains(&b'\r') {
        return false;
    }
    let mut unix = Vec::with_capacity(body.len());
    let mut bytes = body.iter().peekable();
    while let Some(&b) = bytes.next() {
        if b == b'\r' && bytes.peek() == Some(&&b'\n') {
            continue;
        }
        unix.push(b);
    }
    checksum_of(&unix) == expected
}

/// The body as text, or where its first invalid byte is.
fn body_text<'a>(body: &'a [u8], body_line: usize, path: &Path) -> Result<&'a str, LoadError> {
    std::str::from_utf8(body).map_err(|e| {
        let good = &body[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count();
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        LoadError::BadBody {
            path: path.to_owned(),
            line: body_line + line,
            column,
            detail: e.to_string(),
        }
    })
}

/// The records. ron's default recursion limit (128) turns absurdly deep
/// nesting into an error instead of a stack overflow.
fn parse_body(body: &str, body_line: usize, path: &Path) -> Result<Ledger, LoadError> {
    ron::Options::default().from_str(body).map_err(|e| LoadError::BadBody {
        path: path.to_owned(),
        line: body_line + e.span.start.line.saturating_sub(1),
        column: e.span.start.col,
        detail: e.code.to_string(),
    })
}

/// One upgrade step: the body of format `n` turned into format `n + 1`, or
/// a Chinese reason why not.
type UpgradeStep = fn(&str) -> Result<String, String>;

/// `UPGRADES[i]` turns a body of format `i + 1` into format `i + 2`. Format
/// 1 is the first, so there is none yet; when format 2 comes, its step goes
/// here and [`FORMAT_VERSION`] becomes 2.
const UPGRADES: &[UpgradeStep] = &[];

const _: () = assert!(UPGRADES.len() + 1 == FORMAT_VERSION as usize);

/// Brings a body of an older format up to [`FORMAT_VERSION`], one step at
/// a time. A body already current is returned as it is.
pub(crate) fn upgrade<'a>(format: u32, body: &'a str, path: &Path) -> Result<Cow<'a, str>, LoadError> {
    if format > FORMAT_VERSION {
        return Err(LoadError::NewerFormat {
            path: path.to_owned(),
            format,
        });
    }
    let mut body = Cow::Borrowed(body);
    for from in format..FORMAT_VERSION {
        let step = (from as usize)
            .checked_sub(1)
            .and_then(|i| UPGRADES.get(i))
            .ok_or_else(|| LoadError::UnknownFormat {
                path: path.to_owned(),
                format,
            })?;
        let upgraded = step(&body).map_err(|detail| LoadError::UpgradeFailed {
            path: path.to_owned(),
            from,
            detail,
        })?;
        body = Cow::Owned(upgraded);
    }
    Ok(body)
}
