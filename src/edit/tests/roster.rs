//! The commands of the preparation stage and of every stage alike: the
//! branch's facts, the campaign's name, rules and plan, the roster (one
//! member, several, an import, a change, a removal) and the stage move.

use super::*;
use crate::model::Settings;
use crate::model::campaign::Override;

#[test]
fn the_branch_facts_are_kept_as_given() {
    let mut branch = fixture().branch;
    branch.secretary = "王建国".into();
    let after = accepted(&fixture(), Command::SetBranch(branch.clone()));
    assert_eq!(after.branch, branch);
    refused_when_closed(Command::SetBranch(branch));
}

#[test]
fn a_campaign_needs_a_name_and_keeps_its_batch() {
    let rename = |name: &str| Command::SetCampaignName {
        name: name.into(),
        batch: "第三批".into(),
    };
    let after = accepted(&fixture(), rename("两学一做学习教育"));
    assert_eq!(
        (after.campaign.name.as_str(), after.campaign.batch.as_str()),
        ("两学一做学习教育", "第三批")
    );
    refused(&fixture(), rename("  "), "活动名称不能为空");
    refused_when_closed(rename("两学一做学习教育"));
}

#[test]
fn settings_are_kept_only_when_they_make_sense() {
    let settings = Settings {
        required_hours: 32.5,
        ..Settings::default()
    };
    let after = accepted(&fixture(), Command::SetSettings(settings.clone()));
    assert_eq!(after.campaign.settings.required_hours, 32.5);
    let quarter = Settings {
        required_hours: 40.25,
        ..Settings::default()
    };
    refused(&fixture(), Command::SetSettings(quarter), "学时要求须以半小时为单位");
    let negative = Settings {
        required_hours: -1.0,
        ..Settings::default()
    };
    refused(
        &fixture(),
        Command::SetSettings(negative),
        "学时要求应在 0.5 到 500 之间",
    );
    refused_when_closed(Command::SetSettings(settings));
}

#[test]
fn the_plan_of_the_stages_is_kept_as_given() {
    let mut plan = plan();
    plan.rectification.end = Some(day(2006, 6, 15));
    let after = accepted(&fixture(), Command::SetPlan(plan.clone()));
    assert_eq!(after.campaign.plan, plan);
    refused_when_closed(Command::SetPlan(plan));
}

#[test]
fn an_added_member_gets_a_fresh_id_never_used_before() {
    let new = Member {
        name: "孙丽".into(),
        ..Member::default()
    };
    let (after, applied) = accepted_as(&fixture(), Command::AddMember(new.clone()));
    assert_eq!(applied, Applied::MemberAdded(MemberId(20)));
    assert_eq!(after.member_name(MemberId(20)), "孙丽");
    // Removing the newest member does not free its id.
    let removed = with(after, Command::RemoveMember(MemberId(20)));
    let (_, again) = accepted_as(&removed, Command::AddMember(new.clone()));
    assert_eq!(again, Applied::MemberAdded(MemberId(21)));
    refused_when_closed(Command::AddMember(new));
}

#[test]
fn members_added_together_get_fresh_ids_in_order() {
    let named = |name: &str| Member {
        name: name.into(),
        id: MemberId(WANG.0),
        ..Member::default()
    };
    let add = || Command::AddMembers(vec![named("孙丽"), named("周强")]);
    let after = accepted(&fixture(), add());
    let added: Vec<(u64, &str)> = after.members[4..].iter().map(|m| (m.id.0, m.name.as_str())).collect();
    assert_eq!(added, [(20, "孙丽"), (21, "周强")]);
    assert_eq!(after.member_name(WANG), "王建国", "the id given is not kept");
    refused_when_closed(add());
}

#[test]
fn an_import_updates_members_in_place_and_adds_the_rest() {
    let mut li = fixture().members[1].clone();
    li.phone = "13800001111".into();
    let import = |updated: Member| Command::ImportMembers {
        added: vec![Member {
            name: "孙丽".into(),
            ..Member::default()
        }],
        updated: vec![updated],
    };
    assert_eq!(import(li.clone()).describe(), "导入名册：新增 1 名，更新 1 名党员");
    let after = accepted(&fixture(), import(li.clone()));
    let rows: Vec<(u64, &str, &str)> = after
        .members
        .iter()
        .map(|m| (m.id.0, m.name.as_str(), m.phone.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (1, "王建国", ""),
            (2, "李秀英", "13800001111"),
            (3, "张伟", ""),
            (4, "赵敏", ""),
            (20, "孙丽", "")
        ]
    );
    // A member deleted since the preview: nothing changes, not even the
    // members to add.
    let without_li = with(fixture(), Command::RemoveMember(LI));
    refused(
        &without_li,
        import(li.clone()),
        "李秀英已不在名册中（可能已被删除），请重新读取表格",
    );
    refused_when_closed(import(li));
}

