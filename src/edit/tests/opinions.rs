//! The analysis-and-appraisal stage's first two links: raw opinions,
//! their merging into distinct opinions and the feedback of those, and
//! talk cards.

use super::*;
use crate::model::opinion::Aspect;
use crate::model::talk::Review;
use crate::model::{IssueId, OpinionId, TalkId};

use AppraisalCommand as A;

const OPINION_GONE: &str = "这条意见已不存在";
const ISSUE_GONE: &str = "这条梳理后的意见已不存在";
const TALK_GONE: &str = "这张谈心卡已不存在";
/// The fixture's distinct opinion, merging opinions 8 and 9.
const ISSUE: IssueId = IssueId(11);
/// The fixture's opinion about the branch, not merged.
const UNMERGED: OpinionId = OpinionId(10);

fn issue_of(ledger: &Ledger, id: OpinionId) -> Option<IssueId> {
    ledger
        .opinions
        .opinions
        .iter()
        .find(|o| o.id == id)
        .and_then(|o| o.issue)
}

#[test]
fn a_new_opinion_comes_in_unmerged() {
    let merged = Opinion {
        issue: Some(ISSUE),
        ..opinion(Target::Member(LI), "联系群众不够")
    };
    let after = accepted(&fixture(), A::AddOpinion(merged.clone()));
    assert_eq!(after.opinions.opinions[3].content, "联系群众不够");
    assert_eq!(issue_of(&after, OpinionId(20)), None);
    refused(
        &fixture(),
        A::AddOpinion(opinion(Target::Branch, " ")),
        "请填写意见内容",
    );
    refused(
        &fixture(),
        A::AddOpinion(opinion(Target::Member(MemberId(NOBODY)), "迟到")),
        "意见所针对的党员已不在名册中",
    );
    refused_when_closed(A::AddOpinion(merged));
}

#[test]
fn a_changed_opinion_stays_merged_where_it_was() {
    let changed = Opinion {
        content: "开会总是迟到".into(),
        aspect: Aspect::Discipline,
        issue: None,
        ..fixture().opinions.opinions[0].clone()
    };
    let after = accepted(&fixture(), A::UpdateOpinion(changed.clone()));
    assert_eq!(after.opinions.opinions[0].content, "开会总是迟到");
    assert_eq!(issue_of(&after, OpinionId(8)), Some(ISSUE));
    let gone = Opinion {
        id: OpinionId(NOBODY),
        ..changed.clone()
    };
    refused(&fixture(), A::UpdateOpinion(gone), OPINION_GONE);
    let late = Opinion {
        date: day(2006, 6, 1),
        ..changed.clone()
    };
    refused(
        &fixture(),
        A::UpdateOpinion(late),
        "日期 2006-06-01 晚于活动结束（2006-05-31）",
    );
    refused_when_closed(A::UpdateOpinion(changed));
}

#[test]
fn a_removed_opinion_is_gone() {
    let after = accepted(&fixture(), A::RemoveOpinion(UNMERGED));
    assert_eq!(after.opinions.opinions.len(), 2);
    assert!(after.opinions.opinions.iter().all(|o| o.id != UNMERGED));
    refused(&fixture(), A::RemoveOpinion(OpinionId(NOBODY)), OPINION_GONE);
    refused_when_closed(A::RemoveOpinion(UNMERGED));
}

fn merge(opinions: Vec<OpinionId>, content: &str) -> AppraisalCommand {
    A::Merge {
        opinions,
        issue: Issue {
            content: content.into(),
            // Feedback comes later, whatever the form sends.
            fed_back: Some(day(2006, 1, 21)),
            signed: Some(day(2006, 1, 22)),
            ..Issue::default()
        },
    }
}

#[test]
fn merging_makes_a_distinct_opinion_not_yet_fed_back() {
    let after = accepted(&fixture(), merge(vec![UNMERGED], "活动场所简陋"));
    let issue = &after.opinions.issues[1];
    assert_eq!((issue.id, issue.fed_back, issue.signed), (IssueId(20), None, None));
    assert_eq!(issue_of(&after, UNMERGED), Some(IssueId(20)));
    refused_when_closed(merge(vec![UNMERGED], "活动场所简陋"));
}

#[test]
fn merging_needs_opinions_still_there_and_a_wording() {
    refused(&fixture(), merge(vec![], "活动场所简陋"), "请先勾选要归并的意见");
    refused(
        &fixture(),
        merge(vec![UNMERGED, OpinionId(NOBODY)], "活动场所简陋"),
        "勾选的意见中有已被删除的",
    );
    // Refused before it takes an id: the counter stays (see `refused`).
    refused(&fixture(), merge(vec![UNMERGED], " "), "请填写梳理后的意见内容");
}

