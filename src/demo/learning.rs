//! Stage 1 of the demo: the mobilisation meeting, study sessions with
//! attendance, make-up study for everything missed (送学上门 for the old,
//! mailed materials for those working away), reflections and the branch's
//! concrete requirements.

use super::texts::{self, APPRAISAL_TOPICS, LEARNING_TOPICS};
use super::{APPRAISAL, Demo, LEARNING, STORY_DAY, TOWN_LEADER, Traits, add_days, days_between};
use crate::model::member::FlowDirection;
use crate::model::study::{
    Attendance, MakeUp, MakeUpMethod, Reflection, ReflectionKind, Session, SessionKind, StudyForm,
};
use crate::model::{Category, Date, MakeUpId, Member, MemberId, ReflectionId, SessionId, Stage};

/// Class hours the learning stage offers at least, so that a member who
/// attends or makes up everything passes 40.
const LEARNING_HOURS: f64 = 46.0;

/// Records the whole learning stage (and the study of the appraisal stage).
pub(super) fn build(d: &mut Demo, total: usize) {
    let later = (total / 8).max(2);
    sessions(d, total - later, later);
    let missed = attendance(d);
    make_ups(d, &missed);
    reflections(d);
    d.ledger.study.requirements = texts::requirements(&d.ledger.branch.name);
}

fn sessions(d: &mut Demo, learning: usize, later: usize) {
    let first = add_days(LEARNING.0, 1);
    let span = days_between(first, Date::constant(2006, 1, 13));
    let secretary = d.secretary();
    let mut learning_hours = 0.0;
    for i in 0..learning {
        let date = add_days(first, i as i64 * span / learning as i64);
        let mut session = if i == 0 {
            Session {
                kind: SessionKind::Mobilisation,
                hours: 3.0,
                topic: "保持共产党员先进性教育活动动员大会".to_owned(),
                form: StudyForm::Concentrated,
                material: "中共青山镇委员会《关于开展保持共产党员先进性教育活动的实施方案》".to_owned(),
                host: secretary.clone(),
                notes: format!("镇党委副书记{TOWN_LEADER}到会作动员讲话，县委第三督导组到会指导。"),
                ..Session::default()
            }
        } else {
            let (topic, form, material) = LEARNING_TOPICS[(i - 1) % LEARNING_TOPICS.len()];
            let round = (i - 1) / LEARNING_TOPICS.len();
            study_session(d, topic, round, form, material, &secretary)
        };
        session.date = date;
        session.stage = Stage::Learning;
        learning_hours += session.hours;
        d.ledger.study.sessions.push(session.into());
    }
    // Top the stage up to the hours the plan promised, half an hour at a time.
    let mut k = 1;
    while learning_hours < LEARNING_HOURS && learning > 1 {
        let s = &mut d.ledger.study.sessions[k];
        if s.hours < 4.0 {
            s.hours += 0.5;
            learning_hours += 0.5;
        }
        k = if k + 1 < learning { k + 1 } else { 1 };
        if d.ledger.study.sessions[1..learning].iter().all(|s| s.hours >= 4.0) {
            break;
        }
    }
    let start = add_days(APPRAISAL.0, 2);
    let span = days_between(start, Date::constant(2006, 3, 5));
    for i in 0..later {
        let (topic, form, material) = APPRAISAL_TOPICS[i % APPRAISAL_TOPICS.len()];
        let mut session = study_session(d, topic, i / APPRAISAL_TOPICS.len(), form, material, &secretary);
        session.date = add_days(start, i as i64 * span / later as i64);
        session.stage = Stage::Appraisal;
        d.ledger.study.sessions.push(session.into());
    }
    for k in 0..d.ledger.study.sessions.len() {
        d.ledger.study.sessions[k].id = SessionId(d.id());
    }
}

fn study_session(d: &mut Demo, topic: &str, round: usize, form: StudyForm, material: &str, secretary: &str) -> Session {
    let topic = if round == 0 {
        topic.to_owned()
    } else {
        format!("{topic}（第{}讲）", round + 1)
    };
    let host = match form {
        StudyForm::Lecture => format!("{TOWN_LEADER}（镇党委副书记）"),
        _ => secretary.to_owned(),
    };
    Session {
        kind: SessionKind::Study,
        hours: *d.rng.pick(&[2.0, 2.5, 3.0, 3.0, 3.5, 3.5, 4.0]),
        topic,
        form,
        material: material.to_owned(),
        place: d.rng.pick(texts::PLACES).to_string(),
        host,
        ..Session::default()
    }
}

