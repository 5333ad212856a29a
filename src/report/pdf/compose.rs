//! Fills pages top to bottom: titles, wrapped paragraphs, signature lines
//! and tables ([`super::table`]), starting a new page when the next piece
//! does not fit, then puts the running header (branch, campaign, document)
//! and footer (第 i 页 共 N 页, print date) on every page.

use super::font;
use super::layout::{Item, Layout, MARGIN, Orientation, Page};
use super::text::{wrap, wrap_indented};

/// Height kept for the running header inside the margin.
const HEADER_H: f32 = 24.0;
/// Height kept for the footer inside the margin.
const FOOTER_H: f32 = 20.0;
/// Line height as a multiple of the font size.
pub const LEADING: f32 = 1.45;

/// What every page's header and footer say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Left of the header: the branch and the campaign.
    pub branch: String,
    /// Right of the header: the document's title.
    pub document: String,
    /// The print date, as shown in the footer.
    pub printed: String,
}

/// Lays pieces out page after page.
pub struct Composer {
    heading: Heading,
    size: (f32, f32),
    pages: Vec<Page>,
    /// The top of the free space on the current page.
    pub y: f32,
}

impl Composer {
    /// A composer with one empty page.
    pub fn new(heading: Heading, orientation: Orientation) -> Self {
        let size = orientation.size();
        Self {
            heading,
            size,
            pages: vec![Page {
                size,
                items: Vec::new(),
            }],
            y: MARGIN + HEADER_H,
        }
    }

    /// Left edge of the text area.
    pub fn left(&self) -> f32 {
        MARGIN
    }

    /// Width of the text area.
    pub fn width(&self) -> f32 {
        self.size.0 - 2.0 * MARGIN
    }

    /// The lowest y the body may use on a page.
    pub fn bottom(&self) -> f32 {
        self.size.1 - MARGIN - FOOTER_H
    }

    /// The y at which a fresh page's body starts.
    pub fn top(&self) -> f32 {
        MARGIN + HEADER_H
    }

