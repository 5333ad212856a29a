//! The shared test harness: the real app on a temporary data folder with a
//! fixed date, driven headlessly by egui_kittest; [`screen`] draws one
//! screen alone on a fixture ledger; [`sheets`] writes the roster
//! workbooks the import tests read.
#![allow(dead_code)]

pub mod screen;
pub mod sheets;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::model::{Date, Ledger};
use zhibu::ui::{AppConfig, ZhibuApp};

/// The date every test runs on.
pub const TODAY: Date = Date::constant(2026, 11, 24);

/// A temporary folder that lives as long as the test.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn config(&self) -> AppConfig {
        AppConfig {
            data_dir: self.path("data"),
            prefs_path: Some(self.path("prefs.ron")),
            today: TODAY,
        }
    }

    /// Writes `ledger` as a new file and returns its path.
    pub fn write_ledger(&self, name: &str, ledger: &Ledger) -> PathBuf {
        let path = self.path(name);
        zhibu::store::save(&path, ledger, None).expect("save fixture");
        path
    }

    /// The app, opened on `path` if given.
    pub fn app(&self, path: Option<&Path>) -> ZhibuApp {
        ZhibuApp::new(self.config(), path.map(Path::to_path_buf))
    }
}

/// A harness of a 1366×768 laptop screen around the whole app.
pub fn harness(app: ZhibuApp) -> Harness<'static, ZhibuApp> {
    let mut harness = Harness::builder()
        .with_size([1366.0, 768.0])
        .with_step_dt(0.25)
        .with_max_steps(400)
        .with_context_setup(zhibu::ui::fonts::install)
        .build_ui_state(|ui, app: &mut ZhibuApp| app.frame_ui(ui), app);
    harness.run_steps(2);
    harness
}

/// Reads the ledger file as it is on disk now.
pub fn on_disk(path: &Path) -> Ledger {
    zhibu::store::load(path).expect("ledger on disk").ledger
}

/// A small branch in preparation: complete facts and `n` categorised members.
pub fn small_ledger(n: usize) -> Ledger {
    use zhibu::model::member::{Category, Member};
    use zhibu::model::{BranchKind, MemberId};
    let mut ledger = Ledger::default();
    ledger.branch.name = "红星村党支部".into();
    ledger.branch.kind = Some(BranchKind::Rural);
    ledger.branch.superior = "中共城关镇委员会".into();
    ledger.branch.secretary = "王建国".into();
    ledger.branch.organiser = "李秀英".into();
    let names = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"];
    for i in 0..n {
        let id = MemberId(ledger.next_id());
        ledger.members.push(Member {
            id,
            name: names[i % names.len()].to_owned() + if i >= names.len() { "二" } else { "" },
            category: Some(Category::Farmer),
            birth: Some(Date::constant(1960, 1, 1 + (i % 28) as i8)),
            joined: Some(Date::constant(1990, 7, 1)),
            ..Member::default()
        });
    }
    let plan = &mut ledger.campaign.plan;
    plan.learning.start = Some(Date::constant(2005, 11, 15));
    plan.learning.end = Some(Date::constant(2006, 1, 15));
    plan.appraisal.start = Some(Date::constant(2006, 1, 16));
    plan.appraisal.end = Some(Date::constant(2006, 3, 15));
    plan.rectification.start = Some(Date::constant(2006, 3, 16));
    plan.rectification.end = Some(Date::constant(2006, 5, 31));
    ledger
}

/// Clicks a button by its label (navigation, toolbar, dialog buttons).
pub fn click<S>(harness: &mut Harness<'static, S>, label: &str) {
    click_role(harness, egui::accesskit::Role::Button, label);
}

/// Clicks a link by its label.
pub fn click_link<S>(harness: &mut Harness<'static, S>, label: &str) {
    click_role(harness, egui::accesskit::Role::Link, label);
}

fn click_role<S>(harness: &mut Harness<'static, S>, role: egui::accesskit::Role, label: &str) {
    // A user scrolls to a button before clicking it.
    harness.get_by_role_and_label(role, label).scroll_to_me();
    // egui animates the scroll: the button stands still after a second.
    harness.run_steps(4);
    harness.get_by_role_and_label(role, label).click();
    harness.run_steps(2);
}

/// Types into the text field labelled `label`.
pub fn type_into<S>(harness: &mut Harness<'static, S>, label: &str, text: &str) {
    field(harness, label).scroll_to_me();
    harness.run_steps(2);
    field(harness, label).focus();
    harness.run_steps(1);
    field(harness, label).type_text(text);
    harness.run_steps(2);
}

/// The text field labelled `label` (single or multi-line).
pub fn field<'h, S>(harness: &'h Harness<'static, S>, label: &'h str) -> egui_kittest::Node<'h> {
    use egui::accesskit::Role;
    harness
        .query_by_role_and_label(Role::TextInput, label)
        .or_else(|| harness.query_by_role_and_label(Role::MultilineTextInput, label))
        .unwrap_or_else(|| panic!("no text field labelled {label}"))
}

/// Lets the autosave come due (two seconds of frames at kittest's step)
/// and waits for it: it writes on a thread of its own.
pub fn let_autosave_run(harness: &mut Harness<'static, ZhibuApp>) {
    harness.run_steps(12);
    if let Some(doc) = harness.state_mut().doc.as_mut() {
        doc.wait_for_save();
    }
    harness.run_steps(1);
}

/// Lets the drafts file be written (a little over [`zhibu::ui::drafts::KEEP_EVERY`]
/// of frames) and waits for its thread, as if the process were killed
/// two seconds after the last keystroke.
pub fn let_drafts_be_kept(harness: &mut Harness<'static, ZhibuApp>) {
    harness.run_steps(8);
    harness.state_mut().wait_for_drafts();
}

