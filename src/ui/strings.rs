//! Interface text that more than one place shows, and the long help
//! texts; help texts that quote a setting or a figure of the program are
//! functions of it, so that they say what the program does.
//!
//! This is one of the three homes the convention at the top of
//! [`crate::ui`] gives interface text: domain words are `label()` on the
//! model's enums (the constants below that name a stage take it from
//! there), and a sentence of one screen stays next to its widget. Many
//! constants here are still used by one screen only, from before that
//! convention; they move next to their widget when that screen is next
//! reworked, and no new one-screen sentence is added here.

use crate::edit::document::{AUTOSAVE_DELAY, BACKUP_EVERY};
use crate::model::appraisal::Grade;
use crate::model::rectification::SurveyAnswer;
use crate::model::study::Attendance;
use crate::model::study_rules::show_hours;
use crate::model::{Settings, Stage};
use crate::store::backup::{KEEP_DAYS, KEEP_LAST};

// The program.
pub const APP_TITLE: &str = "支部台账";
/// A program error in the window (a message box, then the program ends).
pub const PROGRAM_ERROR: &str = "支部台账遇到程序错误，需要关闭。\
已保存的台账不会丢失；最近输入还没保存的内容一般已另存为草稿，重新打开台账时会提示恢复。\
请把下面这段文字告诉开发人员。";
/// Under the error when the window cannot open (a message box).
pub const WINDOW_FAILED_HINT: &str = "台账文件没有任何改动。\n\
这通常是因为这台电脑的显卡驱动没有安装或太旧（虚拟机、远程桌面里常见）。\
请安装或更新显卡驱动后再打开；仍不行时，请单位的电脑管理员帮忙，并把上面这段文字告诉他。";
pub const APP_TAGLINE: &str = "党支部先进性教育活动台账 · 离线使用，所有记录保存在本机一个文件中";
pub const NO_HOME: &str = "找不到用户文件夹，无法确定台账保存位置";
pub const PREFS_NOT_SAVED: &str = "界面设置未能保存";
pub const DEFAULT_FILE_STEM: &str = "支部台账";
pub const DEMO_FILE: &str = "示例支部.ron";
pub const LEDGER_FILES: &str = "支部台账文件";
pub const SHEET_FILES: &str = "名册表格";

// Navigation.
pub const NAV_OVERVIEW: &str = "概览";
pub const NAV_ROSTER: &str = "党员名册";
pub const NAV_PREPARATION: &str = Stage::Preparation.title();
pub const NAV_LEARNING: &str = Stage::Learning.title();
pub const NAV_APPRAISAL: &str = Stage::Appraisal.title();
pub const NAV_RECTIFICATION: &str = Stage::Rectification.title();
pub const NAV_PRINT: &str = "打印";
pub const NAV_EXPORT: &str = "导出";
pub const NAV_SETTINGS: &str = "设置";
pub const CLOSE_FILE: &str = "关闭台账";
pub const CLOSE_FILE_HINT: &str = "保存并关闭当前台账，回到开始页面";

// Top bar.
pub const UNNAMED_BRANCH: &str = "（未命名支部）";
pub const STEP_PREPARATION: &str = "准备";
pub const UNDO: &str = "撤销";
pub const REDO: &str = "重做";
pub const UNDONE: &str = "已撤销";
pub const REDONE: &str = "已重做";
pub const SAVED: &str = "已保存";
pub const UNSAVED: &str = "有未保存的修改";
pub const SAVE_NOW: &str = "立即保存";
pub const SAVE_FAILED: &str = "保存失败";
pub const RETRY_SAVE: &str = "重试保存";
pub const READ_ONLY: &str = "只读";
pub const CLOSED_BANNER: &str = "活动已验收归档，台账只读：可以查看、打印和导出。如确需修改，请到“整改提高 → 回头看与验收归档”填写原因后重新打开活动（会留下记录）。";
pub const GO_REOPEN: &str = "去重新打开活动";
pub const LEDGER_SAVED: &str = "台账其余内容已保存于";
pub const DRAFTS_WAITING: &str = "草稿未保存";
pub const DRAFTS_WAITING_HINT: &str =
    "以下内容已输入但还没有保存进台账（程序会随时留存草稿，关闭或意外退出后可以恢复）：";
