//! The demo story placed around a chosen day, for a newcomer who opens the
//! demo branch: the historical campaign (2005–2006) is built in full, then
//! every date in it moves by the same number of days, so that the chosen
//! day is the last day of the part of the story shown. New records dated
//! today then fall inside the campaign, and nothing is years overdue.
//!
//! How every date is reached: the ledger is written as RON (the store's own
//! format), every ISO date in that text is moved, and the text is read
//! back. That takes each `Date` field, however deep and whatever its name,
//! and the dates the story writes into prose (`2006-03-06 支委会评定后…`);
//! a date field added to the model later moves without a change here. The
//! prose names no bare year (党龄 instead of 入党年份), so nothing else needs
//! rewriting. What a date decides besides the date itself is made again
//! after the move: the birth date inside an identity number. Moving by
//! days (not by calendar years) never makes a date that does not exist, so
//! no Feb 29 needs mending; ages and 党龄 stay right to the day.
//!
//! The fixed-date story stays as it is for the tests and benchmarks
//! ([`super::demo_ledger`] and its siblings).

use super::{
    SEED, STORY_DAY, TOWN, add_days, days_between, demo_ledger_finished_seeded, demo_ledger_seeded, finish, names,
};
use crate::model::{Date, Ledger};

/// How far the demo's story goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chapter {
    /// 分析评议 under way: the story up to its story day.
    Appraisal,
    /// 整改提高 done, not yet accepted and archived.
    Rectification,
}

impl Chapter {
    /// The last day this part of the story records anything: the day that
    /// becomes today.
    pub fn last_day(self) -> Date {
        match self {
            Self::Appraisal => STORY_DAY,
            Self::Rectification => finish::LAST_DAY,
        }
    }

    /// The historical story up to [`Chapter::last_day`], complete.
    fn historical(self, members: usize) -> Ledger {
        self.historical_seeded(members, SEED)
    }

    /// [`Chapter::historical`] from another seed.
    fn historical_seeded(self, members: usize, seed: u64) -> Ledger {
        let sessions = (members / 6).clamp(16, 100);
        match self {
            Self::Appraisal => demo_ledger_seeded(members, sessions, STORY_DAY, seed),
            Self::Rectification => demo_ledger_finished_seeded(members, finish::LAST_DAY, seed),
        }
    }
}

/// The demo could not be moved (the ledger did not survive its own RON
/// text: a defect of the model's serialisation, not of anything typed).
#[derive(Debug, thiserror::Error)]
#[error("无法生成示例支部（日期移到今天时出错：{0}）")]
pub struct AroundError(String);

/// The demo branch with `members` members, its story told up to `chapter`
/// and every date moved so that the chapter's last day is `today`.
pub fn around(members: usize, chapter: Chapter, today: Date) -> Result<Ledger, AroundError> {
    let days = days_between(chapter.last_day(), today);
    shifted(&chapter.historical(members), days)
}

/// The villages of the demo county; the demo branch is the first.
const VILLAGES: [&str; 30] = [
    "红星村",
    "柳树村",
    "王庄村",
    "东岭村",
    "河口村",
    "杏花村",
    "李家庄村",
    "南湖村",
    "北关村",
    "大王村",
    "新华村",
    "前进村",
    "光明村",
    "向阳村",
    "和平村",
    "团结村",
    "长山村",
    "小河村",
    "枣林村",
    "白杨村",
    "三里村",
    "马庄村",
    "张楼村",
    "孟家村",
    "西沟村",
    "高庄村",
    "桃园村",
    "泉水村",
    "上营村",
    "官庄村",
];
/// The towns of the demo county; the demo branch's is the first.
const TOWNS: [&str; 5] = [TOWN, "石门镇", "白云乡", "双河镇", "龙泉乡"];
/// How many distinct branches the demo county has.
pub const COUNTY_BRANCHES: u32 = 150;

/// Branch `number` (0 to [`COUNTY_BRANCHES`] − 1) of a demo county, told
/// around `today`: number 0 is [`around`]'s branch, every other number a
/// branch of its own village and town (so a roll-up of a demo county shows
/// as many rows as files), with its own people and figures. `None` for a
/// number out of range.
pub fn around_in_county(
    members: usize,
    chapter: Chapter,
    today: Date,
    number: u32,
) -> Option<Result<Ledger, AroundError>> {
    if number >= COUNTY_BRANCHES {
        return None;
    }
    let n = number as usize;
    let village = VILLAGES[n % VILLAGES.len()];
    // Every sixth branch another town, and each round of the villages
    // one town further on, so that no two numbers share village and town.
    let town = TOWNS[(n / 6 + n / VILLAGES.len()) % TOWNS.len()];
    let seed = SEED ^ u64::from(number).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let days = days_between(chapter.last_day(), today);
    Some(shifted(&chapter.historical_seeded(members, seed), days).and_then(|l| placed(&l, village, town)))
}

