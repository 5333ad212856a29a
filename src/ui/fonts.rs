//! The bundled CJK font, and the few style settings the program changes
//! (text sizes, spacing, visible edges).
//!
//! egui's default fonts have no Chinese. We bundle a subset of Noto Sans CJK
//! SC (see `assets/fonts/tools/make_subset.py`) and put it behind egui's own
//! proportional and monospace faces, so Latin keeps egui's look and every
//! hanzi of the basic block renders. No system font fallback: an offline
//! laptop's fonts vary, the bundled face does not.

use std::sync::Arc;

use crate::assets::CJK_FONT;

const CJK_NAME: &str = "NotoSansCJKsc";

/// Installs the CJK font on `ctx` (once, at start).
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts
        .font_data
        .insert(CJK_NAME.to_owned(), Arc::new(egui::FontData::from_static(CJK_FONT)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().insert(1, CJK_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
    ctx.all_styles_mut(|style| {
        style
            .text_styles
            .insert(egui::TextStyle::Body, egui::FontId::proportional(15.0));
        style
            .text_styles
            .insert(egui::TextStyle::Button, egui::FontId::proportional(15.0));
        style
            .text_styles
            .insert(egui::TextStyle::Heading, egui::FontId::proportional(21.0));
        style
            .text_styles
            .insert(egui::TextStyle::Small, egui::FontId::proportional(12.5));
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
        // Every text box, tick box and button has a visible edge in both
        // themes: egui's light theme draws them white on white on a
        // striped row. Disabled controls fade further, so that a greyed
        // 撤销 in the dark theme does not look pressable.
        let dark = style.visuals.dark_mode;
        let edge = egui::Color32::from_gray(if dark { 105 } else { 165 });
        style.visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, edge);
        style.visuals.disabled_alpha = 0.35;
    });
}
