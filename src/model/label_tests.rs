//! The domain words every enum of the model spells (`label()`, and
//! `Stage::title()`): one test over all of them, so that a new variant
//! cannot borrow its neighbour's word or be left without one.

use super::analysis::AnalysisStatus;
use super::appraisal::{Disposition, Grade, Voters};
use super::campaign::{Fraction, Stage};
use super::meeting::MeetingKind;
use super::member::{FlowDirection, Gender};
use super::opinion::{Aspect, Channel, Source, Target};
use super::rectification::{INVALID_BALLOT, ItemStatus, SurveyAnswer};
use super::study::{Attendance, MakeUpMethod, ReflectionKind, SessionKind, StudyForm};
use super::talk::TalkKind;
use super::{BranchKind, Category, Ledger, MemberStatus};

/// Every enum's words, by the enum's name.
fn every_enum() -> Vec<(&'static str, Vec<String>)> {
    fn words<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<String> {
        all.iter().map(|&v| label(v).to_owned()).collect()
    }
    let ledger = Ledger::default();
    let targets = [Target::Branch, Target::Committee].map(|t| t.label(&ledger).to_owned());
    let attendance = [
        Attendance::Present,
        Attendance::Leave(String::new()),
        Attendance::Absent,
    ];
    let mut survey = words(&SurveyAnswer::ALL, SurveyAnswer::label);
    // 无效 sits beside the four answers in every count.
    survey.push(INVALID_BALLOT.to_owned());
    vec![
        ("BranchKind", words(&BranchKind::ALL, BranchKind::label)),
        (
            "Stage",
            words(&[Stage::STEPS.as_slice(), &[Stage::Closed]].concat(), Stage::title),
        ),
        ("Gender", words(&Gender::ALL, Gender::label)),
        ("MemberStatus", words(&MemberStatus::ALL, MemberStatus::label)),
        ("Category", words(&Category::ALL, Category::label)),
        ("FlowDirection", words(&FlowDirection::ALL, FlowDirection::label)),
        ("SessionKind", words(&SessionKind::ALL, SessionKind::label)),
        ("StudyForm", words(&StudyForm::ALL, StudyForm::label)),
        ("Attendance", attendance.iter().map(|a| a.label().to_owned()).collect()),
        (
            "Attendance marks",
            attendance.iter().filter_map(|a| a.mark().map(str::to_owned)).collect(),
        ),
        ("MakeUpMethod", words(&MakeUpMethod::ALL, MakeUpMethod::label)),
        ("ReflectionKind", words(&ReflectionKind::ALL, ReflectionKind::label)),
        ("Channel", words(&Channel::ALL, Channel::label)),
        ("Source", words(&Source::ALL, Source::label)),
        ("Target", targets.to_vec()),
        ("Aspect", words(&Aspect::ALL, Aspect::label)),
        ("TalkKind", words(&TalkKind::ALL, TalkKind::label)),
        ("AnalysisStatus", words(&AnalysisStatus::ALL, AnalysisStatus::label)),
        ("MeetingKind", words(&MeetingKind::ALL, MeetingKind::label)),
        ("Voters", words(&Voters::ALL, Voters::label)),
        ("Grade", words(&Grade::ALL, Grade::label)),
        ("Disposition", words(&Disposition::ALL, Disposition::label)),
        ("ItemStatus", words(&ItemStatus::ALL, ItemStatus::label)),
        ("SurveyAnswer", survey),
    ]
}

#[test]
fn every_enum_spells_each_value_with_its_own_non_empty_word() {
    let mut faults = Vec::new();
    for (name, labels) in every_enum() {
        if labels.len() < 2 {
            faults.push(format!("{name}: only {} words", labels.len()));
        }
        for (i, label) in labels.iter().enumerate() {
            if label.trim().is_empty() || label.trim() != label {
                faults.push(format!("{name}: word {i} is “{label}”"));
            }
            if labels[..i].contains(label) {
                faults.push(format!("{name}: “{label}” is used twice"));
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

#[test]
fn the_survey_counts_read_each_answer_and_the_settings_choose_which_are_satisfied() {
    let counts = super::rectification::SurveyCounts {
        satisfied: 1,
        fairly: 2,
        basically: 4,
        unsatisfied: 8,
        invalid: 16,
    };
    let each: Vec<u32> = SurveyAnswer::ALL.iter().map(|&a| counts.of(a)).collect();
    assert_eq!(each, [1, 2, 4, 8]);
    let strict = super::campaign::SatisfiedCounts {
        satisfied: false,
        fairly: true,
        basically: false,
    };
    // 满意 counts even when the file says otherwise; 不满意 never does.
    assert_eq!(counts.satisfied_under(&strict), 3);
}

#[test]
fn fractions_read_as_a_sentence_says_them() {
    let f = |numerator, denominator| Fraction { numerator, denominator }.in_words();
    assert_eq!(f(1, 3), "三分之一");
    assert_eq!(f(2, 5), "五分之二");
    assert_eq!(f(3, 20), "3/20");
}
