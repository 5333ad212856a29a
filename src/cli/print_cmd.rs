//! `zhibu print DOCUMENT FILE --out OUT.pdf [--force]`: the same layout and
//! PDF as the 打印 screen, without a window. OUT.pdf is never a ledger (FILE
//! least of all), and an existing file is replaced only with `--force`
//! ([`crate::report::output_path`]).

use std::path::Path;

use crate::model::Date;
use crate::model::dates::parse_date;
use crate::report::pdf::{self, Doc, Request};
use crate::report::{OutputKind, OutputRules};
use crate::say;
use crate::store;

/// The document names `zhibu print` accepts, as in [`Doc::cli_name`].
pub const DOC_NAMES: [&str; 10] = [
    "checklist",
    "member-cards",
    "sign-in",
    "hours",
    "talk-cards",
    "opinions",
    "analysis",
    "appraisal-ballot",
    "survey-ballot",
    "commitments",
];

/// The arguments of `zhibu print`.
pub struct Args<'a> {
    pub document: &'a str,
    pub file: &'a Path,
    pub out: &'a Path,
    pub members: &'a [String],
    pub session: Option<&'a str>,
    pub blank: bool,
    /// After each 党性分析材料, the 审阅对照 of its last two drafts.
    pub with_comparison: bool,
    /// Replace an existing OUT.pdf (never a ledger).
    pub force: bool,
    pub today: Date,
}

/// Prints the document; the error is a Chinese message.
pub fn run(args: &Args<'_>) -> Result<(), String> {
    let doc = Doc::from_cli_name(args.document).ok_or_else(|| format!("没有这种表格：{}", args.document))?;
    let loaded = store::load(args.file).map_err(|e| e.to_string())?;
    let ledger = &loaded.ledger;
    if args.with_comparison && doc != Doc::Analysis {
        return Err(format!(
            "只有党性分析材料（analysis）可以附审阅对照，{}没有这一项",
            doc.title()
        ));
    }
    if args.with_comparison && args.blank {
        return Err("空白表格没有稿件可以对照，请去掉 --blank 或 --with-comparison".to_owned());
    }
    let mut request = Request::new(doc, args.today);
    request.blank = args.blank;
    request.with_comparison = args.with_comparison;
    for name in args.members {
        let found: Vec<_> = ledger.members.iter().filter(|m| m.name == name.trim()).collect();
        match found.as_slice() {
            [] => return Err(format!("名册中没有党员“{name}”")),
            [one] => request.members.push(one.id),
            _ => return Err(format!("名册中有 {} 名党员叫“{name}”，请在窗口中选择", found.len())),
        }
    }
    if let Some(text) = args.session {
        let date = parse_date(text)?;
        let session = ledger
            .study
            .sessions
            .iter()
            .find(|s| s.date == date)
            .ok_or_else(|| format!("{} 没有学习记录", pdf::show_date(date)))?;
        request.session = Some(session.id);
    }
    let rules = OutputRules::command_line(args.force).from_ledger(args.file);
    // Before the layout, so that a wrong --out is said at once; the writer
    // checks again.
    rules.check(args.out, OutputKind::Pdf).map_err(|e| e.to_string())?;
    let layout = pdf::layout(ledger, &request, &|_| {}).map_err(|e| e.to_string())?;
    if !layout.missing_chars.is_empty() {
        let chars: String = layout.missing_chars.iter().collect();
        eprintln!("注意：字体中没有这些字，已印为空框：{chars}");
    }
    let bytes = pdf::render::pdf(&layout).map_err(|e| e.to_string())?;
    pdf::write_pdf(args.out, &bytes, &rules).map_err(|e| e.to_string())?;
    say!(
        "已生成{}，共 {} 页（{}）",
        layout.title,
        layout.pages.len(),
        args.out.display()
    );
    Ok(())
}
