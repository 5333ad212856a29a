//! A line diff of two drafts: the longest common subsequence of their
//! lines, after the common beginning and end are set aside. Drafts are a
//! few hundred lines, so the quadratic table is small; past a limit the
//! whole middle is shown as removed and added rather than stalling a frame.

/// One line of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Removed,
    Added,
}

/// The most table cells worked out (about 16 MB).
const MAX_CELLS: usize = 4_000_000;

/// The lines of `old` and `new`, each marked as kept, removed or added, in
/// reading order (removals before the additions that replace them).
pub fn diff_lines<'a>(old: &'a str, new: &'a str) -> Vec<(Change, &'a str)> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut out: Vec<(Change, &str)> = a[..prefix].iter().map(|l| (Change::Same, *l)).collect();
    if ma.len().saturating_mul(mb.len()) > MAX_CELLS {
        out.extend(ma.iter().map(|l| (Change::Removed, *l)));
        out.extend(mb.iter().map(|l| (Change::Added, *l)));
    } else {
        middle(ma, mb, &mut out);
    }
    out.extend(a[a.len() - suffix..].iter().map(|l| (Change::Same, *l)));
    out
}

/// The classic table: `len[i][j]` is the longest common subsequence of
/// `a[i..]` and `b[j..]`, walked from the start.
fn middle<'a>(a: &[&'a str], b: &[&'a str], out: &mut Vec<(Change, &'a str)>) {
    let w = b.len() + 1;
    let mut len = vec![0u32; (a.len() + 1) * w];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            len[i * w + j] = if a[i] == b[j] {
                len[(i + 1) * w + j + 1] + 1
            } else {
                len[(i + 1) * w + j].max(len[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push((Change::Same, a[i]));
            i += 1;
            j += 1;
        } else if len[(i + 1) * w + j] >= len[i * w + j + 1] {
            out.push((Change::Removed, a[i]));
            i += 1;
        } else {
            out.push((Change::Added, b[j]));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|l| (Change::Removed, *l)));
    out.extend(b[j..].iter().map(|l| (Change::Added, *l)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_line_is_removed_then_added() {
        let d = diff_lines("甲\n乙\n丙", "甲\n乙二\n丙\n丁");
        assert_eq!(
            d,
            vec![
                (Change::Same, "甲"),
                (Change::Removed, "乙"),
                (Change::Added, "乙二"),
                (Change::Same, "丙"),
                (Change::Added, "丁"),
            ]
        );
    }

    #[test]
    fn common_lines_in_the_middle_are_kept() {
        let d = diff_lines("a\nx\nb\ny\nc", "a\nb\nz\nc");
        let kept: Vec<&str> = d.iter().filter(|(c, _)| *c == Change::Same).map(|(_, l)| *l).collect();
        assert_eq!(kept, ["a", "b", "c"]);
        assert_eq!(d.iter().filter(|(c, _)| *c == Change::Removed).count(), 2);
        assert_eq!(d.iter().filter(|(c, _)| *c == Change::Added).count(), 1);
    }

    #[test]
    fn identical_and_empty() {
        assert!(diff_lines("一\n二", "一\n二").iter().all(|(c, _)| *c == Change::Same));
        assert_eq!(diff_lines("", "新"), vec![(Change::Added, "新")]);
    }
}