/// The chances of being present and of asking for leave, and the reasons.
type Odds = (f64, f64, &'static [&'static str]);

fn odds(member: &Member, traits: Traits, student_term: bool) -> Odds {
    match member.category {
        _ if traits.unreachable => (0.0, 0.0, texts::LEAVE_MOBILE),
        Some(Category::Mobile) if member.mobile.direction == FlowDirection::Outflow => (0.1, 0.75, texts::LEAVE_MOBILE),
        Some(Category::ElderlyFrail) => (0.35, 0.55, texts::LEAVE_ELDERLY),
        Some(Category::Student) if student_term => (0.2, 0.75, &["在校学习"]),
        Some(Category::Pocket) => (0.7, 0.15, texts::LEAVE_OTHER),
        _ => (0.9, 0.07, texts::LEAVE_OTHER),
    }
}

/// Takes attendance at every session; returns, per member, the indices of
/// the sessions they missed.
fn attendance(d: &mut Demo) -> Vec<Vec<usize>> {
    let Demo { rng, ledger, traits } = d;
    let mut missed = vec![Vec::new(); ledger.members.len()];
    let in_term: Vec<Odds> = ledger
        .members
        .iter()
        .zip(traits.iter())
        .map(|(m, t)| odds(m, *t, true))
        .collect();
    let on_break: Vec<Odds> = ledger
        .members
        .iter()
        .zip(traits.iter())
        .map(|(m, t)| odds(m, *t, false))
        .collect();
    for (k, session) in ledger.study.sessions.iter_mut().enumerate() {
        let odds = if session.date < Date::constant(2006, 1, 10) {
            &in_term
        } else {
            &on_break
        };
        let mut rows = Vec::with_capacity(ledger.members.len());
        for (i, member) in ledger.members.iter().enumerate() {
            if !member.active_on(session.date) {
                continue;
            }
            let (present, leave, reasons) = odds[i];
            let roll = if rng.chance(present) {
                Attendance::Present
            } else if rng.chance(leave / (1.0 - present)) {
                Attendance::Leave(rng.pick(reasons).to_string())
            } else {
                Attendance::Absent
            };
            if roll != Attendance::Present {
                missed[i].push(k);
            }
            rows.push((member.id, roll));
        }
        // Built in one go from sorted rows: much faster than inserting.
        session.attendance = rows.into_iter().collect();
    }
    missed
}

fn make_ups(d: &mut Demo, missed: &[Vec<usize>]) {
    let organiser = d.organiser();
    let committee: Vec<String> = d
        .ledger
        .members
        .iter()
        .filter(|m| m.committee)
        .map(|m| m.name.clone())
        .collect();
    let sessions = &d.ledger.study.sessions;
    let mut records = Vec::new();
    for ((member, t), missed) in d.ledger.members.iter().zip(&d.traits).zip(missed) {
        if t.unreachable {
            continue;
        }
        // Make-up records never mix the stages.
        let stage_of = |stage: Stage| -> Vec<&Session> {
            missed
                .iter()
                .map(|&k| &*sessions[k])
                .filter(|s| s.stage == stage)
                .collect()
        };
        let (earlier, later) = (stage_of(Stage::Learning), stage_of(Stage::Appraisal));
        let method = method_for(member);
        let batch = match method {
            MakeUpMethod::AtHome => 3,
            MakeUpMethod::Mailed => 6,
            MakeUpMethod::Session | MakeUpMethod::Online => 4,
        };
        for chunk in earlier.chunks(batch).chain(later.chunks(batch)) {
            let Some(last) = chunk.last() else { continue };
            let limit = if last.stage == Stage::Learning {
                LEARNING.1
            } else {
                STORY_DAY
            };
            let mut date = add_days(last.date, d.rng.range(2, 5))
                .min(limit)
                .max(add_days(last.date, 1));
            if let Some(out) = &member.transfer_out {
                date = date.min(add_days(out.date, -1)).max(last.date);
            }
            let (delivered_by, notes) = match method {
                MakeUpMethod::AtHome => (
                    d.rng.pick(&committee).clone(),
                    "支委上门送学，逐段讲解学习内容，听取本人学习体会。",
                ),
                MakeUpMethod::Mailed => (
                    organiser.clone(),
                    "邮寄《保持共产党员先进性教育读本》等学习资料，本人自学后寄回学习心得。",
                ),
                MakeUpMethod::Online => (organiser.clone(), "通过农村党员现代远程教育网补学，支部核实。"),
                MakeUpMethod::Session => (organiser.clone(), "参加支部组织的补学会，观看学习录像并交流体会。"),
            };
            records.push(MakeUp {
                id: MakeUpId(0),
                member: member.id,
                date,
                method,
                hours: chunk.iter().map(|s| s.hours).sum(),
                delivered_by,
                reflections_returned: method == MakeUpMethod::Mailed,
                covers: chunk.iter().map(|s| s.id).collect(),
                notes: notes.to_owned(),
            });
        }
    }
    records.extend(earlier_study(d));
    for mut record in records {
        record.id = MakeUpId(d.id());
        d.ledger.study.make_ups.push(record);
    }
}

