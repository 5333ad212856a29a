//! Typed input not yet in the ledger: which forms hold some (for the top
//! bar and the close dialog), keeping it in the drafts file beside the
//! ledger while the secretary types ([`store::drafts`]), and offering it
//! back the next time the ledger is opened.
//!
//! What is kept is the screens' own state — each screen's state type is
//! `Serialize + Deserialize`, with everything that is not typed input or
//! the choice of what is open (caches, sort orders, jobs) skipped — so a
//! draft comes back into the very editor it was typed in, and a new form
//! needs no code here beyond its derive and its line in its screen's
//! `unsaved`.
//!
//! A frame asks every screen what it holds unsaved (cheap: most forms
//! compare themselves with the form opened afresh on their record); at
//! most every [`KEEP_EVERY`] seconds while something is unsaved, the
//! screens' state is written out as RON on a thread of its own, and the
//! file is removed when nothing is left unsaved.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use serde::{Deserialize, Serialize};

use crate::model::Ledger;
use crate::store;
use crate::ui::app::Screen;
use crate::ui::screens;

/// The writing thread's name.
const WRITER_THREAD: &str = "zhibu-drafts";
/// Said when the writing thread is gone (it cannot end, short of a bug or
/// a system out of threads); the screens keep the typed input.
const WRITER_LOST: &str = "后台写入草稿的线程意外中断";

/// Seconds between two writes of the drafts file while typing: a crash
/// loses at most about this much.
pub const KEEP_EVERY: f64 = 1.0;

/// One form or editor holding typed input that is not in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// What it is, as the secretary calls it: "党性分析", "党员信息".
    pub what: &'static str,
    /// Whose, or which record, when there is one (a member's name, a
    /// session's date); empty otherwise.
    pub which: String,
    /// The screen it is typed on.
    pub screen: Screen,
}

impl Unsaved {
    pub fn new(what: &'static str, which: impl Into<String>, screen: Screen) -> Self {
        Self {
            what,
            which: which.into(),
            screen,
        }
    }

    /// "党性分析 · 王秀英".
    pub fn label(&self) -> String {
        if self.which.trim().is_empty() {
            self.what.to_owned()
        } else {
            format!("{} · {}", self.what, self.which)
        }
    }
}

/// Whether `form` holds other input than `fresh`, the same form opened
/// afresh on its record; `None` for a form of a new record, which is
/// unsaved by being open with something typed. Compared as the drafts file
/// would keep them, so fields skipped there (a "tried to save" flag, a
/// delete confirmation) do not count.
pub fn differs<T: Serialize>(form: &T, fresh: Option<&T>) -> bool {
    match fresh {
        None => true,
        Some(fresh) => ron::to_string(form).ok() != ron::to_string(fresh).ok(),
    }
}

/// "党性分析 1 份、党员信息 2 份", for the top bar.
pub fn summary(unsaved: &[Unsaved]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for item in unsaved {
        match counts.iter_mut().find(|(what, _)| *what == item.what) {
            Some((_, n)) => *n += 1,
            None => counts.push((item.what, 1)),
        }
    }
    counts
        .iter()
        .map(|(what, n)| format!("{what} {n} 份"))
        .collect::<Vec<_>>()
        .join("、")
}

/// The screens' state as the drafts file keeps it (a screen missing
/// from the file opens as it always does).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Kept {
    pub screen: Screen,
    pub roster: screens::roster::RosterState,
    pub prep: screens::preparation::PrepState,
    pub settings: screens::settings::SettingsState,
    pub learning: screens::learning::LearningState,
    pub appraisal: screens::appraisal::AppraisalState,
    pub rectification: screens::rectification::RectificationState,
}

/// The app's screens, borrowed: what they hold unsaved, and the drafts
/// file's body.
#[derive(Clone, Copy)]
pub struct Screens<'a> {
    /// The screen showing.
    pub screen: Screen,
    pub roster: &'a screens::roster::RosterState,
    pub prep: &'a screens::preparation::PrepState,
    pub settings: &'a screens::settings::SettingsState,
    pub learning: &'a screens::learning::LearningState,
    pub appraisal: &'a screens::appraisal::AppraisalState,
    pub rectification: &'a screens::rectification::RectificationState,
}

/// What the drafts file keeps: [`Kept`] with only the screens that hold
/// something unsaved (a screen left out comes back as it opens). An
/// untouched 500-member meeting record open on another tab would
/// otherwise be written out every second while a form elsewhere is typed.
#[derive(Serialize)]
struct KeptRef<'a> {
    screen: Screen,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "inner")]
    roster: Option<&'a screens::roster::RosterState>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "inner")]
    prep: Option<&'a screens::preparation::PrepState>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "inner")]
    settings: Option<&'a screens::settings::SettingsState>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "inner")]
    learning: Option<&'a screens::learning::LearningState>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "inner")]
    appraisal: Option<&'a screens::appraisal::AppraisalState>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "inner")]
    rectification: Option<&'a screens::rectification::RectificationState>,
}

