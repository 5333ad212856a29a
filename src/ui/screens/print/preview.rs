//! Paints a page of a print [`Layout`] inside the window: the same items the
//! PDF draws, scaled to the space given, on a white sheet.

use egui::{Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2};

use crate::report::pdf::render::tick_points;
use crate::report::pdf::{Item, Page};

/// Paints `page` as wide as `width` points allow (never below a readable
/// scale) and returns the response of the sheet.
pub fn page_ui(ui: &mut egui::Ui, page: &Page, width: f32) -> egui::Response {
    let scale = (width / page.size.0).max(0.9);
    let size = Vec2::new(page.size.0, page.size.1) * scale;
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect.expand(4.0));
    painter.rect_filled(rect.translate(Vec2::splat(3.0)), 0.0, Color32::from_black_alpha(40));
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let at = |x: f32, y: f32| Pos2::new(rect.left() + x * scale, rect.top() + y * scale);
    let ink = Stroke::new(1.0, Color32::BLACK);
    for item in &page.items {
        match item {
            Item::Text {
                x, y, size, text, grey, ..
            } => {
                let colour = if *grey { Color32::from_gray(90) } else { Color32::BLACK };
                painter.text(
                    at(*x, *y + size * 0.1),
                    egui::Align2::LEFT_TOP,
                    text,
                    FontId::proportional(size * scale),
                    colour,
                );
            }
            Item::Line { x1, y1, x2, y2, width } => {
                painter.line_segment(
                    [at(*x1, *y1), at(*x2, *y2)],
                    Stroke::new((width * scale).max(0.6), Color32::BLACK),
                );
            }
            Item::Rect { x, y, w, h, filled } => {
                let r = Rect::from_min_max(at(*x, *y), at(x + w, y + h));
                if *filled {
                    painter.rect_filled(r, 0.0, Color32::from_gray(235));
                } else {
                    painter.rect_stroke(r, 0.0, ink, egui::StrokeKind::Middle);
                }
            }
            Item::TickBox { x, y, size, ticked } => {
                let r = Rect::from_min_max(at(*x, *y), at(x + size, y + size));
                painter.rect_stroke(r, 0.0, ink, egui::StrokeKind::Middle);
                if *ticked {
                    let points = tick_points().map(|(fx, fy)| at(x + fx * size, y + fy * size)).to_vec();
                    painter.add(egui::Shape::line(
                        points,
                        Stroke::new((size * scale * 0.14).max(1.0), Color32::BLACK),
                    ));
                }
            }
        }
    }
    response
}
