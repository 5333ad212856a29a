//! Ruled tables that break across pages: a row that does not fit goes to
//! the next page, and the header row is drawn again at the top of it.

use super::compose::{Composer, LEADING};
use super::font;
use super::layout::Item;
use super::text::wrap;

/// How a column's text sits in its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left (names, text).
    Left,
    /// Centred (figures, ticks).
    Center,
}

/// A column: heading, relative width, alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Col {
    /// The heading (may hold `\n` for two lines).
    pub title: String,
    /// Share of the table width, relative to the other columns.
    pub weight: f32,
    /// Text alignment in the body.
    pub align: Align,
}

impl Col {
    /// A column with `title`, `weight` and `align`.
    pub fn new(title: impl Into<String>, weight: f32, align: Align) -> Self {
        Self {
            title: title.into(),
            weight,
            align,
        }
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, wrapped to the cell.
    Text(String),
    /// A tick box (ticked or empty) before a figure; `None` draws no box.
    Check(Option<bool>, String),
    /// A row of empty boxes to tick by hand, one per label (好 一般 差).
    Boxes(Vec<String>),
}

/// One row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The cells, one per column.
    pub cells: Vec<Cell>,
    /// Shaded (a totals row).
    pub shaded: bool,
    /// At least this tall (for rows to write or sign in by hand).
    pub min_height: f32,
}

impl Row {
    /// A plain row.
    pub fn new(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            shaded: false,
            min_height: 0.0,
        }
    }
}

/// A table ready to place.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns.
    pub cols: Vec<Col>,
    /// The body rows.
    pub rows: Vec<Row>,
    /// Font size of the body.
    pub size: f32,
}

const PAD: f32 = 3.5;
const BOX: f32 = 0.85;

impl Table {
    /// Places the table at the composer's cursor, breaking across pages
    /// and repeating the header row on each.
    pub fn place(&self, c: &mut Composer) {
        self.place_with(c, true);
    }

    /// Places the table without a header row (a form of label–value rows).
    pub fn place_plain(&self, c: &mut Composer) {
        self.place_with(c, false);
    }

    fn place_with(&self, c: &mut Composer, with_header: bool) {
        let widths = self.widths(c);
        let header = self.header_row();
        c.ensure(self.start_height_with(&widths, with_header));
        if with_header {
            self.draw_row(c, &header, &widths, true);
        }
        let last = self.rows.len().saturating_sub(1);
        for (i, row) in self.rows.iter().enumerate() {
            let h = self.height(row, &widths);
            // The last row (a totals row, most often) never goes over to a
            // page alone: the row before it goes with it.
            let pair = if i + 1 == last {
                h + self.height(&self.rows[last], &widths)
            } else {
                h
            };
            let first_on_page = c.y <= c.top() + self.height(&header, &widths) + 0.01;
            if c.y + h > c.bottom() + 0.01 || (c.y + pair > c.bottom() + 0.01 && !first_on_page) {
                c.new_page();
                if with_header {
                    self.draw_row(c, &header, &widths, true);
                }
            }
            self.draw_row(c, row, &widths, false);
        }
    }

    /// The columns' widths across the composer's text area.
    fn widths(&self, c: &Composer) -> Vec<f32> {
        let total: f32 = self.cols.iter().map(|col| col.weight).sum::<f32>().max(0.001);
        self.cols.iter().map(|col| col.weight / total * c.width()).collect()
    }

    fn header_row(&self) -> Row {
        Row {
            cells: self.cols.iter().map(|col| Cell::Text(col.title.clone())).collect(),
            shaded: true,
            min_height: 0.0,
        }
    }

    /// The height the table needs where it starts: its header and its
    /// first rows (up to three), so that a heading placed just before,
    /// with [`Composer::ensure`] of this plus its own height, never ends a
    /// page without the table under it.
    pub fn start_height(&self, c: &Composer) -> f32 {
        self.start_height_with(&self.widths(c), true)
    }

    fn start_height_with(&self, widths: &[f32], with_header: bool) -> f32 {
        let header = if with_header {
            self.height(&self.header_row(), widths)
        } else {
            0.0
        };
        header + self.rows.iter().take(3).map(|r| self.height(r, widths)).sum::<f32>()
    }

