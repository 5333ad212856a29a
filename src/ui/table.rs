//! The record list every tab shows the same way: a 查找 box
//! ([`search_ui`]), sortable headings, a striped body laid out row by row
//! only where visible (`rows()`), a click on a row to open it, sideways
//! scrolling when a side panel leaves too little room, and the empty state
//! that says whether there are no records or the search hides them all
//! ([`empty_ui`]). The caller filters and sorts its rows by [`ListSort`]
//! and draws the cells.
//!
//! From the keyboard a row is one Tab stop: a button named with the row's
//! texts (what a screen reader reads), which Enter or Space opens like a
//! click. The cells themselves take clicks but not focus, and the columns
//! are not resizable: a drag handle is a Tab stop the keyboard cannot use,
//! and every column already has its width (fixed ones measured for their
//! entries, the long text taking the rest, clipped text whole on hover).
//! No heading is cut; when a form beside leaves too little room, the
//! columns a list marks as folding ([`Heading::folds`]) give way first.

use egui::accesskit::{Action, Role};
use egui_extras::{Column, TableBuilder};

use crate::ui::widgets::sort_header_ui;

/// Which heading a list is sorted by, and which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListSort {
    pub column: usize,
    pub descending: bool,
}

impl ListSort {
    /// Sorted by `column`, largest (newest) first.
    pub const fn descending(column: usize) -> Self {
        Self {
            column,
            descending: true,
        }
    }

    /// Puts an ordering in the chosen direction.
    pub fn apply(self, order: std::cmp::Ordering) -> std::cmp::Ordering {
        if self.descending { order.reverse() } else { order }
    }
}

/// A heading: its title and how wide its column is.
pub struct Heading {
    pub title: &'static str,
    pub width: Width,
    /// When the list is narrower than all its columns (a form open beside
    /// it in a small window), the columns with a rank fold away, the
    /// highest rank first, rather than run on out of sight; `None`: always
    /// shown. The record's form shows whatever folded.
    pub fold: Option<u8>,
}

/// How a list's column takes its width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    /// This wide.
    Fixed(f32),
    /// At least this wide, and takes what the fixed columns leave, wherever
    /// it stands: the column whose text runs long (工作单位及职务) gets the
    /// room rather than the last one.
    Grow(f32),
}

impl Heading {
    pub const fn new(title: &'static str, width: f32) -> Self {
        Self {
            title,
            width: Width::Fixed(width),
            fold: None,
        }
    }

    /// This column folds away when the list is too narrow: rank 1 last.
    pub const fn folds(self, rank: u8) -> Self {
        Self {
            fold: Some(rank),
            ..self
        }
    }

    /// The last column, taking the remaining width.
    pub const fn rest(title: &'static str) -> Self {
        Self::grow(title, 120.0)
    }

    /// A column that takes the remaining width (shared with any other
    /// growing column), at least `min` wide.
    pub const fn grow(title: &'static str, min: f32) -> Self {
        Self {
            title,
            width: Width::Grow(min),
            fold: None,
        }
    }
}

/// Draws `rows` rows under `headings`; `cell(ui, row, column)` draws one
/// cell. Returns the row clicked, if any.
pub fn list_table_ui(
    ui: &mut egui::Ui,
    id: &str,
    headings: &[Heading],
    sort: &mut ListSort,
    rows: usize,
    selected: Option<usize>,
    cell: impl FnMut(&mut egui::Ui, usize, usize),
) -> Option<usize> {
    let at = Rows {
        count: rows,
        selected,
        scroll_to: None,
    };
    list_table_at_ui(ui, id, headings, sort, at, cell)
}

/// Which rows a list shows: how many, the one selected, and the one to
/// bring into view this frame (a record opened from another screen).
#[derive(Debug, Clone, Copy, Default)]
pub struct Rows {
    pub count: usize,
    pub selected: Option<usize>,
    pub scroll_to: Option<usize>,
}

