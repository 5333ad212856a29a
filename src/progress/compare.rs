//! Comparing two drafts the way a reviewer reads Chinese: by phrase, not
//! by line. A draft is written in paragraphs, one line each; the
//! paragraphs are matched first (patience diff, which anchors on the
//! paragraphs found once in each draft), a paragraph found unchanged in
//! another place is shown as moved, a changed paragraph is paired with the
//! one it most resembles, and inside each pair the removed and added text
//! is found token by token — every hanzi and punctuation mark a token, a
//! run of ASCII letters and digits one token, so `40学时` → `42学时`
//! changes the number `40`, never the digit `0`.
//!
//! The work is bounded: past [`BUDGET`] the remaining changed pairs are
//! shown as the whole old paragraph removed and the new one added
//! ([`Comparison::cut_short`]), so a pathological pair never holds the
//! window. The 党性分析 screen and the printed 审阅对照 both draw from
//! [`Comparison`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::model::analysis::Revision;

/// The longest one comparison works before it shows the rest whole. Two
/// 10,000-character drafts take a few milliseconds (BENCHMARKS.md).
pub const BUDGET: Duration = Duration::from_millis(150);

/// How two paragraphs must resemble each other (Dice coefficient of their
/// character pairs) to be shown as one paragraph changed rather than one
/// removed and another added.
const PAIRED: f32 = 0.3;

/// The most paragraph pairs weighed against each other in one changed
/// stretch; past it paragraphs are paired in order.
const PAIR_TABLE: usize = 2_500;

/// What a piece of text is in the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// In both drafts.
    Same,
    /// Only in the old draft.
    Removed,
    /// Only in the new draft.
    Added,
}

/// A run of text with one mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub mark: Mark,
    pub text: String,
}

/// One stretch of the comparison, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Paragraphs the same in both drafts, one after another.
    Same(Vec<String>),
    /// A paragraph in both drafts, changed inside: its pieces in reading
    /// order, removed text before the added text that replaces it.
    Changed(Vec<Piece>),
    /// A paragraph only the old draft has. `moved_to`: the new draft has it
    /// unchanged in another place, as its paragraph of this number (from 1).
    Removed { text: String, moved_to: Option<usize> },
    /// A paragraph only the new draft has. `moved_from`: the old draft had
    /// it unchanged in another place, as its paragraph of this number.
    Added { text: String, moved_from: Option<usize> },
}

/// What changed, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Places changed: each change inside a paragraph, each run of
    /// paragraphs removed or added together, each paragraph moved.
    pub changes: usize,
    /// Paragraphs moved unchanged (counted in `changes`, not in the
    /// characters).
    pub moved: usize,
    /// Characters added, whitespace not counted (as in the draft's count).
    pub added: usize,
    /// Characters removed, whitespace not counted.
    pub removed: usize,
}

impl Summary {
    /// 改动 5 处，增加 120 字，删除 38 字 — or that nothing changed.
    pub fn sentence(&self) -> String {
        if self.changes == 0 {
            return "两稿内容相同，没有改动".to_owned();
        }
        let moved = if self.moved > 0 {
            format!("（其中移动 {} 段）", self.moved)
        } else {
            String::new()
        };
        format!(
            "改动 {} 处{moved}，增加 {} 字，删除 {} 字",
            self.changes, self.added, self.removed
        )
    }
}

/// Two drafts compared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    /// The stretches in reading order.
    pub blocks: Vec<Block>,
    pub summary: Summary,
    /// The budget ran out: some changed paragraphs are shown whole, removed
    /// and added, instead of phrase by phrase.
    pub cut_short: bool,
}

/// A draft whose text cannot be compared: it is on paper only, its length
/// given by hand ([`Revision::chars_on_paper`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnPaper {
    /// The older draft, of this many characters.
    Old(u32),
    /// The newer draft.
    New(u32),
}

impl OnPaper {
    /// What to tell the reader, the drafts numbered `old` and `new`.
    pub fn sentence(self, old: usize, new: usize) -> String {
        let (which, chars) = match self {
            OnPaper::Old(chars) => (old, chars),
            OnPaper::New(chars) => (new, chars),
        };
        format!("第{which}稿是纸质稿（共 {chars} 字），正文没有录入，无法逐字对照。")
    }
}

