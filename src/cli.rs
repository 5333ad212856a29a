//! The command line. Every subcommand uses the same model, store, import
//! and progress code as the window; `import-members`, the one that changes
//! a branch's records, does it through the edit core
//! ([`crate::edit::apply`], the window's import command), so that the
//! window's rules (a closed campaign refuses every edit) hold here too.
//! Nothing here draws.
//!
//! ```text
//! zhibu [FILE]                             open the window
//! zhibu demo --out FILE [--members N]      write the demo branch (set around today)
//! zhibu check FILE                         validate a ledger, print its checklist
//! zhibu import-members FILE SHEET          add a roster sheet's members to a ledger
//! zhibu print DOCUMENT FILE --out OUT.pdf  print a form as PDF (see `zhibu print --help`)
//! zhibu export FILE --out-dir DIR          write the export workbook and export file
//! zhibu county EXPORT... --out F.xlsx      roll up branches' export files and roll-up files
//!                                          (files or folders), checking their signatures
//!                                          (`--accept-key 支部名`); `--rollup FILE --office NAME`
//!                                          writes the roll-up's own signed file too;
//!                                          `--report F.pdf` the county report
//! ```
//!
//! Two hidden subcommands exist for the durability tests (`tests/durability_*.rs`):
//! `save-loop FILE` saves the ledger over and over until killed, and
//! `hold-lock FILE` holds the ledger's lock until killed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::edit::{self, Command};
use crate::model::dates::show;
use crate::model::{Date, Stage};
use crate::progress::{checklist, gate};
use crate::say;
use crate::{demo, import, store};

mod chinese;
mod print_cmd;

/// 支部台账 — 党支部先进性教育活动台账
#[derive(Debug, Parser)]
#[command(name = "zhibu", version, about = "支部台账：党支部先进性教育活动台账（离线）")]
pub struct Cli {
    /// 在窗口中打开的台账文件
    pub file: Option<PathBuf>,
    /// Close the window after this many frames (headless smoke test).
    #[arg(long, hide = true)]
    pub smoke_frames: Option<u32>,
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

impl Cli {
    /// Reads the program's command line with Chinese help; a mistaken one
    /// is said in Chinese and ends the program (exit code 2, as clap's).
    pub fn read() -> Self {
        Self::read_from(std::env::args_os()).unwrap_or_else(|(message, code)| {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            std::process::exit(code)
        })
    }

    /// [`Cli::read`] of `args` (the program's name first): the command, or
    /// what to print (the help page on standard output when the code is
    /// 0, else the mistake) and the exit code.
    pub fn read_from<I, T>(args: I) -> Result<Self, (String, i32)>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::{CommandFactory, FromArgMatches};
        let mut command = chinese::chinese(Self::command());
        let read = command
            .try_get_matches_from_mut(args)
            .and_then(|matches| Self::from_arg_matches(&matches));
        read.map_err(|error| {
            let usage = chinese::usage_of(&error, &mut command);
            match chinese::message(&error, &usage) {
                Some(message) => (message, 2),
                None => {
                    // The help or version page: printed as clap renders it.
                    say!("{}", error.render().to_string().trim_end());
                    (String::new(), 0)
                }
            }
        })
    }
}

/// How far the demo's story goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoStage {
    /// 分析评议进行中
    Appraisal,
    /// 整改提高已做完，尚未验收归档
    Rectification,
}

