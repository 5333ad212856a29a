//! The body of a ledger file, written part by part, reusing the text of
//! every part that did not change since the last save.
//!
//! An autosave follows one edit, and one edit changes one part of the
//! records (a member list, one session's attendance, one member's
//! analysis). The parts are [`Shared`]: a part that has not been changed
//! is still the very allocation it was at the last save, so its text from
//! then is still right. [`Pieces`] keeps that text (holding the part, so
//! that its address cannot be reused by another), and a save writes and
//! reads back only the parts that are new.
//!
//! The body is byte for byte what ron's pretty printer, followed by
//! [`super::escape`], writes for the whole [`Ledger`] (tested in
//! `store::tests::text`), so the file format is the same as before: a
//! struct is `(` and one `name: value,` line per field, a list `[` and one
//! `item,` line per item (`[]` when empty), two spaces per level. A part's
//! own text is written at level 0 and indented to its level; that is safe
//! because escaped text has no line break inside a string.
//!
//! Every part written afresh is read back and compared with the records
//! before it is used ([`Writer::fresh`]), as the whole body was before;
//! in debug builds (every test) the whole body is read back as well.

use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::SaveError;
use crate::model::study::StudyRecords;
use crate::model::{Ledger, Shared};

/// The text of the parts written by the last save, by the address of the
/// part. Keep one per open ledger and pass it to every save.
#[derive(Default)]
pub struct Pieces {
    by_address: HashMap<usize, Piece>,
    /// How long the last body was, to size the next one at once.
    last_len: usize,
    /// How many parts the last render wrote afresh (for tests and the
    /// benchmark).
    last_fresh: usize,
}

impl Pieces {
    /// How many parts the last save wrote afresh rather than reused.
    pub fn fresh_in_last_save(&self) -> usize {
        self.last_fresh
    }
}

impl std::fmt::Debug for Pieces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pieces")
            .field("parts", &self.by_address.len())
            .field("last_len", &self.last_len)
            .finish()
    }
}

struct Piece {
    /// The part itself: while it is held, no other part can have its
    /// address.
    _part: Arc<dyn Any + Send + Sync>,
    /// The indentation level the text was written for.
    level: usize,
    /// The escaped text, indented for `level`.
    text: String,
}

const INDENT: &str = "  ";

/// The body of `ledger` (ending in a line break), using and then replacing
/// `pieces`.
pub(crate) fn body(ledger: &Ledger, pieces: &mut Pieces) -> Result<String, SaveError> {
    let mut w = Writer {
        old: std::mem::take(&mut pieces.by_address),
        new: HashMap::new(),
        out: String::with_capacity(pieces.last_len + pieces.last_len / 16),
        fresh: 0,
    };
    // Every field by name: a field added to the records and not written
    // here would not compile.
    let Ledger {
        branch,
        campaign,
        members,
        study,
        opinions,
        talks,
        analyses,
        meetings,
        appraisal,
        rectification,
        last_id,
    } = ledger;
    w.out.push('(');
    w.out.push('\n');
    w.field(1, "branch", |w| w.fresh(branch, 1))?;
    w.field(1, "campaign", |w| w.fresh(campaign, 1))?;
    w.field(1, "members", |w| w.shared(members, 1))?;
    w.field(1, "study", |w| study_body(w, study))?;
    w.field(1, "opinions", |w| w.shared(opinions, 1))?;
    w.field(1, "talks", |w| w.list(talks, 1))?;
    w.field(1, "analyses", |w| w.list(analyses, 1))?;
    w.field(1, "meetings", |w| w.shared(meetings, 1))?;
    w.field(1, "appraisal", |w| w.shared(appraisal, 1))?;
    w.field(1, "rectification", |w| w.shared(rectification, 1))?;
    w.field(1, "last_id", |w| w.fresh(last_id, 1))?;
    w.out.push_str(")\n");
    #[cfg(debug_assertions)]
    read_back(&w.out, ledger)?;
    pieces.by_address = w.new;
    pieces.last_len = w.out.len();
    pieces.last_fresh = w.fresh;
    Ok(w.out)
}

fn study_body(w: &mut Writer, study: &StudyRecords) -> Result<(), SaveError> {
    let StudyRecords {
        sessions,
        make_ups,
        reflections,
        requirements,
        exemptions,
    } = study;
    w.out.push_str("(\n");
    w.field(2, "sessions", |w| w.list(sessions, 2))?;
    w.field(2, "make_ups", |w| w.shared(make_ups, 2))?;
    w.field(2, "reflections", |w| w.shared(reflections, 2))?;
    w.field(2, "requirements", |w| w.fresh(requirements, 2))?;
    w.field(2, "exemptions", |w| w.fresh(exemptions, 2))?;
    w.indent(1);
    w.out.push(')');
    Ok(())
}