    fn lines(&self, cell: &Cell, width: f32) -> Vec<String> {
        let inner = width - 2.0 * PAD;
        match cell {
            Cell::Text(t) => wrap(t, self.size, inner),
            Cell::Check(Some(_), t) => wrap(t, self.size, inner - self.size * (BOX + 0.3)),
            Cell::Check(None, t) => wrap(t, self.size, inner),
            Cell::Boxes(_) => vec![String::new()],
        }
    }

    fn height(&self, row: &Row, widths: &[f32]) -> f32 {
        let most = row
            .cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| self.lines(cell, *w).len())
            .max()
            .unwrap_or(1)
            .max(1);
        (most as f32 * self.size * LEADING + 2.0 * PAD).max(row.min_height)
    }

    fn draw_row(&self, c: &mut Composer, row: &Row, widths: &[f32], header: bool) {
        let full = self.height(row, widths);
        // A row taller than a page keeps only the lines that fit.
        let h = full.min(c.bottom() - c.y);
        let keep = (((h - 2.0 * PAD) / (self.size * LEADING)).floor() as usize).max(1);
        let (top, left, width) = (c.y, c.left(), c.width());
        if row.shaded {
            c.push(Item::Rect {
                x: left,
                y: top,
                w: width,
                h,
                filled: true,
            });
        }
        let mut x = left;
        for (i, (cell, w)) in row.cells.iter().zip(widths).enumerate() {
            let align = if header { Align::Center } else { self.cols[i].align };
            let mut lines = self.lines(cell, *w);
            lines.truncate(keep);
            let text_h = lines.len() as f32 * self.size * LEADING;
            let ty = top + (h - text_h) / 2.0 + self.size * (LEADING - 1.2) / 2.0;
            let mut tx_offset = 0.0;
            match cell {
                Cell::Check(Some(done), _) => {
                    let bs = self.size * BOX;
                    let lw = lines.first().map_or(0.0, |l| font::width(l, self.size));
                    let block = bs + self.size * 0.3 + lw;
                    let bx = match align {
                        Align::Left => x + PAD,
                        Align::Center => x + (w - block) / 2.0,
                    };
                    c.push(Item::TickBox {
                        x: bx,
                        y: top + (h - bs) / 2.0,
                        size: bs,
                        ticked: *done,
                    });
                    tx_offset = bs + self.size * 0.3;
                    if let Some(line) = lines.first() {
                        c.text_at(bx + tx_offset, ty, self.size, line, false);
                    }
                    for (k, line) in lines.iter().enumerate().skip(1) {
                        let yy = ty + k as f32 * self.size * LEADING;
                        c.text_at(bx + tx_offset, yy, self.size, line, false);
                    }
                }
                Cell::Boxes(labels) => {
                    let bs = self.size * BOX;
                    let parts: Vec<f32> = labels
                        .iter()
                        .map(|l| bs + 2.0 + font::width(l, self.size) + 6.0)
                        .collect();
                    let all: f32 = parts.iter().sum();
                    let mut bx = x + ((w - all) / 2.0).max(PAD);
                    for (label, pw) in labels.iter().zip(parts) {
                        c.push(Item::TickBox {
                            x: bx,
                            y: top + (h - bs) / 2.0,
                            size: bs,
                            ticked: false,
                        });
                        c.text_at(
                            bx + bs + 2.0,
                            top + (h - self.size * 1.2) / 2.0,
                            self.size,
                            label,
                            false,
                        );
                        bx += pw;
                    }
                }
                _ => {
                    for (k, line) in lines.iter().enumerate() {
                        let lw = font::width(line, self.size);
                        let lx = match align {
                            Align::Left => x + PAD + tx_offset,
                            Align::Center => x + (w - lw) / 2.0,
                        };
                        let yy = ty + k as f32 * self.size * LEADING;
                        c.text_at(lx, yy, self.size, line, false);
                    }
                }
            }
            // The vertical rule on the left of the cell.
            c.push(Item::Line {
                x1: x,
                y1: top,
                x2: x,
                y2: top + h,
                width: 0.5,
            });
            x += w;
        }
        let right = left + width;
        for (x1, y1, x2, y2) in [
            (right, top, right, top + h),
            (left, top, right, top),
            (left, top + h, right, top + h),
        ] {
            c.push(Item::Line {
                x1,
                y1,
                x2,
                y2,
                width: 0.5,
            });
        }
        c.y = top + h;
    }
}
