//! 审阅对照, printed after a member's 党性分析材料 when asked for: the
//! comparison of the last two drafts ([`crate::progress::compare`]) for
//! the supervisory group (督导组) that checks the review was real. The
//! marks are those of the screen in black and grey: removed text grey
//! with a line through it, added text on a grey tint with a line under
//! it, and each run of unchanged paragraphs one grey line (they are
//! printed in full in the material above).

use super::super::compose::{Composer, LEADING};
use super::super::font;
use super::super::layout::Item;
use super::super::show_date;
use super::super::text::wrap_indented;
use crate::model::Member;
use crate::model::analysis::Analysis;
use crate::progress::compare::{self, Block, Mark};

/// Body size of the comparison.
const SIZE: f32 = 10.5;

/// How a run of printed text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ink {
    Plain,
    /// Notes: grey, no mark.
    Note,
    Removed,
    Added,
}

impl From<Mark> for Ink {
    fn from(mark: Mark) -> Self {
        match mark {
            Mark::Same => Ink::Plain,
            Mark::Removed => Ink::Removed,
            Mark::Added => Ink::Added,
        }
    }
}

/// The 审阅对照 page(s) of `member`'s material, from a new page; when
/// there is nothing to compare (one draft, or a draft kept only on paper),
/// one line under the material says so instead of a page of its own.
pub fn comparison(c: &mut Composer, member: &Member, analysis: &Analysis) {
    let n = analysis.revisions.len();
    let drafts = n
        .checked_sub(2)
        .and_then(|i| analysis.revisions.get(i))
        .zip(analysis.revisions.last());
    let compared = drafts.map(|(old, new)| (old, new, compare::compare_drafts(old, new)));
    let (old, new, comparison) = match compared {
        Some((old, new, Ok(comparison))) => (old, new, comparison),
        Some((_, _, Err(paper))) => return no_comparison(c, &paper.sentence(n - 1, n)),
        None => return no_comparison(c, "只有一稿，没有可对照的修改稿。"),
    };
    c.page_break();
    c.title("审阅对照", 16.0);
    c.fields(&[("党员姓名", member.name.clone())], SIZE);
    let drafts = format!(
        "第{}稿（{}）与第{n}稿（{}）",
        n - 1,
        show_date(old.date),
        show_date(new.date)
    );
    c.fields(&[("对照", drafts)], SIZE);
    c.paragraph(&comparison.summary.sentence(), 11.0, false);
    marked(
        c,
        &[
            (Ink::Note, "说明：".to_owned()),
            (Ink::Removed, "删除的文字".to_owned()),
            (Ink::Note, "加删除线，".to_owned()),
            (Ink::Added, "增加的文字".to_owned()),
            (Ink::Note, "加下划线并衬灰底；未改动的段落从略，全文见前。".to_owned()),
        ],
        9.5,
        false,
    );
    if comparison.cut_short {
        marked(
            c,
            &[(
                Ink::Note,
                "两稿差别很大，部分段落未逐字比较，按整段删除和增加印出。".to_owned(),
            )],
            9.5,
            false,
        );
    }
    c.space(6.0);
    for block in &comparison.blocks {
        let runs: Vec<(Ink, String)> = match block {
            Block::Same(paragraphs) => vec![(Ink::Note, format!("……未改动 {} 段……", paragraphs.len()))],
            Block::Changed(pieces) => pieces.iter().map(|p| (p.mark.into(), p.text.clone())).collect(),
            Block::Removed { text, moved_to } => {
                let mut runs = vec![(Ink::Removed, text.clone())];
                runs.extend(moved_to.map(|n| (Ink::Note, format!("（已移至新稿第 {n} 段）"))));
                runs
            }
            Block::Added { text, moved_from } => {
                let mut runs = vec![(Ink::Added, text.clone())];
                runs.extend(moved_from.map(|n| (Ink::Note, format!("（自原稿第 {n} 段移来）"))));
                runs
            }
        };
        let indent = !matches!(block, Block::Same(_));
        marked(c, &runs, SIZE, indent);
    }
}

/// The line under the material when there is nothing to compare.
fn no_comparison(c: &mut Composer, why: &str) {
    c.space(8.0);
    c.paragraph(&format!("审阅对照：{why}"), SIZE, false);
}