/// Compares two saved drafts of a material, within [`BUDGET`]; a draft on
/// paper only cannot be compared (it would read as all removed or added).
pub fn compare_drafts(old: &Revision, new: &Revision) -> Result<Comparison, OnPaper> {
    let paper = |r: &Revision| r.chars_on_paper.filter(|_| r.full_text().trim().is_empty());
    if let Some(chars) = paper(old) {
        return Err(OnPaper::Old(chars));
    }
    if let Some(chars) = paper(new) {
        return Err(OnPaper::New(chars));
    }
    Ok(compare(&old.full_text(), &new.full_text()))
}

/// Compares `old` with `new` within [`BUDGET`].
pub fn compare(old: &str, new: &str) -> Comparison {
    compare_within(old, new, BUDGET)
}

/// Compares `old` with `new`, working at most about `budget` before the
/// remaining changed paragraphs are shown whole.
pub fn compare_within(old: &str, new: &str, budget: Duration) -> Comparison {
    let deadline = Instant::now() + budget;
    let a = paragraphs(old);
    let b = paragraphs(new);
    let ops = capture_diff_slices_deadline(Algorithm::Patience, &a, &b, Some(deadline));
    let moves = Moves::find(&a, &b, &ops);
    let mut out = Builder {
        deadline,
        comparison: Comparison::default(),
        run_open: false,
    };
    for op in &ops {
        let (old_range, new_range) = (op.old_range(), op.new_range());
        if matches!(op, DiffOp::Equal { .. }) {
            out.same(&a[old_range]);
            continue;
        }
        let olds: Vec<usize> = old_range.filter(|i| !moves.to.contains_key(i)).collect();
        let news: Vec<usize> = new_range.clone().filter(|j| !moves.from.contains_key(j)).collect();
        let pairs = pair(&a, &b, &olds, &news);
        // Moved paragraphs stand where the old draft had them (removed)
        // and where the new one has them (added), in reading order.
        for i in op.old_range().filter(|i| moves.to.contains_key(i)) {
            out.moved_away(a[i], moves.to[&i] + 1);
        }
        for step in pairs {
            match step {
                Step::Old(i) => out.removed(a[i]),
                Step::New(j) => out.added(b[j]),
                Step::Pair(i, j) => out.changed(a[i], b[j]),
            }
        }
        for j in new_range.filter(|j| moves.from.contains_key(j)) {
            out.moved_here(b[j], moves.from[&j] + 1);
        }
    }
    out.comparison
}

/// The paragraphs of a draft: its lines, trimmed, blank ones left out.
fn paragraphs(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

/// Paragraphs removed in one place and added unchanged in another: old
/// index → new index and back.
struct Moves {
    to: HashMap<usize, usize>,
    from: HashMap<usize, usize>,
}

impl Moves {
    fn find(a: &[&str], b: &[&str], ops: &[DiffOp]) -> Self {
        let mut added: HashMap<&str, Vec<usize>> = HashMap::new();
        for op in ops.iter().filter(|op| !matches!(op, DiffOp::Equal { .. })) {
            for j in op.new_range().rev() {
                added.entry(b[j]).or_default().push(j);
            }
        }
        let mut moves = Moves {
            to: HashMap::new(),
            from: HashMap::new(),
        };
        for op in ops.iter().filter(|op| !matches!(op, DiffOp::Equal { .. })) {
            for i in op.old_range() {
                if let Some(j) = added.get_mut(a[i]).and_then(Vec::pop) {
                    moves.to.insert(i, j);
                    moves.from.insert(j, i);
                }
            }
        }
        moves
    }
}

/// One paragraph of a changed stretch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Old(usize),
    New(usize),
    Pair(usize, usize),
}