/// A member who arrived during the stage studied in their old branch; the
/// hours are credited on the strength of its certificate.
fn earlier_study(d: &Demo) -> Vec<MakeUp> {
    let mut records = Vec::new();
    for member in &d.ledger.members {
        let Some(arrived) = &member.transfer_in else {
            continue;
        };
        let before: Vec<&Session> = d
            .ledger
            .study
            .sessions
            .iter()
            .map(|s| &**s)
            .filter(|s| s.stage == Stage::Learning && s.date < arrived.date)
            .collect();
        if before.is_empty() {
            continue;
        }
        records.push(MakeUp {
            member: member.id,
            date: arrived.date,
            method: MakeUpMethod::Session,
            hours: before.iter().map(|s| s.hours).sum(),
            delivered_by: arrived.other_branch.clone(),
            // Not sessions they missed here: they were not on the roster.
            covers: Vec::new(),
            notes: format!("转入前在{}参加集中学习，凭原支部证明计入学时。", arrived.other_branch),
            ..MakeUp::default()
        });
    }
    records
}

fn method_for(member: &Member) -> MakeUpMethod {
    let old = member.birth.is_some_and(|b| b.year() <= 1931);
    match member.category {
        Some(Category::ElderlyFrail) => MakeUpMethod::AtHome,
        _ if old => MakeUpMethod::AtHome,
        Some(Category::Mobile) if member.mobile.direction == FlowDirection::Outflow => MakeUpMethod::Mailed,
        Some(Category::Student) => MakeUpMethod::Online,
        _ => MakeUpMethod::Session,
    }
}

fn reflections(d: &mut Demo) {
    for i in 0..d.ledger.members.len() {
        let member = &d.ledger.members[i];
        if d.traits[i].unreachable {
            continue;
        }
        if d.traits[i].flexible {
            // Not required to write: the member talks, a committee member
            // writes it down (不强求一律).
            let (id, date) = (member.id, add_days(LEARNING.0, 30));
            let rid = ReflectionId(d.id());
            d.ledger.study.reflections.push(Reflection {
                id: rid,
                member: id,
                date,
                kind: ReflectionKind::Reflection,
                title: "口述学习体会（支委上门记录）".to_owned(),
                chars: 0,
                received: true,
                text: String::new(),
            });
            continue;
        }
        let frail = member.category == Some(Category::ElderlyFrail);
        let from = member
            .transfer_in
            .as_ref()
            .map_or(add_days(LEARNING.0, 14), |t| add_days(t.date, 3));
        let to = member
            .transfer_out
            .as_ref()
            .map_or(Date::constant(2006, 1, 14), |t| add_days(t.date, -1));
        let id = member.id;
        let count = match d.rng.below(20) {
            _ if frail => 1,
            0..=12 => 1,
            _ => 2,
        };
        for _ in 0..count {
            reflection(d, id, from, to);
        }
    }
}

fn reflection(d: &mut Demo, member: MemberId, from: Date, to: Date) {
    let rng = &mut d.rng;
    let count = rng.range(5, 9) as usize;
    let picked = rng.sample(texts::REFLECTION_SENTENCES.len(), count);
    let mut text = String::with_capacity(picked.len() * 150);
    for i in picked {
        text.push_str(texts::REFLECTION_SENTENCES[i]);
    }
    let kind = if rng.chance(0.3) {
        ReflectionKind::ReadingNote
    } else {
        ReflectionKind::Reflection
    };
    let title = rng.pick(texts::REFLECTION_TITLES).to_string();
    let date = d.day_between(from, to.max(from));
    let chars = text.chars().filter(|c| !c.is_whitespace()).count() as u32;
    let id = ReflectionId(d.id());
    d.ledger.study.reflections.push(Reflection {
        id,
        member,
        date,
        kind,
        title,
        chars,
        received: true,
        text,
    });
}
