//! The ledger's signing key: the secret that signs the branch's export
//! files, so that the county office (县先教办) can tell a file this branch
//! made from one edited or made elsewhere (see `report::signature`).
//!
//! One key per ledger, in a small text file beside it, `支部台账.ron.key`:
//! a comment saying what it is and not to send it, the fingerprint of its
//! public key (to compare by telephone), and the 32 secret bytes in hex.
//! It is made when the ledger is made, or at the first export of a ledger
//! that has none, written as a new file (temp file, sync, link: never
//! half a key, never over another file). It never goes into an export,
//! and backups do not copy it: a lost key is replaced by a new one, which
//! the county confirms once.
//!
//! A key file that cannot be read is never replaced without being asked:
//! [`read_key`] says so ([`KeyError::Damaged`]), and only
//! [`replace_damaged_key`], called when the secretary chose a new key,
//! moves it aside (`支部台账.ron.key-损坏-<time>`, kept) and makes another.

use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;
use sha2::{Digest, Sha256};

use super::error::os_words;
use super::ops;

/// How a key file's name ends after the ledger's name.
pub const KEY_ENDING: &str = ".key";
/// What the name of a damaged key file moved aside holds.
pub const ASIDE_MARK: &str = ".key-损坏-";
/// How the secret's line starts.
const SECRET_PREFIX: &str = "ed25519-secret:";
/// The first line of every key file.
pub const COMMENT: &str = "// 支部台账签名密钥：本单位（支部，或汇总的党委、县先教办）给导出文件、汇总文件签名用，上级凭它确认文件确由本单位发出、发出后未被改动。请勿发送、复制给任何人，也不要放进导出文件夹。";
/// A key file is a few hundred bytes; anything much larger is not one.
const READ_LIMIT: u64 = 64 * 1024;

/// Why the key could not be read or made. Every message names the file last.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error(
        "签名密钥文件已损坏，无法读取，为免丢失没有改动它。可以生成新的密钥（旧文件改名保留），但县先教办汇总时会看到本支部换了密钥，需要他们确认（{}）",
        .path.display()
    )]
    Damaged { path: PathBuf },
    #[error("无法读取签名密钥文件：{detail}（{}）", .path.display())]
    Unreadable { path: PathBuf, detail: String },
    #[error("无法保存签名密钥：{detail}（{}）", .path.display())]
    Unwritable { path: PathBuf, detail: String },
    #[error("已有签名密钥文件，不会覆盖（{}）", .path.display())]
    Exists { path: PathBuf },
    #[error("无法从系统取得随机数来生成签名密钥：{detail}")]
    NoRandom { detail: String },
}

impl KeyError {
    /// Whether a new key would help: the file is there but unusable.
    pub fn can_make_new(&self) -> bool {
        matches!(self, KeyError::Damaged { .. } | KeyError::Unreadable { .. })
    }
}

/// The key file of the ledger at `ledger`: `支部台账.ron.key`.
pub fn key_path(ledger: &Path) -> PathBuf {
    let mut name = ledger.file_name().unwrap_or_default().to_owned();
    name.push(KEY_ENDING);
    ledger.with_file_name(name)
}

/// The ledger's key; `None` when it has no key file yet.
pub fn read_key(ledger: &Path) -> Result<Option<SigningKey>, KeyError> {
    let path = key_path(ledger);
    let bytes = match ops::read(&path, READ_LIMIT) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(KeyError::Damaged { path }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(KeyError::Unreadable {
                detail: os_words(&e),
                path,
            });
        }
    };
    parse(&bytes).map(Some).ok_or(KeyError::Damaged { path })
}

/// Makes a new key file for the ledger at `ledger`; refused when one is
/// there already.
pub fn create_key(ledger: &Path) -> Result<SigningKey, KeyError> {
    let path = key_path(ledger);
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| KeyError::NoRandom { detail: e.to_string() })?;
    let key = SigningKey::from_bytes(&secret);
    let folder = super::atomic::folder_of(&path);
    let unwritable = |e: std::io::Error, path: &Path| KeyError::Unwritable {
        path: path.to_owned(),
        detail: os_words(&e),
    };
    ops::create_dir_all(folder).map_err(|e| unwritable(e, &path))?;
    match ops::write_new(&path, &[text(&key).as_bytes()]) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(KeyError::Exists { path }),
        Err(e) => return Err(unwritable(e, &path)),
    }
    keep_private(&path);
    Ok(key)
}

/// The ledger's key, made now when it has none; and whether it was made.
pub fn ensure_key(ledger: &Path) -> Result<(SigningKey, bool), KeyError> {
    match read_key(ledger)? {
        Some(key) => Ok((key, false)),
        None => match create_key(ledger) {
            Ok(key) => Ok((key, true)),
            // Made at the same moment by another window: use that one.
            Err(KeyError::Exists { .. }) => read_key(ledger)?
                .map(|key| (key, false))
                .ok_or(KeyError::Damaged { path: key_path(ledger) }),
            Err(e) => Err(e),
        },
    }
}