pub const DRAFTS_NOT_WRITTEN: &str = "草稿未能写入磁盘";
pub const DRAFTS_KEPT: &str = "未保存的内容已留存为草稿，下次打开此台账时可以恢复";
pub const OFFER_TITLE: &str = "上次未保存的内容";
pub const OFFER_BODY: &str = "上次关闭或意外退出时，以下内容还没有保存进台账";
pub const OFFER_OLDER: &str = "注意：台账在这之后又保存过。恢复后请先核对，再决定是否保存。";
pub const OFFER_RESTORE: &str = "恢复";
pub const OFFER_DISCARD: &str = "丢弃";
pub const DISMISS_OK: &str = "知道了";
pub const CLOSE_UNSAVED_TITLE: &str = "有内容尚未保存";
pub const CLOSE_UNSAVED_BODY: &str = "以下内容已输入，但还没有保存进台账：";
pub const CLOSE_UNSAVED_HINT: &str = "选“保存草稿并退出”，下次打开此台账时会提示恢复，接着编辑后再保存。";
pub const CLOSE_KEEP: &str = "保存草稿并退出";
pub const CLOSE_DISCARD: &str = "不保存，退出";
pub const CLOSE_STAY: &str = "取消";
pub const DISMISS: &str = "关闭";
pub const CLOSE_FAILED_TITLE: &str = "台账未能保存";
pub const CLOSE_FAILED_BODY: &str = "现在退出，最近的修改将会丢失。建议先解决上面的问题（例如腾出磁盘空间）再保存。";
pub const STAY: &str = "不退出，继续处理";
pub const QUIT_ANYWAY: &str = "放弃修改并退出";

// Common words.
pub const CANCEL: &str = "取消";
/// Top bar: the ledger was saved but its backup copy was not (the reason
/// on hover).
pub const BACKUP_FAILED: &str = "备份未完成";
/// Replacing a file that is in the way of an output.
pub const REPLACE: &str = "替换";
pub const CLOSE: &str = "关闭";
pub const DISCARD: &str = "放弃修改";
pub const CHOOSE: &str = "请选择";
pub const NOTE: &str = "备注";
pub const NOTES: &str = "备注";
pub const PERSONS: &str = "人";
pub const ITEMS: &str = "项";
pub const MEMBERS_UNIT: &str = "名党员";
pub const START: &str = "开始日期";
pub const END: &str = "结束日期";
pub const DATE_HINT: &str = "如 2005-03-01";
pub const OPEN: &str = "打开";
pub const FILE: &str = "文件";
pub const BROWSE: &str = "浏览…";

// Start screen and wizard.
pub const NEW_LEDGER: &str = "新建支部台账";
pub const NEW_LEDGER_HINT: &str = "填写支部情况、活动规则和党员名单，三步完成";
pub const OPEN_DEMO: &str = "打开示例支部";
pub const OPEN_DEMO_HINT: &str = "一个虚构的农村支部，各阶段都有记录，可随意试用";
pub const OPEN_FILE: &str = "打开文件…";
pub const COUNTY_ROLLUP: &str = "县级汇总";
pub const COUNTY_ROLLUP_HINT: &str = "县先教办用：不打开支部台账，汇总各支部交来的导出文件";
pub const PATH_HINT: &str = "或在此输入台账文件路径";
pub const DATA_FOLDER: &str = "新台账保存在";
pub const CREATED: &str = "已新建台账";
pub const WIZARD_BRANCH: &str = "① 支部基本情况";
pub const WIZARD_RULES: &str = "② 活动规则和阶段日期";
pub const WIZARD_MEMBERS: &str = "③ 党员名单";
pub const WIZARD_NAMES_EXPLAINED: &str = "每行一个姓名，可在姓名后写性别、出生日期和入党时间（如：王秀英 女 1962-03-08 1985-07-01）。其他信息可以稍后在“党员名册”中补充，也可以从现有的名册表格导入。";
pub const PREVIOUS: &str = "上一步";
pub const NEXT: &str = "下一步";
pub const FINISH: &str = "完成，建立台账";
pub const BRANCH_NAME_REQUIRED: &str = "请填写支部名称";