/// [`list_table_ui`] that can also scroll to a row.
pub fn list_table_at_ui(
    ui: &mut egui::Ui,
    id: &str,
    headings: &[Heading],
    sort: &mut ListSort,
    at: Rows,
    mut cell: impl FnMut(&mut egui::Ui, usize, usize),
) -> Option<usize> {
    let Rows {
        count: rows,
        selected,
        scroll_to,
    } = at;
    let mut clicked = None;
    ui.style_mut().interaction.selectable_labels = false;
    let shown = shown_columns(ui, headings, sort.column);
    let mut tab = TabOn::load(ui, id, rows);
    let mut drawn = TabOn::default();
    egui::ScrollArea::horizontal()
        .id_salt((id, "hscroll"))
        .auto_shrink(false)
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt((id, "table"))
                .striped(true)
                // Clicks, but no focus: the row's stop takes the keyboard.
                .sense(egui::Sense::CLICK)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false);
            for &(k, width) in &shown {
                // Clipped cells truncate their text with "…" and show it whole
                // on hover: a name never breaks over two lines.
                table = table.column(match headings[k].width {
                    Width::Fixed(_) => Column::exact(width).clip(true),
                    Width::Grow(_) => Column::remainder().at_least(width).clip(true),
                });
            }
            if let Some(row) = scroll_to {
                table = table.scroll_to_row(row, Some(egui::Align::Center));
            } else if let Some(row) = tab.pending {
                table = table.scroll_to_row(row, None);
            }
            table
                .header(24.0, |mut header| {
                    for &(k, _) in &shown {
                        header.col(|ui| {
                            sort_header_ui(ui, headings[k].title, k, &mut sort.column, &mut sort.descending);
                        });
                    }
                })
                .body(|mut body| {
                    let look = RowLook::of(body.ui_mut());
                    body.rows(24.0, rows, |mut row| {
                        let index = row.index();
                        row.set_selected(selected == Some(index));
                        let first = look.named.then(|| look.widgets());
                        let mut stop = None;
                        let mut rect = egui::Rect::NOTHING;
                        for &(k, _) in &shown {
                            let (_, response) = row.col(|ui| {
                                if stop.is_none() {
                                    stop = Some(row_stop(ui));
                                }
                                cell(ui, index, k);
                            });
                            rect |= response.rect;
                        }
                        if let Some(stop) = &stop {
                            drawn.drew(index, stop.id);
                            if tab.pending == Some(index) {
                                stop.request_focus();
                                tab.pending = None;
                            }
                        }
                        let opened = stop.is_some_and(|stop| look.finish(&stop, rect, first));
                        if opened || row.response().clicked() {
                            clicked = Some(index);
                        }
                    });
                });
        });
    drawn.pending = tab.pending;
    drawn.store(ui, id);
    clicked
}

/// Tab through a list longer than the window: only the rows in view are
/// laid out, so Tab on the last one drawn went past every row below it
/// (to the navigation, as nothing follows the list), and Shift+Tab on the
/// first one drawn of a list scrolled down went back to the headings.
/// Instead the list scrolls to the next (or previous) row and gives it
/// the focus once it is drawn; Tab on the list's very last row goes on.
#[derive(Debug, Clone, Copy, Default)]
struct TabOn {
    /// The first and last rows drawn (their index and Tab stop) in the
    /// frame before.
    first: Option<(usize, egui::Id)>,
    last: Option<(usize, egui::Id)>,
    /// The row to focus once it is drawn.
    pending: Option<usize>,
}

impl TabOn {
    fn key(id: &str) -> egui::Id {
        egui::Id::unique((id, "tab_on"))
    }

    /// Last frame's rows of the list `id` of `rows` rows; when Tab or
    /// Shift+Tab leaves the last or first of them with rows beyond, egui's
    /// own move of the focus is called off and that row is pending.
    fn load(ui: &egui::Ui, id: &str, rows: usize) -> Self {
        let mut tab: Self = ui.data(|d| d.get_temp(Self::key(id))).unwrap_or_default();
        tab.pending = tab.pending.filter(|&row| row < rows);
        let focused = ui.memory(|m| m.focused());
        let (tab_pressed, modifiers) = ui.input(|i| (i.key_pressed(egui::Key::Tab), i.modifiers));
        if focused.is_none() || !tab_pressed {
            return tab;
        }
        let next = match (tab.first, tab.last) {
            (_, Some((row, stop))) if modifiers.is_none() && focused == Some(stop) && row + 1 < rows => Some(row + 1),
            (Some((row, stop)), _) if modifiers.shift_only() && focused == Some(stop) && row > 0 => Some(row - 1),
            _ => None,
        };
        if next.is_some() {
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
            tab.pending = next;
        }
        tab
    }

    /// Notes a row drawn this frame.
    fn drew(&mut self, row: usize, stop: egui::Id) {
        self.first.get_or_insert((row, stop));
        self.last = Some((row, stop));
    }

    fn store(self, ui: &egui::Ui, id: &str) {
        ui.data_mut(|d| d.insert_temp(Self::key(id), self));
    }
}

/// The columns drawn, as (index in `headings`, width): every one when
/// they fit the width `ui` offers, else without the folding ones, highest
/// rank first, until they fit (the sorted column stays). A width is at
/// least its heading's, so no heading is cut.
fn shown_columns(ui: &egui::Ui, headings: &[Heading], sorted: usize) -> Vec<(usize, f32)> {
    let mut shown: Vec<(usize, f32)> = headings
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let heading = heading_width(ui, h.title);
            let width = match h.width {
                Width::Fixed(w) | Width::Grow(w) => w.max(heading),
            };
            (k, width)
        })
        .collect();
    let gap = ui.spacing().item_spacing.x;
    let available = ui.available_width();
    let needed = |shown: &[(usize, f32)]| shown.iter().map(|(_, w)| w + gap).sum::<f32>() - gap;
    while needed(&shown) > available {
        let next = shown
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| *k != sorted)
            .filter_map(|(at, (k, _))| headings[*k].fold.map(|rank| (rank, at)))
            .max();
        let Some((_, at)) = next else {
            break;
        };
        shown.remove(at);
    }
    shown
}

