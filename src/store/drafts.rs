//! Typed input that is not in the ledger yet, kept beside it in
//! `支部台账.ron.drafts`, so that closing the window, a crash or a power cut
//! loses at most the last second or two of typing.
//!
//! Beside the ledger, not inside it: a draft is written every second or so
//! while the secretary types, and much of it (a member form without a
//! name yet, a vote count that does not add up) is not a record the
//! ledger's rules accept. Inside the ledger each keystroke would become a
//! save of the whole record file, a new checksum for the county's export
//! and a step of undo; beside it the ledger keeps only what was saved on
//! purpose, and the drafts file is small and cheap to write.
//!
//! The file has the ledger's shape — a comment line, a header line, the
//! body — and is written the same way (temp file, sync, replace, sync the
//! folder), so after a crash at any moment it holds either the previous
//! drafts or the new ones. The header carries the SHA-256 of the body and
//! the save counter of the ledger when the drafts were written: drafts
//! older than the ledger's last save can be told apart, and a changed or
//! cut-short file is never read as drafts. What the body holds is the
//! window's business (its open forms, as RON); the store only keeps it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::atomic::{folder_of, write_atomically};
use super::error::SaveError;
use super::ops;

/// The first line of a drafts file, for a person who opens it.
const COMMENT: &str = "// 支部台账 zhibu 未保存的输入 — 程序下次打开台账时会提示恢复，请勿手工修改";
/// The format of the drafts file this program writes.
pub const DRAFTS_FORMAT: u32 = 1;
/// Larger than any typing session; anything bigger is not ours.
const MAX_DRAFTS_BYTES: u64 = 64 << 20;

/// The header line of a drafts file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftsHeader {
    /// Always `"drafts"`: a ledger's header never has this field.
    pub kind: String,
    pub format: u32,
    /// The program version that wrote it: a window of another version may
    /// not read its forms.
    pub program: String,
    /// When it was written, local time to the second.
    pub written_at: jiff::civil::DateTime,
    /// The save counter of the ledger file when the drafts were written
    /// (`None` for a ledger never saved).
    pub ledger_counter: Option<u64>,
    /// `sha256:` and the hex SHA-256 of the body.
    pub checksum: String,
}

/// A drafts file read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Drafts {
    pub header: DraftsHeader,
    pub body: String,
}

/// Why a drafts file could not be read. The file is left as it is.
#[derive(Debug, thiserror::Error)]
pub enum DraftsError {
    #[error("无法读取上次未保存的内容：{}（{}）", super::error::os_words(.source), .path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("上次未保存的内容已损坏或不完整，无法恢复（{}）", .path.display())]
    Damaged { path: PathBuf },
    #[error("上次未保存的内容由其他版本的程序（{program}）写入，本程序无法恢复（{}）", .path.display())]
    OtherProgram { path: PathBuf, program: String },
}

/// The drafts file of the ledger at `ledger`: its name with `.drafts` added.
pub fn drafts_path(ledger: &Path) -> PathBuf {
    let mut name = ledger.file_name().unwrap_or_default().to_owned();
    name.push(".drafts");
    folder_of(ledger).join(name)
}