/// The subcommands (not to be confused with [`crate::edit::Command`], a
/// change to the records).
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// 生成示例支部台账
    Demo {
        /// 输出文件（不会覆盖已有文件）
        #[arg(long)]
        out: PathBuf,
        /// 党员人数（默认 36）
        #[arg(long, default_value_t = demo::DEFAULT_MEMBERS, hide_default_value = true)]
        members: usize,
        /// 示例进行到哪一步：appraisal（分析评议进行中）或 rectification（整改提高已做完、尚未验收归档），默认 appraisal
        #[arg(long, value_enum, default_value_t = DemoStage::Appraisal, hide_default_value = true)]
        stage: DemoStage,
        /// 把示例的日期移到这一天前后（默认今天），如 2027-03-01
        #[arg(long, value_parser = crate::model::dates::parse_date)]
        today: Option<Date>,
        /// 示例县里的第几个支部（0–149）：每个编号有自己的村名、乡镇、党员和数字，0 即红星村支部；生成多个再用 county 汇总，可以看到一个县的样子；默认 0
        #[arg(long, default_value_t = 0, hide_default_value = true)]
        number: u32,
    },
    /// 检查台账文件：打印支部、当前阶段、党员对照检查清单和未完成的检查项（不修改文件）
    Check {
        /// 台账文件
        file: PathBuf,
    },
    /// 把名册表格（xlsx/xls/ods/csv）中的党员导入台账
    ImportMembers {
        /// 台账文件
        file: PathBuf,
        /// 名册表格文件
        sheet: PathBuf,
        /// 工作表名称（默认第一个有内容的工作表）
        #[arg(long)]
        worksheet: Option<String>,
        /// 只显示将导入的内容，不写入
        #[arg(long)]
        dry_run: bool,
        /// 已核对：与名册中同名的“可能重复”的行也作为新党员导入
        #[arg(long)]
        with_duplicates: bool,
    },
    /// 打印表格为 PDF：checklist 党员对照检查清单，member-cards 党员对照检查卡，
    /// sign-in 学习签到表，hours 学时登记表，talk-cards 谈心谈话记录卡，
    /// opinions 征求意见反馈清单，analysis 党性分析材料，appraisal-ballot
    /// 民主评议党员测评表，survey-ballot 群众满意度测评表，commitments 整改承诺书和整改台账
    Print {
        /// 表格
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(print_cmd::DOC_NAMES))]
        document: String,
        /// 台账文件
        file: PathBuf,
        /// 输出的 PDF 文件
        #[arg(long)]
        out: PathBuf,
        /// 只打印这些党员（可重复）
        #[arg(long)]
        member: Vec<String>,
        /// 签到表的学习日期（默认最近一次）
        #[arg(long)]
        session: Option<String>,
        /// 打印空白表格，供手工填写
        #[arg(long)]
        blank: bool,
        /// 党性分析材料（analysis）后附审阅对照：最后两稿的修改，供督导组检查
        #[arg(long)]
        with_comparison: bool,
        /// 已有同名文件时替换它（台账文件永远不会被替换）
        #[arg(long)]
        force: bool,
    },
    /// 导出本支部：写出工作簿（xlsx）和供县先教办汇总的导出文件
    Export {
        /// 台账文件
        file: PathBuf,
        /// 输出文件夹
        #[arg(long)]
        out_dir: PathBuf,
        /// 导出文件中包含全部台账记录（默认只含统计数字）
        #[arg(long)]
        records: bool,
        /// 包含完整的联系电话、身份证号和流动党员联系方式，文字中的号码也不隐去（默认不含，并隐去文字中号码的中间几位）
        #[arg(long)]
        personal: bool,
        /// 文件夹中已有同名的工作簿或导出文件时替换它们（台账文件永远不会被替换）
        #[arg(long)]
        force: bool,
        /// 签名密钥文件损坏无法读取时，生成新的密钥（旧文件改名保留；县先教办会看到本支部换了密钥，需要他们确认）
        #[arg(long)]
        new_key: bool,
    },
    /// 县级汇总：检查多个支部的导出文件和下级的汇总文件（可给文件夹），生成汇总表，可再生成本级的汇总文件交上级
    County {
        /// 导出文件（*.zhibu-export.ron）、汇总文件（*.zhibu-rollup.ron），或含这些文件的文件夹（连同子文件夹）
        #[arg(required = true)]
        exports: Vec<PathBuf>,
        /// 汇总表（xlsx，不会覆盖已有文件，除非加 --force）
        #[arg(long)]
        out: PathBuf,
        /// 已有同名文件时替换它（台账文件和所汇总的导出文件永远不会被替换）
        #[arg(long)]
        force: bool,
        /// 记录各支部公钥的文件（默认为第一个文件夹中的 县级汇总-公钥.ron）
        #[arg(long)]
        keys: Option<PathBuf>,
        /// 确认该支部（或汇总单位）换了新的签名密钥（先电话核对指纹），采用其最新一份文件的密钥（可重复）
        #[arg(long, value_name = "支部名")]
        accept_key: Vec<String>,
        /// 同时生成本级的汇总文件（*.zhibu-rollup.ron，已签名，交上级汇总）；给文件夹则存为其中的 单位-日期.zhibu-rollup.ron
        #[arg(long, value_name = "FILE", requires = "office")]
        rollup: Option<PathBuf>,
        /// 汇总单位的名称（如 中共青山镇委员会），与 --rollup 一起使用
        #[arg(long, value_name = "NAME")]
        office: Option<String>,
        /// 读取各支部导出文件中的台账记录：汇总表和汇总报告中加上意见总账、分账和统计，给了 --rollup 时也放进汇总文件（默认只汇总统计数字）
        #[arg(long)]
        records: bool,
        /// 同时生成汇总报告（PDF：合计、各上级党委和各支部情况、未达要求的支部、图表；加 --records 时含征求意见情况），不会覆盖已有文件，除非加 --force
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
    },
    /// Test only: locks FILE, then saves it again and again with one field
    /// changed, until killed. Before each save it prints
    /// `will <counter> <checksum>`, after it `saved <counter>`, so that a
    /// test that kills it knows every version that may be on disk.
    #[command(hide = true)]
    SaveLoop {
        /// The ledger file (created if missing).
        file: PathBuf,
    },
    /// Test only: locks FILE, then writes its drafts file again and again
    /// (`store::write_drafts`, as the window keeps typed input), until
    /// killed. Before each write it prints `will <n>`, after it `wrote <n>`;
    /// the body of write n is `(text:"第n版…")`.
    #[command(hide = true)]
    DraftsLoop {
        /// The ledger file the drafts belong to.
        file: PathBuf,
    },
    /// Test only: locks FILE, prints `locked`, and sleeps until killed.
    #[command(hide = true)]
    HoldLock {
        /// The ledger file.
        file: PathBuf,
    },
    /// Benchmark only (`benches/p2a_open.sh`, `benches/p2b_libreoffice.sh`): loads FILE as the
    /// window does (read, checksum, parse) and prints how many members,
    /// nothing else.
    #[command(hide = true)]
    Load {
        /// The ledger file.
        file: PathBuf,
    },
}

