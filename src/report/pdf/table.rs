//! Ruled tables that break across pages: a row that does not fit goes to
//! the next page, and the header row is drawn again at the top of it.
//!
//! Column widths come from the content, measured with the face's
//! advances: no column is narrower than its widest unbroken piece (a
//! figure, a date, a name, a short word such as 全部完成) while the page
//! allows, and when a text column would wrap, the columns of figures and
//! dates give it what they do not need (`column_widths`).

use super::compose::{Composer, LEADING};
use super::font;
use super::layout::Item;
use super::text::{unbreakable_width, wrap};

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
    /// Share of the table width, relative to the other columns, where
    /// the content does not ask for more or less (see `column_widths`).
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
/// A line of a cell up to this many characters is never broken where the
/// page allows: a name of up to four characters, 序号, 全部完成, a heading
/// such as 存在的问题.
const WHOLE: usize = 5;
/// The space left under a table.
const AFTER: f32 = 6.0;
/// Kept beyond a column's measured need, so rounding never breaks a line
/// that was measured to fit.
const SLACK: f32 = 0.5;

/// What one column needs, as measured by [`Table::measure`].
#[derive(Debug, Clone, Copy, PartialEq)]
struct Need {
    /// The designed share of the width.
    weight: f32,
    /// Narrower than this, a figure, date, name or short word breaks.
    least: f32,
    /// The width of its widest cell on one line, with an em of air.
    natural: f32,
    /// A text column: it takes the width others give away.
    text: bool,
    /// A column of figures, dates or short words: it needs no more than
    /// its widest cell and gives the rest to the text columns.
    fixed: bool,
}

/// The columns' widths across `total` points. Each column gets its weight's
/// share, but never less than its [`Need::least`] while the page allows
/// (the others give up width by weight). Then, when a text column would
/// still wrap, the figure and date columns shrink to their widest cell and
/// the text columns share what they give up. When even the unbroken
/// pieces do not fit, the columns share the width in proportion to them.
fn column_widths(needs: &[Need], total: f32) -> Vec<f32> {
    let least_sum: f32 = needs.iter().map(|n| n.least).sum();
    if least_sum > total {
        return needs.iter().map(|n| n.least / least_sum * total).collect();
    }
    let weights: Vec<f32> = needs.iter().map(|n| n.weight).collect();
    let floors: Vec<f32> = needs.iter().map(|n| n.least).collect();
    let mut widths = share(&weights, &floors, total);
    let needy: Vec<bool> = needs
        .iter()
        .zip(&widths)
        .map(|(n, w)| n.text && n.natural > w + 0.01)
        .collect();
    if needy.iter().any(|&b| b) {
        let mut spare = 0.0;
        for (n, w) in needs.iter().zip(widths.iter_mut()) {
            if n.fixed && *w > n.natural {
                spare += *w - n.natural;
                *w = n.natural;
            }
        }
        let weight: f32 = needs
            .iter()
            .zip(&needy)
            .filter(|(_, b)| **b)
            .map(|(n, _)| n.weight)
            .sum();
        let count = needy.iter().filter(|&&b| b).count() as f32;
        for ((n, w), b) in needs.iter().zip(widths.iter_mut()).zip(&needy) {
            if *b {
                *w += if weight > 0.0 {
                    spare * n.weight / weight
                } else {
                    spare / count
                };
            }
        }
    }
    widths
}

/// Shares `total` by `weights`, giving no column less than its floor: a
/// column whose share falls short is held at its floor and the others
/// share the rest. The floors must fit in `total`.
fn share(weights: &[f32], floors: &[f32], total: f32) -> Vec<f32> {
    let mut held = vec![false; weights.len()];
    loop {
        let left = total
            - floors
                .iter()
                .zip(&held)
                .filter(|(_, h)| **h)
                .map(|(f, _)| f)
                .sum::<f32>();
        let weight: f32 = weights.iter().zip(&held).filter(|(_, h)| !**h).map(|(w, _)| w).sum();
        let free = held.iter().filter(|h| !**h).count().max(1) as f32;
        let part = |w: f32| if weight > 0.0 { w / weight * left } else { left / free };
        let short: Vec<usize> = (0..weights.len())
            .filter(|&i| !held[i] && part(weights[i]) < floors[i] - 0.001)
            .collect();
        if short.is_empty() {
            return (0..weights.len())
                .map(|i| if held[i] { floors[i] } else { part(weights[i]) })
                .collect();
        }
        for i in short {
            held[i] = true;
        }
    }
}

