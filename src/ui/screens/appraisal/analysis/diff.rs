//! 两稿对比: two drafts of a member's analysis compared phrase by phrase
//! ([`crate::progress::compare`]), as the reviewer reads them — the count
//! at the top, inside each changed paragraph the removed text struck
//! through and the added text underlined, each on its own tint, and every
//! run of unchanged paragraphs folded to one line (……未改动 3 段……) that
//! opens on a click. The comparison is worked out once, when it is asked
//! for, not every frame.

use std::collections::HashSet;

use crate::model::analysis::Revision;
use crate::progress::compare::{self, Block, Comparison, Mark, OnPaper};

/// The comparison shown in the middle of the tab.
pub struct CompareView {
    /// The drafts compared (indices into the revisions).
    pub old: usize,
    pub new: usize,
    /// The comparison, or the draft on paper only that stops it.
    comparison: Result<Comparison, OnPaper>,
    /// The runs of unchanged paragraphs opened, by block index.
    open: HashSet<usize>,
}

impl CompareView {
    /// Compares draft number `old` (from 0) with draft `new`.
    pub fn new(old: (usize, &Revision), new: (usize, &Revision)) -> Self {
        Self {
            old: old.0,
            new: new.0,
            comparison: compare::compare_drafts(old.1, new.1),
            open: HashSet::new(),
        }
    }
}

/// The colours of the marks: text and tint, checked for contrast on both
/// themes (see the tests).
#[derive(Debug, Clone, Copy)]
struct Palette {
    removed: (egui::Color32, egui::Color32),
    added: (egui::Color32, egui::Color32),
}

impl Palette {
    const LIGHT: Palette = Palette {
        removed: (rgb(0xa3, 0x1a, 0x1a), rgb(0xfd, 0xe4, 0xe4)),
        added: (rgb(0x1b, 0x5e, 0x20), rgb(0xdd, 0xf2, 0xde)),
    };
    const DARK: Palette = Palette {
        removed: (rgb(0xff, 0xb0, 0xa8), rgb(0x5c, 0x1f, 0x1f)),
        added: (rgb(0xa9, 0xe5, 0xa9), rgb(0x1c, 0x45, 0x22)),
    };

    fn of(ui: &egui::Ui) -> Self {
        if ui.visuals().dark_mode {
            Self::DARK
        } else {
            Self::LIGHT
        }
    }

    /// `text` in the style of `mark`.
    fn styled(self, mark: Mark, text: &str) -> egui::RichText {
        let rich = egui::RichText::new(text);
        match mark {
            Mark::Same => rich,
            Mark::Removed => rich
                .color(self.removed.0)
                .background_color(self.removed.1)
                .strikethrough(),
            Mark::Added => rich.color(self.added.0).background_color(self.added.1).underline(),
        }
    }
}

const fn rgb(r: u8, g: u8, b: u8) -> egui::Color32 {
    egui::Color32::from_rgb(r, g, b)
}

/// The comparison of two drafts. Returns true to go back to editing.
pub fn compare_ui(ui: &mut egui::Ui, view: &mut CompareView) -> bool {
    let palette = Palette::of(ui);
    let (old, new) = (view.old + 1, view.new + 1);
    let mut back = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(format!("第{old}稿与第{new}稿对比")).strong());
        if let Ok(comparison) = &view.comparison {
            ui.label(egui::RichText::new(comparison.summary.sentence()).strong());
        }
        if ui.button("返回编辑").clicked() {
            back = true;
        }
    });
    let comparison = match &view.comparison {
        Ok(comparison) => comparison,
        Err(paper) => {
            ui.separator();
            ui.label(paper.sentence(old, new));
            return back;
        }
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("图例：");
        ui.label(palette.styled(Mark::Removed, "删除的文字"));
        ui.label(palette.styled(Mark::Added, "增加的文字"));
    });
    if comparison.cut_short {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "两稿差别很大，部分段落来不及逐字比较，按整段删除和增加显示。",
        );
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("analysis_compare_scroll")
        .auto_shrink(false)
        .show(ui, |ui| blocks_ui(ui, palette, comparison, &mut view.open));
    back
}

fn blocks_ui(ui: &mut egui::Ui, palette: Palette, comparison: &Comparison, open: &mut HashSet<usize>) {
    if comparison.blocks.is_empty() {
        ui.label("两稿都没有内容。");
        return;
    }
    for (index, block) in comparison.blocks.iter().enumerate() {
        match block {
            Block::Same(paragraphs) => same_ui(ui, index, paragraphs, open),
            Block::Changed(pieces) => {
                let mut job = egui::text::LayoutJob::default();
                for piece in pieces {
                    palette.styled(piece.mark, &piece.text).append_to(
                        &mut job,
                        ui.style(),
                        egui::FontSelection::Default,
                        egui::Align::Center,
                    );
                }
                ui.add(egui::Label::new(job).wrap());
            }
            Block::Removed { text, moved_to } => {
                let note = moved_to.map(|n| format!("（已移至新稿第 {n} 段）"));
                whole_ui(ui, palette, Mark::Removed, text, note);
            }
            Block::Added { text, moved_from } => {
                let note = moved_from.map(|n| format!("（自原稿第 {n} 段移来）"));
                whole_ui(ui, palette, Mark::Added, text, note);
            }
        }
    }
}

/// A paragraph removed or added whole, with where it moved, if it did.
fn whole_ui(ui: &mut egui::Ui, palette: Palette, mark: Mark, text: &str, note: Option<String>) {
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    palette
        .styled(mark, text)
        .append_to(&mut job, style, egui::FontSelection::Default, egui::Align::Center);
    if let Some(note) = note {
        egui::RichText::new(note)
            .weak()
            .append_to(&mut job, style, egui::FontSelection::Default, egui::Align::Center);
    }
    ui.add(egui::Label::new(job).wrap());
}

/// A run of unchanged paragraphs: one line that opens it, or the
/// paragraphs under a line that folds them again.
fn same_ui(ui: &mut egui::Ui, index: usize, paragraphs: &[String], open: &mut HashSet<usize>) {
    let n = paragraphs.len();
    if !open.contains(&index) {
        let fold = egui::Button::new(egui::RichText::new(format!("……未改动 {n} 段……")).weak()).frame(false);
        if ui.add(fold).on_hover_text("点击展开未改动的段落").clicked() {
            open.insert(index);
        }
        return;
    }
    let fold = egui::Button::new(egui::RichText::new(format!("收起未改动的 {n} 段")).weak()).frame(false);
    if ui.add(fold).clicked() {
        open.remove(&index);
    }
    for paragraph in paragraphs {
        ui.add(egui::Label::new(paragraph.as_str()).wrap());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(c: egui::Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn marks_are_readable_on_both_themes() {
        for (palette, visuals) in [
            (Palette::LIGHT, egui::Visuals::light()),
            (Palette::DARK, egui::Visuals::dark()),
        ] {
            for (fg, bg) in [palette.removed, palette.added] {
                // WCAG AA for body text, on the tint and on the bare panel.
                assert!(contrast(fg, bg) >= 4.5, "{fg:?} on {bg:?}: {}", contrast(fg, bg));
                assert!(contrast(fg, visuals.panel_fill) >= 4.5, "{fg:?} on the panel");
                // The tint shows against the panel.
                assert!(contrast(bg, visuals.panel_fill) >= 1.1, "{bg:?} lost on the panel");
            }
            // The two marks differ by more than colour: a struck line and an
            // underline; their tints still differ from each other.
            assert_ne!(palette.removed.1, palette.added.1);
        }
    }
}
