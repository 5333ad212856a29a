//! The public keys a roll-up has seen, one per branch, remembered so that a
//! later file signed by another key stands out (see [`super::signature`]).
//!
//! The keys live in `县级汇总-公钥.ron` beside the files rolled up: in the
//! folder given first (`zhibu county 各支部/ …`, 添加文件夹…), or the
//! folder of the first file given; `zhibu county --keys FILE` names
//! another. The window and the command line find the same file for the
//! same folder. A branch's key is remembered the first time one of its
//! files is rolled up (first sight is trusted), and replaced only when the
//! county confirms a new key (`--accept-key 支部名`). The file is written
//! atomically, and one that cannot be read is never written over: the
//! roll-up stops and says so, since without it a forged file cannot be
//! told from a genuine one. Roll-ups of townships will keep their keys in
//! the same way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::signature::PublicKey;
use crate::store::error::os_words;

/// The name of the keys file.
pub const FILE_NAME: &str = "县级汇总-公钥.ron";
const COMMENT: &str = "// 县级汇总记下的各支部公钥，用来核对导出文件的签名。请勿手工修改；支部确实换了密钥时，核对指纹后用 zhibu county … --accept-key 支部名 确认";
const FORMAT: u32 = 1;
/// Thousands of branches are a few hundred kilobytes.
const READ_LIMIT: u64 = 64 * 1024 * 1024;

/// One branch's key, and where it was first seen (or confirmed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownBranch {
    /// 上级党委, as its files say.
    pub superior: String,
    /// 支部名称.
    pub branch: String,
    pub public_key: PublicKey,
    /// When the roll-up that remembered it ran.
    pub since: jiff::civil::DateTime,
    /// The file it was taken from.
    pub file: String,
}

/// The keys file.
#[derive(Serialize, Deserialize)]
struct KeysFile {
    format: u32,
    branches: Vec<KnownBranch>,
}

/// Every branch's remembered key, by 上级党委 and name (trimmed, as the
/// roll-up tells branches apart).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownKeys {
    branches: BTreeMap<(String, String), KnownBranch>,
}

impl KnownKeys {
    /// The key remembered for a branch.
    pub fn get(&self, superior: &str, branch: &str) -> Option<&KnownBranch> {
        self.branches
            .get(&(superior.trim().to_owned(), branch.trim().to_owned()))
    }

    /// Remembers (or replaces) a branch's key.
    pub fn remember(&mut self, known: KnownBranch) {
        let key = (known.superior.trim().to_owned(), known.branch.trim().to_owned());
        self.branches.insert(key, known);
    }

    /// How many branches have a key.
    pub fn len(&self) -> usize {
        self.branches.len()
    }

    /// Whether no branch has a key yet.
    pub fn is_empty(&self) -> bool {
        self.branches.is_empty()
    }

    /// Every branch, by 上级党委 and name.
    pub fn iter(&self) -> impl Iterator<Item = &KnownBranch> {
        self.branches.values()
    }
}

/// Why the keys file could not be used. Every message names the file last.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeysError {
    #[error(
        "记录各支部公钥的文件已损坏，无法核对导出文件的签名，为免丢失没有改动它。请从备份找回这个文件；或把它改名移走后重新汇总，届时各支部的公钥将重新记下（{}）",
        .path.display()
    )]
    Damaged { path: PathBuf },
    #[error("无法读取记录各支部公钥的文件：{detail}（{}）", .path.display())]
    Unreadable { path: PathBuf, detail: String },
    #[error("无法保存各支部的公钥：{detail}（{}）", .path.display())]
    Unwritable { path: PathBuf, detail: String },
}

/// Where the keys of a roll-up of `first` (the first file or folder
/// given) are kept: in that folder, or the file's folder.
pub fn keys_path(first: &Path) -> PathBuf {
    let folder = if first.is_dir() {
        first
    } else {
        crate::store::atomic::folder_of(first)
    };
    folder.join(FILE_NAME)
}