impl Table {
    /// Places the table at the composer's cursor, breaking across pages
    /// and repeating the header row on each.
    pub fn place(&self, c: &mut Composer) {
        self.place_with(c, true, c.width());
    }

    /// Like [`Table::place`], the table no wider than `width` points, at
    /// the left margin: a table of a few columns that goes on from a wider
    /// one keeps that one's column widths instead of spreading across the
    /// page.
    pub fn place_within(&self, c: &mut Composer, width: f32) {
        self.place_with(c, true, width.min(c.width()));
    }

    /// Places the table without a header row (a form of label–value rows).
    pub fn place_plain(&self, c: &mut Composer) {
        self.place_with(c, false, c.width());
    }

    fn place_with(&self, c: &mut Composer, with_header: bool, total: f32) {
        let widths = column_widths(&self.measure(), total);
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
        // What follows (a note, a date line) never touches the bottom rule.
        c.space(AFTER);
    }

    /// The columns' widths across the composer's text area.
    fn widths(&self, c: &Composer) -> Vec<f32> {
        column_widths(&self.measure(), c.width())
    }

    /// What each column needs: its weight, the width under which a
    /// figure, a date, a name or a short word in it would break, its width
    /// on one line, and whether it may give width away (see
    /// [`column_widths`]).
    fn measure(&self) -> Vec<Need> {
        let header = self.header_row();
        self.cols
            .iter()
            .enumerate()
            .map(|(i, col)| {
                let cells =
                    || std::iter::once(&header.cells[i]).chain(self.rows.iter().filter_map(move |r| r.cells.get(i)));
                let (mut least, mut natural) = (0.0f32, 0.0f32);
                for cell in cells() {
                    let (l, n) = self.cell_need(cell);
                    least = least.max(l);
                    natural = natural.max(n);
                }
                let body = || self.rows.iter().filter_map(|r| r.cells.get(i));
                let filled = body().any(|cell| match cell {
                    Cell::Text(t) => !t.trim().is_empty(),
                    Cell::Check(done, t) => done.is_some() || !t.trim().is_empty(),
                    Cell::Boxes(_) => false,
                });
                let boxes = body().any(|cell| matches!(cell, Cell::Boxes(_)));
                Need {
                    weight: col.weight.max(0.0),
                    least: least + 2.0 * PAD + SLACK,
                    natural: natural.max(least) + 2.0 * PAD + SLACK + self.size,
                    text: col.align == Align::Left,
                    fixed: col.align == Align::Center && filled && !boxes,
                }
            })
            .collect()
    }

    /// The widths a cell needs without its padding: unbroken pieces, and
    /// everything on one line.
    fn cell_need(&self, cell: &Cell) -> (f32, f32) {
        let text = |t: &str| {
            let natural = t
                .split('\n')
                .map(|l| font::width(l.trim(), self.size))
                .fold(0.0, f32::max);
            (unbreakable_width(t, self.size, WHOLE), natural)
        };
        match cell {
            Cell::Text(t) | Cell::Check(None, t) => text(t),
            Cell::Check(Some(_), t) => {
                let (least, natural) = text(t);
                let tick = self.size * (BOX + 0.3);
                (least + tick, natural + tick)
            }
            Cell::Boxes(labels) => {
                let all = self.boxes_width(labels);
                (all, all)
            }
        }
    }

    /// The width of a row of boxes with their labels.
    fn boxes_width(&self, labels: &[String]) -> f32 {
        labels
            .iter()
            .map(|l| self.size * BOX + 2.0 + font::width(l, self.size) + 6.0)
            .sum()
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
        self.start_height_within(c, c.width())
    }

    /// [`Table::start_height`] of the table placed by [`Table::place_within`].
    pub fn start_height_within(&self, c: &Composer, width: f32) -> f32 {
        self.start_height_with(&column_widths(&self.measure(), width.min(c.width())), true)
    }