/// Runs a subcommand, printing what it did; the error is a Chinese message.
pub fn run(command: CliCommand, today: Date) -> Result<(), String> {
    match command {
        CliCommand::Demo {
            out,
            members,
            stage,
            today: chosen,
            number,
        } => demo_command(&out, (members, number), stage, chosen.unwrap_or(today)),
        CliCommand::Check { file } => check_command(&file, today),
        CliCommand::ImportMembers {
            file,
            sheet,
            worksheet,
            dry_run,
            with_duplicates,
        } => import_command(&file, &sheet, worksheet.as_deref(), dry_run, with_duplicates, today),
        CliCommand::Print {
            document,
            file,
            out,
            member,
            session,
            blank,
            with_comparison,
            force,
        } => print_cmd::run(&print_cmd::Args {
            document: &document,
            file: &file,
            out: &out,
            members: &member,
            session: session.as_deref(),
            blank,
            with_comparison,
            force,
            today,
        }),
        CliCommand::Export {
            file,
            out_dir,
            records,
            personal,
            force,
            new_key,
        } => {
            let options = crate::report::ExportOptions {
                include_records: records,
                include_personal: personal,
            };
            crate::report::commands::export_command(&file, &out_dir, options, today, force, new_key)
        }
        CliCommand::County {
            exports,
            out,
            force,
            keys,
            accept_key,
            rollup,
            office,
            records,
            report,
        } => {
            let flags = crate::report::commands::CountyFlags {
                force,
                keys,
                accept: accept_key,
                rollup,
                office,
                records,
                report,
            };
            crate::report::commands::county_command(&exports, &out, &flags)
        }
        CliCommand::SaveLoop { file } => save_loop_command(&file),
        CliCommand::HoldLock { file } => hold_lock_command(&file),
        CliCommand::DraftsLoop { file } => drafts_loop_command(&file),
        CliCommand::Load { file } => {
            let loaded = store::load(&file).map_err(|e| e.to_string())?;
            say!("{} 名党员", loaded.ledger.members.len());
            Ok(())
        }
    }
}