#[test]
fn opinions_merged_into_an_existing_distinct_opinion_point_at_it() {
    let into = |issue: IssueId| A::MergeInto {
        opinions: vec![UNMERGED],
        issue,
    };
    let after = accepted(&fixture(), into(ISSUE));
    assert_eq!(issue_of(&after, UNMERGED), Some(ISSUE));
    assert_eq!(after.opinions.issues.len(), 1);
    refused(&fixture(), into(IssueId(NOBODY)), ISSUE_GONE);
    let nothing = A::MergeInto {
        opinions: vec![],
        issue: ISSUE,
    };
    refused(&fixture(), nothing, "请先勾选要归并的意见");
    refused_when_closed(into(ISSUE));
}

#[test]
fn an_unmerged_opinion_leaves_its_distinct_opinion() {
    let after = accepted(&fixture(), A::Unmerge(OpinionId(8)));
    assert_eq!(issue_of(&after, OpinionId(8)), None);
    assert_eq!(issue_of(&after, OpinionId(9)), Some(ISSUE));
    refused(&fixture(), A::Unmerge(OpinionId(NOBODY)), OPINION_GONE);
    refused_when_closed(A::Unmerge(OpinionId(8)));
}

#[test]
fn a_distinct_opinion_is_fed_back_and_then_signed_for() {
    let fed_back = Issue {
        fed_back: Some(day(2006, 1, 28)),
        signed: Some(day(2006, 1, 29)),
        ..fixture().opinions.issues[0].clone()
    };
    let after = accepted(&fixture(), A::UpdateIssue(fed_back.clone()));
    assert_eq!(
        (after.opinions.issues.len(), &after.opinions.issues[0]),
        (1, &fed_back),
        "replaced in place"
    );
    let gone = Issue {
        id: IssueId(NOBODY),
        ..fed_back.clone()
    };
    refused(&fixture(), A::UpdateIssue(gone), ISSUE_GONE);
    let signed_first = Issue {
        fed_back: None,
        ..fed_back.clone()
    };
    refused(&fixture(), A::UpdateIssue(signed_first), "尚未反馈的意见不能登记签收");
    let before_received = Issue {
        fed_back: Some(day(2006, 1, 19)),
        signed: None,
        ..fed_back.clone()
    };
    refused(
        &fixture(),
        A::UpdateIssue(before_received),
        "反馈日期早于收到意见的日期",
    );
    refused_when_closed(A::UpdateIssue(fed_back));
}

#[test]
fn a_removed_distinct_opinion_unmerges_its_opinions() {
    let after = accepted(&fixture(), A::RemoveIssue(ISSUE));
    assert!(after.opinions.issues.is_empty());
    assert!(after.opinions.opinions.iter().all(|o| o.issue.is_none()));
    assert_eq!(crate::progress::appraisal::opinion_counts(&after), (3, 0, 3));
    refused(&fixture(), A::RemoveIssue(IssueId(NOBODY)), ISSUE_GONE);
    refused_when_closed(A::RemoveIssue(ISSUE));
}

#[test]
fn a_talk_card_needs_a_topic_and_the_people_its_kind_needs() {
    let card = TalkCard {
        kind: TalkKind::MemberMember,
        members: vec![ZHANG, ZHAO],
        ..talk_of_the_committee()
    };
    let after = accepted(&fixture(), A::AddTalk(card.clone()));
    assert_eq!(
        (after.talks[1].id, &after.talks[1].members),
        (TalkId(20), &vec![ZHANG, ZHAO])
    );
    let untitled = TalkCard {
        topic: String::new(),
        ..card.clone()
    };
    refused(&fixture(), A::AddTalk(untitled), "请填写谈话主题");
    let not_the_committee = TalkCard {
        kind: TalkKind::CommitteeCommittee,
        ..card.clone()
    };
    refused(
        &fixture(),
        A::AddTalk(not_the_committee),
        "“班子成员之间”的谈话须有两名支委",
    );
    refused_when_closed(A::AddTalk(card));
}

#[test]
fn a_changed_talk_card_replaces_the_one_with_its_id() {
    let reviewed = TalkCard {
        review: Some(Review {
            by: "刘明".into(),
            date: day(2006, 1, 30),
            comment: "记录完整".into(),
        }),
        ..(*fixture().talks[0]).clone()
    };
    let after = accepted(&fixture(), A::UpdateTalk(reviewed.clone()));
    assert_eq!(*after.talks[0], reviewed);
    let gone = TalkCard {
        id: TalkId(NOBODY),
        ..reviewed.clone()
    };
    refused(&fixture(), A::UpdateTalk(gone), TALK_GONE);
    let alone = TalkCard {
        members: vec![WANG],
        kind: TalkKind::MemberMember,
        ..reviewed.clone()
    };
    refused(&fixture(), A::UpdateTalk(alone), "谈心谈话至少要有两个人");
    refused_when_closed(A::UpdateTalk(reviewed));
}

#[test]
fn a_removed_talk_card_is_gone() {
    let after = accepted(&fixture(), A::RemoveTalk(TalkId(12)));
    assert!(after.talks.is_empty());
    refused(&fixture(), A::RemoveTalk(TalkId(NOBODY)), TALK_GONE);
    refused_when_closed(A::RemoveTalk(TalkId(12)));
}