/// Asks the window to close, as the window manager's close button does,
/// and runs a few frames.
pub fn request_close(harness: &mut Harness<'static, ZhibuApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run_steps(1);
}

/// The viewport commands of the last frame.
pub fn commands(harness: &Harness<'static, ZhibuApp>) -> Vec<egui::ViewportCommand> {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

/// Every `.rs` file below `src/`, for the tests that read the source as
/// text (`no_network`, `layers`).
pub fn source_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
    found.sort();
    found
}

/// The ledger as the window holds it now.
pub fn ledger_of(harness: &Harness<'static, ZhibuApp>) -> Ledger {
    harness.state().doc.as_ref().expect("open").ledger.clone()
}

/// The id of the member called `name`.
pub fn id_of(ledger: &Ledger, name: &str) -> zhibu::model::MemberId {
    ledger.members.iter().find(|m| m.name == name).expect("member").id
}

/// Replaces the text of the field labelled `label` (select all, delete,
/// type), as a user correcting a field does.
pub fn retype<S>(harness: &mut Harness<'static, S>, label: &str, text: &str) {
    field(harness, label).scroll_to_me();
    harness.run_steps(1);
    field(harness, label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    if !text.is_empty() {
        field(harness, label).type_text(text);
    }
    harness.run_steps(2);
}

/// Lets the drafts file be written, ends the program without saving (as a
/// crash does), opens the ledger again and answers the offer with 恢复.
pub fn crash_and_restore(
    sandbox: &Sandbox,
    path: &Path,
    mut harness: Harness<'static, ZhibuApp>,
) -> Harness<'static, ZhibuApp> {
    let_drafts_be_kept(&mut harness);
    drop(harness);
    let mut harness = self::harness(sandbox.app(Some(path)));
    harness.get_by_label("上次未保存的内容");
    click(&mut harness, "恢复");
    harness
}

/// Whether the widget of `role` labelled `label` is greyed out.
pub fn is_disabled(harness: &Harness<'static, ZhibuApp>, role: egui::accesskit::Role, label: &str) -> bool {
    use egui_kittest::kittest::NodeT;
    harness
        .get_by_role_and_label(role, label)
        .accesskit_node()
        .is_disabled()
}

/// Whether the text field labelled `label` is greyed out.
pub fn field_disabled(harness: &Harness<'static, ZhibuApp>, label: &str) -> bool {
    use egui_kittest::kittest::NodeT;
    field(harness, label).accesskit_node().is_disabled()
}

/// Whether some widget's label or text contains `text`.
pub fn label_with<S>(harness: &Harness<'static, S>, text: &str) -> bool {
    harness
        .query_all_by(|n| n.label().or(n.value()).is_some_and(|l| l.contains(text)))
        .next()
        .is_some()
}

/// The unsaved items as the top bar counts them: (what, which, screen).
pub fn unsaved(harness: &Harness<'static, ZhibuApp>) -> Vec<(String, String, zhibu::ui::Screen)> {
    harness
        .state()
        .unsaved()
        .into_iter()
        .map(|u| (u.what.to_owned(), u.which, u.screen))
        .collect()
}

/// Puts `ledger` in `stage` with the campaign's plan running now
/// ([`TODAY`] falls in that stage's dates): 分析评议 from 2026-10-16 to
/// 2026-12-15, 整改提高 from 2026-10-16 to 2027-01-31.
pub fn running_now(ledger: &mut Ledger, stage: zhibu::model::Stage) {
    use zhibu::model::Stage;
    ledger.campaign.stage = stage;
    let dates = match stage {
        Stage::Rectification => [
            (2026, 6, 1),
            (2026, 8, 15),
            (2026, 8, 16),
            (2026, 10, 15),
            (2026, 10, 16),
            (2027, 1, 31),
        ],
        _ => [
            (2026, 9, 1),
            (2026, 10, 15),
            (2026, 10, 16),
            (2026, 12, 15),
            (2026, 12, 16),
            (2027, 2, 28),
        ],
    };
    let [a, b, c, d, e, f] = dates.map(|(y, m, day)| Some(Date::constant(y, m, day)));
    let plan = &mut ledger.campaign.plan;
    (plan.learning.start, plan.learning.end) = (a, b);
    (plan.appraisal.start, plan.appraisal.end) = (c, d);
    (plan.rectification.start, plan.rectification.end) = (e, f);
}

/// Four members in 学习动员 with one session (2005-11-20, 学习党章, 2
/// 学时): everyone present but 李秀英, on leave for `leave_reason`.
pub fn learning_with_a_session(leave_reason: &str) -> Ledger {
    use zhibu::model::study::{Attendance, Session};
    let mut ledger = small_ledger(4);
    ledger.campaign.stage = zhibu::model::Stage::Learning;
    let li = id_of(&ledger, "李秀英");
    let attendance = ledger
        .members
        .iter()
        .map(|m| {
            let a = if m.id == li {
                Attendance::Leave(leave_reason.to_owned())
            } else {
                Attendance::Present
            };
            (m.id, a)
        })
        .collect();
    let session = Session {
        id: zhibu::model::SessionId(ledger.next_id()),
        date: Date::constant(2005, 11, 20),
        hours: 2.0,
        topic: "学习党章".into(),
        attendance,
        ..Session::default()
    };
    ledger.study.sessions.push(session.into());
    ledger
}

/// Runs the program's command line with `args`, as a terminal would.
pub fn zhibu(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(args)
        .output()
        .expect("run zhibu")
}

/// A program's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