/// Parses the arguments and runs; the exit code says whether it worked.
pub fn main_with(args: Cli) -> ExitCode {
    let today = jiff::Zoned::now().date();
    let result = match args.command {
        Some(command) => run(command, today),
        None => crate::ui::run(args.file, args.smoke_frames),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("错误：{message}");
            ExitCode::FAILURE
        }
    }
}

/// `zhibu demo`: branch `number` of the demo county with `members`
/// members, told around `today`.
fn demo_command(out: &Path, (members, number): (usize, u32), stage: DemoStage, today: Date) -> Result<(), String> {
    if !(1..=20_000).contains(&members) {
        return Err("党员人数应在 1 到 20000 之间".to_owned());
    }
    if number >= demo::COUNTY_BRANCHES {
        return Err(format!("支部编号应在 0 到 {} 之间", demo::COUNTY_BRANCHES - 1));
    }
    // Never over a ledger, its lock or drafts, nor any existing file.
    let rules = crate::report::OutputRules::new();
    rules
        .check(out, crate::report::OutputKind::DemoLedger)
        .map_err(|e| e.to_string())?;
    // The story told around today, so that a record the user adds with
    // today's date falls inside the campaign.
    let chapter = match stage {
        DemoStage::Appraisal => demo::Chapter::Appraisal,
        DemoStage::Rectification => demo::Chapter::Rectification,
    };
    let ledger = demo::around_in_county(members, chapter, today, number)
        .unwrap_or_else(|| demo::around(members, chapter, today))
        .map_err(|e| e.to_string())?;
    let _lock = store::lock_as(out, store::User::CommandLine).map_err(|e| e.to_string())?;
    let saved = store::save(out, &ledger, None).map_err(|e| e.to_string())?;
    // Saved all the same: a warning, not a failure.
    for warning in store::error::save_warnings(out, &saved) {
        eprintln!("警告：{warning}");
    }
    // The ledger's signing key; without it the first export makes one.
    if let Err(e) = store::key::ensure_key(out) {
        eprintln!("警告：{e}");
    }
    say!(
        "已生成示例支部台账：{}，{} 名党员（{}）",
        ledger.branch.name,
        ledger.members.len(),
        out.display()
    );
    Ok(())
}

fn check_command(file: &Path, today: Date) -> Result<(), String> {
    let loaded = store::load(file).map_err(|e| e.to_string())?;
    let ledger = &loaded.ledger;
    say!(
        "支部：{}",
        if ledger.branch.name.is_empty() {
            "（未填写）"
        } else {
            &ledger.branch.name
        }
    );
    say!("活动：{}{}", ledger.campaign.name, ledger.campaign.batch);
    say!("当前阶段：{}", ledger.campaign.stage.title());
    for m in &ledger.campaign.moves {
        say!(
            "  {} 转入{}，批准人 {}{}",
            show(m.date),
            m.to.title(),
            m.approver,
            if m.overrides.is_empty() {
                String::new()
            } else {
                format!("（{} 项未完成经批准）", m.overrides.len())
            }
        );
    }
    say!(
        "文件：第 {} 次保存，保存于 {}",
        loaded.header.counter,
        loaded.header.saved_at
    );
    say!();
    let list = checklist(ledger);
    let roll = crate::progress::Roll::of(ledger);
    let departed = roll.departed_note().map(|note| format!("，{note}")).unwrap_or_default();
    say!("党员对照检查清单（在册 {} 人{departed}）", list.rows.len());
    let mut header = format!("{:<8}", "姓名");
    for c in &list.columns {
        header.push('\t');
        header.push_str(c.title());
    }
    say!("{header}");
    for row in &list.rows {
        let mut line = format!("{:<8}", row.name);
        for cell in &row.cells {
            let mark = match cell.done {
                Some(true) => "✓",
                Some(false) => "×",
                None => "",
            };
            line.push('\t');
            line.push_str(&format!("{mark}{}", cell.text));
        }
        say!("{line}");
    }
    let totals: Vec<String> = list
        .columns
        .iter()
        .zip(list.totals())
        .map(|(c, (met, all))| format!("{} {met}/{all}", c.title()))
        .collect();
    say!("合计：{}", totals.join("，"));
    say!();
    // The same lines as the export workbook's 汇总, so that a figure read
    // here is the figure sent to the county.
    say!("统计数字（与导出工作簿的“汇总”相同）");
    for line in crate::report::summary::lines(&crate::progress::figures(ledger, today)) {
        say!("{}\t{}\t{}", line.section, line.label, line.value.text());
    }
    say!();
    let mut unmet_total = 0;
    // Looked up once, not by scanning the roster for each unmet item.
    let names = ledger.member_names();
    for stage in Stage::STEPS.into_iter().filter(|s| *s <= ledger.campaign.stage) {
        let g = gate(ledger, stage, today);
        if let Some(coming) = g.not_yet_checked {
            say!("{}回头看：{coming}", stage.title());
            continue;
        }
        for check in g.checks.iter().filter(|c| !c.is_met()) {
            say!("{}回头看未完成：{}", stage.title(), check.label);
            for item in &check.unmet {
                unmet_total += 1;
                let who = item
                    .member
                    .map(|id| format!("{}：", names.name(id)))
                    .unwrap_or_default();
                say!("  - {who}{}", item.what);
            }
        }
    }
    if unmet_total == 0 {
        say!("各阶段检查项均已完成。");
    } else {
        say!("共 {unmet_total} 项未完成。");
    }
    Ok(())
}

