//! What an export may carry of a person's numbers, decided by the records'
//! structure first and by the shapes of numbers second.
//!
//! Unless the user ticks 包含联系电话和身份证号 (`--personal`):
//! - the fields that hold them — each member's 联系电话 and 身份证号 and a
//!   mobile member's 联系方式 — are left out: the workbook has no column
//!   for them and the export file's copy of the records has them empty
//!   ([`leave_out_personal`]);
//! - every other text that leaves the program — notes, talk topics and
//!   results, opinions, analysis drafts, commitments, every string of the
//!   records in the export file and every text cell of the workbook — has
//!   the middle of each phone number and 身份证号 in it replaced by `*`
//!   (`139****5678`, `0538-****506`, `110105********001X`), found by their
//!   shapes with any separators ([`shapes`]);
//! - [`preview`] counts both before anything is written, so that the 导出
//!   screen and `zhibu export` tell the user ([`Withheld::lines`]).
//!
//! A pattern cannot catch a number written in Chinese characters (一三九…)
//! or spelled out in words; [`Withheld::lines`] says so every time.

mod shapes;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

pub use shapes::{Found, NumberKind, find_numbers, has_digit};

use super::{ExportError, ExportOptions};
use crate::model::{Date, Ledger};

/// How many numbers an export masks, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Masked {
    pub phones: usize,
    pub id_numbers: usize,
    pub long_numbers: usize,
}

impl Masked {
    /// All numbers masked.
    pub fn total(self) -> usize {
        self.phones + self.id_numbers + self.long_numbers
    }

    /// Whether nothing was masked.
    pub fn is_empty(self) -> bool {
        self.total() == 0
    }

    fn count(&mut self, kind: NumberKind) {
        match kind {
            NumberKind::Phone => self.phones += 1,
            NumberKind::IdNumber => self.id_numbers += 1,
            NumberKind::LongNumber => self.long_numbers += 1,
        }
    }
}

impl std::ops::AddAssign for Masked {
    fn add_assign(&mut self, other: Self) {
        self.phones += other.phones;
        self.id_numbers += other.id_numbers;
        self.long_numbers += other.long_numbers;
    }
}

/// 电话 2 处，身份证号 1 处 (and 其他长号码 when there are any).
impl std::fmt::Display for Masked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} 处，{} {} 处",
            NumberKind::Phone.label(),
            self.phones,
            NumberKind::IdNumber.label(),
            self.id_numbers
        )?;
        if self.long_numbers > 0 {
            write!(f, "，{} {} 处", NumberKind::LongNumber.label(), self.long_numbers)?;
        }
        Ok(())
    }
}

/// `text` with the middle digits of every phone number, 身份证号 and other
/// long number in it replaced by `*` (separators kept, so that it still
/// reads as a number), each one counted in `masked`. A text without any
/// is returned as it is.
pub fn mask_text<'a>(text: &'a str, masked: &mut Masked) -> Cow<'a, str> {
    let found = find_numbers(text);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for number in found {
        masked.count(number.kind);
        out.push_str(&text[copied..number.range.start]);
        let part = &text[number.range.clone()];
        let digits = part.chars().filter(|&c| is_digit_or_x(c)).count();
        let (front, back) = number.keep;
        let mut nth = 0;
        for c in part.chars() {
            if is_digit_or_x(c) {
                out.push(if nth < front || nth + back >= digits { c } else { '*' });
                nth += 1;
            } else {
                out.push(c);
            }
        }
        copied = number.range.end;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

fn is_digit_or_x(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// The personal fields an export leaves out, by how many members had them
/// filled in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Members with a 联系电话.
    pub phones: usize,
    /// Members with a 身份证号.
    pub id_numbers: usize,
    /// Mobile members with a 联系方式.
    pub contacts: usize,
}

impl LeftOut {
    /// What [`leave_out_personal`] empties in `ledger`.
    pub fn of(ledger: &Ledger) -> Self {
        let filled = |text: &str| usize::from(!text.trim().is_empty());
        ledger.members.iter().fold(Self::default(), |n, m| Self {
            phones: n.phones + filled(&m.phone),
            id_numbers: n.id_numbers + filled(&m.id_number),
            contacts: n.contacts + filled(&m.mobile.contact),
        })
    }
}

/// Empties every member's 联系电话, 身份证号 and mobile 联系方式.
pub fn leave_out_personal(ledger: &mut Ledger) {
    if LeftOut::of(ledger) == LeftOut::default() {
        return;
    }
    for m in ledger.members.iter_mut() {
        m.phone.clear();
        m.id_number.clear();
        m.mobile.contact.clear();
    }
}

/// The ledger as it leaves the program in an export file with records:
/// unless `personal`, without the personal fields and with every number
/// in every other text masked; and how many were.
///
/// Every string of the records is reached, whichever record it belongs
/// to, by going through the ledger's own serialised form: its string
/// literals are masked there and the ledger is read back from it. A
/// record added to the model later is covered without a change here.
pub fn outgoing_ledger(ledger: &Ledger, personal: bool) -> Result<(Ledger, Masked), ExportError> {
    if personal {
        return Ok((ledger.clone(), Masked::default()));
    }
    let (copy, text, masked) = masked_records(ledger)?;
    let Some(text) = text else {
        return Ok((copy, masked));
    };
    let masked_copy = ron::from_str(&text)
        .map_err(|e| ExportError::Unserializable(format!("隐去号码后的台账记录无法读回（{e}）")))?;
    Ok((masked_copy, masked))
}

/// The ledger without its personal fields, its serialised form with every
/// number masked (`None` when there was none), and the count.
fn masked_records(ledger: &Ledger) -> Result<(Ledger, Option<String>, Masked), ExportError> {
    let mut copy = ledger.clone();
    leave_out_personal(&mut copy);
    // Strings as they are (raw strings where they hold `"` or `\`): no
    // escapes to read, and masking changes digits only, so a masked
    // string goes back between the same quotes.
    let config = ron::ser::PrettyConfig::new()
        .escape_strings(false)
        .compact_arrays(true)
        .compact_structs(true)
        .compact_maps(true);
    let text = ron::ser::to_string_pretty(&copy, config).map_err(|e| ExportError::Unserializable(e.to_string()))?;
    let mut masked = Masked::default();
    let text = mask_ron_strings(&text, &mut masked).map_err(ExportError::Unserializable)?;
    Ok((copy, text, masked))
}

/// `text` (RON as [`masked_records`] writes it: `"…"`, or `r#"…"#` for a
/// string holding `"` or `\`, never escapes) with every number inside its
/// strings masked, or `None` when none held one.
fn mask_ron_strings(text: &str, masked: &mut Masked) -> Result<Option<String>, String> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => {
                // A char literal: 'c' or '\c', never the start of a string.
                let mut j = i + 1;
                if bytes.get(j) == Some(&b'\\') {
                    j += 1;
                }
                j += 1;
                while j < bytes.len() && bytes[j] != b'\'' {
                    j += 1;
                }
                i = j + 1;
            }
            b'"' => {
                let hashes = raw_hashes(&bytes[..i]);
                let start = i + 1;
                let end = if hashes == 0 {
                    text[start..].find('"').map(|n| start + n)
                } else {
                    let close = format!("\"{}", "#".repeat(hashes));
                    text[start..].find(&close).map(|n| start + n)
                };
                let Some(end) = end else {
                    return Err("台账记录中有未结束的文字".to_owned());
                };
                let content = &text[start..end];
                if let Cow::Owned(new) = mask_text(content, masked) {
                    out.push_str(&text[copied..start]);
                    out.push_str(&new);
                    copied = end;
                }
                i = end + 1 + hashes;
            }
            _ => i += 1,
        }
    }
    if out.is_empty() {
        return Ok(None);
    }
    out.push_str(&text[copied..]);
    Ok(Some(out))
}

