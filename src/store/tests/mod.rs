//! Tests of the store: the file text without a disk (`text`), damaged
//! files (`damaged`), saving, locking and backups on a temporary folder
//! (`disk`, `backups`), every disk step failing on purpose (`faults`), hostile
//! ledgers and files (`hostile`), the one size limit of saving and
//! loading (`limits`), the lock's note (`lock`), telling a ledger from
//! another file by its start (`start`), opening on every core and the
//! first save after it (`open`).

mod backups;
mod damaged;
mod disk;
pub(crate) mod faults;
mod hostile;
mod limits;
mod lock;
mod open;
mod start;
mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::model::study::{Attendance, Reflection, Session};
use crate::model::{BranchKind, Date, Ledger, Member, MemberId, ReflectionId, SessionId};

/// Text with everything a careless escaper would break.
pub(super) const NASTY: &str =
    "引号\"双\"与'单'，反斜杠\\n不是换行\\，控制字符\u{0}\u{7}\t\r\n换行后，表情😀🇨🇳，r#\"raw\"#，##";

/// A small ledger of a few members with awkward text in many fields.
pub(crate) fn small_ledger() -> Ledger {
    let mut ledger = Ledger::default();
    ledger.branch.name = "城关镇东街社区党支部".to_owned();
    ledger.branch.kind = Some(BranchKind::Community);
    ledger.branch.secretary = "王建国".to_owned();
    ledger.branch.superior = NASTY.to_owned();
    ledger.campaign.settings.required_hours = 40.5;
    for (i, name) in ["张三", "李四 \"小李\"", "王五\\六", "赵😀"].into_iter().enumerate() {
        let id = MemberId(ledger.next_id());
        ledger.members.push(Member {
            id,
            name: name.to_owned(),
            notes: format!("{NASTY}{i}"),
            phone: "13800000000".to_owned(),
            birth: Date::new(1950 + i as i16, 3, 1).ok(),
            ..Member::default()
        });
    }
    let mut attendance = BTreeMap::new();
    attendance.insert(MemberId(1), Attendance::Present);
    attendance.insert(MemberId(2), Attendance::Leave(format!("住院\r\n{NASTY}")));
    attendance.insert(MemberId(3), Attendance::Absent);
    let id = SessionId(ledger.next_id());
    ledger.study.sessions.push(
        Session {
            id,
            topic: "学习党章".to_owned(),
            hours: 2.5,
            attendance,
            ..Session::default()
        }
        .into(),
    );
    ledger
}

/// The small ledger plus a reflection of 100,000 characters.
pub(super) fn big_ledger() -> Ledger {
    let mut ledger = small_ledger();
    let unit = "学习心得：坚持理想信念😀\"\\\u{0}\t";
    let text: String = unit.chars().cycle().take(100_000).collect();
    let id = ReflectionId(ledger.next_id());
    ledger.study.reflections.push(Reflection {
        id,
        member: MemberId(1),
        title: NASTY.to_owned(),
        chars: 100_000,
        text,
        ..Reflection::default()
    });
    ledger
}

/// A file with our header around any body, with a correct checksum: to
/// reach the body parser with content the program would never write.
pub(super) fn file_with_body(format: u32, body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "// 支部台账\n(format:{format},program:\"0.1.0\",saved_at:\"2026-11-24T14:32:00\",counter:3,checksum:\"sha256:{hex}\")\n{body}"
    )
}

/// A path for messages in tests that never touch the disk.
pub(super) fn fake_path() -> PathBuf {
    PathBuf::from("/home/a/支部台账.ron")
}

/// The path of a ledger file inside a temporary folder.
pub(crate) fn ledger_in(dir: &Path) -> PathBuf {
    dir.join("支部台账.ron")
}

/// A tiny deterministic random generator (xorshift), enough to make
/// garbage reproducibly.
pub(super) struct Rng(pub u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