/// `ledger` with the demo's village and town renamed wherever written.
fn placed(ledger: &Ledger, village: &str, town: &str) -> Result<Ledger, AroundError> {
    if village == VILLAGES[0] && town == TOWN {
        return Ok(ledger.clone());
    }
    // Unescaped, as in `shifted`: the names are then in the text as written.
    let config = ron::ser::PrettyConfig::new().escape_strings(false).indentor("");
    let text = ron::ser::to_string_pretty(ledger, config).map_err(|e| AroundError(e.to_string()))?;
    let text = text.replace(VILLAGES[0], village).replace(TOWN, town);
    ron::from_str(&text).map_err(|e| AroundError(e.to_string()))
}

/// Days past its plan's last day after which a demo branch kept in the
/// data folder is told anew around today: its stages would show as long
/// overdue, and a record dated today would fall outside the campaign.
pub const STALE_AFTER_DAYS: i64 = 30;

/// Whether the demo branch `ledger`, opened `today`, no longer reads as a
/// campaign under way: its plan ended more than [`STALE_AFTER_DAYS`] ago
/// (a demo made by an older version, set in 2005–2006, or one made months
/// ago). A ledger with no planned dates is not judged.
pub fn is_stale(ledger: &Ledger, today: Date) -> bool {
    let plan = &ledger.campaign.plan;
    [&plan.learning, &plan.appraisal, &plan.rectification]
        .iter()
        .flat_map(|p| [p.start, p.end])
        .flatten()
        .max()
        .is_some_and(|last| days_between(last, today) > STALE_AFTER_DAYS)
}

/// `ledger` with every date moved by `days` (negative for earlier).
pub(super) fn shifted(ledger: &Ledger, days: i64) -> Result<Ledger, AroundError> {
    // Strings unescaped, as the store writes them before its own (faster)
    // escaping: ron's escaping is most of the time of a large branch.
    let config = ron::ser::PrettyConfig::new().escape_strings(false).indentor("");
    let text = ron::ser::to_string_pretty(ledger, config).map_err(|e| AroundError(e.to_string()))?;
    let moved = move_dates(&text, days);
    drop(text);
    let mut ledger: Ledger = ron::from_str(&moved).map_err(|e| AroundError(e.to_string()))?;
    for member in ledger.members.iter_mut() {
        if let Some(birth) = member.birth
            && let Some(number) = names::with_birth(&member.id_number, birth)
        {
            member.id_number = number;
        }
    }
    Ok(ledger)
}

/// `text` with every ISO date (`2006-03-10`, not inside a longer run of
/// digits) moved by `days`.
pub(super) fn move_dates(text: &str, days: i64) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut from = 0;
    // A date is found by its first hyphen, which `find` reaches quickly
    // (a large branch is over 100 MB of text).
    while let Some(found) = text[from..].find('-') {
        let hyphen = from + found;
        from = hyphen + 1;
        let Some(start) = hyphen.checked_sub(4).filter(|&start| start >= copied) else {
            continue;
        };
        if let Some(date) = iso_date_at(bytes, start) {
            // `start` is an ASCII digit, so it is a character boundary.
            out.push_str(&text[copied..start]);
            out.push_str(&add_days(date, days).to_string());
            copied = start + ISO_LEN;
            from = copied;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Characters in `YYYY-MM-DD`.
const ISO_LEN: usize = 10;

/// The date written at `bytes[i..]`, if one is.
fn iso_date_at(bytes: &[u8], i: usize) -> Option<Date> {
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let shaped = (0..ISO_LEN).all(|k| match k {
        4 | 7 => bytes.get(i + k) == Some(&b'-'),
        _ => digit(i + k),
    });
    let alone = (i == 0 || !digit(i - 1)) && !digit(i + ISO_LEN);
    if !shaped || !alone {
        return None;
    }
    std::str::from_utf8(&bytes[i..i + ISO_LEN]).ok()?.parse().ok()
}

#[cfg(test)]
mod tests;
