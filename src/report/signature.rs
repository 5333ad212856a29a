//! Signatures that say who made a file: a header line of RON whose last
//! field is `signature`, and a body after it, signed with the ed25519 key
//! of the ledger that made them ([`crate::store::key`]).
//!
//! The checksum in a header tells a damaged file from a whole one, but
//! anybody who edits a file can write the new checksum too. A signature
//! can only be made with the secret key, which stays in the ledger's
//! folder; the public key travels in the header, and whoever reads the
//! file remembers it ([`super::known_keys`]), so that a later file signed
//! by another key stands out.
//!
//! What is signed ([`message`]): a tag naming the kind of file (an export
//! is not a roll-up), the header line exactly as written but with
//! `signature:None` in place of the signature, and the SHA-256 of the body
//! bytes. The header is taken as text, not re-serialised, so that the
//! check never depends on how a later version of the serialiser writes a
//! field; and the body enters through its digest, which the reader has
//! computed anyway for the checksum. Nothing here knows what an export is:
//! the county's roll-up files are signed the same way.

use ed25519_dalek::{Signer, Verifier};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::key::{self, hex, unhex};

pub use ed25519_dalek::SigningKey;

/// How the texts of keys and signatures start.
const PREFIX: &str = "ed25519:";
/// What every signed message starts with, so that a signature of this
/// program means nothing to any other.
const DOMAIN: &[u8] = b"zhibu signature v1";

/// The kind of file an export is, in the signed message.
pub const EXPORT_KIND: &str = "zhibu-export";

/// A public key as written in a header and remembered by the county:
/// `ed25519:` and 64 lowercase hex digits, always a valid key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PublicKey(String);

impl PublicKey {
    /// The public half of `key`.
    pub fn of(key: &SigningKey) -> Self {
        Self(format!("{PREFIX}{}", hex(key.verifying_key().as_bytes())))
    }

    /// Reads the text of a header; `None` unless it is a valid key.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes: [u8; 32] = unhex(text.strip_prefix(PREFIX)?)?.try_into().ok()?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()?;
        Some(Self(format!("{PREFIX}{}", hex(key.as_bytes()))))
    }

    /// The text, as written in a header.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A short form to compare by telephone ([`key::fingerprint_of`]).
    pub fn fingerprint(&self) -> String {
        key::fingerprint_of(&self.0)
    }

    fn verifying_key(&self) -> Option<ed25519_dalek::VerifyingKey> {
        let bytes: [u8; 32] = unhex(self.0.strip_prefix(PREFIX)?)?.try_into().ok()?;
        ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()
    }
}

impl TryFrom<String> for PublicKey {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text).ok_or_else(|| format!("不是有效的公钥：{text}"))
    }
}

impl From<PublicKey> for String {
    fn from(key: PublicKey) -> String {
        key.0
    }
}

/// What the signature of a file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seal {
    /// Signed by this key, and nothing signed was changed since.
    Signed(PublicKey),
    /// No signature at all: a file of a program before signatures, or one
    /// whose signature was taken out.
    Unsigned,
    /// A signature that does not match: the file was changed after it was
    /// signed, or its key or signature is not one. The words say which.
    Broken(&'static str),
}

impl Seal {
    /// Why the file cannot be trusted, in words; `None` when signed.
    pub fn doubt(&self) -> Option<&'static str> {
        match self {
            Seal::Signed(_) => None,
            Seal::Unsigned => Some("文件没有签名（可能由旧版程序导出，或签名被去掉）"),
            Seal::Broken(why) => Some(why),
        }
    }
}

/// The SHA-256 of a body, as [`sign`] and [`check`] take it.
pub fn body_digest(body: &[u8]) -> [u8; 32] {
    Sha256::digest(body).into()
}

/// A new signing key from the system's random numbers.
pub fn new_key() -> Result<SigningKey, getrandom::Error> {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret)?;
    Ok(SigningKey::from_bytes(&secret))
}

/// The bytes that are signed: see the module documentation.
fn message(kind: &str, unsigned_header: &str, body_digest: &[u8; 32]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(DOMAIN.len() + kind.len() + unsigned_header.len() + 35);
    for part in [DOMAIN, kind.as_bytes(), unsigned_header.as_bytes()] {
        bytes.extend_from_slice(part);
        bytes.push(0);
    }
    bytes.extend_from_slice(body_digest);
    bytes
}

/// The signature, as written in the header's `signature` field, of a file
/// of `kind` whose header line reads `unsigned_header` (ending in
/// `signature:None)`) and whose body has `body_digest`.
pub fn sign(key: &SigningKey, kind: &str, unsigned_header: &str, body_digest: &[u8; 32]) -> String {
    let signature = key.sign(&message(kind, unsigned_header, body_digest));
    format!("{PREFIX}{}", hex(&signature.to_bytes()))
}

/// The header line with the signature written in: `unsigned_header` must
/// end in `,signature:None)`, as RON writes a struct whose last field is
/// `signature: Option<String>` set to `None`.
pub fn signed_line(unsigned_header: &str, signature: &str) -> Option<String> {
    let start = unsigned_header.strip_suffix(UNSIGNED_END)?;
    Some(format!("{start},signature:Some(\"{signature}\"))"))
}