// Recovery.
pub const CANNOT_OPEN: &str = "台账文件无法打开";
pub const FILE_UNTOUCHED: &str = "程序没有修改这个文件，也不会覆盖它。";
pub const NEWEST_BACKUP: &str = "最近一份完好的备份";
pub const RESTORE_BACKUP: &str = "从这份备份恢复";
pub const RESTORE_EXPLAINED: &str = "损坏的文件会先移到备份文件夹中保留，再用备份恢复台账";
pub const NO_BACKUP: &str = "没有找到可用的备份。";
pub const BACK_TO_START: &str = "返回开始页面";
pub const RESTORED: &str = "已从备份恢复台账";

// Preparation.
pub const PREPARATION_EXPLAINED: &str =
    "填写支部基本情况和实施方案中的阶段日期，核对党员名册（四个清楚），检查通过后申请转入学习动员阶段。";
pub const BRANCH_FACTS: &str = "支部基本情况";
pub const BRANCH_NAME: &str = "支部名称";
pub const BRANCH_NAME_HINT: &str = "如 中共红星村支部委员会";
pub const BRANCH_KIND: &str = "支部类型";
pub const SUPERIOR: &str = "上级党委";
pub const SUPERIOR_HINT: &str = "如 中共城关镇委员会";
pub const SECRETARY: &str = "支部书记";
pub const ORGANISER: &str = "组织委员";
pub const SUPERVISOR: &str = "督导组联系人";
pub const SUPERVISOR_HINT: &str = "可不填";
pub const SAVE_BRANCH: &str = "保存支部情况";
pub const STAGE_PLAN: &str = "实施方案：各阶段日期";
pub const PLAN_FILED: &str = "方案报上级日期";
pub const SAVE_PLAN: &str = "保存阶段日期";

// Gate and stage move.
pub const LOOK_BACK: &str = "回头看";
pub const ITEMS_UNMET: &str = "项未完成";
pub const GO_FIX: &str = "去处理";
pub const AND_MORE: &str = "……还有";
pub const STAGE_NOT_REACHED: &str = "尚未进入这个阶段。";
pub const STAGE_SUFFIX: &str = "阶段";
pub const MOVED_INTO: &str = "转入";
pub const MOVED_ON: &str = "转段";
pub const APPROVER: &str = "批准人";
pub const APPLY_MOVE_TO: &str = "申请转段：转入";
pub const MOVE_DATE: &str = "转段日期";
pub const MOVE_DATE_MISSING: &str = "请填写转段日期";
pub const APPROVER_FIELD: &str = "批准人（督导组）";
pub const APPROVER_HINT: &str = "验收的督导组成员姓名";
pub const OVERRIDE_REASON: &str = "未完成项的理由";
pub const OVERRIDE_HINT: &str = "写明为什么可以先转段、何时补课";
pub const CONFIRM_MOVE: &str = "确认转段";
pub const APPROVER_MISSING: &str = "请填写批准转段的督导组成员姓名";
pub const REASON_MISSING: &str = "未完成的检查项须写明理由";

// Overview.
pub const STAGE_DONE: &str = "已完成";
pub const STAGE_CURRENT: &str = "进行中";
pub const STAGE_LATER: &str = "未开始";
pub const CHECKS_MET: &str = "检查项";
pub const CHECKS_COMING: &str = "检查项随该阶段功能提供";
pub const OPEN_STAGE: &str = "查看";
pub const CHECKLIST: &str = "党员对照检查清单";
pub const ALL_MET: &str = "全部完成";
pub const SEARCH_NAME: &str = "按姓名查找（Ctrl+F）";
pub const ONLY_INCOMPLETE: &str = "只看未完成的";