/// The old and new paragraphs of one changed stretch, in reading order,
/// each paired with the one it most resembles or standing alone.
fn pair(a: &[&str], b: &[&str], olds: &[usize], news: &[usize]) -> Vec<Step> {
    let grams = |text: &str| -> HashSet<(char, char)> {
        let chars: Vec<char> = text.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let ga: Vec<_> = olds.iter().map(|&i| grams(a[i])).collect();
    let gb: Vec<_> = news.iter().map(|&j| grams(b[j])).collect();
    // The share of character pairs in common, or of the characters kept at
    // both ends (a short paragraph with its middle rewritten), whichever
    // is more.
    let alike = |x: usize, y: usize| -> f32 {
        let (p, q) = (&ga[x], &gb[y]);
        let pairs = if p.is_empty() && q.is_empty() {
            0.0
        } else {
            2.0 * p.iter().filter(|g| q.contains(g)).count() as f32 / (p.len() + q.len()) as f32
        };
        pairs.max(ends(a[olds[x]], b[news[y]]))
    };
    let (n, m) = (olds.len(), news.len());
    let mut steps = Vec::with_capacity(n + m);
    if n.saturating_mul(m) > PAIR_TABLE {
        let (mut x, mut y) = (0, 0);
        while x < n && y < m {
            if alike(x, y) >= PAIRED {
                steps.push(Step::Pair(olds[x], news[y]));
                (x, y) = (x + 1, y + 1);
            } else if y + 1 < m && alike(x, y + 1) >= PAIRED {
                steps.push(Step::New(news[y]));
                y += 1;
            } else {
                steps.push(Step::Old(olds[x]));
                x += 1;
            }
        }
        steps.extend(olds[x..].iter().map(|&i| Step::Old(i)));
        steps.extend(news[y..].iter().map(|&j| Step::New(j)));
        return steps;
    }
    // best[x][y]: the most resemblance pairing olds[x..] with news[y..] in order.
    let w = m + 1;
    let mut sim = vec![0.0f32; n * m];
    let mut best = vec![0.0f32; (n + 1) * w];
    for x in (0..n).rev() {
        for y in (0..m).rev() {
            let s = alike(x, y);
            sim[x * m + y] = s;
            let paired = if s >= PAIRED {
                s + best[(x + 1) * w + y + 1]
            } else {
                0.0
            };
            best[x * w + y] = paired.max(best[(x + 1) * w + y]).max(best[x * w + y + 1]);
        }
    }
    let (mut x, mut y) = (0, 0);
    while x < n && y < m {
        let s = sim[x * m + y];
        if s >= PAIRED && best[x * w + y] <= s + best[(x + 1) * w + y + 1] + f32::EPSILON {
            steps.push(Step::Pair(olds[x], news[y]));
            (x, y) = (x + 1, y + 1);
        } else if best[x * w + y] <= best[(x + 1) * w + y] + f32::EPSILON {
            steps.push(Step::Old(olds[x]));
            x += 1;
        } else {
            steps.push(Step::New(news[y]));
            y += 1;
        }
    }
    steps.extend(olds[x..].iter().map(|&i| Step::Old(i)));
    steps.extend(news[y..].iter().map(|&j| Step::New(j)));
    steps
}

/// The share of two texts' characters that they have in common at their
/// start and end.
fn ends(a: &str, b: &str) -> f32 {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let total = x.len() + y.len();
    if total == 0 {
        return 1.0;
    }
    let head = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let room = x.len().min(y.len()) - head;
    let tail = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take(room)
        .take_while(|(p, q)| p == q)
        .count();
    2.0 * (head + tail) as f32 / total as f32
}

/// Builds the blocks and counts the summary as the stretches come.
struct Builder {
    deadline: Instant,
    comparison: Comparison,
    /// The last block is a paragraph removed or added whole (not moved):
    /// the next one joins its place rather than counting a new one.
    run_open: bool,
}

impl Builder {
    fn same(&mut self, paragraphs: &[&str]) {
        self.run_open = false;
        let texts = paragraphs.iter().map(|p| (*p).to_owned());
        if let Some(Block::Same(run)) = self.comparison.blocks.last_mut() {
            run.extend(texts);
        } else {
            self.comparison.blocks.push(Block::Same(texts.collect()));
        }
    }

    /// One place for a run of whole paragraphs removed or added together.
    fn whole(&mut self, block: Block, chars: usize, added: bool) {
        let summary = &mut self.comparison.summary;
        if !self.run_open {
            summary.changes += 1;
        }
        if added {
            summary.added += chars;
        } else {
            summary.removed += chars;
        }
        self.run_open = true;
        self.comparison.blocks.push(block);
    }

    fn removed(&mut self, text: &str) {
        let block = Block::Removed {
            text: text.to_owned(),
            moved_to: None,
        };
        self.whole(block, visible(text), false);
    }

    fn added(&mut self, text: &str) {
        let block = Block::Added {
            text: text.to_owned(),
            moved_from: None,
        };
        self.whole(block, visible(text), true);
    }

    fn moved_away(&mut self, text: &str, to: usize) {
        self.run_open = false;
        self.comparison.blocks.push(Block::Removed {
            text: text.to_owned(),
            moved_to: Some(to),
        });
    }

    /// The moved paragraph where it now stands: the move counts once, here.
    fn moved_here(&mut self, text: &str, from: usize) {
        self.run_open = false;
        let summary = &mut self.comparison.summary;
        summary.changes += 1;
        summary.moved += 1;
        self.comparison.blocks.push(Block::Added {
            text: text.to_owned(),
            moved_from: Some(from),
        });
    }

    fn changed(&mut self, old: &str, new: &str) {
        self.run_open = false;
        let (pieces, changes) = if Instant::now() >= self.deadline {
            self.comparison.cut_short = true;
            let pieces = vec![
                Piece {
                    mark: Mark::Removed,
                    text: old.to_owned(),
                },
                Piece {
                    mark: Mark::Added,
                    text: new.to_owned(),
                },
            ];
            (pieces, 1)
        } else {
            inline(old, new, self.deadline)
        };
        let summary = &mut self.comparison.summary;
        summary.changes += changes;
        for p in &pieces {
            match p.mark {
                Mark::Same => {}
                Mark::Removed => summary.removed += visible(&p.text),
                Mark::Added => summary.added += visible(&p.text),
            }
        }
        self.comparison.blocks.push(Block::Changed(pieces));
    }
}

/// Characters that are not whitespace.
fn visible(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The tokens of a paragraph: a run of ASCII letters and digits is one
/// token (a number, an English word), every other character one token.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() {
            start.get_or_insert(at);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..at]);
        }
        out.push(&text[at..at + c.len_utf8()]);
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// One stretch of a paragraph pair: tokens kept or changed.
#[derive(Debug, Clone)]
struct Segment {
    same: bool,
    old: Range<usize>,
    new: Range<usize>,
}