#[test]
fn a_changed_member_replaces_the_one_with_its_id() {
    let mut zhang = fixture().members[2].clone();
    zhang.position = "村委会主任".into();
    let after = accepted(&fixture(), Command::UpdateMember(zhang.clone()));
    assert_eq!(after.members[2], zhang);
    let gone = Member {
        id: MemberId(NOBODY),
        ..zhang.clone()
    };
    refused(
        &fixture(),
        Command::UpdateMember(gone),
        "这名党员已不在名册中（可能已被删除）",
    );
    refused_when_closed(Command::UpdateMember(zhang));
}

#[test]
fn a_removed_member_takes_every_record_naming_them_along() {
    assert!(fixture().records_of(WANG) > 5);
    let after = accepted(&fixture(), Command::RemoveMember(WANG));
    assert!(after.member(WANG).is_none());
    assert_eq!(after.records_of(WANG), 0);
    assert!(after.rectification.commendations.is_empty());
    refused(
        &fixture(),
        Command::RemoveMember(MemberId(NOBODY)),
        "这名党员已不在名册中",
    );
    refused_when_closed(Command::RemoveMember(WANG));
}

fn move_from(from: Stage, to: Stage) -> StageMove {
    StageMove {
        from,
        to,
        date: day(2005, 11, 15),
        approver: "刘明".into(),
        ..StageMove::default()
    }
}

#[test]
fn a_stage_move_enters_the_next_stage_on_the_record() {
    let before = in_stage(Stage::Preparation);
    let stage_move = move_from(Stage::Preparation, Stage::Learning);
    let after = accepted(&before, Command::MoveStage(stage_move.clone()));
    assert_eq!(after.campaign.stage, Stage::Learning);
    assert_eq!(after.campaign.moves.last(), Some(&stage_move));
    let overridden = StageMove {
        overrides: vec![Override {
            check: "学时达标".into(),
            unmet: 1,
            reason: "赵敏新转入，随后补学".into(),
        }],
        ..move_from(Stage::Learning, Stage::Appraisal)
    };
    let after = accepted(&in_stage(Stage::Learning), Command::MoveStage(overridden));
    assert_eq!(after.campaign.stage, Stage::Appraisal);
    refused_when_closed(Command::MoveStage(move_from(Stage::Rectification, Stage::Closed)));
}

#[test]
fn a_stage_move_cannot_skip_start_elsewhere_or_end_the_campaign() {
    let skip = "只能转入下一个阶段，阶段不能跳过";
    let preparation = in_stage(Stage::Preparation);
    refused(
        &preparation,
        Command::MoveStage(move_from(Stage::Preparation, Stage::Appraisal)),
        skip,
    );
    refused(
        &preparation,
        Command::MoveStage(move_from(Stage::Learning, Stage::Appraisal)),
        skip,
    );
    refused(
        &fixture(),
        Command::MoveStage(move_from(Stage::Rectification, Stage::Closed)),
        "活动结束须在“整改提高”的“验收归档”中办理",
    );
}

#[test]
fn a_stage_move_needs_an_approver_and_a_reason_for_each_override() {
    let preparation = in_stage(Stage::Preparation);
    let nobody = StageMove {
        approver: " ".into(),
        ..move_from(Stage::Preparation, Stage::Learning)
    };
    refused(
        &preparation,
        Command::MoveStage(nobody),
        "请填写批准转段的督导组成员姓名",
    );
    let no_reason = StageMove {
        overrides: vec![Override {
            check: "名册完整".into(),
            unmet: 2,
            reason: "  ".into(),
        }],
        ..move_from(Stage::Preparation, Stage::Learning)
    };
    refused(
        &preparation,
        Command::MoveStage(no_reason),
        "未完成的检查项须逐项写明理由",
    );
}

#[test]
fn a_member_no_day_makes_right_is_refused_by_every_member_command() {
    let blank = Member::default();
    refused(&fixture(), Command::AddMember(blank.clone()), "请填写姓名");
    let mut young = fixture().members[2].clone();
    young.birth = Some(day(1990, 1, 1));
    young.joined = Some(day(1980, 7, 1));
    let why = "张伟：入党时间应晚于出生日期";
    refused(&fixture(), Command::UpdateMember(young.clone()), why);
    let good = Member {
        name: "孙丽".into(),
        ..Member::default()
    };
    // One bad member stops the whole list: nothing is added.
    refused(&fixture(), Command::AddMembers(vec![good.clone(), blank]), "请填写姓名");
    refused(
        &fixture(),
        Command::ImportMembers {
            added: vec![good],
            updated: vec![young],
        },
        why,
    );
}

#[test]
fn a_plan_whose_stage_ends_before_it_starts_is_refused() {
    let mut plan = plan();
    plan.appraisal.end = plan.appraisal.start.map(|d| d.yesterday().expect("a day before"));
    refused(&fixture(), Command::SetPlan(plan), "分析评议的结束日期早于开始日期");
}
