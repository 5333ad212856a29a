//! 谈心谈话 as a secretary works it: record a talk card for three members
//! through the form, see a wrong card refused with the reason, watch each
//! member's count against 5 (10 for a leading cadre), and find the
//! committee pairs who have not talked yet.

mod common;

use common::{id_of, ledger_of};

use common::{Sandbox, click, click_link, harness, small_ledger, type_into};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhibu::model::talk::{TalkCard, TalkKind};
use zhibu::model::{Date, Ledger, MemberId, Stage, TalkId};
use zhibu::ui::ZhibuApp;
use zhibu::ui::app::Action;
use zhibu::ui::screens::appraisal::{AppraisalTab, AppraisalTarget};

/// Six members in the appraisal stage: 王建国 (secretary, a leading
/// cadre), 李秀英 and 张伟 on the committee, 刘洋, 陈静 and 杨帆.
fn talks_ledger() -> Ledger {
    let mut ledger = small_ledger(6);
    ledger.campaign.stage = Stage::Appraisal;
    for (i, m) in ledger.members.iter_mut().enumerate() {
        m.committee = i < 3;
        m.leading_cadre = i == 0;
    }
    ledger
}

/// The talks tab of the appraisal screen.
fn open_talks(sandbox: &Sandbox, ledger: &Ledger) -> Harness<'static, ZhibuApp> {
    let path = sandbox.write_ledger("支部.ron", ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "分析评议");
    click(&mut harness, "谈心谈话");
    harness
}

/// Picks a member from the form's member picker.
fn add_member(harness: &mut Harness<'static, ZhibuApp>, name: &str) {
    harness.get_by_label("添加谈话党员").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, name).click();
    harness.run_steps(2);
}

/// Clicks the form's save button once it has scrolled into view: the
/// form is taller than the panel, and the scroll settles over a few frames.
fn save(harness: &mut Harness<'static, ZhibuApp>) {
    click_settled(harness, "保存谈心记录");
}

fn click_settled(harness: &mut Harness<'static, ZhibuApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).scroll_to_me();
    harness.run_steps(6);
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run_steps(2);
}

#[test]
fn a_card_for_three_members_is_kept_and_counted_for_each() {
    let sandbox = Sandbox::new();
    let mut harness = open_talks(&sandbox, &talks_ledger());
    harness.get_by_label_contains("还没有谈心记录");
    click(&mut harness, "新增谈心记录");
    type_into(&mut harness, "谈话日期", "2006-02-10");
    type_into(&mut harness, "谈话主题", "学习党章的体会");
    type_into(&mut harness, "谈话地点", "村委会");
    for name in ["张伟", "刘洋", "陈静"] {
        add_member(&mut harness, name);
    }
    harness.get_by_label("党员谈话人（3 人）");
    save(&mut harness);

    let ledger = ledger_of(&harness);
    assert_eq!(ledger.talks.len(), 1);
    let card = &ledger.talks[0];
    assert_eq!(card.date, Date::constant(2006, 2, 10));
    assert_eq!(card.topic, "学习党章的体会");
    assert_eq!(card.place, "村委会");
    assert_eq!(card.kind, TalkKind::MemberMember);
    let expected: Vec<MemberId> = ["张伟", "刘洋", "陈静"].iter().map(|n| id_of(&ledger, n)).collect();
    assert_eq!(card.members, expected);
    // The list shows it, with everyone on it.
    harness.get_by_label("张伟、刘洋、陈静");

    click(&mut harness, "每人谈心次数");
    assert_eq!(harness.query_all_by_label("1/5").count(), 3);
    assert_eq!(harness.query_all_by_label("还差 4 次").count(), 3);
}

#[test]
fn a_wrong_card_shows_why_and_nothing_is_kept() {
    let sandbox = Sandbox::new();
    let mut harness = open_talks(&sandbox, &talks_ledger());
    click(&mut harness, "新增谈心记录");
    type_into(&mut harness, "谈话日期", "2006-02-10");
    type_into(&mut harness, "谈话主题", "群众关心的事");
    save(&mut harness);
    harness.get_by_label("谈心谈话至少要有一名本支部党员");
    add_member(&mut harness, "刘洋");
    save(&mut harness);
    harness.get_by_label("谈心谈话至少要有两个人");
    assert!(ledger_of(&harness).talks.is_empty());

    // Two members, but a talk with the masses names someone of the masses.
    add_member(&mut harness, "陈静");
    harness.get_by_label("谈话类别").click();
    harness.run_steps(2);
    harness.get_by_label("党员与群众").click();
    harness.run_steps(2);
    harness.get_by_label("“党员与群众”的谈话须填写群众的姓名");
    save(&mut harness);
    assert!(ledger_of(&harness).talks.is_empty());

    // Naming the villager makes it right.
    click_settled(&mut harness, "添加非党员谈话人");
    type_into(&mut harness, "姓名", "赵大爷");
    assert!(harness.query_by_label("“党员与群众”的谈话须填写群众的姓名").is_none());
    save(&mut harness);
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.talks.len(), 1);
    assert_eq!(ledger.talks[0].others[0].name, "赵大爷");
    assert_eq!(ledger.talks[0].others[0].role, "群众");
}