fn import_command(
    file: &Path,
    sheet: &Path,
    worksheet: Option<&str>,
    dry_run: bool,
    with_duplicates: bool,
    today: Date,
) -> Result<(), String> {
    // No lock file, and no folder, beside a file that is not a ledger.
    let lock = if dry_run {
        None
    } else {
        let lock = store::lock_ledger(file, store::User::CommandLine).map_err(|e| e.to_string())?;
        let lock = lock.map_err(|e| e.to_string())?;
        // A save killed half-way (a window's or an earlier command's)
        // leaves a temp file; ours to remove while we hold the lock.
        if let Err(err) = store::clean_temp_files(&lock) {
            eprintln!("警告：{err}");
        }
        Some(lock)
    };
    let loaded = store::load(file).map_err(|e| e.to_string())?;
    let mut ledger = loaded.ledger;
    let table = import::read_sheet(sheet, worksheet).map_err(|e| e.to_string())?;
    let preview = import::preview(&table, &ledger.members, today).map_err(|e| e.to_string())?;
    if let Some(note) = table.sheet_note() {
        say!("{note}（可用 --worksheet 指定）。");
    }
    say!("工作表“{}”，表头在{}。", table.sheet, preview.header_lines());
    say!("{}。", preview.summary());
    print_import_preview(&preview, &ledger.members, with_duplicates);
    let (added, updated) = (preview.to_add(with_duplicates), preview.to_update());
    let (n_added, n_updated) = (added.len(), updated.len());
    if dry_run {
        say!("可以新增 {n_added} 名、更新 {n_updated} 名党员（未写入，--dry-run）。");
        return Ok(());
    }
    // The window's import command: refused, as there, when the campaign is
    // closed; possible duplicates are left for the secretary unless
    // told otherwise (--with-duplicates, the window's tick box).
    edit::apply(&mut ledger, Command::ImportMembers { added, updated })?;
    if n_added + n_updated > 0 {
        let saved = store::save(file, &ledger, Some(&loaded.header)).map_err(|e| e.to_string())?;
        // Saved all the same: a warning, not a failure.
        for warning in store::error::save_warnings(file, &saved) {
            eprintln!("警告：{warning}");
        }
    }
    drop(lock);
    say!("已新增 {n_added} 名、更新 {n_updated} 名党员（{}）。", file.display());
    Ok(())
}

