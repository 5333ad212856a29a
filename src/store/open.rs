//! Opening a ledger on every core: the body's parts parsed side by side
//! while the checksum is worked out beside them, straight from the file's
//! bytes, each part's UTF-8 checked once by the job that parses it.
//!
//! The body is written part by part ([`super::render`]) in a fixed layout:
//! a struct is `(`, one `name: value,` line per field at one more level,
//! and `)`; a list `[`, one `item,` per line, `]`. Escaped text has no line
//! break inside a string, so the lines that open a field or close an item
//! at a given level are found by searching for them. [`layout`] cuts the
//! body into the top-level fields, the study records' fields and the items
//! of the three long lists (sessions, talk cards, analyses); [`parse`]
//! parses the pieces in parallel jobs and puts the [`Ledger`] together.
//!
//! This is only a fast path. Whenever anything does not go exactly as in
//! a file this program wrote — the layout is not found, a piece is not
//! UTF-8 or does not parse, the checksum does not match — it gives up and
//! the caller reads the file the slow way, which finds the same result or
//! the same error (with its line and column) as before. Nothing parsed
//! here is returned unless the checksum of the whole body matched.
//!
//! The pieces' text is also what the first save after opening reuses
//! ([`remember`]): it is the text of exactly the values just parsed.

use std::any::Any;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use memchr::memmem;
use serde::de::DeserializeOwned;

use super::render::Pieces;
use crate::model::analysis::Analysis;
use crate::model::appraisal::AppraisalRecords;
use crate::model::meeting::Meeting;
use crate::model::opinion::OpinionRecords;
use crate::model::rectification::RectificationRecords;
use crate::model::study::{Exemption, MakeUp, Reflection, Session, StudyRecords};
use crate::model::talk::TalkCard;
use crate::model::{Branch, Campaign, Ledger, Member, Shared};

const INDENT: &str = "  ";

/// The body cut into its parts (each a slice of the file's bytes).
pub(crate) struct Layout<'a> {
    /// branch, campaign, members, opinions, meetings, appraisal,
    /// rectification, last_id: the top-level fields other than the lists
    /// and the study records, in [`TOP`] order.
    top: [&'a [u8]; 11],
    /// make_ups, reflections, requirements, exemptions (sessions are items).
    study: [&'a [u8]; 5],
    sessions: Vec<&'a [u8]>,
    talks: Vec<&'a [u8]>,
    analyses: Vec<&'a [u8]>,
}

/// The top-level fields of [`Ledger`], in the order the body has them.
const TOP: [&str; 11] = [
    "branch",
    "campaign",
    "members",
    "study",
    "opinions",
    "talks",
    "analyses",
    "meetings",
    "appraisal",
    "rectification",
    "last_id",
];
/// The fields of [`StudyRecords`], in order.
const STUDY: [&str; 5] = ["sessions", "make_ups", "reflections", "requirements", "exemptions"];

/// Cuts a body (ending in a line break) into its parts, or `None` when it
/// is not laid out exactly as this program writes it.
pub(crate) fn layout(body: &[u8]) -> Option<Layout<'_>> {
    let body = body.strip_suffix(b"\n")?;
    let top = fields(body, 0, TOP)?;
    let study = fields(top[3], 1, STUDY)?;
    Some(Layout {
        sessions: items(study[0], 2)?,
        talks: items(top[5], 1)?,
        analyses: items(top[6], 1)?,
        top,
        study,
    })
}

/// The values of a struct written at `level` with exactly these fields in
/// this order.
fn fields<'a, const N: usize>(text: &'a [u8], level: usize, names: [&str; N]) -> Option<[&'a [u8]; N]> {
    let inner = INDENT.repeat(level + 1);
    let outer = INDENT.repeat(level);
    let mut rest = text.strip_prefix(b"(\n")?;
    let mut values: [&[u8]; N] = [&[]; N];
    for (i, name) in names.iter().enumerate() {
        rest = rest.strip_prefix(format!("{inner}{name}: ").as_bytes())?;
        let end = match names.get(i + 1) {
            Some(next) => format!(",\n{inner}{next}: "),
            None => format!(",\n{outer})"),
        };
        let at = memmem::find(rest, end.as_bytes())?;
        values[i] = &rest[..at];
        rest = &rest[at + 2..];
    }
    (rest == format!("{outer})").as_bytes()).then_some(values)
}

