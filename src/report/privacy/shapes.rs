//! Finding phone numbers and 身份证号 in free text by their shapes, as a
//! secretary types them: `13912345678`, `139-1234-5678`, `139 1234 5678`,
//! `+86 139 1234 5678`, full-width `１３９１２３４５６７８`, `0538-3221506`,
//! `(0538)3221506`, a bare local `3221506`, `110105 19900101 001X`.
//!
//! A text is cut into *groups* of digits (ASCII or full-width, a 身份证号's
//! closing X included) that follow one another with at most
//! [`MAX_SEPARATORS`] separators between them (spaces, `-`, `.`, `/`,
//! brackets, and their full-width forms); such a chain is matched from its
//! start against the shapes, longest first, so that a number is read as a
//! whole and never half of it masked. The shapes are strict where ordinary
//! numbers look alike: a mobile is 11 digits starting 13–19; a local
//! landline 7–8 digits starting 2–9, whole or split 3|4 or 4|4; a 身份证号
//! carries a plausible birth date; a date (`2026-12-01`, `2026.12.01`,
//! `20261201`), a span of years (`2005-2006`), an amount or count with its
//! unit (`1500000元`, `2345678人`) or a number after `第` or `¥` is left
//! alone. Any other run of nine or more digits without separators (a QQ or
//! bank card number, a mistyped mobile) is masked as 其他长号码.

use std::ops::Range;

/// What a number found in a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A mobile or landline number.
    Phone,
    /// A 身份证号 (18 characters, or the old 15 digits).
    IdNumber,
    /// Nine or more digits in one run that are neither.
    LongNumber,
}

impl NumberKind {
    /// The word the export's messages use.
    pub fn label(self) -> &'static str {
        match self {
            NumberKind::Phone => "电话",
            NumberKind::IdNumber => "身份证号",
            NumberKind::LongNumber => "其他长号码",
        }
    }
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where it is, in bytes, from its first digit to its last (or X).
    pub range: Range<usize>,
    pub kind: NumberKind,
    /// How many of its digits stay readable at its start and at its end;
    /// the others become `*`.
    pub keep: (usize, usize),
}

/// The most separators between two groups of one number (`0538 - 3221506`).
pub const MAX_SEPARATORS: usize = 3;

/// Characters that may stand between the groups of one number.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{3000}'
            | '\u{A0}'
            | '-'
            | '－'
            | '‐'
            | '‑'
            | '–'
            | '—'
            | '.'
            | '．'
            | '/'
            | '／'
            | '('
            | ')'
            | '（'
            | '）'
    )
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{A0}')
}

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// Whether a text holds a digit at all: most texts do not, and are left
/// without a closer look.
pub fn has_digit(text: &str) -> bool {
    text.chars().any(|c| digit(c).is_some())
}

/// Digits one after another, perhaps ending in a 身份证号's X.
#[derive(Debug)]
struct Group {
    range: Range<usize>,
    digits: Vec<u8>,
    /// Ends in X or x.
    x: bool,
    /// Only spaces stand between it and the group before.
    after_space: bool,
}

/// The chains of groups in `text` (see the module's doc).
fn chains(text: &str) -> Vec<Vec<Group>> {
    let mut out: Vec<Vec<Group>> = Vec::new();
    let mut chars = text.char_indices().peekable();
    // Separators seen since the last group, and whether all were spaces.
    let mut gap: Option<(usize, bool)> = None;
    while let Some((at, c)) = chars.next() {
        let Some(first) = digit(c) else {
            gap = match gap {
                Some((n, spaces)) if is_separator(c) => Some((n + 1, spaces && is_space(c))),
                _ => None,
            };
            continue;
        };
        let mut group = Group {
            range: at..at + c.len_utf8(),
            digits: vec![first],
            x: false,
            after_space: false,
        };
        while let Some(&(at, c)) = chars.peek() {
            if let Some(d) = digit(c) {
                group.digits.push(d);
            } else if matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ') {
                group.x = true;
            } else {
                break;
            }
            group.range.end = at + c.len_utf8();
            chars.next();
            if group.x {
                break;
            }
        }
        let joins = match (gap, out.last().and_then(|chain| chain.last())) {
            (Some((n, spaces)), Some(last)) if n <= MAX_SEPARATORS && !last.x => {
                group.after_space = spaces;
                true
            }
            _ => false,
        };
        if joins && let Some(chain) = out.last_mut() {
            chain.push(group);
        } else {
            out.push(vec![group]);
        }
        gap = Some((0, true));
    }
    out
}