/// How wide the heading `title` is drawn, with the sorting arrow it gets
/// when its column is sorted ([`sort_header_ui`]'s frameless button).
fn heading_width(ui: &egui::Ui, title: &str) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text = ["▲", "▼"]
        .map(|arrow| {
            ui.fonts_mut(|f| f.layout_no_wrap(format!("{title} {arrow}"), font.clone(), egui::Color32::PLACEHOLDER))
                .size()
                .x
        })
        .into_iter()
        .fold(0.0, f32::max);
    // A frameless button has no padding; a point keeps rounding from cutting it.
    text + 1.0
}

/// What the rows of one list share: where they are drawn, how a focused
/// row is outlined, and whether a screen reader is reading (only then are
/// the rows' names gathered).
struct RowLook {
    ctx: egui::Context,
    layer: egui::LayerId,
    clip: egui::Rect,
    focus: egui::Color32,
    named: bool,
}

impl RowLook {
    fn of(body: &egui::Ui) -> Self {
        Self {
            ctx: body.ctx().clone(),
            layer: body.layer_id(),
            clip: body.clip_rect(),
            focus: body.visuals().selection.stroke.color,
            named: body.ctx().viewport(|v| v.this_pass.accesskit_state.is_some()),
        }
    }

    /// How many widgets the list's layer holds so far this frame.
    fn widgets(&self) -> usize {
        self.ctx.viewport(|v| v.this_pass.widgets.get_layer(self.layer).count())
    }

    /// The texts of the labels added to the layer since widget `first`,
    /// joined as a screen reader reads a row: "王建国，男，1975-03-08".
    fn texts_since(&self, first: usize) -> String {
        self.ctx.viewport(|v| {
            let Some(nodes) = &v.this_pass.accesskit_state else {
                return String::new();
            };
            let texts: Vec<&str> = v
                .this_pass
                .widgets
                .get_layer(self.layer)
                .skip(first)
                .filter_map(|w| nodes.nodes.get(&w.id))
                .filter(|node| node.role() == Role::Label)
                .filter_map(|node| node.value())
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .collect();
            texts.join("，")
        })
    }

    /// After a row's cells (within `rect`): names the row's `stop` with
    /// their texts (drawn from widget `first` on), outlines it while it has
    /// the focus, and says whether Enter, Space or a screen reader opened it.
    fn finish(&self, stop: &egui::Response, rect: egui::Rect, first: Option<usize>) -> bool {
        if let Some(first) = first {
            let name = self.texts_since(first);
            stop.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, &name));
            self.ctx.accesskit_node_builder(stop.id, |node| {
                node.set_bounds(egui::accesskit::Rect {
                    x0: rect.min.x.into(),
                    y0: rect.min.y.into(),
                    x1: rect.max.x.into(),
                    y1: rect.max.y.into(),
                });
                node.add_action(Action::Click);
            });
        }
        if stop.gained_focus() {
            stop.scroll_to_me(None);
        }
        if !stop.has_focus() {
            return self
                .ctx
                .input(|i| i.has_accesskit_action_request(stop.id, Action::Click));
        }
        self.ctx
            .layer_painter(self.layer)
            .with_clip_rect(self.clip)
            .rect_stroke(
                rect.shrink(1.0),
                0.0,
                egui::Stroke::new(2.0, self.focus),
                egui::StrokeKind::Inside,
            );
        self.ctx.input(|i| {
            i.key_pressed(egui::Key::Enter)
                || i.key_pressed(egui::Key::Space)
                || i.has_accesskit_action_request(stop.id, Action::Click)
        })
    }
}

/// The row's one Tab stop, over its first cell: focusable, but leaving the
/// pointer to the cells (so hovering and clicking work as before).
fn row_stop(cell: &mut egui::Ui) -> egui::Response {
    let id = cell.unique_id().with("row_stop");
    cell.interact(cell.max_rect(), id, egui::Sense::FOCUSABLE)
}

/// Whether `needle` (trimmed; empty matches all) is in any of `texts`.
pub fn matches(needle: &str, texts: &[&str]) -> bool {
    let needle = needle.trim();
    needle.is_empty() || texts.iter().any(|t| t.contains(needle))
}

/// The 查找 box of a list: "查找", then a one-line box with `hint` in it.
pub fn search_ui(ui: &mut egui::Ui, id: &str, text: &mut String, hint: &str, width: f32) -> egui::Response {
    let label = ui.label("查找");
    ui.add(
        egui::TextEdit::singleline(text)
            .id_salt(id)
            .hint_text(hint)
            .desired_width(width),
    )
    .labelled_by(label.id)
}

/// What an empty list says: `none` when there are no records at all,
/// `none_matching` when there are but the search or a filter hides them.
pub fn empty_ui(ui: &mut egui::Ui, any: bool, none: &str, none_matching: &str) {
    ui.add_space(12.0);
    ui.label(if any { none_matching } else { none });
}