// Roster.
pub const ON_ROLL: &str = "在册";
pub const DEPARTED: &str = "已转出";
pub const ADD_MEMBER: &str = "新增党员";
pub const IMPORT_ROSTER: &str = "导入名册表格…";
pub const SEARCH: &str = "查找";
pub const SEARCH_HINT: &str = "姓名、电话、职务（Ctrl+F）";
pub const ALL_CATEGORIES: &str = "全部类别";
pub const UNCATEGORISED: &str = "未分类";
pub const SHOW_DEPARTED: &str = "显示已转出";
pub const ROSTER_EMPTY: &str = "名册还是空的：点“新增党员”逐个录入，或点“导入名册表格…”从 Excel/WPS 表格导入。";
pub const NO_MATCH: &str = "没有符合条件的党员。";
pub const DUPLICATE_NAME: &str = "名册中有同名党员，请核对是否重复录入";
pub const COL_ORDER: &str = "序号";
pub const COL_NAME: &str = "姓名";
pub const COL_GENDER: &str = "性别";
pub const COL_BIRTH: &str = "出生日期";
pub const COL_JOINED: &str = "入党时间";
pub const COL_CATEGORY: &str = "党员类别";
pub const COL_STATUS: &str = "党籍状态";
pub const COL_POSITION: &str = "工作单位及职务";
pub const COL_PHONE: &str = "联系电话";
pub const COL_LINE: &str = "表中行号";

// Member form.
pub const NEW_MEMBER: &str = "新增党员";
pub const EDIT_MEMBER: &str = "党员信息";
pub const NAME_REQUIRED: &str = "姓名 *";
pub const ETHNICITY: &str = "民族";
pub const PARTY_STATUS: &str = "党籍";
pub const PROBATION_DUE: &str = "预备期满日期 *";
pub const LEADING_CADRE: &str = "党员领导干部";
pub const COMMITTEE: &str = "支委成员";
pub const HARDSHIP: &str = "困难党员";
pub const EDUCATION: &str = "学历";
pub const ID_NUMBER: &str = "身份证号";
pub const MOBILE_SECTION: &str = "流动党员情况（四个清楚）";
pub const FLOW_DIRECTION: &str = "流向";
pub const WHEREABOUTS: &str = "去向（地点、单位）";
pub const MOBILE_CONTACT: &str = "联系方式";
pub const TRANSFERRED_IN: &str = "活动期间转入本支部";
pub const TRANSFER_IN_DATE: &str = "转入日期";
pub const FROM_BRANCH: &str = "转自";
pub const TRANSFERRED_OUT: &str = "已转出本支部";
pub const TRANSFER_OUT_HINT: &str = "转出的党员保留全部记录，只是转出日期以后不再计入";
pub const TRANSFER_OUT_DATE: &str = "转出日期";
pub const TO_BRANCH: &str = "转往";
pub const TRANSFER_DATE_MISSING: &str = "请填写转入或转出日期";
pub const SAVE_MEMBER: &str = "保存";
pub const FIX_ERRORS_FIRST: &str = "请先改正红色提示的内容";
pub const DELETE_MEMBER: &str = "删除党员";
pub const DELETE_RECORDS_1: &str = "此人在台账中还有";
pub const DELETE_RECORDS_2: &str = "条相关记录（考勤、谈心、意见等），将一并删除。";
pub const DELETE_EXPLAINED: &str = "若党员是调离本支部，请不要删除，改为勾选“已转出本支部”，这样记录会保留。";
pub const CONFIRM_DELETE: &str = "确认删除";

// Import.
pub const IMPORT_TITLE: &str = "导入名册表格";
pub const IMPORT_EXPLAINED: &str = "选择支部现有的党员花名册（Excel、WPS 表格或 CSV）。程序按表头（姓名、性别、出生日期、入党时间……）识别各列，先列出将要导入的党员和无法读取的行，确认后才会导入。";
pub const IMPORT_PATH_HINT: &str = "表格文件的路径";
pub const READ_FILE: &str = "读取";
pub const SHEET: &str = "工作表";
pub const COLUMNS_UNDERSTOOD: &str = "识别的列：";
pub const NOT_IMPORTED: &str = "（不导入）";
pub const SKIPPED_ROWS: &str = "以下各行无法读取，不会导入（请在表格中改正后重新导入）：";
pub const ROWS_TO_IMPORT: &str = "将要导入的党员";
pub const CHECK_THESE: &str = "需要核对";
pub const CONFIRM_IMPORT: &str = "确认导入";
pub const IMPORTED: &str = "已导入";

