//! Line breaking for Chinese text: a line may break between any two hanzi,
//! but never before closing punctuation (，。、；：？！）」…), never after an
//! opening one (（「《…), and never inside a run of Latin letters or digits
//! (so `42/40` or `2005` stay whole). A word longer than the line is cut.

use super::font;

/// Characters a line must not start with.
const NO_START: &str = "，。、；：？！）」』》〉】〕…—,.;:?!)]}%·～ ";
/// Characters a line must not end with.
const NO_END: &str = "（「『《〈【〔([{“‘";

fn joined(a: char, b: char) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '%' | ':');
    word(a) && word(b)
}

/// Whether a line may break between `a` and `b`.
fn may_break(a: char, b: char) -> bool {
    !NO_START.contains(b) && !NO_END.contains(a) && !joined(a, b)
}

/// Breaks `text` into lines no wider than `max` points at `size` points.
/// A newline in `text` always starts a new line; an empty text gives one
/// empty line.
pub fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        wrap_paragraph(para.trim_end_matches('\r'), size, max, &mut lines);
    }
    lines
}

fn wrap_paragraph(text: &str, size: f32, max: f32, lines: &mut Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let advances: Vec<f32> = font::place(text).iter().map(|p| p.advance * size).collect();
    let mut start = 0;
    while start < chars.len() {
        let mut used = 0.0;
        let mut end = start;
        // The last index at which the line could end (exclusive) obeying the rules.
        let mut last_break = None;
        while end < chars.len() {
            if end > start && used + advances[end] > max {
                break;
            }
            used += advances[end];
            end += 1;
            if end < chars.len() && may_break(chars[end - 1], chars[end]) {
                last_break = Some(end);
            }
        }
        let cut = if end >= chars.len() {
            chars.len()
        } else {
            match last_break {
                Some(b) if b > start => b,
                _ => end.max(start + 1),
            }
        };
        let line: String = chars[start..cut].iter().collect();
        lines.push(line.trim_end().to_owned());
        start = cut;
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
    }
    if chars.is_empty() {
        lines.push(String::new());
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
}
