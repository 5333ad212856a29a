//! The forms, each filled from the records (or blank, to fill by hand):
//! [`tables`] holds the branch-wide tables (清单, 学时, 签到, 测评表),
//! [`cards`] the per-member and per-talk pages, [`records`] the pages
//! filled from a member's own records, [`comparison`] the 审阅对照 printed
//! after an analysis on request.

mod cards;
mod comparison;
pub mod county_report;
mod records;
mod tables;

use super::compose::{Composer, Heading};
use super::layout::{Layout, Orientation};
use super::{Doc, PrintError, Request, branch_line, show_date};
use crate::model::{Ledger, Member};

/// Lays out the requested document.
pub fn build(ledger: &Ledger, request: &Request, progress: &dyn Fn(f32)) -> Result<Layout, PrintError> {
    let doc = request.doc;
    let orientation = match doc {
        Doc::Checklist | Doc::Hours | Doc::AppraisalBallot => Orientation::Landscape,
        _ => Orientation::Portrait,
    };
    let title = if request.blank {
        format!("{}（空白）", doc.title())
    } else {
        doc.title().to_owned()
    };
    let heading = Heading {
        branch: branch_line(ledger),
        document: title,
        printed: show_date(request.today),
    };
    let mut c = Composer::new(heading, orientation);
    match doc {
        Doc::Checklist => tables::checklist(&mut c, ledger, request),
        Doc::Hours => tables::hours(&mut c, ledger, request),
        Doc::SignIn => tables::sign_in(&mut c, ledger, request)?,
        Doc::AppraisalBallot => tables::appraisal_ballot(&mut c, ledger, request),
        Doc::SurveyBallot => tables::survey_ballot(&mut c, ledger, request),
        Doc::MemberCards => cards::member_cards(&mut c, ledger, request, progress),
        Doc::TalkCards => cards::talk_cards(&mut c, ledger, request, progress)?,
        Doc::Opinions => records::opinions(&mut c, ledger, request, progress)?,
        Doc::Analysis => records::analyses(&mut c, ledger, request, progress)?,
        Doc::Commitments => records::commitments(&mut c, ledger, request, progress),
    }
    progress(1.0);
    Ok(c.finish())
}

/// The members a request covers: those chosen, else every current member.
fn members<'a>(ledger: &'a Ledger, request: &Request) -> Vec<&'a Member> {
    if request.members.is_empty() {
        ledger.current_members().collect()
    } else {
        let names = ledger.member_names();
        request.members.iter().filter_map(|id| names.member(*id)).collect()
    }
}

/// `text`, or a dash when it is empty.
fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.trim().to_owned()
    }
}