    /// The height of all the body rows, without the header row: what a
    /// form placed with [`Table::place_plain`] needs to stay on one page.
    pub fn body_height(&self, c: &Composer) -> f32 {
        let widths = self.widths(c);
        self.rows.iter().map(|r| self.height(r, &widths)).sum::<f32>() + AFTER
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
        let (top, left, width) = (c.y, c.left(), widths.iter().sum::<f32>());
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
                        .map(|l| self.boxes_width(std::slice::from_ref(l)))
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

#[cfg(test)]
mod tests {
    use super::super::compose::Heading;
    use super::super::layout::Orientation;
    use super::*;

    fn need(weight: f32, least: f32, natural: f32, text: bool, fixed: bool) -> Need {
        Need {
            weight,
            least,
            natural,
            text,
            fixed,
        }
    }

    fn composer() -> Composer {
        let heading = Heading {
            branch: "支部".to_owned(),
            document: "表".to_owned(),
            printed: "2026年12月1日".to_owned(),
        };
        Composer::new(heading, Orientation::Portrait)
    }

    #[test]
    fn widths_follow_the_weights_where_everything_fits() {
        let needs = [need(1.0, 10.0, 20.0, true, false), need(3.0, 10.0, 20.0, true, false)];
        assert_eq!(column_widths(&needs, 400.0), vec![100.0, 300.0]);
    }

    #[test]
    fn a_column_never_gets_less_than_its_unbroken_pieces() {
        // 序号 weighted too thin: it keeps its 20 points, the rest share 380.
        let needs = [
            need(0.1, 20.0, 20.0, false, true),
            need(1.0, 10.0, 30.0, true, false),
            need(1.0, 10.0, 30.0, true, false),
        ];
        let w = column_widths(&needs, 400.0);
        assert_eq!(w[0], 20.0);
        assert!((w[1] - 190.0).abs() < 0.01 && (w[2] - 190.0).abs() < 0.01, "{w:?}");
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01);
    }

    #[test]
    fn figure_and_date_columns_give_their_spare_width_to_text_that_wraps() {
        let needs = [
            need(1.0, 20.0, 30.0, false, true),
            need(1.0, 20.0, 500.0, true, false),
            need(1.0, 20.0, 40.0, true, false),
        ];
        let w = column_widths(&needs, 300.0);
        assert_eq!(w[0], 30.0, "the figures shrink to their widest cell");
        assert!((w[1] - 170.0).abs() < 0.01, "the long text takes the spare: {w:?}");
        assert!((w[2] - 100.0).abs() < 0.01, "a text that fits keeps its share: {w:?}");
        // Nothing wraps: the weights stand.
        let needs = [need(1.0, 20.0, 30.0, false, true), need(1.0, 20.0, 40.0, true, false)];
        assert_eq!(column_widths(&needs, 300.0), vec![150.0, 150.0]);
    }

    #[test]
    fn when_the_page_is_too_narrow_the_pieces_share_it() {
        let needs = [
            need(1.0, 300.0, 300.0, true, false),
            need(1.0, 100.0, 100.0, true, false),
        ];
        assert_eq!(column_widths(&needs, 200.0), vec![150.0, 50.0]);
    }

    #[test]
    fn numbers_dates_statuses_and_names_stay_on_one_line() {
        let cols = vec![
            Col::new("序号", 0.1, Align::Center),
            Col::new("问题", 3.0, Align::Left),
            Col::new("整改措施", 3.0, Align::Left),
            Col::new("责任人", 0.2, Align::Center),
            Col::new("完成时限", 0.3, Align::Center),
            Col::new("状态", 0.2, Align::Center),
        ];
        let long = "村里道路照明不足，群众夜间出行不便，反映强烈。".repeat(3);
        let rows = (1..=12)
            .map(|i| {
                Row::new(vec![
                    Cell::Text(i.to_string()),
                    Cell::Text(long.clone()),
                    Cell::Text(long.clone()),
                    Cell::Text("欧阳明月".to_owned()),
                    Cell::Text("2006年12月31日".to_owned()),
                    Cell::Check(Some(true), "全部完成".to_owned()),
                ])
            })
            .collect();
        let table = Table { cols, rows, size: 10.0 };
        let c = composer();
        let widths = table.widths(&c);
        for row in std::iter::once(&table.header_row()).chain(&table.rows) {
            for (i, cell) in row.cells.iter().enumerate() {
                if i == 1 || i == 2 {
                    continue;
                }
                let lines = table.lines(cell, widths[i]);
                assert_eq!(lines.len(), 1, "column {i} breaks: {lines:?}");
            }
        }
        assert!((widths.iter().sum::<f32>() - c.width()).abs() < 0.01);
    }
}
