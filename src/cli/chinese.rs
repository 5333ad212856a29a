//! The command line in Chinese: clap writes its help page and its errors
//! in English ("Usage", "Arguments", "Options", "Print help", "error:
//! unexpected argument"). The command is read through [`read`], which
//! gives every command and subcommand Chinese headings and help and
//! version flags, and says a mistaken command line in a Chinese sentence
//! with the usage and where to find help — for a secretary who typed
//! `zhibu.exe` into a window she found in the 使用说明.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The help page's layout with Chinese headings (clap's `{all-args}`
/// takes its headings from each argument, set in [`chinese`]).
const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// `command` and all its subcommands with Chinese help: headings 命令 /
/// 参数 / 选项, `-h, --help` 显示帮助, `-V, --version` 显示版本号, no
/// English `help` subcommand, the possible values left to each argument's
/// own help.
pub fn chinese(command: Command) -> Command {
    let top = command.get_version().is_some();
    let mut command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if top {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号")
                .help_heading("选项"),
        );
    }
    command
        .mut_args(|arg| {
            let heading = if arg.is_positional() { "参数" } else { "选项" };
            let takes_values = arg.get_action().takes_values();
            arg.help_heading(heading).hide_possible_values(takes_values)
        })
        .mut_subcommands(chinese)
}

/// What is wrong with the command line, in Chinese, with the usage and a
/// pointer to the help. `None` for the help and version pages, which are
/// not mistakes.
pub fn message(error: &clap::Error, usage: &str) -> Option<String> {
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join("、"),
        _ => String::new(),
    };
    let what = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        ErrorKind::UnknownArgument => format!("无法识别的参数“{}”", context(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => format!("没有“{}”这个命令", context(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            let valid = if valid.is_empty() {
                String::new()
            } else {
                format!("（可取：{valid}）")
            };
            format!(
                "“{}”不是 {} 可取的值{valid}",
                context(ContextKind::InvalidValue),
                context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("缺少 {}", context(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand => "缺少命令".to_owned(),
        ErrorKind::ArgumentConflict => format!(
            "{} 不能与 {} 同时使用",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        ErrorKind::ValueValidation => format!(
            "“{}”不是 {} 可取的值",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::TooManyValues => {
            format!("{} 给了太多的值", context(ContextKind::InvalidArg))
        }
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{} 的值个数不对", context(ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals => format!("{} 须写成“参数=值”", context(ContextKind::InvalidArg)),
        ErrorKind::InvalidUtf8 => "参数中有无法识别的字符".to_owned(),
        _ => {
            // Kinds added by a later clap: the reason in clap's own words.
            let text = error.render().to_string();
            let first = text.lines().next().unwrap_or_default().trim_start_matches("error: ");
            format!("命令行有误（{first}）")
        }
    };
    Some(format!("命令行有误：{what}。\n\n用法：{usage}\n\n详见 zhibu --help"))
}

/// The usage line of the (sub)command the error is about, without clap's
/// "Usage:" heading.
pub fn usage_of(error: &clap::Error, command: &mut Command) -> String {
    let usage = match error.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => usage.to_string(),
        _ => command.render_usage().to_string(),
    };
    usage.trim().trim_start_matches("Usage:").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_chinese_command_line_passes_clap_s_own_checks() {
        super::chinese(crate::cli::Cli::command()).debug_assert();
    }
}