fn checksum_of(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    let mut text = String::from("sha256:");
    for byte in digest {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

/// The whole text of a drafts file holding `body`.
pub fn drafts_text(body: &str, ledger_counter: Option<u64>) -> Result<String, SaveError> {
    let header = DraftsHeader {
        kind: "drafts".to_owned(),
        format: DRAFTS_FORMAT,
        program: env!("CARGO_PKG_VERSION").to_owned(),
        written_at: super::format::now(),
        ledger_counter,
        checksum: checksum_of(body),
    };
    let line = ron::to_string(&header).map_err(|e| SaveError::Unserializable {
        path: PathBuf::new(),
        detail: e.to_string(),
    })?;
    Ok(format!("{COMMENT}\n{line}\n{body}"))
}

/// Writes the drafts of the ledger at `ledger`, replacing the last ones in
/// one step. The caller holds the ledger's lock.
pub fn write_drafts(ledger: &Path, body: &str, ledger_counter: Option<u64>) -> Result<(), SaveError> {
    let path = drafts_path(ledger);
    let text = drafts_text(body, ledger_counter).map_err(|e| e.at(&path))?;
    // A folder that cannot be synced after the replace still has the new
    // drafts in place; the next write tries again.
    let _synced = write_atomically(&path, text.as_bytes())?;
    Ok(())
}

/// Parses the text of a drafts file.
pub fn parse_drafts(bytes: &[u8], path: &Path) -> Result<Drafts, DraftsError> {
    let damaged = || DraftsError::Damaged { path: path.to_owned() };
    let text = std::str::from_utf8(bytes).map_err(|_| damaged())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.splitn(3, '\n');
    let (Some(comment), Some(header), Some(body)) = (lines.next(), lines.next(), lines.next()) else {
        return Err(damaged());
    };
    if !comment.starts_with("// 支部台账") {
        return Err(damaged());
    }
    let header: DraftsHeader = ron::from_str(header.trim()).map_err(|_| damaged())?;
    if header.kind != "drafts" || header.checksum != checksum_of(body) {
        return Err(damaged());
    }
    if header.format != DRAFTS_FORMAT || header.program != env!("CARGO_PKG_VERSION") {
        return Err(DraftsError::OtherProgram {
            path: path.to_owned(),
            program: header.program,
        });
    }
    Ok(Drafts {
        header,
        body: body.to_owned(),
    })
}

/// The drafts of the ledger at `ledger`, `None` when there are none.
/// Never changes the file.
pub fn read_drafts(ledger: &Path) -> Result<Option<Drafts>, DraftsError> {
    let path = drafts_path(ledger);
    match ops::read(&path, MAX_DRAFTS_BYTES) {
        Ok(Some(bytes)) => parse_drafts(&bytes, &path).map(Some),
        Ok(None) => Err(DraftsError::Damaged { path }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(DraftsError::Unreadable { path, source }),
    }
}

/// Removes the drafts of the ledger at `ledger` (none is fine).
pub fn remove_drafts(ledger: &Path) -> Result<(), SaveError> {
    let path = drafts_path(ledger);
    match ops::remove(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(SaveError::from_io(&path, e)),
    }
}

/// Moves a drafts file that could not be read out of the way, under a
/// name that says when (`支部台账.ron.drafts.无法恢复-20261124-143200`), so
/// that new drafts never overwrite it. Returns the new name.
pub fn set_drafts_aside(ledger: &Path) -> Result<PathBuf, SaveError> {
    let path = drafts_path(ledger);
    let stamp = super::format::now().strftime("%Y%m%d-%H%M%S").to_string();
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(format!(".无法恢复-{stamp}"));
    let aside = folder_of(&path).join(name);
    ops::rename(&path, &aside).map_err(|e| SaveError::from_io(&path, e))?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ops::{Step, fault};

    #[test]
    fn drafts_written_read_back_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("支部台账.ron");
        assert!(read_drafts(&ledger).unwrap().is_none());
        let body = "(text:\"王秀英的党性分析：\\\"引号\\\"\\n第二段\")";
        write_drafts(&ledger, body, Some(7)).unwrap();
        let drafts = read_drafts(&ledger).unwrap().unwrap();
        assert_eq!(drafts.body, body);
        assert_eq!(drafts.header.ledger_counter, Some(7));
        write_drafts(&ledger, "(text:\"新\")", Some(8)).unwrap();
        assert_eq!(read_drafts(&ledger).unwrap().unwrap().body, "(text:\"新\")");
        remove_drafts(&ledger).unwrap();
        assert!(read_drafts(&ledger).unwrap().is_none());
        remove_drafts(&ledger).unwrap();
    }

    #[test]
    fn a_changed_or_cut_short_drafts_file_is_refused_and_can_be_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("台账.ron");
        write_drafts(&ledger, "(text:\"一段很长的文字\")", None).unwrap();
        let path = drafts_path(&ledger);
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 3]).unwrap();
        assert!(matches!(read_drafts(&ledger), Err(DraftsError::Damaged { .. })));
        std::fs::write(&path, b"\x00\xffnot ours").unwrap();
        assert!(matches!(read_drafts(&ledger), Err(DraftsError::Damaged { .. })));
        let aside = set_drafts_aside(&ledger).unwrap();
        assert!(aside.exists());
        assert!(read_drafts(&ledger).unwrap().is_none());
        assert_eq!(std::fs::read(&aside).unwrap(), b"\x00\xffnot ours");
    }

    #[test]
    fn a_failed_write_leaves_the_last_drafts_whole() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("台账.ron");
        write_drafts(&ledger, "(text:\"第一版\")", None).unwrap();
        for step in [Step::Write, Step::Fsync, Step::Rename, Step::CreateFile] {
            fault::inject(step, 1, std::io::ErrorKind::StorageFull);
            assert!(write_drafts(&ledger, "(text:\"第二版\")", None).is_err(), "{step:?}");
            assert_eq!(read_drafts(&ledger).unwrap().unwrap().body, "(text:\"第一版\")");
        }
        // No temp file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
