//! The one face every form is set in: the bundled Noto Sans CJK SC subset
//! (the same bytes the window uses). Glyph ids and advances come from the
//! font itself, so the layout measures exactly what the PDF draws.

use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The bundled face: Noto Sans CJK SC cut to the blocks we print
/// (see `assets/fonts/tools/make_subset.py`); the same bytes the window
/// shows ([`crate::assets`]), not a second copy in the program.
pub use crate::assets::CJK_FONT;

/// One character placed with the face: its glyph and advance in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Glyph id in [`CJK_FONT`]; 0 (the empty box) when the face lacks it.
    pub glyph: u32,
    /// Advance as a fraction of the font size.
    pub advance: f32,
}

/// The parsed face, built once.
struct Face {
    font: FontRef<'static>,
    upem: f32,
    /// Every character of the Basic Multilingual Plane placed once, by
    /// its code: looking each character up in the font's tables again
    /// was a tenth of printing 100,000 members' checklists.
    basic: Vec<Placed>,
}

/// What a character the face lacks is placed as.
const LACKING: Placed = Placed { glyph: 0, advance: 1.0 };

fn face() -> Option<&'static Face> {
    static FACE: OnceLock<Option<Face>> = OnceLock::new();
    FACE.get_or_init(|| {
        let font = FontRef::new(CJK_FONT).ok()?;
        let upem = f32::from(font.head().ok()?.units_per_em());
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let mut basic = vec![LACKING; 0x1_0000];
        for (code, glyph) in font.charmap().mappings() {
            if let Some(slot) = basic.get_mut(code as usize)
                && glyph.to_u32() != 0
            {
                *slot = Placed {
                    glyph: glyph.to_u32(),
                    advance: metrics.advance_width(glyph).unwrap_or(upem) / upem,
                };
            }
        }
        Some(Face { font, upem, basic })
    })
    .as_ref()
}

use skrifa::raw::TableProvider;

/// Places every character of `text`: a character the face lacks gets
/// glyph 0 (drawn as an empty box) with the width of a hanzi, and is
/// reported by [`missing`].
pub fn place(text: &str) -> Vec<Placed> {
    let Some(face) = face() else {
        return text.chars().map(|_| LACKING).collect();
    };
    text.chars()
        .map(|c| match face.basic.get(c as usize) {
            Some(placed) => *placed,
            None => beyond_basic(face, c),
        })
        .collect()
}

/// A character past the Basic Multilingual Plane (𠮷), from the font's
/// tables.
fn beyond_basic(face: &Face, c: char) -> Placed {
    match face.font.charmap().map(c) {
        Some(g) if g.to_u32() != 0 => Placed {
            glyph: g.to_u32(),
            advance: face
                .font
                .glyph_metrics(Size::unscaled(), LocationRef::default())
                .advance_width(g)
                .unwrap_or(face.upem)
                / face.upem,
        },
        _ => LACKING,
    }
}

/// The width of `text` at `size` points.
pub fn width(text: &str, size: f32) -> f32 {
    let Some(face) = face() else {
        return text.chars().count() as f32 * size;
    };
    text.chars()
        .map(|c| match face.basic.get(c as usize) {
            Some(placed) => placed.advance,
            None => beyond_basic(face, c).advance,
        })
        .sum::<f32>()
        * size
}

/// The characters of `text` the face cannot draw (each once, in order).
pub fn missing(text: &str) -> Vec<char> {
    let mut out = Vec::new();
    for (c, p) in text.chars().zip(place(text)) {
        if p.glyph == 0 && !c.is_whitespace() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Ascent of the face as a fraction of the size (for placing baselines).
pub const ASCENT: f32 = 0.88;
