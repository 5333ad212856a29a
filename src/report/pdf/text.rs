//! Line breaking for Chinese text: a line may break between any two hanzi,
//! but never before closing punctuation (，。、；：？！）」…), never after an
//! opening one (（「《…), never inside a run of Latin letters or digits
//! (so `42/40` or `2005` stay whole) and never inside a date written
//! 2006年5月31日. A word longer than the line is cut.
//!
//! The last line of a paragraph is never a lone hanzi, alone or with its
//! punctuation ("个。"): the line before it gives up one more character,
//! as CSS `text-wrap: pretty` would.

use super::font;

/// Characters a line must not start with.
const NO_START: &str = "，。、；：？！）」』》〉】〕…—,.;:?!)]}%·～ ";
/// Characters a line must not end with.
const NO_END: &str = "（「『《〈【〔([{“‘";

/// Whether `a` and `b` belong to one word: Latin letters and figures, and
/// the figures of a date with its 年, 月 and 日.
fn joined(a: char, b: char) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '%' | ':');
    let date = |digit: char, unit: char| digit.is_ascii_digit() && matches!(unit, '年' | '月' | '日');
    (word(a) && word(b)) || date(a, b) || (matches!(a, '年' | '月') && b.is_ascii_digit())
}

/// Whether a line may break between `a` and `b`.
fn may_break(a: char, b: char) -> bool {
    !NO_START.contains(b) && !NO_END.contains(a) && !joined(a, b)
}

/// Whether `c` is punctuation (it does not count as a character of its
/// own on a last line).
fn punctuation(c: char) -> bool {
    NO_START.contains(c) || NO_END.contains(c) || c.is_whitespace()
}

/// Breaks `text` into lines no wider than `max` points at `size` points.
/// A newline in `text` always starts a new line; an empty text gives one
/// empty line.
pub fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    wrap_indented(text, size, max, max)
}

/// Like [`wrap`], with the first line of each paragraph no wider than
/// `first` points (a paragraph set in by two hanzi).
pub fn wrap_indented(text: &str, size: f32, first: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let chars: Vec<char> = para.trim_end_matches('\r').chars().collect();
        let line = Line {
            chars: &chars,
            advances: font::place(&chars.iter().collect::<String>())
                .iter()
                .map(|p| p.advance * size)
                .collect(),
            first,
            max,
        };
        lines.extend(line.wrap());
    }
    lines
}

/// The widest piece of `text` no line break may fall inside, at `size`
/// points: a figure, a date, a Latin word, a hanzi with its punctuation.
/// A line of `text` no longer than `whole` characters counts as one piece
/// (a name, 序号, 全部完成), so a column at least this wide shows every
/// such piece on one line.
pub fn unbreakable_width(text: &str, size: f32, whole: usize) -> f32 {
    let mut widest = 0.0f32;
    for line in text.split('\n') {
        let chars: Vec<char> = line.trim().chars().collect();
        if chars.is_empty() {
            continue;
        }
        let advances: Vec<f32> = font::place(line.trim()).iter().map(|p| p.advance * size).collect();
        if chars.iter().filter(|c| !c.is_whitespace()).count() <= whole {
            widest = widest.max(advances.iter().sum());
            continue;
        }
        let mut piece = 0.0;
        for i in 0..chars.len() {
            if i > 0 && may_break(chars[i - 1], chars[i]) {
                widest = widest.max(piece);
                piece = 0.0;
            }
            if !chars[i].is_whitespace() {
                piece += advances[i];
            }
        }
        widest = widest.max(piece);
    }
    widest
}

/// One paragraph to break.
struct Line<'a> {
    chars: &'a [char],
    advances: Vec<f32>,
    /// The width of the first line.
    first: f32,
    /// The width of every later line.
    max: f32,
}