/// Every phone number, 身份证号 and other long number in `text`, in order.
pub fn find_numbers(text: &str) -> Vec<Found> {
    // The shortest number masked is seven digits.
    if text.chars().filter(|&c| digit(c).is_some()).nth(6).is_none() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for chain in chains(text) {
        let mut i = 0;
        // A number may start a chain, follow another, or follow a space;
        // never a '.' or '-' after other digits (the decimals of 12.2345678).
        let mut may_start = true;
        while i < chain.len() {
            if may_start || chain[i].after_space {
                let context = Context::around(text, &chain[i..]);
                if let Some((taken, kind, keep)) = longest_match(&chain[i..], &context) {
                    found.push(Found {
                        range: chain[i].range.start..chain[i + taken - 1].range.end,
                        kind,
                        keep,
                    });
                    i += taken;
                    may_start = true;
                    continue;
                }
            }
            i += 1;
            may_start = false;
        }
    }
    found
}

/// What stands around a chain: a unit after it or `第` / `¥` before it
/// make a bare number a count or an amount.
struct Context {
    before: Option<char>,
    /// The text after each prefix of the chain ends, from one group on.
    after: Vec<String>,
}

impl Context {
    fn around(text: &str, chain: &[Group]) -> Self {
        let start = chain.first().map_or(0, |g| g.range.start);
        let before = text[..start].chars().rev().find(|c| !is_space(*c));
        let after = chain
            .iter()
            .map(|g| {
                text[g.range.end..]
                    .chars()
                    .skip_while(|c| is_space(*c))
                    .take(2)
                    .collect()
            })
            .collect();
        Self { before, after }
    }

    /// Whether the first `taken` groups are an amount or a count.
    fn counted(&self, taken: usize) -> bool {
        if matches!(self.before, Some('第' | '¥' | '￥' | '$' | '＄')) {
            return true;
        }
        let Some(after) = self.after.get(taken - 1) else {
            return false;
        };
        let mut next = after.chars();
        match next.next() {
            // 号码 is what a phone number is, not its unit.
            Some('号') => next.next() != Some('码'),
            Some(c) => UNITS.contains(c),
            None => false,
        }
    }
}

/// Characters that, right after a number, make it an amount or a count.
const UNITS: &str = "元万亿千百角块人名位次户条个项件份篇字学小时天日月年号届期批场票张册页本岁米亩公吨斤克%％‰平台辆间套株棵头只分秒倍";

/// The most groups a number is made of (`+86 139 1234 5678` is four,
/// `110105 1990 0101 001X` four).
const MAX_GROUPS: usize = 5;

/// The number at the start of `chain`: how many groups it takes, its kind
/// and what of it stays readable.
fn longest_match(chain: &[Group], context: &Context) -> Option<(usize, NumberKind, (usize, usize))> {
    (1..=chain.len().min(MAX_GROUPS))
        .rev()
        .find_map(|taken| shape(&chain[..taken], context.counted(taken)).map(|(kind, keep)| (taken, kind, keep)))
}

/// What `groups` make as one number, if any of the shapes.
fn shape(groups: &[Group], counted: bool) -> Option<(NumberKind, (usize, usize))> {
    let digits: Vec<u8> = groups.iter().flat_map(|g| g.digits.iter().copied()).collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.digits.len()).collect();
    let x = groups.last().is_some_and(|g| g.x);
    let single = groups.len() == 1;
    // Groups of a number split for reading hold three digits or more.
    let readable = lengths.iter().all(|&n| n >= 3);
    if x || digits.len() == 18 || digits.len() == 15 {
        if (single || readable) && is_id_number(&digits, x) {
            return Some((NumberKind::IdNumber, (6, 4)));
        }
        if x {
            return None;
        }
    }
    if (single || readable) && is_mobile(&digits) {
        return Some((NumberKind::Phone, (3, 4)));
    }
    // +86 / 0086 before a mobile.
    if let Some(code) = country_code(&digits, lengths[0], single)
        && (single || lengths[1..].iter().all(|&n| n >= 3))
        && is_mobile(&digits[code..])
    {
        return Some((NumberKind::Phone, (code + 3, 4)));
    }
    if let Some(area) = area_code(&digits)
        && (single || (lengths[0] == area && lengths[1..].iter().all(|&n| n >= 3)))
    {
        return Some((NumberKind::Phone, (area, 3)));
    }
    if is_local_landline(&digits, &lengths) && !counted {
        return Some((NumberKind::Phone, (0, 3)));
    }
    if single && digits.len() >= 9 && !counted {
        return Some((NumberKind::LongNumber, (2, 2)));
    }
    None
}