/// A paragraph of marked runs, wrapped as [`Composer::paragraph`] wraps
/// (the first line set in by two hanzi when `indent`), each run drawn in
/// its ink.
fn marked(c: &mut Composer, runs: &[(Ink, String)], size: f32, indent: bool) {
    let chars: Vec<char> = runs.iter().flat_map(|(_, t)| t.chars()).collect();
    // The ink of every character.
    let inks: Vec<Ink> = runs
        .iter()
        .flat_map(|(ink, t)| std::iter::repeat_n(*ink, t.chars().count()))
        .collect();
    let text: String = chars.iter().collect();
    for (dx, start, end) in lines(c, &text, &chars, size, indent) {
        c.ensure(size * LEADING);
        let (left, y) = (c.left() + dx, c.y);
        let mut at = start;
        while at < end {
            let ink = inks[at];
            let stop = (at..end).find(|&k| inks[k] != ink).unwrap_or(end);
            let before: String = chars[start..at].iter().collect();
            let piece: String = chars[at..stop].iter().collect();
            draw(c, left + font::width(&before, size), y, size, ink, &piece);
            at = stop;
        }
        c.y += size * LEADING;
    }
}

/// The lines of `text` as (indent, first character, end), found by
/// wrapping as [`Composer::paragraph`] does, with its last-line rule, and
/// locating each line in `chars` (wrapping drops the spaces at a break).
fn lines(c: &Composer, text: &str, chars: &[char], size: f32, indent: bool) -> Vec<(f32, usize, usize)> {
    let indent_w = if indent { 2.0 * size } else { 0.0 };
    let wrapped = wrap_indented(text, size, c.width() - indent_w, c.width())
        .into_iter()
        .enumerate()
        .map(|(i, line)| (if i == 0 { indent_w } else { 0.0 }, line));
    let mut out = Vec::with_capacity(wrapped.len());
    let mut at = 0;
    for (dx, line) in wrapped {
        let first = line.chars().next();
        while at < chars.len() && Some(chars[at]) != first && chars[at].is_whitespace() {
            at += 1;
        }
        let end = (at + line.chars().count()).min(chars.len());
        out.push((dx, at, end));
        at = end;
    }
    out
}

