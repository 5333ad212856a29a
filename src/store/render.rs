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
//! before it is used ([`Writer::text_of`]), as the whole body was before;
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
    /// The small parts that are not shared (the branch, the campaign, …),
    /// by field name, with the value they were written from.
    by_name: HashMap<&'static str, Named>,
    /// The body of the last save; its memory is used again for the next.
    pub(crate) body: String,
    /// How many parts the last render wrote afresh (for tests and the
    /// benchmark).
    last_fresh: usize,
}

impl Pieces {
    /// How many parts the last save wrote afresh rather than reused.
    pub fn fresh_in_last_save(&self) -> usize {
        self.last_fresh
    }

    /// Remembers `text` as the text of the shared part `part` at `level`
    /// (the text it was just read from, see `super::open::remember`).
    pub(crate) fn remember_shared<T: Send + Sync + 'static>(&mut self, part: &Shared<T>, level: usize, text: String) {
        let address = Arc::as_ptr(part.arc()) as usize;
        let piece = Piece {
            _part: part.arc().clone(),
            level,
            text,
        };
        self.by_address.insert(address, piece);
    }

    /// Remembers `text` as the text of the small part `name` with `value`.
    pub(crate) fn remember_named<T: Clone + Send + Sync + 'static>(
        &mut self,
        name: &'static str,
        value: &T,
        level: usize,
        text: String,
    ) {
        let named = Named {
            value: Box::new(value.clone()),
            level,
            text,
        };
        self.by_name.insert(name, named);
    }
}

impl std::fmt::Debug for Pieces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pieces")
            .field("parts", &self.by_address.len())
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A part that is not shared: reused when its value is still equal.
struct Named {
    value: Box<dyn Any + Send + Sync>,
    level: usize,
    text: String,
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
/// `pieces`. On success the body is also left in `pieces`
/// (`Pieces::body`); on failure `pieces` is empty, as if nothing had been saved.
#[cfg(test)]
pub(crate) fn body(ledger: &Ledger, pieces: &mut Pieces) -> Result<String, SaveError> {
    write_body(ledger, pieces)?;
    Ok(pieces.body.clone())
}

/// Writes the body of `ledger` into `pieces` (see [`body`]).
pub(crate) fn write_body(ledger: &Ledger, pieces: &mut Pieces) -> Result<(), SaveError> {
    let mut out = std::mem::take(&mut pieces.body);
    out.clear();
    // Room for a body as long as the parts kept and a little more, so
    // that the first save after opening a file does not grow it step by
    // step (each step a copy of all so far into fresh memory).
    let kept: usize = pieces.by_address.values().map(|p| p.text.len()).sum::<usize>()
        + pieces.by_name.values().map(|n| n.text.len()).sum::<usize>();
    out.reserve(kept + kept / 32 + 4096);
    let mut w = Writer {
        old: std::mem::take(&mut pieces.by_address),
        new: HashMap::new(),
        old_named: std::mem::take(&mut pieces.by_name),
        new_named: HashMap::new(),
        out,
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
    w.field(1, "branch", |w| w.named("branch", branch, 1))?;
    w.field(1, "campaign", |w| w.named("campaign", campaign, 1))?;
    w.field(1, "members", |w| w.shared(members, 1))?;
    w.field(1, "study", |w| study_body(w, study))?;
    w.field(1, "opinions", |w| w.shared(opinions, 1))?;
    w.field(1, "talks", |w| w.list(talks, 1))?;
    w.field(1, "analyses", |w| w.list(analyses, 1))?;
    w.field(1, "meetings", |w| w.shared(meetings, 1))?;
    w.field(1, "appraisal", |w| w.shared(appraisal, 1))?;
    w.field(1, "rectification", |w| w.shared(rectification, 1))?;
    w.field(1, "last_id", |w| w.named("last_id", last_id, 1))?;
    w.out.push_str(")\n");
    #[cfg(debug_assertions)]
    read_back(&w.out, ledger)?;
    pieces.by_address = w.new;
    pieces.by_name = w.new_named;
    pieces.body = w.out;
    pieces.last_fresh = w.fresh;
    Ok(())
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
    w.field(2, "requirements", |w| w.named("requirements", requirements, 2))?;
    w.field(2, "exemptions", |w| w.named("exemptions", exemptions, 2))?;
    w.indent(1);
    w.out.push(')');
    Ok(())
}

/// Reads `text` back and compares it with the value it was written from.
fn read_back<T: DeserializeOwned + PartialEq>(text: &str, value: &T) -> Result<(), SaveError> {
    match ron::from_str::<T>(text) {
        Ok(reread) if reread == *value => Ok(()),
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
    old_named: HashMap<&'static str, Named>,
    new_named: HashMap<&'static str, Named>,
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

    /// A small part that is not shared: its text from the last save if
    /// its value is equal to the one written then, else written afresh.
    fn named<T>(&mut self, name: &'static str, value: &T, level: usize) -> Result<(), SaveError>
    where
        T: Serialize + DeserializeOwned + PartialEq + Clone + Send + Sync + 'static,
    {
        let reusable = self
            .old_named
            .remove(name)
            .filter(|named| named.level == level && named.value.downcast_ref::<T>().is_some_and(|old| old == value));
        let named = match reusable {
            Some(named) => named,
            None => Named {
                text: self.text_of(value, level)?,
                value: Box::new(value.clone()),
                level,
            },
        };
        self.out.push_str(&named.text);
        self.new_named.insert(name, named);
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
        read_back(&text, value)?;
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
