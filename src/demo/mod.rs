//! The demo branch: a complete, realistic ledger of a rural party branch in
//! the middle of the 分析评议 stage, built deterministically from a member
//! count.
//!
//! The story is the historical campaign (2005–2006) and its dates are
//! fixed: [`demo_ledger`] and its siblings serve the tests and the
//! benchmarks (60, 600 and 6,000 members), `today` only removing whatever
//! would lie in the future (module `trim`). The GUI's 打开示例支部 and
//! `zhibu demo --out FILE` take [`around`]: the same story with every date
//! moved so that today is the day it shows. No egui here.

mod analyses;
mod analysis_phrases;
mod analysis_text;
mod appraisal;
mod around;
mod finish;
mod learning;
mod names;
mod opinions;
mod rectify;
mod rng;
mod roster;
mod talks;
mod texts;
mod trim;

#[cfg(test)]
mod tests;

use crate::model::campaign::{Override, Period, StagePlan};
use crate::model::{Branch, BranchKind, Campaign, Date, Ledger, Member, Settings, Stage, StageMove};
use rng::Rng;

pub use around::{AroundError, COUNTY_BRANCHES, Chapter, STALE_AFTER_DAYS, around, around_in_county, is_stale};

/// Members of the demo branch when nobody says otherwise.
pub const DEFAULT_MEMBERS: usize = 36;

/// A realistic demo branch with `members` members, the same for the same
/// arguments. Records dated after `today` are left out, so with any `today`
/// from 2006-03-10 on the ledger is complete.
pub fn demo_ledger(members: usize, today: Date) -> Ledger {
    demo_ledger_with_sessions(members, (members / 6).clamp(16, 100), today)
}

/// The demo branch with its story carried on to the end of the
/// rectification stage (not closed): every member has commitments, two
/// survey rounds, the summary still to write.
pub fn demo_ledger_finished(members: usize, today: Date) -> Ledger {
    demo_ledger_finished_seeded(members, today, SEED)
}

/// [`demo_ledger_finished`] from another seed: the same story, other
/// people and other figures.
fn demo_ledger_finished_seeded(members: usize, today: Date, seed: u64) -> Ledger {
    let mut demo = demo_builder(members, (members / 6).clamp(16, 100), seed);
    finish::build(&mut demo);
    let mut ledger = demo.ledger;
    trim::to_today(&mut ledger, today);
    ledger
}

/// The demo branch with a chosen number of study sessions (at least 4), for
/// benchmarks and tests of large attendance tables.
pub fn demo_ledger_with_sessions(members: usize, sessions: usize, today: Date) -> Ledger {
    demo_ledger_seeded(members, sessions, today, SEED)
}

/// [`demo_ledger_with_sessions`] from another seed.
fn demo_ledger_seeded(members: usize, sessions: usize, today: Date, seed: u64) -> Ledger {
    let demo = demo_builder(members, sessions, seed);
    let mut ledger = demo.ledger;
    trim::to_today(&mut ledger, today);
    ledger
}

/// The random generator's seed of the demo branch (number 0 of a demo
/// county).
const SEED: u64 = 0x5A48_4942_5500_2005;

/// Every record of the story up to [`STORY_DAY`].
fn demo_builder(members: usize, sessions: usize, seed: u64) -> Demo {
    let mut demo = Demo {
        rng: Rng::new(seed),
        ledger: Ledger::default(),
        traits: Vec::new(),
    };
    roster::build(&mut demo, members);
    demo.branch_and_campaign(members);
    learning::build(&mut demo, sessions.max(4));
    opinions::build(&mut demo);
    talks::build(&mut demo);
    analyses::build(&mut demo);
    appraisal::build(&mut demo);
    rectify::build(&mut demo);
    demo
}

/// The day of the story: the last day on which anything is recorded.
const STORY_DAY: Date = Date::constant(2006, 3, 10);
/// The implementation plan was filed with the town office.
const PLAN_FILED: Date = Date::constant(2005, 11, 10);
const LEARNING: (Date, Date) = (Date::constant(2005, 11, 15), Date::constant(2006, 1, 15));
const APPRAISAL: (Date, Date) = (Date::constant(2006, 1, 16), Date::constant(2006, 3, 15));
const RECTIFICATION: (Date, Date) = (Date::constant(2006, 3, 16), Date::constant(2006, 5, 31));
const TRANSFER_IN: Date = Date::constant(2005, 12, 20);
const TRANSFER_OUT: Date = Date::constant(2006, 1, 8);

/// People outside the roster who sign and review.
const SUPERVISOR: &str = "周建国";
const TOWN_LEADER: &str = "刘振华";
const TOWN: &str = "青山镇";

/// The generator's state: the ledger being built and facts about each
/// member that only the generator needs.
pub(super) struct Demo {
    rng: Rng,
    ledger: Ledger,
    /// Parallel to `ledger.members`.
    traits: Vec<Traits>,
}