/// The number as a decimal, for digits that fit.
fn value(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |n, &d| n.saturating_mul(10).saturating_add(u32::from(d)))
}

fn is_date(year: u32, month: u32, day: u32) -> bool {
    (1900..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// 11 digits, 13x–19x.
fn is_mobile(digits: &[u8]) -> bool {
    digits.len() == 11 && digits[0] == 1 && digits[1] >= 3
}

/// An 18-character 身份证号 (17 digits and a digit or X) or a 15-digit one,
/// with a region code and a birth date that could be.
fn is_id_number(digits: &[u8], x: bool) -> bool {
    let region = (1..=8).contains(&digits[0]);
    match (digits.len(), x) {
        (17, true) | (18, false) => {
            region && is_date(value(&digits[6..10]), value(&digits[10..12]), value(&digits[12..14]))
        }
        (15, false) => {
            region
                && is_date(
                    1900 + value(&digits[6..8]),
                    value(&digits[8..10]),
                    value(&digits[10..12]),
                )
        }
        _ => false,
    }
}

/// How many digits a leading 86 or 0086 takes.
fn country_code(digits: &[u8], first_group: usize, single: bool) -> Option<usize> {
    let code = if digits.starts_with(&[8, 6]) {
        2
    } else if digits.starts_with(&[0, 0, 8, 6]) {
        4
    } else {
        return None;
    };
    (single || first_group == code).then_some(code)
}

/// The length of the area code of a landline written with it (010, 021,
/// 0538): 01x and 02x are three digits, the others four; the local number
/// after it is 7 or 8 digits starting 2–9.
fn area_code(digits: &[u8]) -> Option<usize> {
    if digits.first() != Some(&0) || digits.get(1).is_none_or(|&d| d == 0) {
        return None;
    }
    let area = if digits[1] <= 2 { 3 } else { 4 };
    let local = digits.len().checked_sub(area)?;
    ((7..=8).contains(&local) && digits[area] >= 2).then_some(area)
}

/// A landline without its area code: 7 or 8 digits starting 2–9, whole or
/// split 3|4 or 4|4 — never a date (20261201) or a span of years
/// (2005-2006).
fn is_local_landline(digits: &[u8], lengths: &[usize]) -> bool {
    if !(7..=8).contains(&digits.len()) || digits[0] < 2 {
        return false;
    }
    match lengths {
        [8] => !is_date(value(&digits[..4]), value(&digits[4..6]), value(&digits[6..])),
        [_] => true,
        [4, 4] => {
            let (from, to) = (value(&digits[..4]), value(&digits[4..]));
            let years = (1900..=2100).contains(&from) && (from..=from + 10).contains(&to);
            !years
        }
        [3, 4] => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, NumberKind)> {
        find_numbers(text)
            .into_iter()
            .map(|f| (&text[f.range], f.kind))
            .collect()
    }

    #[test]
    fn digit_groups_join_over_a_few_separators_only() {
        let found = chains("电话 139 - 1234 — 5678，另 12");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].len(), 3);
        assert!(!found[0][1].after_space);
        let far = chains("139    1234");
        assert_eq!(far.len(), 2, "four spaces part two numbers");
    }

    #[test]
    fn a_number_after_the_decimal_point_of_another_is_not_a_phone() {
        assert!(kinds("比率 12.2345678").is_empty());
        assert_eq!(
            kinds("编号 12 3221506"),
            vec![("3221506", NumberKind::Phone)],
            "after a space it may be"
        );
    }
}