/// The preview's groups, one row a line, as the window lists them.
fn print_import_preview(preview: &import::Preview, existing: &[crate::model::Member], with_duplicates: bool) {
    let line = |row: &import::PreviewRow, extra: Option<String>| {
        let notes: Vec<String> = extra.into_iter().chain(row.warnings.iter().cloned()).collect();
        if notes.is_empty() {
            say!("  {}", row.heading());
        } else {
            say!("  {}：{}", row.heading(), notes.join("；"));
        }
    };
    let groups: [(&str, Vec<&import::PreviewRow>); 4] = [
        ("新增", preview.new_rows().collect()),
        ("更新", preview.update_rows().collect()),
        ("相同（不变）", preview.same_rows().collect()),
        (
            if with_duplicates {
                "可能重复（已核对，作为新党员导入）"
            } else {
                "可能重复（不导入，请核对；确认不是同一人时加 --with-duplicates）"
            },
            preview.duplicate_rows().collect(),
        ),
    ];
    for (title, rows) in groups {
        if rows.is_empty() {
            continue;
        }
        say!("{title} {} 人：", rows.len());
        for row in rows {
            let extra = match &row.matched {
                import::Match::Update { changes, .. } => {
                    Some(changes.iter().map(ToString::to_string).collect::<Vec<_>>().join("，"))
                }
                _ => row.duplicate_note(existing),
            };
            line(row, extra);
        }
    }
    if !preview.not_members.is_empty() {
        say!("不是党员的行 {} 行（不导入）：", preview.not_members.len());
        for row in &preview.not_members {
            say!("  第 {} 行（{}）：{}", row.line, row.kind, row.text);
        }
    }
    if !preview.skipped.is_empty() {
        say!("无法读取 {} 行（不导入）：", preview.skipped.len());
        for skipped in &preview.skipped {
            say!("  {}", skipped.reason);
        }
    }
}

/// Saves `file` until killed (see [`CliCommand::SaveLoop`]).
fn save_loop_command(file: &Path) -> Result<(), String> {
    use std::io::Write;
    let _lock = store::lock_as(file, store::User::CommandLine).map_err(|e| e.to_string())?;
    let (mut ledger, mut header) = match store::load(file) {
        Ok(loaded) => (loaded.ledger, Some(loaded.header)),
        Err(store::LoadError::NotFound { .. }) => {
            let mut ledger = crate::model::Ledger::default();
            ledger.branch.name = "保存测试党支部".to_owned();
            (ledger, None)
        }
        Err(e) => return Err(e.to_string()),
    };
    let mut out = std::io::stdout().lock();
    // As the window's autosave: with the memory of the last save (parts
    // reused, no full re-read of a file untouched since), so that the kill
    // test covers that path too; a backup every time, as the test expects.
    let mut memory = store::SaveMemory::default();
    loop {
        let counter = header.as_ref().map_or(1, |h| h.counter + 1);
        ledger.branch.secretary = format!("第{counter}任书记");
        let text = store::to_text(&ledger, counter).map_err(|e| e.to_string())?;
        let checksum = store::from_text(&text, file)
            .map_err(|e| e.to_string())?
            .header
            .checksum;
        writeln!(out, "will {counter} {checksum}").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        let saved = store::save_with(file, &ledger, header.as_ref(), &mut memory, store::KeepBackup::Yes)
            .map_err(|e| e.to_string())?;
        saved.backup.map_err(|e| e.to_string())?;
        writeln!(out, "saved {}", saved.header.counter).map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        header = Some(saved.header);
    }
}

/// Writes the drafts of `file` until killed (see [`CliCommand::DraftsLoop`]).
fn drafts_loop_command(file: &Path) -> Result<(), String> {
    use std::io::Write;
    let _lock = store::lock_as(file, store::User::CommandLine).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    // A few kilobytes, as a party-spirit analysis being typed.
    let filler = "对照党章查找差距，".repeat(300);
    for n in 1u64.. {
        writeln!(out, "will {n}").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        let body = format!("(text:\"第{n}版{filler}\")");
        store::write_drafts(file, &body, Some(n)).map_err(|e| e.to_string())?;
        writeln!(out, "wrote {n}").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Holds the lock of `file` until killed (see [`CliCommand::HoldLock`]).
fn hold_lock_command(file: &Path) -> Result<(), String> {
    let _lock = store::lock_as(file, store::User::CommandLine).map_err(|e| e.to_string())?;
    say!("locked");
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