/// What the secretary chose after [`KeyError::Damaged`]: the unreadable
/// key file is renamed (`…key-损坏-<time>`, kept beside the ledger) and a
/// new key made. A key that reads is returned untouched. Returns the key
/// and where the old file went.
pub fn replace_damaged_key(ledger: &Path) -> Result<(SigningKey, Option<PathBuf>), KeyError> {
    let path = key_path(ledger);
    match read_key(ledger) {
        Ok(Some(key)) => return Ok((key, None)),
        Ok(None) => return create_key(ledger).map(|key| (key, None)),
        Err(e) if e.can_make_new() => {}
        Err(e) => return Err(e),
    }
    let stamp = super::format::now().strftime("%Y%m%d-%H%M%S").to_string();
    let mut aside = None;
    for n in 1..1000 {
        let mut name = ledger.file_name().unwrap_or_default().to_owned();
        name.push(format!("{ASIDE_MARK}{stamp}"));
        if n > 1 {
            name.push(format!("-{n}"));
        }
        let target = ledger.with_file_name(name);
        if std::fs::symlink_metadata(&target).is_err() {
            aside = Some(target);
            break;
        }
    }
    let Some(aside) = aside else {
        return Err(KeyError::Unwritable {
            path,
            detail: "已有太多改名保留的旧密钥文件".to_owned(),
        });
    };
    ops::rename(&path, &aside).map_err(|e| KeyError::Unwritable {
        path: path.clone(),
        detail: os_words(&e),
    })?;
    create_key(ledger).map(|key| (key, Some(aside)))
}

/// The short form of the key's public half, as the county sees it.
pub fn fingerprint(key: &SigningKey) -> String {
    fingerprint_of(&format!("ed25519:{}", hex(key.verifying_key().as_bytes())))
}

/// The short form of a public key written `ed25519:<hex>`, to compare by
/// telephone: the first 16 hex digits of its SHA-256, in groups of four
/// (`3f9a 0c12 77de 45b0`).
pub fn fingerprint_of(public_key: &str) -> String {
    let digits = hex(&Sha256::digest(public_key.as_bytes())[..8]);
    let groups: Vec<&str> = (0..4).map(|i| &digits[i * 4..i * 4 + 4]).collect();
    groups.join(" ")
}

/// The whole key file.
fn text(key: &SigningKey) -> String {
    format!(
        "{COMMENT}\n// 本单位公钥指纹：{}（上级可凭此电话核对）\n{SECRET_PREFIX}{}\n",
        fingerprint(key),
        hex(key.as_bytes())
    )
}

/// The key in a key file's bytes; `None` for anything else.
fn parse(bytes: &[u8]) -> Option<SigningKey> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).ok()?;
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"));
    let secret = lines.next()?.strip_prefix(SECRET_PREFIX)?;
    if lines.next().is_some() {
        return None;
    }
    let secret: [u8; 32] = unhex(secret)?.try_into().ok()?;
    Some(SigningKey::from_bytes(&secret))
}

/// Only the owner reads a secret (on Unix; Windows keeps a user's files
/// to that user already). A failure leaves the file as the system made it.
fn keep_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The key works either way; wider rights are the system's default.
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    text
}

/// The bytes of hex text (either case); `None` for anything else.
pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    let text = text.as_bytes();
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| char::from(c).to_digit(16).and_then(|d| u8::try_from(d).ok());
    text.chunks(2)
        .map(|pair| Some((digit(pair[0])? << 4) | digit(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("支部台账.ron");
        assert_eq!(key_path(&ledger), dir.path().join("支部台账.ron.key"));
        assert_eq!(read_key(&ledger), Ok(None));
        let (made, fresh) = ensure_key(&ledger).unwrap();
        assert!(fresh);
        let (again, fresh) = ensure_key(&ledger).unwrap();
        assert!(!fresh);
        assert_eq!(made.to_bytes(), again.to_bytes());
        assert!(matches!(create_key(&ledger), Err(KeyError::Exists { .. })));
        let text = std::fs::read_to_string(key_path(&ledger)).unwrap();
        assert!(text.starts_with(COMMENT), "{text}");
        assert!(text.contains(&fingerprint(&made)), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(key_path(&ledger)).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "only the owner reads it: {mode:o}");
        }
    }

    #[test]
    fn a_damaged_key_is_kept_until_a_new_one_is_chosen() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("支部台账.ron");
        let path = key_path(&ledger);
        for damaged in [
            "",
            "ed25519-secret:12",
            "乱码\n",
            "ed25519-secret:00\ned25519-secret:00",
        ] {
            std::fs::write(&path, damaged).unwrap();
            let err = ensure_key(&ledger).expect_err(damaged);
            assert!(matches!(err, KeyError::Damaged { .. }), "{err}");
            assert!(err.to_string().contains("县先教办"), "{err}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged, "never overwritten");
        }
        let (key, aside) = replace_damaged_key(&ledger).unwrap();
        let aside = aside.expect("moved aside");
        assert!(aside.to_string_lossy().contains(ASIDE_MARK), "{}", aside.display());
        assert_eq!(
            std::fs::read_to_string(&aside).unwrap(),
            "ed25519-secret:00\ned25519-secret:00"
        );
        assert_eq!(read_key(&ledger).unwrap().map(|k| k.to_bytes()), Some(key.to_bytes()));
        let (same, aside) = replace_damaged_key(&ledger).unwrap();
        assert_eq!((same.to_bytes(), aside), (key.to_bytes(), None), "a good key is kept");
    }

    #[test]
    fn hex_round_trips() {
        assert_eq!(unhex(&hex(&[0, 15, 16, 255])), Some(vec![0, 15, 16, 255]));
        assert_eq!(unhex("ABcd"), Some(vec![0xab, 0xcd]));
        assert_eq!(unhex("0g"), None);
        assert_eq!(unhex("abc"), None);
    }
}
