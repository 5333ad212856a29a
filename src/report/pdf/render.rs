//! The PDF back end: writes a [`Layout`] with krilla, the bundled face
//! embedded as a subset (only the glyphs used), text as real text (it can
//! be searched and copied), boxes and ticks as vector paths.

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::PrintError;
use super::font::{self, CJK_FONT};
use super::layout::{Item, Layout};

/// Where the baseline sits below the top of a text line box, in em.
const BASELINE: f32 = 0.98;

/// The PDF bytes of `layout`.
pub fn pdf(layout: &Layout) -> Result<Vec<u8>, PrintError> {
    let face = Font::new(CJK_FONT.into(), 0).ok_or(PrintError::Font)?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(layout.title.clone())
            .creator("支部台账".to_owned()),
    );
    for page in &layout.pages {
        let settings = PageSettings::from_wh(page.size.0, page.size.1).ok_or(PrintError::Font)?;
        let mut p = document.start_page_with(settings);
        let mut surface = p.surface();
        for item in &page.items {
            draw(&mut surface, &face, item);
        }
        surface.finish();
        p.finish();
    }
    document.finish().map_err(|e| PrintError::Pdf(format!("{e:?}")))
}

fn grey(level: u8) -> Fill {
    Fill {
        paint: luma::Color::new(level).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn stroke(width: f32) -> Stroke {
    Stroke {
        paint: luma::Color::black().into(),
        width,
        line_cap: LineCap::Butt,
        line_join: LineJoin::Miter,
        ..Stroke::default()
    }
}

fn draw(surface: &mut Surface<'_>, face: &Font, item: &Item) {
    match item {
        Item::Text {
            x,
            y,
            size,
            text,
            grey: g,
            ..
        } => {
            let mut glyphs = Vec::new();
            let mut offset = 0;
            for (c, placed) in text.chars().zip(font::place(text)) {
                let len = c.len_utf8();
                glyphs.push(KrillaGlyph::new(
                    GlyphId::new(placed.glyph),
                    placed.advance,
                    0.0,
                    0.0,
                    0.0,
                    offset..offset + len,
                    None,
                ));
                offset += len;
            }
            surface.set_stroke(None);
            surface.set_fill(Some(grey(if *g { 90 } else { 0 })));
            surface.draw_glyphs(
                Point::from_xy(*x, y + size * BASELINE),
                &glyphs,
                face.clone(),
                text,
                *size,
                false,
            );
        }
        Item::Line { x1, y1, x2, y2, width } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*width)));
                surface.draw_path(&path);
            }
        }
        Item::Rect { x, y, w, h, filled } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x, *y);
            pb.line_to(x + w, *y);
            pb.line_to(x + w, y + h);
            pb.line_to(*x, y + h);
            pb.close();
            if let Some(path) = pb.finish() {
                if *filled {
                    surface.set_stroke(None);
                    surface.set_fill(Some(grey(235)));
                } else {
                    surface.set_fill(None);
                    surface.set_stroke(Some(stroke(0.5)));
                }
                surface.draw_path(&path);
            }
        }
        Item::TickBox { x, y, size, ticked } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x, *y);
            pb.line_to(x + size, *y);
            pb.line_to(x + size, y + size);
            pb.line_to(*x, y + size);
            pb.close();
            surface.set_fill(None);
            surface.set_stroke(Some(stroke(0.6)));
            if let Some(path) = pb.finish() {
                surface.draw_path(&path);
            }
            if *ticked {
                let mut pb = PathBuilder::new();
                for (i, (fx, fy)) in tick_points().iter().enumerate() {
                    let (px, py) = (x + fx * size, y + fy * size);
                    if i == 0 { pb.move_to(px, py) } else { pb.line_to(px, py) }
                }
                if let Some(path) = pb.finish() {
                    surface.set_stroke(Some(Stroke {
                        line_cap: LineCap::Round,
                        line_join: LineJoin::Round,
                        ..stroke(size * 0.14)
                    }));
                    surface.draw_path(&path);
                }
            }
        }
    }
}

/// The tick inside a box, as fractions of the box (shared with the preview).
pub fn tick_points() -> [(f32, f32); 3] {
    [(0.2, 0.52), (0.42, 0.75), (0.82, 0.22)]
}