    /// Free height left on the current page.
    pub fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Page {
            size: self.size,
            items: Vec::new(),
        });
        self.y = self.top();
    }

    /// Starts a new page unless the current one is still empty.
    pub fn page_break(&mut self) {
        if self.pages.last().is_some_and(|p| !p.items.is_empty()) {
            self.new_page();
        }
    }

    /// Starts a new page when `height` does not fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom() + 0.01 && self.y > self.top() + 0.01 {
            self.new_page();
        }
    }

    /// Adds an item to the current page.
    pub fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    /// Places one line of text at (`x`, `y`) and returns its width.
    pub fn text_at(&mut self, x: f32, y: f32, size: f32, text: &str, grey: bool) -> f32 {
        let width = font::width(text, size);
        self.push(Item::Text {
            x,
            y,
            size,
            text: text.to_owned(),
            width,
            grey,
        });
        width
    }

    /// A centred title line.
    pub fn title(&mut self, text: &str, size: f32) {
        let lines = wrap(text, size, self.width());
        for line in lines {
            self.ensure(size * LEADING);
            let w = font::width(&line, size);
            let x = self.left() + (self.width() - w) / 2.0;
            let y = self.y;
            self.text_at(x, y, size, &line, false);
            self.y += size * LEADING;
        }
    }

    /// A paragraph wrapped to the text area; `indent` sets the first line
    /// in by two hanzi, as Chinese body text is.
    pub fn paragraph(&mut self, text: &str, size: f32, indent: bool) {
        let indent_w = if indent { 2.0 * size } else { 0.0 };
        let lines = wrap_indented(text, size, self.width() - indent_w, self.width());
        let lines = lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| (if i == 0 { indent_w } else { 0.0 }, line));
        for (dx, line) in lines {
            self.ensure(size * LEADING);
            let (x, y) = (self.left() + dx, self.y);
            self.text_at(x, y, size, &line, false);
            self.y += size * LEADING;
        }
    }

    /// Label–value pairs on one line, spread over the width
    /// (`姓名：王建国    日期：2006年1月5日`).
    pub fn fields(&mut self, pairs: &[(&str, String)], size: f32) {
        if let [(label, value)] = pairs {
            // A single field may be long (a study topic): wrap it whole.
            self.paragraph(&format!("{label}：{value}"), size, false);
            self.y += 4.0;
            return;
        }
        self.ensure(size * LEADING + 4.0);
        let slot = self.width() / pairs.len().max(1) as f32;
        for (i, (label, value)) in pairs.iter().enumerate() {
            let full = format!("{label}：{value}");
            let line = wrap(&full, size, slot - 6.0).into_iter().next().unwrap_or_default();
            let (x, y) = (self.left() + slot * i as f32, self.y);
            self.text_at(x, y, size, &line, false);
        }
        self.y += size * LEADING + 4.0;
    }

    /// Signature lines: each label followed by a rule to sign on, spread
    /// over the width (`党员签名：________  日期：____`).
    pub fn signatures(&mut self, labels: &[&str], size: f32) {
        let h = size * LEADING + 14.0;
        if self.y + h > self.bottom() + 0.01 {
            // Never alone on a page: the last lines above go with it.
            self.carry_over(2);
        }
        self.ensure(h);
        self.y += 10.0;
        let slot = self.width() / labels.len().max(1) as f32;
        for (i, label) in labels.iter().enumerate() {
            let x = self.left() + slot * i as f32;
            let y = self.y;
            let w = self.text_at(x, y, size, &format!("{label}："), false);
            let base = y + size * 1.15;
            self.push(Item::Line {
                x1: x + w,
                y1: base,
                x2: x + slot - 12.0,
                y2: base,
                width: 0.6,
            });
        }
        self.y += size * LEADING + 4.0;
    }

    /// Starts a new page and moves the current page's last `lines` lines
    /// of text onto it, so that what follows (a signature block) does not
    /// stand alone. Nothing moves when those lines are not plain text at
    /// the page's end (a table row, whose frame would be cut) or when they
    /// are all the page holds.
    pub fn carry_over(&mut self, lines: usize) {
        let Some(page) = self.pages.last() else { return };
        let mut tops: Vec<f32> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text { y, .. } => Some(*y),
                _ => None,
            })
            .collect();
        tops.sort_by(f32::total_cmp);
        tops.dedup();
        let Some(&from) = tops.len().checked_sub(lines).and_then(|i| tops.get(i)) else {
            self.new_page();
            return;
        };
        let span = |item: &Item| match item {
            Item::Text { y, size, .. } => (*y, y + size * LEADING),
            Item::Line { y1, y2, .. } => (y1.min(*y2), y1.max(*y2)),
            Item::Rect { y, h, .. } => (*y, y + h),
            Item::TickBox { y, size, .. } => (*y, y + size),
        };
        let only_text_below = page.items.iter().all(|item| {
            let (top, bottom) = span(item);
            bottom <= from + 0.01 || (top >= from - 0.01 && matches!(item, Item::Text { .. }))
        });
        let above = page.items.iter().any(|item| span(item).1 <= from + 0.01);
        if !only_text_below || !above {
            self.new_page();
            return;
        }
        let (kept, moved): (Vec<Item>, Vec<Item>) =
            page.items.iter().cloned().partition(|item| span(item).0 < from - 0.01);
        if let Some(page) = self.pages.last_mut() {
            page.items = kept;
        }
        let old_y = self.y;
        self.new_page();
        let dy = self.top() - from;
        for item in moved {
            self.push(match item {
                Item::Text {
                    x,
                    y,
                    size,
                    text,
                    width,
                    grey,
                } => Item::Text {
                    x,
                    y: y + dy,
                    size,
                    text,
                    width,
                    grey,
                },
                other => other,
            });
        }
        self.y = old_y + dy;
    }

    /// Blank ruled lines for writing by hand.
    pub fn ruled_lines(&mut self, count: usize, gap: f32) {
        for _ in 0..count {
            self.ensure(gap);
            self.y += gap;
            let (x1, x2, y) = (self.left(), self.left() + self.width(), self.y);
            self.push(Item::Line {
                x1,
                y1: y,
                x2,
                y2: y,
                width: 0.4,
            });
        }
        self.y += 6.0;
    }

    /// Vertical space.
    pub fn space(&mut self, h: f32) {
        self.y = (self.y + h).min(self.bottom());
    }

    /// Adds the header and footer to every page and returns the layout.
    pub fn finish(mut self) -> Layout {
        let total = self.pages.len();
        let (w, h) = self.size;
        let heading = self.heading.clone();
        let mut missing = Vec::new();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let mut add = |x: f32, y: f32, size: f32, text: &str| {
                page.items.push(Item::Text {
                    x,
                    y,
                    size,
                    text: text.to_owned(),
                    width: font::width(text, size),
                    grey: true,
                });
            };
            let hs = 8.5;
            let right_w = font::width(&heading.document, hs);
            let left_room = w - 2.0 * MARGIN - right_w - 12.0;
            let branch = wrap(&heading.branch, hs, left_room.max(20.0))
                .into_iter()
                .next()
                .unwrap_or_default();
            add(MARGIN, MARGIN, hs, &branch);
            add(w - MARGIN - right_w, MARGIN, hs, &heading.document);
            let footer = format!("第 {} 页 共 {total} 页", i + 1);
            let fy = h - MARGIN - hs * 1.2;
            add((w - font::width(&footer, hs)) / 2.0, fy, hs, &footer);
            let date = format!("打印日期：{}", heading.printed);
            add(w - MARGIN - font::width(&date, hs), fy, hs, &date);
            page.items.push(Item::Line {
                x1: MARGIN,
                y1: MARGIN + hs * 1.5,
                x2: w - MARGIN,
                y2: MARGIN + hs * 1.5,
                width: 0.5,
            });
            for item in &page.items {
                if let Item::Text { text, .. } = item {
                    for c in font::missing(text) {
                        if !missing.contains(&c) {
                            missing.push(c);
                        }
                    }
                }
            }
        }
        Layout {
            title: heading.document,
            pages: self.pages,
            missing_chars: missing,
        }
    }
}
