//! The county report's charts, drawn with the layout's own rules and
//! rectangles (vector paths in the PDF, no picture): bars lying down, one
//! per branch, its name on the left and its figure at the end of its bar,
//! a line across at the requirement, the bars short of it hatched so that
//! they show on a black-and-white printer too; and standing bars for a
//! handful of categories (the appraisal grades).
//!
//! A lying chart of hundreds of branches goes on over pages like a table:
//! its scale is drawn again at the top of each page.

use super::super::super::compose::{Composer, LEADING};
use super::super::super::font;
use super::super::super::layout::Item;
use super::super::super::text::wrap;

/// The height of one bar.
pub const BAR_H: f32 = 9.0;
/// The size of the names, figures and scale.
const SIZE: f32 = 7.5;
/// The widest the names may take before they wrap.
const LABEL_MAX: f32 = 160.0;
/// Room kept right of the longest bar for its figure.
const FIGURE_ROOM: f32 = 52.0;
/// The distance between the lines that hatch a bar short of the requirement.
const HATCH: f32 = 3.5;

/// One bar of a lying chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The branch's name.
    pub label: String,
    /// Its figure; `None` draws no bar but says why.
    pub value: Option<f64>,
    /// The requirement it is held against, drawn as a line across.
    pub reference: Option<f64>,
}

/// What a lying chart shows.
pub struct Lying<'a> {
    /// The unit after each figure (学时, %).
    pub unit: &'a str,
    /// What a branch without the figure says (尚无测评).
    pub missing: &'a str,
    /// The largest figure the scale must hold at least (100 for a rate).
    pub at_least: f64,
    /// The name of the requirement's line (要求学时, 满意率要求).
    pub reference_name: &'a str,
    pub bars: &'a [Bar],
}

/// A round step for a scale up to `max` in about five steps: 1, 2 or 5
/// times a power of ten.
fn step_for(max: f64) -> f64 {
    let rough = (max / 5.0).max(1e-9);
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power)
}

/// A figure as the chart writes it: whole numbers whole, else one decimal.
pub fn figure(n: f64) -> String {
    if (n - n.round()).abs() < 0.05 {
        format!("{}", n.round())
    } else {
        format!("{n:.1}")
    }
}

/// Places a lying bar chart at the composer's cursor, over pages as
/// needed; returns how many bars were drawn.
pub fn lying(c: &mut Composer, chart: &Lying<'_>) -> usize {
    let biggest = chart
        .bars
        .iter()
        .flat_map(|b| [b.value, b.reference])
        .flatten()
        .fold(chart.at_least, f64::max);
    let step = step_for(biggest);
    let max = (biggest / step).ceil().max(1.0) * step;
    let widest = chart
        .bars
        .iter()
        .map(|b| font::width(&b.label, SIZE))
        .fold(0.0, f32::max);
    let label_w = widest.min(LABEL_MAX) + 4.0;
    let x0 = c.left() + label_w + 4.0;
    let x1 = c.left() + c.width() - FIGURE_ROOM;
    let scale = |v: f64| x0 + (x1 - x0) * (v / max).clamp(0.0, 1.0) as f32;
    let row_of = |bar: &Bar| {
        let lines = wrap(&bar.label, SIZE, label_w - 4.0);
        let h = (lines.len() as f32 * SIZE * LEADING).max(BAR_H + 5.0);
        (lines, h)
    };
    let axis_h = SIZE * LEADING + 4.0;
    let first_h = chart.bars.first().map_or(0.0, |b| row_of(b).1);
    c.ensure(axis_h + 3.0 * first_h);
    axis(c, (x0, x1), max, step);
    let mut drawn = 0;
    for bar in chart.bars {
        let (lines, h) = row_of(bar);
        if c.y + h > c.bottom() + 0.01 {
            c.new_page();
            axis(c, (x0, x1), max, step);
        }
        let top = c.y;
        for (i, line) in lines.iter().enumerate() {
            let w = font::width(line, SIZE);
            let y = top + i as f32 * SIZE * LEADING;
            c.text_at(x0 - 6.0 - w, y, SIZE, line, false);
        }
        let bar_y = top + (SIZE * LEADING - BAR_H) / 2.0;
        // Where the figure is written: the requirement's line leaves it clear.
        let mut words_at = None;
        match bar.value {
            Some(v) => {
                let end = scale(v).max(x0 + 0.5);
                let short = bar.reference.is_some_and(|r| v < r);
                rect(c, (x0, bar_y, end - x0, BAR_H), !short);
                if short {
                    hatch(c, (x0, bar_y, end - x0, BAR_H));
                }
                let words = format!("{}{}{}", figure(v), chart.unit, if short { "（未达）" } else { "" });
                let w = c.text_at(end + 3.0, top, SIZE, &words, false);
                words_at = Some((end + 2.0, end + 4.0 + w));
                drawn += 1;
            }
            None => {
                c.text_at(x0 + 3.0, top, SIZE, chart.missing, true);
            }
        }
        if let Some(r) = bar.reference {
            let x = scale(r);
            let spans = match words_at {
                Some((from, to)) if (from..=to).contains(&x) => vec![(top + SIZE * LEADING, top + h)],
                _ => vec![(top, top + h)],
            };
            for (y1, y2) in spans.into_iter().filter(|(a, b)| b > a) {
                c.push(Item::Line {
                    x1: x,
                    y1,
                    x2: x,
                    y2,
                    width: 1.2,
                });
            }
        }
        c.y = top + h;
    }
    let mut references = chart.bars.iter().filter_map(|b| b.reference);
    let one = references
        .next()
        .filter(|first| references.all(|r| (r - first).abs() < 1e-9));
    let line = match one {
        Some(r) => format!("{} {}{}", chart.reference_name, figure(r), chart.unit),
        None => format!("各支部的{}", chart.reference_name),
    };
    let note = format!("粗竖线：{line}；斜线条：未达到要求。");
    c.y += 4.0;
    c.paragraph(&note, SIZE, false);
    c.space(6.0);
    drawn
}