const UNSIGNED_END: &str = ",signature:None)";

/// The header line as it was signed: `header_line` as read, with its
/// signature `signature` put back to `None`. `None` when the line does not
/// end in that signature (the header was rewritten by hand).
pub fn unsigned_line(header_line: &str, signature: &str) -> Option<String> {
    let start = header_line.strip_suffix(&format!(",signature:Some(\"{signature}\"))"))?;
    Some(format!("{start}{UNSIGNED_END}"))
}

/// Checks the signature of a file of `kind` whose header line reads
/// `header_line` and carries `public_key` and `signature` (as read from
/// it), and whose body has `body_digest`.
pub fn check(
    kind: &str,
    header_line: &str,
    public_key: Option<&str>,
    signature: Option<&str>,
    body_digest: &[u8; 32],
) -> Seal {
    let (public_key, signature) = match (public_key, signature) {
        (None, None) => return Seal::Unsigned,
        (Some(_), None) => return Seal::Broken("文件有公钥但签名被去掉了"),
        (None, Some(_)) => return Seal::Broken("文件有签名但没有公钥"),
        (Some(k), Some(s)) => (k, s),
    };
    let Some(key) = PublicKey::parse(public_key) else {
        return Seal::Broken("文件中的公钥无效");
    };
    let Some(bytes) = signature.strip_prefix(PREFIX).and_then(unhex) else {
        return Seal::Broken("文件中的签名无效");
    };
    let Ok(parsed) = ed25519_dalek::Signature::from_slice(&bytes) else {
        return Seal::Broken("文件中的签名无效");
    };
    let Some(unsigned) = unsigned_line(header_line, signature) else {
        return Seal::Broken("文件头被改写过，签名对不上");
    };
    let Some(verifying) = key.verifying_key() else {
        return Seal::Broken("文件中的公钥无效");
    };
    match verifying.verify(&message(kind, &unsigned, body_digest), &parsed) {
        Ok(()) => Seal::Signed(key),
        Err(_) => Seal::Broken("签名与内容不符，文件在导出后被改动过"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    const HEADER: &str = "(format:1,branch:\"红星村党支部\",public_key:Some(\"k\"),signature:None)";

    fn signed(key: &SigningKey, body: &[u8]) -> (String, String) {
        let signature = sign(key, EXPORT_KIND, HEADER, &body_digest(body));
        let line = signed_line(HEADER, &signature).expect("ends in signature:None");
        (line, signature)
    }

    #[test]
    fn a_signed_line_checks_and_any_change_breaks_it() {
        let k = key(1);
        let public = PublicKey::of(&k);
        let (line, signature) = signed(&k, b"body");
        let digest = body_digest(b"body");
        let seal = check(EXPORT_KIND, &line, Some(public.as_str()), Some(&signature), &digest);
        assert_eq!(seal, Seal::Signed(public.clone()));

        let other_body = body_digest(b"bodY");
        let seal = check(EXPORT_KIND, &line, Some(public.as_str()), Some(&signature), &other_body);
        assert!(matches!(seal, Seal::Broken(_)), "{seal:?}");
        let edited = line.replace("红星村", "白云村");
        let seal = check(EXPORT_KIND, &edited, Some(public.as_str()), Some(&signature), &digest);
        assert!(matches!(seal, Seal::Broken(_)), "{seal:?}");
        let seal = check("zhibu-rollup", &line, Some(public.as_str()), Some(&signature), &digest);
        assert!(matches!(seal, Seal::Broken(_)), "another kind of file: {seal:?}");
        let stranger = PublicKey::of(&key(2));
        let seal = check(EXPORT_KIND, &line, Some(stranger.as_str()), Some(&signature), &digest);
        assert!(matches!(seal, Seal::Broken(_)), "{seal:?}");
        assert_eq!(check(EXPORT_KIND, &line, None, None, &digest), Seal::Unsigned);
        assert!(matches!(
            check(EXPORT_KIND, &line, Some(public.as_str()), None, &digest),
            Seal::Broken(_)
        ));
        assert!(matches!(
            check(EXPORT_KIND, &line, Some("ed25519:zz"), Some(&signature), &digest),
            Seal::Broken(_)
        ));
    }

    #[test]
    fn keys_read_back_and_fingerprints_are_short() {
        let public = PublicKey::of(&key(3));
        assert_eq!(PublicKey::parse(public.as_str()), Some(public.clone()));
        assert_eq!(
            PublicKey::parse(&public.as_str().to_uppercase().replace("ED25519", "ed25519")),
            Some(public.clone())
        );
        assert_eq!(PublicKey::parse("ed25519:00"), None);
        assert_eq!(PublicKey::parse("rsa:00"), None);
        let fingerprint = public.fingerprint();
        assert_eq!(fingerprint.len(), 19, "{fingerprint}");
        assert_ne!(fingerprint, PublicKey::of(&key(4)).fingerprint());
        let secret = SigningKey::from_bytes(&[3; 32]);
        assert_eq!(
            fingerprint,
            key::fingerprint(&secret),
            "the branch and the county agree"
        );
    }

    #[test]
    fn two_new_keys_differ() {
        let a = new_key().expect("random");
        let b = new_key().expect("random");
        assert_ne!(a.to_bytes(), b.to_bytes());
    }
}