// Settings.
pub const SETTINGS_EXPLAINED: &str = "活动名称、活动规则、界面外观，以及台账文件和备份的位置。";
pub const CAMPAIGN_NAME: &str = "活动名称";
pub const CAMPAIGN_BATCH: &str = "批次";
pub const BATCH_HINT: &str = "如 第三批";
pub const SAVE_CAMPAIGN_NAME: &str = "保存活动名称";
pub const RULES: &str = "活动规则";
pub const RULES_EXPLAINED: &str =
    "以下数字是先进性教育活动的通常要求，可按上级的具体规定修改；以后的活动也可以沿用这套台账。";
pub const RULE_HOURS: &str = "每名党员集中学习不少于";
pub const RULE_REFLECTIONS: &str = "每人学习心得（读书笔记）";
pub const RULE_TALKS: &str = "谈心谈话不少于";
pub const RULE_CHARS: &str = "党性分析材料不少于";
pub const ORDINARY: &str = "普通党员 ";
pub const CADRE: &str = "领导干部 ";
pub const RULE_GRADING: &str = "民主评议";
pub const RULE_CAP: &str = "优秀比例上限";
pub const RULE_CAP_ON: &str = "限制优秀人数，不超过党员人数的";
pub const RULE_THRESHOLD: &str = "满意率低于此值须补课、重新测评";
pub const RULE_SATISFIED: &str = "计入满意的选项";
pub const RULE_FEEDBACK: &str = "意见反馈时限";
pub const SAVE_RULES: &str = "保存活动规则";
pub const RESTORE_DEFAULT_RULES: &str = "恢复默认值";
pub const APPEARANCE: &str = "界面";
pub const THEME: &str = "配色";
pub const FILE_SECTION: &str = "台账文件和备份";
pub const FILE_LOCATION: &str = "台账文件：";
pub const SHOW_BACKUPS: &str = "查看备份";
pub const RESTORE_THIS_BACKUP: &str = "恢复到此备份";
pub const RESTORE_THIS_HINT: &str = "当前台账会先保存并另存到备份文件夹，再用这份备份替换";

// Screens of later versions.

// Backups.
pub const BACKUP_SAVE_1: &str = "第";
pub const BACKUP_SAVE_2: &str = "次保存";
pub const BACKUP_BEFORE_UPGRADE: &str = "升级前的原文件，格式版本 ";
pub const BACKUP_DAMAGED: &str = "恢复时移出的损坏文件";
pub const BACKUP_SET_ASIDE: &str = "恢复备份前的台账";

// Help texts that quote a setting or a figure of the program.

/// The save button's hover text: how soon an edit is saved by itself.
pub fn save_hint() -> String {
    format!("修改后约 {AUTOSAVE_DELAY} 秒自动保存；Ctrl+S 立即保存")
}

/// The settings' checkbox that turns grading on, naming the grades.
pub fn rule_grading_on() -> String {
    let grades: Vec<&str> = Grade::ALL.iter().map(|g| g.label()).collect();
    format!("评定等次（{}）", grades.join("、"))
}

/// Under the backups: when a backup is made and how many are kept.
pub fn backup_explained() -> String {
    format!(
        "程序在台账旁的 backups 文件夹中保留备份：打开后第一次保存、自动保存每隔 {} 分钟、按 Ctrl+S 和关闭程序时各存一份；保留最近 {KEEP_LAST} 份，以及最近 {KEEP_DAYS} 天每天一份。文件损坏时可从备份恢复。",
        BACKUP_EVERY.as_secs() / 60
    )
}

/// The study records' help: the hours each member needs.
pub fn sessions_help(settings: &Settings) -> String {
    format!(
        "每名党员集中学习不少于 {} 学时；每次学习逐人登记考勤，缺课的要及时补学。学习贯穿活动始终，各阶段的学习都计入学时。",
        show_hours(settings.required_hours)
    )
}