/// The items of a list of structs written at `level`.
fn items(text: &[u8], level: usize) -> Option<Vec<&[u8]>> {
    if text == b"[]" {
        return Some(Vec::new());
    }
    let inner = INDENT.repeat(level + 1);
    // An item's last line: `)` at the item's level; lines inside it are
    // indented further.
    let closing = format!("\n{inner})");
    let finder = memmem::Finder::new(closing.as_bytes());
    let end = format!("{}]", INDENT.repeat(level));
    let mut rest = text.strip_prefix(b"[\n")?;
    let mut out = Vec::new();
    while rest != end.as_bytes() {
        rest = rest.strip_prefix(inner.as_bytes())?;
        if !rest.starts_with(b"(") {
            return None;
        }
        let at = finder.find(rest)?;
        let item_end = at + closing.len();
        out.push(&rest[..item_end]);
        rest = rest[item_end..].strip_prefix(b",\n")?;
    }
    Some(out)
}

/// What one job hands back.
type Parsed = Box<dyn Any + Send>;
/// One job: parse a piece (or work out the checksum).
type Job<'a> = Box<dyn FnOnce() -> Option<Parsed> + Send + 'a>;

/// A piece parsed as a `T`, its UTF-8 checked here.
fn one<T: DeserializeOwned + Send + 'static>(bytes: &[u8]) -> Option<Parsed> {
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    let value: T = ron::Options::default().from_str(text).ok()?;
    Some(Box::new(value))
}

/// Items parsed each as a `Shared<T>`.
fn many<T: DeserializeOwned + Send + Sync + 'static>(items: &[&[u8]]) -> Option<Parsed> {
    let mut out: Vec<Shared<T>> = Vec::with_capacity(items.len());
    for bytes in items {
        let text = simdutf8::basic::from_utf8(bytes).ok()?;
        out.push(ron::Options::default().from_str(text).ok()?);
    }
    Some(Box::new(out))
}

/// About how many bytes of list items one job parses.
const CHUNK_BYTES: usize = 256 * 1024;

/// Jobs over a list's items, a chunk of about [`CHUNK_BYTES`] each.
fn list_jobs<'a, T: DeserializeOwned + Send + Sync + 'static>(items: &'a [&'a [u8]], jobs: &mut Vec<Job<'a>>) -> usize {
    let mut count = 0;
    let mut start = 0;
    while start < items.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < items.len() && (end == start || bytes < CHUNK_BYTES) {
            bytes += items[end].len();
            end += 1;
        }
        let chunk = &items[start..end];
        jobs.push(Box::new(move || many::<T>(chunk)));
        count += 1;
        start = end;
    }
    count
}

/// Runs the jobs on up to `workers` threads (at least the calling one),
/// each taking the next job not yet taken; their results in job order.
fn run(jobs: Vec<Job<'_>>, workers: usize) -> Vec<Option<Parsed>> {
    let slots: Vec<Mutex<Option<Job>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    let results: Vec<Mutex<Option<Parsed>>> = slots.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = slots.get(i) else { break };
            let job = slot.lock().ok().and_then(|mut j| j.take());
            let parsed = job.and_then(|job| job());
            if let Ok(mut result) = results[i].lock() {
                *result = parsed;
            }
        }
    };
    std::thread::scope(|scope| {
        for n in 1..workers {
            // A thread that cannot be had leaves its share to the others.
            let _ = std::thread::Builder::new()
                .name(format!("zhibu-open-{n}"))
                .spawn_scoped(scope, work);
        }
        work();
    });
    results.into_iter().map(|r| r.into_inner().ok().flatten()).collect()
}

