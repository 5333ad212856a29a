//! Names for the handles egui and egui_extras draw themselves: a side
//! panel's resize handle (egui names it "Resize panel", in English) and a
//! table's column resize handles (egui_extras leaves them unnamed nodes of
//! no role). A screen reader reads the accessibility tree as it stands at
//! the end of the frame, so a screen renames them right after drawing them,
//! by the ids egui gives them.

use egui::accesskit::Role;

/// Names the resize handle of the side panel made with `Panel::…(salt)` in
/// `ui`, after the panel was shown this frame.
pub fn name_panel_handle(ui: &egui::Ui, salt: impl egui::AsIdSalt, name: &str) {
    // egui's own id of the handle (`containers/panel.rs`, `resize_widget_id`).
    let id = ui.scope_id().with(salt).with("__resize");
    rename(ui, id, Role::Splitter, &format!("拖动调整{name}宽度"));
}

/// Names the column resize handles of the table made with
/// `TableBuilder::new(ui).id_salt(salt)`, after the table was shown this
/// frame. `columns` are (index in the table, heading) of its resizable
/// columns. `ui` is the one the table was built in.
pub fn name_column_handles<'a>(
    ui: &egui::Ui,
    salt: impl egui::AsIdSalt,
    columns: impl Iterator<Item = (usize, &'a str)>,
) {
    // egui_extras' own ids (`table.rs`: the state id from the salt, then
    // `resize_column` and the column's index).
    let table = ui.scope_id().with(egui::IdSalt::new(salt));
    for (index, title) in columns {
        let id = table.with("resize_column").with(index);
        rename(ui, id, Role::Splitter, &format!("拖动调整“{title}”列宽"));
    }
}

/// Names the control `id` drawn this frame whose label on screen would say
/// too little (the second of two drop-downs after one label).
pub fn name_control(ui: &egui::Ui, id: egui::Id, name: &str) {
    with_node(ui, id, |node| node.set_label(name));
}

/// Gives the node `id` a role and a name.
fn rename(ui: &egui::Ui, id: egui::Id, role: Role, name: &str) {
    with_node(ui, id, |node| {
        node.set_role(role);
        node.set_label(name);
    });
}

/// Changes the node `id` if it was drawn this frame (a node made here
/// would be a stray one).
fn with_node(ui: &egui::Ui, id: egui::Id, change: impl FnOnce(&mut egui::accesskit::Node)) {
    if ui.ctx().has_accesskit_node(id) {
        ui.ctx().accesskit_node_builder(id, change);
    }
}