/// The attendance grid's help: what its marks mean.
pub fn matrix_help() -> String {
    let (leave, absent) = (Attendance::Leave(String::new()), Attendance::Absent);
    format!(
        "每名党员每次学习的考勤一览：数字为出席学时，“{}”为{}，“{}”为{}，“补”为已补学。点击格子打开该次学习的考勤。",
        leave.mark().unwrap_or_default(),
        leave.label(),
        absent.mark().unwrap_or_default(),
        absent.label()
    )
}

/// The talks' help: how many people each member and each leading cadre
/// talks with.
pub fn talks_help(settings: &Settings) -> String {
    format!(
        "坚持“四必谈”。每名党员与党内外至少 {} 名同志谈心，党员领导干部至少 {} 名；每次谈心填写谈心卡，督导组审阅。",
        settings.talks_required, settings.talks_required_cadre
    )
}

/// The ballot's help: whether grades are given and the cap on 优秀.
pub fn ballot_help(settings: &Settings) -> String {
    let excellent = Grade::Excellent.label();
    let grading = match (settings.grading, settings.excellent_cap) {
        (false, _) => "本次活动不评定等次（见“设置”）。".to_owned(),
        (true, Some(cap)) => format!("评定等次的，{excellent}一般不超过党员总数的{}。", cap.in_words()),
        (true, None) => format!("评定等次的，{excellent}人数不设上限（见“设置”）。"),
    };
    format!("个人自评、党员互评、群众评议，无记名填写测评表，当场统计；应到、实到、有效票必须对得上。{grading}")
}

/// The survey's help: the answers of the ballot.
pub fn survey_help() -> String {
    let answers: Vec<&str> = SurveyAnswer::ALL.iter().map(|a| a.label()).collect();
    format!(
        "组织群众对活动进行满意度测评，分{}{}档，无记名填写；满意率达不到要求的，须补课整改后重新测评。",
        answers.join("、"),
        crate::model::analysis::chinese_number(answers.len())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::campaign::Fraction;

    #[test]
    fn help_texts_quote_the_settings_as_they_are() {
        let mut settings = Settings::default();
        assert_eq!(
            talks_help(&settings),
            "坚持“四必谈”。每名党员与党内外至少 5 名同志谈心，党员领导干部至少 10 名；每次谈心填写谈心卡，督导组审阅。"
        );
        assert!(sessions_help(&settings).starts_with("每名党员集中学习不少于 40 学时；"));
        assert!(ballot_help(&settings).ends_with("评定等次的，优秀一般不超过党员总数的三分之一。"));
        settings.talks_required = 3;
        settings.talks_required_cadre = 8;
        settings.required_hours = 32.5;
        settings.excellent_cap = Some(Fraction {
            numerator: 1,
            denominator: 5,
        });
        assert!(talks_help(&settings).contains("至少 3 名同志谈心，党员领导干部至少 8 名；"));
        assert!(sessions_help(&settings).starts_with("每名党员集中学习不少于 32.5 学时；"));
        assert!(ballot_help(&settings).ends_with("优秀一般不超过党员总数的五分之一。"));
        settings.grading = false;
        assert!(ballot_help(&settings).ends_with("本次活动不评定等次（见“设置”）。"));
    }

    #[test]
    fn help_texts_built_from_domain_words_read_as_before() {
        assert_eq!(
            survey_help(),
            "组织群众对活动进行满意度测评，分满意、比较满意、基本满意、不满意四档，无记名填写；满意率达不到要求的，须补课整改后重新测评。"
        );
        assert!(matrix_help().contains("“假”为请假，“缺”为缺席，"));
        assert_eq!(rule_grading_on(), "评定等次（优秀、合格、基本合格、不合格）");
        assert_eq!(save_hint(), "修改后约 2 秒自动保存；Ctrl+S 立即保存");
        assert!(
            backup_explained().contains(
                "自动保存每隔 5 分钟、按 Ctrl+S 和关闭程序时各存一份；保留最近 10 份，以及最近 30 天每天一份。"
            )
        );
    }
}
