//! Interface preferences (theme, last file, the ledgers opened lately,
//! the window's place, what the 县级汇总 tab held): never records. Kept in a small RON file in the
//! configuration folder; a missing or unreadable file just means defaults,
//! and a field an older version did not write takes its default.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What the interface remembers between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: ThemeChoice,
    /// The ledger opened last, reopened at start.
    pub last_file: Option<PathBuf>,
    /// Where the window was when it was closed.
    pub window: Option<crate::ui::window::Place>,
    /// The ledgers opened lately, newest first, at most [`RECENT_LIMIT`]:
    /// the start screen's list.
    pub recent: Vec<Recent>,
    /// What the 县级汇总 tab held, written as it changes, so that a county
    /// clerk's typing and the files added survive closing the window or a
    /// crash (the tab needs no ledger, so there is no ledger to keep them).
    pub county: CountyKept,
}

/// The 县级汇总 tab's typed text and the files added to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CountyKept {
    /// 汇总单位, as typed.
    pub office: String,
    /// The folder typed beside 添加此文件夹, as typed.
    pub folder: String,
    /// The folders added, searched again when the tab comes back (files
    /// exported since are then found too).
    pub folders: Vec<PathBuf>,
    /// The files added one by one, outside those folders.
    pub files: Vec<PathBuf>,
}

/// How many ledgers the start screen lists.
pub const RECENT_LIMIT: usize = 8;

/// A ledger opened lately, as the program last saw it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recent {
    /// The file, as an absolute path where it could be made one.
    pub path: PathBuf,
    /// The branch's name in it.
    pub branch: String,
    /// When it was last saved, in local time (from its header).
    pub saved: Option<jiff::civil::DateTime>,
}

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
    System,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::System];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::Light => "浅色",
            ThemeChoice::Dark => "深色",
            ThemeChoice::System => "跟随系统",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
            ThemeChoice::System => egui::ThemePreference::System,
        }
    }
}

impl Prefs {
    /// Reads the preferences, or defaults when there are none or they are
    /// unreadable (they hold nothing that matters).
    pub fn load(path: &Path) -> Self {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Puts `ledger` at the top of the recent list, in place of an older
    /// entry of the same file, and lets the oldest beyond [`RECENT_LIMIT`]
    /// go.
    pub fn remember_recent(&mut self, ledger: Recent) {
        self.recent.retain(|r| r.path != ledger.path);
        self.recent.insert(0, ledger);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// Takes the file at `path` off the recent list.
    pub fn forget_recent(&mut self, path: &Path) {
        self.recent.retain(|r| r.path != path);
    }

    /// Writes the preferences, whole or not at all (beside, then renamed
    /// over: they are written as the county tab's fields are typed in, and
    /// a crash mid-write would otherwise cost the recent list); a failure
    /// only costs the preference.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        let mut beside = path.as_os_str().to_owned();
        beside.push(".new");
        let beside = PathBuf::from(beside);
        std::fs::write(&beside, text).map_err(|e| e.to_string())?;
        std::fs::rename(&beside, path).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recent(name: &str) -> Recent {
        Recent {
            path: PathBuf::from(format!("/台账/{name}.ron")),
            branch: name.to_owned(),
            saved: None,
        }
    }

    #[test]
    fn a_ledger_opened_again_moves_to_the_top_once() {
        let mut prefs = Prefs::default();
        for name in ["甲", "乙", "丙"] {
            prefs.remember_recent(recent(name));
        }
        prefs.remember_recent(Recent {
            branch: "甲（改名）".to_owned(),
            ..recent("甲")
        });
        let names: Vec<&str> = prefs.recent.iter().map(|r| r.branch.as_str()).collect();
        assert_eq!(names, ["甲（改名）", "丙", "乙"]);
    }

    #[test]
    fn the_recent_list_keeps_only_the_newest_eight() {
        let mut prefs = Prefs::default();
        for n in 0..12 {
            prefs.remember_recent(recent(&n.to_string()));
        }
        assert_eq!(prefs.recent.len(), RECENT_LIMIT);
        assert_eq!(prefs.recent[0].branch, "11");
        assert_eq!(prefs.recent[RECENT_LIMIT - 1].branch, "4");
        prefs.forget_recent(Path::new("/台账/11.ron"));
        assert_eq!(prefs.recent[0].branch, "10");
    }

    #[test]
    fn preferences_written_before_the_recent_list_still_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.ron");
        // As the version before the list wrote them.
        std::fs::write(
            &path,
            "(theme: Dark, last_file: Some(\"/台账/红星村.ron\"), window: None)",
        )
        .unwrap();
        let prefs = Prefs::load(&path);
        assert_eq!(prefs.theme, ThemeChoice::Dark);
        assert_eq!(prefs.last_file, Some(PathBuf::from("/台账/红星村.ron")));
        assert!(prefs.recent.is_empty());
    }

    #[test]
    fn the_recent_list_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.ron");
        let mut prefs = Prefs::default();
        prefs.remember_recent(Recent {
            saved: Some(jiff::civil::date(2026, 11, 24).at(14, 32, 0, 0)),
            ..recent("红星村党支部")
        });
        prefs.remember_recent(recent("东风社区党支部"));
        prefs.save(&path).unwrap();
        assert_eq!(Prefs::load(&path), prefs);
    }
}