/// The pieces of a changed paragraph and the number of places changed.
fn inline(old: &str, new: &str, deadline: Instant) -> (Vec<Piece>, usize) {
    let a = tokens(old);
    let b = tokens(new);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(deadline));
    // Characters before each token, so that a stretch's length is one
    // subtraction however long it has grown.
    let starts = |t: &[&str]| -> Vec<usize> {
        let mut at = 0;
        let mut out = Vec::with_capacity(t.len() + 1);
        out.push(0);
        out.extend(t.iter().map(|t| {
            at += t.chars().count();
            at
        }));
        out
    };
    let (sa, sb) = (starts(&a), starts(&b));
    let old_chars = |r: &Range<usize>| sa[r.end] - sa[r.start];
    let size = |s: &Segment| old_chars(&s.old).max(sb[s.new.end] - sb[s.new.start]);
    // A few characters left in common between two changes (a lone 的 or
    // comma) are read as part of one rewritten phrase, not as three
    // changes: an equal stretch no longer than the changes on both sides
    // joins them (as diff-match-patch's semantic cleanup does).
    let mut segments: Vec<Segment> = Vec::new();
    for op in &ops {
        segments.push(Segment {
            same: matches!(op, DiffOp::Equal { .. }),
            old: op.old_range(),
            new: op.new_range(),
        });
        while let [.., x, y, z] = segments.as_slice()
            && !x.same
            && y.same
            && !z.same
            && old_chars(&y.old) <= size(x).min(size(z))
        {
            let joined = Segment {
                same: false,
                old: x.old.start..z.old.end,
                new: x.new.start..z.new.end,
            };
            segments.truncate(segments.len() - 3);
            segments.push(joined);
        }
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |mark: Mark, tokens: &[&str]| {
        if tokens.is_empty() {
            return;
        }
        match pieces.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(&tokens.concat()),
            _ => pieces.push(Piece {
                mark,
                text: tokens.concat(),
            }),
        }
    };
    let mut changes = 0;
    for s in &segments {
        if s.same {
            push(Mark::Same, &a[s.old.clone()]);
        } else {
            changes += 1;
            push(Mark::Removed, &a[s.old.clone()]);
            push(Mark::Added, &b[s.new.clone()]);
        }
    }
    (pieces, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// About 300 characters of a paragraph of 存在的问题, with `phrase` in
    /// the middle.
    fn paragraph(phrase: &str) -> String {
        let head = "对照党章规定的党员义务和支部提出的保持先进性具体要求，认真查找自身存在的问题。在理想信念方面，";
        let tail = "，对马克思主义理论缺乏系统钻研，满足于读读报纸、听听传达，没有做到学以致用、用以促学。\
            在宗旨观念方面，深入群众了解情况不多，为群众办实事的主动性不强，遇到困难有畏难情绪。\
            在组织纪律方面，参加组织生活不够经常，有时以工作忙为由请假，对自己要求不够严格。\
            在工作作风方面，满足于完成上级交办的任务，开拓创新的意识不强，调查研究不够深入，\
            工作中存在按部就班、得过且过的思想，与新形势新任务的要求还有不小差距。\
            在思想作风方面，有时满足现状、不思进取，批评与自我批评开展得不够，对身边的不良现象存有好人主义思想。";
        format!("{head}学习{phrase}{tail}")
    }

    fn removed_and_added(c: &Comparison) -> (Vec<String>, Vec<String>) {
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for block in &c.blocks {
            match block {
                Block::Changed(pieces) => {
                    for p in pieces {
                        match p.mark {
                            Mark::Removed => removed.push(p.text.clone()),
                            Mark::Added => added.push(p.text.clone()),
                            Mark::Same => {}
                        }
                    }
                }
                Block::Removed { text, .. } => removed.push(text.clone()),
                Block::Added { text, .. } => added.push(text.clone()),
                Block::Same(_) => {}
            }
        }
        (removed, added)
    }

    #[test]
    fn one_phrase_changed_in_a_long_paragraph_is_that_phrase_removed_and_added() {
        let old = paragraph("浮于表面");
        let new = paragraph("流于形式");
        assert!(old.chars().count() >= 300, "{}", old.chars().count());
        let c = compare(&old, &new);
        assert_eq!(c.blocks.len(), 1);
        let (removed, added) = removed_and_added(&c);
        assert_eq!(removed, ["浮于表面"]);
        assert_eq!(added, ["流于形式"]);
        assert_eq!(
            c.summary,
            Summary {
                changes: 1,
                moved: 0,
                added: 4,
                removed: 4
            }
        );
        assert_eq!(c.summary.sentence(), "改动 1 处，增加 4 字，删除 4 字");
        assert!(!c.cut_short);
        // Reading the pieces in order gives back the old text without the
        // added and the new without the removed.
        let Block::Changed(pieces) = &c.blocks[0] else {
            panic!("{:?}", c.blocks[0]);
        };
        let keep = |m: Mark| -> String {
            pieces
                .iter()
                .filter(|p| p.mark == Mark::Same || p.mark == m)
                .map(|p| p.text.as_str())
                .collect()
        };
        assert_eq!(keep(Mark::Removed), old);
        assert_eq!(keep(Mark::Added), new);
    }

    #[test]
    fn a_lone_common_character_between_two_changes_joins_them_into_one_phrase() {
        let c = compare("对学习的要求不高。", "对工作的态度不高。");
        let (removed, added) = removed_and_added(&c);
        assert_eq!(removed, ["学习的要求"]);
        assert_eq!(added, ["工作的态度"]);
        assert_eq!(c.summary.changes, 1);
    }

    #[test]
    fn numbers_and_ascii_words_change_whole() {
        let c = compare("本人参加集中学习40学时。", "本人参加集中学习42学时。");
        let (removed, added) = removed_and_added(&c);
        assert_eq!((removed, added), (vec!["40".to_owned()], vec!["42".to_owned()]));
        assert_eq!(c.summary.sentence(), "改动 1 处，增加 2 字，删除 2 字");

        let c = compare("观看PPT课件", "观看DVD课件");
        assert_eq!(removed_and_added(&c), (vec!["PPT".to_owned()], vec!["DVD".to_owned()]));
        assert_eq!(
            tokens("第3个Represents，2006年"),
            ["第", "3", "个", "Represents", "，", "2006", "年"]
        );
    }

    #[test]
    fn a_paragraph_moved_unchanged_is_shown_moved_not_rewritten() {
        let old = "一、基本情况\n本人1990年入党。\n二、存在的问题\n学习不够。\n三、根源\n放松了改造。";
        let new = "一、基本情况\n二、存在的问题\n学习不够。\n三、根源\n放松了改造。\n本人1990年入党。";
        let c = compare(old, new);
        assert_eq!(
            c.summary,
            Summary {
                changes: 1,
                moved: 1,
                added: 0,
                removed: 0
            }
        );
        assert_eq!(c.summary.sentence(), "改动 1 处（其中移动 1 段），增加 0 字，删除 0 字");
        let moved: Vec<&Block> = c.blocks.iter().filter(|b| !matches!(b, Block::Same(_))).collect();
        assert_eq!(
            moved,
            [
                &Block::Removed {
                    text: "本人1990年入党。".to_owned(),
                    moved_to: Some(6)
                },
                &Block::Added {
                    text: "本人1990年入党。".to_owned(),
                    moved_from: Some(2)
                },
            ]
        );
    }

    #[test]
    fn a_whole_section_added_is_one_place_with_its_characters() {
        let old = "一、基本情况\n本人是村委会委员。\n四、努力方向\n加强学习。";
        let new = "一、基本情况\n本人是村委会委员。\n三、产生问题的根源\n放松了世界观的改造。\n宗旨意识淡化。\n四、努力方向\n加强学习。";
        let c = compare(old, new);
        assert_eq!(
            c.blocks,
            [
                Block::Same(vec!["一、基本情况".to_owned(), "本人是村委会委员。".to_owned()]),
                Block::Added {
                    text: "三、产生问题的根源".to_owned(),
                    moved_from: None
                },
                Block::Added {
                    text: "放松了世界观的改造。".to_owned(),
                    moved_from: None
                },
                Block::Added {
                    text: "宗旨意识淡化。".to_owned(),
                    moved_from: None
                },
                Block::Same(vec!["四、努力方向".to_owned(), "加强学习。".to_owned()]),
            ]
        );
        assert_eq!(c.summary.sentence(), "改动 1 处，增加 26 字，删除 0 字");
    }

    #[test]
    fn a_rewritten_paragraph_is_paired_with_the_one_it_resembles() {
        let old = "开头。\n对理论学习重视不够，学习不系统。\n结尾。";
        let new = "开头。\n新写的一段完全不同的话。\n对理论学习重视不够，学习不深入。\n结尾。";
        let c = compare(old, new);
        assert!(matches!(&c.blocks[1], Block::Added { text, .. } if text == "新写的一段完全不同的话。"));
        let Block::Changed(pieces) = &c.blocks[2] else {
            panic!("{:?}", c.blocks);
        };
        let marked: Vec<(Mark, &str)> = pieces.iter().map(|p| (p.mark, p.text.as_str())).collect();
        assert_eq!(
            marked,
            [
                (Mark::Same, "对理论学习重视不够，学习不"),
                (Mark::Removed, "系统"),
                (Mark::Added, "深入"),
                (Mark::Same, "。"),
            ]
        );
        assert_eq!(c.summary.changes, 2);
    }

    #[test]
    fn empty_drafts_compare_without_blocks() {
        assert_eq!(compare("", ""), Comparison::default());
        assert_eq!(compare("\n\n", " "), Comparison::default());
        let c = compare("", "第一稿写了这些。");
        assert_eq!(c.summary.sentence(), "改动 1 处，增加 8 字，删除 0 字");
        let c = compare("整段删去。\n\n再删一段。", "");
        assert_eq!(c.summary.sentence(), "改动 1 处，增加 0 字，删除 10 字");
        assert_eq!(compare("一样", "一样").summary.sentence(), "两稿内容相同，没有改动");
    }

    #[test]
    fn a_draft_on_paper_only_is_not_compared_as_all_added() {
        let typed = |text: &str| Revision {
            text: text.to_owned(),
            ..Revision::default()
        };
        let paper = Revision {
            chars_on_paper: Some(3200),
            ..Revision::default()
        };
        let err = compare_drafts(&paper, &typed("第二稿录入了正文。")).unwrap_err();
        assert_eq!(err, OnPaper::Old(3200));
        assert_eq!(
            err.sentence(1, 2),
            "第1稿是纸质稿（共 3200 字），正文没有录入，无法逐字对照。"
        );
        assert_eq!(compare_drafts(&typed("甲。"), &paper), Err(OnPaper::New(3200)));
        let c = compare_drafts(&typed("学习不够。"), &typed("学习不够深入。")).unwrap();
        assert_eq!(c.summary.sentence(), "改动 1 处，增加 2 字，删除 0 字");
    }

    #[test]
    fn an_exhausted_budget_shows_the_pair_whole() {
        let c = compare_within("学习不够系统。", "学习不够深入。", Duration::ZERO);
        assert!(c.cut_short);
        assert_eq!(
            removed_and_added(&c),
            (vec!["学习不够系统。".to_owned()], vec!["学习不够深入。".to_owned()])
        );
    }
}