/// The scale at the top of a lying chart: its figures and a rule.
fn axis(c: &mut Composer, (x0, x1): (f32, f32), max: f64, step: f64) {
    let y = c.y;
    let base = y + SIZE * LEADING + 1.0;
    let steps = (max / step).round() as usize;
    for k in 0..=steps {
        let v = step * k as f64;
        let x = x0 + (x1 - x0) * (v / max) as f32;
        let words = figure(v);
        let w = font::width(&words, SIZE);
        c.text_at(x - w / 2.0, y, SIZE, &words, true);
        c.push(Item::Line {
            x1: x,
            y1: base - 2.0,
            x2: x,
            y2: base + 1.0,
            width: 0.5,
        });
    }
    c.push(Item::Line {
        x1: x0,
        y1: base,
        x2: x1,
        y2: base,
        width: 0.5,
    });
    c.y = base + 3.0;
}

/// A bar: filled grey with a frame, or only framed (to be hatched).
fn rect(c: &mut Composer, (x, y, w, h): (f32, f32, f32, f32), filled: bool) {
    if filled {
        c.push(Item::Rect {
            x,
            y,
            w,
            h,
            filled: true,
        });
    }
    c.push(Item::Rect {
        x,
        y,
        w,
        h,
        filled: false,
    });
}

/// Slanting lines across a bar, kept inside it.
fn hatch(c: &mut Composer, (x, y, w, h): (f32, f32, f32, f32)) {
    let mut start = x - h;
    while start < x + w {
        // The line from (start, y + h) up to (start + h, y), cut to the bar.
        let (mut ax, mut ay) = (start, y + h);
        let (mut bx, mut by) = (start + h, y);
        if ax < x {
            ay -= x - ax;
            ax = x;
        }
        if bx > x + w {
            by += bx - (x + w);
            bx = x + w;
        }
        if bx > ax {
            c.push(Item::Line {
                x1: ax,
                y1: ay,
                x2: bx,
                y2: by,
                width: 0.5,
            });
        }
        start += HATCH;
    }
}

/// Places standing bars, one per category with its count and share above
/// it and its name below; returns how many bars were drawn.
pub fn standing(c: &mut Composer, categories: &[(&str, u32)], height: f32) -> usize {
    let total: u32 = categories.iter().map(|(_, n)| n).sum();
    let biggest = categories.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let label_h = SIZE * LEADING;
    c.ensure(height + 3.0 * label_h + 8.0);
    let top = c.y + label_h;
    let base = top + height;
    let slot = c.width() / categories.len().max(1) as f32;
    let bar_w = (slot * 0.45).min(60.0);
    let mut drawn = 0;
    for (i, (name, n)) in categories.iter().enumerate() {
        let centre = c.left() + slot * (i as f32 + 0.5);
        let h = height * (*n as f32 / biggest as f32);
        if *n > 0 {
            rect(c, (centre - bar_w / 2.0, base - h, bar_w, h), true);
            drawn += 1;
        }
        let share = if total > 0 {
            format!("{n} 人（{}%）", figure(f64::from(*n) * 100.0 / f64::from(total)))
        } else {
            format!("{n} 人")
        };
        let w = font::width(&share, SIZE);
        c.text_at(centre - w / 2.0, base - h - label_h, SIZE, &share, false);
        let w = font::width(name, SIZE + 1.0);
        c.text_at(centre - w / 2.0, base + 3.0, SIZE + 1.0, name, false);
    }
    c.push(Item::Line {
        x1: c.left(),
        y1: base,
        x2: c.left() + c.width(),
        y2: base,
        width: 0.6,
    });
    c.y = base + 3.0 + (SIZE + 1.0) * LEADING + 8.0;
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_steps_by_one_two_or_five() {
        assert_eq!(step_for(50.0), 10.0);
        assert_eq!(step_for(100.0), 20.0);
        assert_eq!(step_for(7.0), 2.0);
        assert_eq!(step_for(230.0), 50.0);
    }

    #[test]
    fn figures_are_whole_or_one_decimal() {
        assert_eq!(figure(40.0), "40");
        assert_eq!(figure(38.25), "38.2");
        assert_eq!(figure(0.0), "0");
    }
}