/// Reads the whole body back and compares it with the records.
#[cfg(debug_assertions)]
fn read_back(body: &str, ledger: &Ledger) -> Result<(), SaveError> {
    match ron::from_str::<Ledger>(body) {
        Ok(reread) if reread == *ledger => Ok(()),
        Ok(_) => Err(not_rereadable("读回的内容与原内容不同".to_owned())),
        Err(e) => Err(not_rereadable(e.to_string())),
    }
}

fn not_rereadable(detail: String) -> SaveError {
    SaveError::NotRereadable {
        path: std::path::PathBuf::new(),
        detail,
    }
}

struct Writer {
    old: HashMap<usize, Piece>,
    new: HashMap<usize, Piece>,
    out: String,
    fresh: usize,
}

impl Writer {
    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str(INDENT);
        }
    }

    /// `name: value,` on a line of its own at `level`.
    fn field(
        &mut self,
        level: usize,
        name: &str,
        value: impl FnOnce(&mut Self) -> Result<(), SaveError>,
    ) -> Result<(), SaveError> {
        self.indent(level);
        self.out.push_str(name);
        self.out.push_str(": ");
        value(self)?;
        self.out.push_str(",\n");
        Ok(())
    }

    /// A list of shared items at `level`, each reused or written afresh.
    fn list<T>(&mut self, items: &[Shared<T>], level: usize) -> Result<(), SaveError>
    where
        T: Serialize + DeserializeOwned + PartialEq + Send + Sync + 'static,
    {
        if items.is_empty() {
            self.out.push_str("[]");
            return Ok(());
        }
        self.out.push_str("[\n");
        for item in items {
            self.indent(level + 1);
            self.shared(item, level + 1)?;
            self.out.push_str(",\n");
        }
        self.indent(level);
        self.out.push(']');
        Ok(())
    }

    /// A shared part: its text from the last save if it is the same part,
    /// else written afresh (and kept for the next save).
    fn shared<T>(&mut self, part: &Shared<T>, level: usize) -> Result<(), SaveError>
    where
        T: Serialize + DeserializeOwned + PartialEq + Send + Sync + 'static,
    {
        let address = Arc::as_ptr(part.arc()) as usize;
        let piece = match self.old.remove(&address) {
            // The same address while the old part is still held: the same
            // part, unchanged since it was written.
            Some(piece) if piece.level == level => piece,
            _ => {
                let text = self.text_of(&**part, level)?;
                Piece {
                    _part: part.arc().clone(),
                    level,
                    text,
                }
            }
        };
        self.out.push_str(&piece.text);
        self.new.insert(address, piece);
        Ok(())
    }

    /// A value written afresh at `level`.
    fn fresh<T>(&mut self, value: &T, level: usize) -> Result<(), SaveError>
    where
        T: Serialize + DeserializeOwned + PartialEq,
    {
        let text = self.text_of(value, level)?;
        self.out.push_str(&text);
        Ok(())
    }

    /// The escaped text of `value`, checked by reading it back, indented
    /// for `level`.
    fn text_of<T>(&mut self, value: &T, level: usize) -> Result<String, SaveError>
    where
        T: Serialize + DeserializeOwned + PartialEq,
    {
        self.fresh += 1;
        let raw =
            ron::ser::to_string_pretty(value, super::format::pretty()).map_err(|e| SaveError::Unserializable {
                path: std::path::PathBuf::new(),
                detail: e.to_string(),
            })?;
        let text = super::escape::escape_strings(&raw).ok_or_else(|| not_rereadable("字符串转义失败".to_owned()))?;
        match ron::from_str::<T>(&text) {
            Ok(reread) if reread == *value => {}
            Ok(_) => return Err(not_rereadable("读回的内容与原内容不同".to_owned())),
            Err(e) => return Err(not_rereadable(e.to_string())),
        }
        Ok(indented(text, level))
    }
}

/// `text` written at level 0, indented for `level`: every line after the
/// first gets `level` more indents. Escaped text has no line break inside
/// a string, so only the layout's lines are touched.
fn indented(text: String, level: usize) -> String {
    if level == 0 || !text.contains('\n') {
        return text;
    }
    let pad = INDENT.repeat(level);
    let lines = text.matches('\n').count();
    let mut out = String::with_capacity(text.len() + lines * pad.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    out
}
