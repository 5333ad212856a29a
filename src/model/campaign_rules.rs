//! The rules a campaign's settings must keep before they are accepted: the
//! numbers of [`Settings`] that would make no sense (hours not in halves,
//! a cadre asked for less than an ordinary member, a ratio above one).
//! The start wizard and the settings screen ask them while the user types;
//! the edit core asks them again before the settings are kept.

use super::campaign::StagePlan;
use super::{Campaign, Settings, Stage, StageMove};

/// Refuses a stage move (转段) other than to the next stage, to the end
/// (that is the closing's, in 验收归档), without the approver, or with an
/// unmet check passed over without its reason.
pub fn check_stage_move(campaign: &Campaign, stage_move: &StageMove) -> Result<(), String> {
    if stage_move.from != campaign.stage || campaign.stage.next() != Some(stage_move.to) {
        return Err("只能转入下一个阶段，阶段不能跳过".to_owned());
    }
    if stage_move.to == Stage::Closed {
        return Err("活动结束须在“整改提高”的“验收归档”中办理".to_owned());
    }
    if stage_move.approver.trim().is_empty() {
        return Err("请填写批准转段的督导组成员姓名".to_owned());
    }
    check_overrides(stage_move)
}

/// Refuses a move (a 转段 or the closing) that passes over an unmet check
/// without its reason.
pub fn check_overrides(stage_move: &StageMove) -> Result<(), String> {
    if stage_move.overrides.iter().any(|o| o.reason.trim().is_empty()) {
        return Err("未完成的检查项须逐项写明理由".to_owned());
    }
    Ok(())
}

/// Refuses a plan in which a stage ends before it starts.
pub fn check_plan(plan: &StagePlan) -> Result<(), String> {
    for stage in [Stage::Learning, Stage::Appraisal, Stage::Rectification] {
        if let Some(period) = plan.period(stage)
            && let (Some(start), Some(end)) = (period.start, period.end)
            && start > end
        {
            return Err(format!("{}的结束日期早于开始日期", stage.title()));
        }
    }
    Ok(())
}

/// Refuses rules that make no sense.
pub fn check_settings(settings: &Settings) -> Result<(), String> {
    if !settings.required_hours.is_finite() || settings.required_hours <= 0.0 || settings.required_hours > 500.0 {
        return Err("学时要求应在 0.5 到 500 之间".to_owned());
    }
    if (settings.required_hours * 2.0).fract() != 0.0 {
        return Err("学时要求须以半小时为单位".to_owned());
    }
    if settings.reflections_required > 20 {
        return Err("每人心得篇数要求应在 0 到 20 之间".to_owned());
    }
    if settings.talks_required_cadre < settings.talks_required {
        return Err("领导干部的谈心次数要求不应少于普通党员".to_owned());
    }
    if settings.analysis_chars_cadre < settings.analysis_chars {
        return Err("领导干部的党性分析字数要求不应少于普通党员".to_owned());
    }
    if let Some(cap) = settings.excellent_cap
        && (cap.denominator == 0 || cap.numerator == 0 || cap.numerator > cap.denominator)
    {
        return Err("优秀比例应为不大于 1 的分数，如 1/3".to_owned());
    }
    if !(0.0..=100.0).contains(&settings.satisfaction_threshold) {
        return Err("满意率标准应在 0% 到 100% 之间".to_owned());
    }
    if settings.feedback_days == 0 {
        return Err("意见反馈时限至少 1 天".to_owned());
    }
    Ok(())
}