impl Line<'_> {
    fn width_at(&self, start: usize) -> f32 {
        if start == 0 { self.first } else { self.max }
    }

    /// The greedy line breaks: the end (exclusive) of each line.
    fn cuts(&self, from: usize) -> Vec<usize> {
        let chars = self.chars;
        let mut cuts = Vec::new();
        let mut start = self.skip_spaces(from);
        while start < chars.len() {
            let cut = self.cut_after(start);
            cuts.push(cut);
            start = self.skip_spaces(cut);
        }
        cuts
    }

    fn skip_spaces(&self, mut at: usize) -> usize {
        while at < self.chars.len() && self.chars[at] == ' ' {
            at += 1;
        }
        at
    }

    /// Where the line starting at `start` ends (exclusive), obeying the rules.
    fn cut_after(&self, start: usize) -> usize {
        let (chars, max) = (self.chars, self.width_at(start));
        let mut used = 0.0;
        let mut end = start;
        let mut last_break = None;
        while end < chars.len() {
            if end > start && used + self.advances[end] > max {
                break;
            }
            used += self.advances[end];
            end += 1;
            if end < chars.len() && may_break(chars[end - 1], chars[end]) {
                last_break = Some(end);
            }
        }
        if end >= chars.len() {
            return chars.len();
        }
        match last_break {
            Some(b) if b > start => b,
            _ => end.max(start + 1),
        }
    }

    /// The latest allowed break inside the line `start..cut`, leaving at
    /// least two characters on it.
    fn earlier_break(&self, start: usize, cut: usize) -> Option<usize> {
        (start + 2..cut)
            .rev()
            .find(|&b| may_break(self.chars[b - 1], self.chars[b]))
    }

    /// Whether the line `start..end` is a lone character, with or without
    /// its punctuation.
    fn lone(&self, start: usize, end: usize) -> bool {
        self.chars[start..end].iter().filter(|c| !punctuation(**c)).count() <= 1
    }

    fn wrap(&self) -> Vec<String> {
        let mut cuts = self.cuts(0);
        if let [.., before, last] = cuts[..] {
            let start = self.skip_spaces(before);
            let line_start = match cuts.len() {
                2 => 0,
                n => self.skip_spaces(cuts[n - 3]),
            };
            if self.lone(start, last) {
                // Break the line before one character earlier, if what is
                // left then still fits on one last line.
                if let Some(b) = self.earlier_break(line_start, before) {
                    let rest = self.cuts(b);
                    if rest.len() == 1 {
                        let n = cuts.len();
                        cuts.truncate(n - 2);
                        cuts.extend([b, last]);
                    }
                }
            }
        }
        let mut lines = Vec::new();
        let mut start = 0;
        for cut in cuts {
            start = self.skip_spaces(start);
            let line: String = self.chars[start..cut].iter().collect();
            lines.push(line.trim_end().to_owned());
            start = cut;
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_line_starts_with_closing_punctuation_or_ends_with_an_opening_one() {
        let text = "认真学习党章，深入开展批评与自我批评（专题组织生活会），查找差距。".repeat(6);
        for width in [60.0, 73.0, 100.0, 131.0, 200.0] {
            let lines = wrap(&text, 10.0, width);
            assert!(lines.len() > 1);
            for line in &lines {
                let first = line.chars().next().unwrap();
                let last = line.chars().last().unwrap();
                assert!(!NO_START.contains(first), "{width}: line starts with {first}: {line}");
                assert!(!NO_END.contains(last), "{width}: line ends with {last}: {line}");
                assert!(font::width(line, 10.0) <= width + 0.01, "{line} too wide");
            }
            assert_eq!(lines.concat(), text);
        }
    }

    #[test]
    fn figures_stay_whole_and_newlines_break() {
        let lines = wrap("学时42/40已完成\n第二段", 10.0, 45.0);
        assert!(lines.iter().any(|l| l.contains("42/40")), "{lines:?}");
        assert_eq!(lines.last().map(String::as_str), Some("第二段"));
        assert_eq!(wrap("", 10.0, 50.0), vec![String::new()]);
    }

    #[test]
    fn a_paragraph_never_ends_on_a_lone_character() {
        // Ten hanzi fill a 100-point line at 10 points: greedy breaking
        // would leave "个。" alone on the last line.
        let text = "一二三四五六七八九十个。";
        assert_eq!(wrap(text, 10.0, 100.0), vec!["一二三四五六七八九", "十个。"]);
        let lines = wrap_indented("监督：", 10.0, 100.0, 100.0);
        assert_eq!(lines, vec!["监督："]);
        // The same with an indented first line, as 整改承诺书's opening.
        let text = "本人作出如下整改承诺公开接受党组织和群众监督：";
        let lines = wrap_indented(text, 10.0, 80.0, 100.0);
        assert_eq!(lines.concat(), text);
        let last = lines.last().unwrap();
        assert!(last.chars().filter(|c| !punctuation(*c)).count() >= 2, "{lines:?}");
        for width in [50.0, 61.0, 77.0, 90.0, 100.0, 123.0] {
            for text in [
                "认真学习党章，查找差距。",
                "党员发挥先锋模范作用，为群众办实事解难题个。",
            ] {
                let lines = wrap(text, 10.0, width);
                assert_eq!(lines.concat(), text);
                if lines.len() > 1 {
                    let last = lines.last().unwrap();
                    assert!(
                        last.chars().filter(|c| !punctuation(*c)).count() >= 2,
                        "{width}: {lines:?}"
                    );
                }
                assert!(lines.iter().all(|l| font::width(l, 10.0) <= width + 0.01), "{lines:?}");
            }
        }
    }

    #[test]
    fn dates_stay_whole_and_short_words_count_as_one_piece() {
        let text = "整改于2006年5月31日前完成，2026-12-01复查";
        for width in [72.0, 85.0, 100.0, 130.0] {
            let lines = wrap(text, 10.0, width);
            assert!(lines.iter().any(|l| l.contains("2006年5月31日")), "{width}: {lines:?}");
            assert!(lines.iter().any(|l| l.contains("2026-12-01")), "{width}: {lines:?}");
        }
        let date = font::width("2006年5月31日", 10.0);
        assert!((unbreakable_width("于2006年5月31日", 10.0, 5) - date).abs() < 0.01);
        assert!((unbreakable_width("全部完成", 10.0, 5) - 40.0).abs() < 0.01);
        // A longer text's pieces are single hanzi (with their punctuation).
        assert!((unbreakable_width("党员发挥先锋模范作用。", 10.0, 5) - 20.0).abs() < 0.01);
        assert_eq!(unbreakable_width("", 10.0, 5), 0.0);
    }
}