/// How many threads an open uses: the cores, at most 4.
fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Parses the body cut into `layout` while `checksum` is worked out
/// beside it. `None` unless every piece parsed and the checksum matched.
pub(crate) fn parse(layout: &Layout<'_>, checksum: impl FnOnce() -> bool + Send) -> Option<Ledger> {
    let [
        branch,
        campaign,
        members,
        _,
        opinions,
        _,
        _,
        meetings,
        appraisal,
        rectification,
        last_id,
    ] = layout.top;
    let [_, make_ups, reflections, requirements, exemptions] = layout.study;
    // The checksum first: one long job, taken by one thread while the
    // others parse.
    let mut jobs: Vec<Job> = vec![Box::new(move || checksum().then(|| Box::new(()) as Parsed))];
    jobs.push(Box::new(move || one::<Branch>(branch)));
    jobs.push(Box::new(move || one::<Campaign>(campaign)));
    jobs.push(Box::new(move || one::<Shared<Vec<Member>>>(members)));
    jobs.push(Box::new(move || one::<Shared<OpinionRecords>>(opinions)));
    jobs.push(Box::new(move || one::<Shared<Vec<Meeting>>>(meetings)));
    jobs.push(Box::new(move || one::<Shared<AppraisalRecords>>(appraisal)));
    jobs.push(Box::new(move || one::<Shared<RectificationRecords>>(rectification)));
    jobs.push(Box::new(move || one::<u64>(last_id)));
    jobs.push(Box::new(move || one::<Shared<Vec<MakeUp>>>(make_ups)));
    jobs.push(Box::new(move || one::<Shared<Vec<Reflection>>>(reflections)));
    jobs.push(Box::new(move || one::<String>(requirements)));
    jobs.push(Box::new(move || one::<Vec<Exemption>>(exemptions)));
    let sessions = list_jobs::<Session>(&layout.sessions, &mut jobs);
    let talks = list_jobs::<TalkCard>(&layout.talks, &mut jobs);
    let analyses = list_jobs::<Analysis>(&layout.analyses, &mut jobs);
    let mut results = run(jobs, workers()).into_iter();
    let mut next = || results.next().flatten();
    next()?; // the checksum matched
    let mut take = || next();
    let branch = *take()?.downcast::<Branch>().ok()?;
    let campaign = *take()?.downcast::<Campaign>().ok()?;
    let members = *take()?.downcast::<Shared<Vec<Member>>>().ok()?;
    let opinions = *take()?.downcast::<Shared<OpinionRecords>>().ok()?;
    let meetings = *take()?.downcast::<Shared<Vec<Meeting>>>().ok()?;
    let appraisal = *take()?.downcast::<Shared<AppraisalRecords>>().ok()?;
    let rectification = *take()?.downcast::<Shared<RectificationRecords>>().ok()?;
    let last_id = *take()?.downcast::<u64>().ok()?;
    let make_ups = *take()?.downcast::<Shared<Vec<MakeUp>>>().ok()?;
    let reflections = *take()?.downcast::<Shared<Vec<Reflection>>>().ok()?;
    let requirements = *take()?.downcast::<String>().ok()?;
    let exemptions = *take()?.downcast::<Vec<Exemption>>().ok()?;
    let mut gather = |chunks: usize| -> Option<Vec<Parsed>> { (0..chunks).map(|_| take()).collect() };
    let sessions = joined::<Session>(gather(sessions)?)?;
    let talks = joined::<TalkCard>(gather(talks)?)?;
    let analyses = joined::<Analysis>(gather(analyses)?)?;
    Some(Ledger {
        branch,
        campaign,
        members,
        study: StudyRecords {
            sessions,
            make_ups,
            reflections,
            requirements,
            exemptions,
        },
        opinions,
        talks,
        analyses,
        meetings,
        appraisal,
        rectification,
        last_id,
    })
}

/// The chunks of one list, put back together in order.
fn joined<T: Send + Sync + 'static>(chunks: Vec<Parsed>) -> Option<Vec<Shared<T>>> {
    let mut out = Vec::new();
    for chunk in chunks {
        out.extend(*chunk.downcast::<Vec<Shared<T>>>().ok()?);
    }
    Some(out)
}

/// Fills `pieces` with the text each part of `ledger` was just parsed
/// from, so that the first save reuses it as later saves reuse the text of
/// the one before. `ledger` must be what [`parse`] made of `layout`.
pub(crate) fn remember(layout: &Layout<'_>, ledger: &Ledger, pieces: &mut Pieces) {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let [
        branch,
        campaign,
        members,
        _,
        opinions,
        _,
        _,
        meetings,
        appraisal,
        rectification,
        last_id,
    ] = layout.top;
    let [_, make_ups, reflections, requirements, exemptions] = layout.study;
    pieces.remember_named("branch", &ledger.branch, 1, text(branch));
    pieces.remember_named("campaign", &ledger.campaign, 1, text(campaign));
    pieces.remember_named("last_id", &ledger.last_id, 1, text(last_id));
    pieces.remember_named("requirements", &ledger.study.requirements, 2, text(requirements));
    pieces.remember_named("exemptions", &ledger.study.exemptions, 2, text(exemptions));
    pieces.remember_shared(&ledger.members, 1, text(members));
    pieces.remember_shared(&ledger.opinions, 1, text(opinions));
    pieces.remember_shared(&ledger.meetings, 1, text(meetings));
    pieces.remember_shared(&ledger.appraisal, 1, text(appraisal));
    pieces.remember_shared(&ledger.rectification, 1, text(rectification));
    pieces.remember_shared(&ledger.study.make_ups, 2, text(make_ups));
    pieces.remember_shared(&ledger.study.reflections, 2, text(reflections));
    for (session, bytes) in ledger.study.sessions.iter().zip(&layout.sessions) {
        pieces.remember_shared(session, 3, text(bytes));
    }
    for (talk, bytes) in ledger.talks.iter().zip(&layout.talks) {
        pieces.remember_shared(talk, 2, text(bytes));
    }
    for (analysis, bytes) in ledger.analyses.iter().zip(&layout.analyses) {
        pieces.remember_shared(analysis, 2, text(bytes));
    }
}