#[test]
fn a_leading_cadre_is_counted_against_ten() {
    let sandbox = Sandbox::new();
    let mut ledger = talks_ledger();
    let (wang, li) = (id_of(&ledger, "王建国"), id_of(&ledger, "李秀英"));
    for day in 1..=3 {
        ledger.talks.push(
            TalkCard {
                id: TalkId(100 + day as u64),
                date: Date::constant(2006, 2, day),
                topic: "谈心".into(),
                members: vec![wang, li],
                ..TalkCard::default()
            }
            .into(),
        );
    }
    let mut harness = open_talks(&sandbox, &ledger);
    click(&mut harness, "每人谈心次数");
    harness.get_by_label("3/10");
    harness.get_by_label("还差 7 次");
    harness.get_by_label("3/5");
    harness.get_by_label_contains("已达标 0 人，未达标 6 人");

    // Only the unmet, then a new card for one of them from the table.
    harness.get_by_label("只看未达标").click();
    harness.run_steps(2);
    click_link(&mut harness, "为陈静新增谈心记录");
    harness.get_by_label("党员谈话人（1 人）");
    type_into(&mut harness, "谈话日期", "2006-02-12");
    type_into(&mut harness, "谈话主题", "家庭困难");
    add_member(&mut harness, "杨帆");
    save(&mut harness);
    let ledger = ledger_of(&harness);
    assert_eq!(ledger.talks.len(), 4);
    assert_eq!(
        ledger.talks[3].members,
        [id_of(&ledger, "陈静"), id_of(&ledger, "杨帆")]
    );
    assert_eq!(harness.query_all_by_label("1/5").count(), 2);
}

#[test]
fn a_member_sent_from_the_gate_sees_only_their_cards() {
    let sandbox = Sandbox::new();
    let mut ledger = talks_ledger();
    let (wang, li, liu) = (
        id_of(&ledger, "王建国"),
        id_of(&ledger, "李秀英"),
        id_of(&ledger, "刘洋"),
    );
    for (i, (members, topic)) in [(vec![wang, li], "班子团结"), (vec![li, liu], "带头致富")]
        .into_iter()
        .enumerate()
    {
        ledger.talks.push(
            TalkCard {
                id: TalkId(100 + i as u64),
                date: Date::constant(2006, 2, 1 + i as i8),
                topic: topic.into(),
                members,
                ..TalkCard::default()
            }
            .into(),
        );
    }
    let mut harness = open_talks(&sandbox, &ledger);
    harness.get_by_label("带头致富");
    harness.get_by_label("班子团结");
    // What the look-back gate's “去处理” for 刘洋 sends.
    harness.state_mut().send(Action::OpenAppraisal(AppraisalTarget {
        tab: AppraisalTab::Talks,
        member: Some(liu),
    }));
    harness.run_steps(2);
    harness.get_by_label("带头致富");
    assert!(harness.query_by_label("班子团结").is_none());
    harness.get_by_label("刘洋：谈心 1/5 次，还差 4 次");
    click(&mut harness, "为刘洋新增谈心记录");
    harness.get_by_label("党员谈话人（1 人）");
}

#[test]
fn committee_pairs_who_never_talked_are_marked() {
    let sandbox = Sandbox::new();
    let mut ledger = talks_ledger();
    let (wang, li) = (id_of(&ledger, "王建国"), id_of(&ledger, "李秀英"));
    ledger.talks.push(
        TalkCard {
            id: TalkId(100),
            date: Date::constant(2006, 2, 1),
            kind: TalkKind::CommitteeCommittee,
            topic: "班子团结".into(),
            members: vec![wang, li],
            ..TalkCard::default()
        }
        .into(),
    );
    let mut harness = open_talks(&sandbox, &ledger);
    click(&mut harness, "班子成员谈心情况");
    harness.get_by_label("支委之间共 3 对，尚有 2 对未谈心");
    // 王建国–张伟 and 李秀英–张伟, each shown on both sides of the grid.
    assert_eq!(harness.query_all_by_label("未谈").count(), 4);
    assert_eq!(harness.query_all_by_label("1").count(), 2);
}