/// One run of one line at (`x`, `y`), the top of its line box.
fn draw(c: &mut Composer, x: f32, y: f32, size: f32, ink: Ink, text: &str) {
    let w = font::width(text, size);
    if ink == Ink::Added {
        // The tint goes under the text, so it is drawn first.
        c.push(Item::Rect {
            x,
            y: y + size * 0.05,
            w,
            h: size * 1.2,
            filled: true,
        });
    }
    c.text_at(x, y, size, text, matches!(ink, Ink::Note | Ink::Removed));
    // Removed text is struck through at mid-height; added text underlined.
    let rule = match ink {
        Ink::Removed => Some((0.62, 0.8)),
        Ink::Added => Some((1.18, 0.6)),
        Ink::Plain | Ink::Note => None,
    };
    if let Some((at, width)) = rule {
        c.push(Item::Line {
            x1: x,
            y1: y + size * at,
            x2: x + w,
            y2: y + size * at,
            width,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::{Doc, Request, layout};
    use super::*;
    use crate::model::analysis::{DraftParts, Revision};
    use crate::model::{AnalysisId, Date, Ledger, MemberId};

    fn ledger(drafts: &[&str]) -> (Ledger, MemberId) {
        let mut ledger = Ledger::default();
        let member = MemberId(ledger.next_id());
        ledger.members.push(Member {
            id: member,
            name: "张伟".to_owned(),
            ..Member::default()
        });
        let revisions = drafts
            .iter()
            .enumerate()
            .map(|(i, causes)| Revision {
                date: Date::constant(2006, 1, 10 + i as i8),
                parts: DraftParts {
                    opening: "本人1990年入党，现任村会计。".to_owned(),
                    causes: (*causes).to_owned(),
                    ..DraftParts::default()
                },
                ..Revision::default()
            })
            .collect();
        let id = AnalysisId(ledger.next_id());
        ledger.analyses.push(
            Analysis {
                id,
                member,
                revisions,
                ..Analysis::default()
            }
            .into(),
        );
        (ledger, member)
    }

    fn request(with_comparison: bool) -> Request {
        let mut r = Request::new(Doc::Analysis, Date::constant(2006, 2, 1));
        r.with_comparison = with_comparison;
        r
    }

    /// The body text items of the layout (not the running header and
    /// footer) with their mark: struck through, underlined on a tint, or
    /// plain.
    fn marks(l: &super::super::super::Layout) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for page in &l.pages {
            for (k, item) in page.items.iter().enumerate() {
                let Item::Text { text, y, size, .. } = item else {
                    continue;
                };
                if *size < 9.0 {
                    continue;
                }
                let line_at = |fraction: f32| matches!(page.items.get(k + 1), Some(Item::Line { y1, .. }) if (y1 - (y + size * fraction)).abs() < 0.01);
                let tinted = k > 0 && matches!(page.items[k - 1], Item::Rect { filled: true, .. });
                let mark = if line_at(0.62) {
                    "struck"
                } else if line_at(1.18) && tinted {
                    "underlined"
                } else {
                    "plain"
                };
                out.push((text.clone(), mark));
            }
        }
        out
    }

    #[test]
    fn the_comparison_prints_after_the_material_only_when_asked() {
        let (ledger, _) = ledger(&[
            "放松了世界观的改造，学习浮于表面。",
            "放松了世界观的改造，学习流于形式。",
        ]);
        let plain = layout(&ledger, &request(false), &|_| {}).unwrap();
        let with = layout(&ledger, &request(true), &|_| {}).unwrap();
        assert_eq!(with.pages.len(), plain.pages.len() + 1);
        let last = with.page_text(with.pages.len() - 1);
        assert!(last.contains("审阅对照"), "{last}");
        assert!(
            last.contains("第1稿（2006年1月10日）与第2稿（2006年1月11日）"),
            "{last}"
        );
        assert!(last.contains("改动 1 处，增加 4 字，删除 4 字"), "{last}");
        assert!(last.contains("……未改动 3 段……"), "{last}");
        let marks = marks(&with);
        assert!(marks.contains(&("浮于表面".to_owned(), "struck")), "{marks:?}");
        assert!(marks.contains(&("流于形式".to_owned(), "underlined")), "{marks:?}");
        assert!(marks.contains(&("删除的文字".to_owned(), "struck")), "{marks:?}");
        assert!(marks.contains(&("增加的文字".to_owned(), "underlined")), "{marks:?}");
        assert!(with.outside_margins().is_empty(), "{:?}", with.outside_margins());
    }

    #[test]
    fn a_long_changed_paragraph_wraps_with_its_marks_and_loses_no_character() {
        let old = "对照党章查找差距，理论学习浮于表面，".repeat(12);
        let new = format!("{}宗旨意识淡化。", old.replacen("浮于表面", "流于形式", 3));
        let (ledger, _) = ledger(&[&old, &new]);
        let l = layout(&ledger, &request(true), &|_| {}).unwrap();
        assert!(l.outside_margins().is_empty(), "{:?}", l.outside_margins());
        let marks = marks(&l);
        let from = marks
            .iter()
            .position(|(t, _)| t == "……未改动 3 段……")
            .expect("the fold of the unchanged paragraphs");
        let body = &marks[from + 1..];
        assert!(body.len() > 10, "wrapped over several lines: {body:?}");
        let read = |skip: &str| -> String {
            body.iter()
                .filter(|(_, m)| *m != skip)
                .map(|(t, _)| t.as_str())
                .collect()
        };
        assert_eq!(read("underlined"), old);
        assert_eq!(read("struck"), new);
    }

    #[test]
    fn a_marked_paragraph_never_ends_on_a_lone_character() {
        use super::super::super::compose::Heading;
        use super::super::super::layout::Orientation;
        let c = Composer::new(
            Heading {
                branch: "支部".to_owned(),
                document: "党性分析材料".to_owned(),
                printed: "2026年12月1日".to_owned(),
            },
            Orientation::Portrait,
        );
        // Hanzi of the body size fill a line exactly: the first line is
        // set in by two, so a paragraph of one line's worth plus one more
        // character would leave "个。" alone on its second line.
        let per_line = (c.width() / SIZE).floor() as usize;
        let mut seen = 0;
        for extra in 0..4 {
            for indent in [false, true] {
                let set_in = if indent { 2 } else { 0 };
                let body: String = "学".repeat(per_line - set_in + extra);
                let text = format!("{body}个。");
                let chars: Vec<char> = text.chars().collect();
                let found = lines(&c, &text, &chars, SIZE, indent);
                assert!(found.len() >= 2, "{extra} {indent}: {found:?}");
                let read: String = found.iter().flat_map(|&(_, a, b)| chars[a..b].iter()).collect();
                assert_eq!(read, text, "no character lost");
                let &(_, a, b) = found.last().unwrap();
                let last: String = chars[a..b].iter().filter(|ch| !"，。".contains(**ch)).collect();
                assert!(last.chars().count() >= 2, "{extra} {indent}: last line {last:?}");
                seen += 1;
            }
        }
        assert_eq!(seen, 8);
    }

    #[test]
    fn one_draft_prints_a_note_instead_of_a_comparison() {
        let (ledger, _) = ledger(&["只有一稿。"]);
        let plain = layout(&ledger, &request(false), &|_| {}).unwrap();
        let l = layout(&ledger, &request(true), &|_| {}).unwrap();
        // Under the material, not on a page of its own.
        assert_eq!(l.pages.len(), plain.pages.len());
        let last = l.page_text(l.pages.len() - 1);
        assert!(last.contains("审阅对照：只有一稿，没有可对照的修改稿。"), "{last}");
    }
}
