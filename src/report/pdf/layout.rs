//! The printed pages as data: page size and positioned items in points
//! (1/72 inch), origin at the top-left, y growing down. Both back ends read
//! this — [`super::render`] writes it as PDF and the 打印 screen paints it —
//! so the preview is the print, and tests check the layout before any PDF.

/// A4 in points.
pub const A4: (f32, f32) = (595.28, 841.89);

/// The page margin on every side (15 mm); nothing is drawn outside it.
pub const MARGIN: f32 = 42.5;

/// Which way the paper lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Taller than wide.
    Portrait,
    /// Wider than tall, for wide tables.
    Landscape,
}

impl Orientation {
    /// Width and height of an A4 page lying this way.
    pub fn size(self) -> (f32, f32) {
        match self {
            Orientation::Portrait => A4,
            Orientation::Landscape => (A4.1, A4.0),
        }
    }
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text; `y` is the top of its line box.
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        /// The measured width, kept for the margin check and the preview.
        width: f32,
        /// Grey instead of black (header, footer, hints).
        grey: bool,
    },
    /// A straight line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A rectangle, filled light grey or only outlined.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        filled: bool,
    },
    /// A square box to tick, drawn as vector paths (no ☑ glyph needed).
    TickBox { x: f32, y: f32, size: f32, ticked: bool },
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Width and height in points.
    pub size: (f32, f32),
    /// What is drawn, in drawing order.
    pub items: Vec<Item>,
}

/// A whole document, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The document title (also the PDF's title).
    pub title: String,
    /// The pages in order.
    pub pages: Vec<Page>,
    /// Characters the font lacks, drawn as empty boxes.
    pub missing_chars: Vec<char>,
}

impl Layout {
    /// Every text item that reaches outside the page margins, with its page
    /// number (from 1); empty for a good layout.
    pub fn outside_margins(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (i, page) in self.pages.iter().enumerate() {
            let (w, h) = page.size;
            for item in &page.items {
                if let Item::Text {
                    x,
                    y,
                    size,
                    text,
                    width,
                    ..
                } = item
                {
                    let inside = *x >= MARGIN - 0.01
                        && x + width <= w - MARGIN + 0.01
                        && *y >= MARGIN - 0.01
                        && y + size * 1.2 <= h - MARGIN + 0.01;
                    if !inside {
                        out.push((i + 1, text.clone()));
                    }
                }
            }
        }
        out
    }

    /// All text of page `index` (from 0), one item per line, for tests.
    pub fn page_text(&self, index: usize) -> String {
        let Some(page) = self.pages.get(index) else {
            return String::new();
        };
        let mut out = String::new();
        for item in &page.items {
            if let Item::Text { text, .. } = item {
                out.push_str(text);
                out.push('\n');
            }
        }
        out
    }
}