/// The keys remembered in `path`; none when there is no file yet.
pub fn load(path: &Path) -> Result<KnownKeys, KeysError> {
    let bytes = match crate::store::ops::read(path, READ_LIMIT) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(KeysError::Damaged { path: path.to_owned() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(KnownKeys::default()),
        Err(e) => {
            return Err(KeysError::Unreadable {
                path: path.to_owned(),
                detail: os_words(&e),
            });
        }
    };
    parse(&bytes).ok_or_else(|| KeysError::Damaged { path: path.to_owned() })
}

fn parse(bytes: &[u8]) -> Option<KnownKeys> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let file: KeysFile = ron::from_str(std::str::from_utf8(bytes).ok()?).ok()?;
    if file.format != FORMAT {
        return None;
    }
    let mut keys = KnownKeys::default();
    for known in file.branches {
        keys.remember(known);
    }
    Some(keys)
}

/// Writes `keys` to `path` atomically; a file there that is not a keys
/// file (a damaged one, or anything else) is left alone.
pub fn save(path: &Path, keys: &KnownKeys) -> Result<(), KeysError> {
    if std::fs::symlink_metadata(path).is_ok() {
        load(path)?;
    }
    let unwritable = |detail: String| KeysError::Unwritable {
        path: path.to_owned(),
        detail,
    };
    let file = KeysFile {
        format: FORMAT,
        branches: keys.iter().cloned().collect(),
    };
    let pretty = ron::ser::PrettyConfig::new().new_line("\n").indentor("  ");
    let body = ron::ser::to_string_pretty(&file, pretty).map_err(|e| unwritable(e.to_string()))?;
    let text = format!("{COMMENT}\n{body}\n");
    crate::store::atomic::write_atomically(path, text.as_bytes())
        .map_err(|e| unwritable(e.cause()))?
        .map_err(|e| unwritable(e.cause()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::signature::SigningKey;

    fn known(branch: &str, seed: u8) -> KnownBranch {
        KnownBranch {
            superior: "中共青山镇委员会".to_owned(),
            branch: branch.to_owned(),
            public_key: PublicKey::of(&SigningKey::from_bytes(&[seed; 32])),
            since: jiff::civil::date(2006, 3, 1).at(9, 0, 0, 0),
            file: "各支部/红星村党支部-20060301.zhibu-export.ron".to_owned(),
        }
    }

    #[test]
    fn the_keys_round_trip_and_a_missing_file_is_none_known() {
        let dir = tempfile::tempdir().unwrap();
        let path = keys_path(dir.path());
        assert_eq!(path, dir.path().join(FILE_NAME));
        assert_eq!(load(&path), Ok(KnownKeys::default()));
        let mut keys = KnownKeys::default();
        keys.remember(known("红星村党支部", 1));
        keys.remember(known("白云村\"党支部\"", 2));
        save(&path, &keys).unwrap();
        let back = load(&path).unwrap();
        assert_eq!(back, keys);
        assert_eq!(back.len(), 2);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(COMMENT), "{text}");
        assert_eq!(
            back.get(" 中共青山镇委员会", "红星村党支部 ").map(|k| &k.public_key),
            Some(&known("", 1).public_key)
        );
    }

    #[test]
    fn a_damaged_keys_file_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        for damaged in ["乱码", "(format:1,branches:[(branch:\"x\")])", "(format:9,branches:[])"] {
            std::fs::write(&path, damaged).unwrap();
            let err = load(&path).expect_err(damaged);
            assert!(matches!(err, KeysError::Damaged { .. }), "{err}");
            assert!(err.to_string().contains("没有改动它"), "{err}");
            let mut keys = KnownKeys::default();
            keys.remember(known("红星村党支部", 1));
            assert_eq!(save(&path, &keys), Err(err));
            assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);
        }
    }
}