/// A present screen as the screen itself (as [`Kept`] reads it), not as
/// `Some(…)`; absent ones are skipped before this is called.
fn inner<S: serde::Serializer, T: Serialize>(value: &Option<&T>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => value.serialize(serializer),
        None => serializer.serialize_unit(),
    }
}

impl Kept {
    /// Everything these screens hold unsaved, against `ledger`.
    pub fn unsaved(&self, ledger: &Ledger) -> Vec<Unsaved> {
        Screens {
            screen: self.screen,
            roster: &self.roster,
            prep: &self.prep,
            settings: &self.settings,
            learning: &self.learning,
            appraisal: &self.appraisal,
            rectification: &self.rectification,
        }
        .unsaved(ledger)
    }
}

impl Screens<'_> {
    /// Everything the screens hold unsaved, against `ledger`.
    pub fn unsaved(&self, ledger: &Ledger) -> Vec<Unsaved> {
        self.each(ledger).into_iter().flatten().collect()
    }

    /// What each screen holds unsaved, in the order of [`KeptRef`].
    fn each(&self, ledger: &Ledger) -> [Vec<Unsaved>; 6] {
        let mut each: [Vec<Unsaved>; 6] = Default::default();
        self.roster.unsaved(ledger, &mut each[0]);
        self.prep.unsaved(ledger, &mut each[1]);
        self.settings.unsaved(ledger, &mut each[2]);
        self.learning.unsaved(ledger, &mut each[3]);
        self.appraisal.unsaved(ledger, &mut each[4]);
        self.rectification.unsaved(ledger, &mut each[5]);
        each
    }

    /// The drafts file's body: the screens that hold something unsaved,
    /// and the screen of the first such item to show on 恢复. `None` when
    /// nothing is unsaved.
    pub fn body(&self, ledger: &Ledger) -> Option<String> {
        let each = self.each(ledger);
        let first = each.iter().flatten().next()?;
        let keep = |i: usize| !each[i].is_empty();
        let kept = KeptRef {
            screen: first.screen,
            roster: keep(0).then_some(self.roster),
            prep: keep(1).then_some(self.prep),
            settings: keep(2).then_some(self.settings),
            learning: keep(3).then_some(self.learning),
            appraisal: keep(4).then_some(self.appraisal),
            rectification: keep(5).then_some(self.rectification),
        };
        match ron::to_string(&kept) {
            Ok(body) => Some(body),
            Err(err) => {
                eprintln!("{err}");
                None
            }
        }
    }
}

/// Drafts found beside a ledger when it was opened, offered back.
pub struct Offer {
    /// The screens as they were, or why they cannot be restored.
    pub kept: Result<Box<Kept>, String>,
    /// What they hold, as the offer lists it.
    pub items: Vec<Unsaved>,
    /// When they were written.
    pub written_at: String,
    /// The ledger was saved again after they were written (by another
    /// window or program): restoring them and saving may replace newer
    /// records, so the offer says so.
    pub older_than_ledger: bool,
}

/// Reads the drafts beside the ledger at `path`, if any. A file that
/// cannot be read is set aside (never overwritten by new drafts) and the
/// offer says why.
pub fn offer(path: &Path, ledger: &Ledger, ledger_counter: Option<u64>) -> Option<Offer> {
    let drafts = match store::read_drafts(path) {
        Ok(None) => return None,
        Ok(Some(drafts)) => drafts,
        Err(err) => return Some(unreadable(path, err.to_string())),
    };
    let kept: Kept = match ron::from_str(&drafts.body) {
        Ok(kept) => kept,
        Err(err) => {
            eprintln!("{err}");
            let why = format!("上次未保存的内容无法读取（{}）", store::drafts_path(path).display());
            return Some(unreadable(path, why));
        }
    };
    let items = kept.unsaved(ledger);
    if items.is_empty() {
        // Everything in it was saved after all (or its records are gone).
        if let Err(err) = store::remove_drafts(path) {
            eprintln!("{err}");
        }
        return None;
    }
    Some(Offer {
        kept: Ok(Box::new(kept)),
        items,
        written_at: drafts.header.written_at.strftime("%Y-%m-%d %H:%M").to_string(),
        older_than_ledger: drafts.header.ledger_counter < ledger_counter,
    })
}