/// Generator-only facts about one member.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Traits {
    /// The mobile member nobody can reach: no contact, no make-up study.
    unreachable: bool,
    /// Too old or frail to write: the analysis is dictated (口述，他人代笔).
    flexible: bool,
}

impl Demo {
    fn id(&mut self) -> u64 {
        self.ledger.next_id()
    }

    /// The branch secretary's name (the first member), or a fallback.
    fn secretary(&self) -> String {
        self.ledger
            .members
            .first()
            .map_or_else(|| "支部书记".to_owned(), |m| m.name.clone())
    }

    /// The organising member's name.
    fn organiser(&self) -> String {
        self.ledger
            .members
            .get(2)
            .map_or_else(|| self.secretary(), |m| m.name.clone())
    }

    /// Indices of members active on `date`.
    fn active_on(&self, date: Date) -> Vec<usize> {
        (0..self.ledger.members.len())
            .filter(|&i| self.ledger.members[i].active_on(date))
            .collect()
    }

    /// A random day in `start..=end`.
    fn day_between(&mut self, start: Date, end: Date) -> Date {
        let span = days_between(start, end).max(0);
        add_days(start, self.rng.range(0, span))
    }

    fn branch_and_campaign(&mut self, members: usize) {
        let large = members > 150;
        self.ledger.branch = Branch {
            name: if large {
                "中共红星村总支部委员会"
            } else {
                "中共红星村支部委员会"
            }
            .to_owned(),
            kind: Some(BranchKind::Rural),
            superior: format!("中共{TOWN}委员会"),
            secretary: self.secretary(),
            organiser: self.organiser(),
            supervisor: format!("县委先进性教育活动第三督导组 {SUPERVISOR}（0538-3221506）"),
        };
        let period = |(start, end): (Date, Date)| Period {
            start: Some(start),
            end: Some(end),
        };
        let moves = vec![
            StageMove {
                from: Stage::Preparation,
                to: Stage::Learning,
                date: Date::constant(2005, 11, 14),
                approver: format!("{SUPERVISOR}（县委第三督导组组长）"),
                overrides: Vec::new(),
                note: "支部基本情况、党员名册和实施方案齐全，实施方案已报镇先教办备案。".to_owned(),
            },
            StageMove {
                from: Stage::Learning,
                to: Stage::Appraisal,
                date: APPRAISAL.0,
                approver: format!("{SUPERVISOR}（县委第三督导组组长）"),
                overrides: vec![
                    Override {
                        check: "每名党员学时达到要求（或经批准免学）".to_owned(),
                        unmet: 1,
                        reason: self.override_reason(),
                    },
                    Override {
                        check: "每名党员按要求交学习心得".to_owned(),
                        unmet: 1,
                        reason: self.override_reason(),
                    },
                ],
                note: "经回头看检查，学习笔记、心得体会和补学记录基本齐全，同意转入分析评议阶段。".to_owned(),
            },
        ];
        self.ledger.campaign = Campaign {
            name: "保持共产党员先进性教育活动".to_owned(),
            batch: "第三批".to_owned(),
            settings: Settings::default(),
            plan: StagePlan {
                learning: period(LEARNING),
                appraisal: period(APPRAISAL),
                rectification: period(RECTIFICATION),
                filed: Some(PLAN_FILED),
            },
            stage: Stage::Appraisal,
            moves,
            ..Campaign::default()
        };
    }

    fn override_reason(&self) -> String {
        let who = self
            .traits
            .iter()
            .position(|t| t.unreachable)
            .map(|i| self.ledger.members[i].name.as_str());
        match who {
            Some(name) => format!(
                "流动党员{name}常年在外务工，原留电话已停机，支部多次托其亲属转告未果，学习资料无法寄达。\
                 督导组同意先行转段，支部继续查找其下落，联系上后及时寄送资料补学。"
            ),
            None => "个别党员外出未归，支部已安排专人跟踪补学，督导组同意先行转段。".to_owned(),
        }
    }
}

/// `date` moved by `days` (negative for earlier).
fn add_days(date: Date, days: i64) -> Date {
    date.saturating_add(jiff::Span::new().days(days))
}

/// Whole years from `a` to `b` (a person's age, a member's 党龄).
fn whole_years(a: Date, b: Date) -> i64 {
    a.until((jiff::Unit::Year, b))
        .map_or(0, |span| i64::from(span.get_years()))
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |span| i64::from(span.get_days()))
}

/// Members' names joined for a printout line, e.g. in minutes.
fn member_names(members: &[Member], indices: &[usize], limit: usize) -> String {
    let mut out = String::new();
    for (n, &i) in indices.iter().take(limit).enumerate() {
        if n > 0 {
            out.push('、');
        }
        out.push_str(&members[i].name);
    }
    if indices.len() > limit {
        out.push_str(&format!("等 {} 人", indices.len()));
    }
    out
}