/// How many `#` open the raw string whose `"` follows `before` (`r##"`),
/// or 0 for a plain string: an identifier never ends in `r#`.
fn raw_hashes(before: &[u8]) -> usize {
    let hashes = before.iter().rev().take_while(|&&b| b == b'#').count();
    let rest = &before[..before.len() - hashes];
    let Some((&b'r', before_r)) = rest.split_last() else {
        return 0;
    };
    let in_identifier = before_r.last().is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    if hashes > 0 && !in_identifier { hashes } else { 0 }
}

/// What an export leaves out and masks, worked out before anything is
/// written, from the same functions the export uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Withheld {
    /// The user asked for the numbers: nothing is left out or masked.
    pub personal: bool,
    pub left_out: LeftOut,
    /// Numbers masked in the workbook's text cells.
    pub workbook: Masked,
    /// Numbers masked in the export file's records; `None` when the file
    /// carries only the figures.
    pub export_file: Option<Masked>,
}

/// What an export of `ledger` on `today` with `options` will withhold.
pub fn preview(ledger: &Ledger, today: Date, options: ExportOptions) -> Result<Withheld, ExportError> {
    if options.include_personal {
        return Ok(Withheld {
            personal: true,
            left_out: LeftOut::default(),
            workbook: Masked::default(),
            export_file: None,
        });
    }
    let figures = crate::progress::figures::figures(ledger, today);
    let mut workbook = Masked::default();
    for mut table in super::xlsx::tables(ledger, &figures, options) {
        workbook += table.mask_numbers();
    }
    let export_file = if options.include_records {
        Some(masked_records(ledger)?.2)
    } else {
        None
    };
    Ok(Withheld {
        personal: false,
        left_out: LeftOut::of(ledger),
        workbook,
        export_file,
    })
}

impl Withheld {
    /// In sentences, for the 导出 screen and `zhibu export`.
    pub fn lines(&self) -> Vec<String> {
        if self.personal {
            return vec!["已选择包含联系电话和身份证号：号码完整导出，文字中写到的号码也不隐去".to_owned()];
        }
        let mut out = Vec::new();
        let LeftOut {
            phones,
            id_numbers,
            contacts,
        } = self.left_out;
        out.push(if phones + id_numbers + contacts == 0 {
            "台账中没有填写联系电话、身份证号或流动党员联系方式".to_owned()
        } else {
            format!("不导出：{phones} 名党员的联系电话、{id_numbers} 名党员的身份证号、{contacts} 名流动党员的联系方式")
        });
        out.push(found_in("工作簿各表的文字中", self.workbook));
        if let Some(masked) = self.export_file {
            out.push(found_in("导出文件的台账记录中", masked));
        }
        out.push(CAVEAT.to_owned());
        out
    }
}

/// What a pattern cannot find, said every time numbers are masked.
pub const CAVEAT: &str = "用汉字写的号码（如“一三九……”）或拆散写的号码无法识别，导出前请自行检查备注、谈话、意见等文字";

fn found_in(place: &str, masked: Masked) -> String {
    if masked.is_empty() {
        format!("{place}未发现电话号码或身份证号")
    } else {
        format!("{place}将隐去号码中间几位：{masked}")
    }
}