fn unreadable(path: &Path, why: String) -> Offer {
    let why = match store::set_drafts_aside(path) {
        Ok(aside) => format!("{why}。原文件已改名保留：{}", aside.display()),
        Err(err) => format!("{why}。{err}"),
    };
    Offer {
        kept: Err(why),
        items: Vec::new(),
        written_at: String::new(),
        older_than_ledger: false,
    }
}

/// A request to the writing thread.
enum Request {
    Write { body: String, counter: Option<u64> },
    Remove,
}

/// Keeps the drafts file of one ledger up to date, on a thread of its own.
pub struct Keeper {
    ledger: PathBuf,
    /// The body last handed to the thread (`None`: no drafts file).
    sent: Option<String>,
    /// The ledger's save counter written with it: after a save of the
    /// ledger the drafts are written again with the new one, or the next
    /// open would take them for drafts older than the ledger.
    sent_counter: Option<u64>,
    /// When the screens were last looked at for writing.
    checked_at: f64,
    requests: Sender<Request>,
    /// One answer per request: `Ok` or the error message.
    answers: Receiver<Result<(), String>>,
    pending: usize,
    /// The last write that failed, for the top bar.
    pub failed: Option<String>,
}

impl Keeper {
    /// A keeper for the drafts of the ledger at `ledger`. `existing` says
    /// whether a drafts file is there already (so that nothing unsaved
    /// removes it).
    pub fn new(ledger: &Path, existing: bool) -> Self {
        let (requests, inbox) = channel::<Request>();
        let (reply, answers) = channel();
        let path = ledger.to_path_buf();
        let started = crate::job::spawn_named(WRITER_THREAD, move || {
            while let Ok(mut request) = inbox.recv() {
                let mut skipped = 0;
                // Only the newest of several waiting requests matters.
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                    skipped += 1;
                }
                let result = match request {
                    Request::Write { body, counter } => store::write_drafts(&path, &body, counter),
                    Request::Remove => store::remove_drafts(&path),
                }
                .map_err(|e| e.to_string());
                for _ in 0..skipped {
                    if reply.send(Ok(())).is_err() {
                        return;
                    }
                }
                if reply.send(result).is_err() {
                    return;
                }
            }
        });
        // Without its thread every request fails and says so; the first
        // look says why at once.
        let failed = started
            .err()
            .map(|err| format!("{WRITER_LOST}：{}", crate::store::error::os_words(&err)));
        Self {
            ledger: ledger.to_path_buf(),
            sent: existing.then(String::new),
            sent_counter: None,
            checked_at: f64::NEG_INFINITY,
            requests,
            answers,
            pending: 0,
            failed,
        }
    }

    /// The ledger this keeps drafts for.
    pub fn ledger(&self) -> &Path {
        &self.ledger
    }

    /// Whether it is time to look at the screens again.
    pub fn due(&self, now: f64) -> bool {
        now - self.checked_at >= KEEP_EVERY
    }

    /// Hands the screens' state to the thread when it changed since the
    /// last write (`None`: nothing unsaved, remove the file).
    pub fn keep(&mut self, body: Option<String>, counter: Option<u64>, now: f64) {
        self.checked_at = now;
        self.take_answers();
        if body == self.sent && (body.is_none() || counter == self.sent_counter) {
            return;
        }
        let request = match &body {
            Some(body) => Request::Write {
                body: body.clone(),
                counter,
            },
            None => Request::Remove,
        };
        if self.requests.send(request).is_ok() {
            self.pending += 1;
            self.sent = body;
            self.sent_counter = counter;
        } else {
            self.failed = Some(WRITER_LOST.to_owned());
        }
    }

    /// Forgets what was written, so the next look writes again (after the
    /// file was removed or replaced by an offer's answer).
    pub fn forget(&mut self) {
        self.sent = None;
        self.checked_at = f64::NEG_INFINITY;
    }

    fn take_answers(&mut self) {
        while let Ok(answer) = self.answers.try_recv() {
            self.pending = self.pending.saturating_sub(1);
            self.record(answer);
        }
    }

    fn record(&mut self, answer: Result<(), String>) {
        match answer {
            Ok(()) => self.failed = None,
            Err(err) => {
                // Tried again at the next look.
                self.sent = Some(String::from("\u{0}failed"));
                self.failed = Some(err);
            }
        }
    }

    /// Waits until everything handed to the thread is on disk (closing the
    /// window; tests).
    pub fn wait(&mut self) {
        while self.pending > 0 {
            match self.answers.recv() {
                Ok(answer) => {
                    self.pending -= 1;
                    self.record(answer);
                }
                Err(_) => break,
            }
        }
    }
}
