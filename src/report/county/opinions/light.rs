//! Reading only what the opinion ledgers need of a branch's records: the
//! members' names and the opinion records, out of an export file checked
//! as every export is (checksum, format, signature).
//!
//! A full ledger of a branch is mostly study attendance, talk cards and
//! analysis drafts; parsing all of it for 500 branches took 2.4–3.1 s
//! (BENCHMARKS.md, P5). The body is written by one pretty printer
//! ([`crate::report::export_file::render`]): strings escaped, so that no
//! text holds a line break, and each field of the records on a line of
//! its own at four spaces. So the two fields needed are cut out at those
//! lines and parsed alone; a body not written that way (another version)
//! is parsed whole, so the answer is the same either way.

use std::path::Path;

use serde::Deserialize;

use crate::model::opinion::OpinionRecords;
use crate::model::{Ledger, Member, MemberId};
use crate::report::export_file::{self, ExportBody, ExportHeader};
use crate::report::signature::Seal;

/// Where the records begin in a body.
const RECORDS: &str = "\n  records: Some(";
/// How a field of the records starts its line.
const FIELD: &str = "\n    ";

/// A branch's records as far as the ledgers need them.
#[derive(Debug, Clone, PartialEq)]
pub struct Light {
    pub header: ExportHeader,
    pub seal: Seal,
    /// Only the members' ids and names, and the opinion records.
    pub records: Ledger,
}

/// A member's id and name; the other fields are skipped.
#[derive(Deserialize)]
struct Named {
    id: MemberId,
    #[serde(default)]
    name: String,
}

/// The export at `path` read for its opinions: `None` when it carries no
/// records. Every error names the file.
pub fn read(path: &Path) -> Result<Option<Light>, String> {
    let bytes = export_file::read_bytes(path).map_err(|e| e.to_string())?;
    let (header, body, seal) = export_file::verified::<ExportHeader>(&bytes, path).map_err(|e| e.to_string())?;
    if !header.includes_records {
        return Ok(None);
    }
    let records = match cut(&body) {
        Some(parts) => parts.parse(path)?,
        None => whole(&body, path)?,
    };
    Ok(records.map(|records| Light { header, seal, records }))
}

/// The text of the members and opinions fields of the records.
struct Parts<'a> {
    members: Option<&'a str>,
    opinions: Option<&'a str>,
}

impl Parts<'_> {
    fn parse(&self, path: &Path) -> Result<Option<Ledger>, String> {
        let bad = |e: ron::error::SpannedError| format!("导出文件中的台账记录无法读取：{e}（{}）", path.display());
        let members: Vec<Named> = match self.members {
            Some(text) => ron::from_str(text).map_err(bad)?,
            None => Vec::new(),
        };
        let opinions: OpinionRecords = match self.opinions {
            Some(text) => ron::from_str(text).map_err(bad)?,
            None => OpinionRecords::default(),
        };
        let members: Vec<Member> = members
            .into_iter()
            .map(|m| Member {
                id: m.id,
                name: m.name,
                ..Member::default()
            })
            .collect();
        Ok(Some(Ledger {
            members: members.into(),
            opinions: opinions.into(),
            ..Ledger::default()
        }))
    }
}

/// The members and opinions fields cut out of `body`, or `None` when the
/// body is not laid out as [`export_file::render`] writes it.
fn cut(body: &str) -> Option<Parts<'_>> {
    let start = body.find(RECORDS)? + RECORDS.len();
    let records = &body[start..];
    if !records.starts_with("(\n") {
        return None;
    }
    let field = |name: &str| -> Option<&str> {
        let opening = format!("{FIELD}{name}: ");
        let at = records.find(&opening)? + opening.len();
        let rest = &records[at..];
        let end = next_field(rest).unwrap_or(rest.len());
        Some(rest[..end].trim_end().trim_end_matches(','))
    };
    let parts = Parts {
        members: field("members"),
        opinions: field("opinions"),
    };
    // The records always hold these two; without them, read it whole.
    (parts.members.is_some() && parts.opinions.is_some()).then_some(parts)
}

/// Where the next field of the records (or their end) begins in `rest`:
/// a line of exactly four spaces then a name, or two then `)`.
fn next_field(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut from = 0;
    while let Some(n) = rest[from..].find('\n') {
        let at = from + n;
        let line = &bytes[at + 1..];
        let field = line.starts_with(b"    ") && line.get(4).is_some_and(|b| b.is_ascii_lowercase());
        let end = line.starts_with(b"  )");
        if field || end {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The records of a body parsed whole.
fn whole(body: &str, path: &Path) -> Result<Option<Ledger>, String> {
    let body: ExportBody = export_file::parse_body(body, path).map_err(|e| e.to_string())?;
    Ok(body.records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_as_written_is_cut_at_its_fields_not_parsed_whole() {
        let today = crate::model::Date::constant(2006, 3, 10);
        let ledger = crate::demo::demo_ledger(8, today);
        let figures = crate::progress::figures(&ledger, today);
        let options = crate::report::ExportOptions {
            include_records: true,
            include_personal: false,
        };
        let key = crate::report::signature::SigningKey::from_bytes(&[7; 32]);
        let text = export_file::render(&ledger, &figures, options, today.at(9, 0, 0, 0), &key).unwrap();
        let body = text.splitn(3, '\n').nth(2).unwrap();
        let parts = cut(body).expect("the fields are found");
        let ledger_of = parts.parse(Path::new("x")).unwrap().unwrap();
        let sent = crate::report::privacy::outgoing_ledger(&ledger, false).unwrap().0;
        assert_eq!(*ledger_of.opinions, *sent.opinions);
        let names: Vec<(MemberId, &str)> = ledger_of.members.iter().map(|m| (m.id, m.name.as_str())).collect();
        let sent_names: Vec<(MemberId, &str)> = sent.members.iter().map(|m| (m.id, m.name.as_str())).collect();
        assert_eq!(names, sent_names);
        // Another layout is read whole: the records' line is not found.
        assert!(cut(&body.replace("\n  records: ", "\nrecords: ")).is_none());
    }
}
